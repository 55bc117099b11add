/*
 * page_static.c — the one stylesheet, share/kansli.css, built into the
 * program and served from memory with a long cache lifetime and an ETag;
 * no inline styles anywhere, so the CSP can forbid them. Colours meet
 * WCAG 2.1 AA contrast (4.5:1 for text).
 */
#include <stdio.h>
#include <string.h>

#include "util/embed.h"
#include "util/hash.h"
#include "web/pages.h"
#include "web/respond.h"

/* share/kansli.css, built in (util/embed.h) */
EMBED(css, "share/kansli.css");

/* PAGE: GET /static/kansli.css  access: public */
enum MHD_Result page_css(request *r)
{
	/* the file's hash: a changed stylesheet is fetched again without
	 * anyone having to remember to name a new version */
	unsigned char h[HASH_LEN];
	char hex[2 * 8 + 1], etag[2 * 8 + 3];
	hash_sha256(css, (size_t)(css_end - css), h);
	hash_hex(h, 8, hex);
	snprintf(etag, sizeof etag, "\"%s\"", hex);
	const char *inm = req_header(r, "If-None-Match");
	struct MHD_Response *resp;
	unsigned status = 200;
	if (inm && !strcmp(inm, etag)) {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		status = 304;
	} else {
		resp = MHD_create_response_from_buffer((size_t)(css_end - css), (void *)css, MHD_RESPMEM_PERSISTENT);
	}
	MHD_add_response_header(resp, "Content-Type", "text/css; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=86400");
	MHD_add_response_header(resp, "ETag", etag);
	web_response_headers(r, resp);
	r->status = status;
	enum MHD_Result ret = MHD_queue_response(r->c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}
