/* api_idempotency.c — Idempotency-Key on the API's POSTs; see api_idempotency.h. */
#include "web/api_idempotency.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "core/idempotency.h"
#include "util/hash.h"
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

/* Whose key it is: a token's keys by a hash of the token (never the token
 * itself), a browser session's by its id. */
static void caller_of(request *r, char *out, size_t len)
{
	const char *auth = req_header(r, "Authorization");
	if (r->via_token && auth && strlen(auth) > 7) {
		unsigned char h[HASH_LEN];
		char hex[HASH_HEX_LEN + 1];
		hash_sha256(auth + 7, strlen(auth + 7), h);
		hash_hex(h, HASH_LEN, hex);
		snprintf(out, len, "t%s", hex);
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

static enum MHD_Result refuse_key(request *r, unsigned status, const char *code, const char *reason, const char *msg)
{
	json_t *err = json_pack("{s:s,s:s,s:s}", "code", code, "message", msg, "field", "Idempotency-Key");
	if (reason)
		json_object_set_new(err, "reason", json_string(reason));
	return web_json(r, status, json_pack("{s:o}", "error", err));
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

enum MHD_Result api_idempotent_call(request *r, const struct api_route *rt, int64_t org_id, const char *a,
                                    const char *b, json_t *in)
{
	const char *key = req_header(r, "Idempotency-Key");
	if (!key || strcmp(r->method, "POST"))
		return rt->fn(r, org_id, a, b, in);
	if (!idempotency_key_valid(key))
		return refuse_key(r, 400, "invalid", "format",
		                  "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
	char caller[80], print[HASH_HEX_LEN + 1];
	caller_of(r, caller, sizeof caller);
	if (fingerprint(r, print))
		return web_json_error(r, 500, "io", "the upload could not be read");
	kerr e = KERR_INIT;
	if (kansli_hold_begin(r->k, &e))
		return api_fail(r, &e);
	idempotency_answer first = { .body = BUF_INIT };
	int found = idempotency_find(r->k, caller, key, &first, &e);
	if (found < 0) {
		kansli_hold_end(r->k, 0, NULL);
		return api_fail(r, &e);
	}
	if (found) {
		/* commits what the look-up forgot of expired keys */
		kerr ignored = KERR_INIT;
		kansli_hold_end(r->k, 1, &ignored);
		if (strcmp(first.fingerprint, print)) {
			buf_free(&first.body);
			return refuse_key(r, 422, "idempotency_key_reused", NULL,
			                  "this Idempotency-Key was sent with another request: use a new key for a new call");
		}
		return replay(r, &first);
	}
	struct api_held held = { .body = BUF_INIT };
	r->held = &held;
	enum MHD_Result ret = rt->fn(r, org_id, a, b, in);
	r->held = NULL;
	if (!held.kept) {
		/* the handler answered past web_send and web_file (it cannot
		 * today): nothing to keep, and what it did stands */
		kansli_hold_end(r->k, r->k->hold == 1, &e);
		return ret;
	}
	if (r->k->hold != 1 || held.status >= 500) {
		/* the operation rolled back, or failed past its commit (an
		 * answer that could not be read back): nothing of the call is
		 * kept, and the call may be sent again */
		kansli_hold_end(r->k, 0, NULL);
		return send_answer(r, held.status, held.type, held.filename, &held.body);
	}
	if (held.status >= 400) {
		/* a refusal did nothing (what it logged stands) and is not
		 * kept: the call may be sent again, corrected, with the key */
		if (kansli_hold_end(r->k, 1, &e)) {
			buf_free(&held.body);
			return api_fail(r, &e);
		}
		return send_answer(r, held.status, held.type, held.filename, &held.body);
	}
	idempotency_answer now = { .status = (int)held.status, .body = held.body };
	snprintf(now.fingerprint, sizeof now.fingerprint, "%s", print);
	snprintf(now.content_type, sizeof now.content_type, "%s", held.type);
	snprintf(now.filename, sizeof now.filename, "%s", held.filename);
	int rc = idempotency_keep(r->k, caller, key, &now, &e);
	if (rc) {
		kansli_hold_end(r->k, 0, NULL);
		buf_free(&held.body);
		return api_fail(r, &e);
	}
	if ((rc = kansli_hold_end(r->k, 1, &e))) {
		buf_free(&held.body);
		return api_fail(r, &e);
	}
	return send_answer(r, held.status, held.type, held.filename, &held.body);
}
