/* grant.c — role grants, organisation-wide or scoped to units and boards; see grant.h. */
#include "core/grant.h"

#include <string.h>

#include "core/access.h"
#include "core/account.h"
#include "core/audit.h"
#include "core/board.h"
#include "core/org.h"

/* A scope as given: codes and the ids they name (0 when not given). */
typedef struct scope {
	const char *unit, *board;
	int64_t unit_id, board_id;
} scope;

static int given(const char *code)
{
	return code && *code;
}

/* Resolves the codes of a scope in org_id. Returns 0 or KERR_NOTFOUND. */
static int scope_resolve(kansli *k, int64_t org_id, const char *unit, const char *board, scope *out,
                         kerr *e)
{
	int rc;
	memset(out, 0, sizeof *out);
	out->unit = given(unit) ? unit : NULL;
	out->board = given(board) ? board : NULL;
	if (out->unit && (rc = unit_find(k, org_id, unit, &out->unit_id, e)))
		return rc == KERR_NOTFOUND ? kerr_set(e, rc, "no unit '%s' in this organisation "
		                                      "(see kansli unit list)", unit) : rc;
	if (out->board && (rc = board_find(k, org_id, board, &out->board_id, e)))
		return rc == KERR_NOTFOUND ? kerr_set(e, rc, "no board '%s' in this organisation "
		                                      "(see kansli board list)", board) : rc;
	return 0;
}

/* The scope as the event records it: "organisation", or {unit?, board?}. */
static json_t *scope_json(const scope *sc)
{
	if (!sc->unit && !sc->board)
		return json_string("organisation");
	json_t *o = json_object();
	if (sc->unit)
		json_object_set_new(o, "unit", json_string(sc->unit));
	if (sc->board)
		json_object_set_new(o, "board", json_string(sc->board));
	return o;
}

static const char SQL_HOLDS[] =
	"SELECT (SELECT count(*) FROM role_scope s WHERE s.user_id = r.user_id AND s.org_id = r.org_id "
	"  AND s.role = r.role) FROM user_role r WHERE r.user_id = ?1 AND r.org_id = ?2 AND r.role = ?3";

/* Whether uid holds role in org_id (*held) and with how many scope rows.
 * Returns 0 or KERR_*. */
static int role_held(kansli *k, int64_t uid, int64_t org_id, const char *role, int *held,
                     int64_t *scopes, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HOLDS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, role);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	*held = rc == DB_ROW;
	*scopes = *held ? db_col_int(s, 0) : 0;
	db_done(s);
	return 0;
}

static const char SQL_ROLE_INSERT[] =
	"INSERT INTO user_role(user_id, org_id, role) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING";
static const char SQL_ROLE_DELETE[] =
	"DELETE FROM user_role WHERE user_id = ?1 AND org_id = ?2 AND role = ?3";
static const char SQL_SCOPES_DELETE[] =
	"DELETE FROM role_scope WHERE user_id = ?1 AND org_id = ?2 AND role = ?3";
static const char SQL_SCOPE_INSERT[] =
	"INSERT INTO role_scope(user_id, org_id, role, unit_id, board_id) VALUES(?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT DO NOTHING";
static const char SQL_SCOPE_DELETE[] =
	"DELETE FROM role_scope WHERE user_id = ?1 AND org_id = ?2 AND role = ?3 "
	"  AND (unit_id = ?4 OR board_id = ?5) RETURNING 1";

/* Runs one of the statements above that take (uid, org, role). */
static int run_role(kansli *k, const char *sql, int64_t uid, int64_t org_id, const char *role, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, role);
	return db_run(s, e);
}

/* Adds one unit (board_id 0) or one board (unit_id 0) to a role. */
static int scope_insert(kansli *k, int64_t uid, int64_t org_id, const char *role, int64_t unit_id,
                        int64_t board_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SCOPE_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, role);
	if (unit_id) db_bind_int(s, 4, unit_id); else db_bind_null(s, 4);
	if (board_id) db_bind_int(s, 5, board_id); else db_bind_null(s, 5);
	return db_run(s, e);
}

static int role_known(const char *role, kerr *e)
{
	if (!access_role_valid(role))
		return kerr_set(e, KERR_INVALID, "unknown role '%s' (administrator, registrator, handlaggare, "
		                "namndsekreterare, arkivarie, lasare)", role);
	return 0;
}

/* A role can be granted with this scope. */
static int check_role(const char *role, const scope *sc, kerr *e)
{
	if (role_known(role, e))
		return KERR_INVALID;
	if ((sc->unit || sc->board) && access_role_scopable(role, e))
		return KERR_INVALID;
	return 0;
}

static int grant_tx(kansli *k, int64_t uid, const char *username, int64_t org_id, const char *role,
                    const scope *sc, kerr *e)
{
	int held, rc;
	int64_t scopes;
	if ((rc = check_role(role, sc, e)) || (rc = role_held(k, uid, org_id, role, &held, &scopes, e)))
		return rc;
	if (!sc->unit && !sc->board) {
		/* Organisation-wide: a scoped role is widened, on purpose. */
		if ((rc = run_role(k, SQL_ROLE_INSERT, uid, org_id, role, e)) ||
		    (rc = run_role(k, SQL_SCOPES_DELETE, uid, org_id, role, e)))
			return rc;
	} else {
		if (held && scopes == 0)
			return kerr_field(e, KERR_CONFLICT, "scope", KWHY_DUPLICATE, "%s already holds %s for the whole "
			                  "organisation; to limit it to units or boards, revoke it and grant it again "
			                  "for them", username, role);
		if ((rc = run_role(k, SQL_ROLE_INSERT, uid, org_id, role, e)) ||
		    (sc->unit && (rc = scope_insert(k, uid, org_id, role, sc->unit_id, 0, e))) ||
		    (sc->board && (rc = scope_insert(k, uid, org_id, role, 0, sc->board_id, e))))
			return rc;
	}
	return audit_append(k, org_id, "user.grant", "user", uid,
	                    json_pack("{s:s,s:s,s:o}", "username", username, "role", role,
	                              "scope", scope_json(sc)), e);
}

int grant_role_tx(kansli *k, int64_t uid, const char *username, int64_t org_id, const char *role,
                  const char *unit, const char *board, kerr *e)
{
	scope sc;
	int rc = access_may_grant(k, uid, org_id, role, e);
	if (!rc)
		rc = scope_resolve(k, org_id, unit, board, &sc, e);
	return rc ? rc : grant_tx(k, uid, username, org_id, role, &sc, e);
}

int user_grant_scoped(kansli *k, const char *username, int64_t org_id, const char *role,
                      const char *unit, const char *board, kerr *e)
{
	int64_t uid;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = user_find(k, username, &uid, e)) ||
	    (rc = grant_role_tx(k, uid, username, org_id, role, unit, board, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

/* Removes one unit or board from a scoped role; the last one takes the role
 * with it. Sets *role_removed. */
static int revoke_scope(kansli *k, int64_t uid, const char *username, int64_t org_id,
                        const char *role, const scope *sc, int *role_removed, kerr *e)
{
	int held, rc;
	int64_t scopes;
	if ((rc = role_held(k, uid, org_id, role, &held, &scopes, e)))
		return rc;
	if (held && scopes == 0)
		return kerr_field(e, KERR_CONFLICT, "scope", KWHY_STATE, "%s holds %s for the whole organisation, "
		                  "not for a unit or board; revoke the role without a unit or board", username, role);
	int64_t ids[2] = { sc->unit_id, sc->board_id };
	const char *codes[2] = { sc->unit, sc->board }, *kinds[2] = { "unit", "board" };
	for (int i = 0; i < 2; i++) {
		if (!codes[i])
			continue;
		db_stmt *s = db_prep(k->db, SQL_SCOPE_DELETE, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, uid);
		db_bind_int(s, 2, org_id);
		db_bind_text(s, 3, role);
		db_bind_int(s, 4, i == 0 ? ids[i] : -1);
		db_bind_int(s, 5, i == 1 ? ids[i] : -1);
		rc = db_step(s, e);
		if (rc < 0)
			return rc;
		db_done(s);
		if (rc != DB_ROW)
			return kerr_set(e, KERR_NOTFOUND, "%s does not hold %s for %s '%s'", username, role,
			                kinds[i], codes[i]);
		scopes--;
	}
	*role_removed = scopes == 0;
	if (*role_removed)
		return run_role(k, SQL_ROLE_DELETE, uid, org_id, role, e);
	return 0;
}

int user_revoke(kansli *k, const char *username, int64_t org_id, const char *role,
                const char *unit, const char *board, kerr *e)
{
	int64_t uid, scopes;
	int held, removed = 1;
	scope sc;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = user_find(k, username, &uid, e)) ||
	    (rc = role_known(role, e)) || (rc = scope_resolve(k, org_id, unit, board, &sc, e)) ||
	    (rc = role_held(k, uid, org_id, role, &held, &scopes, e)))
		goto fail;
	if (!held) {
		rc = kerr_set(e, KERR_NOTFOUND, "%s does not hold the role %s in this organisation",
		              username, role);
		goto fail;
	}
	/* as account_set_disabled refuses: an organisation keeps an
	 * administrator who can log in */
	if (!strcmp(role, "administrator") && (rc = account_last_admin_refused(k, uid, username, org_id, e)))
		goto fail;
	if (sc.unit || sc.board)
		rc = revoke_scope(k, uid, username, org_id, role, &sc, &removed, e);
	else if (!(rc = run_role(k, SQL_SCOPES_DELETE, uid, org_id, role, e)))
		rc = run_role(k, SQL_ROLE_DELETE, uid, org_id, role, e);
	if (rc ||
	    (rc = audit_append(k, org_id, "user.revoke", "user", uid,
	                       json_pack("{s:s,s:s,s:o,s:b}", "username", username, "role", role,
	                                 "scope", scope_json(&sc), "role_removed", removed), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_GRANTS[] =
	"SELECT o.code, r.role, "
	"  (SELECT group_concat(u.code, ' ') FROM (SELECT un.code FROM role_scope s "
	"     JOIN unit un ON un.id = s.unit_id WHERE s.user_id = r.user_id AND s.org_id = r.org_id "
	"     AND s.role = r.role ORDER BY un.code) u), "
	"  (SELECT group_concat(b.code, ' ') FROM (SELECT bd.code FROM role_scope s "
	"     JOIN board bd ON bd.id = s.board_id WHERE s.user_id = r.user_id AND s.org_id = r.org_id "
	"     AND s.role = r.role ORDER BY bd.code) b) "
	"FROM user_role r JOIN organisation o ON o.id = r.org_id WHERE r.user_id = ?1 "
	"  AND (?2 = 0 OR r.org_id = ?2) ORDER BY o.code, r.role";

/* Splits a space-separated list of codes into a JSON array. */
static json_t *code_array(const char *list)
{
	json_t *arr = json_array();
	while (list && *list) {
		size_t n = strcspn(list, " ");
		json_array_append_new(arr, json_stringn(list, n));
		list += n + (list[n] == ' ');
	}
	return arr;
}

json_t *grant_list(kansli *k, int64_t uid, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_GRANTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:o}", "org", db_col_text(s, 0),
		                      "role", db_col_text(s, 1), "units", code_array(db_col_text(s, 2)),
		                      "boards", code_array(db_col_text(s, 3))));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
