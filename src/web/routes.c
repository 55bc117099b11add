/*
 * routes.c — the route table (generated from the pages' comments), and
 * the checks every request passes before a page sees it: a body within
 * limits, a live session (or an API token), and on every state-changing
 * form a CSRF token equal to the session's.
 */
#include "web/routes.h"

#include <stdio.h>
#include <string.h>

#include "core/docrequest.h"
#include "core/session.h"
#include "web/pages.h"
#include "web/api.h"
#include "web/errtext.h"
#include "web/form_carry.h"
#include "web/form_once.h"
#include "web/form_state.h"
#include "web/respond.h"
#include "web/pending.h"
#include "web/uploads.h"

/* Who may ask: anyone, or a signed-in user (a session or API token). */
enum { ROUTE_PUBLIC = 0, ROUTE_STAFF = 1 };

/* The pages' routes, made by scripts/gen-routes from each page's
 * "PAGE: METHOD /path  access: ..." comment (see web/page.h). Read twice:
 * first for the functions that open the page context of each page
 * function taking `page *p` (PAGE_OPENED), then for the table (ROUTE). */
#define PAGE_OPENED(fn)                                                                                               \
	static enum MHD_Result fn##_opened(request *r)                                                                \
	{                                                                                                             \
		return page_run(r, fn);                                                                               \
	}
#define ROUTE(method, path, fn, auth, takes)
#include "web_routes.inc"
#undef PAGE_OPENED
#undef ROUTE
#define PAGE_OPENED(fn)
#define ROUTE(method, path, fn, auth, takes) { method, path, ROUTE_FN_##takes(fn), auth },
#define ROUTE_FN_PAGE(fn) fn##_opened
#define ROUTE_FN_REQUEST(fn) fn
static const struct route {
	const char *method;
	const char *path;
	page_fn fn;
	int auth;
} routes[] = {
#include "web_routes.inc"
	/* Routes of the page files that have no route comments yet; a route
	 * moves out of here when its page gets its comment (gen-routes refuses
	 * a route given in both places). */
};

static int secure_cookies;

void routes_set_secure(int secure)
{
	secure_cookies = secure;
}

int routes_behind_tls(void)
{
	return secure_cookies;
}

const char *routes_cookie_name(void)
{
	/* __Host- binds the cookie to this host and path and requires Secure,
	 * which only works over TLS. */
	return secure_cookies ? "__Host-kansli" : "kansli";
}

void routes_cookie(char *out, size_t len, const char *value, int expire)
{
	snprintf(out, len, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", routes_cookie_name(), value,
	         secure_cookies ? "; Secure" : "", expire ? "; Max-Age=0" : "");
}

/* The page's language before anyone is known: ?lang= (the public pages'
 * switch, carried on by their links, since they set no cookies), else the
 * browser's Accept-Language. Staff get their own setting in authenticate
 * unless the address names a language.
 * Set on every entry: the thread may have rendered in another language
 * for another connection meanwhile. */
static void choose_language(request *r)
{
	int asked = i18n_parse(req_query(r, "lang"));
	r->lang_asked = asked >= 0;
	r->lang = asked >= 0 ? (ui_lang)asked : i18n_from_accept(req_header(r, "Accept-Language"));
	i18n_use(r->lang);
}

/* Who is asking, from the session cookie or the API token, on the
 * thread's connection; 0, or -1 with the answer queued in *ret. Done anew
 * at dispatch: the thread may have served other requests meanwhile. */
static int authenticate(request *r, int api, enum MHD_Result *ret)
{
	kerr e = KERR_INIT;
	r->k = server_kansli(&e);
	if (!r->k) {
		*ret = api ? web_json_error(r, 503, "unavailable", "database unavailable")
		           : web_error_page(r, 503, _("Diariet kan inte läsas just nu."));
		return -1;
	}
	/* The connection is the thread's; who acts is decided anew each time,
	 * and until a session or token says otherwise it is the public. */
	r->k->user_id = -1;
	snprintf(r->k->actor, sizeof r->k->actor, "web:anonymous");
	r->logged_in = r->via_token = 0;
	memset(&r->gone, 0, sizeof r->gone);
	const char *auth = req_header(r, "Authorization");
	int rc;
	if (auth && !strncmp(auth, "Bearer ", 7)) {
		if ((rc = token_resume(r->k, auth + 7, &r->s, &e)) == 0) {
			r->logged_in = r->via_token = 1;
			/* when and by what a token was last used is for the
			 * administrator's lists; not noting it is no refusal */
			token_touch(r->k, r->s.token_id, r->s.token_seen, req_header(r, "User-Agent"), NULL);
		} else if (api && rc == KERR_DENIED) {
			*ret = web_json_error(r, 401, "unauthorized", e.msg);
			return -1;
		}
	} else if ((rc = session_resume(r->k, req_cookie(r, routes_cookie_name()), &r->s, &e)) == 0) {
		r->logged_in = 1;
	} else if (rc == KERR_DENIED && r->s.ended != SESSION_LIVE) {
		/* not who is asking: only what their form is kept for, and
		 * the language the login page asks them in */
		r->gone = r->s;
		memset(&r->s, 0, sizeof r->s);
		if (!r->lang_asked && i18n_parse(r->gone.language) >= 0) {
			r->lang = (ui_lang)i18n_parse(r->gone.language);
			i18n_use(r->lang);
		}
	}
	/* A token or session that could not be read is the storage's error,
	 * not a logged-out visitor: answering as the public would show a
	 * different page with success. */
	if (rc && rc != KERR_DENIED) {
		*ret = api ? web_json_error(r, web_status_for(rc), kerr_code_name(rc), e.msg)
		           : web_error_page(r, web_status_for(rc), _("Diariet kan inte läsas just nu."));
		return -1;
	}
	if (r->logged_in) {
		r->k->user_id = r->s.user_id;
		snprintf(r->k->actor, sizeof r->k->actor, "user:%s", r->s.username);
		/* The user's setting, unless the address asks for a language
		 * (a public page's switch); a token's session (the API) has none. */
		if (!r->lang_asked && i18n_parse(r->s.language) >= 0) {
			r->lang = (ui_lang)i18n_parse(r->s.language);
			i18n_use(r->lang);
		}
	}
	return 0;
}

static const struct route *find_route(request *r)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const struct route *rt = &routes[i];
		if (!strcmp(rt->path, r->url) && (!strcmp(rt->method, r->method) ||
		    (!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET"))))
			return rt;
	}
	return NULL;
}

static int takes_body(const char *method)
{
	return !strcmp(method, "POST") || !strcmp(method, "PUT") || !strcmp(method, "PATCH") ||
	       !strcmp(method, "DELETE");
}

int routes_admit(request *r, enum MHD_Result *ret)
{
	choose_language(r);
	/* Without a body there is nothing to decide before it. */
	if (!req_declares_body(r))
		return 1;
	int api = !strncmp(r->url, "/api/", 5);
	if (authenticate(r, api, ret))
		return 0;
	int64_t max = 0;
	int files = 0;
	if (takes_body(r->method)) {
		if (api) {
			if (api_admit(r) == API_LOGIN && r->logged_in) {
				max = REQ_MAX_UPLOAD;
				files = 1;
			}
		} else {
			const struct route *rt = find_route(r);
			if (rt && rt->auth == ROUTE_STAFF && (r->logged_in || form_carry_may_keep(r))) {
				/* a staff form; also one sent after its session
				 * timed out, read to be kept for the next login */
				max = REQ_MAX_UPLOAD;
				files = 1;
			} else if (rt && rt->auth == ROUTE_PUBLIC) {
				/* a form; no files from the anonymous, the login
				 * form is tiny, and a request for documents is
				 * read whole up to what it can be answered with,
				 * its text kept (REQ_MAX_PUBLIC_REQUEST) */
				max = !strcmp(rt->path, "/login") ? REQ_MAX_LOGIN
				      : !strcmp(rt->path, "/offentlig/begar") ? REQ_MAX_PUBLIC_REQUEST : REQ_MAX_PUBLIC;
				r->anonymous = 1;
			}
		}
	}
	/* Unknown route, wrong method, not logged in, or a method without a
	 * body: the answer is given now and the body is never read (the
	 * connection is closed after the answer). */
	if (!max) {
		*ret = routes_dispatch(r);
		return 0;
	}
	/* A small form is sent in far less time: a client dripping one holds
	 * its slot no longer than this. */
	if (r->anonymous)
		req_limit_deadline(r, REQ_ANON_DEADLINE);
	unsigned status = req_open_body(r, max, files);
	/* A browser sends a form's length; a chunked body's chunk sizes can be
	 * dripped a digit at a time without any of it reaching the deadline's
	 * check, so the anonymous must say the length. */
	if (!status && r->anonymous && req_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		status = MHD_HTTP_LENGTH_REQUIRED;
	if (!status && uploads_acquire(r->address, r->anonymous) != 0) {
		*ret = api ? web_json_error(r, 503, "busy", "too many uploads at once; try again shortly")
		           : web_error_page(r, 503, _("Servern tar emot för många filer just nu. Försök igen om en stund."));
		return 0;
	}
	if (status) {
		r->reject_status = status;
		*ret = routes_dispatch(r);
		return 0;
	}
	r->upload_slot = 1;
	return 1;
}

page_fn routes_staff_page(const char *path)
{
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (routes[i].auth == ROUTE_STAFF && !strcmp(routes[i].method, "GET") && !strcmp(routes[i].path, path))
			return routes[i].fn;
	return NULL;
}

enum MHD_Result routes_refuse(request *r, const char *message_sv, const char *message_en)
{
	if (!strncmp(r->url, "/api/", 5))
		return web_json_error(r, 400, "bad_request", message_en);
	return web_error_page(r, 400, message_sv);
}

/* A form whose value held what is not text (req_text_clean removed it):
 * refused, nothing done, and shown again with every value as cleaned and
 * the message at the field; every form gets this here, none by itself. */
static enum MHD_Result text_refused(request *r, const struct route *rt)
{
	char msg[400];
	const char *label = errtext_input_label(r->text_cleaned);
	if (label)
		snprintf(msg, sizeof msg, _("Fältet ”%s” innehöll tecken som inte är text (styrtecken eller ogiltiga "
		         "byte, till exempel från inklistrad text). De har tagits bort. Kontrollera texten och skicka "
		         "igen."), label);
	else
		snprintf(msg, sizeof msg, "%s", _("Fältet innehöll tecken som inte är text (styrtecken eller ogiltiga "
		         "byte, till exempel från inklistrad text). De har tagits bort. Kontrollera texten och skicka "
		         "igen."));
	kerr e = KERR_INIT;
	kerr_field(&e, KERR_INVALID, r->text_cleaned, KWHY_FORMAT, "a form field held a control character");
	enum MHD_Result ret;
	if (rt->auth == ROUTE_STAFF && form_state_refuse(r, &e, msg, 422, &ret))
		return ret;
	/* the public forms are written again by their own pages, the
	 * message put at the field when the page is sent */
	if (!strcmp(rt->path, "/login") || !strcmp(rt->path, "/offentlig/begar")) {
		form_state_mark(r, &e, msg, 422);
		return !strcmp(rt->path, "/login") ? page_login_again(r, 422, NULL) : page_request_again(r, 422, NULL);
	}
	return web_error_page(r, 400, msg);
}

/* An uploaded file with nothing in it (one not saved yet, a download cut
 * short) would be registered as an empty document for good: the form is
 * refused at its file field and shown again whole. 1 with *ret; 0 when
 * every file has content. */
static int empty_file_refused(request *r, enum MHD_Result *ret)
{
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (!f->filename || f->size > 0)
			continue;
		char msg[600];
		snprintf(msg, sizeof msg, _("Filen ”%s” är tom (0 byte), så ingenting har sparats. Välj filen med "
		         "innehållet och skicka igen."), f->filename);
		kerr e = KERR_INIT;
		kerr_field(&e, KERR_INVALID, "file", KWHY_REQUIRED, "the file '%s' is empty", f->filename);
		r->error_input = f->name;
		if (!form_state_refuse(r, &e, msg, 422, ret))
			*ret = web_error_page(r, 422, msg);
		return 1;
	}
	return 0;
}

/* Whether the browser says the request came from one of kansli's own
 * pages: Sec-Fetch-Site (every current browser sends it) must be
 * "same-origin". A sibling subdomain is "same-site": its SameSite=Strict
 * cookie goes along, so a page there could post a form and would get it
 * back with a valid token; it gets the plain refusal. */
static int from_own_page(request *r)
{
	const char *site = req_header(r, "Sec-Fetch-Site");
	return site && !strcmp(site, "same-origin");
}

/* A staff form whose CSRF token is not the session's: the page was from
 * an earlier session (the user logged in again, in another tab) or was
 * forged. Nothing is done; a browser session's form comes back whole on
 * its page, with this session's token, its files held, for the user to
 * check and send again, when it was sent from one of kansli's own pages
 * (from_own_page). A forged form gains nothing by it: the answer, token and
 * all, goes to the user's own browser, which a cross-site sender cannot
 * read (and SameSite=Strict sends no cookie with it). */
static enum MHD_Result csrf_stale(request *r)
{
	const char *msg = N_("Formuläret hade gått ut (du har loggat in på nytt eller varit inaktiv länge), så "
	                     "ingenting har sparats. Allt du fyllde i finns kvar: kontrollera uppgifterna och skicka igen.");
	kerr e = KERR_INIT;
	kerr_set(&e, KERR_DENIED, "the form's CSRF token is not the session's");
	enum MHD_Result ret;
	/* the files a form shown earlier held come back with it */
	if (!r->via_token && from_own_page(r) && !pending_claim(r) && form_state_refuse(r, &e, msg, 403, &ret))
		return ret;
	return web_error_page(r, 403, _("Formuläret har gått ut. Ladda om sidan och försök igen."));
}

enum MHD_Result routes_dispatch(request *r)
{
	int api = !strncmp(r->url, "/api/", 5);
	choose_language(r);
	if (r->reject_status) {
		/* Swedish msgids: the API's JSON carries them as they are */
		const char *msg = r->reject_status == 413 ? N_("Begäran är för stor.")
			: r->reject_status == 415 ? N_("Innehållstypen stöds inte.")
			: r->reject_status == 411 ? N_("Begäran saknar längd (Content-Length).") : N_("Begäran kunde inte läsas.");
		if (api)
			return web_json_error(r, r->reject_status, r->reject_status == 413 ? "too_large"
			                      : r->reject_status == 415 ? "unsupported_media_type"
			                      : r->reject_status == 411 ? "length_required" : "bad_request", msg);
		/* the public's request for documents: its form again, saying
		 * what was too large (its text could not be read, so is not
		 * there to keep) */
		if (r->reject_status == 413 && !strcmp(r->method, "POST") && !strcmp(r->url, "/offentlig/begar")) {
			char words[400];
			snprintf(words, sizeof words, _("Begäran var för stor för att tas emot, så det du skrev kom inte fram. "
			         "Beskriv vilka handlingar du vill ta del av med högst %d tecken och skicka igen."),
			         REQUEST_TEXT_MAX);
			return page_request_again(r, 413, words);
		}
		return web_error_page(r, r->reject_status, msg);
	}
	char field[80];
	int bad_text = req_text_invalid(r, field, sizeof field);
	/* A pasted control character or stray byte in a form's value is the
	 * user's slip, not an attack on the address: the value is cleaned and
	 * the form comes back whole with the error at that field (text_refused,
	 * once the sender and the form's route are known). */
	if (bad_text && !api && !strcmp(r->method, "POST") &&
	    req_text_clean(r, r->text_cleaned, sizeof r->text_cleaned) == 1)
		bad_text = 0;
	if (bad_text) {
		char msg[200];
		if (api) {
			snprintf(msg, sizeof msg, "%s%s%s is not text: invalid UTF-8, a NUL or a control character",
			         *field ? "the field \"" : "a field name", field, *field ? "\"" : "");
			return web_json_error(r, 400, "bad_text", msg);
		}
		if (*field)
			snprintf(msg, sizeof msg, _("Fältet ”%s” innehåller otillåtna tecken (ogiltig UTF-8 eller styrtecken). "
			         "Ingenting har sparats."), field);
		else
			snprintf(msg, sizeof msg, "%s", _("Ett fältnamn innehåller otillåtna tecken (ogiltig UTF-8 eller "
			         "styrtecken). Ingenting har sparats."));
		return web_error_page(r, 400, msg);
	}
	req_text_nfc(r);
	enum MHD_Result ret;
	if (authenticate(r, api, &ret))
		return ret;
	if (api)
		return api_dispatch(r);

	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const struct route *rt = &routes[i];
		if (strcmp(rt->path, r->url))
			continue;
		if (strcmp(rt->method, r->method) && !(!strcmp(r->method, "HEAD") && !strcmp(rt->method, "GET")))
			continue;
		if (rt->auth == ROUTE_STAFF && !r->logged_in) {
			/* logging out of a session that has ended is done */
			if (!strcmp(r->method, "GET") || !strcmp(rt->path, "/logout"))
				return web_redirect(r, "/login", NULL);
			/* the login form, and the form sent kept for after it
			 * when it can be (form_carry.h) */
			return form_carry_keep(r, from_own_page(r));
		}
		/* a password an administrator set is changed before anything
		 * else is done (core/account.h) */
		if (rt->auth == ROUTE_STAFF && r->s.must_change && strcmp(rt->path, "/losenord") &&
		    strcmp(rt->path, "/logout"))
			return web_redirect(r, "/losenord", NULL);
		if (rt->auth == ROUTE_STAFF && !strcmp(rt->method, "POST") &&
		    !session_secret_equal(req_form(r, "csrf"), r->s.csrf))
			return csrf_stale(r);
		/* the files a refused form held come back with it (pending.h) */
		if (rt->auth == ROUTE_STAFF && !strcmp(rt->method, "POST") && pending_claim(r))
			return web_error_page(r, 413, N_("Formuläret har för många fält och filer."));
		if (*r->text_cleaned)
			return text_refused(r, rt);
		if (rt->auth == ROUTE_STAFF && !strcmp(rt->method, "POST") && empty_file_refused(r, &ret))
			return ret;
		/* a form kept over a login comes back filled in on its page */
		if (rt->auth == ROUTE_STAFF && !strcmp(r->method, "GET") && form_carry_due(r, &ret))
			return ret;
		if (rt->auth == ROUTE_STAFF)
			return form_once_call(r, rt->fn);
		return rt->fn(r);
	}
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
		if (!strcmp(routes[i].path, r->url))
			return web_error_page(r, 405, _("Metoden stöds inte för den här adressen."));
	return web_error_page(r, 404, _("Adressen finns inte i kansli."));
}
