/*
 * api_record.c — appends each API answer to the file KANSLI_API_RECORD
 * names, so that every request the test suite makes and every answer it
 * gets can be validated against the OpenAPI document (tests/api). Only the
 * test build has it: a production server never copies what it answers,
 * secrets included, into a file. One write() of one line per answer, to a
 * file opened O_APPEND, so the servers of a test run can share the file.
 */
#include "web/api_record.h"

#ifdef KANSLI_FAULTS
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	json_object_set_new(cls, key, value ? json_string(value) : json_null());
	return MHD_YES;
}

void api_record(request *r, unsigned status, const char *type, const char *body, size_t len)
{
	const char *file = getenv("KANSLI_API_RECORD");
	if (!file || !*file || strncmp(r->url, "/api/", 5))
		return;
	json_t *query = json_object();
	MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, add_arg, query);
	const char *ctype = MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Content-Type");
	json_t *in = r->body == BODY_JSON ? json_loadb(r->json.s ? r->json.s : "", r->json.len, 0, NULL) : NULL;
	json_t *out = body && type && !strncmp(type, "application/json", 16) ? json_loadb(body, len, 0, NULL) : NULL;
	json_t *line = json_pack("{s:s,s:s,s:o,s:s?,s:o?,s:I,s:s?,s:o?,s:I}", "method", r->method, "path", r->url,
	                         "query", query, "request_type", ctype, "request", in,
	                         "status", (json_int_t)status, "type", type, "response", out,
	                         "response_bytes", (json_int_t)len);
	char *s = json_dumps(line, JSON_COMPACT);
	json_decref(line);
	if (!s)
		return;
	size_t n = strlen(s);
	s[n] = '\n'; /* replaces the NUL: written by length */
	int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		/* A cut line is one the validator refuses, so the test fails
		 * either way; the server's log says why. */
		if (write(fd, s, n + 1) != (ssize_t)(n + 1))
			fprintf(stderr, "kansli: KANSLI_API_RECORD %s: a record was not written whole\n", file);
		close(fd);
	}
	free(s);
}
#else
void api_record(request *r, unsigned status, const char *type, const char *body, size_t len)
{
	(void)r; (void)status; (void)type; (void)body; (void)len;
}
#endif
