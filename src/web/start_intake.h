/*
 * start_intake.h — the inbox on the start page: the items forwarded to the
 * user or their unit (an officer's part of the inbox, core/intake.h), and
 * for the registry office the warning of an inbox nobody opens.
 */
#ifndef KANSLI_START_INTAKE_H
#define KANSLI_START_INTAKE_H

#include "web/page.h"

/* What the start page shows of the inbox (owned by the page). */
typedef struct start_intake {
	json_t *forwarded; /* forwarded to the user; NULL: they may see none of it */
	json_t *watch;     /* intake_watch; NULL: not a registrar */
} start_intake;
/* Reads it into *si. 0, or -1 with the error in p->e. */
int start_intake_load(page *p, start_intake *si);
/* The warning of an unwatched inbox, when there is one. */
void start_intake_warning(page *p, const start_intake *si);
/* The figure at the top of the start page (inside its <ul>). */
void start_intake_count(page *p, const start_intake *si);
/* The section listing them (nothing for a user without a part of the inbox). */
void start_intake_section(page *p, const start_intake *si);

#endif
