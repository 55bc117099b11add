/* test_db.c — the statement cache: every statement the program has stays
 * prepared, found again by its SQL constant, until the cache's stated limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "test.h"

int main(void)
{
	db *d;
	kerr e = KERR_INIT;
	CHECK("open an in-memory database", db_open(&d, ":memory:", &e) == 0);
	enum { N = 1200 };
	char **sql = calloc(N, sizeof *sql);
	db_stmt **first = calloc(N, sizeof *first);
	int ok = 1;
	for (int i = 0; i < N; i++) {
		sql[i] = malloc(32);
		snprintf(sql[i], 32, "SELECT %d", i);
		if (!(first[i] = db_prep(d, sql[i], &e)))
			ok = 0;
	}
	CHECK("1200 distinct statements are prepared and kept", ok);
	ok = 1;
	for (int i = 0; i < N; i++) {
		db_stmt *s = db_prep(d, sql[i], &e);
		if (s != first[i] || db_step(s, &e) != DB_ROW || db_col_int(s, 0) != i)
			ok = 0;
		db_done(s);
	}
	CHECK("each is found again by its SQL and answers its own query", ok);
	char more[2000][24];
	int refused = 0;
	for (int i = 0; i < 2000 && !refused; i++) {
		snprintf(more[i], sizeof more[i], "SELECT -%d", i);
		refused = db_prep(d, more[i], &e) == NULL;
	}
	CHECK("past the limit the cache says so instead of overwriting", refused && strstr(e.msg, "cache full"));
	db_close(d);
	for (int i = 0; i < N; i++)
		free(sql[i]);
	free(sql);
	free(first);
	TEST_END();
}
