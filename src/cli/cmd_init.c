/* cmd_init.c — `kansli init DIR`: create a new installation. */
#include "cli/cli.h"

#include <stdio.h>

static const char usage[] =
	"usage: kansli init DIR [--origin NAME]\n\n"
	"Creates a new installation in DIR: the database, the blob store and the\n"
	"Ed25519 key that signs the audit log's tree heads.\n\n"
	"  --origin NAME  the log's name in published checkpoints (default:\n"
	"                 kansli.local/<random id>); e.g. diarium.example.se\n";

int cmd_init(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "origin=", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	kerr e = KERR_INIT;
	if (kansli_create(a.pos[0], cli_get(&a, "origin"), &e))
		return cli_fail(&e);
	printf("created kansli installation in %s\n", a.pos[0]);
	return 0;
}
