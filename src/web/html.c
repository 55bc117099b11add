/* html.c — the escaping HTML builder; see html.h. */
#include "web/html.h"

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
