/* appeal.c — is a case's decision still open to appeal; see appeal.h. */
#include "core/appeal.h"

#include <stdio.h>

/* The latest appeal end of the posted minutes of a meeting that decided
 * the case in a §, or to which a delegated decision in the case was
 * reported, when it is today or later. A delegated decision is appealed
 * (laglighetsprövning, KL 13 kap.) within three weeks of the posting of
 * the minutes that reported it, just as a § decision is; it is reported in
 * the standing § that names no case, so it is found through
 * delegation_decision. Minutes taken down early do not end the appeal
 * period: the law counts from the posting. */
static const char SQL_APPEAL_END[] =
	"SELECT max(n.appeal_end) FROM meeting m "
	"JOIN notice n ON n.meeting_id = m.id AND n.org_id = m.org_id AND n.kind = 'minutes' "
	"WHERE m.id IN (SELECT meeting_id FROM agenda_item WHERE case_id = ?1 "
	"               UNION SELECT reported_meeting_id FROM delegation_decision WHERE case_id = ?1) "
	"  AND n.appeal_end IS NOT NULL AND n.appeal_end >= ?2";

int appeal_running(kansli *k, int64_t case_id, const char *today, char appeal_end[11], kerr *e)
{
	appeal_end[0] = '\0';
	db_stmt *s = db_prep(k->db, SQL_APPEAL_END, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, today);
	int rc = db_step(s, e);
	if (rc == DB_ROW && !db_col_null(s, 0)) {
		snprintf(appeal_end, 11, "%s", db_col_text(s, 0));
		rc = 1;
	} else if (rc >= 0) {
		rc = 0;
	}
	db_done(s);
	return rc;
}
