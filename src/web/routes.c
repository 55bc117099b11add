/*
 * routes.c — the pages the server answers until the staff web application
 * lands: /healthz for monitors, and a start page that names the
 * installation and its organisations with their registry volumes.
 */
#include "web/routes.h"

#include <string.h>

#include "core/stats.h"
#include "util/buf.h"
#include "web/html.h"

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, const char *type, buf *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(body->len, body->s,
	                                                         MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	server_security_headers(r);
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	buf_free(body);
	return ret;
}

static enum MHD_Result page_health(struct MHD_Connection *c)
{
	kerr e = KERR_INIT;
	buf b = BUF_INIT;
	kansli *k = server_kansli(&e);
	if (!k || stats_ping(k, &e)) {
		buf_printf(&b, "{\"status\":\"error\",\"message\":\"%s\"}\n", "database unavailable");
		return respond(c, MHD_HTTP_SERVICE_UNAVAILABLE, "application/json", &b);
	}
	buf_adds(&b, "{\"status\":\"ok\"}\n");
	return respond(c, MHD_HTTP_OK, "application/json", &b);
}

static enum MHD_Result page_start(struct MHD_Connection *c)
{
	kerr e = KERR_INIT;
	buf b = BUF_INIT;
	kansli *k = server_kansli(&e);
	json_t *orgs = k ? stats_organisations(k, &e) : NULL;
	html_begin(&b, "kansli – diarium");
	html_raw(&b, "<main><h1>kansli</h1>\n");
	if (!orgs) {
		html_raw(&b, "<p>Diariet kan inte läsas just nu.</p></main>");
		html_end(&b);
		return respond(c, MHD_HTTP_SERVICE_UNAVAILABLE, "text/html; charset=utf-8", &b);
	}
	html_raw(&b, "<p>Diarium, ärenden och sammanträden. Organisationer i installationen:</p>\n"
	             "<table><thead><tr><th scope=\"col\">Organisation</th><th scope=\"col\">Ärenden</th>"
	             "<th scope=\"col\">Handlingar</th></tr></thead><tbody>\n");
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		html_raw(&b, "<tr><td>");
		html_text(&b, json_string_value(json_object_get(o, "name")));
		html_raw(&b, "</td><td>");
		buf_printf(&b, "%lld", (long long)json_integer_value(json_object_get(o, "cases")));
		html_raw(&b, "</td><td>");
		buf_printf(&b, "%lld", (long long)json_integer_value(json_object_get(o, "records")));
		html_raw(&b, "</td></tr>\n");
	}
	buf_printf(&b, "</tbody></table>\n<p>Granskningsloggen har %lld signerade händelser.</p></main>\n",
	           (long long)stats_log_size(k, &e));
	json_decref(orgs);
	html_end(&b);
	return respond(c, MHD_HTTP_OK, "text/html; charset=utf-8", &b);
}

enum MHD_Result routes_dispatch(struct MHD_Connection *c, const char *method, const char *url)
{
	buf b = BUF_INIT;
	if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
		buf_adds(&b, "Metoden stöds inte.\n");
		return respond(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", &b);
	}
	if (!strcmp(url, "/healthz"))
		return page_health(c);
	if (!strcmp(url, "/"))
		return page_start(c);
	html_begin(&b, "Sidan finns inte – kansli");
	html_raw(&b, "<main><h1>Sidan finns inte</h1><p>Adressen ");
	html_text(&b, url);
	html_raw(&b, " finns inte i kansli.</p><p><a href=\"/\">Till startsidan</a></p></main>\n");
	html_end(&b);
	return respond(c, MHD_HTTP_NOT_FOUND, "text/html; charset=utf-8", &b);
}
