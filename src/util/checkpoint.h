/*
 * checkpoint.h — signed tree heads of the audit log in the C2SP
 * tlog-checkpoint format, signed as a C2SP signed-note with Ed25519, so
 * that existing transparency-log tools (Go's note package and friends) can
 * check them:
 *
 *   <origin>\n<size>\n<base64 root>\n\n— <key name> <base64(key id || signature)>\n
 *
 * Self-contained: it needs only libsodium.
 */
#ifndef KANSLI_CHECKPOINT_H
#define KANSLI_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

/* A signed checkpoint (malloc'd, NUL-terminated; the caller frees it).
 * sk is a libsodium Ed25519 secret key (seed || public key). Returns NULL
 * when origin is empty or holds a newline or control character, when
 * keyname is not a valid note key name (empty, or containing a space or
 * '+'), or when memory or libsodium fails. */
char *checkpoint_sign(const char *origin, uint64_t size, const unsigned char root[32],
                      const char *keyname, const unsigned char sk[64]);

/* Verifies text as a checkpoint signed by the key (keyname, pk). Signatures
 * by other keys are ignored, as the signed-note spec requires. On success
 * fills origin (malloc'd; the caller frees it), size and root and returns 0.
 * On failure returns -1, leaves the outputs untouched and puts a short
 * English reason in errbuf (which may be NULL): a malformed note or
 * checkpoint, no signature by this key, or a signature that does not
 * verify. */
int checkpoint_verify(const char *text, const char *keyname, const unsigned char pk[32],
                      char **origin, uint64_t *size, unsigned char root[32],
                      char *errbuf, size_t errlen);

/* The verifier key "<name>+<hex8 key id>+<base64(0x01 || pk)>" that Go's
 * note.NewVerifier reads (malloc'd; the caller frees it). NULL when keyname
 * is not a valid key name or memory runs out. */
char *checkpoint_verifier_key(const char *keyname, const unsigned char pk[32]);

/* Parses a verifier key as written by checkpoint_verifier_key (trailing
 * whitespace, such as a final newline, is allowed) into name (namelen
 * bytes, NUL-terminated) and pk. Returns 0, or -1 when it is malformed, is
 * not Ed25519, its key id does not match, or the name does not fit. */
int checkpoint_parse_verifier_key(const char *vkey, char *name, size_t namelen, unsigned char pk[32]);

#endif
