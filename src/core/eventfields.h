/*
 * eventfields.h — named top-level fields of an event's data, read in
 * place (util/jsonscan.h) as verify compares them with the rows: no tree
 * of JSON values is built, and a large member (the row images of a bulk
 * import's last event) is skipped over, not parsed.
 *
 * A field reads as jansson's json_object_get on json_loads(data) always
 * read it: the last of duplicate keys counts; data that is not a JSON
 * object or array (or an integer out of range) is not an event at all;
 * an array has no fields.
 */
#ifndef KANSLI_EVENTFIELDS_H
#define KANSLI_EVENTFIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define EVENTFIELDS_MAX 16

typedef struct eventfields {
	const char *const *keys; /* the names asked for */
	int n;
	int text[EVENTFIELDS_MAX];       /* field i is a string ... */
	buf value[EVENTFIELDS_MAX];      /* ... with this value */
	int integer[EVENTFIELDS_MAX];    /* field i is an integer ... */
	int64_t number[EVENTFIELDS_MAX]; /* ... with this value */
} eventfields;

/* Starts f for the n (<= EVENTFIELDS_MAX) names keys (kept, not copied). */
void eventfields_init(eventfields *f, const char *const *keys, int n);
void eventfields_free(eventfields *f);
/* Reads data's fields into f: 1 when data is a JSON object or array, 0
 * when it is not (no field is then set). */
int eventfields_read(eventfields *f, const char *data);
/* The same, told that the member value starting at data + from ends at
 * data + to, as jsonscan_skip finds it (from 0: told nothing): a reader
 * that scanned a large member already (verify's replay of the row images
 * of a bulk import) saves this one scanning it again. */
int eventfields_read_skipping(eventfields *f, const char *data, size_t from, size_t to);
/* Field i as a string, or NULL when it is absent or not a string. */
const char *eventfields_text(const eventfields *f, int i);
/* Field i as an integer, 0 when it is absent or not an integer. */
int64_t eventfields_int(const eventfields *f, int i);

#endif
