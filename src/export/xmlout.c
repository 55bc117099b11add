/* xmlout.c — xmlTextWriter into memory, dates and hrefs; see xmlout.h. */
#include "export/xmlout.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct xw {
	xmlBufferPtr mem;
	xmlTextWriterPtr w;
	int failed;
};

#define X(s) ((const xmlChar *)(s))
#define CHECK(w, call) do { if ((call) < 0) (w)->failed = 1; } while (0)

xw *xw_new(void)
{
	xw *w = calloc(1, sizeof *w);
	if (!w || !(w->mem = xmlBufferCreate()) || !(w->w = xmlNewTextWriterMemory(w->mem, 0)))
		abort();
	xmlTextWriterSetIndent(w->w, 1);
	xmlTextWriterSetIndentString(w->w, X("  "));
	CHECK(w, xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL));
	return w;
}

void xw_start(xw *w, const char *name)
{
	CHECK(w, xmlTextWriterStartElement(w->w, X(name)));
}

void xw_ns(xw *w, const char *prefix, const char *uri)
{
	char name[64];
	snprintf(name, sizeof name, prefix ? "xmlns:%s" : "xmlns", prefix);
	CHECK(w, xmlTextWriterWriteAttribute(w->w, X(name), X(uri)));
}

void xw_attr(xw *w, const char *name, const char *value)
{
	if (value)
		CHECK(w, xmlTextWriterWriteAttribute(w->w, X(name), X(value)));
}

void xw_attr_int(xw *w, const char *name, int64_t v)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)v);
	xw_attr(w, name, n);
}

void xw_text(xw *w, const char *text)
{
	CHECK(w, xmlTextWriterWriteString(w->w, X(text)));
}

void xw_end(xw *w)
{
	CHECK(w, xmlTextWriterEndElement(w->w));
}

void xw_elem(xw *w, const char *name, const char *text)
{
	if (text)
		CHECK(w, xmlTextWriterWriteElement(w->w, X(name), X(text)));
}

int xw_finish(xw *w, buf *out)
{
	CHECK(w, xmlTextWriterEndDocument(w->w));
	xmlFreeTextWriter(w->w); /* flushes into mem */
	int failed = w->failed;
	if (!failed)
		buf_add(out, xmlBufferContent(w->mem), (size_t)xmlBufferLength(w->mem));
	xmlBufferFree(w->mem);
	free(w);
	return failed ? -1 : 0;
}

void xml_datetime(int64_t us, char out[32])
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	char tz[8];
	strftime(tz, sizeof tz, "%z", &tm); /* +0100 -> +01:00 */
	char base[24];
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, 32, "%s%.3s:%.2s", base, tz, tz + 3);
}

void xml_date(const char *date, char out[32])
{
	snprintf(out, 32, "%.10sT00:00:00", date);
}

void xml_href(buf *out, const char *path)
{
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			buf_addc(out, (char)*p);
		else
			buf_printf(out, "%%%02X", *p);
	}
}
