/*
 * test_merkle.c — the RFC 6962 Merkle tree and the C2SP signed checkpoints
 * on their own: hashes and proofs against the Certificate Transparency
 * reference vectors, every proof shape of small trees, a million-leaf tree,
 * and checkpoints against Go's signed-note vectors and tampering.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/checkpoint.h"
#include "util/merkle.h"

typedef const unsigned char (*hashes)[32];

/* The leaves and roots of certificate-transparency-go's merkletree tests
 * (also transparency-dev/merkle testonly/constants.go). */
static const char *const ct_leaves[] = {
	"", "\x00", "\x10", "\x20\x21", "\x30\x31", "\x40\x41\x42\x43",
	"\x50\x51\x52\x53\x54\x55\x56\x57",
	"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
};
static const size_t ct_lens[] = { 0, 1, 1, 2, 2, 4, 8, 16 };
static const char *const ct_roots[] = {
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* Reference proofs from the same tests: index is 0-based here. */
static const struct {
	uint64_t a, b; /* inclusion: leaf index, tree size; consistency: sizes */
	int count;
	const char *hash[3];
} ct_inclusion[] = {
	{ 0, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 5, 8, 3, { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 3, 1, { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
	{ 1, 5, 3, { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
}, ct_consistency[] = {
	{ 1, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	             "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	             "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 6, 8, 3, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	             "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
	             "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 5, 2, { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	             "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 1, 1, 0, { NULL } },
};

/* golang.org/x/mod/sumdb/note's documented example: its keys and note. */
#define GO_VKEY "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
#define GO_SKEY_B64 "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
#define GO_TEXT "If you think cryptography is the answer to your problem,\n" \
                "then you don't know what your problem is.\n"
#define GO_SIG "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM="

static int eq_hex(const unsigned char h[32], const char *hex)
{
	char s[65];
	sodium_bin2hex(s, sizeof s, h, 32);
	return strcmp(s, hex) == 0;
}

static void unhex(const char *hex, unsigned char out[32])
{
	if (sodium_hex2bin(out, 32, hex, 64, NULL, NULL, NULL) != 0)
		abort();
}

/* A signed note over any body, built here independently of checkpoint.c so
 * that the parser can be fed validly signed but malformed checkpoints. */
static char *sign_note(const char *body, const char *name, const unsigned char sk[64])
{
	unsigned char h[32], sig[68];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)name, strlen(name));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n\x01", 2);
	crypto_hash_sha256_update(&st, sk + 32, 32);
	crypto_hash_sha256_final(&st, h);
	memcpy(sig, h, 4);
	crypto_sign_detached(sig + 4, NULL, (const unsigned char *)body, strlen(body), sk);
	char b64[sodium_base64_ENCODED_LEN(68, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
	size_t cap = strlen(body) + strlen(name) + sizeof b64 + 16;
	char *out = malloc(cap);
	snprintf(out, cap, "%s\n\xe2\x80\x94 %s %s\n", body, name, b64);
	return out;
}

/* checkpoint_verify on text, with the reason in why and size and root
 * copied out when wanted; the origin it returns is freed here so that the
 * many negative checks stay one line each. */
static int verify(const char *text, const char *name, const unsigned char pk[32], char *why,
                  size_t whylen, uint64_t *size, unsigned char root[32])
{
	char *origin = NULL;
	uint64_t sz = 0;
	unsigned char r[32];
	why[0] = '\0';
	int rc = checkpoint_verify(text, name, pk, &origin, &sz, r, why, whylen);
	if (rc == 0) {
		if (size)
			*size = sz;
		if (root)
			memcpy(root, r, 32);
	}
	free(origin);
	return rc;
}

static void test_vectors(void)
{
	unsigned char leaves[8][32], root[32], path[MERKLE_MAX_DEPTH][32], want[32];

	merkle_root(NULL, 0, root);
	CHECK("empty tree root is SHA-256 of nothing",
	      eq_hex(root, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	for (int i = 0; i < 8; i++)
		merkle_leaf_hash((const unsigned char *)ct_leaves[i], ct_lens[i], leaves[i]);
	CHECK("leaf hash of the empty entry is the CT vector", eq_hex(leaves[0], ct_roots[0]));
	merkle_node_hash(leaves[0], leaves[1], root);
	CHECK("node hash of the first two leaves is the CT vector", eq_hex(root, ct_roots[1]));
	for (int n = 1; n <= 8; n++) {
		char name[64];
		merkle_root((hashes)leaves, (uint64_t)n, root);
		snprintf(name, sizeof name, "CT reference root of %d leaves", n);
		CHECK(name, eq_hex(root, ct_roots[n - 1]));
	}

	for (size_t t = 0; t < sizeof ct_inclusion / sizeof ct_inclusion[0]; t++) {
		uint64_t m = ct_inclusion[t].a, n = ct_inclusion[t].b;
		char name[96];
		int c = merkle_inclusion_proof((hashes)leaves, n, m, path);
		int same = c == ct_inclusion[t].count;
		for (int i = 0; same && i < c; i++)
			same = eq_hex(path[i], ct_inclusion[t].hash[i]);
		unhex(ct_roots[n - 1], want);
		snprintf(name, sizeof name, "CT reference inclusion proof of leaf %llu in %llu",
		         (unsigned long long)m, (unsigned long long)n);
		CHECK(name, same && merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c, want) == 0);
	}
	for (size_t t = 0; t < sizeof ct_consistency / sizeof ct_consistency[0]; t++) {
		uint64_t m = ct_consistency[t].a, n = ct_consistency[t].b;
		unsigned char old[32];
		char name[96];
		int c = merkle_consistency_proof((hashes)leaves, m, n, path);
		int same = c == ct_consistency[t].count;
		for (int i = 0; same && i < c; i++)
			same = eq_hex(path[i], ct_consistency[t].hash[i]);
		unhex(ct_roots[m - 1], old);
		unhex(ct_roots[n - 1], want);
		snprintf(name, sizeof name, "CT reference consistency proof from %llu to %llu",
		         (unsigned long long)m, (unsigned long long)n);
		CHECK(name, same && merkle_verify_consistency(m, n, old, want, (hashes)path, c) == 0);
	}
}

static void test_frontier(const unsigned char (*leaves)[32])
{
	merkle_frontier f, g;
	unsigned char root[32], root2[32], bytes[MERKLE_MAX_DEPTH * 32];
	int same = 1, reload = 1, refused = 1;
	merkle_frontier_init(&f);
	for (uint64_t n = 0; n <= 300; n++) {
		merkle_frontier_root(&f, root);
		merkle_root(leaves, n, root2);
		same &= !memcmp(root, root2, 32) && f.size == n && f.count == __builtin_popcountll(n);

		size_t len = merkle_frontier_bytes(&f, bytes);
		reload &= len == (size_t)f.count * 32 && merkle_frontier_load(&g, n, bytes, len) == 0;
		merkle_frontier_root(&g, root2);
		reload &= !memcmp(root, root2, 32) && g.size == n && g.count == f.count;
		/* The reloaded frontier must keep growing like the original. */
		if (n < 300) {
			merkle_frontier_append(&g, leaves[n]);
			merkle_root(leaves, n + 1, root);
			merkle_frontier_root(&g, root2);
			reload &= !memcmp(root, root2, 32);
		}
		/* A size whose popcount differs cannot fit the same bytes. */
		if (__builtin_popcountll(n + 1) != f.count)
			refused &= merkle_frontier_load(&g, n + 1, bytes, len) != 0;
		refused &= merkle_frontier_load(&g, n, bytes, len + 32) != 0;
		if (n < 300)
			merkle_frontier_append(&f, leaves[n]);
	}
	CHECK("frontier root equals merkle_root for 0..300 leaves", same);
	CHECK("frontier survives serialise and load, and keeps appending", reload);
	CHECK("frontier load refuses bytes that do not fit the size", refused);
}

static void test_inclusion(const unsigned char (*leaves)[32])
{
	unsigned char root[32], path[MERKLE_MAX_DEPTH][32], other[32];
	int ok = 1, flipped = 1, wrong_place = 1, wrong_length = 1;
	merkle_leaf_hash((const unsigned char *)"not in the tree", 15, other);
	for (uint64_t n = 1; n <= 70; n++) {
		merkle_root(leaves, n, root);
		for (uint64_t m = 0; m < n; m++) {
			int c = merkle_inclusion_proof(leaves, n, m, path);
			ok &= c >= 0 && merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c, root) == 0;
			for (int i = 0; i < c; i++)
				for (int byte = 0; byte < 32; byte += 31) {
					path[i][byte] ^= 0x01;
					flipped &= merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c, root) != 0;
					path[i][byte] ^= 0x01;
				}
			unsigned char bad_root[32];
			memcpy(bad_root, root, 32);
			bad_root[7] ^= 0x40;
			flipped &= merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c, bad_root) != 0;
			wrong_place &= merkle_verify_inclusion(other, m, n, (hashes)path, c, root) != 0;
			if (m + 1 < n)
				wrong_place &= merkle_verify_inclusion(leaves[m], m + 1, n, (hashes)path, c, root) != 0;
			if (m > 0)
				wrong_place &= merkle_verify_inclusion(leaves[m], m - 1, n, (hashes)path, c, root) != 0;
			if (c > 0)
				wrong_length &= merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c - 1, root) != 0;
			memcpy(path[c], root, 32);
			wrong_length &= merkle_verify_inclusion(leaves[m], m, n, (hashes)path, c + 1, root) != 0;
		}
	}
	CHECK("every inclusion proof up to 70 leaves verifies", ok);
	CHECK("inclusion fails with any flipped byte in the path or root", flipped);
	CHECK("inclusion fails for another leaf or index", wrong_place);
	CHECK("inclusion fails with a truncated or extended path", wrong_length);
	CHECK("inclusion proof refuses an index past the end",
	      merkle_inclusion_proof(leaves, 5, 5, path) == -1 && merkle_inclusion_proof(leaves, 0, 0, path) == -1);
	CHECK("inclusion verification refuses an index past the end",
	      merkle_verify_inclusion(leaves[0], 1, 1, (hashes)path, 0, leaves[0]) == -1 &&
	      merkle_verify_inclusion(leaves[0], 0, 0, (hashes)path, 0, leaves[0]) == -1);
	CHECK("a one-leaf tree's root is its leaf, with an empty path",
	      merkle_inclusion_proof(leaves, 1, 0, path) == 0 &&
	      merkle_verify_inclusion(leaves[0], 0, 1, (hashes)path, 0, leaves[0]) == 0);
}

static void test_consistency(const unsigned char (*leaves)[32])
{
	unsigned char root1[32], root2[32], proof[MERKLE_MAX_DEPTH][32], wrong[32];
	int ok = 1, bad_root1 = 1, bad_root2 = 1, flipped = 1, wrong_size = 1;
	for (uint64_t n = 1; n <= 70; n++) {
		merkle_root(leaves, n, root2);
		for (uint64_t m = 1; m <= n; m++) {
			merkle_root(leaves, m, root1);
			int c = merkle_consistency_proof(leaves, m, n, proof);
			ok &= c >= 0 && (m < n || c == 0) &&
			      merkle_verify_consistency(m, n, root1, root2, (hashes)proof, c) == 0;
			memcpy(wrong, root1, 32);
			wrong[0] ^= 0x80;
			bad_root1 &= merkle_verify_consistency(m, n, wrong, root2, (hashes)proof, c) != 0;
			memcpy(wrong, root2, 32);
			wrong[31] ^= 0x01;
			bad_root2 &= merkle_verify_consistency(m, n, root1, wrong, (hashes)proof, c) != 0;
			for (int i = 0; i < c; i++) {
				proof[i][16] ^= 0x08;
				flipped &= merkle_verify_consistency(m, n, root1, root2, (hashes)proof, c) != 0;
				proof[i][16] ^= 0x08;
			}
			/* Not n + 1: where the larger tree has the same shape the
			 * verifier computes the same hashes, and only the signed
			 * (size, root) pair tells them apart. */
			if (m < n) {
				wrong_size &= merkle_verify_consistency(m, n, root1, root2, (hashes)proof, c - 1) != 0;
				wrong_size &= merkle_verify_consistency(m + 1, n, root1, root2, (hashes)proof, c) != 0;
				if (m > 1)
					wrong_size &= merkle_verify_consistency(m - 1, n, root1, root2, (hashes)proof, c) != 0;
			}
		}
	}
	CHECK("every consistency proof for 1 <= m <= n <= 70 verifies", ok);
	CHECK("consistency fails with a wrong old root", bad_root1);
	CHECK("consistency fails with a wrong new root", bad_root2);
	CHECK("consistency fails with any flipped proof hash", flipped);
	CHECK("consistency fails with wrong sizes or a truncated proof", wrong_size);
	CHECK("consistency proof refuses m = 0 and m > n",
	      merkle_consistency_proof(leaves, 0, 5, proof) == -1 &&
	      merkle_consistency_proof(leaves, 6, 5, proof) == -1);
	merkle_root(leaves, 5, root1);
	merkle_root(leaves, 6, root2);
	CHECK("consistency verification refuses m = 0, m > n and equal sizes with a proof or unequal roots",
	      merkle_verify_consistency(0, 5, root1, root2, (hashes)proof, 0) == -1 &&
	      merkle_verify_consistency(6, 5, root1, root2, (hashes)proof, 0) == -1 &&
	      merkle_verify_consistency(5, 5, root1, root1, (hashes)proof, 1) == -1 &&
	      merkle_verify_consistency(5, 5, root1, root2, (hashes)proof, 0) == -1 &&
	      merkle_verify_consistency(5, 5, root1, root1, (hashes)proof, 0) == 0 &&
	      merkle_verify_consistency(4, 6, root1, root2, (hashes)proof, 0) == -1);
}

/* Big enough that quadratic work would not finish; odd so that every level
 * has a ragged right edge. */
static void test_million(void)
{
	const uint64_t n = 1000003;
	unsigned char (*leaves)[32] = malloc(n * 32);
	unsigned char root[32], root2[32], old[32], path[MERKLE_MAX_DEPTH][32];
	if (!leaves) {
		CHECK("a million leaves fit in memory", 0);
		return;
	}
	merkle_frontier f;
	merkle_frontier_init(&f);
	for (uint64_t i = 0; i < n; i++) {
		merkle_leaf_hash((const unsigned char *)&i, sizeof i, leaves[i]);
		merkle_frontier_append(&f, leaves[i]);
	}
	merkle_root((hashes)leaves, n, root);
	merkle_frontier_root(&f, root2);
	CHECK("a million-leaf frontier root equals merkle_root", !memcmp(root, root2, 32));
	int c = merkle_inclusion_proof((hashes)leaves, n, 777777, path);
	CHECK("a million-leaf inclusion proof verifies",
	      c == 20 && merkle_verify_inclusion(leaves[777777], 777777, n, (hashes)path, c, root) == 0);
	merkle_root((hashes)leaves, 524289, old);
	c = merkle_consistency_proof((hashes)leaves, 524289, n, path);
	CHECK("a million-leaf consistency proof verifies",
	      c > 0 && c <= MERKLE_MAX_DEPTH &&
	      merkle_verify_consistency(524289, n, old, root, (hashes)path, c) == 0);
	free(leaves);
}

/* Leaf hashes of long entries take the streaming path. */
static void test_long_leaf(void)
{
	static unsigned char data[10000];
	unsigned char a[32], b[32];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7);
	unsigned char *copy = malloc(sizeof data + 1);
	copy[0] = 0x00;
	memcpy(copy + 1, data, sizeof data);
	int same = 1;
	for (size_t len = 250; len < 270; len++) {
		merkle_leaf_hash(data, len, a);
		crypto_hash_sha256(b, copy, len + 1);
		same &= !memcmp(a, b, 32);
	}
	merkle_leaf_hash(data, sizeof data, a);
	crypto_hash_sha256(b, copy, sizeof data + 1);
	CHECK("leaf hash is SHA-256(0x00 || data) for short and long entries", same && !memcmp(a, b, 32));
	free(copy);
}

static void test_go_note(void)
{
	unsigned char raw[33], pk[32], sk[64], sig[68];
	size_t len = 0;
	char name[128], why[160];
	int decoded = sodium_base642bin(raw, sizeof raw, GO_SKEY_B64, strlen(GO_SKEY_B64), NULL, &len,
	                                NULL, sodium_base64_VARIANT_ORIGINAL) == 0 &&
	              len == 33 && raw[0] == 0x01;
	CHECK("Go's example signer key decodes", decoded);
	if (!decoded)
		return;
	crypto_sign_seed_keypair(pk, sk, raw + 1);

	char *vkey = checkpoint_verifier_key("PeterNeumann", pk);
	CHECK("verifier key equals Go's note.NewVerifier example", vkey && !strcmp(vkey, GO_VKEY));
	free(vkey);
	unsigned char pk2[32];
	CHECK("Go's verifier key parses to the same name and key",
	      checkpoint_parse_verifier_key(GO_VKEY "\n", name, sizeof name, pk2) == 0 &&
	      !strcmp(name, "PeterNeumann") && !memcmp(pk, pk2, 32));
	CHECK("a verifier key with a wrong key id is refused",
	      checkpoint_parse_verifier_key("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
	                                    name, sizeof name, pk2) != 0);
	CHECK("a verifier key whose name does not fit is refused",
	      checkpoint_parse_verifier_key(GO_VKEY, name, 12, pk2) != 0);

	/* Ed25519 is deterministic, so the test's own note signer must
	 * reproduce Go's note exactly; that anchors the malformed-checkpoint
	 * tests below, which rely on it. */
	char *note = sign_note(GO_TEXT, "PeterNeumann", sk);
	CHECK("the test's note signer reproduces Go's example note",
	      !strcmp(note, GO_TEXT "\n\xe2\x80\x94 PeterNeumann " GO_SIG "\n"));
	free(note);
	len = 0;
	sodium_base642bin(sig, sizeof sig, GO_SIG, strlen(GO_SIG), NULL, &len, NULL,
	                  sodium_base64_VARIANT_ORIGINAL);
	CHECK("Go's signature carries key id c74f20a3",
	      len == 68 && sig[0] == 0xc7 && sig[1] == 0x4f && sig[2] == 0x20 && sig[3] == 0xa3);

	/* Go's note is signed correctly but is not a checkpoint: the signature
	 * must be accepted and only the body refused. */
	const char *go_note = GO_TEXT "\n\xe2\x80\x94 PeterNeumann " GO_SIG "\n";
	CHECK("Go's note passes the signature check and fails as a checkpoint",
	      verify(go_note, "PeterNeumann", pk, why, sizeof why, NULL, NULL) != 0 &&
	      !strncmp(why, "malformed checkpoint", 20));
	char *changed = strdup(go_note);
	changed[3] = 'Y';
	CHECK("Go's note with a changed text has a bad signature",
	      verify(changed, "PeterNeumann", pk, why, sizeof why, NULL, NULL) != 0 &&
	      !strcmp(why, "bad signature"));
	free(changed);
}

static void test_checkpoint(const unsigned char (*leaves)[32])
{
	unsigned char pk[32], sk[64], pk2[32], sk2[64], root[32], got[32];
	char why[160], *origin = NULL;
	uint64_t size = 0;
	crypto_sign_keypair(pk, sk);
	crypto_sign_keypair(pk2, sk2);
	merkle_root(leaves, 42, root);
	const char *log = "diarium.example.se/log";

	char *cp = checkpoint_sign(log, 42, root, log, sk);
	char b64[45];
	sodium_bin2base64(b64, sizeof b64, root, 32, sodium_base64_VARIANT_ORIGINAL);
	char body[128];
	snprintf(body, sizeof body, "%s\n42\n%s\n\n\xe2\x80\x94 %s ", log, b64, log);
	CHECK("checkpoint has the tlog-checkpoint and signed-note shape",
	      cp && !strncmp(cp, body, strlen(body)) && strlen(cp) == strlen(body) + 92 + 1 &&
	      cp[strlen(cp) - 1] == '\n');
	int rc = cp ? checkpoint_verify(cp, log, pk, &origin, &size, got, why, sizeof why) : -1;
	CHECK("checkpoint sign then verify round-trips origin, size and root",
	      rc == 0 && origin && !strcmp(origin, log) && size == 42 && !memcmp(got, root, 32));
	free(origin);
	origin = NULL;
	if (!cp)
		return;

	char *changed = strdup(cp);
	changed[strlen(log) + 2] = '3'; /* 42 -> 43 */
	CHECK("verify fails on a changed size line",
	      verify(changed, log, pk, why, sizeof why, NULL, NULL) != 0 && !strcmp(why, "bad signature"));
	strcpy(changed, cp);
	char *r = changed + strlen(log) + 4;
	*r = *r == 'A' ? 'B' : 'A';
	CHECK("verify fails on a changed root",
	      verify(changed, log, pk, why, sizeof why, NULL, NULL) != 0 && !strcmp(why, "bad signature"));
	strcpy(changed, cp);
	changed[strlen(changed) - 10] ^= 0x01; /* inside the signature's base64 */
	CHECK("verify fails on a changed signature",
	      verify(changed, log, pk, why, sizeof why, NULL, NULL) != 0);
	free(changed);
	CHECK("verify fails with another public key (unknown key)",
	      verify(cp, log, pk2, why, sizeof why, NULL, NULL) != 0 && !strncmp(why, "unknown key", 11));
	CHECK("verify fails with another key name (unknown key)",
	      verify(cp, "other.example", pk, why, sizeof why, NULL, NULL) != 0 && !strncmp(why, "unknown key", 11));
	unsigned char untouched[32];
	memset(got, 0xaa, 32);
	memset(untouched, 0xaa, 32);
	size = 7;
	CHECK("a failed verify leaves the outputs untouched",
	      checkpoint_verify(cp, log, pk2, &origin, &size, got, NULL, 0) == -1 && size == 7 &&
	      !origin && !memcmp(got, untouched, 32));

	/* Cosigned: a witness's signature beside ours is ignored, not fatal. */
	size_t blen = (size_t)(strstr(cp, "\n\n") - cp) + 1, cplen = strlen(cp);
	char *bare = strndup(cp, blen);
	char *witness = sign_note(bare, "witness.example", sk2); /* body, blank line, its line */
	const char *wline = witness + blen + 1;
	char *cosigned = malloc(cplen + strlen(wline) + 1);
	memcpy(cosigned, cp, cplen);
	strcpy(cosigned + cplen, wline);
	free(bare);
	CHECK("a note cosigned by an unknown witness still verifies",
	      verify(cosigned, log, pk, why, sizeof why, &size, got) == 0 && size == 42);
	CHECK("the witness key alone verifies the same note",
	      verify(cosigned, "witness.example", pk2, why, sizeof why, NULL, NULL) == 0);
	free(witness);
	free(cosigned);

	/* Validly signed, malformed checkpoints. */
	static const struct {
		const char *body;
		int ok;
		const char *what;
	} bodies[] = {
		{ "o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 1, "size 0 is accepted" },
		{ "o\n18446744073709551615\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 1,
		  "the largest size is accepted" },
		{ "o\n7\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\next two\n", 1,
		  "extension lines are accepted" },
		{ "o\n07\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "a leading zero is refused" },
		{ "o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "a negative size is refused" },
		{ "o\n+1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "a signed size is refused" },
		{ "o\n18446744073709551616\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0,
		  "a size past 64 bits is refused" },
		{ "o\n\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "an empty size is refused" },
		{ "\n7\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "an empty origin is refused" },
		{ "o\n7\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n", 0,
		  "a non-canonical root encoding is refused" },
		{ "o\n7\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuA==\n", 0, "a short root is refused" },
		{ "o\n7\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=\n", 0, "URL-safe base64 is refused" },
		{ "o\n7\n", 0, "a missing root line is refused" },
		{ "o\n7\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next\n\next\n", 0,
		  "an empty extension line is refused" },
	};
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		char *note = sign_note(bodies[i].body, log, sk);
		int res = verify(note, log, pk, why, sizeof why, NULL, NULL);
		char name[96];
		snprintf(name, sizeof name, "checkpoint body: %s", bodies[i].what);
		CHECK(name, bodies[i].ok ? res == 0 : res != 0 && !strncmp(why, "malformed", 9));
		free(note);
	}

	/* Malformed notes. */
	static const char *const notes[] = {
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n- o AAAAAAA=\n",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 o AAAAAAA=",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 o !!!!\n",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 o AAAA\n",
		"o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 a+b AAAAAAA=\n",
		"o\r\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 o AAAAAAA=\n",
		"o\xff\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\xe2\x80\x94 o AAAAAAA=\n",
		"",
	};
	int refused = 1;
	for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
		refused &= verify(notes[i], "o", pk, why, sizeof why, NULL, NULL) != 0 &&
		           !strncmp(why, "malformed note", 14);
	CHECK("malformed notes are refused as malformed", refused);

	/* Signing refuses what would not parse back. */
	CHECK("signing refuses an empty origin, a newline in it, or a bad key name",
	      !checkpoint_sign("", 1, root, log, sk) && !checkpoint_sign("a\nb", 1, root, log, sk) &&
	      !checkpoint_sign(log, 1, root, "has space", sk) && !checkpoint_sign(log, 1, root, "a+b", sk) &&
	      !checkpoint_sign(log, 1, root, "", sk) && !checkpoint_verifier_key("a b", pk));

	char *vkey = checkpoint_verifier_key(log, pk);
	char name[128];
	unsigned char back[32];
	CHECK("our verifier key parses back to the same name and key",
	      vkey && checkpoint_parse_verifier_key(vkey, name, sizeof name, back) == 0 &&
	      !strcmp(name, log) && !memcmp(back, pk, 32) && !strncmp(vkey, log, strlen(log)) &&
	      vkey[strlen(log)] == '+' && vkey[strlen(log) + 9] == '+');
	free(vkey);
	free(cp);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	static unsigned char leaves[301][32];
	for (int i = 0; i < 301; i++) {
		unsigned char b[2] = { (unsigned char)i, (unsigned char)(i >> 8) };
		merkle_leaf_hash(b, sizeof b, leaves[i]);
	}
	test_vectors();
	test_long_leaf();
	test_frontier((hashes)leaves);
	test_inclusion((hashes)leaves);
	test_consistency((hashes)leaves);
	test_million();
	test_go_note();
	test_checkpoint((hashes)leaves);
	TEST_END();
}
