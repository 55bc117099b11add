/* search.c — queueing, indexing and querying the full-text index; see search.h. */
#include "core/search.h"

#include <string.h>

#include "core/access.h"
#include "core/records.h"
#include "extract/extract.h"
#include "util/buf.h"
#include "util/timeutil.h"

static const char SQL_ENQUEUE[] =
	"INSERT INTO index_queue(record_id, queued_us) VALUES(?1, ?2) ON CONFLICT(record_id) DO NOTHING";

int search_enqueue_tx(kansli *k, int64_t record_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ENQUEUE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	db_bind_int(s, 2, time_now_us());
	return db_run(s, e);
}

/* An external-content index is told what to remove with the values it
 * indexed; a record still in the queue was never indexed. */
static const char SQL_FORGET[] =
	"INSERT INTO record_fts(record_fts, rowid, number, title, case_title, party, class, body, "
	"  s_title, s_party, s_body, files, s_files) "
	"SELECT 'delete', id, number, title, case_title, party, class, body, s_title, s_party, s_body, "
	"  files, s_files "
	"FROM record_search WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM index_queue WHERE record_id = ?1)";

int search_forget_tx(kansli *k, int64_t record_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FORGET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	return db_run(s, e);
}

/* Records whose files all have their text: only they are ready to index. */
static const char SQL_NEXT[] =
	"SELECT q.record_id FROM index_queue q WHERE NOT EXISTS (SELECT 1 FROM record_file rf "
	"  WHERE rf.record_id = q.record_id AND rf.superseded_by IS NULL "
	"    AND NOT EXISTS (SELECT 1 FROM file_text ft WHERE ft.hash = rf.hash)) "
	"ORDER BY q.record_id LIMIT ?1";
static const char SQL_INDEX_ONE[] =
	"INSERT INTO record_fts(rowid, number, title, case_title, party, class, body, s_title, s_party, s_body, "
	"  files, s_files) "
	"SELECT id, number, title, case_title, party, class, body, s_title, s_party, s_body, files, s_files "
	"FROM record_search WHERE id = ?1";
static const char SQL_DEQUEUE[] = "DELETE FROM index_queue WHERE record_id = ?1";

static const char SQL_FILES_TO_EXTRACT[] =
	"SELECT DISTINCT rf.hash, rf.media_type FROM index_queue q JOIN record_file rf ON rf.record_id = q.record_id "
	"WHERE rf.superseded_by IS NULL AND NOT EXISTS (SELECT 1 FROM file_text ft WHERE ft.hash = rf.hash) "
	"ORDER BY q.record_id LIMIT ?1";
static const char SQL_FILE_TEXT[] =
	"INSERT INTO file_text(hash, ok, text, extracted_us) VALUES(?1, ?2, ?3, ?4) ON CONFLICT(hash) DO NOTHING";

/* Extracts the text of queued records' files, outside any transaction:
 * extraction is slow and runs in a child process. A file that cannot be
 * extracted is remembered as such and not tried again. */
static int extract_pending(kansli *k, int max, int *extracted, kerr *e)
{
	*extracted = 0;
	db_stmt *s = db_prep(k->db, SQL_FILES_TO_EXTRACT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, max);
	char hashes[64][65], types[64][128];
	int n = 0;
	int step;
	while (n < 64 && (step = db_step(s, e)) == DB_ROW) {
		snprintf(hashes[n], sizeof hashes[n], "%s", db_col_text(s, 0));
		snprintf(types[n], sizeof types[n], "%s", db_col_text(s, 1));
		n++;
	}
	if (step < 0)
		return step;
	db_done(s);
	for (int i = 0; i < n; i++) {
		char path[4400];
		buf text = BUF_INIT;
		kerr why = KERR_INIT;
		blob_path(&k->blobs, hashes[i], path, sizeof path);
		int ok = extract_text(path, types[i], &text, &why) == 0;
		int rc = db_begin(k->db, e);
		if (rc) {
			buf_free(&text);
			return rc;
		}
		if (!(s = db_prep(k->db, SQL_FILE_TEXT, e))) {
			db_rollback(k->db);
			buf_free(&text);
			return KERR_INTERNAL;
		}
		db_bind_text(s, 1, hashes[i]);
		db_bind_int(s, 2, ok);
		db_bind_text(s, 3, ok ? text.s : why.msg);
		db_bind_int(s, 4, time_now_us());
		buf_free(&text);
		if ((rc = db_run(s, e)) || (rc = db_commit(k->db, e))) {
			db_rollback(k->db);
			return rc;
		}
		(*extracted)++;
	}
	return 0;
}

int search_index_pending(kansli *k, int max, int *done, kerr *e)
{
	*done = 0;
	int extracted;
	int rc = extract_pending(k, max, &extracted, e);
	if (rc)
		return rc;
	rc = db_begin(k->db, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_NEXT, e);
	if (!s) {
		db_rollback(k->db);
		return KERR_INTERNAL;
	}
	int64_t ids[512];
	int n = 0;
	db_bind_int(s, 1, max < 512 ? max : 512);
	while (n < 512 && (rc = db_step(s, e)) == DB_ROW)
		ids[n++] = db_col_int(s, 0);
	if (rc < 0) {
		db_rollback(k->db);
		return rc;
	}
	db_done(s);
	for (int i = 0; i < n; i++) {
		db_stmt *ins = db_prep(k->db, SQL_INDEX_ONE, e), *del = db_prep(k->db, SQL_DEQUEUE, e);
		if (!ins || !del) {
			db_rollback(k->db);
			return KERR_INTERNAL;
		}
		db_bind_int(ins, 1, ids[i]);
		db_bind_int(del, 1, ids[i]);
		if ((rc = db_run(ins, e)) || (rc = db_run(del, e))) {
			db_rollback(k->db);
			return rc;
		}
	}
	if ((rc = db_commit(k->db, e)))
		return rc;
	*done = n + extracted; /* progress, so callers draining the queue go on */
	return 0;
}

int search_rebuild(kansli *k, kerr *e)
{
	int rc = db_begin(k->db, e);
	if (rc)
		return rc;
	if ((rc = db_exec(k->db, "INSERT INTO record_fts(record_fts) VALUES('rebuild');"
	                         "DELETE FROM index_queue;", e))) {
		db_rollback(k->db);
		return rc;
	}
	return db_commit(k->db, e);
}

static const char SQL_PENDING[] = "SELECT count(*) FROM index_queue";

long long search_pending(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PENDING, e);
	if (!s)
		return -1;
	int rc = db_step(s, e);
	long long n = rc == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

/* Columns 0-14 as record_views_from wants them, 15 the snippet. */
#define SEARCH_FROM \
	"FROM record_fts JOIN record r ON r.id = record_fts.rowid " \
	"JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id " \
	"WHERE record_fts MATCH ?1 AND c.org_id = ?2 " \
	"  AND (?4 IS NULL OR s.prefix = ?4) AND (?5 = 0 OR c.year >= ?5) AND (?14 = 0 OR c.year <= ?14) " \
	"  AND (?6 IS NULL OR r.direction = ?6) AND (?7 IS NULL OR c.status = ?7) " \
	"  AND (?8 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?2 AND code = ?8)) " \
	"  AND (?9 IS NULL OR r.doc_date >= ?9) AND (?10 IS NULL OR r.doc_date <= ?10) " \
	"  AND (?13 IS NULL OR c.unit_id = (SELECT id FROM unit WHERE org_id = ?2 AND code = ?13)) "
#define SEARCH_SELECT \
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, " \
	"  r.legal_ground, r.masked_fields, r.registered_us, NULL, r.seq, s.prefix, c.year, c.seq, " \
	"  snippet(record_fts, ?3, char(1), char(2), '…', 16) " SEARCH_FROM
/* Newest first is registration order, the index's own rowid order: FTS5
 * walks its doclists backwards and stops at the page's end, so a word found
 * in half the registry costs no more than a rare one. */
static const char SQL_SEARCH_NEWEST[] = SEARCH_SELECT
	"ORDER BY record_fts.rowid DESC LIMIT ?11 OFFSET ?12";
/* By relevance: rank every match by bm25 alone, and make snippets only for
 * the page's hits (a snippet costs far more than a score, and a sorter
 * would otherwise make one for every match). */
static const char SQL_SEARCH_RANKED[] =
	/* FTS5 scores every match (bm25) in its own cursor; the filters join
	 * ids and scores only, and the ORDER BY on top decides the page (a
	 * subquery's own order is not a promise SQLite keeps). */
	"WITH ranked AS (SELECT rowid AS id, rank AS score FROM record_fts WHERE record_fts MATCH ?1), "
	"top AS (SELECT ranked.id AS id, ranked.score AS score FROM ranked "
	"  JOIN record r ON r.id = ranked.id JOIN case_file c ON c.id = r.case_id "
	"  JOIN series s ON s.id = c.series_id "
	"  WHERE c.org_id = ?2 AND ?3 = ?3 "
	"  AND (?4 IS NULL OR s.prefix = ?4) AND (?5 = 0 OR c.year >= ?5) AND (?14 = 0 OR c.year <= ?14) "
	"  AND (?6 IS NULL OR r.direction = ?6) AND (?7 IS NULL OR c.status = ?7) "
	"  AND (?8 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?2 AND code = ?8)) "
	"  AND (?9 IS NULL OR r.doc_date >= ?9) AND (?10 IS NULL OR r.doc_date <= ?10) "
	"  AND (?13 IS NULL OR c.unit_id = (SELECT id FROM unit WHERE org_id = ?2 AND code = ?13)) "
	"  ORDER BY ranked.score LIMIT ?11 OFFSET ?12) "
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, "
	"  r.legal_ground, r.masked_fields, r.registered_us, NULL, r.seq, s.prefix, c.year, c.seq, "
	"  snippet(record_fts, ?3, char(1), char(2), '…', 16) "
	"FROM top JOIN record_fts ON record_fts.rowid = top.id JOIN record r ON r.id = top.id "
	"JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"WHERE record_fts MATCH ?1 ORDER BY top.score";
/* ?3, ?11 and ?12 are unused by the facets but bound all the same. */
static const char SQL_COUNT[] =
	"SELECT count(*) " SEARCH_FROM "AND ?3 = ?3 AND ?11 = ?11 AND ?12 = ?12";
static const char SQL_FACETS[] =
	"SELECT 'series', s.prefix, count(*) " SEARCH_FROM "AND ?3 = ?3 AND ?11 = ?11 AND ?12 = ?12 GROUP BY 2 "
	"UNION ALL SELECT 'year', c.year, count(*) " SEARCH_FROM "GROUP BY 2 "
	"UNION ALL SELECT 'direction', r.direction, count(*) " SEARCH_FROM "GROUP BY 2";

/* The query as the index is asked it: confined to the public columns for
 * those who may not read secrets. */
static void effective_query(kansli *k, int64_t org_id, const char *query, buf *q)
{
	if (access_check(k, org_id, ACCESS_READ_SECRET, NULL) == 0)
		buf_adds(q, query);
	else
		buf_printf(q, "{number title case_title party class body files} : (%s)", query);
}

static void bind_search(db_stmt *s, const char *q, int64_t org_id, const char *dir, const search_filter *f)
{
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_text(s, 1, q);
	db_bind_int(s, 2, org_id);
	/* The snippet comes from the column with the most matches; for those
	 * confined to public columns only those hold matches. */
	db_bind_int(s, 3, -1);
	db_bind_text(s, 4, OPT(f->series));
	db_bind_int(s, 5, f->year);
	db_bind_text(s, 6, dir);
	db_bind_text(s, 7, OPT(f->status));
	db_bind_text(s, 8, OPT(f->class_code));
	db_bind_text(s, 9, OPT(f->from));
	db_bind_text(s, 10, OPT(f->to));
	db_bind_int(s, 11, f->limit > 0 ? f->limit : 50);
	db_bind_int(s, 12, f->offset);
	db_bind_text(s, 13, OPT(f->unit));
	db_bind_int(s, 14, f->year_to ? f->year_to : f->year);
#undef OPT
}

/* 1 when a failed search failed on its query (FTS5 could not parse it);
 * a read error, a full disk or a lock is passed on as it is, never blamed
 * on the query. */
static int search_error_is_query(kansli *k)
{
	return !db_error_is_storage(k->db);
}

json_t *search_facets(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	buf q = BUF_INIT;
	effective_query(k, org_id, query ? query : "", &q);
	db_stmt *s = db_prep(k->db, SQL_FACETS, e);
	if (!s) {
		buf_free(&q);
		return NULL;
	}
	bind_search(s, q.s, org_id, dir, f);
	buf_free(&q);
	json_t *out = json_pack("{s:{},s:{},s:{}}", "series", "year", "direction");
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_object_set_new(json_object_get(out, db_col_text(s, 0)), db_col_text(s, 1),
		                    json_integer(db_col_int(s, 2)));
	if (rc < 0) {
		json_decref(out);
		if (search_error_is_query(k))
			kerr_set(e, KERR_INVALID, "the search could not be understood");
		return NULL;
	}
	return out;
}

json_t *search_query(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	if (!query || !*query || strlen(query) > 500) {
		kerr_set(e, KERR_INVALID, "a search needs 1-500 characters");
		return NULL;
	}
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	if (f->direction && *f->direction && !dir) {
		kerr_set(e, KERR_INVALID, "direction must be in, out or internal");
		return NULL;
	}
	buf q = BUF_INIT;
	effective_query(k, org_id, query, &q);
	db_stmt *s = db_prep(k->db, f->relevance ? SQL_SEARCH_RANKED : SQL_SEARCH_NEWEST, e);
	if (!s) {
		buf_free(&q);
		return NULL;
	}
	bind_search(s, q.s, org_id, dir, f);
	buf_free(&q);
	kerr inner = KERR_INIT;
	json_t *hits = record_views_from(k, org_id, s, 15, &inner);
	if (inner.code) {
		json_decref(hits);
		if (search_error_is_query(k))
			kerr_set(e, KERR_INVALID, "the search could not be understood (%s)", inner.msg);
		else
			*e = inner; /* a read error is the storage's, not the reader's */
		return NULL;
	}
	return hits;
}

long long search_count(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return -1;
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	buf q = BUF_INIT;
	effective_query(k, org_id, query, &q);
	db_stmt *s = db_prep(k->db, SQL_COUNT, e);
	if (!s) {
		buf_free(&q);
		return -1;
	}
	bind_search(s, q.s, org_id, dir, f);
	buf_free(&q);
	long long n = db_step(s, e) == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	return n;
}

/* The public registry searches what it shows: numbers, titles, case titles
 * and classification, never parties (a masked name must not be findable)
 * nor the text of documents (that is released on request). */
static const char SQL_PUBLIC_IDS[] =
	"SELECT json_group_array(id) FROM (SELECT record_fts.rowid AS id FROM record_fts "
	"JOIN record r ON r.id = record_fts.rowid JOIN case_file c ON c.id = r.case_id "
	"WHERE record_fts MATCH ?1 AND c.org_id = ?2 ORDER BY record_fts.rowid DESC LIMIT ?3 OFFSET ?4)";

char *search_public_ids(kansli *k, int64_t org_id, const char *query, int limit, int offset, kerr *e)
{
	if (!query || !*query || strlen(query) > 200) {
		kerr_set(e, KERR_INVALID, "a search needs 1-200 characters");
		return NULL;
	}
	buf q = BUF_INIT;
	buf_printf(&q, "{number title case_title class} : (%s)", query);
	db_stmt *s = db_prep(k->db, SQL_PUBLIC_IDS, e);
	if (!s) {
		buf_free(&q);
		return NULL;
	}
	db_bind_text(s, 1, q.s);
	db_bind_int(s, 2, org_id);
	db_bind_int(s, 3, limit);
	db_bind_int(s, 4, offset);
	buf_free(&q);
	char *ids = NULL;
	if (db_step(s, e) == DB_ROW)
		ids = strdup(db_col_text(s, 0));
	else
		kerr_set(e, KERR_INVALID, "the search could not be understood");
	db_done(s);
	return ids;
}
