/*
 * hash.h — SHA-256 through OpenSSL EVP (it uses the CPU's SHA instructions,
 * several times faster than a portable implementation) and hex encoding.
 */
#ifndef KANSLI_HASH_H
#define KANSLI_HASH_H

#include <stddef.h>

#define HASH_LEN 32
#define HASH_HEX_LEN 64

void hash_sha256(const void *data, size_t len, unsigned char out[HASH_LEN]);
void hash_hex(const unsigned char *bin, size_t len, char *out /* 2*len+1 */);
/* Parses 2*len hex digits; returns 0 or -1. */
int hash_unhex(const char *hex, unsigned char *out, size_t len);

/* Streaming hash for large files. */
typedef struct hash_ctx hash_ctx;
hash_ctx *hash_begin(void);
void hash_update(hash_ctx *c, const void *data, size_t len);
void hash_end(hash_ctx *c, unsigned char out[HASH_LEN]); /* frees c */

#endif
