/*
 * case_actions.c — the case page's actions, grouped and offered only when
 * possible, and the confirmation step of decide, close and reopen; see
 * case_actions.h. The actions themselves run in page_cases.c.
 */
#include "web/case_actions.h"

#include <string.h>

#include "core/appeal.h"
#include "core/archive.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/casenext.h"
#include "util/timeutil.h"
#include "web/html.h"
#include "web/view.h"

/* What stands in the way of an action (casenext.h's codes), in words. */
static const char *hindrance_sv(const char *code)
{
	return !strcmp(code, "no_right") ? _("Din roll ger inte rätt att arbeta med ärenden här.")
		: !strcmp(code, "decided") ? _("Ärendet är redan beslutat.")
		: !strcmp(code, "closed") ? _("Ärendet är avslutat. Återöppna det först.")
		: !strcmp(code, "not_closed") ? _("Bara ett avslutat ärende kan återöppnas.")
		: _("Det går inte just nu.");
}

/* A group of actions behind a disclosure widget; the summary names it. */
static void group_begin(page *p, const char *id, const char *summary, int open)
{
	html_f(&p->b, open ? "<details class=\"action-group\" id=\"%s\" open><summary>%s</summary><div class=\"group\">"
	                   : "<details class=\"action-group\" id=\"%s\"><summary>%s</summary><div class=\"group\">",
	       id, summary);
}

static void group_end(page *p)
{
	html_f(&p->b, "</div></details>\n");
}

/* One action's form: the fieldset up to its fields (written by the
 * caller), and its end with the button. */
static void action_begin(page *p, const char *num, const char *action, const char *legend)
{
	html_f(&p->b, "<form method=\"post\" action=\"/arende\"><fieldset><legend>%s</legend>", legend);
	view_form_fields(&p->b, p->r, p->org);
	view_hidden(&p->b, "nr", num);
	view_hidden(&p->b, "atgard", action);
}

static void action_end(page *p, const char *button)
{
	html_f(&p->b, "<p><button type=\"submit\">%s</button></p></fieldset></form>\n", button);
}

/* An action that is not possible now: its name and why, instead of a button. */
static void action_refused(page *p, const char *legend, const char *code)
{
	html_f(&p->b, "<div class=\"refused\"><p><strong>%s</strong></p><p>%s</p></div>\n", legend, hindrance_sv(code));
}

/* The officer: chosen among the users who may work the case; the
 * officer the case has now stays a choice even when no longer among them. */
static void officer_form(page *p, json_t *c, const char *num)
{
	const char *current = view_str(c, "officer");
	kerr e = KERR_INIT;
	json_t *users = page_own(p, case_officer_choices(p->r->k, p->org_id, num, &e));
	action_begin(p, num, "tilldela", _("Handläggare"));
	html_f(&p->b, _("<p><label for=\"handlaggare\">Handläggare</label><select id=\"handlaggare\" name=\"handlaggare\" "
	       "required>"));
	html_option(&p->b, "", _("Välj handläggare"), current);
	int listed = 0;
	size_t i;
	json_t *u;
	json_array_foreach(users, i, u) {
		const char *name = view_str(u, "username");
		listed |= current && !strcmp(current, name);
		html_f(&p->b, current && !strcmp(current, name) ? "<option value=\"%s\" selected>%s (%s)</option>"
		                                                 : "<option value=\"%s\">%s (%s)</option>",
		       name, view_str(u, "full_name"), name);
	}
	if (current && !listed)
		html_f(&p->b, "<option value=\"%s\" selected>%s</option>", current, current);
	html_f(&p->b, "</select></p>");
	if (!users)
		html_f(&p->b, _("<p class=\"error\">Listan över handläggare kunde inte läsas.</p>"));
	action_end(p, _("Tilldela"));
}

/* Decide, ready for a board, close or reopen, and delivery to the archive. */
static int status_group(page *p, json_t *c, const char *num)
{
	kansli *k = p->r->k;
	const char *status = view_str(c, "status");
	const char *why;
	group_begin(p, "status-och-beslut", _("Status och beslut"), 0);
	if (!(why = case_act_hindrance(k, p->org_id, status, CASE_ACT_DECIDE))) {
		action_begin(p, num, "besluta", _("Markera som beslutat"));
		html_f(&p->b, _("<p class=\"muted\">Du får bekräfta innan något ändras.</p>"));
		action_end(p, _("Beslutat"));
	} else
		action_refused(p, _("Markera som beslutat"), why);
	json_t *boards = NULL;
	if (!strcmp(status, "open") && !(boards = page_own(p, board_list(k, p->org_id, &p->e))))
		return p->e.code ? p->e.code : KERR_INTERNAL; /* a list cut short is not "no boards" */
	if (json_array_size(boards)) {
		action_begin(p, num, "redo", _("Klart för beslut i nämnd"));
		html_f(&p->b, _("<p><label for=\"redo-namnd\">Nämnd</label><select id=\"redo-namnd\" name=\"namnd\">"));
		html_option(&p->b, "", _("Inte klart för beslut"), NULL);
		view_options(&p->b, boards, "code", "name", NULL);
		html_f(&p->b, "</select></p>");
		action_end(p, _("Spara"));
	}
	if (!case_act_hindrance(k, p->org_id, status, CASE_ACT_CLOSE)) {
		action_begin(p, num, "avsluta", _("Avsluta ärendet"));
		html_f(&p->b, _("<p class=\"muted\">Du får bekräfta innan något ändras.</p>"));
		action_end(p, _("Avsluta"));
	} else if (!(why = case_act_hindrance(k, p->org_id, status, CASE_ACT_REOPEN))) {
		action_begin(p, num, "ateroppna", _("Återöppna ärendet"));
		html_f(&p->b, _("<p><label for=\"skal\">Skäl</label><input id=\"skal\" name=\"skal\" required></p>"));
		action_end(p, _("Återöppna"));
	} else
		action_refused(p, _("Avsluta eller återöppna"), why);
	group_end(p);
	return 0;
}

/* A closed case goes to the e-archive from here, for archivists; the
 * group is open, as it is the one thing an archivist comes to do here. */
static int archive_group(page *p, json_t *c, const char *num)
{
	if (strcmp(view_str(c, "status"), "closed"))
		return 0;
	int may = archive_may_export(p->r->k, p->org_id, &p->e);
	if (may <= 0)
		return may;
	group_begin(p, "e-arkiv", _("E-arkiv"), 1);
	html_f(&p->b, _("<form method=\"post\" action=\"/arkiv/leverans\"><fieldset><legend>Leverera till "
	       "e-arkivet</legend>"));
	view_form_fields(&p->b, p->r, p->org);
	view_hidden(&p->b, "arende", num);
	html_f(&p->b, _("<p><label for=\"leveransformat\">Format</label><select id=\"leveransformat\" "
	       "name=\"format\"><option value=\"zip\" selected>ZIP</option><option value=\"tar\">TAR"
	       "</option></select></p><p><button type=\"submit\">Ladda ned arkivpaket</button></p>"
	       "</fieldset></form>\n"));
	group_end(p);
	return 0;
}

int case_actions_section(page *p, json_t *c, const char *num, int prot, int title_open)
{
	const char *why = case_act_hindrance(p->r->k, p->org_id, view_str(c, "status"), CASE_ACT_WORK);
	if (why) {
		/* a reader (or an archivist) sees why there is nothing to do here;
		 * an archivist may still deliver a closed case */
		html_f(&p->b, "<p class=\"muted\">%s</p>\n<div class=\"actions\">\n", hindrance_sv(why));
		int rc = archive_group(p, c, num);
		html_f(&p->b, "</div>\n");
		return rc;
	}
	html_f(&p->b, "<div class=\"actions\">\n");
	group_begin(p, "handlaggare-och-bevakning", _("Handläggare och bevakning"), 0);
	officer_form(p, c, num);
	action_begin(p, num, "bevaka", _("Sätt bevakningsdatum"));
	html_f(&p->b, _("<p><label for=\"bevakning\">Datum</label><input id=\"bevakning\" name=\"bevakning\" "
	       "type=\"date\" value=\"%s\" required></p>"), view_str(c, "due_date"));
	action_end(p, _("Spara"));
	group_end(p);
	int rc = status_group(p, c, num);
	if (rc)
		return rc;
	group_begin(p, "anteckning-och-koppling", _("Anteckning och koppling"), 0);
	action_begin(p, num, "anteckna", _("Skriv en anteckning"));
	html_f(&p->b, _("<p><label for=\"anteckning\">Anteckning</label><textarea id=\"anteckning\" "
	       "name=\"anteckning\" rows=\"3\" required></textarea></p>"));
	action_end(p, _("Spara anteckning"));
	action_begin(p, num, "koppla", _("Koppla till ärende"));
	html_f(&p->b, _("<p><label for=\"koppla\">Diarienummer</label><input id=\"koppla\" name=\"koppla\" required></p>"));
	action_end(p, _("Koppla"));
	group_end(p);
	/* The title and the public title (skyddad ärendemening); a reader who
	 * sees only the public title is not shown the full one to edit. */
	int full_shown = !prot || view_str(c, "public_title");
	group_begin(p, "skydda-rubrik", _("Rubrik och offentlig rubrik"), title_open);
	action_begin(p, num, "rubrik", _("Rätta rubrik eller skydda ärendemeningen"));
	html_f(&p->b, _("<p><label for=\"ny-rubrik\">Rubrik</label><input id=\"ny-rubrik\" name=\"rubrik\" value=\"%s\">"
	       "</p><p><label for=\"offentlig-rubrik\">Offentlig rubrik</label><input id=\"offentlig-rubrik\" "
	       "name=\"offentlig_rubrik\" value=\"%s\"></p><p><input type=\"checkbox\" id=\"ingen-offentlig\" "
	       "name=\"ingen_offentlig\" value=\"1\"><label for=\"ingen-offentlig\">Ta bort den offentliga rubriken "
	       "(rubriken är offentlig)</label></p><p><label for=\"rubrik-skal\">Skäl</label><input id=\"rubrik-skal\" "
	       "name=\"skal\" required></p>"),
	       full_shown ? view_str(c, "title") : "", full_shown && prot ? view_str(c, "public_title") : "");
	action_end(p, _("Spara rubrik"));
	group_end(p);
	rc = archive_group(p, c, num);
	html_f(&p->b, "</div>\n");
	return rc;
}

/* The actions that change a case's status ask first: what is asked, what
 * follows, and the button that does it. */
static const struct confirmation {
	const char *action, *question, *consequence, *button;
} confirmations[] = {
	{ "besluta", N_("Markera ärendet som beslutat?"),
	  N_("Ärendets status blir Beslutat. Ändringen står i ärendets historik."), N_("Ja, markera som beslutat") },
	{ "avsluta", N_("Avsluta ärendet?"),
	  N_("Ärendet stängs och gallringsfristerna räknas från i dag. Ett avslutat ärende kan återöppnas med ett skäl."),
	  N_("Ja, avsluta ärendet") },
	{ "ateroppna", N_("Återöppna ärendet?"),
	  N_("Ärendet blir öppet igen och skälet står i ärendets historik."), N_("Ja, återöppna ärendet") },
};

int case_action_confirm(page *p, const char *num, enum MHD_Result *ret)
{
	const char *action = req_str(p->r, "atgard");
	const struct confirmation *cf = NULL;
	for (size_t i = 0; i < sizeof confirmations / sizeof confirmations[0]; i++)
		if (!strcmp(action, confirmations[i].action))
			cf = &confirmations[i];
	if (!cf || !strcmp(req_str(p->r, "bekrafta"), "ja"))
		return 0;
	int64_t id;
	if (case_find(p->r->k, p->org_id, num, &id, &p->e)) {
		*ret = page_fail_p(p);
		return 1;
	}
	/* Closing while the decision can still be appealed is said, and the
	 * form then confirms that too. */
	char appeal_end[11] = "", today[11];
	time_today(today);
	int rc = !strcmp(cf->action, "avsluta") ? appeal_running(p->r->k, id, today, appeal_end, &p->e) : 0;
	if (rc < 0) {
		*ret = page_fail_p(p);
		return 1;
	}
	page_begin(p, _(cf->question));
	html_f(&p->b, _("<h1>%s</h1>\n<p>Ärende <a href=\"/arende?org=%-s&amp;nr=%-s\">%s</a>.</p>\n<p>%s</p>\n"),
	       _(cf->question), p->org, num, num, _(cf->consequence));
	if (rc)
		html_f(&p->b, _("<p class=\"warning\">Beslutet i ärendet kan överklagas till och med %s. "
		       "Ett överklagande kan ändra beslutet efter att ärendet avslutats.</p>\n"), appeal_end);
	view_form_begin(&p->b, p->r, "/arende", "form confirm", p->org);
	view_hidden(&p->b, "nr", num);
	view_hidden(&p->b, "atgard", cf->action);
	view_hidden(&p->b, "bekrafta", "ja");
	if (rc)
		view_hidden(&p->b, "overklagande", "ja");
	if (!strcmp(cf->action, "ateroppna"))
		view_input(&p->b, "skal", "skal", _("Skäl"), "text", req_str(p->r, "skal"), 1);
	html_f(&p->b, _("<p><button type=\"submit\">%s</button> <a href=\"/arende?org=%-s&amp;nr=%-s\">Avbryt</a></p>"
	       "</form>\n"), _(cf->button), p->org, num);
	*ret = page_close(p);
	return 1;
}
