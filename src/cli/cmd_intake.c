/* cmd_intake.c — `kansli intake ...`: the registrar's inbox from the shell,
 * and the mail server's way in (`intake mail`, a Postfix pipe transport). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cases.h"
#include "core/intake.h"

static const char usage[] =
	"usage: kansli intake mail --org ORG [--max-size BYTES] [--max-attachment BYTES] < MESSAGE\n"
	"       kansli intake list [--state open|forwarded|registered|rejected|all] [--text WORDS]\n"
	"                         [--source mail|api] [--from DATE] [--to DATE] [--mine]\n"
	"                         [--limit N] [--offset N] [--json]\n"
	"       kansli intake show ID [--json]\n"
	"       kansli intake register ID (--case CASE | --series S --case-title T [--class C] [--unit U])\n"
	"                             [--title T] [--date YYYY-MM-DD] [--person N | --organisation N]\n"
	"                             [--address A] [--secrecy S] [--legal-ground G] [--mask M] [--type T]\n"
	"       kansli intake reject ID --reason not_public|little_importance|spam\n"
	"       kansli intake forward ID (--to USER | --unit UNIT) [--note TEXT]\n"
	"       kansli intake send-back ID --note TEXT\n"
	"       kansli intake join ID ID... (--case CASE | --series S --case-title T [--class C] [--unit U])\n"
	"                [--secrecy none|partial|full --legal-ground G [--mask FIELDS]]\n"
	"                         [--title T] [--person N | --organisation N] [--address A]\n"
	"       kansli intake split ID --part CASE:SEQ[,SEQ...][:TITLE] --part ... [--secrecy S --legal-ground G]\n"
	"       kansli intake purge [--days N]\n"
	"       kansli intake watch [--json]\n"
	"       kansli intake settings --unopened-days N\n\n"
	"The registrar's inbox (inkorg). `intake mail` takes one message on standard\n"
	"input, as a Postfix pipe transport delivers it (docs/OPERATIONS.md): it is\n"
	"kept whole, stamped with the mail server's Received time, and the same\n"
	"message delivered again is not taken twice. Its exit status is what the\n"
	"mail server acts on: 0 taken (or already there), 75 (EX_TEMPFAIL) try\n"
	"again later, 2 refused (empty, or over --max-size, default 100 MB: the\n"
	"sender is told). An attachment over --max-attachment (default 25 MB) is\n"
	"kept only inside the original. register takes the subject as title, the\n"
	"sender as party and the arrival date as date received unless given; the\n"
	"record's files are the text, the attachments and the original. A rejected\n"
	"item is kept --days days (default 30) and then removed by purge. A\n"
	"registrar lists the whole inbox; an officer only what is forwarded to\n"
	"them or their unit (--mine: a registrar's own), and may register it or\n"
	"send it back. --text finds items whose sender, subject or text hold\n"
	"every word (case and accents aside); --from and --to are arrival dates;\n"
	"the number of matches is said on stderr. join makes several items one\n"
	"record (each item's files named ID-name, dated the earliest arrival);\n"
	"split makes one item several records, each attachment (its seq, as\n"
	"show lists them) in exactly one part, the text and the original in\n"
	"every one. watch says whether the inbox\n"
	"is watched: a warning when an item has waited --unopened-days working\n"
	"days (default 2) with no registrar listing the inbox since it came.\n"
	"Every form takes --org ORG.\n";

static int exit_for_mail_server(int status, const kerr *e)
{
	/* Postfix's pipe(8) reads sysexits: a storage error must make it try
	 * again (the message is not lost), never bounce it. */
	if (e->code == KERR_IO || e->code == KERR_INTERNAL)
		return 75;
	return status;
}

static long size_option(const cli_args *a, const char *name, long dflt, int *bad)
{
	long v = dflt;
	if (cli_get(a, name) && cli_int(a, name, 1024, 1L << 34, &v) < 0)
		*bad = 1;
	return v;
}

static int intake_cmd_mail(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc, created, bad = 0;
	if ((rc = cli_parse(argc, argv, "org=,max-size=,max-attachment=,json", 0, 0, usage, &a)) >= 0)
		return rc;
	mail_limits lim;
	mail_default_limits(&lim);
	lim.max_size = size_option(&a, "max-size", lim.max_size, &bad);
	lim.max_attachment = size_option(&a, "max-attachment", lim.max_attachment, &bad);
	if (bad)
		return 2;
	if (!cli_get(&a, "org")) {
		fputs("kansli: give --org ORG: the organisation whose inbox the mail is for\n", stderr);
		return 2;
	}
	buf msg = BUF_INIT;
	if (cli_read_input("-", &msg)) {
		buf_free(&msg);
		return 75;
	}
	if ((rc = cli_open_org(&a, &k, &org))) {
		buf_free(&msg);
		return rc == 6 || rc == 7 ? 75 : rc;
	}
	rc = intake_take_mail(k, org, msg.s, msg.len, &lim, &id, &created, &e);
	buf_free(&msg);
	if (rc) {
		kansli_close(k);
		return exit_for_mail_server(cli_fail(&e), &e);
	}
	if (cli_has(&a, "json"))
		return cli_close_emit(k, &a, intake_show(k, org, id, &e), &e);
	kansli_close(k);
	printf(created ? "inbox item %lld\n" : "inbox item %lld (already there)\n", (long long)id);
	return 0;
}

static int intake_cmd_register(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	if ((rc = cli_parse(argc, argv,
	                    "org=,case=,series=,case-title=,class=,unit=,title=,date=,person=,organisation=,address=,"
	                    CLI_SECRECY_SPEC ",type=,json", 1, 1, usage, &a)) >= 0)
		return rc;
	if ((rc = cli_id(a.pos[0], "an inbox item id", &id)))
		return rc;
	if (cli_has(&a, "case") == cli_has(&a, "series")) {
		fputs("kansli: give --case (a record in that case) or --series and --case-title (a new case)\n", stderr);
		return 2;
	}
	if (cli_has(&a, "person") && cli_has(&a, "organisation")) {
		fputs("kansli: give --person or --organisation, not both\n", stderr);
		return 2;
	}
	record_new r = { .title = cli_get(&a, "title"), .doc_date = cli_get(&a, "date"),
	                 .party_address = cli_get(&a, "address"), .doc_type = cli_get(&a, "type") };
	if (cli_has(&a, "person"))
		r.party_kind = "person", r.party_name = cli_get(&a, "person");
	else if (cli_has(&a, "organisation"))
		r.party_kind = "organisation", r.party_name = cli_get(&a, "organisation");
	cli_secrecy(&a, &r.secrecy, &r.legal_ground, &r.masked);
	case_new c = { .series = cli_get(&a, "series"), .title = cli_get(&a, "case-title"),
	               .class_code = cli_get(&a, "class"), .unit = cli_get(&a, "unit") };
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	char number[CASENUM_MAX];
	rc = intake_register(k, org, id, cli_get(&a, "case"), &c, &r, number, &e);
	return cli_close_done(k, rc, &e, "%s", number);
}

static int intake_cmd_list(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, total = 0;
	long limit = 0, offset = 0;
	int rc;
	if ((rc = cli_parse(argc, argv, "org=,state=,text=,source=,from=,to=,mine,limit=,offset=,json", 0, 0, usage,
	                    &a)) >= 0)
		return rc;
	if (cli_int(&a, "limit", 1, 100000, &limit) || cli_int(&a, "offset", 0, 100000000, &offset))
		return 2;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	intake_filter f = { .state = cli_get(&a, "state"), .text = cli_get(&a, "text"), .source = cli_get(&a, "source"),
	                    .from = cli_get(&a, "from"), .to = cli_get(&a, "to"), .mine = cli_has(&a, "mine"),
	                    .limit = (int)limit, .offset = (int)offset };
	json_t *items = intake_search(k, org, &f, &total, &e);
	if (items)
		fprintf(stderr, "%lld inbox items match\n", (long long)total);
	return cli_close_emit(k, &a, items, &e);
}

static int intake_cmd_join(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, ids[INTAKE_JOIN_MAX];
	int rc;
	if ((rc = cli_parse(argc, argv, "org=,case=,series=,case-title=,class=,unit=,title=,person=,organisation=,"
	                    "address=,secrecy=,legal-ground=,mask=", 2, CLI_MAX_POS < INTAKE_JOIN_MAX ? CLI_MAX_POS : INTAKE_JOIN_MAX, usage, &a)) >= 0)
		return rc;
	for (int i = 0; i < a.npos; i++)
		if ((rc = cli_id(a.pos[i], "an inbox item id", &ids[i])))
			return rc;
	if (cli_has(&a, "case") == cli_has(&a, "series")) {
		fputs("kansli: give --case (a record in that case) or --series and --case-title (a new case)\n", stderr);
		return 2;
	}
	if (cli_has(&a, "person") && cli_has(&a, "organisation")) {
		fputs("kansli: give --person or --organisation, not both\n", stderr);
		return 2;
	}
	record_new r = { .title = cli_get(&a, "title"), .party_address = cli_get(&a, "address"),
	                 .secrecy = cli_get(&a, "secrecy"), .legal_ground = cli_get(&a, "legal-ground"),
	                 .masked = cli_get(&a, "mask") };
	if (cli_has(&a, "person"))
		r.party_kind = "person", r.party_name = cli_get(&a, "person");
	else if (cli_has(&a, "organisation"))
		r.party_kind = "organisation", r.party_name = cli_get(&a, "organisation");
	case_new c = { .series = cli_get(&a, "series"), .title = cli_get(&a, "case-title"),
	               .class_code = cli_get(&a, "class"), .unit = cli_get(&a, "unit") };
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	char number[CASENUM_MAX];
	rc = intake_join(k, org, ids, a.npos, cli_get(&a, "case"), &c, &r, number, &e);
	return cli_close_done(k, rc, &e, "%s", number);
}

/* "CASE:1,2[:TITLE]" into part (its strings point into spec's copy, text). */
static int part_parse(const char *spec, char *text, size_t len, intake_part *part)
{
	snprintf(text, len, "%s", spec);
	char *seqs = strchr(text, ':');
	if (!seqs)
		return -1;
	*seqs++ = 0;
	char *title = strchr(seqs, ':');
	if (title)
		*title++ = 0;
	*part = (intake_part){ .case_number = text, .title = title };
	for (char *p = seqs; *p && part->nseqs < MAIL_MAX_ATTACHMENTS;) {
		char *end;
		long seq = strtol(p, &end, 10);
		if (end == p || seq < 1 || seq > MAIL_MAX_ATTACHMENTS || (*end && *end != ','))
			return -1;
		part->seqs[part->nseqs++] = (int)seq;
		p = *end ? end + 1 : end;
	}
	return part->nseqs ? 0 : -1;
}

static int intake_cmd_split(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	if ((rc = cli_parse(argc, argv, "org=,part=*,secrecy=,legal-ground=,mask=", 1, 1, usage, &a)) >= 0)
		return rc;
	if ((rc = cli_id(a.pos[0], "an inbox item id", &id)))
		return rc;
	const char *specs[MAIL_MAX_ATTACHMENTS];
	int n = cli_all(&a, "part", specs, MAIL_MAX_ATTACHMENTS);
	intake_part parts[MAIL_MAX_ATTACHMENTS];
	char text[MAIL_MAX_ATTACHMENTS][600];
	for (int i = 0; i < n; i++)
		if (part_parse(specs[i], text[i], sizeof text[i], &parts[i])) {
			fprintf(stderr, "kansli: --part '%s' is not CASE:SEQ[,SEQ...][:TITLE] (attachments by their seq)\n",
			        specs[i]);
			return 2;
		}
	for (int i = 0; i < n; i++) /* every part as secret as the command says */
		parts[i].secrecy = cli_get(&a, "secrecy"), parts[i].legal_ground = cli_get(&a, "legal-ground"),
		parts[i].masked = cli_get(&a, "mask");
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	char numbers[MAIL_MAX_ATTACHMENTS][CASENUM_MAX];
	rc = intake_split(k, org, id, parts, n, numbers, &e);
	if (rc)
		return cli_close_done(k, rc, &e, "%s", "");
	kansli_close(k);
	for (int i = 0; i < n; i++)
		printf("%s\n", numbers[i]);
	return 0;
}

int cmd_intake(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "mail"))
		return intake_cmd_mail(argc - 1, argv + 1);
	if (!strcmp(sub, "register"))
		return intake_cmd_register(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return intake_cmd_list(argc - 1, argv + 1);
	if (!strcmp(sub, "join"))
		return intake_cmd_join(argc - 1, argv + 1);
	if (!strcmp(sub, "split"))
		return intake_cmd_split(argc - 1, argv + 1);
	if (!strcmp(sub, "send-back")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,note=", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "an inbox item id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = intake_send_back(k, org, id, cli_get(&a, "note"), &e);
		return cli_close_done(k, rc, &e, "inbox item %lld sent back to the registrars", (long long)id);
	}
	if (!strcmp(sub, "show")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,json", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "an inbox item id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		return cli_close_emit(k, &a, intake_show(k, org, id, &e), &e);
	}
	if (!strcmp(sub, "reject")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,reason=", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "an inbox item id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = intake_reject(k, org, id, cli_get(&a, "reason"), &e);
		return cli_close_done(k, rc, &e, "inbox item %lld rejected (%s)", (long long)id, cli_get(&a, "reason"));
	}
	if (!strcmp(sub, "forward")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,to=,unit=,note=", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "an inbox item id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = intake_forward(k, org, id, cli_get(&a, "to"), cli_get(&a, "unit"), cli_get(&a, "note"), &e);
		return cli_close_done(k, rc, &e, "inbox item %lld forwarded to %s", (long long)id,
		                      cli_get(&a, "to") ? cli_get(&a, "to") : cli_get(&a, "unit"));
	}
	if (!strcmp(sub, "watch")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,json", 0, 0, usage, &a, &k, &org)) >= 0)
			return rc;
		json_t *w = intake_watch(k, org, &e);
		if (!w || cli_has(&a, "json"))
			return cli_close_emit(k, &a, w, &e);
		kansli_close(k);
		printf("%s: %lld items waiting unopened, the oldest %d working days (the limit is %d)\n",
		       json_is_true(json_object_get(w, "warning")) ? "WARNING" : "ok",
		       (long long)json_integer_value(json_object_get(w, "waiting")),
		       (int)json_integer_value(json_object_get(w, "working_days")),
		       (int)json_integer_value(json_object_get(w, "unopened_days")));
		json_decref(w);
		return 0;
	}
	if (!strcmp(sub, "settings")) {
		long days = 0;
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,unopened-days=", 0, 0, usage, &a)) >= 0)
			return rc;
		if (!cli_get(&a, "unopened-days")) {
			fputs("kansli: give --unopened-days N: the working days the inbox may go unopened\n", stderr);
			return 2;
		}
		if (cli_int(&a, "unopened-days", 1, 60, &days) || (rc = cli_open_org(&a, &k, &org)))
			return rc ? rc : 2;
		rc = intake_set_unopened_days(k, org, days, &e);
		return cli_close_done(k, rc, &e, "the inbox may go unopened %ld working days", days);
	}
	if (!strcmp(sub, "purge")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,days=", 0, 0, usage, &a)) >= 0)
			return rc;
		long days = INTAKE_DEFAULT_KEEP_DAYS;
		if (cli_get(&a, "days") && cli_int(&a, "days", 0, 3650, &days) < 0)
			return 2;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		int64_t purged;
		rc = intake_purge(k, org, (int)days, &purged, &e);
		return cli_close_done(k, rc, &e, "%lld rejected inbox items purged", (long long)purged);
	}
	return cli_usage(sub, usage);
}
