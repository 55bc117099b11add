/*
 * api_request_settings.c — the JSON API's setting of where requests for
 * public documents are filed (the series and class, core/request_filing.h):
 * read it, and choose them. Administrators only, as core decides.
 */
#include <stdio.h>

#include "core/request_filing.h"
#include "web/api.h"
#include "web/respond.h"

static enum MHD_Result api_request_settings(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	return api_reply(r, 200, request_settings_show(r->k, org_id, &e), &e);
}

static enum MHD_Result api_request_settings_set(request *r, int64_t org_id, const char *a, const char *b,
                                                json_t *in)
{
	(void)a; (void)b;
	/* "class": null (or absent) clears the class; any other type than a
	 * string is refused, never read as "none" */
	json_t *series = json_object_get(in, "series"), *cls = json_object_get(in, "class");
	if (!json_is_string(series))
		return web_json_error(r, 422, "invalid", "\"series\" must be the prefix of a series, as a string");
	if (cls && !json_is_null(cls) && !json_is_string(cls))
		return web_json_error(r, 422, "invalid", "\"class\" must be a classification code as a string, or null");
	kerr e = KERR_INIT;
	if (request_settings_set(r->k, org_id, json_string_value(series), json_string_value(cls), &e))
		return api_fail(r, &e);
	return api_reply(r, 200, request_settings_show(r->k, org_id, &e), &e);
}

const struct api_route api_request_settings_routes[] = {
	{ "GET", "/api/v1/requests/settings", api_request_settings, 1,
	  "Where requests for public documents without a known document number are filed (administrators)", 0 },
	{ "POST", "/api/v1/requests/settings", api_request_settings_set, 1,
	  "Choose the series and class requests are filed in: {series, class?} (administrators)", API_JSON },
};
const size_t api_request_settings_nroutes = sizeof api_request_settings_routes / sizeof api_request_settings_routes[0];
