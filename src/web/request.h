/*
 * request.h — one HTTP request as the pages see it: method, path, query,
 * cookies, form fields and uploaded files (streamed to temporary files),
 * a JSON body for the API, and who is asking.
 *
 * Bodies are parsed by libmicrohttpd's post processor (urlencoded and
 * multipart). Limits are enforced while reading: a body over the limit is
 * discarded and answered 413; an unknown content type 415.
 */
#ifndef KANSLI_REQUEST_H
#define KANSLI_REQUEST_H

#include <microhttpd.h>
#include <stdint.h>

#include "core/kansli.h"
#include "core/session.h"
#include "util/buf.h"

#define REQ_MAX_FIELDS 64
#define REQ_MAX_FILES 16
#define REQ_MAX_UPLOAD (50LL * 1024 * 1024)  /* per request, files included */
#define REQ_MAX_FORM (256 * 1024)           /* one text field */
#define REQ_MAX_JSON (1024 * 1024)

typedef struct req_field {
	char *name;
	buf value;           /* text fields */
	char *filename;      /* set for file parts */
	char tmp_path[4300]; /* file parts: where the content is */
	int fd;
	int64_t size;
} req_field;

typedef enum { BODY_NONE, BODY_FORM, BODY_JSON, BODY_REJECTED } body_kind;

typedef struct request {
	struct MHD_Connection *c;
	const char *method;
	const char *url;
	body_kind body;
	struct MHD_PostProcessor *pp;
	req_field fields[REQ_MAX_FIELDS];
	int nfields;
	int64_t body_bytes;
	unsigned reject_status; /* 413, 415 or 400 while reading the body */
	buf json;               /* raw JSON body */
	char tmpdir[4200];
	int64_t start_us;
	/* who: filled by routes_dispatch */
	kansli *k;
	session s;
	int logged_in;
	int via_token;
	char address[64];
	unsigned status; /* the status sent, for the access log */
} request;

/* Called by the server for each chunk of the body. 0, or the status to
 * answer with once the body has been read. */
void req_begin(request *r, struct MHD_Connection *c, const char *method, const char *url,
               const char *tmpdir);
void req_feed(request *r, const char *data, size_t size);
void req_finish_body(request *r);
void req_free(request *r);

const char *req_query(request *r, const char *name);
const char *req_form(request *r, const char *name);   /* text field or NULL */
const char *req_param(request *r, const char *name);  /* form, then query */
const char *req_cookie(request *r, const char *name);
const char *req_header(request *r, const char *name);
/* File fields named name with content, in order; returns the count. */
int req_files(request *r, const char *name, req_field **out, int max);
/* 1 if a query argument, form field or file name is not text (invalid
 * UTF-8, NUL, a control character; see util/encoding.h), with the field's
 * name in name ("" if the name itself is bad); else 0. (request_text.c) */
int req_text_invalid(request *r, char *name, size_t len);

#endif
