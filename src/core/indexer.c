/* indexer.c — the extraction pool and its fair queue; see indexer.h. */
#include "core/indexer.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/scratch.h"
#include "util/timeutil.h"

/* Files waiting for their text, at most `per` per (organisation, user),
 * oldest first: the scheduler needs each group's head, and a few more
 * behind it when the head is already being extracted by another worker. */
static const char SQL_CANDIDATES[] =
	"SELECT org_id, actor, record_id, hash, media_type FROM ("
	"  SELECT org_id, actor, record_id, hash, media_type,"
	"    row_number() OVER (PARTITION BY org_id, actor ORDER BY record_id) AS n FROM ("
	"    SELECT c.org_id AS org_id, coalesce((SELECT ev.actor FROM event ev WHERE ev.object_type = 'record'"
	"        AND ev.object_id = q.record_id ORDER BY ev.id DESC LIMIT 1), '') AS actor,"
	"      q.record_id AS record_id, rf.hash AS hash, rf.media_type AS media_type"
	"    FROM index_queue q JOIN record_file rf ON rf.record_id = q.record_id"
	"    JOIN record r ON r.id = q.record_id JOIN case_file c ON c.id = r.case_id"
	"    WHERE rf.superseded_by IS NULL AND NOT EXISTS (SELECT 1 FROM file_text ft WHERE ft.hash = rf.hash)))"
	"WHERE n <= ?1 ORDER BY record_id";
static const char SQL_STORE[] =
	"INSERT INTO file_text(hash, ok, text, extracted_us, status) VALUES(?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT(hash) DO NOTHING";
static const char SQL_REPLACE[] =
	"INSERT INTO file_text(hash, ok, text, extracted_us, status) VALUES(?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT(hash) DO UPDATE SET ok = excluded.ok, text = excluded.text, "
	"extracted_us = excluded.extracted_us, status = excluded.status";
static const char SQL_STATUS[] = "SELECT status FROM file_text WHERE hash = ?1";

typedef struct job {
	int64_t org_id;
	char actor[160];
	char hash[65];
	char media_type[128];
} job;

/* The scheduler's memory: which files are being extracted, and when each
 * organisation and each user was last served (a counter, not a clock). */
#define SEEN 512
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char claimed[INDEXER_MAX_WORKERS][65];
static struct served {
	int64_t org_id;
	char actor[160]; /* "" for the organisation's own entry */
	uint64_t tick;
} served[SEEN];
static uint64_t ticks;

static struct served *served_entry(int64_t org_id, const char *actor, int create)
{
	struct served *oldest = &served[0];
	for (int i = 0; i < SEEN; i++) {
		if (served[i].tick && served[i].org_id == org_id && !strcmp(served[i].actor, actor))
			return &served[i];
		if (served[i].tick < oldest->tick)
			oldest = &served[i];
	}
	if (!create)
		return NULL;
	oldest->org_id = org_id;
	snprintf(oldest->actor, sizeof oldest->actor, "%s", actor);
	oldest->tick = 0;
	return oldest;
}

static uint64_t last_served(int64_t org_id, const char *actor)
{
	struct served *s = served_entry(org_id, actor, 0);
	return s ? s->tick : 0;
}

static int is_claimed(const char *hash)
{
	for (int i = 0; i < INDEXER_MAX_WORKERS; i++)
		if (!strcmp(claimed[i], hash))
			return 1;
	return 0;
}

static void claim(const char *hash, int on)
{
	for (int i = 0; i < INDEXER_MAX_WORKERS; i++)
		if (on ? !claimed[i][0] : !strcmp(claimed[i], hash)) {
			snprintf(claimed[i], sizeof claimed[i], "%s", on ? hash : "");
			return;
		}
}

/* The next file by round-robin, claimed; 1, 0 when none waits, or an error.
 * Called with the lock held. */
static int pick(kansli *k, job *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CANDIDATES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, INDEXER_MAX_WORKERS + 1);
	int found = 0, rc;
	uint64_t best_org = 0, best_user = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *hash = db_col_text(s, 3);
		if (is_claimed(hash))
			continue;
		int64_t org = db_col_int(s, 0);
		const char *actor = db_col_text(s, 1);
		uint64_t o = last_served(org, ""), u = last_served(org, actor);
		/* Rows come oldest first: only a less recently served
		 * organisation, or user within it, wins over an earlier row. */
		if (found && (o > best_org || (o == best_org && u >= best_user)))
			continue;
		found = 1;
		best_org = o;
		best_user = u;
		out->org_id = org;
		snprintf(out->actor, sizeof out->actor, "%s", actor);
		snprintf(out->hash, sizeof out->hash, "%s", hash);
		snprintf(out->media_type, sizeof out->media_type, "%s", db_col_text(s, 4));
	}
	db_done(s);
	if (rc < 0)
		return rc;
	if (!found)
		return 0;
	claim(out->hash, 1);
	served_entry(out->org_id, "", 1)->tick = ++ticks;
	served_entry(out->org_id, out->actor, 1)->tick = ++ticks;
	return 1;
}

/* Extracts one file (no transaction open: it takes time) and stores its
 * text and how the extraction ended, in one transaction: sql keeps a text
 * already there (SQL_STORE) or replaces it (SQL_REPLACE). */
static int extract_one(kansli *k, const job *j, const extract_limits *lim, const char *sql, kerr *e)
{
	char path[4400];
	blob_path(&k->blobs, j->hash, path, sizeof path);
	buf text = BUF_INIT;
	kerr why = KERR_INIT;
	extract_outcome how = extract_run(path, j->media_type, lim, &text, &why);
	int rc = db_begin(k->db, e);
	if (rc) {
		buf_free(&text);
		return rc;
	}
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s) {
		db_rollback(k->db);
		buf_free(&text);
		return KERR_INTERNAL;
	}
	db_bind_text(s, 1, j->hash);
	db_bind_int(s, 2, how != EXTRACT_FAILED);
	db_bind_text(s, 3, how != EXTRACT_FAILED ? (text.s ? text.s : "") : why.msg);
	db_bind_int(s, 4, time_now_us());
	db_bind_text(s, 5, how == EXTRACT_COMPLETE ? "complete" : how == EXTRACT_PARTIAL ? "partial" : "failed");
	rc = db_run(s, e);
	buf_free(&text);
	if (rc || (rc = db_commit(k->db, e))) {
		db_rollback(k->db);
		return rc;
	}
	return 0;
}

static int run_next(kansli *k, const extract_limits *lim, kerr *e)
{
	job j;
	pthread_mutex_lock(&lock);
	int rc = pick(k, &j, e);
	pthread_mutex_unlock(&lock);
	if (rc <= 0)
		return rc;
	rc = extract_one(k, &j, lim, SQL_STORE, e);
	pthread_mutex_lock(&lock);
	claim(j.hash, 0);
	pthread_mutex_unlock(&lock);
	return rc ? rc : 1;
}

static void limits_for(kansli *k, extract_limits *lim, char *tmpdir, size_t len)
{
	snprintf(tmpdir, len, "%s/tmp", k->blobs.root);
	lim->tmpdir = tmpdir;
}

/* The pool. */
static struct {
	char datadir[4096];
	extract_limits lim;
	pthread_t threads[INDEXER_MAX_WORKERS];
	int n;
	volatile int stopping;
} pool;

static void *worker(void *arg)
{
	(void)arg;
	db_fault_exempt_thread(); /* tests inject read errors into requests only */
	kansli *k;
	kerr e = KERR_INIT;
	if (kansli_open(&k, pool.datadir, &e)) {
		fprintf(stderr, "kansli: extraction worker: %s\n", e.msg);
		return NULL;
	}
	char tmpdir[4200];
	extract_limits lim = pool.lim;
	limits_for(k, &lim, tmpdir, sizeof tmpdir);
	while (!pool.stopping) {
		int rc = run_next(k, &lim, &e);
		if (rc < 0)
			fprintf(stderr, "kansli: extraction worker: %s\n", e.msg);
		if (rc <= 0)
			usleep(rc < 0 ? 1000 * 1000 : 100 * 1000);
	}
	kansli_close(k);
	return NULL;
}

int indexer_start(const char *datadir, int workers, const extract_limits *lim)
{
	if (workers < 1 || workers > INDEXER_MAX_WORKERS || pool.n)
		return -1;
	snprintf(pool.datadir, sizeof pool.datadir, "%s", datadir);
	pool.lim = *lim;
	pool.stopping = 0;
	for (int i = 0; i < workers; i++) {
		if (pthread_create(&pool.threads[i], NULL, worker, NULL) != 0) {
			indexer_stop();
			return -1;
		}
		pool.n++;
	}
	return 0;
}

void indexer_stop(void)
{
	pool.stopping = 1;
	for (int i = 0; i < pool.n; i++)
		pthread_join(pool.threads[i], NULL);
	pool.n = 0;
}

int indexer_extract_pending(kansli *k, int max, int *extracted, kerr *e)
{
	*extracted = 0;
	if (pool.n)
		return 0; /* the pool does it, beside this thread */
	char tmpdir[4200];
	extract_limits lim;
	extract_default_limits(&lim);
	limits_for(k, &lim, tmpdir, sizeof tmpdir);
	while (*extracted < max) {
		int rc = run_next(k, &lim, e);
		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		(*extracted)++;
	}
	return 0;
}

/* Every file a record uses now, once per content. */
static const char SQL_CURRENT_FILES[] =
	"SELECT hash, min(media_type) FROM record_file WHERE superseded_by IS NULL GROUP BY hash ORDER BY hash";

/* Texts of no current file: nothing searches them, and one waiting for
 * its content to be registered would be quoted as that content's. */
static const char SQL_STRAY_TEXTS_DELETE[] =
	"DELETE FROM file_text WHERE hash NOT IN (SELECT hash FROM record_file WHERE superseded_by IS NULL)";

int indexer_reextract_all(kansli *k, int *extracted, kerr *e)
{
	*extracted = 0;
	int rc = db_begin(k->db, e);
	if (rc)
		return rc;
	if ((rc = db_exec(k->db, SQL_STRAY_TEXTS_DELETE, e)) || (rc = db_commit(k->db, e))) {
		db_rollback(k->db);
		return rc;
	}
	db_stmt *s = db_prep(k->db, SQL_CURRENT_FILES, e);
	if (!s)
		return KERR_INTERNAL;
	/* read whole first: each extraction commits on the same connection */
	json_t *files = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(files, json_pack("[s,s]", db_col_text(s, 0), db_col_text(s, 1)));
	db_done(s);
	if (rc < 0) {
		json_decref(files);
		return rc;
	}
	char tmpdir[4200];
	extract_limits lim;
	extract_default_limits(&lim);
	limits_for(k, &lim, tmpdir, sizeof tmpdir);
	size_t i;
	json_t *f;
	rc = 0;
	json_array_foreach(files, i, f) {
		if (rc < 0)
			break;
		job j = { 0 };
		snprintf(j.hash, sizeof j.hash, "%s", json_string_value(json_array_get(f, 0)));
		snprintf(j.media_type, sizeof j.media_type, "%s", json_string_value(json_array_get(f, 1)));
		if ((rc = extract_one(k, &j, &lim, SQL_REPLACE, e)) == 0)
			(*extracted)++;
	}
	json_decref(files);
	return rc < 0 ? rc : 0;
}

int indexer_file_status(kansli *k, const char *hash, char *out, size_t len, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_STATUS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, hash);
	int rc = db_step(s, e);
	snprintf(out, len, "%s", rc == DB_ROW ? db_col_text(s, 0) : "");
	db_done(s);
	return rc < 0 ? rc : 0;
}
