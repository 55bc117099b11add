/*
 * api_doc.h — the OpenAPI 3.1 document of the JSON API, made from one
 * declaration (src/web/api_doc.json: the component schemas and one entry
 * per operation, keyed "METHOD /path") joined with the route tables that
 * dispatch. The join refuses a route without a declaration and a
 * declaration without a route, so the document cannot drift from the
 * routes; tests/unit/test_api_doc.c holds the build to that.
 */
#ifndef KANSLI_API_DOC_H
#define KANSLI_API_DOC_H

#include <jansson.h>
#include <stddef.h>

#include "web/api.h"

/* The declarations built into the program, parsed: a new reference, or
 * NULL with why (the embedded file is not JSON). */
json_t *api_doc_declarations(char *why, size_t len);

/* One route as the join sees it: public routes need no login. */
struct api_doc_route {
	const struct api_route *rt;
	int public;
};

/*
 * The document (a new reference) from decl (borrowed) and the n routes:
 * each route's declaration with its path parameters, the org parameter of
 * routes that take one, and the answers the dispatcher itself gives (304,
 * 400, 401, 403, 404, 413, 415, 429, 500, 503, each only where it can
 * happen) and the headers of a success (ETag, RateLimit) added;
 * the route's summary becomes the operation's description. NULL, with the
 * first mismatch in why, when a route has no declaration, a declaration
 * no route, a path parameter no schema, a JSON route no request body, or
 * an operation no success answer.
 */
json_t *api_doc_join(json_t *decl, const struct api_doc_route *routes, size_t n, char *why, size_t len);

/* The document of the routes this program dispatches (api.c), or NULL
 * with why. */
json_t *api_openapi_document(char *why, size_t len);

/* GET /api/v1/docs: the document as a reference page in HTML, with no
 * script and no style of its own (the strict CSP holds). */
enum MHD_Result api_docs_page(request *r, const json_t *doc);

#endif
