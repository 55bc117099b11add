/* idempotency.c — the API's kept answers for Idempotency-Key, sealed; see idempotency.h. */
#include "core/idempotency.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/seal.h"
#include "util/timeutil.h"

/* Each its own label, so that neither key is one kansli uses elsewhere. */
#define LABEL_SEAL "kansli api idempotency answer v1"
#define LABEL_REQUEST "kansli api idempotency request v1"
#define LABEL_CALLER "kansli api idempotency caller v1"
#define LABEL_RIGHTS "kansli api idempotency rights v1"
/* A key kept before answers were sealed: its request's SHA-256 as it was,
 * its answer dropped (store/schema.c). */
#define LEGACY "sha256:"

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

/* The request as stored: its SHA-256 keyed from the signing key (BLAKE2b),
 * in hex, so that a copy of the database cannot test a guessed body
 * against it. */
static void request_mark(const kansli *k, const char *fingerprint, char out[65])
{
	seal_keyed_hex(k, LABEL_REQUEST, fingerprint, strlen(fingerprint), out);
}

void idempotency_token_caller(const kansli *k, const char *token, char *out, size_t len)
{
	char hex[65];
	seal_keyed_hex(k, LABEL_CALLER, token, strlen(token), hex);
	snprintf(out, len, "k%s", hex);
}

/* The acting user's rights as they bear on what a call may do and read:
 * the account's state, its roles in every organisation, and the units and
 * boards those roles are limited to, keyed (BLAKE2b from the signing key)
 * so that the column says nothing of them to a copy of the database. A
 * replay is given only while this is unchanged (idempotency.h). */
static const char SQL_RIGHTS_USER[] = "SELECT disabled FROM app_user WHERE id = ?1";
static const char SQL_RIGHTS_ROLES[] = "SELECT org_id, role FROM user_role WHERE user_id = ?1 ORDER BY 1, 2";
static const char SQL_RIGHTS_SCOPES[] =
	"SELECT org_id, role, coalesce(unit_id, 0), coalesce(board_id, 0) FROM role_scope WHERE user_id = ?1 "
	"ORDER BY 1, 2, 3, 4";

static int rights_mark(kansli *k, char out[65], kerr *e)
{
	buf b = BUF_INIT;
	buf_printf(&b, "user %lld;", (long long)k->user_id);
	static const char *const sql[] = { SQL_RIGHTS_USER, SQL_RIGHTS_ROLES, SQL_RIGHTS_SCOPES };
	static const int columns[] = { 1, 2, 4 };
	int rc = 0;
	for (int i = 0; i < 3 && rc >= 0; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, k->user_id);
		buf_printf(&b, "|%d", i);
		while ((rc = db_step(s, e)) == DB_ROW)
			for (int c = 0; c < columns[i]; c++) {
				const char *v = db_col_text(s, c);
				buf_printf(&b, ";%zu:%s", strlen(v ? v : ""), v ? v : "");
			}
		db_done(s);
	}
	if (rc < 0) {
		buf_free(&b);
		return rc;
	}
	seal_keyed_hex(k, LABEL_RIGHTS, b.s, b.len, out);
	buf_free(&b);
	return 0;
}

static void add_field(buf *b, const char *s)
{
	char n[24];
	buf_add(b, n, (size_t)snprintf(n, sizeof n, "%zu:", strlen(s)));
	buf_adds(b, s);
}

/* The associated data: every clear column of the row, length-prefixed,
 * so that a row changed in any of them no longer opens. */
static void associated(buf *ad, const char *caller, const char *key, const char *mark, int64_t created_us)
{
	buf_adds(ad, LABEL_SEAL);
	add_field(ad, caller);
	add_field(ad, key);
	add_field(ad, mark);
	buf_printf(ad, "%" PRId64, created_us);
}

static void put_u32(buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	                       (unsigned char)v };
	buf_add(b, x, 4);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* What is sealed: status, type and download name (each length-prefixed),
 * then the body. */
static void plain_of(buf *p, const idempotency_answer *a)
{
	put_u32(p, (uint32_t)a->status);
	put_u32(p, (uint32_t)strlen(a->content_type));
	buf_adds(p, a->content_type);
	put_u32(p, (uint32_t)strlen(a->filename));
	buf_adds(p, a->filename);
	buf_add(p, a->body.s ? a->body.s : "", a->body.len);
}

/* Reads a text of the plaintext into out; 0, or -1 when it does not fit. */
static int get_text(const unsigned char **p, const unsigned char *end, char *out, size_t len)
{
	if (end - *p < 4)
		return -1;
	uint32_t n = get_u32(*p);
	*p += 4;
	if (n >= len || (size_t)(end - *p) < n || memchr(*p, 0, n))
		return -1;
	memcpy(out, *p, n);
	out[n] = 0;
	*p += n;
	return 0;
}

static int answer_of(const unsigned char *p, size_t len, idempotency_answer *out)
{
	const unsigned char *end = p + len;
	if (len < 4)
		return -1;
	uint32_t status = get_u32(p);
	p += 4;
	if (status < 100 || status > 599 || get_text(&p, end, out->content_type, sizeof out->content_type) ||
	    get_text(&p, end, out->filename, sizeof out->filename))
		return -1;
	out->status = (int)status;
	out->body = (buf)BUF_INIT;
	buf_add(&out->body, p, (size_t)(end - p));
	return 0;
}

/* Opens a stored seal into *out; 0, or -1 when it does not open. */
static int unseal(const kansli *k, const void *stored, size_t len, const buf *ad, idempotency_answer *out)
{
	if (len < SEAL_OVERHEAD)
		return -1;
	unsigned char *plain = malloc(len - SEAL_OVERHEAD + 1);
	if (!plain)
		abort();
	size_t plen = 0;
	int rc = seal_open(k, LABEL_SEAL, ad->s, ad->len, stored, len, plain, &plen);
	if (!rc)
		rc = answer_of(plain, plen, out);
	sodium_memzero(plain, len - SEAL_OVERHEAD);
	free(plain);
	return rc;
}

static const char SQL_FORGET[] = "DELETE FROM api_idempotency WHERE created_us < ?1";
static const char SQL_FIND[] =
	"SELECT request, created_us, sealed FROM api_idempotency WHERE caller = ?1 AND key = ?2";

int idempotency_find(kansli *k, const char *caller, const char *key, const char *fingerprint,
                     idempotency_answer *out, kerr *e)
{
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "kept answers are sealed with the signing key, which this process "
		                "cannot read (%s)", k->key_path);
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
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		return rc < 0 ? rc : 0;
	}
	char mark[65], rights[65];
	request_mark(k, fingerprint, mark);
	const char *stored = db_col_text(s, 0);
	if (!strncmp(stored, LEGACY, strlen(LEGACY)) && !strcmp(stored + strlen(LEGACY), fingerprint)) {
		db_done(s);
		return IDEMPOTENCY_UPGRADED;
	}
	/* the request column is the request's mark, then '/' and the
	 * caller's rights when it was kept (keys kept before rights were:
	 * the mark alone) */
	if (strncmp(stored, mark, 64) || (stored[64] && stored[64] != '/')) {
		/* another request's, or a mark changed: either way not this
		 * call's answer, and the key is taken */
		db_done(s);
		return kerr_field(e, KERR_CONFLICT, "Idempotency-Key", KWHY_DUPLICATE,
		                  "this Idempotency-Key was sent with another request");
	}
	/* Not replayed, the key still taken (the call is not done again):
	 * an answer forgotten (idempotency_forget_answers: a disposal
	 * destroyed what it could hold, a record was made more secret), one
	 * kept before the caller's rights were kept with it, and one kept
	 * under rights that have changed since (a role taken away or
	 * limited: the caller may no longer make the call or read what it
	 * answered). A row changed behind kansli's back is said first. */
	if (db_col_bytes(s, 2) == 0) {
		db_done(s);
		return IDEMPOTENCY_FORGOTTEN;
	}
	buf ad = BUF_INIT;
	associated(&ad, caller, key, stored, db_col_int(s, 1));
	rc = unseal(k, db_col_blob(s, 2), (size_t)db_col_bytes(s, 2), &ad, out);
	int has_rights = stored[64] == '/';
	if (has_rights)
		snprintf(rights, sizeof rights, "%s", stored + 65);
	db_done(s);
	buf_free(&ad);
	if (rc)
		return kerr_set(e, KERR_TAMPERED, "the answer kept for Idempotency-Key '%s' does not open: it was "
		                "written or moved outside kansli, or sealed under another signing key", key);
	char now[65];
	if ((rc = rights_mark(k, now, e)) < 0 || !has_rights || strcmp(now, rights)) {
		buf_free(&out->body);
		return rc < 0 ? rc : IDEMPOTENCY_FORGOTTEN;
	}
	snprintf(out->fingerprint, sizeof out->fingerprint, "%s", fingerprint);
	return IDEMPOTENCY_ANSWER;
}

static const char SQL_KEEP[] =
	"INSERT INTO api_idempotency(caller, key, request, created_us, sealed) VALUES (?1, ?2, ?3, ?4, ?5)";

int idempotency_keep(kansli *k, const char *caller, const char *key, const idempotency_answer *a, kerr *e)
{
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "kept answers are sealed with the signing key, which this process "
		                "cannot read (%s)", k->key_path);
	char mark[65], rights[65], request[130];
	request_mark(k, a->fingerprint, mark);
	int rc = rights_mark(k, rights, e);
	if (rc < 0)
		return rc;
	snprintf(request, sizeof request, "%s/%s", mark, rights);
	int64_t now = time_now_us();
	buf ad = BUF_INIT, plain = BUF_INIT;
	associated(&ad, caller, key, request, now);
	plain_of(&plain, a);
	size_t len;
	unsigned char *sealed = seal_make(k, LABEL_SEAL, ad.s, ad.len, plain.s, plain.len, &len);
	sodium_memzero(plain.s, plain.len);
	buf_free(&plain);
	buf_free(&ad);
	rc = KERR_INTERNAL;
	db_stmt *s = db_prep(k->db, SQL_KEEP, e);
	if (s) {
		db_bind_text(s, 1, caller);
		db_bind_text(s, 2, key);
		db_bind_text(s, 3, request);
		db_bind_int(s, 4, now);
		db_bind_blob(s, 5, sealed, len);
		rc = db_run(s, e);
	}
	free(sealed);
	return rc;
}

/* The answers' seals emptied, the rows (caller, key, request) kept: each
 * key stays taken for the rest of its day, so a call sent again is
 * refused (idempotency_answer_not_kept), not done twice. secure_delete
 * zeroes the pages the seals leave. */
static const char SQL_FORGET_ANSWERS[] = "UPDATE api_idempotency SET sealed = X'' WHERE length(sealed) > 0";

int idempotency_forget_answers(kansli *k, kerr *e)
{
	int rc = db_secure_delete(k->db, 1, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_FORGET_ANSWERS, e);
	return s ? db_run(s, e) : KERR_INTERNAL;
}
