/* indexcheck.c — indexes against their tables; see indexcheck.h. */
#include "core/indexcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/covered.h"
#include "util/buf.h"

static const char SQL_INDEXES[] =
	"SELECT i.name, i.tbl_name, i.sql, t.sql LIKE '%WITHOUT ROWID%' FROM sqlite_master i "
	"JOIN sqlite_master t ON t.type = 'table' AND t.name = i.tbl_name "
	"WHERE i.type = 'index' ORDER BY i.tbl_name, i.name";

/* The WHERE of a partial index's definition, or NULL. */
static const char *partial_where(const char *sql)
{
	for (const char *p = sql; p && (p = strcasestr(p, "where")); p += 5)
		if (p > sql && (p[-1] == ' ' || p[-1] == '\n') && (p[5] == ' ' || p[5] == '\n'))
			return p + 6;
	return NULL;
}

int index_differences(db *d, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(d, SQL_INDEXES, e);
	if (!s)
		return KERR_INTERNAL;
	int rc, found = 0;
	buf a = BUF_INIT, b = BUF_INIT, last = BUF_INIT;
	int64_t n2 = 0;
	double s2 = 0;
	json_t *list = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(list, json_pack("[s,s,s?,b]", db_col_text(s, 0), db_col_text(s, 1),
		                                      db_col_null(s, 2) ? NULL : db_col_text(s, 2),
		                                      (int)db_col_int(s, 3)));
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (rc < 0)
			break;
		const char *name = json_string_value(json_array_get(x, 0)), *tbl = json_string_value(json_array_get(x, 1));
		const char *sql = json_string_value(json_array_get(x, 2));
		int without_rowid = json_is_true(json_array_get(x, 3));
		if (!covered_plain_identifier(name) || !covered_plain_identifier(tbl))
			continue; /* the schema check names what kansli never made */
		const char *where = sql ? partial_where(sql) : NULL;
		const char *sum = without_rowid ? "0" : "total(rowid)";
		buf_reset(&a);
		buf_reset(&b);
		buf_printf(&a, "SELECT count(*), %s FROM main.\"%s\" INDEXED BY \"%s\"%s%s", sum, tbl, name,
		           where ? " WHERE " : "", where ? where : "");
		buf_printf(&b, "SELECT count(*), %s FROM main.\"%s\" NOT INDEXED%s%s", sum, tbl,
		           where ? " WHERE " : "", where ? where : "");
		int64_t n1 = 0;
		double s1 = 0;
		if ((rc = db_count_sum(d, a.s, &n1, &s1, e)))
			break;
		/* The indexes come ordered by table, and most of a table's share
		   its one unfiltered aggregate: scan the table once for them, not
		   once per index (the event table has several). */
		if (strcmp(last.s, b.s)) {
			if ((rc = db_count_sum(d, b.s, &n2, &s2, e)))
				break;
			buf_reset(&last);
			buf_adds(&last, b.s);
		}
		if (n1 != n2 || s1 != s2) {
			char msg[300];
			snprintf(msg, sizeof msg, "index %s of table %s: it holds %lld entries, but the table has %lld rows "
			         "it should hold%s", name, tbl, (long long)n1, (long long)n2, n1 == n2 ? " (not the same ones)" : "");
			json_array_append_new(out, json_string(msg));
			found++;
		}
	}
	json_decref(list);
	buf_free(&a);
	buf_free(&b);
	buf_free(&last);
	return rc < 0 ? rc : found;
}
