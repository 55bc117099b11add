/*
 * page_admin.c — administration of one organisation: units, series,
 * classification, users and roles. Only the organisation's administrators
 * see it (decided in core/access.c, like everything else).
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/org.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/view.h"

static void setup_table(buf *b, json_t *rows, const char *caption, const char *key, const char *text,
                        const char *khead, const char *thead)
{
	const char *const cols[] = { khead, thead };
	view_table_begin(b, caption, cols, 2);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		html_raw(b, "<tr>");
		view_cell(b, view_str(row, key));
		view_cell(b, view_str(row, text));
		html_raw(b, "</tr>");
	}
	view_table_end(b);
}

static void add_form(buf *b, request *r, const char *org, const char *what, const char *legend,
                     const char *klabel, const char *tlabel)
{
	html_raw(b, "<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset><legend>");
	html_text(b, legend);
	html_raw(b, "</legend>");
	view_form_fields(b, r, org);
	view_hidden(b, "vad", what);
	html_raw(b, "<p><label for=\"");
	html_text(b, what);
	html_raw(b, "-kod\">");
	html_text(b, klabel);
	html_raw(b, "</label><input id=\"");
	html_text(b, what);
	html_raw(b, "-kod\" name=\"kod\" required></p><p><label for=\"");
	html_text(b, what);
	html_raw(b, "-namn\">");
	html_text(b, tlabel);
	html_raw(b, "</label><input id=\"");
	html_text(b, what);
	html_raw(b, "-namn\" name=\"namn\" required></p><p><button type=\"submit\">Lägg till</button></p>"
	            "</fieldset></form>\n");
}

enum MHD_Result page_admin(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e) || access_check(r->k, org_id, ACCESS_ADMIN, &e))
		return page_fail(r, &e);
	json_t *units = org_setup_list(r->k, org_id, "unit", &e);
	json_t *series = org_setup_list(r->k, org_id, "series", &e);
	json_t *classes = org_setup_list(r->k, org_id, "class", &e);
	json_t *users = user_list(r->k, &e);
	buf b = BUF_INIT;
	size_t i;
	layout_begin(&b, r, "Administration");
	html_raw(&b, "<h1>Administration</h1>\n<p><a href=\"/importera?org=");
	html_url(&b, org);
	html_raw(&b, "\">Importera diarium från ett annat system (CSV)</a></p>\n");
	view_flash(&b, r);
	json_t *orgs = org_list(r->k, &e);
	html_raw(&b, "<h2>Organisationer</h2><p>Du administrerar ");
	html_text(&b, org);
	html_raw(&b, ". Organisationer i installationen som du har tillgång till:</p><ul>");
	json_t *o;
	json_array_foreach(orgs, i, o) {
		html_raw(&b, "<li><a href=\"/admin?org=");
		html_url(&b, view_str(o, "code"));
		html_raw(&b, "\">");
		html_text(&b, view_str(o, "name"));
		html_raw(&b, "</a> (");
		html_text(&b, view_str(o, "code"));
		if (view_str(o, "orgnr")) {
			html_raw(&b, ", ");
			html_text(&b, view_str(o, "orgnr"));
		}
		html_raw(&b, ")</li>");
	}
	html_raw(&b, "</ul><p class=\"muted\">Nya organisationer läggs upp av installationens administratör "
	             "med <code>kansli org add</code>.</p>");
	json_decref(orgs);
	html_raw(&b, "<h2>Enheter</h2>");
	setup_table(&b, units, "Enheter", "code", "name", "Kod", "Namn");
	add_form(&b, r, org, "enhet", "Ny enhet", "Kod", "Namn");
	html_raw(&b, "<h2>Diarieserier</h2>");
	setup_table(&b, series, "Diarieserier", "prefix", "name", "Prefix", "Namn");
	add_form(&b, r, org, "serie", "Ny diarieserie", "Prefix (versaler, t.ex. KS)", "Namn");
	html_raw(&b, "<h2>Klassificering</h2>");
	setup_table(&b, classes, "Klassificeringsstruktur", "code", "title", "Kod", "Benämning");
	add_form(&b, r, org, "klass", "Ny klass", "Kod (t.ex. 3.2.1)", "Benämning");
	html_raw(&b, "<h2>Användare och roller</h2>");
	static const char *const user_cols[] = { "Användarnamn", "Namn", "Roller" };
	view_table_begin(&b, "Användare med roller i organisationen", user_cols, 3);
	json_t *u;
	char prefix[48];
	snprintf(prefix, sizeof prefix, "%s:", org);
	json_array_foreach(users, i, u) {
		const char *roles = view_str(u, "roles");
		if (!roles || !strstr(roles, prefix))
			continue;
		html_raw(&b, "<tr>");
		view_cell(&b, view_str(u, "username"));
		view_cell(&b, view_str(u, "full_name"));
		view_cell(&b, roles);
		html_raw(&b, "</tr>");
	}
	view_table_end(&b);
	html_raw(&b, "<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset>"
	             "<legend>Ny användare eller ny roll</legend>");
	view_form_fields(&b, r, org);
	view_hidden(&b, "vad", "anvandare");
	html_raw(&b, "<p><label for=\"u-namn\">Användarnamn</label><input id=\"u-namn\" name=\"kod\" required></p>"
	             "<p><label for=\"u-fullt\">Fullständigt namn (ny användare)</label>"
	             "<input id=\"u-fullt\" name=\"namn\"></p>"
	             "<p><label for=\"u-losen\">Lösenord (ny användare, minst 10 tecken)</label>"
	             "<input id=\"u-losen\" name=\"losenord\" type=\"password\" autocomplete=\"new-password\"></p>"
	             "<p><label for=\"u-roll\">Roll</label><select id=\"u-roll\" name=\"roll\">");
	for (int k = 0; access_roles[k]; k++)
		html_option(&b, access_roles[k], access_roles[k], NULL);
	html_raw(&b, "</select></p><p><button type=\"submit\">Spara</button></p></fieldset></form>\n");
	json_decref(units);
	json_decref(series);
	json_decref(classes);
	json_decref(users);
	layout_end(&b);
	return web_html(r, 200, &b);
}

enum MHD_Result page_admin_add(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id, uid;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	const char *what = req_form(r, "vad"), *key = req_form(r, "kod"), *text = req_form(r, "namn");
	if (!what || !key)
		return web_error_page(r, 400, "Uppgifter saknas.");
	int rc;
	const char *done = "Sparat.";
	if (!strcmp(what, "enhet"))
		rc = unit_add(r->k, org_id, key, text ? text : "", &e);
	else if (!strcmp(what, "serie"))
		rc = series_add(r->k, org_id, key, text ? text : "", &e);
	else if (!strcmp(what, "klass"))
		rc = class_add(r->k, org_id, key, text ? text : "", &e);
	else if (!strcmp(what, "anvandare")) {
		const char *role = req_form(r, "roll") ? req_form(r, "roll") : "";
		if (user_find(r->k, key, &uid, NULL) == 0)
			rc = user_grant(r->k, key, org_id, role, &e);
		else {
			const char *pw = req_form(r, "losenord");
			rc = user_add_to_org(r->k, org_id, key, text ? text : "", pw && *pw ? pw : NULL, role, &e);
		}
	} else
		return web_error_page(r, 400, "Okänd åtgärd.");
	if (rc)
		return page_fail(r, &e);
	return view_done(r, "/admin", org, NULL, NULL, done);
}
