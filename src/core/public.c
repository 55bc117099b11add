/* public.c — the public registry's view of the records; see public.h. */
#include "core/public.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/org.h"
#include "core/records.h"
#include "core/search.h"
#include "util/timeutil.h"

static const char SQL_PUBLIC[] =
	"SELECT s.prefix, c.year, c.seq, r.seq, c.title, r.doc_date, r.registered_us, r.direction, "
	"  r.party_name, p.kind, r.title, r.secrecy, r.legal_ground, r.masked_fields, s.mask_persons, "
	"  r.disposed_note, c.id "
	/* CROSS JOIN keeps records the outer loop: newest first is then a walk
	 * down the primary key that stops at the page's end, not a sort of
	 * every record of the organisation. */
	"FROM record r CROSS JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"LEFT JOIN party p ON p.id = r.party_id "
	"WHERE c.org_id = ?1 AND (?2 IS NULL OR s.prefix = ?2) AND (?3 IS NULL OR r.direction = ?3) "
	"  AND (?4 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?1 AND code = ?4)) "
	"  AND (?5 IS NULL OR r.doc_date >= ?5) AND (?6 IS NULL OR r.doc_date <= ?6) "
	"  AND (?9 IS NULL OR r.id IN (SELECT value FROM json_each(?9))) "
	"ORDER BY r.id DESC LIMIT ?7 OFFSET ?8";

static int masked(const char *secrecy, const char *list, const char *field)
{
	if (!strcmp(secrecy, "none"))
		return 0;
	if (!strcmp(secrecy, "full"))
		return 1;
	char padded[128], want[32];
	snprintf(padded, sizeof padded, ",%s,", list ? list : "");
	snprintf(want, sizeof want, ",%s,", field);
	return strstr(padded, want) != NULL;
}

json_t *public_records(kansli *k, int64_t org_id, const public_filter *f, kerr *e)
{
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	if (f->direction && *f->direction && !dir) {
		kerr_set(e, KERR_INVALID, "direction must be in, out or internal");
		return NULL;
	}
	char *ids = NULL;
	if (f->query && *f->query) {
		/* Search picks the page; the filters below narrow it. */
		if (!(ids = search_public_ids(k, org_id, f->query, f->limit > 0 && f->limit <= 500 ? f->limit : 50,
		                              f->offset > 0 ? f->offset : 0, e)))
			return NULL;
	}
	db_stmt *s = db_prep(k->db, SQL_PUBLIC, e);
	if (!s) {
		free(ids);
		return NULL;
	}
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, OPT(f->series));
	db_bind_text(s, 3, dir);
	db_bind_text(s, 4, OPT(f->class_code));
	db_bind_text(s, 5, OPT(f->from));
	db_bind_text(s, 6, OPT(f->to));
	db_bind_int(s, 7, f->limit > 0 && f->limit <= 500 ? f->limit : 50);
	db_bind_int(s, 8, ids ? 0 : (f->offset > 0 ? f->offset : 0));
	db_bind_text(s, 9, ids);
	free(ids);
#undef OPT
	json_t *arr = json_array();
	buf case_title = BUF_INIT;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX], reg[40], notice[200];
		/* The public title (skyddad ärendemening), masked names masked. */
		if ((rc = case_title_render(k, db_col_int(s, 16), CASE_TITLE_PUBLIC, &case_title, NULL, e)))
			break;
		casenum_format_record(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2),
		                      (int)db_col_int(s, 3));
		time_format_local(db_col_int(s, 6), reg, sizeof reg);
		const char *secrecy = db_col_text(s, 11);
		const char *list = db_col_null(s, 13) ? NULL : db_col_text(s, 13);
		snprintf(notice, sizeof notice, "Sekretess enligt %s", db_col_null(s, 12) ? "OSL" : db_col_text(s, 12));
		const char *party = db_col_null(s, 8) ? NULL : db_col_text(s, 8);
		int person = !db_col_null(s, 9) && !strcmp(db_col_text(s, 9), "person");
		if (party && masked(secrecy, list, "party"))
			party = notice;
		else if (party && person && db_col_int(s, 14))
			party = "Privatperson"; /* the series masks private persons' names */
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s?,s:s}", "number", num,
		                      "case_title", case_title.s, "doc_date", db_col_text(s, 5),
		                      "registered", reg, "direction", db_col_text(s, 7), "party", party,
		                      "title", masked(secrecy, list, "title") ? notice : db_col_text(s, 10));
		if (strcmp(secrecy, "none"))
			json_object_set_new(o, "secrecy_notice", json_string(notice));
		if (!db_col_null(s, 15)) /* "Gallrad <date> enligt <decision>" */
			json_object_set_new(o, "disposed", json_string(db_col_text(s, 15)));
		json_array_append_new(arr, o);
	}
	buf_free(&case_title);
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_ORGS[] = "SELECT code, name FROM organisation ORDER BY name";

static const char SQL_ORG_NAME[] = "SELECT name FROM organisation WHERE id = ?1";

int public_org_name(kansli *k, int64_t org_id, char *name, size_t len, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ORG_NAME, e);
	name[0] = '\0';
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		snprintf(name, len, "%s", db_col_text(s, 0));
	db_done(s);
	return rc < 0 ? rc : 0;
}

json_t *public_organisations(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ORGS, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s}", "code", db_col_text(s, 0), "name", db_col_text(s, 1)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* Every change is an event, and every commit with events signs a new tree
 * head: its time is when anything last changed. Cheap, and never stale
 * (a correction changes no registration time). */
static const char SQL_LAST[] = "SELECT signed_us FROM log_state WHERE id = 1 AND ?1 = ?1";

int64_t public_last_change(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_LAST, e);
	if (!s)
		return -1;
	db_bind_int(s, 1, org_id);
	int rc = db_step(s, e);
	int64_t t = rc == DB_ROW ? db_col_int(s, 0) : 0; /* no signed head yet */
	db_done(s);
	return rc < 0 ? -1 : t;
}

static const char SQL_MASK[] = "UPDATE series SET mask_persons = ?3 WHERE org_id = ?1 AND prefix = ?2";

int series_set_mask_persons(kansli *k, int64_t org_id, const char *prefix, int on, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t series_id;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = series_find(k, org_id, prefix, &series_id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_MASK, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, prefix);
	db_bind_int(s, 3, on);
	if ((rc = db_run(s, e)))
		goto end;
	rc = audit_append(k, org_id, "series.mask_persons", "series", 0,
	                  json_pack("{s:s,s:b}", "prefix", prefix, "mask_persons", on), e);
end:
	return kansli_end(k, rc, e);
}
