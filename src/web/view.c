/* view.c — shared page pieces; see view.h. */
#include "web/view.h"

#include <string.h>

#include "web/html.h"

const char *view_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *view_status_sv(const char *s)
{
	return !s ? "" : !strcmp(s, "open") ? "Öppet" : !strcmp(s, "decided") ? "Beslutat"
		: !strcmp(s, "closed") ? "Avslutat" : s;
}

const char *view_direction_sv(const char *d)
{
	return !d ? "" : !strcmp(d, "in") ? "Inkommande" : !strcmp(d, "out") ? "Utgående"
		: !strcmp(d, "internal") ? "Upprättad" : d;
}

void view_title_cell(buf *b, json_t *rec)
{
	const char *title = view_str(rec, "title"), *mark = view_str(rec, "disposed");
	html_raw(b, "<td>");
	html_text(b, title);
	if (mark) {
		html_raw(b, title && *title ? " <span class=\"disposed\">" : "<span class=\"disposed\">");
		html_text(b, mark);
		html_raw(b, "</span>");
	}
	html_raw(b, "</td>");
}

void view_csv_cell(buf *b, const char *v, int last)
{
	buf_addc(b, '"');
	for (const char *p = v ? v : ""; *p; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_adds(b, last ? "\"\r\n" : "\";");
}

void view_keep_query(buf *b, request *r, const char *org, const char *const *keys, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const char *v = !strcmp(keys[k], "org") ? org : req_query(r, keys[k]);
		if (v && *v) {
			buf_adds(b, "&amp;");
			buf_adds(b, keys[k]);
			buf_addc(b, '=');
			html_url(b, v);
		}
	}
}

void view_cell(buf *b, const char *text)
{
	buf_adds(b, "<td>");
	html_text(b, text);
	buf_adds(b, "</td>");
}

void view_number_cell(buf *b, const char *page, const char *org, const char *number)
{
	buf_adds(b, "<td><a href=\"/");
	buf_adds(b, page);
	buf_adds(b, "?org=");
	html_url(b, org);
	buf_adds(b, "&amp;nr=");
	html_url(b, number);
	buf_adds(b, "\">");
	html_text(b, number);
	buf_adds(b, "</a></td>");
}
