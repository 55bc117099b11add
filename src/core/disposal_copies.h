/*
 * disposal_copies.h — what a disposal destroys beyond the registry's own
 * rows (core/disposal.c): the copies of the disposed content that kansli
 * keeps elsewhere for a while, and the leftovers on disk once the
 * disposal has committed.
 */
#ifndef KANSLI_DISPOSAL_COPIES_H
#define KANSLI_DISPOSAL_COPIES_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* Inside the disposal's transaction, once the items' outcomes are written:
 *  - webhook deliveries of events about a record run_id disposed of: the
 *    stored body of a delivered or failed one is emptied; a pending one is
 *    not sent (failed, its body emptied), with an attempt saying it was
 *    withdrawn by the disposal;
 *  - every kept Idempotency-Key answer is forgotten, the keys kept taken
 *    (idempotency_forget_answers: an export's package or an upload's
 *    answer holds the disposed content, and the table does not say which
 *    answer is about what).
 * 0 or KERR_*. */
int disposal_copies_purge_tx(kansli *k, int64_t run_id, kerr *e);

/* 1 when a record's file is the blob hash, 0 when none is, or a negative
 * KERR_* when that cannot be read. */
int disposal_hash_in_records(kansli *k, const char *hash, kerr *e);

/* Inside the disposal's transaction, once a disposed record's file rows
 * are gone: when no record names hash any more (the content itself is
 * disposed of, not a copy of a document kept elsewhere), the notices of
 * org_id that publish it stop doing so: their file is marked disposed with
 * note ("Gallrad <date> enligt <decision>", what the notice page says in
 * its place) and no longer named, so that the blob goes with the disposal.
 * Each notice changed is appended to notices as {notice, file}. A posted
 * notice is otherwise never changed (core/notice.h); the law that keeps it
 * on the board keeps the announcement, not a document disposed of by
 * decision (Arkivlagen). 0 or KERR_*. */
int disposal_copies_notices_tx(kansli *k, int64_t org_id, const char *hash, const char *note, json_t *notices,
                               kerr *e);

/* Registers, inside the disposal's transaction, the work that must follow
 * its real commit (kansli_after_commit; with an Idempotency-Key the API
 * holds the transaction past the disposal's own commit): the files of
 * state's "removed" blobs (hashes) that no row names are overwritten and
 * removed with their emptied directories, the search index is purged of
 * the disposed words, and the write-ahead log is checkpointed and
 * truncated. Sets state's "unlinked" (the files removed) once done. What
 * fails is said on stderr with its cause: the disposal stands. */
void disposal_after_commit(kansli *k, json_t *state);

/* Outside a transaction: removes the files that executed disposals took
 * out of the registry and that are still on disk, unnamed (a disposal
 * killed between its commit and its files' removal). The number removed,
 * or KERR_* (negative, e says why). Run after each disposal and at the
 * server's start. */
int disposal_sweep(kansli *k, kerr *e);

#endif
