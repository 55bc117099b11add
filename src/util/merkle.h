/*
 * merkle.h — RFC 6962 / RFC 9162 Merkle trees over SHA-256: leaf and node
 * hashes, roots, an incremental frontier for O(log n) appends, inclusion and
 * consistency proofs and their verifiers.
 */
#ifndef KANSLI_MERKLE_H
#define KANSLI_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_LEN 32
#define MERKLE_MAX_DEPTH 64

void merkle_leaf_hash(const unsigned char *data, size_t len, unsigned char out[32]);
void merkle_node_hash(const unsigned char l[32], const unsigned char r[32], unsigned char out[32]);
/* Root over n leaf hashes; n = 0 gives SHA-256 of the empty string. */
void merkle_root(const unsigned char (*leaves)[32], uint64_t n, unsigned char out[32]);

/* The compact range: roots of the perfect subtrees, largest first, one per
 * set bit of size. Appending costs O(log n) hashes. */
typedef struct {
	uint64_t size;
	int count;
	unsigned char node[MERKLE_MAX_DEPTH][32];
} merkle_frontier;

void merkle_frontier_init(merkle_frontier *f);
void merkle_frontier_append(merkle_frontier *f, const unsigned char leaf[32]);
void merkle_frontier_root(const merkle_frontier *f, unsigned char out[32]);
/* count*32 bytes into out; returns the length. */
size_t merkle_frontier_bytes(const merkle_frontier *f, unsigned char *out);
/* Loads a frontier saved by merkle_frontier_bytes; -1 if len does not fit size. */
int merkle_frontier_load(merkle_frontier *f, uint64_t size, const unsigned char *bytes, size_t len);

/* Audit path of leaf m in the tree of n leaves; returns the count, -1 on bad args. */
int merkle_inclusion_proof(const unsigned char (*leaves)[32], uint64_t n, uint64_t m,
                           unsigned char (*path)[32]);
/* Consistency proof between sizes m and n (0 < m <= n); count or -1. */
int merkle_consistency_proof(const unsigned char (*leaves)[32], uint64_t m, uint64_t n,
                             unsigned char (*proof)[32]);
/* 0 when the proof is valid, -1 otherwise. */
int merkle_verify_inclusion(const unsigned char leaf[32], uint64_t index, uint64_t size,
                            const unsigned char (*path)[32], int count, const unsigned char root[32]);
int merkle_verify_consistency(uint64_t size1, uint64_t size2, const unsigned char root1[32],
                              const unsigned char root2[32], const unsigned char (*proof)[32],
                              int count);

#endif
