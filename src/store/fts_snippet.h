/*
 * fts_snippet.h — kansli_snippet(), the FTS5 auxiliary function the search
 * shows its hits with: the same arguments and markers as FTS5's snippet()
 * (column or -1, open, close, ellipsis, tokens), but the window is chosen
 * in one pass over the hits and only the column's text up to the window's
 * end is tokenized, so a word repeated thousands of times in one document
 * costs milliseconds, not the built-in's seconds to minutes (its work
 * grows with the square of the hits, and no progress handler can
 * interrupt it).
 */
#ifndef KANSLI_FTS_SNIPPET_H
#define KANSLI_FTS_SNIPPET_H

#include <sqlite3.h>

/* Registers kansli_snippet on a connection; SQLITE_OK or an error code. */
int fts_snippet_register(sqlite3 *db);

#endif
