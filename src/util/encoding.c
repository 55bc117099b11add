/* encoding.c — what text is (UTF-8 without control characters, in NFC), and
 * iconv to UTF-8; see encoding.h. */
#include "util/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <utf8proc.h>

size_t utf8_char(const unsigned char *p, const unsigned char *end, unsigned *cp)
{
	unsigned c = p[0];
	size_t n;
	unsigned min;
	if (c < 0x80) {
		if (cp)
			*cp = c;
		return 1;
	}
	if ((c & 0xe0) == 0xc0) { n = 2; min = 0x80; c &= 0x1f; }
	else if ((c & 0xf0) == 0xe0) { n = 3; min = 0x800; c &= 0x0f; }
	else if ((c & 0xf8) == 0xf0) { n = 4; min = 0x10000; c &= 0x07; }
	else return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms would let a NUL or a quote pass in disguise. */
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	if (cp)
		*cp = c;
	return n;
}

int text_control(unsigned cp, int flags)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return !(flags & TEXT_MULTILINE);
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return 1;
	/* Invisible characters that disguise what text says: the bidi
	 * embeddings, overrides and isolates (U+202A-202E, U+2066-2069) show
	 * a title in another order than it is stored and searched ("Trojan
	 * Source"), and the zero-width space and the BOM inside text (U+200B,
	 * U+FEFF) make two titles that look the same differ. Kept: the
	 * zero-width joiner and non-joiner (U+200C, U+200D), which Persian,
	 * the Indic scripts and emoji need, and the left-to-right and
	 * right-to-left marks (U+200E, U+200F, and the Arabic letter mark
	 * U+061C), which only nudge neutral characters and cannot reorder a
	 * run of text, and the soft hyphen, which text pasted from a word
	 * processor carries. Also refused: the other invisible characters
	 * with no use in a registry's text: the word joiner and the invisible
	 * operators (U+2060-2064), the Mongolian vowel separator (U+180E),
	 * the tag characters (U+E0000-E007F), which can carry a hidden ASCII
	 * text, and the Hangul fillers that stand alone and render blank
	 * (U+3164, U+FFA0). */
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200b || cp == 0xfeff ||
	       (cp >= 0x2060 && cp <= 0x2064) || cp == 0x180e || (cp >= 0xe0000 && cp <= 0xe007f) || cp == 0x3164 ||
	       cp == 0xffa0;
}

int text_check(const char *s, size_t len, int flags, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned cp;
		size_t n = utf8_char(p, end, &cp);
		if (!n || text_control(cp, flags)) {
			if (bad)
				*bad = (size_t)(p - (const unsigned char *)s);
			return -1;
		}
		p += n;
	}
	return 0;
}

int text_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
	while (p < end) {
		unsigned cp;
		size_t n = utf8_char(p, end, &cp);
		if (!n)
			return 0;
		if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r' && cp != 0xa0 && !(cp >= 0x2000 && cp <= 0x200b) &&
		    cp != 0x202f && cp != 0x205f && cp != 0x3000)
			return 0;
		p += n;
	}
	return 1;
}

size_t text_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);
	size_t n = 0;
	while (p < end) {
		/* a browser sends a textarea's line break as CR LF: one break */
		if (p[0] == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		size_t w = utf8_char(p, end, NULL);
		p += w ? w : 1; /* a stray byte counts as one */
		n++;
	}
	return n;
}

int text_line_why(const char *s, size_t max_bytes)
{
	if (text_blank(s))
		return KWHY_REQUIRED;
	if (strpbrk(s, "\r\n"))
		return KWHY_LINE_BREAK;
	return strlen(s) > max_bytes ? KWHY_TOO_LONG : KWHY_NONE;
}

int text_check_str(const char *s, int flags)
{
	return s ? text_check(s, strlen(s), flags, NULL) : 0;
}

static int json_bad(json_t *v, const char *key, char *bad, size_t len)
{
	const char *k;
	json_t *m;
	size_t i;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (!text_check(json_string_value(v), json_string_length(v), TEXT_MULTILINE, NULL))
			return 0;
		snprintf(bad, len, "%s", key);
		return -1;
	case JSON_OBJECT:
		json_object_foreach(v, k, m) {
			if (text_check_str(k, TEXT_LINE)) {
				snprintf(bad, len, "%s", "");
				return -1;
			}
			if (json_bad(m, k, bad, len))
				return -1;
		}
		return 0;
	case JSON_ARRAY:
		json_array_foreach(v, i, m)
			if (json_bad(m, key, bad, len))
				return -1;
		return 0;
	default:
		return 0;
	}
}

int text_check_json(json_t *v, char *bad_key, size_t len)
{
	return json_bad(v, "", bad_key, len);
}

/* The NFC of s[0..len) as a new string (*out_len bytes), or NULL when it
 * is s itself: ASCII, already NFC, or not UTF-8. */
static char *nfc_of(const char *s, size_t len, size_t *out_len)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	if (i == len) /* ASCII: NFC as it is, and most text kansli takes in is */
		return NULL;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n == UTF8PROC_ERROR_NOMEM)
		abort();
	if (n < 0 || ((size_t)n == len && !memcmp(nfc, s, len))) {
		free(nfc);
		return NULL;
	}
	*out_len = (size_t)n;
	return (char *)nfc;
}

int text_nfc(buf *b)
{
	size_t n;
	char *nfc = nfc_of(b->s, b->len, &n);
	if (!nfc)
		return 0;
	buf_reset(b);
	buf_add(b, nfc, n);
	free(nfc);
	return 1;
}

char *text_nfc_dup(const char *s)
{
	size_t n;
	return s ? nfc_of(s, strlen(s), &n) : NULL;
}

void text_nfc_json(json_t *v)
{
	const char *k;
	json_t *m;
	size_t i, n;
	switch (json_typeof(v)) {
	case JSON_STRING: {
		char *nfc = nfc_of(json_string_value(v), json_string_length(v), &n);
		if (nfc && json_string_setn(v, nfc, n))
			abort(); /* only allocation fails on valid UTF-8 */
		free(nfc);
		return;
	}
	case JSON_OBJECT:
		json_object_foreach(v, k, m)
			text_nfc_json(m);
		return;
	case JSON_ARRAY:
		json_array_foreach(v, i, m)
			text_nfc_json(m);
		return;
	default:
		return;
	}
}

int text_to_utf8(const char *enc, const buf *in, buf *out, kerr *e)
{
	if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8")) {
		buf_add(out, in->s ? in->s : "", in->len);
		return 0;
	}
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return kerr_set(e, KERR_INVALID, "unknown encoding '%s' (try windows-1252 or iso-8859-1)", enc);
	char *src = in->s;
	size_t left = in->len;
	int rc = 0;
	while (left) {
		char chunk[65536], *dst = chunk;
		size_t room = sizeof chunk;
		size_t n = iconv(cd, &src, &left, &dst, &room);
		buf_add(out, chunk, sizeof chunk - room);
		if (n == (size_t)-1 && errno != E2BIG) {
			rc = kerr_set(e, KERR_INVALID, "byte %zu is not %s text", (size_t)(src - in->s), enc);
			break;
		}
	}
	buf_add(out, "", 0);
	iconv_close(cd);
	return rc;
}
