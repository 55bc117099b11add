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
#include "web/view.h"

static const char *kind_sv(const char *k)
{
	return !k ? "" : !strcmp(k, "fullmaktige") ? "Fullmäktige" : !strcmp(k, "styrelse") ? "Styrelse"
		: !strcmp(k, "namnd") ? "Nämnd" : !strcmp(k, "utskott") ? "Utskott" : k;
}

static const char *role_sv(const char *r)
{
	return !r ? "" : !strcmp(r, "ledamot") ? "Ledamot" : !strcmp(r, "ersattare") ? "Ersättare"
		: !strcmp(r, "sekreterare") ? "Sekreterare" : r;
}

static const char *position_sv(const char *p)
{
	return !p ? "–" : !strcmp(p, "ordforande") ? "Ordförande" : !strcmp(p, "vice_ordforande") ? "Vice ordförande" : p;
}

static const char *meeting_status_sv(const char *s)
{
	return !s ? "" : !strcmp(s, "planned") ? "Planerat" : !strcmp(s, "called") ? "Kallat"
		: !strcmp(s, "held") ? "Protokoll upprättat" : !strcmp(s, "adjusted") ? "Justerat" : s;
}

static void hidden(buf *b, const char *name, const char *value)
{
	html_raw(b, "<input type=\"hidden\" name=\"");
	html_raw(b, name);
	html_raw(b, "\" value=\"");
	html_text(b, value);
	html_raw(b, "\">");
}

static void form_begin(buf *b, request *r, const char *action, const char *org, const char *atgard, const char *cls)
{
	html_raw(b, "<form method=\"post\" action=\"");
	html_raw(b, action);
	html_raw(b, "\" class=\"");
	html_raw(b, cls);
	html_raw(b, "\">");
	layout_csrf(b, r);
	hidden(b, "org", org);
	hidden(b, "atgard", atgard);
}

/* <p><label for=id>label</label><input id name type value></p> */
static void field(buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
                  int required)
{
	html_raw(b, "<p><label for=\"");
	html_text(b, id);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label><input id=\"");
	html_text(b, id);
	html_raw(b, "\" name=\"");
	html_raw(b, name);
	html_raw(b, "\" type=\"");
	html_raw(b, type);
	html_raw(b, "\"");
	if (value) {
		html_raw(b, " value=\"");
		html_text(b, value);
		html_raw(b, "\"");
	}
	html_raw(b, required ? " required></p>" : "></p>");
}

static void flash(buf *b, request *r)
{
	const char *f = req_query(r, "klart");
	if (f) {
		html_raw(b, "<p class=\"ok\" role=\"status\">");
		html_text(b, f);
		html_raw(b, "</p>");
	}
}

static enum MHD_Result back(request *r, const char *path, const char *org, const char *key, const char *value,
                            const char *done)
{
	buf loc = BUF_INIT;
	buf_adds(&loc, path);
	buf_adds(&loc, "?org=");
	html_url(&loc, org);
	if (key && value) {
		buf_printf(&loc, "&%s=", key);
		html_url(&loc, value);
	}
	buf_adds(&loc, "&klart=");
	html_url(&loc, done);
	enum MHD_Result ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	return ret;
}

static int64_t form_id(request *r, const char *name)
{
	const char *v = req_param(r, name);
	char *end;
	long long n = strtoll(v ? v : "", &end, 10);
	return !v || *end || n < 1 ? 0 : n;
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
	form_begin(b, r, "/namnder", org, m ? "andra" : "ledamot", "form");
	html_raw(b, "<fieldset><legend>");
	if (m) {
		html_raw(b, "Ändra ");
		html_text(b, view_str(m, "name"));
		hidden(b, "ledamot", idtxt);
	} else {
		html_raw(b, "Ny ledamot, ersättare eller sekreterare i ");
		html_text(b, board);
		hidden(b, "namnd", board);
	}
	html_raw(b, "</legend>");
	char id[96];
	snprintf(id, sizeof id, "%s-namn", pfx);
	field(b, id, "namn", "Namn", "text", m ? view_str(m, "name") : NULL, 1);
	snprintf(id, sizeof id, "%s-parti", pfx);
	field(b, id, "parti", "Parti", "text", m ? view_str(m, "party") : NULL, 0);
	snprintf(id, sizeof id, "%s-roll", pfx);
	html_raw(b, "<p><label for=\"");
	html_text(b, id);
	html_raw(b, "\">Roll</label><select id=\"");
	html_text(b, id);
	html_raw(b, "\" name=\"roll\">");
	const char *role = m ? view_str(m, "role") : NULL;
	html_option(b, "ledamot", "Ledamot", role);
	html_option(b, "ersattare", "Ersättare", role);
	html_option(b, "sekreterare", "Sekreterare", role);
	snprintf(id, sizeof id, "%s-uppdrag", pfx);
	html_raw(b, "</select></p><p><label for=\"");
	html_text(b, id);
	html_raw(b, "\">Uppdrag</label><select id=\"");
	html_text(b, id);
	html_raw(b, "\" name=\"uppdrag\">");
	const char *pos = m ? (view_str(m, "position") ? view_str(m, "position") : "") : "";
	html_option(b, "", "Inget", pos);
	html_option(b, "ordforande", "Ordförande", pos);
	html_option(b, "vice_ordforande", "Vice ordförande", pos);
	html_raw(b, "</select></p>");
	snprintf(id, sizeof id, "%s-fran", pfx);
	field(b, id, "fran", "Mandatperiod från", "date", m ? view_str(m, "term_from") : NULL, 1);
	snprintf(id, sizeof id, "%s-till", pfx);
	field(b, id, "till", "Mandatperiod till", "date", m ? view_str(m, "term_to") : NULL, 0);
	snprintf(id, sizeof id, "%s-konto", pfx);
	field(b, id, "konto", "Användarkonto i kansli (för justering)", "text", m ? view_str(m, "user") : NULL, 0);
	html_raw(b, m ? "<p><button type=\"submit\">Spara ändringen</button></p></fieldset></form>\n"
	              : "<p><button type=\"submit\">Lägg till</button></p></fieldset></form>\n");
}

enum MHD_Result page_boards(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	json_t *list = board_list(r->k, org_id, &e);
	if (!list)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Nämnder");
	flash(&b, r);
	html_raw(&b, "<h1>Nämnder och styrelser</h1>\n<table><caption>Organisationens beslutande organ</caption><thead><tr>"
	             "<th scope=\"col\">Kod</th><th scope=\"col\">Namn</th><th scope=\"col\">Typ</th>"
	             "<th scope=\"col\">Diarieserie</th><th scope=\"col\">Nuvarande ledamöter och ersättare</th>"
	             "</tr></thead><tbody>");
	size_t i, j;
	json_t *bd, *m;
	json_array_foreach(list, i, bd) {
		char n[24];
		int_text(n, json_object_get(bd, "members"));
		html_raw(&b, "<tr>");
		view_cell(&b, view_str(bd, "code"));
		view_cell(&b, view_str(bd, "name"));
		view_cell(&b, kind_sv(view_str(bd, "kind")));
		view_cell(&b, view_str(bd, "series"));
		view_cell(&b, n);
		html_raw(&b, "</tr>");
	}
	html_raw(&b, "</tbody></table>\n");
	int64_t edit = form_id(r, "andra");
	json_array_foreach(list, i, bd) {
		json_t *full = board_show(r->k, org_id, view_str(bd, "code"), &e);
		if (!full)
			continue;
		html_raw(&b, "<h2>");
		html_text(&b, view_str(full, "name"));
		html_raw(&b, "</h2>\n<table><caption>Ledamöter, ersättare och sekreterare i ");
		html_text(&b, view_str(full, "name"));
		html_raw(&b, "</caption><thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">Parti</th>"
		             "<th scope=\"col\">Roll</th><th scope=\"col\">Uppdrag</th><th scope=\"col\">Mandatperiod</th>"
		             "<th scope=\"col\">Konto</th><th scope=\"col\">Nu</th><th scope=\"col\">Ändra</th></tr></thead><tbody>");
		json_array_foreach(json_object_get(full, "members"), j, m) {
			char term[40], idtxt[24];
			snprintf(term, sizeof term, "%s – %s", view_str(m, "term_from"),
			         view_str(m, "term_to") ? view_str(m, "term_to") : "");
			int_text(idtxt, json_object_get(m, "id"));
			html_raw(&b, "<tr>");
			view_cell(&b, view_str(m, "name"));
			view_cell(&b, view_str(m, "party") ? view_str(m, "party") : "–");
			view_cell(&b, role_sv(view_str(m, "role")));
			view_cell(&b, position_sv(view_str(m, "position")));
			view_cell(&b, term);
			view_cell(&b, view_str(m, "user") ? view_str(m, "user") : "–");
			view_cell(&b, json_is_true(json_object_get(m, "current")) ? "Ja" : "Nej");
			html_raw(&b, "<td><a href=\"/namnder?org=");
			html_url(&b, org);
			html_raw(&b, "&amp;andra=");
			html_raw(&b, idtxt);
			html_raw(&b, "\">Ändra <span class=\"visually-hidden\">");
			html_text(&b, view_str(m, "name"));
			html_raw(&b, "</span></a></td></tr>");
		}
		html_raw(&b, "</tbody></table>\n");
		json_array_foreach(json_object_get(full, "members"), j, m)
			if (json_integer_value(json_object_get(m, "id")) == edit)
				member_form(&b, r, org, view_str(full, "code"), m);
		member_form(&b, r, org, view_str(full, "code"), NULL);
		json_decref(full);
	}
	json_decref(list);
	html_raw(&b, "<h2>Ny nämnd</h2>\n");
	form_begin(&b, r, "/namnder", org, "namnd", "form");
	html_raw(&b, "<fieldset><legend>Lägg till nämnd eller styrelse</legend>");
	field(&b, "namnd-kod", "kod", "Kod (till exempel KS)", "text", NULL, 1);
	field(&b, "namnd-namn", "namn", "Namn", "text", NULL, 1);
	html_raw(&b, "<p><label for=\"namnd-typ\">Typ</label><select id=\"namnd-typ\" name=\"typ\">");
	html_option(&b, "namnd", "Nämnd", NULL);
	html_option(&b, "styrelse", "Styrelse", NULL);
	html_option(&b, "fullmaktige", "Fullmäktige", NULL);
	html_option(&b, "utskott", "Utskott", NULL);
	html_raw(&b, "</select></p>");
	field(&b, "namnd-serie", "serie", "Diarieserie för sammanträdenas handlingar", "text", NULL, 1);
	html_raw(&b, "<p><button type=\"submit\">Lägg till nämnd</button></p></fieldset></form>\n");
	layout_end(&b);
	return web_html(r, 200, &b);
}

static const char *form_or_null(request *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v ? v : NULL;
}

enum MHD_Result page_boards_change(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id, id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	const char *what = req_form(r, "atgard");
	if (!what)
		return web_error_page(r, 400, "Åtgärd saknas.");
	int rc;
	const char *done;
	if (!strcmp(what, "namnd")) {
		rc = board_add(r->k, org_id, req_form(r, "kod"), req_form(r, "namn"), req_form(r, "typ"), req_form(r, "serie"), &e);
		done = "Nämnden är tillagd.";
	} else if (!strcmp(what, "ledamot") || !strcmp(what, "andra")) {
		int edit = !strcmp(what, "andra");
		board_member_new m = { .name = req_form(r, "namn"), .party = req_form(r, "parti"), .role = req_form(r, "roll"),
		                       .position = req_form(r, "uppdrag"), .term_from = form_or_null(r, "fran"),
		                       .term_to = req_form(r, "till"), .username = req_form(r, "konto") };
		if (edit) {
			rc = form_id(r, "ledamot") ? board_member_edit(r->k, org_id, form_id(r, "ledamot"), &m, &e)
			                           : kerr_set(&e, KERR_INVALID, "no member");
			done = "Ändringen är sparad.";
		} else {
			rc = board_member_add(r->k, org_id, req_form(r, "namnd"), &m, &id, &e);
			done = "Ledamoten är tillagd.";
		}
	} else {
		return web_error_page(r, 400, "Okänd åtgärd.");
	}
	if (rc)
		return page_fail(r, &e);
	return back(r, "/namnder", org, NULL, NULL, done);
}

/* --- /sammantraden --- */

enum MHD_Result page_meetings(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	const char *board = req_query(r, "namnd");
	json_t *boards = board_list(r->k, org_id, &e);
	json_t *list = boards ? meeting_list(r->k, org_id, board, &e) : NULL;
	if (!list) {
		json_decref(boards);
		return page_fail(r, &e);
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, "Sammanträden");
	flash(&b, r);
	html_raw(&b, "<h1>Sammanträden</h1>\n<p><a href=\"/namnder?org=");
	html_url(&b, org);
	html_raw(&b, "\">Nämnder och ledamöter</a> · <a href=\"/delegationsbeslut?org=");
	html_url(&b, org);
	html_raw(&b, "\">Delegationsbeslut</a></p>\n<form method=\"get\" action=\"/sammantraden\" class=\"form\">");
	hidden(&b, "org", org);
	html_raw(&b, "<p><label for=\"filter-namnd\">Nämnd</label><select id=\"filter-namnd\" name=\"namnd\">");
	html_option(&b, "", "Alla", board ? board : "");
	size_t i;
	json_t *bd, *m;
	json_array_foreach(boards, i, bd)
		html_option(&b, view_str(bd, "code"), view_str(bd, "name"), board ? board : "");
	html_raw(&b, "</select></p><p><button type=\"submit\">Visa</button></p></form>\n"
	             "<table><caption>Sammanträden, senaste först</caption><thead><tr><th scope=\"col\">Datum</th>"
	             "<th scope=\"col\">Tid</th><th scope=\"col\">Nämnd</th><th scope=\"col\">Plats</th>"
	             "<th scope=\"col\">Status</th><th scope=\"col\">Ärende</th></tr></thead><tbody>");
	json_array_foreach(list, i, m) {
		char idtxt[24];
		int_text(idtxt, json_object_get(m, "id"));
		html_raw(&b, "<tr><td><a href=\"/sammantrade?org=");
		html_url(&b, org);
		html_raw(&b, "&amp;id=");
		html_raw(&b, idtxt);
		html_raw(&b, "\">");
		html_text(&b, view_str(m, "date"));
		html_raw(&b, "</a></td>");
		view_cell(&b, view_str(m, "time"));
		view_cell(&b, view_str(m, "board_name"));
		view_cell(&b, view_str(m, "place"));
		view_cell(&b, meeting_status_sv(view_str(m, "status")));
		view_number_cell(&b, "arende", org, view_str(m, "case"));
		html_raw(&b, "</tr>");
	}
	html_raw(&b, "</tbody></table>\n<h2>Planera sammanträde</h2>\n");
	form_begin(&b, r, "/sammantraden", org, "planera", "form");
	html_raw(&b, "<fieldset><legend>Nytt sammanträde</legend><p><label for=\"ny-namnd\">Nämnd</label>"
	             "<select id=\"ny-namnd\" name=\"namnd\">");
	json_array_foreach(boards, i, bd)
		html_option(&b, view_str(bd, "code"), view_str(bd, "name"), board);
	html_raw(&b, "</select></p>");
	field(&b, "ny-datum", "datum", "Datum", "date", NULL, 1);
	field(&b, "ny-tid", "tid", "Tid", "time", NULL, 1);
	field(&b, "ny-plats", "plats", "Plats", "text", NULL, 1);
	html_raw(&b, "<p><button type=\"submit\">Planera</button></p></fieldset></form>\n");
	json_decref(boards);
	json_decref(list);
	layout_end(&b);
	return web_html(r, 200, &b);
}

enum MHD_Result page_meeting_create(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id, id;
	char org[40], idtxt[24];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	if (meeting_create(r->k, org_id, req_form(r, "namnd"), req_form(r, "datum"), req_form(r, "tid"),
	                   req_form(r, "plats"), &id, &e))
		return page_fail(r, &e);
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	return back(r, "/sammantrade", org, "id", idtxt, "Sammanträdet är planerat med stående punkter på föredragningslistan.");
}
