/* session.c — web sessions, login throttling and API tokens; see session.h. */
#include "core/session.h"

#include <sodium.h>
#include <string.h>

#include "core/audit.h"
#include "core/org.h"
#include "util/hash.h"
#include "util/timeutil.h"

static void new_secret(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	hash_hex(raw, sizeof raw, out);
}

static void token_digest(const char *token, unsigned char out[32])
{
	hash_sha256(token, strlen(token), out);
}

void session_token_check(const unsigned char token_hash[32], char out[65])
{
	unsigned char h[32];
	hash_sha256(token_hash, 32, h);
	hash_hex(h, sizeof h, out);
}

/* Failures in the last hour: from this address (any account), of this
 * account (any address), of this account from this address. */
static const char SQL_FAILURES[] =
	"SELECT (SELECT count(*) FROM login_failure WHERE address = ?3 AND ts_us > ?2), "
	"  (SELECT count(*) FROM login_failure WHERE username = ?1 AND ts_us > ?2), "
	"  (SELECT count(*) FROM login_failure WHERE username = ?1 AND address = ?3 AND ts_us > ?2)";
static const char SQL_ADD_FAILURE[] = "INSERT INTO login_failure(username, ts_us, address) VALUES(?1, ?2, ?3)";

/*
 * Whether a login from address may be tried. An address that failed 100
 * times in the hour (on any accounts) is refused. An account that failed
 * 100 times in the hour (from many addresses) is refused only to the
 * addresses among them: the real user, from an address that has not
 * guessed wrong, still logs in. 0, KERR_CONFLICT, or a storage error.
 */
static int login_allowed(kansli *k, const char *username, const char *address, int64_t now, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FAILURES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	db_bind_int(s, 2, now - 3600LL * 1000000);
	db_bind_text(s, 3, address);
	int rc = db_step(s, e);
	if (rc != DB_ROW) {
		db_done(s);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	int64_t from_address = db_col_int(s, 0), of_account = db_col_int(s, 1), pair = db_col_int(s, 2);
	db_done(s);
	if (from_address >= LOGIN_MAX_FAILURES_PER_HOUR)
		return kerr_set(e, KERR_CONFLICT, "too many failed logins from this address; try again within an hour");
	if (of_account >= LOGIN_MAX_FAILURES_PER_HOUR && pair > 0)
		return kerr_set(e, KERR_CONFLICT, "too many failed logins for this account; try again within an hour");
	return 0;
}

int session_login_allowed(kansli *k, const char *username, const char *address, kerr *e)
{
	return login_allowed(k, username, address ? address : "", time_now_us(), e);
}

/* Inside the open transaction: counts one failure of username from address. */
static int failure_add(kansli *k, const char *username, const char *address, int64_t now, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ADD_FAILURE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, username);
	db_bind_int(s, 2, now);
	db_bind_text(s, 3, address);
	return db_run(s, e);
}

int session_login_failed(kansli *k, const char *username, const char *address, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	rc = failure_add(k, username, address ? address : "", time_now_us(), e);
	return kansli_end(k, rc, e);
}

static const char SQL_USER[] =
	"SELECT id, full_name, EXISTS (SELECT 1 FROM password_must_change m WHERE m.user_id = app_user.id) "
	"FROM app_user WHERE username = ?1";
static const char SQL_NEW_SESSION[] =
	"INSERT INTO session(token_hash, user_id, csrf, created_us, last_seen_us, user_agent, address) "
	"VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?6) RETURNING id";

int session_login(kansli *k, const char *username, const char *password, const char *user_agent,
                  const char *address, char token[SESSION_TOKEN_LEN + 1], session *out, kerr *e)
{
	int64_t now = time_now_us();
	if (!username || !*username || !password || strlen(username) > 64 || strlen(password) > 1024)
		return kerr_set(e, KERR_DENIED, "wrong user name or password");
	if (!address)
		address = "";
	int rc = login_allowed(k, username, address, now, e);
	if (rc)
		return rc;
	db_stmt *s;

	/* argon2id runs outside any transaction: it is slow on purpose. */
	int64_t disabled_id;
	int pw_ok = user_check_password_why(k, username, password, &disabled_id, e) == 0;
	rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if (!pw_ok) {
		if ((rc = failure_add(k, username, address, now, e)))
			goto end;
		/* A leaver who still knows the password is worth knowing of; the
		 * answer stays the same, so disabled accounts cannot be probed. */
		if (disabled_id && (rc = audit_append(k, 0, "session.refused", "user", disabled_id,
		                                      json_pack("{s:s,s:s,s:s}", "username", username, "address",
		                                                address, "reason", "disabled"), e)))
			goto end;
		if ((rc = kansli_commit(k, e)))
			return rc;
		return kerr_set(e, KERR_DENIED, "wrong user name or password");
	}
	if (!(s = db_prep(k->db, SQL_USER, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_text(s, 1, username);
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		if (rc == DB_DONE)
			rc = kerr_set(e, KERR_DENIED, "wrong user name or password");
		goto end;
	}
	memset(out, 0, sizeof *out);
	out->user_id = db_col_int(s, 0);
	snprintf(out->full_name, sizeof out->full_name, "%s", db_col_text(s, 1));
	out->must_change = (int)db_col_int(s, 2);
	db_done(s);
	snprintf(out->username, sizeof out->username, "%s", username);
	/* A new random id at every login: a session id known before login
	 * (fixation) is worth nothing after it. */
	new_secret(token);
	new_secret(out->csrf);
	unsigned char th[32];
	token_digest(token, th);
	if (!(s = db_prep(k->db, SQL_NEW_SESSION, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_blob(s, 1, th, sizeof th);
	db_bind_int(s, 2, out->user_id);
	db_bind_text(s, 3, out->csrf);
	db_bind_int(s, 4, now);
	db_bind_text(s, 5, user_agent ? user_agent : "");
	db_bind_text(s, 6, address);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	out->id = db_col_int(s, 0);
	db_done(s);
	snprintf(k->actor, sizeof k->actor, "user:%s", username);
	char check[65];
	session_token_check(th, check);
	rc = audit_append(k, 0, "session.login", "user", out->user_id,
	                  json_pack("{s:s,s:I,s:s}", "address", address,
	                            "session", (json_int_t)out->id, "token_check", check), e);
end:
	return kansli_end(k, rc, e);
}

/* Ended sessions too: why one ended is told apart from an unknown token. */
static const char SQL_RESUME[] =
	"SELECT s.id, s.user_id, s.csrf, s.created_us, s.last_seen_us, u.username, u.full_name, u.disabled, u.language, "
	"  s.ended_us, EXISTS (SELECT 1 FROM password_must_change m WHERE m.user_id = u.id) "
	"FROM session s JOIN app_user u ON u.id = s.user_id "
	"WHERE s.token_hash = ?1";
static const char SQL_TOUCH[] = "UPDATE session SET last_seen_us = ?2 WHERE id = ?1";
/* The session table is outside the log (covered.c); a row is honoured
 * only when a logged login opened it for this user with this token. */
static const char SQL_LOGGED_LOGIN[] =
	"SELECT 1 FROM event WHERE object_type = 'user' AND object_id = ?1 AND action = 'session.login' "
	"  AND json_extract(data, '$.session') = ?2 AND json_extract(data, '$.token_check') = ?3";

static int login_logged(kansli *k, int64_t user_id, int64_t session_id, const unsigned char th[32], kerr *e)
{
	char check[65];
	session_token_check(th, check);
	db_stmt *s = db_prep(k->db, SQL_LOGGED_LOGIN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, session_id);
	db_bind_text(s, 3, check);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? 0 : kerr_set(e, KERR_DENIED, "not logged in");
}

/* Why a session seen last at seen, made at created, and ended at ended
 * (0: not ended) is not live at now: SESSION_*. A session the timeouts
 * ended was ended past them (session_resume ends it when it finds it
 * expired), one logged out before them. */
static int session_end_why(int64_t created, int64_t seen, int64_t ended, int64_t now)
{
	int64_t at = ended ? ended : now;
	if (at - seen > SESSION_IDLE_US)
		return SESSION_IDLE;
	if (at - created > SESSION_MAX_US)
		return SESSION_TOO_OLD;
	return ended ? SESSION_LOGGED_OUT : SESSION_LIVE;
}

int session_resume(kansli *k, const char *token, session *out, kerr *e)
{
	memset(out, 0, sizeof *out);
	if (!token || strlen(token) != SESSION_TOKEN_LEN)
		return kerr_set(e, KERR_DENIED, "not logged in");
	unsigned char th[32];
	token_digest(token, th);
	db_stmt *s = db_prep(k->db, SQL_RESUME, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_blob(s, 1, th, sizeof th);
	int rc = kansli_row(s, e, KERR_DENIED, "not logged in");
	if (rc)
		return rc;
	int64_t now = time_now_us(), created = db_col_int(s, 3), seen = db_col_int(s, 4);
	memset(out, 0, sizeof *out);
	out->id = db_col_int(s, 0);
	out->user_id = db_col_int(s, 1);
	snprintf(out->csrf, sizeof out->csrf, "%s", db_col_text(s, 2));
	snprintf(out->username, sizeof out->username, "%s", db_col_text(s, 5));
	snprintf(out->full_name, sizeof out->full_name, "%s", db_col_text(s, 6));
	int disabled = (int)db_col_int(s, 7);
	snprintf(out->language, sizeof out->language, "%s", db_col_text(s, 8));
	int64_t ended = db_col_int(s, 9);
	out->must_change = (int)db_col_int(s, 10);
	db_done(s);
	rc = login_logged(k, out->user_id, out->id, th, e);
	if (rc) {
		memset(out, 0, sizeof *out);
		return rc;
	}
	out->ended = disabled ? SESSION_LOGGED_OUT : session_end_why(created, seen, ended, now);
	if (out->ended != SESSION_LIVE) {
		if (!ended)
			session_logout(k, out->id, NULL);
		return kerr_set(e, KERR_DENIED, out->ended == SESSION_LOGGED_OUT ? "the session has ended"
		                                                                 : "the session has expired");
	}
	/* Touch at most once a minute: a write per page view is not needed to
	 * keep a 30-minute idle limit. */
	if (now - seen > 60LL * 1000000) {
		rc = db_begin(k->db, e);
		if (rc)
			return rc;
		if (!(s = db_prep(k->db, SQL_TOUCH, e))) {
			db_rollback(k->db);
			return KERR_INTERNAL;
		}
		db_bind_int(s, 1, out->id);
		db_bind_int(s, 2, now);
		if ((rc = db_run(s, e)) || (rc = db_commit(k->db, e))) {
			db_rollback(k->db);
			return rc;
		}
	}
	return 0;
}

static const char SQL_END[] = "UPDATE session SET ended_us = ?2 WHERE id = ?1 AND ended_us IS NULL";
static const char SQL_END_OTHERS[] =
	"UPDATE session SET ended_us = ?3 WHERE user_id = ?1 AND id <> ?2 AND ended_us IS NULL RETURNING id";

int session_logout(kansli *k, int64_t session_id, kerr *e)
{
	int rc = db_begin(k->db, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_END, e);
	if (!s) {
		db_rollback(k->db);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, session_id);
	db_bind_int(s, 2, time_now_us());
	if ((rc = db_run(s, e))) {
		db_rollback(k->db);
		return rc;
	}
	return db_commit(k->db, e);
}

int session_end_others(kansli *k, int64_t user_id, int64_t keep_id, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_END_OTHERS, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, keep_id);
	db_bind_int(s, 3, time_now_us());
	/* The event names the sessions it ended, so the log says exactly what
	 * changed. */
	json_t *ended = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(ended, json_integer(db_col_int(s, 0)));
	db_done(s);
	if (rc < 0) {
		json_decref(ended);
		goto fail;
	}
	if ((rc = audit_append(k, 0, "session.end_others", "user", user_id,
	                       json_pack("{s:I,s:o}", "kept", (json_int_t)keep_id, "ended", ended), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_LIST[] =
	"SELECT id, created_us, last_seen_us, user_agent, address FROM session "
	"WHERE user_id = ?1 AND ended_us IS NULL AND last_seen_us > ?2 ORDER BY last_seen_us DESC";

json_t *session_list(kansli *k, int64_t user_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, time_now_us() - SESSION_IDLE_US);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32], seen[32];
		time_format_local(db_col_int(s, 1), created, sizeof created);
		time_format_local(db_col_int(s, 2), seen, sizeof seen);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(s, 0),
		                      "created", created, "last_seen", seen, "user_agent", db_col_text(s, 3),
		                      "address", db_col_text(s, 4)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_NEW_TOKEN[] =
	"INSERT INTO api_token(token_hash, user_id, name, created_us, expires_us) "
	"VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id";

int token_create(kansli *k, const char *username, const char *name, int days,
                 char token[SESSION_TOKEN_LEN + 1], kerr *e)
{
	int64_t uid;
	if (k->user_id != 0)
		return kerr_set(e, KERR_DENIED, "only the installation's administrator may create API tokens");
	if (!name || !*name || strlen(name) > 100)
		return kerr_field(e, KERR_INVALID, "token_name", KWHY_TOO_LONG,
		                  "a token needs a name of 1-100 characters");
	if (days < 1 || days > 366)
		return kerr_field(e, KERR_INVALID, "token_days", KWHY_RANGE, "a token lives 1-366 days");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = user_find(k, username, &uid, e)))
		goto end;
	new_secret(token);
	unsigned char th[32];
	token_digest(token, th);
	int64_t now = time_now_us();
	db_stmt *s = db_prep(k->db, SQL_NEW_TOKEN, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_blob(s, 1, th, sizeof th);
	db_bind_int(s, 2, uid);
	db_bind_text(s, 3, name);
	db_bind_int(s, 4, now);
	db_bind_int(s, 5, now + (int64_t)days * 86400 * 1000000);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	int64_t id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, 0, "token.create", "api_token", id,
	                  json_pack("{s:s,s:s,s:i}", "user", username, "name", name, "days", days), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_TOKEN[] =
	"SELECT t.id, t.user_id, t.expires_us, t.revoked_us, u.username, u.full_name, u.disabled, "
	"  EXISTS (SELECT 1 FROM password_must_change m WHERE m.user_id = u.id), "
	"  coalesce((SELECT last_used_us FROM api_token_use WHERE token_id = t.id), 0) "
	"FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = ?1";

int token_resume(kansli *k, const char *token, session *out, kerr *e)
{
	if (!token || strlen(token) != SESSION_TOKEN_LEN)
		return kerr_set(e, KERR_DENIED, "invalid API token");
	unsigned char th[32];
	token_digest(token, th);
	db_stmt *s = db_prep(k->db, SQL_TOKEN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_blob(s, 1, th, sizeof th);
	int rc = kansli_row(s, e, KERR_DENIED, "invalid API token");
	if (rc)
		return rc;
	int ok = db_col_int(s, 2) > time_now_us() && db_col_null(s, 3) && !db_col_int(s, 6);
	memset(out, 0, sizeof *out);
	out->id = 0;
	out->token_id = db_col_int(s, 0);
	out->user_id = db_col_int(s, 1);
	out->must_change = (int)db_col_int(s, 7);
	out->token_seen = db_col_int(s, 8);
	snprintf(out->username, sizeof out->username, "%s", db_col_text(s, 4));
	snprintf(out->full_name, sizeof out->full_name, "%s", db_col_text(s, 5));
	db_done(s);
	return ok ? 0 : kerr_set(e, KERR_DENIED, "the API token has expired or was revoked");
}

static const char SQL_TOKEN_USE[] =
	"INSERT INTO api_token_use(token_id, last_used_us, user_agent) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(token_id) DO UPDATE SET last_used_us = excluded.last_used_us, user_agent = excluded.user_agent";

int token_touch(kansli *k, int64_t token_id, int64_t seen, const char *user_agent, kerr *e)
{
	int64_t now = time_now_us();
	/* As a session's last request: a write per call is not needed to
	 * tell an administrator when a token was last used. */
	if (now - seen <= 60LL * 1000000)
		return 0;
	int rc = db_begin(k->db, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_TOKEN_USE, e);
	if (!s) {
		db_rollback(k->db);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, token_id);
	db_bind_int(s, 2, now);
	db_bind_text(s, 3, user_agent ? user_agent : "");
	if ((rc = db_run(s, e)) || (rc = db_commit(k->db, e))) {
		db_rollback(k->db);
		return rc;
	}
	return 0;
}

static const char SQL_REVOKE[] =
	"UPDATE api_token SET revoked_us = ?2 WHERE id = ?1 AND revoked_us IS NULL "
	"RETURNING (SELECT username FROM app_user WHERE id = user_id), name";

int token_revoke(kansli *k, int64_t token_id, kerr *e)
{
	if (k->user_id != 0)
		return kerr_set(e, KERR_DENIED, "only the installation's administrator may revoke API tokens");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_REVOKE, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, token_id);
	db_bind_int(s, 2, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		if (rc == DB_DONE)
			rc = kerr_set(e, KERR_NOTFOUND, "no API token %lld that is not already revoked", (long long)token_id);
		goto fail;
	}
	json_t *data = json_pack("{s:s,s:s}", "user", db_col_text(s, 0), "name", db_col_text(s, 1));
	db_done(s);
	if ((rc = audit_append(k, 0, "token.revoke", "api_token", token_id, data, e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_TOKENS[] =
	"SELECT t.id, u.username, t.name, t.created_us, t.expires_us, t.revoked_us IS NOT NULL "
	"FROM api_token t JOIN app_user u ON u.id = t.user_id ORDER BY t.id";

json_t *token_list(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_TOKENS, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32], expires[32];
		time_format_local(db_col_int(s, 3), created, sizeof created);
		time_format_local(db_col_int(s, 4), expires, sizeof expires);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "id", (json_int_t)db_col_int(s, 0),
		                      "user", db_col_text(s, 1), "name", db_col_text(s, 2), "created", created,
		                      "expires", expires, "revoked", (int)db_col_int(s, 5)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int session_secret_equal(const char *given, const char *secret)
{
	size_t n = strlen(secret);
	return given && n > 0 && strlen(given) == n && sodium_memcmp(given, secret, n) == 0;
}
