/*
 * api_idempotency.h — Idempotency-Key on the API's POSTs: a call sent
 * again with the same key and the same request (method, path, query,
 * body) within 24 hours is answered with the first call's answer, marked
 * Idempotent-Replayed: true, and nothing is done again; the same key with
 * another request is 422 idempotency_key_reused. Keys are the caller's
 * own: a token's (or a session's) keys are not another's. Only a success
 * (2xx) is kept: a refused call did nothing and may be sent again,
 * corrected, with the same key; a call that fails with 5xx is rolled
 * back whole, even past its operation's commit, so that nothing of it is
 * done that its key does not remember.
 *
 * The call runs inside one held transaction (kansli_hold_begin) that also
 * keeps its answer (core/idempotency.h), and the answer is sent only once
 * that transaction has committed: an answer a client sees is always one
 * a retry will be given. A concurrent call with the same key waits for
 * the write lock and is then answered from what the first kept.
 *
 * The answer is kept sealed (core/idempotency.h); one that no longer
 * opens is answered 500 idempotency_answer_unreadable, never replayed and
 * never done again. Something shown only once (a webhook's signing
 * secret) is not kept at all: the handler names what a replay answers
 * instead (api_held_replay_as). A request with Idempotency-Key more than
 * once is refused (400): which of them would count is anyone's guess,
 * and a proxy that joins them makes another key.
 */
#ifndef KANSLI_API_IDEMPOTENCY_H
#define KANSLI_API_IDEMPOTENCY_H

#include "util/buf.h"
#include "web/api.h"

/* An answer held back (web_send keeps it here while r->held is set). */
struct api_held {
	int kept;
	unsigned status;
	char type[128];
	char filename[300]; /* a download's name, or "" */
	buf body;
	/* What a replay answers instead of body, when the handler said
	 * (api_held_replay_as): an answer with something shown only once. */
	int has_replay;
	buf replay;
};

/* Called by web_send and web_file while r->held is set: takes body over;
 * filename names a download (NULL: none). */
void api_held_keep(struct api_held *h, unsigned status, const char *type, const char *filename, buf *body);

/* For a handler whose answer shows something only once (a webhook's
 * signing secret): v is what a replay of this call answers instead, as
 * JSON with the same status and type; the answer sent now is not kept.
 * Takes v over. Nothing when r's answer is not held (no key). */
void api_held_replay_as(request *r, json_t *v);

/* How a call run under the held transaction ended (api_held_settle). */
enum api_held_end {
	HELD_PAST,    /* answered past web_send (a download): what it did stands */
	HELD_UNDONE,  /* rolled back inside, or failed (5xx): nothing of it is done */
	HELD_REFUSED, /* a refusal (4xx): what it logged is committed, nothing kept */
	HELD_KEPT,    /* a success: kept by the keep function, and committed */
	HELD_FAILED,  /* keeping or committing failed: e says why, nothing done */
};

/* Keeps a held success under (caller, key) for a call with fingerprint
 * print, inside the held transaction: 0 or KERR_* with e set. */
typedef int (*api_held_keep_fn)(request *r, const struct api_held *held, const char *caller, const char *key,
                                const char *print, kerr *e);

/* Ends the held transaction (kansli_hold_begin) of a call that ran with
 * r->held = held, keeping a success with keep: one place for the API's
 * Idempotency-Key and the staff forms' done-once (web/form_once.h). */
enum api_held_end api_held_settle(request *r, const struct api_held *held, api_held_keep_fn keep, const char *caller,
                                  const char *key, const char *print, kerr *e);

/* Runs rt's handler for r: under r's Idempotency-Key when it is a POST
 * that sends one, else as it is. */
enum MHD_Result api_idempotent_call(request *r, const struct api_route *rt, int64_t org_id, const char *a,
                                    const char *b, json_t *in);

#endif
