/*
 * page_webhooks.c — an organisation's webhooks on the administration
 * pages: the subscriptions, a form to add one (its signing secret shown
 * once, on the answer to that form), disable and enable, and the delivery
 * log with every attempt and a way to send a delivery again. The rules
 * are core/webhook.c's; who may is decided there (administrators).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/webhook.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/view.h"

/* One small form with one button, for a subscription or a delivery. */
static void button_form(buf *b, request *r, const char *org, const char *action, const char *id,
                        const char *label)
{
	html_f(b, "<form method=\"post\" action=\"/admin/webhooks\" class=\"inline\">");
	view_form_fields(b, r, org);
	view_hidden(b, "atgard", action);
	view_hidden(b, "id", id);
	html_f(b, "<button type=\"submit\">%s</button></form>", label);
}

static void subscriptions(page *p, json_t *list)
{
	const char *const cols[] = { _("Nr"), _("Adress"), _("Händelser"), _("Läses som"), _("Status"),
		                     _("Väntar"), _("Levererade"), _("Misslyckade"), _("Ändra") };
	view_table_begin(&p->b, _("Webhooks"), cols, 9);
	size_t i, j;
	json_t *w, *t;
	json_array_foreach(list, i, w) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(w, "id")));
		buf events = BUF_INIT;
		json_array_foreach(json_object_get(w, "events"), j, t)
			buf_printf(&events, "%s%s", j ? ", " : "", json_string_value(t));
		int active = json_is_true(json_object_get(w, "active"));
		html_f(&p->b, "<tr>");
		view_cell(&p->b, id);
		view_cell(&p->b, view_str(w, "url"));
		view_cell(&p->b, events.s);
		view_cell(&p->b, view_str(w, "user"));
		view_cell(&p->b, active ? _("aktiv") : _("avstängd"));
		for (int c = 0; c < 3; c++) {
			char n[24];
			static const char *const keys[] = { "pending", "delivered", "failed" };
			snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(w, keys[c])));
			view_cell(&p->b, n);
		}
		html_f(&p->b, "<td>");
		button_form(&p->b, p->r, p->org, active ? "stang" : "oppna", id, active ? _("Stäng av") : _("Slå på"));
		html_f(&p->b, "</td></tr>");
		buf_free(&events);
	}
	view_table_end(&p->b);
}

static void add_form(page *p)
{
	html_f(&p->b, _("<form method=\"post\" action=\"/admin/webhooks\" class=\"form\"><fieldset>"
	       "<legend>Ny webhook</legend>"));
	view_form_fields(&p->b, p->r, p->org);
	view_hidden(&p->b, "atgard", "ny");
	view_input(&p->b, "w-adress", "adress", _("Adress (https://, eller http:// bara till den egna datorn)"), "url",
	           NULL, 1);
	html_f(&p->b, _("<fieldset><legend>Händelser</legend>"));
	for (int i = 0; webhook_event_types[i]; i++)
		html_f(&p->b, "<p><input type=\"checkbox\" id=\"w-h%d\" name=\"handelse\" value=\"%s\">"
		       "<label for=\"w-h%d\">%s</label></p>", i, webhook_event_types[i], i, webhook_event_types[i]);
	html_f(&p->b, "</fieldset>");
	view_input(&p->b, "w-anvandare", "anvandare", _("Läses med rättigheterna hos användaren"), "text", NULL, 1);
	html_f(&p->b, _("<p class=\"muted\">Det som skickas är det användaren får läsa: sekretessuppgifter maskeras "
	       "för den som inte får läsa dem. Meddelandena signeras enligt Standard Webhooks; hemligheten "
	       "visas en gång, när webhooken läggs till.</p><p><button type=\"submit\">Lägg till</button></p>"
	       "</fieldset></form>\n"));
}

static void delivery_log(page *p, json_t *log)
{
	const char *const cols[] = { _("Leverans"), _("Webhook"), _("Händelse"), _("Status"), _("Försök"),
		                     _("Nästa försök"), _("Skicka igen") };
	view_table_begin(&p->b, _("Leveranslogg, senaste först"), cols, 7);
	size_t i, j;
	json_t *d, *a;
	json_array_foreach(log, i, d) {
		char id[24], wh[24];
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
		snprintf(wh, sizeof wh, "%lld", (long long)json_integer_value(json_object_get(d, "webhook")));
		const char *status = view_str(d, "status");
		html_f(&p->b, "<tr>");
		view_cell(&p->b, id);
		view_cell(&p->b, wh);
		view_cell(&p->b, view_str(d, "type"));
		view_cell(&p->b, !strcmp(status, "delivered") ? _("levererad") : !strcmp(status, "failed")
		          ? _("misslyckad") : _("väntar"));
		html_f(&p->b, "<td><ul class=\"plain\">");
		json_array_foreach(json_object_get(d, "attempt_log"), j, a) {
			long long st = json_integer_value(json_object_get(a, "status"));
			long long ms = json_integer_value(json_object_get(a, "duration_ms"));
			if (st)
				html_f(&p->b, _("<li>%s: HTTP %lld, %lld ms"), view_str(a, "at"), st, ms);
			else
				html_f(&p->b, _("<li>%s: inget svar, %lld ms"), view_str(a, "at"), ms);
			if (*view_str(a, "error"))
				html_f(&p->b, " — %s", view_str(a, "error"));
			html_f(&p->b, "</li>");
		}
		html_f(&p->b, "</ul></td>");
		view_cell(&p->b, view_str(d, "next_attempt"));
		html_f(&p->b, "<td>");
		button_form(&p->b, p->r, p->org, "skicka", id, _("Skicka igen"));
		html_f(&p->b, "</td></tr>");
	}
	view_table_end(&p->b);
}

/* The page; secret, when not NULL, is the one just made, shown this once. */
static enum MHD_Result render(page *p, const char *secret)
{
	request *r = p->r;
	json_t *list = page_own(p, webhook_list(r->k, p->org_id, &p->e));
	json_t *log = list ? page_own(p, webhook_log(r->k, p->org_id, 0, 50, &p->e)) : NULL;
	if (!log)
		return page_fail_p(p);
	page_begin(p, _("Webhooks"));
	html_f(&p->b, _("<h1>Webhooks</h1>\n<p><a href=\"/admin?org=%-s\">Tillbaka till administrationen</a></p>\n"
	       "<p>En webhook skickar organisationens händelser till ett annat system när de inträffar. "
	       "Ett misslyckat utskick görs om med allt längre uppehåll i ett dygn.</p>\n"), p->org);
	if (secret)
		html_f(&p->b, _("<div class=\"ok\" role=\"status\"><p>Webhooken är tillagd. Dess hemlighet, som "
		       "mottagaren kontrollerar signaturerna med, visas bara nu:</p><p><code>%s</code></p></div>\n"),
		       secret);
	view_flash(&p->b, r);
	subscriptions(p, list);
	add_form(p);
	html_f(&p->b, _("<h2>Leveranslogg</h2>"));
	delivery_log(p, log);
	return page_close(p);
}

/* PAGE: GET /admin/webhooks  access: staff */
enum MHD_Result page_webhooks(page *p)
{
	return render(p, NULL);
}

static int do_disable(page *p)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return webhook_set_active(p->r->k, p->org_id, id, 0, &p->e);
}

static int do_enable(page *p)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return webhook_set_active(p->r->k, p->org_id, id, 1, &p->e);
}

static int do_replay(page *p)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return webhook_replay(p->r->k, p->org_id, id, &p->e);
}

static const struct page_action webhook_actions[] = {
	{ "stang", do_disable, N_("Webhooken är avstängd.") },
	{ "oppna", do_enable, N_("Webhooken är påslagen.") },
	{ "skicka", do_replay, N_("Leveransen skickas igen.") },
};

/* PAGE: POST /admin/webhooks  access: staff */
enum MHD_Result page_webhooks_post(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	if (req_form_has(r, "atgard", "ny")) {
		/* the secret is shown in this answer, never put in an address */
		/* every box sent is one of the types offered: an unknown one (a
		 * page older than the server, a hand-made post) is refused at the
		 * field rather than dropped, which would subscribe to less than
		 * was asked */
		for (int f = 0; f < r->nfields; f++) {
			const req_field *x = &r->fields[f];
			if (x->filename || strcmp(x->name, "handelse"))
				continue;
			int known = 0;
			for (int i = 0; webhook_event_types[i] && !known; i++)
				known = !strcmp(x->value.s ? x->value.s : "", webhook_event_types[i]);
			if (!known) {
				kerr_field(&p->e, KERR_INVALID, "events", KWHY_CHOICE, "unknown event type");
				return page_fail_p(p);
			}
		}
		buf events = BUF_INIT;
		for (int i = 0; webhook_event_types[i]; i++)
			if (req_form_has(r, "handelse", webhook_event_types[i]))
				buf_printf(&events, "%s,", webhook_event_types[i]);
		webhook_new w = { req_str(r, "adress"), events.s, req_str(r, "anvandare") };
		int64_t id;
		char secret[WHSIGN_SECRET_LEN];
		int rc = webhook_add(r->k, p->org_id, &w, &id, secret, &p->e);
		buf_free(&events);
		if (rc)
			return page_fail_p(p);
		return render(p, secret);
	}
	if (page_act(p, PAGE_ACTIONS(webhook_actions), &ret))
		return ret;
	return page_redirect_done(p, "/admin/webhooks", NULL, NULL, p->done);
}
