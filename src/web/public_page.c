/* public_page.c — what the public pages share; see public_page.h. */
#include "web/public_page.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "core/casenum.h"
#include "core/org.h"
#include "util/hash.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/ratelimit.h"
#include "web/respond.h"
#include "web/routes.h"
#include "web/view.h"
#include "web/wayback.h"

/* 1 when an If-None-Match header value names etag: a list of tags, or
 * "*"; the comparison is the weak one RFC 9110 asks of If-None-Match, so a
 * "W/" a cache put before the tag does not matter. */
static int etag_listed(const char *inm, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *p = inm; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2;
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

/* The validator of a public answer is the answer itself: its ETag is a
 * hash of the body as sent (language and all), and there is no
 * Last-Modified. Never the time of the installation's last change: every
 * write and every logged read of a secret, in any organisation, moves that
 * time, and the public would watch staff at work by polling. So every
 * answer is rendered, and one the client already has goes out as a
 * bodiless 304. */
enum MHD_Result public_send_cached(request *r, unsigned status, const char *type, buf *body)
{
	char etag[2 * 16 + 3] = "";
	if (status == 200) {
		unsigned char h[HASH_LEN];
		char hex[2 * 16 + 1];
		hash_sha256(body->s ? body->s : "", body->len, h);
		hash_hex(h, 16, hex); /* 128 bits tell answers apart */
		snprintf(etag, sizeof etag, "\"%s\"", hex);
		const char *inm = req_header(r, "If-None-Match");
		if (inm && etag_listed(inm, etag))
			status = 304;
	}
	struct MHD_Response *resp = status == 304
		? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
		: MHD_create_response_from_buffer(body->len, body->s ? body->s : (char *)"", MHD_RESPMEM_MUST_COPY);
	buf_free(body);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=60");
	if (*etag)
		MHD_add_response_header(resp, "ETag", etag);
	web_response_headers(r, resp);
	r->status = status;
	enum MHD_Result ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* 1 when the answer to r is data for programs (the API, data.json), not
 * a page for a person. */
static int wants_json(request *r)
{
	size_t n = strlen(r->url);
	return !strncmp(r->url, "/api/", 5) || (n >= 5 && !strcmp(r->url + n - 5, ".json"));
}

int public_limited(request *r, enum MHD_Result *ret)
{
	int wait = ratelimit_take(r->address);
	if (!wait)
		return 0;
	buf b = BUF_INIT;
	const char *type = "text/html; charset=utf-8";
	if (wants_json(r)) {
		type = "application/json";
		buf_printf(&b, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"too many requests; try again "
		           "in %d seconds\"}}\n", wait);
	} else {
		/* A person gets a page that says what happened and leads on. */
		layout_begin(&b, r, _("För många förfrågningar"));
		html_f(&b, _("<h1>För många förfrågningar</h1>\n<p class=\"error\" role=\"alert\">Du har gjort många "
		       "förfrågningar på kort tid. Försök igen om %d sekunder.</p>\n"), wait);
		wayback_links(&b, r);
		layout_end_r(&b, r);
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer(b.len, b.s, MHD_RESPMEM_MUST_COPY);
	buf_free(&b);
	char s[16];
	snprintf(s, sizeof s, "%d", wait);
	MHD_add_response_header(resp, "Retry-After", s);
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	web_response_headers(r, resp);
	r->status = 429;
	*ret = MHD_queue_response(r->c, 429, resp);
	MHD_destroy_response(resp);
	return 1;
}

void public_base_url(buf *b, request *r)
{
	/* The address the client used: its Host, when it is a plain host
	 * name or address with a port (anything else would put the client's
	 * text into every link); https behind TLS. */
	const char *host = req_header(r, "Host");
	int plain = host && *host && strlen(host) < 256;
	for (const char *p = host; plain && *p; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		        strchr(".-:[]", *p);
	buf_adds(b, routes_behind_tls() ? "https://" : "http://");
	buf_adds(b, plain ? host : "localhost");
}

int public_org(request *r, int64_t *org_id, kerr *e)
{
	const char *code = req_query(r, "org");
	if (!code || !*code)
		return kerr_set(e, KERR_INVALID, "choose an organisation (?org=)");
	return org_find(r->k, code, org_id, e);
}

int public_open(request *r, int64_t *org_id, enum MHD_Result *ret)
{
	if (public_limited(r, ret))
		return 1;
	kerr e = KERR_INIT;
	int rc = public_org(r, org_id, &e);
	if (rc == KERR_INVALID)
		*ret = web_error_page(r, web_status_for(rc), _("Välj vilken myndighets diarium eller anslagstavla du vill se."));
	else if (rc == KERR_NOTFOUND)
		*ret = web_error_page(r, 404, _("Det finns ingen myndighet med den koden här. Välj bland dem som finns."));
	else if (rc)
		*ret = page_fail(r, &e);
	return rc != 0;
}

void public_feed_begin(struct public_feed *f, const char *id, const char *title, const char *updated,
                       const char *self, const char *author)
{
	f->xb = xmlBufferCreate();
	f->w = xmlNewTextWriterMemory(f->xb, 0);
	xmlTextWriterStartDocument(f->w, NULL, "UTF-8", NULL);
	xmlTextWriterStartElementNS(f->w, NULL, BAD_CAST "feed", BAD_CAST "http://www.w3.org/2005/Atom");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "xml:lang", BAD_CAST i18n_code(i18n_current()));
	xmlTextWriterWriteElement(f->w, BAD_CAST "id", BAD_CAST id);
	xmlTextWriterWriteElement(f->w, BAD_CAST "title", BAD_CAST title);
	xmlTextWriterWriteElement(f->w, BAD_CAST "updated", BAD_CAST updated);
	if (self)
		public_feed_link(f, self);
	xmlTextWriterStartElement(f->w, BAD_CAST "author");
	xmlTextWriterWriteElement(f->w, BAD_CAST "name", BAD_CAST author);
	xmlTextWriterEndElement(f->w);
}

void public_feed_link(struct public_feed *f, const char *href)
{
	xmlTextWriterStartElement(f->w, BAD_CAST "link");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "rel", BAD_CAST "alternate");
	xmlTextWriterWriteAttribute(f->w, BAD_CAST "href", BAD_CAST href);
	xmlTextWriterEndElement(f->w);
}

const char *public_feed_updated(json_t *rows)
{
	const char *updated = PUBLIC_FEED_EMPTY_UPDATED;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row)
		if (strcmp(view_str(row, "published"), updated) > 0)
			updated = view_str(row, "published");
	return updated;
}

void public_feed_entry(struct public_feed *f, const char *id, const char *title, const char *published,
                       const char *link, const char *summary)
{
	xmlTextWriterStartElement(f->w, BAD_CAST "entry");
	xmlTextWriterWriteElement(f->w, BAD_CAST "id", BAD_CAST id);
	xmlTextWriterWriteElement(f->w, BAD_CAST "title", BAD_CAST title);
	xmlTextWriterWriteElement(f->w, BAD_CAST "updated", BAD_CAST published);
	xmlTextWriterWriteElement(f->w, BAD_CAST "published", BAD_CAST published);
	public_feed_link(f, link);
	xmlTextWriterWriteElement(f->w, BAD_CAST "summary", BAD_CAST summary);
	xmlTextWriterEndElement(f->w);
}

enum MHD_Result public_feed_send(request *r, struct public_feed *f)
{
	xmlTextWriterEndElement(f->w);
	xmlTextWriterEndDocument(f->w);
	xmlFreeTextWriter(f->w);
	buf b = BUF_INIT;
	buf_add(&b, xmlBufferContent(f->xb), (size_t)xmlBufferLength(f->xb));
	xmlBufferFree(f->xb);
	return public_send_cached(r, 200, "application/atom+xml; charset=utf-8", &b);
}

void public_org_links(buf *b, const request *r, json_t *orgs, const char *path)
{
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		html_f(b, "<li><a href=\"%s?org=%-s%s\">%s</a></li>", path, view_str(o, "code"), layout_lang_arg(r),
		       view_str(o, "name"));
}

void public_case_url(buf *b, const char *org, const char *number, int in_html)
{
	public_case_url_lang(b, org, number, in_html, "");
}

void public_case_url_lang(buf *b, const char *org, const char *number, int in_html, const char *lang_arg)
{
	char nr[CASENUM_MAX];
	snprintf(nr, sizeof nr, "%s", number ? number : "");
	/* A record number "KS 2026/0042-3" leads to its case, at its row. */
	char *slash = strchr(nr, '/'), *dash = strrchr(nr, '-');
	const char *doc = NULL;
	if (slash && dash > slash) {
		*dash = '\0';
		doc = dash + 1;
	}
	html_f(b, in_html ? "/offentlig/arende?org=%-s&amp;nr=%-s%s" : "/offentlig/arende?org=%-s&nr=%-s%s", org, nr,
	       in_html ? lang_arg : "");
	if (doc)
		html_f(b, "#handling-%-s", doc);
}

void public_cell(buf *b, const char *label, const char *text)
{
	html_f(b, "<td data-label=\"%s\">%s</td>", label, text);
}

void public_entry_cells(buf *b, json_t *row)
{
	public_cell(b, _("Riktning"), _(view_direction_sv(view_str(row, "direction"))));
	public_cell(b, _("Avsändare/mottagare"), view_str(row, "party"));
	html_f(b, _("<td data-label=\"Handlingen gäller\">%s"), view_str(row, "title"));
	if (view_str(row, "disposed"))
		html_f(b, " <span class=\"disposed\">%s</span>", view_str(row, "disposed"));
	html_f(b, "</td>");
}

void public_request_cell(buf *b, const request *r, const char *org, const char *number)
{
	html_f(b, _("<td data-label=\"Begär ut\"><a href=\"/offentlig/begar?org=%-s&amp;nr=%-s%s\">Begär ut"
	       "<span class=\"visually-hidden\"> %s</span></a></td>"), org, number, layout_lang_arg(r), number);
}

const char *public_case_title(json_t *o, const char *key, const char *published_key, char *text, size_t len)
{
	casenum n;
	if (!json_is_false(json_object_get(o, published_key)) || casenum_parse(view_str(o, "number"), &n, NULL))
		return view_str(o, key);
	/* the msgid is core/casetitle.h's CASE_TITLE_UNPUBLISHED */
	snprintf(text, len, _("Ärende i serie %s – rubriken är inte publicerad"), n.prefix);
	return text;
}
