/*
 * api_meetings.c — the JSON API's committee resources: boards and members,
 * cases ready for decision, meetings with their agenda items, the notice,
 * attendance, adjusters, minutes and their approval, dispatch, and
 * delegated decisions. Meetings, items and members are named by id.
 * Every change answers with the meeting (or board) as it now is.
 */
#include <stdio.h>
#include <string.h>

#include "core/board.h"
#include "core/delegation.h"
#include "core/meeting.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/respond.h"

static int64_t int_member(json_t *in, const char *key)
{
	json_t *v = json_object_get(in, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* The meeting after a change, or the change's error. */
static enum MHD_Result meeting_after(request *r, int64_t org_id, int64_t id, int rc, kerr *e, unsigned status)
{
	if (rc)
		return api_fail(r, e);
	json_t *m = meeting_show(r->k, org_id, id, e);
	return api_reply(r, status, m, e);
}

static enum MHD_Result api_boards(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = board_list(r->k, org_id, &e);
	static const struct api_order order[] = { { "code", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "boards", order, 1, 0, 1 };
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_board_add(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	int rc = board_add(r->k, org_id, api_str(in, "code"), api_str(in, "name"), api_str(in, "kind"),
	                   api_str(in, "series"), &e);
	json_t *v = rc ? NULL : board_show(r->k, org_id, api_str(in, "code"), &e);
	return api_reply(r, 201, v, &e);
}

static enum MHD_Result api_board(request *r, int64_t org_id, const char *code, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = board_show(r->k, org_id, code, &e);
	return api_reply(r, 200, v, &e);
}

static void member_fields(json_t *in, board_member_new *m)
{
	m->name = api_str(in, "name");
	m->party = api_str(in, "party");
	m->role = api_str(in, "role");
	m->position = api_str(in, "position");
	m->term_from = api_str(in, "from");
	m->term_to = api_str(in, "to");
	m->username = api_str(in, "account");
}

static enum MHD_Result api_member_add(request *r, int64_t org_id, const char *code, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	board_member_new m;
	member_fields(in, &m);
	int64_t id;
	int rc = board_member_add(r->k, org_id, code, &m, &id, &e);
	if (rc)
		return api_fail(r, &e);
	json_t *v = board_show(r->k, org_id, code, &e);
	if (v)
		json_object_set_new(v, "member_id", json_integer(id));
	return api_reply(r, 201, v, &e);
}

static enum MHD_Result api_member_edit(request *r, int64_t org_id, const char *sid, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	board_member_new m;
	member_fields(in, &m);
	int rc = api_path_id(sid) ? board_member_edit(r->k, org_id, api_path_id(sid), &m, &e)
	                      : kerr_set(&e, KERR_NOTFOUND, "no such member");
	return rc ? api_fail(r, &e) : web_json(r, 200, json_pack("{s:I}", "member_id", (json_int_t)api_path_id(sid)));
}

static enum MHD_Result api_case_ready(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	int rc = api_path_number(slug, num, sizeof num, "case", &e)
	         || agenda_mark_ready(r->k, org_id, num, api_str(in, "board"), &e);
	json_t *out = rc ? NULL : json_pack("{s:s,s:s?}", "case", num, "ready_for", api_str(in, "board"));
	return rc ? api_fail(r, &e) : web_json(r, 200, out);
}

static enum MHD_Result api_meetings(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = meeting_list(r->k, org_id, req_query(r, "board"), &e);
	static const struct api_order order[] = {
		{ "date", KEY_WHOLE, 1, 0 }, { "time", KEY_WHOLE, 1, 0 }, { "id", KEY_WHOLE, 1, 0 },
	};
	static const struct api_list_spec spec = { "meetings", order, 3, 0, 1 };
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_meeting_create(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	int64_t id = 0;
	int rc = meeting_create(r->k, org_id, api_str(in, "board"), api_str(in, "date"), api_str(in, "time"),
	                        api_str(in, "place"), &id, &e);
	return meeting_after(r, org_id, id, rc, &e, 201);
}

static enum MHD_Result api_meeting(request *r, int64_t org_id, const char *sid, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = meeting_show(r->k, org_id, api_path_id(sid), &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result api_meeting_ready(request *r, int64_t org_id, const char *sid, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = agenda_ready_cases(r->k, org_id, api_path_id(sid), &e);
	static const struct api_order order[] = {
		{ "case", KEY_YEAR, 0, 0 }, { "case", KEY_SEQ, 0, 0 }, { "case", KEY_PREFIX, 0, 0 },
	};
	static const struct api_list_spec spec = { "cases", order, 3, 0, 1 };
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_notice_pdf(request *r, int64_t org_id, const char *sid, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	buf pdf = BUF_INIT;
	int rc = meeting_notice_pdf(r->k, org_id, api_path_id(sid), &pdf, &e);
	return api_send(r, rc, "application/pdf", &pdf, &e);
}

static enum MHD_Result api_minutes_text(request *r, int64_t org_id, const char *sid, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	buf t = BUF_INIT;
	int rc = minutes_text(r->k, org_id, api_path_id(sid), &t, &e);
	return api_send(r, rc, "text/plain; charset=utf-8", &t, &e);
}

/* POST /meetings/{id}/{what}: one change of a meeting per call. */
static enum MHD_Result api_meeting_change(request *r, int64_t org_id, const char *sid, const char *what, json_t *in)
{
	kerr e = KERR_INIT;
	int64_t id = api_path_id(sid), item;
	int rc, adjusted = 0;
	unsigned status = 200;
	char rec[CASENUM_MAX];
	if (!id)
		rc = kerr_set(&e, KERR_NOTFOUND, "no such meeting");
	else if (!strcmp(what, "notice"))
		rc = meeting_send_notice(r->k, org_id, id, rec, &e);
	else if (!strcmp(what, "items")) {
		status = 201;
		rc = api_str(in, "standing") ? agenda_add_standing(r->k, org_id, id, api_str(in, "standing"), &item, &e)
		     : agenda_add_case(r->k, org_id, id, api_str(in, "case"), api_str(in, "title"), &item, &e);
	} else if (!strcmp(what, "attendance"))
		rc = minutes_attendance(r->k, org_id, id, int_member(in, "member"), api_str(in, "status"),
		                        int_member(in, "serving_for"), &e);
	else if (!strcmp(what, "adjusters"))
		rc = minutes_adjuster(r->k, org_id, id, int_member(in, "member"),
		                      json_is_true(json_object_get(in, "remove")), &e);
	else if (!strcmp(what, "draw-up"))
		rc = minutes_draw_up(r->k, org_id, id, NULL, &e); /* the meeting's quorum says whether to warn */
	else if (!strcmp(what, "approvals")) {
		rc = minutes_approve(r->k, org_id, id, &adjusted, &e);
		status = 201;
	} else
		rc = kerr_set(&e, KERR_NOTFOUND, "no such change of a meeting");
	return meeting_after(r, org_id, id, rc, &e, status);
}

/* proposal-order {proposals: [id, ...]}: the propositionsordning. */
static int api_proposal_order(request *r, int64_t org_id, int64_t item, json_t *list, kerr *e)
{
	int64_t ids[64];
	size_t n = 0, i;
	json_t *v;
	if (json_array_size(list) > 64)
		return kerr_field(e, KERR_INVALID, "proposal", KWHY_RANGE, "at most 64 proposals in a §");
	json_array_foreach(list, i, v)
		ids[n++] = json_is_integer(v) ? json_integer_value(v) : 0;
	return minutes_proposal_order(r->k, org_id, item, ids, n, e);
}

/* votes {votes: [{member, choice}, ...]}: a roll-call vote's votes, together. */
static int api_votes(request *r, int64_t org_id, int64_t item, json_t *list, kerr *e)
{
	minutes_vote_in votes[128];
	size_t n = 0, i;
	json_t *v;
	if (json_array_size(list) > 128)
		return kerr_field(e, KERR_INVALID, "vote", KWHY_RANGE, "at most 128 votes at a time");
	json_array_foreach(list, i, v) {
		const char *c = json_string_value(json_object_get(v, "choice"));
		votes[n++] = (minutes_vote_in){ int_member(v, "member"), c ? c : "?" };
	}
	return minutes_votes(r->k, org_id, item, votes, n, e);
}

/* POST /items/{id}/{what}: a change of one agenda item. */
static enum MHD_Result api_item_change(request *r, int64_t org_id, const char *sid, const char *what, json_t *in)
{
	kerr e = KERR_INIT;
	int64_t item = api_path_id(sid);
	int rc;
	meeting_row m = { 0 };
	if (!item || meeting_load_item(r->k, org_id, item, &m, &e)) {
		if (!e.code)
			kerr_set(&e, KERR_NOTFOUND, "no such agenda item");
		return api_fail(r, &e);
	}
	if (!strcmp(what, "records"))
		rc = agenda_attach(r->k, org_id, item, api_str(in, "record"), &e);
	else if (!strcmp(what, "remove"))
		rc = agenda_remove(r->k, org_id, item, &e);
	else if (!strcmp(what, "move"))
		rc = api_str(in, "direction") && (!strcmp(api_str(in, "direction"), "up") ||
		                                  !strcmp(api_str(in, "direction"), "down"))
		     ? agenda_move(r->k, org_id, item, !strcmp(api_str(in, "direction"), "up"), &e)
		     : kerr_set(&e, KERR_INVALID, "\"direction\" is up or down");
	else if (!strcmp(what, "decision"))
		rc = minutes_decision(r->k, org_id, item, api_str(in, "text") ? api_str(in, "text") : "", &e);
	else if (!strcmp(what, "notes"))
		rc = minutes_note(r->k, org_id, item, int_member(in, "member"), api_str(in, "kind"), api_str(in, "text"),
		                  int_member(in, "proposal"), json_is_true(json_object_get(in, "remove")), &e);
	else if (!strcmp(what, "proposals")) {
		int64_t id;
		rc = minutes_propose(r->k, org_id, item, int_member(in, "member"),
		                     api_str(in, "text") ? api_str(in, "text") : "", &id, &e);
	} else if (!strcmp(what, "proposal-remove"))
		rc = minutes_proposal_remove(r->k, org_id, int_member(in, "proposal"), &e);
	else if (!strcmp(what, "proposal-order"))
		rc = api_proposal_order(r, org_id, item, json_object_get(in, "proposals"), &e);
	else if (!strcmp(what, "ballot"))
		rc = minutes_ballot(r->k, org_id, item, int_member(in, "yes"), int_member(in, "no"), &e);
	else if (!strcmp(what, "votes"))
		rc = api_votes(r, org_id, item, json_object_get(in, "votes"), &e);
	else if (!strcmp(what, "dispatch")) {
		json_t *to = json_object_get(in, "recipients"), *v;
		const char *names[50];
		int n = 0;
		size_t i;
		json_array_foreach(to, i, v)
			if (n < 50)
				names[n++] = json_is_string(v) ? json_string_value(v) : "";
		rc = json_array_size(to) > 50 ? kerr_set(&e, KERR_INVALID, "at most 50 recipients")
		     : minutes_dispatch(r->k, org_id, item, names, n, &e);
	} else
		rc = kerr_set(&e, KERR_NOTFOUND, "no such change of an agenda item");
	return meeting_after(r, org_id, m.id, rc, &e, 200);
}

static enum MHD_Result api_delegations(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	const char *unrep = req_query(r, "unreported");
	int unreported = unrep && !strcmp(unrep, "1");
	/* newest first; those not yet reported oldest first, as they are reported */
	static const struct api_order newest[] = { { "date", KEY_WHOLE, 1, 0 }, { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_order oldest[] = { { "date", KEY_WHOLE, 0, 0 }, { "id", KEY_WHOLE, 0, 0 } };
	const struct api_list_spec spec = { "delegations", unreported ? oldest : newest, 2, 0, 1 };
	json_t *v = delegation_list(r->k, org_id, req_query(r, "board"), unreported, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_delegation_register(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	delegation_new d = { .case_number = api_str(in, "case"), .board = api_str(in, "board"),
	                     .point = api_str(in, "point"), .decided_by = api_str(in, "decided_by"),
	                     .date = api_str(in, "date"), .summary = api_str(in, "summary"),
	                     .secrecy = api_str(in, "secrecy"), .legal_ground = api_str(in, "legal_ground"),
	                     .masked = api_str(in, "masked") };
	int64_t id;
	char rec[CASENUM_MAX];
	int rc = delegation_register(r->k, org_id, &d, &id, rec, &e);
	if (rc)
		return api_fail(r, &e);
	return web_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "record", rec));
}

const struct api_route api_meetings_routes[] = {
	{ "GET", "/api/v1/boards", api_boards, 1, "Boards with their number of current members", 0 },
	{ "POST", "/api/v1/boards", api_board_add, 1, "Add a board: {code, name, kind: fullmaktige|styrelse|namnd|utskott, series}", API_JSON },
	{ "GET", "/api/v1/boards/{code}", api_board, 1, "A board with its members and their terms", 0 },
	{ "POST", "/api/v1/boards/{code}/members", api_member_add, 1, "Add a member: {name, role: ledamot|ersattare|sekreterare, from, to?, position?: ordforande|vice_ordforande, party?, account?}", API_JSON },
	{ "POST", "/api/v1/members/{id}", api_member_edit, 1, "Change a member: any of {name, role, position, from, to, party, account} (\"\" clears)", API_JSON },
	{ "POST", "/api/v1/cases/{case}/ready", api_case_ready, 1, "Mark a case ready for decision: {board} ({board: null} clears)", API_JSON },
	{ "GET", "/api/v1/meetings", api_meetings, 1, "Meetings, newest first (filter: board)", 0 },
	{ "POST", "/api/v1/meetings", api_meeting_create, 1, "Plan a meeting: {board, date, time, place}; opens its case, standing items on its agenda", API_JSON },
	{ "GET", "/api/v1/meetings/{id}", api_meeting, 1, "A meeting: agenda, attendance, paragraphs, approvers, minutes text and its SHA-256", 0 },
	{ "GET", "/api/v1/meetings/{id}/ready", api_meeting_ready, 1, "Cases ready for decision by the meeting's board, not on an agenda", 0 },
	{ "GET", "/api/v1/meetings/{id}/notice.pdf", api_notice_pdf, 1, "The notice (kallelse) as PDF", 0 },
	{ "GET", "/api/v1/meetings/{id}/minutes.txt", api_minutes_text, 1, "The canonical text of the minutes (what approvals bind by SHA-256)", 0 },
	{ "POST", "/api/v1/meetings/{id}/{change}", api_meeting_change, 1, "Change a meeting: notice {} (send), items {case, title?}|{standing}, attendance {member, status, serving_for?}, adjusters {member, remove?}, draw-up {}, approvals {} (as the caller)", API_JSON },
	{ "POST", "/api/v1/items/{id}/{change}", api_item_change, 1, "Change an agenda item: records {record}, remove {}, move {direction}, decision {text}, notes {member, kind: reservation|jav, text?, proposal?, remove?}, dispatch {recipients: [...]}, proposals {member, text}, proposal-remove {proposal}, proposal-order {proposals: [...]}, ballot {yes, no} ({} calls it off), votes {votes: [{member, choice: ja|nej|avstar|\"\"}]}", API_JSON },
	{ "GET", "/api/v1/delegations", api_delegations, 1, "Delegated decisions (filters: board, unreported=1); summary and decided_by masked as the record is", 0 },
	{ "POST", "/api/v1/delegations", api_delegation_register, 1, "Register a delegated decision: {case, board, point, decided_by, summary, date?, secrecy?, legal_ground?, masked?}", API_JSON },
};
const size_t api_meetings_nroutes = sizeof api_meetings_routes / sizeof api_meetings_routes[0];
