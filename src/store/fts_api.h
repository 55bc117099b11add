/*
 * fts_api.h — a connection's FTS5 API, through which kansli adds its own
 * tokenizer (fts_swedish.c) and auxiliary function (fts_snippet.c). FTS5
 * hands it out only as a pointer bound to `SELECT fts5(?1)`.
 */
#ifndef KANSLI_FTS_API_H
#define KANSLI_FTS_API_H

#include <sqlite3.h>
#include <stddef.h>

/* The API, or NULL when the connection has no FTS5. */
static inline fts5_api *fts_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

#endif
