/* html.c — the escaping HTML builder; see html.h. */
#include "web/html.h"

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
