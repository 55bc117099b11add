/*
 * api.c — JSON API v1 under /api/v1/: the same reach as the pages, for
 * machines and scripts. Authentication by API token (Authorization:
 * Bearer) or by the session cookie plus an X-CSRF-Token header on
 * state-changing calls. Errors are {"error":{"code","message"}} with the
 * status that fits, and for a refused input also "field" (core's name of
 * it, e.g. "title") and "reason" (a stable kerr_why_name, e.g. "too_long"),
 * and always "message_sv", a Swedish sentence for a person (web/errtext.c,
 * the words the pages use).
 * The OpenAPI document is the declarations of api_doc.json joined with
 * the same route tables that dispatch (api_doc.c), so the two cannot
 * disagree. The resources live in api_*.c, one file per area, each
 * exporting its route table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"
#include "util/encoding.h"
#include "web/api.h"
#include "web/api_doc.h"
#include "web/api_idempotency.h"
#include "web/api_ratelimit.h"
#include "web/errtext.h"
#include "web/pages.h"
#include "web/respond.h"

/* The error as JSON; a refused input also names its field and why, so a
 * client can place and word the error itself (the message is English). */
enum MHD_Result api_fail(request *r, const kerr *e)
{
	json_t *err = json_pack("{s:s,s:s}", "code", kerr_code_name(e->code), "message", e->msg);
	if (e->field[0])
		json_object_set_new(err, "field", json_string(e->field));
	if (kerr_why_name(e->why))
		json_object_set_new(err, "reason", json_string(kerr_why_name(e->why)));
	if (e->line > 0)
		json_object_set_new(err, "line", json_integer(e->line));
	char sv[600];
	errtext_sv_always(e, sv, sizeof sv);
	json_object_set_new(err, "message_sv", json_string(sv));
	return web_json(r, web_status_for(e->code), json_pack("{s:o}", "error", err));
}

int api_slug_number(const char *slug, char *out, size_t len)
{
	const char *d1 = strchr(slug, '-');
	if (!d1 || d1 == slug)
		return -1;
	const char *d2 = strchr(d1 + 1, '-');
	if (!d2)
		return -1;
	snprintf(out, len, "%.*s %.*s/%s", (int)(d1 - slug), slug, (int)(d2 - d1 - 1), d1 + 1, d2 + 1);
	return 0;
}

json_t *api_body(request *r, enum MHD_Result *ret)
{
	if (r->body != BODY_JSON) {
		*ret = web_json_error(r, 415, "unsupported_media_type", "send application/json");
		return NULL;
	}
	json_error_t err;
	json_t *v = json_loadb(r->json.s ? r->json.s : "", r->json.len, 0, &err);
	if (!v) {
		char msg[300];
		snprintf(msg, sizeof msg, "malformed JSON at line %d, column %d: %s", err.line, err.column, err.text);
		*ret = web_json_error(r, 400, "bad_json", msg);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		*ret = web_json_error(r, 400, "bad_json", "the body must be a JSON object");
		return NULL;
	}
	char key[80];
	if (text_check_json(v, key, sizeof key)) {
		json_decref(v);
		char msg[200];
		snprintf(msg, sizeof msg, "%s%s%s is not text: a NUL or a control character", *key ? "the value of \"" : "a key or value",
		         key, *key ? "\"" : "");
		*ret = web_json_error(r, 400, "bad_text", msg);
		return NULL;
	}
	text_nfc_json(v); /* stored text is NFC (util/encoding.h) */
	return v;
}

const char *api_str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int api_path_number(const char *slug, char *out, size_t len, const char *what, kerr *e)
{
	if (!api_slug_number(slug, out, len))
		return 0;
	return kerr_set(e, KERR_NOTFOUND, "no such %s", what);
}

int64_t api_path_id(const char *s)
{
	char *end;
	long long v = strtoll(s ? s : "", &end, 10);
	return *end || v < 1 ? 0 : v;
}

enum MHD_Result api_reply(request *r, unsigned status, json_t *v, const kerr *e)
{
	return v ? web_json(r, status, v) : api_fail(r, e);
}

enum MHD_Result api_list(request *r, const char *key, json_t *v, const kerr *e)
{
	return v ? web_json(r, 200, json_pack("{s:o,s:n}", key, v, "next")) : api_fail(r, e);
}

enum MHD_Result api_send(request *r, int rc, const char *type, buf *out, const kerr *e)
{
	if (rc) {
		buf_free(out);
		return api_fail(r, e);
	}
	return web_send(r, 200, type, out);
}

int api_upload(request *r, buf *data, enum MHD_Result *ret)
{
	req_field *file;
	if (r->body != BODY_FORM) {
		*ret = web_json_error(r, 415, "unsupported_media_type", "send multipart/form-data with a \"file\" part");
		return -1;
	}
	if (req_files(r, "file", &file, 1) != 1) {
		*ret = web_json_error(r, 422, "invalid", "no non-empty \"file\" part");
		return -1;
	}
	if (buf_read_file(data, file->tmp_path)) {
		buf_free(data);
		*ret = web_json_error(r, 500, "io", "the upload could not be read");
		return -1;
	}
	return 0;
}

static enum MHD_Result api_openapi(request *r, int64_t o, const char *a, const char *b, json_t *in);
static enum MHD_Result api_docs(request *r, int64_t o, const char *a, const char *b, json_t *in);

static const struct api_route api_own_routes[] = {
	{ "GET", "/api/v1/openapi.json", api_openapi, 0, "This document", 0 },
	{ "GET", "/api/v1/docs", api_docs, 0, "This document as a reference page in HTML", 0 },
};

/* Every resource file's table, in the order the document lists them. */
static const struct api_table {
	const struct api_route *routes;
	const size_t *n;
} tables[] = {
	{ api_own_routes, NULL },
	{ api_registry_routes, &api_registry_nroutes },
	{ api_request_settings_routes, &api_request_settings_nroutes },
	{ api_meetings_routes, &api_meetings_nroutes },
	{ api_notices_routes, &api_notices_nroutes },
	{ api_reminders_routes, &api_reminders_nroutes },
	{ api_export_routes, &api_export_nroutes },
	{ api_retention_routes, &api_retention_nroutes },
	{ api_overview_routes, &api_overview_nroutes },
	{ api_webhooks_routes, &api_webhooks_nroutes },
	{ api_account_routes, &api_account_nroutes },
	{ api_intake_routes, &api_intake_nroutes },
};
#define NTABLES (sizeof tables / sizeof tables[0])

const struct api_route *api_route_at(size_t n)
{
	for (size_t t = 0; t < NTABLES; t++) {
		size_t size = tables[t].n ? *tables[t].n : sizeof api_own_routes / sizeof api_own_routes[0];
		if (n < size)
			return &tables[t].routes[n];
		n -= size;
	}
	return NULL;
}

/* The document and its reference page are for anyone: an integrator
 * reads them before they have a token. */
static int route_public(const struct api_route *rt)
{
	return rt->fn == api_openapi || rt->fn == api_docs;
}

json_t *api_openapi_document(char *why, size_t len)
{
	json_t *decl = api_doc_declarations(why, len);
	if (!decl)
		return NULL;
	size_t n = 0;
	while (api_route_at(n))
		n++;
	struct api_doc_route *routes = calloc(n, sizeof *routes);
	if (!routes) {
		json_decref(decl);
		snprintf(why, len, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		routes[i] = (struct api_doc_route){ api_route_at(i), route_public(api_route_at(i)) };
	json_t *doc = api_doc_join(decl, routes, n, why, len);
	free(routes);
	json_decref(decl);
	return doc;
}

static enum MHD_Result api_openapi(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)a; (void)b; (void)in;
	char why[400];
	json_t *doc = api_openapi_document(why, sizeof why);
	return doc ? web_json(r, 200, doc) : web_json_error(r, 500, "internal", why);
}

static enum MHD_Result api_docs(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)a; (void)b; (void)in;
	char why[400];
	json_t *doc = api_openapi_document(why, sizeof why);
	if (!doc)
		return web_json_error(r, 500, "internal", why);
	enum MHD_Result ret = api_docs_page(r, doc);
	json_decref(doc);
	return ret;
}

/* Matches "/api/v1/cases/{case}" against a URL; captures up to two segments. */
static int match(const char *pattern, const char *url, char *a, char *b, size_t len)
{
	char *caps[2] = { a, b };
	int ncap = 0;
	while (*pattern && *url) {
		if (*pattern == '{') {
			const char *pend = strchr(pattern, '}');
			const char *uend = strchr(url, '/');
			if (!uend)
				uend = url + strlen(url);
			if (uend == url || ncap == 2 || (size_t)(uend - url) >= len)
				return 0;
			snprintf(caps[ncap++], len, "%.*s", (int)(uend - url), url);
			pattern = pend + 1;
			url = uend;
			continue;
		}
		if (*pattern++ != *url++)
			return 0;
	}
	return !*pattern && !*url;
}

int api_admit(request *r)
{
	char a[300], b[300];
	int known = API_UNKNOWN;
	const struct api_route *rt;
	for (size_t i = 0; (rt = api_route_at(i)); i++) {
		if (!match(rt->path, r->url, a, b, sizeof a))
			continue;
		known = API_WRONG_METHOD;
		if (strcmp(rt->method, r->method) && !(!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET")))
			continue;
		return route_public(rt) ? API_PUBLIC : API_LOGIN;
	}
	return known;
}

enum MHD_Result api_dispatch(request *r)
{
	char a[300], b[300];
	int path_known = 0;
	const struct api_route *rt;
	for (size_t i = 0; (rt = api_route_at(i)); i++) {
		if (!match(rt->path, r->url, a, b, sizeof a))
			continue;
		path_known = 1;
		if (strcmp(rt->method, r->method) && !(!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET")))
			continue;
		if (route_public(rt))
			return rt->fn(r, 0, NULL, NULL, NULL);
		if (!r->logged_in)
			return web_json_error(r, 401, "unauthorized", "log in or send Authorization: Bearer <token>");
		/* a password an administrator set: the caller changes it first,
		 * here or on the page, and may do nothing else until then */
		if (r->s.must_change && strcmp(rt->path, "/api/v1/me/password"))
			return web_json_error(r, 403, "password_change_required", "the account's password was set by an "
			                      "administrator: change it first (POST /api/v1/me/password or the page /losenord)");
		int wait = api_ratelimit_take(r);
		if (wait > 0) {
			char msg[120];
			snprintf(msg, sizeof msg, "too many calls with this token: try again in %d s", wait);
			return web_json_too_many(r, wait, msg);
		}
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && !r->via_token &&
		    !session_secret_equal(req_header(r, "X-CSRF-Token"), r->s.csrf))
			return web_json_error(r, 403, "csrf", "send the session's CSRF token in X-CSRF-Token");
		int64_t org_id = 0;
		if (rt->needs_org) {
			kerr e = KERR_INIT;
			char code[40];
			if (page_org(r, &org_id, code, &e))
				return api_fail(r, &e);
		}
		json_t *in = NULL;
		enum MHD_Result ret;
		if (rt->body == API_JSON && !(in = api_body(r, &ret)))
			return ret;
		ret = api_idempotent_call(r, rt, org_id, a, b, in);
		json_decref(in);
		return ret;
	}
	if (path_known)
		return web_json_error(r, 405, "method_not_allowed", "method not allowed for this path");
	return web_json_error(r, 404, "not_found", "no such API path");
}
