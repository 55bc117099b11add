/*
 * org.h — organisations (tenants) and what each one sets up: units, registry
 * series, classification codes, users and their roles.
 *
 * Functions named *_tx run inside the caller's open transaction (import uses
 * them); the others are whole operations: access check, change, audit event,
 * commit — or nothing.
 */
#ifndef KANSLI_ORG_H
#define KANSLI_ORG_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

int org_add(kansli *k, const char *code, const char *name, const char *orgnr, kerr *e);
/* Finds an organisation by code; with code NULL or "", the only one there is. */
int org_find(kansli *k, const char *code, int64_t *id, kerr *e);
/* Array of {code,name,orgnr}, only those the actor may read. New reference. */
json_t *org_list(kansli *k, kerr *e);

int unit_add(kansli *k, int64_t org_id, const char *code, const char *name, kerr *e);
int unit_find(kansli *k, int64_t org_id, const char *code, int64_t *id, kerr *e);

int series_add(kansli *k, int64_t org_id, const char *prefix, const char *name, kerr *e);
int series_create_tx(kansli *k, int64_t org_id, const char *prefix, const char *name,
                     int64_t *id, kerr *e);
int series_find(kansli *k, int64_t org_id, const char *prefix, int64_t *id, kerr *e);

int class_add(kansli *k, int64_t org_id, const char *code, const char *title, kerr *e);
int class_create_tx(kansli *k, int64_t org_id, const char *code, const char *title,
                    int64_t *id, kerr *e);
int class_find(kansli *k, int64_t org_id, const char *code, int64_t *id, kerr *e);

/* Lists units, series or classes of an organisation: array of objects. */
json_t *org_setup_list(kansli *k, int64_t org_id, const char *what, kerr *e);

/* Users: password may be NULL (no local login). Stored as argon2id. */
int user_add(kansli *k, const char *username, const char *full_name, const char *password,
             kerr *e);
/* An organisation's administrator adds a user with a first role there. */
int user_add_to_org(kansli *k, int64_t org_id, const char *username, const char *full_name,
                    const char *password, const char *role, kerr *e);
/* The same, with the first role limited to a unit and/or board (grant.h). */
int user_add_to_org_scoped(kansli *k, int64_t org_id, const char *username, const char *full_name,
                           const char *password, const char *role, const char *unit,
                           const char *board, kerr *e);
/* An organisation-wide grant (user_grant_scoped in grant.h limits one). */
int user_grant(kansli *k, const char *username, int64_t org_id, const char *role, kerr *e);
int user_find(kansli *k, const char *username, int64_t *id, kerr *e);
/* 0 when the password is right; KERR_DENIED otherwise (same message for
 * unknown user and wrong password). */
int user_check_password(kansli *k, const char *username, const char *password, kerr *e);
/* The same; *disabled_id is set to the account's id when the password was
 * right but the account is disabled (a refusal worth logging), else 0. */
int user_check_password_why(kansli *k, const char *username, const char *password, int64_t *disabled_id,
                            kerr *e);
/* Array of {username, full_name, disabled, roles: "org:role(unit=X,board=Y) ...",
 * grants: as grant_list}: the users with a role in org_id, with their roles
 * there only (an organisation's administrator learns nothing of another's
 * staff), or with org_id 0 every user and every role (the installation's
 * administrator). New reference, or NULL with e set. */
json_t *user_list(kansli *k, int64_t org_id, kerr *e);

#endif
