/*
 * stats.h — volumes for overview pages and monitoring: cases and records per
 * organisation, the size of the audit log.
 */
#ifndef KANSLI_STATS_H
#define KANSLI_STATS_H

#include <jansson.h>

#include "core/kansli.h"

/* 0 when the database answers. */
int stats_ping(kansli *k, kerr *e);
/* Array of {code, name, cases, records} the actor may read. New reference. */
json_t *stats_organisations(kansli *k, kerr *e);
/* Number of events in the signed log, or -1 with e set when it cannot be
 * read. */
long long stats_log_size(kansli *k, kerr *e);

#endif
