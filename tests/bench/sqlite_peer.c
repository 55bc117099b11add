/*
 * sqlite_peer.c — the benchmark's peer: loads gen-diarium JSON lines into a
 * plain, normalised SQLite schema with indexes, the way a careful
 * hand-written loader would (one transaction, prepared statements, WAL,
 * synchronous=FULL), with no audit log, access checks or validation.
 * kansli's import is measured against this.
 *
 * usage: sqlite-peer DB FILE   → prints "peer: N entries in S s"
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char schema[] =
	"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	"CREATE TABLE series(id INTEGER PRIMARY KEY, prefix TEXT UNIQUE, name TEXT);"
	"CREATE TABLE class(id INTEGER PRIMARY KEY, code TEXT UNIQUE, title TEXT);"
	"CREATE TABLE party(id INTEGER PRIMARY KEY, kind TEXT, name TEXT, idnum TEXT);"
	"CREATE INDEX party_idnum ON party(kind, idnum);"
	"CREATE TABLE case_file(id INTEGER PRIMARY KEY, series_id INT, year INT, seq INT, title TEXT,"
	"  class_id INT, officer TEXT, opened TEXT, UNIQUE(series_id, year, seq));"
	"CREATE TABLE record(id INTEGER PRIMARY KEY, case_id INT, seq INT, direction TEXT, doc_date TEXT,"
	"  party_id INT, title TEXT, secret INT, osl TEXT, UNIQUE(case_id, seq));"
	"CREATE INDEX record_date ON record(doc_date);"
	"CREATE TABLE record_text(record_id INTEGER PRIMARY KEY, body TEXT);";

static sqlite3 *db;

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "peer: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	return s;
}

static const char *str(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return v ? v : "";
}

/* Finds or inserts a row by key; returns its id. */
static sqlite3_int64 upsert(sqlite3_stmt *find, sqlite3_stmt *ins, const char *a, const char *b,
                            const char *c)
{
	sqlite3_reset(find);
	sqlite3_bind_text(find, 1, a, -1, SQLITE_STATIC);
	if (c)
		sqlite3_bind_text(find, 2, c, -1, SQLITE_STATIC);
	if (sqlite3_step(find) == SQLITE_ROW)
		return sqlite3_column_int64(find, 0);
	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(ins, 2, b, -1, SQLITE_STATIC);
	if (c)
		sqlite3_bind_text(ins, 3, c, -1, SQLITE_STATIC);
	sqlite3_step(ins);
	return sqlite3_last_insert_rowid(db);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: sqlite-peer DB FILE\n", stderr);
		return 2;
	}
	FILE *in = fopen(argv[2], "r");
	if (!in || sqlite3_open(argv[1], &db) != SQLITE_OK || sqlite3_exec(db, schema, 0, 0, 0) != SQLITE_OK) {
		fputs("peer: cannot open\n", stderr);
		return 1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	sqlite3_exec(db, "BEGIN", 0, 0, 0);
	sqlite3_stmt *sf = prep("SELECT id FROM series WHERE prefix = ?1");
	sqlite3_stmt *si = prep("INSERT INTO series(prefix, name) VALUES(?1, ?2)");
	sqlite3_stmt *cf = prep("SELECT id FROM class WHERE code = ?1");
	sqlite3_stmt *ci = prep("INSERT INTO class(code, title) VALUES(?1, ?2)");
	sqlite3_stmt *pf = prep("SELECT id FROM party WHERE idnum = ?1 AND kind = ?2");
	sqlite3_stmt *pi = prep("INSERT INTO party(idnum, name, kind) VALUES(?1, ?2, ?3)");
	sqlite3_stmt *kf = prep("SELECT id FROM case_file WHERE series_id = ?1 AND year = ?2 AND seq = ?3");
	sqlite3_stmt *ki = prep("INSERT INTO case_file(series_id, year, seq, title, class_id, officer, opened) "
	                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	sqlite3_stmt *ri = prep("INSERT INTO record(case_id, seq, direction, doc_date, party_id, title, secret, osl) "
	                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	sqlite3_stmt *ti = prep("INSERT INTO record_text(record_id, body) VALUES(?1, ?2)");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	while ((len = getline(&line, &cap, in)) > 0) {
		json_t *o = json_loadb(line, (size_t)len, 0, NULL);
		if (!o)
			continue;
		sqlite3_int64 series = upsert(sf, si, str(o, "series"), str(o, "organ"), NULL);
		sqlite3_int64 klass = upsert(cf, ci, str(o, "class_code"), str(o, "class_title"), NULL);
		const char *dnr = str(o, "dnr"), *slash = strchr(dnr, '/');
		int year = (int)json_integer_value(json_object_get(o, "year"));
		int seq = slash ? atoi(slash + 1) : 0;
		sqlite3_reset(kf);
		sqlite3_bind_int64(kf, 1, series);
		sqlite3_bind_int(kf, 2, year);
		sqlite3_bind_int(kf, 3, seq);
		sqlite3_int64 case_id;
		if (sqlite3_step(kf) == SQLITE_ROW) {
			case_id = sqlite3_column_int64(kf, 0);
		} else {
			sqlite3_reset(ki);
			sqlite3_bind_int64(ki, 1, series);
			sqlite3_bind_int(ki, 2, year);
			sqlite3_bind_int(ki, 3, seq);
			sqlite3_bind_text(ki, 4, str(o, "case_title"), -1, SQLITE_STATIC);
			sqlite3_bind_int64(ki, 5, klass);
			sqlite3_bind_text(ki, 6, str(o, "officer"), -1, SQLITE_STATIC);
			sqlite3_bind_text(ki, 7, str(o, "case_opened"), -1, SQLITE_STATIC);
			sqlite3_step(ki);
			case_id = sqlite3_last_insert_rowid(db);
		}
		sqlite3_int64 party = 0;
		if (*str(o, "party_type"))
			party = upsert(pf, pi, str(o, "party_id"), str(o, "party_name"), str(o, "party_type"));
		sqlite3_reset(ri);
		sqlite3_bind_int64(ri, 1, case_id);
		sqlite3_bind_int64(ri, 2, json_integer_value(json_object_get(o, "doc_no")));
		sqlite3_bind_text(ri, 3, str(o, "direction"), -1, SQLITE_STATIC);
		sqlite3_bind_text(ri, 4, str(o, "date"), -1, SQLITE_STATIC);
		if (party) sqlite3_bind_int64(ri, 5, party); else sqlite3_bind_null(ri, 5);
		sqlite3_bind_text(ri, 6, str(o, "doc_title"), -1, SQLITE_STATIC);
		sqlite3_bind_int64(ri, 7, json_integer_value(json_object_get(o, "secret")));
		sqlite3_bind_text(ri, 8, str(o, "osl"), -1, SQLITE_STATIC);
		if (sqlite3_step(ri) != SQLITE_DONE) {
			fprintf(stderr, "peer: %s\n", sqlite3_errmsg(db));
			return 1;
		}
		sqlite3_reset(ti);
		sqlite3_bind_int64(ti, 1, sqlite3_last_insert_rowid(db));
		sqlite3_bind_text(ti, 2, str(o, "body"), -1, SQLITE_STATIC);
		sqlite3_step(ti);
		json_decref(o);
		n++;
	}
	if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) {
		fprintf(stderr, "peer: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	/* Closing checkpoints the WAL into the database, as kansli's exit does:
	 * both end in the same durable state, and both are timed to there. */
	sqlite3_stmt *all[] = { sf, si, cf, ci, pf, pi, kf, ki, ri, ti };
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		sqlite3_finalize(all[i]);
	if (sqlite3_close(db) != SQLITE_OK) {
		fputs("peer: close failed\n", stderr);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("peer: %ld entries in %.2f s\n", n, s);
	free(line);
	fclose(in);
	return 0;
}
