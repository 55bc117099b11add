/*
 * intake_tx.h — the steps of judging an inbox item that registering it
 * whole, splitting it and joining several share (intake_decide.c,
 * intake_join.c). Internal to core/intake*.c; see intake.h for the rules.
 */
#ifndef KANSLI_INTAKE_TX_H
#define KANSLI_INTAKE_TX_H

#include <stdint.h>

#include "core/cases.h"
#include "core/intake.h"

/* Inside the transaction: the right to judge item id (officer 1: also
 * the officer it is forwarded to; 0: the registrars alone) and item id of
 * org_id not judged yet. 0 or KERR_*. */
int intake_open_item(kansli *k, int64_t org_id, int64_t id, int officer, kerr *e);
/* Inside the transaction: the item's decision row. */
int intake_decide_tx(kansli *k, int64_t id, const char *outcome, const char *reason, int64_t record_id, kerr *e);
/* Before the transaction: the item's text as a blob (hash "" for none). */
int intake_store_text(kansli *k, int64_t org_id, int64_t id, char hash[65], int64_t *size, kerr *e);
/* Inside the transaction: the record's files of item id: the text (when
 * text_hash is not ""), the attachments in order, the original last.
 * First the item's rows are checked against its intake's digest, and
 * against item (intake_show's) and text_hash, read before the
 * transaction: a change between those reads and this one is a conflict,
 * so nothing read outside the transaction goes into the record unless it
 * is what the log binds (an outside review's find, s8c C1). */
int intake_record_files(kansli *k, int64_t org_id, int64_t id, const json_t *item, const char *text_hash,
                        int64_t text_size, record_file_in *files, int *nfiles, kerr *e);
/* Inside the transaction: forgets what was read out of the item (the
 * record holds it now). */
int intake_forget_content(kansli *k, int64_t id, kerr *e);
/* Inside the transaction: the case to register in, case_number's or a new
 * one opened from c; its id and number. Record r into an existing case
 * that holds secrets must say its secrecy (KERR_INVALID, field secrecy). */
int intake_case_for(kansli *k, int64_t org_id, const char *case_number, const case_new *c, const record_new *r,
                    int64_t *case_id, char case_no[CASENUM_MAX], kerr *e);

#endif
