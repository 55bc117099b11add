/* rowimage.c — a covered row's image as SQLite's json_object writes it; see rowimage.h. */
#include "core/rowimage.h"

#include <string.h>

#include "store/db.h"

/* What each byte becomes in a JSON string: 0 itself, 'u' \u00xx, else a
 * backslash and this letter. */
static const char ESCAPE[256] = {
	['\0'] = 'u', [1] = 'u', [2] = 'u', [3] = 'u', [4] = 'u', [5] = 'u', [6] = 'u', [7] = 'u',
	['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', [11] = 'u', ['\f'] = 'f', ['\r'] = 'r', [14] = 'u', [15] = 'u',
	[16] = 'u', [17] = 'u', [18] = 'u', [19] = 'u', [20] = 'u', [21] = 'u', [22] = 'u', [23] = 'u',
	[24] = 'u', [25] = 'u', [26] = 'u', [27] = 'u', [28] = 'u', [29] = 'u', [30] = 'u', [31] = 'u',
	['"'] = '"', ['\\'] = '\\',
};

void rowimage_add_string(buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	/* room for the worst case (every byte \u00xx) once, then plain stores */
	buf_grow(out, 6 * len + 2);
	char *o = out->s + out->len;
	*o++ = '"';
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && !ESCAPE[*p])
			p++;
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (p == end)
			break;
		char e = ESCAPE[*p];
		*o++ = '\\';
		*o++ = e;
		if (e == 'u') {
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
		p++;
	}
	*o++ = '"';
	out->len = (size_t)(o - out->s);
	out->s[out->len] = '\0';
}

static void add_blob(buf *out, const unsigned char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	buf_grow(out, 2 * len + 4);
	char *o = out->s + out->len;
	memcpy(o, "\"x:", 3);
	o += 3;
	for (size_t i = 0; i < len; i++) {
		*o++ = hex[p[i] >> 4];
		*o++ = hex[p[i] & 15];
	}
	*o++ = '"';
	out->len = (size_t)(o - out->s);
	out->s[out->len] = '\0';
}

void rowimage_object(buf *out, const char *const *names, const rowimage_value *v, int n)
{
	buf_addc(out, '{');
	for (int i = 0; i < n; i++) {
		if (i)
			buf_addc(out, ',');
		rowimage_add_string(out, names[i], strlen(names[i]));
		buf_addc(out, ':');
		switch (v[i].type) {
		case DB_INTEGER:
			buf_add_int(out, v[i].i);
			break;
		case DB_REAL:
			buf_add(out, v[i].s, v[i].len);
			break;
		case DB_TEXT:
			rowimage_add_string(out, v[i].s, v[i].len);
			break;
		case DB_BLOB:
			add_blob(out, (const unsigned char *)v[i].s, v[i].len);
			break;
		default:
			buf_add(out, "null", 4);
		}
	}
	buf_addc(out, '}');
}
