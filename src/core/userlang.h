/*
 * userlang.h — the language a user reads the web UI in ("sv" or "en"),
 * kept on their account so it follows them between browsers. The setting
 * lives in app_user, which the audit log covers: a change is an event.
 */
#ifndef KANSLI_USERLANG_H
#define KANSLI_USERLANG_H

#include "core/kansli.h"

/* Sets the acting user's own language. KERR_INVALID for anything but "sv"
 * or "en"; KERR_DENIED when no user is acting. 0 or KERR_*. */
int user_set_language(kansli *k, const char *language, kerr *e);

#endif
