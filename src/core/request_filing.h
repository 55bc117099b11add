/*
 * request_filing.h — where a request for public documents is filed: the
 * series (and optionally the class, klassificeringsstruktur) each
 * organisation chose for requests, and what happens until it has chosen.
 *
 * A request naming a document of a known series is filed in that series;
 * every other request goes to the chosen series. Until a series is chosen
 * the request is still taken (TF 2 kap. 15 §: a request is handled
 * promptly, whatever staff have configured): in the organisation's only
 * series, or, when it has several, in the first one created, and the
 * registrars' start page and the admin page warn until one is chosen.
 * Either way the case says how it was filed, so nobody mistakes a fallback
 * for a decision.
 */
#ifndef KANSLI_REQUEST_FILING_H
#define KANSLI_REQUEST_FILING_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

typedef enum request_filed_by {
	REQUEST_FILED_SETTING,      /* the organisation chose the series */
	REQUEST_FILED_ONLY_SERIES,  /* no choice; the organisation has one series */
	REQUEST_FILED_FIRST_SERIES, /* no choice among several: the first created */
	REQUEST_FILED_NAMED,        /* the series of the document asked for */
} request_filed_by;

typedef struct request_filing {
	char series[17];     /* the series' prefix */
	char class_code[65]; /* "" for unclassified */
	request_filed_by by;
} request_filing;

/* Where a request without a document number (or naming an unknown
 * series) goes now in org_id. No access check: the public's requests are
 * filed through it. 0, KERR_NOTFOUND when the organisation has no series,
 * or a read error. */
int request_filing_find(kansli *k, int64_t org_id, request_filing *f, kerr *e);

/* The class chosen for requests, or "" (code holds 65 bytes). No access
 * check, as request_filing_find. 0 or a read error. */
int request_filing_class(kansli *k, int64_t org_id, char code[65], kerr *e);

/* Inside the request's transaction: says in the new case (a case note)
 * how it was filed when that was a fallback (REQUEST_FILED_ONLY_SERIES or
 * REQUEST_FILED_FIRST_SERIES); nothing otherwise. 0 or a write error. */
int request_filing_note_tx(kansli *k, int64_t case_id, const request_filing *f, kerr *e);

/* Chooses the series (a prefix of the organisation) and the class (a code
 * of its classification, or NULL/"" for none) for requests; administrators
 * only; one audit event, "request.settings". 0, KERR_DENIED, or
 * KERR_INVALID naming the field ("series", "class") that names nothing. */
int request_settings_set(kansli *k, int64_t org_id, const char *series, const char *class_code, kerr *e);

/* The setting as the API answers it (administrators only):
 * {series, class, filed_in, chosen, warning?}; series and class are null
 * until chosen; filed_in is where a request goes now (null: no series at
 * all); warning says it is a fallback among several series. New reference,
 * or NULL with e set. */
json_t *request_settings_show(kansli *k, int64_t org_id, kerr *e);

#endif
