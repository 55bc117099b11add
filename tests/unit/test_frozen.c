/*
 * test_frozen.c — the digests verify compares records and cases with
 * (core/frozen.h): fields are framed, so moving a byte from one field to
 * the next, or an absent field for an empty one, is a different digest;
 * a digest is kept per object id (0 to FROZEN_MAX_ID), the latest wins,
 * an unreadable event or an unknown id sends the row the slow way.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "core/frozen.h"
#include "util/hash.h"

/* Reference digests from an independent implementation: Python's
 * hashlib.sha256 over each field framed as a tag byte
 * (1 a string, 0 absent) and its length as 8 bytes, little-endian. */
static int reference(const frozen_field *f, int n, const char *want)
{
	unsigned char d[FROZEN_LEN];
	char hex[2 * FROZEN_LEN + 1];
	frozen_digest(f, n, d);
	hash_hex(d, FROZEN_LEN, hex);
	if (strcmp(hex, want))
		printf("# digest %s, expected %s\n", hex, want);
	return !strcmp(hex, want);
}

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

static int same_fields(const frozen_field *a, int na, const frozen_field *b, int nb)
{
	unsigned char x[FROZEN_LEN], y[FROZEN_LEN];
	frozen_digest(a, na, x);
	frozen_digest(b, nb, y);
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

	char x300[301];
	memset(x300, 'x', 300);
	x300[300] = '\0';
	frozen_field r1[2] = { { "Bygglov", 7 }, { NULL, 0 } }, r2[2] = { { "", 0 }, { x300, 300 } },
	             r3[1] = { { "\001\0\0\0\0\0\0\0\0", 9 } }, r4[2] = { { "a\0b", 3 }, { "1", 1 } };
	CHECK("a text and an absent field, as the reference", reference(r1, 2,
	      "936dbbe0a930165f68604dba5f279c4ab906a2fe5d8d10e74abd4b2df83d926b"));
	CHECK("a length above 255, as the reference", reference(r2, 2,
	      "2ec80ade59a441b9934c0b3eac480da5a72822d6b389fc83bf63aacbde17c10a"));
	CHECK("a field that looks like a frame, as the reference", reference(r3, 1,
	      "aa81a3b0a1ec629639dad839be67f0afa428ff20b6d31648429f4a91ed45fa58"));
	CHECK("a NUL inside a field, as the reference", reference(r4, 2,
	      "abeea2d35b325389ed933e6cae1fd737302f228231f3018e1817bb7fdc5c7974"));
	char y3000[3001];
	memset(y3000, 'y', 3000);
	y3000[3000] = '\0';
	frozen_field r5[3] = { { "a", 1 }, { y3000, 3000 }, { NULL, 0 } };
	CHECK("fields longer than the gathering buffer, as the reference", reference(r5, 3,
	      "2f9e1254ae8e91099004965b838339c8afc45b5a2f91df215448e1801b1ec757"));
	frozen_field two_empty[2] = { { "", 0 }, { "", 0 } };
	CHECK("a field that looks like a frame is not two empty fields", !same_fields(r3, 1, two_empty, 2));

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
	/* every id from 0 to the limit is a place in the table, 0 too */
	frozen_set(&t, 0, y);
	CHECK("id 0 is kept like any other", frozen_matches(&t, 0, y) && !frozen_matches(&t, 0, x));
	frozen_free(&t);
	TEST_END();
}
