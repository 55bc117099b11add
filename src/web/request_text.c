/*
 * request_text.c — refusing a request whose text is not text (see
 * util/encoding.h): every query argument, form field and uploaded file's
 * name is checked once, before any page sees it, so no page has to
 * remember to and nothing invalid is ever stored; and the text of forms
 * put into NFC, the form kansli stores. JSON bodies are checked and
 * normalised where the API parses them (api_body).
 */
#include "web/request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/encoding.h"

/* Copies a field's name for the message, or "" when the name itself is
 * what is wrong. */
static void name_for_message(char *out, size_t len, const char *name, size_t name_len)
{
	if (name && !text_check(name, name_len, TEXT_LINE, NULL))
		snprintf(out, len, "%.*s", (int)name_len, name);
	else if (len)
		out[0] = '\0';
}

typedef struct bad_arg {
	char *name;
	size_t len;
	int found;
} bad_arg;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                 const char *value, size_t value_size)
{
	(void)kind;
	bad_arg *b = cls;
	if (text_check(key, key_size, TEXT_LINE, NULL) ||
	    (value && text_check(value, value_size, TEXT_MULTILINE, NULL))) {
		name_for_message(b->name, b->len, key, key_size);
		b->found = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

int req_text_invalid(request *r, char *name, size_t len)
{
	bad_arg b = { name, len, 0 };
	MHD_get_connection_values_n(r->c, MHD_GET_ARGUMENT_KIND, check_arg, &b);
	if (b.found)
		return 1;
	for (int i = 0; i < r->nfields; i++) {
		const req_field *f = &r->fields[i];
		size_t nlen = strlen(f->name);
		/* A file's name is one line; a text field may have several. */
		if (text_check(f->name, nlen, TEXT_LINE, NULL) ||
		    (f->filename && text_check_str(f->filename, TEXT_LINE)) ||
		    (!f->filename && text_check(f->value.s ? f->value.s : "", f->value.len, TEXT_MULTILINE, NULL))) {
			name_for_message(name, len, f->name, nlen);
			return 1;
		}
	}
	return 0;
}

/* Drops from b what is not text: bytes that are not UTF-8 and control
 * characters other than tab and line breaks. */
static void text_clean(buf *b)
{
	const unsigned char *p = (const unsigned char *)b->s, *end = p + b->len;
	unsigned char *o = (unsigned char *)b->s;
	while (p < end) {
		unsigned cp;
		size_t n = utf8_char(p, end, &cp);
		if (!n) {
			p++;
			continue;
		}
		if (!text_control(cp, TEXT_MULTILINE))
			for (size_t i = 0; i < n; i++)
				*o++ = p[i];
		p += n;
	}
	b->len = (size_t)(o - (unsigned char *)b->s);
	b->s[b->len] = '\0';
}

int req_text_clean(request *r, char *name, size_t len)
{
	char ignored[8];
	bad_arg b = { ignored, sizeof ignored, 0 };
	MHD_get_connection_values_n(r->c, MHD_GET_ARGUMENT_KIND, check_arg, &b);
	if (b.found)
		return -1;
	/* first see that only values are bad, so nothing is changed when the
	 * request is refused whole */
	for (int i = 0; i < r->nfields; i++) {
		const req_field *f = &r->fields[i];
		if (text_check(f->name, strlen(f->name), TEXT_LINE, NULL) ||
		    (f->filename && text_check_str(f->filename, TEXT_LINE)))
			return -1;
	}
	int found = 0;
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (f->filename || !f->value.s || !text_check(f->value.s, f->value.len, TEXT_MULTILINE, NULL))
			continue;
		if (!found++)
			snprintf(name, len, "%s", f->name);
		text_clean(&f->value);
	}
	return found ? 1 : 0;
}

void req_text_nfc(request *r)
{
	for (int i = 0; i < r->nfields; i++) {
		req_field *f = &r->fields[i];
		if (f->filename) {
			char *nfc = text_nfc_dup(f->filename);
			if (nfc) {
				free(f->filename);
				f->filename = nfc;
			}
		} else if (f->value.s) {
			text_nfc(&f->value);
		}
	}
}
