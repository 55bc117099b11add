/*
 * casenext.h — what can be done with a case now, so that pages offer only
 * the actions that would be allowed and say why the others are not: the
 * status changes open to the acting user, and the users a case may be
 * given to (its officer).
 *
 * The operations themselves (cases.c) still decide and refuse; these are
 * the same rules asked beforehand, without a transaction or a change.
 */
#ifndef KANSLI_CASENEXT_H
#define KANSLI_CASENEXT_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

typedef enum case_act {
	CASE_ACT_WORK,   /* assign, due date, note, link, retitle, ready */
	CASE_ACT_DECIDE, /* open -> decided */
	CASE_ACT_CLOSE,  /* open or decided -> closed */
	CASE_ACT_REOPEN, /* closed -> open (with a reason) */
} case_act;

/* Why act is not possible now on a case in status (as case_show gives
 * it), for the acting user: NULL when it is; else a short code the
 * caller turns into words: "no_right" (the actor's roles do not allow
 * case work here), "decided" (already decided), "closed" (closed: reopen
 * first), "not_closed" (only a closed case is reopened), "unknown" (a
 * status this program does not know). A failure to read the actor's
 * roles is "no_right" as well: the page then offers nothing, and the
 * operation would report the error. */
const char *case_act_hindrance(kansli *k, int64_t org_id, const char *status, case_act act);

/* The users case_number may be given to: those whose roles allow case
 * work in the organisation, either organisation-wide or limited to a
 * scope of the case (its unit, a board of its series or the board it is
 * ready for); disabled users are left out. Array of {username, full_name}
 * ordered by full name; a new reference, or NULL with e set. */
json_t *case_officer_choices(kansli *k, int64_t org_id, const char *case_number, kerr *e);
/* 1 when user_id may be the officer of case_id (the rule of
 * case_officer_choices), 0 when not, or a negative KERR_* with e set. */
int case_officer_may(kansli *k, int64_t org_id, int64_t case_id, int64_t user_id, kerr *e);

#endif
