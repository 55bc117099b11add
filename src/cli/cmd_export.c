/* cmd_export.c — `kansli export sip`: submission packages for the e-archive,
 * and `export receipt`: the e-archive's receipt of one. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/archive.h"
#include "core/delivery.h"

static const char usage[] =
	"usage: kansli export sip CASE [--format dir|tar|zip] [--out PATH] [--agreement TEXT] [--again]\n"
	"       kansli export sip --series PREFIX --year YYYY [--format dir|tar|zip] [--out PATH]\n"
	"                         [--agreement TEXT] [--again]\n"
	"       kansli export receipt PACKAGE --received YYYY-MM-DD --reference TEXT [--note TEXT]\n"
	"       kansli export list [--json]\n\n"
	"sip   writes one E-ARK SIP 2.1 / FGS Paketstruktur 2.0 package with the case\n"
	"      metadata as CITS ERMS 2.1 (FGS Ärendehantering 2.0), PREMIS with checksums\n"
	"      and the case's history, and the audit log's signed checkpoint: for one\n"
	"      closed case, or for every closed case of a series and year. Open cases\n"
	"      are refused. --out names an existing folder (the package goes inside it,\n"
	"      named by its id) or the path of the package itself (default: here):\n"
	"      a package folder's own name must be its id (E-ARK CSIPSTR2), a tar or\n"
	"      zip file may have any name.\n"
	"      --agreement names the submission agreement (leveransöverenskommelse).\n"
	"      The delivery is logged as export.sip with the package's METS checksum.\n"
	"      Every delivery has its own package id. A case delivered before (alone\n"
	"      or in a series) is delivered again only with --again; the same case or\n"
	"      series delivered again gets the id ...-v2, ...-v3, RECORDSTATUS\n"
	"      REPLACEMENT and the earlier package's id in PREMIS and the README.\n"
	"receipt  records the e-archive's receipt (kvittens) of a delivered package:\n"
	"      the day it was received and the e-archive's reference; logged as\n"
	"      export.receipt. One receipt per delivery.\n"
	"list  earlier deliveries of the organisation, from the log, with receipts.\n\n"
	"Needs the archivist role (arkivarie). Every form takes --org ORG when the\n"
	"installation has several organisations.\n";

static int export_sip(int argc, char **argv)
{
	cli_args a;
	long year = 0;
	int rc = cli_parse(argc, argv, "org=,series=,year=,format=,out=,agreement=,again,json", 0, 1, usage, &a);
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
		.again = cli_has(&a, "again"),
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

static int export_receipt(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "org=,received=,reference=,note=,json", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	delivery_receipt r = {
		.package = a.pos[0], .received = cli_get(&a, "received"), .reference = cli_get(&a, "reference"),
		.note = cli_get(&a, "note"),
	};
	kerr e = KERR_INIT;
	int64_t delivery = 0;
	rc = delivery_receipt_add(k, org, &r, &delivery, &e);
	kansli_close(k);
	if (rc)
		return cli_fail(&e);
	if (cli_has(&a, "json"))
		return cli_emit(&a, json_pack("{s:s,s:I,s:s,s:s}", "package", r.package, "delivery_event",
		                              (json_int_t)delivery, "received", r.received, "reference", r.reference), &e);
	printf("receipt of %s recorded: received %s, %s\n", r.package, r.received, r.reference);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "sip"))
		return export_sip(argc - 1, argv + 1);
	if (!strcmp(sub, "receipt"))
		return export_receipt(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, usage, archive_exports);
	return cli_usage(sub, usage);
}
