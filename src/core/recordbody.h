/*
 * recordbody.h — the body of each record as record_text holds it, kept
 * while verify compares record_text with the log.
 *
 * verify compares each record with its latest event, the SHA-256 of its
 * body included. The body is outside the log (covered.c), but its row is
 * read all the same when record_text is compared with the log, so the
 * body is hashed there (replay_also, on the comparing worker) and kept
 * here by record id: what the check of the records then needs of
 * record_text, which it used to read a second time (1.75 GB on the
 * 1M-entry bench). 33 bytes a record.
 */
#ifndef KANSLI_RECORDBODY_H
#define KANSLI_RECORDBODY_H

#include <stddef.h>
#include <stdint.h>

#include "core/covered.h"
#include "core/rowimage.h"
#include "util/hash.h"

/* What is known of a record's body. */
enum {
	RECORDBODY_UNKNOWN,  /* not read (an id beyond RECORDBODY_MAX_ID, or record_text was not compared) */
	RECORDBODY_NO_ROW,   /* record_text has no row for it: the body is null */
	RECORDBODY_TEXT,     /* text or null, with its SHA-256 */
	RECORDBODY_NOT_TEXT, /* a blob or a number: no event can state that */
};

#define RECORDBODY_MAX_ID ((int64_t)1 << 28)

typedef struct recordbody {
	unsigned char (*sha)[HASH_LEN];
	unsigned char *kind; /* per record id */
	size_t cap;
	int at_id, at_body;  /* where record_id and body are among a row's values (-1: not there) */
	int read;            /* every row of record_text was noted (replay_also's done) */
} recordbody;

/* Starts rb for record_text as covered.c describes it (t; NULL when it is
 * not covered). */
void recordbody_init(recordbody *rb, const covered_table *t);
/* 1 when every row of record_text was noted: recordbody_get knows each
 * record's body (but for ids beyond RECORDBODY_MAX_ID). */
int recordbody_ready(const recordbody *rb);
void recordbody_free(recordbody *rb);
/* Notes one row of record_text, its values as replay_also gives them:
 * the covered columns of t, then those outside the log. */
void recordbody_note(void *rb, const covered_table *t, const rowimage_value *v);
/* What is known of record id's body; its SHA-256 in sha for RECORDBODY_TEXT
 * (the empty text's for RECORDBODY_NO_ROW). */
int recordbody_get(const recordbody *rb, int64_t id, unsigned char sha[HASH_LEN]);

#endif
