/*
 * frozen.h — what the latest event of each record and case says, kept as a
 * digest while verify reads the log once.
 *
 * verify compares every record's and case's frozen fields with its latest
 * event. Looking that event up again per row (an index lookup and a second
 * read of its text, a million times on a large registry) was a fifth of
 * verify's time; instead the pass over the log keeps, per object id, a
 * SHA-256 digest of the fields as the event states them, and each row's fields
 * are hashed the same way. Equal digests mean equal fields. Only a row
 * whose digest differs, or whose event could not be read, is compared
 * field by field with its event, read again, to name what differs.
 */
#ifndef KANSLI_FROZEN_H
#define KANSLI_FROZEN_H

#include <stddef.h>
#include <stdint.h>

#define FROZEN_LEN 32

/* One field of a digest: a string of len bytes, or absent (s NULL). */
typedef struct frozen_field {
	const char *s;
	size_t len;
} frozen_field;

/* The digest of n fields, in order; an absent field differs from every
 * string, the empty one included. */
void frozen_digest(const frozen_field *f, int n, unsigned char out[FROZEN_LEN]);

/* Digests by object id (ids above FROZEN_MAX_ID are not kept: their rows
 * take the slow path). */
#define FROZEN_MAX_ID ((int64_t)1 << 28)

typedef struct frozen_table {
	unsigned char (*digest)[FROZEN_LEN];
	unsigned char *known; /* 1: digest[id] is the latest event's */
	size_t cap;
} frozen_table;

void frozen_free(frozen_table *t);
/* The latest event of object id: its digest, or NULL when its fields
 * could not be read (the row is then compared the slow way). */
void frozen_set(frozen_table *t, int64_t id, const unsigned char *digest);
/* Whether object id's row, whose fields hash to digest, is what its
 * latest event says: 1 yes, 0 not known to be (compare the slow way). */
int frozen_matches(const frozen_table *t, int64_t id, const unsigned char digest[FROZEN_LEN]);

#endif
