/* cmd_export.c — `kansli export sip`: submission packages for the e-archive. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/archive.h"

static const char usage[] =
	"usage: kansli export sip CASE [--format dir|tar|zip] [--out PATH] [--agreement TEXT]\n"
	"       kansli export sip --series PREFIX --year YYYY [--format dir|tar|zip] [--out PATH]\n"
	"                         [--agreement TEXT]\n"
	"       kansli export list [--json]\n\n"
	"sip   writes one E-ARK SIP 2.1 / FGS Paketstruktur 2.0 package with the case\n"
	"      metadata as CITS ERMS 2.1 (FGS Ärendehantering 2.0), PREMIS with checksums\n"
	"      and the case's history, and the audit log's signed checkpoint: for one\n"
	"      closed case, or for every closed case of a series and year. Open cases\n"
	"      are refused. --out names an existing folder (the package goes inside it,\n"
	"      named by its id) or the path of the package itself (default: here).\n"
	"      --agreement names the submission agreement (leveransöverenskommelse).\n"
	"      The delivery is logged as export.sip with the package's METS checksum.\n"
	"list  earlier deliveries of the organisation, from the log.\n\n"
	"Needs the archivist role (arkivarie). Every form takes --org ORG when the\n"
	"installation has several organisations.\n";

static int export_sip(int argc, char **argv)
{
	cli_args a;
	long year = 0;
	int rc = cli_parse(argc, argv, "org=,series=,year=,format=,out=,agreement=,json", 0, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "year", 1900, 2199, &year))
		return 2;
	if ((a.npos == 1) == (cli_get(&a, "series") != NULL)) {
		fputs("kansli: give a case number, or --series PREFIX --year YYYY\n", stderr);
		return 2;
	}
	if (cli_get(&a, "series") && !year) {
		fputs("kansli: --series needs --year YYYY\n", stderr);
		return 2;
	}
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	archive_request req = {
		.case_number = a.npos ? a.pos[0] : NULL, .series = cli_get(&a, "series"), .year = (int)year,
		.format = cli_get(&a, "format"), .out = cli_get(&a, "out"), .agreement = cli_get(&a, "agreement"),
	};
	kerr e = KERR_INIT;
	json_t *v = NULL;
	rc = archive_export(k, org, &req, &v, &e);
	kansli_close(k);
	if (rc)
		return cli_fail(&e);
	if (cli_has(&a, "json"))
		return cli_emit(&a, v, &e);
	printf("%s\n", json_string_value(json_object_get(v, "path")));
	json_decref(v);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "sip"))
		return export_sip(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, usage, archive_exports);
	return cli_usage(sub, usage);
}
