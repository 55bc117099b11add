/* seal.c — sealed and keyed values under a derived key; see seal.h. */
#include "core/seal.h"

#include <stdlib.h>

#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

unsigned char *seal_make(const kansli *k, const char *purpose, const void *ad, size_t adlen, const void *plain,
                         size_t plen, size_t *len)
{
	unsigned char *out = malloc(plen + SEAL_OVERHEAD), key[32];
	if (!out)
		abort();
	randombytes_buf(out, NONCE);
	kansli_derive_secret(k, purpose, key);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + NONCE, &clen, plain, plen, ad, adlen, NULL, out, key);
	sodium_memzero(key, sizeof key);
	*len = NONCE + (size_t)clen;
	return out;
}

int seal_open(const kansli *k, const char *purpose, const void *ad, size_t adlen, const void *sealed, size_t len,
              unsigned char *out, size_t *plen)
{
	if (len < SEAL_OVERHEAD)
		return -1;
	unsigned char key[32];
	kansli_derive_secret(k, purpose, key);
	unsigned long long n = 0;
	const unsigned char *nonce = sealed;
	int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(out, &n, NULL, nonce + NONCE, len - NONCE, ad, adlen, nonce,
	                                                    key);
	sodium_memzero(key, sizeof key);
	*plen = (size_t)n;
	return rc ? -1 : 0;
}

void seal_keyed_hex(const kansli *k, const char *purpose, const void *data, size_t len, char out[65])
{
	unsigned char key[32], mac[32];
	kansli_derive_secret(k, purpose, key);
	crypto_generichash(mac, sizeof mac, data, len, key, sizeof key);
	sodium_memzero(key, sizeof key);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}
