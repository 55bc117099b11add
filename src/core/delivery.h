/*
 * delivery.h — what the audit log knows about earlier deliveries to the
 * e-archive: which of a package's cases were delivered before and in which
 * package, the id a new package of the same case or series gets, and the
 * e-archive's receipt (kvittens) recorded against a delivery.
 *
 * Deliveries live in the log only (export.sip events); a receipt is one
 * more event (export.receipt) whose object is the delivery's event, so
 * neither needs a table and both are proved by the log's checkpoints.
 */
#ifndef KANSLI_DELIVERY_H
#define KANSLI_DELIVERY_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* Earlier deliveries touching a new package whose id would be base and
 * whose cases are numbers (an array of case numbers). Fills *prior (new
 * reference) with {"package": the new package's id (base, or base-vN for
 * the N:th delivery of the same case or series), "record_status": "NEW" or
 * "REPLACEMENT", "replaces": the latest earlier package of the same case or
 * series (absent when none), "replaces_time", "delivered": {case number:
 * the latest earlier package holding it}}. 0, or a negative code. */
int delivery_prior(kansli *k, int64_t org_id, const char *base, json_t *numbers, json_t **prior, kerr *e);

/* 1 when another logged delivery already has this package id (checked in
 * the delivery's own transaction), 0 when not, negative on error. */
int delivery_id_taken(kansli *k, int64_t org_id, const char *package, kerr *e);

typedef struct delivery_receipt {
	const char *package;   /* the delivery's package id */
	const char *received;  /* the day the e-archive received it, YYYY-MM-DD */
	const char *reference; /* the e-archive's id of the receipt or its AIP, one line */
	const char *note;      /* optional, one line */
} delivery_receipt;

/* Records the e-archive's receipt against the delivery of that package:
 * one transaction, one export.receipt event. Needs the archive right. A
 * second receipt for the same delivery, an unknown package, a day before
 * the delivery or after today are refused and change nothing.
 * *delivery_event (may be NULL) is the delivery's event. */
int delivery_receipt_add(kansli *k, int64_t org_id, const delivery_receipt *r, int64_t *delivery_event, kerr *e);

/* The receipts of the organisation's deliveries: {package: {"received",
 * "reference","note","by","event"}}. New reference; NULL on error. */
json_t *delivery_receipts(kansli *k, int64_t org_id, kerr *e);

#endif
