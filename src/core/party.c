/* party.c — persons and organisations that send, receive or are parties; see party.h. */
#include "core/party.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/idnum.h"
#include "util/timeutil.h"

static const char SQL_BY_IDNUM[] =
	"SELECT id, name FROM party WHERE org_id = ?1 AND kind = ?2 AND idnum = ?3";
static const char SQL_BY_NAME[] =
	"SELECT id FROM party WHERE org_id = ?1 AND kind = ?2 AND name = ?3 AND idnum IS NULL";
static const char SQL_INSERT[] =
	"INSERT INTO party(org_id, kind, name, idnum, created_us) VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id";

/* Whether two spellings are the same name: case (ASCII) and runs of
 * blanks aside. */
static int same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
}

/* Where the actor may see a party named: on no record yet, or on one that
 * does not mask it or whose secrets the actor may read. Party suggestions
 * and the name conflict below answer only with what this allows. */
#define PARTY_SEEN_SQL(P, U) \
	"(NOT EXISTS (SELECT 1 FROM record r WHERE r.party_id = " P ") " \
	" OR EXISTS (SELECT 1 FROM record r JOIN case_file c ON c.id = r.case_id " \
	"   WHERE r.party_id = " P " AND " ACCESS_FIELD_SQL("party", U) "))"

static const char SQL_PARTY_SEEN[] = "SELECT " PARTY_SEEN_SQL("?1", "2");

/* 1 when the actor may see party_id's name, 0 when not, or a KERR_*. */
static int party_seen(kansli *k, int64_t party_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PARTY_SEEN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, party_id);
	db_bind_int(s, 2, k->user_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int seen = rc == DB_ROW && db_col_int(s, 0);
	db_done(s);
	return seen;
}

/* A personnummer is bound to a person of another name: refused unless the
 * user confirmed it is the same person (a new surname, a misspelling); a
 * confirmed link is logged. A mistyped number would otherwise file one
 * person's letters under another. An organisationsnummer outlives its
 * names (authorities and companies are renamed), so it links as before. */
static int party_name_conflict(kansli *k, int64_t org_id, int64_t party_id, const char *known,
                               const char *name, int person, int same_person, kerr *e)
{
	if (!person || same_name(known, name))
		return 0;
	if (!same_person) {
		/* The name is told only to whom it is not secret: a masked party
		 * must not be read by typing its number on a new record. */
		int seen = party_seen(k, party_id, e);
		if (seen < 0)
			return seen;
		if (!seen)
			return kerr_field(e, KERR_CONFLICT, "idnum", KWHY_DUPLICATE,
			                  "the personnummer is already bound to another name, not '%s': if it is the same "
			                  "person, confirm that (--same-person); otherwise check the number",
			                  name);
		return kerr_field(e, KERR_CONFLICT, "idnum", KWHY_DUPLICATE,
		                  "the personnummer is already bound to '%s', not '%s': if it is the "
		                  "same person, confirm that (--same-person); otherwise check the number", known, name);
	}
	return audit_append(k, org_id, "party.same_person", "party", party_id,
	                    json_pack("{s:s,s:s}", "name", name, "known_as", known), e);
}

int party_resolve_tx(kansli *k, int64_t org_id, const char *kind, const char *name,
                     const char *idnum, int same_person, int64_t *party_id, kerr *e)
{
	char canon[14], today[11];
	const char *why;
	int person = strcmp(kind, "person") == 0;
	if (!person && strcmp(kind, "organisation") != 0)
		return kerr_field(e, KERR_INVALID, "party_kind", KWHY_CHOICE,
		                  "party kind must be person or organisation, not '%s'", kind);
	if (!name || !*name || strlen(name) > 200 || strpbrk(name, "\r\n"))
		return kerr_field(e, KERR_INVALID, "party", KWHY_TOO_LONG,
		                  "party name must be 1-200 characters on one line");
	int has_id = idnum && *idnum;
	if (has_id) {
		time_today(today);
		if (person ? idnum_personnummer(idnum, today, canon, &why)
		           : idnum_orgnr(idnum, canon, &why))
			return kerr_field(e, KERR_INVALID, "idnum", KWHY_FORMAT, "invalid %s '%s': %s",
			                  person ? "personnummer" : "organisationsnummer", idnum, why);
	}
	db_stmt *s = db_prep(k->db, has_id ? SQL_BY_IDNUM : SQL_BY_NAME, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, has_id ? canon : name);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*party_id = db_col_int(s, 0);
		char known[256] = "";
		if (has_id)
			snprintf(known, sizeof known, "%s", db_col_text(s, 1));
		db_done(s);
		return has_id ? party_name_conflict(k, org_id, *party_id, known, name, person, same_person, e) : 0;
	}
	if (rc < 0)
		return rc;
	s = db_prep(k->db, SQL_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, has_id ? canon : NULL);
	db_bind_int(s, 5, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW)
		return rc < 0 ? rc : KERR_INTERNAL;
	*party_id = db_col_int(s, 0);
	db_done(s);
	return audit_append(k, org_id, "party.add", "party", *party_id,
	                    json_pack("{s:s,s:s,s:s?}", "kind", kind, "name", name,
	                              "idnum", has_id ? canon : NULL), e);
}

int party_add(kansli *k, int64_t org_id, const char *kind, const char *name, const char *idnum,
              kerr *e)
{
	int64_t id;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)) ||
	    (rc = party_resolve_tx(k, org_id, kind, name, idnum, 0, &id, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

/* Suggestions offer a party only where the actor may see it named: a name
 * known only from a masked record would otherwise be read through the
 * registration form's suggestions. */
static const char SQL_LIST[] =
	"SELECT p.kind, p.name, p.idnum FROM party p WHERE p.org_id = ?1 AND p.name >= ?2 "
	"  AND p.name < ?2 || x'f48fbfbf' "
	"  AND " PARTY_SEEN_SQL("p.id", "4") " ORDER BY p.name LIMIT ?3";

void party_idnum_masked(const char *kind, const char *idnum, char *out, size_t size)
{
	/* An organisation's number is public; a person's last four digits
	 * (birth number and check digit) are what is withheld. */
	size_t n = strlen(idnum);
	if (!strcmp(kind, "person") && n > 4)
		snprintf(out, size, "%.*sXXXX", (int)(n - 4), idnum);
	else
		snprintf(out, size, "%s", idnum);
}

json_t *party_list(kansli *k, int64_t org_id, const char *prefix, int limit, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_REGISTER, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, prefix ? prefix : "");
	db_bind_int(s, 3, limit > 0 ? limit : 100);
	db_bind_int(s, 4, k->user_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s?}", "kind", db_col_text(s, 0),
		                      "name", db_col_text(s, 1),
		                      "idnum", db_col_null(s, 2) ? NULL : db_col_text(s, 2)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
