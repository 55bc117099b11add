/*
 * page_public.c — the public registry for citizens and journalists: no
 * login, no tracking cookies. Browse an organisation's registrations by
 * series, class, direction and date, as HTML, an Atom feed (libxml2) or
 * JSON open data, all from core/public.c, which decides what is public.
 * Pages carry an ETag of their content so caches and feed readers can ask
 * cheaply; listing is rate limited per client address.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/public.h"
#include "util/timeutil.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/public_page.h"
#include "web/respond.h"
#include "web/search_text.h"
#include "web/view.h"

/* 1 when text ends in a record's "-N" after the year's '/'. */
static int is_record_number(const char *text)
{
	const char *slash = strchr(text, '/');
	return slash && strchr(slash, '-') != NULL;
}

/* The filters and page of the registry's query string into f, for pages
 * of per_page rows; with peek, one row more is asked for, to learn whether
 * there is a next page (the HTML list's "Nästa"), and not shown. 0, or
 * KERR_INVALID with a Swedish message in e for a page that is no page. */
static int read_filter(request *r, public_filter *f, int per_page, int peek, int64_t *pageno, kerr *e)
{
	*pageno = 1;
	int rc = req_int(r, "sida", 1, 10000, pageno, e);
	f->series = req_query(r, "serie");
	f->direction = req_query(r, "riktning");
	f->class_code = req_query(r, "klass");
	f->from = req_query(r, "fran");
	f->to = req_query(r, "till");
	f->query = req_query(r, "q");
	f->limit = per_page + (peek ? 1 : 0);
	/* pages follow each other by the rows shown, never by the row peeked
	 * at: the feeds, which show all they ask for, would repeat one */
	f->offset = (int)(*pageno - 1) * per_page;
	return rc == REQ_ABSENT ? 0 : rc;
}

/* PAGE: GET /offentlig  access: public */
enum MHD_Result page_public_index(request *r)
{
	kerr e = KERR_INIT;
	json_t *orgs = public_organisations(r->k, &e);
	if (!orgs)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Offentlig diarieförteckning"));
	html_f(&b, _("<h1>Offentlig diarieförteckning</h1>\n<p>Här kan vem som helst se vilka allmänna handlingar "
	       "som registrerats. Uppgifter som omfattas av sekretess visas inte. Du behöver inte logga in "
	       "och vi sparar inga spårningskakor.</p>\n<ul>"));
	public_org_links(&b, r, orgs, "/offentlig/diarium");
	html_f(&b, _("</ul>\n<p><a href=\"/offentlig/logg%s\">Så kan du kontrollera att diariet aldrig skrivs om</a></p>\n"), layout_lang_query(r));
	json_decref(orgs);
	layout_end_r(&b, r);
	return web_html(r, 200, &b);
}

/* The registry's filter form, with the values asked for. */
static void registry_filters(buf *b, const request *r, const char *org, const public_filter *f)
{
	html_f(b, _("<form method=\"get\" action=\"/offentlig/diarium\" class=\"filters\" aria-label=\"Filtrera diariet\">"
	       "<input type=\"hidden\" name=\"org\" value=\"%s\">"
	       "<p><label for=\"q\">Sök</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></p>"
	       "<p><label for=\"serie\">Serie</label><input id=\"serie\" name=\"serie\" value=\"%s\"></p>"
	       "<p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">"),
	       org, f->query, f->series);
	html_option(b, "", _("Alla"), f->direction);
	html_option(b, "in", _("Inkommande"), f->direction);
	html_option(b, "out", _("Utgående"), f->direction);
	html_option(b, "internal", _("Upprättad"), f->direction);
	html_f(b, _("</select></p><p><label for=\"klass\">Klass</label><input id=\"klass\" name=\"klass\" value=\"%s\"></p>"
	            "<p><label for=\"fran\">Från</label><input id=\"fran\" name=\"fran\" type=\"date\" value=\"%s\"></p>"
	            "<p><label for=\"till\">Till</label><input id=\"till\" name=\"till\" type=\"date\" value=\"%s\"></p>"
	            "<p><button type=\"submit\">Visa</button> <a href=\"%s%s\">Så söker du</a></p>"),
	       f->class_code, f->from, f->to, SEARCH_HELP_URL, layout_lang_query(r));
	if (r->lang_asked)
		html_f(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", i18n_code(r->lang));
	html_f(b, "</form>\n");
}

/* One entry of the registry: its number leads to its case, at the entry. */
static void registry_row(buf *b, const request *r, const char *org, json_t *row)
{
	const char *number = view_str(row, "number");
	html_f(b, "<tr>");
	public_cell(b, _("Datum"), view_str(row, "doc_date"));
	html_f(b, _("<td data-label=\"Nummer\"><a href=\""));
	public_case_url_lang(b, org, number, 1, layout_lang_arg(r));
	html_f(b, "\">%s</a></td>", number);
	public_entry_cells(b, row);
	char unpublished[200];
	public_cell(b, _("Ärende"), public_case_title(row, "case_title", "case_title_published", unpublished,
	                                              sizeof unpublished));
	public_request_cell(b, r, org, number);
	html_f(b, "</tr>\n");
}

/* PAGE: GET /offentlig/diarium  access: public */
enum MHD_Result page_public_registry(request *r)
{
	enum MHD_Result ret;
	int64_t org_id, pageno;
	if (public_open(r, &org_id, &ret))
		return ret;
	kerr e = KERR_INIT;
	public_filter f;
	if (read_filter(r, &f, 50, 1, &pageno, &e))
		return web_error_page(r, 400, e.msg);
	const char *org = req_query(r, "org");
	/* A search for one case number that names a case lands on the case. */
	int64_t case_id;
	kerr not_case = KERR_INIT;
	if (f.query && *f.query && pageno == 1 && !is_record_number(f.query) &&
	    public_case_find(r->k, org_id, f.query, &case_id, NULL, &not_case) == 0) {
		buf to = BUF_INIT;
		public_case_url(&to, org, f.query, 0);
		buf_adds(&to, layout_lang_arg(r)); /* a Location: the raw "&lang=" (a case number has no #) */
		enum MHD_Result moved = web_redirect(r, to.s, NULL);
		buf_free(&to);
		return moved;
	}
	json_t *rows = public_records(r->k, org_id, &f, &e);
	char errmsg[700] = "";
	unsigned status = 200;
	if (!rows) {
		/* a search that cannot be run is said on the page, the query kept in its box */
		if (e.code != KERR_INVALID)
			return page_fail(r, &e);
		search_error_sv(f.query, &e, errmsg, sizeof errmsg);
		status = web_status_for(e.code);
		rows = json_array();
	}
	char name[200];
	if (public_org_name(r->k, org_id, name, sizeof name, &e)) {
		json_decref(rows);
		return page_fail(r, &e);
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Diarium"));
	html_f(&b, _("<h1>Diarium%s%s</h1>\n"), *name ? " – " : "", name);
	registry_filters(&b, r, org, &f);
	if (*errmsg)
		html_f(&b, "<p class=\"error\" role=\"alert\">%s</p>\n", errmsg);
	if (!*errmsg && f.query && *f.query) {
		/* the search's total: what the public is shown, over all pages */
		long long total = public_search_count(r->k, org_id, &f, &e);
		if (total < 0) {
			buf_free(&b);
			json_decref(rows);
			return page_fail(r, &e);
		}
		if (total == 1)
			html_f(&b, _("<p class=\"total\" role=\"status\">1 träff.</p>\n"));
		else
			html_f(&b, _("<p class=\"total\" role=\"status\">%lld träffar.</p>\n"), total);
	}
	/* lang: the public's choice of language goes on to the next page */
	static const char *const keys[] = { "org", "q", "serie", "riktning", "klass", "fran", "till", "lang" };
	buf q = BUF_INIT;
	view_keep_query(&q, r, org, keys, sizeof keys / sizeof keys[0]);
	/* q is view_keep_query's markup ("&amp;key=value..."), escaped there */
	html_f(&b, "<p><a href=\"/offentlig/flode.atom?");
	html_raw(&b, q.len >= 5 ? q.s + 5 : "");
	html_f(&b, _("\">Prenumerera (Atom)</a> · <a href=\"/offentlig/data.json?"));
	html_raw(&b, q.len >= 5 ? q.s + 5 : "");
	html_f(&b, _("\">Öppna data (JSON)</a> · <a href=\"/offentlig/begar?org=%-s%s\">Begär ut allmän handling</a></p>\n"
	       "<div class=\"stack\">"), org, layout_lang_arg(r));
	const char *const cols[] = { _("Datum"), _("Nummer"), _("Riktning"), _("Avsändare/mottagare"),
	                             _("Handlingen gäller"), _("Ärende"), _("Begär ut") };
	view_table_begin(&b, _("Registrerade handlingar, senast registrerade först"), cols, 7);
	html_f(&b, "\n");
	int more = json_array_size(rows) > 50;
	if (more)
		json_array_remove(rows, 50);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		registry_row(&b, r, org, row);
	view_table_end(&b);
	html_f(&b, "</div>\n");
	if (more || pageno > 1) {
		view_pager_begin(&b, "/offentlig/diarium", (long)pageno, more, q.s);
		html_f(&b, "</nav>\n");
	}
	buf_free(&q);
	json_decref(rows);
	layout_end_r(&b, r);
	return public_send_cached(r, status, "text/html; charset=utf-8", &b);
}

/* PAGE: GET /offentlig/data.json  access: public */
enum MHD_Result page_public_json(request *r)
{
	enum MHD_Result over;
	if (public_limited(r, &over))
		return over;
	kerr e = KERR_INIT;
	int64_t org_id;
	if (public_org(r, &org_id, &e))
		return web_json_error(r, web_status_for(e.code), kerr_code_name(e.code), e.msg);
	public_filter f;
	int64_t pageno;
	if (read_filter(r, &f, 200, 0, &pageno, &e))
		return web_json_error(r, 400, "invalid", "sida must be a page number from 1 to 10000");
	json_t *rows = public_records(r->k, org_id, &f, &e);
	if (!rows)
		return web_json_error(r, web_status_for(e.code), kerr_code_name(e.code), e.msg);
	buf b = BUF_INIT;
	char *s = json_dumps(json_pack("{s:s,s:o}", "organisation", req_query(r, "org"), "records", rows),
	                     JSON_COMPACT | JSON_PRESERVE_ORDER);
	buf_adds(&b, s ? s : "{}");
	free(s);
	return public_send_cached(r, 200, "application/json", &b);
}

/* PAGE: GET /offentlig/flode.atom  access: public */
enum MHD_Result page_public_atom(request *r)
{
	enum MHD_Result ret;
	int64_t org_id;
	if (public_open(r, &org_id, &ret))
		return ret;
	kerr e = KERR_INIT;
	public_filter f;
	int64_t pageno;
	if (read_filter(r, &f, 50, 0, &pageno, &e))
		return web_error_page(r, 400, e.msg);
	json_t *rows = public_records(r->k, org_id, &f, &e);
	if (!rows && e.code == KERR_INVALID) {
		char msg[700];
		search_error_sv(f.query, &e, msg, sizeof msg);
		return web_error_page(r, web_status_for(e.code), msg);
	}
	if (!rows)
		return page_fail(r, &e);
	/* An entry's time is its registration: a correction's time would tell
	 * when staff changed a record, its secret parts included. */
	const char *org = req_query(r, "org");
	buf id = BUF_INIT;
	buf_printf(&id, "urn:kansli:%s:diarium:%s", r->k->origin, org);
	if (f.series && *f.series)
		buf_printf(&id, ":%s", f.series);
	buf title = BUF_INIT;
	buf_printf(&title, _("Diarium %s%s%s"), org, f.series && *f.series ? " " : "", f.series && *f.series ? f.series : "");
	buf self = BUF_INIT;
	public_base_url(&self, r);
	buf_adds(&self, "/offentlig/diarium?org=");
	html_url(&self, org);
	if (f.series && *f.series) {
		buf_adds(&self, "&serie="); /* a URL for the XML writer, which escapes it */
		html_url(&self, f.series);
	}
	struct public_feed feed;
	public_feed_begin(&feed, id.s, title.s, public_feed_updated(rows), self.s, org);
	buf_free(&self);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		buf eid = BUF_INIT, et = BUF_INIT, summary = BUF_INIT, link = BUF_INIT;
		char unpublished[200];
		buf_printf(&eid, "%s:%s", id.s, view_str(row, "number"));
		buf_printf(&et, "%s %s", view_str(row, "number"), view_str(row, "title"));
		buf_printf(&summary, _("%s %s. %s%s%s Ärende: %s."), _(view_direction_sv(view_str(row, "direction"))),
		           view_str(row, "doc_date"), view_str(row, "party") ? _("Avsändare/mottagare: ") : "",
		           view_str(row, "party") ? view_str(row, "party") : "", view_str(row, "party") ? "." : "",
		           public_case_title(row, "case_title", "case_title_published", unpublished, sizeof unpublished));
		if (view_str(row, "disposed"))
			buf_printf(&summary, " %s.", view_str(row, "disposed"));
		/* the entry's page: its case, at the entry */
		public_base_url(&link, r);
		public_case_url(&link, org, view_str(row, "number"), 0);
		public_feed_entry(&feed, eid.s, et.s, view_str(row, "published"), link.s, summary.s);
		buf_free(&link);
		buf_free(&eid);
		buf_free(&et);
		buf_free(&summary);
	}
	buf_free(&id);
	buf_free(&title);
	json_decref(rows);
	return public_feed_send(r, &feed);
}
