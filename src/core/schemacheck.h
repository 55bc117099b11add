/*
 * schemacheck.h — the database's schema against the one this program's
 * own migrations make.
 *
 * Everything in sqlite_master (tables, views, indexes, triggers and the
 * text that defines them) is part of what the audit log's promises rest
 * on: a dropped index lets duplicates in, a redefined view feeds secret
 * text to the open search index, a planted trigger changes rows behind
 * each legitimate write and lets the log record the result as the truth.
 * None of it is a row the log can replay, so it is compared as a whole
 * with a reference built by running the migrations on an empty database.
 */
#ifndef KANSLI_SCHEMACHECK_H
#define KANSLI_SCHEMACHECK_H

#include <jansson.h>

#include "store/db.h"

/* Appends one string per extra, missing or changed schema object of d
 * to out (the first max at most) and returns how many differ, or a
 * negative KERR_* with e set. */
int schema_differences(db *d, json_t *out, kerr *e);

/* The schema cookie of d's main database (PRAGMA schema_version), which
 * SQLite changes at every schema change: a check is redone only when it
 * moved. Negative KERR_* on an error. */
long long schema_cookie(db *d, kerr *e);

#endif
