/*
 * cmd_log.c — `kansli log ...`: the signed tree head, inclusion and
 * consistency proofs, and the events themselves.
 */
#include "cli/cli.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/logpublish.h"
#include "util/checkpoint.h"
#include "util/timeutil.h"

static const char usage[] =
	"usage: kansli log head [--publish] [--key]\n"
	"       kansli log prove --index N [--size S]\n"
	"       kansli log prove --old M [--size N]\n"
	"       kansli log events [--from N] [--limit N] [--json]\n"
	"       kansli log publish DIR|URL\n"
	"       kansli log schedule [--minutes N] [--run]\n\n"
	"head     prints the live signed tree head as a C2SP checkpoint (origin,\n"
	"         size, root hash, signature). --publish keeps it as a published\n"
	"         head now, off the schedule (the public sees it: see schedule);\n"
	"         --key prints the verifier key instead.\n"
	"prove    --index N: inclusion proof of event N (1-based) in the tree of\n"
	"         size S (default: now). --old M: consistency proof that the tree\n"
	"         of size M is a prefix of the tree of size N (default: now).\n"
	"         Hashes are base64, as in checkpoints; the proof is checked\n"
	"         before it is printed.\n"
	"events   lists events: id, time, actor, action, object, data.\n"
	"publish  gives the current checkpoint to a witness outside the data\n"
	"         directory: DIR gets a file per size and `latest`; a URL gets\n"
	"         it by HTTP PUT. Run it from cron; it refuses when the witness\n"
	"         already holds a larger checkpoint. `kansli verify --checkpoint\n"
	"         DIR/latest` then catches a restored older copy or a rewritten\n"
	"         log. The witness gets the live head: if others can read it, run\n"
	"         it at fixed times, never after each batch.\n"
	"schedule the public (/offentlig/logg) sees only published heads, never\n"
	"         the live one, whose growth would tell when staff read secret\n"
	"         records. `kansli serve` publishes a head at each multiple of the\n"
	"         interval (minutes from midnight UTC; default 60) covering the\n"
	"         events before that moment, when there are new ones. Prints the\n"
	"         interval, the newest published head and the next moment;\n"
	"         --minutes N sets the interval (5 to 1440, dividing a day);\n"
	"         --run publishes the latest moment's head now, as serve does\n"
	"         (for an installation without a running server: cron).\n";

static void print_b64(const unsigned char *h)
{
	char out[64];
	sodium_bin2base64(out, sizeof out, h, 32, sodium_base64_VARIANT_ORIGINAL);
	puts(out);
}

static int log_head(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	char *cp = NULL;
	uint64_t size;
	if (cli_has(a, "key")) {
		char *key = checkpoint_verifier_key(k->keyname, k->pk);
		if (!key)
			return 7;
		puts(key);
		free(key);
		return 0;
	}
	int rc = cli_has(a, "publish") ? audit_publish_head(k, &cp, &e)
	                               : audit_current_head(k, &cp, &size, &e);
	if (rc)
		return cli_fail(&e);
	fputs(cp, stdout);
	free(cp);
	return 0;
}

static int log_prove(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	long index = 0, old = 0, size = 0;
	if (cli_int(a, "index", 1, 1L << 50, &index) || cli_int(a, "old", 1, 1L << 50, &old) ||
	    cli_int(a, "size", 1, 1L << 50, &size))
		return 2;
	if (!index == !old) {
		fputs("kansli: give either --index N or --old M\n", stderr);
		return 2;
	}
	unsigned char (*leaves)[32];
	uint64_t n;
	if (audit_load_leaves(k, &leaves, &n, &e))
		return cli_fail(&e);
	uint64_t sz = size ? (uint64_t)size : n;
	int rc = 0;
	unsigned char path[MERKLE_MAX_DEPTH * 2][32], root[32], oldroot[32];
	if (sz > n || (index && (uint64_t)index > sz) || (old && (uint64_t)old > sz)) {
		fprintf(stderr, "kansli: the log has %llu events; no such index or size\n",
		        (unsigned long long)n);
		free(leaves);
		return 2;
	}
	merkle_root((const unsigned char (*)[32])leaves, sz, root);
	if (index) {
		int cnt = merkle_inclusion_proof((const unsigned char (*)[32])leaves, sz,
		                                 (uint64_t)index - 1, path);
		if (cnt < 0 || merkle_verify_inclusion(leaves[index - 1], (uint64_t)index - 1, sz,
		                                       (const unsigned char (*)[32])path, cnt, root)) {
			fputs("kansli: internal error: the inclusion proof does not verify\n", stderr);
			rc = 7;
		} else {
			printf("inclusion of event %ld in tree size %llu\nleaf: ", index, (unsigned long long)sz);
			print_b64(leaves[index - 1]);
			fputs("root: ", stdout);
			print_b64(root);
			for (int i = 0; i < cnt; i++) {
				fputs("path: ", stdout);
				print_b64(path[i]);
			}
		}
	} else {
		merkle_root((const unsigned char (*)[32])leaves, (uint64_t)old, oldroot);
		int cnt = merkle_consistency_proof((const unsigned char (*)[32])leaves, (uint64_t)old, sz, path);
		if (cnt < 0 || merkle_verify_consistency((uint64_t)old, sz, oldroot, root,
		                                         (const unsigned char (*)[32])path, cnt)) {
			fputs("kansli: internal error: the consistency proof does not verify\n", stderr);
			rc = 7;
		} else {
			printf("consistency of tree size %ld with tree size %llu\nold root: ", old,
			       (unsigned long long)sz);
			print_b64(oldroot);
			fputs("new root: ", stdout);
			print_b64(root);
			for (int i = 0; i < cnt; i++) {
				fputs("proof: ", stdout);
				print_b64(path[i]);
			}
		}
	}
	free(leaves);
	return rc;
}

static int log_events(const cli_args *a, kansli *k)
{
	long from = 1, limit = 100;
	kerr e = KERR_INIT;
	if (cli_int(a, "from", 1, 1L << 50, &from) || cli_int(a, "limit", 1, 1000000, &limit))
		return 2;
	json_t *arr = audit_events(k, from, (int)limit, &e);
	if (!arr)
		return cli_fail(&e);
	cli_print(a, arr);
	json_decref(arr);
	return 0;
}

/* Writes text to dir/name through a temporary file, fsynced and renamed,
 * so a witness never holds half a checkpoint. 0, or -1 with errno. */
static int write_atomic(const char *dir, const char *name, const char *text)
{
	char tmp[4200], path[4200];
	snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	size_t len = strlen(text);
	int ok = write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	close(fd);
	if (!ok || rename(tmp, path) != 0)
		return -1;
	int dfd = open(dir, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/* The size a checkpoint states (its second line), 0 when unreadable. */
static uint64_t checkpoint_size_of(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	uint64_t size = 0;
	if (f && fgets(line, sizeof line, f) && fgets(line, sizeof line, f))
		size = strtoull(line, NULL, 10);
	if (f)
		fclose(f);
	return size;
}

static int publish_dir(const char *dir, const char *cp, uint64_t size)
{
	char latest[4200], name[32];
	snprintf(latest, sizeof latest, "%s/latest", dir);
	uint64_t have = checkpoint_size_of(latest);
	if (have > size) {
		fprintf(stderr, "kansli: the witness %s already holds a checkpoint of size %llu, larger than this "
		        "log (%llu): this installation is an older copy or was cut back\n", dir,
		        (unsigned long long)have, (unsigned long long)size);
		return 1;
	}
	snprintf(name, sizeof name, "%llu", (unsigned long long)size);
	if (write_atomic(dir, name, cp) != 0 || write_atomic(dir, "latest", cp) != 0) {
		fprintf(stderr, "kansli: cannot write to the witness %s: %s\n", dir, strerror(errno));
		return 1;
	}
	printf("published the checkpoint of size %llu to %s\n", (unsigned long long)size, dir);
	return 0;
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
	(void)p;
	(void)u;
	return size * n;
}

/* HTTP PUT of the checkpoint text to url: the witness service keeps it. */
static int publish_url(const char *url, const char *cp, uint64_t size)
{
	CURL *c = curl_easy_init();
	if (!c) {
		fputs("kansli: cannot start an HTTP client\n", stderr);
		return 7;
	}
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: text/plain; charset=utf-8");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, cp);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK || status < 200 || status > 299) {
		fprintf(stderr, "kansli: the witness %s did not take the checkpoint (%s)\n", url,
		        rc != CURLE_OK ? curl_easy_strerror(rc) : "HTTP status not 2xx");
		return 1;
	}
	printf("published the checkpoint of size %llu to %s\n", (unsigned long long)size, url);
	return 0;
}

static int log_publish(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	if (a->npos != 1) {
		fputs("kansli: give the witness: a directory or an http(s):// URL\n", stderr);
		return 2;
	}
	const char *target = a->pos[0];
	char *cp = NULL;
	uint64_t size;
	if (audit_current_head(k, &cp, &size, &e))
		return cli_fail(&e);
	int rc = !strncmp(target, "http://", 7) || !strncmp(target, "https://", 8) ? publish_url(target, cp, size)
	                                                                          : publish_dir(target, cp, size);
	free(cp);
	return rc;
}

static void print_moment(const char *label, int64_t us)
{
	char when[40];
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	printf("%s%s\n", label, when);
}

static int log_schedule(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	long minutes = 0;
	if (cli_int(a, "minutes", LOGPUBLISH_MIN_MINUTES, LOGPUBLISH_MAX_MINUTES, &minutes))
		return 2;
	if (minutes && logpublish_set_interval(k, (int)minutes, &e))
		return cli_fail(&e);
	uint64_t size = 0;
	if (cli_has(a, "run") && logpublish_run(k, time_now_us(), &size, &e))
		return cli_fail(&e);
	int every;
	if (logpublish_interval(k, &every, &e))
		return cli_fail(&e);
	if (cli_has(a, "run") && size)
		printf("published the head of size %llu\n", (unsigned long long)size);
	else if (cli_has(a, "run"))
		puts("nothing new to publish");
	printf("interval: %d minutes\n", every);
	char *cp = NULL;
	uint64_t newest = 0;
	int64_t when = 0;
	int rc = logpublish_head(k, &cp, &newest, &when, &e);
	if (rc && rc != KERR_NOTFOUND)
		return cli_fail(&e);
	if (rc)
		puts("published: none yet");
	else {
		printf("published: size %llu, ", (unsigned long long)newest);
		print_moment("at ", when);
	}
	free(cp);
	print_moment("next: ", logpublish_moment(time_now_us(), every) + (int64_t)every * 60 * 1000000);
	return 0;
}

int cmd_log(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	cli_args a;
	int rc;
	if (strcmp(sub, "head") && strcmp(sub, "prove") && strcmp(sub, "events") && strcmp(sub, "publish") &&
	    strcmp(sub, "schedule"))
		return cli_usage(sub, usage);
	if ((rc = cli_parse(argc - 1, argv + 1, "publish,key,index=,old=,size=,from=,limit=,json,minutes=,run", 0,
	                    !strcmp(sub, "publish") ? 1 : 0, usage, &a)) >= 0)
		return rc;
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = !strcmp(sub, "head") ? log_head(&a, k) : !strcmp(sub, "prove") ? log_prove(&a, k)
	     : !strcmp(sub, "publish") ? log_publish(&a, k) : !strcmp(sub, "schedule") ? log_schedule(&a, k)
	     : log_events(&a, k);
	kansli_close(k);
	return rc;
}
