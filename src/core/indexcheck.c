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

/* One index as the check reads it: its name, its table, the WHERE of a
 * partial one (NULL: none), and whether the table has no rowid to sum. */
typedef struct index_def {
	const char *name, *table, *where;
	int without_rowid;
} index_def;

static void add_aggregate(buf *b, const index_def *x)
{
	const char *sum = x->without_rowid ? "0" : "total(rowid)";
	if (!x->where)
		buf_printf(b, "count(*), %s", sum);
	else if (x->without_rowid)
		buf_printf(b, "count(CASE WHEN (%s) THEN 1 END), 0", x->where);
	else
		buf_printf(b, "count(CASE WHEN (%s) THEN 1 END), total(CASE WHEN (%s) THEN rowid END)", x->where,
		           x->where);
}

/* The indexes def[0..n) of one table against it: the table is read once,
 * without an index, for the count and rowid sum of the rows each index
 * should hold (a CASE WHEN selects a row exactly as the index's WHERE
 * does: the event table has three indexes, two partial, and a scan of
 * it per index was most of the check's time); then each index is read. */
static int check_table(db *d, const index_def *def, int n, json_t *out, int *found, kerr *e)
{
	buf sql = BUF_INIT;
	int64_t *want_n = calloc((size_t)n, sizeof *want_n), got_n;
	double *want_sum = calloc((size_t)n, sizeof *want_sum), got_sum;
	if (!want_n || !want_sum)
		abort();
	buf_adds(&sql, "SELECT ");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(&sql, ", ");
		add_aggregate(&sql, &def[i]);
	}
	buf_printf(&sql, " FROM main.\"%s\" NOT INDEXED", def[0].table);
	int rc = db_count_sums(d, sql.s, n, want_n, want_sum, e);
	for (int i = 0; !rc && i < n; i++) {
		buf_reset(&sql);
		buf_printf(&sql, "SELECT count(*), %s FROM main.\"%s\" INDEXED BY \"%s\"%s%s",
		           def[i].without_rowid ? "0" : "total(rowid)", def[i].table, def[i].name,
		           def[i].where ? " WHERE " : "", def[i].where ? def[i].where : "");
		if ((rc = db_count_sums(d, sql.s, 1, &got_n, &got_sum, e)))
			break;
		if (got_n != want_n[i] || got_sum != want_sum[i]) {
			char msg[300];
			snprintf(msg, sizeof msg, "index %s of table %s: it holds %lld entries, but the table has %lld rows "
			         "it should hold%s", def[i].name, def[i].table, (long long)got_n, (long long)want_n[i],
			         got_n == want_n[i] ? " (not the same ones)" : "");
			json_array_append_new(out, json_string(msg));
			(*found)++;
		}
	}
	free(want_n);
	free(want_sum);
	buf_free(&sql);
	return rc;
}

int index_differences(db *d, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(d, SQL_INDEXES, e);
	if (!s)
		return KERR_INTERNAL;
	int rc, found = 0;
	json_t *list = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(list, json_pack("[s,s,s?,b]", db_col_text(s, 0), db_col_text(s, 1),
		                                      db_col_null(s, 2) ? NULL : db_col_text(s, 2),
		                                      (int)db_col_int(s, 3)));
	if (rc < 0) {
		json_decref(list);
		return rc;
	}
	size_t n = 0, i;
	index_def *def = calloc(json_array_size(list) + 1, sizeof *def);
	if (!def)
		abort();
	json_t *x;
	json_array_foreach(list, i, x) {
		const char *sql = json_string_value(json_array_get(x, 2));
		index_def *f = &def[n];
		f->name = json_string_value(json_array_get(x, 0));
		f->table = json_string_value(json_array_get(x, 1));
		if (!covered_plain_identifier(f->name) || !covered_plain_identifier(f->table))
			continue; /* the schema check names what kansli never made */
		f->where = sql ? partial_where(sql) : NULL;
		f->without_rowid = json_is_true(json_array_get(x, 3));
		n++;
	}
	/* the indexes come ordered by table */
	for (size_t first = 0, end; !rc && first < n; first = end) {
		for (end = first + 1; end < n && !strcmp(def[end].table, def[first].table); end++)
			;
		rc = check_table(d, def + first, (int)(end - first), out, &found, e);
	}
	free(def);
	json_decref(list);
	return rc ? rc : found;
}
