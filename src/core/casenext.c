/* casenext.c — what can be done with a case now; see casenext.h. */
#include "core/casenext.h"

#include <string.h>

#include "core/access.h"
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

/* The roles are grants[ACCESS_CASE_WORK] of access.c, spelled out because
 * SQL cannot read it. A role limited to units or boards counts when one of
 * its scopes is the case's unit; a case with no unit goes to
 * organisation-wide roles only. */
static const char SQL_OFFICERS[] =
	"SELECT u.username, u.full_name FROM app_user u WHERE u.disabled = 0 AND EXISTS ("
	"  SELECT 1 FROM user_role ur WHERE ur.user_id = u.id AND ur.org_id = ?1"
	"   AND ur.role IN ('registrator','handlaggare','namndsekreterare')"
	"   AND (NOT EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ur.user_id"
	"         AND rs.org_id = ur.org_id AND rs.role = ur.role)"
	"    OR EXISTS (SELECT 1 FROM role_scope rs JOIN unit un ON un.id = rs.unit_id"
	"         WHERE rs.user_id = ur.user_id AND rs.org_id = ur.org_id AND rs.role = ur.role"
	"         AND un.org_id = ?1 AND un.code = ?2))) "
	"ORDER BY u.full_name, u.username";

json_t *case_officer_choices(kansli *k, int64_t org_id, const char *unit, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_OFFICERS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, unit && *unit ? unit : NULL);
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
