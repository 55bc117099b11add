/*
 * import.h — loading a registry from JSON lines (the gen-diarium format: one
 * line per record, the case fields repeated on each of its records).
 *
 * By default the whole file is one transaction: all of it or nothing, and
 * the error names the first bad line. With a batch size, every batch is its
 * own transaction and is acknowledged after it commits; a rerun after a
 * crash skips the records already there, so an import can be resumed.
 *
 * Strict where a guess would publish or misfile: "secret" is a boolean
 * (true/false, 1/0), "doc_no" a record number from 1 (null: the next), every
 * string text (util/encoding.h); a UTF-8 byte order mark may start the file.
 * A personnummer the registry binds to another name than an earlier line
 * is linked as the registry says and logged (party.same_person).
 */
#ifndef KANSLI_IMPORT_H
#define KANSLI_IMPORT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "core/kansli.h"

typedef struct import_stats {
	long lines, records, skipped, cases;
} import_stats;

/* What an import remembers between entries (series and classes seen). */
typedef struct import_ctx import_ctx;
import_ctx *import_ctx_new(void);
void import_ctx_free(import_ctx *c);
/* Forgets cached ids (after a rollback). */
void import_ctx_reset(import_ctx *c);

/* Imports one entry — an object with the fields of one JSON line, and
 * optionally "case_status" (open/decided/closed) and "case_closed" (date)
 * for a case it creates — inside the open transaction. */
int import_entry(kansli *k, int64_t org_id, json_t *o, import_ctx *ctx, import_stats *st, kerr *e);
/* Gives the cases opened since the last call their imported status (after
 * their records, which a closed case would refuse); call before commit. */
int import_finish(kansli *k, int64_t org_id, import_ctx *ctx, kerr *e);

/* ack (may be NULL) receives "committed through line N" after each commit. */
int import_jsonl(kansli *k, int64_t org_id, FILE *in, long batch, FILE *ack,
                 import_stats *st, kerr *e);

#endif
