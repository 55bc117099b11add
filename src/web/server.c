/*
 * server.c — the HTTP server: libmicrohttpd with its internal thread pool.
 *
 * Each worker thread opens its own connection to the installation (SQLite
 * connections are not shared between threads); WAL lets them read while
 * another process writes. Every response carries the security headers.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/kansli.h"
#include "web/routes.h"

static const server_config *config;
static pthread_key_t thread_kansli;

static void close_thread_kansli(void *k)
{
	kansli_close(k);
}

kansli *server_kansli(kerr *e)
{
	kansli *k = pthread_getspecific(thread_kansli);
	if (k)
		return k;
	if (kansli_open(&k, config->datadir, e))
		return NULL;
	pthread_setspecific(thread_kansli, k);
	return k;
}

void server_security_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "Content-Security-Policy",
	                        "default-src 'none'; style-src 'self'; img-src 'self'; "
	                        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
	(void)cls; (void)version; (void)upload;
	if (*state == NULL) { /* first call: headers only */
		static int marker;
		*state = &marker;
		return MHD_YES;
	}
	if (*upload_size) { /* no uploads yet: discard */
		*upload_size = 0;
		return MHD_YES;
	}
	return routes_dispatch(c, method, url);
}

int server_run(const server_config *cfg)
{
	config = cfg;
	pthread_key_create(&thread_kansli, close_thread_kansli);
	kerr e = KERR_INIT;
	kansli *probe;
	if (kansli_open(&probe, cfg->datadir, &e)) {
		fprintf(stderr, "kansli: %s\n", e.msg);
		return 3;
	}
	kansli_close(probe);

	struct sockaddr_in addr;
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons(cfg->port);
	if (inet_pton(AF_INET, cfg->address, &addr.sin_addr) != 1) {
		fprintf(stderr, "kansli: '%s' is not an IPv4 address\n", cfg->address);
		return 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask */
	signal(SIGPIPE, SIG_IGN);

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG,
		cfg->port, NULL, NULL, on_request, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "kansli: cannot listen on %s:%u (in use?)\n", cfg->address, cfg->port);
		return 6;
	}
	fprintf(stderr, "kansli: serving %s on http://%s:%u/\n", cfg->datadir, cfg->address, cfg->port);
	int sig;
	sigwait(&set, &sig);
	fprintf(stderr, "kansli: stopping\n");
	MHD_stop_daemon(d);
	return 0;
}
