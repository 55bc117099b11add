/*
 * proposals.c — how a § is decided: the proposals (yrkanden) made in it,
 * the order the chair puts them (propositionsordning), a roll-call vote
 * (omröstning) between two of them with its result and the chair's
 * casting vote on a tie (KL 5 kap. 60 §, 6 kap. 33 §); see meeting.h.
 *
 * Only a member who takes part in the § (quorum.c: present and serving,
 * not disqualified by jäv) makes a proposal or votes. The result is never
 * stored: it is counted from the votes whenever it is shown, so the
 * minutes cannot state a result the votes do not give.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/encoding.h"

/* Opens the transaction for a change of item_id of a meeting not frozen. */
static int item_begin(kansli *k, int64_t org_id, int64_t item_id, meeting_row *m, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = meeting_load_item(k, org_id, item_id, m, e)) ||
	    (rc = meeting_not_frozen(m, e)))
		kansli_rollback(k);
	return rc;
}

static const char SQL_ITEM_DECIDED[] =
	"SELECT coalesce(paragraph, 0), coalesce(decision, '') <> '' FROM agenda_item WHERE id = ?1";

/* 0 when item_id has no decision text yet, else KERR_CONFLICT: the
 * decision was written from the proposals and the vote as they stood, and
 * a change under it would leave minutes whose result names one proposal
 * and whose decision states another's (H4). The secretary clears the
 * decision first, on purpose, and writes it again after. */
static int item_undecided(kansli *k, int64_t item_id, const char *change, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ITEM_DECIDED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no agenda item %lld", (long long)item_id);
	if (rc)
		return rc;
	long long paragraph = (long long)db_col_int(s, 0);
	int decided = (int)db_col_int(s, 1);
	db_done(s);
	if (!decided)
		return 0;
	char where[40] = "the item";
	if (paragraph > 0)
		snprintf(where, sizeof where, "§ %lld", paragraph);
	return kerr_field(e, KERR_CONFLICT, "decision", KWHY_STATE,
	                  "%s is decided: clear its decision text first (decide with an empty text), %s, and "
	                  "write the decision again", where, change);
}

static const char SQL_PROPOSAL_ADD[] =
	"INSERT INTO item_proposal(item_id, member_id, text, put_pos) "
	"VALUES(?1, ?2, ?3, (SELECT coalesce(max(put_pos), 0) + 1 FROM item_proposal WHERE item_id = ?1)) RETURNING id";

int minutes_propose(kansli *k, int64_t org_id, int64_t item_id, int64_t member_id, const char *text, int64_t *id,
                    kerr *e)
{
	if (text_line_why(text, 4000))
		return kerr_field(e, KERR_INVALID, "proposal_text", text_line_why(text, 4000),
		                  "a proposal is a text of 1-4000 characters on one line");
	meeting_row m;
	int rc = item_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	char name[256];
	if ((rc = item_undecided(k, item_id, "then make the proposal", e)) ||
	    (rc = meeting_member_takes_part(k, &m, item_id, member_id, "make a proposal in it", "proposer", name, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_PROPOSAL_ADD, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, member_id);
	db_bind_text(s, 3, text);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "the proposal was not stored")))
		goto end;
	*id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, org_id, "minutes.propose", "meeting", m.id,
	                  json_pack("{s:I,s:I,s:I,s:s,s:s}", "item", (json_int_t)item_id, "proposal", (json_int_t)*id,
	                            "member", (json_int_t)member_id, "name", name, "text", text), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_PROPOSAL_ITEM[] = "SELECT item_id FROM item_proposal WHERE id = ?1";
static const char SQL_PROPOSAL_USED[] =
	"SELECT EXISTS (SELECT 1 FROM item_ballot WHERE yes_proposal = ?1 OR no_proposal = ?1), "
	"  EXISTS (SELECT 1 FROM note_proposal WHERE proposal_id = ?1)";
static const char SQL_PROPOSAL_DEL[] = "DELETE FROM item_proposal WHERE id = ?1";

/* The item proposal_id belongs to, in org_id: 0 or KERR_NOTFOUND. */
static int proposal_item(kansli *k, int64_t proposal_id, int64_t *item_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PROPOSAL_ITEM, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, proposal_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no proposal %lld", (long long)proposal_id);
	if (rc) {
		if (rc == KERR_NOTFOUND)
			kerr_field(e, KERR_NOTFOUND, "proposal", KWHY_UNKNOWN, "no proposal %lld", (long long)proposal_id);
		return rc;
	}
	*item_id = db_col_int(s, 0);
	db_done(s);
	return 0;
}

int minutes_proposal_remove(kansli *k, int64_t org_id, int64_t proposal_id, kerr *e)
{
	int64_t item_id;
	meeting_row m;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = proposal_item(k, proposal_id, &item_id, e)) ||
	    (rc = meeting_load_item(k, org_id, item_id, &m, e)) || (rc = meeting_not_frozen(&m, e)) ||
	    (rc = item_undecided(k, item_id, "then remove the proposal", e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_PROPOSAL_USED, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, proposal_id);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "proposal %lld vanished", (long long)proposal_id)))
		goto end;
	int in_vote = (int)db_col_int(s, 0), reserved = (int)db_col_int(s, 1);
	db_done(s);
	if (in_vote || reserved) {
		rc = kerr_field(e, KERR_CONFLICT, "proposal", KWHY_STATE, in_vote
		                ? "proposal %lld is put to the vote: call the vote off first"
		                : "a reservation defends proposal %lld: remove it first", (long long)proposal_id);
		goto end;
	}
	if (!(s = db_prep(k->db, SQL_PROPOSAL_DEL, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, proposal_id);
	if ((rc = db_run(s, e)))
		goto end;
	rc = audit_append(k, org_id, "minutes.proposal_remove", "meeting", m.id,
	                  json_pack("{s:I,s:I}", "item", (json_int_t)item_id, "proposal", (json_int_t)proposal_id), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_PROPOSAL_COUNT[] = "SELECT count(*) FROM item_proposal WHERE item_id = ?1";
static const char SQL_PROPOSAL_PUT[] = "UPDATE item_proposal SET put_pos = ?3 WHERE id = ?1 AND item_id = ?2 RETURNING id";

int minutes_proposal_order(kansli *k, int64_t org_id, int64_t item_id, const int64_t *ids, size_t n, kerr *e)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (ids[i] == ids[j])
				return kerr_field(e, KERR_INVALID, "proposal", KWHY_DUPLICATE,
				                  "proposal %lld is named twice in the order", (long long)ids[i]);
	meeting_row m;
	int rc = item_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	if ((rc = item_undecided(k, item_id, "then put the proposals in order", e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_PROPOSAL_COUNT, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "the proposals could not be counted")))
		goto end;
	size_t have = (size_t)db_col_int(s, 0);
	db_done(s);
	if (have != n) {
		rc = kerr_field(e, KERR_INVALID, "proposal", KWHY_REQUIRED,
		                "the order names %zu proposals and the § has %zu: name each of them once", n, have);
		goto end;
	}
	json_t *order = json_array();
	for (size_t i = 0; i < n && !rc; i++) {
		if (!(s = db_prep(k->db, SQL_PROPOSAL_PUT, e))) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, ids[i]);
		db_bind_int(s, 2, item_id);
		db_bind_int(s, 3, (int64_t)i + 1);
		int step = db_step(s, e);
		db_done(s);
		if (step < 0)
			rc = step;
		else if (step == DB_DONE)
			rc = kerr_field(e, KERR_INVALID, "proposal", KWHY_UNKNOWN, "proposal %lld is not one of this §",
			                (long long)ids[i]);
		json_array_append_new(order, json_integer(ids[i]));
	}
	if (rc) {
		json_decref(order);
		goto end;
	}
	rc = audit_append(k, org_id, "minutes.proposal_order", "meeting", m.id,
	                  json_pack("{s:I,s:o}", "item", (json_int_t)item_id, "order", order), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_BALLOT_GET[] = "SELECT yes_proposal, no_proposal FROM item_ballot WHERE item_id = ?1";
static const char SQL_BALLOT_SET[] =
	"INSERT INTO item_ballot(item_id, yes_proposal, no_proposal) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(item_id) DO UPDATE SET yes_proposal = excluded.yes_proposal, no_proposal = excluded.no_proposal";
static const char SQL_BALLOT_DEL[] = "DELETE FROM item_ballot WHERE item_id = ?1";
static const char SQL_VOTES_DEL[] = "DELETE FROM item_vote WHERE item_id = ?1";

int minutes_ballot(kansli *k, int64_t org_id, int64_t item_id, int64_t yes, int64_t no, kerr *e)
{
	if ((yes || no) && (yes <= 0 || no <= 0 || yes == no))
		return kerr_field(e, KERR_INVALID, "ballot", KWHY_CHOICE,
		                  "a vote is between two different proposals of the §: one for ja, one for nej");
	meeting_row m;
	int rc = item_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	int64_t pitem;
	for (int i = 0; i < 2 && yes; i++) {
		int64_t p = i ? no : yes;
		if ((rc = proposal_item(k, p, &pitem, e)))
			goto end;
		if (pitem != item_id) {
			rc = kerr_field(e, KERR_INVALID, "ballot", KWHY_UNKNOWN, "proposal %lld is not one of this §",
			                (long long)p);
			goto end;
		}
	}
	db_stmt *s = db_prep(k->db, SQL_BALLOT_GET, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	int step = db_step(s, e);
	int same = step == DB_ROW && db_col_int(s, 0) == yes && db_col_int(s, 1) == no;
	db_done(s);
	if (step < 0) { rc = step; goto end; }
	if (same)
		goto end; /* the vote as it is: nothing changes, nothing is logged */
	if ((rc = item_undecided(k, item_id, "then call the vote", e)))
		goto end;
	if (!yes && step != DB_ROW) {
		rc = kerr_field(e, KERR_CONFLICT, "ballot", KWHY_STATE, "no vote is called in this §");
		goto end;
	}
	/* votes cast between other proposals are no votes in this one */
	static const char *const clear[] = { SQL_VOTES_DEL, SQL_BALLOT_DEL };
	for (size_t i = 0; i < 2; i++) {
		if (!(s = db_prep(k->db, clear[i], e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, item_id);
		if ((rc = db_run(s, e)))
			goto end;
	}
	if (yes) {
		if (!(s = db_prep(k->db, SQL_BALLOT_SET, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, item_id);
		db_bind_int(s, 2, yes);
		db_bind_int(s, 3, no);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, yes ? "minutes.ballot" : "minutes.ballot_remove", "meeting", m.id,
	                  yes ? json_pack("{s:I,s:I,s:I}", "item", (json_int_t)item_id, "yes", (json_int_t)yes, "no",
	                                  (json_int_t)no)
	                      : json_pack("{s:I}", "item", (json_int_t)item_id), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_VOTE_GET[] = "SELECT choice FROM item_vote WHERE item_id = ?1 AND member_id = ?2";
static const char SQL_VOTE_SET[] =
	"INSERT INTO item_vote(item_id, member_id, choice) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(item_id, member_id) DO UPDATE SET choice = excluded.choice";
static const char SQL_VOTE_DEL[] = "DELETE FROM item_vote WHERE item_id = ?1 AND member_id = ?2";

/* One member's vote, inside the open transaction (minutes_votes' rules). */
static int vote_one(kansli *k, int64_t org_id, const meeting_row *m, int64_t item_id, const minutes_vote_in *v,
                    kerr *e)
{
	char name[256];
	int rc;
	if (*v->choice && (rc = meeting_member_takes_part(k, m, item_id, v->member_id, "vote in it", "vote", name, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_VOTE_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, v->member_id);
	int step = db_step(s, e);
	int same = step == DB_ROW ? !strcmp(db_col_text(s, 0), v->choice) : !*v->choice;
	db_done(s);
	if (step < 0)
		return step;
	if (same)
		return 0; /* as recorded: neither written nor logged */
	if ((rc = item_undecided(k, item_id, "then change the vote", e)))
		return rc;
	if (!(s = db_prep(k->db, *v->choice ? SQL_VOTE_SET : SQL_VOTE_DEL, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, v->member_id);
	if (*v->choice)
		db_bind_text(s, 3, v->choice);
	if ((rc = db_run(s, e)))
		return rc;
	return audit_append(k, org_id, "minutes.vote", "meeting", m->id,
	                    json_pack("{s:I,s:I,s:s}", "item", (json_int_t)item_id, "member", (json_int_t)v->member_id,
	                              "choice", v->choice), e);
}

int minutes_votes(kansli *k, int64_t org_id, int64_t item_id, const minutes_vote_in *list, size_t n, kerr *e)
{
	for (size_t i = 0; i < n; i++) {
		const char *c = list[i].choice;
		if (!c || (*c && strcmp(c, "ja") && strcmp(c, "nej") && strcmp(c, "avstar"))) {
			kerr_field(e, KERR_INVALID, "vote", KWHY_CHOICE, "a vote is ja, nej or avstar (member %lld)",
			           (long long)list[i].member_id);
			return kerr_subject(e, list[i].member_id);
		}
		for (size_t j = i + 1; j < n; j++)
			if (list[i].member_id == list[j].member_id) {
				kerr_field(e, KERR_INVALID, "vote", KWHY_DUPLICATE, "member %lld is named twice among the votes",
				           (long long)list[i].member_id);
				return kerr_subject(e, list[i].member_id);
			}
	}
	meeting_row m;
	int rc = item_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_BALLOT_GET, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	if ((rc = kansli_row(s, e, KERR_CONFLICT, "no vote is called in this §: put two proposals to the vote first"))) {
		if (rc == KERR_CONFLICT)
			kerr_field(e, KERR_CONFLICT, "ballot", KWHY_STATE,
			           "no vote is called in this §: put two proposals to the vote first");
		goto end;
	}
	db_done(s);
	size_t at = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		at = i;
		rc = vote_one(k, org_id, &m, item_id, &list[i], e);
	}
	if (rc == KERR_INVALID || rc == KERR_CONFLICT)
		kerr_subject(e, list[at].member_id);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_PROPOSALS[] =
	"SELECT p.id, p.member_id, bm.name, coalesce(bm.party, ''), p.text, p.put_pos FROM item_proposal p "
	"JOIN board_member bm ON bm.id = p.member_id WHERE p.item_id = ?1 ORDER BY p.id";
static const char SQL_VOTES[] =
	"SELECT v.member_id, bm.name, v.choice FROM item_vote v JOIN board_member bm ON bm.id = v.member_id "
	"WHERE v.item_id = ?1 ORDER BY CASE bm.role WHEN 'ledamot' THEN 0 ELSE 1 END, bm.id";
static const char SQL_NOTE_PROPOSAL[] =
	"SELECT np.proposal_id FROM item_note n JOIN note_proposal np ON np.note_id = n.id "
	"WHERE n.item_id = ?1 AND n.member_id = ?2 AND n.kind = 'reservation'";
/* The one who presides: the chair present, else the vice chair present. */
static const char SQL_PRESIDING[] =
	"SELECT bm.id FROM board_member bm JOIN attendance a ON a.meeting_id = ?1 AND a.member_id = bm.id "
	"  AND a.status = 'present' "
	"WHERE bm.board_id = ?2 AND bm.position IN ('ordforande', 'vice_ordforande') AND bm.term_from <= ?3 "
	"  AND coalesce(bm.term_to, '9999-12-31') >= ?3 ORDER BY bm.position = 'vice_ordforande' LIMIT 1";

/* The vote of item_id between yes and no, counted, with the presiding
 * member's casting vote on a tie. A new reference or NULL. */
static json_t *vote_json(kansli *k, int64_t item_id, int64_t yes, int64_t no, int64_t presiding, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_VOTES, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, item_id);
	json_t *votes = json_array();
	int ja = 0, nej = 0, avstar = 0, rc;
	const char *chair = "";
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *c = db_col_text(s, 2);
		ja += !strcmp(c, "ja");
		nej += !strcmp(c, "nej");
		avstar += !strcmp(c, "avstar");
		if (db_col_int(s, 0) == presiding)
			chair = !strcmp(c, "ja") ? "ja" : !strcmp(c, "nej") ? "nej" : "";
		json_array_append_new(votes, json_pack("{s:I,s:s,s:s}", "member_id", (json_int_t)db_col_int(s, 0), "name",
		                                       db_col_text(s, 1), "choice", c));
	}
	if (rc < 0) {
		json_decref(votes);
		return NULL;
	}
	json_t *v = json_pack("{s:I,s:I,s:o,s:i,s:i,s:i}", "yes", (json_int_t)yes, "no", (json_int_t)no, "votes", votes,
	                      "ja", ja, "nej", nej, "avstar", avstar);
	/* On a tie the one who presides decides with their own vote
	 * (utslagsröst); one who abstained has none to give. */
	const char *result = ja > nej ? "yes" : nej > ja ? "no" : !strcmp(chair, "ja") ? "yes"
	                   : !strcmp(chair, "nej") ? "no" : "tie";
	json_object_set_new(v, "result", json_string(result));
	if (ja == nej && *chair)
		json_object_set_new(v, "casting", json_string(chair));
	if (strcmp(result, "tie"))
		json_object_set_new(v, "winner", json_integer(!strcmp(result, "yes") ? yes : no));
	return v;
}

/* The proposals, vote, quorum and reservations' proposals of one item. */
static int item_decision_making(kansli *k, const meeting_row *m, json_t *it, int64_t presiding, kerr *e)
{
	int64_t item_id = json_integer_value(json_object_get(it, "id"));
	meeting_quorum q;
	int rc = meeting_quorum_count(k, m, item_id, &q, e);
	if (rc)
		return rc;
	json_object_set_new(it, "quorum", meeting_quorum_json(&q));
	db_stmt *s = db_prep(k->db, SQL_PROPOSALS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	json_t *props = json_array();
	json_object_set_new(it, "proposals", props);
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(props, json_pack("{s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "member_id", (json_int_t)db_col_int(s, 1), "name", db_col_text(s, 2), "party",
		                      db_col_text(s, 3), "text", db_col_text(s, 4), "order", (json_int_t)db_col_int(s, 5)));
	if (rc < 0)
		return rc;
	if (!(s = db_prep(k->db, SQL_BALLOT_GET, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	rc = db_step(s, e);
	int64_t yes = rc == DB_ROW ? db_col_int(s, 0) : 0, no = rc == DB_ROW ? db_col_int(s, 1) : 0;
	db_done(s);
	if (rc < 0)
		return rc;
	if (yes) {
		json_t *v = vote_json(k, item_id, yes, no, presiding, e);
		if (!v)
			return e->code ? e->code : KERR_INTERNAL;
		json_object_set_new(it, "vote", v);
	}
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(it, "notes"), i, n) {
		if (strcmp(json_string_value(json_object_get(n, "kind")), "reservation"))
			continue;
		if (!(s = db_prep(k->db, SQL_NOTE_PROPOSAL, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, item_id);
		db_bind_int(s, 2, json_integer_value(json_object_get(n, "member_id")));
		if ((rc = db_step(s, e)) == DB_ROW)
			json_object_set_new(n, "proposal", json_integer(db_col_int(s, 0)));
		db_done(s);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int minutes_decision_making_json(kansli *k, const meeting_row *m, json_t *items, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PRESIDING, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, m->id);
	db_bind_int(s, 2, m->board_id);
	db_bind_text(s, 3, m->date);
	int rc = db_step(s, e);
	int64_t presiding = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_done(s);
	if (rc < 0)
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if ((rc = item_decision_making(k, m, it, presiding, e)))
			return rc;
	return 0;
}
