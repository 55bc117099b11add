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
#include "store/sql_digest.h"
#include "store/sql_mask.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
	int injected; /* the last error was a fault injected by a test (below) */
};

#ifdef KANSLI_FAULTS
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
/*
 * Fault injection, compiled into the test build only (build/san, which
 * defines KANSLI_FAULTS): with KANSLI_FAIL_STEP=N in the environment, the
 * Nth db_step of the process fails as a read error does, with SQLite's own
 * message and "(injected at step N)". When it fires, the file named by
 * KANSLI_FAIL_STEP_MARK (if set) is created, so a test can walk N = 1, 2,
 * ... over every step of a command until it no longer fires, and check
 * that each failure ends the command with that error and nothing else
 * (tests/cli/t0067-step-errors.sh). libfiu's random read errors (t0048)
 * cannot reach the sanitized binary and do not repeat; this does both.
 *
 * The server counts per request instead: each request starts the count
 * anew (db_fault_rearm) from the number in the file KANSLI_FAIL_STEP_FILE
 * names, and the indexer thread's steps are never counted nor failed
 * (db_fault_exempt_thread), so with one request thread the Nth step of a
 * request is the same step every time (tests/cli/t0069-api-step-errors.sh).
 *
 * KANSLI_FAIL_STEP_TRACE=F writes every counted step to F as a line
 * "N ID SQL" (its number, its statement's identity and the start of its
 * SQL), so a test can choose the steps to fail: the first of each
 * statement, say (tests/cli/t0060-step-faults.sh). scripts/mutate builds
 * its release binary with KANSLI_FAULTS too; `make kansli` never does, so
 * an installed kansli reads none of these variables.
 */
static long fail_at = -1, steps;
static __thread int exempt;

void db_fault_exempt_thread(void)
{
	exempt = 1;
}

void db_fault_rearm(void)
{
	const char *path = getenv("KANSLI_FAIL_STEP_FILE");
	if (!path)
		return;
	long n = 0;
	FILE *f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%ld", &n) != 1 || n < 0)
			n = 0;
		fclose(f);
	}
	__atomic_store_n(&steps, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&fail_at, n, __ATOMIC_SEQ_CST);
}

static FILE *fault_trace;
static pthread_once_t fault_trace_once = PTHREAD_ONCE_INIT;

static void fault_trace_open(void)
{
	const char *path = getenv("KANSLI_FAIL_STEP_TRACE");
	if (path && *path)
		fault_trace = fopen(path, "w"); /* flushed by exit() */
}

static void fault_trace_step(const db_stmt *s, long n)
{
	pthread_once(&fault_trace_once, fault_trace_open);
	if (!fault_trace)
		return;
	char head[81];
	size_t i = 0;
	for (const char *p = s->sql; *p && i < sizeof head - 1; p++)
		head[i++] = *p == '\n' || *p == '\t' ? ' ' : *p;
	head[i] = '\0';
	fprintf(fault_trace, "%ld %p %s\n", n, (const void *)s->sql, head);
}

static int fault_due(const db_stmt *s, long *at)
{
	if (exempt)
		return 0;
	if (__atomic_load_n(&fail_at, __ATOMIC_SEQ_CST) < 0) {
		const char *v = getenv("KANSLI_FAIL_STEP");
		long want = v && atol(v) > 0 ? atol(v) : 0, unset = -1;
		__atomic_compare_exchange_n(&fail_at, &unset, want, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	long due = __atomic_load_n(&fail_at, __ATOMIC_SEQ_CST);
	long n = __atomic_add_fetch(&steps, 1, __ATOMIC_SEQ_CST);
	fault_trace_step(s, n);
	if (!due || n != due)
		return 0;
	const char *mark = getenv("KANSLI_FAIL_STEP_MARK");
	int fd = mark ? open(mark, O_WRONLY | O_CREAT | O_TRUNC, 0600) : -1;
	if (fd >= 0)
		close(fd);
	*at = due;
	return 1;
}
#else
void db_fault_exempt_thread(void) {}
void db_fault_rearm(void) {}
#endif

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

/* How long a write waits for another's lock before it fails. */
#define BUSY_WAIT_MS 120000

/* SQLite counts the memory it holds (for sqlite3_memory_used and a soft
 * heap limit, neither of which kansli uses) under one process-wide mutex,
 * taken on every allocation: verify's millions of rows made it 3% of its
 * time. It can only be turned off before SQLite initialises, which the
 * first open does; if something initialised it earlier, the call fails and
 * changes nothing. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_open(db **out, const char *path, kerr *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
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
	sqlite3_busy_timeout(d->h, BUSY_WAIT_MS);
	if (fts_swedish_register(d->h) != SQLITE_OK || fts_snippet_register(d->h) != SQLITE_OK
	    || sql_mask_register(d->h) != SQLITE_OK || sql_digest_register(d->h) != SQLITE_OK) {
		kerr_set(e, KERR_INTERNAL, "cannot register the Swedish search tokenizer, snippets or SQL functions");
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

int db_step(db_stmt *s, kerr *e)
{
	s->owner->injected = 0;
#ifdef KANSLI_FAULTS
	long at;
	if (fault_due(s, &at)) {
		sqlite3_reset(s->st);
		s->owner->injected = 1;
		return kerr_set(e, KERR_IO, "database error: %s (injected at step %ld)", sqlite3_errstr(SQLITE_IOERR_READ),
		                at);
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
	if (d->injected)
		return 1;
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

int db_col_type(db_stmt *s, int i)
{
	switch (sqlite3_column_type(s->st, i)) {
	case SQLITE_INTEGER: return DB_INTEGER;
	case SQLITE_FLOAT: return DB_REAL;
	case SQLITE_TEXT: return DB_TEXT;
	case SQLITE_BLOB: return DB_BLOB;
	default: return DB_NULL;
	}
}

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

int db_count_sums(db *d, const char *sql, int n, int64_t *counts, double *sums, kerr *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK)
		return kerr_set(e, KERR_INTERNAL, "bad SQL (%s): %.200s", sqlite3_errmsg(d->h), sql);
	if (sqlite3_column_count(st) != 2 * n) {
		sqlite3_finalize(st);
		return kerr_set(e, KERR_INTERNAL, "not %d counts and sums: %.200s", n, sql);
	}
	int rc = sqlite3_step(st);
	for (int i = 0; rc == SQLITE_ROW && i < n; i++) {
		counts[i] = sqlite3_column_int64(st, 2 * i);
		sums[i] = sqlite3_column_double(st, 2 * i + 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return kerr_set(e, KERR_IO, "cannot read the database: %s", sqlite3_errmsg(d->h));
	return 0;
}

/* 256 MB of cache; SQLite maps at most 2 GB as Debian builds it, and the
 * rest is read as before. A small database is not mapped: it fits in the
 * cache, and its reads stay where the tests' read-error injection
 * (libfiu's pread, t0048) reaches them. */
#define WHOLE_READ_CACHE_KB 262144
#define WHOLE_READ_MAP "17179869184"

int db_whole_read(db *d, int on, kerr *e)
{
	if (!on)
		return db_exec(d, "PRAGMA cache_size=-65536; PRAGMA mmap_size=0", e); /* db_open's */
	sqlite3_stmt *st;
	int64_t bytes = 0;
	if (sqlite3_prepare_v2(d->h, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
	                       -1, &st, NULL) != SQLITE_OK)
		return kerr_set(e, KERR_INTERNAL, "cannot read the size of the database: %s", sqlite3_errmsg(d->h));
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		bytes = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return kerr_set(e, KERR_IO, "cannot read the size of the database: %s", sqlite3_errmsg(d->h));
	if (bytes > (int64_t)WHOLE_READ_CACHE_KB * 1024)
		return db_exec(d, "PRAGMA cache_size=-262144; PRAGMA mmap_size=" WHOLE_READ_MAP, e);
	return db_exec(d, "PRAGMA cache_size=-262144", e);
}

int db_durable(db *d, int on, kerr *e)
{
	return db_exec(d, on ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", e);
}

int db_secure_delete(db *d, int on, kerr *e)
{
	return db_exec(d, on ? "PRAGMA secure_delete=ON" : "PRAGMA secure_delete=OFF", e);
}

int db_checkpoint_truncate(db *d, kerr *e)
{
	/* it waits for readers to move past the log's end: a few seconds, not
	 * the two minutes a write waits for the lock (db_open) */
	sqlite3_busy_timeout(d->h, 5000);
	int rc = sqlite3_wal_checkpoint_v2(d->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(d->h, BUSY_WAIT_MS);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return 1;
	return rc == SQLITE_OK ? 0 : map_error(d, rc, e);
}
