/*
 * quorum_terms.c — a board member's term and role, once a meeting was held
 * (see meeting.h). Who took part in a meeting's decisions, and how many
 * seats its quorum counts, are read from the members' terms and roles on
 * its date as much as from its attendance (quorum.c). So an edit of a term
 * or a role must not change who sat on the board on the day of a meeting
 * drawn up or adjusted: that would rewrite whose vote was counted, and the
 * quorum line, of minutes already written (attack s8b B6), as recording a
 * voter absent would (H3, minutes_attendance).
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

/* The meetings of board ?1, drawn up or adjusted, on whose date member
 * ?2's standing (a member in their term? in which role?) is no longer what
 * it was: term ?3..?4 ('' for open) and role ?5 before the edit, the
 * board_member row after it; the next after meeting ?6. Whether they were or are a ledamot that day
 * (a seat the quorum counts) comes last. */
static const char SQL_STANDING_CHANGED[] =
	"SELECT mt.id, bm.name, (?3 <= mt.date AND (?4 = '' OR ?4 >= mt.date) AND ?5 = 'ledamot') "
	"  OR (bm.term_from <= mt.date AND coalesce(bm.term_to, '9999-12-31') >= mt.date AND bm.role = 'ledamot') "
	"FROM meeting mt JOIN board_member bm ON bm.id = ?2 "
	"WHERE mt.board_id = ?1 AND mt.status IN ('held', 'adjusted') "
	"  AND ((?3 <= mt.date AND (?4 = '' OR ?4 >= mt.date)) "
	"        <> (bm.term_from <= mt.date AND coalesce(bm.term_to, '9999-12-31') >= mt.date) "
	"       OR (?3 <= mt.date AND (?4 = '' OR ?4 >= mt.date) AND bm.role <> ?5)) "
	"  AND mt.id > ?6 ORDER BY mt.id LIMIT 1";

/* Refuses the edit for meeting meeting_id: a vote, proposal or presence
 * names the member and the §; else, for a ledamot that day, the seat the
 * quorum counted. 0 when the member had no part in it and no seat. */
static int standing_kept(kansli *k, int64_t org_id, int64_t meeting_id, const char *name, int seat,
                         const char *role, kerr *e)
{
	meeting_row m;
	int rc = meeting_load(k, org_id, meeting_id, &m, e);
	if (rc || (rc = meeting_part_without_seat(k, &m, e)) || !seat)
		return rc;
	return kerr_field(e, KERR_CONFLICT, "term", KWHY_STATE,
	                  "%s was %s of %s on %s, the day of meeting %lld (minutes %s), and its quorum counts "
	                  "the ledamöter of that day: keep the term and the role as they were that day", name,
	                  !strcmp(role, "ledamot") ? "a ledamot" : "not a ledamot", m.board_name, m.date,
	                  (long long)meeting_id, !strcmp(m.status, "adjusted") ? "adjusted" : "drawn up");
}

int meeting_member_edit_check(kansli *k, int64_t org_id, int64_t board_id, int64_t member_id, const char *from,
                              const char *to, const char *role, kerr *e)
{
	/* one meeting at a time: each is checked with other statements */
	for (int64_t after = 0;;) {
		db_stmt *s = db_prep(k->db, SQL_STANDING_CHANGED, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, board_id);
		db_bind_int(s, 2, member_id);
		db_bind_text(s, 3, from);
		db_bind_text(s, 4, to);
		db_bind_text(s, 5, role);
		db_bind_int(s, 6, after);
		int rc = db_step(s, e);
		if (rc != DB_ROW) {
			db_done(s);
			return rc < 0 ? rc : 0;
		}
		char name[256];
		snprintf(name, sizeof name, "%s", db_col_text(s, 1));
		after = db_col_int(s, 0);
		int seat = (int)db_col_int(s, 2);
		db_done(s);
		if ((rc = standing_kept(k, org_id, after, name, seat, role, e)))
			return rc;
	}
}
