/*
 * db_sqlite.c — the SQLite backend of db.h.
 *
 * WAL with synchronous=FULL: an acknowledged registration survives power
 * loss (a correctness rule, not tuning). A generous busy timeout lets many
 * writer processes queue for the write lock instead of failing.
 */
#include "store/db.h"

#include "store/fts_snippet.h"
#include "store/fts_swedish.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef KANSLI_FAULT_POINTS
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#endif

/* Prepared statements, found by the address of their SQL constant in an
 * open-addressed table: every page and command of kansli together use a few
 * hundred, and a server thread keeps them all. Slots never move, so a
 * db_stmt pointer stays valid for the connection's life. */
#define STMT_SLOTS 2048
#define STMT_MAX (STMT_SLOTS * 3 / 4)

struct db_stmt {
	const char *sql; /* key: address of the caller's constant */
	sqlite3_stmt *st;
	db *owner;
};

struct db {
	sqlite3 *h;
	int ncache;
	db_stmt cache[STMT_SLOTS];
	int in_txn;
};

static int map_error(db *d, int rc, kerr *e)
{
	const char *msg = sqlite3_errmsg(d->h);
	int ext = sqlite3_extended_errcode(d->h);
	if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
		return kerr_set(e, KERR_CONFLICT, "already exists (%s)", msg);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return kerr_set(e, KERR_INVALID, "constraint failed (%s)", msg);
	if ((rc & 0xff) == SQLITE_BUSY)
		return kerr_set(e, KERR_IO, "database is busy: %s", msg);
	return kerr_set(e, KERR_IO, "database error: %s", msg);
}

int db_open(db **out, const char *path, kerr *e)
{
	db *d = calloc(1, sizeof *d);
	if (!d)
		return kerr_set(e, KERR_IO, "out of memory");
	int rc = sqlite3_open_v2(path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
	                         | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		kerr_set(e, KERR_IO, "cannot open database %s: %s", path, sqlite3_errstr(rc));
		sqlite3_close(d->h);
		free(d);
		return KERR_IO;
	}
	sqlite3_busy_timeout(d->h, 120000);
	if (fts_swedish_register(d->h) != SQLITE_OK || fts_snippet_register(d->h) != SQLITE_OK) {
		kerr_set(e, KERR_INTERNAL, "cannot register the Swedish search tokenizer or snippets");
		sqlite3_close(d->h);
		free(d);
		return KERR_INTERNAL;
	}
	sqlite3_extended_result_codes(d->h, 1);
	if (db_exec(d, "PRAGMA journal_mode=WAL;"
	               "PRAGMA synchronous=FULL;"
	               "PRAGMA foreign_keys=ON;"
	               "PRAGMA cache_size=-65536;"
	               "PRAGMA temp_store=MEMORY;", e)) {
		db_close(d);
		return KERR_IO;
	}
	*out = d;
	return 0;
}

void db_close(db *d)
{
	if (!d)
		return;
	for (int i = 0; i < STMT_SLOTS; i++)
		if (d->cache[i].st)
			sqlite3_finalize(d->cache[i].st);
	sqlite3_close(d->h);
	free(d);
}

int db_exec(db *d, const char *sql, kerr *e)
{
	char *err = NULL;
	int rc = sqlite3_exec(d->h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		kerr_set(e, KERR_IO, "database error: %s", err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
		return KERR_IO;
	}
	return 0;
}

db_stmt *db_prep(db *d, const char *sql, kerr *e)
{
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	h *= 0x9E3779B97F4A7C15u;
	size_t i = (size_t)(h >> 11) % STMT_SLOTS;
	while (d->cache[i].sql && d->cache[i].sql != sql)
		i = (i + 1) % STMT_SLOTS;
	db_stmt *s = &d->cache[i];
	if (s->sql) {
		sqlite3_reset(s->st);
		sqlite3_clear_bindings(s->st);
		return s;
	}
	if (d->ncache == STMT_MAX) {
		kerr_set(e, KERR_INTERNAL, "statement cache full");
		return NULL;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		kerr_set(e, KERR_INTERNAL, "bad SQL (%s): %.200s", sqlite3_errmsg(d->h), sql);
		return NULL;
	}
	d->ncache++;
	s->sql = sql;
	s->st = st;
	s->owner = d;
	return s;
}

void db_bind_int(db_stmt *s, int i, int64_t v) { sqlite3_bind_int64(s->st, i, v); }
void db_bind_null(db_stmt *s, int i) { sqlite3_bind_null(s->st, i); }

void db_bind_text(db_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, i);
}

void db_bind_blob(db_stmt *s, int i, const void *v, size_t len)
{
	sqlite3_bind_blob64(s->st, i, v, len, SQLITE_TRANSIENT);
}

#ifdef KANSLI_FAULT_POINTS
/* Deterministic read errors, for tests only: compiled in by the sanitized
 * build and by scripts/mutate's release build (-DKANSLI_FAULT_POINTS),
 * never by `make kansli`, so an installed kansli reads no such variable.
 *
 *   KANSLI_FAULT_STEP=N    the Nth db_step of the process (counted from 1,
 *                          over every connection and thread) fails as a
 *                          read error would: an error, the statement reset
 *   KANSLI_FAULT_TRACE=F   every step is written to F as a line "N ID SQL":
 *                          its number, its statement's identity and the
 *                          start of its SQL, so a test can choose the steps
 *                          to fail (the first of each statement, say)
 *
 * libfiu (fiu-run, used by t0048) fails reads at random or always; it has
 * no "fail the Nth call", which is what lets a test reach each error
 * branch of a command in turn (tests/cli/t0060-step-faults.sh). */
static atomic_long fault_steps;
static long fault_at; /* 0: never */
static FILE *fault_trace;
static pthread_once_t fault_once = PTHREAD_ONCE_INIT;

static void fault_read_env(void)
{
	const char *at = getenv("KANSLI_FAULT_STEP");
	fault_at = at ? strtol(at, NULL, 10) : 0;
	if (fault_at < 0)
		fault_at = 0;
	const char *trace = getenv("KANSLI_FAULT_TRACE");
	if (trace && *trace)
		fault_trace = fopen(trace, "w"); /* flushed by exit() */
}

/* Counts this step; 1 when it is the one to fail. */
static int fault_due(const db_stmt *s)
{
	pthread_once(&fault_once, fault_read_env);
	long n = atomic_fetch_add(&fault_steps, 1) + 1;
	if (fault_trace) {
		char head[81];
		size_t i = 0;
		for (const char *p = s->sql; *p && i < sizeof head - 1; p++)
			head[i++] = *p == '\n' || *p == '\t' ? ' ' : *p;
		head[i] = '\0';
		fprintf(fault_trace, "%ld %p %s\n", n, (const void *)s->sql, head);
	}
	return n == fault_at;
}
#endif

int db_step(db_stmt *s, kerr *e)
{
#ifdef KANSLI_FAULT_POINTS
	if (fault_due(s)) {
		sqlite3_reset(s->st);
		return kerr_set(e, KERR_IO, "database error: disk I/O error (injected by KANSLI_FAULT_STEP)");
	}
#endif
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	int r = map_error(s->owner, rc, e);
	sqlite3_reset(s->st);
	return r;
}

int db_error_is_storage(db *d)
{
	switch (sqlite3_errcode(d->h) & 0xff) {
	case SQLITE_IOERR: case SQLITE_CORRUPT: case SQLITE_FULL: case SQLITE_CANTOPEN:
	case SQLITE_NOTADB: case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_NOMEM:
	case SQLITE_PROTOCOL:
		return 1;
	default:
		return 0;
	}
}

int db_run(db_stmt *s, kerr *e)
{
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		;
	sqlite3_reset(s->st);
	return rc;
}

int64_t db_col_int(db_stmt *s, int i) { return sqlite3_column_int64(s->st, i); }
const void *db_col_blob(db_stmt *s, int i) { return sqlite3_column_blob(s->st, i); }
int db_col_bytes(db_stmt *s, int i) { return sqlite3_column_bytes(s->st, i); }
int db_col_null(db_stmt *s, int i) { return sqlite3_column_type(s->st, i) == SQLITE_NULL; }

const char *db_col_text(db_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s->st, i);
	return t ? (const char *)t : "";
}

void db_done(db_stmt *s)
{
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

int db_begin(db *d, kerr *e)
{
	int rc = sqlite3_exec(d->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return map_error(d, rc, e);
	d->in_txn = 1;
	return 0;
}

int db_commit(db *d, kerr *e)
{
	int rc = sqlite3_exec(d->h, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		int r = map_error(d, rc, e);
		db_rollback(d);
		return r;
	}
	d->in_txn = 0;
	return 0;
}

void db_rollback(db *d)
{
	for (int i = 0; i < STMT_SLOTS; i++)
		if (d->cache[i].st)
			sqlite3_reset(d->cache[i].st);
	sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	d->in_txn = 0;
}

int db_in_transaction(db *d)
{
	return d->in_txn;
}
