/* jsonvalid.c — a fast check that a text is strict JSON; see jsonvalid.h. */
#include "util/jsonvalid.h"

#include <string.h>

typedef const unsigned char *ptr;

/* Bytes that stand for themselves inside a string: printable ASCII but
 * the quote and the backslash. */
static const unsigned char PLAIN[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1,
};

/* The bytes a backslash may escape with one letter. */
static const unsigned char ESCAPED[256] = {
	['"'] = 1, ['\\'] = 1, ['/'] = 1, ['b'] = 1, ['f'] = 1, ['n'] = 1, ['r'] = 1, ['t'] = 1,
};

static ptr skip_ws(ptr p, ptr end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

static int in(ptr p, ptr end, int lo, int hi)
{
	return p < end && *p >= lo && *p <= hi;
}

/* The length of the well-formed UTF-8 sequence of a non-ASCII character
 * at p (Unicode's table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF), or 0. */
static int utf8_char(ptr p, ptr end)
{
	unsigned c = *p;
	if (c >= 0xc2 && c <= 0xdf)
		return in(p + 1, end, 0x80, 0xbf) ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		int lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
		return in(p + 1, end, lo, hi) && in(p + 2, end, 0x80, 0xbf) ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		int lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
		return in(p + 1, end, lo, hi) && in(p + 2, end, 0x80, 0xbf) && in(p + 3, end, 0x80, 0xbf) ? 4 : 0;
	}
	return 0;
}

static int is_hex(unsigned c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* p after a string's opening quote: the byte after its closing one, or
 * NULL. */
static ptr string_end(ptr p, ptr end)
{
	for (;;) {
		while (p < end && PLAIN[*p])
			p++;
		if (p == end)
			return NULL;
		if (*p == '"')
			return p + 1;
		if (*p == '\\') {
			if (++p == end)
				return NULL;
			if (*p == 'u') {
				if (end - p < 5 || !is_hex(p[1]) || !is_hex(p[2]) || !is_hex(p[3]) || !is_hex(p[4]))
					return NULL;
				p += 5;
			} else if (ESCAPED[*p]) {
				p++;
			} else {
				return NULL;
			}
			continue;
		}
		if (*p < 0x80)
			return NULL; /* a control character, NUL included */
		int n = utf8_char(p, end);
		if (!n)
			return NULL;
		p += n;
	}
}

static ptr digits(ptr p, ptr end)
{
	if (!in(p, end, '0', '9'))
		return NULL;
	while (in(p, end, '0', '9'))
		p++;
	return p;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? at p: the byte
 * after it, or NULL. */
static ptr number_end(ptr p, ptr end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!in(p, end, '1', '9') || !(p = digits(p, end)))
		return NULL;
	if (p < end && *p == '.' && !(p = digits(p + 1, end)))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		p = digits(p, end);
	}
	return p;
}

static ptr literal_end(ptr p, ptr end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && !memcmp(p, word, n) ? p + n : NULL;
}

int jsonvalid_strict(const char *s, size_t len)
{
	ptr p = (ptr)s, end = p + len;
	unsigned char close[JSONVALID_MAX_DEPTH]; /* what ends each open object or array */
	int depth = 0;
	p = skip_ws(p, end);
value:
	if (p == end)
		return 0;
	switch (*p) {
	case '{':
	case '[':
		if (depth == JSONVALID_MAX_DEPTH)
			return 0;
		close[depth++] = *p == '{' ? '}' : ']';
		p = skip_ws(p + 1, end);
		if (p < end && *p == close[depth - 1]) {
			p++;
			depth--;
			goto after;
		}
		if (close[depth - 1] == ']')
			goto value;
		goto key;
	case '"':
		p = string_end(p + 1, end);
		break;
	case 't':
		p = literal_end(p, end, "true");
		break;
	case 'f':
		p = literal_end(p, end, "false");
		break;
	case 'n':
		p = literal_end(p, end, "null");
		break;
	default:
		p = number_end(p, end);
	}
	if (!p)
		return 0;
after:
	p = skip_ws(p, end);
	if (depth == 0)
		return p == end;
	if (p == end)
		return 0;
	if (*p == close[depth - 1]) {
		p++;
		depth--;
		goto after;
	}
	if (*p != ',')
		return 0;
	p = skip_ws(p + 1, end);
	if (close[depth - 1] == ']')
		goto value;
key:
	if (p == end || *p != '"' || !(p = string_end(p + 1, end)))
		return 0;
	p = skip_ws(p, end);
	if (p == end || *p != ':')
		return 0;
	p = skip_ws(p + 1, end);
	goto value;
}
