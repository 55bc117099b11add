/* eventfields.c — named fields of an event's data, read in place; see eventfields.h. */
#include "core/eventfields.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonscan.h"

void eventfields_init(eventfields *f, const char *const *keys, int n)
{
	memset(f, 0, sizeof *f);
	f->keys = keys;
	f->n = n < EVENTFIELDS_MAX ? n : EVENTFIELDS_MAX;
	for (int i = 0; i < EVENTFIELDS_MAX; i++)
		f->value[i] = (buf)BUF_INIT;
}

void eventfields_free(eventfields *f)
{
	for (int i = 0; i < EVENTFIELDS_MAX; i++)
		buf_free(&f->value[i]);
}

/* A JSON integer (no fraction, no exponent) as jansson reads one: 1 and
 * *v, 0 when the number is not an integer, -1 when it is out of range
 * (jansson refuses the whole text then). */
static int read_integer(const char *p, const char *end, int64_t *v)
{
	for (const char *q = p; q < end; q++)
		if (*q == '.' || *q == 'e' || *q == 'E')
			return 0;
	errno = 0;
	char *stop;
	long long x = strtoll(p, &stop, 10);
	if (stop != end)
		return 0;
	if (errno == ERANGE)
		return -1;
	*v = x;
	return 1;
}

static int field_index(const eventfields *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->keys[i], key))
			return i;
	return -1;
}

int eventfields_read(eventfields *f, const char *data)
{
	return eventfields_read_skipping(f, data, 0, 0);
}

int eventfields_read_skipping(eventfields *f, const char *data, size_t from, size_t to)
{
	for (int i = 0; i < f->n; i++) {
		f->text[i] = f->integer[i] = 0;
		buf_reset(&f->value[i]);
	}
	const char *p = jsonscan_ws(data);
	if (*p == '[')
		return jsonscan_skip(p) != NULL;
	if (*p != '{')
		return 0;
	buf key = BUF_INIT;
	int r = 0, ok = 1;
	while (ok && (r = jsonscan_next(&p, &key)) == 1) {
		int i = field_index(f, key.s);
		const char *end = from && p == data + from ? data + to : jsonscan_skip(p);
		if (!end) {
			ok = 0;
			break;
		}
		if (i >= 0) {
			f->text[i] = *p == '"';
			f->integer[i] = 0;
			buf_reset(&f->value[i]);
			if (f->text[i])
				jsonscan_string(p, &f->value[i]);
			else if (*p == '-' || (*p >= '0' && *p <= '9'))
				ok = (f->integer[i] = read_integer(p, end, &f->number[i])) >= 0;
		}
		p = end;
	}
	buf_free(&key);
	return ok && r == 0;
}

const char *eventfields_text(const eventfields *f, int i)
{
	return f->text[i] ? f->value[i].s : NULL;
}

int64_t eventfields_int(const eventfields *f, int i)
{
	return f->integer[i] == 1 ? f->number[i] : 0;
}
