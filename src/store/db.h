/*
 * db.h — the narrow storage interface core/ talks to.
 *
 * Prepare, bind, step, read columns, transactions: nothing engine-specific
 * leaks through, so a PostgreSQL backend (db_pg.c) can sit behind the same
 * functions without touching core/. SQL handed to db_prep is written in the
 * common dialect: `?N` parameters, integer UTC-microsecond timestamps,
 * RETURNING and ON CONFLICT, no engine-specific types outside schema files.
 *
 * Statements are cached per connection by the address of their SQL text, so
 * callers pass string constants and prepare once per process.
 */
#ifndef KANSLI_DB_H
#define KANSLI_DB_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };
/* The type of a column's value in a row (db_col_type). */
enum { DB_NULL = 1, DB_INTEGER, DB_REAL, DB_TEXT, DB_BLOB };

/* Opens (creating if needed) the database at path. Returns 0 or a KERR_*. */
int db_open(db **out, const char *path, kerr *e);
void db_close(db *d);

/* Runs one or more statements without parameters (schema scripts). */
int db_exec(db *d, const char *sql, kerr *e);

/* Returns a ready, reset statement for sql (a string constant), or NULL with e set. */
db_stmt *db_prep(db *d, const char *sql, kerr *e);
void db_bind_int(db_stmt *s, int i, int64_t v);
void db_bind_text(db_stmt *s, int i, const char *v); /* NULL binds SQL NULL */
void db_bind_blob(db_stmt *s, int i, const void *v, size_t len);
void db_bind_null(db_stmt *s, int i);

/* Steps: DB_ROW, DB_DONE, or a negative KERR_* (KERR_CONFLICT for a
 * uniqueness violation) with e set. */
int db_step(db_stmt *s, kerr *e);
/* Steps a statement expected to finish without rows; returns 0 or KERR_*. */
int db_run(db_stmt *s, kerr *e);
/* 1 when the connection's last error came from the storage (an I/O error,
 * a damaged or full database, a lock), not from the statement itself (bad
 * SQL, a full-text query the index cannot parse). For callers that must
 * not blame input for a failing disk. */
int db_error_is_storage(db *d);

int64_t db_col_int(db_stmt *s, int i);
const char *db_col_text(db_stmt *s, int i); /* "" for NULL; valid until next step */
const void *db_col_blob(db_stmt *s, int i);
int db_col_bytes(db_stmt *s, int i);
int db_col_null(db_stmt *s, int i);
/* DB_NULL, DB_INTEGER, DB_REAL, DB_TEXT or DB_BLOB: the value's own type,
 * as it is stored (ask before reading it as another type). */
int db_col_type(db_stmt *s, int i);
/* Releases a cached statement's locks and bindings early (optional). */
void db_done(db_stmt *s);

/* Write transaction: takes the write lock at once, so numbering inside it
 * is serialised across processes. Returns 0 or KERR_*. */
int db_begin(db *d, kerr *e);
int db_commit(db *d, kerr *e);
void db_rollback(db *d);
int db_in_transaction(db *d);

/* Runs a statement built at run time (not cached: db_prep caches by the
 * address of a constant) that answers one row of n pairs of a count and a
 * sum: 0, or KERR_* with e set. */
int db_count_sums(db *d, const char *sql, int n, int64_t *counts, double *sums, kerr *e);

/* A read of the whole database ahead (on) or over (off): a page cache
 * large enough to find the pages a lookup by key needs still there, and a
 * file larger than that cache read through a memory map, without a system
 * call and a copy per page. Returns 0 or KERR_*. */
int db_whole_read(db *d, int on, kerr *e);
/* Commits of this connection wait for the disk (on, db_open's
 * synchronous=FULL) or not (off: WAL synchronous=NORMAL, the commit is on
 * disk at the next one that waits, of any connection, or at a
 * checkpoint). For writes whose loss in a power failure only makes work
 * be done again (the webhook queue's leases and attempt records: a lost
 * one sends a webhook again, which at-least-once allows); never for a
 * write of the registry or the log. Returns 0 or KERR_*. */
int db_durable(db *d, int on, kerr *e);
/* Deleted and overwritten content zeroed in the file (SQLite's
 * secure_delete) on this connection from now on (on), or not (off). For
 * removals that must destroy (disposal, the webhook secrets sealed in
 * place): a copy of the file taken afterwards must not hold them in its
 * free pages. Returns 0 or KERR_*. */
int db_secure_delete(db *d, int on, kerr *e);
/* Outside any transaction: copies the write-ahead log into the database
 * file and truncates it to nothing, so that the old pages it held (a
 * disposed record's, in frames a checkpoint copies but does not erase)
 * are no longer in it. 0 when done, 1 when another connection's read or
 * write kept it from finishing (the log is then emptied by a later
 * checkpoint), or KERR_*. */
int db_checkpoint_truncate(db *d, kerr *e);

/* Fault injection for tests; no-ops outside the test build (KANSLI_FAULTS,
 * see db_sqlite.c). The server's indexer thread is exempt; each request
 * restarts the count. */
void db_fault_exempt_thread(void);
void db_fault_rearm(void);

/* Brings the schema up to the newest migration. Returns 0 or KERR_*. */
int db_migrate(db *d, kerr *e);
/* The database's schema version (0 for a new database), or a negative
 * KERR_* with e set when it cannot be read: never 0 for a failed read,
 * which would have db_migrate run every migration again. */
int db_schema_version(db *d, kerr *e);

#endif
