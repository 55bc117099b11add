/*
 * idempotency.h — the API's Idempotency-Key: a POST's answer kept 24 hours
 * per caller and key, so that a client that lost an answer can send the
 * call again and be answered the same, the operation done once.
 *
 * The answer is written in the operation's own transaction (the API holds
 * one around the whole call, kansli_hold_begin), so a crash cannot keep
 * the one without the other: after a crash either both the operation and
 * its answer are there, or neither is and the call may be sent again.
 * Concurrent calls with the same key queue on the write lock the held
 * transaction takes at its start: the second finds the first's answer.
 *
 * A kept answer holds what its caller was allowed to read (a secret
 * record's title and party read back by a POST, say), so it is kept
 * sealed: XChaCha20-Poly1305 (libsodium's AEAD) under a key derived from
 * the installation's signing key (kansli_derive_secret), which is not in
 * the database. Only the caller, the key, a keyed hash of the request and
 * the time are in the clear; the status, type, download name and body are
 * sealed, and the clear columns are the seal's associated data, so a row
 * moved to another caller or key, or given another request or time, no
 * longer opens. The request's own SHA-256 is not stored: a hash of a short
 * body would let a copy of the database confirm a guessed title.
 *
 * A replay is not a new call, but it hands out what the first call read,
 * so it is given only while that still stands: with each answer a keyed
 * mark of the caller's rights is kept (account state, roles, their unit
 * and board limits), and an answer whose caller's rights have changed
 * since is not replayed (409 idempotency_answer_not_kept, the key still
 * taken). Whatever could make a kept answer hold what must no longer be
 * handed out — a disposal (the answers of an export or an upload hold the
 * disposed content), a record made more secret or masked otherwise —
 * forgets every kept answer of the installation (idempotency_forget_answers):
 * the table has no organisation column and answers are rare and short-
 * lived, so the simplest rule that surely holds is all of them.
 */
#ifndef KANSLI_IDEMPOTENCY_H
#define KANSLI_IDEMPOTENCY_H

#include <stddef.h>
#include <stdint.h>

#include "core/kansli.h"
#include "util/buf.h"

/* How long an answer is kept, and replayed. */
#define IDEMPOTENCY_KEEP_US (24LL * 3600 * 1000000)
/* The longest key accepted (printable ASCII). */
#define IDEMPOTENCY_KEY_MAX 255

typedef struct idempotency_answer {
	char fingerprint[65]; /* SHA-256 (hex) of what was called: method, path, query, body */
	int status;
	char content_type[128];
	char filename[300];   /* a download's name (Content-Disposition), or "" */
	buf body;             /* the caller frees it (buf_free) */
} idempotency_answer;

/* 1 when key is one the API accepts: 1 to IDEMPOTENCY_KEY_MAX printable
 * ASCII characters, no space. */
int idempotency_key_valid(const char *key);

/* What idempotency_find found of a key, besides an error. */
enum {
	IDEMPOTENCY_NONE = 0,      /* the key is free: do the call */
	IDEMPOTENCY_ANSWER = 1,    /* done, its answer in *out (the caller frees out->body) */
	IDEMPOTENCY_UPGRADED = 2,  /* done before answers were sealed: the upgrade dropped the answer */
	IDEMPOTENCY_FORGOTTEN = 3, /* done, its answer no longer given (forgotten, or the caller's rights changed) */
};
/* Whether idempotency_find's result settles the key (an outcome above, or
 * KERR_CONFLICT, KERR_TAMPERED): what the look-up forgot of expired keys
 * is then committed; after a read error it is not. */
#define IDEMPOTENCY_SETTLED(found) ((found) >= 0 || (found) == KERR_CONFLICT || (found) == KERR_TAMPERED)
/* Inside the held transaction: forgets answers older than
 * IDEMPOTENCY_KEEP_US, then looks for caller's key sent with the request
 * whose SHA-256 (hex) is fingerprint. An IDEMPOTENCY_* (nothing in *out
 * but with IDEMPOTENCY_ANSWER), KERR_CONFLICT when the key was kept for
 * another request, KERR_TAMPERED when the kept answer does not open
 * (written or moved behind kansli's back, or sealed under another signing
 * key), or another KERR_*. */
int idempotency_find(kansli *k, const char *caller, const char *key, const char *fingerprint,
                     idempotency_answer *out, kerr *e);
/* Inside the held transaction: keeps the answer to caller's key, sealed.
 * 0 or KERR_* (KERR_CONFLICT if the key is already kept; KERR_DENIED when
 * this process cannot read the signing key, so cannot seal). */
/* What stands in the caller column for a bearer token: a keyed hash of
 * the token ("k" and 64 hex digits; BLAKE2b keyed from the signing key),
 * so that a copy of the database cannot tell which rows are which
 * token's by hashing tokens it holds. Keys kept before this were under
 * "t" and the token's plain SHA-256 (api_idempotency.c looks those up
 * too, until they expire). */
void idempotency_token_caller(const kansli *k, const char *token, char *out, size_t len);
/* Inside a write transaction: forgets every kept answer, keeping the keys
 * taken (see above). 0 or KERR_*. */
int idempotency_forget_answers(kansli *k, kerr *e);
int idempotency_keep(kansli *k, const char *caller, const char *key, const idempotency_answer *a, kerr *e);

#endif
