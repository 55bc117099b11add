/* hash.c — SHA-256 via OpenSSL EVP, hex; see hash.h. */
#include "util/hash.h"

#include <openssl/evp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

/* OpenSSL 3 looks up a provider for EVP_sha256() on every digest; fetching
 * the implementation once makes each hash of a short input about twice as
 * fast (verify hashes millions of them). Racing first callers may both
 * fetch; the loser frees its copy. The winner lives until exit. */
static const EVP_MD *sha256_md(void)
{
	static _Atomic(EVP_MD *) cached;
	EVP_MD *md = atomic_load_explicit(&cached, memory_order_acquire);
	if (md)
		return md;
	EVP_MD *fresh = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (!fresh)
		return EVP_sha256(); /* slower, but still correct */
	EVP_MD *expected = NULL;
	if (atomic_compare_exchange_strong_explicit(&cached, &expected, fresh, memory_order_acq_rel,
	                                            memory_order_acquire))
		return fresh;
	EVP_MD_free(fresh);
	return expected;
}

void hash_sha256(const void *data, size_t len, unsigned char out[HASH_LEN])
{
	unsigned int n = HASH_LEN;
	if (!EVP_Digest(data, len, out, &n, sha256_md(), NULL) || n != HASH_LEN)
		abort();
}

void hash_hex(const unsigned char *bin, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 15];
	}
	out[2 * len] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

int hash_unhex(const char *hex, unsigned char *out, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int hi = nibble(hex[2 * i]), lo = hi < 0 ? -1 : nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return hex[2 * len] == '\0' ? 0 : -1;
}

struct hash_ctx {
	EVP_MD_CTX *md;
};

hash_ctx *hash_begin(void)
{
	hash_ctx *c = malloc(sizeof *c);
	if (!c || !(c->md = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(c->md, sha256_md(), NULL))
		abort();
	return c;
}

void hash_update(hash_ctx *c, const void *data, size_t len)
{
	if (!EVP_DigestUpdate(c->md, data, len))
		abort();
}

void hash_end(hash_ctx *c, unsigned char out[HASH_LEN])
{
	unsigned int n = HASH_LEN;
	if (!EVP_DigestFinal_ex(c->md, out, &n))
		abort();
	EVP_MD_CTX_free(c->md);
	free(c);
}
