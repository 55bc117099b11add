/* cmd_import.c — `kansli import`: load a registry from JSON lines, or a
 * legacy system's CSV export. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/import.h"
#include "core/legacy.h"
#include "util/buf.h"
#include "util/csv.h"

static const char usage[] =
	"usage: kansli import [--org ORG] [--batch N] FILE|-\n"
	"       kansli import --format csv [--org ORG] [--mapping FILE] [--encoding ENC]\n"
	"                     [--dry-run] [--report FILE] FILE|-\n"
	"       kansli import --show-mapping\n\n"
	"Imports records from JSON lines in the gen-diarium format (one record per\n"
	"line with its case's fields: dnr, doc_no, series, organ, case_title,\n"
	"class_code, class_title, officer, case_opened, date, direction, party_type,\n"
	"party_name, party_id, doc_title, secret, osl, body). Cases keep their\n"
	"numbers; missing series and classes are created.\n\n"
	"The whole file is one transaction: a bad line (named by its number)\n"
	"imports nothing. With --batch N every N lines commit on their own and\n"
	"'committed through line L' is printed after each commit; running the\n"
	"same import again skips what is already there, so it resumes.\n\n"
	"--format csv reads another system's registry export (one row per record,\n"
	"';' or ',' separated, a header row), keeping its case and record numbers\n"
	"and the status and closing date of its cases. --mapping names which column\n"
	"feeds which field (see --show-mapping for the default and the format);\n"
	"--encoding converts from e.g. windows-1252 first. Every row is checked: if\n"
	"any is rejected, nothing is imported and each rejected row is listed with\n"
	"its line and the reason (on stdout, or as CSV in --report FILE).\n";

static int import_csv(const cli_args *a)
{
	buf data = BUF_INIT, mapping = BUF_INIT;
	const char *map = cli_get(a, "mapping"), *report = cli_get(a, "report");
	legacy_report *rep = NULL;
	int rc = 2;
	if (cli_read_input(a->pos[0], &data))
		goto out;
	if (map && buf_read_file(&mapping, map)) {
		fprintf(stderr, "kansli: cannot read mapping %s: %s\n", map, strerror(errno));
		goto out;
	}
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(a, &k, &org)))
		goto out;
	kerr e = KERR_INIT;
	int dry = cli_has(a, "dry-run");
	int irc = legacy_import_bytes(k, org, data.s, data.len, cli_get(a, "encoding"), map ? mapping.s : NULL, dry,
	                              &rep, &e);
	kansli_close(k);
	if (!rep) {
		rc = cli_fail(&e);
		goto out;
	}
	if (rep->nlisted) {
		FILE *out = report ? fopen(report, "w") : stdout;
		if (!out) {
			fprintf(stderr, "kansli: cannot write %s: %s\n", report, strerror(errno));
		} else {
			buf b = BUF_INIT;
			if (report) {
				csv_add_field(&b, "rad", ';', 0);
				csv_add_field(&b, "orsak", ';', 1);
			}
			for (int i = 0; i < rep->nlisted; i++) {
				char line[24];
				snprintf(line, sizeof line, "%ld", rep->list[i].line);
				if (report) {
					csv_add_field(&b, line, ';', 0);
					csv_add_field(&b, rep->list[i].reason, ';', 1);
				} else {
					buf_printf(&b, "rejected line %s: %s\n", line, rep->list[i].reason);
				}
			}
			if (rep->rejected > rep->nlisted && !report)
				buf_printf(&b, "... and %ld more rejected rows\n", rep->rejected - rep->nlisted);
			fwrite(b.s, 1, b.len, out);
			buf_free(&b);
			if (report)
				fclose(out);
		}
	}
	if (irc) {
		rc = cli_fail(&e);
	} else {
		printf("%s %ld records in %ld new cases (%ld already present) from %ld rows; columns: %s\n",
		       dry ? "checked, would import" : "imported", rep->records, rep->cases, rep->skipped, rep->rows,
		       rep->columns);
		rc = 0;
	}
out:
	free(rep);
	buf_free(&data);
	buf_free(&mapping);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	cli_args a;
	long batch = 0;
	int show = argc == 1 && !strcmp(argv[0], "--show-mapping");
	if (show) {
		fputs(legacy_default_mapping, stdout);
		return 0;
	}
	int rc = cli_parse(argc, argv, "org=,batch=,format=,mapping=,encoding=,dry-run,report=", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	const char *format = cli_get(&a, "format");
	if (format && strcmp(format, "csv") && strcmp(format, "jsonl")) {
		fprintf(stderr, "kansli: --format is csv or jsonl, not '%s'\n", format);
		return 2;
	}
	if (format && !strcmp(format, "csv")) {
		if (cli_has(&a, "batch")) {
			fprintf(stderr, "kansli: a CSV import is all or nothing: --batch is for JSON lines\n");
			return 2;
		}
		return import_csv(&a);
	}
	if (cli_has(&a, "mapping") || cli_has(&a, "encoding") || cli_has(&a, "dry-run") || cli_has(&a, "report")) {
		fprintf(stderr, "kansli: --mapping, --encoding, --dry-run and --report need --format csv\n");
		return 2;
	}
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
