/*
 * merkle.h — RFC 6962 (Certificate Transparency) Merkle trees over SHA-256,
 * as used by the audit log: leaf and node hashes, roots, an incremental
 * frontier for O(log n) appends, inclusion and consistency proofs, and the
 * RFC 9162 verifiers for both. SHA-256 is util/hash.h's (OpenSSL).
 */
#ifndef KANSLI_MERKLE_H
#define KANSLI_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_LEN 32
#define MERKLE_MAX_DEPTH 64

/* SHA-256(0x00 || data): the hash of one log entry. data may be NULL when
 * len is 0. Cannot fail (aborts if OpenSSL itself is broken). */
void merkle_leaf_hash(const unsigned char *data, size_t len, unsigned char out[32]);
/* The same over the concatenation of three pieces (each may be NULL when
 * its length is 0), without copying a long one: an event's data can be
 * megabytes, and verify hashes every event. */
void merkle_leaf_hash_parts(const void *a, size_t alen, const void *b, size_t blen, const void *c, size_t clen,
                            unsigned char out[32]);
/* SHA-256(0x01 || l || r): the hash of an interior node. out may alias l or r. */
void merkle_node_hash(const unsigned char l[32], const unsigned char r[32], unsigned char out[32]);
/* The root over n leaf hashes; n = 0 gives SHA-256 of the empty string
 * (leaves may then be NULL). O(n) hashing. */
void merkle_root(const unsigned char (*leaves)[32], uint64_t n, unsigned char out[32]);

/* The compact range: roots of the perfect subtrees covering the leaves so
 * far, largest (leftmost) first, one per set bit of size. It is all a log
 * needs to keep to append and to compute its root. */
typedef struct {
	uint64_t size;
	int count;
	unsigned char node[MERKLE_MAX_DEPTH][32];
} merkle_frontier;

/* An empty frontier (size 0). */
void merkle_frontier_init(merkle_frontier *f);
/* Appends one leaf hash in O(log n). A frontier already holding 2^64 - 1
 * leaves is left unchanged (the size cannot grow further). */
void merkle_frontier_append(merkle_frontier *f, const unsigned char leaf[32]);
/* The root of the leaves appended so far: equal to merkle_root over them. */
void merkle_frontier_root(const merkle_frontier *f, unsigned char out[32]);
/* Writes count*32 bytes (the subtree roots, largest first) into out and
 * returns that length; out may be NULL when count is 0. The size is not
 * included: the caller stores it beside the bytes. */
size_t merkle_frontier_bytes(const merkle_frontier *f, unsigned char *out);
/* Loads a frontier saved by merkle_frontier_bytes. Returns 0, or -1 (f
 * unchanged) when len is not popcount(size)*32. */
int merkle_frontier_load(merkle_frontier *f, uint64_t size, const unsigned char *bytes, size_t len);

/* RFC 6962 2.1.1 audit path of leaf m in the tree of the first n leaves,
 * bottom-up. path must hold MERKLE_MAX_DEPTH hashes. Returns the number of
 * hashes written, or -1 when m >= n or n is larger than any in-memory array
 * could be. O(n) hashing. */
int merkle_inclusion_proof(const unsigned char (*leaves)[32], uint64_t n, uint64_t m,
                           unsigned char (*path)[32]);
/* RFC 6962 2.1.2 consistency proof from the tree of the first m leaves to
 * that of the first n. proof must hold MERKLE_MAX_DEPTH hashes. Returns the
 * count (0 when m == n), or -1 unless 0 < m <= n (or when n is larger than
 * any in-memory array could be). O(n) hashing. */
int merkle_consistency_proof(const unsigned char (*leaves)[32], uint64_t m, uint64_t n,
                             unsigned char (*proof)[32]);

/* RFC 9162 2.1.3.2: does path prove leaf is entry index of the tree of size
 * leaves with this root? Returns 0 if so, -1 otherwise (including bad
 * arguments such as index >= size). */
int merkle_verify_inclusion(const unsigned char leaf[32], uint64_t index, uint64_t size,
                            const unsigned char (*path)[32], int count, const unsigned char root[32]);
/* RFC 9162 2.1.4.2: does proof show that the tree of size1 leaves with root1
 * is a prefix of the tree of size2 leaves with root2? Equal sizes need an
 * empty proof and equal roots. Returns 0 if so, -1 otherwise (including
 * unless 0 < size1 <= size2). */
int merkle_verify_consistency(uint64_t size1, uint64_t size2, const unsigned char root1[32],
                              const unsigned char root2[32], const unsigned char (*proof)[32],
                              int count);

#endif
