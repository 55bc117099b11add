/*
 * api_notices.c — the JSON API's notice board: what is on the board
 * (archive=1: what came down; all=1: everything, scheduled too, for those
 * who post), posting a notice, and taking one down with a reason. The rules
 * (dates, the appeal period, who may post) are core/notice.c's.
 */
#include <stdio.h>
#include <string.h>

#include "core/notice.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/respond.h"

static int flag(request *r, const char *name)
{
	const char *v = req_query(r, name);
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

static enum MHD_Result api_notices(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	if (flag(r, "archive") && flag(r, "all"))
		return web_json_error(r, 400, "invalid", "give archive=1 or all=1, not both");
	json_t *v = flag(r, "all") ? notice_list(r->k, org_id, 1000, &e)
		: notice_list_public(r->k, org_id, flag(r, "archive"), 1000, &e);
	static const struct api_order order[] = { { "posted", KEY_WHOLE, 1, 0 }, { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec spec = { "notices", order, 2, 0, 1 };
	return api_page_reply(r, &spec, v, NULL, &e);
}

/* A string member, or NULL; a member of another type is an error. */
static int member(json_t *in, const char *key, const char **out, request *r, enum MHD_Result *ret)
{
	json_t *v = json_object_get(in, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		char msg[120];
		snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
		*ret = web_json_error(r, 400, "invalid", msg);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

static enum MHD_Result api_notice_post(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	enum MHD_Result ret;
	notice_new n = { 0 };
	static const char *const keys[] = { "kind", "board", "title", "text", "posted", "down", "meeting_date",
	                                    "adjusted", "storage_place", "file_hash", "file_name" };
	const char **slots[] = { &n.kind, &n.board, &n.title, &n.body, &n.posted_date, &n.down_date,
	                         &n.meeting_date, &n.adjusted_date, &n.storage_place, &n.file_hash, &n.file_name };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (member(in, keys[i], slots[i], r, &ret))
			return ret;
	json_t *mid = json_object_get(in, "meeting_id");
	if (mid && !json_is_null(mid)) {
		if (!json_is_integer(mid) || json_integer_value(mid) < 1)
			return web_json_error(r, 400, "invalid", "\"meeting_id\" must be a positive integer");
		n.meeting_id = json_integer_value(mid);
	}
	kerr e = KERR_INIT;
	int64_t id;
	int rc = notice_post(r->k, org_id, &n, &id, &e);
	if (rc)
		return api_fail(r, &e);
	json_t *v = notice_show(r->k, org_id, id, &e);
	return api_reply(r, 201, v, &e);
}

/* Reads its body itself: an unknown notice is 404 whatever the body. */
static enum MHD_Result api_notice_take_down(request *r, int64_t org_id, const char *idtext, const char *b,
                                            json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such notice");
	enum MHD_Result ret;
	json_t *body = api_body(r, &ret);
	if (!body)
		return ret;
	const char *reason;
	if (member(body, "reason", &reason, r, &ret)) {
		json_decref(body);
		return ret;
	}
	kerr e = KERR_INIT;
	int rc = notice_take_down(r->k, org_id, id, reason, &e);
	json_decref(body);
	if (rc)
		return api_fail(r, &e);
	json_t *v = notice_show(r->k, org_id, id, &e);
	return api_reply(r, 200, v, &e);
}

const struct api_route api_notices_routes[] = {
	{ "GET", "/api/v1/notices", api_notices, 1, "The notice board today (archive=1: notices taken down or past their down date; all=1: every notice, scheduled ones too, for those who post)", 0 },
	{ "POST", "/api/v1/notices", api_notice_post, 1, "Post a notice: {kind: meeting|minutes|other, board, title, text?, posted?, down?, meeting_date?, adjusted?, storage_place?, file_hash?, file_name?, meeting_id?}; minutes get appeal_end; late: true warns of a late posting", API_JSON },
	{ "POST", "/api/v1/notices/{id}/take-down", api_notice_take_down, 1, "Take a notice down early: {reason}", 0 },
};
const size_t api_notices_nroutes = sizeof api_notices_routes / sizeof api_notices_routes[0];
