/*
 * api_intake.c — the JSON API's inbox: an e-service hands a submission in
 * (POST /api/v1/intake, with an Idempotency-Key it must send: the same key
 * is the same item, also after the key's 24 hours of replays), and the
 * registrars list, search, read and judge the items (register, reject,
 * forward); an officer lists what is forwarded to them, registers it or
 * sends it back.
 * The rules are core/intake.c's.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/intake.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/respond.h"

/* The inbox is a short list cut from the filtered list read whole (the
 * text is matched on folded text in core): paged by its order here. */
static enum MHD_Result api_intake_list(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	const char *mine = req_query(r, "mine");
	if (mine && strcmp(mine, "0") && strcmp(mine, "1"))
		return web_json_error(r, 400, "invalid", "mine is 0 or 1");
	intake_filter f = { .state = req_query(r, "state"), .text = req_query(r, "text"),
	                    .source = req_query(r, "source"), .from = req_query(r, "from"), .to = req_query(r, "to"),
	                    .mine = mine && !strcmp(mine, "1") };
	kerr e = KERR_INIT;
	int64_t total = 0;
	json_t *items = intake_search(r->k, org_id, &f, &total, &e);
	static const struct api_order order[] = { { "arrived", KEY_WHOLE, 1, 0 }, { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec spec = { "items", order, 2, 50, 1 };
	return api_page_reply(r, &spec, items, items ? json_pack("{s:I}", "total", (json_int_t)total) : NULL, &e);
}

static enum MHD_Result api_intake_show(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	kerr e = KERR_INIT;
	return api_reply(r, 200, intake_show(r->k, org_id, id, &e), &e);
}

/* The string members of in named by keys into slots; another type is 400. */
static int strings(request *r, json_t *in, const char *const *keys, const char ***slots, size_t n,
                   enum MHD_Result *ret)
{
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_object_get(in, keys[i]);
		*slots[i] = NULL;
		if (!v || json_is_null(v))
			continue;
		if (!json_is_string(v)) {
			char msg[120];
			snprintf(msg, sizeof msg, "\"%s\" must be a string", keys[i]);
			*ret = web_json_error(r, 400, "invalid", msg);
			return -1;
		}
		*slots[i] = json_string_value(v);
	}
	return 0;
}

/* The attachments [{name, content_base64}] into s, decoded into bufs. */
static int attachments(request *r, json_t *in, intake_submission *s, buf *data, enum MHD_Result *ret)
{
	json_t *list = json_object_get(in, "attachments");
	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list) || json_array_size(list) > MAIL_MAX_ATTACHMENTS) {
		*ret = web_json_error(r, 400, "invalid", "\"attachments\" must be an array of at most 30 "
		                      "{name, content_base64}");
		return -1;
	}
	size_t i;
	json_t *at;
	json_array_foreach(list, i, at) {
		const char *name = json_string_value(json_object_get(at, "name"));
		const char *b64 = json_string_value(json_object_get(at, "content_base64"));
		size_t len = b64 ? strlen(b64) : 0, out_len = 0;
		if (!name || !b64 || !json_is_object(at) || json_object_size(at) != 2) {
			*ret = web_json_error(r, 400, "invalid", "each attachment is {name, content_base64}");
			return -1;
		}
		buf_grow(&data[i], len / 4 * 3 + 3);
		if (sodium_base642bin((unsigned char *)data[i].s, len / 4 * 3 + 3, b64, len, NULL, &out_len, NULL,
		                      sodium_base64_VARIANT_ORIGINAL)) {
			*ret = web_json_error(r, 422, "invalid", "an attachment's content_base64 is not base64");
			return -1;
		}
		data[i].len = out_len;
		s->attach[i] = (intake_attachment){ name, data[i].s, out_len };
		s->nattach = (int)i + 1;
	}
	return 0;
}

static enum MHD_Result api_intake_submit(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	enum MHD_Result ret;
	intake_submission s = { .key = req_header(r, "Idempotency-Key") };
	if (!s.key || !*s.key)
		return web_json_error(r, 400, "idempotency_key_required", "send an Idempotency-Key header: the same key "
		                      "never makes two inbox items");
	static const char *const keys[] = { "sender", "subject", "text" };
	const char **slots[] = { &s.sender, &s.subject, &s.text };
	if (strings(r, in, keys, slots, 3, &ret))
		return ret;
	buf data[MAIL_MAX_ATTACHMENTS];
	for (int i = 0; i < MAIL_MAX_ATTACHMENTS; i++)
		data[i] = (buf)BUF_INIT;
	if (attachments(r, in, &s, data, &ret)) {
		for (int i = 0; i < MAIL_MAX_ATTACHMENTS; i++)
			buf_free(&data[i]);
		return ret;
	}
	s.original = r->json.s ? r->json.s : "";
	s.original_len = r->json.len;
	kerr e = KERR_INIT;
	int64_t id;
	int created;
	int rc = intake_submit(r->k, org_id, &s, &id, &created, &e);
	for (int i = 0; i < MAIL_MAX_ATTACHMENTS; i++)
		buf_free(&data[i]);
	if (rc)
		return api_fail(r, &e);
	/* The e-service learns its item's number, not the inbox's contents:
	 * reading the inbox is the registrars'. */
	return web_json(r, created ? 201 : 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "created", created));
}

static enum MHD_Result api_intake_register(request *r, int64_t org_id, const char *idtext, const char *b,
                                           json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	enum MHD_Result ret;
	record_new rec = { 0 };
	case_new c = { 0 };
	const char *case_number = NULL, *person = NULL, *organisation = NULL;
	static const char *const keys[] = { "case", "series", "case_title", "class", "unit", "title", "date", "person",
	                                    "organisation", "address", "secrecy", "legal_ground", "mask", "doc_type" };
	const char **slots[] = { &case_number, &c.series, &c.title, &c.class_code, &c.unit, &rec.title, &rec.doc_date,
	                         &person, &organisation, &rec.party_address, &rec.secrecy, &rec.legal_ground,
	                         &rec.masked, &rec.doc_type };
	if (strings(r, in, keys, slots, sizeof keys / sizeof keys[0], &ret))
		return ret;
	if ((case_number != NULL) == (c.series != NULL))
		return web_json_error(r, 422, "invalid", "give \"case\" (a record in that case) or \"series\" and "
		                      "\"case_title\" (a new case)");
	if (person && organisation)
		return web_json_error(r, 422, "invalid", "give \"person\" or \"organisation\", not both");
	if (person || organisation) {
		rec.party_kind = person ? "person" : "organisation";
		rec.party_name = person ? person : organisation;
	}
	kerr e = KERR_INIT;
	char number[CASENUM_MAX];
	if (intake_register(r->k, org_id, id, case_number, &c, &rec, number, &e))
		return api_fail(r, &e);
	return api_reply(r, 201, intake_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_intake_reject(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	enum MHD_Result ret;
	const char *reason;
	static const char *const keys[] = { "reason" };
	const char **slots[] = { &reason };
	if (strings(r, in, keys, slots, 1, &ret))
		return ret;
	kerr e = KERR_INIT;
	if (intake_reject(r->k, org_id, id, reason, &e))
		return api_fail(r, &e);
	return api_reply(r, 200, intake_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_intake_forward(request *r, int64_t org_id, const char *idtext, const char *b,
                                          json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	enum MHD_Result ret;
	const char *user, *unit, *note;
	static const char *const keys[] = { "user", "unit", "note" };
	const char **slots[] = { &user, &unit, &note };
	if (strings(r, in, keys, slots, 3, &ret))
		return ret;
	kerr e = KERR_INIT;
	if (intake_forward(r->k, org_id, id, user, unit, note, &e))
		return api_fail(r, &e);
	return api_reply(r, 200, intake_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_intake_send_back(request *r, int64_t org_id, const char *idtext, const char *b,
                                            json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	enum MHD_Result ret;
	const char *note;
	static const char *const keys[] = { "note" };
	const char **slots[] = { &note };
	if (strings(r, in, keys, slots, 1, &ret))
		return ret;
	kerr e = KERR_INIT;
	if (intake_send_back(r->k, org_id, id, note, &e))
		return api_fail(r, &e);
	/* not the item: an officer who sent it back no longer sees it */
	return web_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "state", "open"));
}

static enum MHD_Result api_intake_watch(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	return api_reply(r, 200, intake_watch(r->k, org_id, &e), &e);
}

static enum MHD_Result api_intake_settings(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	json_t *days = json_object_get(in, "unopened_days");
	if (!json_is_integer(days) || json_object_size(in) != 1)
		return web_json_error(r, 400, "invalid", "send {\"unopened_days\": N}, a whole number of working days");
	kerr e = KERR_INIT;
	long n = json_integer_value(days) > 1000 || json_integer_value(days) < -1000 ? 0 : (long)json_integer_value(days);
	if (intake_set_unopened_days(r->k, org_id, n, &e))
		return api_fail(r, &e);
	return api_reply(r, 200, intake_watch(r->k, org_id, &e), &e);
}

static enum MHD_Result api_intake_join(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	json_t *list = json_object_get(in, "items");
	int64_t ids[INTAKE_JOIN_MAX];
	size_t i, n = json_array_size(list);
	json_t *v;
	if (!json_is_array(list) || n < 2 || n > INTAKE_JOIN_MAX)
		return web_json_error(r, 422, "invalid", "\"items\" is an array of 2 to 10 inbox item ids");
	json_array_foreach(list, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return web_json_error(r, 422, "invalid", "\"items\" holds inbox item ids, whole numbers from 1");
		ids[i] = json_integer_value(v);
	}
	enum MHD_Result ret;
	record_new rec = { 0 };
	case_new c = { 0 };
	const char *case_number = NULL;
	static const char *const keys[] = { "case", "series", "case_title", "class", "unit", "title", "secrecy",
	                                    "legal_ground", "mask" };
	const char **slots[] = { &case_number, &c.series, &c.title, &c.class_code, &c.unit, &rec.title, &rec.secrecy,
	                         &rec.legal_ground, &rec.masked };
	if (strings(r, in, keys, slots, sizeof keys / sizeof keys[0], &ret))
		return ret;
	if ((case_number != NULL) == (c.series != NULL))
		return web_json_error(r, 422, "invalid", "give \"case\" (a record in that case) or \"series\" and "
		                      "\"case_title\" (a new case)");
	kerr e = KERR_INIT;
	char number[CASENUM_MAX];
	if (intake_join(r->k, org_id, ids, (int)n, case_number, &c, &rec, number, &e))
		return api_fail(r, &e);
	return web_json(r, 201, json_pack("{s:O,s:s}", "items", list, "record", number));
}

/* {parts: [{case, title?, attachments: [seq]}]} into parts; 0, or -1 with the answer in *ret. */
static int split_parts(request *r, json_t *in, intake_part *parts, int *n, enum MHD_Result *ret)
{
	json_t *list = json_object_get(in, "parts"), *p;
	size_t i;
	if (!json_is_array(list) || json_array_size(list) > MAIL_MAX_ATTACHMENTS) {
		*ret = web_json_error(r, 422, "invalid", "\"parts\" is an array of {case, title?, attachments}");
		return -1;
	}
	json_array_foreach(list, i, p) {
		json_t *seqs = json_object_get(p, "attachments"), *s;
		size_t j;
		parts[i] = (intake_part){ .case_number = json_string_value(json_object_get(p, "case")),
		                          .title = json_string_value(json_object_get(p, "title")),
		                          .secrecy = json_string_value(json_object_get(p, "secrecy")),
		                          .legal_ground = json_string_value(json_object_get(p, "legal_ground")),
		                          .masked = json_string_value(json_object_get(p, "mask")) };
		if (!parts[i].case_number || !json_is_array(seqs) || json_array_size(seqs) > MAIL_MAX_ATTACHMENTS) {
			*ret = web_json_error(r, 422, "invalid", "each part is {case, title?, attachments: [seq]}");
			return -1;
		}
		json_array_foreach(seqs, j, s) {
			if (!json_is_integer(s) || json_integer_value(s) < 1 || json_integer_value(s) > MAIL_MAX_ATTACHMENTS) {
				*ret = web_json_error(r, 422, "invalid", "a part's attachments are their seq numbers");
				return -1;
			}
			parts[i].seqs[parts[i].nseqs++] = (int)json_integer_value(s);
		}
	}
	*n = (int)json_array_size(list);
	return 0;
}

static enum MHD_Result api_intake_split(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such inbox item");
	enum MHD_Result ret;
	intake_part parts[MAIL_MAX_ATTACHMENTS];
	int n = 0;
	if (split_parts(r, in, parts, &n, &ret))
		return ret;
	kerr e = KERR_INIT;
	char numbers[MAIL_MAX_ATTACHMENTS][CASENUM_MAX];
	if (intake_split(r->k, org_id, id, parts, n, numbers, &e))
		return api_fail(r, &e);
	return api_reply(r, 201, intake_show(r->k, org_id, id, &e), &e);
}

/* watch, settings and join before {id}: a route is matched in order. */
const struct api_route api_intake_routes[] = {
	{ "GET", "/api/v1/intake/watch", api_intake_watch, 1, "Whether the inbox is watched (registrars): the items waiting unopened, the working days the oldest has waited, the limit and a warning when it is reached", 0 },
	{ "POST", "/api/v1/intake/join", api_intake_join, 1, "Join several inbox items into one record {items: [id], case | series and case_title, title?, secrecy?, legal_ground?, mask?}: each item's text, attachments and original become its files", API_JSON },
	{ "POST", "/api/v1/intake/settings", api_intake_settings, 1, "Set how many working days the inbox may go unopened before the warning {unopened_days: 1..60} (registrars)", API_JSON },
	{ "GET", "/api/v1/intake", api_intake_list, 1, "The inbox (a registrar's whole; an officer's, what is forwarded to them or their unit): state=open (default), forwarded, registered, rejected or all; text (words in sender, subject or text), source, from, to (arrival dates), mine=1; newest arrival first, with the total", 0 },
	{ "POST", "/api/v1/intake", api_intake_submit, 1, "Hand a submission to the inbox (an e-service): {sender, subject, text?, attachments?: [{name, content_base64}]} with a required Idempotency-Key; the same key is always the same item (200 with created: false)", API_JSON },
	{ "GET", "/api/v1/intake/{id}", api_intake_show, 1, "One inbox item: its text, attachments with previews, problems, and the registration it prefills", 0 },
	{ "POST", "/api/v1/intake/{id}/register", api_intake_register, 1, "Register the item: in {case}, or in a new case {series, case_title, class?, unit?}; title, date, person or organisation, address, secrecy, legal_ground, mask and doc_type default to what the item prefills", API_JSON },
	{ "POST", "/api/v1/intake/{id}/reject", api_intake_reject, 1, "Mark the item not to be registered: {reason: not_public|little_importance|spam}; purged after the days rejected items are kept", API_JSON },
	{ "POST", "/api/v1/intake/{id}/forward", api_intake_forward, 1, "Forward the item to an officer {user} or a unit {unit}, with a note", API_JSON },
	{ "POST", "/api/v1/intake/{id}/split", api_intake_split, 1, "Split the item into several records {parts: [{case, title?, secrecy?, legal_ground?, mask?, attachments: [seq]}]}: each attachment in one part, the text and the original in every one", API_JSON },
	{ "POST", "/api/v1/intake/{id}/send-back", api_intake_send_back, 1, "Send a forwarded item back to the registrars {note: why} (the officer it is forwarded to, or a registrar)", API_JSON },
};
const size_t api_intake_nroutes = sizeof api_intake_routes / sizeof api_intake_routes[0];
