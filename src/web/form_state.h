/*
 * form_state.h — a refused form comes back whole. When a staff form is
 * refused (bad input, a conflict, no access), the page the form was on is
 * rendered again by its own GET page function, and its markup is then
 * completed: an error summary at the top linking to the field (the GOV.UK
 * pattern), the message beside the field, every submitted value filled back
 * into the form that was sent, and uploaded files held as pending uploads.
 *
 * Why a pass over the finished markup rather than every page reading the
 * submitted values itself: each form would need its own code for it, and
 * the forms are many and change often; their markup, written by html_f from
 * the pages' own format strings, is regular enough to complete in one place.
 *
 * Each staff form carries the page it is on in the hidden field "formsida"
 * (layout_csrf writes it beside the csrf token). The form is found on the
 * page again by its action and its hidden fields (atgard, nr, id...).
 */
#ifndef KANSLI_FORM_STATE_H
#define KANSLI_FORM_STATE_H

#include <microhttpd.h>

#include "util/buf.h"
#include "util/err.h"
#include "web/request.h"

/* A refused form of r: renders the page it was on again with status (a
 * 4xx), message_sv (or, when NULL, e's words from errtext.h) and the field
 * e names. 1 when *ret holds that answer; 0 when r is not a staff form
 * that can be shown again (then the caller sends an error page). */
int form_state_refuse(request *r, const kerr *e, const char *message_sv, unsigned status, enum MHD_Result *ret);
/* A form kept over a login (form_carry.h), its fields given back to r (a
 * GET of the page it was on): the page rendered again with every value
 * filled in and its files held, under message (words already), as
 * form_state_refuse does, but status 200 and headed as not saved rather
 * than refused. action is the path the form was sent to. 1 with *ret,
 * or 0 (the caller shows the page as it is). */
int form_state_restore(request *r, const char *action, const char *message, enum MHD_Result *ret);
/* For a public form (no session: the login, a request for documents)
 * that its own page writes again with the values sent: the page, when it
 * is sent, gets the summary and message at e's field as a staff form's
 * does. The page is to write no message of its own. */
void form_state_mark(request *r, const kerr *e, const char *message, unsigned status);
/* e's words (errtext_sv_value) for the value r's form sent in the field
 * e names: "Rubrik saknas." for an empty title rather than core's one
 * reason for empty, several lines and too long. */
void form_state_words(request *r, const kerr *e, char *out, size_t len);
/* Called with every HTML answer: for the page of a refused form, sets
 * *status to the refusal's and completes body. Else nothing. */
void form_state_finish(request *r, unsigned *status, buf *body);
/* The hidden "formsida" field: this page's path and query. */
void form_state_here(buf *b, request *r);
/* The page shown again reads its query from the form's "formsida". */
const char *form_state_query(request *r, const char *name);
/* Where the user was: the page a form was sent from ("/arende?..."), for
 * an error page's way back; NULL when not known. */
const char *form_state_from(request *r);
/* 1 when s is a path of this site ("/..."), never another site's ("//host",
 * "/\\host", or one hidden by a control character a browser drops). */
int form_local_path(const char *s);
void form_state_free(request *r);

#endif
