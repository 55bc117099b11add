/*
 * replay.h — rebuilding the covered tables from the audit log alone and
 * comparing them with the database, both ways.
 *
 * Every event's row images (rowlog.h) are applied in log order: a baseline
 * loads whole tables, "state" sets or deletes single rows. What remains is
 * what each covered table must hold; every row missing from the database,
 * every extra row and every changed field is a difference, named by table,
 * row key and field. A baseline that does not follow a migration must
 * agree with what the log already said, so forcing one cannot launder a
 * change made behind kansli's back.
 */
#ifndef KANSLI_REPLAY_H
#define KANSLI_REPLAY_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* 1 when event data (the text the leaf was computed from) holds row
 * images: a top-level "state" or "baseline". verify's pass over the log
 * picks these events for replay_compare, so the log is read once. */
int replay_has_images(const char *data);

/* Replays the events image_events[0..n) (ids, ascending: those of the log
 * for which replay_has_images holds), appends one string per difference
 * to differences (borrowed array) and counts the rows compared. Returns 0
 * whether or not there were differences; KERR_* only when the comparison
 * itself could not be made. */
int replay_compare(kansli *k, const int64_t *image_events, size_t n, json_t *differences, uint64_t *rows,
                   kerr *e);

#endif
