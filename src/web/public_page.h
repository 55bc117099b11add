/*
 * public_page.h — what the public pages (the registry, a public case, the
 * notice board) share: the rate limit and ?org= every one starts with,
 * caching by a hash of the answer, Atom feeds, the address of a public
 * case, and the cells of tables that stack on a phone.
 */
#ifndef KANSLI_PUBLIC_PAGE_H
#define KANSLI_PUBLIC_PAGE_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>

#include "util/buf.h"
#include "web/request.h"

/* A public page's answer (body consumed): public caching and, for a 200,
 * an ETag that is a hash of the body, answered with a bodiless 304 when
 * the client's If-None-Match names it. Nothing else validates a public
 * answer: no Last-Modified (page_public.c says why). */
enum MHD_Result public_send_cached(request *r, unsigned status, const char *type, buf *body);
/* 1 when the client is over its rate limit; *ret then holds the 429
 * answer: a Swedish page, or JSON for data.json and the API. */
int public_limited(request *r, enum MHD_Result *ret);
/* The organisation a public page is about: ?org=CODE, required. */
int public_org(request *r, int64_t *org_id, kerr *e);
/* The start every public page shares: the rate limit, then ?org=. 0 to go
 * on; 1 when *ret holds the answer (429, or the error page). */
int public_open(request *r, int64_t *org_id, enum MHD_Result *ret);
/* An Atom feed being written (libxml2's buffer and writer). */
struct public_feed {
	struct _xmlBuffer *xb;
	struct _xmlTextWriter *w;
};
/* Starts a feed: <feed xml:lang="sv"> with its id, title, updated, a link
 * to the page it mirrors (when self is not NULL) and its author. Entries
 * are then written through f->w. */
void public_feed_begin(struct public_feed *f, const char *id, const char *title, const char *updated,
                       const char *self, const char *author);
/* "http[s]://HOST" of the address the client asked for, for the absolute
 * links of feeds. */
void public_base_url(buf *b, request *r);
/* <link rel="alternate" href="HREF"/> */
void public_feed_link(struct public_feed *f, const char *href);
/* A feed's <updated> is its newest entry's; a feed with no entries has
 * this one, the epoch: nothing in it was ever updated, and any other time
 * (the clock, the installation's last write) would tell the public about
 * something the feed does not show. */
#define PUBLIC_FEED_EMPTY_UPDATED "1970-01-01T00:00:00Z"
/* The newest "published" of rows (their time of publication, never of a
 * later change, which would tell when staff worked), or
 * PUBLIC_FEED_EMPTY_UPDATED: a feed's <updated>. Borrowed from rows. */
const char *public_feed_updated(json_t *rows);
/* One <entry>: its id, title, published time (also its <updated>), the
 * link to its page and a summary. */
void public_feed_entry(struct public_feed *f, const char *id, const char *title, const char *published,
                       const char *link, const char *summary);
/* Ends the feed and sends it (public_send_cached); f is freed. */
enum MHD_Result public_feed_send(request *r, struct public_feed *f);
/* The address of the public case page of number (a case number, or a
 * record number: then its case, at its row), its values percent-encoded;
 * in_html: with "&amp;" for an attribute, else "&" for a Location. */
void public_case_url(buf *b, const char *org, const char *number, int in_html);
/* The same with the public's ?lang= (layout_lang_arg), before the entry's #. */
void public_case_url_lang(buf *b, const char *org, const char *number, int in_html, const char *lang_arg);
/* <td data-label="LABEL">TEXT</td>, for tables that stack on a phone. */
void public_cell(buf *b, const char *label, const char *text);
/* The cells every public list of entries shows alike: the entry's
 * direction, its sender or recipient and what it concerns (its title,
 * with its disposal mark). */
void public_entry_cells(buf *b, json_t *row);
/* The cell that leads to a request for the entry numbered number. */
void public_request_cell(buf *b, const request *r, const char *org, const char *number);
/* The case title o[key] of a public answer (core/public.h) in the reader's
 * language: when o[published_key] is false the title is not published and
 * core gave its Swedish stand-in, said here through the catalogue (the
 * series' prefix from o's "number") into text (len bytes). Borrowed from o
 * or text. */
const char *public_case_title(json_t *o, const char *key, const char *published_key, char *text, size_t len);
/* <li> links to PATH?org=CODE for each organisation, with the ?lang= asked for. */
void public_org_links(buf *b, const request *r, json_t *orgs, const char *path);

#endif
