/*
 * overview_lag.h — the managers' overview's table of the registration lag
 * from the inbox (core/overview.h: registration_lag), per channel.
 */
#ifndef KANSLI_OVERVIEW_LAG_H
#define KANSLI_OVERVIEW_LAG_H

#include <jansson.h>

#include "web/page.h"

/* Writes the section: a heading and a table with a row per channel. */
void overview_lag_table(page *p, json_t *lag);

#endif
