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
};

/* Called by web_send and web_file while r->held is set: takes body over;
 * filename names a download (NULL: none). */
void api_held_keep(struct api_held *h, unsigned status, const char *type, const char *filename, buf *body);

/* Runs rt's handler for r: under r's Idempotency-Key when it is a POST
 * that sends one, else as it is. */
enum MHD_Result api_idempotent_call(request *r, const struct api_route *rt, int64_t org_id, const char *a,
                                    const char *b, json_t *in);

#endif
