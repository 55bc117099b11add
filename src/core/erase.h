/*
 * erase.h — a disposal (gallring) destroys what the audit log holds of the
 * material it disposed of, and the log stays verifiable.
 *
 * In the disposal's transaction, every earlier event whose row images
 * ("state") hold a row the disposal deletes or clears, and every event of a
 * cleared record or a deleted party, is erased: its data becomes "{}", its
 * leaf hash stays in leaf_hash, and erased_by names the disposal event. The
 * disposal event's data lists, under "erased", each such event: its id,
 * leaf hash (hex), the columns its leaf also hashed (ts, org, actor,
 * action, type, obj) and the keys [table, key] of the rows its images
 * touched — keys, never content. The disposal event's state re-states
 * every one of those rows (its image now, or null when gone), and its
 * before-images of them are digests (rowlog.h), so replay knows each row
 * again from the disposal on. verify (verify.c, replay.c) takes an erased
 * event's leaf from the kept hash only when its disposal lists it so.
 *
 * Baselines (rowlog.h) are not erased: a baseline recorded while a disposed
 * record existed still holds its image (docs/SECURITY.md).
 */
#ifndef KANSLI_ERASE_H
#define KANSLI_ERASE_H

#include <jansson.h>

#include "core/kansli.h"

/* Inside a disposal's transaction, after its deletes and updates and just
 * before its disposal.execute event is appended: erases the events up to
 * last_before (the log's last event before the transaction) that hold what
 * the transaction deleted or what cleared[] (record ids whose registration
 * was cleared) held. *out is the "erased" list for the disposal event's
 * data (an empty array: nothing erased). 0 or KERR_*. */
int erase_disposed(kansli *k, int64_t last_before, json_t *cleared, json_t **out, kerr *e);

#endif
