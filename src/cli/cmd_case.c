/* cmd_case.c — `kansli case ...`: open, show, list and work cases. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/cases.h"
#include "core/public.h"

static const char usage[] =
	"usage: kansli case open --series PREFIX --title TEXT [--public-title TEXT] [--class CODE]\n"
	"                        [--unit CODE] [--officer USER] [--due YYYY-MM-DD] [--opened YYYY-MM-DD]\n"
	"       kansli case correct NUMBER --reason TEXT [--title TEXT] [--public-title TEXT]\n"
	"       kansli case show NUMBER [--json]\n"
	"       kansli case list [--status S] [--series P] [--year Y] [--officer NAME]\n"
	"                        [--unit U] [--class C] [--from DATE] [--to DATE]\n"
	"                        [--sort opened|number|due|title] [--limit N] [--offset N] [--json]\n"
	"       kansli case assign NUMBER USER\n"
	"       kansli case due NUMBER YYYY-MM-DD\n"
	"       kansli case decide NUMBER\n"
	"       kansli case close NUMBER [--date DATE] [--confirm]\n"
	"       kansli case reopen NUMBER --reason TEXT\n"
	"       kansli case note NUMBER TEXT\n"
	"       kansli case link NUMBER OTHER_NUMBER\n\n"
	"Every form takes --org ORG when the installation has several organisations.\n"
	"NUMBER is a case number like 'KS 2026/0042'. `case open` prints the new number.\n"
	"--public-title is the protected title (skyddad ärendemening) that public views and\n"
	"readers without the right to the case's secrets see instead of a title that would\n"
	"reveal secret data; `case correct --public-title ''` makes the title public again.\n"
	"In a series that masks private persons' names (`series mask-persons`) a case's title\n"
	"is not published until it has a public title: the public sees\n"
	"\"Ärende i serie PREFIX – rubriken är inte publicerad\" instead, and `case open` warns.\n";

/* After a case is opened or corrected: a title the public will not see
 * until the case has a public title is said on stderr, with the command
 * that gives it one. Whether it is was read before the change (a read
 * that fails there fails the command, which has changed nothing). */
static void warn_unpublished_title(const char *number)
{
	casenum n;
	if (casenum_parse(number, &n, NULL))
		return;
	fprintf(stderr, "kansli: warning: series %s masks private persons' names, so the title of case %s is "
	        "not published until the case has a public title (the public sees \"" CASE_TITLE_UNPUBLISHED
	        "\"); give it one with: kansli case correct '%s' --public-title TEXT --reason TEXT\n",
	        n.prefix, number, n.prefix, number);
}

static int case_open_cmd(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "org=,series=,title=,public-title=,class=,unit=,officer=,due=,opened=", 0, 0,
	                   usage, &a);
	if (rc >= 0)
		return rc;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	case_new c = {
		.series = cli_get(&a, "series"), .title = cli_get(&a, "title"),
		.class_code = cli_get(&a, "class"), .unit = cli_get(&a, "unit"),
		.officer = cli_get(&a, "officer"), .due_date = cli_get(&a, "due"),
		.opened_date = cli_get(&a, "opened"), .public_title = cli_get(&a, "public-title"),
	};
	char number[CASENUM_MAX] = "";
	kerr e = KERR_INIT;
	/* the title is withheld when the series masks persons and no public title is given */
	int withheld = series_masks_persons(k, org, c.series, &e);
	if (withheld < 0) {
		kansli_close(k);
		return cli_fail(&e);
	}
	withheld = withheld && !(c.public_title && *c.public_title);
	rc = case_open(k, org, &c, number, &e);
	if (!rc) {
		if (withheld)
			warn_unpublished_title(number);
		char what[CASENUM_MAX + 40];
		snprintf(what, sizeof what, "the title of case %s", number);
		cli_warn_personnummer(what, c.title);
		snprintf(what, sizeof what, "the public title of case %s", number);
		cli_warn_personnummer(what, c.public_title);
	}
	return cli_close_done(k, rc, &e, "%s", number);
}

static int case_correct_cmd(int argc, char **argv)
{
	cli_args a;
	kansli *k;
	int64_t org;
	int rc = cli_parse_org(argc, argv, "org=,title=,public-title=,reason=", 1, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	kerr e = KERR_INIT;
	/* Whether the title is withheld after the correction: by the public
	 * title given, else as it is now. A number that names no case is
	 * left to case_correct to say so. */
	const char *pt = cli_get(&a, "public-title");
	char prefix[CASENUM_MAX];
	casenum n;
	int withheld = 0;
	if (!casenum_parse(a.pos[0], &n, NULL)) {
		withheld = pt ? (*pt ? 0 : series_masks_persons(k, org, n.prefix, &e))
		              : case_title_published(k, org, a.pos[0], prefix, &e);
		if (withheld < 0 && withheld != KERR_NOTFOUND) {
			kansli_close(k);
			return cli_fail(&e);
		}
		withheld = pt ? withheld > 0 : withheld == 0;
	}
	rc = case_correct(k, org, a.pos[0], cli_get(&a, "title"), pt, cli_get(&a, "reason"), &e);
	if (!rc) {
		if (withheld)
			warn_unpublished_title(a.pos[0]);
		char what[300];
		snprintf(what, sizeof what, "the title of case %s", a.pos[0]);
		cli_warn_personnummer(what, cli_get(&a, "title"));
		snprintf(what, sizeof what, "the public title of case %s", a.pos[0]);
		cli_warn_personnummer(what, cli_get(&a, "public-title"));
	}
	return cli_close_done(k, rc, &e, "%s: corrected", a.pos[0]);
}

static int case_list_cmd(int argc, char **argv)
{
	cli_args a;
	long year = 0, limit = 50, offset = 0;
	int rc = cli_parse(argc, argv, "org=,status=,series=,year=,officer=,unit=,class=,from=,to=,sort=,"
	                   "limit=,offset=,json", 0, 0,
	                   usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "year", 1900, 2199, &year) || cli_int(&a, "limit", 1, 100000, &limit) ||
	    cli_int(&a, "offset", 0, 100000000, &offset))
		return 2;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	case_filter f = {
		.status = cli_get(&a, "status"), .series = cli_get(&a, "series"),
		.officer = cli_get(&a, "officer"), .unit = cli_get(&a, "unit"),
		.class_code = cli_get(&a, "class"), .from = cli_get(&a, "from"), .to = cli_get(&a, "to"),
		.sort = cli_get(&a, "sort"), .year = (int)year, .limit = (int)limit,
		.offset = (int)offset,
	};
	kerr e = KERR_INIT;
	return cli_close_emit(k, &a, case_list(k, org, &f, NULL, &e), &e);
}

/* assign, due, decide, close, reopen: one case number and maybe one value. */
static int case_change_cmd(const char *sub, int argc, char **argv)
{
	cli_args a;
	int with_value = !strcmp(sub, "assign") || !strcmp(sub, "due") || !strcmp(sub, "note") ||
	                 !strcmp(sub, "link");
	int rc = cli_parse(argc, argv, !strcmp(sub, "close") ? "org=,reason=,date=,confirm" : "org=,reason=", with_value ? 2 : 1,
	                   with_value ? 2 : 1, usage, &a);
	if (rc >= 0)
		return rc;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	const char *num = a.pos[0];
	if (!strcmp(sub, "assign"))
		rc = case_assign(k, org, num, a.pos[1], &e);
	else if (!strcmp(sub, "due"))
		rc = case_set_due(k, org, num, a.pos[1], &e);
	else if (!strcmp(sub, "note"))
		rc = case_add_note(k, org, num, a.pos[1], &e);
	else if (!strcmp(sub, "link"))
		rc = case_link(k, org, num, a.pos[1], &e);
	else
		rc = case_set_status_confirmed(k, org, num, !strcmp(sub, "decide") ? "decided"
		                               : !strcmp(sub, "close") ? "closed" : "open", cli_get(&a, "reason"),
		                               cli_get(&a, "date"), cli_has(&a, "confirm"), &e);
	return cli_close_done(k, rc, &e, "%s: %s", num, !strcmp(sub, "assign") ? "assigned"
	                      : !strcmp(sub, "due") ? "due date set" : !strcmp(sub, "note") ? "note added"
	                      : !strcmp(sub, "link") ? "linked" : !strcmp(sub, "decide") ? "decided"
	                      : !strcmp(sub, "close") ? "closed" : "reopened");
}

int cmd_case(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "open"))
		return case_open_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return cli_show_org_key(argc - 1, argv + 1, usage, case_show);
	if (!strcmp(sub, "list"))
		return case_list_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "correct"))
		return case_correct_cmd(argc - 1, argv + 1);
	if (!strcmp(sub, "assign") || !strcmp(sub, "due") || !strcmp(sub, "decide") ||
	    !strcmp(sub, "close") || !strcmp(sub, "reopen") || !strcmp(sub, "note") || !strcmp(sub, "link"))
		return case_change_cmd(sub, argc - 1, argv + 1);
	return cli_usage(sub, usage);
}
