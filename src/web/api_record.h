/*
 * api_record.h — the test build's record of the API's traffic, which the
 * contract tests (tests/api/contract.mjs) check against the OpenAPI
 * document. A no-op outside the test build (KANSLI_FAULTS).
 */
#ifndef KANSLI_API_RECORD_H
#define KANSLI_API_RECORD_H

#include <stddef.h>

#include "web/request.h"

/* With KANSLI_API_RECORD naming a file, appends one JSON line for an
 * answer to a request under /api/: method, path, query, the request's
 * JSON body and content type, the status, the answer's content type and
 * (when it is JSON) its body. body is NULL for an answer sent from a file. */
void api_record(request *r, unsigned status, const char *type, const char *body, size_t len);

#endif
