/*
 * test_leaf_input.c — the text an event's leaf hash is computed from
 * (audit_leaf_input) writes its strings as jansson writes them: the fast
 * path for plain ASCII must give the same bytes as jansson for every
 * string, the ones it must leave to jansson (a quote, a backslash, a
 * control character, non-ASCII) included. Another implementation that
 * recomputes a leaf from an event's fields depends on it.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "core/audit.h"
#include "util/buf.h"

static char *dumped(const char *s)
{
	json_t *j = json_string(s);
	char *t = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
	json_decref(j);
	return t;
}

static int as_jansson(const char *actor)
{
	unsigned char salt[AUDIT_SALT_LEN];
	memset(salt, 7, sizeof salt);
	buf got = BUF_INIT, want = BUF_INIT;
	audit_leaf_input(&got, 42, 1700000000000000, 3, actor, "record.register", "record", 9, "{\"a\":1}", salt);
	char *a = dumped(actor ? actor : ""), *b = dumped("record.register"), *c = dumped("record");
	buf_add(&want, salt, sizeof salt);
	buf_printf(&want, "{\"v\":1,\"id\":42,\"ts\":1700000000000000,\"org\":3,\"actor\":%s,\"action\":%s,"
	           "\"type\":%s,\"obj\":9,\"data\":{\"a\":1}}", a, b, c);
	int ok = got.len == want.len && memcmp(got.s, want.s, got.len) == 0;
	if (!ok)
		printf("# actor %s: %.*s\n", a, (int)(got.len - AUDIT_SALT_LEN), got.s + AUDIT_SALT_LEN);
	free(a);
	free(b);
	free(c);
	buf_free(&got);
	buf_free(&want);
	return ok;
}

int main(void)
{
	CHECK("plain ASCII", as_jansson("rita"));
	CHECK("the empty name", as_jansson(""));
	CHECK("no actor is the empty name", as_jansson(NULL));
	CHECK("a backslash alone", as_jansson("\\"));
	CHECK("backslashes only", as_jansson("\\\\\\"));
	CHECK("a quote", as_jansson("a\"b"));
	CHECK("a quote alone", as_jansson("\""));
	CHECK("a tab", as_jansson("a\tb"));
	CHECK("DEL (0x7f)", as_jansson("a\x7f"));
	CHECK("space and tilde, the ends of plain ASCII", as_jansson(" ~"));
	CHECK("Swedish letters", as_jansson("Åsa Öberg"));
	CHECK("a control character at the end", as_jansson("x\x01"));
	TEST_END();
}
