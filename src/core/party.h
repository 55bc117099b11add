/*
 * party.h — senders, recipients and parties to cases: persons (with an
 * optional personnummer, personal data) and organisations (with an optional
 * organisationsnummer). A party with an identity number is stored once per
 * organisation and found again by it.
 */
#ifndef KANSLI_PARTY_H
#define KANSLI_PARTY_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* Finds or creates a party inside the open transaction. kind is "person" or
 * "organisation"; idnum may be NULL/"". Validates the number. A
 * personnummer already bound to a person of another name is KERR_CONFLICT
 * (naming the known name only when the actor may see it on a record),
 * unless same_person confirms it is the same person (then linked, and the
 * confirmation logged as party.same_person); a number known only from
 * records masked to the actor is refused even so (see party_log_refused). An
 * organisationsnummer links whatever the name (organisations are renamed). */
int party_resolve_tx(kansli *k, int64_t org_id, const char *kind, const char *name,
                     const char *idnum, int same_person, int64_t *party_id, kerr *e);
/* After the transaction of a refused party_resolve_tx was rolled back:
 * when the refusal was a personnummer known only from records masked to
 * the actor (a probe for who is a party where), logs party.bind_refused in
 * a transaction of its own. Returns rc, or the error that kept the event
 * out of the log. Safe to call after any rollback. */
int party_log_refused(kansli *k, int64_t org_id, int rc, kerr *e);
int party_add(kansli *k, int64_t org_id, const char *kind, const char *name, const char *idnum,
              kerr *e);
/* Parties whose name starts with prefix (or all), at most limit:
 * [{kind, name, idnum?, address?}], each under the names (and with the
 * addresses) the actor may see it under on a record (or its own, when on no
 * record yet); a party seen only masked is left out. A person's number is masked (party_idnum_masked) except for
 * the installation's own shell user. */
json_t *party_list(kansli *k, int64_t org_id, const char *prefix, int limit, kerr *e);
/* A person's number with its last four digits as XXXX ("19121212-XXXX"),
 * which tells parties of the same name apart without showing the whole
 * number; an organisation's number as it is (it is public). To out. */
void party_idnum_masked(const char *kind, const char *idnum, char *out, size_t size);

#endif
