/*
 * jsonvalid.h — a fast check that a text is strict JSON.
 *
 * verify checks that each event's data is valid JSON text, as SQLite's
 * json_valid says: it is the check's definition. Asked through SQL for
 * every event, json_valid built a parse of 1.1 GB of text on the 1M-entry
 * bench, in verify's reading thread. This check is a single pass that
 * builds nothing, and it accepts only text every json_valid accepts:
 * RFC 8259 JSON as the grammar writes it (white space of four kinds,
 * no trailing commas, numbers without leading zeros or a bare point),
 * strings without control characters and in well-formed UTF-8, and at
 * most JSONVALID_MAX_DEPTH nested objects and arrays (SQLite's limits
 * are 1000 and 2000). What it does not accept is not known to be
 * invalid: the caller asks json_valid then, so the answer is always
 * json_valid's. The data the log writes (jansson's compact text) always
 * passes here.
 */
#ifndef KANSLI_JSONVALID_H
#define KANSLI_JSONVALID_H

#include <stddef.h>

#define JSONVALID_MAX_DEPTH 500

/* 1 when the len bytes at s are one strict JSON value (with white space
 * around it) as described above; 0 when they are not, or not known to be
 * (a NUL byte among them counts as not). */
int jsonvalid_strict(const char *s, size_t len);

#endif
