/* party.c — persons and organisations that send, receive or are parties; see party.h. */
#include "core/party.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/encoding.h"
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
 * does not mask it or whose secrets the actor may read (core/access.h's
 * rule). A record keeps the name it was registered with (party_name), and
 * one number can stand under several names (confirmed as the same person):
 * what the actor is told is a name from a record they may see, never the
 * party's first name when that came from a record masked to them. */
#define PARTY_RECORD_SEEN_SQL(U) "(" ACCESS_FIELD_SQL("party", U) ")"

/* The name the actor may see party ?1 under (the newest such record's, or
 * the party's own when no record has it yet), or NULL when none. */
static const char SQL_PARTY_SEEN_NAME[] =
	"SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM record r WHERE r.party_id = ?1) "
	"  THEN (SELECT name FROM party WHERE id = ?1) "
	"  ELSE (SELECT r.party_name FROM record r JOIN case_file c ON c.id = r.case_id "
	"    WHERE r.party_id = ?1 AND " PARTY_RECORD_SEEN_SQL("2") " ORDER BY r.id DESC LIMIT 1) END";

/* 1 with the name in out when the actor may see party_id named, 0 when
 * not, or a KERR_*. */
static int party_seen_name(kansli *k, int64_t party_id, char *out, size_t size, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PARTY_SEEN_NAME, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, party_id);
	db_bind_int(s, 2, k->user_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int seen = rc == DB_ROW && !db_col_null(s, 0);
	if (seen)
		snprintf(out, size, "%s", db_col_text(s, 0));
	db_done(s);
	return seen;
}

/* A personnummer is bound to a person of another name: refused unless the
 * user confirmed it is the same person (a new surname, a misspelling); a
 * confirmed link is logged. A mistyped number would otherwise file one
 * person's letters under another. An organisationsnummer outlives its
 * names (authorities and companies are renamed), so it links as before.
 *
 * The refusal tells that the number is known (one number, one name needs
 * that); it names the known name only to whom it is not secret. A number
 * known only from records masked to the actor is refused even when they
 * confirm it is the same person, since linking would show them the party,
 * and with the message of any conflict; the attempt is noted in
 * k->party_refused for party_log_refused, so probing leaves a trace. */
/* Returns 0 to link, 1 to link as confirmed (logged by the caller), or a
 * KERR_* refusal. */
static int party_name_conflict(kansli *k, int64_t party_id, const char *known, const char *name,
                               int person, int same_person, kerr *e)
{
	if (!person || same_name(known, name))
		return 0;
	char seen_as[256] = "";
	int seen = party_seen_name(k, party_id, seen_as, sizeof seen_as, e);
	if (seen < 0)
		return seen;
	if (seen && same_name(seen_as, name))
		return 0; /* a name the number already stands under, confirmed before */
	if (!seen) {
		k->party_refused = party_id;
		return kerr_field(e, KERR_CONFLICT, "idnum", KWHY_DUPLICATE,
		                  "the personnummer is already bound to another name: if it is the same "
		                  "person, confirm that it is; otherwise check the number");
	}
	if (!same_person)
		return kerr_field(e, KERR_CONFLICT, "idnum", KWHY_DUPLICATE,
		                  "the personnummer is already bound to '%s', not '%s': if it is the "
		                  "same person, confirm that it is; otherwise check the number",
		                  seen_as, name);
	return 1;
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
	if (text_line_why(name, 200))
		return kerr_field(e, KERR_INVALID, "party", text_line_why(name, 200),
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
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		*party_id = db_col_int(s, 0);
		char known[256] = "";
		if (has_id)
			snprintf(known, sizeof known, "%s", db_col_text(s, 1));
		db_done(s);
		if (!has_id)
			return 0;
		int linked = party_name_conflict(k, *party_id, known, name, person, same_person, e);
		if (linked <= 0)
			return linked;
		return audit_append(k, org_id, "party.same_person", "party", *party_id,
		                    json_pack("{s:s,s:s}", "name", name, "known_as", known), e);
	}
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
		return party_log_refused(k, org_id, rc, e);
	}
	return kansli_commit(k, e);
}

/* Suggestions offer a party only under the names the actor may see it
 * under: a name known only from a masked record would otherwise be read
 * through the registration form's suggestions (or the API, or the CLI). */
static const char SQL_LIST[] =
	"SELECT p.kind, n.name, p.idnum, n.address FROM party p JOIN ("
	"  SELECT r.party_id AS pid, r.party_name AS name, r.party_address AS address "
	"  FROM record r JOIN case_file c ON c.id = r.case_id "
	"  WHERE c.org_id = ?1 AND r.party_id IS NOT NULL AND r.party_name >= ?2 "
	"    AND r.party_name < ?2 || x'f48fbfbf' AND " PARTY_RECORD_SEEN_SQL("4") " "
	"  UNION SELECT q.id, q.name, NULL FROM party q WHERE q.org_id = ?1 AND q.name >= ?2 "
	"    AND q.name < ?2 || x'f48fbfbf' AND NOT EXISTS (SELECT 1 FROM record r WHERE r.party_id = q.id)"
	") n ON n.pid = p.id WHERE p.org_id = ?1 ORDER BY n.name, p.idnum, n.address LIMIT ?3";

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
	/* A list hands out many numbers at once to anyone who registers: a
	 * person's is masked there for every named user, also one who may see
	 * it on a record (where it is read one at a time, in context); the
	 * masked number still tells parties of one name apart. Only the
	 * installation's own shell user, who holds the database, sees it whole. */
	while ((rc = db_step(s, e)) == DB_ROW) {
		char idnum[32] = "";
		if (!db_col_null(s, 2)) {
			if (k->user_id == 0)
				snprintf(idnum, sizeof idnum, "%s", db_col_text(s, 2));
			else
				party_idnum_masked(db_col_text(s, 0), db_col_text(s, 2), idnum, sizeof idnum);
		}
		/* the address a record the actor may see gives (the party's
		   field, masked with it): one name, two people, two addresses */
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s?,s:s?}", "kind", db_col_text(s, 0),
		                      "name", db_col_text(s, 1), "idnum", *idnum ? idnum : NULL,
		                      "address", db_col_null(s, 3) ? NULL : db_col_text(s, 3)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int party_log_refused(kansli *k, int64_t org_id, int rc, kerr *e)
{
	int64_t party_id = k->party_refused;
	k->party_refused = 0;
	if (!party_id)
		return rc;
	kerr why = KERR_INIT;
	int lrc = kansli_begin(k, &why);
	if (!lrc && (lrc = audit_append(k, org_id, "party.bind_refused", "party", party_id,
	                                json_pack("{s:s}", "why", "known only from records masked to the actor"),
	                                &why)))
		kansli_rollback(k);
	else if (!lrc)
		lrc = kansli_commit(k, &why);
	if (lrc) /* the refusal stands, but an attempt that left no trace is an error */
		return kerr_set(e, lrc, "%s", why.msg);
	return rc;
}
