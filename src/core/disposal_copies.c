/* disposal_copies.c — a disposal's copies and leftovers; see disposal_copies.h. */
#include "core/disposal_copies.h"

#include <stdio.h>
#include <string.h>

#include "core/idempotency.h"
#include "store/blob.h"
#include "core/search.h"
#include "util/timeutil.h"

/* The events about the records the run disposed of (read, never changed:
 * the log is the log's). */
#define DISPOSED_EVENTS \
	"SELECT e.id FROM event e JOIN disposal_item i ON e.object_type = 'record' AND e.object_id = i.record_id " \
	"WHERE i.run_id = ?1 AND i.outcome = 'disposed'"
static const char SQL_WITHDRAWN_ATTEMPT[] =
	"INSERT INTO webhook_attempt(delivery_id, at_us, http_status, duration_ms, error) "
	"SELECT id, ?2, 0, 0, 'withdrawn by disposal run ' || ?1 || ': the record was disposed of, not sent' "
	"FROM webhook_delivery WHERE status = 'pending' AND event_id IN (" DISPOSED_EVENTS ")";
/* lease_owner NULL: a delivery thread posting it right now (it read the
 * content before the disposal) does not store its body back (webhook_deliver.c) */
static const char SQL_WITHDRAW[] =
	"UPDATE webhook_delivery SET status = 'failed', next_us = ?2, body = NULL, lease_owner = NULL "
	"WHERE status = 'pending' AND event_id IN (" DISPOSED_EVENTS ")";
static const char SQL_EMPTY_DONE[] =
	"UPDATE webhook_delivery SET body = NULL "
	"WHERE status IN ('delivered', 'failed') AND body IS NOT NULL AND event_id IN (" DISPOSED_EVENTS ")";

int disposal_copies_purge_tx(kansli *k, int64_t run_id, kerr *e)
{
	static const char *const sql[] = { SQL_WITHDRAWN_ATTEMPT, SQL_WITHDRAW, SQL_EMPTY_DONE };
	int64_t now = time_now_us();
	for (int i = 0; i < 3; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, run_id);
		if (i < 2)
			db_bind_int(s, 2, now);
		int rc = db_run(s, e);
		if (rc)
			return rc;
	}
	return idempotency_forget_answers(k, e);
}

static const char SQL_HASH_IN_RECORDS[] = "SELECT 1 FROM record_file WHERE hash = ?1 LIMIT 1";
static const char SQL_NOTICES_OF_HASH[] =
	"SELECT id, file_name FROM notice WHERE org_id = ?1 AND file_hash = ?2 ORDER BY id";
static const char SQL_NOTICE_FILE_DISPOSED[] =
	"INSERT INTO notice_file_disposed(notice_id, note) SELECT id, ?3 FROM notice WHERE org_id = ?1 "
	"AND file_hash = ?2 ON CONFLICT(notice_id) DO UPDATE SET note = excluded.note";
static const char SQL_NOTICE_FILE_TAKEN[] =
	"UPDATE notice SET file_hash = NULL WHERE org_id = ?1 AND file_hash = ?2";

int disposal_hash_in_records(kansli *k, const char *hash, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HASH_IN_RECORDS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, hash);
	int rc = db_step(s, e);
	db_done(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

int disposal_copies_notices_tx(kansli *k, int64_t org_id, const char *hash, const char *note, json_t *notices,
                               kerr *e)
{
	int rc = disposal_hash_in_records(k, hash, e);
	if (rc)
		return rc < 0 ? rc : 0; /* still a file of a record kept: the notice publishes that */
	db_stmt *s;
	if (!(s = db_prep(k->db, SQL_NOTICES_OF_HASH, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, hash);
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(notices, json_pack("{s:I,s:s}", "notice", (json_int_t)db_col_int(s, 0), "file",
		                                         db_col_null(s, 1) ? "" : db_col_text(s, 1)));
	if (rc < 0)
		return rc;
	if (!(s = db_prep(k->db, SQL_NOTICE_FILE_DISPOSED, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, hash);
	db_bind_text(s, 3, note);
	if ((rc = db_run(s, e)))
		return rc;
	if (!(s = db_prep(k->db, SQL_NOTICE_FILE_TAKEN, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, hash);
	return db_run(s, e);
}

static const char SQL_BLOB_ROW[] = "SELECT 1 FROM blob WHERE hash = ?1";

/* The files go under the write lock, each only while no row names it: a
 * registration that stored the same content meanwhile either named it
 * first (and it stays) or finds it gone inside its own transaction and
 * fails (records.c). A crash before this leaves unnamed files, never a
 * row naming a missing one. */
static int remove_files(kansli *k, json_t *removed, const char *done)
{
	int unlinked = 0;
	kerr ce = KERR_INIT;
	if (!json_array_size(removed))
		return 0;
	if (kansli_begin(k, &ce)) {
		fprintf(stderr, "kansli: warning: %s, but its files were not removed from the blob store "
		        "(they are unnamed: kansli disposal sweep removes them): %s\n", done, ce.msg);
		return 0;
	}
	size_t i;
	json_t *h;
	json_array_foreach(removed, i, h) {
		kerr why = KERR_INIT;
		db_stmt *s = db_prep(k->db, SQL_BLOB_ROW, &ce);
		if (!s)
			break;
		db_bind_text(s, 1, json_string_value(h));
		int named = db_step(s, &ce); /* removed only when surely unnamed */
		db_done(s);
		if (named < 0)
			break;
		if (named != DB_DONE)
			continue;
		if (blob_remove(&k->blobs, json_string_value(h), &why) == 0)
			unlinked++;
		else
			fprintf(stderr, "kansli: warning: %s, but %s\n", done, why.msg);
	}
	if (ce.code)
		fprintf(stderr, "kansli: warning: %s, but not all its files were removed: %s\n", done, ce.msg);
	kansli_commit(k, &ce);
	return unlinked;
}

/* What the executed disposals removed from the registry (the event's
 * removed_blobs; the index on object_type reads only disposal events). */
static const char SQL_REMOVED_EARLIER[] =
	"SELECT DISTINCT j.value FROM event e, json_each(e.data, '$.removed_blobs') j "
	"WHERE e.object_type = 'disposal' AND e.action = 'disposal.execute' AND j.type = 'text'";

/* A disposal killed between its commit and its files' removal leaves them
 * on disk for good: unnamed, so nothing reads them, but the disposed
 * content is still there. Each later disposal and each start of the server
 * removes them. */
static int leftovers(kansli *k, json_t *into, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_REMOVED_EARLIER, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		if (blob_exists(&k->blobs, db_col_text(s, 0)))
			json_array_append_new(into, json_string(db_col_text(s, 0)));
	if (rc < 0)
		return rc;
	return 0;
}

int disposal_sweep(kansli *k, kerr *e)
{
	json_t *found = json_array();
	int rc = leftovers(k, found, e);
	int n = rc ? 0 : (int)json_array_size(found);
	if (n)
		n = remove_files(k, found, "files an interrupted disposal left found");
	json_decref(found);
	return rc ? rc : n;
}

/* The search indexes are rewritten without the disposed records' words
 * (search_purge), and the pages the disposal changed are still, as they
 * were before, in frames of the write-ahead log, which a checkpoint copies
 * into the database file but does not erase; a truncating checkpoint
 * removes them. Run after the real commit: inside a transaction still
 * open the checkpoint cannot finish. */
static void destroy_leftovers(kansli *k)
{
	kerr ce = KERR_INIT;
	int rc = search_purge(k, &ce);
	if (rc) {
		fprintf(stderr, "kansli: warning: disposal done, but the search index still holds the disposed records' "
		        "words until it is rebuilt (kansli reindex --full): %s\n", ce.msg);
		kerr fresh = KERR_INIT;
		ce = fresh;
	}
	if ((rc = db_checkpoint_truncate(k->db, &ce)))
		fprintf(stderr, "kansli: warning: disposal done, but the write-ahead log still holds the disposed content "
		        "until the next checkpoint: %s\n",
		        rc > 0 ? "another connection was reading or writing the database" : ce.msg);
}

static void after(kansli *k, void *arg)
{
	json_t *state = arg;
	int unlinked = remove_files(k, json_object_get(state, "removed"), "disposal done");
	kerr se = KERR_INIT;
	if (disposal_sweep(k, &se) < 0)
		fprintf(stderr, "kansli: warning: disposal done, but the files earlier disposals left could not be "
		        "looked for: %s\n", se.msg);
	json_object_set_new(state, "unlinked", json_integer(unlinked));
	destroy_leftovers(k);
}

static void state_free(void *arg)
{
	json_decref(arg);
}

void disposal_after_commit(kansli *k, json_t *state)
{
	kansli_after_commit(k, after, json_incref(state), state_free);
}
