/* request.c — reading a request's body within limits; see request.h. */
#include "web/request.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/scratch.h"
#include "util/timeutil.h"
#include "web/form_state.h"
#include "web/uploads.h"

static int deadline_s = 120, idle_s = 15;

void req_configure(int deadline_seconds, int idle_seconds)
{
	deadline_s = deadline_seconds > 0 ? deadline_seconds : 1;
	idle_s = idle_seconds > 0 ? idle_seconds : 1;
}

/* The name of an uploaded file as kansli keeps it (malloc'd): the last
 * part of what the client sent, for a path is no name (old browsers on
 * Windows sent "C:\\...\\a.pdf", a crafted client sends "../a.pdf"), cut
 * to REQ_FILENAME_MAX bytes at a character's start with its extension
 * kept; nothing left, "." or ".." is "fil". The file is kept under a
 * name it can have, not refused for the one it came with. */
static char *upload_name(const char *sent)
{
	const char *base = sent;
	for (const char *p = sent; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (!*base || !strcmp(base, ".") || !strcmp(base, ".."))
		base = "fil";
	size_t len = strlen(base);
	if (len <= REQ_FILENAME_MAX)
		return strdup(base);
	const char *dot = strrchr(base, '.');
	size_t ext = dot && dot != base && len - (size_t)(dot - base) <= 16 ? len - (size_t)(dot - base) : 0;
	size_t stem = REQ_FILENAME_MAX - ext;
	while (stem > 0 && ((unsigned char)base[stem] & 0xc0) == 0x80)
		stem--; /* not inside a character */
	char *name = malloc(stem + ext + 1);
	if (!name)
		return NULL;
	memcpy(name, base, stem);
	memcpy(name + stem, base + len - ext, ext);
	name[stem + ext] = '\0';
	return name;
}

static req_field *new_field(request *r, const char *key, const char *filename)
{
	if (r->nfields == REQ_MAX_FIELDS)
		return NULL;
	if (filename && !r->allow_files)
		return NULL;
	req_field *f = &r->fields[r->nfields++];
	memset(f, 0, sizeof *f);
	f->fd = -1;
	f->name = strdup(key ? key : "");
	if (filename) {
		int files = 0;
		for (int i = 0; i < r->nfields; i++)
			files += r->fields[i].filename != NULL;
		if (files >= REQ_MAX_FILES)
			return NULL;
		if (!(f->filename = upload_name(filename)))
			return NULL;
		if (!(f->tmp_path = calloc(1, REQ_TMP_PATH)))
			return NULL;
		f->fd = scratch_file(r->tmpdir, "upload", f->tmp_path, REQ_TMP_PATH);
		if (f->fd < 0) {
			f->tmp_path[0] = '\0';
			return NULL;
		}
	}
	return f;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	(void)kind; (void)content_type; (void)transfer_encoding;
	request *r = cls;
	req_field *f = NULL;
	if (filename && *filename && !r->allow_files) {
		r->reject_status = MHD_HTTP_BAD_REQUEST; /* nothing of it is stored */
		return MHD_NO;
	}
	/* A part continues the last field with the same name while off > 0. */
	if (off > 0 && r->nfields > 0 && !strcmp(r->fields[r->nfields - 1].name, key ? key : ""))
		f = &r->fields[r->nfields - 1];
	else
		f = new_field(r, key, filename && *filename ? filename : NULL);
	if (!f) {
		r->reject_status = MHD_HTTP_CONTENT_TOO_LARGE;
		return MHD_NO;
	}
	if (f->filename) {
		for (size_t done = 0; done < size;) {
			ssize_t w = write(f->fd, data + done, size - done);
			if (w < 0) {
				r->reject_status = MHD_HTTP_INTERNAL_SERVER_ERROR;
				return MHD_NO;
			}
			done += (size_t)w;
		}
		f->size += (int64_t)size;
	} else {
		if (f->value.len + size > REQ_MAX_FORM) {
			r->reject_status = MHD_HTTP_CONTENT_TOO_LARGE;
			return MHD_NO;
		}
		buf_add(&f->value, data, size);
	}
	return MHD_YES;
}

void req_begin(request *r, struct MHD_Connection *c, const char *method, const char *url,
               const char *tmpdir)
{
	memset(r, 0, sizeof *r);
	r->c = c;
	r->method = method;
	r->url = url;
	r->start_us = time_now_us();
	r->deadline_us = r->start_us + (int64_t)deadline_s * 1000000;
	snprintf(r->tmpdir, sizeof r->tmpdir, "%s", tmpdir);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->address,
		          sizeof r->address);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		/* Login throttling counts per address: IPv6 clients must not all
		 * share one empty address. */
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->address,
		          sizeof r->address);
}

void req_limit_deadline(request *r, int seconds)
{
	int64_t at = r->start_us + (int64_t)seconds * 1000000;
	if (at < r->deadline_us)
		r->deadline_us = at;
}

static int hex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int req_raw_path_bad(const char *uri)
{
	for (const unsigned char *p = (const unsigned char *)uri; *p && *p != '?'; p++) {
		int c = *p;
		if (c == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0)
			c = hex(p[1]) * 16 + hex(p[2]);
		if (c < 0x20 || c == 0x7f)
			return 1;
	}
	return 0;
}

struct framing {
	int lengths, encodings;
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_len, const char *value, size_t value_len)
{
	(void)kind; (void)key_len; (void)value; (void)value_len;
	struct framing *f = cls;
	if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH))
		f->lengths++;
	else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING))
		f->encodings++;
	return MHD_YES;
}

int req_framing_ambiguous(request *r)
{
	struct framing f = { 0, 0 };
	MHD_get_connection_values_n(r->c, MHD_HEADER_KIND, count_framing, &f);
	return f.lengths > 1 || f.encodings > 1 || (f.lengths && f.encodings);
}

int req_declares_body(request *r)
{
	const char *len = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	return (len && strtoll(len, NULL, 10) != 0) || (te && *te);
}

/* The connection may stay silent for the idle timeout, but never past the
 * request's deadline. */
static void limit_idle(request *r)
{
	int64_t left_s = (r->deadline_us - time_now_us()) / 1000000 + 1;
	unsigned t = left_s < idle_s ? (unsigned)(left_s > 0 ? left_s : 1) : (unsigned)idle_s;
	MHD_set_connection_option(r->c, MHD_CONNECTION_OPTION_TIMEOUT, t);
}

unsigned req_open_body(request *r, int64_t max_body, int allow_files)
{
	r->max_body = max_body;
	r->allow_files = allow_files;
	const char *ct = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *len = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (len && (strtoll(len, NULL, 10) > max_body || strtoll(len, NULL, 10) < 0))
		return MHD_HTTP_CONTENT_TOO_LARGE;
	if (ct && !strncasecmp(ct, "application/json", 16)) {
		if (len && strtoll(len, NULL, 10) > REQ_MAX_JSON)
			return MHD_HTTP_CONTENT_TOO_LARGE;
		if (r->max_body > REQ_MAX_JSON)
			r->max_body = REQ_MAX_JSON;
		r->body = BODY_JSON;
	} else if (ct && (!strncasecmp(ct, "application/x-www-form-urlencoded", 33) ||
	                  !strncasecmp(ct, "multipart/form-data", 19))) {
		r->pp = MHD_create_post_processor(r->c, 64 * 1024, on_part, r);
		if (!r->pp)
			return MHD_HTTP_BAD_REQUEST;
		r->body = BODY_FORM;
	} else if (ct || req_declares_body(r)) {
		return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
	}
	limit_idle(r);
	return 0;
}

int req_feed(request *r, const char *data, size_t size)
{
	if (time_now_us() > r->deadline_us)
		return -1;
	limit_idle(r);
	r->body_bytes += (int64_t)size;
	/* Past the route's limit (only a chunked body gets here: a declared
	 * length over it was refused up front) the connection is closed: an
	 * answer cannot be queued while a body is being received, and reading
	 * on to the end could take gigabytes. */
	if (r->body_bytes > r->max_body) {
		r->reject_status = MHD_HTTP_CONTENT_TOO_LARGE;
		return -1;
	}
	if (r->reject_status)
		return 0; /* read and dropped, at most the route's limit: the answer is decided */
	if (r->body == BODY_JSON) {
		if (r->json.len + size > REQ_MAX_JSON)
			r->reject_status = MHD_HTTP_CONTENT_TOO_LARGE;
		else
			buf_add(&r->json, data, size);
	} else if (r->body == BODY_FORM) {
		if (MHD_post_process(r->pp, data, size) != MHD_YES && !r->reject_status)
			r->reject_status = MHD_HTTP_BAD_REQUEST;
	}
	return 0;
}

void req_finish_body(request *r)
{
	for (int i = 0; i < r->nfields; i++)
		if (r->fields[i].fd >= 0) {
			close(r->fields[i].fd);
			r->fields[i].fd = -1;
		}
}

void req_free(request *r)
{
	if (r->upload_slot)
		uploads_release(r->address, r->anonymous);
	r->upload_slot = 0;
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (f->fd >= 0)
			close(f->fd);
		if (f->tmp_path && f->tmp_path[0])
			unlink(f->tmp_path);
		free(f->tmp_path);
		free(f->name);
		free(f->filename);
		buf_free(&f->value);
	}
	buf_free(&r->json);
	form_state_free(r);
	free(r->api_link);
	r->api_link = NULL;
}

const char *req_query(request *r, const char *name)
{
	if (r->form)
		return form_state_query(r, name);
	return MHD_lookup_connection_value(r->c, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_form(request *r, const char *name)
{
	for (int i = 0; i < r->nfields; i++)
		if (!r->fields[i].filename && !strcmp(r->fields[i].name, name))
			return r->fields[i].value.s ? r->fields[i].value.s : "";
	return NULL;
}

const char *req_param(request *r, const char *name)
{
	const char *v = req_form(r, name);
	return v ? v : req_query(r, name);
}

const char *req_cookie(request *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, name);
}

const char *req_header(request *r, const char *name)
{
	return MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, name);
}

int req_files(request *r, const char *name, req_field **out, int max)
{
	int n = 0;
	for (int i = 0; i < r->nfields && n < max; i++)
		if (r->fields[i].filename && !strcmp(r->fields[i].name, name) && r->fields[i].size > 0)
			out[n++] = &r->fields[i];
	return n;
}
