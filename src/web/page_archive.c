/*
 * page_archive.c — the archivist's pages: /arkiv (what is due for disposal,
 * legal holds, disposal runs, the report series), /arkiv/plan (the
 * retention schedule: rules, editing, CSV upload and download) and
 * /arkiv/gallring (one disposal run: approve, execute). Who may do what is
 * decided in core (ACCESS_ARCHIVE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/disposal.h"
#include "core/org.h"
#include "core/retention.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

static const char *run_status_sv(const char *s)
{
	return !strcmp(s, "proposed") ? _("Föreslagen, väntar på godkännande")
		: !strcmp(s, "approved") ? _("Godkänd, ej verkställd") : !strcmp(s, "cancelled") ? _("Avbruten") : _("Verkställd");
}

static const char *outcome_sv(const char *o)
{
	return !o ? "–" : !strcmp(o, "disposed") ? _("Gallrad") : !strcmp(o, "held") ? _("Ej gallrad: rättslig spärr")
		: !strcmp(o, "reopened") ? _("Ej gallrad: ärendet har öppnats igen") : _("Ej gallrad: redan gallrad");
}

/* Rows of a long list (the due list, a run's records) shown per page. */
#define ARCHIVE_PAGE_ROWS 50

/* A retention period, "N år"; "–" for a rule that keeps for good. */
static void years_cell(page *p, json_t *o)
{
	char years[32] = "–";
	if (json_object_get(o, "years"))
		snprintf(years, sizeof years, _("%lld år"), (long long)json_integer_value(json_object_get(o, "years")));
	view_cell(&p->b, years);
}

/* The disposal run a due record is already in. */
static void due_run_cell(page *p, json_t *o)
{
	char run[32] = "–";
	if (json_object_get(o, "run"))
		snprintf(run, sizeof run, _("Ingår i nr %lld"), (long long)json_integer_value(json_object_get(o, "run")));
	view_cell(&p->b, run);
}

/* Whether a disposed record's registration is kept. */
static void keep_cell(page *p, json_t *o)
{
	view_cell(&p->b, json_is_true(json_object_get(o, "keep_registration")) ? _("Behålls") : _("Rensas"));
}

static void hold_release_cell(page *p, json_t *o)
{
	char id[32];
	snprintf(id, sizeof id, "hav-%zu", p->row);
	html_f(&p->b, "<td>");
	view_action_form(&p->b, p->r, "/arkiv", "form", p->org, "hav");
	view_hidden(&p->b, "arende", view_str(o, "case"));
	view_input(&p->b, id, "skal", _("Skäl för att häva"), "text", NULL, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Häv spärren<span class=\"visually-hidden\"> för "
	       "%s</span></button></p></form>"), view_str(o, "case"));
	html_f(&p->b, "</td>");
}

static void run_link_cell(page *p, json_t *o)
{
	long long id = (long long)json_integer_value(json_object_get(o, "id"));
	html_f(&p->b, "<td><a href=\"/arkiv/gallring?org=%-s", p->org);
	buf_printf(&p->b, _("&amp;id=%lld\">Gallring %lld</a></td>"), id, id);
}

static const struct column due_columns[] = {
	COL(N_("Nummer"), CELL_RECORD, "number"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL(N_("Klass"), CELL_TEXT, "class"), COL(N_("Handlingstyp"), CELL_TEXT, "doc_type"),
	COL_CUSTOM(N_("Gallringsfrist"), years_cell),
	COL(N_("Ärendet avslutat"), CELL_TEXT, "closed"), COL(N_("Gallringsbar från"), CELL_TEXT, "due"),
	COL(N_("Beslut"), CELL_TEXT, "decision"), COL_CUSTOM(N_("Gallring"), due_run_cell),
};
static const struct column by_class_columns[] = {
	COL(N_("Klass"), CELL_TEXT, "class"), COL(N_("Antal handlingar"), CELL_INT, "count"),
};
static const struct column hold_columns[] = {
	COL(N_("Ärende"), CELL_CASE, "case"), COL(N_("Rubrik"), CELL_TEXT, "title"), COL(N_("Skäl"), CELL_TEXT, "reason"),
	COL(N_("Lagd"), CELL_TEXT, "placed"), COL(N_("Av"), CELL_TEXT, "placed_by"),
	COL_CUSTOM(N_("Häv spärren"), hold_release_cell),
};
static const struct column run_columns[] = {
	COL_CUSTOM(N_("Nr"), run_link_cell),
	COL_WORDS(N_("Status"), "status", run_status_sv), COL(N_("Underlag per"), CELL_TEXT, "as_of"),
	COL(N_("Föreslagen av"), CELL_TEXT, "proposed_by"), COL(N_("Godkänd av"), CELL_OR_DASH, "approved_by"),
	COL(N_("Verkställd"), CELL_OR_DASH, "executed"), COL(N_("Handlingar"), CELL_INT, "items"),
	COL(N_("Gallringsrapport"), CELL_RECORD, "report"),
};

/* PAGE: GET /arkiv  access: staff */
enum MHD_Result page_archive(page *p)
{
	request *r = p->r;
	if (access_check(r->k, p->org_id, ACCESS_ARCHIVE, &p->e))
		return page_fail_p(p);
	int64_t pageno = 1;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	json_t *due = page_own(p, retention_due(r->k, p->org_id, &p->e));
	json_t *holds = due ? page_own(p, hold_list(r->k, p->org_id, 0, &p->e)) : NULL;
	json_t *runs = holds ? page_own(p, disposal_list(r->k, p->org_id, &p->e)) : NULL;
	json_t *settings = runs ? page_own(p, retention_settings(r->k, p->org_id, &p->e)) : NULL;
	json_t *series = settings ? page_own(p, org_setup_list(r->k, p->org_id, "series", &p->e)) : NULL;
	if (!series)
		return page_fail_p(p);
	size_t i;
	json_t *o;
	page_begin(p, _("Arkiv"));
	html_f(&p->b, _("<h1>Arkiv</h1>\n"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<p>Gallring enligt <a href=\"/arkiv/plan?org=%-s\">informationshanteringsplanen</a> för "
	       "%s. En handling får gallras när ärendet har avslutats och gallringsfristen har gått ut, "
	       "aldrig när ärendet har en rättslig spärr.</p>\n<p>Det som ska bevaras levereras till e-arkivet: "
	       "<a href=\"/arkiv/leverans?org=%-s\">Leverans till e-arkiv</a>.</p>\n"), p->org, p->org, p->org);

	json_t *items = json_object_get(due, "items");
	int proposable = 0;
	json_array_foreach(items, i, o)
		proposable += json_object_get(o, "run") == NULL;
	buf_printf(&p->b, _("<h2>Gallringsbart %s</h2>\n<p>%lld handlingar får gallras, varav %d inte ingår i någon "
	           "föreslagen gallring. %lld ärenden har rättslig spärr.</p>\n"),
	           view_str(due, "as_of"), (long long)json_integer_value(json_object_get(due, "count")), proposable,
	           (long long)json_integer_value(json_object_get(due, "held")));
	if (json_array_size(json_object_get(due, "by_class"))) {
		table_write(p, _("Gallringsbart per klass"), COLUMNS(by_class_columns), json_object_get(due, "by_class"));
		/* The due list is read whole (proposing freezes all of it); it is
		 * shown a page at a time so that the archive page stays short. */
		table_write(p, _("Gallringsbara handlingar"), COLUMNS(due_columns),
		            page_own(p, table_page_rows(items, (long)pageno, ARCHIVE_PAGE_ROWS, 0)));
		static const char *const keys[] = { "org" };
		view_pager(&p->b, "/arkiv", (long)pageno, ARCHIVE_PAGE_ROWS, (long long)json_array_size(items),
		           page_kept_query(p, PAGE_KEYS(keys)));
	}
	if (proposable) {
		view_action_form(&p->b, r, "/arkiv", "form", p->org, "foresla");
		buf_printf(&p->b, _("<p><button type=\"submit\">Föreslå gallring av %d handlingar</button></p>"
		           "<p class=\"muted\">Förslaget fryser listan. En annan arkivarie godkänner det innan det "
		           "verkställs.</p></form>\n"), proposable);
	}

	html_f(&p->b, _("<h2>Rättsliga spärrar</h2>\n"));
	if (json_array_size(holds) == 0)
		html_f(&p->b, _("<p>Inga ärenden har rättslig spärr.</p>"));
	else
		table_write(p, _("Ärenden med rättslig spärr"), COLUMNS(hold_columns), holds);
	view_action_form(&p->b, r, "/arkiv", "form", p->org, "sparr");
	html_f(&p->b, _("<fieldset><legend>Ny rättslig spärr</legend>"));
	view_input(&p->b, "sparr-arende", "arende", _("Ärende (diarienummer, t.ex. KS 2026/0042)"), "text", NULL, 1);
	view_input(&p->b, "sparr-skal", "skal", _("Skäl"), "text", NULL, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Lägg spärr</button></p></fieldset></form>\n"));

	html_f(&p->b, _("<h2>Gallringar</h2>\n"));
	if (json_array_size(runs) == 0)
		html_f(&p->b, _("<p>Ingen gallring har föreslagits.</p>"));
	else
		table_write(p, _("Föreslagna och verkställda gallringar"), COLUMNS(run_columns), runs);

	html_f(&p->b, _("<h2>Gallringsrapporter</h2><p>Gallringsrapporter registreras i ett ärende per år i serien %s.</p>"),
	       view_str(settings, "report_series") ? view_str(settings, "report_series") : _("(ingen vald)"));
	view_action_form(&p->b, r, "/arkiv", "form", p->org, "rapportserie");
	html_f(&p->b, _("<p><label for=\"rapportserie\">Serie för gallringsrapporter</label>"
	       "<select id=\"rapportserie\" name=\"serie\">"));
	view_options(&p->b, series, "prefix", "name", view_str(settings, "report_series"));
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Spara serie</button></p></form>\n"));
	return page_close(p);
}

static int do_hold(page *p)
{
	return hold_add(p->r->k, p->org_id, req_str(p->r, "arende"), req_form(p->r, "skal"), &p->e);
}

static int do_release(page *p)
{
	return hold_release(p->r->k, p->org_id, req_str(p->r, "arende"), req_form(p->r, "skal"), &p->e);
}

static int do_report_series(page *p)
{
	return retention_set_report_series(p->r->k, p->org_id, req_form(p->r, "serie"), &p->e);
}

static const struct page_action archive_actions[] = {
	{ "sparr", do_hold, N_("Spärren är lagd.") },
	{ "hav", do_release, N_("Spärren är hävd.") },
	{ "rapportserie", do_report_series, N_("Serien för gallringsrapporter är sparad.") },
};

/* PAGE: POST /arkiv  access: staff */
enum MHD_Result page_archive_post(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	/* A proposal is answered on its own page, the others on this one. */
	if (!strcmp(req_str(r, "atgard"), "foresla")) {
		int64_t run_id = 0;
		if (disposal_propose(r->k, p->org_id, &run_id, &p->e))
			return page_fail_p(p);
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%lld", (long long)run_id);
		return page_redirect_done(p, "/arkiv/gallring", "id", idtext,
		                          _("Gallringen är föreslagen. En annan arkivarie ska godkänna den."));
	}
	if (page_act(p, PAGE_ACTIONS(archive_actions), &ret))
		return ret;
	return page_redirect_done(p, "/arkiv", NULL, NULL, p->done);
}

static const char *doc_type_or_all(const char *t)
{
	return *t ? t : _("(alla)");
}

static const char *rule_action_sv(const char *a)
{
	return !*a ? _("Ingen regel") : !strcmp(a, "dispose") ? _("Gallras") : _("Bevaras");
}

/* What happens to a disposed record's registration under the rule. */
static void rule_registration_cell(page *p, json_t *o)
{
	if (strcmp(view_str(o, "action"), "dispose"))
		view_cell(&p->b, "–");
	else
		keep_cell(p, o);
}

static void rule_remove_cell(page *p, json_t *o)
{
	html_f(&p->b, "<td>");
	if (*view_str(o, "action")) {
		view_action_form(&p->b, p->r, "/arkiv/plan", "form", p->org, "ta-bort");
		view_hidden(&p->b, "klass", view_str(o, "class"));
		view_hidden(&p->b, "handlingstyp", view_str(o, "doc_type"));
		html_f(&p->b, _("<button type=\"submit\">Ta bort<span class=\"visually-hidden\"> regeln för "
		       "%s %s</span></button></form>"), view_str(o, "class"), view_str(o, "doc_type"));
	}
	html_f(&p->b, "</td>");
}

static const struct column plan_columns[] = {
	COL(N_("Klass"), CELL_TEXT, "class"), COL(N_("Benämning"), CELL_TEXT, "class_title"),
	COL_WORDS(N_("Handlingstyp"), "doc_type", doc_type_or_all),
	COL_WORDS(N_("Åtgärd"), "action", rule_action_sv),
	COL_CUSTOM(N_("Gallringsfrist"), years_cell),
	COL(N_("Beslut"), CELL_OR_DASH, "decision"),
	COL_CUSTOM(N_("Registreringen"), rule_registration_cell),
	COL_CUSTOM(N_("Ta bort regeln"), rule_remove_cell),
};

/* PAGE: GET /arkiv/plan  access: staff */
enum MHD_Result page_archive_plan(page *p)
{
	request *r = p->r;
	if (req_query(r, "format") && !strcmp(req_query(r, "format"), "csv")) {
		buf csv = BUF_INIT;
		if (retention_export_csv(r->k, p->org_id, &csv, &p->e)) {
			buf_free(&csv);
			return page_fail_p(p);
		}
		return web_send(r, 200, "text/csv; charset=utf-8", &csv);
	}
	json_t *plan = page_own(p, retention_schedule(r->k, p->org_id, &p->e));
	if (!plan)
		return page_fail_p(p);
	int archivist = access_check(r->k, p->org_id, ACCESS_ARCHIVE, NULL) == 0;
	json_t *classes = page_own(p, org_setup_list(r->k, p->org_id, "class", &p->e));
	size_t i;
	json_t *o;
	page_begin(p, _("Informationshanteringsplan"));
	html_f(&p->b, _("<h1>Informationshanteringsplan</h1>\n"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<p>Klassificeringsstruktur och gallringsregler för "
	       "%s. En handling följer regeln för sin handlingstyp i ärendets klass, annars klassens regel. "
	       "Gallringsfristen räknas från dagen då ärendet avslutades. <a href=\"/arkiv/plan?format=csv&amp;org="
	       "%-s\">Ladda ner planen som CSV</a></p>\n"), p->org, p->org);
	/* Only archivists see the last column, with a form to remove the rule. */
	table_write(p, _("Klasser och regler"), plan_columns, archivist ? 8 : 7, plan);
	if (archivist) {
		html_f(&p->b, _("<h2>Lägg till eller ändra en regel</h2>"));
		view_action_form(&p->b, r, "/arkiv/plan", "form", p->org, "regel");
		html_f(&p->b, _("<p><label for=\"regel-klass\">Klass</label><select id=\"regel-klass\" name=\"klass\">"));
		json_array_foreach(classes, i, o) {
			char label[300];
			snprintf(label, sizeof label, "%s %s", view_str(o, "code"), view_str(o, "title"));
			html_option(&p->b, view_str(o, "code"), label, NULL);
		}
		html_f(&p->b, "</select></p>");
		view_input(&p->b, "regel-typ", "handlingstyp", _("Handlingstyp (tomt: hela klassen)"), "text", NULL, 0);
		html_f(&p->b, _("<p><label for=\"regel-atgard\">Åtgärd</label><select id=\"regel-atgard\" name=\"regel\">"));
		html_options(&p->b, NULL, "bevaras", _("Bevaras"), "gallras", _("Gallras"), NULL);
		html_f(&p->b, "</select></p>");
		view_input(&p->b, "regel-frist", "frist", _("Gallringsfrist i år (vid gallring)"), "number", NULL, 0);
		view_input(&p->b, "regel-beslut", "beslut", _("Beslut eller lagrum, t.ex. KF 2025-03-12 § 45"), "text", NULL, 0);
		html_f(&p->b, _("<p><label for=\"regel-reg\">Registreringen vid gallring</label>"
		       "<select id=\"regel-reg\" name=\"registrering\">"));
		html_options(&p->b, NULL, "ja", _("Behålls med anteckning om gallring"),
		             "nej", _("Rensas (numret finns kvar)"), NULL);
		html_f(&p->b, _("</select></p><p><button type=\"submit\">Spara regeln</button></p></form>\n"
		       "<h2>Ny klass i klassificeringsstrukturen</h2>"));
		view_action_form(&p->b, r, "/arkiv/plan", "form", p->org, "klass");
		view_input(&p->b, "klass-kod", "kod", _("Kod (t.ex. 3.2.1)"), "text", NULL, 1);
		view_input(&p->b, "klass-namn", "namn", _("Benämning"), "text", NULL, 1);
		html_f(&p->b, _("<p><button type=\"submit\">Lägg till klassen</button></p></form>\n"
		       "<h2>Läs in planen från CSV</h2><p>Filen ersätter alla regler. Kolumner: klass;benämning;"
		       "handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering (UTF-8, semikolon, rubrikrad). "
		       "En felaktig rad stoppar hela inläsningen.</p>"
		       "<form method=\"post\" action=\"/arkiv/plan\" enctype=\"multipart/form-data\" class=\"form\">"));
		view_form_fields(&p->b, r, p->org);
		view_hidden(&p->b, "atgard", "import");
		html_f(&p->b, _("<p><label for=\"plan-fil\">CSV-fil</label><input id=\"plan-fil\" name=\"fil\" type=\"file\" "
		       "accept=\".csv,text/csv\" required></p><p><button type=\"submit\">Läs in</button></p></form>\n"));
	}
	return page_close(p);
}

static int do_rule(page *p)
{
	request *r = p->r;
	retention_rule_in in = { .class_code = req_form(r, "klass"), .doc_type = req_form(r, "handlingstyp"),
	                         .action = req_form(r, "regel"), .years = req_form(r, "frist"),
	                         .decision = req_form(r, "beslut"), .keep_registration = req_form(r, "registrering") };
	/* The form always sends the registry choice; it only matters for gallras. */
	if (in.action && strcmp(in.action, "gallras"))
		in.keep_registration = NULL;
	return retention_rule_set(r->k, p->org_id, &in, &p->e);
}

static int do_class(page *p)
{
	return class_add(p->r->k, p->org_id, req_str(p->r, "kod"), req_str(p->r, "namn"), &p->e);
}

static int do_remove_rule(page *p)
{
	return retention_rule_remove(p->r->k, p->org_id, req_str(p->r, "klass"), req_form(p->r, "handlingstyp"), &p->e);
}

static const struct page_action plan_actions[] = {
	{ "regel", do_rule, N_("Regeln är sparad.") },
	{ "klass", do_class, N_("Klassen är tillagd.") },
	{ "ta-bort", do_remove_rule, N_("Regeln är borttagen.") },
};

/* PAGE: POST /arkiv/plan  access: staff */
enum MHD_Result page_archive_plan_post(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	/* The plan's file: its own answers for a missing or unreadable file. */
	if (!strcmp(req_str(r, "atgard"), "import")) {
		buf data = BUF_INIT;
		if (view_csv_upload(r, "fil", &data, &ret))
			return ret;
		int rules;
		int rc = retention_import_csv(r->k, p->org_id, data.s, data.len, &rules, &p->e);
		buf_free(&data);
		if (rc)
			return page_fail_p(p);
		snprintf(p->msg, sizeof p->msg, _("Planen är inläst: %d regler."), rules);
		return page_redirect_done(p, "/arkiv/plan", NULL, NULL, p->msg);
	}
	if (page_act(p, PAGE_ACTIONS(plan_actions), &ret))
		return ret;
	return page_redirect_done(p, "/arkiv/plan", NULL, NULL, p->done);
}

static const struct column run_record_columns[] = {
	COL(N_("Nummer"), CELL_RECORD, "number"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL(N_("Klass"), CELL_TEXT, "class"), COL(N_("Handlingstyp"), CELL_TEXT, "doc_type"),
	COL(N_("Gallringsbar från"), CELL_TEXT, "due"), COL(N_("Beslut"), CELL_TEXT, "decision"),
	COL_CUSTOM(N_("Registreringen"), keep_cell),
	COL_WORDS(N_("Utfall"), "outcome", outcome_sv),
};

/* PAGE: GET /arkiv/gallring  access: staff */
enum MHD_Result page_disposal(page *p)
{
	request *r = p->r;
	int64_t id, pageno = 1;
	int rc = req_int(r, "id", 1, INT64_MAX, &id, &p->e);
	if (rc == REQ_ABSENT)
		return page_error(p, 400, N_("Ange vilken gallring (id)."));
	if (rc || req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	json_t *run = page_own(p, disposal_show(r->k, p->org_id, id, &p->e));
	json_t *settings = run ? page_own(p, retention_settings(r->k, p->org_id, &p->e)) : NULL;
	json_t *series = settings ? page_own(p, org_setup_list(r->k, p->org_id, "series", &p->e)) : NULL;
	if (!series)
		return page_fail_p(p);
	long long nr = (long long)json_integer_value(json_object_get(run, "id"));
	char title[64], idtext[24];
	snprintf(title, sizeof title, _("Gallring %lld"), nr);
	snprintf(idtext, sizeof idtext, "%lld", nr);
	const char *status = view_str(run, "status");
	page_begin(p, title);
	html_f(&p->b, "<h1>%s</h1>\n", title);
	view_flash(&p->b, r);
	html_f(&p->b, _("<dl class=\"meta\"><dt>Status</dt><dd>%s</dd><dt>Underlag per</dt><dd>"
	       "%s</dd><dt>Föreslagen</dt><dd>%s av %s</dd><dt>Godkänd</dt><dd>"), run_status_sv(status),
	       view_str(run, "as_of"), view_str(run, "proposed"), view_str(run, "proposed_by"));
	if (view_str(run, "approved")) {
		html_f(&p->b, _("%s av %s"), view_str(run, "approved"), view_str(run, "approved_by"));
	} else
		html_f(&p->b, "–");
	html_f(&p->b, _("</dd><dt>Verkställd</dt><dd>"));
	if (view_str(run, "executed")) {
		html_f(&p->b, _("%s av %s"), view_str(run, "executed"), view_str(run, "executed_by"));
	} else
		html_f(&p->b, "–");
	html_f(&p->b, _("</dd><dt>Gallringsrapport</dt><dd>"));
	if (view_str(run, "report")) {
		view_number_link(&p->b, "handling", p->org, view_str(run, "report"));
	} else
		html_f(&p->b, "–");
	html_f(&p->b, "</dd></dl>\n");
	const char *why = !strcmp(status, "proposed") ? disposal_approve_hindrance(r->k, p->org_id, id, &p->e) : NULL;
	if (why && !strcmp(why, "unreadable"))
		return page_fail_p(p);
	if (!strcmp(status, "proposed") && !why) {
		view_action_form(&p->b, r, "/arkiv/gallring", "form", p->org, "godkann");
		view_hidden(&p->b, "id", idtext);
		html_f(&p->b, _("<p><button type=\"submit\">Godkänn gallringen</button></p><p class=\"muted\">"
		       "Den som föreslog gallringen kan inte godkänna den.</p></form>\n"));
	} else if (!strcmp(status, "proposed")) {
		html_f(&p->b, _("<div class=\"refused\"><p><strong>Godkänn gallringen</strong></p><p>%s</p></div>\n"),
		       !strcmp(why, "own_run") ? _("Du föreslog gallringen. En annan arkivarie ska godkänna den (fyra ögon).")
		       : !strcmp(why, "no_right") ? _("Bara en arkivarie kan godkänna en gallring.")
		       : _("Gallringen kan inte godkännas av dig."));
	} else if (!strcmp(status, "approved")) {
		view_action_form(&p->b, r, "/arkiv/gallring", "form", p->org, "verkstall");
		view_hidden(&p->b, "id", idtext);
		html_f(&p->b, _("<p><label for=\"verkstall-serie\">Serie för gallringsrapporten</label>"
		       "<select id=\"verkstall-serie\" name=\"serie\">"));
		view_options(&p->b, series, "prefix", "name", view_str(settings, "report_series"));
		html_f(&p->b, _("</select></p><p><button type=\"submit\">Verkställ gallringen</button></p><p class=\"muted\">"
		       "Innehåll och filer förstörs och kan inte återskapas.</p></form>\n"));
	}
	if (view_str(run, "cancelled")) {
		html_f(&p->b, _("<p>Avbruten %s av %s: %s</p>\n"), view_str(run, "cancelled"), view_str(run, "cancelled_by"),
		       view_str(run, "cancel_reason"));
	}
	if (!strcmp(status, "proposed") || !strcmp(status, "approved")) {
		view_action_form(&p->b, r, "/arkiv/gallring", "form", p->org, "avbryt");
		view_hidden(&p->b, "id", idtext);
		html_f(&p->b, _("<fieldset><legend>Avbryt gallringen</legend>"));
		view_input(&p->b, "avbryt-skal", "skal", _("Skäl"), "text", NULL, 1);
		html_f(&p->b, _("<p><button type=\"submit\">Avbryt gallringen</button></p></fieldset></form>\n"));
	}
	json_t *records = json_object_get(run, "records");
	table_write(p, _("Handlingar i gallringen"), COLUMNS(run_record_columns),
	            page_own(p, table_page_rows(records, (long)pageno, ARCHIVE_PAGE_ROWS, 0)));
	static const char *const keys[] = { "org", "id" };
	view_pager(&p->b, "/arkiv/gallring", (long)pageno, ARCHIVE_PAGE_ROWS, (long long)json_array_size(records),
	           page_kept_query(p, PAGE_KEYS(keys)));
	html_f(&p->b, _("<p><a href=\"/arkiv?org=%-s\">Till arkivet</a></p>\n"), p->org);
	return page_close(p);
}

/* The actions on the disposal run numbered *(int64_t *)p->ctx. */
static int do_approve(page *p)
{
	return disposal_approve(p->r->k, p->org_id, *(const int64_t *)p->ctx, &p->e);
}

static int do_cancel(page *p)
{
	return disposal_cancel(p->r->k, p->org_id, *(const int64_t *)p->ctx, req_form(p->r, "skal"), &p->e);
}

static int do_execute(page *p)
{
	json_t *res = disposal_execute(p->r->k, p->org_id, *(const int64_t *)p->ctx, req_form(p->r, "serie"), &p->e);
	if (!res)
		return p->e.code;
	snprintf(p->msg, sizeof p->msg, _("Gallringen är verkställd: %lld handlingar gallrade, rapport %s."),
	         (long long)json_integer_value(json_object_get(res, "disposed")),
	         json_string_value(json_object_get(res, "report")));
	p->done = p->msg;
	json_decref(res);
	return 0;
}

static const struct page_action disposal_actions[] = {
	{ "godkann", do_approve, N_("Gallringen är godkänd.") },
	{ "avbryt", do_cancel, N_("Gallringen är avbruten.") },
	{ "verkstall", do_execute, NULL },
};

/* PAGE: POST /arkiv/gallring  access: staff */
enum MHD_Result page_disposal_post(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	int64_t run_id;
	int rc = req_int(r, "id", 1, INT64_MAX, &run_id, &p->e);
	if (!req_form(r, "atgard") || rc == REQ_ABSENT)
		return page_error(p, 400, N_("Uppgifter saknas."));
	if (rc)
		return page_bad_param(p);
	p->ctx = &run_id;
	if (page_act(p, PAGE_ACTIONS(disposal_actions), &ret))
		return ret;
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)run_id);
	return page_redirect_done(p, "/arkiv/gallring", "id", idtext, p->done);
}
