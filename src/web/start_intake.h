/*
 * start_intake.h — the inbox on the start page: the items forwarded to the
 * user or their unit (an officer's part of the inbox, core/intake.h).
 */
#ifndef KANSLI_START_INTAKE_H
#define KANSLI_START_INTAKE_H

#include "web/page.h"

/* Reads what the start page shows of the inbox into *forwarded (owned by
 * the page; NULL for a user who may not see any of it). 0, or -1 with the
 * error in p->e. */
int start_intake_load(page *p, json_t **forwarded);
/* The figure at the top of the start page (inside its <ul>). */
void start_intake_count(page *p, json_t *forwarded);
/* The section listing them (nothing for a user without a part of the inbox). */
void start_intake_section(page *p, json_t *forwarded);

#endif
