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
#include "web/page.h"
#include "web/view.h"

static void import_form(buf *b, request *r, const char *org)
{
	html_f(b, "<form method=\"post\" action=\"/importera\" enctype=\"multipart/form-data\" class=\"form\">");
	view_form_fields(b, r, org);
	html_f(b, _("<p><label for=\"fil\">CSV-fil från det tidigare systemet</label>"
	       "<input type=\"file\" id=\"fil\" name=\"fil\" accept=\".csv,text/csv\" required></p>"
	       "<p><label for=\"kodning\">Teckenkodning</label><select id=\"kodning\" name=\"kodning\">"));
	html_options(b, req_form(r, "kodning"), "utf-8", "UTF-8", "windows-1252", _("Windows-1252 (äldre Excel)"),
	             "iso-8859-1", _("ISO 8859-1"), NULL);
	html_f(b, _("</select></p><p><label for=\"mappning\">Kolumnmappning (tomt: standard)</label>"
	       "<textarea id=\"mappning\" name=\"mappning\" rows=\"4\">"
	       "%s</textarea></p><p><input type=\"checkbox\" id=\"provkor\" name=\"provkor\" value=\"1\" checked>"
	       "<label for=\"provkor\" class=\"inline\">Provkör: kontrollera utan att importera</label></p>"
	       "<p><button type=\"submit\">Läs in</button></p></form>\n"), req_form(r, "mappning"));
}

static void mapping_help(buf *b)
{
	html_f(b, _("<h2>Standardmappning</h2><p>Varje rad anger ett fält i kansli och de kolumnrubriker det "
	       "kan hämtas från. Skriv egna rader i rutan ovan för ett system med andra rubriker.</p><pre>%s</pre>\n"),
	       legacy_default_mapping);
}

/* PAGE: GET /importera  access: staff */
enum MHD_Result page_import_form(page *p)
{
	request *r = p->r;
	page_begin(p, _("Importera diarium"));
	html_f(&p->b, _("<h1>Importera diarium från ett annat system</h1>\n<p>Ladda upp diariet som CSV (en rad per "
	       "handling, med rubrikrad). Ärenden och handlingar behåller sina nummer, avslutade ärenden sina "
	       "avslutsdatum. Är någon rad felaktig importeras ingenting, och varje felaktig rad visas med "
	       "radnummer och orsak.</p>\n"));
	import_form(&p->b, r, p->org);
	mapping_help(&p->b);
	return page_close(p);
}

/* PAGE: POST /importera  access: staff */
enum MHD_Result page_import(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	buf raw = BUF_INIT;
	if (view_csv_upload(r, "fil", &raw, &ret))
		return ret;
	const char *map = req_form(r, "mappning");
	int dry = req_form(r, "provkor") != NULL;
	legacy_report *rep;
	int rc = legacy_import_bytes(r->k, p->org_id, raw.s, raw.len, req_form(r, "kodning"), map && *map ? map : NULL,
	                             dry, &rep, &p->e);
	buf_free(&raw);
	if (rc && (!rep || !rep->nlisted)) {
		free(rep);
		return page_fail_p(p);
	}
	page_begin(p, _("Importera diarium"));
	html_f(&p->b, _("<h1>Importera diarium</h1>\n"));
	char line[300];
	if (rc) {
		snprintf(line, sizeof line, _("Ingenting importerades: %ld av %ld rader avvisades."), rep->rejected, rep->rows);
		view_alert(&p->b, line);
		const char *const cols[] = { _("Rad"), _("Orsak") };
		view_table_begin(&p->b, _("Avvisade rader"), cols, 2);
		for (int i = 0; i < rep->nlisted; i++) {
			char n[24];
			snprintf(n, sizeof n, "%ld", rep->list[i].line);
			html_f(&p->b, "<tr>");
			view_cell(&p->b, n);
			view_cell(&p->b, rep->list[i].reason);
			html_f(&p->b, "</tr>");
		}
		view_table_end(&p->b);
	} else {
		snprintf(line, sizeof line, _("%s %ld handlingar i %ld nya ärenden (%ld fanns redan) från %ld rader."),
		         dry ? _("Provkörningen gick igenom: filen skulle ge") : _("Importerat:"), rep->records, rep->cases,
		         rep->skipped, rep->rows);
		view_ok(&p->b, line);
	}
	html_f(&p->b, _("<p>Kolumner som lästes: %s</p><h2>Läs in en fil</h2>\n"), rep->columns);
	free(rep);
	import_form(&p->b, r, p->org);
	layout_end(&p->b);
	return web_html(r, rc ? 422 : 200, &p->b);
}
