/*
 * audit.h — the audit log: every change (and every read of a secret record)
 * is an event appended in the same transaction as the change.
 *
 * Events are the leaves of an RFC 6962 Merkle tree. A leaf is the hash of a
 * versioned, salted, canonical encoding of the event, so a published proof
 * reveals nothing of its content and disposed content is not needed to
 * verify the tree. Each write transaction ends with a signed tree head
 * (C2SP tlog-checkpoint, Ed25519) stored in log_state; published heads are
 * kept for good in tree_head (core/logpublish.h: the public sees only those).
 */
#ifndef KANSLI_AUDIT_H
#define KANSLI_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"
#include "util/buf.h"

#define AUDIT_SALT_LEN 16

/* Appends an event; data is stolen and holds what changed: NULL (a failed
 * json_pack) is KERR_INTERNAL, never an empty event. 0 or KERR_*. */
int audit_append(kansli *k, int64_t org_id, const char *action, const char *object_type,
                 int64_t object_id, json_t *data, kerr *e);
/* Logs that the actor was shown secret content: one event `action` per
 * object ids[i] (numbers[i] its case or record number, field, when not
 * NULL, what was shown), in a transaction of its own, since reading opened
 * none. Nothing to log (no numbers) is 0. 0 or KERR_*. */
int audit_log_reads(kansli *k, int64_t org_id, const char *action, const char *object_type,
                    const int64_t *ids, json_t *numbers, const char *field, kerr *e);
/* Adds the keys of extra (borrowed) to the data of the last event this
 * transaction appended, rehashing its leaf: the commit's row images go
 * into the event that made them (rowlog.c). 0 or KERR_*. */
int audit_amend_last(kansli *k, json_t *extra, kerr *e);
/* Signs the tree head after this transaction's events (called by kansli_commit). */
int audit_seal(kansli *k, kerr *e);

/* The canonical leaf input of an event: salt || canonical JSON. */
void audit_leaf_input(buf *out, int64_t id, int64_t ts_us, int64_t org_id, const char *actor,
                      const char *action, const char *object_type, int64_t object_id,
                      const char *data_json, const unsigned char salt[AUDIT_SALT_LEN]);
/* The leaf hash of an event: merkle_leaf_hash of its leaf input, with the
 * data (data_len bytes) hashed where it lies, not copied; scratch is the
 * caller's, to keep from event to event. */
void audit_leaf_hash(buf *scratch, int64_t id, int64_t ts_us, int64_t org_id, const char *actor,
                     const char *action, const char *object_type, int64_t object_id, const char *data_json,
                     size_t data_len, const unsigned char salt[AUDIT_SALT_LEN], unsigned char out[32]);

/* Loads all stored leaf hashes (malloc'd array, caller frees); n set. */
int audit_load_leaves(kansli *k, unsigned char (**leaves)[32], uint64_t *n, kerr *e);
/* The same for the first max leaves at most (events 1..max). */
int audit_load_leaves_upto(kansli *k, int64_t max, unsigned char (**leaves)[32], uint64_t *n, kerr *e);
/* The current signed checkpoint text (malloc'd). */
int audit_current_head(kansli *k, char **checkpoint, uint64_t *size, kerr *e);
/* Keeps the current (live) head in tree_head now (published heads are kept
 * forever, and the public sees the newest): an operator's publication off
 * the schedule of core/logpublish.h. */
int audit_publish_head(kansli *k, char **checkpoint, kerr *e);
/* Checkpoint of an earlier published head of exactly `size` (malloc'd). */
int audit_published_head(kansli *k, uint64_t size, char **checkpoint, kerr *e);

/* Proofs for anyone to check, hashes in base64 (as in checkpoints):
 * {"leaf_index","tree_size","leaf_hash","root","path":[...]} for event
 * index (1-based) in the tree of size (0: now), and
 * {"old_size","tree_size","old_root","root","proof":[...]}. Each proof is
 * verified before it is returned. New reference, or NULL with e set. */
json_t *audit_inclusion_proof(kansli *k, uint64_t index, uint64_t size, kerr *e);
json_t *audit_consistency_proof(kansli *k, uint64_t old_size, uint64_t size, kerr *e);
/* An organisation's events from id `from` on, at most limit:
 * [{id, ts_us, actor, action, object, object_id}]. Event data can hold
 * personal data, so only the organisation's administrators may list them. */
json_t *audit_org_events(kansli *k, int64_t org_id, int64_t from, int limit, kerr *e);
/* Raw events from id `from` on, at most limit, for the installation's
 * own administrator (user_id 0) only: [{id, time, actor, action, object,
 * object_id, data}]. New reference, or NULL with e set. */
json_t *audit_events(kansli *k, int64_t from, int limit, kerr *e);
/* Published heads: [{"size","published","checkpoint"}], oldest first. */
json_t *audit_published_heads(kansli *k, kerr *e);

#endif
