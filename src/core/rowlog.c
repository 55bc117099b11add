/* rowlog.c — row images of every covered change into the log; see rowlog.h. */
#include "core/rowlog.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/covered.h"

static const char SQL_CHANGED_TABLE[] =
	"CREATE TEMP TABLE IF NOT EXISTS rowlog_changed(tbl TEXT NOT NULL, k TEXT NOT NULL, before TEXT);";
/* No key on rowlog_changed: a trigger's OR IGNORE yields to the conflict
 * clause of the statement that fired it, so duplicates are merged here.
 * A key's first note holds its image before the transaction (with min(),
 * SQLite takes the other columns from the row min() picked). */
static const char SQL_CHANGED[] =
	"SELECT tbl, k, before, min(rowid) FROM temp.rowlog_changed GROUP BY tbl, k ORDER BY tbl, k";
static const char SQL_CHANGED_CLEAR[] = "DELETE FROM temp.rowlog_changed";
static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = 'state_columns'";
static const char SQL_META_SET[] =
	"INSERT INTO meta(key, value) VALUES('state_columns', ?1) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
static const char SQL_HAS_LOG[] = "SELECT count(*) FROM log_state";

int rowlog_install(kansli *k, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc || (rc = db_exec(k->db, SQL_CHANGED_TABLE, e)))
		return rc;
	for (int i = 0; i < c->n; i++)
		if ((rc = db_exec(k->db, c->t[i].sql_triggers, e)))
			return rc;
	return 0;
}

/* The image of one covered row as it is now: a new string reference, or
 * json_null() when the row is gone. NULL with e set on an error. */
static json_t *row_image(kansli *k, const covered_table *t, const char *key, kerr *e)
{
	db_stmt *s = db_prep(k->db, t->sql_image_by_key, e);
	if (!s)
		return NULL;
	db_bind_text(s, 1, key);
	int rc = db_step(s, e);
	if (rc < 0)
		return NULL;
	json_t *img = rc == DB_ROW ? json_string(db_col_text(s, 0)) : json_null();
	db_done(s);
	return img;
}

/* [[table, key, image|null, before|null], ...] of the rows changed in
 * this transaction: the image after it and before it (null: no row). A
 * row changed behind kansli's back then has a before image the log does
 * not agree with, and the next legitimate write cannot launder it. */
static int changed_rows(kansli *k, const covered *c, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CHANGED, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const covered_table *t = covered_find(c, db_col_text(s, 0));
		if (!t)
			continue;
		json_t *img = row_image(k, t, db_col_text(s, 1), e);
		if (!img) {
			db_done(s);
			return KERR_IO;
		}
		json_t *before = db_col_null(s, 2) ? json_null() : json_string(db_col_text(s, 2));
		json_array_append_new(out, json_pack("[s,s,o,o]", t->name, db_col_text(s, 1), img, before));
	}
	if (rc < 0)
		return rc;
	if (!(s = db_prep(k->db, SQL_CHANGED_CLEAR, e)))
		return KERR_INTERNAL;
	return db_run(s, e);
}

/* {table: [[key, image], ...]} of every covered table. */
static int whole_tables(kansli *k, const covered *c, json_t *out, kerr *e)
{
	for (int i = 0; i < c->n; i++) {
		db_stmt *s = db_prep(k->db, c->t[i].sql_all, e);
		if (!s)
			return KERR_INTERNAL;
		json_t *rows = json_array();
		int rc;
		while ((rc = db_step(s, e)) == DB_ROW)
			json_array_append_new(rows, json_pack("[s,s]", db_col_text(s, 0), db_col_text(s, 1)));
		json_object_set_new(out, c->t[i].name, rows);
		if (rc < 0)
			return rc;
	}
	db_stmt *s = db_prep(k->db, SQL_META_SET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, c->signature);
	return db_run(s, e);
}

int rowlog_flush(kansli *k, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc)
		return rc;
	json_t *extra = json_object(), *state = json_array();
	if ((rc = changed_rows(k, c, state, e)))
		goto out;
	if (json_array_size(state))
		json_object_set(extra, "state", state);
	if (k->state_baseline) {
		json_t *tables = json_object();
		json_object_set_new(extra, "baseline", tables);
		int version = db_schema_version(k->db, e);
		if (version < 0) {
			rc = version;
			goto out;
		}
		json_object_set_new(extra, "schema", json_integer(version));
		if ((rc = whole_tables(k, c, tables, e)))
			goto out;
	}
	if (json_object_size(extra) == 0)
		goto out;
	if (k->log_dirty) {
		rc = audit_amend_last(k, extra, e);
	} else {
		rc = audit_append(k, 0, "state.change", "state", 0, extra, e);
		extra = NULL; /* stolen */
	}
out:
	k->state_baseline = 0;
	json_decref(extra);
	json_decref(state);
	return rc;
}

/* 1 when the covered columns differ from the last baseline's (or there is
 * none), 0 when not, negative on an error. */
static int baseline_due(kansli *k, const covered *c, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HAS_LOG, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int has_log = rc == DB_ROW && db_col_int(s, 0) > 0;
	db_done(s);
	if (!has_log)
		return 0; /* a new installation: kansli_create records the first baseline */
	if (!(s = db_prep(k->db, SQL_META_GET, e)))
		return KERR_INTERNAL;
	if ((rc = db_step(s, e)) < 0)
		return rc;
	int due = rc != DB_ROW || strcmp(db_col_text(s, 0), c->signature) != 0;
	db_done(s);
	return due;
}

int rowlog_baseline_missing(kansli *k, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	return rc ? rc : baseline_due(k, c, e);
}

int rowlog_baseline_if_needed(kansli *k, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc || (rc = baseline_due(k, c, e)) <= 0)
		return rc;
	if ((rc = kansli_begin(k, e)) == KERR_TAMPERED) {
		/* A schema changed behind kansli's back gets no baseline (that
		 * would launder the change); reads go on, and every write is
		 * refused with this same message. */
		if (e)
			*e = (kerr)KERR_INIT;
		return 0;
	}
	if (rc)
		return rc;
	/* Another process may have recorded it while this one waited. */
	if ((rc = baseline_due(k, c, e)) <= 0) {
		kansli_rollback(k);
		return rc;
	}
	k->state_baseline = 1;
	if ((rc = audit_append(k, 0, "state.baseline", "state", 0,
	                       json_pack("{s:s}", "reason", "the covered tables or columns changed"), e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}
