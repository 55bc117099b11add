/* sql_mask.c — kansli_public_text(text): text with every personnummer
 * masked (util/textmask.c). The open search index's view used it for record
 * titles until it read them from record_title_shown (rendered in C, masked
 * names too; store/schema.c); an earlier migration's view still names it,
 * so it stays registered for databases that run that migration. */
#include "store/sql_mask.h"

#include "util/buf.h"
#include "util/textmask.h"

static void public_text(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const unsigned char *in = sqlite3_value_text(argv[0]);
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	buf b = BUF_INIT;
	buf_adds(&b, (const char *)in);
	text_mask_personnummer(&b);
	sqlite3_result_text(ctx, b.s, (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

int sql_mask_register(sqlite3 *h)
{
	return sqlite3_create_function(h, "kansli_public_text", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                               public_text, NULL, NULL);
}
