/* form_once.c — a staff form is done once; see form_once.h. */
#include "web/form_once.h"

#include <stdio.h>
#include <string.h>

#include "core/idempotency.h"
#include "util/hash.h"
#include "web/api_idempotency.h"
#include "web/form_state.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/respond.h"

void form_once_field(buf *b)
{
	char id[33];
	web_form_token(id);
	html_f(b, "<input type=\"hidden\" name=\"" FORM_ONCE_FIELD "\" value=\"%s\">", id);
}

/* An id as form_once_field writes them: 32 lower-case hex digits. */
static int id_valid(const char *id)
{
	return id && strlen(id) == 32 && strspn(id, "0123456789abcdef") == 32;
}

/* What the id was sent to: the method and path (not the body: a form
 * sent again after the user changed a value is still the same form). */
static void fingerprint(request *r, char out[HASH_HEX_LEN + 1])
{
	hash_ctx *c = hash_begin();
	hash_update(c, "form\n", 5);
	hash_update(c, r->method, strlen(r->method) + 1);
	hash_update(c, r->url, strlen(r->url));
	unsigned char h[HASH_LEN];
	hash_end(c, h);
	hash_hex(h, HASH_LEN, out);
}

/* Where the first send led, with the notice that it was already sent
 * before the page's own ("klart", view_flash): "…&klart=NOTICE%20FIRST". */
static enum MHD_Result replay_redirect(request *r, const char *location)
{
	const char *notice = _("Formuläret var redan skickat och har inte skickats igen. ");
	buf loc = BUF_INIT, enc = BUF_INIT;
	html_url(&enc, notice);
	const char *k = strstr(location, "?klart=");
	if (!k)
		k = strstr(location, "&klart=");
	if (k) {
		buf_add(&loc, location, (size_t)(k - location) + 7);
		buf_adds(&loc, enc.s);
		buf_adds(&loc, k + 7);
	} else {
		buf_adds(&loc, location);
		buf_adds(&loc, strchr(location, '?') ? "&klart=" : "?klart=");
		buf_adds(&loc, enc.s);
	}
	enum MHD_Result ret = web_redirect(r, loc.s, NULL);
	buf_free(&loc);
	buf_free(&enc);
	return ret;
}

static enum MHD_Result already_sent(request *r)
{
	return web_error_page(r, 409, _("Formuläret var redan skickat och har inte skickats igen. Kontrollera "
	                                "resultatet innan du fyller i formuläret på nytt."));
}

/* Keeps where a success led (its redirect), or only that it was done (a
 * page of its own, which may show something only once: a webhook's
 * secret). Without the signing key nothing can be sealed: the form is
 * then done without its guard rather than refused. */
static int keep_outcome(request *r, const struct api_held *held, const char *caller, const char *key,
                        const char *print, kerr *e)
{
	idempotency_answer now = { .status = (int)held->status, .body = BUF_INIT };
	snprintf(now.fingerprint, sizeof now.fingerprint, "%s", print);
	snprintf(now.content_type, sizeof now.content_type, "%s", held->status == 303 ? "redirect" : "page");
	buf_adds(&now.body, held->status == 303 && held->body.s ? held->body.s : "");
	int rc = idempotency_keep(r->k, caller, key, &now, e);
	buf_free(&now.body);
	if (rc)
		fprintf(stderr, "kansli: form: %s\n", e->msg);
	return rc == KERR_DENIED ? 0 : rc;
}

enum MHD_Result form_once_call(request *r, page_fn fn)
{
	const char *id = req_form(r, FORM_ONCE_FIELD);
	if (!r->logged_in || r->via_token || strcmp(r->method, "POST") || !id_valid(id))
		return fn(r);
	char caller[32], key[40], print[HASH_HEX_LEN + 1];
	snprintf(caller, sizeof caller, "u%lld", (long long)r->s.user_id);
	snprintf(key, sizeof key, "f%s", id);
	fingerprint(r, print);
	kerr e = KERR_INIT;
	if (kansli_hold_begin(r->k, &e))
		return web_error_page(r, web_status_for(e.code), _("Diariet kan inte läsas just nu."));
	idempotency_answer first = { .body = BUF_INIT };
	int found = idempotency_find(r->k, caller, key, print, &first, &e);
	if (found != IDEMPOTENCY_NONE) {
		kerr ignored = KERR_INIT;
		kansli_hold_end(r->k, IDEMPOTENCY_SETTLED(found), &ignored);
		enum MHD_Result ret;
		if (found == IDEMPOTENCY_ANSWER && first.status == 303 && first.body.s && form_local_path(first.body.s))
			ret = replay_redirect(r, first.body.s);
		else if (found >= 0 || found == KERR_CONFLICT)
			/* done before: its answer a page of its own, dropped by the
			 * upgrade, or no longer given (the user's rights changed) */
			ret = already_sent(r);
		else {
			/* a kept answer that does not open: never done again */
			fprintf(stderr, "kansli: form: %s\n", e.msg);
			ret = found == KERR_TAMPERED ? already_sent(r)
			      : web_error_page(r, web_status_for(found), _("Diariet kan inte läsas just nu."));
		}
		buf_free(&first.body);
		return ret;
	}
	struct api_held held = { .body = BUF_INIT, .replay = BUF_INIT };
	r->held = &held;
	enum MHD_Result ret = fn(r);
	r->held = NULL;
	enum api_held_end end = api_held_settle(r, &held, keep_outcome, caller, key, print, &e);
	buf_free(&held.replay);
	if (end == HELD_PAST)
		return ret;
	/* nothing of the form is done, whatever the page was about to say;
	 * a refusal whose core call rolled back is the form shown again */
	if (end == HELD_FAILED || (end == HELD_UNDONE && (held.status >= 500 || held.status < 400))) {
		buf_free(&held.body);
		return web_error_page(r, 500, _("Formuläret kunde inte sparas. Ingenting har sparats; försök igen."));
	}
	if (end == HELD_KEPT && held.status == 303) {
		ret = web_redirect(r, held.body.s ? held.body.s : "/", NULL);
		buf_free(&held.body);
		return ret;
	}
	/* a refusal (not kept: the form shown again has a new id), or a
	 * success's page of its own */
	return web_send(r, held.status, held.type, &held.body);
}
