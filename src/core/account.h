/*
 * account.h — the account lifecycle (issue 18, part 2): a user changes
 * their own password; an administrator resets one, disables and enables an
 * account, lists a user's sessions and API tokens and ends them; and the
 * report of accounts nobody has used for N days, to find those who left.
 *
 * Who may act on an account is access_account's (core/access.h): the
 * installation, or an administrator of every organisation where the
 * account holds a role; never on one's own account, except to change one's
 * own password (with the current one) and to see or end one's own sessions.
 *
 * A change or reset of the password, and a disable, ends every session and
 * revokes every API token of the user (a password change keeps the
 * caller's own): whoever had the old password, or a copied cookie, is out
 * at once. Each is one transaction and one audit event naming who did it
 * and which sessions and tokens it ended; never a password or token (the
 * rowlog's image of app_user holds a digest of the new argon2id hash, as
 * at user add: core/rowdigest.h).
 */
#ifndef KANSLI_ACCOUNT_H
#define KANSLI_ACCOUNT_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* The shortest and longest password (bytes), as user_add has them. */
#define ACCOUNT_PASSWORD_MIN 10
#define ACCOUNT_PASSWORD_MAX 1024
/* A one-time password made by a reset: four groups of four letters and
 * digits nobody misreads (about 90 bits), e.g. "k7Qm-3xPz-...", plus NUL. */
#define ACCOUNT_ONETIME_SIZE 20

/* The user changes their own password: current must be right, new_pw of
 * ACCOUNT_PASSWORD_MIN..MAX bytes and not the current one. Ends the
 * user's other sessions and revokes their API tokens, except the
 * caller's own session keep_session or token keep_token (0: none); ends a
 * forced change. A wrong current password counts toward the login
 * throttle (core/session.h) as a failed login from address does, and
 * once throttled the change is refused as a login would be: a stolen
 * session cannot guess the password without limit. KERR_DENIED (field
 * "current") for a wrong current password, KERR_CONFLICT (field
 * "current") when throttled, KERR_INVALID (field "password") for a
 * refused new one. */
int account_password_change(kansli *k, int64_t user_id, const char *username, const char *address,
                            int64_t keep_session, int64_t keep_token, const char *current, const char *new_pw,
                            kerr *e);
/* An administrator sets a new password for username: password, or when
 * NULL a one-time password made here and written to onetime (shown once,
 * stored only as its hash). Either way the user must change it at the
 * next login, and every session and token of theirs ends. */
int account_password_reset(kansli *k, const char *username, const char *password,
                           char onetime[ACCOUNT_ONETIME_SIZE], kerr *e);
/* Disables (disabled 1) or enables (0) username. Disabling ends every
 * session and revokes every token; it is refused for oneself and for the
 * last enabled administrator of an organisation (KERR_CONFLICT, naming
 * it). Enabling gives back neither: the user logs in again. KERR_CONFLICT
 * when the account already is so. */
int account_set_disabled(kansli *k, const char *username, int disabled, kerr *e);
/* Inside the open transaction: KERR_CONFLICT (field "administrator",
 * naming the organisation) when the enabled account uid is the last
 * enabled administrator of org_id (0: of any organisation), so that
 * disabling it or taking its role would leave nobody to administer
 * there; 0 otherwise, or a storage error. */
int account_last_admin_refused(kansli *k, int64_t uid, const char *username, int64_t org_id, kerr *e);
/* One account as an administrator sees it: {username, full_name, disabled,
 * must_change, last_login (or null), sessions: [{id, created, last_seen,
 * user_agent, address}], tokens: [{id, name, created, expires, last_used
 * (or null), user_agent}]}: the live ones, never a token itself. New
 * reference, or NULL with e set. */
json_t *account_show(kansli *k, const char *username, kerr *e);
/* Ends one session (kind "session") or revokes one API token ("token")
 * of username; KERR_NOTFOUND when id is none of theirs still live. */
int account_end(kansli *k, const char *username, const char *kind, int64_t id, kerr *e);
/* The enabled accounts with a role in org_id (0: every account, the
 * installation only) that nobody has logged in to, nor used a token of,
 * for days days (1..3650), oldest first: [{username, full_name, created,
 * last_login, last_token_use (each a time or null), idle_days}]. An
 * account never used counts from its creation. New reference, or NULL. */
json_t *account_stale(kansli *k, int64_t org_id, int days, kerr *e);

#endif
