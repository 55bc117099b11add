/*
 * api_etag.h — validators for the API's GET answers: the ETag is a hash
 * of the answer itself, so a client polling a list or a case can ask
 * "changed?" with If-None-Match and get 304 Not Modified. Never derived
 * from installation-wide state (the log's size, the last change): that
 * would tell one organisation's client when another organisation acted.
 */
#ifndef KANSLI_API_ETAG_H
#define KANSLI_API_ETAG_H

#include <stddef.h>

#include "web/request.h"

#define API_ETAG_LEN 48 /* "\"" + 32 hex digits + "\"" + NUL, rounded up */

/* For a 200 answer to an API GET (or HEAD): the answer's ETag into etag
 * and 1 when the client's If-None-Match names it (answer 304 instead);
 * 0 with etag filled otherwise; -1 with etag "" when the answer is not
 * one that carries an ETag. */
int api_etag(request *r, unsigned status, const char *body, size_t len, char etag[API_ETAG_LEN]);

#endif
