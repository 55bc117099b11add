/*
 * rowlog.h — every change to a covered table goes into the audit log as
 * the row's new image, so the log alone can rebuild the registry.
 *
 * On open, temporary triggers (this connection only: a change made with
 * another program fires nothing) note the key of every covered row an
 * operation inserts, updates or deletes. At commit, rowlog_flush reads
 * those rows as they now are and adds them to the transaction's last event
 * as "state": [[table, key, image or null], ...]; a transaction that changed
 * rows without an event gets a "state.change" event of its own.
 *
 * A baseline, "baseline": {table: [[key, image], ...]}, records whole
 * tables: at `init`, and when an open finds the covered columns changed
 * (a migration added one), so installations made before this verify too.
 */
#ifndef KANSLI_ROWLOG_H
#define KANSLI_ROWLOG_H

#include "core/kansli.h"

/* Creates this connection's change capture. 0 or KERR_*. */
int rowlog_install(kansli *k, kerr *e);
/* Inside the committing transaction: writes the changed rows (and the
 * baseline, when one is due) into the log. 0 or KERR_*. */
int rowlog_flush(kansli *k, kerr *e);
/* At open: records a signed baseline when the covered columns differ from
 * those the last baseline recorded. 0 or KERR_*. */
int rowlog_baseline_if_needed(kansli *k, kerr *e);
/* 1 when the covered tables or columns differ from the last baseline's
 * (verify, which never writes one, reports it), 0 when not, or KERR_*. */
int rowlog_baseline_missing(kansli *k, kerr *e);

#endif
