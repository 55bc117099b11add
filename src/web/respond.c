/* respond.c — responses with security headers; see respond.h. */
#include "web/respond.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/err.h"
#include "util/hash.h"
#include "web/api_etag.h"
#include "web/api_idempotency.h"
#include "web/api_ratelimit.h"
#include "web/api_record.h"
#include "web/errtext.h"
#include "web/form_state.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/wayback.h"

void web_security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; "
	                        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
}

static enum MHD_Result find_cache_control(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	if (!strcasecmp(key, "Cache-Control"))
		snprintf(cls, 128, "%s", value);
	return MHD_YES;
}

void web_response_headers(request *r, struct MHD_Response *resp)
{
	web_security_headers(resp);
	/* What a page shows can depend on who asks: a cache keys on the
	 * cookie, and nothing answered to a session (or an API token) is kept
	 * by any cache, shared or the browser's, even a public page. */
	MHD_add_response_header(resp, "Vary", "Cookie, Accept-Language");
	if (!req_cookie(r, routes_cookie_name()) && !req_header(r, "Authorization"))
		return;
	char cc[128] = "";
	MHD_get_response_headers(resp, find_cache_control, cc);
	if (*cc)
		MHD_del_response_header(resp, "Cache-Control", cc);
	MHD_add_response_header(resp, "Cache-Control", "private, no-store");
}

static enum MHD_Result queue(request *r, unsigned status, struct MHD_Response *resp)
{
	web_response_headers(r, resp);
	api_ratelimit_headers(r, resp);
	if (r->api_link)
		MHD_add_response_header(resp, "Link", r->api_link);
	if (r->api_replayed)
		MHD_add_response_header(resp, "Idempotent-Replayed", "true");
	r->status = status;
	enum MHD_Result ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

enum MHD_Result web_send(request *r, unsigned status, const char *type, buf *body)
{
	if (r->held && !r->held->kept) {
		api_held_keep(r->held, status, type, NULL, body);
		return MHD_YES;
	}
	char etag[API_ETAG_LEN];
	if (api_etag(r, status, body->s ? body->s : "", body->len, etag) == 1) {
		/* the client's copy is this answer: 304, no body */
		buf_free(body);
		api_record(r, 304, NULL, "", 0);
		struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(resp, "ETag", etag);
		MHD_add_response_header(resp, "Cache-Control", "no-store");
		return queue(r, MHD_HTTP_NOT_MODIFIED, resp);
	}
	api_record(r, status, type, body->s ? body->s : "", body->len);
	struct MHD_Response *resp = MHD_create_response_from_buffer(body->len, body->s ? body->s : (char *)"",
	                                                            MHD_RESPMEM_MUST_COPY);
	buf_free(body);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (*etag)
		MHD_add_response_header(resp, "ETag", etag);
	return queue(r, status, resp);
}

enum MHD_Result web_html(request *r, unsigned status, buf *body)
{
	form_state_finish(r, &status, body);
	return web_send(r, status, "text/html; charset=utf-8", body);
}

void web_form_token(char token[33])
{
	unsigned char raw[16];
	randombytes_buf(raw, sizeof raw);
	hash_hex(raw, sizeof raw, token);
}

enum MHD_Result web_html_token(request *r, unsigned status, buf *body, const char *name, const char *token,
                               const char *path)
{
	char cookie[200];
	form_state_finish(r, &status, body);
	snprintf(cookie, sizeof cookie, "%s=%s; Path=%s; HttpOnly; SameSite=Strict", name, token, path);
	struct MHD_Response *resp = MHD_create_response_from_buffer(body->len, body->s ? body->s : (char *)"",
	                                                            MHD_RESPMEM_MUST_COPY);
	buf_free(body);
	MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Set-Cookie", cookie);
	return queue(r, status, resp);
}

/* Every error envelope carries a Swedish sentence beside core's English
 * message (docs/API.md): one the caller worded (api_fail, from the field
 * and reason), else the one for its code. */
static void error_swedish(json_t *v)
{
	json_t *err = json_object_get(v, "error");
	const char *code = json_string_value(json_object_get(err, "code"));
	if (code && !json_object_get(err, "message_sv"))
		json_object_set_new(err, "message_sv", json_string(errtext_api_code_sv(code)));
}

enum MHD_Result web_json(request *r, unsigned status, json_t *v)
{
	buf b = BUF_INIT;
	if (status >= 400)
		error_swedish(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	buf_adds(&b, s ? s : "null");
	buf_addc(&b, '\n');
	free(s);
	return web_send(r, status, "application/json", &b);
}

enum MHD_Result web_json_error(request *r, unsigned status, const char *code, const char *message)
{
	return web_json(r, status, json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message));
}

enum MHD_Result web_json_too_many(request *r, int retry_after, const char *message)
{
	json_t *v = json_pack("{s:{s:s,s:s}}", "error", "code", "too_many_requests", "message", message);
	error_swedish(v);
	char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!s)
		return MHD_NO;
	api_record(r, 429, "application/json", s, strlen(s));
	struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_COPY);
	free(s);
	char seconds[24];
	snprintf(seconds, sizeof seconds, "%d", retry_after);
	MHD_add_response_header(resp, "Content-Type", "application/json");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "Retry-After", seconds);
	return queue(r, 429, resp);
}

enum MHD_Result web_redirect(request *r, const char *location, const char *set_cookie)
{
	if (r->held && !r->held->kept && !set_cookie) {
		/* a form done once keeps where it led (web/form_once.h) */
		buf loc = BUF_INIT;
		buf_adds(&loc, location);
		api_held_keep(r->held, MHD_HTTP_SEE_OTHER, "redirect", NULL, &loc);
		return MHD_YES;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, "Location", location);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", set_cookie);
	return queue(r, MHD_HTTP_SEE_OTHER, resp);
}

/* RFC 6266 / 8187: an ASCII fallback and the real UTF-8 name. */
static void content_disposition(buf *b, const char *filename)
{
	buf_adds(b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++)
		buf_addc(b, (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') ? '_' : (char)*p);
	buf_adds(b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			buf_addc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

enum MHD_Result web_send_download(request *r, unsigned status, const char *type, const char *filename, buf *body)
{
	api_record(r, status, type, NULL, body->len);
	struct MHD_Response *resp = MHD_create_response_from_buffer(body->len, body->s ? body->s : (char *)"",
	                                                            MHD_RESPMEM_MUST_COPY);
	buf_free(body);
	buf cd = BUF_INIT;
	content_disposition(&cd, filename);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Content-Disposition", cd.s);
	MHD_add_response_header(resp, "Cache-Control", "private, no-store");
	buf_free(&cd);
	return queue(r, status, resp);
}

enum MHD_Result web_file(request *r, const char *path, const char *media_type, const char *filename)
{
	if (r->held && !r->held->kept) {
		/* an answer the API holds for its Idempotency-Key is kept whole */
		buf data = BUF_INIT;
		if (buf_read_file(&data, path)) {
			buf_free(&data);
			return web_error_page(r, MHD_HTTP_NOT_FOUND, _("Filen finns inte i arkivet."));
		}
		api_held_keep(r->held, MHD_HTTP_OK, media_type && *media_type ? media_type : "application/octet-stream",
		              filename, &data);
		return MHD_YES;
	}
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return web_error_page(r, MHD_HTTP_NOT_FOUND, _("Filen finns inte i arkivet."));
	}
	api_record(r, MHD_HTTP_OK, media_type && *media_type ? media_type : "application/octet-stream", NULL,
	           (size_t)st.st_size);
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	buf cd = BUF_INIT;
	content_disposition(&cd, filename);
	MHD_add_response_header(resp, "Content-Type", media_type && *media_type ? media_type
	                                                                        : "application/octet-stream");
	MHD_add_response_header(resp, "Content-Disposition", cd.s);
	MHD_add_response_header(resp, "Cache-Control", "private, no-store");
	buf_free(&cd);
	return queue(r, MHD_HTTP_OK, resp);
}

unsigned web_status_for(int code)
{
	switch (code) {
	case KERR_INVALID: return MHD_HTTP_UNPROCESSABLE_CONTENT;
	case KERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
	case KERR_CONFLICT: return MHD_HTTP_CONFLICT;
	case KERR_DENIED: return MHD_HTTP_FORBIDDEN;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* No dead ends: a staff error page leads back to where the user was: the
 * page a form was sent from, or else the list the page belongs to (the
 * browser sends no Referer: Referrer-Policy is no-referrer). */
static void web_way_back(buf *b, request *r)
{
	static const char *const lists[][3] = {
		{ "/arende", "/arenden", N_("Till ärendelistan") }, { "/handling", "/handlingar", N_("Till handlingarna") },
		{ "/fil", "/handlingar", N_("Till handlingarna") },
		{ "/sammantrade", "/sammantraden", N_("Till sammanträdena") },
		{ "/sammantrade/kallelse.pdf", "/sammantraden", N_("Till sammanträdena") },
		{ "/arkiv/gallring", "/arkiv", N_("Till arkivet") }, { "/arkiv/plan", "/arkiv", N_("Till arkivet") },
		{ "/arkiv/leverans", "/arkiv", N_("Till arkivet") },
	};
	const char *from = form_state_from(r);
	if (from) {
		html_f(b, _("<a href=\"%s\">Tillbaka till sidan du var på</a> · "), from);
		return;
	}
	for (size_t i = 0; r && r->logged_in && i < sizeof lists / sizeof lists[0]; i++)
		if (!strcmp(r->url, lists[i][0])) {
			html_f(b, "<a href=\"%s\">%s</a> · ", lists[i][1], _(lists[i][2]));
			return;
		}
}

enum MHD_Result web_error_page(request *r, unsigned status, const char *message)
{
	buf b = BUF_INIT;
	const char *title = status == 404 ? _("Sidan finns inte") : status == 403 ? _("Åtkomst nekad")
		: status == 413 ? _("För stor begäran") : status >= 500 ? _("Något gick fel") : _("Felaktig begäran");
	layout_begin(&b, r, title);
	/* message is a msgid (or text already in the page's language, which
	 * no catalogue holds and so stays as it is) */
	html_f(&b, "<h1>%s</h1><p class=\"error\">%s</p>", title, _(message));
	if (r && r->logged_in && !wayback_public_path(r->url)) {
		/* Staff: back to the page the form was on, or its list. */
		html_f(&b, "<p>");
		web_way_back(&b, r);
		html_f(&b, _("<a href=\"/\">Till startsidan</a></p>"));
	} else {
		wayback_links(&b, r);
	}
	layout_end_r(&b, r);
	return web_html(r, status, &b);
}
