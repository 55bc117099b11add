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
	ACCESS_INTAKE,      /* see the inbox (inkorg) and judge its items:
	                     * the registrars alone, since what arrives is
	                     * unjudged and may hold anything */
	ACCESS_INTAKE_SUBMIT, /* hand a submission to the inbox: the
	                       * registrars, and an e-service's user (role
	                       * etjanst), which may do nothing else */
} access_action;

/* The roles a user can hold in an organisation, NULL-terminated. */
extern const char *const access_roles[];

/* The steps the law makes follow from something the actor was allowed to do
 * (registering the adjusted minutes, a disposal report, a request from the
 * public) are done with the installation's rights; the actor's name stays
 * on the events. Returns who acted, for access_restore. */
int64_t access_on_behalf(kansli *k);
void access_restore(kansli *k, int64_t user_id);

/* 0 when allowed, KERR_DENIED with a message when not, or another
 * negative KERR_* (KERR_IO, ...) when the roles could not be read. */
int access_check(kansli *k, int64_t org_id, access_action action, kerr *e);
/* For what a right shows or hides rather than refuses: 1 when the actor
 * may, 0 when not (e untouched), or a negative KERR_* with e set when the
 * roles could not be read, so that a failed read is an error and never
 * quietly "may not" (a shorter answer). */
int access_may(kansli *k, int64_t org_id, access_action action, kerr *e);
/* What concerns the whole installation (the server's counters, which show
 * when staff of every organisation work): 0 for the installation itself
 * and a user who is an administrator of every organisation in it,
 * KERR_DENIED with a message for anyone else, or another negative KERR_*
 * when the roles could not be read. */
int access_installation(kansli *k, kerr *e);
/* Who may act on another user's account (reset its password, disable or
 * enable it, list and end its sessions and tokens; core/account.h): the
 * installation, or a user who is administrator in every organisation where
 * the account holds a role, and it holds one. An organisation's
 * administrator could otherwise take over, or lock out, a colleague of
 * another organisation who merely also has a role in theirs. With self 0,
 * the actor's own account is refused too (a stolen session must not reset
 * its own password without the current one, nor disable itself). 0 when
 * allowed, KERR_DENIED with a message when not, or another negative
 * KERR_* when the roles could not be read. */
int access_account(kansli *k, int64_t uid, const char *username, int self, kerr *e);
/* access_check, then db_prep of sql: how a read begins. Returns the
 * statement, or NULL with e set when the actor may not or it cannot be
 * prepared. */
db_stmt *access_prep(kansli *k, int64_t org_id, access_action action, const char *sql, kerr *e);
/* Need-to-know (OSL 8 kap. 1 §): every board is an authority of its own,
 * so the right to read secrets reaches only the cases of the units and
 * boards the actor's grants cover (an organisation-wide grant covers all).
 * 0 when the actor may read the secret parts of the records of case_id,
 * KERR_DENIED with a message when not. */
int access_secret_case(kansli *k, int64_t case_id, kerr *e);

/* The same decision inside SQL, for lists and searches that must leave out
 * what the actor may not see: an expression true for the case_file row
 * aliased `c` when the user whose id is bound to parameter ?U may read its
 * secrets. U is the parameter number as a string literal, e.g.
 * ACCESS_SECRET_SQL("9"); bind k->user_id there (0: the installation,
 * which may; -1: the public, which may not). */
/* A case belongs to a unit (case_file.unit_id) and to the boards whose
 * registry series it is in or which it is marked ready for; a role with no
 * role_scope rows is organisation-wide. The role list is grants[] of
 * ACCESS_READ_SECRET in access.c, spelled out because SQL cannot read it. */
#define ACCESS_SECRET_SQL(U) \
	"(?" U " = 0 OR EXISTS (SELECT 1 FROM user_role ur WHERE ur.user_id = ?" U \
	" AND ur.org_id = c.org_id AND ur.role IN ('registrator','handlaggare','arkivarie')" \
	" AND (NOT EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ur.user_id" \
	"   AND rs.org_id = ur.org_id AND rs.role = ur.role)" \
	"  OR EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ur.user_id" \
	"   AND rs.org_id = ur.org_id AND rs.role = ur.role AND (rs.unit_id = c.unit_id" \
	"   OR EXISTS (SELECT 1 FROM board b WHERE b.id = rs.board_id" \
	"     AND (b.series_id = c.series_id OR b.id = c.ready_board_id)))))))"

/* True for a record row aliased `r` (its case aliased `c`) whose field
 * ("title", "party", "body", "files") the user bound to ?U may see: the
 * field is not masked (a fully secret record masks every field), or the
 * user may read the case's secrets. For lists
 * that print a record's fields without going through record_view. */
#define ACCESS_FIELD_SQL(FIELD, U) \
	"(r.secrecy = 'none' OR (r.secrecy <> 'full' " \
	"  AND instr(',' || coalesce(r.masked_fields, '') || ',', '," FIELD ",') = 0) OR " ACCESS_SECRET_SQL(U) ")"

/* The inbox items an officer sees (core/intake.h): those forwarded to the
 * user bound to ?U, or to a unit that user belongs to. A unit's members are
 * the users whose grant is scoped to it (role_scope: the units whose cases
 * they work on). For the intake_forward row aliased `f`. */
#define ACCESS_INTAKE_MINE_SQL(U) \
	"(f.user_id = ?" U " OR EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ?" U \
	" AND rs.unit_id = f.unit_id))"

/* Whether the forwarding aliased `f` reaches someone who can act on the
 * item in organisation ORG (an SQL expression): an enabled user holding a
 * role that grants ACCESS_REGISTER there (grants[] in access.c, spelled
 * out), named by f.user_id or scoped to the unit f.unit_id. */
#define ACCESS_INTAKE_REACHED_SQL(ORG) \
	"EXISTS (SELECT 1 FROM user_role ar JOIN app_user au ON au.id = ar.user_id AND au.disabled = 0" \
	" WHERE ar.org_id = " ORG " AND ar.role IN ('registrator','handlaggare','namndsekreterare')" \
	" AND (ar.user_id = f.user_id OR EXISTS (SELECT 1 FROM role_scope rs WHERE rs.user_id = ar.user_id" \
	"   AND rs.org_id = ar.org_id AND rs.role = ar.role AND rs.unit_id = f.unit_id)))"

/* Whether user uid (username) can act on org_id's inbox items forwarded
 * to them: 0 for an enabled user holding a role that may register there,
 * KERR_INVALID with a message naming what is lacking otherwise, or
 * another negative KERR_* when the roles could not be read. */
int access_intake_forwardee(kansli *k, int64_t uid, int64_t org_id, const char *username, kerr *e);

/* How much of org_id's inbox the actor sees: 0 with *all 1 for its
 * registrars (ACCESS_INTAKE: all of it), *all 0 for a user who may
 * register (an officer: only what is forwarded to them or their units,
 * ACCESS_INTAKE_MINE_SQL), KERR_DENIED for anyone else, or another
 * negative KERR_* when the roles could not be read. */
int access_intake_scope(kansli *k, int64_t org_id, int *all, kerr *e);
/* 0 when the actor may act on inbox item id of org_id as its judge: a
 * registrar, or the officer (or a member of the unit) it is forwarded to,
 * who may register it or send it back. KERR_DENIED otherwise, or another
 * negative KERR_*. Forwarding and rejecting stay the registrars'
 * (ACCESS_INTAKE). */
int access_intake_item(kansli *k, int64_t org_id, int64_t id, kerr *e);

/* 1 when role is one of access_roles. */
int access_role_valid(const char *role);
/* 1 when role grants action (ACCESS_READ_SECRET: the roles that read secrets). */
int access_role_grants(const char *role, access_action action);
/* 0 when the acting user may grant role to user uid in org_id, inside the
 * grant's transaction. The installation's operator may grant anything. A
 * named administrator may not grant herself a role (another administrator
 * does, and the log shows who: an administrator is not thereby entitled to
 * secrets, access.h), nor a role that reads secrets to a user a webhook
 * reads with (its payloads would carry the secrets to a URL an
 * administrator chose; webhook_add refuses naming such a user for the same
 * reason): KERR_DENIED at field "user" (KWHY_FOUR_EYES) or "role"
 * (KWHY_STATE). */
int access_may_grant(kansli *k, int64_t uid, int64_t org_id, const char *role, kerr *e);
/* 0 when the acting user may have a webhook read, and post to a URL of
 * her choosing, with the rights of user uid (username) in org_id: when
 * adding it and when enabling it again. A named user other than uid may
 * name only a user who reads no secrets; the installation's operator any.
 * KERR_DENIED at field "user" (KWHY_STATE), or an error reading roles. */
int access_webhook_user(kansli *k, int64_t uid, int64_t org_id, const char *username, kerr *e);
/* 0 when a grant of role may be limited to units or boards; KERR_INVALID
 * with the reason when not. Only the roles whose rights depend on the case
 * (reading its secrets) can be scoped: a scope on any other role would
 * change nothing, and an administrator or archivist works on the whole
 * organisation by the nature of the task. */
int access_role_scopable(const char *role, kerr *e);

#endif
