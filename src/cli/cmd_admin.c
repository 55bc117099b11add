/*
 * cmd_admin.c — setting up organisations: `kansli org|unit|series|class|user|party`.
 * These commands share one shape (add, list), so they share this file.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/grant.h"
#include "core/org.h"
#include "core/party.h"
#include "core/public.h"
#include "core/session.h"

/* Runs the list of what, printing it. */
static int list_setup(const cli_args *a, const char *what)
{
	kansli *k;
	int64_t org;
	int rc = cli_open_org(a, &k, &org);
	if (rc)
		return rc;
	kerr e = KERR_INIT;
	return cli_close_emit(k, a, org_setup_list(k, org, what, &e), &e);
}

typedef int (*setup_add_fn)(kansli *, int64_t, const char *, const char *, kerr *);

static int setup_command(int argc, char **argv, const char *what, const char *usage,
                         setup_add_fn add)
{
	cli_args a;
	if (argc < 1 || (strcmp(argv[0], "add") && strcmp(argv[0], "list")))
		return cli_usage(argc >= 1 ? argv[0] : "", usage);
	int adding = !strcmp(argv[0], "add");
	int rc = cli_parse(argc - 1, argv + 1, "org=,json", adding ? 2 : 0, adding ? 2 : 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (!adding)
		return list_setup(&a, what);
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	rc = add(k, org, a.pos[0], a.pos[1], &e);
	return cli_close_done(k, rc, &e, "added %s %s", what, a.pos[0]);
}

int cmd_unit(int argc, char **argv)
{
	return setup_command(argc, argv, "unit",
		"usage: kansli unit add [--org ORG] CODE NAME\n"
		"       kansli unit list [--org ORG] [--json]\n\n"
		"Units (förvaltningar, enheter) of an organisation.\n", unit_add);
}

int cmd_series(int argc, char **argv)
{
	if (argc >= 1 && !strcmp(argv[0], "mask-persons")) {
		cli_args a;
		int rc = cli_parse(argc - 1, argv + 1, "org=", 2, 2,
		                   "usage: kansli series mask-persons PREFIX on|off [--org ORG]\n", &a);
		if (rc >= 0)
			return rc;
		if (strcmp(a.pos[1], "on") && strcmp(a.pos[1], "off")) {
			fputs("kansli: say on or off\n", stderr);
			return 2;
		}
		kansli *k;
		int64_t org;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		kerr e = KERR_INIT;
		rc = series_set_mask_persons(k, org, a.pos[0], !strcmp(a.pos[1], "on"), &e);
		return cli_close_done(k, rc, &e, "series %s: private persons' names %s in the public registry",
		                      a.pos[0], !strcmp(a.pos[1], "on") ? "masked" : "shown");
	}
	return setup_command(argc, argv, "series",
		"usage: kansli series add [--org ORG] PREFIX NAME\n"
		"       kansli series list [--org ORG] [--json]\n"
		"       kansli series mask-persons PREFIX on|off [--org ORG]\n\n"
		"Registry series (diarieserier). PREFIX is capital letters, e.g. KS or BUN;\n"
		"case numbers are PREFIX YEAR/NNNN, gap-free per series and year.\n", series_add);
}

int cmd_class(int argc, char **argv)
{
	return setup_command(argc, argv, "class",
		"usage: kansli class add [--org ORG] CODE TITLE\n"
		"       kansli class list [--org ORG] [--json]\n\n"
		"Classification codes (klassificeringsstruktur), e.g. 3.2.1 Bygglov.\n", class_add);
}

static const char org_usage[] =
	"usage: kansli org add CODE NAME [--orgnr NNNNNN-NNNN]\n"
	"       kansli org list [--json]\n\n"
	"Organisations (municipalities, committees, companies) sharing this\n"
	"installation. Each is sealed off from the others.\n";

int cmd_org(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc;
	if (argc >= 1 && !strcmp(argv[0], "add")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "orgnr=", 2, 2, org_usage, &a)) >= 0)
			return rc;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		rc = org_add(k, a.pos[0], a.pos[1], cli_get(&a, "orgnr"), &e);
		return cli_close_done(k, rc, &e, "added organisation %s", a.pos[0]);
	}
	if (argc >= 1 && !strcmp(argv[0], "list"))
		return cli_show(argc - 1, argv + 1, org_usage, org_list);
	return cli_usage(argc >= 1 ? argv[0] : "", org_usage);
}

static const char user_usage[] =
	"usage: kansli user add USERNAME FULL_NAME [--password-stdin]\n"
	"       kansli user grant USERNAME ROLE [--org ORG] [--unit CODE] [--board CODE]\n"
	"       kansli user revoke USERNAME ROLE [--org ORG] [--unit CODE] [--board CODE]\n"
	"       kansli user list [--json]\n"
	"       kansli --user USERNAME user passwd\n"
	"       kansli user reset USERNAME [--password-stdin]\n"
	"       kansli user disable|enable USERNAME\n"
	"       kansli user sessions USERNAME [--json]\n"
	"       kansli user end-session|end-token USERNAME ID\n"
	"       kansli user stale --days N [--org ORG] [--json]\n"
	"       kansli user email USERNAME ADDRESS\n\n"
	"Users and their roles per organisation. Roles: administrator, registrator,\n"
	"handlaggare, namndsekreterare, arkivarie, lasare. Passwords are read from\n"
	"standard input (never the command line) and stored as argon2id hashes.\n\n"
	"A role is organisation-wide unless granted with --unit or --board: then a\n"
	"registrator's or handlaggare's right to read secret records reaches only the\n"
	"cases of those units and boards (OSL 8 kap. 1 §). Grant again to add more;\n"
	"a grant without them widens the role to the whole organisation. Revoke with\n"
	"--unit or --board removes that one; the last one takes the role with it.\n"
	"The administrator role of an organisation's last enabled administrator is\n"
	"not revoked: grant it to another user first.\n\n"
	"The account lifecycle (passwd, reset, disable, ...): kansli user passwd --help.\n";

/* The installation's operator sees every user and every role. */
static json_t *every_user(kansli *k, kerr *e)
{
	return user_list(k, 0, e);
}

int cmd_user(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "password-stdin", 2, 2, user_usage, &a)) >= 0)
			return rc;
		char pw[1024] = "";
		if (cli_has(&a, "password-stdin")) {
			if (!fgets(pw, sizeof pw, stdin)) {
				fputs("kansli: no password on standard input\n", stderr);
				return 2;
			}
			pw[strcspn(pw, "\r\n")] = '\0';
		}
		if (cli_open(&k, &e))
			return cli_fail(&e);
		rc = user_add(k, a.pos[0], a.pos[1], cli_has(&a, "password-stdin") ? pw : NULL, &e);
		return cli_close_done(k, rc, &e, "added user %s", a.pos[0]);
	}
	if (!strcmp(sub, "grant") || !strcmp(sub, "revoke")) {
		int64_t org;
		int grant = !strcmp(sub, "grant");
		if ((rc = cli_parse_org(argc - 1, argv + 1, "org=,unit=,board=", 2, 2, user_usage, &a, &k,
		                        &org)) >= 0)
			return rc;
		const char *unit = cli_get(&a, "unit"), *board = cli_get(&a, "board");
		rc = (grant ? user_grant_scoped : user_revoke)(k, a.pos[0], org, a.pos[1], unit, board, &e);
		char reach[160];
		snprintf(reach, sizeof reach, "%s%s%s%s%s", unit ? " unit " : "", unit ? unit : "",
		         unit && board ? " and" : "", board ? " board " : "", board ? board : "");
		return cli_close_done(k, rc, &e, "%s %s %s %s for%s", grant ? "granted" : "revoked",
		                      a.pos[1], grant ? "to" : "from", a.pos[0],
		                      *reach ? reach : " the whole organisation");
	}
	if (!strcmp(sub, "list"))
		return cli_show(argc - 1, argv + 1, user_usage, every_user);
	if ((rc = cmd_user_account(argc, argv)) >= 0)
		return rc;
	if (!strcmp(sub, "email"))
		return cmd_user_email(argc - 1, argv + 1);
	return cli_usage(sub, user_usage);
}

static const char party_usage[] =
	"usage: kansli party add (--person|--organisation) NAME [--id NUMBER] [--org ORG]\n"
	"       kansli party list [--prefix TEXT] [--limit N] [--org ORG] [--json]\n\n"
	"Senders, recipients and parties. --id is a personnummer (validated, stored\n"
	"as personal data) for a person, an organisationsnummer for an organisation.\n";

int cmd_party(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add")) {
		if ((rc = cli_parse(argc - 1, argv + 1, "person,organisation,id=,org=", 1, 1, party_usage, &a)) >= 0)
			return rc;
		if (cli_has(&a, "person") == cli_has(&a, "organisation")) {
			fputs("kansli: say --person or --organisation\n", stderr);
			return 2;
		}
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = party_add(k, org, cli_has(&a, "person") ? "person" : "organisation", a.pos[0],
		               cli_get(&a, "id"), &e);
		return cli_close_done(k, rc, &e, "added party %s", a.pos[0]);
	}
	if (!strcmp(sub, "list")) {
		long limit = 100;
		if ((rc = cli_parse(argc - 1, argv + 1, "prefix=,limit=,org=,json", 0, 0, party_usage, &a)) >= 0)
			return rc;
		if (cli_int(&a, "limit", 1, 10000, &limit))
			return 2;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		return cli_close_emit(k, &a, party_list(k, org, cli_get(&a, "prefix"), (int)limit, &e), &e);
	}
	return cli_usage(sub, party_usage);
}

static const char token_usage[] =
	"usage: kansli token add USERNAME NAME [--days N]\n"
	"       kansli token list [--json]\n"
	"       kansli token revoke ID\n\n"
	"API tokens for machines (Authorization: Bearer TOKEN). The token is shown\n"
	"once, when it is made; only its hash is stored. Default lifetime 90 days.\n";

int cmd_token(int argc, char **argv)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int rc;
	const char *sub = argc >= 1 ? argv[0] : "";
	if (!strcmp(sub, "add")) {
		long days = 90;
		if ((rc = cli_parse(argc - 1, argv + 1, "days=", 2, 2, token_usage, &a)) >= 0)
			return rc;
		if (cli_int(&a, "days", 1, 366, &days))
			return 2;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		char token[SESSION_TOKEN_LEN + 1] = "";
		rc = token_create(k, a.pos[0], a.pos[1], (int)days, token, &e);
		return cli_close_done(k, rc, &e, "%s", token);
	}
	if (!strcmp(sub, "list"))
		return cli_show(argc - 1, argv + 1, token_usage, token_list);
	if (!strcmp(sub, "revoke")) {
		int64_t id;
		if ((rc = cli_parse(argc - 1, argv + 1, "", 1, 1, token_usage, &a)) >= 0)
			return rc;
		if ((rc = cli_id(a.pos[0], "a token id", &id)))
			return rc;
		if (cli_open(&k, &e))
			return cli_fail(&e);
		rc = token_revoke(k, id, &e);
		return cli_close_done(k, rc, &e, "revoked token %lld", (long long)id);
	}
	return cli_usage(sub, token_usage);
}
