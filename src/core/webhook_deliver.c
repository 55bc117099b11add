/*
 * webhook_deliver.c — posting due webhook deliveries (webhook_deliver_due,
 * webhook.h) with libcurl.
 *
 * One round: a transaction leases the due deliveries (their next attempt
 * moves past the time a post may take), then each is built (once: the body
 * is kept for the retries), signed and posted outside any transaction,
 * and a second transaction records every attempt and its outcome. A crash
 * between the post and that record leaves the delivery due again when its
 * lease ends, or at once when the next round on the same host finds the
 * leasing process gone: it is sent once more with the same webhook-id,
 * which is the at-least-once the receiver de-duplicates.
 */
#include "core/webhook.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <curl/curl.h>
#include <sodium.h>

#include "core/webhook_payload.h"
#include "core/webhook_secret.h"
#include "util/hash.h"
#include "util/timeutil.h"

#define WINDOW_US (24LL * 3600 * 1000000) /* retries end a day after queueing */

typedef struct item {
	int64_t id, org_id, event_id, created_us, attempts, subscription_id;
	char type[32], username[128], secret[WHSIGN_SECRET_LEN], msg_id[64];
	char *url, *body;
	char *sealed;     /* the body as stored: its seal, then the body */
	int body_new;     /* built this round: stored with the attempt */
	long http_status; /* 0: no answer */
	int64_t at_us, duration_ms;
	char error[600];
	int withheld;     /* nothing the user may read: failed without a post */
	struct curl_slist *headers; /* while it is posted */
} item;

static long env_long(const char *name, long dflt, long min, long max)
{
	const char *v = getenv(name);
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : dflt;
	return v && *v && (*end || n < min || n > max) ? dflt : n;
}

/* A body is kept for the retries in a table outside the log (webhook.h),
 * so that one written there behind kansli's back is not signed and sent:
 * it is stored sealed, "v1.<MAC>.<body>", the MAC (libsodium's
 * crypto_auth) over the delivery's id, subscription, event and the body,
 * keyed from the installation's signing key (kansli_derive_secret), which
 * is not in the database. */
static void seal_mac(const kansli *k, const item *it, const char *body, unsigned char mac[crypto_auth_BYTES])
{
	unsigned char key[32];
	kansli_derive_secret(k, "kansli webhook body v1", key);
	crypto_auth_hmacsha512256_state st;
	crypto_auth_hmacsha512256_init(&st, key, sizeof key);
	char ids[96];
	int n = snprintf(ids, sizeof ids, "%" PRId64 ".%" PRId64 ".%" PRId64 ".", it->id, it->subscription_id,
	                 it->event_id);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)ids, (unsigned long long)n);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)body, strlen(body));
	crypto_auth_hmacsha512256_final(&st, mac);
	sodium_memzero(key, sizeof key);
}

static char *seal(const kansli *k, const item *it, const char *body)
{
	unsigned char mac[crypto_auth_BYTES];
	seal_mac(k, it, body, mac);
	size_t n = strlen(body);
	char *out = malloc(3 + 2 * sizeof mac + 1 + n + 1);
	if (!out)
		abort();
	memcpy(out, "v1.", 3);
	sodium_bin2hex(out + 3, 2 * sizeof mac + 1, mac, sizeof mac);
	out[3 + 2 * sizeof mac] = '.';
	memcpy(out + 3 + 2 * sizeof mac + 1, body, n + 1);
	return out;
}

/* The body of a stored one, or NULL (it->error says why) when its seal
 * does not hold. */
static char *unseal(const kansli *k, item *it, const char *stored)
{
	unsigned char mac[crypto_auth_BYTES], want[crypto_auth_BYTES];
	const size_t hex = 2 * sizeof mac;
	if (strncmp(stored, "v1.", 3) || strlen(stored) < 3 + hex + 1 || stored[3 + hex] != '.' ||
	    sodium_hex2bin(mac, sizeof mac, stored + 3, hex, NULL, NULL, NULL)) {
		snprintf(it->error, sizeof it->error, "not sent: the stored payload is not sealed (changed outside kansli)");
		return NULL;
	}
	const char *body = stored + 3 + hex + 1;
	seal_mac(k, it, body, want);
	if (sodium_memcmp(mac, want, sizeof mac)) {
		snprintf(it->error, sizeof it->error, "not sent: the stored payload does not match its seal "
		         "(changed outside kansli)");
		return NULL;
	}
	return strdup(body);
}

/* Whether secret is the one whose SHA-256 the log recorded with the
 * subscription (webhook_subscription.secret_sha256, covered): a secret
 * swapped in the table outside the log would sign for someone else. */
static int secret_as_logged(const char *secret, const char *logged_hex)
{
	unsigned char h[HASH_LEN];
	char hex[2 * HASH_LEN + 1];
	hash_sha256(secret, strlen(secret), h);
	hash_hex(h, sizeof h, hex);
	return logged_hex && !strcmp(hex, logged_hex);
}

static const char SQL_DUE[] =
	"SELECT d.id, w.org_id, d.event_id, d.created_us, d.attempts, d.type, u.username, sec.sealed, w.url, d.body, "
	"  w.secret_sha256, d.subscription_id, typeof(sec.sealed) "
	"FROM webhook_delivery d JOIN webhook_subscription w ON w.id = d.subscription_id "
	"JOIN app_user u ON u.id = w.user_id JOIN webhook_secret sec ON sec.subscription_id = w.id "
	"WHERE d.status = 'pending' AND d.next_us <= ?1 AND w.active = 1 ORDER BY d.next_us, d.id LIMIT ?2";
static const char SQL_LEASE[] = "UPDATE webhook_delivery SET next_us = ?2, lease_owner = ?3 WHERE id = ?1";
static const char SQL_LEASE_OWNERS[] =
	"SELECT DISTINCT lease_owner FROM webhook_delivery "
	"WHERE status = 'pending' AND lease_owner IS NOT NULL AND next_us > ?1";
static const char SQL_RELEASE[] =
	"UPDATE webhook_delivery SET next_us = ?2, lease_owner = NULL "
	"WHERE status = 'pending' AND lease_owner = ?1";

/* Who leases: "host:pid", so that a process on this host can tell a lease
 * of one that died (kill -9, a crash) and need not wait for it to end. */
static void lease_owner(char *out, size_t len)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	snprintf(out, len, "%s:%ld", host, (long)getpid());
}

/* A lease of a process of this host that no longer runs (or whose pid
 * is now this process's, reused after it died) ends now: what it was
 * sending is due again at once. Leases of other hosts run out by time. */
static int release_dead(kansli *k, const char *me, int64_t now, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_LEASE_OWNERS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, now);
	char dead[8][300];
	int ndead = 0, rc;
	size_t hostlen = strcspn(me, ":");
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *owner = db_col_text(s, 0);
		if (strncmp(owner, me, hostlen + 1) || ndead == 8)
			continue;
		long pid = atol(owner + hostlen + 1);
		if (pid > 0 && (pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)))
			snprintf(dead[ndead++], sizeof dead[0], "%s", owner);
	}
	db_done(s);
	if (rc < 0)
		return rc;
	for (int i = 0; i < ndead; i++) {
		if (!(s = db_prep(k->db, SQL_RELEASE, e)))
			return KERR_INTERNAL;
		db_bind_text(s, 1, dead[i]);
		db_bind_int(s, 2, now);
		if ((rc = db_run(s, e)))
			return rc;
	}
	return 0;
}

/* Deliveries done (delivered, or failed for good) are kept in the log
 * for KANSLI_WEBHOOK_KEEP_DAYS (default 30) after their last attempt, then
 * removed with their attempts: the queue is operational, outside the
 * signed log, and would otherwise grow with every event. */
static const char SQL_PRUNE_ATTEMPTS[] =
	"DELETE FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery "
	"WHERE status IN ('delivered', 'failed') AND next_us < ?1)";
static const char SQL_PRUNE[] =
	"DELETE FROM webhook_delivery WHERE status IN ('delivered', 'failed') AND next_us < ?1";

static int prune(kansli *k, int64_t now, kerr *e)
{
	int64_t cutoff = now - env_long("KANSLI_WEBHOOK_KEEP_DAYS", 30, 1, 3650) * 86400LL * 1000000;
	const char *const sql[] = { SQL_PRUNE_ATTEMPTS, SQL_PRUNE };
	for (int i = 0; i < 2; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, cutoff);
		int rc = db_run(s, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* Leases up to max due deliveries into items (*n of them). 0 or KERR_*. */
static int lease(kansli *k, int max, int64_t lease_us, item *items, int *n, kerr *e)
{
	*n = 0;
	int64_t now = time_now_us();
	char me[300];
	lease_owner(me, sizeof me);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = release_dead(k, me, now, e)) || (rc = prune(k, now, e)) || (rc = webhook_fan_out(k, 0, e)))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_DUE, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, now);
	db_bind_int(s, 2, max);
	while ((rc = db_step(s, e)) == DB_ROW) {
		item *it = &items[(*n)++];
		memset(it, 0, sizeof *it);
		it->id = db_col_int(s, 0);
		it->org_id = db_col_int(s, 1);
		it->event_id = db_col_int(s, 2);
		it->created_us = db_col_int(s, 3);
		it->attempts = db_col_int(s, 4);
		snprintf(it->type, sizeof it->type, "%s", db_col_text(s, 5));
		snprintf(it->username, sizeof it->username, "%s", db_col_text(s, 6));
		it->url = strdup(db_col_text(s, 8));
		it->subscription_id = db_col_int(s, 11);
		if (!db_col_null(s, 9) && !(it->body = unseal(k, it, db_col_text(s, 9))))
			it->withheld = 1; /* changed outside kansli: failed, never sent */
		if (!it->withheld && strcmp(db_col_text(s, 12), "blob")) {
			it->withheld = 1;
			snprintf(it->error, sizeof it->error, "not sent: the signing secret is not sealed (written "
			         "outside kansli, or left by the upgrade for a kansli command with the signing key to seal)");
		} else if (!it->withheld && webhook_secret_open(k, it->subscription_id, db_col_blob(s, 7),
		                                                (size_t)db_col_bytes(s, 7), it->secret)) {
			it->withheld = 1;
			snprintf(it->error, sizeof it->error, "not sent: the signing secret does not open (changed or "
			         "moved from another subscription outside kansli, or sealed under another signing key)");
		} else if (!it->withheld && !secret_as_logged(it->secret, db_col_text(s, 10))) {
			it->withheld = 1;
			snprintf(it->error, sizeof it->error, "not sent: the signing secret is not the one the log "
			         "recorded for this subscription (changed outside kansli)");
		}
		/* the same id on every attempt, and unique beyond this installation */
		snprintf(it->msg_id, sizeof it->msg_id, "msg_%02x%02x%02x%02x%02x%02x_%" PRId64, k->pk[0], k->pk[1],
		         k->pk[2], k->pk[3], k->pk[4], k->pk[5], it->id);
	}
	db_done(s);
	if (rc < 0)
		return kansli_end(k, rc, e);
	for (int i = 0; i < *n && !rc; i++) {
		if (!(s = db_prep(k->db, SQL_LEASE, e))) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_int(s, 1, items[i].id);
		db_bind_int(s, 2, now + lease_us);
		db_bind_text(s, 3, me);
		rc = db_run(s, e);
	}
	return kansli_end(k, rc, e);
}

/* The body, read as the subscription's user (once; retries send it as
 * it was first built). Sets withheld when that user may read nothing of it. */
static int build(kansli *k, item *it, kerr *e)
{
	if (it->body || it->withheld)
		return 0;
	int64_t uid = k->user_id;
	char actor[sizeof k->actor];
	memcpy(actor, k->actor, sizeof actor);
	kerr why = KERR_INIT;
	int rc = kansli_act_as(k, it->username, &why);
	if (!rc)
		rc = webhook_payload(k, it->org_id, it->event_id, it->type, &it->body, &why);
	k->user_id = uid;
	memcpy(k->actor, actor, sizeof actor);
	if (rc == KERR_DENIED || rc == KERR_NOTFOUND) {
		it->withheld = 1;
		snprintf(it->error, sizeof it->error, "not sent: %s", why.msg);
		return 0;
	}
	if (rc) {
		*e = why;
		return rc;
	}
	it->body_new = 1;
	return 0;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p; (void)arg;
	return size * n;
}

/* Whether a post may connect to a: never to link-local addresses (a
 * cloud's metadata service at 169.254.169.254, fe80::/10) or "this
 * network" (0.0.0.0/8), and to loopback only over plain http (which
 * check_url allows only to a loopback address written in the URL): an
 * https name resolving to 127.0.0.1 would reach the machine's own
 * services. Decided on the address libcurl is about to connect to, after
 * the name lookup, so that a name cannot point elsewhere than checked. */
static int address_allowed(const struct sockaddr *a, int loopback_ok)
{
	uint32_t v4;
	if (a->sa_family == AF_INET) {
		v4 = ntohl(((const struct sockaddr_in *)a)->sin_addr.s_addr);
	} else if (a->sa_family == AF_INET6) {
		const unsigned char *b = ((const struct sockaddr_in6 *)a)->sin6_addr.s6_addr;
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		static const unsigned char loop[16] = { [15] = 1 }, any[16] = { 0 };
		if (!memcmp(b, loop, 16))
			return loopback_ok;
		if (!memcmp(b, any, 16) || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
			return 0;
		if (memcmp(b, mapped, 12))
			return 1;
		v4 = (uint32_t)b[12] << 24 | (uint32_t)b[13] << 16 | (uint32_t)b[14] << 8 | b[15];
	} else {
		return 0;
	}
	if (v4 >> 24 == 127)
		return loopback_ok;
	return v4 >> 24 != 0 && v4 >> 16 != (169u << 8 | 254u);
}

static curl_socket_t open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	item *it = arg;
	if (purpose != CURLSOCKTYPE_IPCXN || !address_allowed(&a->addr, !strncmp(it->url, "http://", 7))) {
		snprintf(it->error, sizeof it->error, "not sent: the receiver's address is link-local, "
		         "\"this network\" or this machine's loopback (allowed only as http:// to a loopback address)");
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* Sets c up to post it (signed now); 0, or -1 when it cannot be signed
 * (the error then says why and nothing is posted). */
static int post_start(CURL *c, item *it, long timeout_ms)
{
	it->at_us = time_now_us();
	int64_t ts = it->at_us / 1000000;
	char sig[WHSIGN_SIGNATURE_LEN], h_id[96], h_ts[48], h_sig[80];
	if (whsign_sign(it->secret, it->msg_id, ts, it->body, strlen(it->body), sig)) {
		snprintf(it->error, sizeof it->error, "the subscription's secret is not a whsec_ secret");
		return -1;
	}
	snprintf(h_id, sizeof h_id, "webhook-id: %s", it->msg_id);
	snprintf(h_ts, sizeof h_ts, "webhook-timestamp: %" PRId64, ts);
	snprintf(h_sig, sizeof h_sig, "webhook-signature: %s", sig);
	struct curl_slist *hs = curl_slist_append(NULL, "Content-Type: application/json");
	hs = curl_slist_append(hs, h_id);
	hs = curl_slist_append(hs, h_ts);
	hs = curl_slist_append(hs, h_sig);
	it->headers = curl_slist_append(hs, "Expect:");
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, it->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, it->headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, it->body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(it->body));
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms < 5000 ? timeout_ms : 5000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, it);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "kansli-webhooks/1");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_PRIVATE, (char *)it);
	return 0;
}

/* What the post of it on c came to. */
static void post_end(CURL *c, item *it, CURLcode cc)
{
	it->duration_ms = (time_now_us() - it->at_us) / 1000;
	if (cc != CURLE_OK) {
		if (!it->error[0]) /* open_socket may have said why */
			snprintf(it->error, sizeof it->error, "%s", curl_easy_strerror(cc));
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &it->http_status);
		if (it->http_status < 200 || it->http_status > 299)
			snprintf(it->error, sizeof it->error, "the receiver answered HTTP %ld", it->http_status);
	}
	curl_slist_free_all(it->headers);
	it->headers = NULL;
}

#define PARALLEL_MAX 16

/* Builds and posts items[0..n), up to `parallel` posts at a time
 * (KANSLI_WEBHOOK_PARALLEL, default 4), in their order: the next item is
 * built while the posts before it are on their way, and connections are
 * kept alive between posts to one receiver. Each post's time runs from
 * its own start. *built says how many were built (and posted unless
 * withheld); a build that fails stops the round there with its error.
 * 0, or KERR_*: when libcurl cannot start, nothing was built or posted. */
static int post_all(kansli *k, item *items, int n, long timeout_ms, int *built, kerr *e)
{
	*built = 0;
	int parallel = (int)env_long("KANSLI_WEBHOOK_PARALLEL", 4, 1, PARALLEL_MAX);
	CURL *spare[PARALLEL_MAX];
	int nspare = 0;
	CURLM *m = curl_multi_init();
	for (; m && nspare < parallel; nspare++)
		if (!(spare[nspare] = curl_easy_init()))
			break;
	if (!m || nspare < parallel) {
		while (nspare > 0)
			curl_easy_cleanup(spare[--nspare]);
		if (m)
			curl_multi_cleanup(m);
		return kerr_set(e, KERR_INTERNAL, "cannot start libcurl");
	}
	int active = 0, running, rc = 0;
	while ((*built < n && !rc) || active > 0) {
		while (!rc && active < parallel && *built < n) {
			item *it = &items[*built];
			if ((rc = build(k, it, e)))
				break;
			(*built)++;
			if (it->withheld || post_start(spare[nspare - 1], it, timeout_ms))
				continue;
			curl_multi_add_handle(m, spare[--nspare]);
			active++;
		}
		curl_multi_perform(m, &running);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(m, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			CURL *c = msg->easy_handle;
			CURLcode cc = msg->data.result; /* read before the handle leaves: msg goes with it */
			item *it = NULL;
			curl_easy_getinfo(c, CURLINFO_PRIVATE, (char **)&it);
			curl_multi_remove_handle(m, c);
			post_end(c, it, cc);
			spare[nspare++] = c;
			active--;
		}
		if (active > 0)
			curl_multi_poll(m, NULL, 0, 100, NULL);
	}
	while (nspare > 0)
		curl_easy_cleanup(spare[--nspare]);
	curl_multi_cleanup(m);
	return rc;
}

static const char SQL_ATTEMPT[] =
	"INSERT INTO webhook_attempt(delivery_id, at_us, http_status, duration_ms, error) VALUES(?1, ?2, ?3, ?4, ?5)";
/* A delivery whose lease was taken from it while it was posted (a
 * disposal withdrew it: disposal_copies.c) does not get its body stored:
 * what was posted stands, the copy is not kept. */
static const char SQL_OUTCOME[] =
	"UPDATE webhook_delivery SET status = ?2, next_us = ?3, attempts = attempts + 1, "
	"body = CASE WHEN lease_owner IS NULL THEN body ELSE coalesce(body, ?4) END, lease_owner = NULL "
	"WHERE id = ?1";

/* When the next attempt after a failed one (which ended at `now`) is due,
 * or 0 when retries end: base, 2 base, 4 base, ... after each failure,
 * until a day after queueing. */
static int64_t next_attempt(const item *it, int64_t now)
{
	int64_t base = env_long("KANSLI_WEBHOOK_RETRY_SECONDS", 30, 0, 86400) * 1000000;
	int64_t delay = base;
	for (int64_t i = 0; i < it->attempts && delay < WINDOW_US; i++)
		delay *= 2;
	int64_t end = it->created_us + WINDOW_US;
	if (now >= end)
		return 0;
	return now + delay < end ? now + delay : end;
}

/* Records every attempt and its outcome in one transaction. */
static int record(kansli *k, item *items, int n, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t now = time_now_us();
	for (int i = 0; i < n && !rc; i++) {
		item *it = &items[i];
		if (!it->at_us)
			it->at_us = now;
		db_stmt *s = db_prep(k->db, SQL_ATTEMPT, e);
		if (!s) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, it->id);
		db_bind_int(s, 2, it->at_us);
		db_bind_int(s, 3, it->http_status);
		db_bind_int(s, 4, it->duration_ms);
		db_bind_text(s, 5, it->error);
		if ((rc = db_run(s, e)))
			break;
		int ok = !it->withheld && !it->error[0];
		int64_t next = ok || it->withheld ? now : next_attempt(it, it->at_us + it->duration_ms * 1000);
		if (!(s = db_prep(k->db, SQL_OUTCOME, e))) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, it->id);
		db_bind_text(s, 2, ok ? "delivered" : next && !it->withheld ? "pending" : "failed");
		db_bind_int(s, 3, next ? next : now);
		if (it->body_new && !it->sealed)
			it->sealed = seal(k, it, it->body);
		db_bind_text(s, 4, it->body_new ? it->sealed : NULL);
		rc = db_run(s, e);
	}
	return kansli_end(k, rc, e);
}

#define ROUND_MAX 64

int webhook_deliver_due(kansli *k, int max, int *attempted, kerr *e)
{
	*attempted = 0;
	long timeout_ms = env_long("KANSLI_WEBHOOK_TIMEOUT_MS", 10000, 100, 600000);
	if (max < 1 || max > ROUND_MAX)
		max = ROUND_MAX;
	item *items = calloc((size_t)max, sizeof *items);
	if (!items)
		return kerr_set(e, KERR_INTERNAL, "out of memory");
	int n = 0, rc;
	/* A lease or an attempt's record lost in a power failure sends a
	 * webhook once more, which at-least-once allows: neither waits for the
	 * disk (the payload's reads of secrets, logged in between, do). */
	if ((rc = db_durable(k->db, 0, e)))
		goto done;
	/* the lease outlasts the longest post of the round, with time to spare */
	rc = lease(k, max, (int64_t)(timeout_ms * max + 60000) * 1000, items, &n, e);
	kerr later = KERR_INIT; /* what goes wrong after the first error */
	int drc = db_durable(k->db, 1, rc ? &later : e);
	if (!rc)
		rc = drc;
	if (rc || n == 0)
		goto done;
	/* what was built and posted is recorded even when a later build failed */
	int built = 0;
	rc = post_all(k, items, n, timeout_ms, &built, e);
	int posted = 0;
	while (posted < built && (items[posted].at_us || items[posted].withheld))
		posted++;
	int rrc = 0;
	if (posted && !(rrc = db_durable(k->db, 0, rc ? &later : e))) {
		rrc = record(k, items, posted, rc ? &later : e);
		int durable = db_durable(k->db, 1, rc || rrc ? &later : e);
		if (!rrc)
			rrc = durable;
	}
	if (!rc)
		rc = rrc;
	*attempted = posted;
done:
	for (int i = 0; i < n; i++) {
		free(items[i].url);
		free(items[i].body);
		free(items[i].sealed);
	}
	sodium_memzero(items, (size_t)max * sizeof *items); /* the opened secrets */
	free(items);
	return rc;
}
