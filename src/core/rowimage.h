/*
 * rowimage.h — a covered row's image written in C, byte for byte as
 * SQLite's json_object writes it in covered.c's SQL.
 *
 * The log holds each covered row's image as rowlog.c had SQLite write it
 * (json_object of the covered columns in name order, a blob as
 * "x:<HEX>"), and verify compares every row of the database with it by
 * digest. Having SQLite build those images put its JSON functions, a
 * typeof() and a CASE per column, on verify's reading thread: most of the
 * time it spent on the tables. Here the reading thread only copies the
 * values out and the worker writes the image; tests/unit/test_rowimage.c
 * compares the two writers on random rows. An image written differently
 * would still hide nothing: its digest would not match, and the row would
 * be compared field by field as JSON values, as every changed row is.
 */
#ifndef KANSLI_ROWIMAGE_H
#define KANSLI_ROWIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* One column's value as SQLite returned it. */
typedef struct rowimage_value {
	int type;      /* DB_NULL, DB_INTEGER, DB_REAL, DB_TEXT or DB_BLOB (store/db.h) */
	int64_t i;     /* DB_INTEGER: the value */
	const char *s; /* DB_TEXT: the text; DB_BLOB: the bytes; DB_REAL: the number as SQLite writes it as text */
	size_t len;    /* ... and its length in bytes (bytes after a NUL count) */
} rowimage_value;

/* Appends s (len bytes) as a JSON string, escaped as SQLite's JSON
 * functions escape it: '"' and '\' with a backslash, \b \t \n \f \r by
 * name, other bytes below 0x20 as \u00xx, every other byte as it is. */
void rowimage_add_string(buf *out, const char *s, size_t len);
/* Appends {"name":value,...} for the n columns names[i] = v[i], as
 * json_object writes them: null, an integer or a real as SQLite writes it
 * as text, a string, a blob as the string "x:" and its bytes in upper-case
 * hex. */
void rowimage_object(buf *out, const char *const *names, const rowimage_value *v, int n);

#endif
