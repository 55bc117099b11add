/*
 * cmd_meeting.c — `kansli board ...`, `kansli meeting ...` and
 * `kansli delegation ...`: the committee cycle from the shell. Each
 * subcommand parses its options, calls one core/ operation and prints
 * what it returns (--json for the result tree).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/board.h"
#include "core/delegation.h"
#include "core/meeting.h"

static const char board_usage[] =
	"usage: kansli board add CODE --name NAME --kind fullmaktige|styrelse|namnd|utskott --series PREFIX\n"
	"       kansli board list [--json]\n"
	"       kansli board show CODE [--json]\n"
	"       kansli board member CODE --name NAME --role ledamot|ersattare|sekreterare --from DATE\n"
	"                          [--to DATE] [--position ordforande|vice_ordforande] [--party P]\n"
	"                          [--account USERNAME]\n"
	"       kansli board member-edit ID [--name N] [--role R] [--position P|none] [--from D]\n"
	"                          [--to D|none] [--party P] [--account USERNAME|none]\n"
	"       kansli board ready CASE --board CODE | --clear\n\n"
	"Boards (nämnder) and their members for a term. A member linked to a user\n"
	"account (--account) can approve minutes as that user. `ready` marks a case\n"
	"ready for decision by a board, so it is offered for its agenda. Every form\n"
	"takes --org ORG.\n";

static const char meeting_usage[] =
	"usage: kansli meeting create --board CODE --date DATE --time HH:MM --place PLACE\n"
	"       kansli meeting list [--board CODE] [--json]\n"
	"       kansli meeting show ID [--json]\n"
	"       kansli meeting ready ID [--json]          cases ready for the agenda\n"
	"       kansli meeting add ID --case NUMBER [--title T] | --standing TITLE\n"
	"       kansli meeting attach ITEM RECORD         send a record with the notice\n"
	"       kansli meeting remove ITEM\n"
	"       kansli meeting move ITEM up|down\n"
	"       kansli meeting notice ID --pdf FILE       the notice as PDF (preview)\n"
	"       kansli meeting send-notice ID\n"
	"       kansli meeting attend ID MEMBER present|absent [--for MEMBER]\n"
	"       kansli meeting adjuster ID MEMBER [--remove]\n"
	"       kansli meeting draw-up ID                 number the § and hold the minutes\n"
	"       kansli meeting decide ITEM --text TEXT\n"
	"       kansli meeting reserve ITEM MEMBER [--text REASONS] [--proposal P] [--remove]\n"
	"       kansli meeting jav ITEM MEMBER [--remove]    disqualified: no part in the §\n"
	"       kansli meeting propose ITEM MEMBER --text TEXT   a proposal (yrkande)\n"
	"       kansli meeting proposal-remove PROPOSAL\n"
	"       kansli meeting order ITEM PROPOSAL...     the order they are put (propositionsordning)\n"
	"       kansli meeting ballot ITEM --yes P --no P | --remove   a roll-call vote\n"
	"       kansli meeting vote ITEM MEMBER ja|nej|avstar|none\n"
	"       kansli meeting minutes ID                 the canonical text approvals bind\n"
	"       kansli meeting approve ID                 as --user, the chair or an adjuster\n"
	"       kansli meeting dispatch ITEM --to RECIPIENT [--to ...]\n\n"
	"Meetings go planned -> called (notice sent) -> held (minutes drawn up) ->\n"
	"adjusted (approved by the chair and every adjuster; then frozen, registered,\n"
	"decisions registered in their cases, posted on the notice board). MEMBER and\n"
	"ITEM are ids from `meeting show`. Every form takes --org ORG.\n\n"
	"A § is decided only with a quorum: more than half of the board's ledamöter\n"
	"take part (present, or an ersättare serving for one), less those with jäv in\n"
	"it. Only they make proposals, vote and reserve; on a tie the chair's vote\n"
	"decides. draw-up warns when the meeting has no quorum.\n";

static const char delegation_usage[] =
	"usage: kansli delegation register --case NUMBER --board CODE --point P --by NAME\n"
	"                                  --summary TEXT [--date DATE] [--secrecy none|partial|full]\n"
	"                                  [--legal-ground 'OSL 26 kap. 1 §'] [--mask title,body,files]\n"
	"       kansli delegation list [--board CODE] [--unreported] [--json]\n\n"
	"Delegated decisions (delegationsbeslut): registered as a record in the case,\n"
	"reported under \"Anmälan av delegationsbeslut\" at the board's next meeting.\n"
	"A decision about an individual is secret like any record (--secrecy, with\n"
	"--legal-ground, or --ground, and --mask as for `record add`): the summary\n"
	"stands in the record's title and body, who decided in its body, and lists,\n"
	"agendas and minutes show them only where the record shows those fields.\n";

static int parse_id(const char *s, int64_t *out)
{
	return cli_id(s, "an id (a positive number)", out);
}

/* "none" clears an optional field in member-edit. */
static const char *opt_clear(const cli_args *a, const char *name)
{
	const char *v = cli_get(a, name);
	return v && !strcmp(v, "none") ? "" : v;
}

int cmd_board(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	char msg[300];
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,name=,kind=,series=", 1, 1, board_usage,
		                        &a, &k, &org)) >= 0)
			return rc;
		rc = board_add(k, org, a.pos[0], cli_get(&a, "name"), cli_get(&a, "kind"), cli_get(&a, "series"), &e);
		return cli_close_done(k, rc, &e, "board %s added", a.pos[0]);
	}
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, board_usage, board_list);
	if (!strcmp(sub, "show"))
		return cli_show_org_key(argc - 1, argv + 1, board_usage, board_show);
	if (!strcmp(sub, "member") || !strcmp(sub, "member-edit")) {
		int edit = !strcmp(sub, "member-edit");
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,name=,role=,position=,from=,to=,party=,account=", 1, 1,
		                    board_usage, &a)) >= 0)
			return rc;
		if (edit && (rc = parse_id(a.pos[0], &id)))
			return rc;
		board_member_new m = { .name = cli_get(&a, "name"), .role = cli_get(&a, "role"),
		                       .position = opt_clear(&a, "position"), .term_from = cli_get(&a, "from"),
		                       .term_to = opt_clear(&a, "to"), .party = cli_get(&a, "party"),
		                       .username = opt_clear(&a, "account") };
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		if (edit) {
			rc = board_member_edit(k, org, id, &m, &e);
			snprintf(msg, sizeof msg, "member %lld changed", (long long)id);
		} else {
			rc = board_member_add(k, org, a.pos[0], &m, &id, &e);
			snprintf(msg, sizeof msg, "member %lld added to %s", (long long)id, a.pos[0]);
		}
		return cli_close_done(k, rc, &e, "%s", msg);
	}
	if (!strcmp(sub, "ready")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,board=,clear", 1, 1, board_usage, &a)) >= 0)
			return rc;
		if (!cli_get(&a, "board") && !cli_has(&a, "clear")) {
			fputs("kansli: give --board CODE (or --clear)\n", stderr);
			return 2;
		}
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = agenda_mark_ready(k, org, a.pos[0], cli_has(&a, "clear") ? NULL : cli_get(&a, "board"), &e);
		return cli_close_done(k, rc, &e, cli_has(&a, "clear") ? "case %s is no longer ready for decision"
		                      : "case %s is ready for decision", a.pos[0]);
	}
	return cli_usage(sub, board_usage);
}

/* Subcommands that take one id and an optional second positional. */
static int meeting_simple(const char *sub, int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id, member = 0;
	int rc;
	char msg[300];
	int two = !strcmp(sub, "attend") ? 3 : !strcmp(sub, "adjuster") || !strcmp(sub, "reserve") ||
	          !strcmp(sub, "jav") || !strcmp(sub, "attach") || !strcmp(sub, "move") ? 2 : 1;
	if ((rc = cli_parse(argc, argv, "org=,json,for=,remove,text=,pdf=,to=*,proposal=", two, two, meeting_usage,
	                    &a)) >= 0)
		return rc;
	if ((rc = parse_id(a.pos[0], &id)))
		return rc;
	if (two >= 2 && strcmp(sub, "attach") && strcmp(sub, "move") && (rc = parse_id(a.pos[1], &member)))
		return rc;
	int64_t serving = 0, proposal = 0;
	if (cli_get(&a, "for") && (rc = parse_id(cli_get(&a, "for"), &serving)))
		return rc;
	if (cli_get(&a, "proposal") && (rc = parse_id(cli_get(&a, "proposal"), &proposal)))
		return rc;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	if (!strcmp(sub, "show") || !strcmp(sub, "ready")) {
		json_t *v = !strcmp(sub, "show") ? meeting_show(k, org, id, &e) : agenda_ready_cases(k, org, id, &e);
		return cli_close_emit(k, &a, v, &e);
	}
	if (!strcmp(sub, "minutes")) {
		buf t = BUF_INIT;
		rc = minutes_text(k, org, id, &t, &e);
		kansli_close(k);
		if (rc) {
			buf_free(&t);
			return cli_fail(&e);
		}
		fwrite(t.s, 1, t.len, stdout);
		buf_free(&t);
		return 0;
	}
	if (!strcmp(sub, "notice")) {
		const char *path = cli_get(&a, "pdf");
		if (!path) {
			kansli_close(k);
			fputs("kansli: give --pdf FILE to write the notice to\n", stderr);
			return 2;
		}
		buf pdf = BUF_INIT;
		rc = meeting_notice_pdf(k, org, id, &pdf, &e);
		kansli_close(k);
		if (rc) {
			buf_free(&pdf);
			return cli_fail(&e);
		}
		FILE *f = fopen(path, "wb");
		int ok = f && fwrite(pdf.s, 1, pdf.len, f) == pdf.len;
		if (f && fclose(f))
			ok = 0;
		buf_free(&pdf);
		if (!ok) {
			fprintf(stderr, "kansli: cannot write %s\n", path);
			return 6;
		}
		printf("notice written to %s\n", path);
		return 0;
	}
	if (!strcmp(sub, "send-notice")) {
		char rec[CASENUM_MAX];
		rc = meeting_send_notice(k, org, id, rec, &e);
		snprintf(msg, sizeof msg, "notice registered as %s; meeting %lld is called", rec, (long long)id);
	} else if (!strcmp(sub, "attach")) {
		rc = agenda_attach(k, org, id, a.pos[1], &e);
		snprintf(msg, sizeof msg, "%s attached to item %lld", a.pos[1], (long long)id);
	} else if (!strcmp(sub, "remove")) {
		rc = agenda_remove(k, org, id, &e);
		snprintf(msg, sizeof msg, "item %lld removed", (long long)id);
	} else if (!strcmp(sub, "move")) {
		if (strcmp(a.pos[1], "up") && strcmp(a.pos[1], "down")) {
			kansli_close(k);
			fputs("kansli: move an item up or down\n", stderr);
			return 2;
		}
		rc = agenda_move(k, org, id, !strcmp(a.pos[1], "up"), &e);
		snprintf(msg, sizeof msg, "item %lld moved %s", (long long)id, a.pos[1]);
	} else if (!strcmp(sub, "attend")) {
		rc = minutes_attendance(k, org, id, member, a.pos[2], serving, &e);
		snprintf(msg, sizeof msg, "member %lld: %s", (long long)member, a.pos[2]);
	} else if (!strcmp(sub, "adjuster")) {
		rc = minutes_adjuster(k, org, id, member, cli_has(&a, "remove"), &e);
		snprintf(msg, sizeof msg, cli_has(&a, "remove") ? "member %lld is no longer an adjuster"
		         : "member %lld appointed adjuster", (long long)member);
	} else if (!strcmp(sub, "draw-up")) {
		meeting_quorum q = { 0, 0, 0, 0 };
		rc = minutes_draw_up(k, org, id, &q, &e);
		/* drawn up all the same: the minutes record what happened */
		if (!rc && !q.met)
			fprintf(stderr, "kansli: warning: the meeting has no quorum: %d of the board's %d ledamöter take "
			        "part and more than half (%d) must; no § can be decided until the attendance shows one\n",
			        q.serving, q.seats, q.needed);
		snprintf(msg, sizeof msg, "minutes of meeting %lld drawn up", (long long)id);
	} else if (!strcmp(sub, "decide")) {
		rc = minutes_decision(k, org, id, cli_get(&a, "text") ? cli_get(&a, "text") : "", &e);
		snprintf(msg, sizeof msg, "decision of item %lld saved", (long long)id);
	} else if (!strcmp(sub, "reserve") || !strcmp(sub, "jav")) {
		int res = !strcmp(sub, "reserve");
		rc = minutes_note(k, org, id, member, res ? "reservation" : "jav", cli_get(&a, "text"), proposal,
		                  cli_has(&a, "remove"), &e);
		snprintf(msg, sizeof msg, "%s of member %lld %s", res ? "reservation" : "jäv", (long long)member,
		         cli_has(&a, "remove") ? "removed" : "recorded");
	} else if (!strcmp(sub, "approve")) {
		int adjusted;
		rc = minutes_approve(k, org, id, &adjusted, &e);
		snprintf(msg, sizeof msg, adjusted ? "approved; the minutes of meeting %lld are adjusted"
		         : "approved; the minutes of meeting %lld await other approvals", (long long)id);
	} else { /* dispatch */
		const char *to[50];
		int n = cli_all(&a, "to", to, 50);
		rc = minutes_dispatch(k, org, id, to, n, &e);
		snprintf(msg, sizeof msg, "extract of item %lld dispatched to %d recipient%s", (long long)id, n,
		         n == 1 ? "" : "s");
	}
	return cli_close_done(k, rc, &e, "%s", msg);
}

int cmd_meeting(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id = 0;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "create")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,board=,date=,time=,place=", 0, 0, meeting_usage,
		                        &a, &k, &org)) >= 0)
			return rc;
		rc = meeting_create(k, org, cli_get(&a, "board"), cli_get(&a, "date"), cli_get(&a, "time"),
		                    cli_get(&a, "place"), &id, &e);
		return cli_close_done(k, rc, &e, "meeting %lld planned", (long long)id);
	}
	if (!strcmp(sub, "list")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,board=,json", 0, 0, meeting_usage,
		                        &a, &k, &org)) >= 0)
			return rc;
		return cli_close_emit(k, &a, meeting_list(k, org, cli_get(&a, "board"), &e), &e);
	}
	if (!strcmp(sub, "add")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,case=,title=,standing=", 1, 1, meeting_usage, &a)) >= 0)
			return rc;
		if ((rc = parse_id(a.pos[0], &id)))
			return rc;
		if (!cli_get(&a, "case") == !cli_get(&a, "standing")) {
			fputs("kansli: give either --case NUMBER or --standing TITLE\n", stderr);
			return 2;
		}
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		int64_t item = 0;
		if (cli_get(&a, "case"))
			rc = agenda_add_case(k, org, id, cli_get(&a, "case"), cli_get(&a, "title"), &item, &e);
		else
			rc = agenda_add_standing(k, org, id, cli_get(&a, "standing"), &item, &e);
		return cli_close_done(k, rc, &e, "item %lld added to meeting %lld", (long long)item, (long long)id);
	}
	static const char *const simple[] = { "show", "ready", "attach", "remove", "move", "notice", "send-notice",
	                                      "attend", "adjuster", "draw-up", "decide", "reserve", "jav", "minutes",
	                                      "approve", "dispatch" };
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
		if (!strcmp(sub, simple[i]))
			return meeting_simple(sub, argc - 1, argv + 1);
	static const char *const decide[] = { "propose", "proposal-remove", "order", "ballot", "vote" };
	for (size_t i = 0; i < sizeof decide / sizeof decide[0]; i++)
		if (!strcmp(sub, decide[i]))
			return cmd_meeting_decide(sub, argc - 1, argv + 1, meeting_usage);
	return cli_usage(sub, meeting_usage);
}

int cmd_delegation(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "register")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,case=,board=,point=,by=,summary=,date=,ground=," CLI_SECRECY_SPEC, 0, 0,
		                    delegation_usage, &a)) >= 0)
			return rc;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		delegation_new d = { .case_number = cli_get(&a, "case"), .board = cli_get(&a, "board"),
		                     .point = cli_get(&a, "point"), .decided_by = cli_get(&a, "by"),
		                     .summary = cli_get(&a, "summary"), .date = cli_get(&a, "date") };
		cli_secrecy(&a, &d.secrecy, &d.legal_ground, &d.masked);
		char rec[CASENUM_MAX] = "";
		id = 0;
		rc = delegation_register(k, org, &d, &id, rec, &e);
		return cli_close_done(k, rc, &e, "delegated decision %lld registered as %s", (long long)id, rec);
	}
	if (!strcmp(sub, "list")) {
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,board=,unreported,json", 0, 0, delegation_usage,
		                        &a, &k, &org)) >= 0)
			return rc;
		json_t *v = delegation_list(k, org, cli_get(&a, "board"), cli_has(&a, "unreported"), &e);
		return cli_close_emit(k, &a, v, &e);
	}
	return cli_usage(sub, delegation_usage);
}
