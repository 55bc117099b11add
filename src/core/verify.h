/*
 * verify.h — proving the installation is what its log says it is.
 *
 * Recomputes every event's leaf hash and the Merkle tree from the events
 * themselves, checks the signatures of the current and every published tree
 * head, re-hashes every blob, and checks log against state: every frozen
 * field of every record and case equals what its latest event says, and
 * every adjusted minutes' text is the one its approvals bound.
 * Stops at, and names, the first thing that does not match.
 */
#ifndef KANSLI_VERIFY_H
#define KANSLI_VERIFY_H

#include <stdint.h>

#include "core/kansli.h"

typedef struct verify_report {
	uint64_t events, heads, blobs, records, cases, minutes;
} verify_report;

/* 0 when everything matches; KERR_TAMPERED naming the first mismatch. */
int verify_all(kansli *k, verify_report *rep, kerr *e);

#endif
