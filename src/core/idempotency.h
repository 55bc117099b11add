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
/* Inside the held transaction: forgets answers older than
 * IDEMPOTENCY_KEEP_US, then looks for caller's key. 1 with the answer in
 * *out (the caller frees out->body), 0 when there is none, or KERR_*. */
int idempotency_find(kansli *k, const char *caller, const char *key, idempotency_answer *out, kerr *e);
/* Inside the held transaction: keeps the answer to caller's key. 0 or
 * KERR_* (KERR_CONFLICT if the key is already kept). */
int idempotency_keep(kansli *k, const char *caller, const char *key, const idempotency_answer *a, kerr *e);

#endif
