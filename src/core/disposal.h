/*
 * disposal.h — disposal runs (gallring): what the retention schedule lets
 * go, destroyed by decision and with a record of what was destroyed.
 *
 * A run is proposed (the due list is frozen into it), approved by an
 * archivist — not the one who proposed it, when a user proposed it (four
 * eyes) — and executed; until executed it can be cancelled, with a reason. Executing, in one transaction: skips every record
 * whose case has come under a legal hold or been reopened since; marks the
 * others "Gallrad <date> enligt <decision>"; deletes their text and their
 * files' rows and takes them out of the search index; keeps the registry
 * entry where the rule says so, else clears its content fields and keeps
 * the numbered row (numbers stay gap-free); logs each record's state after
 * disposal (record.dispose), which `verify` checks it against; registers a
 * disposal report (what, when, by which decision, who approved) as a record
 * with the list as CSV, in a case per year of the report series. A notice
 * that publishes a disposed file no record keeps any more stops publishing
 * it and says it was disposed of (disposal_copies.h). After the commit,
 * the blobs that no other record (or notice) uses are deleted.
 * Every step needs ACCESS_ARCHIVE.
 */
#ifndef KANSLI_DISPOSAL_H
#define KANSLI_DISPOSAL_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* Freezes today's due list (less what other runs hold) into a new run.
 * KERR_CONFLICT when nothing is due. */
int disposal_propose(kansli *k, int64_t org_id, int64_t *run_id, kerr *e);
/* KERR_DENIED when the approver proposed the run or is no named user (the
 * installation's administrator); KERR_CONFLICT unless proposed. */
int disposal_approve(kansli *k, int64_t org_id, int64_t run_id, kerr *e);
/* Why the acting user cannot approve run_id now (disposal_approve's rules
 * asked beforehand, nothing changed): NULL when they can, else
 * "no_right" (not an archivist), "not_proposed" (the run is not waiting
 * for approval), "no_user" (the installation's own administrator is no
 * second pair of eyes) or "own_run" (the actor proposed it). A run that
 * cannot be read gives "unreadable" with e set. */
const char *disposal_approve_hindrance(kansli *k, int64_t org_id, int64_t run_id, kerr *e);
/* Cancels a run not yet executed, with a reason (1-500 characters); its
 * records can then be proposed again. */
int disposal_cancel(kansli *k, int64_t org_id, int64_t run_id, const char *reason, kerr *e);
/* Executes an approved run; the report goes to series (a prefix) or the
 * configured report series. {run, disposed, skipped, report, blobs_removed,
 * blobs_kept}. New reference, or NULL with e set (nothing changed). */
json_t *disposal_execute(kansli *k, int64_t org_id, int64_t run_id, const char *series, kerr *e);
/* [{id, status, as_of, proposed, proposed_by, approved?, approved_by?,
 * executed?, executed_by?, cancelled?, cancelled_by?, cancel_reason?, items,
 * report?}], newest first. */
json_t *disposal_list(kansli *k, int64_t org_id, kerr *e);
/* One run with its items [{number, title, class, doc_type, years, due,
 * decision, keep_registration, outcome?}], outcome once executed being
 * disposed, held (a legal hold came), reopened (the case was) or already
 * (disposed by another run). */
json_t *disposal_show(kansli *k, int64_t org_id, int64_t run_id, kerr *e);

#endif
