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
#include "util/encoding.h"
#include "util/idnum.h"
#include "web/errtext.h"
#include "web/form_state.h"
#include "web/history.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/search_text.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

static void text_field(buf *b, const char *id, const char *label, const char *value, const char *type,
                       int required, const char *hint)
{
	html_f(b, "<p><label for=\"%s\">%s</label>", id, label);
	if (hint)
		html_f(b, "<span class=\"muted\" id=\"%s-hint\">%s</span><br>", id, hint);
	html_f(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"", id, id, type, value);
	if (hint)
		html_f(b, " aria-describedby=\"%s-hint\"", id);
	html_f(b, required ? " required></p>" : "></p>");
}

/* An address of several lines on one ("Storgatan 1, 123 45 Ort"). */
static void address_one_line(buf *out, const char *address)
{
	for (const char *p = address; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_adds(out, ", ");
		else
			buf_addc(out, *p);
	}
}

/* What a partly secret record can mask. */
static const struct mask_choice record_masks[] = {
	{ "title", N_("Rubrik") }, { "party", N_("Avsändare/mottagare") }, { "body", N_("Innehåll") },
	{ "files", N_("Filer") },
};

static enum MHD_Result register_form(request *r, unsigned status, const char *error)
{
	page p;
	enum MHD_Result ret;
	if (page_open(&p, r, &ret))
		return ret;
	json_t *series = page_own(&p, org_setup_list(r->k, p.org_id, "series", &p.e));
	json_t *classes = page_own(&p, org_setup_list(r->k, p.org_id, "class", &p.e));
	kerr why = KERR_INIT;
	json_t *parties = page_own(&p, party_list(r->k, p.org_id, NULL, 300, &why));
	if (!parties && why.code == KERR_DENIED)
		parties = page_own(&p, json_array()); /* a role that may not read the parties sees the form without them */
	else if (!parties)
		p.e = why;
	/* A choice list cut short by a read error would offer a wrong form. */
	if (!series || !classes || !parties)
		return page_fail_p(&p);
	size_t i;
	json_t *row;
	page_begin(&p, _("Registrera handling"));
	html_f(&p.b, _("<h1>Registrera handling</h1>\n"));
	if (error) {
		view_alert(&p.b, error);
		html_f(&p.b, "\n");
	}
	html_f(&p.b, "<form method=\"post\" action=\"/registrera\" enctype=\"multipart/form-data\" class=\"form\">");
	view_form_fields(&p.b, r, p.org);
	html_f(&p.b, _("<fieldset><legend>Ärende</legend>"));
	text_field(&p.b, "arende", _("Befintligt ärende"), req_param(r, "arende"), "text", 0,
	           _("Diarienummer, t.ex. KS 2026/0042. Lämna tomt för att öppna ett nytt ärende."));
	/* No series is chosen for the user: a new case in a default series
	 * would be opened silently when the case number was forgotten. */
	html_f(&p.b, _("<p><label for=\"ny_serie\">Serie för nytt ärende</label><select id=\"ny_serie\" name=\"ny_serie\">"));
	html_option(&p.b, "", _("Välj serie (bara för ett nytt ärende)"), req_param(r, "ny_serie"));
	view_options(&p.b, series, "prefix", "name", req_param(r, "ny_serie"));
	html_f(&p.b, "</select></p>");
	text_field(&p.b, "ny_rubrik", _("Rubrik för nytt ärende"), req_param(r, "ny_rubrik"), "text", 0, NULL);
	text_field(&p.b, "ny_offentlig_rubrik", _("Offentlig rubrik för nytt ärende (skyddad ärendemening)"),
	           req_param(r, "ny_offentlig_rubrik"), "text", 0,
	           _("Fyll i om rubriken röjer sekretessuppgifter, t.ex. en enskilds namn. Den offentliga rubriken "
	           "visas i det offentliga diariet och för den som inte får läsa ärendets sekretessuppgifter."));
	html_f(&p.b, _("<p><label for=\"klass\">Klassificering</label><select id=\"klass\" name=\"klass\">"));
	html_option(&p.b, "", _("Ingen"), req_param(r, "klass"));
	json_array_foreach(classes, i, row) {
		char label[300];
		snprintf(label, sizeof label, "%s %s", view_str(row, "code"), view_str(row, "title"));
		html_option(&p.b, view_str(row, "code"), label, req_param(r, "klass"));
	}
	html_f(&p.b, _("</select></p></fieldset>\n<fieldset><legend>Handling</legend>"
	       "<p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">"));
	html_options(&p.b, req_param(r, "riktning"), "in", _("Inkommande"), "out", _("Utgående"), "internal", _("Upprättad"),
	             NULL);
	html_f(&p.b, "</select></p>");
	text_field(&p.b, "datum", _("Datum (inkom eller upprättad)"), req_param(r, "datum"), "date", 0,
	           _("Lämna tomt för dagens datum."));
	text_field(&p.b, "rubrik", _("Rubrik"), req_param(r, "rubrik"), "text", 1, NULL);
	/* Document types the retention schedule names are suggested. */
	json_t *plan = page_own(&p, retention_schedule(r->k, p.org_id, NULL));
	html_f(&p.b, _("<p><label for=\"handlingstyp\">Handlingstyp</label><span class=\"muted\" id=\"handlingstyp-hint\">"
	       "Valfri, t.ex. Kvitto. Styr gallring enligt informationshanteringsplanen.</span><br>"
	       "<input id=\"handlingstyp\" name=\"handlingstyp\" list=\"handlingstyper\" "
	       "aria-describedby=\"handlingstyp-hint\" value=\"%s\"><datalist id=\"handlingstyper\">"),
	       req_param(r, "handlingstyp"));
	json_array_foreach(plan, i, row) {
		const char *t = view_str(row, "doc_type");
		if (!t || !*t)
			continue;
		html_f(&p.b, "<option value=\"%s\">", t);
	}
	html_f(&p.b, "</datalist></p>");
	html_f(&p.b, _("<p><label for=\"part_typ\">Avsändare eller mottagare</label>"
	       "<select id=\"part_typ\" name=\"part_typ\">"));
	html_options(&p.b, req_param(r, "part_typ"), "", _("Ingen"), "person", _("Person"), "organisation", _("Organisation"),
	             NULL);
	html_f(&p.b, _("</select></p><p><label for=\"part_namn\">Namn på avsändare eller mottagare</label><input id=\"part_namn\" "
	       "name=\"part_namn\" list=\"parter\" value=\"%s\"><datalist id=\"parter\">"), req_param(r, "part_namn"));
	/* Parties of the same name are told apart by their masked number and
	   the address a record gives (core/party.h). */
	buf label = BUF_INIT;
	json_array_foreach(parties, i, row) {
		char masked[32] = "";
		if (view_str(row, "idnum"))
			party_idnum_masked(view_str(row, "kind"), view_str(row, "idnum"), masked, sizeof masked);
		buf_reset(&label);
		buf_adds(&label, masked);
		if (view_str(row, "address")) {
			if (*masked)
				buf_adds(&label, ", ");
			address_one_line(&label, view_str(row, "address"));
		}
		html_f(&p.b, label.len ? "<option value=\"%s\">%s</option>" : "<option value=\"%s\">%s",
		       view_str(row, "name"), label.s);
	}
	buf_free(&label);
	html_f(&p.b, "</datalist></p>");
	text_field(&p.b, "part_id", _("Personnummer eller organisationsnummer"), req_param(r, "part_id"), "text", 0,
	           _("Valfritt. ÅÅÅÅMMDD-NNNN eller NNNNNN-NNNN; kontrolleras."));
	html_f(&p.b, _("<p><label for=\"part_adress\">Adress</label><span class=\"muted\" id=\"part_adress-hint\">"
	       "Valfritt. Som i handlingen. Visas bara för personal som får se parten, aldrig i det offentliga "
	       "diariet.</span><br><textarea id=\"part_adress\" name=\"part_adress\" rows=\"2\" "
	       "aria-describedby=\"part_adress-hint\">%s</textarea></p>"), req_param(r, "part_adress"));
	/* A number already bound to another name is refused until the user
	 * says it is the same person (a new surname, a misspelling). */
	html_f(&p.b, "<p><input type=\"checkbox\" name=\"samma_person\" id=\"samma_person\" value=\"1\"%s>",
	       req_form(r, "samma_person") ? " checked" : "");
	html_f(&p.b, _(" <label for=\"samma_person\">Personnumret finns redan under ett annat namn, och det är "
	       "samma person</label></p>"
	       "</fieldset>\n<fieldset><legend>Sekretess</legend><p><label for=\"sekretess\">Sekretess"
	       "</label><select id=\"sekretess\" name=\"sekretess\">"));
	html_options(&p.b, req_param(r, "sekretess"), "none", _("Ingen"), "partial", _("Delvis (maskera valda uppgifter)"),
	             "full", _("Hela handlingen"), NULL);
	html_f(&p.b, "</select></p>");
	text_field(&p.b, "lagrum", _("Lagrum"), req_param(r, "lagrum"), "text", 0, _("T.ex. OSL 26 kap. 1 §"));
	html_f(&p.b, _("<fieldset><legend>Maskera vid delvis sekretess</legend>"));
	view_mask_boxes(&p.b, r, record_masks, sizeof record_masks / sizeof record_masks[0]);
	html_f(&p.b, _("</fieldset></fieldset>\n<fieldset><legend>Filer</legend><p><label for=\"fil\">Filer "
	       "(högst 50 MB tillsammans)</label><input id=\"fil\" name=\"fil\" type=\"file\" multiple></p>"
	       "</fieldset>\n<p><button type=\"submit\">Registrera</button></p></form>\n"));
	return page_close_status(&p, status);
}

/* PAGE: GET /registrera  access: staff */
enum MHD_Result page_register_form(request *r)
{
	return register_form(r, 200, NULL);
}

/* PAGE: POST /registrera  access: staff */
enum MHD_Result page_register(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	char number[CASENUM_MAX], masked[64];
	view_masked_fields(r, record_masks, sizeof record_masks / sizeof record_masks[0], masked, sizeof masked);
	const char *ptype = req_form(r, "part_typ");
	const char *datum = req_form(r, "datum");
	const char *secrecy = req_form(r, "sekretess");
	record_new rec = {
		.direction = req_form(r, "riktning"), .doc_date = datum && *datum ? datum : NULL,
		.party_kind = ptype && *ptype ? ptype : NULL,
		.party_name = ptype && *ptype ? req_form(r, "part_namn") : NULL,
		.party_idnum = ptype && *ptype ? req_form(r, "part_id") : NULL,
		.party_address = ptype && *ptype && req_form(r, "part_adress") && *req_form(r, "part_adress")
		                 ? req_form(r, "part_adress") : NULL,
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
	/* "Ingen" with a sender typed: never dropped without a word (a record
	 * registered without the sender it came with cannot be withdrawn),
	 * but refused at the type, everything kept */
	const char *typed[] = { req_form(r, "part_namn"), req_form(r, "part_id"), req_form(r, "part_adress") };
	int party_typed = 0;
	for (size_t i = 0; i < 3; i++)
		party_typed |= typed[i] && !text_blank(typed[i]);
	if (!(ptype && *ptype) && party_typed) {
		kerr_field(&p->e, KERR_INVALID, "party_kind", KWHY_REQUIRED,
		           "a party is given but not its kind (person or organisation)");
		page_free(p);
		const char *msg = N_("Handlingen registrerades inte. Välj typ av part (person eller organisation) för "
		                     "avsändaren eller mottagaren du har fyllt i, eller töm fälten om handlingen inte har "
		                     "någon.");
		if (form_state_refuse(r, &p->e, msg, 422, &ret))
			return ret;
		return register_form(r, 422, _(msg));
	}
	if (arende && *arende) {
		rc = record_register(r->k, p->org_id, arende, &rec, number, &p->e);
	} else if (!req_form(r, "ny_serie") || !*req_form(r, "ny_serie")) {
		/* No silent new case in a default series: the user chooses. */
		rc = kerr_field(&p->e, KERR_INVALID, "series", KWHY_REQUIRED,
		                "give an existing case, or choose the series of a new case");
	} else {
		const char *klass = req_form(r, "klass");
		case_new c = { .series = req_form(r, "ny_serie"), .title = req_form(r, "ny_rubrik"),
		               .class_code = klass && *klass ? klass : NULL,
		               .public_title = req_form(r, "ny_offentlig_rubrik") };
		rc = record_register_in_new_case(r->k, p->org_id, &c, &rec, number, &p->e);
	}
	if (rc) {
		char msg[700], why[600];
		/* core's "title" is the record's or the new case's: the case's
		 * only when there is a new case and its title breaks the rule
		 * (checked first), which is the same for both */
		if (!strcmp(p->e.field, "title")) {
			const char *nt = req_form(r, "ny_rubrik");
			int case_bad = !(arende && *arende) &&
			               (!nt || text_blank(nt) || strlen(nt) > 500 || strpbrk(nt, "\r\n"));
			r->error_input = case_bad ? "ny_rubrik" : "rubrik";
		}
		form_state_words(r, &p->e, why, sizeof why);
		snprintf(msg, sizeof msg, _("Handlingen registrerades inte. %s"), why);
		page_free(p);
		if (form_state_refuse(r, &p->e, msg, p->e.code == KERR_NOTFOUND ? 422 : web_status_for(p->e.code), &ret))
			return ret;
		return register_form(r, web_status_for(p->e.code), msg);
	}
	metrics_registration();
	char case_number[CASENUM_MAX];
	snprintf(case_number, sizeof case_number, "%s", number);
	char *dash = strrchr(case_number, '-');
	if (dash)
		*dash = '\0';
	char msg[CASENUM_MAX + 400];
	snprintf(msg, sizeof msg, _("Registrerad som %s."), number);
	/* A personnummer in a title: told, never refused (public views mask
	 * it, but staff lists, exports and archive packages keep it). */
	size_t at, len;
	const char *new_title = req_form(r, "ny_rubrik"), *new_public = req_form(r, "ny_offentlig_rubrik");
	if ((rec.title && idnum_find_personnummer(rec.title, &at, &len)) ||
	    (!(arende && *arende) && ((new_title && idnum_find_personnummer(new_title, &at, &len)) ||
	                              (new_public && idnum_find_personnummer(new_public, &at, &len)))))
		snprintf(msg + strlen(msg), sizeof msg - strlen(msg), " %s",
		         _("Varning: rubriken innehåller ett personnummer. Det visas inte för allmänheten, men finns kvar "
		           "i personalens listor, exporter och arkivpaket. En rubrik behöver inget personnummer."));
	/* A masked party named in the case title: the case page warns and
	 * offers the public title (the name itself stays out of the URL). */
	buf party = BUF_INIT;
	char warned_case[CASENUM_MAX];
	int exposed = case_title_party_warning(r->k, p->org_id, number, &party, warned_case, &p->e);
	buf_free(&party);
	if (exposed <= 0)
		return page_redirect_done(p, "/arende", "nr", case_number, msg);
	buf loc = BUF_INIT;
	buf_adds(&loc, "/arende?org=");
	html_url(&loc, p->org);
	buf_adds(&loc, "&nr=");
	html_url(&loc, case_number);
	buf_adds(&loc, "&klart=");
	html_url(&loc, msg);
	buf_adds(&loc, "&varning=rubrik#skydda-rubrik");
	ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	return ret;
}

/* Who made a change (history_actor). */
static void actor_cell(page *p, json_t *change)
{
	char who[256];
	view_cell(&p->b, history_actor(change, who, sizeof who));
}

static void previous_title_cell(page *p, json_t *change)
{
	view_cell(&p->b, view_str(json_object_get(change, "previous"), "title"));
}

static const struct column version_columns[] = {
	COL(N_("Version"), CELL_INT, "version"), COL(N_("Ändrad"), CELL_TEXT, "changed"), COL_CUSTOM(N_("Av"), actor_cell),
	COL(N_("Skäl"), CELL_TEXT, "reason"), COL_CUSTOM(N_("Rubrik före ändringen"), previous_title_cell),
};

/* PAGE: GET /handling  access: staff */
enum MHD_Result page_record(page *p)
{
	request *r = p->r;
	const char *num = req_query(r, "nr");
	if (!num)
		return page_error(p, 400, N_("Ange ett handlingsnummer."));
	json_t *rec = page_own(p, record_show(r->k, p->org_id, num, &p->e));
	if (!rec)
		return page_fail_p(p);
	char title[200];
	snprintf(title, sizeof title, _("Handling %s"), num);
	page_begin(p, title);
	html_f(&p->b, "<h1>%s %s", view_str(rec, "number"), view_str(rec, "title"));
	char version[24];
	snprintf(version, sizeof version, "%lld", (long long)json_integer_value(json_object_get(rec, "version")));
	html_f(&p->b, "</h1>\n<dl class=\"meta\">");
	view_meta(&p->b, _("Datum"), view_str(rec, "doc_date"));
	view_meta(&p->b, _("Registrerad"), view_str(rec, "registered"));
	view_meta(&p->b, _("Riktning"), _(view_direction_sv(view_str(rec, "direction"))));
	view_meta(&p->b, _("Avsändare/mottagare"), view_str(rec, "party") ? view_str(rec, "party") : "–");
	if (view_str(rec, "party_address")) {
		buf a = BUF_INIT;
		address_one_line(&a, view_str(rec, "party_address"));
		view_meta(&p->b, _("Adress"), a.s);
		buf_free(&a);
	}
	view_meta(&p->b, _("Sekretess"), strcmp(view_str(rec, "secrecy"), "none") ? view_str(rec, "legal_ground") : _("Ingen"));
	view_meta(&p->b, _("Version"), version);
	if (view_str(rec, "doc_type"))
		view_meta(&p->b, _("Handlingstyp"), view_str(rec, "doc_type"));
	html_f(&p->b, "</dl>\n");
	if (view_str(rec, "disposed")) {
		html_f(&p->b, _("<p class=\"disposed\" role=\"note\">"
		       "%s. Innehåll och filer är förstörda enligt informationshanteringsplanen.</p>\n"),
		       view_str(rec, "disposed"));
	}
	if (view_str(rec, "body"))
		html_f(&p->b, _("<h2>Innehåll</h2><p>%s</p>\n"), view_str(rec, "body"));
	html_f(&p->b, _("<h2>Filer</h2><ul>"));
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rec, "files"), i, f) {
		html_f(&p->b, "<li>");
		if (view_str(f, "sha256")) {
			view_file_link(&p->b, p->org, num, view_str(f, "name"), view_str(f, "name"));
			html_f(&p->b, " <span class=\"muted\">%s", view_str(f, "media_type"));
			buf_printf(&p->b, _(", %lld byte, version %lld%s</span>"),
			           (long long)json_integer_value(json_object_get(f, "size")),
			           (long long)json_integer_value(json_object_get(f, "version")),
			           json_is_true(json_object_get(f, "superseded")) ? _(", ersatt") : "");
			/* A file stopped at an extractor limit is searchable only by
			 * the text found before it: staff should know. */
			char status[16];
			kerr se = KERR_INIT;
			if (indexer_file_status(r->k, view_str(f, "sha256"), status, sizeof status, &se) == 0 &&
			    !strcmp(status, "partial"))
				html_f(&p->b, _(" <strong>delvis indexerad</strong>"));
		} else {
			html_text(&p->b, view_str(f, "name"));
		}
		html_f(&p->b, "</li>");
	}
	html_f(&p->b, _("</ul>\n<h2>Versioner</h2>"));
	json_t *hist = json_object_get(rec, "history");
	if (json_array_size(hist) == 0)
		html_f(&p->b, _("<p>Handlingen har inte rättats.</p>"));
	else
		table_write(p, _("Tidigare versioner"), COLUMNS(version_columns), hist);
	return page_close(p);
}

/* PAGE: GET /fil  access: staff */
enum MHD_Result page_file(page *p)
{
	request *r = p->r;
	char path[4400];
	const char *num = req_query(r, "nr"), *name = req_query(r, "namn");
	if (!num || !name)
		return page_error(p, 400, N_("Ange handling och filnamn."));
	json_t *rec = record_show(r->k, p->org_id, num, &p->e);
	if (!rec)
		return page_fail_p(p);
	const char *type = NULL;
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rec, "files"), i, f)
		if (view_str(f, "sha256") && !strcmp(view_str(f, "name"), name) && !json_is_true(json_object_get(f, "superseded")))
			type = view_str(f, "media_type");
	char media[128];
	snprintf(media, sizeof media, "%s", type ? type : "application/octet-stream");
	json_decref(rec);
	if (record_file_path(r->k, p->org_id, num, name, path, sizeof path, &p->e))
		return page_fail_p(p);
	return web_file(r, path, media, name);
}

static const struct column record_columns[] = {
	COL(N_("Nummer"), CELL_RECORD, "number"), COL(N_("Datum"), CELL_TEXT, "doc_date"),
	COL(N_("Riktning"), CELL_DIRECTION, "direction"), COL(N_("Avsändare/mottagare"), CELL_TEXT, "party"),
	COL(N_("Rubrik"), CELL_TITLE, "title"), COL(N_("Sekretess"), CELL_SECRECY, "secrecy"),
};

/* PAGE: GET /handlingar  access: staff */
enum MHD_Result page_record_list(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	int64_t pageno = 1, year = 0;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0 || req_int(r, "ar", 1900, 2199, &year, &p->e) < 0)
		return page_bad_param(p);
	int csv = !strcmp(req_str(r, "format"), "csv");
	record_filter f = {
		.series = req_query(r, "serie"), .direction = req_query(r, "riktning"),
		.from = req_query(r, "fran"), .to = req_query(r, "till"), .year = (int)year,
		.limit = csv ? 100000 : 50, .offset = csv ? 0 : (int)(pageno - 1) * 50, .sort = req_query(r, "sortera"),
	};
	int64_t total = 0;
	if (!csv && record_count(r->k, p->org_id, &f, &total, &p->e))
		return page_fail_p(p);
	json_t *rows = page_own(p, record_list(r->k, p->org_id, &f, &p->e));
	if (!rows)
		return page_fail_p(p);
	size_t i;
	json_t *row;
	if (csv) {
		buf_adds(&p->b, "\xEF\xBB\xBF" "Nummer;Datum;Riktning;Avsändare/mottagare;Rubrik;Sekretess\r\n");
		json_array_foreach(rows, i, row) {
			view_csv_cell(&p->b, view_str(row, "number"), 0);
			view_csv_cell(&p->b, view_str(row, "doc_date"), 0);
			view_csv_cell(&p->b, view_direction_sv(view_str(row, "direction")), 0);
			view_csv_cell(&p->b, view_str(row, "party"), 0);
			view_csv_cell(&p->b, view_str(row, "title"), 0);
			view_csv_cell(&p->b, strcmp(view_str(row, "secrecy"), "none") ? view_str(row, "legal_ground") : "", 1);
		}
		ret = web_send(r, 200, "text/csv; charset=utf-8", &p->b);
		page_free(p);
		return ret;
	}
	page_begin(p, _("Handlingar"));
	html_f(&p->b, _("<h1>Handlingar</h1>\n<form method=\"get\" action=\"/handlingar\" class=\"filters\" "
	       "aria-label=\"Filtrera handlingar\">"));
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"serie\">Serie</label><input id=\"serie\" name=\"serie\" value=\""
	       "%s\"></p><p><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" type=\"number\" value=\""
	       "%s\"></p><p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">"),
	       f.series, req_query(r, "ar"));
	html_options(&p->b, f.direction, "", _("Alla"), "in", _("Inkommande"), "out", _("Utgående"), "internal", _("Upprättad"),
	             NULL);
	html_f(&p->b, _("</select></p><p><label for=\"fran\">Datum från</label><input id=\"fran\" name=\"fran\" "
	       "type=\"date\" value=\""
	       "%s\"></p><p><label for=\"till\">Datum till</label><input id=\"till\" name=\"till\" "
	       "type=\"date\" value=\""
	       "%s\"></p><p><label for=\"sortera\">Sortera</label><select id=\"sortera\" name=\"sortera\">"),
	       f.from, f.to);
	html_options(&p->b, f.sort, "newest", _("Senaste datum först"), "oldest", _("Äldsta datum först"), "number",
	             _("Diarienummer"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Visa</button></p></form>\n<p>%lld handlingar. "
	       "<a href=\"/handlingar?format=csv"), (long long)total);
	static const char *const keys[] = { "org", "serie", "ar", "riktning", "fran", "till", "sortera" };
	const char *q = page_kept_query(p, PAGE_KEYS(keys));
	html_raw(&p->b, q); /* encoded by view_keep_query */
	html_f(&p->b, _("\">Exportera listan som CSV</a></p>\n"));
	table_write(p, _("Handlingar"), COLUMNS(record_columns), rows);
	view_pager(&p->b, "/handlingar", (long)pageno, 50, (long long)total, q);
	return page_close(p);
}

/* The snippet with matches marked: escaped text, <mark> around hits. */
static void snippet_html(buf *b, const char *sn)
{
	char one[2] = { 0, 0 };
	for (const char *p = sn ? sn : ""; *p; p++) {
		if (*p == '\x01')
			html_f(b, "<mark>");
		else if (*p == '\x02')
			html_f(b, "</mark>");
		else {
			one[0] = *p;
			html_text(b, one);
		}
	}
}

/* PAGE: GET /sok  access: staff */
enum MHD_Result page_search(page *p)
{
	request *r = p->r;
	const char *q = req_query(r, "q"), *sort = req_query(r, "ordning");
	int64_t pageno = 1, year = 0;
	if (req_int(r, "sida", 1, 10000, &pageno, &p->e) < 0 || req_int(r, "ar", 1900, 2199, &year, &p->e) < 0)
		return page_bad_param(p);
	search_filter f = {
		.series = req_query(r, "serie"), .direction = req_query(r, "riktning"),
		.status = req_query(r, "status"), .from = req_query(r, "fran"), .to = req_query(r, "till"),
		.unit = req_query(r, "enhet"), .class_code = req_query(r, "klass"),
		.year = (int)year, .relevance = sort && !strcmp(sort, "relevans"),
		.limit = 21, .offset = (int)(pageno - 1) * 20,
	};
	json_t *hits = NULL;
	char errmsg[700] = "";
	unsigned status = 200;
	char number[CASENUM_MAX];
	int named = q && *q && pageno == 1 ? search_names_case(r->k, p->org_id, q, number, &p->e) : 0;
	if (named > 0) /* a case number names one case: that case's page is the answer */
		return page_redirect_done(p, "/arende", "nr", number, NULL);
	if (named < 0)
		return page_fail_p(p);
	long long total = 0;
	if (q && *q) {
		hits = page_own(p, search_query(r->k, p->org_id, q, &f, &p->e));
		/* the total counts what the list shows: the same statement's
		 * indexes and visibility (search_count), so never a hit the
		 * user may not see; a count that cannot be read is an error,
		 * not a smaller number */
		if (hits && (total = search_count(r->k, p->org_id, q, &f, &p->e)) < 0)
			return page_fail_p(p);
		if (!hits) {
			search_error_sv(q, &p->e, errmsg, sizeof errmsg);
			status = web_status_for(p->e.code);
		}
	}
	page_begin(p, _("Sök"));
	html_f(&p->b, _("<h1>Sök i diariet</h1>\n"));
	long long pending = search_pending(r->k, &p->e);
	if (pending > 0)
		html_f(&p->b, _("<p class=\"muted\" role=\"status\">Indexering pågår: %lld handlingar väntar på "
		       "att bli sökbara.</p>\n"), pending);
	html_f(&p->b, _("<form method=\"get\" action=\"/sok\" class=\"filters\" role=\"search\">"
	       "<input type=\"hidden\" name=\"org\" value=\""
	       "%s\"><p><label for=\"q\">Sökord</label><input id=\"q\" name=\"q\" type=\"search\" value=\""
	       "%s\"></p><p><label for=\"serie\">Serie</label><input id=\"serie\" name=\"serie\" value=\""
	       "%s\"></p><p><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" type=\"number\" value=\""
	       "%s\"></p><p><label for=\"riktning\">Riktning</label><select id=\"riktning\" name=\"riktning\">"), p->org, q,
	       f.series, req_query(r, "ar"));
	html_options(&p->b, f.direction, "", _("Alla"), "in", _("Inkommande"), "out", _("Utgående"), "internal", _("Upprättad"),
	             NULL);
	html_f(&p->b, _("</select></p><p><label for=\"ordning\">Ordning</label><select id=\"ordning\" name=\"ordning\">"));
	html_options(&p->b, sort, "nyast", _("Nyast först"), "relevans", _("Relevans"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Sök</button> <a href=\"%s\">Så söker du"
	       "</a></p></form>\n"), SEARCH_HELP_URL);
	if (*errmsg)
		html_f(&p->b, "<p class=\"error\" role=\"alert\">%s</p>", errmsg);
	if (hits) {
		int more = json_array_size(hits) > 20;
		if (more)
			json_array_remove(hits, 20);
		if (json_array_size(hits) == 0 && pageno == 1)
			html_f(&p->b, _("<p>Inga träffar.</p>"));
		else if (total == 1)
			html_f(&p->b, _("<p class=\"total\" role=\"status\">1 träff.</p>"));
		else
			html_f(&p->b, _("<p class=\"total\" role=\"status\">%lld träffar.</p>"), total);
		json_t *facets = page_own(p, search_facets(r->k, p->org_id, q, &f, &p->e));
		/* the search as asked, for the facets' links and the pages' */
		static const char *const keys[] = { "org", "q", "serie", "ar", "riktning", "ordning" };
		const char *kept = page_kept_query(p, PAGE_KEYS(keys));
		if (facets && json_array_size(hits)) {
			/* Each count narrows the search to that value. */
			const char *const groups[][3] = { { "series", "serie", _("Serie") }, { "year", "ar", _("År") },
			                                         { "direction", "riktning", _("Riktning") } };
			html_f(&p->b, _("<section class=\"facets\" aria-label=\"Avgränsa träffarna\">"));
			for (size_t g = 0; g < 3; g++) {
				json_t *counts = json_object_get(facets, groups[g][0]);
				const char *value;
				json_t *n;
				html_f(&p->b, "<h2>%s</h2><ul>", groups[g][2]);
				json_object_foreach(counts, value, n) {
					html_f(&p->b, "<li><a href=\"/sok?%s=%-s", groups[g][1], value);
					html_raw(&p->b, kept); /* encoded by view_keep_query */
					html_f(&p->b, "\">%s</a> (%lld)</li>", g == 2 ? _(view_direction_sv(value)) : value,
					       (long long)json_integer_value(n));
				}
				html_f(&p->b, "</ul>");
			}
			html_f(&p->b, "</section>");
		}
		html_f(&p->b, "<ol class=\"hits\">");
		size_t i;
		json_t *h;
		json_array_foreach(hits, i, h) {
			html_f(&p->b, "<li><p><a href=\"/handling?org=%-s&amp;nr=%-s\">%s %s</a> <span class=\"muted\">"
			       "%s", p->org, view_str(h, "number"), view_str(h, "number"), view_str(h, "title"),
			       view_str(h, "doc_date"));
			if (view_str(h, "party"))
				html_f(&p->b, ", %s", view_str(h, "party"));
			html_f(&p->b, "</span>");
			if (view_str(h, "disposed"))
				html_f(&p->b, " <span class=\"disposed\">%s</span>", view_str(h, "disposed"));
			html_f(&p->b, "</p><p>");
			snippet_html(&p->b, view_str(h, "snippet"));
			html_f(&p->b, "</p></li>");
		}
		html_f(&p->b, "</ol>");
		if (more || pageno > 1) {
			/* page numbers and the last page, as every list (view_pager) */
			view_pager(&p->b, "/sok", (long)pageno, 20, total, kept);
		}
	}
	return page_close_status(p, status);
}
