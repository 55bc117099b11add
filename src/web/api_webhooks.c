/*
 * api_webhooks.c — the JSON API's webhooks (an organisation's
 * administrators): subscribe, list, disable and enable, the delivery log,
 * and replay of one delivery. The rules are core/webhook.c's.
 */
#include <stdio.h>
#include <string.h>

#include "core/webhook.h"
#include "util/buf.h"
#include "web/api.h"
#include "web/api_idempotency.h"
#include "web/api_page.h"
#include "web/respond.h"

#define ORDER(o) o, sizeof o / sizeof o[0]

static enum MHD_Result api_webhooks(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b; (void)in;
	kerr e = KERR_INIT;
	static const struct api_order order[] = { { "id", KEY_WHOLE, 0, 0 } };
	static const struct api_list_spec spec = { "webhooks", ORDER(order), 0, 1 };
	return api_page_reply(r, &spec, webhook_list(r->k, org_id, &e), NULL, &e);
}

/* The subscription id of the organisation's list, as the list shows it. */
static json_t *one(request *r, int64_t org_id, int64_t id, kerr *e)
{
	json_t *all = webhook_list(r->k, org_id, e);
	if (!all)
		return NULL;
	size_t i;
	json_t *w, *found = NULL;
	json_array_foreach(all, i, w) {
		if (json_integer_value(json_object_get(w, "id")) == id)
			found = json_incref(w);
	}
	json_decref(all);
	if (!found)
		kerr_set(e, KERR_NOTFOUND, "no webhook %lld in this organisation", (long long)id);
	return found;
}

static enum MHD_Result api_webhook_add(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)a; (void)b;
	json_t *url = json_object_get(in, "url"), *user = json_object_get(in, "user");
	json_t *events = json_object_get(in, "events");
	if ((url && !json_is_string(url)) || (user && !json_is_string(user)))
		return web_json_error(r, 400, "invalid", "\"url\" and \"user\" are strings");
	if (events && !json_is_array(events))
		return web_json_error(r, 400, "invalid", "\"events\" is an array of event types");
	/* core reads the types as one list; a type holds no comma or space */
	buf list = BUF_INIT;
	size_t i;
	json_t *t;
	json_array_foreach(events, i, t) {
		const char *s = json_string_value(t);
		if (!s || strpbrk(s, ", ")) {
			buf_free(&list);
			return web_json_error(r, 400, "invalid", "\"events\" is an array of event types");
		}
		buf_printf(&list, "%s%s", i ? "," : "", s);
	}
	webhook_new w = { json_string_value(url), list.s, json_string_value(user) };
	kerr e = KERR_INIT;
	int64_t id;
	char secret[WHSIGN_SECRET_LEN];
	int rc = webhook_add(r->k, org_id, &w, &id, secret, &e);
	buf_free(&list);
	if (rc)
		return api_fail(r, &e);
	json_t *v = one(r, org_id, id, &e);
	if (!v)
		return api_fail(r, &e);
	/* the secret is in this answer and nowhere else, ever: a replay of
	 * this call for its Idempotency-Key answers the same without it
	 * (secret_withheld), so that no kept answer holds it */
	api_held_replay_as(r, json_pack("{s:I,s:b,s:O}", "id", (json_int_t)id, "secret_withheld", 1, "webhook", v));
	return api_reply(r, 201, json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "secret", secret, "webhook", v), &e);
}

static enum MHD_Result set_active(request *r, int64_t org_id, const char *idtext, int active)
{
	int64_t id = api_path_id(idtext);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such webhook");
	kerr e = KERR_INIT;
	if (webhook_set_active(r->k, org_id, id, active, &e))
		return api_fail(r, &e);
	json_t *v = one(r, org_id, id, &e);
	return api_reply(r, 200, v, &e);
}

static enum MHD_Result api_webhook_disable(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)b; (void)in;
	return set_active(r, org_id, a, 0);
}

static enum MHD_Result api_webhook_enable(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)b; (void)in;
	return set_active(r, org_id, a, 1);
}

static enum MHD_Result api_webhook_log(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(a);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such webhook");
	kerr e = KERR_INIT;
	json_t *w = one(r, org_id, id, &e);
	if (!w)
		return api_fail(r, &e);
	json_decref(w);
	/* newest first, a hundred to a page */
	static const struct api_order order[] = { { "id", KEY_WHOLE, 1, 0 } };
	static const struct api_list_spec spec = { "deliveries", ORDER(order), 100, 1 };
	return api_page_reply(r, &spec, webhook_log(r->k, org_id, id, 1 << 30, &e), NULL, &e);
}

static enum MHD_Result api_delivery_replay(request *r, int64_t org_id, const char *a, const char *b, json_t *in)
{
	(void)b; (void)in;
	int64_t id = api_path_id(a);
	if (!id)
		return web_json_error(r, 404, "not_found", "no such delivery");
	kerr e = KERR_INIT;
	if (webhook_replay(r->k, org_id, id, &e))
		return api_fail(r, &e);
	return api_reply(r, 202, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "pending"), &e);
}

const struct api_route api_webhooks_routes[] = {
	{ "GET", "/api/v1/webhooks", api_webhooks, 1, "The organisation's webhook subscriptions (administrators)", 0 },
	{ "POST", "/api/v1/webhooks", api_webhook_add, 1, "Subscribe a URL to event types: {url, events: [...], user}; the answer holds the signing secret, shown this once", API_JSON },
	{ "POST", "/api/v1/webhooks/{id}/disable", api_webhook_disable, 1, "Disable a subscription: nothing more is queued for it", 0 },
	{ "POST", "/api/v1/webhooks/{id}/enable", api_webhook_enable, 1, "Enable a subscription again", 0 },
	{ "GET", "/api/v1/webhooks/{id}/deliveries", api_webhook_log, 1, "A subscription's delivery log, its last 100 deliveries, newest first, every attempt with its time, status, duration and error", 0 },
	{ "POST", "/api/v1/webhook-deliveries/{id}/replay", api_delivery_replay, 1, "Send a delivery again, with the same webhook-id", 0 },
};
const size_t api_webhooks_nroutes = sizeof api_webhooks_routes / sizeof api_webhooks_routes[0];
