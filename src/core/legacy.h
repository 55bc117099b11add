/*
 * legacy.h — importing a registry exported from another system (Public 360°,
 * Ciceron, Lex, W3D3, Platina …) as CSV, keeping the original case and
 * record numbers.
 *
 * A mapping says which CSV column feeds which kansli field; the default
 * knows the column headings such exports commonly use (docs/legacy-import.md
 * lists them). Every row is checked; if any is rejected nothing is imported
 * and the report names each rejected row by its line and why, so the file
 * can be corrected and run again. A clean file is one transaction.
 */
#ifndef KANSLI_LEGACY_H
#define KANSLI_LEGACY_H

#include <stddef.h>
#include <stdint.h>

#include "core/kansli.h"

#define LEGACY_MAX_REJECTS 200

typedef struct legacy_reject {
	long line;
	char reason[400];
} legacy_reject;

typedef struct legacy_report {
	long rows, records, cases, skipped;
	long rejected;                        /* all rejected rows */
	int nlisted;                          /* those listed below */
	legacy_reject list[LEGACY_MAX_REJECTS];
	char columns[1024];                   /* "field=Column, ..." as mapped */
} legacy_report;

/* Imports CSV text data[0..len) (UTF-8). mapping is the text of a mapping
 * file or NULL for the default. With dry_run everything is checked and
 * nothing kept. Returns 0 when every row was accepted (and, unless dry_run,
 * committed); KERR_INVALID when rows were rejected (report filled, nothing
 * written) or the file or mapping is unusable (e set). */
int legacy_import_csv(kansli *k, int64_t org_id, const char *data, size_t len, const char *mapping,
                      int dry_run, legacy_report *rep, kerr *e);

/* The same over raw bytes in `encoding` (NULL or "utf-8": as they are;
 * e.g. "windows-1252" converts first). *rep is allocated (free() it) even
 * when the import fails, unless the text could not be converted. */
int legacy_import_bytes(kansli *k, int64_t org_id, const char *data, size_t len, const char *encoding,
                        const char *mapping, int dry_run, legacy_report **rep, kerr *e);

/* The default mapping, in the mapping-file format. */
extern const char legacy_default_mapping[];

#endif
