/* erase.c — erasing the disposed material from the audit log; see erase.h. */
#include "core/erase.h"

#include <stdlib.h>
#include <string.h>

#include "core/covered.h"
#include "util/hash.h"

static const char SQL_SETUP[] =
	"CREATE TEMP TABLE IF NOT EXISTS erase_target(tbl TEXT NOT NULL, k TEXT NOT NULL, PRIMARY KEY(tbl, k)) "
	"  WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS erase_object(type TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(type, id)) "
	"  WITHOUT ROWID;"
	"DELETE FROM temp.erase_target; DELETE FROM temp.erase_object;";
/* The rows this transaction changed that were there before it. */
static const char SQL_CHANGED_BEFORE[] =
	"SELECT DISTINCT tbl, k FROM temp.rowlog_changed WHERE before IS NOT NULL ORDER BY tbl, k";
static const char SQL_TARGET[] = "INSERT OR IGNORE INTO temp.erase_target(tbl, k) VALUES(?1, ?2)";
static const char SQL_OBJECT[] = "INSERT OR IGNORE INTO temp.erase_object(type, id) VALUES(?1, ?2)";
/* The events to erase: those whose images touch a target row, and those
 * about a cleared record or a deleted party (a read, a correction). */
static const char SQL_EVENTS[] =
	"SELECT e.id FROM event e WHERE e.id <= ?1 AND e.erased_by IS NULL AND instr(e.data, '\"state\":[') > 0 "
	"  AND EXISTS (SELECT 1 FROM json_each(e.data, '$.state') s JOIN temp.erase_target t "
	"    ON t.tbl = json_extract(s.value, '$[0]') AND t.k = json_extract(s.value, '$[1]')) "
	"UNION SELECT e.id FROM event e JOIN temp.erase_object o ON o.type = e.object_type AND o.id = e.object_id "
	"  WHERE e.id <= ?1 AND e.erased_by IS NULL "
	"ORDER BY 1";
static const char SQL_EVENT[] =
	"SELECT ts_us, org_id, actor, action, object_type, object_id, lower(hex(leaf_hash)) FROM event WHERE id = ?1";
static const char SQL_EVENT_ROWS[] =
	"SELECT DISTINCT json_extract(s.value, '$[0]'), json_extract(s.value, '$[1]') "
	"FROM event e, json_each(e.data, '$.state') s WHERE e.id = ?1 "
	"  AND json_type(s.value, '$[0]') = 'text' AND json_type(s.value, '$[1]') = 'text' ORDER BY 1, 2";
/* A row the transaction did not change is noted as it is (its before is
 * its image now, or NULL when it is gone): replay checks that against what
 * it knows of the row, where the log after the erased event knows it. */
static const char SQL_RESTATE[] =
	"INSERT INTO temp.rowlog_changed(tbl, k, before) SELECT ?1, ?2, ?3 "
	"WHERE NOT EXISTS (SELECT 1 FROM temp.rowlog_changed WHERE tbl = ?1 AND k = ?2)";
static const char SQL_DIGESTED[] = "INSERT OR IGNORE INTO temp.rowlog_erased(tbl, k) VALUES(?1, ?2)";
static const char SQL_ERASE[] = "UPDATE event SET data = '{}', erased_by = ?2 WHERE id = ?1";
static const char SQL_NEXT[] = "SELECT coalesce(max(id), 0) + 1 FROM event";

static int run2(kansli *k, const char *sql, const char *a, const char *b, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, a);
	db_bind_text(s, 2, b);
	return db_run(s, e);
}

/* The targets: every row the transaction deleted (a file, a version, a
 * party no record names), and the cleared records' own rows. */
static int find_targets(kansli *k, json_t *cleared, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc || (rc = db_exec(k->db, SQL_SETUP, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_CHANGED_BEFORE, e);
	if (!s)
		return KERR_INTERNAL;
	json_t *gone = json_array();
	while ((rc = db_step(s, e)) == DB_ROW) {
		const covered_table *t = covered_find(c, db_col_text(s, 0));
		if (t)
			json_array_append_new(gone, json_pack("[s,s]", t->name, db_col_text(s, 1)));
	}
	if (rc < 0) {
		json_decref(gone);
		return rc;
	}
	size_t i;
	json_t *v;
	json_array_foreach(gone, i, v) {
		const char *tbl = json_string_value(json_array_get(v, 0)), *key = json_string_value(json_array_get(v, 1));
		const covered_table *t = covered_find(c, tbl);
		db_stmt *q = db_prep(k->db, t->sql_image_by_key, e);
		if (!q) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_text(q, 1, key);
		int there = db_step(q, e);
		db_done(q);
		if (there < 0) {
			rc = there;
			break;
		}
		if (there == DB_ROW)
			continue;
		if ((rc = run2(k, SQL_TARGET, tbl, key, e)))
			break;
		if (!strcmp(tbl, "party")) {
			json_t *kj = json_loads(key, 0, NULL);
			if (!(q = db_prep(k->db, SQL_OBJECT, e))) {
				json_decref(kj);
				rc = KERR_INTERNAL;
				break;
			}
			db_bind_text(q, 1, "party");
			db_bind_int(q, 2, json_integer_value(json_array_get(kj, 0)));
			json_decref(kj);
			if ((rc = db_run(q, e)))
				break;
		}
		rc = DB_DONE;
	}
	json_decref(gone);
	if (rc < 0)
		return rc;
	json_array_foreach(cleared, i, v) {
		char key[32];
		snprintf(key, sizeof key, "[%lld]", (long long)json_integer_value(v));
		if ((rc = run2(k, SQL_TARGET, "record", key, e)))
			return rc;
		if (!(s = db_prep(k->db, SQL_OBJECT, e)))
			return KERR_INTERNAL;
		db_bind_text(s, 1, "record");
		db_bind_int(s, 2, json_integer_value(v));
		if ((rc = db_run(s, e)))
			return rc;
	}
	return 0;
}

static int restate(kansli *k, const char *tbl, const char *key, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc)
		return rc;
	const covered_table *t = covered_find(c, tbl);
	if (!t)
		return 0; /* a table no longer covered: replay drops its rows with it */
	db_stmt *q = db_prep(k->db, t->sql_image_by_key, e);
	if (!q)
		return KERR_INTERNAL;
	db_bind_text(q, 1, key);
	if ((rc = db_step(q, e)) < 0)
		return rc;
	char *img = rc == DB_ROW ? strdup(db_col_text(q, 0)) : NULL;
	db_done(q);
	db_stmt *s = db_prep(k->db, SQL_RESTATE, e);
	if (!s) {
		free(img);
		return KERR_INTERNAL;
	}
	db_bind_text(s, 1, tbl);
	db_bind_text(s, 2, key);
	if (img)
		db_bind_text(s, 3, img);
	else
		db_bind_null(s, 3);
	rc = db_run(s, e);
	free(img);
	return rc;
}

static json_t *opt_int(db_stmt *s, int col)
{
	return db_col_null(s, col) ? json_null() : json_integer(db_col_int(s, col));
}

/* Event id's entry in the erasure list; its rows are re-stated (and their
 * before-images digested) by the disposal event. NULL on an error. */
static json_t *entry(kansli *k, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_EVENT, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, id);
	if (kansli_row(s, e, KERR_INTERNAL, "event %lld vanished", (long long)id))
		return NULL;
	json_t *rows = json_array();
	json_t *o = json_pack("{s:I,s:s,s:I,s:o,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)id, "leaf", db_col_text(s, 6),
	                      "ts", (json_int_t)db_col_int(s, 0), "org", opt_int(s, 1), "actor", db_col_text(s, 2),
	                      "action", db_col_text(s, 3), "type", db_col_text(s, 4), "obj", opt_int(s, 5),
	                      "rows", rows);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_EVENT_ROWS, e))) {
		json_decref(o);
		return NULL;
	}
	db_bind_int(s, 1, id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *tbl = db_col_text(s, 0), *key = db_col_text(s, 1);
		json_array_append_new(rows, json_pack("[s,s]", tbl, key));
	}
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		const char *tbl = json_string_value(json_array_get(r, 0)), *key = json_string_value(json_array_get(r, 1));
		if (restate(k, tbl, key, e) || run2(k, SQL_DIGESTED, tbl, key, e)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

int erase_disposed(kansli *k, int64_t last_before, json_t *cleared, json_t **out, kerr *e)
{
	*out = NULL;
	int rc = find_targets(k, cleared, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_EVENTS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, last_before);
	json_t *ids = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(ids, json_integer(db_col_int(s, 0)));
	if (rc < 0) {
		json_decref(ids);
		return rc;
	}
	int64_t next = 0;
	if (!(s = db_prep(k->db, SQL_NEXT, e))) {
		json_decref(ids);
		return KERR_INTERNAL;
	}
	if ((rc = db_step(s, e)) == DB_ROW)
		next = db_col_int(s, 0);
	db_done(s);
	json_t *list = json_array();
	size_t i;
	json_t *v;
	rc = rc == DB_ROW ? 0 : rc < 0 ? rc : KERR_INTERNAL;
	json_array_foreach(ids, i, v) {
		json_t *en = rc ? NULL : entry(k, json_integer_value(v), e);
		if (!en) {
			rc = rc ? rc : e->code ? e->code : KERR_INTERNAL;
			break;
		}
		json_array_append_new(list, en);
		if (!(s = db_prep(k->db, SQL_ERASE, e))) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_int(s, 1, json_integer_value(v));
		db_bind_int(s, 2, next);
		if ((rc = db_run(s, e)))
			break;
	}
	json_decref(ids);
	if (rc) {
		json_decref(list);
		return rc;
	}
	*out = list;
	return 0;
}
