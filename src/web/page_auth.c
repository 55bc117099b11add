/*
 * page_auth.c — logging in and out, and the list of one's own sessions
 * with "log out other sessions".
 *
 * The login form is protected against cross-site submission by a
 * double-submit token: a random value in a SameSite=Strict cookie that the
 * form must repeat.
 */
#include <stdio.h>
#include <string.h>

#include "core/session.h"
#include "web/form_carry.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/routes.h"
#include "web/view.h"

/* The login form; with carry, the token of a form kept for after the
 * login (form_carry.h), which the form sends on. */
static enum MHD_Result login_page(request *r, unsigned status, const char *error, const char *username,
                                  const char *carry)
{
	char token[33];
	web_form_token(token);
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Logga in"));
	html_f(&b, _("<h1>Logga in</h1>\n"));
	if (error) {
		view_alert(&b, error);
		html_f(&b, "\n");
	}
	html_f(&b, _("<form method=\"post\" action=\"/login\" class=\"form\">"
	       "<input type=\"hidden\" name=\"login_token\" value=\""
	       "%s\"><p><label for=\"username\">Användarnamn</label>"
	       "<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\""
	       "%s\"></p><p><label for=\"password\">Lösenord</label>"
	       "<input id=\"password\" name=\"password\" type=\"password\" "
	       "autocomplete=\"current-password\" required></p>"
	       "<p><button type=\"submit\">Logga in</button></p>"), token, username ? username : "");
	if (form_carry_token_ok(carry))
		html_f(&b, "<input type=\"hidden\" name=\"formular\" value=\"%s\">", carry);
	html_f(&b, "</form>\n");
	layout_end(&b);
	return web_html_token(r, status, &b, "kansli_login", token, "/login");
}

/* PAGE: GET /login  access: public */
enum MHD_Result page_login_form(request *r)
{
	if (r->logged_in)
		return web_redirect(r, "/", NULL);
	return login_page(r, 200, NULL, NULL, NULL);
}

enum MHD_Result page_login_again(request *r, unsigned status, const char *error)
{
	return login_page(r, status, error, req_form(r, "username"), req_form(r, "formular"));
}

enum MHD_Result page_login_carry(request *r, unsigned status, const char *error, const char *username,
                                 const char *carry)
{
	return login_page(r, status, error, username, carry);
}

/* PAGE: POST /login  access: public */
enum MHD_Result page_login(request *r)
{
	const char *token = req_form(r, "login_token"), *cookie = req_cookie(r, "kansli_login");
	const char *carry = req_form(r, "formular");
	if (!token || !cookie || strlen(token) != 32 || strcmp(token, cookie) != 0)
		return login_page(r, 403, _("Formuläret har gått ut. Försök igen."), req_form(r, "username"), carry);
	kerr e = KERR_INIT;
	char session_token[SESSION_TOKEN_LEN + 1], setcookie[300];
	const char *user = req_form(r, "username");
	int rc = session_login(r->k, user, req_form(r, "password"), req_header(r, "User-Agent"), r->address,
	                       session_token, &r->s, &e);
	if (rc == KERR_CONFLICT)
		return login_page(r, 429, _("För många misslyckade inloggningar för kontot. Försök igen om en timme."),
		                  user, carry);
	if (rc)
		return login_page(r, 401, _("Fel användarnamn eller lösenord."), user, carry);
	routes_cookie(setcookie, sizeof setcookie, session_token, 0);
	/* a form kept when the session timed out: back to its page */
	char back[2048];
	return web_redirect(r, form_carry_adopt(r, carry, back, sizeof back) ? back : "/", setcookie);
}

/* PAGE: POST /logout  access: staff */
enum MHD_Result page_logout(request *r)
{
	char setcookie[300];
	session_logout(r->k, r->s.id, NULL);
	routes_cookie(setcookie, sizeof setcookie, "", 1);
	return web_redirect(r, "/login", setcookie);
}

/* PAGE: GET /sessioner  access: staff */
enum MHD_Result page_sessions(request *r)
{
	kerr e = KERR_INIT;
	json_t *list = session_list(r->k, r->s.user_id, &e);
	if (!list)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Mina inloggningar"));
	html_f(&b, _("<h1>Mina inloggningar</h1>\n<p><a href=\"/losenord\">Byt lösenord</a></p>\n"));
	view_flash(&b, r);
	const char *const cols[] = { _("Inloggad"), _("Senast aktiv"), _("Adress"), _("Webbläsare") };
	view_table_begin(&b, _("Pågående inloggningar"), cols, 4);
	html_f(&b, "\n");
	size_t i;
	json_t *s;
	json_array_foreach(list, i, s) {
		int self = json_integer_value(json_object_get(s, "id")) == r->s.id;
		html_f(&b, "<tr><td>%s", json_string_value(json_object_get(s, "created")));
		if (self)
			html_f(&b, _(" (den här)"));
		html_f(&b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		       json_string_value(json_object_get(s, "last_seen")),
		       json_string_value(json_object_get(s, "address")),
		       json_string_value(json_object_get(s, "user_agent")));
	}
	json_decref(list);
	view_table_end(&b);
	html_f(&b, "<form method=\"post\" action=\"/sessioner/avsluta-andra\">");
	layout_csrf(&b, r);
	html_f(&b, _("<button type=\"submit\">Logga ut alla andra inloggningar</button></form>\n"));
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* PAGE: POST /sessioner/avsluta-andra  access: staff */
enum MHD_Result page_sessions_end_others(request *r)
{
	kerr e = KERR_INIT;
	if (session_end_others(r->k, r->s.user_id, r->s.id, &e))
		return page_fail(r, &e);
	return web_redirect(r, "/sessioner", NULL);
}
