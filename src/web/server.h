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
} server_config;

/* Serves until SIGINT or SIGTERM. Returns 0, or an exit status. */
int server_run(const server_config *cfg);

#endif
