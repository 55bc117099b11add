/*
 * api.c — JSON API v1 under /api/v1/: the same reach as the pages, for
 * machines and scripts. Authentication by API token (Authorization:
 * Bearer) or by the session cookie plus an X-CSRF-Token header on
 * state-changing calls. Errors are {"error":{"code","message"}} with the
 * status that fits. The OpenAPI document is generated from the same route
 * table that dispatches, so the two cannot disagree.
 *
 * Cases and records are named in paths by their number with '-' for ' '
 * and '/': KS 2026/0042 is KS-2026-0042, its third record KS-2026-0042-3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/docrequest.h"
#include "core/org.h"
#include "core/party.h"
#include "core/records.h"
#include "core/search.h"
#include "core/session.h"
#include "web/metrics.h"
#include "web/pages.h"
#include "web/respond.h"

typedef enum MHD_Result (*api_fn)(request *r, int64_t org_id, const char *arg, const char *arg2);

struct api_route {
	const char *method;
	const char *path;    /* {x} marks one path segment */
	api_fn fn;
	int needs_org;
	const char *summary;
};

static enum MHD_Result fail(request *r, const kerr *e)
{
	return web_json_error(r, web_status_for(e->code), kerr_code_name(e->code), e->msg);
}

/* "KS-2026-0042[-3]" -> "KS 2026/0042[-3]"; 0 or -1. */
static int slug_number(const char *slug, char *out, size_t len)
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

static json_t *body_json(request *r, enum MHD_Result *ret)
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
	return v;
}

static const char *js(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static enum MHD_Result api_me(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)org_id; (void)a; (void)b;
	kerr e = KERR_INIT;
	json_t *orgs = org_list(r->k, &e);
	return web_json(r, 200, json_pack("{s:s,s:s,s:o,s:s}", "username", r->s.username, "full_name",
	                                  r->s.full_name, "organisations", orgs ? orgs : json_array(),
	                                  "csrf_token", r->via_token ? "" : r->s.csrf));
}

static enum MHD_Result api_cases(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year"), *limit = req_query(r, "limit"), *offset = req_query(r, "offset");
	case_filter f = {
		.status = req_query(r, "status"), .series = req_query(r, "series"), .officer = req_query(r, "officer"),
		.unit = req_query(r, "unit"), .class_code = req_query(r, "class"), .from = req_query(r, "from"),
		.to = req_query(r, "to"), .sort = req_query(r, "sort"), .year = year ? atoi(year) : 0,
		.limit = limit ? atoi(limit) : 50, .offset = offset ? atoi(offset) : 0,
	};
	if (f.limit < 1 || f.limit > 1000 || f.offset < 0)
		return web_json_error(r, 400, "invalid", "limit must be 1-1000 and offset not negative");
	int64_t total;
	json_t *rows = case_list(r->k, org_id, &f, &total, &e);
	if (!rows)
		return fail(r, &e);
	return web_json(r, 200, json_pack("{s:I,s:o}", "total", (json_int_t)total, "cases", rows));
}

static enum MHD_Result api_case_open(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	enum MHD_Result ret;
	json_t *in = body_json(r, &ret);
	if (!in)
		return ret;
	kerr e = KERR_INIT;
	case_new c = { .series = js(in, "series"), .title = js(in, "title"), .class_code = js(in, "class"),
	               .unit = js(in, "unit"), .officer = js(in, "officer"), .due_date = js(in, "due_date") };
	char number[CASENUM_MAX];
	int rc = case_open(r->k, org_id, &c, number, &e);
	json_decref(in);
	if (rc)
		return fail(r, &e);
	return web_json(r, 201, json_pack("{s:s}", "number", number));
}

static enum MHD_Result api_case(request *r, int64_t org_id, const char *slug, const char *b)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (slug_number(slug, num, sizeof num))
		return web_json_error(r, 404, "not_found", "no such case");
	json_t *c = case_show(r->k, org_id, num, &e);
	return c ? web_json(r, 200, c) : fail(r, &e);
}

static enum MHD_Result api_case_status(request *r, int64_t org_id, const char *slug, const char *b)
{
	(void)b;
	enum MHD_Result ret;
	json_t *in = body_json(r, &ret);
	if (!in)
		return ret;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	int rc;
	if (slug_number(slug, num, sizeof num))
		rc = kerr_set(&e, KERR_NOTFOUND, "no such case");
	else if (js(in, "note"))
		rc = case_add_note(r->k, org_id, num, js(in, "note"), &e);
	else if (js(in, "link"))
		rc = case_link(r->k, org_id, num, js(in, "link"), &e);
	else if (js(in, "officer"))
		rc = case_assign(r->k, org_id, num, js(in, "officer"), &e);
	else if (js(in, "due_date"))
		rc = case_set_due(r->k, org_id, num, js(in, "due_date"), &e);
	else
		rc = case_set_status(r->k, org_id, num, js(in, "status") ? js(in, "status") : "", js(in, "reason"), &e);
	json_decref(in);
	if (rc)
		return fail(r, &e);
	json_t *c = case_show(r->k, org_id, num, &e);
	return c ? web_json(r, 200, c) : fail(r, &e);
}

static enum MHD_Result api_record_register(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	enum MHD_Result ret;
	json_t *in = body_json(r, &ret);
	if (!in)
		return ret;
	kerr e = KERR_INIT;
	json_t *party = json_object_get(in, "party");
	record_new rec = {
		.direction = js(in, "direction"), .doc_date = js(in, "date"), .title = js(in, "title"),
		.party_kind = js(party, "kind"), .party_name = js(party, "name"), .party_idnum = js(party, "id"),
		.secrecy = js(in, "secrecy"), .legal_ground = js(in, "legal_ground"), .masked = js(in, "masked"),
		.body = js(in, "text"),
	};
	char number[CASENUM_MAX];
	int rc;
	if (!js(in, "case"))
		rc = kerr_set(&e, KERR_INVALID, "\"case\" is required (a case number like \"KS 2026/0042\")");
	else
		rc = record_register(r->k, org_id, js(in, "case"), &rec, number, &e);
	json_decref(in);
	if (rc)
		return fail(r, &e);
	metrics_registration();
	return web_json(r, 201, json_pack("{s:s}", "number", number));
}

static enum MHD_Result api_records(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year"), *limit = req_query(r, "limit"), *offset = req_query(r, "offset");
	record_filter f = { .series = req_query(r, "series"), .direction = req_query(r, "direction"),
	                    .from = req_query(r, "from"), .to = req_query(r, "to"), .year = year ? atoi(year) : 0,
	                    .limit = limit ? atoi(limit) : 50, .offset = offset ? atoi(offset) : 0 };
	if (f.limit < 1 || f.limit > 1000 || f.offset < 0)
		return web_json_error(r, 400, "invalid", "limit must be 1-1000 and offset not negative");
	json_t *rows = record_list(r->k, org_id, &f, &e);
	return rows ? web_json(r, 200, json_pack("{s:o}", "records", rows)) : fail(r, &e);
}

static enum MHD_Result api_record(request *r, int64_t org_id, const char *slug, const char *b)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (slug_number(slug, num, sizeof num))
		return web_json_error(r, 404, "not_found", "no such record");
	json_t *v = record_show(r->k, org_id, num, &e);
	return v ? web_json(r, 200, v) : fail(r, &e);
}

static enum MHD_Result api_file(request *r, int64_t org_id, const char *slug, const char *name)
{
	kerr e = KERR_INIT;
	char num[CASENUM_MAX], path[4400];
	if (slug_number(slug, num, sizeof num))
		return web_json_error(r, 404, "not_found", "no such record");
	if (record_file_path(r->k, org_id, num, name, path, sizeof path, &e))
		return fail(r, &e);
	return web_file(r, path, "application/octet-stream", name);
}

static enum MHD_Result api_file_upload(request *r, int64_t org_id, const char *slug, const char *b)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (r->body != BODY_FORM)
		return web_json_error(r, 415, "unsupported_media_type", "send multipart/form-data with a \"file\" part");
	if (slug_number(slug, num, sizeof num))
		return web_json_error(r, 404, "not_found", "no such record");
	req_field *files[RECORD_MAX_FILES];
	record_new rec = { 0 };
	rec.nfiles = req_files(r, "file", files, RECORD_MAX_FILES);
	if (rec.nfiles == 0)
		return web_json_error(r, 422, "invalid", "no non-empty \"file\" part");
	for (int i = 0; i < rec.nfiles; i++) {
		rec.files[i] = files[i]->tmp_path;
		rec.file_names[i] = files[i]->filename;
	}
	const char *reason = req_form(r, "reason");
	/* A registered record's files are frozen: adding one is a new version. */
	if (record_correct(r->k, org_id, num, &rec, reason && *reason ? reason : "file added through the API", &e))
		return fail(r, &e);
	json_t *v = record_show(r->k, org_id, num, &e);
	return v ? web_json(r, 201, v) : fail(r, &e);
}

static enum MHD_Result api_search(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year"), *limit = req_query(r, "limit"), *offset = req_query(r, "offset");
	const char *order = req_query(r, "order");
	search_filter f = {
		.series = req_query(r, "series"), .direction = req_query(r, "direction"),
		.status = req_query(r, "status"), .class_code = req_query(r, "class"), .from = req_query(r, "from"),
		.to = req_query(r, "to"), .unit = req_query(r, "unit"), .year = year ? atoi(year) : 0,
		.relevance = order && !strcmp(order, "relevance"), .limit = limit ? atoi(limit) : 20,
		.offset = offset ? atoi(offset) : 0,
	};
	if (f.limit < 1 || f.limit > 1000 || f.offset < 0)
		return web_json_error(r, 400, "invalid", "limit must be 1-1000 and offset not negative");
	json_t *hits = search_query(r->k, org_id, req_query(r, "q") ? req_query(r, "q") : "", &f, &e);
	if (!hits)
		return fail(r, &e);
	/* Matches are marked in the snippet with [[ and ]]. */
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h) {
		buf sn = BUF_INIT;
		for (const char *p = json_string_value(json_object_get(h, "snippet")); p && *p; p++)
			buf_adds(&sn, *p == '\x01' ? "[[" : *p == '\x02' ? "]]" : (char[2]){ *p, 0 });
		json_object_set_new(h, "snippet", json_string(sn.s ? sn.s : ""));
		buf_free(&sn);
	}
	json_t *facets = search_facets(r->k, org_id, req_query(r, "q"), &f, &e);
	return web_json(r, 200, json_pack("{s:I,s:o,s:o}", "pending", (json_int_t)search_pending(r->k, &e),
	                                  "hits", hits, "facets", facets ? facets : json_object()));
}

static enum MHD_Result api_requests(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	json_t *v = request_list(r->k, org_id, !req_query(r, "all"), &e);
	return v ? web_json(r, 200, json_pack("{s:o}", "requests", v)) : fail(r, &e);
}

static enum MHD_Result api_request_decide(request *r, int64_t org_id, const char *id, const char *b)
{
	(void)b;
	enum MHD_Result ret;
	json_t *in = body_json(r, &ret);
	if (!in)
		return ret;
	kerr e = KERR_INIT;
	int rc = request_decide(r->k, org_id, atoll(id), js(in, "outcome"), js(in, "legal_ground"),
	                        js(in, "reasoning"), &e);
	json_decref(in);
	if (rc)
		return fail(r, &e);
	json_t *v = request_show(r->k, org_id, atoll(id), &e);
	return v ? web_json(r, 200, v) : fail(r, &e);
}

static enum MHD_Result api_parties(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	json_t *v = party_list(r->k, org_id, req_query(r, "prefix"), 100, &e);
	return v ? web_json(r, 200, json_pack("{s:o}", "parties", v)) : fail(r, &e);
}

static enum MHD_Result setup(request *r, int64_t org_id, const char *what, const char *key)
{
	kerr e = KERR_INIT;
	json_t *v = org_setup_list(r->k, org_id, what, &e);
	return v ? web_json(r, 200, json_pack("{s:o}", key, v)) : fail(r, &e);
}

static enum MHD_Result api_series(request *r, int64_t o, const char *a, const char *b)
{
	(void)a; (void)b;
	return setup(r, o, "series", "series");
}

static enum MHD_Result api_classes(request *r, int64_t o, const char *a, const char *b)
{
	(void)a; (void)b;
	return setup(r, o, "class", "classes");
}

static enum MHD_Result api_units(request *r, int64_t o, const char *a, const char *b)
{
	(void)a; (void)b;
	return setup(r, o, "unit", "units");
}

static enum MHD_Result api_users(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	if (access_check(r->k, org_id, ACCESS_ADMIN, &e))
		return fail(r, &e);
	json_t *v = user_list(r->k, &e);
	return v ? web_json(r, 200, json_pack("{s:o}", "users", v)) : fail(r, &e);
}

static const char SQL_ORG_EVENTS[] =
	"SELECT id, ts_us, actor, action, object_type, object_id FROM event "
	"WHERE org_id = ?1 AND id >= ?2 ORDER BY id LIMIT ?3";

static enum MHD_Result api_events(request *r, int64_t org_id, const char *a, const char *b)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	/* Event data can hold personal data: administrators only, and their
	 * own organisation's events only. */
	if (access_check(r->k, org_id, ACCESS_ADMIN, &e))
		return fail(r, &e);
	const char *from = req_query(r, "from"), *limit = req_query(r, "limit");
	db_stmt *s = db_prep(r->k->db, SQL_ORG_EVENTS, &e);
	if (!s)
		return fail(r, &e);
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, from ? atoll(from) : 1);
	db_bind_int(s, 3, limit && atoi(limit) > 0 && atoi(limit) <= 1000 ? atoi(limit) : 100);
	json_t *arr = json_array();
	while (db_step(s, &e) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "ts_us", (json_int_t)db_col_int(s, 1), "actor", db_col_text(s, 2),
		                      "action", db_col_text(s, 3), "object", db_col_text(s, 4),
		                      "object_id", (json_int_t)db_col_int(s, 5)));
	return web_json(r, 200, json_pack("{s:o}", "events", arr));
}

static enum MHD_Result api_openapi(request *r, int64_t o, const char *a, const char *b);

static const struct api_route api_routes[] = {
	{ "GET", "/api/v1/openapi.json", api_openapi, 0, "This document" },
	{ "GET", "/api/v1/me", api_me, 0, "The caller and their organisations" },
	{ "GET", "/api/v1/cases", api_cases, 1, "List cases (filters: status, series, year, officer, unit, class, from, to, sort, limit, offset)" },
	{ "POST", "/api/v1/cases", api_case_open, 1, "Open a case: {series, title, class?, unit?, officer?, due_date?}" },
	{ "GET", "/api/v1/cases/{case}", api_case, 1, "A case with its records and audit trail" },
	{ "POST", "/api/v1/cases/{case}/changes", api_case_status, 1, "Change a case: {status, reason?} or {officer} or {due_date} or {note} or {link: other case number}" },
	{ "GET", "/api/v1/records", api_records, 1, "List records, newest first (filters: series, year, direction, from, to, limit, offset)" },
	{ "POST", "/api/v1/records", api_record_register, 1, "Register a record: {case, direction, title, date?, party?, secrecy?, legal_ground?, masked?, text?}" },
	{ "GET", "/api/v1/records/{record}", api_record, 1, "A record with its files and versions (secret parts masked unless allowed)" },
	{ "POST", "/api/v1/records/{record}/files", api_file_upload, 1, "Add files (multipart/form-data, parts \"file\" and optional \"reason\"): a new version of the record" },
	{ "GET", "/api/v1/records/{record}/files/{name}", api_file, 1, "Download a file of a record" },
	{ "GET", "/api/v1/search", api_search, 1, "Full-text search: q, order=newest|relevance, series, year, direction, status, class, unit, from, to, limit, offset; matches marked [[ ]] in snippet; facets counted by series, year, direction" },
	{ "GET", "/api/v1/requests", api_requests, 1, "Requests for public documents (open ones; all=1 for every one)" },
	{ "POST", "/api/v1/requests/{id}/decision", api_request_decide, 1, "Decide a request: {outcome: released|released_masked|refused, legal_ground?, reasoning?}" },
	{ "GET", "/api/v1/parties", api_parties, 1, "Parties (prefix search)" },
	{ "GET", "/api/v1/series", api_series, 1, "Registry series" },
	{ "GET", "/api/v1/classes", api_classes, 1, "Classification codes" },
	{ "GET", "/api/v1/units", api_units, 1, "Units" },
	{ "GET", "/api/v1/users", api_users, 1, "Users and roles (administrators)" },
	{ "GET", "/api/v1/events", api_events, 1, "Audit events of the organisation (administrators)" },
};
#define NROUTES (sizeof api_routes / sizeof api_routes[0])

static enum MHD_Result api_openapi(request *r, int64_t o, const char *a, const char *b)
{
	(void)o; (void)a; (void)b;
	json_t *paths = json_object();
	for (size_t i = 0; i < NROUTES; i++) {
		const struct api_route *rt = &api_routes[i];
		const char *p = rt->path + 7; /* relative to the server URL /api/v1 */
		json_t *item = json_object_get(paths, p);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, p, item);
		}
		json_t *params = json_array();
		for (const char *q = strchr(p, '{'); q; q = strchr(q + 1, '{')) {
			const char *end = strchr(q, '}');
			char name[32];
			snprintf(name, sizeof name, "%.*s", (int)(end - q - 1), q + 1);
			json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:{s:s}}", "name", name, "in", "path",
			                      "required", 1, "schema", "type", "string"));
		}
		if (rt->needs_org)
			json_array_append_new(params, json_pack("{s:s,s:s,s:b,s:s,s:{s:s}}", "name", "org", "in", "query",
			                      "required", 0, "description", "organisation code (default: the caller's first)",
			                      "schema", "type", "string"));
		char method[8];
		size_t m = 0;
		for (; rt->method[m] && m < sizeof method - 1; m++)
			method[m] = (char)(rt->method[m] | 0x20);
		method[m] = '\0';
		json_t *op = json_pack("{s:s,s:o,s:{s:{s:s},s:{s:s},s:{s:s}}}", "summary", rt->summary,
		                       "parameters", params, "responses", "200", "description", "OK",
		                       "4XX", "description", "{\"error\":{\"code\",\"message\"}}",
		                       "5XX", "description", "server error");
		if (!strcmp(rt->method, "POST"))
			json_object_set_new(op, "requestBody", json_pack("{s:b,s:{s:{s:{s:s}}}}", "required", 1,
			                    "content", "application/json", "schema", "type", "object"));
		json_object_set_new(item, method, op);
	}
	json_t *doc = json_pack("{s:s,s:{s:s,s:s,s:s},s:[{s:s}],s:o,s:{s:{s:{s:s,s:s},s:{s:s,s:s,s:s}}},"
	                        "s:[{s:[]},{s:[]}]}",
	                        "openapi", "3.0.3",
	                        "info", "title", "kansli API", "version", "1",
	                        "description", "Records, cases and meetings for Swedish municipalities.",
	                        "servers", "url", "/api/v1",
	                        "paths", paths,
	                        "components", "securitySchemes", "token", "type", "http", "scheme", "bearer",
	                        "session", "type", "apiKey", "in", "cookie", "name", "kansli",
	                        "security", "token", "session");
	return web_json(r, 200, doc);
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

enum MHD_Result api_dispatch(request *r)
{
	char a[300], b[300];
	int path_known = 0;
	for (size_t i = 0; i < NROUTES; i++) {
		const struct api_route *rt = &api_routes[i];
		if (!match(rt->path, r->url, a, b, sizeof a))
			continue;
		path_known = 1;
		if (strcmp(rt->method, r->method) && !(!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET")))
			continue;
		if (rt->fn == api_openapi)
			return api_openapi(r, 0, NULL, NULL);
		if (!r->logged_in)
			return web_json_error(r, 401, "unauthorized", "log in or send Authorization: Bearer <token>");
		if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD") && !r->via_token &&
		    !session_secret_equal(req_header(r, "X-CSRF-Token"), r->s.csrf))
			return web_json_error(r, 403, "csrf", "send the session's CSRF token in X-CSRF-Token");
		int64_t org_id = 0;
		if (rt->needs_org) {
			kerr e = KERR_INIT;
			char code[40];
			if (page_org(r, &org_id, code, &e))
				return fail(r, &e);
		}
		return rt->fn(r, org_id, a, b);
	}
	if (path_known)
		return web_json_error(r, 405, "method_not_allowed", "method not allowed for this path");
	return web_json_error(r, 404, "not_found", "no such API path");
}
