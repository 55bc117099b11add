/*
 * import.h — loading a registry from JSON lines (the gen-diarium format: one
 * line per record, the case fields repeated on each of its records).
 *
 * By default the whole file is one transaction: all of it or nothing, and
 * the error names the first bad line. With a batch size, every batch is its
 * own transaction and is acknowledged after it commits; a rerun after a
 * crash skips the records already there, so an import can be resumed.
 */
#ifndef KANSLI_IMPORT_H
#define KANSLI_IMPORT_H

#include <stdio.h>

#include "core/kansli.h"

typedef struct import_stats {
	long lines, records, skipped, cases;
} import_stats;

/* ack (may be NULL) receives "committed through line N" after each commit. */
int import_jsonl(kansli *k, int64_t org_id, FILE *in, long batch, FILE *ack,
                 import_stats *st, kerr *e);

#endif
