/*
 * api_etag.c — the API's ETags, a hash of the answer's bytes; see
 * api_etag.h. The answer is made in full before its hash (a handler does
 * the work either way): what 304 saves is the transfer and the client's
 * processing, which is what a polling integrator pays for.
 */
#include "web/api_etag.h"

#include <stdio.h>
#include <string.h>

#include "util/hash.h"

/* 1 when the If-None-Match list (RFC 9110: "*", or ETags separated by
 * commas, weak ones as W/"...") names etag. */
static int names(const char *list, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (!strncmp(p, "W/", 2))
			p += 2; /* weak comparison, as If-None-Match asks */
		if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t'))
			return 1;
		const char *next = strchr(p, ',');
		if (!next)
			break;
		p = next;
	}
	return 0;
}

int api_etag(request *r, unsigned status, const char *body, size_t len, char etag[API_ETAG_LEN])
{
	etag[0] = '\0';
	if (status != 200 || strncmp(r->url, "/api/", 5) || (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")))
		return -1;
	unsigned char h[HASH_LEN];
	char hex[33]; /* the first 16 bytes: enough to tell answers apart */
	hash_sha256(body, len, h);
	hash_hex(h, 16, hex);
	snprintf(etag, API_ETAG_LEN, "\"%s\"", hex);
	const char *inm = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "If-None-Match");
	return inm && names(inm, etag);
}
