/* whsign.c — Standard Webhooks signatures with libsodium; see whsign.h. */
#include "util/whsign.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

static const char PREFIX[] = "whsec_";

void whsign_secret_new(char out[WHSIGN_SECRET_LEN])
{
	unsigned char raw[WHSIGN_SECRET_BYTES];
	randombytes_buf(raw, sizeof raw);
	memcpy(out, PREFIX, sizeof PREFIX - 1);
	sodium_bin2base64(out + sizeof PREFIX - 1, WHSIGN_SECRET_LEN - (sizeof PREFIX - 1), raw, sizeof raw,
	                  sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(raw, sizeof raw);
}

int whsign_sign(const char *secret, const char *id, int64_t timestamp, const char *body, size_t body_len,
                char out[WHSIGN_SIGNATURE_LEN])
{
	if (strncmp(secret, PREFIX, sizeof PREFIX - 1))
		return -1;
	const char *b64 = secret + sizeof PREFIX - 1;
	unsigned char key[64];
	size_t keylen = 0;
	if (sodium_base642bin(key, sizeof key, b64, strlen(b64), NULL, &keylen, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 || keylen == 0)
		return -1;
	char ts[24];
	snprintf(ts, sizeof ts, "%" PRId64, timestamp);
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)id, strlen(id));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)ts, strlen(ts));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, body_len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_memzero(key, sizeof key);
	memcpy(out, "v1,", 3);
	sodium_bin2base64(out + 3, WHSIGN_SIGNATURE_LEN - 3, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
	return 0;
}
