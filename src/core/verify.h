/*
 * verify.h — proving the installation is what its log says it is.
 *
 * Recomputes every event's leaf hash and the Merkle tree from the events
 * themselves, checks the signatures of the current and every published tree
 * head, re-hashes every blob, and checks log against state: every frozen
 * field of every record and case equals what its latest event says, and
 * every adjusted minutes' text is the one its approvals bound.
 * Rebuilds every covered table from the log and compares it both ways
 * (replay.h), listing every difference. Otherwise stops at, and names,
 * the first thing that does not match.
 */
#ifndef KANSLI_VERIFY_H
#define KANSLI_VERIFY_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

typedef struct verify_options {
	const char *trusted_key; /* verifier key text kept elsewhere, or NULL */
	const char *checkpoint;  /* a checkpoint saved earlier elsewhere, or NULL */
} verify_options;

typedef struct verify_report {
	uint64_t events, heads, blobs, records, cases, minutes, rows;
	/* one string per row or field that differs from the log (replay.h);
	 * set by verify_all, the caller's to json_decref */
	json_t *differences;
} verify_report;

/* 0 when everything matches; KERR_TAMPERED naming the first mismatch.
 * opt may be NULL. Always sets rep->differences. */
int verify_all(kansli *k, const verify_options *opt, verify_report *rep, kerr *e);

#endif
