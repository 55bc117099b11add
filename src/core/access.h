/*
 * access.h — the one place that decides who may do what.
 *
 * Every core/ operation asks access_check before it reads or writes. The
 * installation's own shell user (user_id 0, someone with the data directory
 * in hand) may do everything; a named user may do what their roles in that
 * organisation allow, and nothing in another organisation.
 */
#ifndef KANSLI_ACCESS_H
#define KANSLI_ACCESS_H

#include <stdint.h>

#include "core/kansli.h"

typedef enum {
	ACCESS_READ,        /* see cases and public parts of records */
	ACCESS_READ_SECRET, /* see secret parts of records (logged) */
	ACCESS_REGISTER,    /* open cases, register records, import */
	ACCESS_CASE_WORK,   /* assign, due dates, status changes */
	ACCESS_MEETING,     /* boards, meetings, minutes, the notice board */
	ACCESS_ARCHIVE,     /* retention, disposal, export */
	ACCESS_ADMIN,       /* organisation set-up, users and roles */
} access_action;

/* The roles a user can hold in an organisation, NULL-terminated. */
extern const char *const access_roles[];

/* The steps the law makes follow from something the actor was allowed to do
 * (registering the adjusted minutes, a disposal report, a request from the
 * public) are done with the installation's rights; the actor's name stays
 * on the events. Returns who acted, for access_restore. */
int64_t access_on_behalf(kansli *k);
void access_restore(kansli *k, int64_t user_id);

/* 0 when allowed, KERR_DENIED with a message when not. */
int access_check(kansli *k, int64_t org_id, access_action action, kerr *e);
/* access_check, then db_prep of sql: how a read begins. Returns the
 * statement, or NULL with e set when the actor may not or it cannot be
 * prepared. */
db_stmt *access_prep(kansli *k, int64_t org_id, access_action action, const char *sql, kerr *e);
/* 1 when role is one of access_roles. */
int access_role_valid(const char *role);

#endif
