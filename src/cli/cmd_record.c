/* cmd_record.c — `kansli record ...`: register, show, correct, read files. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/casetitle.h"
#include "core/records.h"

static const char usage[] =
	"usage: kansli record add CASE --direction in|out|internal --title TEXT\n"
	"                         [--date YYYY-MM-DD] [--person NAME | --organisation NAME]\n"
	"                         [--id PERSONNUMMER|ORGNR [--same-person]] [--address TEXT]\n"
	"                         [--secrecy none|partial|full]\n"
	"                         [--legal-ground 'OSL 26 kap. 1 §'] [--mask title,party,body,files]\n"
	"                         [--type DOCTYPE] [--file PATH]...\n"
	"       kansli record show NUMBER [--json]\n"
	"       kansli record correct NUMBER --reason TEXT [--title T] [--date D] [--direction D]\n"
	"                         [--person N | --organisation N] [--id ID [--same-person]] [--address A]\n"
	"                         [--secrecy S]\n"
	"                         [--legal-ground G] [--mask M] [--type T] [--file PATH]...\n"
	"       kansli record file NUMBER NAME\n\n"
	"Every form takes --org ORG when the installation has several organisations.\n"
	"CASE is 'KS 2026/0042'; the new record number (KS 2026/0042-3) is printed.\n"
	"--date is the date received (in) or drawn up (out, internal); default today;\n"
	"never in the future. A registered record is never overwritten: a correction\n"
	"is a new version and the history is kept. `record file` prints the path of\n"
	"a file's stored copy. --type is the document type (handlingstyp) the\n"
	"retention schedule's rules match. A personnummer already bound to another\n"
	"name is refused unless --same-person confirms it is the same person (logged).\n"
	"--address is the party's postal address as the document gives it (lines\n"
	"separated by newlines): shown to staff who may see the party, never\n"
	"published; a new party without --address drops the old one's.\n";

static const char RECORD_SPEC[] =
	"org=,direction=,title=,date=,person=,organisation=,id=,address=," CLI_SECRECY_SPEC ",type=,file=*,reason=,same-person,json";

static int fill_record(const cli_args *a, record_new *r)
{
	memset(r, 0, sizeof *r);
	r->direction = cli_get(a, "direction");
	r->title = cli_get(a, "title");
	r->doc_date = cli_get(a, "date");
	if (cli_has(a, "person") && cli_has(a, "organisation")) {
		fputs("kansli: give --person or --organisation, not both\n", stderr);
		return 2;
	}
	if (cli_has(a, "person")) {
		r->party_kind = "person";
		r->party_name = cli_get(a, "person");
	} else if (cli_has(a, "organisation")) {
		r->party_kind = "organisation";
		r->party_name = cli_get(a, "organisation");
	}
	r->party_idnum = cli_get(a, "id");
	r->party_address = cli_get(a, "address");
	r->same_person = cli_has(a, "same-person");
	cli_secrecy(a, &r->secrecy, &r->legal_ground, &r->masked);
	r->doc_type = cli_get(a, "type");
	r->nfiles = cli_all(a, "file", r->files, RECORD_MAX_FILES);
	if (r->nfiles < 0) {
		fprintf(stderr, "kansli: at most %d files per record\n", RECORD_MAX_FILES);
		return 2;
	}
	return 0;
}

/* After a registration or correction: a masked party whose name stands in
 * the case title is named on stderr, with the command that protects it. */
static void warn_exposed_party(kansli *k, int64_t org, const char *number)
{
	buf party = BUF_INIT;
	char case_number[CASENUM_MAX];
	kerr e = KERR_INIT;
	int rc = case_title_party_warning(k, org, number, &party, case_number, &e);
	if (rc < 0)
		fprintf(stderr, "kansli: warning: could not check the title of the case of %s: %s\n", number, e.msg);
	else if (rc > 0)
		fprintf(stderr, "kansli: warning: the masked party '%s' is named in the title of case %s; "
		        "protect it with: kansli case correct '%s' --public-title TEXT --reason TEXT\n",
		        party.s, case_number, case_number);
	buf_free(&party);
}

static int record_add_cmd(int argc, char **argv)
{
	cli_args a;
	record_new r;
	int rc = cli_parse(argc, argv, RECORD_SPEC, 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if ((rc = fill_record(&a, &r)))
		return rc;
	if (!r.direction) {
		fputs("kansli: say --direction in, out or internal\n", stderr);
		return 2;
	}
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	char number[CASENUM_MAX] = "";
	rc = record_register(k, org, a.pos[0], &r, number, &e);
	if (rc == 0) {
		warn_exposed_party(k, org, number);
		char what[CASENUM_MAX + 40];
		snprintf(what, sizeof what, "the title of record %s", number);
		cli_warn_personnummer(what, r.title);
	}
	return cli_close_done(k, rc, &e, "%s", number);
}

static int record_correct_cmd(int argc, char **argv)
{
	cli_args a;
	record_new r;
	int rc = cli_parse(argc, argv, RECORD_SPEC, 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if ((rc = fill_record(&a, &r)))
		return rc;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	rc = record_correct(k, org, a.pos[0], &r, cli_get(&a, "reason"), &e);
	if (rc == 0) {
		warn_exposed_party(k, org, a.pos[0]);
		char what[300];
		snprintf(what, sizeof what, "the title of record %s", a.pos[0]);
		cli_warn_personnummer(what, r.title);
	}
	return cli_close_done(k, rc, &e, "%s: corrected", a.pos[0]);
}

static int record_file_cmd(int argc, char **argv)
{
	cli_args a;
	kansli *k;
	int64_t org;
	int rc = cli_parse_org(argc, argv, "org=", 2, 2, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	kerr e = KERR_INIT;
	char path[4400] = "";
	rc = record_file_path(k, org, a.pos[0], a.pos[1], path, sizeof path, &e);
	return cli_close_done(k, rc, &e, "%s", path);
}

int cmd_record(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add"))
		return record_add_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return cli_show_org_key(argc - 1, argv + 1, usage, record_show);
	if (!strcmp(sub, "correct"))
		return record_correct_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "file"))
		return record_file_cmd(argc - 1, argv + 1);
	return cli_usage(sub, usage);
}
