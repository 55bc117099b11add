/* cmd_reminder.c — `kansli reminder ...` (bevakningar) and `kansli reminders send`. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/reminder.h"

static const char usage[] =
	"usage: kansli reminder add CASE-OR-RECORD (--user USER | --unit UNIT) --due DATE --note TEXT [--json]\n"
	"       kansli reminder list [--filter mine|unit|overdue|done] [--limit N] [--offset N] [--json]\n"
	"       kansli reminder show ID [--json]\n"
	"       kansli reminder done ID\n"
	"       kansli reminder move ID --to DATE --reason TEXT\n"
	"       kansli reminders send\n\n"
	"Reminders (bevakningar): \"svar senast\" on a case or one of its records, for\n"
	"a person or a unit (its members are the users whose roles are scoped to it),\n"
	"on a day, with a note. list shows the open ones the actor may see, or those\n"
	"the filter picks: mine, my units', overdue (before today), done. A reminder\n"
	"is done, or moved to today or a later day with a reason; both are logged on\n"
	"the case. `reminders send` mails each reminder due today or before to its\n"
	"assignee once per due day (kansli config set smtp-url / mail-from / site-url;\n"
	"kansli user email USER ADDRESS); `kansli serve` runs it once a day.\n"
	"A secret case's reminders are seen and mailed only to those who may read its\n"
	"secrets, and its mail says \"Sekretess\" instead of the title and the note.\n"
	"Every form but send takes --org ORG.\n";

static int reminder_cmd_add(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc = cli_parse_org(argc, argv, "org=,user=,unit=,due=,note=,json", 1, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	reminder_new r = { .target = a.pos[0], .user = cli_get(&a, "user"), .unit = cli_get(&a, "unit"),
	                   .due = cli_get(&a, "due"), .note = cli_get(&a, "note") };
	if ((rc = reminder_add(k, org, &r, &id, &e))) {
		kansli_close(k);
		return cli_fail(&e);
	}
	if (cli_has(&a, "json"))
		return cli_close_emit(k, &a, reminder_show(k, org, id, &e), &e);
	return cli_close_done(k, 0, &e, "reminder %lld on %s for %s, due %s", (long long)id, r.target,
	                      r.user ? r.user : r.unit, r.due);
}

static int reminder_cmd_list(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, total;
	long limit = 0, offset = 0;
	reminder_which which;
	int rc = cli_parse(argc, argv, "org=,filter=,limit=,offset=,json", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "limit", 1, 1000, &limit) || cli_int(&a, "offset", 0, 1L << 30, &offset))
		return 2;
	if (reminder_which_parse(cli_get(&a, "filter"), &which, &e))
		return cli_fail(&e);
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	json_t *rows = reminder_list(k, org, which, (int)limit, (int)offset, &total, &e);
	if (!rows || cli_has(&a, "json"))
		return cli_close_emit(k, &a, rows ? json_pack("{s:o,s:I}", "reminders", rows, "total", (json_int_t)total)
		                                   : NULL, &e);
	kansli_close(k);
	size_t i;
	json_t *m;
	json_array_foreach(rows, i, m) {
		json_t *who = json_object_get(m, "assignee");
		const char *rec = json_string_value(json_object_get(m, "record"));
		printf("%lld\t%s\t%s\t%s\t%s%s\t%s\n", (long long)json_integer_value(json_object_get(m, "id")),
		       json_string_value(json_object_get(m, "due_date")), rec ? rec : json_string_value(json_object_get(m, "case")),
		       json_string_value(json_object_get(who, json_object_get(who, "user") ? "user" : "unit")),
		       json_string_value(json_object_get(m, "status")),
		       json_is_true(json_object_get(m, "overdue")) ? " (overdue)" : "",
		       json_string_value(json_object_get(m, "note")));
	}
	printf("%zu of %lld reminders\n", json_array_size(rows), (long long)total);
	json_decref(rows);
	return 0;
}

static int reminder_cmd_send(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int sent;
	int rc = cli_parse(argc, argv, "", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = reminder_send(k, &sent, &e);
	if (rc && sent)
		fprintf(stderr, "kansli: %d reminder mails sent before the failure\n", sent);
	return cli_close_done(k, rc, &e, "%d reminder mail%s sent", sent, sent == 1 ? "" : "s");
}

int cmd_reminder(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, id;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add"))
		return reminder_cmd_add(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return reminder_cmd_list(argc - 1, argv + 1);
	if (!strcmp(sub, "send"))
		return reminder_cmd_send(argc - 1, argv + 1);
	if (!strcmp(sub, "show") || !strcmp(sub, "done") || !strcmp(sub, "move")) {
		int move = !strcmp(sub, "move"), show = !strcmp(sub, "show");
		if ((rc = cli_parse(argc - 1, argv + 1, move ? "org=,to=,reason=" : show ? "org=,json" : "org=", 1, 1, usage,
		                    &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a reminder id", &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		if (show)
			return cli_close_emit(k, &a, reminder_show(k, org, id, &e), &e);
		if (!move)
			return cli_close_done(k, reminder_done(k, org, id, &e), &e, "reminder %lld done", (long long)id);
		rc = reminder_move(k, org, id, cli_get(&a, "to"), cli_get(&a, "reason"), &e);
		return cli_close_done(k, rc, &e, "reminder %lld moved to %s", (long long)id, cli_get(&a, "to"));
	}
	return cli_usage(sub, usage);
}
