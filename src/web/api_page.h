/*
 * api_page.h — the API's one list envelope and its cursor pagination.
 *
 * Every list answer is an object with the list under its resource's name
 * ("cases", "records", "hits", ...), whatever else it always had (a
 * total, facets), and "next": the root-relative URL of the next page, or
 * null on the last one; the same URL is in a Link: <...>; rel="next"
 * header. A client pages by following next, and sends ?limit= (1 to
 * 1000) to choose the page's size.
 *
 * The cursor in next is keyset, not an offset: it holds the sort key of
 * the page's last item (for the lists the store pages itself, cases,
 * records, search and events, the key of its order, which may hold the
 * row's id; for the short lists, cut from the list read whole, the members
 * of the item the list is ordered by, and a tie-breaker from the item
 * itself), and the next page is the items of the list, as the caller may
 * see it now, that sort after that key.
 * So rows added before the cursor do not shift the pages after it, and a
 * row removed does not make one be skipped. The page after a cursor is
 * read from the list as the caller may see it: a hidden row is never in
 * it, nor counted. Cursors are sealed (libsodium's secretbox, with a
 * secret derived from the installation's key, kansli_derive_secret): a
 * client can neither read them (a row's id would tell how many rows the
 * installation holds) nor change them, and each is bound to its list and
 * filters: any other is refused with 400 bad_cursor.
 */
#ifndef KANSLI_API_PAGE_H
#define KANSLI_API_PAGE_H

#include <jansson.h>
#include <stddef.h>

#include "web/request.h"

/* What part of an item's member a key reads: the whole value, or a part
 * of a number like "KS 2026/0042-3" (series prefix, year, case sequence,
 * record sequence), so that numbers sort as numbers. */
enum api_key_part { KEY_WHOLE, KEY_PREFIX, KEY_YEAR, KEY_SEQ, KEY_RSEQ };

/* One step of a list's order. */
struct api_order {
	const char *member;
	enum api_key_part part;
	int desc;       /* newest or largest first */
	int nulls_last; /* ascending with null (or absent) after every value */
};

/* How a list is paged. */
struct api_list_spec {
	const char *key;              /* the list's member in the answer, e.g. "cases" */
	const struct api_order *order; /* its order, most significant first */
	size_t norder;
	int default_limit;            /* 0: the whole list unless ?limit= */
	int unique;                   /* no two items share the order's values: they are the key */
};

/* Answers the list items (consumed; NULL: the error in e) paged as spec
 * says after ?cursor= and ?limit= (and the older ?offset=), with the
 * members of extra (consumed; may be NULL) beside it: {key: [...page],
 * ...extra, "next": URL|null}. 400 bad_cursor for a cursor that is not
 * one of this list's. */
enum MHD_Result api_page_reply(request *r, const struct api_list_spec *spec, json_t *items, json_t *extra,
                               const kerr *e);

/* For a list paged by its own store (cases, records, search, audit
 * events: the store reads from the key on, through an index, and gives
 * each row's key): ?limit= into *limit (default dflt) and the key
 * ?cursor= holds into *key (a new reference, NULL on the first page); 0,
 * or -1 with the 400 answer in *ret. Ask the store for limit + 1 rows. */
int api_page_begin(request *r, int dflt, int *limit, json_t **key, enum MHD_Result *ret);
/* Answers such a list: items (consumed; NULL: the error in e) the store
 * read, limit + 1 at most, keys (consumed) their keys, with the members of
 * extra (consumed; may be NULL) beside them; next is made from the key of
 * the page's last item when the store found one more. */
enum MHD_Result api_page_keyed(request *r, const char *member, json_t *items, json_t *keys, int limit,
                               json_t *extra, const kerr *e);

#endif
