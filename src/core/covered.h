/*
 * covered.h — which tables and columns the audit log covers, and the SQL
 * that reads a covered row as the log records it.
 *
 * One description drives three things: the change capture that writes row
 * images into the log at every commit (rowlog.c), the replay that rebuilds
 * the tables from the log and compares them with the database (replay.c),
 * and the generated tamper suite (tests/cli/t0043), which reads the same
 * description through `kansli verify --list-covered`.
 *
 * Coverage is by exclusion: every table of the schema is covered unless it
 * is named in the exclusion list with the reason, and every column of a
 * covered table is part of its row image unless named there too. So a
 * column or table added by a later migration is covered the day it
 * appears (the next open records a signed baseline of it).
 *
 * A row's key is its primary key (json_array of the key columns; rowid
 * for a table without one). Its image is SQLite's json_object of the
 * covered columns in name order, a blob as "x:<hex>", a column of
 * core/rowdigest.h as its digest.
 */
#ifndef KANSLI_COVERED_H
#define KANSLI_COVERED_H

#include <jansson.h>

#include "core/kansli.h"

typedef struct covered_table {
	char *name;
	char **cols;          /* covered columns, sorted by name */
	int ncols;
	char *blob_cols;      /* the covered columns declared BLOB, as ",a,b," ... */
	unsigned char *col_blob; /* ... and as a flag per column of cols */
	unsigned char *col_digest; /* per column of cols: its image holds its digest (core/rowdigest.h) */
	char **key;           /* primary key columns (none: rowid) */
	int nkey;
	char **outside;       /* its columns outside the log (record_text.body), in table order */
	int noutside;
	/* SQL built once per connection; db_prep caches it by address, so the
	 * strings live as long as the kansli that owns them. */
	char *sql_image_by_key; /* ?1 = key json -> image (no row: deleted) */
	char *sql_rows;         /* key and the covered columns (as cols) of every row: replay.c
	                         * writes the image itself (rowimage.h) and checks each value's type */
	char *sql_rows_outside; /* the same, and then the columns outside the log (as outside) */
	char *sql_all;          /* key, image of every row (the baseline) */
	char *sql_count;        /* how many rows the table has */
	char *sql_triggers;     /* the temp triggers that note changed keys */
} covered_table;

typedef struct covered {
	covered_table *t;
	int n;
	char *signature; /* "table:col,col;..." + schema version: changes mean a new baseline */
} covered;

/* The description of this database (built once, kept in k). 0 or KERR_*. */
int covered_load(kansli *k, const covered **out, kerr *e);
void covered_free(covered *c);
/* The table named name, or NULL when it is not covered. */
const covered_table *covered_find(const covered *c, const char *name);
/* 1 when s is a name kansli would give a table, column or index (letters,
 * digits, '_'): SQL is only ever built from such names. */
int covered_plain_identifier(const char *s);
/* Why a table or column (col NULL: the table) is outside the log, or NULL
 * when it is covered. */
const char *covered_excluded(const char *table, const char *col);
/* [{"table","key":[..],"columns":[..]}] and the exclusions
 * [{"table","column"?,"reason"}]: the description for tools and tests.
 * New reference, or NULL with e set. */
json_t *covered_describe(kansli *k, kerr *e);

#endif
