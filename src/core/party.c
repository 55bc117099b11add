/* party.c — persons and organisations that send, receive or are parties; see party.h. */
#include "core/party.h"

#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/idnum.h"
#include "util/timeutil.h"

static const char SQL_BY_IDNUM[] =
	"SELECT id FROM party WHERE org_id = ?1 AND kind = ?2 AND idnum = ?3";
static const char SQL_BY_NAME[] =
	"SELECT id FROM party WHERE org_id = ?1 AND kind = ?2 AND name = ?3 AND idnum IS NULL";
static const char SQL_INSERT[] =
	"INSERT INTO party(org_id, kind, name, idnum, created_us) VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id";

int party_resolve_tx(kansli *k, int64_t org_id, const char *kind, const char *name,
                     const char *idnum, int64_t *party_id, kerr *e)
{
	char canon[14], today[11];
	const char *why;
	int person = strcmp(kind, "person") == 0;
	if (!person && strcmp(kind, "organisation") != 0)
		return kerr_set(e, KERR_INVALID, "party kind must be person or organisation, not '%s'", kind);
	if (!name || !*name || strlen(name) > 200 || strpbrk(name, "\r\n"))
		return kerr_set(e, KERR_INVALID, "party name must be 1-200 characters on one line");
	int has_id = idnum && *idnum;
	if (has_id) {
		time_today(today);
		if (person ? idnum_personnummer(idnum, today, canon, &why)
		           : idnum_orgnr(idnum, canon, &why))
			return kerr_set(e, KERR_INVALID, "invalid %s '%s': %s",
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
		db_done(s);
		return 0;
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
	    (rc = party_resolve_tx(k, org_id, kind, name, idnum, &id, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static const char SQL_LIST[] =
	"SELECT kind, name, idnum FROM party WHERE org_id = ?1 AND name >= ?2 AND name < ?2 || x'f48fbfbf' "
	"ORDER BY name LIMIT ?3";

json_t *party_list(kansli *k, int64_t org_id, const char *prefix, int limit, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_REGISTER, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, prefix ? prefix : "");
	db_bind_int(s, 3, limit > 0 ? limit : 100);
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
