/* cmd_serve.c — `kansli serve`: run the web server. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "web/routes.h"
#include "web/server.h"

static const char usage[] =
	"usage: kansli serve [--address ADDR] [--port PORT] [--threads N] [--quiet]\n"
	"                    [--behind-tls]\n\n"
	"Serves the installation over HTTP until interrupted (SIGINT, SIGTERM).\n"
	"Defaults: 127.0.0.1, port 8080, one thread per core. Put a TLS-terminating\n"
	"reverse proxy in front of it for anything but loopback, and say --behind-tls:\n"
	"session cookies are then __Host- prefixed and Secure. One JSON line per\n"
	"request goes to standard error unless --quiet.\n";

int cmd_serve(int argc, char **argv)
{
	cli_args a;
	long port = 8080, threads = sysconf(_SC_NPROCESSORS_ONLN);
	int rc = cli_parse(argc, argv, "address=,port=,threads=,quiet,behind-tls", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "port", 1, 65535, &port) || cli_int(&a, "threads", 1, 256, &threads))
		return 2;
	const char *dir = cli_datadir ? cli_datadir : getenv("KANSLI_DATA");
	if (!dir || !*dir) {
		fputs("kansli: no data directory: give --data DIR or set KANSLI_DATA\n", stderr);
		return 2;
	}
	server_config cfg = {
		.datadir = dir, .address = cli_get(&a, "address") ? cli_get(&a, "address") : "127.0.0.1",
		.port = (uint16_t)port, .threads = threads > 0 ? (unsigned)threads : 2,
		.quiet = cli_has(&a, "quiet"), .secure_cookies = cli_has(&a, "behind-tls"),
	};
	routes_set_secure(cfg.secure_cookies);
	return server_run(&cfg);
}
