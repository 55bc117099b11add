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
#include "web/table.h"
#include "web/view.h"

/* One small form with one button, for a subscription or a delivery. */
static void button_form(buf *b, request *r, const char *org, const char *action, const char *id,
                        const char *label)
{
	view_action_form(b, r, "/admin/webhooks", "inline", org, action);
	view_hidden(b, "id", id);
	html_f(b, "<button type=\"submit\">%s</button></form>", label);
}

/* The event types a subscription sends, "a, b". */
static void events_cell(page *p, json_t *w)
{
	size_t j;
	json_t *t;
	html_f(&p->b, "<td>");
	json_array_foreach(json_object_get(w, "events"), j, t)
		html_f(&p->b, "%s%s", j ? ", " : "", json_string_value(t));
	html_f(&p->b, "</td>");
}

static void active_cell(page *p, json_t *w)
{
	view_cell(&p->b, json_is_true(json_object_get(w, "active")) ? _("aktiv") : _("avstängd"));
}

/* A subscription's button: off when it is on, on when it is off. */
static void switch_cell(page *p, json_t *w)
{
	int active = json_is_true(json_object_get(w, "active"));
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(w, "id")));
	html_f(&p->b, "<td>");
	button_form(&p->b, p->r, p->org, active ? "stang" : "oppna", id, active ? _("Stäng av") : _("Slå på"));
	html_f(&p->b, "</td>");
}

static const struct column subscription_columns[] = {
	COL(N_("Nr"), CELL_INT, "id"), COL(N_("Adress"), CELL_TEXT, "url"), COL_CUSTOM(N_("Händelser"), events_cell),
	COL(N_("Läses som"), CELL_TEXT, "user"), COL_CUSTOM(N_("Status"), active_cell),
	COL(N_("Väntar"), CELL_INT, "pending"), COL(N_("Levererade"), CELL_INT, "delivered"),
	COL(N_("Misslyckade"), CELL_INT, "failed"), COL_CUSTOM(N_("Ändra"), switch_cell),
};

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

static const char *delivery_status_sv(const char *s)
{
	return !strcmp(s, "delivered") ? _("levererad") : !strcmp(s, "failed") ? _("misslyckad") : _("väntar");
}

/* A delivery's attempts: when, the answer's status or none, how long. */
static void attempts_cell(page *p, json_t *d)
{
	size_t j;
	json_t *a;
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
}

static void resend_cell(page *p, json_t *d)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(d, "id")));
	html_f(&p->b, "<td>");
	button_form(&p->b, p->r, p->org, "skicka", id, _("Skicka igen"));
	html_f(&p->b, "</td>");
}

static const struct column delivery_columns[] = {
	COL(N_("Leverans"), CELL_INT, "id"), COL(N_("Webhook"), CELL_INT, "webhook"), COL(N_("Händelse"), CELL_TEXT, "type"),
	COL_WORDS(N_("Status"), "status", delivery_status_sv), COL_CUSTOM(N_("Försök"), attempts_cell),
	COL(N_("Nästa försök"), CELL_TEXT, "next_attempt"), COL_CUSTOM(N_("Skicka igen"), resend_cell),
};

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
	table_write(p, _("Webhooks"), COLUMNS(subscription_columns), list);
	add_form(p);
	html_f(&p->b, _("<h2>Leveranslogg</h2>"));
	table_write(p, _("Leveranslogg, senaste först"), COLUMNS(delivery_columns), log);
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
