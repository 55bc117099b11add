/* fuzz_retention.c — the retention schedule's CSV import on arbitrary bytes:
 * never a crash, every path ends its transaction, a rejected file leaves the
 * schedule exactly as it was, and an accepted one exports to a file that
 * imports to the same schedule. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

#include "core/org.h"
#include "core/retention.h"
#include "util/timeutil.h"

static kansli *k;
static int64_t org;
static char dir[] = "/tmp/kansli-fuzz-XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	kansli_close(k);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void export(buf *out)
{
	kerr e = KERR_INIT;
	buf_reset(out);
	if (retention_export_csv(k, org, out, &e))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kerr e = KERR_INIT;
	if (!k) {
		time_init_zone();
		if (!mkdtemp(dir))
			abort();
		atexit(cleanup);
		char path[64];
		snprintf(path, sizeof path, "%s/data", dir);
		if (kansli_create(path, "fuzz.example", &e) || kansli_open(&k, path, &e) ||
		    org_add(k, "f", "Fuzz", NULL, &e) || org_find(k, "f", &org, &e))
			abort();
	}
	buf before = BUF_INIT, after = BUF_INIT, again = BUF_INIT;
	export(&before);
	int rules;
	int rc = retention_import_csv(k, org, (const char *)data, size, &rules, &e);
	if (db_in_transaction(k->db))
		abort(); /* every path ends its transaction */
	export(&after);
	if (rc) {
		if (before.len != after.len || memcmp(before.s, after.s, before.len))
			abort(); /* a rejected file changed the schedule */
	} else {
		/* What was exported imports to the same schedule. */
		if (retention_import_csv(k, org, after.s, after.len, &rules, &e))
			abort();
		export(&again);
		if (after.len != again.len || memcmp(after.s, again.s, after.len))
			abort();
	}
	buf_free(&before);
	buf_free(&after);
	buf_free(&again);
	return 0;
}
