/*
 * page_public.c — the public registry for citizens and journalists: no
 * login, no tracking cookies. Browse an organisation's registrations by
 * series, class, direction and date, as HTML, an Atom feed (libxml2) or
 * JSON open data, all from core/public.c, which decides what is public.
 * Pages carry an ETag of their content so caches and feed readers can ask
 * cheaply; listing is rate limited per client address.
 */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/public.h"
#include "util/hash.h"
#include "util/timeutil.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/ratelimit.h"
#include "web/respond.h"
#include "web/search_text.h"
#include "web/routes.h"
#include "web/view.h"
#include "web/wayback.h"

/* 1 when an If-None-Match header value names etag: a list of tags, or
 * "*"; the comparison is the weak one RFC 9110 asks of If-None-Match, so a
 * "W/" a cache put before the tag does not matter. */
static int etag_listed(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *p = inm; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

/* The validator of a public answer is the answer itself: its ETag is a
 * hash of the body as sent (language and all), and there is no
 * Last-Modified. Never the time of the installation's last change: every
 * write and every logged read of a secret, in any organisation, moves that
 * time, and the public would watch staff at work by polling. So every
 * answer is rendered, and one the client already has goes out as a
 * bodiless 304. */
enum MHD_Result public_send_cached(request *r, unsigned status, const char *type, buf *body)
{
	char etag[2 * 16 + 3] = "";
	if (status == 200) {
		unsigned char h[HASH_LEN];
		char hex[2 * 16 + 1];
		hash_sha256(body->s ? body->s : "", body->len, h);
		hash_hex(h, 16, hex); /* 128 bits tell answers apart */
		snprintf(etag, sizeof etag, "\"%s\"", hex);
		const char *inm = req_header(r, "If-None-Match");
		if (inm && etag_listed(inm, etag))
			status = 304;
	}
	struct MHD_Response *resp = status == 304
		? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
		: MHD_create_response_from_buffer(body->len, body->s ? body->s : (char *)"", MHD_RESPMEM_MUST_COPY);
	buf_free(body);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=60");
	if (*etag)
		MHD_add_response_header(resp, "ETag", etag);
	web_response_headers(r, resp);
	r->status = status;
	enum MHD_Result ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* 1 when the answer to r is data for programs (the API, data.json), not
 * a page for a person. */
static int wants_json(request *r)
{
	size_t n = strlen(r->url);
	return !strncmp(r->url, "/api/", 5) || (n >= 5 && !strcmp(r->url + n - 5, ".json"));
}

int public_limited(request *r, enum MHD_Result *ret)
{
	int wait = ratelimit_take(r->address);
	if (!wait)
		return 0;
	buf b = BUF_INIT;
	const char *type = "text/html; charset=utf-8";
	if (wants_json(r)) {
		type = "application/json";
		buf_printf(&b, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests; try again "
		           "in %d seconds\"}}\n", wait);
	} else {
		/* A person gets a page that says what happened and leads on. */
		layout_begin(&b, r, _("För många förfrågningar"));
		html_f(&b, _("<h1>För många förfrågningar</h1>\n<p class=\"error\" role=\"alert\">Du har gjort många "
		       "förfrågningar på kort tid. Försök igen om %d sekunder.</p>\n"), wait);
		wayback_links(&b, r);
		layout_end_r(&b, r);
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(b.len, b.s, MHD_RESPMEM_MUST_COPY);
	buf_free(&b);
	char s[16];
	snprintf(s, sizeof s, "%d", wait);
	MHD_add_response_header(resp, "Retry-After", s);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	web_response_headers(r, resp);
	r->status = 429;
	*ret = MHD_queue_response(r->c, 429, resp);
	MHD_destroy_response(resp);
	return 1;
}

void public_base_url(buf *b, request *r)
{
	/* The address the client used: its Host, when it is a plain host
	 * name or address with a port (anything else would put the client's
	 * text into every link); https behind TLS. */
	const char *host = req_header(r, "Host");
	int plain = host && *host && strlen(host) < 256;
	for (const char *p = host; plain && *p; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		        strchr(".-:[]", *p);
	buf_adds(b, routes_behind_tls() ? "https://" : "http://");
	buf_adds(b, plain ? host : "localhost");
}

int public_org(request *r, int64_t *org_id, kerr *e)
{
	const char *code = req_query(r, "org");
	if (!code || !*code)
		return kerr_set(e, KERR_INVALID, "choose an organisation (?org=)");
	return org_find(r->k, code, org_id, e);
}

int public_open(request *r, int64_t *org_id, enum MHD_Result *ret)
{
	if (public_limited(r, ret))
		return 1;
	kerr e = KERR_INIT;
	int rc = public_org(r, org_id, &e);
	if (rc == KERR_INVALID)
		*ret = web_error_page(r, web_status_for(rc), _("Välj vilken myndighets diarium eller anslagstavla du vill se."));
	else if (rc == KERR_NOTFOUND)
		*ret = web_error_page(r, 404, _("Det finns ingen myndighet med den koden här. Välj bland dem som finns."));
	else if (rc)
		*ret = page_fail(r, &e);
	return rc != 0;
}

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
static int read_filter(request *r, public_filter *f, int per_page, int peek, int64_t *page, kerr *e)
{
	*page = 1;
	int rc = req_int(r, "sida", 1, 10000, page, e);
	f->series = req_query(r, "serie");
	f->direction = req_query(r, "riktning");
	f->class_code = req_query(r, "klass");
	f->from = req_query(r, "fran");
	f->to = req_query(r, "till");
	f->query = req_query(r, "q");
	f->limit = per_page + (peek ? 1 : 0);
	/* pages follow each other by the rows shown, never by the row peeked
	 * at: the feeds, which show all they ask for, would repeat one */
	f->offset = (int)(*page - 1) * per_page;
	return rc == REQ_ABSENT ? 0 : rc;
}

void public_feed_begin(struct public_feed *f, const char *id, const char *title, const char *updated,
                       const char *self, const char *author)
{
	f->xb = xmlBufferCreate();
	f->w = xmlNewTextWriterMemory(f->xb, 0);
	xmlTextWriterStartDocument(f->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(f->w, NULL, BAD_CAST "feed", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "xml:lang", BAD_CAST i18n_code(i18n_current()));
	xmlTextWriterWriteElement(f->w, BAD_CAST "id", BAD_CAST id);
	xmlTextWriterWriteElement(f->w, BAD_CAST "title", BAD_CAST title);
	xmlTextWriterWriteElement(f->w, BAD_CAST "updated", BAD_CAST updated);
	if (self)
		public_feed_link(f, self);
	xmlTextWriterStartElement(f->w, BAD_CAST "author");
	xmlTextWriterWriteElement(f->w, BAD_CAST "name", BAD_CAST author);
	xmlTextWriterEndElement(f->w);
}

void public_feed_link(struct public_feed *f, const char *href)
{
	xmlTextWriterStartElement(f->w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "rel", BAD_CAST "alternate");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(f->w);
}

enum MHD_Result public_feed_send(request *r, struct public_feed *f)
{
	xmlTextWriterEndElement(f->w);
	xmlTextWriterEndDocument(f->w);
	xmlFreeTextWriter(f->w);
	buf b = BUF_INIT;
	buf_add(&b, xmlBufferContent(f->xb), (size_t)xmlBufferLength(f->xb));
	xmlBufferFree(f->xb);
	return public_send_cached(r, 200, "application/atom+xml; charset=utf-8", &b);
}

void public_org_links(buf *b, const request *r, json_t *orgs, const char *page)
{
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		html_f(b, "<li><a href=\"%s?org=%-s%s\">%s</a></li>", page, view_str(o, "code"), layout_lang_arg(r),
		       view_str(o, "name"));
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
	public_cell(b, _("Riktning"), _(view_direction_sv(view_str(row, "direction"))));
	public_cell(b, _("Avsändare/mottagare"), view_str(row, "party"));
	html_f(b, _("<td data-label=\"Handlingen gäller\">%s"), view_str(row, "title"));
	if (view_str(row, "disposed"))
		html_f(b, " <span class=\"disposed\">%s</span>", view_str(row, "disposed"));
	html_f(b, "</td>");
	char unpublished[200];
	public_cell(b, _("Ärende"), public_case_title(row, "case_title", "case_title_published", unpublished,
	                                              sizeof unpublished));
	html_f(b, _("<td data-label=\"Begär ut\"><a href=\"/offentlig/begar?org=%-s&amp;nr=%-s%s\">Begär ut"
	       "<span class=\"visually-hidden\"> %s</span></a></td></tr>\n"), org, number, layout_lang_arg(r), number);
}

/* PAGE: GET /offentlig/diarium  access: public */
enum MHD_Result page_public_registry(request *r)
{
	enum MHD_Result ret;
	int64_t org_id, page;
	if (public_open(r, &org_id, &ret))
		return ret;
	kerr e = KERR_INIT;
	public_filter f;
	if (read_filter(r, &f, 50, 1, &page, &e))
		return web_error_page(r, 400, e.msg);
	const char *org = req_query(r, "org");
	/* A search for one case number that names a case lands on the case. */
	int64_t case_id;
	kerr not_case = KERR_INIT;
	if (f.query && *f.query && page == 1 && !is_record_number(f.query) &&
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
	if (more || page > 1) {
		view_pager_begin(&b, "/offentlig/diarium", (long)page, more, q.s);
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
	int64_t page;
	if (read_filter(r, &f, 200, 0, &page, &e))
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
	int64_t page;
	if (read_filter(r, &f, 50, 0, &page, &e))
		return web_error_page(r, 400, e.msg);
	json_t *rows = public_records(r->k, org_id, &f, &e);
	if (!rows && e.code == KERR_INVALID) {
		char msg[700];
		search_error_sv(f.query, &e, msg, sizeof msg);
		return web_error_page(r, web_status_for(e.code), msg);
	}
	if (!rows)
		return page_fail(r, &e);
	/* The feed was last updated when its newest entry was registered (an
	 * entry's time is its registration: a correction's time would tell
	 * when staff changed a record, its secret parts included). */
	const char *updated = PUBLIC_FEED_EMPTY_UPDATED;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		if (strcmp(view_str(row, "published"), updated) > 0)
			updated = view_str(row, "published");
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
	public_feed_begin(&feed, id.s, title.s, updated, self.s, org);
	buf_free(&self);
	xmlTextWriterPtr w = feed.w;
	json_array_foreach(rows, i, row) {
		buf eid = BUF_INIT, et = BUF_INIT, summary = BUF_INIT;
		char unpublished[200];
		buf_printf(&eid, "%s:%s", id.s, view_str(row, "number"));
		buf_printf(&et, "%s %s", view_str(row, "number"), view_str(row, "title"));
		buf_printf(&summary, _("%s %s. %s%s%s Ärende: %s."), _(view_direction_sv(view_str(row, "direction"))),
		           view_str(row, "doc_date"), view_str(row, "party") ? _("Avsändare/mottagare: ") : "",
		           view_str(row, "party") ? view_str(row, "party") : "", view_str(row, "party") ? "." : "",
		           public_case_title(row, "case_title", "case_title_published", unpublished, sizeof unpublished));
		if (view_str(row, "disposed"))
			buf_printf(&summary, " %s.", view_str(row, "disposed"));
		xmlTextWriterStartElement(w, BAD_CAST "entry");
		xmlTextWriterWriteElement(w, BAD_CAST "id", BAD_CAST eid.s);
		xmlTextWriterWriteElement(w, BAD_CAST "title", BAD_CAST et.s);
		xmlTextWriterWriteElement(w, BAD_CAST "updated", BAD_CAST view_str(row, "published"));
		xmlTextWriterWriteElement(w, BAD_CAST "published", BAD_CAST view_str(row, "published"));
		/* the entry's page: its case, at the entry */
		buf link = BUF_INIT;
		public_base_url(&link, r);
		public_case_url(&link, org, view_str(row, "number"), 0);
		public_feed_link(&feed, link.s);
		buf_free(&link);
		xmlTextWriterWriteElement(w, BAD_CAST "summary", BAD_CAST summary.s);
		xmlTextWriterEndElement(w);
		buf_free(&eid);
		buf_free(&et);
		buf_free(&summary);
	}
	buf_free(&id);
	buf_free(&title);
	json_decref(rows);
	return public_feed_send(r, &feed);
}
