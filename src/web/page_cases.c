/*
 * page_cases.c — the case list (filters, sorting, paging, CSV export), the
 * case page (header, records with files, audit trail) and its actions
 * (assign, due date, decide, close, reopen).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/cases.h"
#include "core/meeting.h"
#include "core/org.h"
#include "web/case_actions.h"
#include "web/history.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

/* A filter field named by its id, showing the value asked for. */
static void field_input(buf *b, const char *id, const char *label, const char *value, const char *type)
{
	view_input(b, id, id, label, type, value ? value : "", 0);
}

static const struct column case_columns[] = {
	COL(N_("Diarienummer"), CELL_CASE, "number"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL(N_("Status"), CELL_STATUS, "status"), COL(N_("Handläggare"), CELL_TEXT, "officer"),
	COL(N_("Öppnat"), CELL_TEXT, "opened_date"), COL(N_("Bevakning"), CELL_TEXT, "due_date"),
	COL(N_("Handlingar"), CELL_INT, "records"),
};

/* PAGE: GET /arenden  access: staff */
enum MHD_Result page_case_list(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	int64_t pageno = 1, year = 0;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0 || req_int(r, "ar", 1900, 2199, &year, &p->e) < 0)
		return page_bad_param(p);
	int csv = !strcmp(req_str(r, "format"), "csv");
	case_filter f = {
		.status = req_query(r, "status"), .series = req_query(r, "serie"),
		.officer = req_query(r, "handlaggare"), .unit = req_query(r, "enhet"),
		.class_code = req_query(r, "klass"), .from = req_query(r, "fran"), .to = req_query(r, "till"),
		.sort = req_query(r, "sortera"), .year = (int)year,
		.limit = csv ? 100000 : 50, .offset = csv ? 0 : (int)(pageno - 1) * 50,
	};
	/* The total is counted (one pass over the matching cases' index
	 * entries) so that the list can show it and its last page. */
	int64_t total = 0;
	json_t *rows = page_own(p, case_list(r->k, p->org_id, &f, csv ? NULL : &total, &p->e));
	if (!rows)
		return page_fail_p(p);
	size_t i;
	json_t *row;
	if (csv) {
		buf_adds(&p->b, "\xEF\xBB\xBF"); /* BOM: spreadsheet programs then read UTF-8 */
		buf_adds(&p->b, "Diarienummer;Rubrik;Status;Handläggare;Bevakning;Öppnat;Handlingar;Klass;Enhet\r\n");
		json_array_foreach(rows, i, row) {
			char n[24];
			snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(row, "records")));
			view_csv_cell(&p->b, view_str(row, "number"), 0);
			view_csv_cell(&p->b, view_str(row, "title"), 0);
			view_csv_cell(&p->b, view_status_sv(view_str(row, "status")), 0);
			view_csv_cell(&p->b, view_str(row, "officer"), 0);
			view_csv_cell(&p->b, view_str(row, "due_date"), 0);
			view_csv_cell(&p->b, view_str(row, "opened_date"), 0);
			view_csv_cell(&p->b, n, 0);
			view_csv_cell(&p->b, view_str(row, "class"), 0);
			view_csv_cell(&p->b, view_str(row, "unit"), 1);
		}
		ret = web_send(r, 200, "text/csv; charset=utf-8", &p->b);
		page_free(p);
		return ret;
	}
	json_t *series = page_own(p, org_setup_list(r->k, p->org_id, "series", &p->e));
	if (!series)
		return page_fail_p(p);
	page_begin(p, _("Ärenden"));
	html_f(&p->b, _("<h1>Ärenden</h1>\n<form method=\"get\" action=\"/arenden\" class=\"filters\" "
	       "aria-label=\"Filtrera ärenden\">"));
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"serie\">Serie</label><select id=\"serie\" name=\"serie\">"));
	html_option(&p->b, "", _("Alla"), f.series);
	view_options(&p->b, series, "prefix", "prefix", f.series);
	html_f(&p->b, _("</select></p><p><label for=\"status\">Status</label><select id=\"status\" name=\"status\">"));
	html_options(&p->b, f.status, "", _("Alla"), "open", _("Öppet"), "decided", _("Beslutat"), "closed", _("Avslutat"), NULL);
	html_f(&p->b, "</select></p>");
	field_input(&p->b, "ar", _("År"), req_query(r, "ar"), "number");
	field_input(&p->b, "handlaggare", _("Handläggare"), f.officer, "text");
	field_input(&p->b, "enhet", _("Enhet"), f.unit, "text");
	field_input(&p->b, "klass", _("Klass"), f.class_code, "text");
	field_input(&p->b, "fran", _("Öppnat från"), f.from, "date");
	field_input(&p->b, "till", _("Öppnat till"), f.to, "date");
	html_f(&p->b, _("<p><label for=\"sortera\">Sortera</label><select id=\"sortera\" name=\"sortera\">"));
	html_options(&p->b, f.sort, "opened", _("Senast öppnade"), "number", _("Diarienummer"), "due", _("Bevakningsdatum"),
	             "title", _("Rubrik"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Visa</button></p></form>\n<p>%lld ärenden. "),
	       (long long)total);
	static const char *const keys[] = { "org", "serie", "status", "ar", "handlaggare", "enhet", "klass",
	                                    "fran", "till", "sortera" };
	const char *q = page_kept_query(p, PAGE_KEYS(keys));
	/* q is view_keep_query's markup: its values are encoded already */
	html_f(&p->b, "<a href=\"/arenden?format=csv");
	html_raw(&p->b, q);
	html_f(&p->b, _("\">Exportera listan som CSV</a></p>\n"));
	table_write(p, _("Ärenden"), COLUMNS(case_columns), rows);
	view_pager(&p->b, "/arenden", (long)pageno, 50, (long long)total, q);
	return page_close(p);
}

/* A record's current files, each linked unless masked. */
static void files_cell(page *p, json_t *rec)
{
	size_t j;
	json_t *f;
	html_f(&p->b, "<td>");
	json_array_foreach(json_object_get(rec, "files"), j, f) {
		if (json_is_true(json_object_get(f, "superseded")))
			continue;
		if (!view_str(f, "sha256")) { /* masked */
			html_text(&p->b, view_str(f, "name"));
			continue;
		}
		view_file_link(&p->b, p->org, view_str(rec, "number"), view_str(f, "name"), view_str(f, "name"));
		html_f(&p->b, " ");
	}
	html_f(&p->b, "</td>");
}

static void event_cell(page *p, json_t *event)
{
	html_f(&p->b, "<td>");
	history_sentence(&p->b, event);
	html_f(&p->b, "</td>");
}

static const struct column record_columns[] = {
	COL(N_("Nummer"), CELL_RECORD, "number"), COL(N_("Datum"), CELL_TEXT, "doc_date"),
	COL(N_("Riktning"), CELL_DIRECTION, "direction"), COL(N_("Avsändare/mottagare"), CELL_TEXT, "party"),
	COL(N_("Rubrik"), CELL_TITLE, "title"), COL_CUSTOM(N_("Filer"), files_cell),
	COL(N_("Sekretess"), CELL_SECRECY, "secrecy"),
};
static const struct column event_columns[] = {
	COL(N_("Händelse"), CELL_INT, "event"), COL(N_("Tid"), CELL_TEXT, "time"), COL_CUSTOM(N_("Vad"), event_cell),
};

/* PAGE: GET /arende  access: staff */
enum MHD_Result page_case(page *p)
{
	request *r = p->r;
	const char *num = req_query(r, "nr");
	if (!num)
		return page_error(p, 400, N_("Ange ett diarienummer."));
	json_t *c = page_own(p, case_show(r->k, p->org_id, num, &p->e));
	if (!c)
		return page_fail_p(p);
	char title[200];
	snprintf(title, sizeof title, _("Ärende %s"), view_str(c, "number"));
	page_begin(p, title);
	view_flash(&p->b, r);
	html_f(&p->b, "<h1>%s %s</h1>\n", view_str(c, "number"), view_str(c, "title"));
	int prot = json_is_true(json_object_get(c, "title_protected"));
	if (!strcmp(req_str(r, "varning"), "rubrik"))
		html_f(&p->b, _("<p class=\"error\" role=\"alert\">Varning: en part vars namn är maskerat står med namn "
		       "i ärendemeningen. <a href=\"#skydda-rubrik\">Skydda ärendemeningen</a> med en offentlig "
		       "rubrik.</p>\n"));
	if (prot && view_str(c, "public_title"))
		html_f(&p->b, _("<p class=\"secret\">Skyddad ärendemening. Offentlig rubrik: %s</p>\n"),
		       view_str(c, "public_title"));
	else if (prot)
		html_f(&p->b, _("<p class=\"muted\">Ärendemeningen är skyddad: du ser den offentliga rubriken.</p>\n"));
	/* In a series that masks persons the title is withheld from the
	 * public until the case has a public title (core/casetitle.h). */
	char prefix[CASENUM_MAX];
	int published = case_title_published(r->k, p->org_id, view_str(c, "number"), prefix, &p->e);
	if (published < 0)
		return page_fail_p(p);
	if (!published) {
		char shown[200];
		snprintf(shown, sizeof shown, _("Ärende i serie %s – rubriken är inte publicerad"), prefix);
		html_f(&p->b, _("<p class=\"error\" role=\"alert\">Rubriken publiceras inte: serien %s maskerar "
		       "privatpersoners namn och ärendet har ingen offentlig rubrik. Allmänheten ser ”%s”. "
		       "<a href=\"#skydda-rubrik\">Ange en offentlig rubrik</a>.</p>\n"), prefix, shown);
	}
	html_f(&p->b, "<dl class=\"meta\">");
	html_f(&p->b, _("<dt>Status</dt><dd>"));
	view_status_tag(&p->b, view_str(c, "status"));
	html_f(&p->b, "</dd>");
	view_meta(&p->b, _("Handläggare"), view_str(c, "officer") ? view_str(c, "officer") : _("Ingen"));
	view_meta(&p->b, _("Enhet"), view_str(c, "unit_name") ? view_str(c, "unit_name") : "–");
	if (view_str(c, "class"))
		html_f(&p->b, _("<dt>Klass</dt><dd>%s %s</dd>"), view_str(c, "class"), view_str(c, "class_title"));
	else
		html_f(&p->b, _("<dt>Klass</dt><dd>–</dd>"));
	view_meta(&p->b, _("Öppnat"), view_str(c, "opened_date"));
	view_meta(&p->b, _("Bevakning"), view_str(c, "due_date") ? view_str(c, "due_date") : "–");
	json_t *cycle = page_own(p, agenda_case_info(r->k, p->org_id, view_str(c, "number"), NULL));
	if (cycle && json_object_get(cycle, "ready_for"))
		view_meta(&p->b, _("Klart för beslut i"), view_str(json_object_get(cycle, "ready_for"), "name"));
	size_t ci;
	json_t *cm;
	json_array_foreach(cycle ? json_object_get(cycle, "meetings") : NULL, ci, cm) {
		char para[32] = "";
		if (json_object_get(cm, "paragraph"))
			snprintf(para, sizeof para, ", § %lld", (long long)json_integer_value(json_object_get(cm, "paragraph")));
		html_f(&p->b, _("<dt>Sammanträde</dt><dd><a href=\"/sammantrade?org=%-s&amp;id=%lld\">%s %s%s</a></dd>"), p->org,
		       (long long)json_integer_value(json_object_get(cm, "id")), view_str(cm, "board"), view_str(cm, "date"),
		       para);
	}
	html_f(&p->b, _("</dl>\n<h2>Handlingar</h2>\n"));
	table_write(p, _("Handlingar i ärendet"), COLUMNS(record_columns), json_object_get(c, "records"));
	size_t i;
	json_t *rec;
	json_t *links = json_object_get(c, "links"), *notes = json_object_get(c, "notes");
	if (json_array_size(links)) {
		html_f(&p->b, _("<h2>Relaterade ärenden</h2><ul>"));
		json_array_foreach(links, i, rec) {
			html_f(&p->b, "<li>");
			view_number_link(&p->b, "arende", p->org, view_str(rec, "number"));
			html_f(&p->b, " %s</li>", view_str(rec, "title"));
		}
		html_f(&p->b, "</ul>\n");
	}
	if (json_array_size(notes)) {
		html_f(&p->b, _("<h2>Anteckningar</h2><ul>"));
		json_array_foreach(notes, i, rec) {
			html_f(&p->b, "<li><span class=\"muted\">%s %s:</span> %s</li>", view_str(rec, "time"),
			       view_str(rec, "author"), view_str(rec, "text"));
		}
		html_f(&p->b, "</ul>\n");
	}
	html_f(&p->b, _("<p><a href=\"/registrera?org=%-s&amp;arende="
	       "%-s\">Registrera handling i ärendet</a></p>\n<h2>Åtgärder</h2>\n"), p->org, view_str(c, "number"));
	num = view_str(c, "number"); /* as the case writes it, not as asked */
	if (case_actions_section(p, c, num, prot, !published || !strcmp(req_str(r, "varning"), "rubrik")))
		return page_fail_p(p); /* a right or a list that could not be read */
	html_f(&p->b, _("<h2>Händelser</h2>\n"));
	table_write(p, _("Ärendets granskningslogg"), COLUMNS(event_columns), json_object_get(c, "audit_trail"));
	return page_close(p);
}

/* The case page's actions, on the case numbered p->ctx (a string). */
static int do_assign(page *p)
{
	return case_assign(p->r->k, p->org_id, p->ctx, req_str(p->r, "handlaggare"), &p->e);
}

static int do_due(page *p)
{
	return case_set_due(p->r->k, p->org_id, p->ctx, req_str(p->r, "bevakning"), &p->e);
}

static int do_decide(page *p)
{
	return case_set_status(p->r->k, p->org_id, p->ctx, "decided", NULL, &p->e);
}

/* The confirm step said the decision can still be appealed when the
 * form carries overklagande=ja (case_actions.c). */
static int do_close(page *p)
{
	return case_set_status_confirmed(p->r->k, p->org_id, p->ctx, "closed", NULL, NULL,
	                                 !strcmp(req_str(p->r, "overklagande"), "ja"), &p->e);
}

static int do_reopen(page *p)
{
	return case_set_status(p->r->k, p->org_id, p->ctx, "open", req_form(p->r, "skal"), &p->e);
}

static int do_note(page *p)
{
	return case_add_note(p->r->k, p->org_id, p->ctx, req_form(p->r, "anteckning"), &p->e);
}

static int do_link(page *p)
{
	return case_link(p->r->k, p->org_id, p->ctx, req_str(p->r, "koppla"), &p->e);
}

static int do_ready(page *p)
{
	const char *board = req_form(p->r, "namnd");
	if (!board || !*board)
		p->done = _("Ärendet är inte längre markerat klart för beslut.");
	return agenda_mark_ready(p->r->k, p->org_id, p->ctx, board, &p->e);
}

static int do_retitle(page *p)
{
	const char *t = req_str(p->r, "rubrik"), *pt = req_str(p->r, "offentlig_rubrik");
	/* an empty field leaves that title as it is; the box removes the
	 * public title */
	return case_correct(p->r->k, p->org_id, p->ctx, *t ? t : NULL,
	                    req_form(p->r, "ingen_offentlig") ? "" : *pt ? pt : NULL, req_form(p->r, "skal"), &p->e);
}

static const struct page_action case_actions[] = {
	{ "tilldela", do_assign, N_("Handläggare tilldelad.") },
	{ "bevaka", do_due, N_("Bevakningsdatum sparat.") },
	{ "besluta", do_decide, N_("Ärendet är markerat som beslutat.") },
	{ "avsluta", do_close, N_("Ärendet är avslutat.") },
	{ "anteckna", do_note, N_("Anteckningen är sparad.") },
	{ "koppla", do_link, N_("Ärendena är kopplade.") },
	{ "redo", do_ready, N_("Ärendet är klart för beslut och erbjuds till nämndens föredragningslista.") },
	{ "rubrik", do_retitle, N_("Rubriken är rättad.") },
	{ "ateroppna", do_reopen, N_("Ärendet är återöppnat.") },
};

/* PAGE: POST /arende  access: staff */
enum MHD_Result page_case_change(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	const char *num = req_form(r, "nr");
	if (!num || !req_form(r, "atgard"))
		return page_error(p, 400, N_("Diarienummer och åtgärd saknas."));
	p->ctx = num;
	if (case_action_confirm(p, num, &ret))
		return ret;
	if (page_act(p, PAGE_ACTIONS(case_actions), &ret))
		return ret;
	return page_redirect_done(p, "/arende", "nr", num, p->done);
}
