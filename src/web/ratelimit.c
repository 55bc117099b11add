/* ratelimit.c — token buckets per client address; see ratelimit.h. */
#include "web/ratelimit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOTS 4096
#define BURST 30.0      /* requests at once */
#define PER_SECOND 2.0  /* sustained */

static struct bucket {
	char address[64];
	double tokens;
	double last;
} buckets[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int ratelimit_take(const char *address)
{
	/* Benchmarks measure throughput from one address: they turn it off. */
	static int off = -1;
	if (off < 0)
		off = getenv("KANSLI_NO_RATE_LIMIT") != NULL;
	if (off)
		return 0;
	uint32_t h = 2166136261u; /* FNV-1a: cheap, and collisions only share a bucket */
	for (const char *p = address; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	double t = now_s();
	int wait = 0;
	pthread_mutex_lock(&lock);
	struct bucket *b = &buckets[h % SLOTS];
	if (strcmp(b->address, address) != 0) {
		snprintf(b->address, sizeof b->address, "%s", address);
		b->tokens = BURST;
		b->last = t;
	}
	b->tokens += (t - b->last) * PER_SECOND;
	if (b->tokens > BURST)
		b->tokens = BURST;
	b->last = t;
	if (b->tokens >= 1.0)
		b->tokens -= 1.0;
	else
		wait = (int)((1.0 - b->tokens) / PER_SECOND) + 1;
	pthread_mutex_unlock(&lock);
	return wait;
}
