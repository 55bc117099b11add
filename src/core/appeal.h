/*
 * appeal.h — whether a case's decision can still be appealed: the case
 * was decided as a § of a meeting, or by delegation reported to one, whose
 * minutes are posted on the notice board with an appeal period (KL 13 kap., three weeks from the posting,
 * notice.c) that has not ended yet. Closing such a case needs a
 * confirmation: an appeal can still bring it back.
 */
#ifndef KANSLI_APPEAL_H
#define KANSLI_APPEAL_H

#include <stdint.h>

#include "core/kansli.h"

/* 1 with the last day to appeal in appeal_end when the decision in case
 * case_id may still be appealed on today (YYYY-MM-DD), 0 when not, a
 * negative code when it could not be read. */
int appeal_running(kansli *k, int64_t case_id, const char *today, char appeal_end[11], kerr *e);

#endif
