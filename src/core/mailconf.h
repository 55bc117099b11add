/*
 * mailconf.h — where kansli's mail goes: the installation's settings for
 * it (kept in meta, each change an event of the installation, as the log's
 * publication interval is), and each user's e-mail address.
 *
 * Settings:
 *   smtp-url   the mail server, smtp://host[:port] or smtps://host[:port]
 *              (no user or password in it: the setting is in the log; a
 *              server that needs a login is reached through a local relay)
 *   mail-from  the sender address, e.g. kansli@kommun.se
 *   site-url   the installation's address for links, e.g. https://kansli.kommun.se
 */
#ifndef KANSLI_MAILCONF_H
#define KANSLI_MAILCONF_H

#include <jansson.h>
#include <stddef.h>

#include "core/kansli.h"

/* Sets name to value (the installation only, access_installation). 0 or
 * KERR_* (KERR_INVALID for an unknown name or a value of the wrong form). */
int mailconf_set(kansli *k, const char *name, const char *value, kerr *e);
/* Copies the value of name into out (len bytes), "" when not set. 0 or KERR_*. */
int mailconf_get(kansli *k, const char *name, char *out, size_t len, kerr *e);
/* Every setting: {name: value or null}. New reference, or NULL with e set. */
json_t *mailconf_all(kansli *k, kerr *e);

/* 1 when addr looks like a mail address kansli will write into a header:
 * local@domain, no spaces, angle brackets or line breaks, at most 254 bytes. */
int mailconf_address_valid(const char *addr);

/* Sets username's e-mail address ("" removes it). An administrator of an
 * organisation the user belongs to, or the installation. 0 or KERR_*. */
int user_email_set(kansli *k, const char *username, const char *email, kerr *e);

#endif
