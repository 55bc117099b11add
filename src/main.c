/*
 * main.c — kansli: records, cases and meetings for Swedish municipalities.
 *
 * One program: `kansli serve` is the whole server, `kansli <command>` does
 * the same work from a shell. This file reads the global options and hands
 * the rest of the command line to the command's own function.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "extract/extract.h"
#include "util/timeutil.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "init", cmd_init, "create a new installation in a directory" },
	{ "org", cmd_org, "organisations (tenants): add, list" },
	{ "unit", cmd_unit, "units of an organisation: add, list" },
	{ "series", cmd_series, "registry series (diarieserier): add, list" },
	{ "class", cmd_class, "classification codes: add, list" },
	{ "user", cmd_user, "users, roles and accounts: add, grant, list, passwd, reset, disable, sessions, stale" },
	{ "party", cmd_party, "senders, recipients and parties: add, list" },
	{ "token", cmd_token, "API tokens: add, list, revoke" },
	{ "webhook", cmd_webhook, "webhooks: add, list, disable, enable, log, replay, deliver" },
	{ "case", cmd_case, "cases: open, show, list, assign, due, decide, close, reopen" },
	{ "record", cmd_record, "records: add, show, correct, file" },
	{ "request", cmd_request, "requests for public documents: submit, list, show, decide" },
	{ "notice", cmd_notice, "the notice board: post, list, show, take-down" },
	{ "intake", cmd_intake, "the registrar's inbox: mail (from the mail server), list, show, register, reject, forward, purge" },
	{ "export", cmd_export, "deliver closed cases to the e-archive (E-ARK/FGS SIP): sip, list" },
	{ "retention", cmd_retention, "the retention schedule: schedule import/export/list/set, due" },
	{ "hold", cmd_hold, "legal holds on cases: add, release, list" },
	{ "disposal", cmd_disposal, "disposal runs (gallring): propose, approve, execute, list, show" },
	{ "board", cmd_board, "boards and members: add, list, show, member, member-edit, ready" },
	{ "meeting", cmd_meeting, "meetings, agendas, notices, minutes, adjustment, dispatch" },
	{ "delegation", cmd_delegation, "delegated decisions: register, list" },
	{ "reminder", cmd_reminder, "reminders (bevakningar): add, list, show, done, move" },
	{ "reminders", cmd_reminder, "the same; `reminders send` mails the reminders due" },
	{ "config", cmd_config, "the installation's mail settings: set, get" },
	{ "overview", cmd_overview, "the managers' overview of a year: volumes, handling times, overdue" },
	{ "import", cmd_import, "import a registry from JSON lines" },
	{ "search", cmd_search, "full-text search with Swedish word forms" },
	{ "reindex", cmd_reindex, "index queued records, or rebuild the search index" },
	{ "verify", cmd_verify, "check the audit log, the signatures, every blob and the state" },
	{ "log", cmd_log, "the audit log: head, prove, events" },
	{ "verify-remote", cmd_verify_remote, "check that a server's registry has only grown" },
	{ "serve", cmd_serve, "run the web server" },
};

static void usage(FILE *out)
{
	fputs("usage: kansli [--data DIR] [--user NAME] COMMAND [ARGS]\n\n"
	      "Records, cases and meetings for Swedish municipalities.\n\n"
	      "Global options:\n"
	      "  --data DIR    the installation (default: $KANSLI_DATA)\n"
	      "  --user NAME   act as this user, with their roles (default: $KANSLI_USER,\n"
	      "                else the installation's own administrator)\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nkansli COMMAND --help describes a command. See also kansli(1).\n", out);
}

int main(int argc, char **argv)
{
	time_init_zone();
	/* A test that sets the clock and is not obeyed runs on today's date
	 * and passes until the calendar moves: refuse instead of ignoring. */
	const char *fake_now = getenv("KANSLI_NOW");
	if (fake_now && !time_valid_date(fake_now)) {
		fprintf(stderr, "kansli: KANSLI_NOW must be a date YYYY-MM-DD (1900-2199), not '%s'\n", fake_now);
		return 2;
	}
	int i = 1;
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--version")) {
			puts("kansli 0.1");
			return 0;
		}
		const char **target = !strcmp(argv[i], "--data") ? &cli_datadir
		                      : !strcmp(argv[i], "--user") ? &cli_user : NULL;
		if (target) {
			if (i + 1 >= argc) {
				fprintf(stderr, "kansli: %s needs a value\n", argv[i]);
				return 2;
			}
			*target = argv[i + 1];
			i += 2;
			continue;
		}
		if (!strncmp(argv[i], "--data=", 7)) {
			cli_datadir = argv[i++] + 7;
			continue;
		}
		if (!strncmp(argv[i], "--user=", 7)) {
			cli_user = argv[i++] + 7;
			continue;
		}
		fprintf(stderr, "kansli: unknown option %s (see kansli --help)\n", argv[i]);
		return 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "_extract")) /* internal: the sandboxed extractor */
		return extract_main(argc - i - 1, argv + i + 1);
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].run(argc - i - 1, argv + i + 1);
	fprintf(stderr, "kansli: unknown command '%s' (see kansli --help)\n", argv[i]);
	return 2;
}
