/*
 * cmd_meeting_decide.c — `kansli meeting propose|proposal-remove|order|
 * ballot|vote ...`: how a § is decided (core/proposals.c), from the shell.
 * cmd_meeting.c hands these subcommands here; the usage is its own.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/meeting.h"

static int parse_id(const char *s, int64_t *out)
{
	return cli_id(s, "an id (a positive number)", out);
}

int cmd_meeting_decide(const char *sub, int argc, char **argv, const char *usage)
{
	cli_args a;
	kerr e = KERR_INIT;
	kansli *k;
	int64_t org, item, member = 0, id = 0;
	int rc;
	char msg[300];
	if (!strcmp(sub, "propose")) {
		if ((rc = cli_parse(argc, argv, "org=,text=", 2, 2, usage, &a)) >= 0)
			return rc;
		if ((rc = parse_id(a.pos[0], &item)) || (rc = parse_id(a.pos[1], &member)))
			return rc;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = minutes_propose(k, org, item, member, cli_get(&a, "text") ? cli_get(&a, "text") : "", &id, &e);
		return cli_close_done(k, rc, &e, "proposal %lld made by member %lld", (long long)id, (long long)member);
	}
	if (!strcmp(sub, "proposal-remove")) {
		if ((rc = cli_parse(argc, argv, "org=", 1, 1, usage, &a)) >= 0)
			return rc;
		if ((rc = parse_id(a.pos[0], &id)) || (rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = minutes_proposal_remove(k, org, id, &e);
		return cli_close_done(k, rc, &e, "proposal %lld removed", (long long)id);
	}
	if (!strcmp(sub, "order")) {
		if ((rc = cli_parse(argc, argv, "org=", 2, CLI_MAX_POS, usage, &a)) >= 0)
			return rc;
		if ((rc = parse_id(a.pos[0], &item)))
			return rc;
		int64_t ids[CLI_MAX_POS];
		size_t n = 0;
		for (int i = 1; i < a.npos; i++)
			if ((rc = parse_id(a.pos[i], &ids[n++])))
				return rc;
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = minutes_proposal_order(k, org, item, ids, n, &e);
		return cli_close_done(k, rc, &e, "the proposals of item %lld are put in the order given", (long long)item);
	}
	if (!strcmp(sub, "ballot")) {
		if ((rc = cli_parse(argc, argv, "org=,yes=,no=,remove", 1, 1, usage, &a)) >= 0)
			return rc;
		int64_t yes = 0, no = 0;
		if ((rc = parse_id(a.pos[0], &item)))
			return rc;
		if (!cli_has(&a, "remove")) {
			if (!cli_get(&a, "yes") || !cli_get(&a, "no")) {
				fputs("kansli: give --yes PROPOSAL and --no PROPOSAL (or --remove)\n", stderr);
				return 2;
			}
			if ((rc = parse_id(cli_get(&a, "yes"), &yes)) || (rc = parse_id(cli_get(&a, "no"), &no)))
				return rc;
		}
		if ((rc = cli_open_org(&a, &k, &org)))
			return rc;
		rc = minutes_ballot(k, org, item, yes, no, &e);
		if (yes)
			snprintf(msg, sizeof msg, "vote called in item %lld: ja for proposal %lld, nej for proposal %lld",
			         (long long)item, (long long)yes, (long long)no);
		else
			snprintf(msg, sizeof msg, "the vote in item %lld is called off", (long long)item);
		return cli_close_done(k, rc, &e, "%s", msg);
	}
	/* vote ITEM MEMBER ja|nej|avstar|none */
	if ((rc = cli_parse(argc, argv, "org=", 3, 3, usage, &a)) >= 0)
		return rc;
	if ((rc = parse_id(a.pos[0], &item)) || (rc = parse_id(a.pos[1], &member)))
		return rc;
	const char *choice = !strcmp(a.pos[2], "none") ? "" : a.pos[2];
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	minutes_vote_in v = { member, choice };
	rc = minutes_votes(k, org, item, &v, 1, &e);
	return cli_close_done(k, rc, &e, *choice ? "member %lld votes %s in item %lld" : "member %lld%s: vote in item %lld cleared",
	                      (long long)member, choice, (long long)item);
}
