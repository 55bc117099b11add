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
 * naming both names, unless same_person confirms it is the same person
 * (then linked, and the confirmation logged as party.same_person). An
 * organisationsnummer links whatever the name (organisations are renamed). */
int party_resolve_tx(kansli *k, int64_t org_id, const char *kind, const char *name,
                     const char *idnum, int same_person, int64_t *party_id, kerr *e);
int party_add(kansli *k, int64_t org_id, const char *kind, const char *name, const char *idnum,
              kerr *e);
/* Parties whose name starts with prefix (or all), at most limit:
 * [{kind, name, idnum?}]. */
json_t *party_list(kansli *k, int64_t org_id, const char *prefix, int limit, kerr *e);
/* A person's number with its last four digits as XXXX ("19121212-XXXX"),
 * which tells parties of the same name apart without showing the whole
 * number; an organisation's number as it is (it is public). To out. */
void party_idnum_masked(const char *kind, const char *idnum, char *out, size_t size);

#endif
