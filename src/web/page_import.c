/*
 * page_import.c — moving a registry from another system: upload its CSV
 * export, check it (optionally without importing), and read which rows
 * were rejected and why. The rules are core/legacy.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/legacy.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/view.h"

static void import_form(buf *b, request *r, const char *org)
{
	html_raw(b, "<form method=\"post\" action=\"/importera\" enctype=\"multipart/form-data\" class=\"form\">");
	view_form_fields(b, r, org);
	html_raw(b, "<p><label for=\"fil\">CSV-fil från det tidigare systemet</label>"
	            "<input type=\"file\" id=\"fil\" name=\"fil\" accept=\".csv,text/csv\" required></p>"
	            "<p><label for=\"kodning\">Teckenkodning</label><select id=\"kodning\" name=\"kodning\">");
	html_option(b, "utf-8", "UTF-8", req_form(r, "kodning"));
	html_option(b, "windows-1252", "Windows-1252 (äldre Excel)", req_form(r, "kodning"));
	html_option(b, "iso-8859-1", "ISO 8859-1", req_form(r, "kodning"));
	html_raw(b, "</select></p><p><label for=\"mappning\">Kolumnmappning (tomt: standard)</label>"
	            "<textarea id=\"mappning\" name=\"mappning\" rows=\"4\">");
	html_text(b, req_form(r, "mappning"));
	html_raw(b, "</textarea></p><p><input type=\"checkbox\" id=\"provkor\" name=\"provkor\" value=\"1\" checked>"
	            "<label for=\"provkor\" class=\"inline\">Provkör: kontrollera utan att importera</label></p>"
	            "<p><button type=\"submit\">Läs in</button></p></form>\n");
}

static void mapping_help(buf *b)
{
	html_raw(b, "<h2>Standardmappning</h2><p>Varje rad anger ett fält i kansli och de kolumnrubriker det "
	            "kan hämtas från. Skriv egna rader i rutan ovan för ett system med andra rubriker.</p><pre>");
	html_text(b, legacy_default_mapping);
	html_raw(b, "</pre>\n");
}

/* PAGE: GET /importera  access: staff */
enum MHD_Result page_import_form(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Importera diarium");
	html_raw(&b, "<h1>Importera diarium från ett annat system</h1>\n<p>Ladda upp diariet som CSV (en rad per "
	             "handling, med rubrikrad). Ärenden och handlingar behåller sina nummer, avslutade ärenden sina "
	             "avslutsdatum. Är någon rad felaktig importeras ingenting, och varje felaktig rad visas med "
	             "radnummer och orsak.</p>\n");
	import_form(&b, r, org);
	mapping_help(&b);
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* PAGE: POST /importera  access: staff */
enum MHD_Result page_import(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	buf raw = BUF_INIT;
	enum MHD_Result ret;
	if (view_csv_upload(r, "fil", &raw, &ret))
		return ret;
	const char *map = req_form(r, "mappning");
	int dry = req_form(r, "provkor") != NULL;
	legacy_report *rep;
	int rc = legacy_import_bytes(r->k, org_id, raw.s, raw.len, req_form(r, "kodning"), map && *map ? map : NULL,
	                             dry, &rep, &e);
	buf_free(&raw);
	if (rc && (!rep || !rep->nlisted)) {
		free(rep);
		return page_fail(r, &e);
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, "Importera diarium");
	html_raw(&b, "<h1>Importera diarium</h1>\n");
	char line[300];
	if (rc) {
		snprintf(line, sizeof line, "Ingenting importerades: %ld av %ld rader avvisades.", rep->rejected, rep->rows);
		view_alert(&b, line);
		static const char *const cols[] = { "Rad", "Orsak" };
		view_table_begin(&b, "Avvisade rader", cols, 2);
		for (int i = 0; i < rep->nlisted; i++) {
			char n[24];
			snprintf(n, sizeof n, "%ld", rep->list[i].line);
			html_raw(&b, "<tr>");
			view_cell(&b, n);
			view_cell(&b, rep->list[i].reason);
			html_raw(&b, "</tr>");
		}
		view_table_end(&b);
	} else {
		snprintf(line, sizeof line, "%s %ld handlingar i %ld nya ärenden (%ld fanns redan) från %ld rader.",
		         dry ? "Provkörningen gick igenom: filen skulle ge" : "Importerat:", rep->records, rep->cases,
		         rep->skipped, rep->rows);
		view_ok(&b, line);
	}
	html_raw(&b, "<p>Kolumner som lästes: ");
	html_text(&b, rep->columns);
	html_raw(&b, "</p><h2>Läs in en fil</h2>\n");
	free(rep);
	import_form(&b, r, org);
	layout_end(&b);
	return web_html(r, rc ? 422 : 200, &b);
}
