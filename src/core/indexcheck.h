/*
 * indexcheck.h — every index holds the rows of its table, no more, no
 * fewer.
 *
 * schemacheck.h compares the text that defines each index, not what the
 * index holds. With writable_schema an insider can make an index partial,
 * REINDEX, and put the original text back: the text then checks, while
 * the rows the index left out are invisible to every query that uses it
 * (an active legal hold, the log's events of an object). So each index
 * is read once, its entries counted and their rowids summed, and compared
 * with the same over the rows of its table that its WHERE (if any)
 * selects, read without any index. Zeroed or damaged index pages are read
 * errors. Run only after the schema check passed: the WHERE is then the
 * text of kansli's own migrations.
 */
#ifndef KANSLI_INDEXCHECK_H
#define KANSLI_INDEXCHECK_H

#include <jansson.h>

#include "store/db.h"

/* Appends one string per index whose entries are not its table's rows to
 * out and returns how many, or a negative KERR_* with e set. */
int index_differences(db *d, json_t *out, kerr *e);

#endif
