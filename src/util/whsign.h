/*
 * whsign.h — webhook signatures as the Standard Webhooks specification
 * (standardwebhooks.com) defines them, so that a receiver can check them
 * with any of its libraries: a secret "whsec_<base64 of 24 random bytes>",
 * and the header value "v1,<base64 of HMAC-SHA256(key, id.timestamp.body)>"
 * where key is the secret's bytes after the prefix. HMAC and base64 are
 * libsodium's.
 */
#ifndef KANSLI_WHSIGN_H
#define KANSLI_WHSIGN_H

#include <stddef.h>
#include <stdint.h>

#define WHSIGN_SECRET_BYTES 24
/* "whsec_" + base64 of 24 bytes (32 chars) + NUL */
#define WHSIGN_SECRET_LEN 40
/* "v1," + base64 of 32 bytes (44 chars) + NUL */
#define WHSIGN_SIGNATURE_LEN 48

/* A new random secret into out. */
void whsign_secret_new(char out[WHSIGN_SECRET_LEN]);
/* The signature header value of (id, timestamp, body) under secret into
 * out. 0, or -1 when the secret is not a whsec_ base64 secret. */
int whsign_sign(const char *secret, const char *id, int64_t timestamp, const char *body, size_t body_len,
                char out[WHSIGN_SIGNATURE_LEN]);

#endif
