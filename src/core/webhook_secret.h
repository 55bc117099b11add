/*
 * webhook_secret.h — a webhook subscription's signing secret, kept sealed.
 *
 * kansli must read the Standard Webhooks secret to sign every delivery,
 * so it cannot keep only a hash; kept in the clear, a copy of kansli.db (a
 * backup) would let anyone forge deliveries to the municipality's
 * receivers. It is kept sealed in webhook_secret.sealed: XChaCha20-Poly1305
 * (libsodium's AEAD) under a key derived from the installation's signing
 * key (kansli_derive_secret, its own label), which is not in the database;
 * the nonce, then the ciphertext and tag. The associated data is the label
 * and the subscription's id, so a sealed secret moved to another
 * subscription does not open.
 *
 * Whether the secret is the one created with the subscription is still
 * checked against webhook_subscription.secret_sha256, which the log covers:
 * the seal says kansli wrote it for that subscription, the logged hash
 * that it is the secret the log recorded.
 *
 * The upgrade (store/schema.c) cannot seal, as the key is not in the
 * database: it leaves the secrets it finds as text, and the first
 * kansli_open by a process holding the signing key seals them
 * (webhook_secret_seal_clear).
 */
#ifndef KANSLI_WEBHOOK_SECRET_H
#define KANSLI_WEBHOOK_SECRET_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/kansli.h"
#include "util/whsign.h"

/* The sealed form of secret for subscription_id: malloc'd, *len bytes.
 * Needs k->can_sign (the caller checks it). */
unsigned char *webhook_secret_seal(const kansli *k, int64_t subscription_id, const char *secret, size_t *len);
/* Opens a sealed secret of subscription_id into out. 0, or -1 when it does
 * not open: changed or moved outside kansli, sealed under another signing
 * key, or this process cannot read the signing key. */
int webhook_secret_open(const kansli *k, int64_t subscription_id, const void *sealed, size_t len,
                        char out[WHSIGN_SECRET_LEN]);
/* Seals, in one transaction, each secret still in the clear (left so by
 * the upgrade) that is the one the log recorded for its subscription; a
 * clear one that is not stays as it is, and is not sent (verify names
 * it). Then empties the write-ahead log, which held the clear rows' pages.
 * Nothing when there is none or this process cannot read the signing key.
 * 0 or KERR_*. */
int webhook_secret_seal_clear(kansli *k, kerr *e);
/* For verify: appends to out a line for each subscription whose signing
 * secret is missing, in the clear, does not open, or is not the one the
 * log recorded, and for each secret of no subscription. Without the
 * signing key (an auditor's verify) a sealed secret cannot be opened, and
 * only its presence is checked. 0 or a KERR_* (a read error). */
int webhook_verify_secrets(kansli *k, json_t *out, kerr *e);

#endif
