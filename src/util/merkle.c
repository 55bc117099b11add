/*
 * merkle.c — RFC 6962 Merkle trees; see merkle.h.
 *
 * Roots and proofs recurse on the split at the largest power of two below
 * n, as the RFC defines them; every subtree is hashed once, so the work is
 * O(n) however the proof is asked for.
 */
#include "util/merkle.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static void sha256_parts(const void *a, size_t alen, const void *b, size_t blen,
                         const void *c, size_t clen, unsigned char out[32])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int n = 32;
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) || !EVP_DigestUpdate(ctx, a, alen) ||
	    (blen && !EVP_DigestUpdate(ctx, b, blen)) || (clen && !EVP_DigestUpdate(ctx, c, clen)) ||
	    !EVP_DigestFinal_ex(ctx, out, &n))
		abort();
	EVP_MD_CTX_free(ctx);
}

void merkle_leaf_hash(const unsigned char *data, size_t len, unsigned char out[32])
{
	static const unsigned char zero = 0x00;
	sha256_parts(&zero, 1, data, len, NULL, 0, out);
}

void merkle_node_hash(const unsigned char l[32], const unsigned char r[32], unsigned char out[32])
{
	static const unsigned char one = 0x01;
	sha256_parts(&one, 1, l, 32, r, 32, out);
}

/* Largest power of two strictly below n (n >= 2). */
static uint64_t split(uint64_t n)
{
	uint64_t k = 1;
	while (k << 1 < n)
		k <<= 1;
	return k;
}

static void mth(const unsigned char (*d)[32], uint64_t n, unsigned char out[32])
{
	if (n == 1) {
		memcpy(out, d[0], 32);
		return;
	}
	uint64_t k = split(n);
	unsigned char l[32], r[32];
	mth(d, k, l);
	mth(d + k, n - k, r);
	merkle_node_hash(l, r, out);
}

void merkle_root(const unsigned char (*leaves)[32], uint64_t n, unsigned char out[32])
{
	if (n == 0) {
		sha256_parts("", 0, NULL, 0, NULL, 0, out);
		return;
	}
	mth(leaves, n, out);
}

void merkle_frontier_init(merkle_frontier *f)
{
	memset(f, 0, sizeof *f);
}

void merkle_frontier_append(merkle_frontier *f, const unsigned char leaf[32])
{
	unsigned char h[32];
	memcpy(h, leaf, 32);
	/* Each trailing one bit of size is a perfect subtree of the new leaf's
	 * height: merge them, smallest first. */
	for (uint64_t s = f->size; s & 1; s >>= 1)
		merkle_node_hash(f->node[--f->count], h, h);
	memcpy(f->node[f->count++], h, 32);
	f->size++;
}

void merkle_frontier_root(const merkle_frontier *f, unsigned char out[32])
{
	if (f->count == 0) {
		merkle_root(NULL, 0, out);
		return;
	}
	unsigned char h[32];
	memcpy(h, f->node[f->count - 1], 32);
	for (int i = f->count - 2; i >= 0; i--)
		merkle_node_hash(f->node[i], h, h);
	memcpy(out, h, 32);
}

size_t merkle_frontier_bytes(const merkle_frontier *f, unsigned char *out)
{
	memcpy(out, f->node, (size_t)f->count * 32);
	return (size_t)f->count * 32;
}

int merkle_frontier_load(merkle_frontier *f, uint64_t size, const unsigned char *bytes, size_t len)
{
	int bits = __builtin_popcountll(size);
	if (len != (size_t)bits * 32)
		return -1;
	f->size = size;
	f->count = bits;
	memcpy(f->node, bytes, len);
	return 0;
}

static void path(const unsigned char (*d)[32], uint64_t n, uint64_t m,
                 unsigned char (*out)[32], int *count)
{
	if (n == 1)
		return;
	uint64_t k = split(n);
	if (m < k) {
		path(d, k, m, out, count);
		mth(d + k, n - k, out[(*count)++]);
	} else {
		path(d + k, n - k, m - k, out, count);
		mth(d, k, out[(*count)++]);
	}
}

int merkle_inclusion_proof(const unsigned char (*leaves)[32], uint64_t n, uint64_t m,
                           unsigned char (*out)[32])
{
	if (m >= n)
		return -1;
	int count = 0;
	path(leaves, n, m, out, &count);
	return count;
}

static void subproof(const unsigned char (*d)[32], uint64_t m, uint64_t n, int whole,
                     unsigned char (*out)[32], int *count)
{
	if (m == n) {
		if (!whole)
			mth(d, n, out[(*count)++]);
		return;
	}
	uint64_t k = split(n);
	if (m <= k) {
		subproof(d, m, k, whole, out, count);
		mth(d + k, n - k, out[(*count)++]);
	} else {
		subproof(d + k, m - k, n - k, 0, out, count);
		mth(d, k, out[(*count)++]);
	}
}

int merkle_consistency_proof(const unsigned char (*leaves)[32], uint64_t m, uint64_t n,
                             unsigned char (*out)[32])
{
	if (m == 0 || m > n)
		return -1;
	int count = 0;
	subproof(leaves, m, n, 1, out, &count);
	return count;
}

int merkle_verify_inclusion(const unsigned char leaf[32], uint64_t index, uint64_t size,
                            const unsigned char (*p)[32], int count, const unsigned char root[32])
{
	if (index >= size)
		return -1;
	uint64_t fn = index, sn = size - 1;
	unsigned char r[32];
	memcpy(r, leaf, 32);
	for (int i = 0; i < count; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(p[i], r, r);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(r, p[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, 32) == 0 ? 0 : -1;
}

int merkle_verify_consistency(uint64_t m, uint64_t n, const unsigned char root1[32],
                              const unsigned char root2[32], const unsigned char (*proof)[32],
                              int count)
{
	if (m == 0 || m > n)
		return -1;
	if (m == n)
		return count == 0 && memcmp(root1, root2, 32) == 0 ? 0 : -1;
	int start = 0;
	const unsigned char *first;
	if ((m & (m - 1)) == 0) { /* the old tree is a perfect subtree: its root starts the path */
		first = root1;
	} else {
		if (count < 1)
			return -1;
		first = proof[0];
		start = 1;
	}
	uint64_t fn = m - 1, sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	unsigned char fr[32], sr[32];
	memcpy(fr, first, 32);
	memcpy(sr, first, 32);
	for (int i = start; i < count; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			merkle_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && !memcmp(fr, root1, 32) && !memcmp(sr, root2, 32) ? 0 : -1;
}
