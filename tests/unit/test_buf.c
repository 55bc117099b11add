/*
 * test_buf.c — the rules util/buf.h states: an empty buf's string is "",
 * never NULL (fresh, reset, freed, detached, and in zeroed memory after its
 * first add); detach hands over an allocated string; growth keeps the NUL.
 */
#include "test.h"
#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	buf b = BUF_INIT;
	CHECK("a fresh buf's string is \"\"", b.s && b.s[0] == '\0' && b.len == 0);
	buf_adds(&b, "");
	CHECK("adding nothing keeps \"\"", b.s && !strcmp(b.s, "") && b.len == 0);
	buf_free(&b);
	CHECK("a freed buf's string is \"\"", b.s && b.s[0] == '\0' && b.len == 0 && b.cap == 0);
	buf_free(&b);
	CHECK("freeing twice is harmless", b.s && b.s[0] == '\0');

	buf_printf(&b, "KS %d/%04d", 2026, 42);
	CHECK("printf appends", !strcmp(b.s, "KS 2026/0042") && b.len == 12);
	buf_reset(&b);
	CHECK("a reset buf's string is \"\"", !strcmp(b.s, "") && b.len == 0);
	buf_free(&b);

	char *d = buf_detach(&b);
	CHECK("detaching an empty buf gives an allocated \"\"", d && !strcmp(d, "") && d != buf_empty);
	free(d);
	CHECK("after detach the buf is empty again", b.s && b.s[0] == '\0' && b.cap == 0);

	for (int i = 0; i < 1000; i++)
		buf_addc(&b, (char)('a' + i % 26));
	CHECK("growth keeps every byte and the NUL", b.len == 1000 && b.s[999] == 'a' + 999 % 26 && b.s[1000] == '\0');
	d = buf_detach(&b);
	CHECK("detach hands over the string", strlen(d) == 1000 && b.s == buf_empty);
	free(d);

	buf z;
	memset(&z, 0, sizeof z); /* a buf in zeroed memory: NULL until its first add */
	buf_adds(&z, "x");
	CHECK("a zeroed buf works from its first add", !strcmp(z.s, "x"));
	buf_free(&z);
	CHECK("and is \"\" once freed", z.s && z.s[0] == '\0');
	CHECK("buf_empty was never written", buf_empty[0] == '\0');
	TEST_END();
}
