/*
 * rowdigest.h — covered columns the audit log holds as a digest of their
 * value, never the value: app_user.password_hash.
 *
 * The log keeps every event for ever and `kansli log events` shows them;
 * a password's argon2id hash copied there would be one more place to
 * steal it from and guess the password offline. The row image (covered.h)
 * holds "sha256:<hex>" of the hash instead (SQLite writes it with
 * kansli_digest, store/sql_digest.h; replay with rowdigest_value), so
 * verify still finds a hash changed behind kansli's back: its digest no
 * longer matches the log's.
 *
 * Logs written before (schema versions up to 34) hold the hash itself in
 * app_user's images. They cannot be rewritten (the log is hash-chained
 * and signed), so whoever reads them reads them as this version writes
 * them: replay digests such a value before it compares (rowdigest_image),
 * and the event list shows the digest (rowdigest_event_data). A value the
 * log holds is a digest when it starts with "sha256:" (an argon2id hash
 * starts with "$argon2").
 */
#ifndef KANSLI_ROWDIGEST_H
#define KANSLI_ROWDIGEST_H

#include <jansson.h>

#include "core/rowimage.h"
#include "store/sql_digest.h"
#include "util/buf.h"

/* 1 when table.col is held in the log as its digest, else 0. */
int rowdigest_column(const char *table, const char *col);
/* 1 when some column of table is, else 0. */
int rowdigest_table(const char *table);
/* Replaces the value *v (as rowimage takes it: a database row's, not
 * null) by its digest, written to out, as kansli_digest(CASE WHEN
 * typeof(x) = 'blob' THEN 'x:' || hex(x) ELSE x END) would; a null stays
 * null. */
void rowdigest_value(rowimage_value *v, char out[SQL_DIGEST_SIZE]);
/* A row image of table as the log holds it: when one of its digested
 * columns holds a value itself (a log written before), writes into out
 * (reset first) the image with that value's digest in its place, byte for
 * byte as kansli_digest's image would be, and returns 1; returns 0 (out
 * empty) when there is nothing to replace or the image is not an object. */
int rowdigest_image(const char *table, const char *img, buf *out);
/* The same for every image of event data (its "state" and "baseline"),
 * changed in place: for showing an event written before. */
void rowdigest_event_data(json_t *data);

#endif
