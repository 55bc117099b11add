/*
 * test_jsonvalid.c — verify's fast JSON check (util/jsonvalid.h) accepts
 * only text SQLite's json_valid accepts, so that asking json_valid
 * whenever it does not accept leaves json_valid's answer the check's:
 * differentially, on hand-made texts at every edge of the grammar, on
 * 2000 random values written by jansson (the log's writer: every one must
 * pass without json_valid) and on 40000 random edits of them.
 */
#include "test.h"
#include "store/db.h"
#include "util/jsonvalid.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static db *d;
static const char SQL_VALID[] = "SELECT json_valid(?1)";

static int sqlite_valid(const char *text)
{
	kerr e = KERR_INIT;
	db_stmt *s = db_prep(d, SQL_VALID, &e);
	db_bind_text(s, 1, text);
	int ok = s && db_step(s, &e) == DB_ROW && db_col_int(s, 0) == 1;
	if (s)
		db_done(s);
	return ok;
}

static int fast(const char *text)
{
	return jsonvalid_strict(text, strlen(text));
}

static uint64_t rng = 0x9e3779b97f4a7c15u;
static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static json_t *random_value(int depth)
{
	static const char *const parts[] = {
		"a", "Överklagande", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f", "€", "😀", " ", "{[", "]}", ",:",
	};
	switch (next(depth > 3 ? 5 : 7)) {
	case 0: {
		char s[200] = "";
		for (int i = (int)next(8); i > 0; i--)
			strcat(s, parts[next(sizeof parts / sizeof parts[0])]);
		return json_string(s);
	}
	case 1: return json_integer((json_int_t)next(2000000) - 1000000);
	case 2: return json_real((double)next(100000) / 64.0 - 700.0);
	case 3: return json_null();
	case 4: return json_boolean(next(2));
	case 5: {
		json_t *a = json_array();
		for (int i = (int)next(5); i > 0; i--)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		char key[8];
		for (int i = (int)next(5); i > 0; i--) {
			snprintf(key, sizeof key, "k%u", next(20));
			json_object_set_new(o, key, random_value(depth + 1));
		}
		return o;
	}
	}
}

/* One random edit of text into out: a byte inserted, removed or replaced. */
static void edit(const char *text, char *out, size_t cap)
{
	static const char bytes[] = "{}[],:\"\\ \t\n\r0123456789eE.-+tfnulrsa/x\x01\x1f\x7f\x80\xc3\xa5\xff\xed\xa0";
	size_t n = strlen(text), at = n ? next((unsigned)n) : 0;
	char c = bytes[next(sizeof bytes - 1)];
	int kind = (int)next(3);
	if (n + 2 > cap)
		kind = 1;
	memcpy(out, text, at);
	size_t o = at;
	if (kind == 0) { /* insert */
		out[o++] = c;
		memcpy(out + o, text + at, n - at + 1);
	} else if (kind == 1 && n) { /* remove */
		memcpy(out + o, text + at + 1, n - at);
	} else { /* replace */
		out[o++] = c;
		memcpy(out + o, text + at + (n ? 1 : 0), n - at + (n ? 0 : 1));
	}
}

int main(void)
{
	kerr e = KERR_INIT;
	CHECK("an empty database in memory", db_open(&d, ":memory:", &e) == 0);

	static const char *const valid[] = {
		"{}", "[]", "0", "-0", "\"\"", "true", " \t\r\n{\"a\" : [ 1 , -0.5 , 1e5 , 1E+5 , -1.5e-3 ] } \n",
		"{\"a\":{\"b\":[true,false,null,\"\\u00e5\\n\\\"\\\\\\/\\b\\f\\r\\t\"]}}", "\"Överklagande €😀\"",
		"\"\\ud800\"", "123456789012345678901234567890", "1e999",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		char name[200];
		snprintf(name, sizeof name, "strict JSON passes (valid[%zu])", i);
		CHECK(name, fast(valid[i]) && sqlite_valid(valid[i]));
	}
	/* never accepted here; json_valid decides those it takes (the last six) */
	static const char *const refused[] = {
		"", " ", "{", "[1,]", "{\"a\":1,}", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "\"\\x\"", "\"a\x01\"",
		"\"\x7f\x01\"", "nul", "nullx", "{\"a\" 1}", "[1 2]", "{1:2}", "\"abc", "[1]]", "{}{}", "\"\\u12g4\"",
		"[1]\x0b", "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\"",
		"\x0c[]",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		char name[200];
		snprintf(name, sizeof name, "not accepted (refused[%zu])", i);
		CHECK(name, !fast(refused[i]));
	}

	/* nesting: 500 deep passes, 501 is left to json_valid */
	char deep[1100];
	memset(deep, '[', 501);
	memset(deep + 501, ']', 501);
	deep[1002] = '\0';
	CHECK("501 arrays deep are left to json_valid", !fast(deep) && sqlite_valid(deep));
	deep[1001] = '\0';
	CHECK("... 500 deep pass", fast(deep + 1) && sqlite_valid(deep + 1));

	static const size_t flags[] = { JSON_COMPACT, JSON_INDENT(2), JSON_COMPACT | JSON_ENSURE_ASCII,
	                                JSON_COMPACT | JSON_SORT_KEYS };
	int jansson_pass = 0, edits = 0, subset = 0, agree = 0;
	char out[4096];
	for (int i = 0; i < 2000; i++) {
		json_t *v = random_value(0);
		char *text = json_dumps(v, flags[i % 4] | JSON_ENCODE_ANY);
		json_decref(v);
		if (!text)
			continue;
		jansson_pass += fast(text) && sqlite_valid(text);
		for (int k = 0; k < 20 && strlen(text) < sizeof out - 2; k++) {
			edit(text, out, sizeof out);
			int f = fast(out), q = sqlite_valid(out);
			edits++;
			subset += !f || q;
			agree += f == q;
		}
		free(text);
	}
	CHECK("2000 texts jansson wrote pass without json_valid", jansson_pass == 2000);
	CHECK("... and of 40000 edits of them, none passes that json_valid refuses", subset == edits && edits == 40000);
	printf("# edits: %d, the fast check agreed with json_valid on %d\n", edits, agree);
	db_close(d);
	TEST_END();
}
