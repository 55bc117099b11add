/* webhook.c — webhook subscriptions, the delivery queue and its log; see
 * webhook.h. Sending is webhook_deliver.c's, payloads webhook_payload.c's. */
#include "core/webhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <curl/curl.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/webhook_secret.h"
#include "util/hash.h"
#include "util/timeutil.h"

const char *const webhook_event_types[] = {
	"case.opened", "record.registered", "case.decided", "case.closed", "minutes.adjusted",
	"notice.posted", "request.received", "request.decided", "delivery.made", NULL,
};

/* Which logged action is which event: the log's verbs stay as they are. */
static const struct {
	const char *action, *type;
} action_types[] = {
	{ "case.open", "case.opened" },          { "record.register", "record.registered" },
	{ "case.decide", "case.decided" },       { "case.close", "case.closed" },
	{ "minutes.adjust", "minutes.adjusted" }, { "notice.post", "notice.posted" },
	{ "request.submit", "request.received" }, { "request.decide", "request.decided" },
	{ "export.sip", "delivery.made" },
};

const char *webhook_event_type(const char *action)
{
	for (size_t i = 0; i < sizeof action_types / sizeof action_types[0]; i++)
		if (!strcmp(action_types[i].action, action))
			return action_types[i].type;
	return NULL;
}

#define URL_MAX 2000

/* 1 for a host name that is this machine's loopback. */
/* A host that is this machine's loopback as written, never through a
 * name lookup: "localhost", ::1, or a dotted IPv4 address in 127.0.0.0/8
 * ("127.0.0.1.evil.example" is a name in someone's DNS). */
static int loopback_host(const char *host)
{
	struct in_addr a;
	if (!strcmp(host, "localhost") || !strcmp(host, "[::1]") || !strcmp(host, "::1"))
		return 1;
	return inet_pton(AF_INET, host, &a) == 1 && ((const unsigned char *)&a.s_addr)[0] == 127;
}

/* https://, or http:// to a loopback host only (a receiver on this
 * machine: the tests, or a local relay); parsed by libcurl's URL parser. */
static int check_url(const char *url, kerr *e)
{
	if (!url || !*url)
		return kerr_field(e, KERR_INVALID, "url", KWHY_REQUIRED, "a webhook needs a URL");
	if (strlen(url) > URL_MAX)
		return kerr_field(e, KERR_INVALID, "url", KWHY_TOO_LONG, "a webhook URL has at most %d characters",
		                  URL_MAX);
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return kerr_field(e, KERR_INVALID, "url", KWHY_FORMAT, "a webhook URL has no spaces or control "
			                  "characters");
	CURLU *h = curl_url();
	if (!h)
		return kerr_set(e, KERR_INTERNAL, "out of memory");
	char *scheme = NULL, *host = NULL, *user = NULL;
	int rc = 0;
	if (curl_url_set(h, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(h, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
		rc = kerr_field(e, KERR_INVALID, "url", KWHY_FORMAT, "'%s' is not a URL (https://host/path)", url);
	else if (curl_url_get(h, CURLUPART_USER, &user, 0) == CURLUE_OK)
		rc = kerr_field(e, KERR_INVALID, "url", KWHY_FORMAT, "a webhook URL carries no user name or password");
	else if (strcmp(scheme, "https") && !(strcmp(scheme, "http") == 0 && loopback_host(host)))
		rc = kerr_field(e, KERR_INVALID, "url", KWHY_FORMAT,
		                "a webhook URL must be https:// (http:// only to this machine's loopback)");
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	curl_url_cleanup(h);
	return rc;
}

/* The event types of a comma or space list as ",a,b," in the order of
 * webhook_event_types, into out. */
static int parse_events(const char *list, char *out, size_t len, kerr *e)
{
	int want[16] = { 0 }, any = 0;
	const char *p = list ? list : "";
	while (*p) {
		size_t n = strcspn(p, ", ");
		if (n) {
			size_t i;
			for (i = 0; webhook_event_types[i]; i++)
				if (strlen(webhook_event_types[i]) == n && !strncmp(webhook_event_types[i], p, n))
					break;
			if (!webhook_event_types[i])
				return kerr_field(e, KERR_INVALID, "events", KWHY_CHOICE,
				                  "unknown event type '%.*s' (one of case.opened, record.registered, "
				                  "case.decided, case.closed, minutes.adjusted, notice.posted, "
				                  "request.received, request.decided, delivery.made)",
				                  (int)(n > 60 ? 60 : n), p);
			want[i] = any = 1;
		}
		p += n;
		if (*p)
			p++;
	}
	if (!any)
		return kerr_field(e, KERR_INVALID, "events", KWHY_REQUIRED, "a webhook needs at least one event type");
	snprintf(out, len, ",");
	for (size_t i = 0; webhook_event_types[i]; i++)
		if (want[i]) {
			strncat(out, webhook_event_types[i], len - strlen(out) - 1);
			strncat(out, ",", len - strlen(out) - 1);
		}
	return 0;
}

static json_t *events_array(const char *stored)
{
	json_t *a = json_array();
	for (size_t i = 0; webhook_event_types[i]; i++) {
		char needle[40];
		snprintf(needle, sizeof needle, ",%s,", webhook_event_types[i]);
		if (strstr(stored, needle))
			json_array_append_new(a, json_string(webhook_event_types[i]));
	}
	return a;
}

static const char SQL_ORG_USER[] =
	"SELECT u.id, u.disabled FROM app_user u WHERE u.username = ?1 "
	"AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.org_id = ?2)";
static const char SQL_ADD[] =
	"INSERT INTO webhook_subscription(org_id, url, events, user_id, secret_sha256, since_event, created_us) "
	"VALUES(?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(id), 0) FROM event), ?6) RETURNING id";
static const char SQL_SAME_URL[] =
	"SELECT id FROM webhook_subscription WHERE org_id = ?1 AND url = ?2 AND active = 1";
static const char SQL_ADD_SECRET[] = "INSERT INTO webhook_secret(subscription_id, sealed) VALUES(?1, ?2)";

int webhook_add(kansli *k, int64_t org_id, const webhook_new *w, int64_t *id,
                char secret[WHSIGN_SECRET_LEN], kerr *e)
{
	char events[256];
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = check_url(w->url, e)) ||
	    (rc = parse_events(w->events, events, sizeof events, e)))
		return rc;
	if (!w->username || !*w->username)
		return kerr_field(e, KERR_INVALID, "user", KWHY_REQUIRED,
		                  "a webhook needs the user whose rights its payloads are read with");
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "a webhook's signing secret is sealed with the signing key, which this "
		                "process cannot read (%s)", k->key_path);

	if ((rc = kansli_begin(k, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_ORG_USER, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_text(s, 1, w->username);
	db_bind_int(s, 2, org_id);
	if ((rc = db_step(s, e)) < 0)
		goto end;
	if (rc == DB_DONE || db_col_int(s, 1)) {
		db_done(s);
		rc = kerr_field(e, KERR_INVALID, "user", KWHY_UNKNOWN,
		                "'%s' is not an active user of this organisation", w->username);
		goto end;
	}
	int64_t uid = db_col_int(s, 0);
	db_done(s);
	/* Payloads are read with the subscription user's rights. An
	 * administrator may not read secrets (access.h), so one who names a
	 * user who may would have secrets read, and logged, in that user's
	 * name and sent to a URL of the administrator's choosing: a named
	 * user may name only a user without the right to read secrets (a
	 * reader, a service account); one with it is named by the
	 * installation's own shell user. */
	if ((rc = access_webhook_user(k, uid, org_id, w->username, e)))
		goto end;
	/* the same URL twice (a form sent twice) would post every event twice */
	if (!(s = db_prep(k->db, SQL_SAME_URL, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, w->url);
	if ((rc = db_step(s, e)) < 0)
		goto end;
	if (rc == DB_ROW) {
		long long same = (long long)db_col_int(s, 0);
		db_done(s);
		rc = kerr_field(e, KERR_CONFLICT, "url", KWHY_DUPLICATE, "webhook %lld already posts to this URL: "
		                "change its events by disabling it and adding a new one", same);
		goto end;
	}
	whsign_secret_new(secret);
	unsigned char h[HASH_LEN];
	char hex[2 * HASH_LEN + 1];
	hash_sha256(secret, strlen(secret), h);
	hash_hex(h, sizeof h, hex);
	if (!(s = db_prep(k->db, SQL_ADD, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, w->url);
	db_bind_text(s, 3, events);
	db_bind_int(s, 4, uid);
	db_bind_text(s, 5, hex);
	db_bind_int(s, 6, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) {
		rc = rc < 0 ? rc : KERR_INTERNAL;
		goto end;
	}
	*id = db_col_int(s, 0);
	db_done(s);
	size_t sealed_len;
	unsigned char *sealed = webhook_secret_seal(k, *id, secret, &sealed_len);
	if (!(s = db_prep(k->db, SQL_ADD_SECRET, e))) {
		free(sealed);
		rc = KERR_INTERNAL;
		goto end;
	}
	db_bind_int(s, 1, *id);
	db_bind_blob(s, 2, sealed, sealed_len);
	rc = db_run(s, e);
	free(sealed);
	if (rc)
		goto end;
	rc = audit_append(k, org_id, "webhook.add", "webhook", *id,
	                  json_pack("{s:s,s:o,s:s}", "url", w->url, "events", events_array(events), "user",
	                            w->username), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_SET_ACTIVE[] =
	"UPDATE webhook_subscription SET active = ?3, "
	"  since_event = CASE WHEN ?3 = 1 AND active = 0 THEN (SELECT coalesce(max(id), 0) FROM event) "
	"    ELSE since_event END, "
	"  until_event = CASE WHEN ?3 = 1 THEN NULL WHEN active = 1 THEN (SELECT coalesce(max(id), 0) FROM event) "
	"    ELSE until_event END "
	"WHERE id = ?1 AND org_id = ?2 RETURNING active";

static const char SQL_SUBSCRIBER[] =
	"SELECT u.id, u.username FROM webhook_subscription w JOIN app_user u ON u.id = w.user_id "
	"WHERE w.id = ?1 AND w.org_id = ?2";

/* Enabling a webhook again is adding it again: its user's rights may
 * have grown since (webhook_add's rule, access_webhook_user). */
static int may_enable(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SUBSCRIBER, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no webhook %lld in this organisation", (long long)id);
	if (rc)
		return rc;
	char username[128];
	snprintf(username, sizeof username, "%s", db_col_text(s, 1));
	int64_t uid = db_col_int(s, 0);
	db_done(s);
	return access_webhook_user(k, uid, org_id, username, e);
}

int webhook_set_active(kansli *k, int64_t org_id, int64_t id, int active, kerr *e)
{
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = kansli_begin(k, e)))
		return rc;
	if (active && (rc = may_enable(k, org_id, id, e)))
		goto end;
	/* what happened before the change is handed out as things stood */
	if ((rc = webhook_fan_out(k, 1, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_SET_ACTIVE, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	db_bind_int(s, 3, active ? 1 : 0);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no webhook %lld in this organisation", (long long)id)))
		goto end;
	db_done(s);
	rc = audit_append(k, org_id, active ? "webhook.enable" : "webhook.disable", "webhook", id,
	                  json_pack("{s:b}", "active", active ? 1 : 0), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_LIST[] =
	"SELECT w.id, w.url, w.events, u.username, w.active, w.created_us, "
	"  (SELECT count(*) FROM webhook_delivery d WHERE d.subscription_id = w.id AND d.status = 'pending'), "
	"  (SELECT count(*) FROM webhook_delivery d WHERE d.subscription_id = w.id AND d.status = 'delivered'), "
	"  (SELECT count(*) FROM webhook_delivery d WHERE d.subscription_id = w.id AND d.status = 'failed') "
	"FROM webhook_subscription w JOIN app_user u ON u.id = w.user_id WHERE w.org_id = ?1 ORDER BY w.id";

json_t *webhook_list(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ADMIN, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32];
		time_format_utc(db_col_int(s, 5), created, sizeof created);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:s,s:b,s:s,s:I,s:I,s:I}",
		                      "id", (json_int_t)db_col_int(s, 0), "url", db_col_text(s, 1),
		                      "events", events_array(db_col_text(s, 2)), "user", db_col_text(s, 3),
		                      "active", (int)db_col_int(s, 4), "created", created,
		                      "pending", (json_int_t)db_col_int(s, 6), "delivered", (json_int_t)db_col_int(s, 7),
		                      "failed", (json_int_t)db_col_int(s, 8)));
	}
	db_done(s);
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_LOG[] =
	"SELECT d.id, d.subscription_id, d.event_id, d.type, d.status, d.created_us, d.next_us, d.attempts "
	"FROM webhook_delivery d JOIN webhook_subscription w ON w.id = d.subscription_id "
	"WHERE w.org_id = ?1 AND (?2 = 0 OR d.subscription_id = ?2) ORDER BY d.id DESC LIMIT ?3";
static const char SQL_ATTEMPTS[] =
	"SELECT at_us, http_status, duration_ms, error FROM webhook_attempt WHERE delivery_id = ?1 ORDER BY id";

static int add_attempts(kansli *k, json_t *delivery, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ATTEMPTS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char at[32];
		time_format_utc(db_col_int(s, 0), at, sizeof at);
		json_array_append_new(arr, json_pack("{s:s,s:I,s:I,s:s}", "at", at, "status", (json_int_t)db_col_int(s, 1),
		                      "duration_ms", (json_int_t)db_col_int(s, 2), "error", db_col_text(s, 3)));
	}
	db_done(s);
	json_object_set_new(delivery, "attempt_log", arr);
	return rc < 0 ? rc : 0;
}

json_t *webhook_log(kansli *k, int64_t org_id, int64_t subscription_id, int limit, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ADMIN, SQL_LOG, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, subscription_id);
	db_bind_int(s, 3, limit > 0 ? limit : 100);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char created[32], next[32];
		time_format_utc(db_col_int(s, 5), created, sizeof created);
		time_format_utc(db_col_int(s, 6), next, sizeof next);
		json_t *d = json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "webhook", (json_int_t)db_col_int(s, 1), "event_id", (json_int_t)db_col_int(s, 2),
		                      "type", db_col_text(s, 3), "status", db_col_text(s, 4), "queued", created,
		                      "attempts", (json_int_t)db_col_int(s, 7));
		if (!strcmp(db_col_text(s, 4), "pending"))
			json_object_set_new(d, "next_attempt", json_string(next));
		json_array_append_new(arr, d);
	}
	db_done(s);
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	/* the attempts after the walk: one statement at a time on the connection */
	size_t i;
	json_t *d;
	json_array_foreach(arr, i, d) {
		if ((rc = add_attempts(k, d, json_integer_value(json_object_get(d, "id")), e))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static const char SQL_REPLAY[] =
	"UPDATE webhook_delivery SET status = 'pending', created_us = ?3, next_us = ?3, body = NULL "
	"WHERE id = ?1 AND subscription_id IN (SELECT id FROM webhook_subscription WHERE org_id = ?2) "
	"RETURNING subscription_id";

int webhook_replay(kansli *k, int64_t org_id, int64_t delivery_id, kerr *e)
{
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = kansli_begin(k, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_REPLAY, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, delivery_id);
	db_bind_int(s, 2, org_id);
	db_bind_int(s, 3, time_now_us());
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no webhook delivery %lld in this organisation",
	                     (long long)delivery_id)))
		goto end;
	int64_t sub = db_col_int(s, 0);
	db_done(s);
	/* the queue is outside the log; that an administrator sent something
	 * again is not */
	rc = audit_append(k, org_id, "webhook.replay", "webhook", sub,
	                  json_pack("{s:I}", "delivery", (json_int_t)delivery_id), e);
end:
	return kansli_end(k, rc, e);
}

/* One row for the event however many subscriptions want it, and no index
 * beside the row's own: the registration's transaction writes as little
 * as it can (make bench measures it); the delivery thread hands the event
 * out (webhook_fan_out). */
static const char SQL_ENQUEUE[] =
	"INSERT INTO webhook_event_queue(event_id) SELECT ?1 WHERE EXISTS (SELECT 1 FROM webhook_subscription "
	"WHERE org_id = ?2 AND active = 1 AND instr(events, ',' || ?3 || ',') > 0)";

int webhook_enqueue(kansli *k, int64_t org_id, const char *action, int64_t event_id, kerr *e)
{
	const char *type = webhook_event_type(action);
	if (!type || org_id <= 0)
		return 0;
	db_stmt *s = db_prep(k->db, SQL_ENQUEUE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, event_id);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, type);
	return db_run(s, e);
}

static const char SQL_QUEUED[] =
	"SELECT q.event_id, e.org_id, e.action, e.ts_us FROM webhook_event_queue q JOIN event e ON e.id = q.event_id "
	"ORDER BY q.event_id LIMIT 256";
/* every subscription of the organisation to the type that was on when
 * the event happened; a delivery already made stays as it is */
static const char SQL_FAN_OUT[] =
	"INSERT INTO webhook_delivery(subscription_id, event_id, type, created_us, next_us) "
	"SELECT id, ?1, ?2, ?3, ?3 FROM webhook_subscription WHERE org_id = ?4 "
	"AND instr(events, ',' || ?2 || ',') > 0 AND since_event < ?1 AND (until_event IS NULL OR ?1 <= until_event) "
	"ON CONFLICT DO NOTHING";
static const char SQL_UNQUEUE[] = "DELETE FROM webhook_event_queue WHERE event_id = ?1";

/* Hands out up to 256 queued events; *n says how many there were. */
static int fan_out_some(kansli *k, int *count, kerr *e)
{
	*count = 0;
	db_stmt *s = db_prep(k->db, SQL_QUEUED, e);
	if (!s)
		return KERR_INTERNAL;
	struct { int64_t id, org, ts; const char *type; } q[256];
	int n = 0, rc;
	while ((rc = db_step(s, e)) == DB_ROW && n < 256) {
		q[n].id = db_col_int(s, 0);
		q[n].org = db_col_int(s, 1);
		q[n].type = webhook_event_type(db_col_text(s, 2)); /* a static string, or NULL */
		q[n].ts = db_col_int(s, 3);
		n++;
	}
	db_done(s);
	if (rc < 0)
		return rc;
	for (int i = 0; i < n; i++) {
		if (q[i].type) {
			if (!(s = db_prep(k->db, SQL_FAN_OUT, e)))
				return KERR_INTERNAL;
			db_bind_int(s, 1, q[i].id);
			db_bind_text(s, 2, q[i].type);
			db_bind_int(s, 3, q[i].ts);
			db_bind_int(s, 4, q[i].org);
			if ((rc = db_run(s, e)))
				return rc;
		}
		if (!(s = db_prep(k->db, SQL_UNQUEUE, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, q[i].id);
		if ((rc = db_run(s, e)))
			return rc;
	}
	*count = n;
	return 0;
}

int webhook_fan_out(kansli *k, int all, kerr *e)
{
	int n, rc;
	while (!(rc = fan_out_some(k, &n, e)) && all && n == 256)
		;
	return rc;
}
