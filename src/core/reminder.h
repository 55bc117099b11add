/*
 * reminder.h — reminders (bevakningar): "svar senast" on a case or one of
 * its records, each for a person or a unit, with a day and a note. They are
 * done, or moved to a later day with a reason; both are logged on the case.
 *
 * Who sees one: those who may read the case. A reminder of a secret case
 * (one with a protected title or a record marked secret) is seen only by
 * those who may read that case's secrets (access.h, need-to-know): it is
 * left out of every list and count, and mailed to no one else.
 */
#ifndef KANSLI_REMINDER_H
#define KANSLI_REMINDER_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* The longest note and move reason, in bytes. */
#define REMINDER_NOTE_MAX 2000
#define REMINDER_REASON_MAX 1000

typedef struct reminder_new {
	const char *target; /* a case number, or a record number ("svar senast" on the record) */
	const char *user;   /* the assignee: a username ... */
	const char *unit;   /* ... or a unit code; exactly one of the two */
	const char *due;    /* YYYY-MM-DD, today or later */
	const char *note;   /* 1-REMINDER_NOTE_MAX bytes */
} reminder_new;

/* Adds a reminder (ACCESS_CASE_WORK, and the right to the case's secrets
 * when it is secret). A user assignee must hold a role in org_id and, for a
 * secret case, be entitled to its secrets. *id gets the new id. 0 or
 * KERR_* with e set at the field refused; nothing changes on refusal. */
int reminder_add(kansli *k, int64_t org_id, const reminder_new *r, int64_t *id, kerr *e);
/* Marks reminder id done. KERR_CONFLICT when it already is. */
int reminder_done(kansli *k, int64_t org_id, int64_t id, kerr *e);
/* Moves an open reminder to date (today or later, not its day now), with
 * a reason of 1-REMINDER_REASON_MAX bytes on one line. */
int reminder_move(kansli *k, int64_t org_id, int64_t id, const char *date, const char *reason, kerr *e);

/* Which reminders a list shows. */
typedef enum {
	REMINDER_OPEN,    /* every open one the actor may see */
	REMINDER_MINE,    /* open, assigned to the actor */
	REMINDER_UNIT,    /* open, assigned to a unit the actor's roles are scoped to */
	REMINDER_OVERDUE, /* open, mine or my units', day before today */
	REMINDER_DONE,    /* done, newest first */
} reminder_which;

/* "mine", "unit", "overdue", "done", or "" / NULL for all open: 0 with
 * *out set, or KERR_INVALID at field "filter". */
int reminder_which_parse(const char *s, reminder_which *out, kerr *e);

/* Reminders as which selects, earliest day first (done: the newest first),
 * limit from offset (limit 0: all); *total (may be NULL) the matches. Array
 * of {id, case, record?, title, assignee:{user|unit, name}, due_date, note,
 * status: open|done, overdue, done_at?, created}. Needs ACCESS_READ. New
 * reference, or NULL with e set. */
json_t *reminder_list(kansli *k, int64_t org_id, reminder_which which, int limit, int offset,
                      int64_t *total, kerr *e);
/* One reminder with its history: {…as in the list…, history:[{time,
 * actor, action: add|move|done|mail, from?, to?, reason?, recipient?}]}.
 * KERR_NOTFOUND for one the actor may not see. */
json_t *reminder_show(kansli *k, int64_t org_id, int64_t id, kerr *e);

/* The overdue open reminders of org_id the actor may see, for the
 * managers' overview, most overdue first, at most limit: array of {id,
 * case, title, assignee, due_date, days_overdue}; *total all of them. */
json_t *reminder_overdue(kansli *k, int64_t org_id, int limit, int64_t *total, kerr *e);

/* Mails every open reminder due today or before to its assignee (a unit's:
 * each member) who has an address (user_email_set, mailconf.h) and may see
 * it, once per due day and recipient, through the installation's mail
 * server (mailconf.h); each mail is recorded, and logged on the case, once
 * the server took it (see reminder_mail.c for a run killed halfway). Only
 * the installation runs it. *sent: how many went. 0, or KERR_* (a failed
 * mail does not stop the others; the first failure is reported). */
int reminder_send(kansli *k, int *sent, kerr *e);

#endif
