/*
 * page_reminders.c — reminders (bevakningar): the list with its filters
 * (mine, my units', overdue, done), setting one, marking one done or
 * moving it with a reason, and one reminder with its history in words.
 * What a reader may see is core/reminder.c's to decide.
 */
#include <stdio.h>
#include <string.h>

#include "core/reminder.h"
#include "web/history.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/table.h"
#include "web/view.h"

/* Reminders shown on one page of the list. */
#define REMINDERS_PER_PAGE 50

/* The list's filters as the page names them (?visa=), in core's order. */
static const char *const shown[] = { "", "mina", "enhet", "forsenade", "klara" };

static const char *status_words(const char *s)
{
	return !strcmp(s, "done") ? _("Klar") : _("Öppen");
}

static void due_cell(page *p, json_t *m)
{
	html_f(&p->b, "<td>%s", view_str(m, "due_date"));
	if (json_is_true(json_object_get(m, "overdue")))
		html_f(&p->b, _(" <span class=\"tag closed\">försenad</span>"));
	html_f(&p->b, "</td>");
}

static void assignee_cell(page *p, json_t *m)
{
	json_t *who = json_object_get(m, "assignee");
	html_f(&p->b, json_object_get(who, "unit") ? _("<td>%s (enhet)</td>") : "<td>%s</td>", view_str(who, "name"));
}

static void id_cell(page *p, json_t *m)
{
	html_f(&p->b, "<td><a href=\"/bevakning?org=%-s&amp;id=%lld\">%lld</a></td>", p->org,
	       (long long)json_integer_value(json_object_get(m, "id")), (long long)json_integer_value(json_object_get(m, "id")));
}

/* Done and move, for an open reminder. */
static void action_cell(page *p, json_t *m)
{
	long long id = (long long)json_integer_value(json_object_get(m, "id"));
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", id);
	html_f(&p->b, "<td>");
	if (!strcmp(view_str(m, "status"), "open")) {
		view_action_form(&p->b, p->r, "/bevakningar", "inline", p->org, "klar");
		view_hidden(&p->b, "id", idtext);
		html_f(&p->b, _("<button type=\"submit\">Klar</button></form>"));
		view_action_form(&p->b, p->r, "/bevakningar", "inline", p->org, "flytta");
		view_hidden(&p->b, "id", idtext);
		html_f(&p->b, _("<label for=\"bevakning-%lld\">Ny dag</label><input id=\"bevakning-%lld\" name=\"bevakning\" "
		       "type=\"date\" required><label for=\"skal-%lld\">Skäl</label><input id=\"skal-%lld\" name=\"skal\" "
		       "required><button type=\"submit\">Flytta</button></form>"), id, id, id, id);
	}
	html_f(&p->b, "</td>");
}

static const struct column columns[] = {
	COL_CUSTOM(N_("Nr"), id_cell), COL_CUSTOM(N_("Förfallodag"), due_cell), COL(N_("Ärende"), CELL_CASE, "case"),
	COL(N_("Handling"), CELL_RECORD, "record"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL_CUSTOM(N_("Till"), assignee_cell), COL(N_("Anteckning"), CELL_TEXT, "note"),
	COL_WORDS(N_("Status"), "status", status_words), COL_CUSTOM(N_("Åtgärd"), action_cell),
};

static void add_form(page *p)
{
	html_f(&p->b, _("<h2>Ny bevakning</h2>\n"));
	view_action_form(&p->b, p->r, "/bevakningar", "form", p->org, "ny");
	html_f(&p->b, _("<p><label for=\"arende\">Ärende eller handling</label><input id=\"arende\" name=\"arende\" "
	       "placeholder=\"KS 2026/0042\" required></p>"
	       "<p><label for=\"anvandare\">Till användare</label><input id=\"anvandare\" name=\"anvandare\"></p>"
	       "<p><label for=\"enhet\">eller till enhet (kod)</label><input id=\"enhet\" name=\"enhet\"></p>"
	       "<p><label for=\"bevakning\">Förfallodag</label><input id=\"bevakning\" name=\"bevakning\" type=\"date\" "
	       "required></p><p><label for=\"anteckning\">Anteckning</label><textarea id=\"anteckning\" "
	       "name=\"anteckning\" rows=\"3\" required></textarea></p>"
	       "<p><button type=\"submit\">Lägg till bevakning</button></p></form>\n"));
}

/* PAGE: GET /bevakningar  access: staff */
enum MHD_Result page_reminders(page *p)
{
	request *r = p->r;
	int64_t pageno = 1, total = 0;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	const char *visa = req_str(r, "visa");
	size_t which = 0;
	while (which < sizeof shown / sizeof shown[0] && strcmp(shown[which], visa))
		which++;
	if (which == sizeof shown / sizeof shown[0])
		return page_error(p, 400, N_("Okänt urval av bevakningar."));
	json_t *list = page_own(p, reminder_list(r->k, p->org_id, (reminder_which)which, REMINDERS_PER_PAGE,
	                                         (int)((pageno - 1) * REMINDERS_PER_PAGE), &total, &p->e));
	if (!list)
		return page_fail_p(p);
	page_begin(p, _("Bevakningar"));
	html_f(&p->b, _("<h1>Bevakningar</h1>\n"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<form method=\"get\" action=\"/bevakningar\" class=\"filters\" aria-label=\"Välj bevakningar\">"));
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"visa\">Visa</label><select id=\"visa\" name=\"visa\">"));
	html_options(&p->b, visa, "", _("Alla öppna"), "mina", _("Mina"), "enhet", _("Mina enheters"), "forsenade",
	             _("Försenade"), "klara", _("Klara"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Visa</button></p></form>\n<p>%lld bevakningar.</p>\n"),
	       (long long)total);
	table_write(p, _("Bevakningar"), COLUMNS(columns), list);
	static const char *const keys[] = { "org", "visa" };
	view_pager(&p->b, "/bevakningar", (long)pageno, REMINDERS_PER_PAGE, (long long)total,
	           page_kept_query(p, PAGE_KEYS(keys)));
	add_form(p);
	return page_close(p);
}

static int do_add(page *p)
{
	request *r = p->r;
	reminder_new n = { .target = req_form(r, "arende"), .user = req_form(r, "anvandare"),
	                   .unit = req_form(r, "enhet"), .due = req_form(r, "bevakning"), .note = req_form(r, "anteckning") };
	int64_t id;
	return reminder_add(r->k, p->org_id, &n, &id, &p->e);
}

/* The reminder the form names, or 0 with p->e set. */
static int64_t form_id(page *p)
{
	int64_t id = 0;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return 0;
	return id;
}

static int do_done(page *p)
{
	int64_t id = form_id(p);
	return id ? reminder_done(p->r->k, p->org_id, id, &p->e) : kerr_set(&p->e, KERR_INVALID, "no reminder");
}

static int do_move(page *p)
{
	int64_t id = form_id(p);
	if (!id)
		return kerr_set(&p->e, KERR_INVALID, "no reminder");
	return reminder_move(p->r->k, p->org_id, id, req_form(p->r, "bevakning"), req_form(p->r, "skal"), &p->e);
}

/* PAGE: POST /bevakningar  access: staff */
enum MHD_Result page_reminder_act(page *p)
{
	static const struct page_action actions[] = {
		{ "ny", do_add, N_("Bevakningen är tillagd.") },
		{ "klar", do_done, N_("Bevakningen är markerad som klar.") },
		{ "flytta", do_move, N_("Bevakningen är flyttad.") },
	};
	enum MHD_Result ret;
	if (page_act(p, PAGE_ACTIONS(actions), &ret))
		return ret;
	return page_redirect_done(p, "/bevakningar", NULL, NULL, p->done);
}

/* One step of the history as a sentence. */
static void history_line(page *p, json_t *h)
{
	const char *action = view_str(h, "action"), *who = view_str(h, "actor");
	html_f(&p->b, "<li>%s ", view_str(h, "time"));
	if (!strcmp(action, "add"))
		html_f(&p->b, _("Bevakningen lades till med förfallodag %s av %s."), view_str(h, "due"), who);
	else if (!strcmp(action, "move"))
		html_f(&p->b, _("Bevakningen flyttades från %s till %s av %s. Skäl: %s"), view_str(h, "from"),
		       view_str(h, "to"), who, view_str(h, "reason"));
	else if (!strcmp(action, "done"))
		html_f(&p->b, _("Bevakningen markerades som klar av %s."), who);
	else if (!strcmp(action, "mail"))
		html_f(&p->b, _("En påminnelse om förfallodagen %s skickades med e-post till %s."), view_str(h, "due"),
		       view_str(h, "recipient"));
	html_f(&p->b, "</li>");
}

/* PAGE: GET /bevakning  access: staff */
enum MHD_Result page_reminder(page *p)
{
	request *r = p->r;
	int64_t id;
	int rc = req_int(r, "id", 1, INT64_MAX, &id, &p->e);
	if (rc == REQ_ABSENT)
		return page_error(p, 400, N_("Bevakning saknas."));
	if (rc)
		return page_bad_param(p);
	json_t *m = page_own(p, reminder_show(r->k, p->org_id, id, &p->e));
	if (!m)
		return page_fail_p(p);
	char heading[64];
	snprintf(heading, sizeof heading, _("Bevakning %lld"), (long long)id);
	page_begin(p, heading);
	html_f(&p->b, "<h1>%s</h1>\n<dl class=\"meta\">", heading);
	html_f(&p->b, _("<dt>Ärende</dt><dd><a href=\"/arende?org=%-s&amp;nr=%-s\">%s</a> %s</dd>"), p->org,
	       view_str(m, "case"), view_str(m, "case"), view_str(m, "title"));
	if (json_object_get(m, "record"))
		html_f(&p->b, _("<dt>Handling</dt><dd><a href=\"/handling?org=%-s&amp;nr=%-s\">%s</a></dd>"), p->org,
		       view_str(m, "record"), view_str(m, "record"));
	view_meta(&p->b, _("Till"), view_str(json_object_get(m, "assignee"), "name"));
	view_meta(&p->b, _("Förfallodag"), view_str(m, "due_date"));
	view_meta(&p->b, _("Anteckning"), view_str(m, "note"));
	view_meta(&p->b, _("Status"), status_words(view_str(m, "status")));
	html_f(&p->b, _("</dl>\n<h2>Historik</h2>\n<ol class=\"history\">"));
	size_t i;
	json_t *h;
	json_array_foreach(json_object_get(m, "history"), i, h)
		history_line(p, h);
	html_f(&p->b, _("</ol>\n<p><a href=\"/bevakningar?org=%-s\">Alla bevakningar</a></p>\n"), p->org);
	return page_close(p);
}
