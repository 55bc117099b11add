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

/* Appends one string per difference to differences (borrowed array) and
 * counts the rows compared. Returns 0 whether or not there were
 * differences; KERR_* only when the comparison itself could not be made. */
int replay_compare(kansli *k, json_t *differences, uint64_t *rows, kerr *e);

#endif
