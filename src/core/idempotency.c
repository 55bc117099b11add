/* idempotency.c — the API's kept answers for Idempotency-Key; see idempotency.h. */
#include "core/idempotency.h"

#include <stdio.h>
#include <string.h>

#include "util/timeutil.h"

int idempotency_key_valid(const char *key)
{
	size_t n = key ? strlen(key) : 0;
	if (n < 1 || n > IDEMPOTENCY_KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (key[i] <= ' ' || key[i] > '~')
			return 0;
	return 1;
}

static const char SQL_FORGET[] = "DELETE FROM api_idempotency WHERE created_us < ?1";
static const char SQL_FIND[] =
	"SELECT fingerprint, status, content_type, body, filename FROM api_idempotency WHERE caller = ?1 AND key = ?2";

int idempotency_find(kansli *k, const char *caller, const char *key, idempotency_answer *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FORGET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, time_now_us() - IDEMPOTENCY_KEEP_US);
	int rc = db_run(s, e);
	if (rc)
		return rc;
	if (!(s = db_prep(k->db, SQL_FIND, e)))
		return KERR_INTERNAL;
	db_bind_text(s, 1, caller);
	db_bind_text(s, 2, key);
	rc = db_step(s, e);
	if (rc == DB_ROW) {
		snprintf(out->fingerprint, sizeof out->fingerprint, "%s", db_col_text(s, 0));
		out->status = (int)db_col_int(s, 1);
		snprintf(out->content_type, sizeof out->content_type, "%s", db_col_text(s, 2));
		snprintf(out->filename, sizeof out->filename, "%s", db_col_text(s, 4));
		out->body = (buf)BUF_INIT;
		buf_add(&out->body, db_col_blob(s, 3), (size_t)db_col_bytes(s, 3));
	}
	db_done(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

static const char SQL_KEEP[] =
	"INSERT INTO api_idempotency(caller, key, fingerprint, status, content_type, body, created_us, filename) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int idempotency_keep(kansli *k, const char *caller, const char *key, const idempotency_answer *a, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_KEEP, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, caller);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, a->fingerprint);
	db_bind_int(s, 4, a->status);
	db_bind_text(s, 5, a->content_type);
	db_bind_blob(s, 6, a->body.s ? a->body.s : "", a->body.len);
	db_bind_int(s, 7, time_now_us());
	db_bind_text(s, 8, a->filename);
	return db_run(s, e);
}
