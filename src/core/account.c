/* account.c — passwords changed and reset, accounts disabled and enabled,
 * a user's sessions and tokens listed and ended, unused accounts found;
 * see account.h. */
#include "core/account.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/session.h"
#include "util/timeutil.h"

/* 0, or KERR_INVALID naming the field "password". */
static int password_acceptable(const char *pw, kerr *e)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n < ACCOUNT_PASSWORD_MIN)
		return kerr_field(e, KERR_INVALID, "password", KWHY_TOO_SHORT, "a password must be at least %d characters",
		                  ACCOUNT_PASSWORD_MIN);
	if (n > ACCOUNT_PASSWORD_MAX)
		return kerr_field(e, KERR_INVALID, "password", KWHY_TOO_LONG, "a password must be at most %d bytes",
		                  ACCOUNT_PASSWORD_MAX);
	return 0;
}

/* argon2id, as user_add hashes; slow on purpose, so done before any
 * transaction opens. */
static int password_hash(const char *pw, char out[crypto_pwhash_STRBYTES], kerr *e)
{
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return kerr_set(e, KERR_IO, "out of memory hashing the password");
	return 0;
}

/* Letters and digits nobody confuses when reading one out (no 0/O, 1/l/I). */
static void onetime_make(char out[ACCOUNT_ONETIME_SIZE])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t n = 0;
	for (int group = 0; group < 4; group++) {
		if (group)
			out[n++] = '-';
		for (int i = 0; i < 4; i++)
			out[n++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[n] = '\0';
}

static const char SQL_SET_HASH[] = "UPDATE app_user SET password_hash = ?2 WHERE id = ?1";
static const char SQL_MUST_CHANGE[] =
	"INSERT INTO password_must_change(user_id, set_us) VALUES(?1, ?2) "
	"ON CONFLICT(user_id) DO UPDATE SET set_us = excluded.set_us";
static const char SQL_CHANGED[] = "DELETE FROM password_must_change WHERE user_id = ?1";
static const char SQL_END_SESSIONS[] =
	"UPDATE session SET ended_us = ?3 WHERE user_id = ?1 AND id <> ?2 AND ended_us IS NULL RETURNING id";
static const char SQL_END_TOKENS[] =
	"UPDATE api_token SET revoked_us = ?3 WHERE user_id = ?1 AND id <> ?2 AND revoked_us IS NULL RETURNING id";

/* Runs sql (binding uid, keep and now) and appends the ids it returns to
 * ids. 0 or KERR_*. */
static int ids_run(kansli *k, const char *sql, int64_t uid, int64_t keep, json_t *ids, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, keep);
	db_bind_int(s, 3, time_now_us());
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(ids, json_integer(db_col_int(s, 0)));
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Inside the open transaction: ends every session and revokes every API
 * token of uid but keep_session and keep_token, adding what it ended to
 * data as "sessions_ended" and "tokens_revoked". 0 or KERR_*. */
static int end_all_tx(kansli *k, int64_t uid, int64_t keep_session, int64_t keep_token, json_t *data, kerr *e)
{
	json_t *sessions = json_array(), *tokens = json_array();
	json_object_set_new(data, "sessions_ended", sessions);
	json_object_set_new(data, "tokens_revoked", tokens);
	int rc = ids_run(k, SQL_END_SESSIONS, uid, keep_session, sessions, e);
	return rc ? rc : ids_run(k, SQL_END_TOKENS, uid, keep_token, tokens, e);
}

/* Runs a one-statement change binding uid (and now as ?2). 0 or KERR_*. */
static int user_run(kansli *k, const char *sql, int64_t uid, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, time_now_us());
	return db_run(s, e);
}

static int hash_store(kansli *k, int64_t uid, const char *hash, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SET_HASH, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_text(s, 2, hash);
	return db_run(s, e);
}

int account_password_change(kansli *k, int64_t user_id, const char *username, const char *address,
                            int64_t keep_session, int64_t keep_token, const char *current, const char *new_pw,
                            kerr *e)
{
	char hash[crypto_pwhash_STRBYTES];
	int64_t disabled_id;
	if (k->user_id <= 0 || k->user_id != user_id)
		return kerr_set(e, KERR_DENIED, "a password is changed by its own user, logged in");
	int rc = password_acceptable(new_pw, e);
	if (rc)
		return rc;
	/* The current password is a login's guess by other means: a stolen
	 * session must not try it more often than the login page allows. */
	kerr throttled = KERR_INIT;
	if ((rc = session_login_allowed(k, username, address, &throttled))) {
		if (rc != KERR_CONFLICT)
			return kerr_set(e, rc, "%s", throttled.msg);
		return kerr_field(e, rc, "current", KWHY_STATE, "%s; the password was not changed", throttled.msg);
	}
	if (!current || user_check_password_why(k, username, current, &disabled_id, e)) {
		if ((rc = session_login_failed(k, username, address, e)))
			return rc;
		return kerr_field(e, KERR_DENIED, "current", KWHY_STATE, "the current password is wrong");
	}
	if (!strcmp(current, new_pw))
		return kerr_field(e, KERR_INVALID, "password", KWHY_STATE,
		                  "the new password must differ from the current one");
	if ((rc = password_hash(new_pw, hash, e)))
		return rc;
	json_t *data = json_pack("{s:s}", "username", username);
	if ((rc = kansli_begin(k, e))) {
		json_decref(data);
		return rc;
	}
	if (!(rc = hash_store(k, user_id, hash, e)) && !(rc = user_run(k, SQL_CHANGED, user_id, e)) &&
	    !(rc = end_all_tx(k, user_id, keep_session, keep_token, data, e))) {
		rc = audit_append(k, 0, "user.password_change", "user", user_id, data, e);
		data = NULL;
	}
	json_decref(data);
	sodium_memzero(hash, sizeof hash);
	return kansli_end(k, rc, e);
}

int account_password_reset(kansli *k, const char *username, const char *password,
                           char onetime[ACCOUNT_ONETIME_SIZE], kerr *e)
{
	char hash[crypto_pwhash_STRBYTES];
	int64_t uid;
	onetime[0] = '\0';
	int rc = user_find(k, username, &uid, e);
	if (rc || (rc = access_account(k, uid, username, 0, e)))
		return rc;
	if (password && (rc = password_acceptable(password, e)))
		return rc;
	if (!password)
		onetime_make(onetime);
	if ((rc = password_hash(password ? password : onetime, hash, e)))
		return rc;
	json_t *data = json_pack("{s:s,s:b}", "username", username, "generated", password == NULL);
	if ((rc = kansli_begin(k, e))) {
		json_decref(data);
		return rc;
	}
	if (!(rc = hash_store(k, uid, hash, e)) && !(rc = user_run(k, SQL_MUST_CHANGE, uid, e)) &&
	    !(rc = end_all_tx(k, uid, 0, 0, data, e))) {
		rc = audit_append(k, 0, "user.password_reset", "user", uid, data, e);
		data = NULL;
	}
	json_decref(data);
	sodium_memzero(hash, sizeof hash);
	if ((rc = kansli_end(k, rc, e)))
		sodium_memzero(onetime, ACCOUNT_ONETIME_SIZE);
	return rc;
}

static const char SQL_DISABLED[] = "SELECT disabled FROM app_user WHERE id = ?1";
/* An account that can log in: enabled, with a password. One that never
 * had a password cannot log in until the installation's operator (or an
 * administrator) resets it, which is what the rule is there to avoid; a
 * reset sets a one-time password, so an account with a reset pending
 * counts. */
#define CAN_LOG_IN(U) "(" U ".disabled = 0 AND coalesce(" U ".password_hash, '') <> '')"
/* An organisation (org ?2, or any for 0) the account that can log in is
 * an administrator of, and no other such account is. One that cannot log
 * in is nobody's last: taking its role leaves no fewer who can. */
static const char SQL_LAST_ADMIN[] =
	"SELECT o.code FROM user_role r JOIN organisation o ON o.id = r.org_id "
	"JOIN app_user me ON me.id = r.user_id AND " CAN_LOG_IN("me") " "
	"WHERE r.user_id = ?1 AND (?2 = 0 OR r.org_id = ?2) AND r.role = 'administrator' "
	"  AND NOT EXISTS (SELECT 1 FROM user_role a "
	"  JOIN app_user u ON u.id = a.user_id WHERE a.org_id = r.org_id AND a.role = 'administrator' "
	"  AND a.user_id <> ?1 AND " CAN_LOG_IN("u") ") ORDER BY o.code LIMIT 1";
static const char SQL_SET_DISABLED[] = "UPDATE app_user SET disabled = ?2 WHERE id = ?1";

int account_last_admin_refused(kansli *k, int64_t uid, const char *username, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_LAST_ADMIN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, org_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		rc = kerr_field(e, KERR_CONFLICT, "administrator", KWHY_STATE, "'%s' is the last administrator of %s "
		                "who can log in: grant the role to another user first", username, db_col_text(s, 0));
	db_done(s);
	return rc == DB_DONE ? 0 : rc;
}

int account_set_disabled(kansli *k, const char *username, int disabled, kerr *e)
{
	int64_t uid;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = user_find(k, username, &uid, e)) || (rc = access_account(k, uid, username, 0, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_DISABLED, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, uid);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no user named '%s'", username)))
		goto end;
	int was = (int)db_col_int(s, 0);
	db_done(s);
	if (was == disabled) {
		rc = kerr_field(e, KERR_CONFLICT, "username", KWHY_STATE, "'%s' is already %s", username,
		                disabled ? "disabled" : "enabled");
		goto end;
	}
	if (disabled && (rc = account_last_admin_refused(k, uid, username, 0, e)))
		goto end;
	if (!(s = db_prep(k->db, SQL_SET_DISABLED, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, disabled);
	if ((rc = db_run(s, e)))
		goto end;
	json_t *data = json_pack("{s:s}", "username", username);
	/* stopped at once, and not given back by enabling the account again */
	if (disabled && (rc = end_all_tx(k, uid, 0, 0, data, e))) {
		json_decref(data);
		goto end;
	}
	rc = audit_append(k, 0, disabled ? "user.disable" : "user.enable", "user", uid, data, e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_ACCOUNT[] =
	"SELECT u.full_name, u.disabled, EXISTS (SELECT 1 FROM password_must_change m WHERE m.user_id = u.id), "
	"  (SELECT max(ts_us) FROM event ev WHERE ev.object_type = 'user' AND ev.object_id = u.id "
	"     AND ev.action = 'session.login') "
	"FROM app_user u WHERE u.id = ?1";
/* Live tokens: not revoked, not expired. */
static const char SQL_USER_TOKENS[] =
	"SELECT t.id, t.name, t.created_us, t.expires_us, tu.last_used_us, coalesce(tu.user_agent, '') "
	"FROM api_token t LEFT JOIN api_token_use tu ON tu.token_id = t.id "
	"WHERE t.user_id = ?1 AND t.revoked_us IS NULL AND t.expires_us > ?2 ORDER BY t.id";

/* A time as account lists show it, or JSON null for none (NULL column). */
static json_t *time_or_null(db_stmt *s, int col)
{
	if (db_col_null(s, col))
		return json_null();
	char t[32];
	time_format_local(db_col_int(s, col), t, sizeof t);
	return json_string(t);
}

static json_t *user_tokens(kansli *k, int64_t uid, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_TOKENS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, time_now_us());
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32], expires[32];
		time_format_local(db_col_int(s, 2), created, sizeof created);
		time_format_local(db_col_int(s, 3), expires, sizeof expires);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:o,s:s}", "id", (json_int_t)db_col_int(s, 0),
		                      "name", db_col_text(s, 1), "created", created, "expires", expires,
		                      "last_used", time_or_null(s, 4), "user_agent", db_col_text(s, 5)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *account_show(kansli *k, const char *username, kerr *e)
{
	int64_t uid;
	if (user_find(k, username, &uid, e) || access_account(k, uid, username, 1, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_ACCOUNT, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, uid);
	if (kansli_row(s, e, KERR_NOTFOUND, "no user named '%s'", username))
		return NULL;
	json_t *v = json_pack("{s:s,s:s,s:b,s:b,s:o}", "username", username, "full_name", db_col_text(s, 0),
	                      "disabled", (int)db_col_int(s, 1), "must_change", (int)db_col_int(s, 2),
	                      "last_login", time_or_null(s, 3));
	db_done(s);
	json_t *sessions = session_list(k, uid, e);
	json_t *tokens = sessions ? user_tokens(k, uid, e) : NULL;
	if (!tokens) {
		json_decref(sessions);
		json_decref(v);
		return NULL;
	}
	json_object_set_new(v, "sessions", sessions);
	json_object_set_new(v, "tokens", tokens);
	return v;
}

static const char SQL_END_ONE_SESSION[] =
	"UPDATE session SET ended_us = ?3 WHERE id = ?2 AND user_id = ?1 AND ended_us IS NULL RETURNING id";
static const char SQL_END_ONE_TOKEN[] =
	"UPDATE api_token SET revoked_us = ?3 WHERE id = ?2 AND user_id = ?1 AND revoked_us IS NULL RETURNING name";

int account_end(kansli *k, const char *username, const char *kind, int64_t id, kerr *e)
{
	int64_t uid;
	int is_session = !strcmp(kind, "session");
	if (!is_session && strcmp(kind, "token"))
		return kerr_field(e, KERR_INVALID, "kind", KWHY_CHOICE, "say session or token, not '%s'", kind);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = user_find(k, username, &uid, e)) || (rc = access_account(k, uid, username, 1, e)))
		goto end;
	db_stmt *s = db_prep(k->db, is_session ? SQL_END_ONE_SESSION : SQL_END_ONE_TOKEN, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, uid);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, time_now_us());
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "'%s' has no %s %lld that is still live", username,
	                     is_session ? "session" : "API token", (long long)id)))
		goto end;
	/* the events token_revoke and session_end_others write, for one */
	json_t *data = is_session ? json_pack("{s:s,s:I}", "username", username, "session", (json_int_t)id)
	                       : json_pack("{s:s,s:s}", "user", username, "name", db_col_text(s, 0));
	db_done(s);
	rc = is_session ? audit_append(k, 0, "session.end", "user", uid, data, e)
	             : audit_append(k, 0, "token.revoke", "api_token", id, data, e);
end:
	return kansli_end(k, rc, e);
}

/* Last use: the newest logged login and the newest use of a token; an
 * account never used counts from its creation. */
static const char SQL_STALE[] =
	"SELECT username, full_name, created_us, login, used, max(coalesce(login, 0), coalesce(used, 0), "
	"    CASE WHEN login IS NULL AND used IS NULL THEN created_us ELSE 0 END) AS last "
	"FROM (SELECT u.username, u.full_name, u.created_us, "
	"  (SELECT max(ts_us) FROM event ev WHERE ev.object_type = 'user' AND ev.object_id = u.id "
	"     AND ev.action = 'session.login') AS login, "
	"  (SELECT max(tu.last_used_us) FROM api_token t JOIN api_token_use tu ON tu.token_id = t.id "
	"     WHERE t.user_id = u.id) AS used "
	"  FROM app_user u WHERE u.disabled = 0 "
	"    AND (?1 = 0 OR EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.org_id = ?1))) "
	"WHERE last < ?2 ORDER BY last, username";

json_t *account_stale(kansli *k, int64_t org_id, int days, kerr *e)
{
	if (days < 1 || days > 3650) {
		kerr_field(e, KERR_INVALID, "days", KWHY_RANGE, "say 1-3650 days, not %d", days);
		return NULL;
	}
	if (org_id ? access_check(k, org_id, ACCESS_ADMIN, e) : access_installation(k, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_STALE, e);
	if (!s)
		return NULL;
	int64_t now = time_now_us(), day = 86400LL * 1000000;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, now - days * day);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32];
		time_format_local(db_col_int(s, 2), created, sizeof created);
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:o,s:o,s:I}", "username", db_col_text(s, 0),
		                      "full_name", db_col_text(s, 1), "created", created, "last_login", time_or_null(s, 3),
		                      "last_token_use", time_or_null(s, 4),
		                      "idle_days", (json_int_t)((now - db_col_int(s, 5)) / day)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
