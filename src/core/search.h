/*
 * search.h — full-text search over the registry: numbers, titles, case
 * titles, parties, classification and the text of records, with Swedish
 * stemming (store/fts_swedish.c) and prefix indexes.
 *
 * Registration only queues a record (index_queue): indexing happens after,
 * in batches, so registering never waits for it.
 *
 * Queries are kansli's own language (core/query.h), never FTS5 syntax.
 * Secrecy holds by structure: one index holds each record as a reader
 * without the secrecy right sees it, masked fields absent; another holds
 * the full text of records with secret parts and is searched only for the
 * records the actor may read in full (ACCESS_SECRET_SQL). Snippets come
 * from the index a hit was found in.
 */
#ifndef KANSLI_SEARCH_H
#define KANSLI_SEARCH_H

#include <jansson.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"

/* Queues a record for (re)indexing, inside the open transaction. */
int search_enqueue_tx(kansli *k, int64_t record_id, kerr *e);
/* Takes an indexed record out of the index before its fields change. */
int search_forget_tx(kansli *k, int64_t record_id, kerr *e);
/* Rewrites both indexes whole, in a transaction of its own, so that what
 * was forgotten is gone from them: a forgotten record's words stay in the
 * index's older segments, marked deleted by a newer one, until the two are
 * merged. For disposal, which destroys; it costs a rewrite of the whole
 * index (docs/ARCHITECTURE.md). 0 or KERR_*. */
int search_purge(kansli *k, kerr *e);
/* The same for every record of a case, whose title is about to change
 * (forget) or has changed (enqueue): forget them all before the change,
 * queue them all after it. */
int search_forget_case_tx(kansli *k, int64_t case_id, kerr *e);
int search_enqueue_case_tx(kansli *k, int64_t case_id, kerr *e);
/* The same for every case of a series, whose masking of persons is about
 * to change (forget) or has changed (enqueue). */
int search_forget_series_tx(kansli *k, int64_t series_id, kerr *e);
int search_enqueue_series_tx(kansli *k, int64_t series_id, kerr *e);
/* Extracts the text of queued records' files (in a limited child process)
 * and indexes up to max ready records in one transaction; *done gets the
 * work done (0: nothing left that can progress). */
int search_index_pending(kansli *k, int max, int *done, kerr *e);
/* Rebuilds the whole index from the registry. */
int search_rebuild(kansli *k, kerr *e);
/* Records waiting to be indexed; -1 when that cannot be read (e says why). */
long long search_pending(kansli *k, kerr *e);

typedef struct search_filter {
	const char *series, *direction, *status, *class_code, *unit, *from, *to;
	int year;       /* from this case year (0: any) */
	int year_to;    /* to this one (0: the same as year) */
	int relevance;  /* 0: newest first (registration order) */
	int limit, offset;
	/* Keyset paging of the newest-first order (the API's cursors,
	 * web/api_page.h): after is the key of the last hit of the page
	 * before, as keys gave it ([record id]; NULL: from the first hit;
	 * another shape is KERR_INVALID); keys, when not NULL, gets each
	 * hit's key appended. By relevance both are ignored. */
	const json_t *after;
	json_t *keys;
} search_filter;

/* Hits: [{number, title, doc_date, direction, party, snippet}] where the
 * snippet marks matches with \x01 ... \x02. KERR_INVALID (with the
 * parser's message, see query_parse) for a query that cannot be searched.
 * Hits whose secret parts are shown are logged as record.read_secret. */
json_t *search_query(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e);

/* The number of hits of query with f's filters; -1 on error. */
long long search_count(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e);

/* 1 when query is one case or record number of an existing case of the
 * organisation, its case number in number; 0 when not; -1 on error. */
int search_names_case(kansli *k, int64_t org_id, const char *query, char number[CASENUM_MAX], kerr *e);

/* Ids of public-registry hits as a JSON array text (malloc'd), newest
 * first; only numbers, titles, case titles and classification are searched. */
char *search_public_ids(kansli *k, int64_t org_id, const char *query, int limit, int offset, kerr *e);

/* The number of rows the public registry shows over all its pages for
 * query with f's series, direction, class and date filters (the open
 * index's public columns, as search_public_ids); -1 on error (KERR_INVALID
 * for a query that cannot be searched). */
long long search_public_count(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e);

/* Counts of the hits of query (with f's filters) by series, year and
 * direction: {"series":{"KS":12,..},"year":{..},"direction":{..}}. */
json_t *search_facets(kansli *k, int64_t org_id, const char *query, const search_filter *f, kerr *e);

#endif
