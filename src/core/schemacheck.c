/* schemacheck.c — the live schema against the migrations' own; see schemacheck.h. */
#include "core/schemacheck.h"

#include <stdio.h>
#include <string.h>

/* Every object of the main database. rootpage is where SQLite keeps it
 * and differs between any two databases; the rest is what it is. */
static const char SQL_OBJECTS[] =
	"SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_master ORDER BY type, name";
static const char SQL_COOKIE[] = "PRAGMA main.schema_version";

#define MAX_LISTED 200

/* {"type name": "on tbl_name: sql"} of d's objects. */
static json_t *objects(db *d, kerr *e)
{
	db_stmt *s = db_prep(d, SQL_OBJECTS, e);
	if (!s)
		return NULL;
	json_t *o = json_object();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char key[600];
		snprintf(key, sizeof key, "%s %s", db_col_text(s, 0), db_col_text(s, 1));
		json_object_set_new(o, key, json_pack("[s,s]", db_col_text(s, 2), db_col_text(s, 3)));
	}
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The schema this program's migrations make, on an empty database in
 * memory (db_open registers the Swedish tokenizer the search index
 * needs). */
static json_t *reference(int *version, kerr *e)
{
	db *ref;
	if (db_open(&ref, ":memory:", e))
		return NULL;
	json_t *o = db_migrate(ref, e) ? NULL : objects(ref, e);
	if (o && (*version = db_schema_version(ref, e)) < 0) {
		json_decref(o);
		o = NULL;
	}
	db_close(ref);
	return o;
}

static void add(json_t *out, int n, const char *what, const char *how, const char *sql)
{
	if (n >= MAX_LISTED)
		return;
	/* one line: a report line per difference */
	char flat[300];
	size_t n_flat = 0;
	for (const char *p = sql; *p && n_flat < sizeof flat - 4; p++) {
		int space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
		if (!space || (n_flat && flat[n_flat - 1] != ' '))
			flat[n_flat++] = space ? ' ' : *p;
	}
	if (sql[0] && n_flat == sizeof flat - 4)
		memcpy(flat + n_flat, "...", 3), n_flat += 3;
	flat[n_flat] = 0;
	char msg[700];
	snprintf(msg, sizeof msg, "schema: %s %s%s%s", what, how, flat, *sql ? ")" : "");
	json_array_append_new(out, json_string(msg));
}

int schema_differences(db *d, json_t *out, kerr *e)
{
	int version = 0, n = 0;
	json_t *want = reference(&version, e);
	if (!want)
		return KERR_INTERNAL;
	json_t *have = objects(d, e);
	if (!have) {
		json_decref(want);
		return KERR_IO;
	}
	int have_version = db_schema_version(d, e);
	if (have_version < 0) {
		json_decref(want);
		json_decref(have);
		return have_version;
	}
	if (have_version != version) {
		char msg[300];
		snprintf(msg, sizeof msg, "schema: the database is at schema version %d, this kansli makes "
		         "version %d (a kansli command that writes migrates it)", have_version, version);
		json_array_append_new(out, json_string(msg));
		n++;
	}
	const char *key;
	json_t *v;
	json_object_foreach(have, key, v) {
		json_t *w = json_object_get(want, key);
		const char *sql = json_string_value(json_array_get(v, 1));
		if (!w)
			add(out, n++, key, "is not one kansli made (", sql);
		else if (!json_equal(v, w))
			add(out, n++, key, "was changed (its definition is now: ", sql);
	}
	json_object_foreach(want, key, v) {
		if (!json_object_get(have, key))
			add(out, n++, key, "is missing", "");
	}
	json_decref(want);
	json_decref(have);
	return n;
}

long long schema_cookie(db *d, kerr *e)
{
	db_stmt *s = db_prep(d, SQL_COOKIE, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	long long v = rc == DB_ROW ? (long long)db_col_int(s, 0) : 0;
	db_done(s);
	return v;
}
