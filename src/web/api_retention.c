/*
 * api_retention.c — the JSON API's archive resources: the retention
 * schedule (JSON and CSV), what is due for disposal, legal holds and
 * disposal runs. Cases are named in paths as in api_registry.c
 * (KS 2026/0042 is KS-2026-0042); runs by their number.
 */
#include <stdio.h>
#include <string.h>

#include "core/disposal.h"
#include "core/retention.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/respond.h"

/* A member given as a string, a number or a boolean, as text in out. */
static const char *api_text(json_t *o, const char *key, char *out, size_t len)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(out, len, "%lld", (long long)json_integer_value(v));
		return out;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "ja" : "nej";
	return NULL;
}

static enum MHD_Result schedule(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "class", KEY_WHOLE, 0, 0 }, { "doc_type", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "rules", order, 2, 0, 1 };
	json_t *v = retention_schedule(r->k, org_id, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result schedule_set(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	kerr e = KERR_INIT;
	char years[24], keep[8];
	retention_rule_in rule = { .class_code = api_str(in, "class"), .doc_type = api_str(in, "doc_type"),
	                           .action = api_str(in, "action"), .years = api_text(in, "years", years, sizeof years),
	                           .decision = api_str(in, "decision"),
	                           .keep_registration = api_text(in, "keep_registration", keep, sizeof keep) };
	int rc = retention_rule_set(r->k, org_id, &rule, &e);
	return rc ? api_fail(r, &e) : schedule(r, org_id, a, b, NULL);
}

static enum MHD_Result schedule_remove(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	kerr e = KERR_INIT;
	int rc = retention_rule_remove(r->k, org_id, api_str(in, "class") ? api_str(in, "class") : "",
	                               api_str(in, "doc_type"), &e);
	return rc ? api_fail(r, &e) : schedule(r, org_id, a, b, NULL);
}

static enum MHD_Result schedule_csv(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	buf csv = BUF_INIT;
	int rc = retention_export_csv(r->k, org_id, &csv, &e);
	return api_send(r, rc, "text/csv; charset=utf-8", &csv, &e);
}

static enum MHD_Result schedule_import(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	buf data = BUF_INIT;
	enum MHD_Result ret;
	if (api_upload(r, &data, &ret))
		return ret;
	int rules;
	int rc = retention_import_csv(r->k, org_id, data.s, data.len, &rules, &e);
	buf_free(&data);
	return rc ? api_fail(r, &e) : web_json(r, 200, json_pack("{s:i}", "rules", rules));
}

static enum MHD_Result due(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	/* oldest closed first, as core lists them; count and by_class stay
	 * the whole list's */
	static const struct api_order order[] = {
		{ "closed", KEY_WHOLE, 0, 0 }, { "case", KEY_YEAR, 0, 0 }, { "case", KEY_SEQ, 0, 0 },
		{ "case", KEY_PREFIX, 0, 0 }, { "number", KEY_RSEQ, 0, 0 },
	};
	static const struct api_list_spec spec = { "items", order, 5, 0, 1 };
	json_t *v = retention_due(r->k, org_id, &e);
	json_t *items = v ? json_incref(json_object_get(v, "items")) : NULL;
	if (v && !items) {
		json_decref(v);
		return web_json_error(r, 500, "internal", "the due list has no items");
	}
	if (v)
		json_object_del(v, "items");
	return api_page_reply(r, &spec, items, v, &e);
}

static enum MHD_Result holds(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "placed", KEY_WHOLE, 0, 0 }, { "case", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "holds", order, 2, 0, 0 };
	json_t *v = hold_list(r->k, org_id, req_query(r, "all") != NULL, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result hold_place(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	kerr e = KERR_INIT;
	int rc = hold_add(r->k, org_id, api_str(in, "case") ? api_str(in, "case") : "", api_str(in, "reason"), &e);
	if (rc)
		return api_fail(r, &e);
	(void)a; (void)b;
	json_t *v = hold_list(r->k, org_id, 0, &e);
	return v ? web_json(r, 201, json_pack("{s:o,s:n}", "holds", v, "next")) : api_fail(r, &e);
}

static enum MHD_Result hold_lift(request *r, int64_t org_id, const char *slug, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	char num[64];
	int rc = api_path_number(slug, num, sizeof num, "case", &e)
	         || hold_release(r->k, org_id, num, api_str(in, "reason"), &e);
	if (rc)
		return api_fail(r, &e);
	json_t *v = hold_list(r->k, org_id, 0, &e);
	return api_list(r, "holds", v, &e);
}

static enum MHD_Result runs(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec spec = { "disposals", order, 1, 0, 1 };
	json_t *v = disposal_list(r->k, org_id, &e);
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result run_show(request *r, int64_t org_id, const char *id, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = disposal_show(r->k, org_id, api_path_id(id), &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result run_propose(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	int64_t id;
	if (disposal_propose(r->k, org_id, &id, &e))
		return api_fail(r, &e);
	json_t *v = disposal_show(r->k, org_id, id, &e);
	return api_reply(r, 201, v, &e);
}

static enum MHD_Result run_approve(request *r, int64_t org_id, const char *id, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	if (disposal_approve(r->k, org_id, api_path_id(id), &e))
		return api_fail(r, &e);
	json_t *v = disposal_show(r->k, org_id, api_path_id(id), &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result run_cancel(request *r, int64_t org_id, const char *id, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	int rc = disposal_cancel(r->k, org_id, api_path_id(id), api_str(in, "reason"), &e);
	if (rc)
		return api_fail(r, &e);
	json_t *v = disposal_show(r->k, org_id, api_path_id(id), &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result run_execute(request *r, int64_t org_id, const char *id, const char *b, json_t *in)
{
	(void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *body = NULL;
	if (r->body == BODY_JSON) { /* the body is optional: {series?} */
		enum MHD_Result ret;
		if (!(body = api_body(r, &ret)))
			return ret;
	}
	json_t *v = disposal_execute(r->k, org_id, api_path_id(id), body ? api_str(body, "series") : NULL, &e);
	json_decref(body);
	return api_reply(r, 200, v, &e);
}

const struct api_route api_retention_routes[] = {
	{ "GET", "/api/v1/retention/schedule", schedule, 1, "The retention schedule: every class with its rules", 0 },
	{ "POST", "/api/v1/retention/schedule", schedule_set, 1, "Add or replace a rule: {class, doc_type?, action: bevaras|gallras, years?, decision?, keep_registration?} (archivists)", API_JSON },
	{ "POST", "/api/v1/retention/schedule/removal", schedule_remove, 1, "Remove a rule: {class, doc_type?} (archivists)", API_JSON },
	{ "GET", "/api/v1/retention/schedule/csv", schedule_csv, 1, "The schedule as CSV: klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering", 0 },
	{ "POST", "/api/v1/retention/schedule/csv", schedule_import, 1, "Replace the schedule from CSV (multipart/form-data part \"file\"; all rows or nothing; archivists)", 0 },
	{ "GET", "/api/v1/retention/due", due, 1, "What may be disposed of today (archivists)", 0 },
	{ "GET", "/api/v1/holds", holds, 1, "Legal holds (active ones; all=1 for every one; archivists)", 0 },
	{ "POST", "/api/v1/holds", hold_place, 1, "Place a legal hold: {case, reason} (archivists)", API_JSON },
	{ "POST", "/api/v1/holds/{case}/release", hold_lift, 1, "Release a case's legal hold: {reason} (archivists)", API_JSON },
	{ "GET", "/api/v1/disposals", runs, 1, "Disposal runs, newest first (archivists)", 0 },
	{ "POST", "/api/v1/disposals", run_propose, 1, "Propose a disposal run of what is due today (archivists)", 0 },
	{ "GET", "/api/v1/disposals/{id}", run_show, 1, "A disposal run with its records", 0 },
	{ "POST", "/api/v1/disposals/{id}/approval", run_approve, 1, "Approve a run (another archivist than the proposer)", 0 },
	{ "POST", "/api/v1/disposals/{id}/cancellation", run_cancel, 1, "Cancel a run not yet executed: {reason}", API_JSON },
	{ "POST", "/api/v1/disposals/{id}/execution", run_execute, 1, "Execute an approved run: {series?} for the report", 0 },
};
const size_t api_retention_nroutes = sizeof api_retention_routes / sizeof api_retention_routes[0];
