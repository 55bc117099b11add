/*
 * intake_read.h — what the inbox read out of an item's original (the
 * sender, subject, text and problems in intake_content; the attachments'
 * names, types, blobs and previews in intake_file) is kept outside the
 * audit log, so that a purge removes it. It is bound to the log all the
 * same: the item's "intake.take" event carries a digest of it
 * (read_sha256), and registering, splitting or joining the item, and
 * `kansli verify`, check the rows against it. Without that, a changed
 * subject or a swapped attachment hash would go into the registry as if
 * the message had said it (an outside review's find, s8 H2).
 */
#ifndef KANSLI_INTAKE_READ_H
#define KANSLI_INTAKE_READ_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* The digest of item_id's rows as hex into hex (65 bytes); *has is 0 when
 * the item holds none any more (registered or purged). 0 or KERR_*. */
int intake_read_digest(kansli *k, int64_t item_id, char hex[65], int *has, kerr *e);
/* 0 when item_id's rows are what its intake logged, or it holds none
 * because it was judged (registered: the record holds them; rejected and
 * purged); KERR_TAMPERED naming the item when not (rows changed, an open
 * item's rows gone, an intake event without its digest); or another
 * KERR_*. */
int intake_read_check(kansli *k, int64_t item_id, kerr *e);
/* Inside the transaction: 0 when item_id's subject, sender and text are
 * those read before it (subject, sender as intake_show gave them; the
 * text's blob text_hash, "" for none); KERR_CONFLICT when the item changed
 * between (nothing read before is used then). */
int intake_read_unchanged(kansli *k, int64_t item_id, const char *subject, const char *sender,
                          const char *text_hash, kerr *e);
/* For verify: every item's rows checked; each that differs is appended
 * to differences. 0 or KERR_* (a read error). */
int intake_read_verify(kansli *k, json_t *differences, kerr *e);

#endif
