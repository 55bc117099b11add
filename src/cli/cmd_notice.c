/* cmd_notice.c — `kansli notice ...`: the digital notice board from the shell. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/notice.h"

static const char usage[] =
	"usage: kansli notice post --kind meeting|minutes|other --board BOARD --title TITLE\n"
	"                          [--text TEXT] [--meeting-date DATE] [--adjusted DATE]\n"
	"                          [--storage-place PLACE] [--file PATH [--file-name NAME]]\n"
	"                          [--posted DATE] [--down DATE] [--meeting-id ID] [--json]\n"
	"       kansli notice list [--archive | --all] [--json]\n"
	"       kansli notice show ID [--json]\n"
	"       kansli notice take-down ID --reason TEXT\n\n"
	"The digital notice board (anslagstavla, Kommunallagen 8 kap. 9-12 §§).\n"
	"A meeting notice needs --meeting-date (announce council meetings a week\n"
	"ahead: later postings are marked late). A minutes notice needs --adjusted\n"
	"and --storage-place; the last day to appeal (three weeks from the posting,\n"
	"moved past weekends and holidays) and the down date are computed. Posting\n"
	"is today unless --posted gives a later day. list shows what is on the\n"
	"board today; --archive what came down; --all everything, scheduled too.\n"
	"Every form takes --org ORG.\n";

static int notice_cmd_post(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	if ((rc = cli_parse(argc, argv,
	                    "org=,kind=,board=,title=,text=,meeting-date=,adjusted=,storage-place=,file=,file-name=,"
	                    "posted=,down=,meeting-id=,json", 0, 0, usage, &a)) >= 0)
		return rc;
	long meeting_id = 0;
	if (cli_get(&a, "meeting-id") && cli_int(&a, "meeting-id", 1, 1L << 40, &meeting_id) < 0)
		return 2;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	notice_new n = {
		.kind = cli_get(&a, "kind"), .board = cli_get(&a, "board"), .title = cli_get(&a, "title"),
		.body = cli_get(&a, "text"), .posted_date = cli_get(&a, "posted"), .down_date = cli_get(&a, "down"),
		.meeting_date = cli_get(&a, "meeting-date"), .adjusted_date = cli_get(&a, "adjusted"),
		.storage_place = cli_get(&a, "storage-place"), .file_path = cli_get(&a, "file"),
		.file_name = cli_get(&a, "file-name"), .meeting_id = meeting_id,
	};
	int64_t id;
	if (notice_post(k, org, &n, &id, &e)) {
		kansli_close(k);
		return cli_fail(&e);
	}
	json_t *v = notice_show(k, org, id, &e);
	kansli_close(k);
	if (!v)
		return cli_fail(&e);
	if (json_is_true(json_object_get(v, "late")))
		fprintf(stderr, "kansli: warning: notice %lld is posted later than the law expects (%s)\n",
		        (long long)id, !strcmp(json_string_value(json_object_get(v, "kind")), "meeting")
		        ? "council meetings are announced a week ahead, KL 5 kap. 11 §"
		        : "adjusted minutes are posted within two days, KL 8 kap. 12 §");
	if (cli_has(&a, "json"))
		return cli_emit(&a, v, &e);
	const char *appeal = json_string_value(json_object_get(v, "appeal_end"));
	printf("notice %lld posted %s, on the board until %s%s%s\n", (long long)id,
	       json_string_value(json_object_get(v, "posted")), json_string_value(json_object_get(v, "down")),
	       appeal ? "; the appeal period ends " : "", appeal ? appeal : "");
	json_decref(v);
	return 0;
}

int cmd_notice(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	int64_t id;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "post"))
		return notice_cmd_post(argc - 1, argv + 1);
	if (!strcmp(sub, "list")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,archive,all,json", 0, 0, usage, &a)) >= 0)
			return rc;
		if (cli_has(&a, "archive") && cli_has(&a, "all")) {
			fputs("kansli: give --archive or --all, not both\n", stderr);
			return 2;
		}
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		json_t *v = cli_has(&a, "all") ? notice_list(k, org, 1000, &e)
			: notice_list_public(k, org, cli_has(&a, "archive"), 1000, &e);
		return cli_close_emit(k, &a, v, &e);
	}
	if (!strcmp(sub, "show")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,json", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a notice id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		return cli_close_emit(k, &a, notice_show(k, org, id, &e), &e);
	}
	if (!strcmp(sub, "take-down")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "org=,reason=", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a notice id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = notice_take_down(k, org, id, cli_get(&a, "reason"), &e);
		return cli_close_done(k, rc, &e, "notice %lld taken down", (long long)id);
	}
	return cli_usage(sub, usage);
}
