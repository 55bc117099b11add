/* cmd_config.c — `kansli config ...`: the installation's mail settings, and
 * `kansli user email` (each user's address for reminders). */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/mailconf.h"

static const char usage[] =
	"usage: kansli config set NAME VALUE\n"
	"       kansli config get [NAME] [--json]\n\n"
	"The installation's settings for the mail it sends (reminders):\n"
	"  smtp-url   the mail server, smtp://host[:port] or smtps://host[:port]; no\n"
	"             user or password (the settings are logged): relay through a local\n"
	"             server when the mail server needs a login\n"
	"  mail-from  the sender address\n"
	"  site-url   the installation's address for links in mail, https://...\n"
	"An empty VALUE removes a setting. Only the installation (or an administrator\n"
	"of every organisation) sets them; each change is logged.\n";

static const char email_usage[] =
	"usage: kansli user email USER ADDRESS\n\n"
	"Sets the address USER's reminders are mailed to (\"\" removes it): the user\n"
	"themself, an administrator of one of the user's organisations, or the\n"
	"installation.\n";

int cmd_config(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "set")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "", 2, 2, usage, &a)) >= 0)
			return rc;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		rc = mailconf_set(k, a.pos[0], a.pos[1], &e);
		return cli_close_done(k, rc, &e, *a.pos[1] ? "%s set" : "%s removed", a.pos[0]);
	}
	if (!strcmp(sub, "get")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "json", 0, 1, usage, &a)) >= 0)
			return rc;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		json_t *all = mailconf_all(k, &e);
		if (all && a.npos) {
			json_t *v = json_object_get(all, a.pos[0]);
			if (!v) {
				json_decref(all);
				kansli_close(k);
				fprintf(stderr, "kansli: '%s' is no setting: smtp-url, mail-from or site-url\n", a.pos[0]);
				return 2;
			}
			kansli_close(k);
			printf("%s\n", json_is_string(v) ? json_string_value(v) : "");
			json_decref(all);
			return 0;
		}
		return cli_close_emit(k, &a, all, &e);
	}
	return cli_usage(sub, usage);
}

int cmd_user_email(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc = cli_parse(argc, argv, "", 2, 2, email_usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = user_email_set(k, a.pos[0], a.pos[1], &e);
	return cli_close_done(k, rc, &e, *a.pos[1] ? "%s's address set" : "%s's address removed", a.pos[0]);
}
