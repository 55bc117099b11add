/*
 * test_rowdigest.c — a column the log holds as its digest
 * (core/rowdigest.h) is written the same by SQLite (kansli_digest in
 * covered.c's SQL, as rowlog writes it) and by replay in C (rowdigest_value
 * then rowimage): else every installation would fail verify. Random values
 * of every kind in app_user.password_hash. And an image a log written
 * before holds (the value itself) becomes, through rowdigest_image, the
 * very bytes the new image has.
 */
#include "test.h"
#include "core/covered.h"
#include "core/rowdigest.h"

#include <stdint.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15u;
static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A random value as an SQL literal (the test's own, never input). */
static const char *random_literal(void)
{
	static const char *const values[] = {
		"NULL", "0", "-42", "9223372036854775807", "1.5", "-0.0", "1e300", "X''", "X'00AB'",
		"'$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g'", "'sha256:abc'", "''", "'a\"b\\c'",
		"CAST(X'61006200' AS TEXT)", "'Överklagande €'", "char(1, 31, 127, 10)",
	};
	return values[next(sizeof values / sizeof values[0])];
}

int main(void)
{
	kerr e = KERR_INIT;
	kansli k;
	memset(&k, 0, sizeof k);
	CHECK("an empty database in memory", db_open(&k.db, ":memory:", &e) == 0);
	CHECK("app_user with a password hash of any kind",
	      db_exec(k.db, "CREATE TABLE app_user(id INTEGER PRIMARY KEY, full_name TEXT, password_hash TEXT, z)", &e) == 0);
	buf sql = BUF_INIT;
	for (int row = 1; row <= 500; row++) {
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO app_user VALUES(%d, %s, %s, %s)", row, random_literal(), random_literal(),
		           random_literal());
		if (db_exec(k.db, sql.s, &e))
			printf("# %s: %s\n", sql.s, e.msg);
	}
	const covered *cv = NULL;
	CHECK("the table is covered", covered_load(&k, &cv, &e) == 0 && cv->n == 1);
	const covered_table *t = &cv->t[0];
	CHECK("password_hash is its one digested column", t->ncols == 4 && !strcmp(t->cols[2], "password_hash") &&
	      t->col_digest[2] && !t->col_digest[0] && !t->col_digest[1] && !t->col_digest[3]);

	/* the image as a log written before holds it: the value itself */
	static const char SQL_BEFORE[] =
		"SELECT json_object('full_name', CASE WHEN typeof(full_name) = 'blob' THEN 'x:' || hex(full_name) "
		"ELSE full_name END, 'id', id, 'password_hash', CASE WHEN typeof(password_hash) "
		"= 'blob' THEN 'x:' || hex(password_hash) ELSE password_hash END, 'z', CASE WHEN typeof(z) = 'blob' "
		"THEN 'x:' || hex(z) ELSE z END), typeof(password_hash) IN ('text', 'blob') "
		"AND NOT coalesce(password_hash, '') LIKE 'sha256:%' FROM app_user ORDER BY id";
	db_stmt *rows = db_prep(k.db, t->sql_rows, &e), *images = db_prep(k.db, t->sql_all, &e);
	db_stmt *before = db_prep(k.db, SQL_BEFORE, &e);
	rowimage_value v[4];
	char digests[4][SQL_DIGEST_SIZE];
	buf img = BUF_INIT, old = BUF_INIT;
	int n = 0, same = 0, olds = 0, old_same = 0, hidden = 0;
	while (rows && images && before && db_step(rows, &e) == DB_ROW && db_step(images, &e) == DB_ROW &&
	       db_step(before, &e) == DB_ROW) {
		buf text[4];
		for (int c = 0; c < 4; c++) {
			text[c] = (buf)BUF_INIT;
			v[c].type = db_col_type(rows, c + 1);
			v[c].i = v[c].type == DB_INTEGER ? db_col_int(rows, c + 1) : 0;
			const void *p = v[c].type == DB_BLOB ? db_col_blob(rows, c + 1) : (const void *)db_col_text(rows, c + 1);
			buf_add(&text[c], p, (size_t)db_col_bytes(rows, c + 1));
			v[c].s = text[c].s;
			v[c].len = text[c].len;
			if (t->col_digest[c])
				rowdigest_value(&v[c], digests[c]);
		}
		buf_reset(&img);
		rowimage_object(&img, (const char *const *)t->cols, v, 4);
		const char *want = db_col_text(images, 1);
		size_t want_len = (size_t)db_col_bytes(images, 1);
		n++;
		if (img.len == want_len && !memcmp(img.s, want, want_len))
			same++;
		else if (n - same <= 3)
			printf("# row %d: SQLite wrote %s\n#          C wrote %s\n", n, want, img.s);
		hidden += strstr(want, "\"password_hash\":\"sha256:") || strstr(want, "\"password_hash\":null");
		if (db_col_int(before, 1)) {
			olds++;
			if (rowdigest_image("app_user", db_col_text(before, 0), &old) && !strcmp(old.s, want))
				old_same++;
			else if (olds - old_same <= 3)
				printf("# row %d: new %s\n#          old made new %s\n", n, want, old.s);
		}
		for (int c = 0; c < 4; c++)
			buf_free(&text[c]);
	}
	if (n != 500)
		printf("# %d rows: %s\n", n, e.msg);
	CHECK("500 random rows read", n == 500);
	CHECK("... each image the bytes SQLite writes", same == n);
	CHECK("... each holding a digest or null, never the value", hidden == n);
	CHECK("an old image of a text or blob value ...", olds > 50);
	CHECK("... becomes the new image byte for byte", old_same == olds);
	CHECK("an image already digested is left", !rowdigest_image("app_user", "{\"password_hash\":\"sha256:00\"}", &old) &&
	      old.len == 0);
	CHECK("another table's is left", !rowdigest_image("case_file", "{\"password_hash\":\"$argon2id$x\"}", &old));
	CHECK("malformed text is left", !rowdigest_image("app_user", "{\"password_hash\":\"$argon2", &old) && old.len == 0);

	json_t *data = json_loads("{\"state\":[[\"app_user\",\"[1]\",\"{\\\"password_hash\\\":\\\"$argon2id$a\\\"}\","
	                          "null]],\"baseline\":{\"app_user\":[[\"[2]\",\"{\\\"password_hash\\\":\\\"$argon2id$b\\\"}\"]]}}",
	                          0, NULL);
	rowdigest_event_data(data);
	char *shown = json_dumps(data, JSON_COMPACT);
	CHECK("an old event is shown with digests", shown && !strstr(shown, "argon2") && strstr(shown, "sha256:"));
	free(shown);
	json_decref(data);

	buf_free(&img);
	buf_free(&old);
	buf_free(&sql);
	covered_free(k.covered);
	db_close(k.db);
	TEST_END();
}
