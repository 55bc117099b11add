/*
 * form_carry.h — a staff form sent after its session timed out (30
 * minutes without a request, or 12 hours after the login) is not lost.
 * The commonest way a form goes stale: a registrar fills in a
 * registration, takes a call, and sends it an hour later.
 *
 * Such a form is read (routes_admit allows its body: the cookie names a
 * session of a user that timed out), and kept when it is the user's own:
 * its csrf token is that session's and the browser says it was sent from
 * one of kansli's pages. Its text fields are kept in memory and its
 * files (those it carried and those an earlier refusal held, pending.h)
 * in the scratch directory, under a random token. The answer is the
 * login page, saying why, whose form carries the token. The same user's
 * login takes the kept form over for the new session and leads to the
 * page the form was on, where it comes back filled in with its files
 * held (form_state_restore), nothing saved until it is sent again.
 * Another user's login drops it.
 *
 * Kept forms are few and short-lived: at most FORM_CARRY_USER_SLOTS a
 * user (the oldest goes), FORM_CARRY_SLOTS in all (a full table keeps no
 * more rather than drop another user's), for FORM_CARRY_TTL_S; a
 * restart forgets them.
 */
#ifndef KANSLI_FORM_CARRY_H
#define KANSLI_FORM_CARRY_H

#include <microhttpd.h>
#include <stddef.h>

#include "web/request.h"

#define FORM_CARRY_TTL_S 3600
#define FORM_CARRY_SLOTS 64
#define FORM_CARRY_USER_SLOTS 4
/* The text of one kept form; a larger one is not kept (the login page
 * says so). */
#define FORM_CARRY_MAX_TEXT (2 * 1024 * 1024)

/* Whether r, a staff request without a live session, may have its form
 * read to be kept: its cookie names a browser session of a user that
 * timed out. Decided from the headers, before the body is read. */
int form_carry_may_keep(const request *r);
/* The answer to a staff form sent without a live session: the login page
 * (401) saying why. When the form can be kept (form_carry_may_keep, sent
 * from one of kansli's pages (own_page), with the timed-out session's
 * csrf token, from a staff page it can come back on) it is kept, and the
 * login form carries it. */
enum MHD_Result form_carry_keep(request *r, int own_page);
/* At a successful login (r->s the new session): the form kept under
 * token (the login form's hidden field; NULL is none), when it is this
 * user's, is taken over by the new session, and the address of its page
 * ("/registrera?org=...") goes into to: 1. 0 when there is none; a form
 * kept for another user is dropped. */
int form_carry_adopt(request *r, const char *token, char *to, size_t len);
/* At a staff page asked for with GET: when r's session took over a kept
 * form of this page, the page is answered with the form filled in and
 * its files held, saying it is not saved yet: 1 with the answer in *ret.
 * Else 0. */
int form_carry_due(request *r, enum MHD_Result *ret);
/* 1 when token looks like a kept form's (32 hex digits). */
int form_carry_token_ok(const char *token);

#endif
