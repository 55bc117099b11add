/*
 * ratelimit.h — per client address limits for public, costly requests
 * (proofs now; search and document requests later): a token bucket per
 * address, refilled over time. Over the limit the answer is 429 with
 * Retry-After.
 */
#ifndef KANSLI_RATELIMIT_H
#define KANSLI_RATELIMIT_H

/* 0 when address may go on; otherwise the seconds to wait. */
int ratelimit_take(const char *address);

#endif
