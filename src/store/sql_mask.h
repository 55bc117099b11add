/* sql_mask.h — the SQL function kansli_public_text; see sql_mask.c. */
#ifndef KANSLI_SQL_MASK_H
#define KANSLI_SQL_MASK_H

#include <sqlite3.h>

/* Registers kansli_public_text(text) on h; SQLITE_OK or an error code. */
int sql_mask_register(sqlite3 *h);

#endif
