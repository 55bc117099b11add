/*
 * grant.h — role grants and their reach: organisation-wide, or limited to
 * units and boards (need-to-know, OSL 8 kap. 1 §; see access.h for how a
 * scope is read).
 *
 * A role held with no scope covers the whole organisation. A scoped role
 * covers the cases of the units and boards it names. Granting a role
 * without a scope widens a scoped one to the whole organisation; granting a
 * scope never narrows a role held organisation-wide (that is a revoke, done
 * on purpose). Revoking a role's last scope revokes the role: it never
 * widens by accident. Every change is one transaction with its audit event
 * (user.grant, user.revoke), whose data names the exact scope.
 *
 * unit and board are codes in the organisation; NULL or "" means none.
 */
#ifndef KANSLI_GRANT_H
#define KANSLI_GRANT_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* Grants role to the user uid (named username, for the event) inside the
 * caller's open transaction. Returns 0 or KERR_* with a message. */
int grant_role_tx(kansli *k, int64_t uid, const char *username, int64_t org_id, const char *role,
                  const char *unit, const char *board, kerr *e);
/* The whole operation: the actor must administer org_id. */
int user_grant_scoped(kansli *k, const char *username, int64_t org_id, const char *role,
                      const char *unit, const char *board, kerr *e);
/* Revokes the role (no unit or board given) or one of its scopes. The
 * administrator role of an organisation's last enabled administrator is
 * refused (KERR_CONFLICT, as account_set_disabled refuses to disable one). */
int user_revoke(kansli *k, const char *username, int64_t org_id, const char *role,
                const char *unit, const char *board, kerr *e);
/* The grants of user uid in org_id (0: in every organisation): array of
 * {org, role, units:[codes], boards:[codes]}, empty units and boards
 * meaning organisation-wide. New reference, or NULL with e set. */
json_t *grant_list(kansli *k, int64_t uid, int64_t org_id, kerr *e);

#endif
