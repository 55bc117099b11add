/*
 * page_meetings.c — the committee secretary's pages: boards and members
 * (/namnder), meetings per board (/sammantraden), one meeting from agenda
 * to adjusted minutes and dispatch (/sammantrade), and delegated
 * decisions (/delegationsbeslut). Each POST does one core/ operation and
 * redirects back with what was done; core decides who may.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/delegation.h"
#include "core/meeting.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

static const char *kind_sv(const char *k)
{
	return !k ? "" : !strcmp(k, "fullmaktige") ? _("Fullmäktige") : !strcmp(k, "styrelse") ? _("Styrelse")
		: !strcmp(k, "namnd") ? _("Nämnd") : !strcmp(k, "utskott") ? _("Utskott") : k;
}

static const char *role_sv(const char *r)
{
	return !r ? "" : !strcmp(r, "ledamot") ? _("Ledamot") : !strcmp(r, "ersattare") ? _("Ersättare")
		: !strcmp(r, "sekreterare") ? _("Sekreterare") : r;
}

static const char *position_sv(const char *p)
{
	return !p ? "–" : !strcmp(p, "ordforande") ? _("Ordförande") : !strcmp(p, "vice_ordforande") ? _("Vice ordförande") : p;
}

static void int_text(char out[24], json_t *v)
{
	snprintf(out, 24, "%lld", (long long)json_integer_value(v));
}

/* --- /namnder --- */

static void member_form(buf *b, request *r, const char *org, const char *board, json_t *m)
{
	char idtxt[24] = "", pfx[64];
	if (m)
		int_text(idtxt, json_object_get(m, "id"));
	snprintf(pfx, sizeof pfx, "%s-%s", m ? "andra" : "ny", m ? idtxt : board);
	view_action_form(b, r, "/namnder", "form", org, m ? "andra" : "ledamot");
	html_f(b, "<fieldset><legend>");
	if (m) {
		html_f(b, _("Ändra %s"), view_str(m, "name"));
		view_hidden(b, "ledamot", idtxt);
	} else {
		html_f(b, _("Ny ledamot, ersättare eller sekreterare i %s"), board);
		view_hidden(b, "namnd", board);
	}
	html_f(b, "</legend>");
	char id[96];
	snprintf(id, sizeof id, "%s-namn", pfx);
	view_input(b, id, "namn", _("Namn"), "text", m ? view_str(m, "name") : NULL, 1);
	snprintf(id, sizeof id, "%s-parti", pfx);
	view_input(b, id, "parti", _("Parti"), "text", m ? view_str(m, "party") : NULL, 0);
	snprintf(id, sizeof id, "%s-roll", pfx);
	html_f(b, _("<p><label for=\"%s\">Roll</label><select id=\"%s\" name=\"roll\">"), id, id);
	const char *role = m ? view_str(m, "role") : NULL;
	html_options(b, role, "ledamot", _("Ledamot"), "ersattare", _("Ersättare"), "sekreterare", _("Sekreterare"), NULL);
	snprintf(id, sizeof id, "%s-uppdrag", pfx);
	html_f(b, _("</select></p><p><label for=\"%s\">Uppdrag</label><select id=\"%s\" name=\"uppdrag\">"), id, id);
	const char *pos = m ? (view_str(m, "position") ? view_str(m, "position") : "") : "";
	html_options(b, pos, "", _("Inget"), "ordforande", _("Ordförande"), "vice_ordforande", _("Vice ordförande"), NULL);
	html_f(b, "</select></p>");
	snprintf(id, sizeof id, "%s-fran", pfx);
	view_input(b, id, "fran", _("Mandatperiod från"), "date", m ? view_str(m, "term_from") : NULL, 1);
	snprintf(id, sizeof id, "%s-till", pfx);
	view_input(b, id, "till", _("Mandatperiod till"), "date", m ? view_str(m, "term_to") : NULL, 0);
	snprintf(id, sizeof id, "%s-konto", pfx);
	view_input(b, id, "konto", _("Användarkonto i kansli (för justering)"), "text", m ? view_str(m, "user") : NULL, 0);
	html_f(b, m ? _("<p><button type=\"submit\">Spara ändringen</button></p></fieldset></form>\n")
	            : _("<p><button type=\"submit\">Lägg till</button></p></fieldset></form>\n"));
}

/* A member's term, "FROM – TO" ("FROM – " while it runs). */
static void term_cell(page *p, json_t *m)
{
	html_f(&p->b, "<td>%s – %s</td>", view_str(m, "term_from"), view_str(m, "term_to"));
}

static void member_edit_cell(page *p, json_t *m)
{
	char id[24];
	int_text(id, json_object_get(m, "id"));
	html_f(&p->b, _("<td><a href=\"/namnder?org=%-s&amp;andra=%s\">Ändra <span class=\"visually-hidden\">%s"
	       "</span></a></td>"), p->org, id, view_str(m, "name"));
}

static const struct column board_columns[] = {
	COL(N_("Kod"), CELL_TEXT, "code"), COL(N_("Namn"), CELL_TEXT, "name"), COL_WORDS(N_("Typ"), "kind", kind_sv),
	COL(N_("Diarieserie"), CELL_TEXT, "series"), COL(N_("Nuvarande ledamöter och ersättare"), CELL_INT, "members"),
};
static const struct column member_columns[] = {
	COL(N_("Namn"), CELL_TEXT, "name"), COL(N_("Parti"), CELL_OR_DASH, "party"),
	COL_WORDS(N_("Roll"), "role", role_sv), COL_WORDS(N_("Uppdrag"), "position", position_sv),
	COL_CUSTOM(N_("Mandatperiod"), term_cell), COL(N_("Konto"), CELL_OR_DASH, "user"),
	COL(N_("Nu"), CELL_YES_NO, "current"), COL_CUSTOM(N_("Ändra"), member_edit_cell),
};

/* PAGE: GET /namnder  access: staff */
enum MHD_Result page_boards(page *p)
{
	request *r = p->r;
	int64_t edit = 0; /* the member whose form is open (?andra=ID) */
	if (req_int(r, "andra", 1, INT64_MAX, &edit, &p->e) < 0)
		return page_bad_param(p);
	json_t *list = page_own(p, board_list(r->k, p->org_id, &p->e));
	if (!list)
		return page_fail_p(p);
	page_begin(p, _("Nämnder"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<h1>Nämnder och styrelser</h1>\n"));
	table_write(p, _("Organisationens beslutande organ"), COLUMNS(board_columns), list);
	size_t i, j;
	json_t *bd, *m;
	json_array_foreach(list, i, bd) {
		json_t *full = board_show(r->k, p->org_id, view_str(bd, "code"), &p->e);
		if (!full) /* a board left out would be a page that lies */
			return page_fail_p(p);
		html_f(&p->b, "<h2>%s</h2>\n", view_str(full, "name"));
		buf caption = BUF_INIT;
		buf_printf(&caption, _("Ledamöter, ersättare och sekreterare i %s"),
		           view_str(full, "name") ? view_str(full, "name") : "");
		table_write(p, caption.s, COLUMNS(member_columns), json_object_get(full, "members"));
		buf_free(&caption);
		json_array_foreach(json_object_get(full, "members"), j, m)
			if (json_integer_value(json_object_get(m, "id")) == edit)
				member_form(&p->b, r, p->org, view_str(full, "code"), m);
		member_form(&p->b, r, p->org, view_str(full, "code"), NULL);
		json_decref(full);
	}
	html_f(&p->b, _("<h2>Ny nämnd</h2>\n"));
	view_action_form(&p->b, r, "/namnder", "form", p->org, "namnd");
	html_f(&p->b, _("<fieldset><legend>Lägg till nämnd eller styrelse</legend>"));
	view_input(&p->b, "namnd-kod", "kod", _("Kod (till exempel KS)"), "text", NULL, 1);
	view_input(&p->b, "namnd-namn", "namn", _("Namn"), "text", NULL, 1);
	html_f(&p->b, _("<p><label for=\"namnd-typ\">Typ</label><select id=\"namnd-typ\" name=\"typ\">"));
	html_options(&p->b, NULL, "namnd", _("Nämnd"), "styrelse", _("Styrelse"), "fullmaktige", _("Fullmäktige"),
	             "utskott", _("Utskott"), NULL);
	html_f(&p->b, "</select></p>");
	view_input(&p->b, "namnd-serie", "serie", _("Diarieserie för sammanträdenas handlingar"), "text", NULL, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Lägg till nämnd</button></p></fieldset></form>\n"));
	return page_close(p);
}

static const char *form_or_null(request *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v ? v : NULL;
}

static int do_board(page *p)
{
	request *r = p->r;
	return board_add(r->k, p->org_id, req_form(r, "kod"), req_form(r, "namn"), req_form(r, "typ"),
	                 req_form(r, "serie"), &p->e);
}

/* A member as the member form describes one. */
static board_member_new member_of(request *r)
{
	return (board_member_new){ .name = req_form(r, "namn"), .party = req_form(r, "parti"),
	                           .role = req_form(r, "roll"), .position = req_form(r, "uppdrag"),
	                           .term_from = form_or_null(r, "fran"), .term_to = req_form(r, "till"),
	                           .username = req_form(r, "konto") };
}

static int do_member_add(page *p)
{
	board_member_new m = member_of(p->r);
	int64_t id;
	return board_member_add(p->r->k, p->org_id, req_form(p->r, "namnd"), &m, &id, &p->e);
}

static int do_member_edit(page *p)
{
	board_member_new m = member_of(p->r);
	int64_t id;
	int rc = req_int(p->r, "ledamot", 1, INT64_MAX, &id, &p->e);
	if (rc == REQ_ABSENT)
		return kerr_set(&p->e, KERR_INVALID, "no member");
	if (rc)
		return rc;
	return board_member_edit(p->r->k, p->org_id, id, &m, &p->e);
}

static const struct page_action board_actions[] = {
	{ "namnd", do_board, N_("Nämnden är tillagd.") },
	{ "ledamot", do_member_add, N_("Ledamoten är tillagd.") },
	{ "andra", do_member_edit, N_("Ändringen är sparad.") },
};

/* PAGE: POST /namnder  access: staff */
enum MHD_Result page_boards_change(page *p)
{
	enum MHD_Result ret;
	if (page_act(p, PAGE_ACTIONS(board_actions), &ret))
		return ret;
	return page_redirect_done(p, "/namnder", NULL, NULL, p->done);
}

/* --- /sammantraden --- */

/* Meetings shown on one page of the list. */
#define MEETINGS_PER_PAGE 50

/* A meeting's date, linked to the meeting. */
static void meeting_date_cell(page *p, json_t *m)
{
	html_f(&p->b, "<td><a href=\"/sammantrade?org=%-s&amp;id=%lld\">%s</a></td>", p->org,
	       (long long)json_integer_value(json_object_get(m, "id")), view_str(m, "date"));
}

static const struct column meeting_columns[] = {
	COL_CUSTOM(N_("Datum"), meeting_date_cell), COL(N_("Tid"), CELL_TEXT, "time"),
	COL(N_("Nämnd"), CELL_TEXT, "board_name"), COL(N_("Plats"), CELL_TEXT, "place"),
	COL(N_("Status"), CELL_MEETING, "status"), COL(N_("Ärende"), CELL_CASE, "case"),
};

/* PAGE: GET /sammantraden  access: staff */
enum MHD_Result page_meetings(page *p)
{
	request *r = p->r;
	const char *board = req_query(r, "namnd");
	int64_t pageno = 1;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	int oldest = !strcmp(req_str(r, "sortera"), "aldst"); /* else the default, newest first */
	json_t *boards = page_own(p, board_list(r->k, p->org_id, &p->e));
	json_t *list = boards ? page_own(p, meeting_list(r->k, p->org_id, board, &p->e)) : NULL;
	if (!list)
		return page_fail_p(p);
	page_begin(p, _("Sammanträden"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<h1>Sammanträden</h1>\n<p><a href=\"/namnder?org="
	       "%-s\">Nämnder och ledamöter</a> · <a href=\"/delegationsbeslut?org="
	       "%-s\">Delegationsbeslut</a></p>\n<form method=\"get\" action=\"/sammantraden\" class=\"form\">"), p->org,
	       p->org);
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"filter-namnd\">Nämnd</label><select id=\"filter-namnd\" name=\"namnd\">"));
	html_option(&p->b, "", _("Alla"), board ? board : "");
	view_options(&p->b, boards, "code", "name", board ? board : "");
	size_t total = json_array_size(list);
	html_f(&p->b, _("</select></p><p><label for=\"sortera\">Sortera</label><select id=\"sortera\" name=\"sortera\">"));
	html_options(&p->b, oldest ? "aldst" : "nyast", "nyast", _("Senaste först"), "aldst", _("Äldsta först"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Visa</button></p></form>\n<p>%zu sammanträden.</p>\n"),
	       total);
	table_write(p, oldest ? _("Sammanträden, äldsta först") : _("Sammanträden, senaste först"),
	            COLUMNS(meeting_columns), page_own(p, table_page_rows(list, (long)pageno, MEETINGS_PER_PAGE, oldest)));
	static const char *const keys[] = { "org", "namnd", "sortera" };
	view_pager(&p->b, "/sammantraden", (long)pageno, MEETINGS_PER_PAGE, (long long)total,
	           page_kept_query(p, PAGE_KEYS(keys)));
	html_f(&p->b, _("<h2>Planera sammanträde</h2>\n"));
	view_action_form(&p->b, r, "/sammantraden", "form", p->org, "planera");
	html_f(&p->b, _("<fieldset><legend>Nytt sammanträde</legend><p><label for=\"ny-namnd\">Nämnd</label>"
	       "<select id=\"ny-namnd\" name=\"namnd\">"));
	view_options(&p->b, boards, "code", "name", board);
	html_f(&p->b, "</select></p>");
	view_input(&p->b, "ny-datum", "datum", _("Datum"), "date", NULL, 1);
	view_input(&p->b, "ny-tid", "tid", _("Tid"), "time", NULL, 1);
	view_input(&p->b, "ny-plats", "plats", _("Plats"), "text", NULL, 1);
	html_f(&p->b, _("<p><button type=\"submit\">Planera</button></p></fieldset></form>\n"));
	return page_close(p);
}

/* PAGE: POST /sammantraden  access: staff */
enum MHD_Result page_meeting_create(page *p)
{
	request *r = p->r;
	char idtxt[24];
	int64_t id;
	if (meeting_create(r->k, p->org_id, req_form(r, "namnd"), req_form(r, "datum"), req_form(r, "tid"),
	                   req_form(r, "plats"), &id, &p->e))
		return page_fail_p(p);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	return page_redirect_done(p, "/sammantrade", "id", idtxt,
	                          _("Sammanträdet är planerat med stående punkter på föredragningslistan."));
}
