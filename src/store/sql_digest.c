/* sql_digest.c — kansli_digest(x): the digest a row image holds in place
 * of a value kept out of the log (an argon2id password hash); the same
 * digest core/rowdigest.c writes in C, so that SQLite's images (rowlog,
 * baselines) and replay's agree. See sql_digest.h. */
#include "store/sql_digest.h"

#include <string.h>

#include "util/hash.h"

void sql_digest_text(const void *value, size_t len, char out[SQL_DIGEST_SIZE])
{
	unsigned char h[HASH_LEN];
	hash_sha256(value, len, h);
	memcpy(out, SQL_DIGEST_PREFIX, sizeof SQL_DIGEST_PREFIX - 1);
	hash_hex(h, sizeof h, out + sizeof SQL_DIGEST_PREFIX - 1);
}

static void digest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *in = sqlite3_value_text(argv[0]);
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	char out[SQL_DIGEST_SIZE];
	sql_digest_text(in, (size_t)sqlite3_value_bytes(argv[0]), out);
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

int sql_digest_register(sqlite3 *h)
{
	return sqlite3_create_function(h, "kansli_digest", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, digest, NULL,
	                               NULL);
}
