/* cmd_import.c — `kansli import FILE`: load a registry from JSON lines. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/import.h"

static const char usage[] =
	"usage: kansli import [--org ORG] [--batch N] FILE|-\n\n"
	"Imports records from JSON lines in the gen-diarium format (one record per\n"
	"line with its case's fields: dnr, doc_no, series, organ, case_title,\n"
	"class_code, class_title, officer, case_opened, date, direction, party_type,\n"
	"party_name, party_id, doc_title, secret, osl, body). Cases keep their\n"
	"numbers; missing series and classes are created.\n\n"
	"The whole file is one transaction: a bad line (named by its number)\n"
	"imports nothing. With --batch N every N lines commit on their own and\n"
	"'committed through line L' is printed after each commit; running the\n"
	"same import again skips what is already there, so it resumes.\n";

int cmd_import(int argc, char **argv)
{
	cli_args a;
	long batch = 0;
	int rc = cli_parse(argc, argv, "org=,batch=", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "batch", 1, 100000000, &batch))
		return 2;
	FILE *in = strcmp(a.pos[0], "-") ? fopen(a.pos[0], "r") : stdin;
	if (!in) {
		fprintf(stderr, "kansli: cannot read %s: %m\n", a.pos[0]);
		return 2;
	}
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org))) {
		if (in != stdin)
			fclose(in);
		return rc;
	}
	kerr e = KERR_INIT;
	import_stats st;
	rc = import_jsonl(k, org, in, batch, batch ? stdout : NULL, &st, &e);
	kansli_close(k);
	if (in != stdin)
		fclose(in);
	if (rc)
		return cli_fail(&e);
	printf("imported %ld records in %ld new cases (%ld already present) from %ld lines\n",
	       st.records, st.cases, st.skipped, st.lines);
	return 0;
}
