/*
 * api_overview.c — the JSON API's managers' overview: GET /api/v1/overview
 * (?year=YYYY, default this year) answers with core/overview.c's figures
 * for the organisation (?org=, or the caller's first).
 */
#include <stdlib.h>
#include <string.h>

#include "core/overview.h"
#include "web/api.h"
#include "web/respond.h"

static enum MHD_Result api_overview(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	const char *y = req_query(r, "year");
	long year = 0;
	if (y) {
		char *end;
		year = strtol(y, &end, 10);
		if (!*y || *end || year < 1901 || year > 2199)
			return web_json_error(r, 400, "invalid", "year must be a four-digit year");
	}
	kerr e = KERR_INIT;
	json_t *v = overview_year(r->k, org_id, (int)year, &e);
	return api_reply(r, 200, v, &e);
}

const struct api_route api_overview_routes[] = {
	{ "GET", "/api/v1/overview", api_overview, 1, "The managers' overview of a year (year=YYYY, default this year): cases opened, closed, decided, open and overdue, records in/out/internal, median and 90th-percentile handling days, per series and unit, months beside the year before, the most overdue cases", 0 },
};
const size_t api_overview_nroutes = sizeof api_overview_routes / sizeof api_overview_routes[0];
