/* cmd_verify.c — `kansli verify`: recompute and check everything. */
#include "cli/cli.h"

#include <stdio.h>

#include "core/verify.h"

static const char usage[] =
	"usage: kansli verify\n\n"
	"Recomputes every audit event's leaf hash and the Merkle tree, checks the\n"
	"signatures of the current and all published tree heads, re-hashes every\n"
	"stored file, and checks that every record and case equals what the log\n"
	"says. Exits 0 when all matches; otherwise names the first event, blob or\n"
	"record that does not match and exits 1.\n";

int cmd_verify(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	verify_report rep = { 0 };
	rc = verify_all(k, &rep, &e);
	return cli_close_done(k, rc, &e, "ok: %llu events, %llu signed heads, %llu files, %llu records, %llu cases, "
	                      "%llu adjusted minutes verified", (unsigned long long)rep.events,
	                      (unsigned long long)rep.heads, (unsigned long long)rep.blobs,
	                      (unsigned long long)rep.records, (unsigned long long)rep.cases,
	                      (unsigned long long)rep.minutes);
}
