/*
 * api_account.c — the JSON API's account lifecycle: one's own password
 * change, and for administrators a user's password reset, disable and
 * enable, sessions and tokens listed and ended, and the accounts nobody
 * uses. The rules are core/account.c's and core/access.c's.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "web/api.h"
#include "web/api_idempotency.h"
#include "web/respond.h"

/* The account as an administrator sees it after a change, or the error. */
static enum MHD_Result account_reply(request *r, const char *username)
{
	kerr e = KERR_INIT;
	return api_reply(r, 200, account_show(r->k, username, &e), &e);
}

static enum MHD_Result api_password_change(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)a; (void)b;
	json_t *current = json_object_get(in, "current"), *pw = json_object_get(in, "password");
	if (!json_is_string(current) || !json_is_string(pw))
		return web_json_error(r, 400, "invalid", "send {\"current\": the password now, \"password\": the new one}");
	kerr e = KERR_INIT;
	/* the caller's own session or token stays; every other one ends */
	int rc = account_password_change(r->k, r->s.user_id, r->s.username, r->address, r->s.id, r->s.token_id,
	                                 json_string_value(current), json_string_value(pw), &e);
	/* throttled as a login would be: the hour is the wait */
	if (rc == KERR_CONFLICT && !strcmp(e.field, "current"))
		return web_json_too_many(r, 3600, e.msg);
	if (rc)
		return api_fail(r, &e);
	return api_reply(r, 200, json_pack("{s:s,s:b}", "username", r->s.username, "must_change", 0), &e);
}

static enum MHD_Result api_password_reset(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)b;
	json_t *pw = json_object_get(in, "password");
	if (pw && !json_is_string(pw))
		return web_json_error(r, 400, "invalid", "\"password\" is a string, or left out for a one-time password");
	kerr e = KERR_INIT;
	char onetime[ACCOUNT_ONETIME_SIZE];
	if (account_password_reset(r->k, a, json_string_value(pw), onetime, &e))
		return api_fail(r, &e);
	/* the one-time password is in this answer and nowhere else: a replay
	 * of the call for its Idempotency-Key answers without it */
	api_held_replay_as(r, json_pack("{s:s,s:n,s:b,s:b}", "username", a, "password", "password_withheld", 1,
	                                "must_change", 1));
	json_t *v = json_pack("{s:s,s:s?,s:b,s:b}", "username", a, "password", pw ? NULL : onetime,
	                      "password_withheld", 0, "must_change", 1);
	sodium_memzero(onetime, sizeof onetime);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result set_disabled(request *r, const char *username, int disabled)
{
	kerr e = KERR_INIT;
	if (account_set_disabled(r->k, username, disabled, &e))
		return api_fail(r, &e);
	return account_reply(r, username);
}

static enum MHD_Result api_disable(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)b; (void)in;
	return set_disabled(r, a, 1);
}

static enum MHD_Result api_enable(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)b; (void)in;
	return set_disabled(r, a, 0);
}

static enum MHD_Result api_sessions(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)b; (void)in;
	return account_reply(r, a);
}

static enum MHD_Result end_one(request *r, const char *username, const char *kind, const char *idtext)
{
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", !strcmp(kind, "session") ? "no such session" : "no such token");
	kerr e = KERR_INIT;
	if (account_end(r->k, username, kind, id, &e))
		return api_fail(r, &e);
	return account_reply(r, username);
}

static enum MHD_Result api_session_end(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)in;
	return end_one(r, a, "session", b);
}

static enum MHD_Result api_token_end(request *r, int64_t o, const char *a, const char *b, json_t *in)
{
	(void)o; (void)in;
	return end_one(r, a, "token", b);
}

static enum MHD_Result api_stale(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	const char *days = req_query(r, "days");
	char *end = NULL;
	long n = days ? strtol(days, &end, 10) : 0;
	if (!days || !*days || *end || n < 1 || n > 3650)
		return web_json_error(r, 400, "invalid", "say days=N, 1-3650: the accounts unused that long");
	kerr e = KERR_INIT;
	return api_list(r, "accounts", account_stale(r->k, org_id, (int)n, &e), &e);
}

const struct api_route api_account_routes[] = {
	{ "POST", "/api/v1/me/password", api_password_change, 0, "Change one's own password: {current, password}; ends one's other sessions and tokens", API_JSON },
	{ "POST", "/api/v1/users/{username}/password-reset", api_password_reset, 0, "Reset a user's password: {password?}; without one a one-time password, shown this once; to be changed at the next login (administrators)", API_JSON },
	{ "POST", "/api/v1/users/{username}/disable", api_disable, 0, "Disable an account: its sessions and tokens end, its logins are refused (administrators)", 0 },
	{ "POST", "/api/v1/users/{username}/enable", api_enable, 0, "Enable a disabled account (administrators)", 0 },
	{ "GET", "/api/v1/users/{username}/sessions", api_sessions, 0, "An account with its live sessions and API tokens, never a token itself (administrators)", 0 },
	{ "POST", "/api/v1/users/{username}/sessions/{id}/end", api_session_end, 0, "End one session of a user (administrators)", 0 },
	{ "POST", "/api/v1/users/{username}/tokens/{id}/revoke", api_token_end, 0, "Revoke one API token of a user (administrators)", 0 },
	{ "GET", "/api/v1/stale-accounts", api_stale, 1, "Enabled accounts of the organisation nobody has logged in to or used a token of for days=N days (administrators)", 0 },
};
const size_t api_account_nroutes = sizeof api_account_routes / sizeof api_account_routes[0];
