/*
 * test_jsonscan.c — util/jsonscan.c and core/eventfields.c read JSON text
 * as jansson does. verify compares the rows with what these read from the
 * log, so a field read wrongly would hide a change. Checked on hand-made
 * texts (escapes, surrogate pairs, duplicates, white space, a large
 * skipped member) and differentially: 3000 random objects, written by
 * jansson compact, indented and ASCII-only, read by both.
 */
#include "test.h"
#include "core/eventfields.h"
#include "util/jsonscan.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const KEYS[] = { "title", "number", "version", "state", "party", "é" };
enum { NKEYS = sizeof KEYS / sizeof KEYS[0] };

static uint64_t rng = 0x9e3779b97f4a7c15u;
static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static json_t *random_string(void)
{
	static const char *const parts[] = {
		"a", "Överklagande", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "€", "😀", " ", "{[", "]}", ",:",
	};
	char s[200] = "";
	int n = (int)next(8);
	for (int i = 0; i < n; i++)
		strcat(s, parts[next(sizeof parts / sizeof parts[0])]);
	return json_string(s);
}

static json_t *random_value(int depth)
{
	switch (next(depth > 2 ? 5 : 7)) {
	case 0: return random_string();
	case 1: return json_integer((json_int_t)next(2000000) - 1000000);
	case 2: return json_real(next(1000) / 8.0 + 0.5);
	case 3: return json_null();
	case 4: return json_boolean(next(2));
	case 5: {
		json_t *a = json_array();
		for (int i = (int)next(4); i > 0; i--)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (int i = (int)next(4); i > 0; i--)
			json_object_set_new(o, KEYS[next(NKEYS)], random_value(depth + 1));
		return o;
	}
	}
}

/* eventfields against jansson's json_object_get on the same text. */
static int fields_agree(const char *text)
{
	eventfields f;
	eventfields_init(&f, KEYS, NKEYS);
	json_t *j = json_loads(text, 0, NULL);
	int ok = eventfields_read(&f, text) == (j != NULL);
	for (int i = 0; ok && j && i < NKEYS; i++) {
		json_t *v = json_is_object(j) ? json_object_get(j, KEYS[i]) : NULL;
		const char *t = eventfields_text(&f, i);
		ok = json_is_string(v) ? t && !strcmp(t, json_string_value(v)) : t == NULL;
		ok = ok && eventfields_int(&f, i) == (json_is_integer(v) ? json_integer_value(v) : 0);
	}
	json_decref(j);
	eventfields_free(&f);
	return ok;
}

/* jsonscan_next and jsonscan_string over an array of strings and other
 * values, against jansson. */
static int array_agrees(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	const char *p = text;
	buf s = BUF_INIT;
	size_t i = 0;
	int r, ok = json_is_array(j);
	while (ok && (r = jsonscan_next(&p, NULL)) == 1) {
		json_t *v = json_array_get(j, i++);
		if (*p == '"') {
			buf_reset(&s);
			p = jsonscan_string(p, &s);
			ok = p && json_is_string(v) && !strcmp(s.s, json_string_value(v));
		} else {
			ok = (p = jsonscan_skip(p)) != NULL && v && !json_is_string(v);
		}
	}
	ok = ok && r == 0 && i == json_array_size(j) && *jsonscan_ws(p) == '\0';
	buf_free(&s);
	json_decref(j);
	return ok;
}

int main(void)
{
	CHECK("fields of a plain event", fields_agree("{\"number\":\"KS 2026/0001-1\",\"title\":\"Bygglov\",\"version\":2}"));
	CHECK("escapes and a surrogate pair", fields_agree("{\"title\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"}"));
	CHECK("the last of duplicate keys counts", fields_agree("{\"title\":\"x\",\"title\":\"y\"}"));
	CHECK("white space everywhere", fields_agree(" {\n \"title\" :\t\"x\" , \"version\" : 7 }\n"));
	CHECK("non-strings read as absent", fields_agree("{\"title\":null,\"number\":5,\"party\":[\"x\"],\"version\":1.5}"));
	CHECK("an array has no fields", fields_agree("[\"title\",\"x\"]"));
	eventfields f;
	eventfields_init(&f, KEYS, NKEYS);
	CHECK("a scalar is not an event", eventfields_read(&f, "\"title\"") == 0 && eventfields_read(&f, "5") == 0);
	CHECK("an integer out of range is not an event (jansson refuses it)",
	      eventfields_read(&f, "{\"version\":99999999999999999999}") == 0);
	CHECK("a truncated text is refused, not overread", eventfields_read(&f, "{\"title\":\"x") == 0 &&
	      eventfields_read(&f, "{\"state\":[[\"a\"") == 0 && eventfields_read(&f, "{\"title\":\"\\") == 0);
	eventfields_free(&f);

	/* a large member skipped: the fields after it still read */
	buf big = BUF_INIT;
	buf_adds(&big, "{\"body_sha256\":\"ab\",\"state\":[");
	for (int i = 0; i < 20000; i++)
		buf_printf(&big, "%s[\"record\",\"[%d]\",\"{\\\"id\\\":%d,\\\"t\\\":\\\"]}\\\\\\\"\\\"}\",null]", i ? "," : "", i, i);
	buf_adds(&big, "],\"title\":\"after\",\"version\":3}");
	CHECK("fields after a large state", fields_agree(big.s));
	/* told where the state ends, as verify's replay tells it */
	size_t from = (size_t)(strstr(big.s, "\"state\":") + 8 - big.s), to = (size_t)(strstr(big.s, "],\"title\"") + 1 - big.s);
	eventfields told;
	eventfields_init(&told, KEYS, NKEYS);
	CHECK("... read the same when told where the state ends",
	      eventfields_read_skipping(&told, big.s, from, to) == 1 && !strcmp(eventfields_text(&told, 0), "after") &&
	      eventfields_int(&told, 2) == 3);
	CHECK("... and the skip is taken as told (a wrong end reads as the text there)",
	      eventfields_read_skipping(&told, big.s, from, from + 1) == 0);
	eventfields_free(&told);
	buf_free(&big);

	CHECK("an array of strings and values", array_agrees("[\"a\", 1, null, [\"x\", {\"y\": \"]\"}], \"\\u0041\", true]"));
	CHECK("an empty array", array_agrees("[ ]"));

	int agree = 1, arrays = 1;
	for (int i = 0; i < 3000; i++) {
		json_t *o = json_object();
		for (int n = (int)next(6); n > 0; n--)
			json_object_set_new(o, KEYS[next(NKEYS)], random_value(0));
		json_t *a = json_array();
		for (int n = (int)next(6); n > 0; n--)
			json_array_append_new(a, random_value(1));
		size_t flags = (size_t[]){ JSON_COMPACT, JSON_INDENT(2), JSON_COMPACT | JSON_ENSURE_ASCII,
		                           JSON_INDENT(1) | JSON_ENSURE_ASCII }[i % 4];
		char *t = json_dumps(o, flags), *u = json_dumps(a, flags);
		agree = agree && fields_agree(t);
		arrays = arrays && array_agrees(u);
		if (!agree || !arrays)
			printf("# differs on: %s / %s\n", t, u);
		free(t);
		free(u);
		json_decref(o);
		json_decref(a);
		if (!agree || !arrays)
			break;
	}
	CHECK("3000 random objects read as jansson reads them", agree);
	CHECK("3000 random arrays read as jansson reads them", arrays);
	TEST_END();
}
