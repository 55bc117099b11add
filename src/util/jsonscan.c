/* jsonscan.c — reading JSON text in place; see jsonscan.h. */
#include "util/jsonscan.h"

#include <string.h>

const char *jsonscan_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p at an opening quote: the byte after the closing one, or NULL. */
static const char *skip_string(const char *p)
{
	for (p++;;) {
		p += strcspn(p, "\"\\");
		if (*p == '"')
			return p + 1;
		if (!*p || !p[1])
			return NULL;
		p += 2; /* an escape: \" does not end the string */
	}
}

const char *jsonscan_skip(const char *p)
{
	p = jsonscan_ws(p);
	if (*p == '"')
		return skip_string(p);
	if (*p == '{' || *p == '[') {
		size_t depth = 0;
		for (;;) {
			p += strcspn(p, "\"{}[]");
			switch (*p) {
			case '\0':
				return NULL;
			case '"':
				if (!(p = skip_string(p)))
					return NULL;
				continue;
			case '{':
			case '[':
				depth++;
				break;
			default:
				if (--depth == 0)
					return p + 1;
			}
			p++;
		}
	}
	/* a number, true, false or null */
	const char *end = p + strcspn(p, ",]} \t\r\n");
	return end == p ? NULL : end;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

/* cp in UTF-8 at o: its length, 1 to 4 bytes. */
static int put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Bytes a string holds as they are: all but its end, the quote, and the
 * backslash of an escape (control characters are left for a strict check
 * to refuse, util/jsonvalid.h). */
static const unsigned char AS_IS[256] = {
	[1 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0xff] = 1,
};

const char *jsonscan_string(const char *p, buf *out)
{
	p = jsonscan_ws(p);
	if (*p != '"')
		return NULL;
	p++;
	/* Written straight into out's memory, room made ahead: verify reads
	 * every row image of the log through here, and a JSON string holding
	 * an image has an escaped quote every few bytes, so a call per run
	 * between escapes was most of the cost. */
	buf_grow(out, 64);
	char *o = out->s + out->len;
	for (;;) {
		/* room for the longest unit (4 bytes) and the NUL */
		char *room = out->s + out->cap - 5;
		while (o < room && AS_IS[(unsigned char)*p])
			*o++ = *p++;
		if (o >= room) {
			out->len = (size_t)(o - out->s);
			buf_grow(out, out->len + 64);
			o = out->s + out->len;
			continue;
		}
		if (*p == '"') {
			p++;
			break;
		}
		if (!*p) {
			p = NULL;
			break;
		}
		/* what a backslash and this byte stand for (0: not such an escape) */
		static const char UNESCAPED[256] = {
			['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b', ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t',
		};
		char c = UNESCAPED[(unsigned char)p[1]];
		if (c) {
			*o++ = c;
			p += 2;
			continue;
		}
		unsigned cp, lo;
		if (p[1] != 'u' || hex4(p + 2, &cp)) {
			p = NULL;
			break;
		}
		p += 6;
		/* a surrogate pair is one code point */
		if (cp >= 0xd800 && cp < 0xdc00 && p[0] == '\\' && p[1] == 'u' && !hex4(p + 2, &lo) &&
		    lo >= 0xdc00 && lo < 0xe000) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		}
		o += put_utf8(o, cp);
	}
	out->len = (size_t)(o - out->s);
	*o = '\0';
	return p;
}

int jsonscan_next(const char **pp, buf *key)
{
	const char *p = jsonscan_ws(*pp);
	if (*p == '{' || *p == '[') {
		p = jsonscan_ws(p + 1);
		if (*p == '}' || *p == ']') {
			*pp = p + 1;
			return 0;
		}
	} else if (*p == ',') {
		p = jsonscan_ws(p + 1);
	} else if (*p == '}' || *p == ']') {
		*pp = p + 1;
		return 0;
	} else {
		return -1;
	}
	if (key) {
		buf_reset(key);
		if (!(p = jsonscan_string(p, key)))
			return -1;
		p = jsonscan_ws(p);
		if (*p != ':')
			return -1;
		p = jsonscan_ws(p + 1);
	}
	if (!*p)
		return -1;
	*pp = p;
	return 1;
}
