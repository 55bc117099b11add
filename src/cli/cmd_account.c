/*
 * cmd_account.c — the account lifecycle's `kansli user` subcommands:
 * passwd, reset, disable, enable, sessions, end-session, end-token, stale
 * (core/account.h). cmd_user (cmd_admin.c) hands them here. Passwords are
 * read from standard input, never the command line (which `ps` shows).
 */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/account.h"
#include "core/kansli.h"

static const char usage[] =
	"usage: kansli --user USERNAME user passwd\n"
	"       kansli user reset USERNAME [--password-stdin]\n"
	"       kansli user disable|enable USERNAME\n"
	"       kansli user sessions USERNAME [--json]\n"
	"       kansli user end-session|end-token USERNAME ID\n"
	"       kansli user stale --days N [--org ORG] [--json]\n\n"
	"The account lifecycle. passwd changes one's own password (the current one,\n"
	"then the new one, on standard input). reset sets a one-time password,\n"
	"printed once (or one read from standard input), which its user must change\n"
	"at the next login. Both end every other session and API token of the user;\n"
	"disable ends them all and refuses the user's logins until enable. sessions\n"
	"lists a user's live sessions and tokens (never a token itself), and\n"
	"end-session and end-token end one. stale lists the enabled accounts nobody\n"
	"has logged in to, or used a token of, for N days.\n\n"
	"An organisation's administrator manages the accounts whose every role is in\n"
	"organisations they administer; nobody resets or disables their own account,\n"
	"nor disables the last administrator of an organisation.\n";

/* One line of standard input into line (size bytes), without its line
 * end. 0, or 2 with the message printed. */
static int read_line(char *line, size_t size, const char *what)
{
	if (!fgets(line, (int)size, stdin)) {
		fprintf(stderr, "kansli: no %s on standard input\n", what);
		return 2;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return 0;
}

static int do_passwd(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc = cli_parse(argc, argv, "", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (!cli_user || !*cli_user) {
		fputs("kansli: say whose password with --user USERNAME (an administrator uses user reset)\n", stderr);
		return 2;
	}
	char current[ACCOUNT_PASSWORD_MAX + 2], new_pw[ACCOUNT_PASSWORD_MAX + 2];
	if ((rc = read_line(current, sizeof current, "current password")) ||
	    (rc = read_line(new_pw, sizeof new_pw, "new password")))
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	/* counted toward the login throttle as from "cli", apart from any web address */
	rc = account_password_change(k, k->user_id, cli_user, "cli", 0, 0, current, new_pw, &e);
	sodium_memzero(current, sizeof current);
	sodium_memzero(new_pw, sizeof new_pw);
	return cli_close_done(k, rc, &e, "changed the password of %s; their other sessions and API tokens ended",
	                      cli_user);
}

static int do_reset(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc = cli_parse(argc, argv, "password-stdin", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	char given[ACCOUNT_PASSWORD_MAX + 2] = "", onetime[ACCOUNT_ONETIME_SIZE];
	int from_stdin = cli_has(&a, "password-stdin");
	if (from_stdin && (rc = read_line(given, sizeof given, "password")))
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = account_password_reset(k, a.pos[0], from_stdin ? given : NULL, onetime, &e);
	sodium_memzero(given, sizeof given);
	if (from_stdin)
		return cli_close_done(k, rc, &e, "reset the password of %s, to be changed at the next login", a.pos[0]);
	/* the one-time password alone on stdout, for a script to pass on */
	rc = cli_close_done(k, rc, &e, "%s", onetime);
	sodium_memzero(onetime, sizeof onetime);
	return rc;
}

static int do_set_disabled(int argc, char **argv, int disabled)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc = cli_parse(argc, argv, "", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = account_set_disabled(k, a.pos[0], disabled, &e);
	return cli_close_done(k, rc, &e, disabled ? "disabled %s; their sessions and API tokens ended" : "enabled %s",
	                      a.pos[0]);
}

static int do_sessions(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc = cli_parse(argc, argv, "json", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	return cli_close_emit(k, &a, account_show(k, a.pos[0], &e), &e);
}

static int do_end(int argc, char **argv, const char *kind)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t id;
	int rc = cli_parse(argc, argv, "", 2, 2, usage, &a);
	if (rc >= 0)
		return rc;
	if ((rc = cli_id(a.pos[1], !strcmp(kind, "session") ? "a session id" : "a token id", &id)))
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = account_end(k, a.pos[0], kind, id, &e);
	return cli_close_done(k, rc, &e, "ended %s %lld of %s", !strcmp(kind, "session") ? "session" : "API token",
	                      (long long)id, a.pos[0]);
}

static int do_stale(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	long days;
	int64_t org = 0;
	int rc = cli_parse(argc, argv, "days=,org=,json", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (!cli_get(&a, "days")) {
		fputs("kansli: say --days N\n", stderr);
		return 2;
	}
	if (cli_int(&a, "days", 1, 3650, &days))
		return 2;
	/* the installation's operator sees every account unless it names an
	 * organisation; a named user sees one organisation's */
	if (cli_get(&a, "org") || (cli_user && *cli_user)) {
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
	} else if (cli_open(&k, &e)) {
		return cli_fail(&e);
	}
	return cli_close_emit(k, &a, account_stale(k, org, (int)days, &e), &e);
}

int cmd_user_account(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "passwd"))
		return do_passwd(argc - 1, argv + 1);
	if (!strcmp(sub, "reset"))
		return do_reset(argc - 1, argv + 1);
	if (!strcmp(sub, "disable") || !strcmp(sub, "enable"))
		return do_set_disabled(argc - 1, argv + 1, !strcmp(sub, "disable"));
	if (!strcmp(sub, "sessions"))
		return do_sessions(argc - 1, argv + 1);
	if (!strcmp(sub, "end-session") || !strcmp(sub, "end-token"))
		return do_end(argc - 1, argv + 1, !strcmp(sub, "end-session") ? "session" : "token");
	if (!strcmp(sub, "stale"))
		return do_stale(argc - 1, argv + 1);
	return -1;
}
