/*
 * case_actions.h — the case page's actions: grouped behind disclosure
 * widgets (<details>, no script needed), offered only when core says they
 * are possible now (core/casenext.h) with a short reason in their place
 * otherwise, and the confirmation step that decide, close and reopen pass
 * through before they change anything.
 */
#ifndef KANSLI_CASE_ACTIONS_H
#define KANSLI_CASE_ACTIONS_H

#include <jansson.h>
#include <microhttpd.h>

#include "web/page.h"

/* Writes the action groups of case c (as case_show gives it), numbered num,
 * into p->b. prot: the title is protected; title_open: the title group is
 * shown open (the page was reached with a warning about the title). */
int case_actions_section(page *p, json_t *c, const char *num, int prot, int title_open);

/* The confirmation step of the action the form's "atgard" names, for the
 * case numbered num: 0 when the action needs none or the form carries it
 * (bekrafta=ja), so the action may run; 1 with *ret holding the page that
 * asks (200, nothing changed) or the error page when the case cannot be
 * read. */
int case_action_confirm(page *p, const char *num, enum MHD_Result *ret);

#endif
