/*
 * checkpoint.h — signed tree heads in the C2SP tlog-checkpoint format,
 * signed as a C2SP signed-note with Ed25519, so that existing transparency
 * log tools can check them:
 *
 *   <origin>\n<size>\n<base64 root>\n\n— <key name> <base64(key id || signature)>\n
 */
#ifndef KANSLI_CHECKPOINT_H
#define KANSLI_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

/* A signed checkpoint (malloc'd), or NULL on error. sk is a libsodium
 * Ed25519 secret key. */
char *checkpoint_sign(const char *origin, uint64_t size, const unsigned char root[32],
                      const char *keyname, const unsigned char sk[64]);
/* Verifies text against the key; fills origin (malloc'd), size and root.
 * Returns 0, or -1 with a reason in errbuf. */
int checkpoint_verify(const char *text, const char *keyname, const unsigned char pk[32],
                      char **origin, uint64_t *size, unsigned char root[32],
                      char *errbuf, size_t errlen);
/* The verifier key "<name>+<hex key id>+<base64(0x01 || pk)>" (malloc'd). */
char *checkpoint_verifier_key(const char *keyname, const unsigned char pk[32]);

/* Parses a verifier key into name (size >= 128) and public key; 0 or -1. */
int checkpoint_parse_verifier_key(const char *vkey, char *name, size_t namelen, unsigned char pk[32]);

#endif
