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

#include "core/covered.h"
#include "core/kansli.h"
#include "core/rowimage.h"

/* 1 when event data (the text the leaf was computed from) holds row
 * images: a top-level "state" or "baseline". */
int replay_has_images(const char *data);

/* The replay: the tables as the log says they are, in memory
 * (replaystate.h). verify feeds it each event that holds images during its
 * one pass over the log (the event's text is read once), then compares. */
typedef struct replay replay;

replay *replay_new(kansli *k);
void replay_free(replay *r);
/* Applies the row images of event id, whose data is data (the text the
 * leaf was computed from, replay_has_images true); events in log order.
 * A before-image the log disagrees with is kept as a difference for
 * replay_compare. state[0] and state[1] are set to where the value of the
 * data's top-level "state" starts and ends in data (0 and 0: it has
 * none), for a later read of the event's other fields to step over
 * (eventfields_read_skipping). 0, or KERR_* when the event cannot be
 * read. */
int replay_event(replay *r, int64_t id, const char *data, size_t state[2], kerr *e);
/* A reader of the columns of one table that are outside the log
 * (covered.h's outside), in the pass that compares its rows: verify
 * hashes the bodies of record_text there, which it would otherwise read
 * a second time (1.75 GB on the 1M-entry bench). fn runs on the comparing
 * worker, once for every row of the database's table, with its values:
 * the covered columns (as cols), then those outside (as outside). */
typedef struct replay_also {
	const char *table;
	void (*fn)(void *arg, const covered_table *t, const rowimage_value *v);
	void *arg;
	int done; /* set by replay_compare when every row of the table went to fn */
} replay_also;

/* Compares the replayed tables with the database, both ways: appends one
 * string per difference to differences (borrowed array; those replay_event
 * found first) and counts the rows compared; also (may be NULL) reads a
 * table's columns outside the log in the same pass. Returns 0 whether or
 * not there were differences; KERR_* only when the comparison itself
 * could not be made. */
int replay_compare(replay *r, json_t *differences, uint64_t *rows, replay_also *also, kerr *e);

#endif
