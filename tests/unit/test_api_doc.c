/*
 * test_api_doc.c — the OpenAPI document cannot drift from the routes: the
 * program's own document is made (every route has a declaration in
 * src/web/api_doc.json, every declaration a route), every reference in it
 * resolves, every object schema refuses undeclared members, and the join
 * refuses each kind of mismatch on a small table of its own.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "web/api_doc.h"

/* 1 when every "$ref" under v names something in doc. */
static int refs_resolve(json_t *doc, json_t *v, char *bad, size_t len)
{
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			if (!refs_resolve(doc, x, bad, len))
				return 0;
		return 1;
	}
	if (!json_is_object(v))
		return 1;
	const char *r = json_string_value(json_object_get(v, "$ref"));
	if (r) {
		char path[200];
		snprintf(path, sizeof path, "%s", r + 2); /* "#/components/..." */
		json_t *at = doc;
		for (char *seg = strtok(path, "/"); seg && at; seg = strtok(NULL, "/"))
			at = json_object_get(at, seg);
		if (!at) {
			snprintf(bad, len, "%s", r);
			return 0;
		}
	}
	const char *key;
	json_t *x;
	json_object_foreach(v, key, x)
		if (!refs_resolve(doc, x, bad, len))
			return 0;
	return 1;
}

/* 1 when every schema under v with properties also says
 * additionalProperties: false (an undeclared field is a contract break). */
static int closed_objects(json_t *v, char *bad, size_t len)
{
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			if (!closed_objects(x, bad, len))
				return 0;
		return 1;
	}
	if (!json_is_object(v))
		return 1;
	if (json_is_object(json_object_get(v, "properties")) && !json_is_false(json_object_get(v, "additionalProperties"))) {
		char *s = json_dumps(json_object_get(v, "properties"), JSON_COMPACT);
		snprintf(bad, len, "%.120s", s ? s : "?");
		free(s);
		return 0;
	}
	const char *key;
	json_t *x;
	json_object_foreach(v, key, x)
		if (!closed_objects(x, bad, len))
			return 0;
	return 1;
}

static enum MHD_Result none(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)r; (void)o; (void)a; (void)b; (void)in;
	return MHD_NO;
}

int main(void)
{
	char why[400] = "";
	json_t *doc = api_openapi_document(why, sizeof why);
	CHECK("the program's document is made from its routes and declarations", doc != NULL);
	if (!doc) {
		printf("  %s\n", why);
		TEST_END();
	}
	size_t nroutes = 0, nops = 0;
	while (api_route_at(nroutes))
		nroutes++;
	const char *path, *method, *status;
	json_t *item, *op, *resp;
	int ids_unique = 1, all_have_errors = 1, all_described = 1;
	json_t *ids = json_object();
	json_object_foreach(json_object_get(doc, "paths"), path, item)
		json_object_foreach(item, method, op) {
			nops++;
			const char *id = json_string_value(json_object_get(op, "operationId"));
			if (!id || json_object_get(ids, id))
				ids_unique = 0;
			else
				json_object_set_new(ids, id, json_true());
			json_t *rs = json_object_get(op, "responses");
			if (!json_object_get(rs, "400") || !json_object_get(rs, "401") || !json_object_get(rs, "500"))
				all_have_errors = 0;
			json_object_foreach(rs, status, resp)
				if (!json_object_get(resp, "$ref") && !json_string_value(json_object_get(resp, "description")))
					all_described = 0;
		}
	json_decref(ids);
	CHECK("one operation per route", nops == nroutes);
	printf("  (%zu operations, %zu component schemas)\n", nops,
	       json_object_size(json_object_get(json_object_get(doc, "components"), "schemas")));
	CHECK("operationIds are unique", ids_unique);
	CHECK("every operation declares the dispatcher's errors", all_have_errors);
	CHECK("every answer is described", all_described);
	char bad[200] = "";
	CHECK("every $ref resolves", refs_resolve(doc, doc, bad, sizeof bad));
	if (*bad)
		printf("  unresolved: %s\n", bad);
	*bad = '\0';
	CHECK("every object schema refuses undeclared members",
	      closed_objects(json_object_get(json_object_get(doc, "components"), "schemas"), bad, sizeof bad));
	if (*bad)
		printf("  open: %s\n", bad);
	json_t *cases = json_object_get(json_object_get(json_object_get(doc, "paths"), "/cases"), "get");
	char *params = json_dumps(json_object_get(cases, "parameters"), JSON_COMPACT);
	CHECK("the case list's filters are declared parameters", params && strstr(params, "\"name\":\"status\"") &&
	      strstr(params, "\"maximum\":1000") && strstr(params, "#/components/parameters/org"));
	free(params);
	json_decref(doc);

	/* The join on a table of its own: each mismatch refused, by name. */
	json_t *decl = json_loads("{\"openapi\":\"3.1.0\",\"components\":{\"schemas\":{},\"parameters\":{\"path_id\":"
	                          "{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"integer\"}}}},"
	                          "\"operations\":{\"GET /things/{id}\":{\"operationId\":\"getThing\",\"summary\":\"A thing\","
	                          "\"responses\":{\"200\":{\"description\":\"OK\"}}}}}", 0, NULL);
	const struct api_route thing = { "GET", "/api/v1/things/{id}", none, 1, "A thing, described", 0 };
	const struct api_route other = { "GET", "/api/v1/others", none, 0, "Others", 0 };
	const struct api_route post = { "POST", "/api/v1/things/{id}", none, 0, "Change", API_JSON };
	struct api_doc_route one[] = { { &thing, 0 } }, two[] = { { &thing, 0 }, { &other, 0 } };
	struct api_doc_route unrouted[1] = { { &other, 0 } };
	json_t *d = api_doc_join(decl, one, 1, why, sizeof why);
	CHECK("a declared route joins", d != NULL);
	json_t *got = json_object_get(json_object_get(json_object_get(d, "paths"), "/things/{id}"), "get");
	char *s = json_dumps(got, JSON_COMPACT);
	CHECK("its path parameter, ?org= and the dispatcher's answers are added",
	      s && strstr(s, "path_id") && strstr(s, "parameters/org") && strstr(s, "\"404\"") && strstr(s, "\"403\""));
	CHECK("the route's summary is the description", s && strstr(s, "A thing, described"));
	free(s);
	json_decref(d);
	CHECK("a route without a declaration is refused", !api_doc_join(decl, two, 2, why, sizeof why) &&
	      strstr(why, "GET /others") && strstr(why, "no declaration"));
	CHECK("a declaration without a route is refused", !api_doc_join(decl, unrouted, 0, why, sizeof why) &&
	      strstr(why, "GET /things/{id}") && strstr(why, "no route"));
	json_object_set_new(json_object_get(decl, "operations"), "POST /things/{id}",
	                    json_pack("{s:s,s:s,s:{s:{s:s}}}", "operationId", "changeThing", "summary", "Change", "responses",
	                              "200", "description", "OK"));
	struct api_doc_route three[] = { { &thing, 0 }, { &post, 0 } };
	CHECK("a JSON route without a request body is refused", !api_doc_join(decl, three, 2, why, sizeof why) &&
	      strstr(why, "requestBody"));
	json_object_del(json_object_get(decl, "components"), "parameters");
	CHECK("a path parameter without a declaration is refused", !api_doc_join(decl, one, 1, why, sizeof why) &&
	      strstr(why, "path parameter"));
	json_decref(decl);
	TEST_END();
}
