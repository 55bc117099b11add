/* webhook_secret.c — a webhook subscription's signing secret, sealed; see webhook_secret.h. */
#include "core/webhook_secret.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/seal.h"
#include "util/hash.h"

/* Its own label: the key is one kansli uses nowhere else. */
#define LABEL "kansli webhook signing secret v1"

/* The associated data: the label and the subscription's id. */
static int associated(int64_t subscription_id, char *out, size_t len)
{
	return snprintf(out, len, "%s.%" PRId64, LABEL, subscription_id);
}

unsigned char *webhook_secret_seal(const kansli *k, int64_t subscription_id, const char *secret, size_t *len)
{
	char ad[80];
	int adlen = associated(subscription_id, ad, sizeof ad);
	return seal_make(k, LABEL, ad, (size_t)adlen, secret, strlen(secret), len);
}

int webhook_secret_open(const kansli *k, int64_t subscription_id, const void *sealed, size_t len,
                        char out[WHSIGN_SECRET_LEN])
{
	/* from the public key, which anyone has, the derived key would open
	 * nothing kansli sealed: refused before it is tried */
	if (!k->can_sign || len < SEAL_OVERHEAD || len - SEAL_OVERHEAD >= WHSIGN_SECRET_LEN)
		return -1;
	char ad[80];
	int adlen = associated(subscription_id, ad, sizeof ad);
	size_t plen = 0;
	int rc = seal_open(k, LABEL, ad, (size_t)adlen, sealed, len, (unsigned char *)out, &plen);
	if (rc || memchr(out, 0, plen)) {
		sodium_memzero(out, WHSIGN_SECRET_LEN);
		return -1;
	}
	out[plen] = 0;
	return 0;
}

/* Whether secret's SHA-256 is logged_hex (webhook_subscription.secret_sha256). */
static int as_logged(const char *secret, size_t len, const char *logged_hex)
{
	unsigned char h[HASH_LEN];
	char hex[2 * HASH_LEN + 1];
	hash_sha256(secret, len, h);
	hash_hex(h, sizeof h, hex);
	return logged_hex && !strcmp(hex, logged_hex);
}

static const char SQL_CLEAR[] =
	"SELECT sec.subscription_id, sec.sealed, w.secret_sha256 FROM webhook_secret sec "
	"JOIN webhook_subscription w ON w.id = sec.subscription_id WHERE typeof(sec.sealed) = 'text' LIMIT 256";
/* only while the row still holds the clear secret read */
static const char SQL_SEAL[] = "UPDATE webhook_secret SET sealed = ?2 WHERE subscription_id = ?1 AND sealed = ?3";

int webhook_secret_seal_clear(kansli *k, kerr *e)
{
	if (!k->can_sign || k->verify_only)
		return 0;
	/* A read first, without the write lock: every open asks, and only an
	 * upgrade's first open has anything to seal. A clear secret the log
	 * did not record stays clear (sealing it would make a secret written
	 * behind kansli's back one kansli wrote), so it must not send each
	 * open on to the write lock and the checkpoint. */
	struct { int64_t id; char secret[WHSIGN_SECRET_LEN]; } clear[256];
	int n = 0, rc;
	db_stmt *s = db_prep(k->db, SQL_CLEAR, e);
	if (!s)
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		size_t len = (size_t)db_col_bytes(s, 1);
		if (len >= WHSIGN_SECRET_LEN || !as_logged(db_col_text(s, 1), len, db_col_text(s, 2)))
			continue;
		clear[n].id = db_col_int(s, 0);
		memcpy(clear[n].secret, db_col_text(s, 1), len + 1);
		n++;
	}
	db_done(s);
	if (rc < 0 || n == 0) {
		sodium_memzero(clear, sizeof clear);
		return rc < 0 ? rc : 0;
	}
	if ((rc = db_secure_delete(k->db, 1, e)) || (rc = kansli_begin(k, e))) {
		sodium_memzero(clear, sizeof clear);
		return rc;
	}
	for (int i = 0; i < n && !rc; i++) {
		size_t len;
		unsigned char *sealed = webhook_secret_seal(k, clear[i].id, clear[i].secret, &len);
		if (!(s = db_prep(k->db, SQL_SEAL, e))) {
			free(sealed);
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_int(s, 1, clear[i].id);
		db_bind_blob(s, 2, sealed, len);
		db_bind_text(s, 3, clear[i].secret);
		rc = db_run(s, e);
		free(sealed);
	}
	sodium_memzero(clear, sizeof clear);
	if ((rc = kansli_end(k, rc, e)))
		return rc;
	/* the clear rows' pages are in the write-ahead log until it is emptied */
	return db_checkpoint_truncate(k->db, e) < 0 ? KERR_IO : 0;
}

/* Secrets missing, in the clear, not opening, or whose SHA-256 is not the
 * one the log recorded, and secrets of no subscription: webhook_secret is
 * outside the log (a secret in events kept for ever would be one no
 * longer), and bound to it only through the covered secret_sha256. */
static const char SQL_SECRETS[] =
	"SELECT w.id, sec.sealed, w.secret_sha256, sec.subscription_id, typeof(sec.sealed) FROM webhook_subscription w "
	"LEFT JOIN webhook_secret sec ON sec.subscription_id = w.id "
	"UNION ALL SELECT NULL, NULL, NULL, sec.subscription_id, NULL FROM webhook_secret sec "
	"WHERE NOT EXISTS (SELECT 1 FROM webhook_subscription w WHERE w.id = sec.subscription_id)";

int webhook_verify_secrets(kansli *k, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SECRETS, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	char msg[300];
	while ((rc = db_step(s, e)) == DB_ROW) {
		long long id = (long long)db_col_int(s, db_col_null(s, 0) ? 3 : 0);
		const char *why = NULL;
		char secret[WHSIGN_SECRET_LEN];
		if (db_col_null(s, 0))
			why = "a secret of no subscription";
		else if (db_col_null(s, 1))
			why = "the subscription's secret is missing";
		else if (strcmp(db_col_text(s, 4), "blob"))
			why = "the secret is in the clear, not sealed: written outside kansli, or left by the upgrade "
			      "until a kansli command that can read the signing key seals it";
		else if (!k->can_sign)
			continue; /* opening it needs the signing key, which this verify has not */
		else if (webhook_secret_open(k, db_col_int(s, 0), db_col_blob(s, 1), (size_t)db_col_bytes(s, 1), secret))
			why = "the sealed secret does not open: changed or moved from another subscription outside "
			      "kansli, or sealed under another signing key";
		else if (!as_logged(secret, strlen(secret), db_col_null(s, 2) ? NULL : db_col_text(s, 2)))
			why = "not the secret whose SHA-256 the log recorded for the subscription";
		sodium_memzero(secret, sizeof secret);
		if (why) {
			snprintf(msg, sizeof msg, "table webhook_secret row [%lld]: %s", id, why);
			json_array_append_new(out, json_string(msg));
		}
	}
	return rc < 0 ? rc : 0;
}
