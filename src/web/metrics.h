/*
 * metrics.h — counters for /metrics (Prometheus text format): requests by
 * status class, a latency histogram, registrations. Lock-free atomics: the
 * worker threads only add.
 */
#ifndef KANSLI_METRICS_H
#define KANSLI_METRICS_H

#include <stdint.h>

#include "util/buf.h"

void metrics_request(unsigned status, int64_t us);
void metrics_registration(void);
void metrics_render(buf *b);

#endif
