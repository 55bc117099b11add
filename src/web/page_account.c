/*
 * page_account.c — the account lifecycle's pages (core/account.h): one's
 * own password change (also the page a user whose password an
 * administrator set is sent to before any other, web/routes.c), and for
 * administrators one account (reset, disable, enable, its sessions and
 * tokens ended one by one) and the accounts nobody uses.
 *
 * Passwords are never written back into a page: a refused change shows
 * the form empty, with the message.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/account.h"
#include "web/form_state.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/table.h"
#include "web/view.h"

/* The own password form; a refused change comes back to it. */
/* PAGE: GET /losenord  access: staff */
enum MHD_Result page_password(page *p)
{
	request *r = p->r;
	page_begin(p, _("Byt lösenord"));
	html_f(&p->b, _("<h1>Byt lösenord</h1>\n"));
	if (r->s.must_change)
		html_f(&p->b, _("<p class=\"alert\" role=\"alert\">En administratör har satt ditt lösenord. Välj ett eget "
		       "innan du fortsätter.</p>\n"));
	html_f(&p->b, "<form method=\"post\" action=\"/losenord\" class=\"form\">");
	layout_csrf(&p->b, r);
	html_f(&p->b, _("<p><label for=\"nuvarande\">Nuvarande lösenord</label><input id=\"nuvarande\" name=\"nuvarande\" "
	       "type=\"password\" autocomplete=\"current-password\" required></p>"
	       "<p><label for=\"nytt\">Nytt lösenord (minst %d tecken)</label><input id=\"nytt\" name=\"nytt\" "
	       "type=\"password\" autocomplete=\"new-password\" required></p>"
	       "<p><label for=\"igen\">Nytt lösenord igen</label><input id=\"igen\" name=\"igen\" type=\"password\" "
	       "autocomplete=\"new-password\" required></p>"
	       "<p><button type=\"submit\">Byt lösenord</button></p></form>\n"
	       "<p class=\"muted\">Dina andra inloggningar och API-nycklar avslutas när lösenordet byts.</p>\n"),
	       ACCOUNT_PASSWORD_MIN);
	return page_close_status(p, 200);
}

/* The change refused: the form again, as every refused form comes back
 * (form_state.h), with message at field; the passwords are not kept. */
static enum MHD_Result password_refused(page *p, unsigned status, const char *field, const char *message)
{
	kerr at = KERR_INIT;
	kerr_field(&at, status == 403 ? KERR_DENIED : KERR_INVALID, field, KWHY_STATE, "%s", message);
	buf_free(&p->b);
	enum MHD_Result ret;
	if (!form_state_refuse(p->r, &at, message, status, &ret))
		ret = web_error_page(p->r, status, message);
	page_free(p);
	return ret;
}

/* PAGE: POST /losenord  access: staff */
enum MHD_Result page_password_change(page *p)
{
	request *r = p->r;
	if (strcmp(req_str(r, "nytt"), req_str(r, "igen")))
		return password_refused(p, 422, "igen", _("De två nya lösenorden är inte lika. Inget har ändrats."));
	int rc = account_password_change(r->k, r->s.user_id, r->s.username, r->address, r->s.id, r->s.token_id,
	                                 req_str(r, "nuvarande"), req_str(r, "nytt"), &p->e);
	if (rc == KERR_CONFLICT && !strcmp(p->e.field, "current"))
		return password_refused(p, 429, "nuvarande", _("För många felaktiga lösenord. Försök igen om en timme. Inget har ändrats."));
	if (rc == KERR_DENIED)
		return password_refused(p, 403, "nuvarande", _("Det nuvarande lösenordet är fel. Inget har ändrats."));
	if (rc == KERR_INVALID && p->e.why == KWHY_STATE)
		return password_refused(p, 422, "nytt", _("Det nya lösenordet måste skilja sig från det nuvarande."));
	if (rc == KERR_INVALID) {
		char msg[200];
		snprintf(msg, sizeof msg, _("Lösenordet måste vara minst %d tecken."), ACCOUNT_PASSWORD_MIN);
		return password_refused(p, 422, "nytt", msg);
	}
	if (rc)
		return page_fail_p(p);
	return page_redirect_done(p, "/sessioner", NULL, NULL, _("Lösenordet är bytt. Dina andra inloggningar är avslutade."));
}

static const struct column session_columns[] = {
	COL(N_("Nr"), CELL_INT, "id"), COL(N_("Inloggad"), CELL_TEXT, "created"),
	COL(N_("Senast aktiv"), CELL_TEXT, "last_seen"), COL(N_("Adress"), CELL_TEXT, "address"),
	COL(N_("Webbläsare"), CELL_TEXT, "user_agent"),
};
static const struct column token_columns[] = {
	COL(N_("Nr"), CELL_INT, "id"), COL(N_("Namn"), CELL_TEXT, "name"), COL(N_("Skapad"), CELL_TEXT, "created"),
	COL(N_("Går ut"), CELL_TEXT, "expires"), COL(N_("Senast använd"), CELL_OR_DASH, "last_used"),
	COL(N_("Klient"), CELL_TEXT, "user_agent"),
};

/* A one-button form for action atgard on the account, with id when > 0. */
static void account_button(page *p, const char *user, const char *atgard, int64_t id, const char *label)
{
	view_action_form(&p->b, p->r, "/admin/konto", "inline", p->org, atgard);
	view_hidden(&p->b, "anvandare", user);
	if (id > 0)
		html_f(&p->b, "<input type=\"hidden\" name=\"id\" value=\"%lld\">", (long long)id);
	html_f(&p->b, "<button type=\"submit\">%s</button></form>", label);
}

/* The ids of list as end buttons, one per row. */
static void end_buttons(page *p, const char *user, json_t *list, const char *atgard, const char *label)
{
	size_t i;
	json_t *o;
	if (!json_array_size(list))
		return;
	html_f(&p->b, "<p>");
	json_array_foreach(list, i, o) {
		char text[120];
		snprintf(text, sizeof text, "%s %lld", label, (long long)json_integer_value(json_object_get(o, "id")));
		account_button(p, user, atgard, json_integer_value(json_object_get(o, "id")), text);
		html_f(&p->b, " ");
	}
	html_f(&p->b, "</p>");
}

/* One account; onetime, when not NULL, the password a reset just made,
 * shown this once (never put in an address). */
static enum MHD_Result account_page(page *p, const char *onetime)
{
	request *r = p->r;
	const char *user = req_str(r, "anvandare");
	json_t *a = page_own(p, account_show(r->k, user, &p->e));
	if (!a)
		return page_fail_p(p);
	page_begin(p, view_str(a, "username"));
	html_f(&p->b, _("<h1>Konto: %s</h1>\n<p><a href=\"/admin?org=%-s\">Tillbaka till administrationen</a></p>\n"),
	       view_str(a, "username"), p->org);
	if (onetime)
		html_f(&p->b, _("<div class=\"ok\" role=\"status\"><p>Lösenordet är återställt. Engångslösenordet visas "
		       "bara nu; ge det till användaren, som väljer ett eget vid nästa inloggning:</p>"
		       "<p><code>%s</code></p></div>\n"), onetime);
	view_flash(&p->b, r);
	html_f(&p->b, "<dl class=\"meta\">");
	view_meta(&p->b, _("Namn"), view_str(a, "full_name"));
	view_meta(&p->b, _("Status"), json_is_true(json_object_get(a, "disabled")) ? _("Inaktiverat") : _("Aktivt"));
	view_meta(&p->b, _("Måste byta lösenord"), json_is_true(json_object_get(a, "must_change")) ? _("Ja") : _("Nej"));
	view_meta(&p->b, _("Senaste inloggning"), view_str(a, "last_login") ? view_str(a, "last_login") : _("Aldrig"));
	html_f(&p->b, "</dl>\n<h2>%s</h2>", _("Pågående inloggningar"));
	json_t *sessions = json_object_get(a, "sessions"), *tokens = json_object_get(a, "tokens");
	table_write(p, _("Pågående inloggningar"), COLUMNS(session_columns), sessions);
	end_buttons(p, user, sessions, "avsluta-session", _("Avsluta inloggning"));
	html_f(&p->b, "<h2>%s</h2>", _("API-nycklar"));
	table_write(p, _("Giltiga API-nycklar"), COLUMNS(token_columns), tokens);
	end_buttons(p, user, tokens, "aterkalla-nyckel", _("Återkalla nyckel"));
	html_f(&p->b, "<h2>%s</h2>", _("Lösenord"));
	view_action_form(&p->b, r, "/admin/konto", "form", p->org, "aterstall");
	view_hidden(&p->b, "anvandare", user);
	html_f(&p->b, _("<p><label for=\"k-losen\">Nytt lösenord (tomt: ett engångslösenord skapas)</label>"
	       "<input id=\"k-losen\" name=\"losenord\" type=\"password\" autocomplete=\"new-password\"></p>"
	       "<p><button type=\"submit\">Återställ lösenordet</button></p></form>\n"
	       "<p class=\"muted\">Användaren måste byta lösenordet vid nästa inloggning. Alla inloggningar och "
	       "API-nycklar avslutas.</p>\n"));
	html_f(&p->b, "<h2>%s</h2><p>", _("Konto"));
	if (json_is_true(json_object_get(a, "disabled")))
		account_button(p, user, "aktivera", 0, _("Aktivera kontot"));
	else
		account_button(p, user, "inaktivera", 0, _("Inaktivera kontot"));
	html_f(&p->b, _("</p><p class=\"muted\">Ett inaktiverat konto loggas ut genast och kan inte logga in. "
	       "Den sista administratören i en organisation kan inte inaktiveras.</p>\n"));
	return page_close(p);
}

/* PAGE: GET /admin/konto  access: staff */
enum MHD_Result page_account(page *p)
{
	return account_page(p, NULL);
}

static int do_disable(page *p)
{
	return account_set_disabled(p->r->k, req_str(p->r, "anvandare"), 1, &p->e);
}

static int do_enable(page *p)
{
	return account_set_disabled(p->r->k, req_str(p->r, "anvandare"), 0, &p->e);
}

static int end_one(page *p, const char *kind)
{
	int64_t id;
	if (req_int(p->r, "id", 1, INT64_MAX, &id, &p->e))
		return p->e.code;
	return account_end(p->r->k, req_str(p->r, "anvandare"), kind, id, &p->e);
}

static int do_end_session(page *p)
{
	return end_one(p, "session");
}

static int do_end_token(page *p)
{
	return end_one(p, "token");
}

static const struct page_action account_actions[] = {
	{ "inaktivera", do_disable, N_("Kontot är inaktiverat och dess inloggningar och API-nycklar avslutade.") },
	{ "aktivera", do_enable, N_("Kontot är aktiverat.") },
	{ "avsluta-session", do_end_session, N_("Inloggningen är avslutad.") },
	{ "aterkalla-nyckel", do_end_token, N_("API-nyckeln är återkallad.") },
};

/* PAGE: POST /admin/konto  access: staff */
enum MHD_Result page_account_post(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	const char *user = req_str(r, "anvandare");
	if (req_form_has(r, "atgard", "aterstall")) {
		const char *pw = req_str(r, "losenord");
		char onetime[ACCOUNT_ONETIME_SIZE];
		if (account_password_reset(r->k, user, *pw ? pw : NULL, onetime, &p->e))
			return page_fail_p(p);
		if (*pw)
			return page_redirect_done(p, "/admin/konto", "anvandare", user,
			                          _("Lösenordet är återställt. Användaren byter det vid nästa inloggning."));
		ret = account_page(p, onetime);
		sodium_memzero(onetime, sizeof onetime);
		return ret;
	}
	if (page_act(p, PAGE_ACTIONS(account_actions), &ret))
		return ret;
	return page_redirect_done(p, "/admin/konto", "anvandare", user, p->done);
}

/* The user name, linked to the account's page. */
static void account_cell(page *p, json_t *row)
{
	html_f(&p->b, "<td><a href=\"/admin/konto?org=%-s&amp;anvandare=%-s\">%s</a></td>", p->org,
	       view_str(row, "username"), view_str(row, "username"));
}

static const struct column stale_columns[] = {
	COL_CUSTOM(N_("Användarnamn"), account_cell), COL(N_("Namn"), CELL_TEXT, "full_name"),
	COL(N_("Skapat"), CELL_TEXT, "created"), COL(N_("Senaste inloggning"), CELL_OR_DASH, "last_login"),
	COL(N_("API-nyckel senast använd"), CELL_OR_DASH, "last_token_use"), COL(N_("Dagar"), CELL_INT, "idle_days"),
};

/* PAGE: GET /admin/inaktiva  access: staff */
enum MHD_Result page_stale_accounts(page *p)
{
	request *r = p->r;
	int64_t days = 90;
	if (*req_str(r, "dagar") && req_int(r, "dagar", 1, 3650, &days, &p->e))
		return page_bad_param(p);
	json_t *list = page_own(p, account_stale(r->k, p->org_id, (int)days, &p->e));
	if (!list)
		return page_fail_p(p);
	page_begin(p, _("Konton som inte används"));
	html_f(&p->b, _("<h1>Konton som inte används</h1>\n<p><a href=\"/admin?org=%-s\">Tillbaka till "
	       "administrationen</a></p>\n<p>Aktiva konton i %s som ingen har loggat in på eller använt en API-nyckel "
	       "för på %lld dagar: kanske personer som har slutat. Ett konto som aldrig använts räknas från när det "
	       "skapades.</p>\n"), p->org, p->org, (long long)days);
	html_f(&p->b, "<form method=\"get\" action=\"/admin/inaktiva\" class=\"form\">");
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"dagar\">Dagar utan inloggning</label><input id=\"dagar\" name=\"dagar\" "
	       "type=\"number\" min=\"1\" max=\"3650\" value=\"%lld\"></p><p><button type=\"submit\">Visa</button></p>"
	       "</form>\n"), (long long)days);
	table_write(p, _("Konton som inte används"), COLUMNS(stale_columns), list);
	return page_close(p);
}
