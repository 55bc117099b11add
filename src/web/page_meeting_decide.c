/*
 * page_meeting_decide.c — on the meeting page (/sammantrade), how each §
 * is decided: its quorum, jäv, the proposals (yrkanden) with the order
 * they are put (propositionsordning), the roll-call vote and its result,
 * and the forms that record them; see page_meeting_decide.h. The actions
 * run through page_meeting.c's table, so they answer and come back
 * refused as every other form of the page does.
 */
#include "web/page_meeting_decide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/meeting.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/view.h"

static void int_text(char out[24], json_t *v)
{
	snprintf(out, 24, "%lld", (long long)json_integer_value(v));
}

/* 1 when the page comes back for this §'s refused form atgard. */
static int refused_here(request *r, const char *atgard, const char *item)
{
	return r->form && !strcmp(req_str(r, "atgard"), atgard) && !strcmp(req_str(r, "punkt"), item);
}

static void form_open(buf *b, request *r, const char *org, const char *id, const char *atgard, const char *item,
                      const char *summary)
{
	html_f(b, refused_here(r, atgard, item) ? "<details class=\"action-group\" open><summary>%s</summary>"
	                                        : "<details class=\"action-group\"><summary>%s</summary>", summary);
	view_form_begin(b, r, "/sammantrade", "form", org);
	view_hidden(b, "id", id);
	view_hidden(b, "atgard", atgard);
	view_hidden(b, "punkt", item);
}

void meeting_quorum_view(buf *b, json_t *q, int paragraph)
{
	int met = json_is_true(json_object_get(q, "met"));
	long long serving = (long long)json_integer_value(json_object_get(q, "serving"));
	long long seats = (long long)json_integer_value(json_object_get(q, "seats"));
	long long needed = (long long)json_integer_value(json_object_get(q, "needed"));
	if (met && paragraph)
		return; /* a § as the meeting: said once, above */
	if (met)
		html_f(b, _("<p class=\"quorum\">Beslutförhet: %lld av %lld ledamöter tjänstgör. Nämnden är beslutför.</p>\n"),
		       serving, seats);
	else if (paragraph)
		html_f(b, _("<div class=\"refused\"><p><strong>Inte beslutför i paragrafen</strong></p><p>%lld av %lld "
		       "ledamöter deltar (jäv räknas bort); minst %lld krävs. Inget beslut kan fattas.</p></div>\n"),
		       serving, seats, needed);
	else
		html_f(b, _("<div class=\"refused\"><p><strong>Nämnden är inte beslutför</strong></p><p>%lld av %lld "
		       "ledamöter tjänstgör; minst %lld (mer än hälften) krävs. Protokollet kan upprättas, men inget "
		       "beslut kan fattas förrän närvaron visar att nämnden är beslutför.</p></div>\n"),
		       serving, seats, needed);
}

/* The members who take part in the §: ledamöter present and ersättare
 * serving, without jäv in it (core decides; this only offers them). */
static int takes_part(json_t *a, json_t *it)
{
	const char *st = view_str(a, "status"), *role = view_str(a, "role");
	if (!st || strcmp(st, "present") || (strcmp(role, "ledamot") && !json_object_get(a, "serving_for")))
		return 0;
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(it, "notes"), i, n)
		if (!strcmp(view_str(n, "kind"), "jav") &&
		    json_integer_value(json_object_get(n, "member_id")) == json_integer_value(json_object_get(a, "member_id")))
			return 0;
	return 1;
}

static const char *choice_label(const char *c)
{
	return !strcmp(c, "ja") ? _("Ja") : !strcmp(c, "nej") ? _("Nej") : _("Avstår");
}

/* What the § records of how it was decided, as the minutes say it. */
static void decide_record(buf *b, json_t *it)
{
	json_t *props = json_object_get(it, "proposals"), *p, *n, *vote = json_object_get(it, "vote");
	size_t i;
	json_array_foreach(json_object_get(it, "notes"), i, n)
		if (!strcmp(view_str(n, "kind"), "jav"))
			html_f(b, _("<p>%s deltar inte i handläggningen på grund av jäv.</p>"), view_str(n, "name"));
	if (json_array_size(props)) {
		html_f(b, _("<p><strong>Yrkanden</strong></p><ol class=\"proposals\">"));
		json_array_foreach(props, i, p) {
			html_f(b, "<li>%s", view_str(p, "name"));
			if (*view_str(p, "party"))
				html_f(b, " (%s)", view_str(p, "party"));
			html_f(b, ": %s</li>", view_str(p, "text"));
		}
		html_f(b, "</ol>");
		if (json_array_size(props) > 1) {
			html_f(b, _("<p>Propositionsordning:"));
			for (json_int_t want = 1; want <= (json_int_t)json_array_size(props); want++)
				json_array_foreach(props, i, p)
					if (json_integer_value(json_object_get(p, "order")) == want)
						html_f(b, " %zu", i + 1);
			html_f(b, "</p>");
		}
	}
	if (!vote)
		return;
	size_t yes = 0, no = 0, win = 0;
	json_array_foreach(props, i, p) {
		json_int_t pid = json_integer_value(json_object_get(p, "id"));
		yes = pid == json_integer_value(json_object_get(vote, "yes")) ? i + 1 : yes;
		no = pid == json_integer_value(json_object_get(vote, "no")) ? i + 1 : no;
		win = pid == json_integer_value(json_object_get(vote, "winner")) ? i + 1 : win;
	}
	const char *const cols[] = { _("Ledamot"), _("Röst") };
	char caption[200];
	snprintf(caption, sizeof caption, _("Omröstning: ja för yrkande %zu, nej för yrkande %zu"), yes, no);
	view_table_begin(b, caption, cols, 2);
	json_array_foreach(json_object_get(vote, "votes"), i, p) {
		html_f(b, "<tr>");
		view_cell(b, view_str(p, "name"));
		view_cell(b, choice_label(view_str(p, "choice")));
		html_f(b, "</tr>\n");
	}
	view_table_end(b);
	html_f(b, _("<p>Resultat: %lld ja, %lld nej, %lld avstår."),
	       (long long)json_integer_value(json_object_get(vote, "ja")),
	       (long long)json_integer_value(json_object_get(vote, "nej")),
	       (long long)json_integer_value(json_object_get(vote, "avstar")));
	if (view_str(vote, "casting"))
		html_f(b, _(" Lika röstetal; ordförandens utslagsröst (%s) avgör."), choice_label(view_str(vote, "casting")));
	if (win)
		html_f(b, _(" Beslut enligt yrkande %zu.</p>"), win);
	else
		html_f(b, _(" Lika röstetal utan utslagsröst.</p>"));
}

/* A select of the proposals of the §, by their number in the minutes. */
static void proposal_select(buf *b, json_t *props, const char *fid, const char *name, const char *label,
                            const char *current, int optional)
{
	html_f(b, "<p><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">", fid, label, fid, name);
	if (optional)
		html_option(b, "", _("inget"), current);
	size_t i;
	json_t *p;
	json_array_foreach(props, i, p) {
		char pid[24], text[300];
		int_text(pid, json_object_get(p, "id"));
		snprintf(text, sizeof text, _("Yrkande %zu (%s)"), i + 1, view_str(p, "name"));
		html_option(b, pid, text, current);
	}
	html_f(b, "</select></p>");
}

void meeting_decide_view(buf *b, request *r, const char *org, const char *id, json_t *m, json_t *it, int frozen)
{
	json_t *att = json_object_get(m, "attendance"), *a, *props = json_object_get(it, "proposals");
	size_t i;
	char item[24], fid[48];
	int_text(item, json_object_get(it, "id"));
	meeting_quorum_view(b, json_object_get(it, "quorum"), 1);
	decide_record(b, it);
	if (frozen || !view_str(it, "case"))
		return;
	/* a proposal by a member who takes part */
	int mine = refused_here(r, "yrkande", item);
	form_open(b, r, org, id, "yrkande", item, _("Yrkande"));
	snprintf(fid, sizeof fid, "yrkare-%s", item);
	html_f(b, _("<fieldset><legend>Yrkande</legend><p><label for=\"%s\">Ledamot</label><select id=\"%s\" "
	       "name=\"yrkare\">"), fid, fid);
	json_array_foreach(att, i, a) {
		if (!takes_part(a, it))
			continue;
		char mid[24];
		int_text(mid, json_object_get(a, "member_id"));
		html_option(b, mid, view_str(a, "name"), mine ? req_str(r, "yrkare") : NULL);
	}
	snprintf(fid, sizeof fid, "yrkande-%s", item);
	html_f(b, _("</select></p><p><label for=\"%s\">Yrkandet</label><input id=\"%s\" name=\"yrkandetext\" value=\"%s\"></p>"
	       "<p><button type=\"submit\">Spara yrkandet</button></p></fieldset></form></details>"), fid, fid,
	       mine ? req_str(r, "yrkandetext") : "");
	if (!json_array_size(props))
		return;
	form_open(b, r, org, id, "yrkande-bort", item, _("Ta bort ett yrkande"));
	snprintf(fid, sizeof fid, "bort-%s", item);
	proposal_select(b, props, fid, "forslag", _("Yrkande"), NULL, 0);
	html_f(b, _("<p><button type=\"submit\">Ta bort yrkandet</button></p></form></details>"));
	if (json_array_size(props) < 2)
		return;
	mine = refused_here(r, "ordning", item);
	form_open(b, r, org, id, "ordning", item, _("Propositionsordning"));
	snprintf(fid, sizeof fid, "ordning-%s", item);
	html_f(b, _("<p><label for=\"%s\">Yrkandenas nummer i den ordning de ställs under proposition, till exempel "
	       "2, 1</label><input id=\"%s\" name=\"ordning\" value=\"%s\"></p><p><button type=\"submit\">Spara "
	       "propositionsordningen</button></p></form></details>"), fid, fid, mine ? req_str(r, "ordning") : "");
	json_t *vote = json_object_get(it, "vote");
	form_open(b, r, org, id, "omrostning", item, vote ? _("Ändra omröstningen") : _("Omröstning"));
	char yes[24] = "", no[24] = "";
	if (vote) {
		int_text(yes, json_object_get(vote, "yes"));
		int_text(no, json_object_get(vote, "no"));
	}
	snprintf(fid, sizeof fid, "ja-%s", item);
	proposal_select(b, props, fid, "ja", _("Ja för"), yes, 0);
	snprintf(fid, sizeof fid, "nej-%s", item);
	proposal_select(b, props, fid, "nej", _("Nej för"), no, 0);
	html_f(b, _("<p><button type=\"submit\">Begär omröstning</button></p></form></details>"));
	if (!vote)
		return;
	/* every vote of the § in one form */
	form_open(b, r, org, id, "roster", item, _("Röster"));
	html_f(b, _("<fieldset><legend>Röster</legend>"));
	json_array_foreach(att, i, a) {
		if (!takes_part(a, it))
			continue;
		char mid[24], cur[8] = "";
		int_text(mid, json_object_get(a, "member_id"));
		size_t j;
		json_t *v;
		json_array_foreach(json_object_get(vote, "votes"), j, v)
			if (json_integer_value(json_object_get(v, "member_id")) == json_integer_value(json_object_get(a, "member_id")))
				snprintf(cur, sizeof cur, "%s", view_str(v, "choice"));
		snprintf(fid, sizeof fid, "rost-%s", mid);
		html_f(b, "<p><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\">", fid, item,
		       view_str(a, "name"), fid, item, fid);
		html_options(b, cur, "", _("Ingen röst"), "ja", _("Ja"), "nej", _("Nej"), "avstar", _("Avstår"), NULL);
		html_f(b, "</select></p>");
	}
	html_f(b, _("<p><button type=\"submit\">Spara rösterna</button></p></fieldset></form></details>"));
}

void meeting_reservation_proposal(buf *b, request *r, json_t *it, const char *item, int mine)
{
	json_t *props = json_object_get(it, "proposals");
	if (!json_array_size(props))
		return;
	char fid[48];
	snprintf(fid, sizeof fid, "forman-%s", item);
	proposal_select(b, props, fid, "yrkande", _("Till förmån för"), mine ? req_str(r, "yrkande") : NULL, 1);
}

int meeting_do_propose(page *p, int64_t item)
{
	int64_t id, member = 0; /* "yrkare": the member who makes it */
	if (req_int(p->r, "yrkare", 1, INT64_MAX, &member, &p->e) < 0)
		return p->e.code;
	return minutes_propose(p->r->k, p->org_id, item, member, req_str(p->r, "yrkandetext"), &id, &p->e);
}

int meeting_do_proposal_remove(page *p)
{
	int64_t proposal = 0;
	if (req_int(p->r, "forslag", 1, INT64_MAX, &proposal, &p->e))
		return p->e.code ? p->e.code : kerr_field(&p->e, KERR_INVALID, "proposal", KWHY_REQUIRED, "choose a proposal");
	return minutes_proposal_remove(p->r->k, p->org_id, proposal, &p->e);
}

/* "2, 1": the proposals' numbers in the minutes, in the order they are put. */
int meeting_do_proposal_order(page *p, int64_t item, json_t *it)
{
	json_t *props = json_object_get(it, "proposals");
	int64_t ids[64];
	size_t n = 0;
	const char *s = req_str(p->r, "ordning");
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s) {
			if (*s != ',' && *s != ' ')
				return kerr_field(&p->e, KERR_INVALID, "proposal_order", KWHY_FORMAT,
				                  "the order is the proposals' numbers, like 2, 1");
			s++;
			continue;
		}
		if (v < 1 || (size_t)v > json_array_size(props) || n >= 64)
			return kerr_field(&p->e, KERR_INVALID, "proposal_order", KWHY_RANGE, "no proposal %ld in this §", v);
		ids[n++] = json_integer_value(json_object_get(json_array_get(props, (size_t)v - 1), "id"));
		s = end;
	}
	return minutes_proposal_order(p->r->k, p->org_id, item, ids, n, &p->e);
}

int meeting_do_ballot(page *p, int64_t item)
{
	int64_t yes = 0, no = 0;
	if (req_int(p->r, "ja", 1, INT64_MAX, &yes, &p->e) < 0 || req_int(p->r, "nej", 1, INT64_MAX, &no, &p->e) < 0)
		return p->e.code;
	return minutes_ballot(p->r->k, p->org_id, item, yes, no, &p->e);
}

/* "rost-MEMBER": each member's vote (ja, nej, avstar, or "" for none). */
int meeting_do_votes(page *p, int64_t item)
{
	request *r = p->r;
	minutes_vote_in list[REQ_MAX_FIELDS];
	size_t n = 0;
	for (int f = 0; f < r->nfields; f++) {
		const char *name = r->fields[f].name;
		if (r->fields[f].filename || strncmp(name, "rost-", 5))
			continue;
		char *end;
		long long member = strtoll(name + 5, &end, 10);
		if (*end || member <= 0)
			continue;
		list[n++] = (minutes_vote_in){ member, r->fields[f].value.s ? r->fields[f].value.s : "" };
	}
	return minutes_votes(r->k, p->org_id, item, list, n, &p->e);
}
