/* test_helpers.c — the small helpers the commands and core share: cli_id
 * reads a positional id or says why not, cli_usage ends a dispatch, and
 * kansli_row finds the one row a lookup needs or fails with its message. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/kansli.h"
#include "store/db.h"
#include "test.h"

int main(void)
{
	int64_t id = 0;
	CHECK("cli_id reads a whole number from 1", cli_id("42", "a token id", &id) == 0 && id == 42);
	id = 7;
	int refused = cli_id("0", "a token id", &id) == 2 && cli_id("-3", "a token id", &id) == 2 &&
	              cli_id("12x", "a token id", &id) == 2 && cli_id("", "a token id", &id) == 2 &&
	              cli_id("x", "a token id", &id) == 2;
	CHECK("cli_id refuses zero, negatives, trailing text and the empty string with status 2", refused);
	CHECK("a refused id leaves the old value", id == 7);

	/* An empty usage keeps the harness output clean; the status is the point. */
	CHECK("cli_usage: --help is status 0", cli_usage("--help", "") == 0);
	CHECK("cli_usage: an unknown subcommand is status 2", cli_usage("bogus", "") == 2);
	CHECK("cli_usage: no subcommand is status 2", cli_usage("", "") == 2);

	db *d;
	kerr e = KERR_INIT;
	CHECK("open an in-memory database", db_open(&d, ":memory:", &e) == 0);
	static const char SQL_ONE[] = "SELECT ?1 WHERE ?1 > 0";
	db_stmt *s = db_prep(d, SQL_ONE, &e);
	db_bind_int(s, 1, 5);
	CHECK("kansli_row stands on the row it finds", kansli_row(s, &e, KERR_NOTFOUND, "no %d", 5) == 0 &&
	      db_col_int(s, 0) == 5);
	db_done(s);
	s = db_prep(d, SQL_ONE, &e);
	db_bind_int(s, 1, -1);
	int rc = kansli_row(s, &e, KERR_NOTFOUND, "no meeting %lld in this organisation", (long long)-1);
	CHECK("without a row kansli_row returns the code it was given", rc == KERR_NOTFOUND && e.code == KERR_NOTFOUND);
	CHECK("and the message, formatted", !strcmp(e.msg, "no meeting -1 in this organisation"));
	s = db_prep(d, SQL_ONE, &e);
	db_bind_int(s, 1, 0);
	CHECK("another code for another meaning (not logged in)",
	      kansli_row(s, &e, KERR_DENIED, "not logged in") == KERR_DENIED && !strcmp(e.msg, "not logged in"));
	s = db_prep(d, SQL_ONE, &e);
	db_bind_int(s, 1, 3);
	CHECK("the released statement runs again", kansli_row(s, &e, KERR_NOTFOUND, "none") == 0);
	db_done(s);
	db_close(d);
	TEST_END();
}
