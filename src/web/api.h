/*
 * api.h — what the JSON API's resource files share: the route type, and
 * helpers to read the body, name cases and records in paths, and answer
 * with a core error. api.c dispatches and writes the OpenAPI document from
 * the route tables the resource files (api_*.c) export.
 */
#ifndef KANSLI_API_H
#define KANSLI_API_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "web/request.h"

/* in is the request's JSON object for routes with API_JSON, else NULL;
 * the dispatcher owns it. */
typedef enum MHD_Result (*api_fn)(request *r, int64_t org_id, const char *arg, const char *arg2, json_t *in);

/* The route takes a JSON object as its body: the dispatcher reads it (415
 * or 400 otherwise) after the organisation, before the handler. */
#define API_JSON 1

struct api_route {
	const char *method;
	const char *path;    /* {x} marks one path segment, passed as arg / arg2 */
	api_fn fn;
	int needs_org;       /* resolve ?org= (or the caller's first) first */
	const char *summary; /* for the OpenAPI document */
	int body;            /* API_JSON, or 0: the handler reads what it needs */
};

/* A core error as {"error":{...}} with the status its code maps to. */
enum MHD_Result api_fail(request *r, const kerr *e);
/* The request body as a JSON object (new reference), or NULL with the
 * 415/400 answer already queued in *ret. For handlers whose body is
 * optional or checked after something else; other routes say API_JSON. */
json_t *api_body(request *r, enum MHD_Result *ret);
/* A string member of o, or NULL. */
const char *api_str(json_t *o, const char *key);
/* "KS-2026-0042[-3]" -> "KS 2026/0042[-3]"; 0 or -1. */
int api_slug_number(const char *slug, char *out, size_t len);
/* The case or record a path names by its slug, into out; 0, or KERR_NOTFOUND
 * "no such WHAT" in e. */
int api_path_number(const char *slug, char *out, size_t len, const char *what, kerr *e);
/* A positive decimal id from a path segment, or 0 for anything else. */
int64_t api_path_id(const char *s);
/* v with status, or the error in e when v is NULL (v is consumed). */
enum MHD_Result api_reply(request *r, unsigned status, json_t *v, const kerr *e);
/* {"KEY": v, "next": null} with 200 (a whole list, in the one list
 * envelope of web/api_page.h), or the error in e when v is NULL. */
enum MHD_Result api_list(request *r, const char *key, json_t *v, const kerr *e);
/* The document a core call wrote into out (rc 0), or its error; out is
 * consumed either way. */
enum MHD_Result api_send(request *r, int rc, const char *type, buf *out, const kerr *e);
/* The one "file" part of a multipart upload, read into data; 0, or -1 with
 * the 415/422/500 answer queued in *ret (data then empty). */
int api_upload(request *r, buf *data, enum MHD_Result *ret);

/* Which route a request names, from its method and path alone (before
 * its body is read): API_UNKNOWN, API_WRONG_METHOD, API_PUBLIC (anyone),
 * API_LOGIN (a session or token). */
enum { API_UNKNOWN, API_WRONG_METHOD, API_PUBLIC, API_LOGIN };
int api_admit(request *r);
/* The n-th route over every table, or NULL past the last (the OpenAPI
 * document is made from them, web/api_doc.h). */
const struct api_route *api_route_at(size_t n);

/* Route tables of the resource files. */
extern const struct api_route api_registry_routes[];
extern const size_t api_registry_nroutes;
extern const struct api_route api_meetings_routes[];
extern const size_t api_meetings_nroutes;
extern const struct api_route api_notices_routes[];
extern const size_t api_notices_nroutes;
extern const struct api_route api_request_settings_routes[];
extern const size_t api_request_settings_nroutes;
extern const struct api_route api_reminders_routes[];
extern const size_t api_reminders_nroutes;
extern const struct api_route api_export_routes[];
extern const size_t api_export_nroutes;
extern const struct api_route api_webhooks_routes[];
extern const size_t api_webhooks_nroutes;
extern const struct api_route api_retention_routes[];
extern const size_t api_retention_nroutes;
extern const struct api_route api_overview_routes[];
extern const size_t api_overview_nroutes;
extern const struct api_route api_account_routes[];
extern const size_t api_account_nroutes;
extern const struct api_route api_intake_routes[];
extern const size_t api_intake_nroutes;

#endif
