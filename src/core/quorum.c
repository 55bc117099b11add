/*
 * quorum.c — who takes part in a meeting's decisions, and whether enough
 * do (beslutförhet); see meeting.h.
 *
 * A board may decide only when more than half of its ledamöter take part
 * (KL 5 kap. 57 §, 6 kap. 27 §). Those who take part are the ledamöter
 * recorded present and the ersättare who serve for an absent ledamot; in
 * a §, less those disqualified from it by jäv (KL 6 kap. 28 §), who take
 * no part in it and so do not count towards its quorum. Everything is
 * read from the attendance and the §'s notes: quorum is never stored, so
 * it can never disagree with the attendance it follows from.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

/* Seats: the ledamöter in their term on the meeting's date. Serving: the
 * ledamöter present and the ersättare serving for one, in their term that
 * day too (one whose term was edited away from it never serves: more
 * serving than seats is no quorum), less those with jäv in item ?4 (0:
 * the meeting as a whole, where no one has). */
static const char SQL_QUORUM[] =
	"SELECT (SELECT count(*) FROM board_member WHERE board_id = ?1 AND role = 'ledamot' AND term_from <= ?3 "
	"          AND coalesce(term_to, '9999-12-31') >= ?3), "
	"  (SELECT count(*) FROM attendance a JOIN board_member bm ON bm.id = a.member_id "
	"     WHERE a.meeting_id = ?2 AND a.status = 'present' "
	"       AND bm.term_from <= ?3 AND coalesce(bm.term_to, '9999-12-31') >= ?3 "
	"       AND (bm.role = 'ledamot' OR (bm.role = 'ersattare' AND a.serving_for IS NOT NULL)) "
	"       AND NOT EXISTS (SELECT 1 FROM item_note n WHERE n.item_id = ?4 AND n.member_id = a.member_id "
	"                         AND n.kind = 'jav'))";

int meeting_quorum_count(kansli *k, const meeting_row *m, int64_t item_id, meeting_quorum *q, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_QUORUM, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, m->board_id);
	db_bind_int(s, 2, m->id);
	db_bind_text(s, 3, m->date);
	db_bind_int(s, 4, item_id);
	int rc = kansli_row(s, e, KERR_INTERNAL, "the quorum of meeting %lld could not be counted", (long long)m->id);
	if (rc)
		return rc;
	q->seats = (int)db_col_int(s, 0);
	q->serving = (int)db_col_int(s, 1);
	db_done(s);
	q->needed = q->seats / 2 + 1;
	q->met = q->seats > 0 && q->serving >= q->needed;
	return 0;
}

int meeting_quorum_require(kansli *k, const meeting_row *m, int64_t item_id, long long paragraph, kerr *e)
{
	meeting_quorum q;
	int rc = meeting_quorum_count(k, m, item_id, &q, e);
	if (rc || q.met)
		return rc;
	char where[40] = "the item";
	if (paragraph > 0)
		snprintf(where, sizeof where, "§ %lld", paragraph);
	return kerr_field(e, KERR_CONFLICT, "quorum", KWHY_STATE,
	                  "%s cannot be decided without a quorum: %d of the board's %d ledamöter take part in it, "
	                  "and more than half (%d) must; record the attendance (or an ersättare serving) first",
	                  where, q.serving, q.seats, q.needed);
}

json_t *meeting_quorum_json(const meeting_quorum *q)
{
	return json_pack("{s:i,s:i,s:i,s:b}", "seats", q->seats, "serving", q->serving, "needed", q->needed, "met",
	                 q->met);
}

static const char SQL_STANDING[] =
	"SELECT bm.name, bm.role, coalesce(a.status, ''), a.serving_for, "
	"  EXISTS (SELECT 1 FROM item_note n WHERE n.item_id = ?4 AND n.member_id = bm.id AND n.kind = 'jav') "
	"FROM board_member bm LEFT JOIN attendance a ON a.meeting_id = ?2 AND a.member_id = bm.id "
	"WHERE bm.id = ?1 AND bm.board_id = ?3 AND bm.term_from <= ?5 AND coalesce(bm.term_to, '9999-12-31') >= ?5";

int meeting_member_standing(kansli *k, const meeting_row *m, int64_t item_id, int64_t member_id, char name[256],
                            kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_STANDING, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, member_id);
	db_bind_int(s, 2, m->id);
	db_bind_int(s, 3, m->board_id);
	db_bind_int(s, 4, item_id);
	db_bind_text(s, 5, m->date);
	int rc = kansli_row(s, e, KERR_INVALID, "member %lld is not a member of %s on %s", (long long)member_id,
	                    m->board_name, m->date);
	if (rc) {
		if (rc == KERR_INVALID)
			kerr_field(e, KERR_INVALID, "member", KWHY_UNKNOWN, "member %lld is not a member of %s on %s",
			           (long long)member_id, m->board_name, m->date);
		return rc;
	}
	snprintf(name, 256, "%s", db_col_text(s, 0));
	const char *role = db_col_text(s, 1), *status = db_col_text(s, 2);
	int serves = !strcmp(status, "present") &&
	             (!strcmp(role, "ledamot") || (!strcmp(role, "ersattare") && !db_col_null(s, 3)));
	int jav = (int)db_col_int(s, 4);
	db_done(s);
	return !serves ? MEMBER_NOT_SERVING : jav ? MEMBER_DISQUALIFIED : MEMBER_SERVES;
}

int meeting_member_takes_part(kansli *k, const meeting_row *m, int64_t item_id, int64_t member_id, const char *what,
                              const char *field, char name[256], kerr *e)
{
	int st = meeting_member_standing(k, m, item_id, member_id, name, e);
	if (st < 0)
		return st;
	if (st == MEMBER_NOT_SERVING)
		return kerr_field(e, KERR_INVALID, field, KWHY_STATE,
		                  "%s does not take part in the meeting's decisions (only a ledamot present or an "
		                  "ersättare serving for one does), so cannot %s", name, what);
	if (st == MEMBER_DISQUALIFIED)
		return kerr_field(e, KERR_INVALID, field, KWHY_STATE,
		                  "%s is disqualified (jäv) from this § and takes no part in it, so cannot %s", name, what);
	return 0;
}

/* The first vote, proposal or reservation in meeting ?1 (dated ?2) by a
 * member who does not take part in the meeting's decisions as the
 * attendance and the board's terms now stand (neither a ledamot present
 * nor an ersättare serving for one, or not a member that day), and
 * failing that the first recorded present who is not a member that day
 * (they would count towards the quorum). The last column says whether the
 * member's term covers the day. Jäv is kept out at its own door
 * (minutes_note), so it is not asked again here. */
#define IN_TERM "(bm.term_from <= ?2 AND coalesce(bm.term_to, '9999-12-31') >= ?2)"
static const char SQL_PART_WITHOUT_SEAT[] =
	"SELECT x.paragraph, bm.name, x.what, x.member_id, " IN_TERM " FROM ("
	"  SELECT i.pos, coalesce(i.paragraph, 0) AS paragraph, v.member_id, 'voted' AS what "
	"    FROM item_vote v JOIN agenda_item i ON i.id = v.item_id WHERE i.meeting_id = ?1 "
	"  UNION ALL SELECT i.pos, coalesce(i.paragraph, 0), p.member_id, 'made a proposal' "
	"    FROM item_proposal p JOIN agenda_item i ON i.id = p.item_id WHERE i.meeting_id = ?1 "
	"  UNION ALL SELECT i.pos, coalesce(i.paragraph, 0), n.member_id, 'reserved' "
	"    FROM item_note n JOIN agenda_item i ON i.id = n.item_id WHERE i.meeting_id = ?1 "
	"      AND n.kind = 'reservation' "
	"  UNION ALL SELECT 0, 0, a.member_id, 'been recorded present' FROM attendance a "
	"    WHERE a.meeting_id = ?1 AND a.status = 'present') x "
	"JOIN board_member bm ON bm.id = x.member_id "
	"LEFT JOIN attendance a ON a.meeting_id = ?1 AND a.member_id = x.member_id "
	"WHERE NOT " IN_TERM " OR (x.what <> 'been recorded present' AND NOT (coalesce(a.status, '') = 'present' "
	"  AND (bm.role = 'ledamot' OR (bm.role = 'ersattare' AND a.serving_for IS NOT NULL)))) "
	"ORDER BY x.what = 'been recorded present', x.pos, x.what LIMIT 1";

int meeting_part_without_seat(kansli *k, const meeting_row *m, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PART_WITHOUT_SEAT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, m->id);
	db_bind_text(s, 2, m->date);
	int rc = db_step(s, e);
	if (rc != DB_ROW) {
		db_done(s);
		return rc < 0 ? rc : 0;
	}
	const char *what = db_col_text(s, 2);
	char where[40] = "an item";
	if (!strcmp(what, "been recorded present"))
		snprintf(where, sizeof where, "the meeting");
	else if (db_col_int(s, 0) > 0)
		snprintf(where, sizeof where, "§ %lld", (long long)db_col_int(s, 0));
	if (!db_col_int(s, 4))
		rc = kerr_field(e, KERR_CONFLICT, "attendance", KWHY_STATE,
		                "%s has %s in %s of %s on %s and so took part in it, but would not be a member of the "
		                "board that day: keep the term (or role) as it was that day, or take that away there "
		                "first (clear the decision, then the vote)",
		                db_col_text(s, 1), what, where, m->board_name, m->date);
	else
		rc = kerr_field(e, KERR_CONFLICT, "attendance", KWHY_STATE,
		                "%s has %s in %s and so took part in it, but would not take part in the meeting's "
		                "decisions (only a ledamot present or an ersättare serving for one does): take that "
		                "away there first (clear the decision, then the vote), or keep the attendance and the "
		                "role as they were", db_col_text(s, 1), what, where);
	kerr_subject(e, db_col_int(s, 3));
	db_done(s);
	return rc;
}
