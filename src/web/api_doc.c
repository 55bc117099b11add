/*
 * api_doc.c — joins the API's declarations (api_doc.json, built into the
 * program) with its route tables into the OpenAPI document; see
 * api_doc.h. The declarations say what only a person can: the schemas,
 * parameters, bodies and answers of each operation. What the dispatcher
 * decides for every route alike (path parameters, ?org=, the errors it
 * answers before a handler runs, 304 and the ETag of a GET, the rate
 * limit's headers and 429, a POST's Idempotency-Key and its replay
 * header) is added here from the route table, so those
 * parts are true of every operation by construction.
 */
#include "web/api_doc.h"

#include <stdio.h>
#include <string.h>

/* The assembler's .incbin reads the file at build time (path relative to
 * the top of the tree, where make runs), as export/schemas.c does. */
__asm__(".section .rodata\n.balign 16\n.globl api_doc_json\n.hidden api_doc_json\napi_doc_json:\n"
        ".incbin \"src/web/api_doc.json\"\n.globl api_doc_json_end\n.hidden api_doc_json_end\n"
        "api_doc_json_end:\n.byte 0\n.previous\n");
extern const char api_doc_json[], api_doc_json_end[];

json_t *api_doc_declarations(char *why, size_t len)
{
	json_error_t err;
	json_t *v = json_loadb(api_doc_json, (size_t)(api_doc_json_end - api_doc_json), 0, &err);
	if (!v)
		snprintf(why, len, "api_doc.json line %d: %s", err.line, err.text);
	return v;
}

static int failf(char *why, size_t len, const char *key, const char *msg)
{
	snprintf(why, len, "%s: %s", key, msg);
	return -1;
}

static json_t *ref(const char *kind, const char *name)
{
	char r[120];
	snprintf(r, sizeof r, "#/components/%s/%s", kind, name);
	return json_pack("{s:s}", "$ref", r);
}

/* Adds an answer unless the declaration gives that status itself. */
static void answer(json_t *responses, const char *status, const char *name)
{
	if (!json_object_get(responses, status))
		json_object_set_new(responses, status, ref("responses", name));
}

static int has_param(json_t *params, json_t *components, const char *in, const char *name)
{
	size_t i;
	json_t *p;
	json_array_foreach(params, i, p) {
		const char *r = json_string_value(json_object_get(p, "$ref"));
		if (r && !strncmp(r, "#/components/parameters/", 24))
			p = json_object_get(json_object_get(components, "parameters"), r + 24);
		const char *pin = json_string_value(json_object_get(p, "in"));
		const char *pname = json_string_value(json_object_get(p, "name"));
		if (pin && pname && !strcmp(pin, in) && !strcmp(pname, name))
			return 1;
	}
	return 0;
}

/* The operation of one route: its declaration completed from the route. */
static int operation(json_t *decl, const struct api_doc_route *d, const char *key, json_t **out, char *why,
                     size_t len)
{
	const struct api_route *rt = d->rt;
	json_t *components = json_object_get(decl, "components");
	json_t *declared = json_object_get(json_object_get(decl, "operations"), key);
	if (!json_is_object(declared))
		return failf(why, len, key, "the route has no declaration in src/web/api_doc.json");
	if (!json_string_value(json_object_get(declared, "operationId")) ||
	    !json_string_value(json_object_get(declared, "summary")))
		return failf(why, len, key, "the declaration has no operationId or summary");
	json_t *op = json_deep_copy(declared);
	*out = op;
	if (!json_object_get(op, "description"))
		json_object_set_new(op, "description", json_string(rt->summary));
	json_t *params = json_object_get(op, "parameters");
	if (!params) {
		params = json_array();
		json_object_set_new(op, "parameters", params);
	}
	int takes_path = 0;
	for (const char *q = strchr(rt->path, '{'); q; q = strchr(q + 1, '{')) {
		const char *end = strchr(q, '}');
		char name[40], pname[60];
		snprintf(name, sizeof name, "%.*s", (int)(end - q - 1), q + 1);
		takes_path = 1;
		if (has_param(params, components, "path", name))
			continue;
		snprintf(pname, sizeof pname, "path_%s", name);
		if (!json_object_get(json_object_get(components, "parameters"), pname))
			return failf(why, len, key, "a path parameter has no declaration (nor components/parameters/path_NAME)");
		json_array_append_new(params, ref("parameters", pname));
	}
	if (rt->needs_org && !has_param(params, components, "query", "org"))
		json_array_append_new(params, ref("parameters", "org"));
	/* A list (x-list names its member) pages by cursor (web/api_page.h). */
	int list = json_string_value(json_object_get(declared, "x-list")) != NULL;
	if (list && !has_param(params, components, "query", "limit"))
		json_array_append_new(params, ref("parameters", "limit"));
	if (list && !has_param(params, components, "query", "cursor"))
		json_array_append_new(params, ref("parameters", "cursor"));
	/* Every POST takes an Idempotency-Key (web/api_idempotency.h). */
	if (!strcmp(rt->method, "POST") && !d->public && !has_param(params, components, "header", "Idempotency-Key"))
		json_array_append_new(params, ref("parameters", "IdempotencyKey"));
	if (!json_array_size(params))
		json_object_del(op, "parameters");
	int post = !strcmp(rt->method, "POST");
	if (rt->body == API_JSON && !json_object_get(op, "requestBody"))
		return failf(why, len, key, "the route reads a JSON body but the declaration has no requestBody");
	if (!post && json_object_get(op, "requestBody"))
		return failf(why, len, key, "a GET declares a request body");
	json_t *responses = json_object_get(op, "responses");
	int success = 0;
	const char *status;
	json_t *v;
	json_object_foreach(responses, status, v) {
		if (status[0] != '2')
			continue;
		success = 1;
		/* The headers every success carries: the caller's rate limit
		 * (web/api_ratelimit.h) and, on a GET's 200, its ETag
		 * (web/api_etag.h). */
		if (json_object_get(v, "$ref"))
			continue;
		json_t *headers = json_object_get(v, "headers");
		if (!headers) {
			headers = json_object();
			json_object_set_new(v, "headers", headers);
		}
		if (!d->public) {
			json_object_set_new(headers, "RateLimit", ref("headers", "RateLimit"));
			json_object_set_new(headers, "RateLimit-Policy", ref("headers", "RateLimit-Policy"));
		}
		if (!post && !strcmp(status, "200"))
			json_object_set_new(headers, "ETag", ref("headers", "ETag"));
		if (list && !strcmp(status, "200"))
			json_object_set_new(headers, "Link", ref("headers", "Link"));
		if (post && !d->public)
			json_object_set_new(headers, "Idempotent-Replayed", ref("headers", "Idempotent-Replayed"));
		if (!json_object_size(headers))
			json_object_del(v, "headers");
	}
	if (!success)
		return failf(why, len, key, "the declaration has no success answer (2xx)");
	/* What the dispatcher answers before (or around) any handler: text
	 * that is not text, a token that is not one, the store unreadable, a
	 * bug; for the logged-in routes no access or no CSRF token; for a
	 * body one too large or of another type; for a named object or
	 * organisation none such. */
	if (!post)
		answer(responses, "304", "NotModified");
	answer(responses, "400", "BadRequest");
	answer(responses, "401", "Unauthorized");
	if (!d->public) {
		answer(responses, "403", "Forbidden");
		answer(responses, "429", "TooManyRequests");
	}
	if (takes_path || rt->needs_org)
		answer(responses, "404", "NotFound");
	if (post) {
		answer(responses, "413", "TooLarge");
		answer(responses, "415", "UnsupportedMediaType");
		/* an Idempotency-Key sent with another request */
		answer(responses, "422", "Invalid");
	}
	/* an Idempotency-Key whose call was done before kept answers were
	 * sealed, its answer not kept (web/api_idempotency.c) */
	if (post && !d->public)
		answer(responses, "409", "Conflict");
	answer(responses, "500", "ServerError");
	answer(responses, "503", "Unavailable");
	if (d->public)
		json_object_set_new(op, "security", json_array());
	return 0;
}

/* The one list envelope (web/api_page.h): the schema a list's 200 answers
 * with holds its list under the member x-list names and "next", the next
 * page's URL or null. Added here to the component schema, which other
 * operations answering the same whole list share (they answer next: null). */
static int list_envelope(json_t *doc, json_t *op, const char *key, char *why, size_t len)
{
	const char *member = json_string_value(json_object_get(op, "x-list"));
	if (!member)
		return 0;
	json_t *schema = json_object_get(json_object_get(json_object_get(json_object_get(json_object_get(
		json_object_get(op, "responses"), "200"), "content"), "application/json"), "schema"), "$ref");
	const char *r = json_string_value(schema);
	json_t *target = r && !strncmp(r, "#/components/schemas/", 21)
		? json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), r + 21) : NULL;
	json_t *props = json_object_get(target, "properties");
	if (!json_is_object(json_object_get(props, member)))
		return failf(why, len, key, "x-list names no member of the 200 answer's component schema");
	if (!json_object_get(props, "next")) {
		json_object_set_new(props, "next", json_pack("{s:[s,s],s:s,s:[s]}", "type", "string", "null", "description",
		                                             "the next page's URL (root-relative, with its cursor), "
		                                             "or null on the last page", "examples",
		                                             "/api/v1/cases?limit=50&cursor=b3BhcXVl"));
		json_t *req = json_object_get(target, "required");
		if (!req)
			json_object_set_new(target, "required", req = json_array());
		json_array_append_new(req, json_string("next"));
	}
	return 0;
}

json_t *api_doc_join(json_t *decl, const struct api_doc_route *routes, size_t n, char *why, size_t len)
{
	json_t *ops = json_object_get(decl, "operations");
	if (!json_is_object(ops) || !json_is_object(json_object_get(decl, "components"))) {
		snprintf(why, len, "the declarations have no \"operations\" or \"components\"");
		return NULL;
	}
	json_t *doc = json_deep_copy(decl);
	json_object_del(doc, "operations");
	json_t *paths = json_object();
	json_object_set_new(doc, "paths", paths);
	json_t *routed = json_object();
	for (size_t i = 0; i < n; i++) {
		const struct api_route *rt = routes[i].rt;
		const char *p = rt->path + 7; /* relative to the server URL /api/v1 */
		char key[300], method[8];
		size_t m = 0;
		for (; rt->method[m] && m < sizeof method - 1; m++)
			method[m] = (char)(rt->method[m] | 0x20);
		method[m] = '\0';
		snprintf(key, sizeof key, "%s %s", rt->method, p);
		if (json_object_get(routed, key)) {
			failf(why, len, key, "two routes");
			goto fail;
		}
		json_object_set_new(routed, key, json_true());
		json_t *op = NULL;
		if (operation(decl, &routes[i], key, &op, why, len)) {
			json_decref(op);
			goto fail;
		}
		json_t *item = json_object_get(paths, p);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, p, item);
		}
		json_object_set_new(item, method, op);
		if (list_envelope(doc, op, key, why, len))
			goto fail;
	}
	const char *key;
	json_t *v;
	json_object_foreach(ops, key, v)
		if (!json_object_get(routed, key)) {
			failf(why, len, key, "declared in src/web/api_doc.json but no route serves it");
			goto fail;
		}
	json_decref(routed);
	return doc;
fail:
	json_decref(routed);
	json_decref(doc);
	return NULL;
}
