/*
 * test_rowimage.c — verify writes each database row's image in C
 * (core/rowimage.h) and compares its digest with the image rowlog had
 * SQLite write into the log. Differentially: random rows (text with every
 * control character, quotes, backslashes, DEL, Swedish letters, bytes that
 * are not UTF-8 and NULs; integers to both ends; reals large, small,
 * negative zero and infinite; blobs, empty ones too; nulls) are put in a
 * table, and the image rowimage writes from covered.c's sql_rows must be
 * the bytes covered.c's own SQL has SQLite write (sql_all, as rowlog).
 */
#include "test.h"
#include "core/covered.h"
#include "core/rowimage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x2545f4914f6cdd1du;
static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void add_hex(buf *b, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%02x", p[i]);
}

/* A random value as an SQL literal (the test's own values, never input). */
static void random_literal(buf *sql)
{
	static const char *const parts[] = {
		"a", "Överklagande", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f", "\x7f", "€", "😀",
		" ", "{[", "]}", ",:", "x:00", "\xff", "\xc3", "null",
	};
	static const double reals[] = { 0.1, 1.5, -2.25, 1e15, 1e16, 1e300, 123456789012345678.0, 3.14159265358979,
	                                -0.0, 5e-324, 1e-7, 100.0 };
	unsigned char bytes[64];
	size_t n = 0;
	switch (next(7)) {
	case 0:
		buf_adds(sql, "NULL");
		return;
	case 1: {
		static const char *const ints[] = { "0", "1", "-1", "42", "9223372036854775807",
		                                     "(-9223372036854775807-1)", "1796673053349651", "-1000000" };
		buf_adds(sql, ints[next(sizeof ints / sizeof ints[0])]);
		return;
	}
	case 2:
		if (next(10) == 0)
			buf_adds(sql, next(2) ? "9e999" : "-9e999");
		else
			buf_printf(sql, "%.17g", reals[next(sizeof reals / sizeof reals[0])]);
		return;
	case 3: /* a blob, maybe empty */
		n = next(6);
		for (size_t i = 0; i < n; i++)
			bytes[i] = (unsigned char)next(256);
		buf_adds(sql, "X'");
		add_hex(sql, bytes, n);
		buf_adds(sql, "'");
		return;
	case 4: /* text with a NUL inside */
		buf_adds(sql, "CAST(X'61006200' AS TEXT)");
		return;
	default:
		for (int k = (int)next(6); k > 0; k--) {
			const char *p = parts[next(sizeof parts / sizeof parts[0])];
			memcpy(bytes + n, p, strlen(p));
			n += strlen(p);
		}
		buf_adds(sql, "CAST(X'");
		add_hex(sql, bytes, n);
		buf_adds(sql, "' AS TEXT)");
	}
}

int main(void)
{
	kerr e = KERR_INIT;
	kansli k;
	memset(&k, 0, sizeof k);
	CHECK("an empty database in memory", db_open(&k.db, ":memory:", &e) == 0);
	/* columns without a type keep every value as it comes; b is declared BLOB */
	CHECK("a table of every kind of column",
	      db_exec(k.db, "CREATE TABLE t(id INTEGER PRIMARY KEY, a, b BLOB, c TEXT, d REAL, e INTEGER, f)", &e) == 0);
	buf sql = BUF_INIT;
	for (int row = 1; row <= 3000; row++) {
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO t VALUES(%d", row);
		for (int c = 0; c < 6; c++) {
			buf_adds(&sql, ", ");
			random_literal(&sql);
		}
		buf_adds(&sql, ")");
		if (db_exec(k.db, sql.s, &e)) {
			printf("# %s: %s\n", sql.s, e.msg);
			break;
		}
	}
	const covered *cv = NULL;
	CHECK("the table is covered", covered_load(&k, &cv, &e) == 0 && cv->n == 1);
	const covered_table *t = &cv->t[0];
	CHECK("b is the column declared BLOB", t->ncols == 7 && !strcmp(t->cols[1], "b") && t->col_blob[1] &&
	      !t->col_blob[0] && !t->col_blob[2]);

	db_stmt *rows = db_prep(k.db, t->sql_rows, &e), *images = db_prep(k.db, t->sql_all, &e);
	rowimage_value v[7];
	buf img = BUF_INIT;
	int n = 0, same = 0, rc;
	while (rows && images && (rc = db_step(rows, &e)) == DB_ROW && db_step(images, &e) == DB_ROW) {
		buf text[7];
		for (int c = 0; c < 7; c++) {
			text[c] = (buf)BUF_INIT;
			v[c].type = db_col_type(rows, c + 1);
			v[c].i = v[c].type == DB_INTEGER ? db_col_int(rows, c + 1) : 0;
			const void *p = v[c].type == DB_BLOB ? db_col_blob(rows, c + 1) : (const void *)db_col_text(rows, c + 1);
			buf_add(&text[c], p, (size_t)db_col_bytes(rows, c + 1));
			v[c].s = text[c].s;
			v[c].len = text[c].len;
		}
		buf_reset(&img);
		rowimage_object(&img, (const char *const *)t->cols, v, 7);
		const char *want = db_col_text(images, 1);
		size_t want_len = (size_t)db_col_bytes(images, 1);
		n++;
		if (img.len == want_len && !memcmp(img.s, want, want_len))
			same++;
		else if (n - same <= 3)
			printf("# row %d: SQLite wrote %s\n#          rowimage %s\n", n, want, img.s);
		for (int c = 0; c < 7; c++)
			buf_free(&text[c]);
	}
	CHECK("3000 random rows read", n == 3000);
	CHECK("... each image the bytes SQLite writes", same == n);

	buf_reset(&img);
	rowimage_add_string(&img, "a\0\x1f\x7f\"\\/\xc3\xa5", 9);
	CHECK("a string escaped as SQLite does", !strcmp(img.s, "\"a\\u0000\\u001f\x7f\\\"\\\\/\xc3\xa5\""));
	rowimage_value blob = { DB_BLOB, 0, "\x00\xab", 2 }, empty = { DB_BLOB, 0, "", 0 };
	const char *names[] = { "x", "y" };
	rowimage_value two[2] = { blob, empty };
	buf_reset(&img);
	rowimage_object(&img, names, two, 2);
	CHECK("a blob as x: and upper-case hex, an empty one as x:", !strcmp(img.s, "{\"x\":\"x:00AB\",\"y\":\"x:\"}"));

	buf_free(&img);
	buf_free(&sql);
	covered_free(k.covered);
	db_close(k.db);
	TEST_END();
}
