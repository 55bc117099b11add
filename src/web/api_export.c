/*
 * api_export.c — the JSON API's deliveries to the e-archive: make a
 * submission package of one closed case or of a series and year and get
 * it back as the response (application/zip or application/x-tar), and
 * list earlier deliveries from the log, and record the e-archive's receipt
 * of one. Archivists only; open cases 409, a re-delivery unconfirmed 409.
 */
#include <stdlib.h>
#include <string.h>

#include "core/archive.h"
#include "core/delivery.h"
#include "web/api.h"
#include "web/api_page.h"
#include "web/pages.h"
#include "web/respond.h"

static enum MHD_Result api_export_create(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	json_t *year = json_object_get(in, "year");
	archive_request req = {
		.case_number = api_str(in, "case"), .series = api_str(in, "series"),
		.year = json_is_integer(year) ? (int)json_integer_value(year)
		      : json_is_string(year) ? atoi(json_string_value(year)) : 0,
		.format = api_str(in, "format") ? api_str(in, "format") : "zip", .agreement = api_str(in, "agreement"),
		.again = json_is_true(json_object_get(in, "again")),
	};
	return page_package_download(r, org_id, &req, 1);
}

static enum MHD_Result api_exports(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	json_t *v = archive_exports(r->k, org_id, &e);
	static const struct api_order order[] = { { "event", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec spec = { "exports", order, 1, 0, 1 };
	return api_page_reply(r, &spec, v, NULL, &e);
}

static enum MHD_Result api_receipt_create(request *r, int64_t org_id, const char *package, const char *b, json_t *in)
{
	(void)b;
	kerr e = KERR_INIT;
	delivery_receipt rec = {
		.package = package, .received = api_str(in, "received"), .reference = api_str(in, "reference"),
		.note = api_str(in, "note"),
	};
	int64_t delivery = 0;
	if (delivery_receipt_add(r->k, org_id, &rec, &delivery, &e))
		return api_fail(r, &e);
	return api_reply(r, 201, json_pack("{s:s,s:I,s:s,s:s}", "package", package, "delivery_event", (json_int_t)delivery,
	                                   "received", rec.received, "reference", rec.reference), &e);
}

const struct api_route api_export_routes[] = {
	{ "POST", "/api/v1/exports", api_export_create, 1, "Deliver to the e-archive: {case} or {series, year}, format zip|tar, agreement?, again? (confirms a re-delivery); answers with the E-ARK SIP package (application/zip or application/x-tar); 409 for a case that is not closed", API_JSON },
	{ "GET", "/api/v1/exports", api_exports, 1, "Earlier deliveries to the e-archive, from the audit log (archivists)", 0 },
	{ "POST", "/api/v1/exports/{package}/receipt", api_receipt_create, 1, "Record the e-archive's receipt of a delivered package (archivists)", API_JSON },
};
const size_t api_export_nroutes = sizeof api_export_routes / sizeof api_export_routes[0];
