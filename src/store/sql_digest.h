/* sql_digest.h — the SQL function kansli_digest: a value the log holds
 * as its digest, never itself (core/rowdigest.h); see sql_digest.c. */
#ifndef KANSLI_SQL_DIGEST_H
#define KANSLI_SQL_DIGEST_H

#include <stddef.h>
#include <sqlite3.h>

/* "sha256:" and 64 hex digits, and the NUL. */
#define SQL_DIGEST_PREFIX "sha256:"
#define SQL_DIGEST_SIZE (sizeof SQL_DIGEST_PREFIX - 1 + 64 + 1)

/* Writes "sha256:<hex SHA-256 of the len bytes at value>" to out. */
void sql_digest_text(const void *value, size_t len, char out[SQL_DIGEST_SIZE]);
/* Registers kansli_digest(x) on h: NULL for NULL, else sql_digest_text
 * of x's text (a number as SQLite writes it as text). SQLITE_OK or an
 * error code. */
int sql_digest_register(sqlite3 *h);

#endif
