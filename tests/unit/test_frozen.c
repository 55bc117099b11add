/*
 * test_frozen.c — the digests verify compares records and cases with
 * (core/frozen.h): fields are framed, so moving a byte from one field to
 * the next, or an absent field for an empty one, is a different digest;
 * a digest is kept per object id, the latest wins, an unreadable event
 * or an unknown id sends the row the slow way.
 */
#include <string.h>

#include "test.h"
#include "core/frozen.h"

static void digest2(const char *a, const char *b, unsigned char out[FROZEN_LEN])
{
	frozen_field f[2] = { { a, a ? strlen(a) : 0 }, { b, b ? strlen(b) : 0 } };
	frozen_digest(f, 2, out);
}

static int same(const char *a, const char *b, const char *c, const char *d)
{
	unsigned char x[FROZEN_LEN], y[FROZEN_LEN];
	digest2(a, b, x);
	digest2(c, d, y);
	return memcmp(x, y, FROZEN_LEN) == 0;
}

int main(void)
{
	CHECK("equal fields, equal digests", same("Bygglov", "Bygglov", "Bygglov", "Bygglov"));
	CHECK("a byte moved between fields differs", !same("ab", "c", "a", "bc"));
	CHECK("an absent field is not the empty one", !same(NULL, "x", "", "x"));
	CHECK("the order of fields counts", !same("x", "y", "y", "x"));
	frozen_field nul[1] = { { "a\0b", 3 } }, cut[1] = { { "a", 1 } };
	unsigned char x[FROZEN_LEN], y[FROZEN_LEN];
	frozen_digest(nul, 1, x);
	frozen_digest(cut, 1, y);
	CHECK("bytes after a NUL count", memcmp(x, y, FROZEN_LEN) != 0);

	frozen_table t = { 0 };
	digest2("a", "b", x);
	digest2("a", "c", y);
	CHECK("an id never noted is not known", !frozen_matches(&t, 7, x));
	frozen_set(&t, 7, x);
	CHECK("a noted digest matches", frozen_matches(&t, 7, x));
	CHECK("another digest does not", !frozen_matches(&t, 7, y));
	frozen_set(&t, 7, y);
	CHECK("the latest event wins", frozen_matches(&t, 7, y) && !frozen_matches(&t, 7, x));
	frozen_set(&t, 7, NULL);
	CHECK("an unreadable latest event is the slow way", !frozen_matches(&t, 7, y));
	frozen_set(&t, 100000, x);
	CHECK("a table grows to a larger id", frozen_matches(&t, 100000, x) && !frozen_matches(&t, 99999, x));
	frozen_set(&t, FROZEN_MAX_ID + 1, x);
	CHECK("an id beyond the limit is not kept", !frozen_matches(&t, FROZEN_MAX_ID + 1, x));
	CHECK("a negative id is not known", !frozen_matches(&t, -1, x));
	frozen_free(&t);
	TEST_END();
}
