/* casenext.c — what can be done with a case now; see casenext.h. */
#include "core/casenext.h"

#include <string.h>

#include "core/access.h"
#include "core/cases.h"
#include "store/db.h"

const char *case_act_hindrance(kansli *k, int64_t org_id, const char *status, case_act act)
{
	kerr e = KERR_INIT;
	if (access_check(k, org_id, ACCESS_CASE_WORK, &e))
		return "no_right";
	int open = !strcmp(status, "open"), decided = !strcmp(status, "decided"), closed = !strcmp(status, "closed");
	if (!open && !decided && !closed)
		return "unknown";
	switch (act) {
	case CASE_ACT_WORK:
		return NULL;
	case CASE_ACT_DECIDE: /* the rules of case_set_status_on: same status, closed first reopened */
		return decided ? "decided" : closed ? "closed" : NULL;
	case CASE_ACT_CLOSE:
		return closed ? "closed" : NULL;
	case CASE_ACT_REOPEN:
		return closed ? NULL : "not_closed";
	}
	return "unknown";
}

/* Who may be the officer of case ?2 in organisation ?1, as an SQL
 * condition on u (an app_user): the roles are grants[ACCESS_CASE_WORK] of
 * access.c, spelled out because SQL cannot read it. A role limited to
 * units or boards counts when one of its scopes is the scope of
 * need-to-know (access.h, ACCESS_SECRET_SQL): the case's unit, or a board
 * of its series or the one it is ready for. One rule for the form's
 * choices and for the check of the choice made. */
#define OFFICER_OF_CASE \
	"u.disabled = 0 AND EXISTS (" \
	"  SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.org_id = ?1" \
	"   AND ur.role IN ('registrator','handlaggare','namndsekreterare')" \
	"   AND (NOT EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ur.user_id" \
	"         AND rs.org_id = ur.org_id AND rs.role = ur.role)" \
	"    OR EXISTS (SELECT 1 FROM role_scope rs JOIN case_file c ON c.id = ?2" \
	"         WHERE rs.user_id = ur.user_id AND rs.org_id = ur.org_id AND rs.role = ur.role" \
	"         AND (rs.unit_id = c.unit_id OR EXISTS (SELECT 1 FROM board b WHERE b.id = rs.board_id" \
	"           AND (b.series_id = c.series_id OR b.id = c.ready_board_id)))))) "

static const char SQL_OFFICERS[] =
	"SELECT u.username, u.full_name FROM app_user u WHERE " OFFICER_OF_CASE "ORDER BY u.full_name, u.username";
static const char SQL_OFFICER_MAY[] = "SELECT 1 FROM app_user u WHERE u.id = ?3 AND " OFFICER_OF_CASE;

int case_officer_may(kansli *k, int64_t org_id, int64_t case_id, int64_t user_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_OFFICER_MAY, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, case_id);
	db_bind_int(s, 3, user_id);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

json_t *case_officer_choices(kansli *k, int64_t org_id, const char *case_number, kerr *e)
{
	int64_t case_id;
	if (case_find(k, org_id, case_number, &case_id, e))
		return NULL;
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_OFFICERS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, case_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s}", "username", db_col_text(s, 0), "full_name",
		                                     db_col_text(s, 1)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
