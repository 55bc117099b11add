/*
 * api_ratelimit.h — a limit on the API calls of each token (or session),
 * announced on every answer in the RateLimit and RateLimit-Policy headers
 * (the IETF httpapi draft's structured form), so an integrator can pace
 * itself instead of being cut off. Over the limit the answer is 429 with
 * Retry-After. The window is fixed (a minute by default) and kept in this
 * process's memory: several servers behind a proxy each count their own.
 *
 * KANSLI_API_RATE=N sets the calls per minute (default 1200; 0 turns the
 * limit off), as does KANSLI_NO_RATE_LIMIT, which benchmarks set.
 */
#ifndef KANSLI_API_RATELIMIT_H
#define KANSLI_API_RATELIMIT_H

#include "web/request.h"

/* Counts one call of the logged-in caller of r and fills r's rate-limit
 * fields for the headers; 0, or the seconds until the window ends when
 * the caller is over the limit (then answer 429). */
int api_ratelimit_take(request *r);

/* The RateLimit headers of r's answer, when r was counted. */
void api_ratelimit_headers(const request *r, struct MHD_Response *resp);

#endif
