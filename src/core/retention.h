/*
 * retention.h — the retention schedule (informationshanteringsplan) and
 * legal holds: what Arkivlagen lets an authority dispose of, and when.
 *
 * A rule belongs to a class of the classification structure, optionally
 * narrowed to a document type (a record's doc_type). A record follows the
 * rule of its case's class and its own type; without one, the rule of the
 * class. A rule keeps (bevaras) or disposes (gallras) after N years counted
 * from the day the case was closed, cites the decision or legal basis
 * ("RA-FS 2021:6", "KF 2025-03-12 § 45"), and says whether the registry
 * entry stays when the content goes. A case under a legal hold is never
 * disposed of.
 *
 * The schedule and the structure travel as CSV (UTF-8, ';', a header row):
 *   klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
 * Importing replaces the organisation's rules with the file's, all rows or
 * nothing; classes in the file are added or renamed (classes are never
 * removed: cases use them). The schedule is read with ACCESS_READ; every
 * change, the due list and holds need ACCESS_ARCHIVE.
 */
#ifndef KANSLI_RETENTION_H
#define KANSLI_RETENTION_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"
#include "util/buf.h"

/* One rule as text, the way CSV, forms and the shell give it. */
typedef struct retention_rule_in {
	const char *class_code;
	const char *class_title;       /* import: adds or renames the class */
	const char *doc_type;          /* NULL or "": the rule of the class */
	const char *action;            /* bevaras|gallras (or keep|dispose) */
	const char *years;             /* gallras: whole years, 0-200 */
	const char *decision;          /* decision or legal basis; required for gallras */
	const char *keep_registration; /* ja|nej (yes|no); default ja */
} retention_rule_in;

/* [{class, class_title, doc_type, action, years?, decision, keep_registration}]
 * ordered by class and type; classes without a rule appear with action "".
 * New reference, or NULL with e set. */
json_t *retention_schedule(kansli *k, int64_t org_id, kerr *e);
/* Adds or replaces one rule (the class must exist). 0 or KERR_*. */
int retention_rule_set(kansli *k, int64_t org_id, const retention_rule_in *in, kerr *e);
/* Removes the rule of class (and type). KERR_NOTFOUND when there is none. */
int retention_rule_remove(kansli *k, int64_t org_id, const char *class_code, const char *doc_type, kerr *e);
/* Replaces the schedule with a CSV file's rules; *rules gets their number.
 * KERR_INVALID naming the line of the first bad row changes nothing. */
int retention_import_csv(kansli *k, int64_t org_id, const char *data, size_t len, int *rules, kerr *e);
/* The schedule in the import's CSV format, appended to out. */
int retention_export_csv(kansli *k, int64_t org_id, buf *out, kerr *e);

/* What may be disposed of today: records in closed cases whose rule says
 * gallras and whose closing date + years has come, never in a case under a
 * legal hold. {as_of, count, items:[{number, case, title, class, doc_type,
 * years, closed, due, decision, keep_registration, run?}], by_class:[{class,
 * count}], held:N}. Secret titles read "Sekretess enligt ...". */
json_t *retention_due(kansli *k, int64_t org_id, kerr *e);
/* The same items, each with "record_id", for a disposal proposal;
 * excludes records already in a run not yet executed. */
json_t *retention_due_items(kansli *k, int64_t org_id, int exclude_pending, kerr *e);
/* date + years ("YYYY-MM-DD"; 29 February becomes 28 February; not a
 * valid date gives 9999-12-31, never due). */
void retention_add_years(const char *date, int years, char out[11]);

/* Legal holds (a case under a hold is never disposed of); reasons 1-500
 * characters, logged. */
int hold_add(kansli *k, int64_t org_id, const char *case_number, const char *reason, kerr *e);
int hold_release(kansli *k, int64_t org_id, const char *case_number, const char *reason, kerr *e);
/* [{case, title, reason, placed, placed_by, released?, released_by?, release_reason?}],
 * active ones only unless all. */
json_t *hold_list(kansli *k, int64_t org_id, int all, kerr *e);

/* The series where disposal reports are registered unless a run names one. */
int retention_set_report_series(kansli *k, int64_t org_id, const char *prefix, kerr *e);
/* {report_series?} */
json_t *retention_settings(kansli *k, int64_t org_id, kerr *e);

#endif
