/*
 * page_delivery.c — delivery to the e-archive for archivists: /arkiv/leverans
 * (choose one closed case, or a series and year, and a container; confirm
 * when its cases were delivered before; download the package; earlier
 * deliveries from the log with the e-archive's receipts), the receipt form
 * /arkiv/leverans/kvittens, and the download itself, shared with the API
 * (api_export.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/archive.h"
#include "core/delivery.h"
#include "core/org.h"
#include "web/api.h"
#include "web/history.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

enum MHD_Result page_package_download(request *r, int64_t org_id, archive_request *req, int api)
{
	kerr e = KERR_INIT;
	if (!req->format || (strcmp(req->format, "zip") && strcmp(req->format, "tar"))) {
		kerr_set(&e, KERR_INVALID, "format must be zip or tar for a download");
		return api ? api_fail(r, &e) : page_fail(r, &e);
	}
	/* The package is made in a folder of its own under the server's
	 * temporary folder and unlinked once the response holds it open. */
	char dir[4300];
	snprintf(dir, sizeof dir, "%s/export-XXXXXX", r->tmpdir);
	if (!mkdtemp(dir)) {
		kerr_set(&e, KERR_IO, "cannot make a temporary folder for the package");
		return api ? api_fail(r, &e) : page_fail(r, &e);
	}
	req->out = dir;
	json_t *res = NULL;
	if (archive_export(r->k, org_id, req, &res, &e)) {
		rmdir(dir);
		return api ? api_fail(r, &e) : page_fail(r, &e);
	}
	const char *path = json_string_value(json_object_get(res, "path"));
	char name[300];
	snprintf(name, sizeof name, "%s.%s", json_string_value(json_object_get(res, "package")), req->format);
	enum MHD_Result ret = web_file(r, path, !strcmp(req->format, "zip") ? "application/zip" : "application/x-tar",
	                               name);
	unlink(path);
	rmdir(dir);
	json_decref(res);
	return ret;
}

static void text_input(buf *b, const char *id, const char *label, const char *type, const char *hint)
{
	html_f(b, "<p><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" type=\"%s\"", id, label, id, id, type);
	if (hint) {
		html_f(b, " aria-describedby=\"%s-hint\"></p><p class=\"muted\" id=\"%s-hint\">%s</p>", id, id, hint);
	} else {
		html_f(b, "></p>");
	}
}

/* A delivery's cases: the first three, and how many there were. */
static void cases_cell(page *p, json_t *row)
{
	size_t j;
	json_t *c, *cases = json_object_get(row, "cases");
	html_f(&p->b, "<td>");
	json_array_foreach(cases, j, c) {
		if (j == 3) {
			html_f(&p->b, _(" med flera (%zu)"), json_array_size(cases));
			break;
		}
		html_f(&p->b, "%s%s", j ? ", " : "", json_string_value(c));
	}
	html_f(&p->b, "</td>");
}

static void size_cell(page *p, json_t *row)
{
	/* a number only: buf_printf, as html_f has no %f */
	buf_printf(&p->b, _("<td>%.1f MB</td>"), (double)json_integer_value(json_object_get(row, "content_bytes")) / 1e6);
}

static void actor_cell(page *p, json_t *row)
{
	char who[256];
	view_cell(&p->b, history_actor(row, who, sizeof who));
}

static void mets_cell(page *p, json_t *row)
{
	html_f(&p->b, "<td class=\"hash\">%s</td>", view_str(row, "mets_sha256"));
}

/* A re-delivery names the package it replaces. */
static void package_cell(page *p, json_t *row)
{
	html_f(&p->b, "<td>%s", view_str(row, "package"));
	if (json_object_get(row, "replaces") && json_is_string(json_object_get(row, "replaces")))
		html_f(&p->b, _("<br><span class=\"muted\">ersätter %s</span>"), view_str(row, "replaces"));
	html_f(&p->b, "</td>");
}

/* The e-archive's receipt: its day and reference, or that none has come. */
static void receipt_cell(page *p, json_t *row)
{
	json_t *receipt = json_object_get(row, "receipt");
	if (!receipt) {
		html_f(&p->b, _("<td>Ingen kvittens</td>"));
		return;
	}
	html_f(&p->b, _("<td>Mottaget %s, %s</td>"), view_str(receipt, "received"), view_str(receipt, "reference"));
}

static const struct column delivery_columns[] = {
	COL(N_("Tid"), CELL_TEXT, "time"), COL_CUSTOM(N_("Paket"), package_cell), COL(N_("Format"), CELL_TEXT, "format"),
	COL_CUSTOM(N_("Ärenden"), cases_cell), COL(N_("Filer"), CELL_INT, "files"), COL_CUSTOM(N_("Storlek"), size_cell),
	COL_CUSTOM(N_("Av"), actor_cell), COL_CUSTOM(N_("Kvittens"), receipt_cell), COL_CUSTOM(N_("METS SHA-256"), mets_cell),
};

/* The form for the e-archive's receipt of a delivery that has none yet. */
static void receipt_form(page *p, json_t *done)
{
	size_t i, waiting = 0;
	json_t *row;
	json_array_foreach(done, i, row)
		waiting += json_object_get(row, "receipt") == NULL;
	if (!waiting)
		return;
	html_f(&p->b, _("<h2>Kvittens från e-arkivet</h2>\n"));
	view_action_form(&p->b, p->r, "/arkiv/leverans/kvittens", NULL, p->org, "kvittens");
	html_f(&p->b, _("<p><label for=\"paket\">Paket</label><select id=\"paket\" name=\"paket\">"));
	json_array_foreach(done, i, row)
		if (!json_object_get(row, "receipt"))
			html_option(&p->b, view_str(row, "package"), view_str(row, "package"), NULL);
	html_f(&p->b, "</select></p>");
	text_input(&p->b, "mottaget", _("Mottaget av e-arkivet"), "date", NULL);
	text_input(&p->b, "referens", _("E-arkivets referens"), "text", _("Kvittensens nummer eller arkivpaketets id."));
	text_input(&p->b, "anteckning", _("Anteckning"), "text", NULL);
	html_f(&p->b, _("<p><button type=\"submit\">Registrera kvittensen</button></p></form>\n"));
}

/* PAGE: GET /arkiv/leverans  access: staff */
enum MHD_Result page_delivery(page *p)
{
	request *r = p->r;
	json_t *done = page_own(p, archive_exports(r->k, p->org_id, &p->e));
	json_t *series = done ? page_own(p, org_setup_list(r->k, p->org_id, "series", &p->e)) : NULL;
	if (!series)
		return page_fail_p(p);
	page_begin(p, _("Leverans till e-arkiv"));
	html_f(&p->b, _("<h1>Leverans till e-arkiv</h1>\n"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<p>Ett paket enligt E-ARK SIP 2.1 (FGS Paketstruktur 2.0) "
	       "med ärendeinformationen enligt FGS Ärendehantering 2.0, kontrollsummor och "
	       "granskningsloggens signerade trädhuvud. Bara avslutade ärenden levereras.</p>\n"
	       "<form method=\"post\" action=\"/arkiv/leverans\">"));
	view_form_fields(&p->b, r, p->org);
	html_f(&p->b, _("<fieldset><legend>Ett ärende</legend>"));
	text_input(&p->b, "arende", _("Diarienummer"), "text", _("Till exempel KS 2026/0042. Lämna tomt för en hel serie."));
	html_f(&p->b, _("</fieldset><fieldset><legend>Eller en serie och ett år</legend>"
	       "<p><label for=\"serie\">Serie</label><select id=\"serie\" name=\"serie\">"));
	html_option(&p->b, "", _("Välj serie"), NULL);
	view_options(&p->b, series, "prefix", "prefix", NULL);
	html_f(&p->b, "</select></p>");
	text_input(&p->b, "ar", _("År"), "number", NULL);
	html_f(&p->b, _("</fieldset><fieldset><legend>Paketet</legend>"
	       "<p><label for=\"format\">Format</label><select id=\"format\" name=\"format\">"));
	html_options(&p->b, "zip", "zip", "ZIP", "tar", "TAR", NULL);
	html_f(&p->b, "</select></p>");
	text_input(&p->b, "overenskommelse", _("Leveransöverenskommelse"), "text", NULL);
	html_f(&p->b, _("<p><button type=\"submit\">Skapa och ladda ned paketet</button></p></fieldset></form>\n"
	       "<h2>Tidigare leveranser</h2>\n"));
	if (!json_array_size(done))
		html_f(&p->b, _("<p>Inga leveranser ännu.</p>\n"));
	else
		table_write(p, _("Tidigare leveranser enligt granskningsloggen"), COLUMNS(delivery_columns), done);
	receipt_form(p, done);
	return page_close(p);
}

/* The confirm step before cases delivered before go again: what was
 * delivered where, and the same form with "igen" set. */
static enum MHD_Result confirm_again(page *p, const archive_request *req, json_t *prior)
{
	request *r = p->r;
	page_begin(p, _("Leverera igen?"));
	html_f(&p->b, _("<h1>Leverera igen?</h1>\n<p>Ärendena nedan har redan levererats till e-arkivet. "
	       "En ny leverans får ett eget paket-id och märks som ersättning (RECORDSTATUS REPLACEMENT).</p>\n<ul>"));
	const char *number;
	json_t *package;
	json_object_foreach(json_object_get(prior, "delivered"), number, package)
		html_f(&p->b, _("<li>%s i paketet %s</li>"), number, json_string_value(package));
	html_f(&p->b, _("</ul>\n<p>Det nya paketet heter %s.</p>\n"), view_str(prior, "package"));
	view_form_begin(&p->b, r, "/arkiv/leverans", NULL, p->org);
	view_hidden(&p->b, "arende", req->case_number ? req->case_number : "");
	view_hidden(&p->b, "serie", req->series ? req->series : "");
	char year[16] = "";
	if (req->year)
		snprintf(year, sizeof year, "%d", req->year);
	view_hidden(&p->b, "ar", year);
	view_hidden(&p->b, "format", req->format ? req->format : "");
	view_hidden(&p->b, "overenskommelse", req->agreement ? req->agreement : "");
	view_hidden(&p->b, "igen", "1");
	html_f(&p->b, _("<p><button type=\"submit\">Leverera igen</button> <a href=\"/arkiv/leverans?org=%s\">Avbryt</a></p>"
	       "</form>\n"), p->org);
	return page_close_status(p, 409);
}

/* PAGE: POST /arkiv/leverans  access: staff */
enum MHD_Result page_delivery_export(page *p)
{
	request *r = p->r;
	const char *num = req_str(r, "arende"), *series = req_str(r, "serie");
	int64_t year = 0;
	if (req_int(r, "ar", 1900, 2199, &year, &p->e) < 0)
		return page_bad_param(p);
	archive_request req = {
		.case_number = *num ? num : NULL, .series = !*num && *series ? series : NULL,
		.year = (int)year, .format = req_form(r, "format"),
		.agreement = req_form(r, "overenskommelse"), .again = !strcmp(req_str(r, "igen"), "1"),
	};
	if (!req.again) {
		json_t *prior = NULL;
		if (archive_prior(r->k, p->org_id, &req, &prior, &p->e))
			return page_fail_p(p);
		page_own(p, prior);
		if (json_object_size(json_object_get(prior, "delivered")))
			return confirm_again(p, &req, prior);
	}
	return page_package_download(r, p->org_id, &req, 0);
}

static int do_receipt(page *p)
{
	request *r = p->r;
	delivery_receipt rec = {
		.package = req_str(r, "paket"), .received = req_str(r, "mottaget"), .reference = req_form(r, "referens"),
		.note = req_form(r, "anteckning"),
	};
	return delivery_receipt_add(r->k, p->org_id, &rec, NULL, &p->e);
}

static const struct page_action receipt_actions[] = {
	{ "kvittens", do_receipt, N_("Kvittensen är registrerad.") },
};

/* PAGE: POST /arkiv/leverans/kvittens  access: staff */
enum MHD_Result page_delivery_receipt(page *p)
{
	enum MHD_Result ret;
	if (page_act(p, PAGE_ACTIONS(receipt_actions), &ret))
		return ret;
	return page_redirect_done(p, "/arkiv/leverans", NULL, NULL, p->done);
}
