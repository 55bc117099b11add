/*
 * api_registry.c — the JSON API's registry resources: the caller, cases,
 * records and their files, search, document requests, parties, the
 * organisation's set-up, users and audit events.
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
#include "core/casetitle.h"
#include "core/docrequest.h"
#include "core/legacy.h"
#include "core/org.h"
#include "core/party.h"
#include "core/public.h"
#include "core/records.h"
#include "core/search.h"
#include "util/idnum.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/metrics.h"
#include "web/respond.h"

/* A short list's order for web/api_page.h, and the length of core's
 * lists that are paged by cutting the list read whole. */
#define ORDER(o) o, sizeof o / sizeof o[0]
#define WHOLE_LIST (1 << 30)

static enum MHD_Result api_me(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)org_id; (void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *orgs = org_list(r->k, &e);
	return web_json(r, 200, json_pack("{s:s,s:s,s:o,s:s}", "username", r->s.username, "full_name",
	                                  r->s.full_name, "organisations", orgs ? orgs : json_array(),
	                                  "csrf_token", r->via_token ? "" : r->s.csrf));
}

/* ?offset= (deprecated beside the cursors, web/api_page.h): 0, or -1
 * with the 400 answer in *ret. */
static int read_offset(request *r, int *offset, enum MHD_Result *ret)
{
	const char *o = req_query(r, "offset");
	char *end = NULL;
	long v = o ? strtol(o, &end, 10) : 0;
	*offset = (int)v;
	if (o && (!*o || *end || v < 0 || v > 1000000000)) {
		*ret = web_json_error(r, 400, "invalid", "offset must be a whole number not below 0");
		return -1;
	}
	return 0;
}

/* Cases, records and search are paged by their store: a page is read
 * through the order's index from the cursor's key on (web/api_page.h). */
static enum MHD_Result api_cases(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year");
	case_filter f = {
		.status = req_query(r, "status"), .series = req_query(r, "series"), .officer = req_query(r, "officer"),
		.unit = req_query(r, "unit"), .class_code = req_query(r, "class"), .from = req_query(r, "from"),
		.to = req_query(r, "to"), .sort = req_query(r, "sort"), .year = year ? atoi(year) : 0,
	};
	enum MHD_Result ret;
	int limit;
	json_t *after;
	if (api_page_begin(r, 50, &limit, &after, &ret) || read_offset(r, &f.offset, &ret))
		return ret;
	f.limit = limit + 1;
	f.after = after;
	f.keys = json_array();
	int64_t total;
	json_t *rows = case_list(r->k, org_id, &f, &total, &e);
	json_decref(after);
	return api_page_keyed(r, "cases", rows, f.keys, limit, rows ? json_pack("{s:I}", "total", (json_int_t)total) : NULL,
	                      &e);
}

/* Appends to out's "warnings" (made when absent) msg. */
static void add_warning(json_t *out, const char *msg)
{
	json_t *w = json_object_get(out, "warnings");
	if (!w)
		json_object_set_new(out, "warnings", w = json_array());
	json_array_append_new(w, json_string(msg));
}

/* A personnummer in text (what names it) is a warning, never a refusal:
 * public views mask it, but staff lists, exports and archive packages
 * keep it. */
static void warn_personnummer(json_t *out, const char *what, const char *text)
{
	size_t at, len;
	char msg[300];
	if (!text || !idnum_find_personnummer(text, &at, &len))
		return;
	snprintf(msg, sizeof msg, "%s holds a personnummer: public views mask it, but staff lists, exports and "
	         "archive packages keep it; a title needs none", what);
	add_warning(out, msg);
}

static enum MHD_Result api_case_open(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	case_new c = { .series = api_str(in, "series"), .title = api_str(in, "title"), .class_code = api_str(in, "class"),
	               .unit = api_str(in, "unit"), .officer = api_str(in, "officer"), .due_date = api_str(in, "due_date"),
	               .public_title = api_str(in, "public_title") };
	char number[CASENUM_MAX];
	/* A title the public will not see until the case has a public title
	 * (core/casetitle.h): the client is told, and how to give it one.
	 * Read before the case is opened, so that a read that fails fails
	 * the request with nothing changed. */
	int withheld = series_masks_persons(r->k, org_id, c.series, &e);
	if (withheld < 0)
		return api_fail(r, &e);
	withheld = withheld && !(c.public_title && *c.public_title);
	int rc = case_open(r->k, org_id, &c, number, &e);
	if (rc)
		return api_fail(r, &e);
	json_t *out = json_pack("{s:s}", "number", number);
	casenum n;
	if (withheld && !casenum_parse(number, &n, NULL)) {
		char msg[1200];
		snprintf(msg, sizeof msg, "series %s masks private persons' names: the title of case %s is not published "
		         "until the case has a public title (the public sees \"" CASE_TITLE_UNPUBLISHED "\"); give it one "
		         "with POST /api/v1/cases/{case}/changes {\"public_title\": ..., \"reason\": ...}", n.prefix,
		         number, n.prefix);
		add_warning(out, msg);
	}
	warn_personnummer(out, "the title", c.title);
	warn_personnummer(out, "the public title", c.public_title);
	return web_json(r, 201, out);
}

static enum MHD_Result api_case(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (api_path_number(slug, num, sizeof num, "case", &e))
		return api_fail(r, &e);
	json_t *c = case_show(r->k, org_id, num, &e);
	return api_reply(r, 200, c, &e);
}

static enum MHD_Result api_case_status(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	int rc;
	if (api_path_number(slug, num, sizeof num, "case", &e))
		rc = KERR_NOTFOUND;
	else if (json_object_get(in, "title") || json_object_get(in, "public_title"))
		/* a correction; "public_title": null or "" makes the title public again */
		rc = case_correct(r->k, org_id, num, api_str(in, "title"),
		                  json_is_null(json_object_get(in, "public_title")) ? ""
		                  : api_str(in, "public_title"), api_str(in, "reason"), &e);
	else if (api_str(in, "note"))
		rc = case_add_note(r->k, org_id, num, api_str(in, "note"), &e);
	else if (api_str(in, "link"))
		rc = case_link(r->k, org_id, num, api_str(in, "link"), &e);
	else if (api_str(in, "officer"))
		rc = case_assign(r->k, org_id, num, api_str(in, "officer"), &e);
	else if (api_str(in, "due_date"))
		rc = case_set_due(r->k, org_id, num, api_str(in, "due_date"), &e);
	else
		rc = case_set_status_confirmed(r->k, org_id, num, api_str(in, "status") ? api_str(in, "status") : "",
		                               api_str(in, "reason"), api_str(in, "closed_date"),
		                               json_is_true(json_object_get(in, "confirm")), &e);
	if (rc)
		return api_fail(r, &e);
	json_t *c = case_show(r->k, org_id, num, &e);
	return api_reply(r, 200, c, &e);
}

static enum MHD_Result api_record_register(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	kerr e = KERR_INIT;
	json_t *party = json_object_get(in, "party");
	record_new rec = {
		.direction = api_str(in, "direction"), .doc_date = api_str(in, "date"), .title = api_str(in, "title"),
		.party_kind = api_str(party, "kind"), .party_name = api_str(party, "name"), .party_idnum = api_str(party, "id"),
		.party_address = api_str(party, "address"),
		.secrecy = api_str(in, "secrecy"), .legal_ground = api_str(in, "legal_ground"), .masked = api_str(in, "masked"),
		.body = api_str(in, "text"), .doc_type = api_str(in, "doc_type"),
		.same_person = json_is_true(json_object_get(party, "same_person")),
	};
	char number[CASENUM_MAX];
	int rc;
	if (!api_str(in, "case"))
		rc = kerr_set(&e, KERR_INVALID, "\"case\" is required (a case number like \"KS 2026/0042\")");
	else
		rc = record_register(r->k, org_id, api_str(in, "case"), &rec, number, &e);
	if (rc)
		return api_fail(r, &e);
	metrics_registration();
	json_t *out = json_pack("{s:s}", "number", number);
	buf exposed = BUF_INIT;
	char case_number[CASENUM_MAX];
	if (case_title_party_warning(r->k, org_id, number, &exposed, case_number, &e) > 0) {
		char msg[1200];
		snprintf(msg, sizeof msg, "the masked party '%s' is named in the title of case %s: give the case a "
		         "public title (POST /api/v1/cases/{case}/changes {\"public_title\": ..., \"reason\": ...})",
		         exposed.s, case_number);
		add_warning(out, msg);
	}
	buf_free(&exposed);
	warn_personnummer(out, "the title", rec.title);
	return web_json(r, 201, out);
}

static enum MHD_Result api_records(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year");
	record_filter f = { .series = req_query(r, "series"), .direction = req_query(r, "direction"),
	                    .from = req_query(r, "from"), .to = req_query(r, "to"), .year = year ? atoi(year) : 0 };
	enum MHD_Result ret;
	int limit;
	json_t *after;
	if (api_page_begin(r, 50, &limit, &after, &ret) || read_offset(r, &f.offset, &ret))
		return ret;
	f.limit = limit + 1;
	f.after = after;
	f.keys = json_array();
	json_t *rows = record_list(r->k, org_id, &f, &e);
	json_decref(after);
	return api_page_keyed(r, "records", rows, f.keys, limit, NULL, &e);
}

static enum MHD_Result api_record(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (api_path_number(slug, num, sizeof num, "record", &e))
		return api_fail(r, &e);
	json_t *v = record_show(r->k, org_id, num, &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result api_file(request *r, int64_t org_id, const char *slug, const char *name, json_t *in)
{
	(void)in;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX], path[4400];
	if (api_path_number(slug, num, sizeof num, "record", &e))
		return api_fail(r, &e);
	if (record_file_path(r->k, org_id, num, name, path, sizeof path, &e))
		return api_fail(r, &e);
	return web_file(r, path, "application/octet-stream", name);
}

static enum MHD_Result api_file_upload(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	char num[CASENUM_MAX];
	if (r->body != BODY_FORM)
		return web_json_error(r, 415, "unsupported_media_type", "send multipart/form-data with a \"file\" part");
	if (api_path_number(slug, num, sizeof num, "record", &e))
		return api_fail(r, &e);
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
		return api_fail(r, &e);
	json_t *v = record_show(r->k, org_id, num, &e);
	return api_reply(r, 201, v, &e);
}

static enum MHD_Result api_search(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	const char *year = req_query(r, "year"), *order = req_query(r, "order");
	search_filter f = {
		.series = req_query(r, "series"), .direction = req_query(r, "direction"),
		.status = req_query(r, "status"), .class_code = req_query(r, "class"), .from = req_query(r, "from"),
		.to = req_query(r, "to"), .unit = req_query(r, "unit"), .year = year ? atoi(year) : 0,
		.relevance = order && !strcmp(order, "relevance"),
	};
	enum MHD_Result ret;
	int limit;
	json_t *after;
	if (api_page_begin(r, 20, &limit, &after, &ret) || read_offset(r, &f.offset, &ret))
		return ret;
	/* Newest first pages by key (the record's id, in the index's own
	 * order); by relevance the page is a place in the ranking, which
	 * itself moves as the registry grows, so its cursor holds the place. */
	if (f.relevance && after) {
		json_t *place = json_array_get(after, 0);
		if (json_array_size(after) != 1 || !json_is_integer(place) || json_integer_value(place) < 0 ||
		    json_integer_value(place) > 1000000000) {
			json_decref(after);
			return web_json_error(r, 400, "bad_cursor", "the cursor is not one of this search");
		}
		f.offset = (int)json_integer_value(place);
	}
	f.limit = limit + 1;
	f.after = f.relevance ? NULL : after;
	f.keys = json_array();
	json_t *hits = search_query(r->k, org_id, req_query(r, "q") ? req_query(r, "q") : "", &f, &e);
	json_decref(after);
	if (!hits) {
		json_decref(f.keys);
		return api_fail(r, &e);
	}
	if (f.relevance) /* each hit's key is its place */
		for (size_t i = 0; i < json_array_size(hits); i++)
			json_array_append_new(f.keys, json_pack("[I]", (json_int_t)(f.offset + (int)i + 1)));
	/* Matches are marked in the snippet with [[ and ]]. */
	size_t i;
	json_t *h;
	json_array_foreach(hits, i, h) {
		buf sn = BUF_INIT;
		for (const char *p = json_string_value(json_object_get(h, "snippet")); p && *p; p++)
			buf_adds(&sn, *p == '\x01' ? "[[" : *p == '\x02' ? "]]" : (char[2]){ *p, 0 });
		json_object_set_new(h, "snippet", json_string(sn.s));
		buf_free(&sn);
	}
	/* The facets and the queue are part of the answer: an error, not an
	 * empty count, when they cannot be read. */
	json_t *facets = search_facets(r->k, org_id, req_query(r, "q"), &f, &e);
	long long pending = facets ? search_pending(r->k, &e) : -1;
	if (pending < 0) {
		json_decref(hits);
		json_decref(facets);
		json_decref(f.keys);
		return api_fail(r, &e);
	}
	return api_page_keyed(r, "hits", hits, f.keys, limit,
	                      json_pack("{s:I,s:o}", "pending", (json_int_t)pending, "facets", facets), &e);
}

static enum MHD_Result api_requests(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "received", KEY_WHOLE, 0, 0 }, { "id", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "requests", ORDER(order), 0, 1 };
	json_t *v = request_list(r->k, org_id, !req_query(r, "all"), &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_request_decide(request *r, int64_t org_id, const char *id, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	int rc = request_decide(r->k, org_id, atoll(id), api_str(in, "outcome"), api_str(in, "legal_ground"),
	                        api_str(in, "reasoning"), &e);
	if (rc)
		return api_fail(r, &e);
	json_t *v = request_show(r->k, org_id, atoll(id), &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result api_import(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	buf raw = BUF_INIT;
	enum MHD_Result ret;
	if (api_upload(r, &raw, &ret))
		return ret;
	const char *dry = req_form(r, "dry_run"), *map = req_form(r, "mapping");
	int dry_run = dry && strcmp(dry, "0") && strcmp(dry, "false");
	legacy_report *rep;
	int rc = legacy_import_bytes(r->k, org_id, raw.s, raw.len, req_form(r, "encoding"), map && *map ? map : NULL,
	                             dry_run, &rep, &e);
	buf_free(&raw);
	if (rc && (!rep || !rep->nlisted)) {
		free(rep);
		return api_fail(r, &e);
	}
	json_t *rejected = json_array();
	for (int i = 0; i < rep->nlisted; i++)
		json_array_append_new(rejected, json_pack("{s:I,s:s}", "line", (json_int_t)rep->list[i].line,
		                                          "reason", rep->list[i].reason));
	json_t *v = json_pack("{s:I,s:I,s:I,s:I,s:I,s:o,s:s,s:b}", "rows", (json_int_t)rep->rows,
	                      "records", (json_int_t)rep->records, "cases", (json_int_t)rep->cases,
	                      "skipped", (json_int_t)rep->skipped, "rejected_count", (json_int_t)rep->rejected,
	                      "rejected", rejected, "columns", rep->columns, "imported", !rc && !dry_run);
	free(rep);
	return web_json(r, rc ? 422 : 200, v);
}

static enum MHD_Result api_parties(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "name", KEY_WHOLE, 0, 0 }, { "idnum", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "parties", ORDER(order), 100, 0 };
	json_t *v = party_list(r->k, org_id, req_query(r, "prefix"), WHOLE_LIST, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result setup(request *r, int64_t org_id, const char *what, const char *key, const char *code)
{
	kerr e = KERR_INIT;
	const struct api_order order[] = { { code, KEY_WHOLE, 0, 0 } };
	const struct api_list_spec spec = { key, ORDER(order), 0, 1 };
	return api_page_reply(r, &spec, org_setup_list(r->k, org_id, what, &e), NULL, &e);
}

static enum MHD_Result api_series(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	return setup(r, o, "series", "series", "prefix");
}

static enum MHD_Result api_classes(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	return setup(r, o, "class", "classes", "code");
}

static enum MHD_Result api_units(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	return setup(r, o, "unit", "units", "code");
}

static enum MHD_Result api_users(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	if (access_check(r->k, org_id, ACCESS_ADMIN, &e))
		return api_fail(r, &e);
	static const struct api_order order[] = { { "username", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "users", ORDER(order), 0, 1 };
	json_t *v = user_list(r->k, org_id, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_events(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	/* Paged by the log itself: the cursor holds the last event's id, and
	 * the store reads from the one after it (the key is in the index). */
	const char *from = req_query(r, "from");
	int limit;
	json_t *after;
	enum MHD_Result ret;
	if (api_page_begin(r, 100, &limit, &after, &ret))
		return ret;
	json_t *id = json_array_get(after, 0);
	if (after && (json_array_size(after) != 1 || !json_is_integer(id))) {
		json_decref(after);
		return web_json_error(r, 400, "bad_cursor", "the cursor is not one of the audit events");
	}
	int64_t start = after ? json_integer_value(id) + 1 : from ? atoll(from) : 1;
	json_decref(after);
	json_t *arr = audit_org_events(r->k, org_id, start, limit + 1, &e);
	json_t *keys = json_array();
	for (size_t i = 0; arr && i < json_array_size(arr); i++)
		json_array_append_new(keys, json_pack("[O]", json_object_get(json_array_get(arr, i), "id")));
	return api_page_keyed(r, "events", arr, keys, limit, NULL, &e);
}

const struct api_route api_registry_routes[] = {
	{ "GET", "/api/v1/me", api_me, 0, "The caller and their organisations", 0 },
	{ "GET", "/api/v1/cases", api_cases, 1, "List cases (filters: status, series, year, officer, unit, class, from, to, sort, limit, offset)", 0 },
	{ "POST", "/api/v1/cases", api_case_open, 1, "Open a case: {series, title, public_title?, class?, unit?, officer?, due_date?}", API_JSON },
	{ "GET", "/api/v1/cases/{case}", api_case, 1, "A case with its records and audit trail", 0 },
	{ "POST", "/api/v1/cases/{case}/changes", api_case_status, 1, "Change a case: {status, reason?, closed_date?, confirm? (closing while the decision can be appealed)} or {officer} or {due_date} or {note} or {link: other case number} or {title?, public_title?, reason} (a correction; public_title null or \"\" makes the title public)", API_JSON },
	{ "GET", "/api/v1/records", api_records, 1, "List records, newest first (filters: series, year, direction, from, to, limit, offset)", 0 },
	{ "POST", "/api/v1/records", api_record_register, 1, "Register a record: {case, direction, title, date?, party? {kind, name, id?, same_person?}, secrecy?, legal_ground?, masked?, text?, doc_type?}; warnings lists a masked party named in the case title", API_JSON },
	{ "GET", "/api/v1/records/{record}", api_record, 1, "A record with its files and versions (secret parts masked unless allowed)", 0 },
	{ "POST", "/api/v1/records/{record}/files", api_file_upload, 1, "Add files (multipart/form-data, parts \"file\" and optional \"reason\"): a new version of the record", 0 },
	{ "GET", "/api/v1/records/{record}/files/{name}", api_file, 1, "Download a file of a record", 0 },
	{ "GET", "/api/v1/search", api_search, 1, "Full-text search: q, order=newest|relevance, series, year, direction, status, class, unit, from, to, limit, offset; matches marked [[ ]] in snippet; facets counted by series, year, direction", 0 },
	{ "GET", "/api/v1/requests", api_requests, 1, "Requests for public documents (open ones; all=1 for every one)", 0 },
	{ "POST", "/api/v1/requests/{id}/decision", api_request_decide, 1, "Decide a request: {outcome: released|released_masked|refused, legal_ground?, reasoning?}", API_JSON },
	{ "POST", "/api/v1/imports", api_import, 1, "Import another system's registry as CSV (multipart: \"file\", optional \"mapping\", \"encoding\", \"dry_run\"); all rows or none, rejected rows listed with line and reason (422)", 0 },
	{ "GET", "/api/v1/parties", api_parties, 1, "Parties (prefix search)", 0 },
	{ "GET", "/api/v1/series", api_series, 1, "Registry series", 0 },
	{ "GET", "/api/v1/classes", api_classes, 1, "Classification codes", 0 },
	{ "GET", "/api/v1/units", api_units, 1, "Units", 0 },
	{ "GET", "/api/v1/users", api_users, 1, "Users and roles, each grant with the units and boards it is limited to (administrators)", 0 },
	{ "GET", "/api/v1/events", api_events, 1, "Audit events of the organisation (administrators)", 0 },
};
const size_t api_registry_nroutes = sizeof api_registry_routes / sizeof api_registry_routes[0];
