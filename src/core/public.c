/* public.c — the public registry's view of the records; see public.h. */
#include "core/public.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/casenum.h"
#include "core/casetitle.h"
#include "core/cases.h"
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

/* "Sekretess enligt <ground>", the notice that stands in for a masked field. */
static void secrecy_notice(char *notice, size_t len, const char *legal_ground)
{
	snprintf(notice, len, "Sekretess enligt %s", legal_ground ? legal_ground : "OSL");
}

/* One public entry from a row in SQL_PUBLIC's column order, under the
 * case title case_title (already rendered for the public): every field the
 * record masks is replaced by the secrecy notice, and a private person's
 * name by "Privatperson" in a series that masks persons. The one place
 * that decides what of a record the public sees. */
static json_t *public_row(db_stmt *s, const char *case_title, int case_title_published, const char *title)
{
	char num[CASENUM_MAX], reg[40], published[40], notice[200];
	casenum_format_record(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2),
	                      (int)db_col_int(s, 3));
	time_format_local(db_col_int(s, 6), reg, sizeof reg);
	time_format_utc(db_col_int(s, 6), published, sizeof published);
	const char *secrecy = db_col_text(s, 11);
	const char *list = db_col_null(s, 13) ? NULL : db_col_text(s, 13);
	secrecy_notice(notice, sizeof notice, db_col_null(s, 12) ? NULL : db_col_text(s, 12));
	const char *party = db_col_null(s, 8) ? NULL : db_col_text(s, 8);
	int person = !db_col_null(s, 9) && !strcmp(db_col_text(s, 9), "person");
	if (party && masked(secrecy, list, "party"))
		party = notice;
	else if (party && person && db_col_int(s, 14))
		party = "Privatperson"; /* the series masks private persons' names */
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s}", "number", num, "case_title", case_title,
	                      "doc_date", db_col_text(s, 5), "registered", reg, "published", published,
	                      "direction", db_col_text(s, 7),
	                      "party", party, "title", masked(secrecy, list, "title") ? notice : title);
	if (!case_title_published) /* case_title is CASE_TITLE_UNPUBLISHED's text */
		json_object_set_new(o, "case_title_published", json_false());
	if (strcmp(secrecy, "none"))
		json_object_set_new(o, "secrecy_notice", json_string(notice));
	if (!db_col_null(s, 15)) /* "Gallrad <date> enligt <decision>" */
		json_object_set_new(o, "disposed", json_string(db_col_text(s, 15)));
	return o;
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
	buf case_title = BUF_INIT, title = BUF_INIT;
	int rc, published;
	while ((rc = db_step(s, e)) == DB_ROW) {
		/* The public title (skyddad ärendemening), masked names masked. */
		if ((rc = case_title_public(k, db_col_int(s, 16), &case_title, &published, e))
		    || (rc = case_text_public(k, db_col_int(s, 16), db_col_text(s, 10), &title, e)))
			break;
		json_array_append_new(arr, public_row(s, case_title.s, published, title.s));
	}
	buf_free(&case_title);
	buf_free(&title);
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

long long public_search_count(kansli *k, int64_t org_id, const public_filter *f, kerr *e)
{
	search_filter sf = { .series = f->series, .direction = f->direction, .class_code = f->class_code,
	                     .from = f->from, .to = f->to };
	return search_public_count(k, org_id, f->query, &sf, e);
}

int public_case_find(kansli *k, int64_t org_id, const char *text, int64_t *case_id, int *record_seq, kerr *e)
{
	char norm[CASENUM_MAX];
	casenum n;
	if (!text || strlen(text) >= 200)
		return kerr_set(e, KERR_INVALID, "not a case number like 'KS 2026/0042'");
	casenum_normalise(text, norm, sizeof norm);
	if (casenum_parse(norm, &n, NULL))
		return kerr_set(e, KERR_INVALID, "not a case number like 'KS 2026/0042'");
	if (record_seq)
		*record_seq = n.doc;
	return case_find_parsed(k, org_id, &n, case_id, e);
}

static const char SQL_PUBLIC_CASE[] =
	"SELECT s.prefix, c.year, c.seq, c.status, c.opened_date, cl.code, cl.title "
	"FROM case_file c JOIN series s ON s.id = c.series_id LEFT JOIN class cl ON cl.id = c.class_id "
	"WHERE c.id = ?1 AND c.org_id = ?2";

/* The case's records in SQL_PUBLIC's column order, in the order they were
 * registered. */
static const char SQL_PUBLIC_CASE_RECORDS[] =
	"SELECT s.prefix, c.year, c.seq, r.seq, c.title, r.doc_date, r.registered_us, r.direction, "
	"  r.party_name, p.kind, r.title, r.secrecy, r.legal_ground, r.masked_fields, s.mask_persons, "
	"  r.disposed_note, c.id "
	"FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"LEFT JOIN party p ON p.id = r.party_id "
	"WHERE c.id = ?1 ORDER BY r.seq";

/* Decisions in the case: each § of adjusted minutes (the decision is then
 * registered in the case) and each delegated decision, with the record
 * that holds it. What the decision says comes from that record, masked as
 * the record is. */
static const char SQL_PUBLIC_DECISIONS[] =
	"SELECT 'board', b.name, m.date, ai.paragraph, ai.decision, r.seq, r.title, r.secrecy, r.masked_fields, "
	"  r.legal_ground "
	"FROM agenda_item ai JOIN meeting m ON m.id = ai.meeting_id JOIN board b ON b.id = m.board_id "
	"JOIN record r ON r.id = ai.decision_record_id "
	"WHERE ai.case_id = ?1 AND m.status = 'adjusted' AND r.case_id = ?1 "
	"UNION ALL "
	"SELECT 'delegation', b.name, d.decided_date, NULL, NULL, r.seq, r.title, r.secrecy, r.masked_fields, "
	"  r.legal_ground "
	"FROM delegation_decision d JOIN board b ON b.id = d.board_id JOIN record r ON r.id = d.record_id "
	"WHERE d.case_id = ?1 AND r.case_id = ?1 "
	"ORDER BY 3, 4";

static int public_decisions(kansli *k, int64_t case_id, const char *prefix, int year, int seq, json_t *out,
                            kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PUBLIC_DECISIONS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	int rc;
	buf title = BUF_INIT, words = BUF_INIT;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX], notice[200];
		if ((rc = case_text_public(k, case_id, db_col_text(s, 6), &title, e))
		    || (rc = case_text_public(k, case_id, db_col_null(s, 4) ? "" : db_col_text(s, 4), &words, e))) {
			db_done(s);
			break;
		}
		casenum_format_record(num, prefix, year, seq, (int)db_col_int(s, 5));
		const char *secrecy = db_col_text(s, 7);
		const char *list = db_col_null(s, 8) ? NULL : db_col_text(s, 8);
		secrecy_notice(notice, sizeof notice, db_col_null(s, 9) ? NULL : db_col_text(s, 9));
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", db_col_text(s, 0), "board", db_col_text(s, 1),
		                      "date", db_col_text(s, 2), "record", num,
		                      "title", masked(secrecy, list, "title") ? notice : title.s);
		if (!db_col_null(s, 3))
			json_object_set_new(o, "paragraph", json_integer(db_col_int(s, 3)));
		/* The decision's words stand in the record's body: shown only
		 * when the body is not masked. */
		if (*words.s && !masked(secrecy, list, "body"))
			json_object_set_new(o, "decision", json_string(words.s));
		json_array_append_new(out, o);
	}
	buf_free(&title);
	buf_free(&words);
	return rc < 0 ? rc : 0;
}

json_t *public_case(kansli *k, int64_t org_id, const char *number, kerr *e)
{
	int64_t case_id;
	if (public_case_find(k, org_id, number, &case_id, NULL, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_PUBLIC_CASE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, org_id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no such case"))
		return NULL;
	char num[CASENUM_MAX], prefix[17];
	snprintf(prefix, sizeof prefix, "%s", db_col_text(s, 0));
	int year = (int)db_col_int(s, 1), seq = (int)db_col_int(s, 2);
	casenum_format_case(num, prefix, year, seq);
	json_t *c = json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "number", num, "status", db_col_text(s, 3),
	                      "opened_date", db_col_text(s, 4), "class", db_col_null(s, 5) ? NULL : db_col_text(s, 5),
	                      "class_title", db_col_null(s, 6) ? NULL : db_col_text(s, 6));
	db_done(s);
	buf title = BUF_INIT;
	json_t *records = json_array(), *decisions = json_array();
	int published;
	int rc = case_title_public(k, case_id, &title, &published, e);
	if (!rc) {
		json_object_set_new(c, "title", json_string(title.s));
		if (!published) /* the title is CASE_TITLE_UNPUBLISHED's text */
			json_object_set_new(c, "title_published", json_false());
		if (!(s = db_prep(k->db, SQL_PUBLIC_CASE_RECORDS, e)))
			rc = KERR_INTERNAL;
	}
	if (!rc) {
		db_bind_int(s, 1, case_id);
		buf rtitle = BUF_INIT;
		while ((rc = db_step(s, e)) == DB_ROW) {
			if ((rc = case_text_public(k, case_id, db_col_text(s, 10), &rtitle, e))) {
				db_done(s);
				break;
			}
			json_array_append_new(records, public_row(s, title.s, published, rtitle.s));
		}
		buf_free(&rtitle);
	}
	if (!rc)
		rc = public_decisions(k, case_id, prefix, year, seq, decisions, e);
	buf_free(&title);
	json_object_set_new(c, "records", records);
	json_object_set_new(c, "decisions", decisions);
	if (rc) {
		json_decref(c);
		return NULL;
	}
	return c;
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

static const char SQL_MASKS[] = "SELECT mask_persons FROM series WHERE org_id = ?1 AND prefix = ?2";

int series_masks_persons(kansli *k, int64_t org_id, const char *prefix, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_MASKS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, prefix ? prefix : "");
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int masks = rc == DB_ROW && db_col_int(s, 0);
	db_done(s);
	return masks;
}

static const char SQL_MASK[] = "UPDATE series SET mask_persons = ?3 WHERE org_id = ?1 AND prefix = ?2";

int series_set_mask_persons(kansli *k, int64_t org_id, const char *prefix, int on, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t series_id;
	/* The series' records are indexed anew: the names their titles mask
	 * in the open index change (core/search.c). */
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)) || (rc = series_find(k, org_id, prefix, &series_id, e)) ||
	    (rc = search_forget_series_tx(k, series_id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_MASK, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, prefix);
	db_bind_int(s, 3, on);
	if ((rc = db_run(s, e)) || (rc = search_enqueue_series_tx(k, series_id, e)))
		goto end;
	rc = audit_append(k, org_id, "series.mask_persons", "series", 0,
	                  json_pack("{s:s,s:b}", "prefix", prefix, "mask_persons", on), e);
end:
	return kansli_end(k, rc, e);
}
