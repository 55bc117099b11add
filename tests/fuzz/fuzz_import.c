/* fuzz_import.c — the JSON-lines import on arbitrary bytes: never a crash,
 * and a rejected batch leaves the log verifiable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <unistd.h>

#include "core/import.h"
#include "core/org.h"
#include "util/timeutil.h"

static kansli *k;
static int64_t org;
static char dir[] = "/tmp/kansli-fuzz-XXXXXX";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

/* The fuzzer's installation is scratch: gone when the run ends. */
static void cleanup(void)
{
	kansli_close(k);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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
	FILE *in = fmemopen((void *)data, size, "r");
	if (!in)
		return 0;
	import_stats st;
	import_jsonl(k, org, in, 0, NULL, &st, &e);
	fclose(in);
	if (db_in_transaction(k->db))
		abort(); /* every path ends its transaction */
	return 0;
}
