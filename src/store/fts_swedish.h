/*
 * fts_swedish.h — the "swedish" FTS5 tokenizer: unicode61 with diacritics
 * kept (å, ä, ö are letters of their own in Swedish, not accented a and o),
 * then the Snowball Swedish stemmer, so "bygglovet" finds "bygglov".
 * Prefix query terms ("detaljpl*") are not stemmed.
 */
#ifndef KANSLI_FTS_SWEDISH_H
#define KANSLI_FTS_SWEDISH_H

#include <sqlite3.h>

/* Registers the tokenizer on a connection; SQLITE_OK or an error code. */
int fts_swedish_register(sqlite3 *db);

#endif
