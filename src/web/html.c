/* html.c — the escaping HTML builder; see html.h. */
#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_text(buf *b, const char *t)
{
	for (const char *p = t ? t : ""; *p; p++) {
		switch (*p) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		case '\'': buf_adds(b, "&#39;"); break;
		default: buf_addc(b, *p);
		}
	}
}

void html_raw(buf *b, const char *markup)
{
	buf_adds(b, markup);
}

void html_begin(buf *b, const char *title)
{
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
	html_text(b, title);
	buf_adds(b, "</title></head><body>\n");
}

void html_end(buf *b)
{
	buf_adds(b, "</body></html>\n");
}

void html_url(buf *b, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~')
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

void html_option(buf *b, const char *value, const char *label, const char *current)
{
	buf_adds(b, "<option value=\"");
	html_text(b, value);
	buf_adds(b, current && !strcmp(current, value) ? "\" selected>" : "\">");
	html_text(b, label);
	buf_adds(b, "</option>");
}

void html_f(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			/* a run of markup up to the next conversion */
			const char *q = strchr(p, '%');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			buf_add(b, p, n);
			p += n - 1;
			continue;
		}
		p++;
		int url = 0, longs = 0, size = 0;
		if (*p == '-') {
			url = 1;
			p++;
		}
		while (*p == 'l') {
			longs++;
			p++;
		}
		if (*p == 'z') {
			size = 1;
			p++;
		}
		if (*p == '%' && !url && !longs && !size) {
			buf_addc(b, '%');
		} else if (*p == 's' && !longs && !size) {
			const char *v = va_arg(ap, const char *);
			if (url)
				html_url(b, v);
			else
				html_text(b, v);
		} else if (*p == 'd' && !url && !size) {
			if (longs == 0)
				buf_printf(b, "%d", va_arg(ap, int));
			else if (longs == 1)
				buf_printf(b, "%ld", va_arg(ap, long));
			else
				buf_printf(b, "%lld", va_arg(ap, long long));
		} else if (*p == 'u' && !url) {
			if (size)
				buf_printf(b, "%zu", va_arg(ap, size_t));
			else if (longs == 0)
				buf_printf(b, "%u", va_arg(ap, unsigned));
			else if (longs == 1)
				buf_printf(b, "%lu", va_arg(ap, unsigned long));
			else
				buf_printf(b, "%llu", va_arg(ap, unsigned long long));
		} else {
			/* printf would take it, html_f does not: a page's bug */
			fprintf(stderr, "html_f: unsupported conversion in \"%s\"\n", fmt);
			abort();
		}
	}
	va_end(ap);
}
