/* search.c — queueing, indexing and querying the full-text index; see search.h. */
#include "core/search.h"

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/indexer.h"
#include "core/query.h"
#include "core/records.h"
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
 * indexed; a record still in the queue was never indexed. Both indexes:
 * the secret one holds the record only while it has secret parts, so a
 * record whose secrecy changes moves from one to the other. */
#define FTS_COLUMNS "number, title, case_title, party, class, body, files"
static const char SQL_FORGET_OPEN[] =
	"INSERT INTO record_open_fts(record_open_fts, rowid, " FTS_COLUMNS ") "
	"SELECT 'delete', id, " FTS_COLUMNS " "
	"FROM record_open WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM index_queue WHERE record_id = ?1)";
static const char SQL_FORGET_SECRET[] =
	"INSERT INTO record_secret_fts(record_secret_fts, rowid, " FTS_COLUMNS ") "
	"SELECT 'delete', id, " FTS_COLUMNS " "
	"FROM record_secret WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM index_queue WHERE record_id = ?1)";

/* Runs sql (one parameter, the record) for each of the two indexes. */
static int run_both(kansli *k, const char *open_sql, const char *secret_sql, int64_t record_id, kerr *e)
{
	const char *sql[2] = { open_sql, secret_sql };
	for (int i = 0; i < 2; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, record_id);
		int rc = db_run(s, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* After the indexes are told: the record's public title and body go too
 * (they are rendered again when the record is indexed), so that a text
 * disposed of or corrected lingers nowhere while the record waits in the
 * queue. */
static const char SQL_FORGET_SHOWN_TITLE[] = "DELETE FROM record_title_shown WHERE record_id = ?1";
static const char SQL_FORGET_SHOWN_BODY[] = "DELETE FROM record_body_shown WHERE record_id = ?1";

int search_forget_tx(kansli *k, int64_t record_id, kerr *e)
{
	int rc = run_both(k, SQL_FORGET_OPEN, SQL_FORGET_SECRET, record_id, e);
	return rc ? rc : run_both(k, SQL_FORGET_SHOWN_TITLE, SQL_FORGET_SHOWN_BODY, record_id, e);
}

static const char SQL_PURGE_OPEN[] = "INSERT INTO record_open_fts(record_open_fts) VALUES('optimize')";
static const char SQL_PURGE_SECRET[] = "INSERT INTO record_secret_fts(record_secret_fts) VALUES('optimize')";

int search_purge(kansli *k, kerr *e)
{
	int rc = kansli_begin(k, e);
	const char *sql[2] = { SQL_PURGE_OPEN, SQL_PURGE_SECRET };
	for (int i = 0; i < 2 && !rc; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		rc = s ? db_run(s, e) : KERR_INTERNAL;
	}
	return rc ? kansli_end(k, rc, e) : kansli_commit(k, e);
}

/* Records whose files all have their text: only they are ready to index. */
static const char SQL_NEXT[] =
	"SELECT q.record_id FROM index_queue q WHERE NOT EXISTS (SELECT 1 FROM record_file rf "
	"  WHERE rf.record_id = q.record_id AND rf.superseded_by IS NULL "
	"    AND NOT EXISTS (SELECT 1 FROM file_text ft WHERE ft.hash = rf.hash)) "
	"ORDER BY q.record_id LIMIT ?1";
static const char SQL_INDEX_OPEN[] =
	"INSERT INTO record_open_fts(rowid, " FTS_COLUMNS ") SELECT id, " FTS_COLUMNS " FROM record_open WHERE id = ?1";
static const char SQL_INDEX_SECRET[] =
	"INSERT INTO record_secret_fts(rowid, " FTS_COLUMNS ") SELECT id, " FTS_COLUMNS " FROM record_secret WHERE id = ?1";
static const char SQL_DEQUEUE[] = "DELETE FROM index_queue WHERE record_id = ?1";

/* The open index holds a case's title, and each record's title and body,
 * as the public registry shows them (core/casetitle.c): a protected title's
 * public form, the names of masked parties and personnummer replaced. Those
 * renderings are made in C and kept in case_title_shown, record_title_shown
 * and (a body only where it differs) record_body_shown, which the
 * record_open view reads. A record's are made when it is indexed (it is
 * in the queue then, so in no index). They change when the names the case
 * masks change (a record whose party is masked, a correction of a party or
 * its masking, a series that starts masking persons), which
 * case_title_shown.masks keeps: then, or when the case's title changes,
 * the case's indexed records are taken out with the old renderings and
 * queued again, so the index never holds a text its view no longer gives. */
static const char SQL_RECORD_CASE[] =
	"SELECT r.case_id, r.title, t.body FROM record r LEFT JOIN record_text t ON t.record_id = r.id WHERE r.id = ?1";
static const char SQL_SHOWN_TITLE[] = "SELECT title, masks FROM case_title_shown WHERE case_id = ?1";
static const char SQL_CASE_RECORDS[] = "SELECT id FROM record WHERE case_id = ?1 ORDER BY id";
static const char SQL_SET_SHOWN_TITLE[] =
	"INSERT INTO case_title_shown(case_id, title, masks) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(case_id) DO UPDATE SET title = excluded.title, masks = excluded.masks";
static const char SQL_SET_SHOWN_RECORD_TITLE[] =
	"INSERT INTO record_title_shown(record_id, title) VALUES(?1, ?2) "
	"ON CONFLICT(record_id) DO UPDATE SET title = excluded.title";
static const char SQL_SET_SHOWN_RECORD_BODY[] =
	"INSERT INTO record_body_shown(record_id, body) VALUES(?1, ?2) "
	"ON CONFLICT(record_id) DO UPDATE SET body = excluded.body";
static const char SQL_SERIES_CASES[] = "SELECT id FROM case_file WHERE series_id = ?1 ORDER BY id";

/* Steps s to its end, collecting its first column. 0, or the step's
 * error (nothing collected). */
static int collect_ids(db_stmt *s, int64_t **ids, int *n, kerr *e)
{
	*ids = NULL;
	*n = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		int64_t *grown = realloc(*ids, (size_t)(*n + 1) * sizeof **ids);
		if (!grown)
			abort();
		*ids = grown;
		(*ids)[(*n)++] = db_col_int(s, 0);
	}
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

/* Runs one (a forget or an enqueue) for each id that sql (?1 = id)
 * lists: the records of a case, the cases of a series. */
static int each_id(kansli *k, const char *sql, int64_t id, int (*one)(kansli *, int64_t, kerr *), kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	int64_t *ids;
	int n;
	int rc = collect_ids(s, &ids, &n, e);
	for (int i = 0; i < n && !rc; i++)
		rc = one(k, ids[i], e);
	free(ids);
	return rc;
}

int search_forget_case_tx(kansli *k, int64_t case_id, kerr *e)
{
	return each_id(k, SQL_CASE_RECORDS, case_id, search_forget_tx, e);
}

int search_enqueue_case_tx(kansli *k, int64_t case_id, kerr *e)
{
	return each_id(k, SQL_CASE_RECORDS, case_id, search_enqueue_tx, e);
}

int search_forget_series_tx(kansli *k, int64_t series_id, kerr *e)
{
	return each_id(k, SQL_SERIES_CASES, series_id, search_forget_case_tx, e);
}

int search_enqueue_series_tx(kansli *k, int64_t series_id, kerr *e)
{
	return each_id(k, SQL_SERIES_CASES, series_id, search_enqueue_case_tx, e);
}

static int set_shown_title(kansli *k, int64_t case_id, const char *title, const char *masks, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SET_SHOWN_TITLE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, title);
	db_bind_text(s, 3, masks);
	return db_run(s, e);
}

/* Renders case_id's public title and what its texts mask into shown and
 * masks. 0 or KERR_*. */
static int render_case(kansli *k, int64_t case_id, buf *shown, buf *masks, kerr *e)
{
	int rc = case_title_render(k, case_id, CASE_TITLE_PUBLIC, shown, NULL, e);
	return rc ? rc : case_public_masks(k, case_id, masks, e);
}

/* Keeps record_id's title as the public sees it (title in case_id), and
 * its body (NULL: none) where the public sees it otherwise; the record must
 * be in no index (queued, or being rebuilt). */
static int set_shown_record_texts(kansli *k, int64_t record_id, int64_t case_id, const char *title,
                                  const char *body, kerr *e)
{
	buf shown = BUF_INIT;
	int rc = case_text_public(k, case_id, title, &shown, e);
	db_stmt *s = rc ? NULL : db_prep(k->db, SQL_SET_SHOWN_RECORD_TITLE, e);
	if (!rc && !s)
		rc = KERR_INTERNAL;
	if (s) {
		db_bind_int(s, 1, record_id);
		db_bind_text(s, 2, shown.s);
		rc = db_run(s, e);
	}
	if (!rc && body)
		rc = case_text_public(k, case_id, body, &shown, e);
	/* A body the public would see as it stands has no row: the view
	 * reads the body itself (and bodies are long). */
	int differs = !rc && body && strcmp(shown.s, body);
	if (!rc)
		s = db_prep(k->db, differs ? SQL_SET_SHOWN_RECORD_BODY : SQL_FORGET_SHOWN_BODY, e);
	if (!rc && !s)
		rc = KERR_INTERNAL;
	if (!rc) {
		db_bind_int(s, 1, record_id);
		if (differs)
			db_bind_text(s, 2, shown.s);
		rc = db_run(s, e);
	}
	buf_free(&shown);
	return rc;
}

/* Brings case_id's rendered title and masks up to date, inside the open
 * transaction. */
static int refresh_case_title(kansli *k, int64_t case_id, kerr *e)
{
	buf shown = BUF_INIT, masks = BUF_INIT;
	int rc = render_case(k, case_id, &shown, &masks, e);
	db_stmt *s = rc ? NULL : db_prep(k->db, SQL_SHOWN_TITLE, e);
	if (!rc && !s)
		rc = KERR_INTERNAL;
	int same = 0, known = 0;
	if (s) {
		db_bind_int(s, 1, case_id);
		int step = db_step(s, e);
		if (step < 0)
			rc = step;
		known = step == DB_ROW;
		same = known && !strcmp(db_col_text(s, 0), shown.s) && !strcmp(db_col_text(s, 1), masks.s);
		db_done(s);
	}
	/* A case never rendered has no records in the index yet. */
	if (!rc && !same && known)
		rc = search_forget_case_tx(k, case_id, e);
	if (!rc && !same)
		rc = set_shown_title(k, case_id, shown.s, masks.s, e);
	if (!rc && !same && known)
		rc = search_enqueue_case_tx(k, case_id, e);
	buf_free(&shown);
	buf_free(&masks);
	return rc;
}

/* Before record_id (queued) is indexed: its case's renderings brought up
 * to date (once per case in a row, *last_case) and its own title rendered. */
static int refresh_record_titles(kansli *k, int64_t record_id, int64_t *last_case, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_RECORD_CASE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW) {
		db_done(s);
		return 0; /* gone: its index entries went with it */
	}
	int64_t case_id = db_col_int(s, 0);
	int has_body = !db_col_null(s, 2);
	char *title = strdup(db_col_text(s, 1)), *body = has_body ? strdup(db_col_text(s, 2)) : NULL;
	db_done(s);
	if (!title || (has_body && !body))
		abort();
	rc = 0;
	if (case_id != *last_case) { /* a batch is mostly one case's records in a row */
		*last_case = case_id;
		rc = refresh_case_title(k, case_id, e);
	}
	if (!rc)
		rc = set_shown_record_texts(k, record_id, case_id, title, body, e);
	free(title);
	free(body);
	return rc;
}

/* Extracts the text of queued records' files, outside any transaction:
 * extraction is slow and runs in child processes, fairly scheduled
 * (core/indexer.c; in the server its worker pool does this instead). */
static int extract_pending(kansli *k, int max, int *extracted, kerr *e)
{
	return indexer_extract_pending(k, max, extracted, e);
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
	db_done(s);
	if (rc < 0) {
		db_rollback(k->db);
		return rc;
	}
	int64_t last_case = 0;
	for (int i = 0; i < n; i++) {
		db_stmt *del = NULL;
		if ((rc = refresh_record_titles(k, ids[i], &last_case, e)) ||
		    (rc = run_both(k, SQL_INDEX_OPEN, SQL_INDEX_SECRET, ids[i], e)) ||
		    !(del = db_prep(k->db, SQL_DEQUEUE, e))) {
			db_rollback(k->db);
			return rc ? rc : KERR_INTERNAL;
		}
		db_bind_int(del, 1, ids[i]);
		if ((rc = db_run(del, e))) {
			db_rollback(k->db);
			return rc;
		}
	}
	if ((rc = db_commit(k->db, e)))
		return rc;
	*done = n + extracted; /* progress, so callers draining the queue go on */
	return 0;
}

static const char SQL_ALL_CASES[] = "SELECT id FROM case_file ORDER BY id";
static const char SQL_ALL_RECORDS[] = "SELECT id FROM record ORDER BY id";

/* Before a rebuild reads the open view: every case's title and every
 * record's rendered anew. */
static int render_all_titles(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ALL_CASES, e);
	if (!s)
		return KERR_INTERNAL;
	int64_t *ids;
	int n;
	int rc = collect_ids(s, &ids, &n, e);
	for (int i = 0; i < n && !rc; i++) {
		buf shown = BUF_INIT, masks = BUF_INIT;
		if ((rc = render_case(k, ids[i], &shown, &masks, e)) == 0)
			rc = set_shown_title(k, ids[i], shown.s, masks.s, e);
		buf_free(&shown);
		buf_free(&masks);
	}
	free(ids);
	if (rc || !(s = db_prep(k->db, SQL_ALL_RECORDS, e)))
		return rc ? rc : KERR_INTERNAL;
	if ((rc = collect_ids(s, &ids, &n, e)))
		return rc;
	int64_t last_case = 0;
	for (int i = 0; i < n && !rc; i++)
		rc = refresh_record_titles(k, ids[i], &last_case, e);
	free(ids);
	return rc;
}

int search_rebuild(kansli *k, kerr *e)
{
	int rc = db_begin(k->db, e);
	if (rc)
		return rc;
	if ((rc = render_all_titles(k, e)) ||
	    (rc = db_exec(k->db, "INSERT INTO record_open_fts(record_open_fts) VALUES('rebuild');"
	                         "INSERT INTO record_secret_fts(record_secret_fts) VALUES('rebuild');"
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
	/* count(*) always gives a row: no row is as wrong as a failed read */
	long long n = rc == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	if (rc == DB_DONE)
		kerr_set(e, KERR_INTERNAL, "a count gave no row");
	return n;
}

/*
 * Querying. The user's text is parsed (core/query.h) and the MATCH
 * expression generated from the tree; it runs on two indexes, and a record
 * is looked for in only one of them:
 *   record_open_fts   records the actor may not read in full (no secret
 *                     parts, or not entitled to them): the text a reader
 *                     without the right sees, masked fields absent;
 *   record_secret_fts records with secret parts the actor is entitled to
 *                     (ACCESS_SECRET_SQL): their full text.
 * A lone identity number also finds the records whose party has it, where
 * the actor may see that party. Each hit's snippet comes from the index it
 * was found in, so it holds only text the actor may see.
 *
 * Parameters: ?1 MATCH expression, ?2 organisation, ?3 the actor's user id,
 * ?4-?10, ?13, ?14 the filters, ?11/?12 limit and offset, ?15/?16 the lone
 * identity number as personnummer / organisationsnummer (else NULL), ?17 1
 * when the actor may read secrets anywhere in the organisation.
 */
#define ENTITLED ACCESS_SECRET_SQL("3")
#define JOIN_RECORD(ROWID) \
	" JOIN record r ON r.id = " ROWID " JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
#define FILTERS \
	" AND c.org_id = ?2 " \
	" AND (?4 IS NULL OR s.prefix = ?4) AND (?5 = 0 OR c.year >= ?5) AND (?14 = 0 OR c.year <= ?14) " \
	" AND (?6 IS NULL OR r.direction = ?6) AND (?7 IS NULL OR c.status = ?7) " \
	" AND (?8 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?2 AND code = ?8)) " \
	" AND (?9 IS NULL OR r.doc_date >= ?9) AND (?10 IS NULL OR r.doc_date <= ?10) " \
	" AND (?13 IS NULL OR c.unit_id = (SELECT id FROM unit WHERE org_id = ?2 AND code = ?13)) "
/* Which records the secret index holds: as the view record_secret says
 * (store/schema.c), the records with secret parts, those of cases whose
 * title the public sees otherwise (a public title, masked names, a title
 * not published) and those whose own title or body the public sees masked.
 * Each record is found in one index only, by each actor. */
#define IN_SECRET_INDEX \
	" (r.secrecy <> 'none' " \
	"  OR c.title <> coalesce((SELECT ct.title FROM case_title_shown ct WHERE ct.case_id = c.id), c.title) " \
	"  OR r.title <> coalesce((SELECT rt.title FROM record_title_shown rt WHERE rt.record_id = r.id), r.title) " \
	"  OR EXISTS (SELECT 1 FROM record_body_shown rb WHERE rb.record_id = r.id)) "
#define OPEN_VISIBLE " (NOT " IN_SECRET_INDEX " OR NOT " ENTITLED ") "
#define SECRET_VISIBLE " (" IN_SECRET_INDEX " AND " ENTITLED ") "
/* ?18 is the newest-first keyset: hits registered before the record it
 * names (the last of the page before; past every record when there is
 * none), a range of each index's own rowid. */
#define FROM_OPEN \
	" FROM record_open_fts " JOIN_RECORD("record_open_fts.rowid") \
	" WHERE record_open_fts MATCH ?1 AND record_open_fts.rowid < ?18 AND " OPEN_VISIBLE FILTERS
/* ?17 is 0 when the actor holds no right to read secrets at all: then the
 * secret index is not read (SQLite tests a term of parameters alone once,
 * before the loop), instead of walking every secret match to refuse each. */
#define FROM_SECRET \
	" FROM record_secret_fts " JOIN_RECORD("record_secret_fts.rowid") \
	" WHERE ?17 AND record_secret_fts MATCH ?1 AND record_secret_fts.rowid < ?18 AND " SECRET_VISIBLE FILTERS
/* The party is seen when it is not masked or the actor is entitled
 * (access.h); a record the text search finds already is not counted twice. */
#define FROM_PARTY \
	" FROM party p JOIN record r ON r.party_id = p.id JOIN case_file c ON c.id = r.case_id " \
	" JOIN series s ON s.id = c.series_id " \
	" WHERE (?15 IS NOT NULL OR ?16 IS NOT NULL) AND p.org_id = ?2 AND r.id < ?18 " \
	"  AND ((p.kind = 'person' AND p.idnum = ?15) OR (p.kind = 'organisation' AND p.idnum = ?16)) " \
	"  AND " ACCESS_FIELD_SQL("party", "3") FILTERS \
	"  AND NOT EXISTS (SELECT 1 FROM record_open_fts WHERE record_open_fts MATCH ?1 " \
	"    AND record_open_fts.rowid = r.id AND " OPEN_VISIBLE ") " \
	"  AND NOT EXISTS (SELECT 1 FROM record_secret_fts WHERE record_secret_fts MATCH ?1 " \
	"    AND record_secret_fts.rowid = r.id AND " SECRET_VISIBLE ") "
/* Columns 0-14 as record_views_from wants them (0 as the index's rowid, so
 * that each arm is read in the index's own order), 15 the snippet. */
#define HIT_COLUMNS(ID) \
	"SELECT " ID ", r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, " \
	"  r.legal_ground, r.masked_fields, r.registered_us, NULL, r.seq, s.prefix, c.year, c.seq, "
/* kansli_snippet (store/fts_snippet.h): FTS5's snippet() takes seconds to
 * minutes over a document holding the word thousands of times. */
#define SNIPPET(T) "kansli_snippet(" T ", -1, char(1), char(2), '…', 16)"
#define PARTY_SNIPPET "char(1) || coalesce(r.party_name, '') || char(2)"

/* Newest first is registration order, each index's own rowid order: FTS5
 * walks its doclists backwards and the merge of the arms stops at the
 * page's end, so a word found in half the registry costs no more than a
 * rare one. */
static const char SQL_SEARCH_NEWEST[] =
	HIT_COLUMNS("record_open_fts.rowid") SNIPPET("record_open_fts") FROM_OPEN
	"UNION ALL " HIT_COLUMNS("record_secret_fts.rowid") SNIPPET("record_secret_fts") FROM_SECRET
	"UNION ALL " HIT_COLUMNS("r.id") PARTY_SNIPPET FROM_PARTY
	"ORDER BY 1 DESC LIMIT ?11 OFFSET ?12";
/* By relevance: rank every match by bm25 alone, and make snippets only for
 * the page's hits (a snippet costs far more than a score), each from the
 * index its hit came from. Scores of the two indexes are both bm25 over
 * the same columns; a party match ranks after text matches. */
static const char SQL_SEARCH_RANKED[] =
	"WITH top(id, score, source) AS ("
	"  SELECT record_open_fts.rowid, record_open_fts.rank, 0 " FROM_OPEN
	"  UNION ALL SELECT record_secret_fts.rowid, record_secret_fts.rank, 1 " FROM_SECRET
	"  UNION ALL SELECT r.id, 0, 2 " FROM_PARTY
	"  ORDER BY 2, 1 DESC LIMIT ?11 OFFSET ?12) " /* equal scores newest first, as below: pages stay apart */
	HIT_COLUMNS("r.id")
	"  CASE top.source "
	"    WHEN 0 THEN (SELECT " SNIPPET("record_open_fts") " FROM record_open_fts "
	"      WHERE record_open_fts MATCH ?1 AND record_open_fts.rowid = top.id) "
	"    WHEN 1 THEN (SELECT " SNIPPET("record_secret_fts") " FROM record_secret_fts "
	"      WHERE record_secret_fts MATCH ?1 AND record_secret_fts.rowid = top.id) "
	"    ELSE " PARTY_SNIPPET " END "
	"FROM top JOIN record r ON r.id = top.id JOIN case_file c ON c.id = r.case_id "
	"JOIN series s ON s.id = c.series_id ORDER BY top.score, top.id DESC";
/* ?11 and ?12 are unused by the counts but bound all the same. */
static const char SQL_COUNT[] =
	"SELECT (SELECT count(*) " FROM_OPEN ") + (SELECT count(*) " FROM_SECRET ") "
	"  + (SELECT count(*) " FROM_PARTY ") WHERE ?11 = ?11 AND ?12 = ?12";
static const char SQL_FACETS[] =
	"WITH hit(prefix, year, direction) AS ("
	"  SELECT s.prefix, c.year, r.direction " FROM_OPEN
	"  UNION ALL SELECT s.prefix, c.year, r.direction " FROM_SECRET
	"  UNION ALL SELECT s.prefix, c.year, r.direction " FROM_PARTY ") "
	"SELECT 'series', prefix, count(*) FROM hit WHERE ?11 = ?11 AND ?12 = ?12 GROUP BY 2 "
	"UNION ALL SELECT 'year', year, count(*) FROM hit GROUP BY 2 "
	"UNION ALL SELECT 'direction', direction, count(*) FROM hit GROUP BY 2";

/* A parsed query, ready to bind. */
typedef struct prepared_query {
	buf match;
	const char *person, *org; /* a lone identity number, else NULL */
	query_tree tree;
} prepared_query;

/* Parses text and generates the MATCH expression (confined to columns
 * when not NULL). 0, or KERR_INVALID with the parser's message. */
static int prepare_query(const char *text, const char *columns, prepared_query *pq, kerr *e)
{
	char today[11];
	time_today(today);
	pq->match = (buf)BUF_INIT;
	pq->person = pq->org = NULL;
	int rc = query_parse(text, today, &pq->tree, e);
	if (rc)
		return rc;
	query_fts5(&pq->tree, columns, &pq->match);
	if (!query_idnum(&pq->tree, &pq->person, &pq->org))
		pq->person = pq->org = NULL;
	return 0;
}

static void bind_search(kansli *k, db_stmt *s, const prepared_query *pq, int64_t org_id, const char *dir,
                        const search_filter *f, int may_read_secret, int64_t before_id)
{
	db_bind_int(s, 18, before_id);
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_text(s, 1, pq->match.s);
	db_bind_int(s, 2, org_id);
	db_bind_int(s, 3, k->user_id);
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
	db_bind_text(s, 15, pq->person);
	db_bind_text(s, 16, pq->org);
	/* A shortcut only: which secret records are searched is decided per
	 * case by ACCESS_SECRET_SQL, which never reaches beyond this right. */
	db_bind_int(s, 17, may_read_secret);
#undef OPT
}

/* What every staff search checks first: the right to read, the direction,
 * the query. Returns the statement for sql, bound, or NULL with e set. */
static db_stmt *search_begin(kansli *k, int64_t org_id, const char *text, const search_filter *f,
                             const char *sql, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	if (f->direction && *f->direction && !dir) {
		kerr_set(e, KERR_INVALID, "direction must be in, out or internal");
		return NULL;
	}
	int secret = access_may(k, org_id, ACCESS_READ_SECRET, e);
	if (secret < 0)
		return NULL;
	prepared_query pq;
	if (prepare_query(text, NULL, &pq, e))
		return NULL;
	/* only the newest-first list pages by key: counts and facets count
	 * every hit */
	json_t *id = json_array_get(f->after, 0);
	int keyed = sql == SQL_SEARCH_NEWEST && f->after;
	if (keyed && (json_array_size(f->after) != 1 || !json_is_integer(id))) {
		buf_free(&pq.match);
		kerr_field(e, KERR_INVALID, "cursor", KWHY_FORMAT, "the cursor is not one of the search");
		return NULL;
	}
	db_stmt *s = db_prep(k->db, sql, e);
	if (s)
		bind_search(k, s, &pq, org_id, dir, f, secret, keyed ? json_integer_value(id) : INT64_MAX);
	buf_free(&pq.match);
	return s;
}

json_t *search_facets(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	db_stmt *s = search_begin(k, org_id, query, f, SQL_FACETS, e);
	if (!s)
		return NULL;
	json_t *out = json_pack("{s:{},s:{},s:{}}", "series", "year", "direction");
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_object_set_new(json_object_get(out, db_col_text(s, 0)), db_col_text(s, 1),
		                    json_integer(db_col_int(s, 2)));
	db_done(s);
	if (rc < 0) {
		json_decref(out);
		return NULL;
	}
	return out;
}

json_t *search_query(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	db_stmt *s = search_begin(k, org_id, query, f, f->relevance ? SQL_SEARCH_RANKED : SQL_SEARCH_NEWEST, e);
	if (!s)
		return NULL;
	/* record_views_from logs every hit whose secret parts it shows (the
	 * hits of the secret index) as record.read_secret. */
	kerr inner = KERR_INIT;
	json_t *ids = f->keys && !f->relevance ? json_array() : NULL;
	json_t *hits = record_views_keyed(k, org_id, s, 15, ids, &inner);
	for (size_t i = 0; hits && ids && i < json_array_size(ids); i++)
		json_array_append_new(f->keys, json_pack("[O]", json_array_get(ids, i)));
	json_decref(ids);
	if (inner.code) {
		json_decref(hits);
		kerr_set(e, inner.code, "%s", inner.msg);
		return NULL;
	}
	return hits;
}

long long search_count(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	db_stmt *s = search_begin(k, org_id, query, f, SQL_COUNT, e);
	if (!s)
		return -1;
	int rc = db_step(s, e);
	/* count(*) always gives a row: no row is as wrong as a failed read */
	long long n = rc == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	if (rc == DB_DONE)
		kerr_set(e, KERR_INTERNAL, "a count gave no row");
	return n;
}

static const char SQL_CASE_BY_NUMBER[] =
	"SELECT 1 FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND s.prefix = ?2 AND c.year = ?3 AND c.seq = ?4";

int search_names_case(kansli *k, int64_t org_id, const char *query, char number[CASENUM_MAX], kerr *e)
{
	char today[11];
	time_today(today);
	query_tree q;
	casenum n;
	if (access_check(k, org_id, ACCESS_READ, e))
		return -1;
	if (query_parse(query, today, &q, NULL) || !query_case_number(&q, &n))
		return 0;
	db_stmt *s = db_prep(k->db, SQL_CASE_BY_NUMBER, e);
	if (!s)
		return -1;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n.prefix);
	db_bind_int(s, 3, n.year);
	db_bind_int(s, 4, n.seq);
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return -1;
	if (rc == DB_ROW)
		casenum_format_case(number, n.prefix, n.year, n.seq);
	return rc == DB_ROW;
}

/* The public registry searches what it shows: numbers, titles, case titles
 * and classification of the open index, never parties (a masked name must
 * not be findable) nor the text of documents (that is released on
 * request). The column set is ours, around the generated expression. */
static const char SQL_PUBLIC_IDS[] =
	"SELECT json_group_array(id) FROM (SELECT record_open_fts.rowid AS id FROM record_open_fts "
	"JOIN record r ON r.id = record_open_fts.rowid JOIN case_file c ON c.id = r.case_id "
	"WHERE record_open_fts MATCH ?1 AND c.org_id = ?2 ORDER BY record_open_fts.rowid DESC LIMIT ?3 OFFSET ?4)";

char *search_public_ids(kansli *k, int64_t org_id, const char *query, int limit, int offset, kerr *e)
{
	prepared_query pq;
	if (prepare_query(query, "{number title case_title class}", &pq, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_PUBLIC_IDS, e);
	if (!s) {
		buf_free(&pq.match);
		return NULL;
	}
	db_bind_text(s, 1, pq.match.s);
	db_bind_int(s, 2, org_id);
	db_bind_int(s, 3, limit);
	db_bind_int(s, 4, offset);
	buf_free(&pq.match);
	char *ids = NULL;
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		ids = strdup(db_col_text(s, 0));
	else if (rc == DB_DONE)
		kerr_set(e, KERR_INTERNAL, "the public search returned no result row");
	db_done(s);
	return ids;
}

/* The public search's total: the hits of SQL_PUBLIC_IDS (the open index,
 * the public's columns) that the registry's filters keep, so the number
 * is that of the rows the public is shown over all pages, never of rows
 * it cannot see. Kept apart from the indexing and the page query. */
static const char SQL_PUBLIC_COUNT[] =
	"SELECT count(*) FROM record_open_fts JOIN record r ON r.id = record_open_fts.rowid "
	"JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"WHERE record_open_fts MATCH ?1 AND c.org_id = ?2 AND (?3 IS NULL OR s.prefix = ?3) "
	"  AND (?4 IS NULL OR r.direction = ?4) "
	"  AND (?5 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?2 AND code = ?5)) "
	"  AND (?6 IS NULL OR r.doc_date >= ?6) AND (?7 IS NULL OR r.doc_date <= ?7)";

long long search_public_count(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e)
{
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	if (f->direction && *f->direction && !dir) {
		kerr_set(e, KERR_INVALID, "direction must be in, out or internal");
		return -1;
	}
	prepared_query pq;
	if (prepare_query(query, "{number title case_title class}", &pq, e))
		return -1;
	db_stmt *s = db_prep(k->db, SQL_PUBLIC_COUNT, e);
	if (!s) {
		buf_free(&pq.match);
		return -1;
	}
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_text(s, 1, pq.match.s);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, OPT(f->series));
	db_bind_text(s, 4, dir);
	db_bind_text(s, 5, OPT(f->class_code));
	db_bind_text(s, 6, OPT(f->from));
	db_bind_text(s, 7, OPT(f->to));
#undef OPT
	buf_free(&pq.match);
	int rc = db_step(s, e);
	/* count(*) always gives a row: no row is as wrong as a failed read */
	long long n = rc == DB_ROW ? db_col_int(s, 0) : -1;
	db_done(s);
	if (rc == DB_DONE)
		kerr_set(e, KERR_INTERNAL, "a count gave no row");
	return n;
}
