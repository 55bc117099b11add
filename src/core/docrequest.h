/*
 * docrequest.h — requests for public documents (begäran om allmän handling,
 * TF 2 kap.): anyone may ask, anonymously if they wish. A request is
 * registered as an incoming record in a case of its own, waits on the
 * registrars' start page with its age, and is decided: released in full,
 * released with parts masked, or refused by a decision that cites the legal
 * ground and says how to appeal. Every step is an audit event; the decision
 * is registered as an outgoing record and the case closed.
 */
#ifndef KANSLI_DOCREQUEST_H
#define KANSLI_DOCREQUEST_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

#define REQUEST_TEXT_MAX 4000

typedef struct request_new {
	const char *requested; /* record or case number asked for, or NULL */
	const char *message;   /* what the requester wants, free text of
	                        * 1-REQUEST_TEXT_MAX characters */
	const char *name;      /* optional: requesters may stay anonymous */
	const char *contact;   /* optional: e-mail or address for the answer */
} request_new;

/* Registers a request; *id and the request case's number are filled. */
int request_submit(kansli *k, int64_t org_id, const request_new *r, int64_t *id, char case_number[64],
                   kerr *e);
/* Open requests, oldest first: [{id, case, requested, received, age_hours}]. */
json_t *request_list(kansli *k, int64_t org_id, int open_only, kerr *e);
json_t *request_show(kansli *k, int64_t org_id, int64_t id, kerr *e);
/* outcome: "released", "released_masked" (legal ground needed) or "refused"
 * (legal ground needed). */
int request_decide(kansli *k, int64_t org_id, int64_t id, const char *outcome, const char *legal_ground,
                   const char *reasoning, kerr *e);

#endif
