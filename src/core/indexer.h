/*
 * indexer.h — text extraction for the search index, fair under load.
 *
 * Files of queued records get their text through `kansli _extract` child
 * processes, each with its own limits (extract_limits). In the server a
 * pool of worker threads (at least two) runs them side by side; the CLI
 * (`kansli reindex`) runs them one after another on the calling thread.
 *
 * Which file is next is decided round-robin: first over organisations,
 * then over the users who registered the records (the actor of the
 * record's last audit event), oldest record first within one user. One
 * user's flood of costly files therefore delays another user's record by
 * at most one extraction's time limit per worker, not by the flood.
 *
 * A file stopped at a limit is stored with the text found before it and
 * status 'partial' (shown to staff on the record page); it is not retried.
 */
#ifndef KANSLI_INDEXER_H
#define KANSLI_INDEXER_H

#include <stddef.h>

#include "core/kansli.h"
#include "extract/extract.h"

#define INDEXER_MAX_WORKERS 16

/* Starts workers threads (1 to INDEXER_MAX_WORKERS) extracting for the
 * installation at datadir with the given limits (tmpdir is set here). From
 * then on indexer_extract_pending leaves the extracting to them. 0 or -1. */
int indexer_start(const char *datadir, int workers, const extract_limits *lim);
/* Stops and joins the workers (a running extraction ends first). */
void indexer_stop(void);

/* For search_index_pending: extracts up to max queued files' text on this
 * thread, unless the pool runs; *extracted counts them. 0 or an error. */
int indexer_extract_pending(kansli *k, int max, int *extracted, kerr *e);

/* Extracts again, on this thread, the text of every file a record uses
 * now, from the blob store, replacing what file_text holds: the cache is
 * not in the log, so one changed behind kansli's back is mended here
 * (kansli reindex --extract). *extracted counts the files. 0 or an error. */
int indexer_reextract_all(kansli *k, int *extracted, kerr *e);

/* How the extraction of the blob with this hash ended: "complete",
 * "partial", "failed", or "" while it waits. 0 or an error. */
int indexer_file_status(kansli *k, const char *hash, char *out, size_t len, kerr *e);

#endif
