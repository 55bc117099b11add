/*
 * page_records.c — registering a record (in an existing or a new case,
 * with files uploaded as multipart), showing a record with its versions,
 * and downloading its files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/casetitle.h"
#include "core/indexer.h"
#include "core/org.h"
#include "core/party.h"
#include "core/records.h"
#include "core/retention.h"
#include "core/search.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/search_text.h"
#include "web/view.h"

static void text_field(buf *b, const char *id, const char *label, const char *value, const char *type,
                       int required, const char *hint)
{
	html_raw(b, "<p><label for=\"");
	html_text(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
	if (hint) {
		html_raw(b, "<span class=\"muted\" id=\"");
		html_text(b, id);
		html_raw(b, "-hint\">");
		html_text(b, hint);
		html_raw(b, "</span><br>");
	}
	html_raw(b, "<input id=\"");
	html_text(b, id);
	html_raw(b, "\" name=\"");
	html_text(b, id);
	html_raw(b, "\" type=\"");
	html_text(b, type);
	html_raw(b, "\" value=\"");
	html_text(b, value ? value : "");
	html_raw(b, "\"");
	if (hint) {
		html_raw(b, " aria-describedby=\"");
		html_text(b, id);
		html_raw(b, "-hint\"");
	}
	html_raw(b, required ? " required></p>" : "></p>");
}

static int form_has(request *r, const char *name, const char *value)
{
	for (int i = 0; i < r->nfields; i++)
		if (!r->fields[i].filename && !strcmp(r->fields[i].name, name) && r->fields[i].value.s &&
		    !strcmp(r->fields[i].value.s, value))
			return 1;
	return 0;
}

static enum MHD_Result register_form(request *r, unsigned status, const char *error)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	json_t *series = org_setup_list(r->k, org_id, "series", &e);
	json_t *classes = org_setup_list(r->k, org_id, "class", &e);
	json_t *parties = party_list(r->k, org_id, NULL, 300, NULL);
	buf b = BUF_INIT;
	size_t i;
	json_t *row;
	layout_begin(&b, r, "Registrera handling");
	html_raw(&b, "<h1>Registrera handling</h1>\n");
	if (error) {
		view_alert(&b, error);
		html_raw(&b, "\n");
	}
	html_raw(&b, "<form method=\"post\" action=\"/registrera\" enctype=\"multipart/form-data\" class=\"form\">");
	view_form_fields(&b, r, org);
	html_raw(&b, "<fieldset><legend>Ärende</legend>");
	text_field(&b, "arende", "Befintligt ärende", req_param(r, "arende"), "text", 0,
	           "Diarienummer, t.ex. KS 2026/0042. Lämna tomt för att öppna ett nytt ärende.");
	html_raw(&b, "<p><label for=\"ny_serie\">Serie för nytt ärende</label><select id=\"ny_serie\" name=\"ny_serie\">");
	view_options(&b, series, "prefix", "name", req_param(r, "ny_serie"));
	html_raw(&b, "</select></p>");
	text_field(&b, "ny_rubrik", "Rubrik för nytt ärende", req_param(r, "ny_rubrik"), "text", 0, NULL);
	text_field(&b, "ny_offentlig_rubrik", "Offentlig rubrik för nytt ärende (skyddad ärendemening)",
	           req_param(r, "ny_offentlig_rubrik"), "text", 0,
	           "Fyll i om rubriken röjer sekretessuppgifter, t.ex. en enskilds namn. Den offentliga rubriken "
	           "visas i det offentliga diariet och för den som inte får läsa ärendets sekretessuppgifter.");
	html_raw(&b, "<p><label for=\"klass\">Klassificering</label><select id=\"klass\" name=\"klass\">");
	html_option(&b, "", "Ingen", req_param(r, "klass"));
	json_array_foreach(classes, i, row) {
		char label[300];
		snprintf(label, sizeof label, "%s %s", view_str(row, "code"), view_str(row, "title"));
		html_option(&b, view_str(row, "code"), label, req_param(r, "klass"));
	}
	html_raw(&b, "</select></p></fieldset>\n<fieldset><legend>Handling</legend>"
	             "<p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">");
	html_option(&b, "in", "Inkommande", req_param(r, "riktning"));
	html_option(&b, "out", "Utgående", req_param(r, "riktning"));
	html_option(&b, "internal", "Upprättad", req_param(r, "riktning"));
	html_raw(&b, "</select></p>");
	text_field(&b, "datum", "Datum (inkom eller upprättad)", req_param(r, "datum"), "date", 0,
	           "Lämna tomt för dagens datum.");
	text_field(&b, "rubrik", "Rubrik", req_param(r, "rubrik"), "text", 1, NULL);
	/* Document types the retention schedule names are suggested. */
	json_t *plan = retention_schedule(r->k, org_id, NULL);
	html_raw(&b, "<p><label for=\"handlingstyp\">Handlingstyp</label><span class=\"muted\" id=\"handlingstyp-hint\">"
	             "Valfri, t.ex. Kvitto. Styr gallring enligt informationshanteringsplanen.</span><br>"
	             "<input id=\"handlingstyp\" name=\"handlingstyp\" list=\"handlingstyper\" "
	             "aria-describedby=\"handlingstyp-hint\" value=\"");
	html_text(&b, req_param(r, "handlingstyp"));
	html_raw(&b, "\"><datalist id=\"handlingstyper\">");
	json_array_foreach(plan, i, row) {
		const char *t = view_str(row, "doc_type");
		if (!t || !*t)
			continue;
		html_raw(&b, "<option value=\"");
		html_text(&b, t);
		html_raw(&b, "\">");
	}
	html_raw(&b, "</datalist></p>");
	json_decref(plan);
	html_raw(&b, "<p><label for=\"part_typ\">Avsändare eller mottagare</label>"
	             "<select id=\"part_typ\" name=\"part_typ\">");
	html_option(&b, "", "Ingen", req_param(r, "part_typ"));
	html_option(&b, "person", "Person", req_param(r, "part_typ"));
	html_option(&b, "organisation", "Organisation", req_param(r, "part_typ"));
	html_raw(&b, "</select></p><p><label for=\"part_namn\">Namn på avsändare eller mottagare</label><input id=\"part_namn\" "
	             "name=\"part_namn\" list=\"parter\" value=\"");
	html_text(&b, req_param(r, "part_namn"));
	html_raw(&b, "\"><datalist id=\"parter\">");
	json_array_foreach(parties, i, row) {
		html_raw(&b, "<option value=\"");
		html_text(&b, view_str(row, "name"));
		html_raw(&b, "\">");
	}
	html_raw(&b, "</datalist></p>");
	text_field(&b, "part_id", "Personnummer eller organisationsnummer", req_param(r, "part_id"), "text", 0,
	           "Valfritt. ÅÅÅÅMMDD-NNNN eller NNNNNN-NNNN; kontrolleras.");
	/* A number already bound to another name is refused until the user
	 * says it is the same person (a new surname, a misspelling). */
	html_raw(&b, "<p><input type=\"checkbox\" name=\"samma_person\" id=\"samma_person\" value=\"1\"");
	html_raw(&b, req_form(r, "samma_person") ? " checked>" : ">");
	html_raw(&b, " <label for=\"samma_person\">Personnumret finns redan under ett annat namn, och det är "
	             "samma person</label></p>");
	html_raw(&b, "</fieldset>\n<fieldset><legend>Sekretess</legend><p><label for=\"sekretess\">Sekretess"
	             "</label><select id=\"sekretess\" name=\"sekretess\">");
	html_option(&b, "none", "Ingen", req_param(r, "sekretess"));
	html_option(&b, "partial", "Delvis (maskera valda uppgifter)", req_param(r, "sekretess"));
	html_option(&b, "full", "Hela handlingen", req_param(r, "sekretess"));
	html_raw(&b, "</select></p>");
	text_field(&b, "lagrum", "Lagrum", req_param(r, "lagrum"), "text", 0, "T.ex. OSL 26 kap. 1 §");
	html_raw(&b, "<fieldset><legend>Maskera vid delvis sekretess</legend>");
	static const char *const masks[][2] = { { "title", "Rubrik" }, { "party", "Avsändare/mottagare" },
	                                        { "body", "Innehåll" }, { "files", "Filer" } };
	for (size_t m = 0; m < 4; m++) {
		html_raw(&b, "<p><input type=\"checkbox\" name=\"maskera\" id=\"maskera-");
		html_text(&b, masks[m][0]);
		html_raw(&b, "\" value=\"");
		html_text(&b, masks[m][0]);
		html_raw(&b, form_has(r, "maskera", masks[m][0]) ? "\" checked> " : "\"> ");
		html_raw(&b, "<label for=\"maskera-");
		html_text(&b, masks[m][0]);
		html_raw(&b, "\">");
		html_text(&b, masks[m][1]);
		html_raw(&b, "</label></p>");
	}
	html_raw(&b, "</fieldset></fieldset>\n<fieldset><legend>Filer</legend><p><label for=\"fil\">Filer "
	             "(högst 50 MB tillsammans)</label><input id=\"fil\" name=\"fil\" type=\"file\" multiple></p>"
	             "</fieldset>\n<p><button type=\"submit\">Registrera</button></p></form>\n");
	json_decref(series);
	json_decref(classes);
	json_decref(parties);
	layout_end(&b);
	return web_html(r, status, &b);
}

/* PAGE: GET /registrera  access: staff */
enum MHD_Result page_register_form(request *r)
{
	return register_form(r, 200, NULL);
}

/* PAGE: POST /registrera  access: staff */
enum MHD_Result page_register(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40], number[CASENUM_MAX], masked[64] = "";
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	static const char *const masks[] = { "title", "party", "body", "files" };
	for (size_t m = 0; m < 4; m++)
		if (form_has(r, "maskera", masks[m])) {
			if (*masked)
				strcat(masked, ",");
			strcat(masked, masks[m]);
		}
	const char *ptype = req_form(r, "part_typ");
	const char *datum = req_form(r, "datum");
	const char *secrecy = req_form(r, "sekretess");
	record_new rec = {
		.direction = req_form(r, "riktning"), .doc_date = datum && *datum ? datum : NULL,
		.party_kind = ptype && *ptype ? ptype : NULL,
		.party_name = ptype && *ptype ? req_form(r, "part_namn") : NULL,
		.party_idnum = ptype && *ptype ? req_form(r, "part_id") : NULL,
		.same_person = req_form(r, "samma_person") != NULL,
		.title = req_form(r, "rubrik"), .secrecy = secrecy,
		.legal_ground = secrecy && strcmp(secrecy, "none") ? req_form(r, "lagrum") : NULL,
		.masked = secrecy && !strcmp(secrecy, "partial") ? masked : NULL,
		.doc_type = req_form(r, "handlingstyp") && *req_form(r, "handlingstyp") ? req_form(r, "handlingstyp") : NULL,
	};
	req_field *files[RECORD_MAX_FILES];
	rec.nfiles = req_files(r, "fil", files, RECORD_MAX_FILES);
	for (int i = 0; i < rec.nfiles; i++) {
		rec.files[i] = files[i]->tmp_path;
		rec.file_names[i] = files[i]->filename;
	}
	const char *arende = req_form(r, "arende");
	int rc;
	if (arende && *arende) {
		rc = record_register(r->k, org_id, arende, &rec, number, &e);
	} else {
		const char *klass = req_form(r, "klass");
		case_new c = { .series = req_form(r, "ny_serie"), .title = req_form(r, "ny_rubrik"),
		               .class_code = klass && *klass ? klass : NULL,
		               .public_title = req_form(r, "ny_offentlig_rubrik") };
		rc = record_register_in_new_case(r->k, org_id, &c, &rec, number, &e);
	}
	if (rc) {
		char msg[700];
		snprintf(msg, sizeof msg, "Handlingen registrerades inte. %s (%s)", page_error_text(e.code), e.msg);
		return register_form(r, web_status_for(e.code), msg);
	}
	metrics_registration();
	char case_number[CASENUM_MAX];
	snprintf(case_number, sizeof case_number, "%s", number);
	char *dash = strrchr(case_number, '-');
	if (dash)
		*dash = '\0';
	char msg[CASENUM_MAX + 32];
	snprintf(msg, sizeof msg, "Registrerad som %s.", number);
	/* A masked party named in the case title: the case page warns and
	 * offers the public title (the name itself stays out of the URL). */
	buf party = BUF_INIT;
	char warned_case[CASENUM_MAX];
	int exposed = case_title_party_warning(r->k, org_id, number, &party, warned_case, &e);
	buf_free(&party);
	if (exposed <= 0)
		return view_done(r, "/arende", org, "nr", case_number, msg);
	buf loc = BUF_INIT;
	buf_adds(&loc, "/arende?org=");
	html_url(&loc, org);
	buf_adds(&loc, "&nr=");
	html_url(&loc, case_number);
	buf_adds(&loc, "&klart=");
	html_url(&loc, msg);
	buf_adds(&loc, "&varning=rubrik#skydda-rubrik");
	enum MHD_Result ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	return ret;
}

/* PAGE: GET /handling  access: staff */
enum MHD_Result page_record(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	const char *num = req_query(r, "nr");
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	if (!num)
		return web_error_page(r, 400, "Ange ett handlingsnummer.");
	json_t *rec = record_show(r->k, org_id, num, &e);
	if (!rec)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	char title[200];
	snprintf(title, sizeof title, "Handling %s", num);
	layout_begin(&b, r, title);
	html_raw(&b, "<h1>");
	html_text(&b, view_str(rec, "number"));
	html_raw(&b, " ");
	html_text(&b, view_str(rec, "title"));
	char version[24];
	snprintf(version, sizeof version, "%lld", (long long)json_integer_value(json_object_get(rec, "version")));
	html_raw(&b, "</h1>\n<dl class=\"meta\">");
	view_meta(&b, "Datum", view_str(rec, "doc_date"));
	view_meta(&b, "Registrerad", view_str(rec, "registered"));
	view_meta(&b, "Riktning", view_direction_sv(view_str(rec, "direction")));
	view_meta(&b, "Avsändare/mottagare", view_str(rec, "party") ? view_str(rec, "party") : "–");
	view_meta(&b, "Sekretess", strcmp(view_str(rec, "secrecy"), "none") ? view_str(rec, "legal_ground") : "Ingen");
	view_meta(&b, "Version", version);
	if (view_str(rec, "doc_type"))
		view_meta(&b, "Handlingstyp", view_str(rec, "doc_type"));
	html_raw(&b, "</dl>\n");
	if (view_str(rec, "disposed")) {
		html_raw(&b, "<p class=\"disposed\" role=\"note\">");
		html_text(&b, view_str(rec, "disposed"));
		html_raw(&b, ". Innehåll och filer är förstörda enligt informationshanteringsplanen.</p>\n");
	}
	if (view_str(rec, "body")) {
		html_raw(&b, "<h2>Innehåll</h2><p>");
		html_text(&b, view_str(rec, "body"));
		html_raw(&b, "</p>\n");
	}
	html_raw(&b, "<h2>Filer</h2><ul>");
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rec, "files"), i, f) {
		html_raw(&b, "<li>");
		if (view_str(f, "sha256")) {
			view_file_link(&b, org, num, view_str(f, "name"), view_str(f, "name"));
			html_raw(&b, " <span class=\"muted\">");
			html_text(&b, view_str(f, "media_type"));
			buf_printf(&b, ", %lld byte, version %lld%s</span>",
			           (long long)json_integer_value(json_object_get(f, "size")),
			           (long long)json_integer_value(json_object_get(f, "version")),
			           json_is_true(json_object_get(f, "superseded")) ? ", ersatt" : "");
			/* A file stopped at an extractor limit is searchable only by
			 * the text found before it: staff should know. */
			char status[16];
			kerr se = KERR_INIT;
			if (indexer_file_status(r->k, view_str(f, "sha256"), status, sizeof status, &se) == 0 &&
			    !strcmp(status, "partial"))
				html_raw(&b, " <strong>delvis indexerad</strong>");
		} else {
			html_text(&b, view_str(f, "name"));
		}
		html_raw(&b, "</li>");
	}
	html_raw(&b, "</ul>\n<h2>Versioner</h2>");
	json_t *hist = json_object_get(rec, "history");
	if (json_array_size(hist) == 0)
		html_raw(&b, "<p>Handlingen har inte rättats.</p>");
	else {
		static const char *const cols[] = { "Version", "Ändrad", "Av", "Skäl", "Rubrik före ändringen" };
		view_table_begin(&b, "Tidigare versioner", cols, 5);
		json_array_foreach(hist, i, f) {
			buf_printf(&b, "<tr><td>%lld</td><td>", (long long)json_integer_value(json_object_get(f, "version")));
			html_text(&b, view_str(f, "changed"));
			html_raw(&b, "</td><td>");
			html_text(&b, view_str(f, "actor"));
			html_raw(&b, "</td><td>");
			html_text(&b, view_str(f, "reason"));
			html_raw(&b, "</td><td>");
			html_text(&b, view_str(json_object_get(f, "previous"), "title"));
			html_raw(&b, "</td></tr>");
		}
		html_raw(&b, "</tbody></table>");
	}
	json_decref(rec);
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* PAGE: GET /fil  access: staff */
enum MHD_Result page_file(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40], path[4400];
	const char *num = req_query(r, "nr"), *name = req_query(r, "namn");
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	if (!num || !name)
		return web_error_page(r, 400, "Ange handling och filnamn.");
	json_t *rec = record_show(r->k, org_id, num, &e);
	if (!rec)
		return page_fail(r, &e);
	const char *type = NULL;
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rec, "files"), i, f)
		if (view_str(f, "sha256") && !strcmp(view_str(f, "name"), name) && !json_is_true(json_object_get(f, "superseded")))
			type = view_str(f, "media_type");
	char media[128];
	snprintf(media, sizeof media, "%s", type ? type : "application/octet-stream");
	json_decref(rec);
	if (record_file_path(r->k, org_id, num, name, path, sizeof path, &e))
		return page_fail(r, &e);
	return web_file(r, path, media, name);
}

/* PAGE: GET /handlingar  access: staff */
enum MHD_Result page_record_list(request *r)
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
	record_filter f = {
		.series = req_query(r, "serie"), .direction = req_query(r, "riktning"),
		.from = req_query(r, "fran"), .to = req_query(r, "till"), .year = year ? atoi(year) : 0,
		.limit = csv ? 100000 : 51, .offset = csv ? 0 : (int)(page - 1) * 50,
	};
	json_t *rows = record_list(r->k, org_id, &f, &e);
	if (!rows)
		return page_fail(r, &e);
	size_t i;
	json_t *row;
	if (csv) {
		buf b = BUF_INIT;
		buf_adds(&b, "\xEF\xBB\xBF" "Nummer;Datum;Riktning;Avsändare/mottagare;Rubrik;Sekretess\r\n");
		json_array_foreach(rows, i, row) {
			view_csv_cell(&b, view_str(row, "number"), 0);
			view_csv_cell(&b, view_str(row, "doc_date"), 0);
			view_csv_cell(&b, view_direction_sv(view_str(row, "direction")), 0);
			view_csv_cell(&b, view_str(row, "party"), 0);
			view_csv_cell(&b, view_str(row, "title"), 0);
			view_csv_cell(&b, strcmp(view_str(row, "secrecy"), "none") ? view_str(row, "legal_ground") : "", 1);
		}
		json_decref(rows);
		return web_send(r, 200, "text/csv; charset=utf-8", &b);
	}
	int more = json_array_size(rows) > 50;
	if (more)
		json_array_remove(rows, 50);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Handlingar");
	html_raw(&b, "<h1>Handlingar</h1>\n<form method=\"get\" action=\"/handlingar\" class=\"filters\" "
	             "aria-label=\"Filtrera handlingar\">");
	view_hidden(&b, "org", org);
	html_raw(&b, "<p><label for=\"serie\">Serie</label><input id=\"serie\" name=\"serie\" value=\"");
	html_text(&b, f.series);
	html_raw(&b, "\"></p><p><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" type=\"number\" value=\"");
	html_text(&b, year);
	html_raw(&b, "\"></p><p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">");
	html_option(&b, "", "Alla", f.direction);
	html_option(&b, "in", "Inkommande", f.direction);
	html_option(&b, "out", "Utgående", f.direction);
	html_option(&b, "internal", "Upprättad", f.direction);
	html_raw(&b, "</select></p><p><label for=\"fran\">Datum från</label><input id=\"fran\" name=\"fran\" "
	             "type=\"date\" value=\"");
	html_text(&b, f.from);
	html_raw(&b, "\"></p><p><label for=\"till\">Datum till</label><input id=\"till\" name=\"till\" "
	             "type=\"date\" value=\"");
	html_text(&b, f.to);
	html_raw(&b, "\"></p><p><button type=\"submit\">Visa</button></p></form>\n<p><a href=\"/handlingar?format=csv");
	static const char *const keys[] = { "org", "serie", "ar", "riktning", "fran", "till" };
	buf q = BUF_INIT;
	view_keep_query(&q, r, org, keys, sizeof keys / sizeof keys[0]);
	html_raw(&b, q.s);
	html_raw(&b, "\">Exportera listan som CSV</a></p>\n");
	static const char *const cols[] = { "Nummer", "Datum", "Riktning", "Avsändare/mottagare", "Rubrik", "Sekretess" };
	view_table_begin(&b, "Handlingar", cols, 6);
	html_raw(&b, "\n");
	json_array_foreach(rows, i, row) {
		html_raw(&b, "<tr>");
		view_number_cell(&b, "handling", org, view_str(row, "number"));
		view_cell(&b, view_str(row, "doc_date"));
		view_cell(&b, view_direction_sv(view_str(row, "direction")));
		view_cell(&b, view_str(row, "party"));
		view_title_cell(&b, row);
		html_raw(&b, "<td>");
		if (strcmp(view_str(row, "secrecy"), "none"))
			html_text(&b, view_str(row, "legal_ground"));
		html_raw(&b, "</td></tr>\n");
	}
	view_table_end(&b);
	view_pager_begin(&b, "/handlingar", page, more, q.s);
	buf_printf(&b, " <span>Sida %ld</span></nav>\n", page);
	buf_free(&q);
	json_decref(rows);
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* The snippet with matches marked: escaped text, <mark> around hits. */
static void snippet_html(buf *b, const char *sn)
{
	char one[2] = { 0, 0 };
	for (const char *p = sn ? sn : ""; *p; p++) {
		if (*p == '\x01')
			html_raw(b, "<mark>");
		else if (*p == '\x02')
			html_raw(b, "</mark>");
		else {
			one[0] = *p;
			html_text(b, one);
		}
	}
}

/* PAGE: GET /sok  access: staff */
enum MHD_Result page_search(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	const char *q = req_query(r, "q"), *year = req_query(r, "ar"), *sort = req_query(r, "ordning");
	long page = req_query(r, "sida") ? atol(req_query(r, "sida")) : 1;
	if (page < 1 || page > 10000)
		page = 1;
	search_filter f = {
		.series = req_query(r, "serie"), .direction = req_query(r, "riktning"),
		.status = req_query(r, "status"), .from = req_query(r, "fran"), .to = req_query(r, "till"),
		.unit = req_query(r, "enhet"), .class_code = req_query(r, "klass"),
		.year = year ? atoi(year) : 0, .relevance = sort && !strcmp(sort, "relevans"),
		.limit = 21, .offset = (int)(page - 1) * 20,
	};
	json_t *hits = NULL;
	char errmsg[700] = "";
	unsigned status = 200;
	char number[CASENUM_MAX];
	int named = q && *q && page == 1 ? search_names_case(r->k, org_id, q, number, &e) : 0;
	if (named > 0) {
		/* a case number names one case: that case's page is the answer */
		buf to = BUF_INIT;
		buf_adds(&to, "/arende?org=");
		html_url(&to, org);
		buf_adds(&to, "&nr=");
		html_url(&to, number);
		enum MHD_Result ret = web_redirect(r, to.s, NULL);
		buf_free(&to);
		return ret;
	}
	if (named < 0)
		return page_fail(r, &e);
	if (q && *q) {
		hits = search_query(r->k, org_id, q, &f, &e);
		if (!hits) {
			search_error_sv(q, &e, errmsg, sizeof errmsg);
			status = web_status_for(e.code);
		}
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, "Sök");
	html_raw(&b, "<h1>Sök i diariet</h1>\n");
	long long pending = search_pending(r->k, &e);
	if (pending > 0)
		buf_printf(&b, "<p class=\"muted\" role=\"status\">Indexering pågår: %lld handlingar väntar på "
		           "att bli sökbara.</p>\n", pending);
	html_raw(&b, "<form method=\"get\" action=\"/sok\" class=\"filters\" role=\"search\">"
	             "<input type=\"hidden\" name=\"org\" value=\"");
	html_text(&b, org);
	html_raw(&b, "\"><p><label for=\"q\">Sökord</label><input id=\"q\" name=\"q\" type=\"search\" value=\"");
	html_text(&b, q);
	html_raw(&b, "\"></p><p><label for=\"serie\">Serie</label><input id=\"serie\" name=\"serie\" value=\"");
	html_text(&b, f.series);
	html_raw(&b, "\"></p><p><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" type=\"number\" value=\"");
	html_text(&b, year);
	html_raw(&b, "\"></p><p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">");
	html_option(&b, "", "Alla", f.direction);
	html_option(&b, "in", "Inkommande", f.direction);
	html_option(&b, "out", "Utgående", f.direction);
	html_option(&b, "internal", "Upprättad", f.direction);
	html_raw(&b, "</select></p><p><label for=\"ordning\">Ordning</label><select id=\"ordning\" name=\"ordning\">");
	html_option(&b, "nyast", "Nyast först", sort);
	html_option(&b, "relevans", "Relevans", sort);
	html_raw(&b, "</select></p><p><button type=\"submit\">Sök</button> <a href=\"" SEARCH_HELP_URL "\">Så söker du"
	             "</a></p></form>\n");
	if (*errmsg) {
		html_raw(&b, "<p class=\"error\" role=\"alert\">");
		html_text(&b, errmsg);
		html_raw(&b, "</p>");
	}
	if (hits) {
		int more = json_array_size(hits) > 20;
		if (more)
			json_array_remove(hits, 20);
		if (json_array_size(hits) == 0)
			html_raw(&b, "<p>Inga träffar.</p>");
		json_t *facets = search_facets(r->k, org_id, q, &f, &e);
		if (facets && json_array_size(hits)) {
			/* Each count narrows the search to that value. */
			static const char *const groups[][3] = { { "series", "serie", "Serie" }, { "year", "ar", "År" },
			                                         { "direction", "riktning", "Riktning" } };
			static const char *const keys[] = { "org", "q", "serie", "ar", "riktning", "ordning" };
			html_raw(&b, "<section class=\"facets\" aria-label=\"Avgränsa träffarna\">");
			for (size_t g = 0; g < 3; g++) {
				json_t *counts = json_object_get(facets, groups[g][0]);
				const char *value;
				json_t *n;
				html_raw(&b, "<h2>");
				html_text(&b, groups[g][2]);
				html_raw(&b, "</h2><ul>");
				json_object_foreach(counts, value, n) {
					buf qs = BUF_INIT;
					view_keep_query(&qs, r, org, keys, sizeof keys / sizeof keys[0]);
					html_raw(&b, "<li><a href=\"/sok?");
					html_raw(&b, groups[g][1]);
					html_raw(&b, "=");
					html_url(&b, value);
					html_raw(&b, qs.s);
					html_raw(&b, "\">");
					html_text(&b, g == 2 ? view_direction_sv(value) : value);
					buf_printf(&b, "</a> (%lld)</li>", (long long)json_integer_value(n));
					buf_free(&qs);
				}
				html_raw(&b, "</ul>");
			}
			html_raw(&b, "</section>");
		}
		json_decref(facets);
		html_raw(&b, "<ol class=\"hits\">");
		size_t i;
		json_t *h;
		json_array_foreach(hits, i, h) {
			html_raw(&b, "<li><p><a href=\"/handling?org=");
			html_url(&b, org);
			html_raw(&b, "&amp;nr=");
			html_url(&b, view_str(h, "number"));
			html_raw(&b, "\">");
			html_text(&b, view_str(h, "number"));
			html_raw(&b, " ");
			html_text(&b, view_str(h, "title"));
			html_raw(&b, "</a> <span class=\"muted\">");
			html_text(&b, view_str(h, "doc_date"));
			if (view_str(h, "party")) {
				html_raw(&b, ", ");
				html_text(&b, view_str(h, "party"));
			}
			html_raw(&b, "</span>");
			if (view_str(h, "disposed")) {
				html_raw(&b, " <span class=\"disposed\">");
				html_text(&b, view_str(h, "disposed"));
				html_raw(&b, "</span>");
			}
			html_raw(&b, "</p><p>");
			snippet_html(&b, view_str(h, "snippet"));
			html_raw(&b, "</p></li>");
		}
		html_raw(&b, "</ol>");
		if (more || page > 1) {
			static const char *const keys[] = { "org", "q", "serie", "ar", "riktning", "ordning" };
			buf qs = BUF_INIT;
			view_keep_query(&qs, r, org, keys, sizeof keys / sizeof keys[0]);
			view_pager_begin(&b, "/sok", page, more, qs.s);
			html_raw(&b, "</nav>");
			buf_free(&qs);
		}
		json_decref(hits);
	}
	layout_end(&b);
	return web_html(r, status, &b);
}
