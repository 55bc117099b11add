/*
 * webhook_payload.h — what a webhook sends: the Standard Webhooks payload
 * {"type", "timestamp", "data"} of one logged event, its object read
 * through core's own view as the acting user (the subscription's), so
 * masking is core's and never decided here.
 */
#ifndef KANSLI_WEBHOOK_PAYLOAD_H
#define KANSLI_WEBHOOK_PAYLOAD_H

#include <stdint.h>

#include "core/kansli.h"

/* The payload of event_id (of org_id) as webhook type, read with the
 * rights k acts with now, into *body (malloc'd, the caller frees).
 * KERR_DENIED when that user may not read the object (nothing to send),
 * else 0 or KERR_*. */
int webhook_payload(kansli *k, int64_t org_id, int64_t event_id, const char *type, char **body, kerr *e);

#endif
