/*
 * test_log.c — the audit log's building blocks: RFC 6962 hashing against
 * the Certificate Transparency reference vectors, the incremental frontier,
 * inclusion and consistency proofs, and signed checkpoints.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/checkpoint.h"
#include "util/hash.h"
#include "util/merkle.h"

static const char *const vector_leaves[] = {
	"", "\x00", "\x10", "\x20\x21", "\x30\x31", "\x40\x41\x42\x43",
	"\x50\x51\x52\x53\x54\x55\x56\x57",
	"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
};
static const size_t vector_lens[] = { 0, 1, 1, 2, 2, 4, 8, 16 };
/* Roots of the first n of those leaves (RFC 6962 reference vectors). */
static const char *const vector_roots[] = {
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* A note with BODY (the checkpoint's lines, each ending in '\n') signed
 * by sk under keyname, its key id taken from the signature line of a
 * checkpoint checkpoint_sign made with the same key: how another
 * implementation could write extension lines, which checkpoint_sign never
 * does. The caller frees it. */
static char *sign_body(const char *body, const char *keyname, const char *sample, const unsigned char sk[64])
{
	const char *line = strstr(sample, "\n\n\xe2\x80\x94 ");
	const char *b64 = line ? strchr(line + 6, ' ') : NULL;
	unsigned char old[4 + crypto_sign_BYTES], raw[4 + crypto_sign_BYTES];
	size_t n = 0;
	if (!b64 || sodium_base642bin(old, sizeof old, b64 + 1, strcspn(b64 + 1, "\n"), NULL, &n, NULL,
	                              sodium_base64_VARIANT_ORIGINAL) != 0 || n != sizeof old)
		return NULL;
	memcpy(raw, old, 4);
	crypto_sign_detached(raw + 4, NULL, (const unsigned char *)body, strlen(body), sk);
	char enc[sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(enc, sizeof enc, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
	size_t cap = strlen(body) + strlen(keyname) + sizeof enc + 16;
	char *out = malloc(cap);
	if (out)
		snprintf(out, cap, "%s\n\xe2\x80\x94 %s %s\n", body, keyname, enc);
	return out;
}

int main(void)
{
	unsigned char leaves[300][32], root[32], root2[32];
	char hex[65];

	merkle_root(NULL, 0, root);
	hash_hex(root, 32, hex);
	CHECK("empty tree root is SHA-256 of nothing",
	      !strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	for (int i = 0; i < 8; i++)
		merkle_leaf_hash((const unsigned char *)vector_leaves[i], vector_lens[i], leaves[i]);
	for (int n = 1; n <= 8; n++) {
		char name[64];
		merkle_root((const unsigned char (*)[32])leaves, (uint64_t)n, root);
		hash_hex(root, 32, hex);
		snprintf(name, sizeof name, "RFC 6962 vector root of %d leaves", n);
		CHECK(name, !strcmp(hex, vector_roots[n - 1]));
	}

	for (int i = 8; i < 300; i++) {
		unsigned char b = (unsigned char)i;
		merkle_leaf_hash(&b, 1, leaves[i]);
	}
	merkle_frontier f;
	merkle_frontier_init(&f);
	int frontier_ok = 1, reload_ok = 1;
	for (int n = 0; n <= 300; n++) {
		merkle_frontier_root(&f, root);
		merkle_root((const unsigned char (*)[32])leaves, (uint64_t)n, root2);
		frontier_ok &= !memcmp(root, root2, 32);
		unsigned char bytes[MERKLE_MAX_DEPTH * 32];
		merkle_frontier g;
		size_t len = merkle_frontier_bytes(&f, bytes);
		reload_ok &= merkle_frontier_load(&g, f.size, bytes, len) == 0;
		merkle_frontier_root(&g, root2);
		reload_ok &= !memcmp(root, root2, 32);
		reload_ok &= merkle_frontier_load(&g, f.size + 1, bytes, len) != 0 || n % 2 == 1;
		if (n < 300)
			merkle_frontier_append(&f, leaves[n]);
	}
	CHECK("frontier root equals full root for 0..300 leaves", frontier_ok);
	CHECK("frontier survives save and load, wrong size refused", reload_ok);

	unsigned char path[2 * MERKLE_MAX_DEPTH][32];
	int incl_ok = 1, incl_bad_fails = 1;
	for (uint64_t n = 1; n <= 70; n++) {
		merkle_root((const unsigned char (*)[32])leaves, n, root);
		for (uint64_t m = 0; m < n; m++) {
			int c = merkle_inclusion_proof((const unsigned char (*)[32])leaves, n, m, path);
			incl_ok &= c >= 0 && merkle_verify_inclusion(leaves[m], m, n,
			                                             (const unsigned char (*)[32])path, c, root) == 0;
			if (c > 0) {
				path[c - 1][5] ^= 1;
				incl_bad_fails &= merkle_verify_inclusion(leaves[m], m, n,
				                                          (const unsigned char (*)[32])path, c, root) != 0;
			}
			incl_bad_fails &= merkle_verify_inclusion(leaves[(m + 1) % 300], m, n,
			                                          (const unsigned char (*)[32])path, c, root) != 0;
		}
	}
	CHECK("every inclusion proof up to 70 leaves verifies", incl_ok);
	CHECK("a changed path or leaf does not verify", incl_bad_fails);
	CHECK("inclusion proof of an index past the end is refused",
	      merkle_inclusion_proof((const unsigned char (*)[32])leaves, 5, 5, path) < 0);

	int cons_ok = 1, cons_bad_fails = 1;
	for (uint64_t n = 1; n <= 70; n++) {
		merkle_root((const unsigned char (*)[32])leaves, n, root2);
		for (uint64_t m = 1; m <= n; m++) {
			merkle_root((const unsigned char (*)[32])leaves, m, root);
			int c = merkle_consistency_proof((const unsigned char (*)[32])leaves, m, n, path);
			cons_ok &= c >= 0 && merkle_verify_consistency(m, n, root, root2,
			                                               (const unsigned char (*)[32])path, c) == 0;
			unsigned char wrong[32];
			memcpy(wrong, root, 32);
			wrong[0] ^= 0x80;
			cons_bad_fails &= merkle_verify_consistency(m, n, wrong, root2,
			                                            (const unsigned char (*)[32])path, c) != 0;
		}
	}
	CHECK("every consistency proof up to 70 leaves verifies", cons_ok);
	CHECK("a wrong old root does not verify", cons_bad_fails);

	if (sodium_init() < 0)
		return 1;
	unsigned char pk[32], sk[64], pk2[32], sk2[64];
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	merkle_root((const unsigned char (*)[32])leaves, 42, root);
	char *cp = checkpoint_sign("diarium.example.se", 42, root, "diarium.example.se", sk);
	char *origin = NULL, why[128];
	uint64_t size = 0;
	unsigned char got[32];
	CHECK("checkpoint has the tlog-checkpoint shape", cp && !strncmp(cp, "diarium.example.se\n42\n", 22)
	      && strstr(cp, "\n\n\xe2\x80\x94 diarium.example.se "));
	CHECK("checkpoint verifies", checkpoint_verify(cp, "diarium.example.se", pk, &origin, &size, got,
	                                               why, sizeof why) == 0 && size == 42
	      && !memcmp(got, root, 32) && origin && !strcmp(origin, "diarium.example.se"));
	free(origin);
	origin = NULL;
	CHECK("checkpoint fails with another key",
	      checkpoint_verify(cp, "diarium.example.se", pk2, &origin, &size, got, why, sizeof why) != 0);
	char *changed = strdup(cp);
	changed[20] = '3'; /* size 42 -> 43 */
	CHECK("checkpoint fails with a changed size",
	      checkpoint_verify(changed, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
	CHECK("... its signature named as the reason", !strcmp(why, "bad signature"));
	free(changed);
	changed = strdup(cp);
	char *r = changed + 22;
	*r = *r == 'A' ? 'B' : 'A';
	CHECK("checkpoint fails with a changed root",
	      checkpoint_verify(changed, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
	free(changed);
	CHECK("checkpoint fails under another key name",
	      checkpoint_verify(cp, "other.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
	/* A control character anywhere in the note, not only at its start, is
	 * refused before any signature is looked at. */
	changed = strdup(cp);
	changed[5] = '\x01';
	CHECK("checkpoint with a control character inside is refused",
	      checkpoint_verify(changed, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
	      strstr(why, "control") != NULL);
	free(changed);
	CHECK("a key name with a control character inside is refused",
	      checkpoint_verify(cp, "diarium.exa\x01mple.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
	      strstr(why, "key name") != NULL);
	/* A key name sits between spaces in the signature line and before a
	 * '+' in the verifier key: neither may be in it (a Unicode space too). */
	CHECK("a key name with a '+' is refused",
	      checkpoint_verify(cp, "diarium+example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
	      strstr(why, "key name") != NULL);
	CHECK("a key name with a space is refused",
	      checkpoint_verify(cp, "diarium example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
	      strstr(why, "key name") != NULL);
	CHECK("a key name with a no-break space is refused",
	      checkpoint_verify(cp, "diarium\xc2\xa0" "example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
	      strstr(why, "key name") != NULL);
	{
		char *plus = checkpoint_sign("diarium.example.se", 42, root, "diarium+example.se", sk);
		CHECK("... and nothing is signed under one", plus == NULL);
		free(plus);
	}
	/* Extension lines after the root are allowed, an empty one is not
	 * (checked against notes this test signs itself). */
	{
		char body[512], *note;
		const char *nl1 = strchr(cp, '\n'), *nl2 = strchr(nl1 + 1, '\n'), *nl3 = strchr(nl2 + 1, '\n');
		size_t head = (size_t)(nl3 + 1 - cp); /* origin, size and root lines */
		snprintf(body, sizeof body, "%.*s", (int)head, cp);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("a note this test signs like checkpoint_sign verifies", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) == 0);
		free(origin);
		origin = NULL;
		free(note);
		snprintf(body, sizeof body, "%.*sextension one\nextension two\n", (int)head, cp);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("extension lines after the root are accepted", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) == 0 &&
		      size == 42 && !memcmp(got, root, 32));
		free(origin);
		origin = NULL;
		free(note);
		snprintf(body, sizeof body, "%.*s\nextension\n", (int)head, cp);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("an empty extension line is refused", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
		      strstr(why, "empty extension line") != NULL);
		free(note);
	}
	/* The size line: no leading zero, but 0 itself is a size (an empty
	 * log's checkpoint). */
	{
		char body[512], *note;
		const char *nl1 = strchr(cp, '\n'), *nl2 = strchr(nl1 + 1, '\n');
		snprintf(body, sizeof body, "%.*s042\n%.*s", (int)(nl1 + 1 - cp), cp, (int)(strchr(nl2 + 1, '\n') - nl2),
		         nl2 + 1);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("a size with a leading zero is refused", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
		free(note);
		/* digits only: a letter or a character just outside '0'-'9' */
		static const char *const not_sizes[] = { "4a", "4/", "4:" };
		for (size_t i = 0; i < sizeof not_sizes / sizeof not_sizes[0]; i++) {
			char name[64];
			snprintf(body, sizeof body, "%.*s%s\n%.*s", (int)(nl1 + 1 - cp), cp, not_sizes[i],
			         (int)(strchr(nl2 + 1, '\n') - nl2), nl2 + 1);
			note = sign_body(body, "diarium.example.se", cp, sk);
			snprintf(name, sizeof name, "a size of '%s' is refused", not_sizes[i]);
			CHECK(name, note &&
			      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0 &&
			      strstr(why, "tree size") != NULL);
			free(note);
		}
		snprintf(body, sizeof body, "%.*s0\n%.*s", (int)(nl1 + 1 - cp), cp, (int)(strchr(nl2 + 1, '\n') - nl2),
		         nl2 + 1);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("size 0 is a size", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) == 0 &&
		      size == 0);
		free(origin);
		origin = NULL;
		free(note);
	}
	/* The root line has one spelling: the last base64 character of 32
	 * bytes carries two bits no byte uses, and the same root with one of
	 * them set is refused, or one checkpoint could be written two ways. */
	{
		static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		char body[512], *note;
		const char *nl1 = strchr(cp, '\n'), *nl2 = strchr(nl1 + 1, '\n'), *nl3 = strchr(nl2 + 1, '\n');
		snprintf(body, sizeof body, "%.*s", (int)(nl3 + 1 - cp), cp);
		char *last = body + (nl3 - cp) - 2; /* before the '=' */
		*last = b64[(strchr(b64, *last) - b64) ^ 1];
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("a root spelt with an unused bit set is refused", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
		free(note);
		snprintf(body, sizeof body, "%.*s", (int)(nl3 + 1 - cp), cp);
		note = sign_body(body, "diarium.example.se", cp, sk);
		CHECK("... and its own spelling, signed the same way, verifies", note &&
		      checkpoint_verify(note, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) == 0 &&
		      !memcmp(got, root, 32));
		free(origin);
		origin = NULL;
		free(note);
	}
	/* Four-byte UTF-8 (an emoji, planes 4 and 16) is text like any other. */
	{
		const char *origin4 = "diarium.example.se \xf0\x9f\x98\x80 \xf1\x80\x80\x80 \xf4\x80\x80\x80";
		char *cp4 = checkpoint_sign(origin4, 42, root, "diarium.example.se", sk);
		CHECK("an origin with four-byte characters verifies", cp4 &&
		      checkpoint_verify(cp4, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) == 0 &&
		      origin && !strcmp(origin, origin4));
		free(origin);
		origin = NULL;
		free(cp4);
		cp4 = checkpoint_sign("diarium.example.se \xf4\x90\x80\x80", 42, root, "diarium.example.se", sk);
		CHECK("one past U+10FFFF is not text", !cp4 ||
		      checkpoint_verify(cp4, "diarium.example.se", pk, &origin, &size, got, why, sizeof why) != 0);
		free(cp4);
	}
	char *vkey = checkpoint_verifier_key("diarium.example.se", pk);
	CHECK("verifier key format", vkey && !strncmp(vkey, "diarium.example.se+", 19) && strlen(vkey) > 19 + 9 + 40);
	char vname[64];
	unsigned char vpk[32];
	memset(vname, '#', sizeof vname); /* the name is written whole, its NUL too */
	CHECK("a verifier key reads back as its name and public key",
	      vkey && checkpoint_parse_verifier_key(vkey, vname, sizeof vname, vpk) == 0 &&
	      !strcmp(vname, "diarium.example.se") && memcmp(vpk, pk, 32) == 0);
	free(vkey);
	free(cp);
	TEST_END();
}
