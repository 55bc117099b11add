/* fuzz_jsonvalid.c — util/jsonvalid.c on any bytes: never reading past
 * them, and accepting nothing SQLite's json_valid refuses (verify asks
 * json_valid of whatever it does not accept, so json_valid's answer stays
 * the check's). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/jsonvalid.h"

static const char SQL_VALID[] = "SELECT json_valid(?1)";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static db *d;
	kerr e = KERR_INIT;
	if (!d && db_open(&d, ":memory:", &e))
		abort();
	/* exactly size bytes, so that a read past them is caught */
	char *exact = malloc(size ? size : 1);
	memcpy(exact, data, size);
	int fast = jsonvalid_strict(exact, size);
	free(exact);
	if (!fast)
		return 0;
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	db_stmt *st = db_prep(d, SQL_VALID, &e);
	db_bind_text(st, 1, s);
	if (!st || db_step(st, &e) != DB_ROW || db_col_int(st, 0) != 1)
		abort();
	db_done(st);
	free(s);
	return 0;
}
