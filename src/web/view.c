/* view.c — shared page pieces; see view.h. */
#include "web/view.h"

#include <string.h>

#include "util/csv.h"
#include "web/form_state.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/respond.h"

const char *view_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

const char *view_status_sv(const char *s)
{
	return !s ? "" : !strcmp(s, "open") ? N_("Öppet") : !strcmp(s, "decided") ? N_("Beslutat")
		: !strcmp(s, "closed") ? N_("Avslutat") : s;
}

void view_status_tag(buf *b, const char *s)
{
	/* the class names are the program's own codes, never the stored text */
	const char *cls = !s ? "" : !strcmp(s, "open") ? "tag-open" : !strcmp(s, "decided") ? "tag-decided"
		: !strcmp(s, "closed") ? "tag-closed" : "";
	html_f(b, "<span class=\"tag %s\">%s</span>", cls, _(view_status_sv(s)));
}

void view_status_cell(buf *b, const char *s)
{
	html_f(b, "<td>");
	view_status_tag(b, s);
	html_f(b, "</td>");
}

void view_meeting_tag(buf *b, const char *s)
{
	const char *const names[][3] = {
		{ "planned", "tag-planned", _("Planerat") }, { "called", "tag-called", _("Kallat") },
		{ "held", "tag-held", _("Protokoll upprättat") }, { "adjusted", "tag-adjusted", _("Justerat") },
	};
	for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i][0])) {
			html_f(b, "<span class=\"tag %s\">%s</span>", names[i][1], names[i][2]);
			return;
		}
	html_f(b, "<span class=\"tag\">%s</span>", s);
}

void view_secrecy_tag(buf *b, const char *secrecy, const char *legal_ground)
{
	if (!secrecy || !strcmp(secrecy, "none"))
		return;
	html_f(b, "<span class=\"tag tag-secret\">%s</span> %s", !strcmp(secrecy, "full") ? _("Sekretess") : _("Delvis sekretess"),
	       legal_ground);
}

const char *view_direction_sv(const char *d)
{
	return !d ? "" : !strcmp(d, "in") ? N_("Inkommande") : !strcmp(d, "out") ? N_("Utgående")
		: !strcmp(d, "internal") ? N_("Upprättad") : d;
}

void view_title_cell(buf *b, json_t *rec)
{
	const char *title = view_str(rec, "title"), *mark = view_str(rec, "disposed");
	html_f(b, "<td>%s", title);
	if (mark)
		html_f(b, "%s<span class=\"disposed\">%s</span>", title && *title ? " " : "", mark);
	html_f(b, "</td>");
}

void view_csv_cell(buf *b, const char *v, int last)
{
	buf_addc(b, '"');
	if (csv_needs_guard(v))
		buf_addc(b, '\''); /* shown as text, never run as a formula */
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

void view_number_link(buf *b, const char *page, const char *org, const char *number)
{
	buf_adds(b, "<a href=\"/");
	buf_adds(b, page);
	buf_adds(b, "?org=");
	html_url(b, org);
	buf_adds(b, "&amp;nr=");
	html_url(b, number);
	buf_adds(b, "\">");
	html_text(b, number);
	buf_adds(b, "</a>");
}

void view_number_cell(buf *b, const char *page, const char *org, const char *number)
{
	buf_adds(b, "<td>");
	view_number_link(b, page, org, number);
	buf_adds(b, "</td>");
}

void view_file_link(buf *b, const char *org, const char *record, const char *name, const char *label)
{
	html_f(b, "<a href=\"/fil?org=%-s&amp;nr=%-s&amp;namn=%-s\">%s</a>", org, record, name, label);
}

void view_ok(buf *b, const char *text)
{
	html_f(b, "<p class=\"ok\" role=\"status\">%s</p>", text);
}

void view_alert(buf *b, const char *text)
{
	html_f(b, "<p class=\"error\" role=\"alert\">%s</p>", text);
}

void view_flash(buf *b, request *r)
{
	const char *msg = req_query(r, "klart");
	if (msg)
		view_ok(b, msg);
}

void view_hidden(buf *b, const char *name, const char *value)
{
	html_f(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, value);
}

void view_form_fields(buf *b, request *r, const char *org)
{
	layout_csrf(b, r);
	view_hidden(b, "org", org);
}

void view_form_begin(buf *b, request *r, const char *action, const char *cls, const char *org)
{
	html_f(b, "<form method=\"post\" action=\"%s", action);
	if (cls)
		html_f(b, "\" class=\"%s", cls);
	html_f(b, "\">");
	view_form_fields(b, r, org);
}

void view_action_form(buf *b, request *r, const char *action, const char *cls, const char *org, const char *atgard)
{
	view_form_begin(b, r, action, cls, org);
	view_hidden(b, "atgard", atgard);
}

void view_mask_boxes(buf *b, request *r, const struct mask_choice *choices, size_t n)
{
	for (size_t m = 0; m < n; m++)
		html_f(b, "<p><input type=\"checkbox\" name=\"maskera\" id=\"maskera-%s\" value=\"%s\"%s> "
		       "<label for=\"maskera-%s\">%s</label></p>", choices[m].field, choices[m].field,
		       req_form_has(r, "maskera", choices[m].field) ? " checked" : "", choices[m].field, _(choices[m].label));
}

void view_masked_fields(request *r, const struct mask_choice *choices, size_t n, char *out, size_t len)
{
	size_t used = 0;
	*out = '\0';
	for (size_t m = 0; m < n && used < len; m++)
		if (req_form_has(r, "maskera", choices[m].field))
			used += (size_t)snprintf(out + used, len - used, "%s%s", used ? "," : "", choices[m].field);
}

void view_input(buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
                int required)
{
	html_f(b, "<p><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\"", id, label, id, name, type);
	if (value)
		html_f(b, " value=\"%s\"", value);
	html_f(b, required ? " required></p>" : "></p>");
}

void view_options(buf *b, json_t *rows, const char *value_key, const char *label_key, const char *current)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		html_option(b, view_str(row, value_key), view_str(row, label_key), current);
}

void view_table_begin(buf *b, const char *caption, const char *const *columns, size_t n)
{
	/* the wrapper scrolls a table wider than the screen by itself, so
	 * that the page never scrolls sideways; it can take the focus, so
	 * that a keyboard can scroll it too (WCAG 2.1.1) */
	html_f(b, "<div class=\"table-wrap\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table><caption>%s"
	       "</caption><thead><tr>", caption, caption);
	for (size_t i = 0; i < n; i++)
		html_f(b, "<th scope=\"col\">%s</th>", columns[i]);
	html_f(b, "</tr></thead><tbody>");
}

void view_table_end(buf *b)
{
	html_f(b, "</tbody></table></div>\n");
}

void view_meta(buf *b, const char *label, const char *value)
{
	html_f(b, "<dt>%s</dt><dd>%s</dd>", label, value);
}

enum MHD_Result view_done(request *r, const char *path, const char *org, const char *key, const char *value,
                          const char *done)
{
	buf loc = BUF_INIT;
	buf_adds(&loc, path);
	buf_adds(&loc, "?org=");
	html_url(&loc, org);
	if (key && value) {
		buf_printf(&loc, "&%s=", key);
		html_url(&loc, value);
	}
	if (done) {
		buf_adds(&loc, "&klart=");
		html_url(&loc, done);
	}
	enum MHD_Result ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	return ret;
}

void view_pager_begin(buf *b, const char *path, long page, int more, const char *query)
{
	html_f(b, "<nav class=\"pager\" aria-label=\"%s\">", _("Sidor"));
	if (page > 1)
		buf_printf(b, "<a href=\"%s?sida=%ld%s\">%s</a>", path, page - 1, query ? query : "", _("Föregående sida"));
	if (more)
		buf_printf(b, "<a href=\"%s?sida=%ld%s\">%s</a>", path, page + 1, query ? query : "", _("Nästa sida"));
}

/* One page's link; the current page is marked, not linked. */
static void pager_link(buf *b, const char *path, long n, long page, const char *query)
{
	if (n == page)
		html_f(b, "<li><span aria-current=\"page\">%ld</span></li>", n);
	else {
		/* query is view_keep_query's markup: its values are encoded already */
		buf_printf(b, "<li><a href=\"%s?sida=%ld%s\">%ld</a></li>", path, n, query ? query : "", n);
	}
}

void view_pager(buf *b, const char *path, long page, long per_page, long long total, const char *query)
{
	long last = total > 0 ? (long)((total + per_page - 1) / per_page) : 1;
	long long first_row = (long long)(page - 1) * per_page + 1, last_row = (long long)page * per_page;
	if (last_row > total)
		last_row = total;
	html_f(b, _("<nav class=\"pager\" aria-label=\"Sidor\"><p>Sida %ld av %ld. "), page, last);
	if (first_row <= last_row)
		html_f(b, _("Visar %lld–%lld av %lld.</p><ul>"), first_row, last_row, total);
	else
		html_f(b, _("Träffar: %lld.</p><ul>"), total);
	if (page > 1)
		buf_printf(b, _("<li><a href=\"%s?sida=%ld%s\" rel=\"prev\">Föregående</a></li>"), path,
		           page - 1 > last ? last : page - 1, query ? query : "");
	/* the first, the last, and two either side of this page; gaps as … */
	long prev = 0;
	for (long n = 1; n <= last; n++) {
		if (n != 1 && n != last && (n < page - 2 || n > page + 2))
			continue;
		if (n > prev + 1)
			html_f(b, "<li aria-hidden=\"true\">…</li>");
		pager_link(b, path, n, page, query);
		prev = n;
	}
	if (page < last)
		buf_printf(b, _("<li><a href=\"%s?sida=%ld%s\" rel=\"next\">Nästa</a></li>"), path, page + 1,
		           query ? query : "");
	html_f(b, "</ul></nav>\n");
}

int view_csv_upload(request *r, const char *field, buf *data, enum MHD_Result *ret)
{
	req_field *file;
	if (req_files(r, field, &file, 1) != 1) {
		kerr e = KERR_INIT;
		kerr_field(&e, KERR_INVALID, field, KWHY_REQUIRED, "no file");
		if (!form_state_refuse(r, &e, N_("Välj en CSV-fil att läsa in."), 422, ret))
			*ret = web_error_page(r, 422, N_("Välj en CSV-fil att läsa in."));
		return -1;
	}
	if (buf_read_file(data, file->tmp_path)) {
		buf_free(data);
		*ret = web_error_page(r, 500, N_("Filen kunde inte läsas."));
		return -1;
	}
	return 0;
}

void view_org_links(buf *b, json_t *orgs, const char *page)
{
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		html_f(b, "<li><a href=\"%s?org=%-s\">%s</a></li>", page, view_str(o, "code"), view_str(o, "name"));
}
