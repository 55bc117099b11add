/* cmd_init.c — `kansli init DIR`: create a new installation. */
#include "cli/cli.h"

#include <stdio.h>

static const char usage[] =
	"usage: kansli init DIR [--origin NAME] [--key-file PATH]\n\n"
	"Creates a new installation in DIR: the database, the blob store and the\n"
	"Ed25519 key that signs the audit log's tree heads.\n\n"
	"  --origin NAME  the log's name in published checkpoints (default:\n"
	"                 kansli.local/<random id>); e.g. diarium.example.se\n"
	"  --key-file PATH  keep the signing key at PATH (absolute, created with\n"
	"                 mode 0600) instead of DIR/keys/log.key, so that a copy of\n"
	"                 the data directory cannot sign (see docs/OPERATIONS.md)\n";

int cmd_init(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "origin=,key-file=", 1, 1, usage, &a);
	if (rc >= 0)
		return rc;
	kerr e = KERR_INIT;
	if (kansli_create_keyed(a.pos[0], cli_get(&a, "origin"), cli_get(&a, "key-file"), &e))
		return cli_fail(&e);
	printf("created kansli installation in %s\n", a.pos[0]);
	return 0;
}
