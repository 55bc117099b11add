/*
 * worklist.h — what waits for a user, for the start page: the minutes that
 * wait for their approval as chair or adjuster. (Their cases, due dates
 * and queue are case_overview in cases.h; requests are request_list.)
 */
#ifndef KANSLI_WORKLIST_H
#define KANSLI_WORKLIST_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* The meetings of org_id whose minutes are drawn up and wait for username's
 * approval (they are the chair or an appointed adjuster linked to that
 * user, and have not approved the text as it stands): array of {id, board,
 * date}, newest first. Only meetings the actor may read. A new reference,
 * or NULL with e set. */
json_t *minutes_awaiting_approval(kansli *k, int64_t org_id, const char *username, kerr *e);

#endif
