/*
 * pages.h — the pages and API handlers, one function each, found by name
 * from the route table in routes.c. Each reads its parameters, calls core/
 * and renders; none writes SQL.
 */
#ifndef KANSLI_PAGES_H
#define KANSLI_PAGES_H

#include <microhttpd.h>
#include <stdint.h>

#include "web/request.h"

#include "web/routes.h"

/* The organisation a page is about: ?org=CODE, else the first the user may
 * read. Fills id and code; 0 or KERR_*. */
int page_org(request *r, int64_t *org_id, char code[40], kerr *e);
/* A core error as a Swedish page with the right status. */
enum MHD_Result page_fail(request *r, const kerr *e);
/* The Swedish text for an error code (errtext_code_sv). */
const char *page_error_text(int code);

/* page_language.c */
enum MHD_Result page_language_set(request *r);
/* page_auth.c */
enum MHD_Result page_login_form(request *r);
enum MHD_Result page_login(request *r);
/* The login form again with error and the name that was sent (routes.c,
 * for a form whose value held what is not text). */
enum MHD_Result page_login_again(request *r, unsigned status, const char *error);
/* The login page for a staff form sent without a live session: error
 * says why, username is filled in, and carry (NULL: none) is the token of
 * the form kept for after the login (form_carry.h). */
enum MHD_Result page_login_carry(request *r, unsigned status, const char *error, const char *username,
                                 const char *carry);
enum MHD_Result page_logout(request *r);
enum MHD_Result page_sessions(request *r);
enum MHD_Result page_sessions_end_others(request *r);
/* page_start.c */
enum MHD_Result page_start(request *r);
enum MHD_Result page_health(request *r);
enum MHD_Result page_metrics(request *r);
enum MHD_Result page_css(request *r);
/* page_cases.c */
enum MHD_Result page_case_list(request *r);
enum MHD_Result page_case(request *r);
enum MHD_Result page_case_change(request *r);
/* page_records.c */
enum MHD_Result page_register_form(request *r);
enum MHD_Result page_register(request *r);
enum MHD_Result page_record(request *r);
enum MHD_Result page_record_list(request *r);
enum MHD_Result page_search(request *r);
/* page_search_help.c */
enum MHD_Result page_search_help(request *r);
enum MHD_Result page_file(request *r);
/* page_admin.c */
enum MHD_Result page_admin(request *r);
enum MHD_Result page_admin_add(request *r);
/* page_webhooks.c */
enum MHD_Result page_webhooks(request *r);
enum MHD_Result page_webhooks_post(request *r);
/* page_public.c */
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
/* Ends the feed and sends it (public_send_cached); f is freed. */
enum MHD_Result public_feed_send(request *r, struct public_feed *f);
enum MHD_Result page_public_index(request *r);
enum MHD_Result page_public_registry(request *r);
enum MHD_Result page_public_json(request *r);
enum MHD_Result page_public_atom(request *r);
/* page_public_case.c */
enum MHD_Result page_public_case(request *r);
/* The address of the public case page of number (a case number, or a
 * record number: then its case, at its row), its values percent-encoded;
 * in_html: with "&amp;" for an attribute, else "&" for a Location. */
void public_case_url(buf *b, const char *org, const char *number, int in_html);
/* The same with the public's ?lang= (layout_lang_arg), before the entry's #. */
void public_case_url_lang(buf *b, const char *org, const char *number, int in_html, const char *lang_arg);
/* <td data-label="LABEL">TEXT</td>, for tables that stack on a phone. */
void public_cell(buf *b, const char *label, const char *text);
/* The case title o[key] of a public answer (core/public.h) in the reader's
 * language: when o[published_key] is false the title is not published and
 * core gave its Swedish stand-in, said here through the catalogue (the
 * series' prefix from o's "number") into text (len bytes). Borrowed from o
 * or text. */
const char *public_case_title(json_t *o, const char *key, const char *published_key, char *text, size_t len);
/* <li> links to page?org=CODE for each organisation, with the ?lang= asked for. */
void public_org_links(buf *b, const request *r, json_t *orgs, const char *page);
/* page_noticeboard.c: the public notice board and the staff page */
enum MHD_Result page_board_index(request *r);
enum MHD_Result page_board_current(request *r);
enum MHD_Result page_board_notice(request *r);
enum MHD_Result page_board_archive(request *r);
enum MHD_Result page_board_file(request *r);
enum MHD_Result page_board_atom(request *r);
enum MHD_Result page_notices(request *r);
enum MHD_Result page_notices_change(request *r);
/* page_requests.c */
enum MHD_Result page_request_form(request *r);
enum MHD_Result page_request_submit(request *r);
/* The public request form again with error and every value sent. */
enum MHD_Result page_request_again(request *r, unsigned status, const char *error);
enum MHD_Result page_requests(request *r);
enum MHD_Result page_request_decide(request *r);
/* page_public_log.c */
enum MHD_Result page_log_about(request *r);
enum MHD_Result page_log_checkpoint(request *r);
enum MHD_Result page_log_key(request *r);
enum MHD_Result page_log_heads(request *r);
enum MHD_Result page_log_inclusion(request *r);
enum MHD_Result page_log_consistency(request *r);
/* page_meetings.c */
enum MHD_Result page_boards(request *r);
enum MHD_Result page_boards_change(request *r);
enum MHD_Result page_meetings(request *r);
enum MHD_Result page_meeting_create(request *r);
/* page_meeting.c */
enum MHD_Result page_meeting(request *r);
enum MHD_Result page_meeting_change(request *r);
enum MHD_Result page_meeting_notice_pdf(request *r);
enum MHD_Result page_delegations(request *r);
enum MHD_Result page_delegation_register(request *r);
/* page_import.c */
enum MHD_Result page_import_form(request *r);
enum MHD_Result page_import(request *r);
/* page_delivery.c */
enum MHD_Result page_delivery(request *r);
enum MHD_Result page_delivery_export(request *r);
struct archive_request;
/* Makes the package of req (zip or tar) in a temporary folder and sends it
 * as the response; errors as an API error (api) or a page. */
enum MHD_Result page_package_download(request *r, int64_t org_id, struct archive_request *req, int api);
/* page_archive.c */
enum MHD_Result page_archive(request *r);
enum MHD_Result page_archive_post(request *r);
enum MHD_Result page_archive_plan(request *r);
enum MHD_Result page_archive_plan_post(request *r);
enum MHD_Result page_disposal(request *r);
enum MHD_Result page_disposal_post(request *r);
/* page_overview.c */
enum MHD_Result page_overview(request *r);
/* api.c */
enum MHD_Result api_dispatch(request *r);

#endif
