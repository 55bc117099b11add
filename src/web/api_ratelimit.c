/*
 * api_ratelimit.c — fixed windows per token or session; see
 * api_ratelimit.h. A fixed window rather than a token bucket, because its
 * state is what the headers announce: how many calls are left and when
 * the count starts again.
 */
#include "web/api_ratelimit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/hash.h"

#define SLOTS 4096
#define WINDOW 60 /* seconds */

static struct window {
	char caller[32]; /* "t<hash of the token>" or "s<session id>" */
	long start;      /* the window's first second (monotonic) */
	int used;
} windows[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The calls per window: KANSLI_API_RATE, default 1200; 0 is no limit. */
static int limit(void)
{
	static int n = -1;
	if (n < 0) {
		const char *v = getenv("KANSLI_API_RATE");
		char *end;
		long l = v && *v ? strtol(v, &end, 10) : 1200;
		n = getenv("KANSLI_NO_RATE_LIMIT") || (v && *v && (*end || l < 0)) ? 0 : l > 1000000 ? 1000000 : (int)l;
	}
	return n;
}

int api_ratelimit_take(request *r)
{
	int n = limit();
	if (n == 0 || !r->logged_in)
		return 0;
	/* A token's window is named by a hash of the token (a token's
	 * session has no id of its own), never by the token itself. */
	char caller[32];
	const char *auth = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Authorization");
	if (r->via_token && auth && strlen(auth) > 7) {
		unsigned char h[HASH_LEN];
		hash_sha256(auth + 7, strlen(auth + 7), h);
		caller[0] = 't';
		hash_hex(h, 15, caller + 1);
	} else {
		snprintf(caller, sizeof caller, "s%lld", (long long)r->s.id);
	}
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	uint32_t h = 2166136261u; /* FNV-1a: a collision only evicts the other caller's count */
	for (const char *p = caller; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	pthread_mutex_lock(&lock);
	struct window *w = &windows[h % SLOTS];
	if (strcmp(w->caller, caller) || t.tv_sec - w->start >= WINDOW) {
		snprintf(w->caller, sizeof w->caller, "%s", caller);
		w->start = t.tv_sec;
		w->used = 0;
	}
	int over = w->used >= n;
	if (!over)
		w->used++;
	r->api_limit = n;
	r->api_remaining = n - w->used;
	r->api_reset = (int)(w->start + WINDOW - t.tv_sec);
	pthread_mutex_unlock(&lock);
	return over ? r->api_reset : 0;
}

void api_ratelimit_headers(const request *r, struct MHD_Response *resp)
{
	if (r->api_limit <= 0)
		return;
	char v[80];
	snprintf(v, sizeof v, "\"token\";q=%d;w=%d", r->api_limit, WINDOW);
	MHD_add_response_header(resp, "RateLimit-Policy", v);
	snprintf(v, sizeof v, "\"token\";r=%d;t=%d", r->api_remaining, r->api_reset);
	MHD_add_response_header(resp, "RateLimit", v);
}
