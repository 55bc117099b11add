/*
 * public.h — the public registry (offentlig diarieförteckning): what the
 * municipality has registered, as OSL 5 kap. 2 § asks — date, number,
 * sender or recipient, what the document concerns — with everything secret
 * left out. No login: these functions decide themselves what is public,
 * and never return a masked field, a personnummer, or a private person's
 * name in a series that masks them.
 */
#ifndef KANSLI_PUBLIC_H
#define KANSLI_PUBLIC_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/kansli.h"

typedef struct public_filter {
	const char *series, *direction, *class_code, *from, *to;
	const char *query;  /* free-text search of the public fields */
	int limit, offset;
} public_filter;

/* Public entries, newest registration first:
 * [{number, case_title, case_title_published?, doc_date, registered, published,
 * direction, party, title, secrecy_notice?, disposed?}] where registered is
 * the registration's time in Swedish time, published the same as RFC 3339
 * UTC (for feeds), disposed the mark "Gallrad <date> enligt <decision>", and
 * case_title_published false when case_title is the text that stands for a
 * title not yet published (casetitle.h, CASE_TITLE_UNPUBLISHED). */
json_t *public_records(kansli *k, int64_t org_id, const public_filter *f, kerr *e);
/* How many entries public_records shows over all pages for f's search
 * (f->query, not empty) and filters: the public's own hits, never a
 * record it cannot see; -1 on error. */
long long public_search_count(kansli *k, int64_t org_id, const public_filter *f, kerr *e);
/* Finds the case a number names, read as people type it: a case number
 * ("KS 2026/0042", "KS 2026/42", "ks 2026/42") or a record number of the
 * case ("KS 2026/0042-3"; *record_seq, may be NULL, gets 3, else 0).
 * KERR_INVALID when text is no such number, KERR_NOTFOUND when the
 * organisation has no such case. */
int public_case_find(kansli *k, int64_t org_id, const char *text, int64_t *case_id, int *record_seq, kerr *e);
/* One case as the public may see it, named by a number as
 * public_case_find reads it: {number, title, title_published?, status,
 * opened_date, class?,
 * class_title?, records: [as public_records, in registration order],
 * decisions: [{kind: "board"|"delegation", board, date, paragraph?,
 * record, title, decision?}]}. The title is the public rendering
 * (skyddad ärendemening, masked names masked); every record and decision
 * is masked exactly as public_records masks it, and a decision's words
 * are left out when its record's body is masked. */
json_t *public_case(kansli *k, int64_t org_id, const char *number, kerr *e);
/* The organisation's name for public headings into name (len bytes); ""
 * when there is none. Returns 0, or the error when it cannot be read (e
 * says why): a heading without the name would be a different page. */
int public_org_name(kansli *k, int64_t org_id, char *name, size_t len, kerr *e);
/* Organisations with a public registry: [{code, name}]. */
json_t *public_organisations(kansli *k, kerr *e);
/* Whether series prefix of org_id masks private persons' names in public
 * (and so publishes a case title only by its public title, casetitle.h):
 * 1, 0 (also when there is no such series: what uses it says so), or a
 * negative KERR_* with e set. */
int series_masks_persons(kansli *k, int64_t org_id, const char *prefix, kerr *e);
/* Sets whether a series masks private persons' names in public. */
int series_set_mask_persons(kansli *k, int64_t org_id, const char *prefix, int on, kerr *e);

#endif
