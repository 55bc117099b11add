/*
 * api_reminders.c — the JSON API's reminders (bevakningar): the list
 * (?filter=mine|unit|overdue|done), one with its history, setting one, and
 * marking it done or moving it with a reason. The rules are
 * core/reminder.c's.
 */
#include <stdio.h>
#include <string.h>

#include "core/reminder.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/respond.h"

static enum MHD_Result api_reminders(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	reminder_which which;
	if (reminder_which_parse(req_query(r, "filter"), &which, &e))
		return api_fail(r, &e);
	int64_t total = 0;
	json_t *v = reminder_list(r->k, org_id, which, 0, 0, &total, &e);
	static const struct api_order by_day[] = { { "due_date", KEY_WHOLE, 0, 0 }, { "id", KEY_WHOLE, 0, 0 } };
	static const struct api_order newest[] = { { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec open_spec = { "reminders", by_day, 2, 0, 1 };
	static const struct api_list_spec done_spec = { "reminders", newest, 1, 0, 1 };
	return api_page_reply(r, which == REMINDER_DONE ? &done_spec : &open_spec, v,
	                      v ? json_pack("{s:I}", "total", (json_int_t)total) : NULL, &e);
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

static enum MHD_Result api_reminder_add(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	enum MHD_Result ret;
	reminder_new n = { 0 };
	if (member(in, "case", &n.target, r, &ret) || member(in, "username", &n.user, r, &ret) ||
	    member(in, "unit", &n.unit, r, &ret) || member(in, "due_date", &n.due, r, &ret) ||
	    member(in, "note", &n.note, r, &ret))
		return ret;
	kerr e = KERR_INIT;
	int64_t id;
	if (reminder_add(r->k, org_id, &n, &id, &e))
		return api_fail(r, &e);
	return api_reply(r, 201, reminder_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_reminder(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such reminder");
	kerr e = KERR_INIT;
	return api_reply(r, 200, reminder_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_reminder_done(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such reminder");
	kerr e = KERR_INIT;
	if (reminder_done(r->k, org_id, id, &e))
		return api_fail(r, &e);
	return api_reply(r, 200, reminder_show(r->k, org_id, id, &e), &e);
}

static enum MHD_Result api_reminder_move(request *r, int64_t org_id, const char *idtext, const char *b, json_t *in)
{
	(void)b;
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such reminder");
	enum MHD_Result ret;
	const char *due, *reason;
	if (member(in, "due_date", &due, r, &ret) || member(in, "reason", &reason, r, &ret))
		return ret;
	kerr e = KERR_INIT;
	if (reminder_move(r->k, org_id, id, due, reason, &e))
		return api_fail(r, &e);
	return api_reply(r, 200, reminder_show(r->k, org_id, id, &e), &e);
}

const struct api_route api_reminders_routes[] = {
	{ "GET", "/api/v1/reminders", api_reminders, 1, "Reminders (bevakningar) the caller may see: open ones, or filter=mine|unit|overdue|done", 0 },
	{ "POST", "/api/v1/reminders", api_reminder_add, 1, "Set a reminder on a case or record: {case, username | unit, due_date, note}", API_JSON },
	{ "GET", "/api/v1/reminders/{id}", api_reminder, 1, "One reminder with its history", 0 },
	{ "POST", "/api/v1/reminders/{id}/done", api_reminder_done, 1, "Mark a reminder done", 0 },
	{ "POST", "/api/v1/reminders/{id}/move", api_reminder_move, 1, "Move a reminder to a later day: {due_date, reason}", API_JSON },
};
const size_t api_reminders_nroutes = sizeof api_reminders_routes / sizeof api_reminders_routes[0];
