/*
 * cases.h — cases (ärenden): opened with a number from their series and
 * year, worked by an officer, decided, closed (and reopened, logged).
 */
#ifndef KANSLI_CASES_H
#define KANSLI_CASES_H

#include <jansson.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"

typedef struct case_new {
	const char *series;      /* prefix, required */
	int year;                /* 0: this year (Swedish time) */
	int seq;                 /* 0: allocate the next number; import keeps its own */
	const char *title;
	const char *class_code;  /* optional */
	const char *unit;        /* optional unit code */
	const char *officer;     /* optional username */
	const char *officer_name;/* optional free text (imported registries) */
	const char *due_date;    /* optional YYYY-MM-DD */
	const char *opened_date; /* optional YYYY-MM-DD, default today */
	const char *public_title;/* optional: what public views show (skyddad
	                          * ärendemening); NULL/"" = the title is public */
} case_new;

/* Opens a case inside the open transaction; fills id and number. */
int case_open_tx(kansli *k, int64_t org_id, const case_new *c, int64_t *case_id,
                 char number[CASENUM_MAX], kerr *e);
int case_open(kansli *k, int64_t org_id, const case_new *c, char number[CASENUM_MAX], kerr *e);

/* Finds a case by its number ("KS 2026/0042") in an organisation. */
int case_find(kansli *k, int64_t org_id, const char *number, int64_t *case_id, kerr *e);
int case_find_parsed(kansli *k, int64_t org_id, const casenum *n, int64_t *case_id, kerr *e);

/* Status changes: "decided", "closed", or "open" (reopen: reason required). */
int case_set_status(kansli *k, int64_t org_id, const char *number, const char *status,
                    const char *reason, kerr *e);
/* The same; closing with closed_date (YYYY-MM-DD, not in the future, not
 * before the case opened) records that day instead of today. */
int case_set_status_on(kansli *k, int64_t org_id, const char *number, const char *status,
                       const char *reason, const char *closed_date, kerr *e);
/* Closing a case whose decision can still be appealed (core/appeal.h) is
 * refused with KERR_CONFLICT, field "confirm", unless appeal_confirmed;
 * case_set_status and case_set_status_on never confirm. */
int case_set_status_confirmed(kansli *k, int64_t org_id, const char *number, const char *status,
                              const char *reason, const char *closed_date, int appeal_confirmed, kerr *e);
int case_assign(kansli *k, int64_t org_id, const char *number, const char *username, kerr *e);
int case_set_due(kansli *k, int64_t org_id, const char *number, const char *date, kerr *e);

/* Corrects a case's title and/or public title (NULL = unchanged; a
 * public_title of "" removes it, making the title public again). Needs a
 * reason; the event holds the old and the new values. Records of the case
 * are re-indexed, and agenda items of meetings not yet adjusted that carried
 * the old title get the new public rendering. */
int case_correct(kansli *k, int64_t org_id, const char *number, const char *title,
                 const char *public_title, const char *reason, kerr *e);

/* A note on a case (working notes, not a record): 1-CASE_NOTE_MAX
 * characters, on as many lines as it needs. */
#define CASE_NOTE_MAX 4000
int case_add_note(kansli *k, int64_t org_id, const char *number, const char *text, kerr *e);
/* Links two cases of the organisation, both ways. */
int case_link(kansli *k, int64_t org_id, const char *number, const char *other, kerr *e);

/* The case with its records (secret fields masked unless the actor may
 * read them; such reads are logged) and its audit trail. New reference. */
json_t *case_show(kansli *k, int64_t org_id, const char *number, kerr *e);

typedef struct case_filter {
	const char *status, *series, *officer, *unit, *class_code;
	const char *from, *to; /* opening date range, YYYY-MM-DD */
	const char *sort;      /* "opened" (default, newest first), "number", "due", "title" */
	int year;
	int limit, offset;
	/* Keyset paging (the API's cursors, web/api_page.h): after is the key
	 * of the last row of the page before, as keys gave it (NULL: from the
	 * first row; a key of another order is KERR_INVALID); keys, when not
	 * NULL, gets each row's key appended, an array of the sort's values
	 * and the case's id. */
	const json_t *after;
	json_t *keys;
} case_filter;
/* Cases matching f, newest first unless sorted otherwise; *total (may be
 * NULL) gets the number of matches for paging. */
json_t *case_list(kansli *k, int64_t org_id, const case_filter *f, int64_t *total, kerr *e);

/* The start page of a user: their open cases, overdue and upcoming due
 * dates, incoming records in cases nobody is assigned to. */
json_t *case_overview(kansli *k, int64_t org_id, const char *username, kerr *e);

#endif
