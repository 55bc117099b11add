/*
 * request.h — one HTTP request as the pages see it: method, path, query,
 * cookies, form fields and uploaded files (streamed to temporary files),
 * a JSON body for the API, and who is asking.
 *
 * Bodies are parsed by libmicrohttpd's post processor (urlencoded and
 * multipart). Nothing of a body is read before its route and its sender
 * are allowed it (routes_admit): the limit of its route is checked against
 * Content-Length up front (413) and again while reading, an unknown
 * content type is 415, and the whole request has a deadline after which
 * its connection is closed. Uploaded files go to the scratch directory
 * and are removed when the request ends, however it ends.
 */
#ifndef KANSLI_REQUEST_H
#define KANSLI_REQUEST_H

#include <microhttpd.h>
#include <stdint.h>

#include "core/kansli.h"
#include "core/session.h"
#include "util/buf.h"
#include "web/i18n.h"

/* A meeting's attendance is one form: a full council (up to 101 ledamöter
 * and as many ersättare, two fields each) must fit. */
#define REQ_MAX_FIELDS 512
#define REQ_MAX_FILES 16
#define REQ_TMP_PATH 4300
#define REQ_FILENAME_MAX 255 /* bytes of an uploaded file's name (request.c: upload_name) */
#define REQ_MAX_UPLOAD (50LL * 1024 * 1024)  /* per request, files included */
#define REQ_MAX_PUBLIC (64 * 1024)          /* a form sent without logging in */
#define REQ_MAX_LOGIN (8 * 1024)            /* the login form: a name, a password, a token */
/* The public's request for documents: its text is at most 4000
 * characters (48 KiB percent-encoded at worst), but one pasted longer is
 * to come back with the reason and the text kept, not a bare 413; read
 * up to what one field may hold (REQ_MAX_FORM), with room for the form's
 * small fields. The anonymous pool, deadline and Content-Length rule of
 * every public form still hold. */
#define REQ_MAX_PUBLIC_REQUEST (REQ_MAX_FORM + 16 * 1024)
#define REQ_ANON_DEADLINE 10                /* seconds for a request without logging in */
#define REQ_MAX_FORM (256 * 1024)           /* one text field */
#define REQ_MAX_JSON (1024 * 1024)

typedef struct req_field {
	char *name;
	buf value;           /* text fields */
	char *filename;      /* set for file parts */
	char *tmp_path;      /* file parts: where the content is (REQ_TMP_PATH
	                      * bytes, held only by file parts, so that many
	                      * text fields cost little); NULL for text fields */
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
	int64_t max_body;       /* this route's limit, set by req_open_body */
	int allow_files;        /* file parts may be stored */
	int upload_slot;        /* holds a slot of web/uploads.c */
	int anonymous;          /* the body is sent without logging in: the anonymous pool */
	int answered;           /* answered from the headers alone */
	int64_t deadline_us;    /* the whole request, body included */
	unsigned reject_status; /* 413, 415 or 400 while reading the body */
	buf json;               /* raw JSON body */
	char tmpdir[4200];
	int64_t start_us;
	/* who: filled by routes_dispatch */
	kansli *k;
	session s;
	/* The session the cookie names when it is no longer live (gone.ended
	 * says why: a timeout, or logged out); else all zero. A form sent
	 * after a timeout is kept for the user's next login (form_carry.h). */
	session gone;
	int logged_in;
	int via_token;
	char address[64];
	/* the page's language (routes_language): the user's setting for
	 * staff; for the public ?lang= (then lang_asked, and the public
	 * pages' links carry it on), else Accept-Language */
	ui_lang lang;
	int lang_asked;
	unsigned status; /* the status sent, for the access log */
	/* the caller's API rate limit as counted for this call, for the
	 * RateLimit headers (web/api_ratelimit.h); api_limit 0: not counted */
	int api_limit, api_remaining, api_reset;
	/* The API's additions to its answer: a Link header to the next page
	 * of a list (web/api_page.h; freed by req_free), and
	 * Idempotent-Replayed on an answer replayed for an Idempotency-Key. */
	char *api_link;
	int api_replayed;
	/* While set, web_send keeps the answer here instead of sending it:
	 * the API holds a POST's answer until it is committed with its
	 * Idempotency-Key (web/api_idempotency.h). */
	struct api_held *held;
	/* A refused form's page being shown again (web/form_state.h): its
	 * query stands in for the request's. Freed by req_free. */
	struct form_state *form;
	/* A form field held what is not text and was cleaned
	 * (req_text_clean): its name, for the form shown again; else "". */
	char text_cleaned[80];
	/* When core's field is entered in more than one input of the form
	 * (a record's and a new case's title are both core's "title"): the
	 * input the page knows was refused, for form_state; else NULL. */
	const char *error_input;
} request;

/* The server's limits for every request: a deadline in seconds for the
 * whole request, and the idle timeout it never exceeds. */
void req_configure(int deadline_seconds, int idle_seconds);
/* With the request line and headers only: who, what, when. */
void req_begin(request *r, struct MHD_Connection *c, const char *method, const char *url,
               const char *tmpdir);
/* Brings the request's deadline to at most seconds from its start. */
void req_limit_deadline(request *r, int seconds);
/* 1 when the path of a raw request target (as sent, before decoding)
 * holds a control character or NUL, sent as is or percent-encoded: the
 * decoded path would be cut short at a NUL, or carry a line break. */
int req_raw_path_bad(const char *uri);
/* 1 when the body's framing is ambiguous: Content-Length given twice, or
 * together with Transfer-Encoding. A proxy in front may read such a
 * request differently, so it is refused (400) before anything else. */
int req_framing_ambiguous(request *r);
/* Whether the request announces a body (Content-Length > 0 or chunked). */
int req_declares_body(request *r);
/* Prepares to read the body of an allowed request, with at most max_body
 * bytes and (allow_files) file parts: 0, or the status (413, 415, 400)
 * to answer with at once, before any of the body is read. */
unsigned req_open_body(request *r, int64_t max_body, int allow_files);
/* One chunk of the body: 0, or -1 when its connection is to be closed:
 * the request's deadline has passed, or the body has grown past its limit
 * (a chunked body declares no length up front; once it is too large,
 * nothing more of it is read). */
int req_feed(request *r, const char *data, size_t size);
void req_finish_body(request *r);
void req_free(request *r);

const char *req_query(request *r, const char *name);
const char *req_form(request *r, const char *name);   /* text field or NULL */
const char *req_param(request *r, const char *name);  /* form, then query */
const char *req_cookie(request *r, const char *name);
const char *req_header(request *r, const char *name);
/* Typed parameters (request_param.c), form field first, then query.
 * req_str: the value, or "" when absent; never NULL.
 * req_int: a decimal integer within [min, max] into *out: 0; REQ_ABSENT
 * when the parameter is missing or empty (*out and e untouched, so the
 * caller's default stands); KERR_INVALID with a Swedish message naming the
 * field in e when it is not a number or out of range. */
#define REQ_ABSENT 1
const char *req_str(request *r, const char *name);
int req_int(request *r, const char *name, int64_t min, int64_t max, int64_t *out, kerr *e);
/* 1 when a form field name (a checkbox, which may repeat) has value. */
int req_form_has(request *r, const char *name, const char *value);
/* File fields named name with content, in order; returns the count. */
int req_files(request *r, const char *name, req_field **out, int max);
/* 1 if a query argument, form field or file name is not text (invalid
 * UTF-8, NUL, a control character; see util/encoding.h), with the field's
 * name in name ("" if the name itself is bad); else 0. (request_text.c) */
int req_text_invalid(request *r, char *name, size_t len);
/* For a form that is to be shown again rather than refused whole: when
 * what is not text lies only in the values of text fields (a pasted
 * control character, a stray byte), removes it from every such value and
 * names the first field in name: 1. 0 when all is text; -1 when a query
 * argument, a field's name or a file's name is bad (nothing is changed:
 * the request is refused whole). (request_text.c) */
int req_text_clean(request *r, char *name, size_t len);
/* Puts every form field's value and every uploaded file's name into NFC,
 * the form text is stored in (util/encoding.h), once req_text_invalid
 * found them text. Query arguments are read where they are used (a search
 * normalises its query itself: core/query.c). (request_text.c) */
void req_text_nfc(request *r);

#endif
