/*
 * page_meeting.c — one meeting (/sammantrade): the agenda builder with the
 * cases ready for decision, the notice (preview, PDF, send), attendance,
 * the paragraphs with decision texts, reservations and jäv, adjusters,
 * the approvals and "Justera" for the approver who is logged in, PDF
 * downloads and dispatch. Also the delegated decisions
 * (/delegationsbeslut). Forms post to the same address with an "atgard".
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
#include "web/page_meeting_decide.h"
#include "web/table.h"
#include "web/view.h"

/* A form posting one action about meeting id (and item, when set). */
static void form_begin(buf *b, request *r, const char *org, const char *id, const char *atgard, const char *item,
                       const char *cls)
{
	view_form_begin(b, r, "/sammantrade", cls, org);
	view_hidden(b, "id", id);
	view_hidden(b, "atgard", atgard);
	if (item)
		view_hidden(b, "punkt", item);
}

static void button_form(buf *b, request *r, const char *org, const char *id, const char *atgard, const char *item,
                        const char *label, const char *hidden_label)
{
	form_begin(b, r, org, id, atgard, item, "inline");
	html_f(b, "<button type=\"submit\">%s", label);
	if (hidden_label)
		html_f(b, "<span class=\"visually-hidden\"> %s</span>", hidden_label);
	html_f(b, "</button></form> ");
}

/* 1 when the page is shown again for a refused form (form_state.h) that
 * asked for atgard about the agenda item item (any item when NULL): what
 * that form concerns is then open, so that its message is seen. */
static int refused(request *r, const char *atgard, const char *item)
{
	return r->form && !strcmp(req_str(r, "atgard"), atgard) && (!item || !strcmp(req_str(r, "punkt"), item));
}

/* A §'s own form behind a disclosure widget, so that a meeting of many §
 * stays a page one can scroll through; open when it is the form sent
 * back refused. */
static void paragraph_form_begin(buf *b, request *r, const char *atgard, const char *item, const char *summary)
{
	html_f(b, refused(r, atgard, item) ? "<details class=\"action-group\" open><summary>%s</summary>"
	                                   : "<details class=\"action-group\"><summary>%s</summary>", summary);
}

static void int_text(char out[24], json_t *v)
{
	snprintf(out, 24, "%lld", (long long)json_integer_value(v));
}

/* The page's sections in their order. A full council's meeting runs to
 * many screens, so the page opens with their contents (meeting_contents)
 * and the agenda links each item to its § in the minutes. */
enum meeting_section { SEC_AGENDA, SEC_READY, SEC_NOTICE, SEC_ATTENDANCE, SEC_MINUTES, SEC_APPROVAL, SEC_COUNT };
static const char *const sections[SEC_COUNT][2] = {
	{ "foredragningslista", N_("Föredragningslista") }, { "klara", N_("Ärenden klara för beslut") },
	{ "kallelse", N_("Kallelse") }, { "narvaro", N_("Närvaro och justerare") },
	{ "protokoll", N_("Protokoll") }, { "justering", N_("Justering") },
};

static void section_heading(buf *b, enum meeting_section sec)
{
	html_f(b, "<h2 id=\"%s\">%s</h2>\n", sections[sec][0], _(sections[sec][1]));
}

/* A meeting of more § than fit a screen or two is summarised: each § of
 * the minutes folds to its heading. One § opens from its agenda line
 * (?punkt=ITEM, server-side, so it works without script), all of them
 * with "visa alla" (?visa=alla), and a refused form opens what it
 * concerns. Closed or open, every § stays in the one decisions form: a
 * textarea in a closed <details> is still sent. */
enum { MEETING_FOLD_FROM = 9 };

static int meeting_folds(json_t *m)
{
	return json_array_size(json_object_get(m, "items")) >= MEETING_FOLD_FROM;
}

static int paragraph_open(request *r, const char *item)
{
	return !strcmp(req_str(r, "visa"), "alla") || !strcmp(req_str(r, "punkt"), item) ||
	       refused(r, "beslut-alla", NULL);
}

/* The contents: a link to each section the page shows (shown[i] != 0),
 * the agenda with its number of items. */
static void meeting_contents(buf *b, json_t *m, const int shown[SEC_COUNT])
{
	html_f(b, "<nav class=\"contents\" aria-label=\"%s\"><ul>", _("Innehåll på sidan"));
	for (int i = 0; i < SEC_COUNT; i++) {
		if (!shown[i])
			continue;
		html_f(b, "<li><a href=\"#%s\">%s</a>", sections[i][0], _(sections[i][1]));
		if (i == SEC_AGENDA)
			html_f(b, _(" (%zu punkter)"), json_array_size(json_object_get(m, "items")));
		html_f(b, "</li>");
	}
	html_f(b, "</ul></nav>\n");
}

static void agenda_section(buf *b, request *r, const char *org, const char *id, json_t *m, int open)
{
	/* Only an agenda still open to change gets the column to reorder it. */
	const char *const cols[] = { _("Nr"), "§", _("Punkt"), _("Ärende"), _("Handlingar som skickas med"), _("Ändra") };
	section_heading(b, SEC_AGENDA);
	view_table_begin(b, _("Punkter i ordning"), cols, open ? 6 : 5);
	size_t i, j;
	json_t *it, *rec;
	int n = 0;
	json_array_foreach(json_object_get(m, "items"), i, it) {
		char nr[24], item[24], para[24] = "–";
		snprintf(nr, sizeof nr, "%d", ++n);
		int_text(item, json_object_get(it, "id"));
		if (json_object_get(it, "paragraph"))
			snprintf(para, sizeof para, "§ %lld", (long long)json_integer_value(json_object_get(it, "paragraph")));
		html_f(b, "<tr>");
		view_cell(b, nr);
		view_cell(b, para);
		/* to the item's § in the minutes below (minutes_section), opened
		   there when the minutes are folded */
		if (meeting_folds(m))
			html_f(b, "<td><a href=\"/sammantrade?org=%-s&amp;id=%-s&amp;punkt=%-s#p-%s\">%s</a></td>", org, id,
			       item, item, view_str(it, "title"));
		else
			html_f(b, "<td><a href=\"#p-%s\">%s</a></td>", item, view_str(it, "title"));
		if (view_str(it, "case"))
			view_number_cell(b, "arende", org, view_str(it, "case"));
		else
			view_cell(b, "–");
		html_f(b, "<td>");
		json_array_foreach(json_object_get(it, "records"), j, rec) {
			view_number_link(b, "handling", org, view_str(rec, "number"));
			html_f(b, " %s<br>", view_str(rec, "title"));
		}
		html_f(b, "</td>");
		if (open) {
			/* a row's changes fold into one disclosure, so that a long
			   agenda stays a line per item; open when sent back refused */
			html_f(b, refused(r, "bifoga", item) || refused(r, "ta-bort", item)
			          ? "<td><details class=\"row-actions\" open>" : "<td><details class=\"row-actions\">");
			html_f(b, _("<summary>Ändra<span class=\"visually-hidden\"> %s</span></summary>"), view_str(it, "title"));
			/* one form for the row: each button names its action
			   (atgard), and only "Bifoga" needs the record number */
			view_form_begin(b, r, "/sammantrade", "form", org);
			view_hidden(b, "id", id);
			view_hidden(b, "punkt", item);
			const char *t = view_str(it, "title");
			html_f(b, _("<p><button type=\"submit\" name=\"atgard\" value=\"upp\" formnovalidate>Upp"
			       "<span class=\"visually-hidden\"> %s</span></button> "
			       "<button type=\"submit\" name=\"atgard\" value=\"ner\" formnovalidate>Ner"
			       "<span class=\"visually-hidden\"> %s</span></button> "
			       "<button type=\"submit\" name=\"atgard\" value=\"ta-bort\" formnovalidate>Ta bort"
			       "<span class=\"visually-hidden\"> %s</span></button></p>"), t, t, t);
			if (view_str(it, "case")) {
				char fid[40];
				snprintf(fid, sizeof fid, "bifoga-%s", item);
				html_f(b, _("<p><label for=\"%s\">Bifoga handling (nummer)</label> <input id=\""
				       "%s\" name=\"handling\" required> <button type=\"submit\" name=\"atgard\" value=\"bifoga\">"
				       "Bifoga</button></p>"), fid, fid);
			}
			html_f(b, "</form>");
			html_f(b, "</details></td>");
		}
		html_f(b, "</tr>\n");
	}
	view_table_end(b);
}

/* How many records a case ready for decision would send with the notice. */
static void records_count_cell(page *p, json_t *c)
{
	html_f(&p->b, "<td>%zu</td>", json_array_size(json_object_get(c, "records")));
}

/* The meeting's id is the page's context (p->ctx) while it is written. */
static void ready_add_cell(page *p, json_t *c)
{
	html_f(&p->b, "<td>");
	form_begin(&p->b, p->r, p->org, p->ctx, "lagg-till", NULL, "inline");
	view_hidden(&p->b, "arende", view_str(c, "case"));
	html_f(&p->b, _("<button type=\"submit\">Lägg till<span class=\"visually-hidden\"> %s</span></button></form>"),
	       view_str(c, "case"));
	html_f(&p->b, "</td>");
}

static const struct column ready_columns[] = {
	COL(N_("Ärende"), CELL_CASE, "case"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL_CUSTOM(N_("Handlingar"), records_count_cell), COL_CUSTOM(N_("Lägg till"), ready_add_cell),
};

static void ready_section(page *p, json_t *ready)
{
	buf *b = &p->b;
	section_heading(b, SEC_READY);
	if (!json_array_size(ready))
		html_f(b, _("<p>Inga ärenden är markerade klara för beslut i nämnden.</p>\n"));
	else
		table_write(p, _("Ärenden som kan läggas på föredragningslistan"), COLUMNS(ready_columns), ready);
	form_begin(b, p->r, p->org, p->ctx, "staende", NULL, "form");
	html_f(b, _("<fieldset><legend>Lägg till en stående punkt eller ett ärende</legend>"
	       "<p><label for=\"staende\">Rubrik på stående punkt</label><input id=\"staende\" name=\"rubrik\"></p>"
	       "<p><label for=\"annat-arende\">eller diarienummer</label><input id=\"annat-arende\" name=\"arende\"></p>"
	       "<p><button type=\"submit\">Lägg till punkt</button></p></fieldset></form>\n"));
}

static void notice_section(buf *b, request *r, const char *org, const char *id, json_t *m, int edit)
{
	section_heading(b, SEC_NOTICE);
	html_f(b, _("<section aria-labelledby=\"kallelse-rubrik\" class=\"notice-preview\">"
	       "<h3 id=\"kallelse-rubrik\">Förhandsvisning: kallelse till %s</h3><dl class=\"meta\">"),
	       view_str(json_object_get(m, "board"), "name"));
	view_meta(b, _("Datum"), view_str(m, "date"));
	view_meta(b, _("Tid"), view_str(m, "time"));
	view_meta(b, _("Plats"), view_str(m, "place"));
	html_f(b, "</dl>");
	/* the agenda above lists the same items: a long one folds here */
	int folds = meeting_folds(m);
	if (folds)
		html_f(b, _("<details class=\"fold\"><summary>Kallelsens %zu punkter</summary>"),
		       json_array_size(json_object_get(m, "items")));
	html_f(b, "<ol>");
	size_t i, j;
	json_t *it, *rec;
	json_array_foreach(json_object_get(m, "items"), i, it) {
		html_f(b, "<li>%s", view_str(it, "title"));
		if (view_str(it, "case"))
			html_f(b, " (%s)", view_str(it, "case"));
		if (json_array_size(json_object_get(it, "records")) || json_array_size(json_object_get(it, "delegations"))) {
			html_f(b, "<ul>");
			json_array_foreach(json_object_get(it, "records"), j, rec)
				html_f(b, "<li>%s %s</li>", view_str(rec, "number"), view_str(rec, "title"));
			json_array_foreach(json_object_get(it, "delegations"), j, rec) {
				html_f(b, _("<li>%s punkt %s, %s: %s</li>"), view_str(rec, "case"), view_str(rec, "point"),
				       view_str(rec, "date"), view_str(rec, "summary"));
			}
			html_f(b, "</ul>");
		}
		html_f(b, "</li>");
	}
	html_f(b, folds ? "</ol></details>" : "</ol>");
	html_f(b, _("</section>\n<p><a href=\"/sammantrade/kallelse.pdf?org=%-s&amp;id=%s\">Kallelsen som PDF</a>"),
	       org, id);
	if (view_str(m, "notice_record")) {
		char name[200];
		snprintf(name, sizeof name, "kallelse-%s-%s.pdf", view_str(json_object_get(m, "board"), "code"),
		         view_str(m, "date"));
		html_f(b, _(" · Skickad kallelse: "));
		view_file_link(b, org, view_str(m, "notice_record"), name, view_str(m, "notice_record"));
	}
	html_f(b, "</p>\n");
	if (!strcmp(view_str(m, "status"), "planned") && edit)
		button_form(b, r, org, id, "kalla", NULL, _("Skicka kallelse"), NULL);
}

/* Attendance is one form: every member's presence (and whom an ersättare
 * serves for) is saved with one button, in one transaction. Appointing an
 * adjuster is a form of its own; its button sits in the row and names its
 * form (the form attribute), as forms cannot nest. */
static void attendance_section(buf *b, request *r, const char *org, const char *id, json_t *m, int frozen)
{
	json_t *att = json_object_get(m, "attendance"), *a, *o;
	size_t i, j;
	const char *const cols[] = { _("Namn"), _("Roll"), _("Närvaro"), _("Tjänstgör för"), _("Justerare") };
	section_heading(b, SEC_ATTENDANCE);
	if (!frozen)
		form_begin(b, r, org, id, "narvaro-alla", NULL, "attendance");
	view_table_begin(b, _("Ledamöter och ersättare"), cols, 5);
	json_array_foreach(att, i, a) {
		char mid[24], fid[40];
		int_text(mid, json_object_get(a, "member_id"));
		const char *st = view_str(a, "status");
		const char *role = view_str(a, "role");
		char rolebuf[80];
		snprintf(rolebuf, sizeof rolebuf, "%s%s%s", !strcmp(role, "ledamot") ? _("Ledamot") : !strcmp(role, "ersattare")
		         ? _("Ersättare") : _("Sekreterare"), view_str(a, "position") ? ", " : "",
		         !view_str(a, "position") ? "" : !strcmp(view_str(a, "position"), "ordforande") ? _("ordförande")
		         : _("vice ordförande"));
		html_f(b, "<tr>");
		view_cell(b, view_str(a, "name"));
		view_cell(b, rolebuf);
		if (frozen) {
			view_cell(b, !st ? _("Ej antecknad") : !strcmp(st, "present") ? _("Närvarande") : _("Frånvarande"));
			view_cell(b, view_str(a, "serving_for_name") ? view_str(a, "serving_for_name") : "–");
			view_cell(b, json_is_true(json_object_get(a, "adjuster")) ? _("Ja") : _("Nej"));
			html_f(b, "</tr>\n");
			continue;
		}
		snprintf(fid, sizeof fid, "narvaro-%s", mid);
		html_f(b, _("<td><label for=\"%s\" class=\"visually-hidden\">Närvaro för %s</label><select id=\"%s\" "
		       "name=\"%s\">"), fid, view_str(a, "name"), fid, fid);
		html_options(b, st ? st : "", "", _("Ej antecknad"), "present", _("Närvarande"), "absent", _("Frånvarande"), NULL);
		html_f(b, "</select></td><td>");
		if (!strcmp(role, "ersattare")) {
			snprintf(fid, sizeof fid, "for-%s", mid);
			html_f(b, _("<label for=\"%s\" class=\"visually-hidden\">%s tjänstgör för</label><select id=\"%s\" "
			       "name=\"%s\">"), fid, view_str(a, "name"), fid, fid);
			html_option(b, "", "ingen", NULL);
			char cur[24] = "";
			if (json_object_get(a, "serving_for"))
				int_text(cur, json_object_get(a, "serving_for"));
			json_array_foreach(att, j, o) {
				if (strcmp(view_str(o, "role"), "ledamot"))
					continue;
				char oid[24];
				int_text(oid, json_object_get(o, "member_id"));
				html_option(b, oid, view_str(o, "name"), cur);
			}
			html_f(b, "</select>");
		} else
			html_f(b, "–");
		html_f(b, "</td><td>");
		if (strcmp(role, "sekreterare")) {
			int adj = json_is_true(json_object_get(a, "adjuster"));
			html_f(b, adj ? _("Ja <button type=\"submit\" form=\"justerare-%s\">Inte justerare<span "
			                "class=\"visually-hidden\"> %s</span></button>")
			              : _("Nej <button type=\"submit\" form=\"justerare-%s\">Utse till justerare<span "
			                "class=\"visually-hidden\"> %s</span></button>"), mid, view_str(a, "name"));
		} else
			html_f(b, "–");
		html_f(b, "</td></tr>\n");
	}
	view_table_end(b);
	meeting_quorum_view(b, json_object_get(m, "quorum"), 0);
	if (frozen)
		return;
	html_f(b, _("<p><button type=\"submit\">Spara närvaro</button></p></form>\n"));
	json_array_foreach(att, i, a) {
		if (!strcmp(view_str(a, "role"), "sekreterare"))
			continue;
		char mid[24];
		int_text(mid, json_object_get(a, "member_id"));
		html_f(b, "<form method=\"post\" action=\"/sammantrade\" id=\"justerare-%s\">", mid);
		view_form_fields(b, r, org);
		view_hidden(b, "id", id);
		view_hidden(b, "atgard", json_is_true(json_object_get(a, "adjuster")) ? "ej-justerare" : "justerare");
		view_hidden(b, "ledamot", mid);
		html_f(b, "</form>\n");
	}
}

/* Why the minutes cannot be drawn up yet (minutes_draw_up_hindrance), in words. */
static const char *draw_up_hindrance_sv(const char *code)
{
	return !strcmp(code, "not_called") ? _("Skicka kallelsen först.")
		: !strcmp(code, "before_date") ? _("Protokollet upprättas på eller efter sammanträdesdagen.")
		: !strcmp(code, "empty") ? _("Föredragningslistan är tom.")
		: _("Protokollet är redan upprättat.");
}

static void minutes_section(buf *b, request *r, const char *org, const char *id, json_t *m, int frozen, int edit)
{
	const char *status = view_str(m, "status");
	section_heading(b, SEC_MINUTES);
	if (!strcmp(status, "planned") || !strcmp(status, "called")) {
		html_f(b, _("<p>Paragraferna numreras när protokollet upprättas, i fortsättning på nämndens paragrafer "
		       "under året.</p>"));
		const char *why = minutes_draw_up_hindrance(status, view_str(m, "date"),
		                                            json_array_size(json_object_get(m, "items")));
		if (edit && !why && !json_is_true(json_object_get(json_object_get(m, "quorum"), "met")))
			meeting_quorum_view(b, json_object_get(m, "quorum"), 0);
		if (edit && !why)
			button_form(b, r, org, id, "upprätta", NULL, _("Upprätta protokoll"), NULL);
		else if (edit)
			html_f(b, _("<div class=\"refused\"><p><strong>Upprätta protokoll</strong></p><p>%s</p></div>"),
			       draw_up_hindrance_sv(why));
		html_f(b, "\n");
	}
	json_t *att = json_object_get(m, "attendance");
	size_t i, j;
	json_t *it, *n, *a;
	if (!frozen && json_array_size(json_object_get(m, "items"))) {
		html_f(b, "<form method=\"post\" action=\"/sammantrade\" id=\"beslut-alla\">");
		view_form_fields(b, r, org);
		view_hidden(b, "id", id);
		view_hidden(b, "atgard", "beslut-alla");
		html_f(b, _("<p class=\"muted\">Besluten i alla paragrafer sparas tillsammans, med en knapp här eller "
		       "efter den sista paragrafen.</p><p><button type=\"submit\">Spara alla beslut</button></p></form>\n"));
	}
	int folds = meeting_folds(m);
	if (folds) {
		if (!strcmp(req_str(r, "visa"), "alla"))
			html_f(b, _("<p><a href=\"/sammantrade?org=%-s&amp;id=%-s#protokoll\">Fäll ihop paragraferna</a></p>\n"),
			       org, id);
		else
			html_f(b, _("<p>Paragraferna visas hopfällda. <a href=\"/sammantrade?org=%-s&amp;id=%-s&amp;visa=alla"
			       "#protokoll\">Visa alla paragrafer</a></p>\n"), org, id);
	}
	json_array_foreach(json_object_get(m, "items"), i, it) {
		char item[24], head[700];
		int_text(item, json_object_get(it, "id"));
		if (json_object_get(it, "paragraph"))
			snprintf(head, sizeof head, "§ %lld %s", (long long)json_integer_value(json_object_get(it, "paragraph")),
			         view_str(it, "title"));
		else
			snprintf(head, sizeof head, "%s", view_str(it, "title"));
		html_f(b, "<section class=\"paragraph\" aria-labelledby=\"p-%s\">", item);
		if (folds)
			html_f(b, paragraph_open(r, item) ? "<details class=\"fold\" open><summary><h3 id=\"p-%s\">%s</h3></summary>"
			                                  : "<details class=\"fold\"><summary><h3 id=\"p-%s\">%s</h3></summary>",
			       item, head);
		else
			html_f(b, "<h3 id=\"p-%s\">%s</h3>", item, head);
		meeting_decide_view(b, r, org, id, m, it, frozen);
		if (frozen) {
			html_f(b, _("<p><strong>Beslut:</strong> %s</p>"),
			       view_str(it, "decision") ? view_str(it, "decision") : "–");
		} else {
			/* every § belongs to the one form "beslut-alla", saved at once */
			char fid[40];
			snprintf(fid, sizeof fid, "beslut-%s", item);
			/* a refused save comes back with what was typed, not what is stored */
			const char *text = refused(r, "beslut-alla", NULL) ? req_str(r, fid)
			                 : view_str(it, "decision") ? view_str(it, "decision") : "";
			html_f(b, _("<p><label for=\"%s\">Beslut</label><textarea id=\"%s\" name=\"%s\" form=\"beslut-alla\" "
			       "rows=\"3\">%s</textarea></p>"), fid, fid, fid, text);
		}
		if (json_array_size(json_object_get(it, "notes"))) {
			html_f(b, "<ul>");
			json_array_foreach(json_object_get(it, "notes"), j, n) {
				html_f(b, !strcmp(view_str(n, "kind"), "reservation") ? _("<li>Reservation: %s") : _("<li>Jäv: %s"),
				       view_str(n, "name"));
				json_t *pid = json_object_get(n, "proposal"), *pp;
				size_t k;
				json_array_foreach(json_object_get(it, "proposals"), k, pp)
					if (pid && json_equal(json_object_get(pp, "id"), pid))
						html_f(b, _(" till förmån för yrkande %zu"), k + 1);
				if (*view_str(n, "text"))
					html_f(b, " – %s", view_str(n, "text"));
				html_f(b, "</li>");
			}
			html_f(b, "</ul>");
		}
		if (!frozen && view_str(it, "case")) {
			char fid[40];
			paragraph_form_begin(b, r, "anteckna", item, _("Reservation eller jäv"));
			/* sent back refused: the choices and the text as they were */
			int mine = refused(r, "anteckna", item);
			form_begin(b, r, org, id, "anteckna", item, "form");
			html_f(b, _("<fieldset><legend>Reservation eller jäv</legend>"));
			snprintf(fid, sizeof fid, "vem-%s", item);
			html_f(b, _("<p><label for=\"%s\">Ledamot</label><select id=\"%s\" name=\"ledamot\">"), fid, fid);
			json_array_foreach(att, j, a) {
				if (!strcmp(view_str(a, "role"), "sekreterare"))
					continue;
				char mid[24];
				int_text(mid, json_object_get(a, "member_id"));
				html_option(b, mid, view_str(a, "name"), mine ? req_str(r, "ledamot") : NULL);
			}
			snprintf(fid, sizeof fid, "slag-%s", item);
			html_f(b, _("</select></p><p><label for=\"%s\">Slag</label><select id=\"%s\" name=\"slag\">"), fid,
			       fid);
			html_options(b, mine ? req_str(r, "slag") : NULL, "reservation", _("Reservation"), "jav", _("Jäv"), NULL);
			html_f(b, "</select></p>");
			meeting_reservation_proposal(b, r, it, item, mine);
			snprintf(fid, sizeof fid, "motiv-%s", item);
			html_f(b, _("<p><label for=\"%s\">Motivering (reservation)</label><input id=\""
			       "%s\" name=\"text\" value=\"%s\"></p><p><button type=\"submit\">Anteckna</button></p></fieldset></form>"),
			       fid, fid, mine ? req_str(r, "text") : "");
			html_f(b, "</details>");
		}
		if (!strcmp(status, "adjusted") && view_str(it, "case")) {
			if (!edit && !json_array_size(json_object_get(it, "dispatched"))) {
				html_f(b, folds ? "</details></section>\n" : "</section>\n");
				continue;
			}
			json_t *d;
			json_array_foreach(json_object_get(it, "dispatched"), j, d) {
				html_f(b, _("<p>Expedierat till %s: "), view_str(d, "recipient"));
				view_number_link(b, "handling", org, view_str(d, "record"));
				html_f(b, "</p>");
			}
			char fid[40];
			if (!edit) {
				html_f(b, folds ? "</details></section>\n" : "</section>\n");
				continue;
			}
			snprintf(fid, sizeof fid, "mottagare-%s", item);
			paragraph_form_begin(b, r, "expediera", item, _("Expediera protokollsutdrag"));
			form_begin(b, r, org, id, "expediera", item, "form");
			html_f(b, _("<fieldset><legend>Expediera protokollsutdrag av %s</legend>"), head);
			json_t *p;
			size_t k;
			json_array_foreach(json_object_get(it, "parties"), k, p) {
				char pid[64];
				snprintf(pid, sizeof pid, "part-%s-%zu", item, k);
				html_f(b, _("<p><input type=\"checkbox\" name=\"part\" id=\""
				       "%s\" value=\"%s\"><label for=\"%s\">%s (part i ärendet)</label></p>"), pid,
				       json_string_value(p), pid, json_string_value(p));
			}
			html_f(b, _("<p><label for=\"%s\">Andra mottagare (en per rad)</label><textarea id=\""
			       "%s\" name=\"mottagare\" rows=\"2\"></textarea></p><p><button type=\"submit\">"
			       "Expediera<span class=\"visually-hidden\"> %s</span></button></p></fieldset></form>"),
			       fid, fid, head);
			html_f(b, "</details>");
		}
		html_f(b, folds ? "</details></section>\n" : "</section>\n");
	}
	if (!frozen && json_array_size(json_object_get(m, "items")))
		html_f(b, _("<p><button type=\"submit\" form=\"beslut-alla\">Spara alla beslut</button></p>\n"));
}

static const struct column reported_columns[] = {
	COL(N_("Ärende"), CELL_CASE, "case"), COL(N_("Punkt"), CELL_TEXT, "point"), COL(N_("Datum"), CELL_TEXT, "date"),
	COL(N_("Beslutsfattare"), CELL_TEXT, "decided_by"), COL(N_("Beslut"), CELL_TEXT, "summary"),
};

/* The delegated decisions reported at the meeting, after its §. */
static void reported_delegations(page *p, json_t *m)
{
	json_t *dele = json_object_get(m, "delegations");
	html_f(&p->b, !strcmp(view_str(m, "status"), "adjusted") ? _("<h3>Anmälda delegationsbeslut</h3>\n")
	                                                         : _("<h3>Delegationsbeslut att anmäla</h3>\n"));
	if (!json_array_size(dele))
		html_f(&p->b, _("<p>Inga delegationsbeslut att anmäla.</p>\n"));
	else
		table_write(p, _("Anmälda under punkten Anmälan av delegationsbeslut"), COLUMNS(reported_columns), dele);
}

static const char *approver_as_sv(const char *as)
{
	return !strcmp(as, "chair") ? _("Ordförande") : _("Justerare");
}

static void approval_cell(page *p, json_t *a)
{
	view_cell(&p->b, json_is_true(json_object_get(a, "valid")) ? _("Godkänt") : view_str(a, "approved")
	          ? _("Godkände en äldre version – behöver godkänna igen") : _("Väntar"));
}

static const struct column approver_columns[] = {
	COL(N_("Namn"), CELL_TEXT, "name"), COL_WORDS(N_("Som"), "as", approver_as_sv),
	COL_CUSTOM(N_("Status"), approval_cell), COL(N_("Tid"), CELL_OR_DASH, "approved"),
};

static void approval_section(page *p, json_t *m)
{
	buf *b = &p->b;
	request *r = p->r;
	const char *status = view_str(m, "status");
	if (!strcmp(status, "planned") || !strcmp(status, "called"))
		return;
	section_heading(b, SEC_APPROVAL);
	if (view_str(m, "minutes_sha256")) /* only to those who read the minutes whole */
		html_f(b, _("<p>Protokollets kontrollsumma (SHA-256): <code>%s</code></p>\n"),
		       view_str(m, "minutes_sha256"));
	json_t *approvers = json_object_get(m, "approvers"), *a;
	table_write(p, _("Ordförande och justerare"), COLUMNS(approver_columns), approvers);
	size_t i;
	int mine = 0; /* the user logged in is an approver who has not approved this version */
	json_array_foreach(approvers, i, a)
		mine |= !json_is_true(json_object_get(a, "valid")) && view_str(a, "user") && r->logged_in &&
		        !strcmp(view_str(a, "user"), r->s.username);
	if (!strcmp(status, "adjusted")) {
		char name[200];
		snprintf(name, sizeof name, "protokoll-%s-%s.pdf", view_str(json_object_get(m, "board"), "code"),
		         view_str(m, "date"));
		html_f(b, _("<p class=\"ok\">Protokollet justerades %s och är låst. "), view_str(m, "adjusted_date"));
		view_file_link(b, p->org, view_str(m, "minutes_record"), name, _("Protokollet som PDF"));
		html_f(b, "</p>\n");
	} else if (mine) {
		html_f(b, _("<p>Du godkänner protokollet i den lydelse som visas ovan (kontrollsumman binds till ditt godkännande).</p>"));
		button_form(b, r, p->org, p->ctx, "justera", NULL, _("Justera"), NULL);
	}
}

/* PAGE: GET /sammantrade  access: staff */
enum MHD_Result page_meeting(page *p)
{
	request *r = p->r;
	const char *id = req_query(r, "id");
	int64_t mid;
	if (req_int(r, "id", 1, INT64_MAX, &mid, &p->e))
		return page_error(p, 404, N_("Sammanträdet finns inte."));
	json_t *m = page_own(p, meeting_show(r->k, p->org_id, mid, &p->e));
	if (!m)
		return page_fail_p(p);
	const char *status = view_str(m, "status");
	int open = !strcmp(status, "planned") || !strcmp(status, "called");
	int frozen = !strcmp(status, "adjusted");
	int edit = json_is_true(json_object_get(m, "may_prepare"));
	json_t *ready = open && edit ? page_own(p, agenda_ready_cases(r->k, p->org_id, mid, &p->e)) : NULL;
	char title[400];
	snprintf(title, sizeof title, _("Sammanträde %s %s"), view_str(json_object_get(m, "board"), "name"), view_str(m, "date"));
	page_begin(p, title);
	view_flash(&p->b, r);
	html_f(&p->b, "<h1>%s</h1>\n<dl class=\"meta\">", title);
	html_f(&p->b, _("<dt>Status</dt><dd>"));
	view_meeting_tag(&p->b, status);
	html_f(&p->b, "</dd>");
	view_meta(&p->b, _("Tid"), view_str(m, "time"));
	view_meta(&p->b, _("Plats"), view_str(m, "place"));
	html_f(&p->b, _("<dt>Ärende</dt><dd>"));
	view_number_link(&p->b, "arende", p->org, view_str(m, "case"));
	html_f(&p->b, _("</dd></dl>\n<p><a href=\"/sammantraden?org=%-s\">Alla sammanträden</a></p>\n"), p->org);
	const int shown[SEC_COUNT] = { [SEC_AGENDA] = 1, [SEC_READY] = open && edit, [SEC_NOTICE] = 1,
		                       [SEC_ATTENDANCE] = 1, [SEC_MINUTES] = 1, [SEC_APPROVAL] = !open };
	meeting_contents(&p->b, m, shown);
	p->ctx = id; /* the forms' meeting */
	agenda_section(&p->b, r, p->org, id, m, open && edit);
	if (open && edit)
		ready_section(p, ready);
	notice_section(&p->b, r, p->org, id, m, edit);
	attendance_section(&p->b, r, p->org, id, m, frozen || !edit);
	minutes_section(&p->b, r, p->org, id, m, frozen || !edit, edit);
	reported_delegations(p, m);
	approval_section(p, m);
	return page_close(p);
}

/* What the meeting page's actions are about: the meeting, and the
 * agenda item and member a form names (0 when it names none). */
struct meeting_ctx {
	int64_t mid, item, member;
};
#define MCTX(p) ((const struct meeting_ctx *)(p)->ctx)

static int do_add_item(page *p)
{
	int64_t new_item;
	const char *c = req_str(p->r, "arende");
	if (*c)
		return agenda_add_case(p->r->k, p->org_id, MCTX(p)->mid, c, NULL, &new_item, &p->e);
	return agenda_add_standing(p->r->k, p->org_id, MCTX(p)->mid, req_str(p->r, "rubrik"), &new_item, &p->e);
}

static int do_attach(page *p)
{
	return agenda_attach(p->r->k, p->org_id, MCTX(p)->item, req_form(p->r, "handling"), &p->e);
}

static int do_up(page *p)
{
	return agenda_move(p->r->k, p->org_id, MCTX(p)->item, 1, &p->e);
}

static int do_down(page *p)
{
	return agenda_move(p->r->k, p->org_id, MCTX(p)->item, 0, &p->e);
}

static int do_remove_item(page *p)
{
	return agenda_remove(p->r->k, p->org_id, MCTX(p)->item, &p->e);
}

static int do_call(page *p)
{
	char rec[CASENUM_MAX];
	return meeting_send_notice(p->r->k, p->org_id, MCTX(p)->mid, rec, &p->e);
}

static int do_attendance(page *p)
{
	int64_t for_ = 0; /* the member a substitute stands in for */
	if (req_int(p->r, "for", 1, INT64_MAX, &for_, &p->e) < 0)
		return p->e.code;
	return minutes_attendance(p->r->k, p->org_id, MCTX(p)->mid, MCTX(p)->member, req_form(p->r, "narvaro"), for_,
	                          &p->e);
}

/* The number after prefix in a field's name ("narvaro-12"): 1 with *id, 0
 * when the name is not prefix and a positive number. */
static int field_id(const char *name, const char *prefix, int64_t *id)
{
	size_t n = strlen(prefix);
	if (strncmp(name, prefix, n) || !name[n])
		return 0;
	char *end;
	long long v = strtoll(name + n, &end, 10);
	if (*end || v <= 0 || name[n] < '1' || name[n] > '9')
		return 0;
	*id = v;
	return 1;
}

/* The whole attendance form: "narvaro-MEMBER" (present, absent, or empty
 * for not recorded, which is left alone) and an ersättare's "for-MEMBER". */
static int do_attendance_all(page *p)
{
	request *r = p->r;
	minutes_att list[REQ_MAX_FIELDS];
	size_t n = 0;
	for (int f = 0; f < r->nfields; f++) {
		int64_t member;
		if (r->fields[f].filename || !field_id(r->fields[f].name, "narvaro-", &member) ||
		    !r->fields[f].value.len)
			continue;
		char forname[48];
		snprintf(forname, sizeof forname, "for-%lld", (long long)member);
		int64_t serving = 0;
		if (req_int(r, forname, 1, INT64_MAX, &serving, &p->e) < 0)
			return p->e.code;
		list[n++] = (minutes_att){ member, r->fields[f].value.s, serving };
	}
	return minutes_attendance_all(r->k, p->org_id, MCTX(p)->mid, list, n, &p->e);
}

/* The decisions of every § on the page: "beslut-ITEM", saved together. */
static int do_decisions_all(page *p)
{
	request *r = p->r;
	int64_t items[REQ_MAX_FIELDS];
	const char *texts[REQ_MAX_FIELDS];
	size_t n = 0;
	for (int f = 0; f < r->nfields; f++) {
		int64_t item;
		if (r->fields[f].filename || !field_id(r->fields[f].name, "beslut-", &item))
			continue;
		items[n] = item;
		texts[n++] = r->fields[f].value.s ? r->fields[f].value.s : "";
	}
	return minutes_decisions(r->k, p->org_id, MCTX(p)->mid, items, texts, n, &p->e);
}

static int do_adjuster(page *p)
{
	return minutes_adjuster(p->r->k, p->org_id, MCTX(p)->mid, MCTX(p)->member, 0, &p->e);
}

static int do_not_adjuster(page *p)
{
	return minutes_adjuster(p->r->k, p->org_id, MCTX(p)->mid, MCTX(p)->member, 1, &p->e);
}

static int do_draw_up(page *p)
{
	meeting_quorum q = { 0, 0, 0, 0 };
	int rc = minutes_draw_up(p->r->k, p->org_id, MCTX(p)->mid, &q, &p->e);
	/* drawn up all the same: the minutes record what happened */
	if (!rc && !q.met)
		p->done = _("Protokollet är upprättat, men nämnden är inte beslutför: inget beslut kan fattas förrän "
		            "närvaron visar att mer än hälften av ledamöterna tjänstgör.");
	return rc;
}

static int do_decision(page *p)
{
	return minutes_decision(p->r->k, p->org_id, MCTX(p)->item, req_str(p->r, "text"), &p->e);
}

static int do_minutes_note(page *p)
{
	int64_t proposal = 0; /* the proposal a reservation defends */
	if (req_int(p->r, "yrkande", 1, INT64_MAX, &proposal, &p->e) < 0)
		return p->e.code;
	return minutes_note(p->r->k, p->org_id, MCTX(p)->item, MCTX(p)->member, req_form(p->r, "slag"),
	                    req_form(p->r, "text"), proposal, 0, &p->e);
}

static int do_propose(page *p)
{
	return meeting_do_propose(p, MCTX(p)->item);
}

static int do_proposal_remove(page *p)
{
	return meeting_do_proposal_remove(p);
}

/* The order names the proposals by their numbers in the minutes. */
static int do_proposal_order(page *p)
{
	json_t *m = page_own(p, meeting_show(p->r->k, p->org_id, MCTX(p)->mid, &p->e)), *it, *found = NULL;
	if (!m)
		return p->e.code ? p->e.code : KERR_INTERNAL;
	size_t i;
	json_array_foreach(json_object_get(m, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == MCTX(p)->item)
			found = it;
	if (!found)
		return kerr_field(&p->e, KERR_NOTFOUND, "item", KWHY_UNKNOWN, "no such item in this meeting");
	return meeting_do_proposal_order(p, MCTX(p)->item, found);
}

static int do_ballot(page *p)
{
	return meeting_do_ballot(p, MCTX(p)->item);
}

static int do_votes(page *p)
{
	return meeting_do_votes(p, MCTX(p)->item);
}

static int do_approve(page *p)
{
	int adjusted = 0;
	int rc = minutes_approve(p->r->k, p->org_id, MCTX(p)->mid, &adjusted, &p->e);
	if (adjusted)
		p->done = _("Protokollet är justerat, låst, registrerat och anslaget på anslagstavlan.");
	return rc;
}

/* The extract goes to the parties ticked and to each line of "mottagare". */
static int do_dispatch(page *p)
{
	request *r = p->r;
	char *copy = strdup(req_str(r, "mottagare")), *save = NULL;
	if (!copy)
		return kerr_set(&p->e, KERR_INTERNAL, "out of memory");
	const char *names[50];
	int n = 0;
	for (int f = 0; f < r->nfields && n < 50; f++)
		if (!strcmp(r->fields[f].name, "part") && r->fields[f].value.len)
			names[n++] = r->fields[f].value.s;
	for (char *line = strtok_r(copy, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ')
			line++;
		if (*line && n < 50)
			names[n++] = line;
	}
	int rc = minutes_dispatch(r->k, p->org_id, MCTX(p)->item, names, n, &p->e);
	free(copy);
	return rc;
}

static const struct page_action meeting_actions[] = {
	{ "lagg-till", do_add_item, N_("Punkten är tillagd på föredragningslistan.") },
	{ "staende", do_add_item, N_("Punkten är tillagd på föredragningslistan.") },
	{ "bifoga", do_attach, N_("Handlingen skickas med kallelsen.") },
	{ "upp", do_up, N_("Punkten är flyttad.") },
	{ "ner", do_down, N_("Punkten är flyttad.") },
	{ "ta-bort", do_remove_item, N_("Punkten är borttagen.") },
	{ "kalla", do_call, N_("Kallelsen är registrerad och sammanträdet kallat.") },
	{ "narvaro", do_attendance, N_("Närvaron är antecknad.") },
	{ "justerare", do_adjuster, N_("Justerarna är ändrade.") },
	{ "ej-justerare", do_not_adjuster, N_("Justerarna är ändrade.") },
	{ "upprätta", do_draw_up, N_("Protokollet är upprättat och paragraferna numrerade.") },
	{ "beslut", do_decision, N_("Beslutet är sparat.") },
	{ "beslut-alla", do_decisions_all, N_("Besluten är sparade.") },
	{ "narvaro-alla", do_attendance_all, N_("Närvaron är antecknad.") },
	{ "anteckna", do_minutes_note, N_("Antecknat i protokollet.") },
	{ "yrkande", do_propose, N_("Yrkandet är antecknat.") },
	{ "yrkande-bort", do_proposal_remove, N_("Yrkandet är borttaget.") },
	{ "ordning", do_proposal_order, N_("Propositionsordningen är sparad.") },
	{ "omrostning", do_ballot, N_("Omröstningen är begärd.") },
	{ "roster", do_votes, N_("Rösterna är sparade.") },
	{ "justera", do_approve, N_("Du har justerat protokollet.") },
	{ "expediera", do_dispatch, N_("Protokollsutdraget är expedierat och registrerat.") },
};

/* PAGE: POST /sammantrade  access: staff */
enum MHD_Result page_meeting_change(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	struct meeting_ctx c = { 0, 0, 0 };
	if (!req_form(r, "atgard") || req_int(r, "id", 1, INT64_MAX, &c.mid, &p->e))
		return page_error(p, 400, N_("Sammanträde och åtgärd saknas."));
	if (req_int(r, "punkt", 1, INT64_MAX, &c.item, &p->e) < 0 ||
	    req_int(r, "ledamot", 1, INT64_MAX, &c.member, &p->e) < 0)
		return page_bad_param(p);
	p->ctx = &c;
	if (page_act(p, PAGE_ACTIONS(meeting_actions), &ret))
		return ret;
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)c.mid);
	return page_redirect_done(p, "/sammantrade", "id", idtext, p->done);
}

/* PAGE: GET /sammantrade/kallelse.pdf  access: staff */
enum MHD_Result page_meeting_notice_pdf(page *p)
{
	request *r = p->r;
	int64_t id = 0;
	if (req_int(r, "id", 1, INT64_MAX, &id, &p->e) < 0)
		return page_bad_param(p);
	buf pdf = BUF_INIT;
	if (meeting_notice_pdf(r->k, p->org_id, id, &pdf, &p->e)) {
		buf_free(&pdf);
		return page_fail_p(p);
	}
	return web_send(r, 200, "application/pdf", &pdf);
}

/* --- /delegationsbeslut --- */

/* The fields of a delegated decision's record that can be masked: it has
 * a title and a body (the summary, who decided), no party and no files. */
static const struct mask_choice delegation_masks[] = {
	{ "title", N_("Rubrik (beslutet i korthet)") }, { "body", N_("Innehåll (beslutet och beslutsfattaren)") },
};

/* The meeting a delegated decision was reported at, or "Inte ännu". */
static void reported_cell(page *p, json_t *x)
{
	char mid[24];
	if (!json_object_get(x, "reported_meeting")) {
		view_cell(&p->b, _("Inte ännu"));
		return;
	}
	int_text(mid, json_object_get(x, "reported_meeting"));
	html_f(&p->b, _("<td><a href=\"/sammantrade?org=%-s&amp;id=%s\">Ja, sammanträde %s</a></td>"), p->org, mid, mid);
}

static const struct column delegation_columns[] = {
	COL(N_("Datum"), CELL_TEXT, "date"), COL(N_("Nämnd"), CELL_TEXT, "board"), COL(N_("Ärende"), CELL_CASE, "case"),
	COL(N_("Punkt"), CELL_TEXT, "point"), COL(N_("Beslutat av"), CELL_TEXT, "decided_by"),
	COL(N_("Beslut"), CELL_TEXT, "summary"), COL(N_("Handling"), CELL_RECORD, "record"),
	COL_CUSTOM(N_("Anmält"), reported_cell),
};

/* PAGE: GET /delegationsbeslut  access: staff */
enum MHD_Result page_delegations(page *p)
{
	request *r = p->r;
	json_t *list = page_own(p, delegation_list(r->k, p->org_id, NULL, 0, &p->e));
	json_t *boards = list ? page_own(p, board_list(r->k, p->org_id, &p->e)) : NULL;
	if (!boards)
		return page_fail_p(p);
	page_begin(p, _("Delegationsbeslut"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<h1>Delegationsbeslut</h1>\n"));
	view_form_begin(&p->b, r, "/delegationsbeslut", "form", p->org);
	html_f(&p->b, _("<fieldset><legend>Registrera delegationsbeslut</legend>"
	       "<p><label for=\"d-arende\">Ärende (diarienummer)</label><input id=\"d-arende\" name=\"arende\" required></p>"
	       "<p><label for=\"d-namnd\">Nämnd som delegerat</label><select id=\"d-namnd\" name=\"namnd\">"));
	view_options(&p->b, boards, "code", "name", NULL);
	html_f(&p->b, _("</select></p><p><label for=\"d-punkt\">Punkt i delegationsordningen</label>"
	       "<input id=\"d-punkt\" name=\"punkt\" required></p>"
	       "<p><label for=\"d-av\">Beslutat av</label><input id=\"d-av\" name=\"av\" required></p>"
	       "<p><label for=\"d-datum\">Beslutsdatum</label><input id=\"d-datum\" name=\"datum\" type=\"date\"></p>"
	       "<p><label for=\"d-beslut\">Beslutet i korthet</label><input id=\"d-beslut\" name=\"beslut\" required></p>"
	       ));
	html_f(&p->b, _("<fieldset><legend>Sekretess</legend><p class=\"muted\" id=\"sekretess-hint\">Ett beslut som rör en "
	       "enskild, t.ex. inom socialtjänsten eller i ett personalärende, registreras med sekretess. "
	       "Beslutet i korthet står i handlingens rubrik och innehåll, beslutsfattaren i innehållet.</p>"
	       "<p><label for=\"sekretess\">Sekretess</label><select id=\"sekretess\" name=\"sekretess\" "
	       "aria-describedby=\"sekretess-hint\">"));
	html_options(&p->b, req_param(r, "sekretess"), "none", _("Ingen"), "partial", _("Delvis (maskera valda uppgifter)"),
	             "full", _("Hela handlingen"), NULL);
	html_f(&p->b, _("</select></p><p><label for=\"lagrum\">Lagrum</label><span class=\"muted\" id=\"lagrum-hint\">"
	       "T.ex. OSL 26 kap. 1 §</span><br><input id=\"lagrum\" name=\"lagrum\" aria-describedby=\"lagrum-hint\" "
	       "value=\"%s\"></p><fieldset><legend>Maskera vid delvis sekretess</legend>"), req_str(r, "lagrum"));
	view_mask_boxes(&p->b, r, delegation_masks, sizeof delegation_masks / sizeof delegation_masks[0]);
	html_f(&p->b, _("</fieldset></fieldset>"
	       "<p><button type=\"submit\">Registrera</button></p></fieldset></form>\n"));
	table_write(p, _("Registrerade delegationsbeslut, senaste först"), COLUMNS(delegation_columns), list);
	return page_close(p);
}

/* PAGE: POST /delegationsbeslut  access: staff */
enum MHD_Result page_delegation_register(page *p)
{
	request *r = p->r;
	char rec[CASENUM_MAX];
	int64_t id;
	delegation_new d = { .case_number = req_form(r, "arende"), .board = req_form(r, "namnd"),
	                     .point = req_form(r, "punkt"), .decided_by = req_form(r, "av"),
	                     .date = req_form(r, "datum"), .summary = req_form(r, "beslut") };
	/* As the record form: a ground only with secrecy, masks only when partial. */
	char masked[32];
	view_masked_fields(r, delegation_masks, sizeof delegation_masks / sizeof delegation_masks[0], masked,
	                   sizeof masked);
	const char *secrecy = req_form(r, "sekretess");
	d.secrecy = secrecy;
	d.legal_ground = secrecy && strcmp(secrecy, "none") ? req_form(r, "lagrum") : NULL;
	d.masked = secrecy && !strcmp(secrecy, "partial") ? masked : NULL;
	if (delegation_register(r->k, p->org_id, &d, &id, rec, &p->e))
		return page_fail_p(p);
	char msg[200];
	snprintf(msg, sizeof msg, _("Delegationsbeslutet är registrerat som %s."), rec);
	return page_redirect_done(p, "/delegationsbeslut", NULL, NULL, msg);
}
