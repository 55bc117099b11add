/*
 * server.c — the HTTP server: libmicrohttpd with its internal thread pool.
 *
 * Each worker thread opens its own connection to the installation (SQLite
 * connections are not shared between threads); WAL lets them read while
 * another thread or process writes. A request's body is read within limits
 * (web/request.c) before routes_dispatch sees it; when the request is done
 * its temporary files go and one access-log line is written.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/kansli.h"
#include "core/audit.h"
#include "core/search.h"
#include "util/timeutil.h"
#include "web/metrics.h"
#include "web/request.h"
#include "web/routes.h"

static const server_config *config;
static pthread_key_t thread_kansli;
static char upload_dir[4200];

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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
	(void)cls; (void)version;
	request *r = *state;
	if (!r) {
		r = malloc(sizeof *r);
		if (!r)
			return MHD_NO;
		req_begin(r, c, method, url, upload_dir);
		*state = r;
		return MHD_YES;
	}
	if (*upload_size) {
		req_feed(r, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	req_finish_body(r);
	return routes_dispatch(r);
}

/* One structured line per request: time, address, method, path, status,
 * duration. Query strings are left out: they can hold search terms. */
static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
	(void)cls; (void)c; (void)why;
	request *r = *state;
	if (!r)
		return;
	int64_t us = time_now_us() - r->start_us;
	metrics_request(r->status, us);
	if (!config->quiet) {
		char when[40];
		time_format_utc(time_now_us(), when, sizeof when);
		fprintf(stderr, "{\"time\":\"%s\",\"addr\":\"%s\",\"method\":\"%s\",\"path\":\"%.200s\","
		        "\"status\":%u,\"us\":%lld,\"user\":\"%s\"}\n", when, r->address, r->method,
		        r->url, r->status, (long long)us, r->logged_in ? r->s.username : "");
	}
	req_free(r);
	free(r);
	*state = NULL;
}

/* Makes newly registered records searchable soon after they are
 * registered, without the registration waiting for it. */
static volatile int stopping;

static void *indexer(void *arg)
{
	(void)arg;
	kansli *k;
	kerr e = KERR_INIT;
	if (kansli_open(&k, config->datadir, &e)) {
		fprintf(stderr, "kansli: search indexer: %s\n", e.msg);
		return NULL;
	}
	/* Heads are published (kept for good) when the log has grown, every
	 * KANSLI_PUBLISH_SECONDS (default 10 minutes), so anyone can later ask
	 * for a consistency proof from a head they saw. */
	const char *every = getenv("KANSLI_PUBLISH_SECONDS");
	int publish_every = every && atoi(every) > 0 ? atoi(every) : 600;
	time_t last_publish = 0;
	while (!stopping) {
		time_t t = time(NULL);
		if (t - last_publish >= publish_every) {
			char *cp = NULL;
			if (audit_publish_head(k, &cp, &e) != 0 && e.code != KERR_NOTFOUND)
				fprintf(stderr, "kansli: publishing the tree head: %s\n", e.msg);
			free(cp);
			last_publish = t;
		}
		int done = 0;
		if (search_index_pending(k, 256, &done, &e) != 0) {
			fprintf(stderr, "kansli: search indexer: %s\n", e.msg);
			done = 0;
		}
		if (done == 0)
			usleep(500 * 1000);
	}
	kansli_close(k);
	return NULL;
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
	snprintf(upload_dir, sizeof upload_dir, "%s/blobs/tmp", cfg->datadir);

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
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "kansli: cannot listen on %s:%u (in use?)\n", cfg->address, cfg->port);
		return 6;
	}
	fprintf(stderr, "kansli: serving %s on http://%s:%u/\n", cfg->datadir, cfg->address, cfg->port);
	pthread_t indexer_thread;
	int indexing = pthread_create(&indexer_thread, NULL, indexer, NULL) == 0;
	int sig;
	sigwait(&set, &sig);
	fprintf(stderr, "kansli: stopping\n");
	MHD_stop_daemon(d);
	stopping = 1;
	if (indexing)
		pthread_join(indexer_thread, NULL);
	return 0;
}
