/*
 * jsonscan.h — reading JSON text in place: skipping values, reading
 * strings and walking objects and arrays, without building a tree of
 * values. For large text that is read once for a few parts, as verify
 * reads the events' data (a bulk import's last event holds every row it
 * wrote): a value skipped costs a scan of its bytes, nothing allocated.
 *
 * The text must be NUL-terminated. Malformed text never makes these read
 * past the NUL: they return NULL (or -1) instead. They do not validate
 * everything a JSON parser would (verify checks every event's data as
 * SQLite's json_valid does, apart: util/jsonvalid.h).
 */
#ifndef KANSLI_JSONSCAN_H
#define KANSLI_JSONSCAN_H

#include "util/buf.h"

/* The first byte at or after p that is not JSON white space. */
const char *jsonscan_ws(const char *p);
/* The byte after the value that starts at p (after white space), or NULL. */
const char *jsonscan_skip(const char *p);
/* p at a string's opening quote (after white space): appends its value,
 * unescaped, to out and returns the byte after its closing quote, or NULL.
 * \u0000 is appended as a NUL byte, as a C string ends there. */
const char *jsonscan_string(const char *p, buf *out);

/* Walking an object or an array: *p starts at its '{' or '[' (after white
 * space); each call moves *p to the next member's or element's value and
 * returns 1 (an object's member's key replaces the contents of key, which
 * may be NULL for an array), 0 at the end (then *p is after the closing
 * bracket), or -1 on malformed text. Between calls, the caller moves *p
 * past the value (jsonscan_skip, jsonscan_string). */
int jsonscan_next(const char **p, buf *key);

#endif
