/*
 * page.h — what every staff page is written with: a page context that does
 * the shared start once (the installation, the organisation the page is
 * about, the error object, the page being built), typed request parameters,
 * form-action tables, and the route comment the route table is made from.
 *
 * A page reads:
 *
 *     PAGE: GET /arenden  access: staff      (in the function's comment)
 *     enum MHD_Result page_case_list(page *p)
 *     {
 *             request *r = p->r;
 *             ...core calls with &p->e; on failure: return page_fail_p(p);
 *             page_begin(p, "Ärenden");
 *             html_f(&p->b, "<h1>%s</h1>", ...);
 *             return page_close(p);
 *     }
 *
 * The route opens the page before the function runs (page_run), so its
 * organisation is chosen and its error object ready.
 *
 * Route comments: a comment line that starts "PAGE: METHOD /path  access: ACCESS"
 * (ACCESS is "public" or "staff") directly above, or in the comment just
 * before, the definition "enum MHD_Result NAME(page *p)" (or "(request
 * *r)" for a page that opens no page context). One function
 * may carry several. scripts/gen-routes turns every such line of
 * src/web/page_*.c into the route table (build/gen/web_routes.inc), so
 * `grep -rn 'PAGE: GET /arende '` answers what serves a URL.
 *
 * Ownership: p.b is the page's until page_close or page_fail_p, which send
 * and free it; a page that leaves another way calls page_free. So are the
 * trees core returned that the page handed to page_own: every way out of
 * the page (page_close, page_fail_p, page_error, page_bad_param,
 * page_redirect_done, page_free) drops them, so that no path forgets one.
 */
#ifndef KANSLI_PAGE_H
#define KANSLI_PAGE_H

#include <microhttpd.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "util/buf.h"
#include "web/request.h"

/* The most trees one page holds (page_own). */
#define PAGE_OWNED_MAX 12

typedef struct page {
	request *r;
	kerr e;          /* what a failing core call said */
	int64_t org_id;  /* the organisation the page is about (page_org) */
	char org[40];    /* and its code, for links and forms */
	buf b;           /* the page being built */
	const char *done; /* an action's message for the redirect (page_act) */
	const void *ctx; /* what a page's actions share (page_act) */
	char msg[256];   /* an action's message made at run time (p->done = p->msg) */
	size_t row;      /* the row of a table being written (web/table.h) */
	json_t *owned[PAGE_OWNED_MAX]; /* page_own's */
	size_t nowned;
} page;

/* The start every staff page shares: the error object, the organisation
 * (?org= or the user's first) and an empty page. 0 to go on; 1 when *ret
 * holds the answer (the organisation could not be chosen). */
int page_open(page *p, request *r, enum MHD_Result *ret);
/* A page function that is given its page opened. */
typedef enum MHD_Result (*page_opened_fn)(page *p);
/* Opens the page (page_open) and runs fn with it; whatever fn left of
 * the page is freed after it (page_free), so that no way out leaks. The
 * route of a page function taking `page *p` calls it through this
 * (scripts/gen-routes). */
enum MHD_Result page_run(request *r, page_opened_fn fn);
/* The frame up to <main>, with title (escaped). */
void page_begin(page *p, const char *title);
/* Ends the frame and sends the page, 200. */
enum MHD_Result page_close(page *p);
/* The same with another status (a form sent back with its error, 4xx). */
enum MHD_Result page_close_status(page *p, unsigned status);
/* The error in p->e as an error page; the page built so far is dropped. */
enum MHD_Result page_fail_p(page *p);
/* An error page with status and a Swedish message; the page is dropped. */
enum MHD_Result page_error(page *p, unsigned status, const char *message_sv);
/* A parameter req_int refused: 400 with its Swedish message (in p->e). */
enum MHD_Result page_bad_param(page *p);
/* Frees what p holds, for a page that answers some other way. */
void page_free(page *p);
/* Takes the caller's reference to v (a tree core returned, or NULL, which
 * is kept as nothing): dropped when the page is sent or dropped. Returns v,
 * so a page reads `json_t *c = page_own(&p, case_show(...)); if (!c) ...`.
 * More than PAGE_OWNED_MAX is a programming error: it aborts. */
json_t *page_own(page *p, json_t *v);
/* The redirect after a change to PATH?org=ORG[&KEY=VALUE][&klart=DONE],
 * shown by the page as its status message (view_flash); done NULL: a
 * redirect that reports nothing. */
enum MHD_Result page_redirect_done(page *p, const char *path, const char *key, const char *value,
                                   const char *done);

/* view_keep_query's "&amp;key=value" for each of keys the page's query
 * has (org: the page's), for the links of a list's pages and its export;
 * the page's, freed with it, "" for none. */
const char *page_kept_query(page *p, const char *const *keys, size_t n);
#define PAGE_KEYS(keys) (keys), (sizeof (keys) / sizeof (keys)[0])

/* One form action: the value of the form's "atgard", what does it (0, or
 * KERR_* with p->e set; it may set p->done to a message of its own) and
 * the message shown after it. */
struct page_action {
	const char *name;
	int (*fn)(page *p);
	const char *done;
};
#define PAGE_ACTIONS(table) (table), (sizeof (table) / sizeof (table)[0])
/* Runs the action the form's "atgard" names from table: 0 with p->done
 * set; 1 with *ret holding the answer (400 for a missing or unknown
 * action, the error page when it failed). */
int page_act(page *p, const struct page_action *table, size_t n, enum MHD_Result *ret);
/* The same for a form whose action is named by another field than "atgard". */
int page_act_by(page *p, const char *field, const struct page_action *table, size_t n, enum MHD_Result *ret);

#endif
