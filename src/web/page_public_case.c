/*
 * page_public_case.c — /offentlig/arende: one case as
 * the public registry shows it, for journalists and citizens: its public
 * title, status, every entry masked as the registry masks it, the
 * decisions with their minutes §, and a link to request each document.
 * Everything shown comes from public_case (core/public.c), which decides
 * what is public. A number that is not one, or names no case, gets a page
 * that leads back to the registry's search.
 */
#include <stdio.h>
#include <string.h>

#include "core/org.h"
#include "core/public.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/public_page.h"
#include "web/respond.h"
#include "web/view.h"
#include "web/wayback.h"

/* The code of the installation's one organisation into code; KERR_INVALID
 * when there are several (or none). */
static int public_only_org(request *r, char code[40], kerr *e)
{
	json_t *orgs = public_organisations(r->k, e);
	if (!orgs)
		return KERR_INTERNAL;
	int rc = json_array_size(orgs) == 1 ? 0 : kerr_set(e, KERR_INVALID, "choose an organisation (?org=)");
	if (!rc)
		snprintf(code, 40, "%s", view_str(json_array_get(orgs, 0), "code"));
	json_decref(orgs);
	return rc;
}

static const char *record_seq(const char *number)
{
	const char *dash = number ? strrchr(number, '-') : NULL;
	return dash ? dash + 1 : "";
}

static void entries(buf *b, const request *r, json_t *c, const char *org)
{
	json_t *records = json_object_get(c, "records");
	html_f(b, _("<h2 id=\"handlingar\">Handlingar</h2>\n"));
	if (!json_array_size(records)) {
		html_f(b, _("<p>Inga handlingar är registrerade i ärendet.</p>\n"));
		return;
	}
	const char *const cols[] = { _("Nummer"), _("Datum"), _("Riktning"), _("Avsändare/mottagare"),
	                             _("Handlingen gäller"), _("Begär ut") };
	html_f(b, "<div class=\"stack\">");
	view_table_begin(b, _("Registrerade handlingar i ärendet, i den ordning de registrerades"), cols, 6);
	size_t i;
	json_t *row;
	json_array_foreach(records, i, row) {
		const char *number = view_str(row, "number");
		html_f(b, "\n<tr id=\"handling-%-s\">", record_seq(number));
		public_cell(b, _("Nummer"), number);
		public_cell(b, _("Datum"), view_str(row, "doc_date"));
		public_entry_cells(b, row);
		public_request_cell(b, r, org, number);
		html_f(b, "</tr>");
	}
	view_table_end(b);
	html_f(b, "</div>\n");
}

static void decisions(buf *b, json_t *c)
{
	json_t *list = json_object_get(c, "decisions");
	html_f(b, _("<h2 id=\"beslut\">Beslut</h2>\n"));
	if (!json_array_size(list)) {
		html_f(b, _("<p>Inga beslut är registrerade i ärendet.</p>\n"));
		return;
	}
	html_f(b, "<ul class=\"decisions\">\n");
	size_t i;
	json_t *d;
	json_array_foreach(list, i, d) {
		html_f(b, "<li><strong>%s %s", view_str(d, "board"), view_str(d, "date"));
		json_t *para = json_object_get(d, "paragraph");
		if (json_is_integer(para))
			html_f(b, ", § %lld", (long long)json_integer_value(para));
		else
			html_f(b, _(", delegationsbeslut"));
		html_f(b, "</strong>: %s", view_str(d, "title"));
		if (view_str(d, "decision"))
			html_f(b, _("<br>Beslut: %s"), view_str(d, "decision"));
		html_f(b, " <a href=\"#handling-%-s\">%s</a></li>\n", record_seq(view_str(d, "record")),
		       view_str(d, "record"));
	}
	html_f(b, "</ul>\n");
}

/* The page for a number that is no case number, or names no case: what
 * was wrong, the search box to try again, and the way back. */
static enum MHD_Result not_found(request *r, unsigned status, const char *nr)
{
	buf b = BUF_INIT;
	const char *title = status == 404 ? _("Ärendet finns inte") : _("Felaktigt diarienummer");
	layout_begin(&b, r, title);
	html_f(&b, "<h1>%s</h1>\n<p class=\"error\" role=\"alert\">", title);
	if (!nr || !*nr)
		html_f(&b, _("Ange ett diarienummer, till exempel KS 2026/0042."));
	else if (status == 404)
		html_f(&b, _("Det finns inget ärende med numret ”%s” i diariet. Kontrollera numret eller sök i diariet."), nr);
	else
		html_f(&b, _("”%s” är inte ett diarienummer. Ett diarienummer skrivs som KS 2026/0042, och en handlings "
		       "nummer som KS 2026/0042-3."), nr);
	html_f(&b, "</p>\n");
	wayback_links(&b, r);
	layout_end_r(&b, r);
	return web_html(r, status, &b);
}

/* PAGE: GET /offentlig/arende  access: public */
enum MHD_Result page_public_case(request *r)
{
	enum MHD_Result ret;
	int64_t org_id;
	const char *org = req_query(r, "org"), *nr = req_query(r, "nr");
	kerr e = KERR_INIT;
	char only[40];
	if (public_limited(r, &ret))
		return ret;
	if (!org || !*org) {
		/* A link or a typed address without ?org= names the case well
		 * enough when the installation has one organisation. */
		if (public_only_org(r, only, &e))
			return e.code == KERR_INVALID ? web_error_page(r, 400, _("Välj först vilken organisations diarium "
			                                               "ärendet finns i.")) : page_fail(r, &e);
		org = only;
	}
	if (org_find(r->k, org, &org_id, &e))
		return page_fail(r, &e);
	int64_t case_id;
	int rc = public_case_find(r->k, org_id, nr, &case_id, NULL, &e);
	if (rc == KERR_INVALID || rc == KERR_NOTFOUND)
		return not_found(r, rc == KERR_NOTFOUND ? 404 : 400, nr);
	if (rc)
		return page_fail(r, &e);
	json_t *c = public_case(r->k, org_id, nr, &e);
	if (!c)
		return page_fail(r, &e);
	char name[200];
	if (public_org_name(r->k, org_id, name, sizeof name, &e)) {
		json_decref(c);
		return page_fail(r, &e);
	}
	buf b = BUF_INIT, title = BUF_INIT;
	char unpublished[200];
	buf_printf(&title, _("Ärende %s"), view_str(c, "number"));
	layout_begin(&b, r, title.s);
	html_f(&b, _("<p><a href=\"/offentlig/diarium?org=%-s%s\">Diariet%s%s</a></p>\n<h1>%s</h1>\n"
	       "<p class=\"case-title\">%s</p>\n<dl class=\"meta\">"), org, layout_lang_arg(r), *name ? " – " : "", name, title.s,
	       public_case_title(c, "title", "title_published", unpublished, sizeof unpublished));
	view_meta(&b, _("Status"), _(view_status_sv(view_str(c, "status"))));
	view_meta(&b, _("Registrerat"), view_str(c, "opened_date"));
	if (view_str(c, "class")) {
		buf cls = BUF_INIT;
		buf_printf(&cls, "%s%s%s", view_str(c, "class"), view_str(c, "class_title") ? " " : "",
		           view_str(c, "class_title") ? view_str(c, "class_title") : "");
		view_meta(&b, _("Klassificering"), cls.s);
		buf_free(&cls);
	}
	html_f(&b, _("</dl>\n<p>Uppgifter som omfattas av sekretess visas inte. Du kan begära ut varje handling; "
	       "myndigheten prövar då om den kan lämnas ut.</p>\n"));
	entries(&b, r, c, org);
	decisions(&b, c);
	buf_free(&title);
	json_decref(c);
	layout_end_r(&b, r);
	return public_send_cached(r, 200, "text/html; charset=utf-8", &b);
}
