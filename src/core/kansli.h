/*
 * kansli.h — an open installation: the data directory, its database, blob
 * store and log signing key, and who is acting. Every core/ function takes
 * one of these.
 *
 * Writes happen between kansli_begin and kansli_commit: one operation, one
 * transaction. Audit events appended inside it are committed with it, and
 * the commit signs the new tree head, so the log and the registry can never
 * disagree about what happened.
 *
 * The rules every core/ function keeps, stated once here:
 *  - Errors: a function returns 0 or a negative KERR_* code with the
 *    message in e; one that returns a pointer returns NULL on error, with
 *    e set. A read that fails is an error, never "not found" and never a
 *    shorter list: a one-row lookup tells rc < 0 from DB_DONE (see
 *    kansli_row), a right that masks or hides reads access_may, and
 *    tests/lint-db-step checks every db_step( of the tree.
 *  - JSON: a json_t * returned by a core function is a new reference the
 *    caller owns and releases with json_decref (also when it only reads it
 *    and passes it on with json_object_set_new or web_json, which take it
 *    over). A json_t * parameter is borrowed: the callee takes its own
 *    reference (json_incref, json_object_set, "O" in json_pack) if it keeps
 *    it, unless the parameter is named *_owned.
 *  - Other parameters (strings, bufs, structs) are borrowed for the call;
 *    memory a function returns is the caller's, as its comment says. Bufs
 *    follow util/buf.h: an empty buf's string is "", never NULL.
 */
#ifndef KANSLI_KANSLI_H
#define KANSLI_KANSLI_H

#include <stdint.h>

#include "store/blob.h"
#include "store/db.h"
#include "util/err.h"
#include "util/merkle.h"

typedef struct kansli {
	char datadir[4096];
	db *db;
	blob_store blobs;
	unsigned char sk[64], pk[32];
	int can_sign;       /* sk was read; else key_path names the key that could not be */
	char key_path[4200];
	char origin[128];   /* checkpoint origin line, e.g. "kansli.example/3f2a9c1d" */
	char keyname[128];  /* signed-note key name (= origin) */
	/* who is acting: a user of the installation, or the local system */
	int64_t user_id;    /* 0 = the installation's own shell user (full rights),
	                     * -1 = the anonymous public (web, not logged in) */
	char actor[160];
	/* audit log state inside the open transaction */
	int log_loaded;
	int log_dirty;
	merkle_frontier frontier;
	merkle_frontier frontier_prev; /* before the last event: rowlog amends that event */
	int state_baseline;            /* the commit records whole tables (rowlog.h) */
	int rowlog_ready;              /* this connection's change capture is made */
	struct covered *covered;       /* what the log covers (covered.h), built on open */
	int verify_only;               /* opened by kansli_open_verify: never writes */
	long long schema_checked;      /* schema cookie last found equal to the migrations' (schemacheck.h) */
	int64_t party_refused;         /* a party refused as seen only masked, for party_log_refused (party.h) */
	/* A transaction held around a whole API call (kansli_hold_begin):
	 * 1 held, the operations' own begins and commits nest inside it;
	 * -1 an operation rolled it back (nothing of the call is kept);
	 * 0 none. depth counts the nested begins not yet committed. */
	int hold, hold_depth;
	/* Work that must follow the real commit (kansli_after_commit): run by
	 * the outermost kansli_commit, or kansli_hold_end's, once the
	 * transaction is durable; dropped by a rollback. */
	struct kansli_after *after;
} kansli;

/* An action kansli_after_commit runs after the commit; arg is freed with
 * free_arg (may be NULL) whether it ran or was dropped. */
typedef void (*kansli_after_fn)(struct kansli *k, void *arg);

/* Creates a new installation in dir (must not hold one). 0 or KERR_*. */
int kansli_create(const char *dir, const char *origin, kerr *e);
/* The same with the signing key written to key_file (an absolute path
 * outside dir, mode 0600), which keys/log.keyfile then names; NULL keeps
 * it in dir/keys/log.key. */
int kansli_create_keyed(const char *dir, const char *origin, const char *key_file, kerr *e);
/* Opens an installation; the actor is the system until kansli_act_as.
 * Migrates the database and records a baseline when the covered columns
 * changed. Writes (kansli_begin) are refused while the schema differs
 * from the one the migrations make; reads continue. */
int kansli_open(kansli **out, const char *dir, kerr *e);
/* Opens an installation for `kansli verify`: nothing is written, not a
 * migration, not a baseline (verify reports a missing one), and the
 * public key (keys/log.pub) is enough. */
int kansli_open_verify(kansli **out, const char *dir, kerr *e);
void kansli_close(kansli *k);
/* Acts as a named user from now on (their roles decide access). */
int kansli_act_as(kansli *k, const char *username, kerr *e);

int kansli_begin(kansli *k, kerr *e);
/* Signs the new tree head if events were appended, then commits. */
int kansli_commit(kansli *k, kerr *e);
void kansli_rollback(kansli *k);
/* Runs fn(k, arg) after the open transaction really commits: at once
 * after kansli_commit when no hold is open, or after kansli_hold_end's
 * commit when the call is held (an API call with an Idempotency-Key), so
 * that work which needs the data committed (a checkpoint that empties the
 * write-ahead log, removing files no row names) never runs inside a
 * transaction that could still roll back. A rollback drops the actions.
 * Actions run in order, outside any transaction; they may open their own.
 * Their failures are theirs to report (they run after the answer is
 * decided). */
void kansli_after_commit(kansli *k, kansli_after_fn fn, void *arg, void (*free_arg)(void *));
/* Ends the open transaction: commits when rc is 0, else rolls back and
 * returns rc (e already says why). For operations whose steps all lead
 * to one end. */
int kansli_end(kansli *k, int rc, kerr *e);

/* A 32-byte secret for purpose (e.g. "api page cursor"), derived from the
 * installation's signing key (BLAKE2b keyed by it), so that every server
 * of the installation derives the same and a restart keeps it; from the
 * public key, which is no secret, when the signing key could not be read.
 * For MACs the program checks itself, never for signatures. */
void kansli_derive_secret(const kansli *k, const char *purpose, unsigned char out[32]);

/* Holds one transaction around a whole call (the API's Idempotency-Key,
 * core/idempotency.h): kansli_begin and kansli_commit inside it nest, so
 * that what the call does and what it answered commit together; a
 * rollback inside it rolls everything back and ends the hold. 0 or KERR_*. */
int kansli_hold_begin(kansli *k, kerr *e);
/* Ends the hold: commits when commit is 1 and nothing rolled it back, else
 * rolls back. 0 when committed, KERR_* otherwise (KERR_CONFLICT when an
 * operation inside had already rolled it back). */
int kansli_hold_end(kansli *k, int commit, kerr *e);

/* Steps s to the one row a lookup must find. Returns 0 with s on that row;
 * when there is no row, releases s and returns code (KERR_NOTFOUND,
 * mostly) with the printf-style message in e. A failing step is not a
 * missing row: s is released and the step's own error (KERR_IO, ...) is
 * returned with its message in e. */
int kansli_row(db_stmt *s, kerr *e, int code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
