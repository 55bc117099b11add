/*
 * merkle.c — RFC 6962 Merkle trees over SHA-256; see merkle.h.
 *
 * Roots and proofs recurse on the split at the largest power of two below
 * n, exactly as RFC 6962 defines MTH, PATH and SUBPROOF. Each subtree that
 * a result needs is hashed once and never revisited, so a root or a proof
 * costs O(n) hashes and the recursion is only O(log n) deep.
 */
#include "util/merkle.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static void digest(const void *data, size_t len, unsigned char out[32])
{
	hash_sha256(data, len, out);
}

void merkle_leaf_hash(const unsigned char *data, size_t len, unsigned char out[32])
{
	merkle_leaf_hash_parts(data, len, NULL, 0, NULL, 0, out);
}

void merkle_leaf_hash_parts(const void *a, size_t alen, const void *b, size_t blen, const void *c, size_t clen,
                            unsigned char out[32])
{
	static const unsigned char zero = 0x00;
	unsigned char small[1 + 1024];
	if (alen + blen + clen < sizeof small) {
		/* Most entries are short: one contiguous buffer is one call. */
		small[0] = zero;
		if (alen)
			memcpy(small + 1, a, alen);
		if (blen)
			memcpy(small + 1 + alen, b, blen);
		if (clen)
			memcpy(small + 1 + alen + blen, c, clen);
		digest(small, 1 + alen + blen + clen, out);
		return;
	}
	hash_ctx *h = hash_begin();
	hash_update(h, &zero, 1);
	hash_update(h, a, alen);
	hash_update(h, b, blen);
	hash_update(h, c, clen);
	hash_end(h, out);
}

void merkle_node_hash(const unsigned char l[32], const unsigned char r[32], unsigned char out[32])
{
	/* Copied first so that out may alias l or r. */
	unsigned char in[1 + 64];
	in[0] = 0x01;
	memcpy(in + 1, l, 32);
	memcpy(in + 33, r, 32);
	digest(in, sizeof in, out);
}

/* RFC 6962's k: the largest power of two strictly below n (n >= 2). */
static uint64_t split(uint64_t n)
{
	return UINT64_C(1) << (63 - __builtin_clzll(n - 1));
}

/* MTH(D[0:n]) for n >= 1. */
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
		digest("", 0, out);
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
	/* At 2^64 - 1 leaves every one of the 64 slots is in use and the size
	 * would wrap; no real log gets there, but the array must not overflow. */
	if (f->size == UINT64_MAX)
		return;
	unsigned char h[32];
	memcpy(h, leaf, 32);
	/* Each trailing one bit of size is a perfect subtree exactly as tall as
	 * the one being carried: merge them, smallest first, like binary +1. */
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
	/* RFC 6962 splits off the largest perfect subtree on the left first, so
	 * the root folds the subtrees together from the right. */
	unsigned char h[32];
	memcpy(h, f->node[f->count - 1], 32);
	for (int i = f->count - 2; i >= 0; i--)
		merkle_node_hash(f->node[i], h, h);
	memcpy(out, h, 32);
}

size_t merkle_frontier_bytes(const merkle_frontier *f, unsigned char *out)
{
	size_t len = (size_t)f->count * 32;
	if (len)
		memcpy(out, f->node, len);
	return len;
}

int merkle_frontier_load(merkle_frontier *f, uint64_t size, const unsigned char *bytes, size_t len)
{
	int bits = __builtin_popcountll(size);
	if (len != (size_t)bits * 32)
		return -1;
	memset(f, 0, sizeof *f);
	f->size = size;
	f->count = bits;
	if (len)
		memcpy(f->node, bytes, len);
	return 0;
}

/* No array of 32-byte hashes can hold more entries than this, and below it
 * the tree is at most 59 levels deep, so proofs fit in MERKLE_MAX_DEPTH. */
static int too_big(uint64_t n)
{
	return n > SIZE_MAX / 32;
}

/* PATH(m, D[0:n]), appended bottom-up: the recursion descends first and
 * adds the sibling on the way back up. */
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
	if (m >= n || too_big(n))
		return -1;
	int count = 0;
	path(leaves, n, m, out, &count);
	return count;
}

/* SUBPROOF(m, D[0:n], whole): whole says D[0:m] is the old tree itself,
 * whose root the verifier already has, so it is not repeated. */
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
	if (m == 0 || m > n || too_big(n))
		return -1;
	int count = 0;
	subproof(leaves, m, n, 1, out, &count);
	return count;
}

int merkle_verify_inclusion(const unsigned char leaf[32], uint64_t index, uint64_t size,
                            const unsigned char (*p)[32], int count, const unsigned char root[32])
{
	if (index >= size || count < 0)
		return -1;
	uint64_t fn = index, sn = size - 1;
	unsigned char r[32];
	memcpy(r, leaf, 32);
	for (int i = 0; i < count; i++) {
		if (sn == 0)
			return -1; /* more hashes than the tree has levels */
		if ((fn & 1) || fn == sn) {
			merkle_node_hash(p[i], r, r);
			/* A left child that is the last node of its level has no right
			 * sibling: climb past the levels where it is promoted unchanged. */
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
	if (m == 0 || m > n || count < 0)
		return -1;
	if (m == n)
		return count == 0 && memcmp(root1, root2, 32) == 0 ? 0 : -1;
	if (count == 0)
		return -1;
	int start = 0;
	const unsigned char *first;
	if ((m & (m - 1)) == 0) {
		/* The old tree is a perfect subtree of the new one, so the proof
		 * leaves out its root: the verifier already has it. */
		first = root1;
	} else {
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
			return -1; /* more hashes than the tree has levels */
		if ((fn & 1) || fn == sn) {
			/* A left sibling: it belongs to both trees. */
			merkle_node_hash(proof[i], fr, fr);
			merkle_node_hash(proof[i], sr, sr);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			/* A right sibling: only the new tree has it. */
			merkle_node_hash(sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && !memcmp(fr, root1, 32) && !memcmp(sr, root2, 32) ? 0 : -1;
}
