/*
 * cmd_webhook.c — `kansli webhook`: an organisation's webhook
 * subscriptions, their delivery log, and one delivery round by hand (the
 * server runs them by itself; core/webhook.h).
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/webhook.h"

static const char usage[] =
	"usage: kansli webhook add URL --events TYPE[,TYPE...] --as USER [--org ORG]\n"
	"       kansli webhook list [--org ORG] [--json]\n"
	"       kansli webhook disable|enable ID [--org ORG]\n"
	"       kansli webhook log [ID] [--limit N] [--org ORG] [--json]\n"
	"       kansli webhook replay DELIVERY [--org ORG]\n"
	"       kansli webhook deliver [--max N]\n\n"
	"Webhooks post an organisation's events, signed as the Standard Webhooks\n"
	"specification says, to a URL: https://, or http:// to this machine's\n"
	"loopback only. Event types: case.opened, record.registered, case.decided,\n"
	"case.closed, minutes.adjusted, notice.posted, request.received,\n"
	"request.decided, delivery.made. A payload is read with the rights of the\n"
	"user named by --as (secret parts masked as for them). The signing secret\n"
	"is printed by add, once. `kansli serve` delivers by itself; `deliver`\n"
	"runs one round of what is due (up to --max, 64) from the shell.\n";

static int add(int argc, char **argv)
{
	cli_args a;
	kansli *k;
	int64_t org;
	int rc = cli_parse_org(argc, argv, "org=,events=,as=", 1, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	webhook_new w = { a.pos[0], cli_get(&a, "events"), cli_get(&a, "as") };
	kerr e = KERR_INIT;
	int64_t id = 0;
	char secret[WHSIGN_SECRET_LEN] = "";
	rc = webhook_add(k, org, &w, &id, secret, &e);
	return cli_close_done(k, rc, &e, "added webhook %lld\nsecret: %s (shown this once)", (long long)id, secret);
}

static int set_active(int argc, char **argv, int active)
{
	cli_args a;
	kansli *k;
	int64_t org, id;
	int rc = cli_parse_org(argc, argv, "org=", 1, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	if ((rc = cli_id(a.pos[0], "a webhook id", &id))) {
		kansli_close(k);
		return rc;
	}
	kerr e = KERR_INIT;
	rc = webhook_set_active(k, org, id, active, &e);
	return cli_close_done(k, rc, &e, "%s webhook %lld", active ? "enabled" : "disabled", (long long)id);
}

static int show_log(int argc, char **argv)
{
	cli_args a;
	kansli *k;
	int64_t org, id = 0;
	long limit = 100;
	int rc = cli_parse_org(argc, argv, "org=,limit=,json", 0, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	if ((a.npos == 1 && (rc = cli_id(a.pos[0], "a webhook id", &id))) ||
	    cli_int(&a, "limit", 1, 1000, &limit)) {
		kansli_close(k);
		return rc ? rc : 2;
	}
	kerr e = KERR_INIT;
	return cli_close_emit(k, &a, webhook_log(k, org, id, (int)limit, &e), &e);
}

static int replay(int argc, char **argv)
{
	cli_args a;
	kansli *k;
	int64_t org, id;
	int rc = cli_parse_org(argc, argv, "org=", 1, 1, usage, &a, &k, &org);
	if (rc >= 0)
		return rc;
	if ((rc = cli_id(a.pos[0], "a delivery id", &id))) {
		kansli_close(k);
		return rc;
	}
	kerr e = KERR_INIT;
	rc = webhook_replay(k, org, id, &e);
	return cli_close_done(k, rc, &e, "delivery %lld will be sent again", (long long)id);
}

static int deliver(int argc, char **argv)
{
	cli_args a;
	long max = 64;
	int rc = cli_parse(argc, argv, "max=", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "max", 1, 64, &max))
		return 2;
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	if (k->user_id != 0) {
		kansli_close(k);
		kerr d = KERR_INIT;
		kerr_set(&d, KERR_DENIED, "only the installation's own user runs deliveries");
		return cli_fail(&d);
	}
	int n = 0;
	rc = webhook_deliver_due(k, (int)max, &n, &e);
	return cli_close_done(k, rc, &e, "%d attempt(s)", n);
}

static json_t *list_view(kansli *k, int64_t org_id, kerr *e)
{
	return webhook_list(k, org_id, e);
}

int cmd_webhook(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add"))
		return add(argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return cli_show_org(argc - 1, argv + 1, usage, list_view);
	if (!strcmp(sub, "disable") || !strcmp(sub, "enable"))
		return set_active(argc - 1, argv + 1, sub[0] == 'e');
	if (!strcmp(sub, "log"))
		return show_log(argc - 1, argv + 1);
	if (!strcmp(sub, "replay"))
		return replay(argc - 1, argv + 1);
	if (!strcmp(sub, "deliver"))
		return deliver(argc - 1, argv + 1);
	return cli_usage(sub, usage);
}
