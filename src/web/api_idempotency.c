/* api_idempotency.c — Idempotency-Key on the API's POSTs; see api_idempotency.h. */
#include "web/api_idempotency.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/idempotency.h"
#include "util/hash.h"
#include "web/errtext.h"
#include "web/i18n.h"
#include "web/respond.h"

void api_held_keep(struct api_held *h, unsigned status, const char *type, const char *filename, buf *body)
{
	h->kept = 1;
	h->status = status;
	snprintf(h->type, sizeof h->type, "%s", type);
	snprintf(h->filename, sizeof h->filename, "%s", filename ? filename : "");
	buf_free(&h->body);
	h->body = *body;
	*body = (buf)BUF_INIT;
}

void api_held_replay_as(request *r, json_t *v)
{
	if (!r->held) {
		json_decref(v);
		return;
	}
	/* as web_json writes an answer */
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	buf_reset(&r->held->replay);
	buf_adds(&r->held->replay, s ? s : "null");
	buf_addc(&r->held->replay, '\n');
	free(s);
	r->held->has_replay = 1;
}

/* Whose key it is: a token's keys by a keyed hash of the token (never
 * the token itself, nor its plain hash: idempotency_token_caller), a
 * browser session's by its id. legacy, when not NULL, gets what a token's
 * keys were kept under before (its plain SHA-256), or "" for a session. */
static void caller_of(request *r, char *out, size_t len, char *legacy, size_t legacy_len)
{
	const char *auth = req_header(r, "Authorization");
	if (legacy)
		*legacy = 0;
	if (r->via_token && auth && strlen(auth) > 7) {
		idempotency_token_caller(r->k, auth + 7, out, len);
		if (legacy) {
			unsigned char h[HASH_LEN];
			char hex[HASH_HEX_LEN + 1];
			hash_sha256(auth + 7, strlen(auth + 7), h);
			hash_hex(h, HASH_LEN, hex);
			snprintf(legacy, legacy_len, "t%s", hex);
		}
	} else {
		snprintf(out, len, "s%lld", (long long)r->s.id);
	}
}

static void hash_field(hash_ctx *c, const char *s, size_t len)
{
	char n[24];
	int w = snprintf(n, sizeof n, "%zu:", len);
	hash_update(c, n, (size_t)w);
	hash_update(c, s, len);
}

static enum MHD_Result hash_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	hash_field(cls, key, strlen(key));
	hash_field(cls, value ? value : "", value ? strlen(value) : 0);
	return MHD_YES;
}

/* What was called, as a SHA-256 in hex: the method, the path, the query
 * in its order, and the body as read (a multipart body by its fields and
 * files, not its boundary, which a client draws anew for every send).
 * Each part is length-prefixed so that no two calls run together. 0, or
 * -1 when an uploaded file cannot be read. */
static int fingerprint(request *r, char out[HASH_HEX_LEN + 1])
{
	hash_ctx *c = hash_begin();
	hash_field(c, r->method, strlen(r->method));
	hash_field(c, r->url, strlen(r->url));
	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, hash_arg, c);
	hash_field(c, "body", 4);
	if (r->body == BODY_JSON)
		hash_field(c, r->json.s ? r->json.s : "", r->json.len);
	for (int i = 0; r->body == BODY_FORM && i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		hash_field(c, f->name, strlen(f->name));
		if (!f->tmp_path) {
			hash_field(c, f->value.s, f->value.len);
			continue;
		}
		buf data = BUF_INIT;
		if (buf_read_file(&data, f->tmp_path)) {
			buf_free(&data);
			unsigned char ignored[HASH_LEN];
			hash_end(c, ignored);
			return -1;
		}
		hash_field(c, f->filename ? f->filename : "", f->filename ? strlen(f->filename) : 0);
		hash_field(c, data.s, data.len);
		buf_free(&data);
	}
	unsigned char h[HASH_LEN];
	hash_end(c, h);
	hash_hex(h, HASH_LEN, out);
	return 0;
}

/* A refusal naming the header: its own English message, and its own
 * Swedish one (msg_sv, marked N_) or else the one for its code. */
static enum MHD_Result refuse_key(request *r, unsigned status, const char *code, const char *reason, const char *msg,
                                  const char *msg_sv)
{
	json_t *err = json_pack("{s:s,s:s,s:s}", "code", code, "message", msg, "field", "Idempotency-Key");
	if (reason)
		json_object_set_new(err, "reason", json_string(reason));
	if (msg_sv)
		json_object_set_new(err, "message_sv", json_string(errtext_api_sv(msg_sv)));
	return web_json(r, status, json_pack("{s:o}", "error", err));
}

static enum MHD_Result count_key(void *cls, enum MHD_ValueKind kind, const char *name, const char *value)
{
	(void)kind; (void)value;
	if (!strcasecmp(name, "Idempotency-Key"))
		(*(int *)cls)++;
	return MHD_YES;
}

/* An answer held or kept: a download (an export's package) as one. */
static enum MHD_Result send_answer(request *r, unsigned status, const char *type, const char *filename, buf *body)
{
	if (*filename)
		return web_send_download(r, status, type, filename, body);
	return web_send(r, status, type, body);
}

/* The first call's answer again: same status, type and body. */
static enum MHD_Result replay(request *r, idempotency_answer *a)
{
	r->api_replayed = 1;
	return send_answer(r, (unsigned)a->status, a->content_type, a->filename, &a->body);
}

/* A kept key whose answer cannot be given: the call is not done again
 * (that would break the key's promise of once), and nothing is replayed. */
static enum MHD_Result not_replayable(request *r, int found, const kerr *e)
{
	if (found == IDEMPOTENCY_FORGOTTEN)
		/* the answer is no longer given: the caller's rights changed
		 * since, or a disposal or a secrecy change forgot it
		 * (core/idempotency.h); the key is still taken */
		return refuse_key(r, 409, "idempotency_answer_not_kept", NULL,
		                  "this Idempotency-Key's call was done, but its answer is no longer given (your rights "
		                  "changed since, or what it could hold was disposed of or made secret): look the result "
		                  "up instead of sending the call again under a new key",
		                  NULL);
	if (found == IDEMPOTENCY_UPGRADED)
		/* the key's call was done before the upgrade that sealed
		 * answers, which dropped its answer (store/schema.c): 409,
		 * as nothing is wrong but the key's state */
		return refuse_key(r, 409, "idempotency_answer_not_kept", NULL,
		                  "this Idempotency-Key's call was done before kansli was upgraded, which did not keep "
		                  "its answer: look the result up instead of sending the call again under a new key",
		                  NULL);
	/* KERR_TAMPERED: the row was written or moved behind kansli's back,
	 * or the signing key changed. 500, not 409: the fault is the
	 * server's, the client did nothing wrong, and sending the call again
	 * will not mend it; the operator is told on stderr. */
	fprintf(stderr, "kansli: api: %s\n", e->msg);
	return refuse_key(r, 500, "idempotency_answer_unreadable", NULL,
	                  "the answer kept for this Idempotency-Key does not open (the database was changed outside "
	                  "kansli): the call is not done again; check whether it was done before sending it under "
	                  "a new key", NULL);
}

enum api_held_end api_held_settle(request *r, const struct api_held *held, api_held_keep_fn keep, const char *caller,
                                  const char *key, const char *print, kerr *e)
{
	if (!held->kept) {
		kansli_hold_end(r->k, r->k->hold == 1, e);
		return HELD_PAST;
	}
	if (r->k->hold != 1 || held->status >= 500) {
		/* the operation rolled back, or failed past its commit (an
		 * answer that could not be read back): nothing of the call is
		 * done, and it may be sent again */
		kansli_hold_end(r->k, 0, NULL);
		return HELD_UNDONE;
	}
	/* a refusal did nothing (what it logged stands) and is not kept:
	 * it may be sent again, corrected */
	if (held->status < 400 && keep(r, held, caller, key, print, e)) {
		kansli_hold_end(r->k, 0, NULL);
		return HELD_FAILED;
	}
	if (kansli_hold_end(r->k, 1, e))
		return HELD_FAILED;
	return held->status >= 400 ? HELD_REFUSED : HELD_KEPT;
}

/* Keeps the held answer, or what a replay answers instead. */
static int keep_answer(request *r, const struct api_held *held, const char *caller, const char *key,
                       const char *print, kerr *e)
{
	idempotency_answer now = { .status = (int)held->status, .body = held->has_replay ? held->replay : held->body };
	snprintf(now.fingerprint, sizeof now.fingerprint, "%s", print);
	snprintf(now.content_type, sizeof now.content_type, "%s", held->type);
	snprintf(now.filename, sizeof now.filename, "%s", held->filename);
	return idempotency_keep(r->k, caller, key, &now, e);
}

/* Runs the handler under the held transaction and keeps a success. */
static enum MHD_Result call_and_keep(request *r, const struct api_route *rt, int64_t org_id, const char *a,
                                     const char *b, json_t *in, const char *caller, const char *key,
                                     const char *print)
{
	kerr e = KERR_INIT;
	struct api_held held = { .body = BUF_INIT, .replay = BUF_INIT };
	r->held = &held;
	enum MHD_Result ret = rt->fn(r, org_id, a, b, in);
	r->held = NULL;
	enum api_held_end end = api_held_settle(r, &held, keep_answer, caller, key, print, &e);
	buf_free(&held.replay);
	if (end == HELD_PAST)
		/* the handler answered past web_send and web_file (it cannot
		 * today): nothing to keep */
		return ret;
	if (end == HELD_FAILED) {
		buf_free(&held.body);
		return api_fail(r, &e);
	}
	return send_answer(r, held.status, held.type, held.filename, &held.body);
}

enum MHD_Result api_idempotent_call(request *r, const struct api_route *rt, int64_t org_id, const char *a,
                                    const char *b, json_t *in)
{
	const char *key = req_header(r, "Idempotency-Key");
	if (!key || strcmp(r->method, "POST"))
		return rt->fn(r, org_id, a, b, in);
	int copies = 0;
	MHD_get_connection_values(r->c, MHD_HEADER_KIND, count_key, &copies);
	if (copies > 1)
		return refuse_key(r, 400, "invalid", "duplicate",
		                  "send Idempotency-Key once: this request has it more than once, and which of them "
		                  "would count is not defined",
		                  N_("Idempotency-Key får skickas bara en gång i ett anrop, men det här anropet har den "
		                     "flera gånger."));
	if (!idempotency_key_valid(key))
		return refuse_key(r, 400, "invalid", "format",
		                  "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces",
		                  N_("Idempotency-Key ska vara 1 till 255 synliga ASCII-tecken utan mellanslag, till "
		                     "exempel ett UUID."));
	char caller[80], legacy[80], print[HASH_HEX_LEN + 1];
	caller_of(r, caller, sizeof caller, legacy, sizeof legacy);
	if (fingerprint(r, print))
		return web_json_error(r, 500, "io", "the upload could not be read");
	kerr e = KERR_INIT;
	if (kansli_hold_begin(r->k, &e))
		return api_fail(r, &e);
	idempotency_answer first = { .body = BUF_INIT };
	int found = idempotency_find(r->k, caller, key, print, &first, &e);
	if (found == IDEMPOTENCY_NONE && *legacy) /* a key kept before callers were keyed: still taken */
		found = idempotency_find(r->k, legacy, key, print, &first, &e);
	if (found == IDEMPOTENCY_NONE)
		return call_and_keep(r, rt, org_id, a, b, in, caller, key, print);
	/* commits what the look-up forgot of expired keys */
	kerr ignored = KERR_INIT;
	kansli_hold_end(r->k, IDEMPOTENCY_SETTLED(found), &ignored);
	if (found == IDEMPOTENCY_ANSWER)
		return replay(r, &first);
	if (found == KERR_CONFLICT)
		return refuse_key(r, 422, "idempotency_key_reused", NULL,
		                  "this Idempotency-Key was sent with another request: use a new key for a new call", NULL);
	if (found == IDEMPOTENCY_UPGRADED || found == IDEMPOTENCY_FORGOTTEN || found == KERR_TAMPERED)
		return not_replayable(r, found, &e);
	return api_fail(r, &e);
}
