/* fuzz_jsonscan.c — core/eventfields.c (util/jsonscan.c) on any text:
 * never reading past its end, and reading every text jansson writes as
 * jansson reads it back (verify reads the log's data, which jansson
 * wrote, with these instead of json_loads). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/eventfields.h"

static const char *const KEYS[] = { "title", "number", "version", "state", "party" };
enum { NKEYS = sizeof KEYS / sizeof KEYS[0] };

static void agree(eventfields *f, const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	if (!j)
		return;
	if (eventfields_read(f, text) != 1)
		abort();
	for (int i = 0; i < NKEYS; i++) {
		json_t *v = json_is_object(j) ? json_object_get(j, KEYS[i]) : NULL;
		const char *t = eventfields_text(f, i);
		if (json_is_string(v) ? !t || strcmp(t, json_string_value(v)) : t != NULL)
			abort();
		if (eventfields_int(f, i) != (json_is_integer(v) ? json_integer_value(v) : 0))
			abort();
	}
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	eventfields f;
	eventfields_init(&f, KEYS, NKEYS);
	eventfields_read(&f, s);
	json_t *j = json_loads(s, 0, NULL);
	if (j) {
		char *t = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
		if (t)
			agree(&f, t);
		free(t);
		json_decref(j);
	}
	eventfields_free(&f);
	free(s);
	return 0;
}
