/*
 * seal.h — what kansli keeps outside the log, sealed or keyed with a key
 * derived from the installation's signing key (kansli_derive_secret), so
 * that a copy of the database (a backup, sqlite3 in an administrator's
 * hands) neither reads it nor tests a guess against it. Each use names
 * its own purpose, which chooses its own key.
 */
#ifndef KANSLI_SEAL_H
#define KANSLI_SEAL_H

#include <sodium.h>
#include <stddef.h>

#include "core/kansli.h"

/* What a seal adds to the plaintext: its nonce and its tag. */
#define SEAL_OVERHEAD (crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)

/* XChaCha20-Poly1305 of plain under purpose's key, ad bound to it: nonce,
 * ciphertext, tag, in a new allocation of *len (plen + SEAL_OVERHEAD)
 * bytes. */
unsigned char *seal_make(const kansli *k, const char *purpose, const void *ad, size_t adlen, const void *plain,
                         size_t plen, size_t *len);
/* Opens what seal_make made with the same purpose and ad into out (room
 * for len - SEAL_OVERHEAD bytes): 0 with *plen set, or -1 when it is too
 * short or does not open (changed, moved to other ad, another key). */
int seal_open(const kansli *k, const char *purpose, const void *ad, size_t adlen, const void *sealed, size_t len,
              unsigned char *out, size_t *plen);
/* BLAKE2b of data keyed with purpose's key, 32 bytes in hex. */
void seal_keyed_hex(const kansli *k, const char *purpose, const void *data, size_t len, char out[65]);

#endif
