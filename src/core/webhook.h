/*
 * webhook.h — webhooks: an organisation's administrator subscribes a URL
 * to event types, and kansli posts each such event there, signed as the
 * Standard Webhooks specification says (util/whsign.h).
 *
 * A subscription acts with the rights of a named user of its organisation:
 * its payloads are built from core's own views read as that user, so a
 * secret title or party is masked exactly as core masks it for them, and
 * only its organisation's events are ever queued for it.
 *
 * Delivery runs from a queue in the database. An event a subscription
 * wants is queued (webhook_event_queue) by audit_append in the transaction
 * of the event itself, so an event committed is a delivery owed, whatever
 * crashes after; the worker hands it out as one webhook_delivery per
 * subscription that was on when it happened. The worker
 * (webhook_deliver_due, core/webhook_deliver.c) posts at least once: a
 * delivery is leased before it is sent and marked after, so a crash in
 * between sends it again with the same webhook-id, by which the receiver
 * de-duplicates. Failures are retried with exponential back-off for 24
 * hours after the delivery was queued, then marked failed; every attempt
 * is kept (webhook_attempt) for the administrator's delivery log.
 */
#ifndef KANSLI_WEBHOOK_H
#define KANSLI_WEBHOOK_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"
#include "util/whsign.h"

/* The event types one may subscribe to, NULL-terminated. */
extern const char *const webhook_event_types[];
/* The webhook event type an audit action makes ("case.open" ->
 * "case.opened"), or NULL when it makes none. */
const char *webhook_event_type(const char *action);

typedef struct webhook_new {
	const char *url;      /* https://...; http:// only to a loopback host (tests, a local relay) */
	const char *events;   /* comma- or space-separated event types, at least one */
	const char *username; /* whose rights the payloads are read with; a user of the organisation */
} webhook_new;

/* Subscribes (administrators of the organisation). The secret, shown to
 * the caller once and never again, goes into secret; id is the new
 * subscription's. Bad input is KERR_INVALID naming the field ("url",
 * "events", "user") and changes nothing. 0 or KERR_*. */
int webhook_add(kansli *k, int64_t org_id, const webhook_new *w, int64_t *id,
                char secret[WHSIGN_SECRET_LEN], kerr *e);
/* Disables (active 0) or enables (1) a subscription. It is sent the
 * events that happen while it is on: none of those while it is off; what
 * was owed to it before waits, unsent, until it is enabled. 0 or KERR_*. */
int webhook_set_active(kansli *k, int64_t org_id, int64_t id, int active, kerr *e);
/* The organisation's subscriptions with their counts of deliveries by
 * status (administrators). New reference, or NULL with e set. */
json_t *webhook_list(kansli *k, int64_t org_id, kerr *e);
/* The delivery log, newest first: deliveries (of one subscription, or all
 * when subscription_id is 0) each with its attempts. New reference. */
json_t *webhook_log(kansli *k, int64_t org_id, int64_t subscription_id, int limit, kerr *e);
/* Sends a delivery again (any status): pending from now, with a new 24
 * hours of retries and the same webhook-id. 0 or KERR_*. */
int webhook_replay(kansli *k, int64_t org_id, int64_t delivery_id, kerr *e);

/* Queues the event (already appended, id event_id) when an active
 * subscription of org_id wants its type; inside the event's transaction
 * (audit_append calls it). 0 or KERR_*. */
int webhook_enqueue(kansli *k, int64_t org_id, const char *action, int64_t event_id, kerr *e);
/* Inside a transaction (the delivery thread's, or one that disables or
 * enables a subscription): each queued event becomes a delivery to every
 * subscription of its organisation to its type that was on when it
 * happened (enabled before it, not disabled before it), and leaves the
 * queue; up to 256 of them, or all. 0 or KERR_*. */
int webhook_fan_out(kansli *k, int all, kerr *e);

/* Posts up to max due deliveries (core/webhook_deliver.c); *attempted
 * counts the attempts made. With libcurl, a timeout of
 * KANSLI_WEBHOOK_TIMEOUT_MS (default 10000) per post; the first retry
 * after KANSLI_WEBHOOK_RETRY_SECONDS (default 30), doubling. 0 or KERR_*. */
int webhook_deliver_due(kansli *k, int max, int *attempted, kerr *e);
/* webhook_verify_secrets, for verify: core/webhook_secret.h. */

#endif
