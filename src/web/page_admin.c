/*
 * page_admin.c — administration of one organisation: units, series,
 * classification, where requests for public documents are filed, users and
 * roles. Only the organisation's administrators
 * see it (decided in core/access.c, like everything else).
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/board.h"
#include "core/grant.h"
#include "core/org.h"
#include "core/request_filing.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/request_filing_warn.h"
#include "web/table.h"
#include "web/view.h"

static const struct column unit_columns[] = { COL(N_("Kod"), CELL_TEXT, "code"), COL(N_("Namn"), CELL_TEXT, "name") };
static const struct column series_columns[] = {
	COL(N_("Prefix"), CELL_TEXT, "prefix"), COL(N_("Namn"), CELL_TEXT, "name"),
};
static const struct column class_columns[] = {
	COL(N_("Kod"), CELL_TEXT, "code"), COL(N_("Benämning"), CELL_TEXT, "title"),
};

static void add_form(buf *b, request *r, const char *org, const char *what, const char *legend,
                     const char *klabel, const char *tlabel)
{
	html_f(b, "<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset><legend>%s</legend>", legend);
	view_form_fields(b, r, org);
	view_hidden(b, "vad", what);
	html_f(b, _("<p><label for=\"%s-kod\">%s</label><input id=\"%s-kod\" name=\"kod\" required></p><p><label for=\""
	       "%s-namn\">%s</label><input id=\""
	       "%s-namn\" name=\"namn\" required></p><p><button type=\"submit\">Lägg till</button></p>"
	       "</fieldset></form>\n"), what, klabel, what, what, tlabel, what);
}

/* One user's roles in org, each with its reach: "handlaggare (enhet SOC,
 * nämnd SN)" or "registrator (hela organisationen)". Empty when none. */
static void grants_text(buf *out, json_t *grants, const char *org)
{
	size_t i, j;
	json_t *g, *c;
	json_array_foreach(grants, i, g) {
		if (strcmp(view_str(g, "org"), org))
			continue;
		if (out->len)
			buf_adds(out, "; ");
		buf_adds(out, view_str(g, "role"));
		json_t *units = json_object_get(g, "units"), *boards = json_object_get(g, "boards");
		if (!json_array_size(units) && !json_array_size(boards)) {
			buf_adds(out, " (hela organisationen)");
			continue;
		}
		buf_adds(out, " (");
		int first = 1;
		json_array_foreach(units, j, c) {
			buf_printf(out, _("%senhet %s"), first ? "" : ", ", json_string_value(c));
			first = 0;
		}
		json_array_foreach(boards, j, c) {
			buf_printf(out, _("%snämnd %s"), first ? "" : ", ", json_string_value(c));
			first = 0;
		}
		buf_adds(out, ")");
	}
}

/* The optional unit and board a role is limited to (need-to-know); id
 * prefixes the fields' ids, as two forms carry them. */
static void scope_fields(buf *b, const char *id, json_t *units, json_t *boards)
{
	static const char *const names[] = { "enhet", "namnd" };
	const char *const labels[] = { _("Begränsa till enhet (valfritt)"), _("Begränsa till nämnd (valfritt)") };
	json_t *lists[] = { units, boards };
	for (int f = 0; f < 2; f++) {
		size_t i;
		json_t *o;
		html_f(b, "<p><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\">", id, names[f],
		       labels[f], id, names[f], names[f]);
		html_option(b, "", _("Ingen begränsning"), NULL);
		json_array_foreach(lists[f], i, o)
			html_option(b, view_str(o, "code"), view_str(o, "name"), NULL);
		html_f(b, "</select></p>");
	}
}

/* The series and class requests for public documents are filed in
 * (core/request_filing.h): the series select is "kod", as every form of
 * the page names what it sets. */
static void request_filing_form(page *p, json_t *setting, json_t *series, json_t *classes)
{
	size_t i;
	json_t *o;
	html_f(&p->b, _("<h2 id=\"begaran\">Begäranden om allmän handling</h2><p>En begäran som inte anger en "
	       "handling i en av organisationens serier diarieförs i den serie och med den klass som väljs här.</p>"));
	html_f(&p->b, _("<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset>"
	       "<legend>Serie och klass för begäranden</legend>"));
	view_form_fields(&p->b, p->r, p->org);
	view_hidden(&p->b, "vad", "begaran");
	html_f(&p->b, _("<p><label for=\"b-serie\">Serie</label><select id=\"b-serie\" name=\"kod\" required>"));
	json_array_foreach(series, i, o)
		html_option(&p->b, view_str(o, "prefix"), view_str(o, "name"), view_str(setting, "filed_in"));
	html_f(&p->b, _("</select></p><p><label for=\"b-klass\">Klass</label><select id=\"b-klass\" name=\"klass\">"));
	html_option(&p->b, "", _("Ingen (oklassificerad)"), view_str(setting, "class"));
	json_array_foreach(classes, i, o)
		html_option(&p->b, view_str(o, "code"), view_str(o, "title"), view_str(setting, "class"));
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Spara</button></p></fieldset></form>\n"));
}

/* PAGE: GET /admin  access: staff */
enum MHD_Result page_admin(page *p)
{
	request *r = p->r;
	if (access_check(r->k, p->org_id, ACCESS_ADMIN, &p->e))
		return page_fail_p(p);
	json_t *units = page_own(p, org_setup_list(r->k, p->org_id, "unit", &p->e));
	json_t *series = units ? page_own(p, org_setup_list(r->k, p->org_id, "series", &p->e)) : NULL;
	json_t *classes = series ? page_own(p, org_setup_list(r->k, p->org_id, "class", &p->e)) : NULL;
	json_t *users = classes ? page_own(p, user_list(r->k, p->org_id, &p->e)) : NULL;
	json_t *boards = users ? page_own(p, board_list(r->k, p->org_id, &p->e)) : NULL;
	json_t *orgs = boards ? page_own(p, org_list(r->k, &p->e)) : NULL;
	json_t *filing = orgs ? page_own(p, request_settings_show(r->k, p->org_id, &p->e)) : NULL;
	if (!filing) /* a list cut short by a read error is not a shorter list */
		return page_fail_p(p);
	size_t i;
	page_begin(p, _("Administration"));
	html_f(&p->b, _("<h1>Administration</h1>\n<p><a href=\"/importera?org="
	       "%-s\">Importera diarium från ett annat system (CSV)</a></p>\n"), p->org);
	html_f(&p->b, _("<p><a href=\"/admin/webhooks?org=%-s\">Webhooks: händelser till andra system</a></p>\n"),
	       p->org);
	view_flash(&p->b, r);
	if (request_filing_warn(p))
		return page_fail_p(p);
	html_f(&p->b, _("<h2>Organisationer</h2><p>Du administrerar "
	       "%s. Organisationer i installationen som du har tillgång till:</p><ul>"), p->org);
	json_t *o;
	json_array_foreach(orgs, i, o) {
		html_f(&p->b, "<li><a href=\"/admin?org=%-s\">%s</a> (%s", view_str(o, "code"), view_str(o, "name"),
		       view_str(o, "code"));
		if (view_str(o, "orgnr"))
			html_f(&p->b, ", %s", view_str(o, "orgnr"));
		html_f(&p->b, ")</li>");
	}
	html_f(&p->b, _("</ul><p class=\"muted\">Nya organisationer läggs upp av installationens administratör "
	       "med <code>kansli org add</code>.</p>"));
	html_f(&p->b, _("<h2>Enheter</h2>"));
	table_write(p, _("Enheter"), COLUMNS(unit_columns), units);
	add_form(&p->b, r, p->org, "enhet", _("Ny enhet"), _("Kod"), _("Namn"));
	html_f(&p->b, _("<h2>Diarieserier</h2>"));
	table_write(p, _("Diarieserier"), COLUMNS(series_columns), series);
	add_form(&p->b, r, p->org, "serie", _("Ny diarieserie"), _("Prefix (versaler, t.ex. KS)"), _("Namn"));
	html_f(&p->b, _("<h2>Klassificering</h2>"));
	table_write(p, _("Klassificeringsstruktur"), COLUMNS(class_columns), classes);
	add_form(&p->b, r, p->org, "klass", _("Ny klass"), _("Kod (t.ex. 3.2.1)"), _("Benämning"));
	request_filing_form(p, filing, series, classes);
	html_f(&p->b, _("<h2>Användare och roller</h2><p><a href=\"/admin/inaktiva?org=%-s\">Konton som inte "
	       "används</a> (personer som kan ha slutat). Välj en användare för att återställa lösenordet, inaktivera "
	       "kontot eller avsluta inloggningar.</p>"), p->org);
	const char *const user_cols[] = { _("Användarnamn"), _("Namn"), _("Roller") };
	view_table_begin(&p->b, _("Användare med roller i organisationen"), user_cols, 3);
	json_t *u;
	json_array_foreach(users, i, u) {
		buf roles = BUF_INIT;
		grants_text(&roles, json_object_get(u, "grants"), p->org);
		if (roles.len) {
			html_f(&p->b, "<tr><td><a href=\"/admin/konto?org=%-s&amp;anvandare=%-s\">%s</a>%s</td>", p->org,
			       view_str(u, "username"), view_str(u, "username"),
			       json_is_true(json_object_get(u, "disabled")) ? _(" (inaktiverat)") : "");
			view_cell(&p->b, view_str(u, "full_name"));
			view_cell(&p->b, roles.s);
			html_f(&p->b, "</tr>");
		}
		buf_free(&roles);
	}
	view_table_end(&p->b);
	html_f(&p->b, _("<p class=\"muted\">En roll utan begränsning gäller hela organisationen. En registrators "
	       "eller handläggares roll kan begränsas till enheter och nämnder: rätten att läsa "
	       "sekretessuppgifter gäller då bara deras ärenden (OSL 8 kap. 1 §).</p>"
	       "<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset>"
	       "<legend>Ny användare eller ny roll</legend>"));
	view_form_fields(&p->b, r, p->org);
	view_hidden(&p->b, "vad", "anvandare");
	html_f(&p->b, _("<p><label for=\"u-namn\">Användarnamn</label><input id=\"u-namn\" name=\"kod\" required></p>"
	       "<p><label for=\"u-fullt\">Fullständigt namn (ny användare)</label>"
	       "<input id=\"u-fullt\" name=\"namn\"></p>"
	       "<p><label for=\"u-losen\">Lösenord (ny användare, minst 10 tecken)</label>"
	       "<input id=\"u-losen\" name=\"losenord\" type=\"password\" autocomplete=\"new-password\"></p>"
	       "<p><label for=\"u-roll\">Roll</label><select id=\"u-roll\" name=\"roll\">"));
	for (int k = 0; access_roles[k]; k++)
		html_option(&p->b, access_roles[k], access_roles[k], NULL);
	html_f(&p->b, "</select></p>");
	scope_fields(&p->b, "u", units, boards);
	html_f(&p->b, _("<p><button type=\"submit\">Spara</button></p></fieldset></form>\n"
	       "<form method=\"post\" action=\"/admin\" class=\"form\"><fieldset>"
	       "<legend>Återkalla roll eller begränsning</legend>"));
	view_form_fields(&p->b, r, p->org);
	view_hidden(&p->b, "vad", "aterkalla");
	html_f(&p->b, _("<p><label for=\"r-namn\">Användarnamn</label><input id=\"r-namn\" name=\"kod\" required></p>"
	       "<p><label for=\"r-roll\">Roll</label><select id=\"r-roll\" name=\"roll\">"));
	for (int k = 0; access_roles[k]; k++)
		html_option(&p->b, access_roles[k], access_roles[k], NULL);
	html_f(&p->b, "</select></p>");
	scope_fields(&p->b, "r", units, boards);
	html_f(&p->b, _("<p class=\"muted\">Utan enhet och nämnd återkallas hela rollen. Återkallas en rolls sista "
	       "begränsning återkallas rollen.</p><p><button type=\"submit\">Återkalla</button></p>"
	       "</fieldset></form>\n"));
	return page_close(p);
}

/* The additions of the page; the form's "vad" names one, "kod" what it adds. */
static int do_unit(page *p)
{
	return unit_add(p->r->k, p->org_id, req_str(p->r, "kod"), req_str(p->r, "namn"), &p->e);
}

static int do_series(page *p)
{
	return series_add(p->r->k, p->org_id, req_str(p->r, "kod"), req_str(p->r, "namn"), &p->e);
}

static int do_class(page *p)
{
	return class_add(p->r->k, p->org_id, req_str(p->r, "kod"), req_str(p->r, "namn"), &p->e);
}

static int do_request_filing(page *p)
{
	return request_settings_set(p->r->k, p->org_id, req_str(p->r, "kod"), req_str(p->r, "klass"), &p->e);
}

/* A role for a user; a user not yet known is created with it. */
static int do_user(page *p)
{
	request *r = p->r;
	const char *key = req_str(r, "kod"), *role = req_str(r, "roll");
	const char *unit = req_form(r, "enhet"), *board = req_form(r, "namnd"), *pw = req_str(r, "losenord");
	int64_t uid;
	int rc = user_find(r->k, key, &uid, &p->e);
	if (rc == 0)
		return user_grant_scoped(r->k, key, p->org_id, role, unit, board, &p->e);
	if (rc != KERR_NOTFOUND)
		return rc; /* a user that could not be looked up is not a new user */
	return user_add_to_org_scoped(r->k, p->org_id, key, req_str(r, "namn"), *pw ? pw : NULL, role, unit, board,
	                              &p->e);
}

static int do_revoke(page *p)
{
	request *r = p->r;
	return user_revoke(r->k, req_str(r, "kod"), p->org_id, req_str(r, "roll"), req_form(r, "enhet"),
	                   req_form(r, "namnd"), &p->e);
}

static const struct page_action admin_actions[] = {
	{ "enhet", do_unit, N_("Sparat.") },
	{ "serie", do_series, N_("Sparat.") },
	{ "klass", do_class, N_("Sparat.") },
	{ "begaran", do_request_filing, N_("Sparat.") },
	{ "anvandare", do_user, N_("Sparat.") },
	{ "aterkalla", do_revoke, N_("Återkallat.") },
};

/* PAGE: POST /admin  access: staff */
enum MHD_Result page_admin_add(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	if (!req_form(r, "vad") || !req_form(r, "kod"))
		return page_error(p, 400, N_("Uppgifter saknas."));
	if (page_act_by(p, "vad", PAGE_ACTIONS(admin_actions), &ret))
		return ret;
	return page_redirect_done(p, "/admin", NULL, NULL, p->done);
}
