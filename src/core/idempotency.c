/* idempotency.c — the API's kept answers for Idempotency-Key, sealed; see idempotency.h. */
#include "core/idempotency.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

/* Each its own label, so that neither key is one kansli uses elsewhere. */
#define LABEL_SEAL "kansli api idempotency answer v1"
#define LABEL_REQUEST "kansli api idempotency request v1"
/* A key kept before answers were sealed: its request's SHA-256 as it was,
 * its answer dropped (store/schema.c). */
#define LEGACY "sha256:"
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES

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
	unsigned char key[32], mark[32];
	kansli_derive_secret(k, LABEL_REQUEST, key);
	crypto_generichash(mark, sizeof mark, (const unsigned char *)fingerprint, strlen(fingerprint), key, sizeof key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(out, 65, mark, sizeof mark);
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

/* Opens a stored seal (nonce, then ciphertext and tag) into *out; 0, or -1
 * when it does not open. */
static int unseal(const kansli *k, const void *stored, size_t len, const buf *ad, idempotency_answer *out)
{
	if (len < NONCE + TAG)
		return -1;
	const unsigned char *nonce = stored, *c = (const unsigned char *)stored + NONCE;
	size_t clen = len - NONCE;
	unsigned char key[32];
	kansli_derive_secret(k, LABEL_SEAL, key);
	unsigned char *plain = malloc(clen - TAG + 1);
	if (!plain)
		abort();
	unsigned long long plen = 0;
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL, c, clen, (const unsigned char *)ad->s,
	                                                    ad->len, nonce, key);
	sodium_memzero(key, sizeof key);
	if (!rc)
		rc = answer_of(plain, (size_t)plen, out);
	sodium_memzero(plain, clen - TAG);
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
	char mark[65];
	request_mark(k, fingerprint, mark);
	const char *stored = db_col_text(s, 0);
	if (!strncmp(stored, LEGACY, strlen(LEGACY)) && !strcmp(stored + strlen(LEGACY), fingerprint)) {
		db_done(s);
		return 2;
	}
	if (strcmp(stored, mark)) {
		/* another request's, or a mark changed: either way not this
		 * call's answer, and the key is taken */
		db_done(s);
		return kerr_field(e, KERR_CONFLICT, "Idempotency-Key", KWHY_DUPLICATE,
		                  "this Idempotency-Key was sent with another request");
	}
	buf ad = BUF_INIT;
	associated(&ad, caller, key, mark, db_col_int(s, 1));
	rc = unseal(k, db_col_blob(s, 2), (size_t)db_col_bytes(s, 2), &ad, out);
	db_done(s);
	buf_free(&ad);
	snprintf(out->fingerprint, sizeof out->fingerprint, "%s", fingerprint);
	if (rc)
		return kerr_set(e, KERR_TAMPERED, "the answer kept for Idempotency-Key '%s' does not open: it was "
		                "written or moved outside kansli, or sealed under another signing key", key);
	return 1;
}

static const char SQL_KEEP[] =
	"INSERT INTO api_idempotency(caller, key, request, created_us, sealed) VALUES (?1, ?2, ?3, ?4, ?5)";

int idempotency_keep(kansli *k, const char *caller, const char *key, const idempotency_answer *a, kerr *e)
{
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "kept answers are sealed with the signing key, which this process "
		                "cannot read (%s)", k->key_path);
	char mark[65];
	request_mark(k, a->fingerprint, mark);
	int64_t now = time_now_us();
	buf ad = BUF_INIT, plain = BUF_INIT;
	associated(&ad, caller, key, mark, now);
	plain_of(&plain, a);
	size_t len = NONCE + plain.len + TAG;
	unsigned char *sealed = malloc(len), key32[32];
	if (!sealed)
		abort();
	randombytes_buf(sealed, NONCE);
	kansli_derive_secret(k, LABEL_SEAL, key32);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed + NONCE, &clen, (const unsigned char *)plain.s, plain.len,
	                                           (const unsigned char *)ad.s, ad.len, NULL, sealed, key32);
	sodium_memzero(key32, sizeof key32);
	sodium_memzero(plain.s, plain.len);
	buf_free(&plain);
	buf_free(&ad);
	int rc = KERR_INTERNAL;
	db_stmt *s = db_prep(k->db, SQL_KEEP, e);
	if (s) {
		db_bind_text(s, 1, caller);
		db_bind_text(s, 2, key);
		db_bind_text(s, 3, mark);
		db_bind_int(s, 4, now);
		db_bind_blob(s, 5, sealed, NONCE + (size_t)clen);
		rc = db_run(s, e);
	}
	free(sealed);
	return rc;
}
