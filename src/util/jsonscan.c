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

static void add_utf8(buf *out, unsigned cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_add(out, u, n);
}

const char *jsonscan_string(const char *p, buf *out)
{
	p = jsonscan_ws(p);
	if (*p != '"')
		return NULL;
	for (p++;;) {
		size_t n = strcspn(p, "\"\\");
		buf_add(out, p, n);
		p += n;
		if (*p == '"')
			return p + 1;
		if (!*p)
			return NULL;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *f = p[1] ? strchr(from, p[1]) : NULL;
		if (f) {
			buf_addc(out, to[f - from]);
			p += 2;
			continue;
		}
		unsigned cp, lo;
		if (p[1] != 'u' || hex4(p + 2, &cp))
			return NULL;
		p += 6;
		/* a surrogate pair is one code point */
		if (cp >= 0xd800 && cp < 0xdc00 && p[0] == '\\' && p[1] == 'u' && !hex4(p + 2, &lo) &&
		    lo >= 0xdc00 && lo < 0xe000) {
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		}
		add_utf8(out, cp);
	}
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
