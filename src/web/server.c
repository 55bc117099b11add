/*
 * server.c — the HTTP server: libmicrohttpd with its internal thread pool.
 *
 * Each worker thread opens its own connection to the installation (SQLite
 * connections are not shared between threads); WAL lets them read while
 * another thread or process writes. A request's route and sender are
 * decided from its headers (routes_admit) before any of its body is read;
 * the body is then read within its route's limits (web/request.c) before
 * routes_dispatch sees it; when the request is done, however it ended, its
 * temporary files go and one access-log line is written.
 *
 * Connections are bounded per client address and in all, idle ones time
 * out, and every request has a deadline; held connections cost no thread
 * (epoll), so a client holding hundreds of them does not stop others.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/disposal_copies.h"
#include "core/kansli.h"
#include "core/indexer.h"
#include "core/logpublish.h"
#include "core/reminder.h"
#include "core/webhook.h"
#include "core/search.h"
#include "util/scratch.h"
#include "util/timeutil.h"
#include "web/metrics.h"
#include "web/request.h"
#include "web/i18n.h"
#include "web/routes.h"
#include "web/uploads.h"

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

/* A request whose raw path holds a control character: marked here, where
 * the path is seen before libmicrohttpd decodes it (and cuts it at a NUL),
 * and answered 400 at its first call. */
static char bad_path;

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls; (void)c;
	return req_raw_path_bad(uri) ? &bad_path : NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **state)
{
	(void)cls; (void)version;
	request *r = *state;
	if (!r || r == (void *)&bad_path) {
		int bad = r != NULL;
		r = malloc(sizeof *r);
		if (!r)
			return MHD_NO;
		req_begin(r, c, method, url, upload_dir);
		*state = r;
		db_fault_rearm(); /* tests: injected read errors count from here */
		enum MHD_Result ret = MHD_YES;
		if (bad || req_framing_ambiguous(r)) {
			r->answered = 1;
			return bad ? routes_refuse(r, N_("Adressen innehåller otillåtna tecken."),
			                           "the path holds a NUL or a control character")
			           : routes_refuse(r, N_("Begärans längd är tvetydig (Content-Length och Transfer-Encoding)."),
			                           "ambiguous framing: Content-Length twice, or with Transfer-Encoding");
		}
		if (!routes_admit(r, &ret))
			r->answered = 1;
		return ret;
	}
	if (r->answered)
		return MHD_YES;
	if (*upload_size) {
		size_t n = *upload_size;
		*upload_size = 0;
		/* Past its deadline the request ends here: MHD_NO closes the
		 * connection, and on_completed removes what it stored. */
		return req_feed(r, upload, n) == 0 ? MHD_YES : MHD_NO;
	}
	req_finish_body(r);
	return routes_dispatch(r);
}

/* A path or method for the access log: quotes, backslashes, control
 * characters and bytes past ASCII are percent-encoded, so no request can
 * end a field or a line of the log, or make it invalid JSON. */
static void log_text(char *out, size_t len, const char *in, size_t max_in)
{
	static const char digits[] = "0123456789ABCDEF";
	size_t o = 0;
	for (size_t i = 0; in[i] && i < max_in && o + 4 <= len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '%') {
			out[o++] = '%';
			out[o++] = digits[c >> 4];
			out[o++] = digits[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
}

/* One structured line per request: time, address, method, path, status,
 * duration. Query strings are left out: they can hold search terms. */
static void on_completed(void *cls, struct MHD_Connection *c, void **state,
                         enum MHD_RequestTerminationCode why)
{
	(void)cls; (void)c; (void)why;
	request *r = *state;
	if (!r || r == (void *)&bad_path) {
		*state = NULL;
		return;
	}
	int64_t us = time_now_us() - r->start_us;
	metrics_request(r->status, us);
	if (!config->quiet) {
		char when[40];
		time_format_utc(time_now_us(), when, sizeof when);
		char method[40], path[601];
		log_text(method, sizeof method, r->method, 12);
		log_text(path, sizeof path, r->url, 200);
		fprintf(stderr, "{\"time\":\"%s\",\"addr\":\"%s\",\"method\":\"%s\",\"path\":\"%s\","
		        "\"status\":%u,\"us\":%lld,\"user\":\"%s\"}\n", when, r->address, method,
		        path, r->status, (long long)us, r->logged_in ? r->s.username : "");
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
	db_fault_exempt_thread(); /* tests inject read errors into requests only */
	kansli *k;
	kerr e = KERR_INIT;
	if (kansli_open(&k, config->datadir, &e)) {
		fprintf(stderr, "kansli: search indexer: %s\n", e.msg);
		return NULL;
	}
	/* Heads are published on the installation's schedule, at each
	 * multiple of its interval (core/logpublish.h), never as the log
	 * grows: the public side serves published heads only. A moment is
	 * tried until its step succeeds; a step that finds nothing new
	 * publishes nothing. */
	int64_t last_moment = -1;
	time_t last_clean = time(NULL), retry_at = 0;
	while (!stopping) {
		time_t t = time(NULL);
		int64_t now = time_now_us();
		int minutes;
		/* A failed step is said once and tried again a minute later. */
		if (t >= retry_at) {
			int rc = logpublish_interval(k, &minutes, &e);
			int64_t moment = rc ? last_moment : logpublish_moment(now, minutes);
			if (!rc && moment != last_moment && !(rc = logpublish_run(k, now, NULL, &e)))
				last_moment = moment;
			if (rc) {
				fprintf(stderr, "kansli: publishing the tree head: %s\n", e.msg);
				retry_at = t + 60;
			}
		}
		/* Whatever a process killed with -9 left in the scratch
		 * directory (an extraction child's parts, an upload of a
		 * crashed server) goes within a minute. */
		if (t - last_clean >= 60) {
			scratch_clean(upload_dir, 0);
			last_clean = t;
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

/* Posts the webhooks events owe (core/webhook.h), on a thread and a
 * connection of its own so a slow receiver delays no request. A round
 * posts what is due; when nothing was, the thread waits a little
 * (KANSLI_WEBHOOK_POLL_MS, default 500) before it looks again. */
static void *webhook_worker(void *arg)
{
	(void)arg;
	db_fault_exempt_thread();
	kansli *k;
	kerr e = KERR_INIT;
	if (kansli_open(&k, config->datadir, &e)) {
		fprintf(stderr, "kansli: webhook delivery: %s\n", e.msg);
		return NULL;
	}
	const char *poll = getenv("KANSLI_WEBHOOK_POLL_MS");
	long poll_ms = poll && atol(poll) > 0 && atol(poll) <= 60000 ? atol(poll) : 500;
	while (!stopping) {
		int attempted = 0;
		if (webhook_deliver_due(k, 64, &attempted, &e) != 0) {
			fprintf(stderr, "kansli: webhook delivery: %s\n", e.msg);
			e = (kerr)KERR_INIT;
			attempted = 0;
		}
		if (attempted == 0)
			usleep((useconds_t)poll_ms * 1000);
	}
	kansli_close(k);
	return NULL;
}

/* Mails the reminders due (core/reminder.h) once a day: at start, and when
 * the day turns. reminder_send mails each reminder once per due day, so a
 * restart the same day sends nothing again. An installation with no mail
 * server set says so once a day on standard error. */
static void *reminder_worker(void *arg)
{
	(void)arg;
	db_fault_exempt_thread();
	kansli *k;
	kerr e = KERR_INIT;
	if (kansli_open(&k, config->datadir, &e)) {
		fprintf(stderr, "kansli: reminder mail: %s\n", e.msg);
		return NULL;
	}
	char last[11] = "", today[11];
	while (!stopping) {
		time_today(today);
		if (strcmp(today, last)) {
			int sent = 0;
			if (reminder_send(k, &sent, &e))
				fprintf(stderr, "kansli: reminder mail: %s\n", e.msg);
			else if (sent)
				fprintf(stderr, "kansli: reminder mail: %d sent\n", sent);
			e = (kerr)KERR_INIT;
			memcpy(last, today, sizeof last);
		}
		for (int i = 0; i < 60 && !stopping; i++)
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
	snprintf(upload_dir, sizeof upload_dir, "%s/tmp", probe->blobs.root);
	/* a disposal killed before its files were removed left them on disk */
	int swept = disposal_sweep(probe, &e);
	if (swept < 0)
		fprintf(stderr, "kansli: warning: the files earlier disposals left could not be looked for: %s\n", e.msg);
	else if (swept > 0 && !cfg->quiet)
		fprintf(stderr, "kansli: removed %d file(s) an interrupted disposal left in the blob store\n", swept);
	kansli_close(probe);
	int cleaned = scratch_clean(upload_dir, 1);
	if (cleaned > 0 && !cfg->quiet)
		fprintf(stderr, "kansli: removed %d leftover temporary file(s) from %s\n", cleaned, upload_dir);
	char why[300];
	if (i18n_init(cfg->locale_dir, why, sizeof why) != 0) {
		/* Swedish still works (the msgids); a named directory that does
		 * not hold the catalogues is a mistake to say at once. */
		fprintf(stderr, "kansli: %s; the web pages are shown in Swedish only\n", why);
		if (cfg->locale_dir)
			return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT); /* before any thread: not thread-safe */
	req_configure(cfg->request_deadline, cfg->idle_timeout);
	uploads_configure(cfg->max_uploads_per_address, cfg->max_uploads);

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
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->idle_timeout,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->max_connections_per_address,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "kansli: cannot listen on %s:%u (in use?)\n", cfg->address, cfg->port);
		return 6;
	}
	fprintf(stderr, "kansli: serving %s on http://%s:%u/\n", cfg->datadir, cfg->address, cfg->port);
	extract_limits lim;
	extract_default_limits(&lim);
	lim.cpu_seconds = cfg->extract_seconds;
	lim.wall_ms = cfg->extract_seconds * 2000; /* CPU time, and as much again waiting */
	lim.max_parts = cfg->extract_max_parts;
	if (indexer_start(cfg->datadir, (int)cfg->extract_workers, &lim) != 0)
		fprintf(stderr, "kansli: cannot start the extraction workers; extracting on the indexer thread\n");
	pthread_t indexer_thread, webhook_thread;
	int indexing = pthread_create(&indexer_thread, NULL, indexer, NULL) == 0;
	int webhooks = pthread_create(&webhook_thread, NULL, webhook_worker, NULL) == 0;
	pthread_t reminder_thread;
	int reminders = pthread_create(&reminder_thread, NULL, reminder_worker, NULL) == 0;
	int sig;
	sigwait(&set, &sig);
	fprintf(stderr, "kansli: stopping\n");
	MHD_stop_daemon(d);
	stopping = 1;
	if (indexing)
		pthread_join(indexer_thread, NULL);
	if (webhooks)
		pthread_join(webhook_thread, NULL);
	if (reminders)
		pthread_join(reminder_thread, NULL);
	indexer_stop();
	return 0;
}
