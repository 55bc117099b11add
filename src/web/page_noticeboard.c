/*
 * page_noticeboard.c — the digital notice board (anslagstavla): public
 * pages anyone reads without logging in and without cookies (the board
 * today grouped by kind, one notice, the archive, a notice's file, an Atom
 * feed), and the staff page /anslag to post a notice and take one down.
 * What is on the board is decided in core/notice.c; this file only renders.
 * Public pages carry an ETag of their content (page_public.c) and are rate
 * limited like the public registry. The board changes at midnight without
 * any write; its pages then change, and so do their ETags.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/notice.h"
#include "core/org.h"
#include "core/public.h"
#include "util/timeutil.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/public_page.h"
#include "web/respond.h"
#include "web/table.h"
#include "web/view.h"

static const char ABOUT[] =
	N_("<p>Anslagstavlan är kommunens officiella digitala anslagstavla enligt kommunallagen (8 kap. 9–12 §§). "
	"Här tillkännages när fullmäktige sammanträder, att protokoll från fullmäktige och nämnder har "
	"justerats, och andra meddelanden som enligt lag ska anslås. Du behöver inte logga in och vi sparar "
	"inga kakor.</p>\n"
	"<h2>Så överklagar du ett beslut (laglighetsprövning)</h2>\n"
	"<p>Alla som är medlemmar i kommunen kan begära laglighetsprövning av ett beslut enligt 13 kap. "
	"kommunallagen. Skriv vilket beslut du överklagar och varför du anser att det inte har kommit till "
	"på lagligt sätt, och skicka skrivelsen till förvaltningsrätten. Överklagandet ska ha kommit in till "
	"förvaltningsrätten inom tre veckor från den dag då det tillkännagavs på anslagstavlan att protokollet "
	"justerats. Den sista dagen står vid varje protokoll som ”Överklagandetiden går ut”; infaller den på "
	"en lördag, söndag eller helgdag räcker det att överklagandet kommer in nästa vardag.</p>\n");

static const char *kind_sv(const char *kind)
{
	return !strcmp(kind, "meeting") ? _("Sammanträde") : !strcmp(kind, "minutes") ? _("Justerat protokoll")
		: _("Tillkännagivande");
}

/* The notice a page is about (?id=); KERR_INVALID with a Swedish message
 * when it is missing or no number. */
static int board_id(request *r, int64_t *id, kerr *e)
{
	int rc = req_int(r, "id", 1, INT64_MAX, id, e);
	return rc == REQ_ABSENT ? kerr_set(e, KERR_INVALID, "%s", _("Ange vilket anslag (?id=).")) : rc;
}

/* One <dt>/<dd> pair when value is set. */
static void meta(buf *b, const char *label, const char *value)
{
	if (value && *value)
		view_meta(b, label, value);
}

static void notice_link(buf *b, const char *which, const char *org, json_t *n)
{
	html_f(b, "/anslagstavla/%s?org=%-s&amp;id=%lld", which, org, (long long)json_integer_value(json_object_get(n, "id")));
}

/* A notice's facts as a description list; full adds its text. */
static void notice_body(buf *b, const char *org, json_t *n, int full)
{
	html_f(b, "<dl class=\"meta\">");
	meta(b, _("Typ"), kind_sv(view_str(n, "kind")));
	meta(b, _("Organ"), view_str(n, "board"));
	meta(b, _("Sammanträdesdatum"), view_str(n, "meeting_date"));
	meta(b, _("Protokollet justerat"), view_str(n, "adjusted"));
	meta(b, _("Anslaget"), view_str(n, "posted"));
	meta(b, _("Överklagandetiden går ut"), view_str(n, "appeal_end"));
	meta(b, _("Tas ned"), view_str(n, "down"));
	meta(b, _("Protokollet förvaras"), view_str(n, "storage_place"));
	if (view_str(n, "taken_down")) {
		meta(b, _("Togs ned i förtid"), view_str(n, "taken_down"));
		meta(b, _("Skäl"), view_str(n, "taken_down_reason"));
	}
	if (view_str(n, "file_disposed")) {
		/* the file went with the record it belongs to (gallring) */
		html_f(b, _("<dt>Fil</dt><dd>%s – handlingen är gallrad: %s</dd>"), view_str(n, "file"),
		       view_str(n, "file_disposed"));
	} else if (view_str(n, "file") && !view_str(n, "taken_down")) {
		html_f(b, _("<dt>Fil</dt><dd><a href=\""));
		notice_link(b, "fil", org, n);
		html_f(b, "\">%s</a></dd>", view_str(n, "file"));
	}
	html_f(b, "</dl>\n");
	if (full && view_str(n, "body")) {
		/* Plain text: paragraphs at blank lines, lines at line breaks. */
		const char *p = view_str(n, "body");
		html_f(b, "<div class=\"notice-text\"><p>");
		while (*p) {
			size_t n_text = strcspn(p, "\n");
			char *line = strndup(p, n_text);
			if (!line)
				abort();
			html_f(b, "%s", line);
			free(line);
			p += n_text;
			if (p[0] == '\n' && p[1] == '\n') {
				html_f(b, "</p><p>");
				while (*p == '\n')
					p++;
			} else if (*p == '\n') {
				html_f(b, "<br>");
				p++;
			}
		}
		html_f(b, "</p></div>\n");
	}
}

/* heading: "h2" or "h3", the program's own. */
static void notice_article(buf *b, const char *org, json_t *n, const char *heading)
{
	html_f(b, "<article class=\"notice\"><%s><a href=\"", heading);
	notice_link(b, "anslag", org, n);
	html_f(b, "\">%s</a></%s>", view_str(n, "title"), heading);
	notice_body(b, org, n, 0);
	html_f(b, "</article>\n");
}

static void board_links(buf *b, const char *org)
{
	html_f(b, _("<p><a href=\"/anslagstavla/aktuellt?org=%-s\">Anslagen just nu</a> · "
	       "<a href=\"/anslagstavla/arkiv?org=%-s\">Arkiv över nedtagna anslag</a> · "
	       "<a href=\"/anslagstavla/flode.atom?org=%-s\">Prenumerera (Atom)</a> · "
	       "<a href=\"/anslagstavla\">Om anslagstavlan och överklagande</a></p>\n"), org, org, org);
}

/* PAGE: GET /anslagstavla  access: public */
enum MHD_Result page_board_index(request *r)
{
	kerr e = KERR_INIT;
	json_t *orgs = public_organisations(r->k, &e);
	if (!orgs)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Anslagstavla"));
	html_f(&b, _("<h1>Anslagstavla</h1>\n"));
	html_raw(&b, _(ABOUT)); /* the page's own text, above, and its translation */
	html_f(&b, _("<h2>Välj myndighet</h2>\n<ul>"));
	public_org_links(&b, r, orgs, "/anslagstavla/aktuellt");
	html_f(&b, "</ul>\n");
	json_decref(orgs);
	layout_end_r(&b, r);
	return web_html(r, 200, &b);
}

/* The board today or the archive. */
static enum MHD_Result board_list(request *r, int archive)
{
	enum MHD_Result ret;
	int64_t org_id;
	if (public_open(r, &org_id, &ret))
		return ret;
	kerr e = KERR_INIT;
	json_t *rows = notice_list_public(r->k, org_id, archive, archive ? 500 : 1000, &e);
	if (!rows)
		return page_fail(r, &e);
	const char *org = req_query(r, "org");
	char today[11];
	time_today(today);
	char name[200];
	if (public_org_name(r->k, org_id, name, sizeof name, &e)) {
		json_decref(rows);
		return page_fail(r, &e);
	}
	buf b = BUF_INIT;
	const char *heading = archive ? _("Anslagstavlans arkiv") : _("Anslagstavla");
	layout_begin(&b, r, heading);
	/* A shared installation serves several municipalities: say whose board it is. */
	html_f(&b, "<h1>%s%s%s</h1>\n", heading, *name ? " – " : "", name);
	if (archive)
		html_f(&b, _("<p>Anslag som har tagits ned, senast anslagna först.</p>\n"));
	else
		html_f(&b, _("<p>Anslag den %s. Vill du överklaga ett beslut? Läs <a href=\"/anslagstavla\">om "
		       "laglighetsprövning</a>.</p>\n"), today);
	board_links(&b, org);
	if (archive) {
		if (json_array_size(rows) == 0)
			html_f(&b, _("<p>Arkivet är tomt.</p>\n"));
		size_t i;
		json_t *n;
		json_array_foreach(rows, i, n)
			notice_article(&b, org, n, "h2");
	} else {
		static const char *const groups[][3] = {
			{ "meeting", N_("Sammanträden"), N_("Inga sammanträden är anslagna.") },
			{ "minutes", N_("Justerade protokoll"), N_("Inga justerade protokoll är anslagna.") },
			{ "other", N_("Övriga tillkännagivanden"), N_("Inga övriga tillkännagivanden.") },
		};
		for (size_t g = 0; g < 3; g++) {
			html_f(&b, "<section><h2>%s</h2>\n", _(groups[g][1]));
			int any = 0;
			size_t i;
			json_t *n;
			json_array_foreach(rows, i, n) {
				if (strcmp(view_str(n, "kind"), groups[g][0]))
					continue;
				notice_article(&b, org, n, "h3");
				any = 1;
			}
			if (!any)
				html_f(&b, "<p>%s</p>\n", _(groups[g][2]));
			html_f(&b, "</section>\n");
		}
	}
	json_decref(rows);
	layout_end_r(&b, r);
	return public_send_cached(r, 200, "text/html; charset=utf-8", &b);
}

/* PAGE: GET /anslagstavla/aktuellt  access: public */
enum MHD_Result page_board_current(request *r)
{
	return board_list(r, 0);
}

/* PAGE: GET /anslagstavla/arkiv  access: public */
enum MHD_Result page_board_archive(request *r)
{
	return board_list(r, 1);
}

/* PAGE: GET /anslagstavla/anslag  access: public */
enum MHD_Result page_board_notice(request *r)
{
	enum MHD_Result ret;
	kerr e = KERR_INIT;
	int64_t org_id, id;
	if (public_open(r, &org_id, &ret))
		return ret;
	if (board_id(r, &id, &e))
		return page_fail(r, &e);
	json_t *n = notice_show_public(r->k, org_id, id, &e);
	if (!n)
		return page_fail(r, &e);
	const char *org = req_query(r, "org");
	buf b = BUF_INIT;
	layout_begin(&b, r, view_str(n, "title"));
	html_f(&b, "<h1>%s</h1>\n<p>%s</p>\n", view_str(n, "title"),
	       json_is_true(json_object_get(n, "on_board")) ? _("Anslaget finns på anslagstavlan.")
	                                                    : _("Anslaget har tagits ned och finns i arkivet."));
	notice_body(&b, org, n, 1);
	if (!strcmp(view_str(n, "kind"), "minutes"))
		html_f(&b, _("<p>Beslut i protokollet kan överklagas genom laglighetsprövning hos förvaltningsrätten. "
		             "Överklagandet ska ha kommit in senast den dag som anges ovan. "
		             "<a href=\"/anslagstavla\">Så överklagar du</a>.</p>\n"));
	board_links(&b, org);
	json_decref(n);
	layout_end_r(&b, r);
	return public_send_cached(r, 200, "text/html; charset=utf-8", &b);
}

/* Media type from the name: the board serves what staff uploaded. */
static const char *media_type_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return "application/octet-stream";
	if (!strcasecmp(dot, ".pdf"))
		return "application/pdf";
	if (!strcasecmp(dot, ".txt"))
		return "text/plain; charset=utf-8";
	if (!strcasecmp(dot, ".odt"))
		return "application/vnd.oasis.opendocument.text";
	if (!strcasecmp(dot, ".docx"))
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
	return "application/octet-stream";
}

/* PAGE: GET /anslagstavla/fil  access: public */
enum MHD_Result page_board_file(request *r)
{
	enum MHD_Result ret;
	kerr e = KERR_INIT;
	int64_t org_id, id;
	if (public_open(r, &org_id, &ret))
		return ret;
	if (board_id(r, &id, &e))
		return page_fail(r, &e);
	char path[4300], name[256];
	if (notice_file_path(r->k, org_id, id, path, sizeof path, name, sizeof name, &e))
		return page_fail(r, &e);
	return web_file(r, path, media_type_for(name), name);
}

/* PAGE: GET /anslagstavla/flode.atom  access: public */
enum MHD_Result page_board_atom(request *r)
{
	enum MHD_Result ret;
	int64_t org_id;
	if (public_open(r, &org_id, &ret))
		return ret;
	kerr e = KERR_INIT;
	json_t *rows = notice_list_public(r->k, org_id, 0, 200, &e);
	if (!rows)
		return page_fail(r, &e);
	const char *org = req_query(r, "org");
	buf id = BUF_INIT, title = BUF_INIT, self = BUF_INIT;
	buf_printf(&id, "urn:kansli:%s:anslagstavla:%s", r->k->origin, org);
	buf_printf(&title, _("Anslagstavla %s"), org);
	public_base_url(&self, r);
	buf_adds(&self, "/anslagstavla/aktuellt?org=");
	html_url(&self, org);
	struct public_feed feed;
	public_feed_begin(&feed, id.s, title.s, public_feed_updated(rows), self.s, org);
	size_t i;
	json_t *n;
	json_array_foreach(rows, i, n) {
		buf eid = BUF_INIT, et = BUF_INIT, summary = BUF_INIT, link = BUF_INIT;
		long long nid = (long long)json_integer_value(json_object_get(n, "id"));
		buf_printf(&eid, "%s:%lld", id.s, nid);
		buf_printf(&et, "%s: %s – %s", kind_sv(view_str(n, "kind")), view_str(n, "board"), view_str(n, "title"));
		buf_printf(&summary, _("Anslaget %s, tas ned %s."), view_str(n, "posted"), view_str(n, "down"));
		if (view_str(n, "meeting_date"))
			buf_printf(&summary, _(" Sammanträdesdatum %s."), view_str(n, "meeting_date"));
		if (view_str(n, "adjusted"))
			buf_printf(&summary, _(" Protokollet justerat %s."), view_str(n, "adjusted"));
		if (view_str(n, "appeal_end"))
			buf_printf(&summary, _(" Överklagandetiden går ut %s."), view_str(n, "appeal_end"));
		if (view_str(n, "storage_place"))
			buf_printf(&summary, _(" Protokollet förvaras: %s."), view_str(n, "storage_place"));
		public_base_url(&link, r);
		buf_adds(&link, "/anslagstavla/anslag?org=");
		html_url(&link, org);
		buf_printf(&link, "&id=%lld", nid);
		public_feed_entry(&feed, eid.s, et.s, view_str(n, "published"), link.s, summary.s);
		buf_free(&eid);
		buf_free(&et);
		buf_free(&summary);
		buf_free(&link);
	}
	buf_free(&id);
	buf_free(&title);
	buf_free(&self);
	json_decref(rows);
	return public_feed_send(r, &feed);
}

/* ---- staff: /anslag ---- */

static const char *status_sv(const char *s)
{
	return !strcmp(s, "scheduled") ? _("Kommer att anslås") : !strcmp(s, "posted") ? _("På anslagstavlan")
		: !strcmp(s, "expired") ? _("Nedtagen (tiden gick ut)") : _("Nedtagen i förtid");
}

/* A labelled input; id, name and type are the program's own. */
static void input(buf *b, const char *id, const char *label, const char *type, int required, const char *hint)
{
	html_f(b, "<p><label for=\"%s\">%s", id, label);
	if (hint)
		html_f(b, " <span class=\"muted\">%s</span>", hint);
	html_f(b, "</label><input id=\"%s\" name=\"%s\"", id, id);
	if (type)
		html_f(b, " type=\"%s\"", type);
	html_f(b, "%s></p>", required ? " required" : "");
}

/* A notice's title, marked when it was posted later than the law asks. */
static void notice_title_cell(page *p, json_t *n)
{
	html_f(&p->b, "<td>%s", view_str(n, "title"));
	if (json_is_true(json_object_get(n, "late")))
		html_f(&p->b, _(" <strong>(anslogs sent)</strong>"));
	html_f(&p->b, "</td>");
}

/* The form that takes a notice down, while it is or will be on the board. */
static void take_down_cell(page *p, json_t *n)
{
	long long id = (long long)json_integer_value(json_object_get(n, "id"));
	const char *status = view_str(n, "status");
	if (strcmp(status, "posted") && strcmp(status, "scheduled")) {
		html_f(&p->b, "<td>–</td>");
		return;
	}
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", id);
	html_f(&p->b, "<td>");
	view_action_form(&p->b, p->r, "/anslag", "form", p->org, "ta-ned");
	view_hidden(&p->b, "id", idtext);
	html_f(&p->b, _("<p><label for=\"skal-%lld\">Skäl</label><input id=\"skal-%lld\" name=\"skal\" required></p>"
	       "<p><button type=\"submit\">Ta ned<span class=\"visually-hidden\"> anslag %lld</span></button></p>"
	       "</form>"), id, id, id);
	html_f(&p->b, "</td>");
}

static const struct column notice_columns[] = {
	COL(N_("Anslaget"), CELL_TEXT, "posted"), COL(N_("Tas ned"), CELL_TEXT, "down"),
	COL_WORDS(N_("Typ"), "kind", kind_sv), COL(N_("Organ"), CELL_TEXT, "board"),
	COL_CUSTOM(N_("Rubrik"), notice_title_cell), COL_WORDS(N_("Status"), "status", status_sv),
	COL_CUSTOM(N_("Ta ned"), take_down_cell),
};

/* PAGE: GET /anslag  access: staff */
enum MHD_Result page_notices(page *p)
{
	request *r = p->r;
	json_t *list = page_own(p, notice_list(r->k, p->org_id, 200, &p->e));
	if (!list)
		return page_fail_p(p);
	page_begin(p, _("Anslag"));
	buf *b = &p->b;
	html_f(b, _("<h1>Anslag på anslagstavlan</h1>\n"));
	view_flash(b, r);
	html_f(b, _("<p>Protokoll anslås när de justeras, från sammanträdet. Här anslår du kallelser till "
	       "sammanträden och övriga tillkännagivanden. <a href=\"/anslagstavla/aktuellt?org=%-s\">Se den "
	       "publika anslagstavlan</a>.</p>\n<h2>Nytt anslag</h2>\n<form method=\"post\" action=\"/anslag\" "
	       "class=\"form\" enctype=\"multipart/form-data\">"), p->org);
	view_form_fields(b, r, p->org);
	view_hidden(b, "atgard", "ny");
	html_f(b, _("<p><label for=\"typ\">Typ av anslag</label><select id=\"typ\" name=\"typ\">"));
	html_option(b, "meeting", _("Sammanträde (kallelse)"), NULL);
	html_option(b, "other", _("Övrigt tillkännagivande"), NULL);
	html_f(b, "</select></p>");
	input(b, "organ", _("Organ"), NULL, 1, _("(t.ex. Kommunfullmäktige)"));
	input(b, "rubrik", _("Rubrik"), NULL, 1, NULL);
	html_f(b, _("<p><label for=\"text\">Text</label><textarea id=\"text\" name=\"text\" rows=\"5\"></textarea></p>"));
	input(b, "sammantrade", _("Sammanträdesdatum"), "date", 0, _("(krävs för sammanträden)"));
	input(b, "anslas", _("Anslås"), "date", 0, _("(tomt: i dag)"));
	input(b, "tas_ned", _("Tas ned"), "date", 0, _("(tomt: dagen efter sammanträdet, annars efter tre veckor)"));
	input(b, "fil", _("Fil"), "file", 0, _("(frivilligt, t.ex. kallelsen som PDF)"));
	html_f(b, _("<p><button type=\"submit\">Anslå</button></p></form>\n<h2>Anslagen</h2>\n"));
	table_write(p, _("Anslag, senast anslagna först"), COLUMNS(notice_columns), list);
	return page_close(p);
}

/* The message after an action, for the redirect: the request's own
 * buffer, which page_notices_change hands the actions in p->ctx. */
#define DONE_MAX 400
static void set_done(page *p, int taken_down, long long id, const char *more)
{
	char *done = (char *)p->ctx;
	if (taken_down)
		snprintf(done, DONE_MAX, _("Anslag %lld är nedtaget.%s"), id, more);
	else
		snprintf(done, DONE_MAX, _("Anslag %lld är anslaget.%s"), id, more);
	p->done = done;
}

static int take_down(page *p)
{
	int64_t id;
	int rc = req_int(p->r, "id", 1, INT64_MAX, &id, &p->e);
	if (rc == REQ_ABSENT)
		rc = kerr_set(&p->e, KERR_INVALID, "%s", _("Anslaget saknas."));
	if (rc || (rc = notice_take_down(p->r->k, p->org_id, id, req_form(p->r, "skal"), &p->e)))
		return rc;
	set_done(p, 1, (long long)id, "");
	return 0;
}

static int post(page *p)
{
	request *r = p->r;
	req_field *files[1];
	int nfiles = req_files(r, "fil", files, 1);
	notice_new n = {
		.kind = req_form(r, "typ"), .board = req_form(r, "organ"), .title = req_form(r, "rubrik"),
		.body = req_form(r, "text"), .meeting_date = req_form(r, "sammantrade"),
		.posted_date = req_form(r, "anslas"), .down_date = req_form(r, "tas_ned"),
		.file_path = nfiles ? files[0]->tmp_path : NULL, .file_name = nfiles ? files[0]->filename : NULL,
	};
	if (n.kind && !strcmp(n.kind, "minutes"))
		return kerr_set(&p->e, KERR_INVALID, "%s", _("Protokoll anslås när de justeras, från sammanträdet."));
	int64_t id;
	int rc = notice_post(r->k, p->org_id, &n, &id, &p->e);
	if (rc)
		return rc;
	json_t *shown = notice_show(r->k, p->org_id, id, &p->e);
	if (!shown)
		return p->e.code ? p->e.code : KERR_INTERNAL;
	set_done(p, 0, (long long)id, json_is_true(json_object_get(shown, "late"))
	         ? _(" Observera: sammanträden i fullmäktige ska anslås minst en vecka i förväg (kommunallagen 5 kap. 11 §).")
	         : "");
	json_decref(shown);
	return 0;
}

/* PAGE: POST /anslag  access: staff */
enum MHD_Result page_notices_change(page *p)
{
	static const struct page_action actions[] = {
		{ "ny", post, NULL },
		{ "ta-ned", take_down, NULL },
	};
	enum MHD_Result ret;
	char done[DONE_MAX] = "";
	p->ctx = done;
	if (page_act(p, PAGE_ACTIONS(actions), &ret))
		return ret;
	return page_redirect_done(p, "/anslag", NULL, NULL, p->done);
}
