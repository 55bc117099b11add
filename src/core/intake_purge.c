/*
 * intake_purge.c — the purge of rejected inbox items after the days they
 * are kept (see intake.h): one transaction removes their rows with one
 * "intake.purge" event naming them; after the commit their blobs go, each
 * only while no row names it (the way a disposal removes files: a crash
 * in between leaves unnamed files, never a row naming a missing one).
 */
#include "core/intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/timeutil.h"

static const char SQL_DUE[] =
	"SELECT i.id, i.eml_sha256 FROM intake_item i JOIN intake_decision d ON d.item_id = i.id "
	"WHERE i.org_id = ?1 AND d.outcome = 'rejected' AND d.decided_us <= ?2 ORDER BY i.id";
static const char SQL_HASHES[] = "SELECT hash FROM intake_file WHERE item_id = ?1";
static const char *const SQL_DELETE[] = {
	"DELETE FROM intake_file WHERE item_id = ?1",
	"DELETE FROM intake_content WHERE item_id = ?1",
	"DELETE FROM intake_forward WHERE item_id = ?1",
	"DELETE FROM intake_return WHERE item_id = ?1",
	"DELETE FROM intake_decision WHERE item_id = ?1",
	"DELETE FROM intake_item WHERE id = ?1",
};
/* A blob still named by a record, a notice or another inbox item stays. */
static const char SQL_NAMED[] =
	"SELECT 1 FROM record_file WHERE hash = ?1 UNION ALL SELECT 1 FROM notice WHERE file_hash = ?1 "
	"UNION ALL SELECT 1 FROM intake_file WHERE hash = ?1 UNION ALL SELECT 1 FROM intake_item WHERE eml_sha256 = ?1 "
	"LIMIT 1";
static const char SQL_BLOB_DELETE[] = "DELETE FROM blob WHERE hash = ?1";
static const char SQL_TEXT_DELETE[] = "DELETE FROM file_text WHERE hash = ?1";
static const char SQL_BLOB_ROW[] = "SELECT 1 FROM blob WHERE hash = ?1";

static int collect(kansli *k, int64_t org_id, int64_t before, json_t *ids, json_t *hashes, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_DUE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, before);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_array_append_new(ids, json_integer(db_col_int(s, 0)));
		json_array_append_new(hashes, json_string(db_col_text(s, 1)));
	}
	if (rc < 0)
		return rc;
	size_t i;
	json_t *id;
	json_array_foreach(ids, i, id) {
		if (!(s = db_prep(k->db, SQL_HASHES, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, json_integer_value(id));
		while ((rc = db_step(s, e)) == DB_ROW)
			json_array_append_new(hashes, json_string(db_col_text(s, 0)));
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int run(kansli *k, const char *sql, const char *text, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	if (text)
		db_bind_text(s, 1, text);
	else
		db_bind_int(s, 1, id);
	return db_run(s, e);
}

/* The blob rows no longer named, inside the transaction; their hashes
 * stay in hashes for the files' removal after the commit. */
static int forget_blobs(kansli *k, json_t *hashes, kerr *e)
{
	size_t i;
	json_t *h;
	json_array_foreach(hashes, i, h) {
		db_stmt *s = db_prep(k->db, SQL_NAMED, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_text(s, 1, json_string_value(h));
		int rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
		if (rc == DB_ROW)
			continue;
		if ((rc = run(k, SQL_TEXT_DELETE, json_string_value(h), 0, e)) ||
		    (rc = run(k, SQL_BLOB_DELETE, json_string_value(h), 0, e)))
			return rc;
	}
	return 0;
}

/* After the commit: each file whose blob row is gone. */
static void remove_files(kansli *k, void *arg)
{
	json_t *hashes = arg;
	kerr e = KERR_INIT;
	if (kansli_begin(k, &e)) {
		fprintf(stderr, "kansli: warning: the purged items' files were not removed: %s\n", e.msg);
		return;
	}
	size_t i;
	json_t *h;
	json_array_foreach(hashes, i, h) {
		db_stmt *s = db_prep(k->db, SQL_BLOB_ROW, &e);
		if (!s)
			break;
		db_bind_text(s, 1, json_string_value(h));
		int named = db_step(s, &e);
		db_done(s);
		if (named < 0)
			break;
		kerr why = KERR_INIT;
		if (named == DB_DONE && blob_exists(&k->blobs, json_string_value(h)) &&
		    blob_remove(&k->blobs, json_string_value(h), &why))
			fprintf(stderr, "kansli: warning: %s\n", why.msg);
	}
	if (e.code)
		fprintf(stderr, "kansli: warning: not all the purged items' files were removed: %s\n", e.msg);
	kansli_commit(k, &e);
}

static void hashes_free(void *arg)
{
	json_decref(arg);
}

int intake_purge(kansli *k, int64_t org_id, int keep_days, int64_t *purged, kerr *e)
{
	*purged = 0;
	if (keep_days < 0 || keep_days > 3650)
		return kerr_field(e, KERR_INVALID, "days", KWHY_RANGE, "keep rejected items 0 to 3650 days");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	json_t *ids = json_array(), *hashes = json_array();
	int64_t before = time_now_us() - (int64_t)keep_days * 86400 * 1000000LL;
	if ((rc = access_check(k, org_id, ACCESS_INTAKE, e)) || (rc = collect(k, org_id, before, ids, hashes, e)))
		goto out;
	size_t i;
	json_t *id;
	json_array_foreach(ids, i, id)
		for (size_t j = 0; j < sizeof SQL_DELETE / sizeof SQL_DELETE[0] && !rc; j++)
			rc = run(k, SQL_DELETE[j], NULL, json_integer_value(id), e);
	if (rc || !json_array_size(ids) || (rc = forget_blobs(k, hashes, e)))
		goto out;
	*purged = (int64_t)json_array_size(ids);
	if ((rc = audit_append(k, org_id, "intake.purge", "organisation", org_id,
	                       json_pack("{s:O,s:i}", "items", ids, "keep_days", keep_days), e)))
		goto out;
	kansli_after_commit(k, remove_files, hashes, hashes_free);
	hashes = NULL;
out:
	json_decref(ids);
	json_decref(hashes);
	return kansli_end(k, rc, e);
}
