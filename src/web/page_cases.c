/*
 * page_cases.c — the case list (filters, sorting, paging, CSV export), the
 * case page (header, records with files, audit trail) and its actions
 * (assign, due date, decide, close, reopen).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/org.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"

static const char *status_sv(const char *s)
{
	return !s ? "" : !strcmp(s, "open") ? "Öppet" : !strcmp(s, "decided") ? "Beslutat"
		: !strcmp(s, "closed") ? "Avslutat" : s;
}

static const char *direction_sv(const char *d)
{
	return !d ? "" : !strcmp(d, "in") ? "Inkommande" : !strcmp(d, "out") ? "Utgående"
		: !strcmp(d, "internal") ? "Upprättad" : d;
}

/* What an audit event means, for people reading a case's history. */
static const char *action_sv(const char *a)
{
	static const char *const names[][2] = {
		{ "case.open", "Ärendet öppnades" }, { "case.assign", "Handläggare tilldelades" },
		{ "case.due", "Bevakningsdatum sattes" }, { "case.decide", "Ärendet markerades som beslutat" },
		{ "case.close", "Ärendet avslutades" }, { "case.reopen", "Ärendet återöppnades" },
		{ "record.register", "Handling registrerades" }, { "record.correct", "Handling rättades" },
		{ "record.read_secret", "Sekretessuppgifter lästes" }, { "case.note", "Anteckning skrevs" },
		{ "case.link", "Ärendet kopplades till ett annat" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(a, names[i][0]))
			return names[i][1];
	return a;
}

static void field_input(buf *b, const char *id, const char *label, const char *value, const char *type)
{
	html_raw(b, "<p><label for=\"");
	html_text(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label><input id=\"");
	html_text(b, id);
	html_raw(b, "\" name=\"");
	html_text(b, id);
	html_raw(b, "\" type=\"");
	html_text(b, type);
	html_raw(b, "\" value=\"");
	html_text(b, value ? value : "");
	html_raw(b, "\"></p>");
}

static void csv_cell(buf *b, const char *v, int last)
{
	buf_addc(b, '"');
	for (const char *p = v ? v : ""; *p; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	buf_adds(b, last ? "\"\r\n" : "\";");
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

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
			csv_cell(&b, jstr(row, "number"), 0);
			csv_cell(&b, jstr(row, "title"), 0);
			csv_cell(&b, status_sv(jstr(row, "status")), 0);
			csv_cell(&b, jstr(row, "officer"), 0);
			csv_cell(&b, jstr(row, "due_date"), 0);
			csv_cell(&b, jstr(row, "opened_date"), 0);
			csv_cell(&b, n, 0);
			csv_cell(&b, jstr(row, "class"), 0);
			csv_cell(&b, jstr(row, "unit"), 1);
		}
		json_decref(rows);
		return web_send(r, 200, "text/csv; charset=utf-8", &b);
	}
	json_t *series = org_setup_list(r->k, org_id, "series", &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Ärenden");
	html_raw(&b, "<h1>Ärenden</h1>\n<form method=\"get\" action=\"/arenden\" class=\"filters\" "
	             "aria-label=\"Filtrera ärenden\"><input type=\"hidden\" name=\"org\" value=\"");
	html_text(&b, org);
	html_raw(&b, "\"><p><label for=\"serie\">Serie</label><select id=\"serie\" name=\"serie\">");
	html_option(&b, "", "Alla", f.series);
	json_array_foreach(series, i, row)
		html_option(&b, jstr(row, "prefix"), jstr(row, "prefix"), f.series);
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
	html_raw(&b, "<a href=\"/arenden?format=csv&amp;");
	/* the same filters, for the export link */
	const char *keys[] = { "org", "serie", "status", "ar", "handlaggare", "enhet", "klass", "fran", "till",
	                       "sortera" };
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		const char *v = !strcmp(keys[k], "org") ? org : req_query(r, keys[k]);
		if (v && *v) {
			html_raw(&b, keys[k]);
			html_raw(&b, "=");
			html_url(&b, v);
			html_raw(&b, "&amp;");
		}
	}
	html_raw(&b, "\">Exportera listan som CSV</a></p>\n");
	html_raw(&b, "<table><caption>Ärenden</caption><thead><tr><th scope=\"col\">Diarienummer</th>"
	             "<th scope=\"col\">Rubrik</th><th scope=\"col\">Status</th><th scope=\"col\">Handläggare</th>"
	             "<th scope=\"col\">Öppnat</th><th scope=\"col\">Bevakning</th><th scope=\"col\">Handlingar</th>"
	             "</tr></thead><tbody>\n");
	json_array_foreach(rows, i, row) {
		html_raw(&b, "<tr><td><a href=\"/arende?org=");
		html_url(&b, org);
		html_raw(&b, "&amp;nr=");
		html_url(&b, jstr(row, "number"));
		html_raw(&b, "\">");
		html_text(&b, jstr(row, "number"));
		html_raw(&b, "</a></td><td>");
		html_text(&b, jstr(row, "title"));
		html_raw(&b, "</td><td>");
		html_text(&b, status_sv(jstr(row, "status")));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(row, "officer"));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(row, "opened_date"));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(row, "due_date"));
		buf_printf(&b, "</td><td>%lld</td></tr>\n", (long long)json_integer_value(json_object_get(row, "records")));
	}
	html_raw(&b, "</tbody></table>\n<nav class=\"pager\" aria-label=\"Sidor\">");
	for (int which = 0; which < 2; which++) {
		long target = which ? page + 1 : page - 1;
		if (target < 1 || (which && !more))
			continue;
		html_raw(&b, "<a href=\"/arenden?");
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			const char *v = !strcmp(keys[k], "org") ? org : req_query(r, keys[k]);
			if (v && *v) {
				html_raw(&b, keys[k]);
				html_raw(&b, "=");
				html_url(&b, v);
				html_raw(&b, "&amp;");
			}
		}
		buf_printf(&b, "sida=%ld\">%s</a>", target, which ? "Nästa sida" : "Föregående sida");
	}
	buf_printf(&b, " <span>Sida %ld</span></nav>\n", page);
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
	layout_csrf(b, r);
	html_raw(b, "<input type=\"hidden\" name=\"org\" value=\"");
	html_text(b, org);
	html_raw(b, "\"><input type=\"hidden\" name=\"nr\" value=\"");
	html_text(b, num);
	html_raw(b, "\"><input type=\"hidden\" name=\"atgard\" value=\"");
	html_text(b, action);
	html_raw(b, "\">");
	if (field_html)
		html_raw(b, field_html);
	html_raw(b, "<p><button type=\"submit\">");
	html_text(b, button);
	html_raw(b, "</button></p></fieldset></form>\n");
}

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
	snprintf(title, sizeof title, "Ärende %s", jstr(c, "number"));
	layout_begin(&b, r, title);
	const char *flash = req_query(r, "klart");
	if (flash) {
		html_raw(&b, "<p class=\"ok\" role=\"status\">");
		html_text(&b, flash);
		html_raw(&b, "</p>");
	}
	html_raw(&b, "<h1>");
	html_text(&b, jstr(c, "number"));
	html_raw(&b, " ");
	html_text(&b, jstr(c, "title"));
	html_raw(&b, "</h1>\n<dl class=\"meta\"><dt>Status</dt><dd>");
	html_text(&b, status_sv(jstr(c, "status")));
	html_raw(&b, "</dd><dt>Handläggare</dt><dd>");
	html_text(&b, jstr(c, "officer") ? jstr(c, "officer") : "Ingen");
	html_raw(&b, "</dd><dt>Enhet</dt><dd>");
	html_text(&b, jstr(c, "unit_name") ? jstr(c, "unit_name") : "–");
	html_raw(&b, "</dd><dt>Klass</dt><dd>");
	if (jstr(c, "class")) {
		html_text(&b, jstr(c, "class"));
		html_raw(&b, " ");
		html_text(&b, jstr(c, "class_title"));
	} else {
		html_raw(&b, "–");
	}
	html_raw(&b, "</dd><dt>Öppnat</dt><dd>");
	html_text(&b, jstr(c, "opened_date"));
	html_raw(&b, "</dd><dt>Bevakning</dt><dd>");
	html_text(&b, jstr(c, "due_date") ? jstr(c, "due_date") : "–");
	html_raw(&b, "</dd></dl>\n<h2>Handlingar</h2>\n<table><caption>Handlingar i ärendet</caption><thead><tr>"
	             "<th scope=\"col\">Nummer</th><th scope=\"col\">Datum</th><th scope=\"col\">Riktning</th>"
	             "<th scope=\"col\">Avsändare/mottagare</th><th scope=\"col\">Rubrik</th>"
	             "<th scope=\"col\">Filer</th><th scope=\"col\">Sekretess</th></tr></thead><tbody>\n");
	size_t i, j;
	json_t *rec, *f;
	json_array_foreach(json_object_get(c, "records"), i, rec) {
		html_raw(&b, "<tr><td><a href=\"/handling?org=");
		html_url(&b, org);
		html_raw(&b, "&amp;nr=");
		html_url(&b, jstr(rec, "number"));
		html_raw(&b, "\">");
		html_text(&b, jstr(rec, "number"));
		html_raw(&b, "</a></td><td>");
		html_text(&b, jstr(rec, "doc_date"));
		html_raw(&b, "</td><td>");
		html_text(&b, direction_sv(jstr(rec, "direction")));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(rec, "party"));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(rec, "title"));
		html_raw(&b, "</td><td>");
		json_array_foreach(json_object_get(rec, "files"), j, f) {
			if (json_is_true(json_object_get(f, "superseded")))
				continue;
			if (!jstr(f, "sha256")) { /* masked */
				html_text(&b, jstr(f, "name"));
				continue;
			}
			html_raw(&b, "<a href=\"/fil?org=");
			html_url(&b, org);
			html_raw(&b, "&amp;nr=");
			html_url(&b, jstr(rec, "number"));
			html_raw(&b, "&amp;namn=");
			html_url(&b, jstr(f, "name"));
			html_raw(&b, "\">");
			html_text(&b, jstr(f, "name"));
			html_raw(&b, "</a> ");
		}
		html_raw(&b, "</td><td>");
		if (strcmp(jstr(rec, "secrecy"), "none")) {
			html_raw(&b, "<span class=\"secret\">");
			html_text(&b, jstr(rec, "legal_ground"));
			html_raw(&b, "</span>");
		}
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody></table>\n");
	json_t *links = json_object_get(c, "links"), *notes = json_object_get(c, "notes");
	if (json_array_size(links)) {
		html_raw(&b, "<h2>Relaterade ärenden</h2><ul>");
		json_array_foreach(links, i, rec) {
			html_raw(&b, "<li><a href=\"/arende?org=");
			html_url(&b, org);
			html_raw(&b, "&amp;nr=");
			html_url(&b, jstr(rec, "number"));
			html_raw(&b, "\">");
			html_text(&b, jstr(rec, "number"));
			html_raw(&b, "</a> ");
			html_text(&b, jstr(rec, "title"));
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>\n");
	}
	if (json_array_size(notes)) {
		html_raw(&b, "<h2>Anteckningar</h2><ul>");
		json_array_foreach(notes, i, rec) {
			html_raw(&b, "<li><span class=\"muted\">");
			html_text(&b, jstr(rec, "time"));
			html_raw(&b, " ");
			html_text(&b, jstr(rec, "author"));
			html_raw(&b, ":</span> ");
			html_text(&b, jstr(rec, "text"));
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul>\n");
	}
	html_raw(&b, "<p><a href=\"/registrera?org=");
	html_url(&b, org);
	html_raw(&b, "&amp;arende=");
	html_url(&b, jstr(c, "number"));
	html_raw(&b, "\">Registrera handling i ärendet</a></p>\n<h2>Åtgärder</h2><div class=\"actions\">\n");
	const char *status = jstr(c, "status");
	buf fld = BUF_INIT;
	html_raw(&fld, "<p><label for=\"handlaggare\">Användarnamn</label><input id=\"handlaggare\" "
	               "name=\"handlaggare\" required></p>");
	case_action(&b, r, org, jstr(c, "number"), "tilldela", "Tilldela handläggare", fld.s, "Tilldela");
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"bevakning\">Datum</label><input id=\"bevakning\" name=\"bevakning\" "
	               "type=\"date\" required></p>");
	case_action(&b, r, org, jstr(c, "number"), "bevaka", "Sätt bevakningsdatum", fld.s, "Spara");
	if (!strcmp(status, "open"))
		case_action(&b, r, org, jstr(c, "number"), "besluta", "Markera som beslutat", NULL, "Beslutat");
	if (strcmp(status, "closed"))
		case_action(&b, r, org, jstr(c, "number"), "avsluta", "Avsluta ärendet", NULL, "Avsluta");
	else {
		buf_reset(&fld);
		html_raw(&fld, "<p><label for=\"skal\">Skäl</label><input id=\"skal\" name=\"skal\" required></p>");
		case_action(&b, r, org, jstr(c, "number"), "ateroppna", "Återöppna ärendet", fld.s, "Återöppna");
	}
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"anteckning\">Anteckning</label><textarea id=\"anteckning\" "
	               "name=\"anteckning\" rows=\"3\" required></textarea></p>");
	case_action(&b, r, org, jstr(c, "number"), "anteckna", "Skriv en anteckning", fld.s, "Spara anteckning");
	buf_reset(&fld);
	html_raw(&fld, "<p><label for=\"koppla\">Diarienummer</label><input id=\"koppla\" name=\"koppla\" "
	               "required></p>");
	case_action(&b, r, org, jstr(c, "number"), "koppla", "Koppla till ärende", fld.s, "Koppla");
	buf_free(&fld);
	html_raw(&b, "</div>\n<h2>Händelser</h2>\n<table><caption>Ärendets granskningslogg</caption><thead><tr>"
	             "<th scope=\"col\">Händelse</th><th scope=\"col\">Tid</th><th scope=\"col\">Vem</th>"
	             "<th scope=\"col\">Vad</th></tr></thead><tbody>\n");
	json_array_foreach(json_object_get(c, "audit_trail"), i, rec) {
		buf_printf(&b, "<tr><td>%lld</td><td>", (long long)json_integer_value(json_object_get(rec, "event")));
		html_text(&b, jstr(rec, "time"));
		html_raw(&b, "</td><td>");
		html_text(&b, jstr(rec, "actor"));
		html_raw(&b, "</td><td>");
		html_text(&b, action_sv(jstr(rec, "action")));
		html_raw(&b, "</td></tr>\n");
	}
	html_raw(&b, "</tbody></table>\n");
	json_decref(c);
	layout_end(&b);
	return web_html(r, 200, &b);
}

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
	} else if (!strcmp(what, "ateroppna")) {
		rc = case_set_status(r->k, org_id, num, "open", req_form(r, "skal"), &e);
		done = "Ärendet är återöppnat.";
	} else {
		return web_error_page(r, 400, "Okänd åtgärd.");
	}
	if (rc)
		return page_fail(r, &e);
	buf loc = BUF_INIT;
	buf_adds(&loc, "/arende?org=");
	html_url(&loc, org);
	buf_adds(&loc, "&nr=");
	html_url(&loc, num);
	buf_adds(&loc, "&klart=");
	html_url(&loc, done);
	enum MHD_Result ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	return ret;
}
