/*
 * server.h — `kansli serve`: the HTTP server (libmicrohttpd, internal thread
 * pool). Routes live in web/routes.c; this file owns sockets, threads,
 * security headers and shutdown.
 */
#ifndef KANSLI_SERVER_H
#define KANSLI_SERVER_H

#include <stdint.h>

typedef struct server_config {
	const char *datadir;
	const char *address;  /* default 127.0.0.1 */
	uint16_t port;        /* default 8080 */
	unsigned threads;     /* default: number of cores */
	int quiet;            /* no access log */
	int secure_cookies;   /* behind a TLS proxy: __Host- cookies, Secure */
	const char *locale_dir; /* the message catalogues; NULL: found (web/i18n.h) */
	/* hostile load: see docs/OPERATIONS.md */
	unsigned max_connections;             /* in all */
	unsigned max_connections_per_address;
	unsigned idle_timeout;                /* seconds a connection may stay silent */
	unsigned request_deadline;            /* seconds for a whole request, body included */
	unsigned max_uploads;                 /* request bodies read at once, in all */
	unsigned max_uploads_per_address;
	unsigned extract_workers;             /* text extraction pool */
	unsigned extract_seconds;             /* CPU seconds per extraction */
	unsigned extract_max_parts;           /* MIME parts of a mail */
} server_config;

/* Serves until SIGINT or SIGTERM. Returns 0, or an exit status. */
int server_run(const server_config *cfg);

#endif
