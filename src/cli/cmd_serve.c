/* cmd_serve.c — `kansli serve`: run the web server. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/indexer.h"
#include "web/routes.h"
#include "web/server.h"

static const char usage[] =
	"usage: kansli serve [--address ADDR] [--port PORT] [--threads N] [--quiet]\n"
	"                    [--behind-tls] [--max-connections N] [--max-connections-per-address N]\n"
	"                    [--idle-timeout S] [--request-deadline S] [--max-uploads N]\n"
	"                    [--max-uploads-per-address N] [--extract-workers N]\n"
	"                    [--extract-seconds S] [--extract-max-parts N] [--locale-dir DIR]\n\n"
	"Serves the installation over HTTP until interrupted (SIGINT, SIGTERM).\n"
	"Defaults: 127.0.0.1, port 8080, one thread per core. Put a TLS-terminating\n"
	"reverse proxy in front of it for anything but loopback, and say --behind-tls:\n"
	"session cookies are then __Host- prefixed and Secure. One JSON line per\n"
	"request goes to standard error unless --quiet.\n\n"
	"Limits against hostile load (defaults in brackets): connections in all [1000]\n"
	"and per client address [64]; seconds a connection may stay silent [15] and\n"
	"a whole request may take [120]; request bodies received at once in all [64]\n"
	"and per address [4]; text extraction workers [2], each child with a CPU time\n"
	"limit [10 s] and a cap on a mail's MIME parts [500]. See docs/OPERATIONS.md.\n\n"
	"The pages' English comes from DIR/C/LC_MESSAGES/kansli-en.mo (`make` builds\n"
	"them in build/locale); without --locale-dir, $KANSLI_LOCALE_DIR, then\n"
	"build/locale, ../locale and ../share/locale beside the binary are tried.\n";

int cmd_serve(int argc, char **argv)
{
	cli_args a;
	long port = 8080, threads = sysconf(_SC_NPROCESSORS_ONLN);
	long conns = 1000, conns_addr = 64, idle = 15, deadline = 120, uploads = 64, uploads_addr = 4;
	long workers = 2, ex_seconds = 10, ex_parts = EXTRACT_MAX_PARTS;
	int rc = cli_parse(argc, argv, "address=,port=,threads=,quiet,behind-tls,max-connections=,"
	                   "max-connections-per-address=,idle-timeout=,request-deadline=,max-uploads=,"
	                   "max-uploads-per-address=,extract-workers=,extract-seconds=,extract-max-parts=,locale-dir=",
	                   0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "port", 1, 65535, &port) || cli_int(&a, "threads", 1, 256, &threads) ||
	    cli_int(&a, "max-connections", 1, 100000, &conns) ||
	    cli_int(&a, "max-connections-per-address", 1, 100000, &conns_addr) ||
	    cli_int(&a, "idle-timeout", 1, 3600, &idle) || cli_int(&a, "request-deadline", 1, 86400, &deadline) ||
	    cli_int(&a, "max-uploads", 1, 1024, &uploads) ||
	    cli_int(&a, "max-uploads-per-address", 1, 1024, &uploads_addr) ||
	    cli_int(&a, "extract-workers", 1, INDEXER_MAX_WORKERS, &workers) ||
	    cli_int(&a, "extract-seconds", 1, 3600, &ex_seconds) ||
	    cli_int(&a, "extract-max-parts", 1, 1000000, &ex_parts))
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
		.max_connections = (unsigned)conns, .max_connections_per_address = (unsigned)conns_addr,
		.idle_timeout = (unsigned)idle, .request_deadline = (unsigned)deadline,
		.max_uploads = (unsigned)uploads, .max_uploads_per_address = (unsigned)uploads_addr,
		.extract_workers = (unsigned)workers, .extract_seconds = (unsigned)ex_seconds,
		.extract_max_parts = (unsigned)ex_parts, .locale_dir = cli_get(&a, "locale-dir"),
	};
	routes_set_secure(cfg.secure_cookies);
	return server_run(&cfg);
}
