/*
 * page_cases.c — the case list (filters, sorting, paging, CSV export), the
 * case page (header, records with files, audit trail) and its actions
 * (assign, due date, decide, close, reopen).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/archive.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/meeting.h"
#include "core/org.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/view.h"

/* What an audit event means, for people reading a case's history. */
static const char *action_sv(const char *a)
{
	static const char *const names[][2] = {
		{ "case.open", "Ärendet öppnades" }, { "case.assign", "Handläggare tilldelades" },
		{ "case.due", "Bevakningsdatum sattes" }, { "case.decide", "Ärendet markerades som beslutat" },
		{ "case.close", "Ärendet avslutades" }, { "case.reopen", "Ärendet återöppnades" },
		{ "record.register", "Handling registrerades" }, { "record.correct", "Handling rättades" },
		{ "record.read_secret", "Sekretessuppgifter lästes" },
		{ "record.read_secret_denied", "Sekretessbelagd fil nekades" }, { "case.note", "Anteckning skrevs" },
		{ "case.link", "Ärendet kopplades till ett annat" },
		{ "case.correct", "Ärendets rubrik rättades" }, { "case.read_secret", "Skyddad ärendemening lästes" },
		{ "export.sip", "Ärendet levererades till e-arkivet" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(a, names[i][0]))
			return names[i][1];
	return a;
}

/* A filter field named by its id, showing the value asked for. */
static void field_input(buf *b, const char *id, const char *label, const char *value, const char *type)
{
	view_input(b, id, id, label, type, value ? value : "", 0);
}

/* PAGE: GET /arenden  access: staff */
enum MHD_Result page_case_list(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	long page = req_query(r, "sida") ? atol(req_query(r, "sida")) : 1;
	if (page < 1 || page > 100000)
		page = 1;
	int csv = req_query(r, "format") && !strcmp(req_query(r, "format"), "csv");
	const char *year = req_query(r, "ar");
	case_filter f = {
		.status = req_query(r, "status"), .series = req_query(r, "serie"),
		.officer = req_query(r, "handlaggare"), .unit = req_query(r, "enhet"),
		.class_code = req_query(r, "klass"), .from = req_query(r, "fran"), .to = req_query(r, "till"),
		.sort = req_query(r, "sortera"), .year = year ? atoi(year) : 0,
		.limit = csv ? 100000 : 51, .offset = csv ? 0 : (int)(page - 1) * 50,
	};
	/* One row more than a page tells whether there is a next page; an exact
	 * count would cost a pass over every matching case on each view. */
	json_t *rows = case_list(r->k, org_id, &f, NULL, &e);
	if (!rows)
		return page_fail(r, &e);
	size_t i;
	json_t *row;
	if (csv) {
		buf b = BUF_INIT;
		buf_adds(&b, "\xEF\xBB\xBF"); /* BOM: spreadsheet programs then read UTF-8 */
		buf_adds(&b, "Diarienummer;Rubrik;Status;Handläggare;Bevakning;Öppnat;Handlingar;Klass;Enhet\r\n");
		json_array_foreach(rows, i, row) {
			char n[24];
			snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(row, "records")));
			view_csv_cell(&b, view_str(row, "number"), 0);
			view_csv_cell(&b, view_str(row, "title"), 0);
			view_csv_cell(&b, view_status_sv(view_str(row, "status")), 0);
			view_csv_cell(&b, view_str(row, "officer"), 0);
			view_csv_cell(&b, view_str(row, "due_date"), 0);
			view_csv_cell(&b, view_str(row, "opened_date"), 0);
			view_csv_cell(&b, n, 0);
			view_csv_cell(&b, view_str(row, "class"), 0);
			view_csv_cell(&b, view_str(row, "unit"), 1);
		}
		json_decref(rows);
		return web_send(r, 200, "text/csv; charset=utf-8", &b);
	}
	json_t *series = org_setup_list(r->k, org_id, "series", &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Ärenden");
	html_raw(&b, "<h1>Ärenden</h1>\n<form method=\"get\" action=\"/arenden\" class=\"filters\" "
	             "aria-label=\"Filtrera ärenden\">");
	view_hidden(&b, "org", org);
	html_raw(&b, "<p><label for=\"serie\">Serie</label><select id=\"serie\" name=\"serie\">");
	html_option(&b, "", "Alla", f.series);
	view_options(&b, series, "prefix", "prefix", f.series);
	json_decref(series);
	html_raw(&b, "</select></p><p><label for=\"status\">Status</label><select id=\"status\" name=\"status\">");
	html_option(&b, "", "Alla", f.status);
	html_option(&b, "open", "Öppet", f.status);
	html_option(&b, "decided", "Beslutat", f.status);
	html_option(&b, "closed", "Avslutat", f.status);
	html_raw(&b, "</select></p>");
	field_input(&b, "ar", "År", year, "number");
	field_input(&b, "handlaggare", "Handläggare", f.officer, "text");
	field_input(&b, "enhet", "Enhet", f.unit, "text");
	field_input(&b, "klass", "Klass", f.class_code, "text");
	field_input(&b, "fran", "Öppnat från", f.from, "date");
	field_input(&b, "till", "Öppnat till", f.to, "date");
	html_raw(&b, "<p><label for=\"sortera\">Sortera</label><select id=\"sortera\" name=\"sortera\">");
	html_option(&b, "opened", "Senast öppnade", f.sort);
	html_option(&b, "number", "Diarienummer", f.sort);
	html_option(&b, "due", "Bevakningsdatum", f.sort);
	html_option(&b, "title", "Rubrik", f.sort);
	html_raw(&b, "</select></p><p><button type=\"submit\">Visa</button></p></form>\n");
	int more = json_array_size(rows) > 50;
	if (more)
		json_array_remove(rows, 50);
	buf_printf(&b, "<p>Visar %ld–%ld. ", (page - 1) * 50 + (json_array_size(rows) ? 1 : 0),
	           (page - 1) * 50 + (long)json_array_size(rows));
	static const char *const keys[] = { "org", "serie", "status", "ar", "handlaggare", "enhet", "klass",
	                                    "fran", "till", "sortera" };
	buf q = BUF_INIT;
	view_keep_query(&q, r, org, keys, sizeof keys / sizeof keys[0]);
	html_raw(&b, "<a href=\"/arenden?format=csv");
	html_raw(&b, q.s);
	html_raw(&b, "\">Exportera listan som CSV</a></p>\n");
	static const char *const cols[] = { "Diarienummer", "Rubrik", "Status", "Handläggare", "Öppnat", "Bevakning",
	                                    "Handlingar" };
	view_table_begin(&b, "Ärenden", cols, 7);
	html_raw(&b, "\n");
	json_array_foreach(rows, i, row) {
		html_raw(&b, "<tr>");
		view_number_cell(&b, "arende", org, view_str(row, "number"));
		view_cell(&b, view_str(row, "title"));
		view_cell(&b, view_status_sv(view_str(row, "status")));
		view_cell(&b, view_str(row, "officer"));
		view_cell(&b, view_str(row, "opened_date"));
		view_cell(&b, view_str(row, "due_date"));
		buf_printf(&b, "<td>%lld</td></tr>\n", (long long)json_integer_value(json_object_get(row, "records")));
	}
	view_table_end(&b);
	view_pager_begin(&b, "/arenden", page, more, q.s);
	buf_printf(&b, " <span>Sida %ld</span></nav>\n", page);
	buf_free(&q);
	json_decref(rows);
	layout_end(&b);
	return web_html(r, 200, &b);
}

static void case_action(buf *b, request *r, const char *org, const char *num, const char *action,
                        const char *legend, const char *field_html, const char *button)
{
	html_raw(b, "<form method=\"post\" action=\"/arende\"><fieldset><legend>");
	html_text(b, legend);
	html_raw(b, "</legend>");
	view_form_fields(b, r, org);
	view_hidden(b, "nr", num);
	view_hidden(b, "atgard", action);
	if (field_html)
		html_raw(b, field_html);
	html_raw(b, "<p><button type=\"submit\">");
	html_text(b, button);
	html_raw(b, "</button></p></fieldset></form>\n");
}

/* PAGE: GET /arende  access: staff */
enum MHD_Result page_case(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	const char *num = req_query(r, "nr");
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	if (!num)
		return web_error_page(r, 400, "Ange ett diarienummer.");
	json_t *c = case_show(r->k, org_id, num, &e);
	if (!c)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	char title[200];
	snprintf(title, sizeof title, "Ärende %s", view_str(c, "number"));
	layout_begin(&b, r, title);
	view_flash(&b, r);
	html_raw(&b, "<h1>");
	html_text(&b, view_str(c, "number"));
	html_raw(&b, " ");
	html_text(&b, view_str(c, "title"));
	html_raw(&b, "</h1>\n");
	int prot = json_is_true(json_object_get(c, "title_protected"));
	if (req_query(r, "varning") && !strcmp(req_query(r, "varning"), "rubrik"))
		html_raw(&b, "<p class=\"error\" role=\"alert\">Varning: en part vars namn är maskerat står med namn "
		             "i ärendemeningen. <a href=\"#skydda-rubrik\">Skydda ärendemeningen</a> med en offentlig "
		             "rubrik.</p>\n");
	if (prot && view_str(c, "public_title")) {
		html_raw(&b, "<p class=\"secret\">Skyddad ärendemening. Offentlig rubrik: ");
		html_text(&b, view_str(c, "public_title"));
		html_raw(&b, "</p>\n");
	} else if (prot) {
		html_raw(&b, "<p class=\"muted\">Ärendemeningen är skyddad: du ser den offentliga rubriken.</p>\n");
	}
	html_raw(&b, "<dl class=\"meta\">");
	view_meta(&b, "Status", view_status_sv(view_str(c, "status")));
	view_meta(&b, "Handläggare", view_str(c, "officer") ? view_str(c, "officer") : "Ingen");
	view_meta(&b, "Enhet", view_str(c, "unit_name") ? view_str(c, "unit_name") : "–");
	html_raw(&b, "<dt>Klass</dt><dd>");
	if (view_str(c, "class")) {
		html_text(&b, view_str(c, "class"));
		html_raw(&b, " ");
		html_text(&b, view_str(c, "class_title"));
	} else {
		html_raw(&b, "–");
	}
	html_raw(&b, "</dd>");
	view_meta(&b, "Öppnat", view_str(c, "opened_date"));
	view_meta(&b, "Bevakning", view_str(c, "due_date") ? view_str(c, "due_date") : "–");
	json_t *cycle = agenda_case_info(r->k, org_id, view_str(c, "number"), NULL);
	if (cycle && json_object_get(cycle, "ready_for"))
		view_meta(&b, "Klart för beslut i", view_str(json_object_get(cycle, "ready_for"), "name"));
	size_t ci;
	json_t *cm;
	json_array_foreach(cycle ? json_object_get(cycle, "meetings") : NULL, ci, cm) {
		char mid[24], para[32] = "";
		snprintf(mid, sizeof mid, "%lld", (long long)json_integer_value(json_object_get(cm, "id")));
		if (json_object_get(cm, "paragraph"))
			snprintf(para, sizeof para, ", § %lld", (long long)json_integer_value(json_object_get(cm, "paragraph")));
		html_raw(&b, "<dt>Sammanträde</dt><dd><a href=\"/sammantrade?org=");
		html_url(&b, org);
		html_raw(&b, "&amp;id=");
		html_raw(&b, mid);
		html_raw(&b, "\">");
		html_text(&b, view_str(cm, "board"));
		html_raw(&b, " ");
		html_text(&b, view_str(cm, "date"));
		html_text(&b, para);
		html_raw(&b, "</a></dd>");
	}
	json_decref(cycle);
	html_raw(&b, "</dl>\n<h2>Handlingar</h2>\n");
	static const char *const record_cols[] = { "Nummer", "Datum", "Riktning", "Avsändare/mottagare", "Rubrik",
	                                           "Filer", "Sekretess" };
	view_table_begin(&b, "Handlingar i ärendet", record_cols, 7);
	html_raw(&b, "\n");
	size_t i, j;
	json_t *rec, *f;
	json_array_foreach(json_object_get(c, "records"), i, rec) {
		html_raw(&b, "<tr>");
		view_number_cell(&b, "handling", org, view_str(rec, "number"));
		view_cell(&b, view_str(rec, "doc_date"));
		view_cell(&b, view_direction_sv(view_str(rec, "direction")));
		view_cell(&b, view_str(rec, "party"));
		view_title_cell(&b, rec);
		html_raw(&b, "<td>");
		json_array_foreach(json_object_get(rec, "files"), j, f) {
			if (json_is_true(json_object_get(f, "superseded")))
				continue;
			if (!view_str(f, "sha256")) { /* masked */
				html_text(&b, view_str(f, "name"));
				continue;
			}
			view_file_link(&b, org, view_str(rec, "number"), view_str(f, "name"), view_str(f, "name"));
			html_raw(&b, " ");
		}
		html_raw(&b, "</td><td>");
		if (strcmp(view_str(rec, "secrecy"), "none")) {
			html_raw(&b, "<span class=\"secret\">");
			html_text(&b, view_str(rec, "legal_ground"));
			html_raw(&b, "</span>");
		}
		html_raw(&b, "</td></tr>\n");
	}
	view_table_end(&b);
	json_t *links = json_object_get(c, "links"), *notes = json_object_get(c, "notes");
	if (json_array_size(links)) {
		html_raw(&b, "<h2>Relaterade ärenden</h2><ul>");
		json_array_foreach(links, i, rec) {
			html_raw(&b, "<li>");
			view_number_link(&b, "arende", org, view_str(rec, "number"));
			html_raw(&b, " ");
			html_text(&b, view_str(rec, "title"));
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>\n");
	}
	if (json_array_size(notes)) {
		html_raw(&b, "<h2>Anteckningar</h2><ul>");
		json_array_foreach(notes, i, rec) {
			html_raw(&b, "<li><span class=\"muted\">");
			html_text(&b, view_str(rec, "time"));
			html_raw(&b, " ");
			html_text(&b, view_str(rec, "author"));
			html_raw(&b, ":</span> ");
			html_text(&b, view_str(rec, "text"));
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>\n");
	}
	html_raw(&b, "<p><a href=\"/registrera?org=");
	html_url(&b, org);
	html_raw(&b, "&amp;arende=");
	html_url(&b, view_str(c, "number"));
	html_raw(&b, "\">Registrera handling i ärendet</a></p>\n<h2>Åtgärder</h2><div class=\"actions\">\n");
	const char *status = view_str(c, "status");
	buf fld = BUF_INIT;
	html_raw(&fld, "<p><label for=\"handlaggare\">Användarnamn</label><input id=\"handlaggare\" "
	               "name=\"handlaggare\" required></p>");
	case_action(&b, r, org, view_str(c, "number"), "tilldela", "Tilldela handläggare", fld.s, "Tilldela");
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"bevakning\">Datum</label><input id=\"bevakning\" name=\"bevakning\" "
	               "type=\"date\" required></p>");
	case_action(&b, r, org, view_str(c, "number"), "bevaka", "Sätt bevakningsdatum", fld.s, "Spara");
	if (!strcmp(status, "open"))
		case_action(&b, r, org, view_str(c, "number"), "besluta", "Markera som beslutat", NULL, "Beslutat");
	json_t *boards = !strcmp(status, "open") ? board_list(r->k, org_id, NULL) : NULL;
	if (json_array_size(boards)) {
		buf_reset(&fld);
		html_raw(&fld, "<p><label for=\"redo-namnd\">Nämnd</label><select id=\"redo-namnd\" name=\"namnd\">");
		html_option(&fld, "", "Inte klart för beslut", NULL);
		view_options(&fld, boards, "code", "name", NULL);
		html_raw(&fld, "</select></p>");
		case_action(&b, r, org, view_str(c, "number"), "redo", "Klart för beslut i nämnd", fld.s, "Spara");
	}
	json_decref(boards);
	if (strcmp(status, "closed"))
		case_action(&b, r, org, view_str(c, "number"), "avsluta", "Avsluta ärendet", NULL, "Avsluta");
	else {
		buf_reset(&fld);
		html_raw(&fld, "<p><label for=\"skal\">Skäl</label><input id=\"skal\" name=\"skal\" required></p>");
		case_action(&b, r, org, view_str(c, "number"), "ateroppna", "Återöppna ärendet", fld.s, "Återöppna");
		if (archive_may_export(r->k, org_id)) {
			/* A closed case goes to the e-archive from here, for archivists. */
			html_raw(&b, "<form method=\"post\" action=\"/arkiv/leverans\"><fieldset><legend>Leverera till "
			             "e-arkivet</legend>");
			view_form_fields(&b, r, org);
			view_hidden(&b, "arende", view_str(c, "number"));
			html_raw(&b, "<p><label for=\"leveransformat\">Format</label><select id=\"leveransformat\" "
			             "name=\"format\"><option value=\"zip\" selected>ZIP</option><option value=\"tar\">TAR"
			             "</option></select></p><p><button type=\"submit\">Ladda ned arkivpaket</button></p>"
			             "</fieldset></form>\n");
		}
	}
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"anteckning\">Anteckning</label><textarea id=\"anteckning\" "
	               "name=\"anteckning\" rows=\"3\" required></textarea></p>");
	case_action(&b, r, org, view_str(c, "number"), "anteckna", "Skriv en anteckning", fld.s, "Spara anteckning");
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"koppla\">Diarienummer</label><input id=\"koppla\" name=\"koppla\" "
	               "required></p>");
	case_action(&b, r, org, view_str(c, "number"), "koppla", "Koppla till ärende", fld.s, "Koppla");
	/* The title and the public title (skyddad ärendemening); a reader who
	 * sees only the public title is not shown the full one to edit. */
	int full_shown = !prot || view_str(c, "public_title");
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"ny-rubrik\">Rubrik</label><input id=\"ny-rubrik\" name=\"rubrik\" value=\"");
	html_text(&fld, full_shown ? view_str(c, "title") : "");
	html_raw(&fld, "\"></p><p><label for=\"offentlig-rubrik\">Offentlig rubrik</label><input id=\"offentlig-rubrik\" "
	               "name=\"offentlig_rubrik\" value=\"");
	html_text(&fld, full_shown && prot ? view_str(c, "public_title") : "");
	html_raw(&fld, "\"></p><p><input type=\"checkbox\" id=\"ingen-offentlig\" name=\"ingen_offentlig\" value=\"1\">"
	               "<label for=\"ingen-offentlig\">Ta bort den offentliga rubriken (rubriken är offentlig)</label></p>"
	               "<p><label for=\"rubrik-skal\">Skäl</label><input id=\"rubrik-skal\" name=\"skal\" required></p>");
	html_raw(&b, "<div id=\"skydda-rubrik\">");
	case_action(&b, r, org, view_str(c, "number"), "rubrik", "Rätta rubrik eller skydda ärendemeningen", fld.s,
	            "Spara rubrik");
	html_raw(&b, "</div>");
	buf_free(&fld);
	html_raw(&b, "</div>\n<h2>Händelser</h2>\n");
	static const char *const event_cols[] = { "Händelse", "Tid", "Vem", "Vad" };
	view_table_begin(&b, "Ärendets granskningslogg", event_cols, 4);
	html_raw(&b, "\n");
	json_array_foreach(json_object_get(c, "audit_trail"), i, rec) {
		buf_printf(&b, "<tr><td>%lld</td><td>", (long long)json_integer_value(json_object_get(rec, "event")));
		html_text(&b, view_str(rec, "time"));
		html_raw(&b, "</td><td>");
		html_text(&b, view_str(rec, "actor"));
		html_raw(&b, "</td><td>");
		html_text(&b, action_sv(view_str(rec, "action")));
		html_raw(&b, "</td></tr>\n");
	}
	view_table_end(&b);
	json_decref(c);
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* PAGE: POST /arende  access: staff */
enum MHD_Result page_case_change(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	const char *num = req_form(r, "nr"), *what = req_form(r, "atgard");
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	if (!num || !what)
		return web_error_page(r, 400, "Diarienummer och åtgärd saknas.");
	int rc;
	const char *done;
	if (!strcmp(what, "tilldela")) {
		rc = case_assign(r->k, org_id, num, req_form(r, "handlaggare") ? req_form(r, "handlaggare") : "", &e);
		done = "Handläggare tilldelad.";
	} else if (!strcmp(what, "bevaka")) {
		rc = case_set_due(r->k, org_id, num, req_form(r, "bevakning") ? req_form(r, "bevakning") : "", &e);
		done = "Bevakningsdatum sparat.";
	} else if (!strcmp(what, "besluta")) {
		rc = case_set_status(r->k, org_id, num, "decided", NULL, &e);
		done = "Ärendet är markerat som beslutat.";
	} else if (!strcmp(what, "avsluta")) {
		rc = case_set_status(r->k, org_id, num, "closed", NULL, &e);
		done = "Ärendet är avslutat.";
	} else if (!strcmp(what, "anteckna")) {
		rc = case_add_note(r->k, org_id, num, req_form(r, "anteckning"), &e);
		done = "Anteckningen är sparad.";
	} else if (!strcmp(what, "koppla")) {
		rc = case_link(r->k, org_id, num, req_form(r, "koppla") ? req_form(r, "koppla") : "", &e);
		done = "Ärendena är kopplade.";
	} else if (!strcmp(what, "redo")) {
		const char *board = req_form(r, "namnd");
		rc = agenda_mark_ready(r->k, org_id, num, board, &e);
		done = board && *board ? "Ärendet är klart för beslut och erbjuds till nämndens föredragningslista."
		                       : "Ärendet är inte längre markerat klart för beslut.";
	} else if (!strcmp(what, "rubrik")) {
		const char *t = req_form(r, "rubrik"), *pt = req_form(r, "offentlig_rubrik");
		rc = case_correct(r->k, org_id, num, t && *t ? t : NULL,
		                  req_form(r, "ingen_offentlig") ? "" : pt && *pt ? pt : NULL, req_form(r, "skal"), &e);
		done = "Rubriken är rättad.";
	} else if (!strcmp(what, "ateroppna")) {
		rc = case_set_status(r->k, org_id, num, "open", req_form(r, "skal"), &e);
		done = "Ärendet är återöppnat.";
	} else {
		return web_error_page(r, 400, "Okänd åtgärd.");
	}
	if (rc)
		return page_fail(r, &e);
	return view_done(r, "/arende", org, "nr", num, done);
}
