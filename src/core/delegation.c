/*
 * delegation.c — delegated decisions: registered by officials in their
 * case, reported to the board at its next meeting; see delegation.h.
 */
#include "core/delegation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/records.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char SQL_DELEGATION_INSERT[] =
	"INSERT INTO delegation_decision(org_id, board_id, case_id, point, decided_by, decided_date, summary, "
	"  record_id, created_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";

int delegation_register(kansli *k, int64_t org_id, const delegation_new *d, int64_t *id,
                        char record[CASENUM_MAX], kerr *e)
{
	char today[11];
	time_today(today);
	const char *date = d->date && *d->date ? d->date : today;
	if (!d->case_number || !*d->case_number)
		return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED,
		                  "a delegated decision is registered in its case (a case number like KS 2026/0042)");
	if (!d->point || !*d->point || strlen(d->point) > 20 || strspn(d->point, "0123456789.") != strlen(d->point))
		return kerr_field(e, KERR_INVALID, "delegation_point", KWHY_REQUIRED,
		                  "give the point of the delegation order, like 3.2");
	int why = text_line_why(d->decided_by, 200);
	if (why)
		return kerr_field(e, KERR_INVALID, "decided_by", why, "say who decided, 1-200 characters on one line");
	if ((why = text_line_why(d->summary, 400)))
		return kerr_field(e, KERR_INVALID, "decision", why,
		                  "the decision in brief is 1-400 characters on one line");
	if (!time_valid_date(date))
		return kerr_field(e, KERR_INVALID, "date", KWHY_FORMAT, "'%s' is not a date like 2026-11-24", date);
	if (strcmp(date, today) > 0)
		return kerr_field(e, KERR_INVALID, "date", KWHY_RANGE, "the decision date %s is in the future", date);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t board_id, case_id, record_id;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = board_find(k, org_id, d->board, &board_id, e)) ||
	    (rc = case_find(k, org_id, d->case_number, &case_id, e)))
		goto end;
	char title[520];
	snprintf(title, sizeof title, "Delegationsbeslut %s: %s", d->point, d->summary);
	buf body = BUF_INIT;
	buf_printf(&body, "Beslut fattat med stöd av delegation (punkt %s i delegationsordningen för %s).\n"
	           "Beslutsfattare: %s\nDatum: %s\n\n%s", d->point, d->board, d->decided_by, date, d->summary);
	/* The record carries the secrecy: it is validated and masked there,
	 * as for any record registered directly. */
	record_new r = { .direction = "internal", .doc_date = date, .title = title, .body = body.s,
	                 .secrecy = d->secrecy, .legal_ground = d->legal_ground, .masked = d->masked };
	int created;
	rc = record_register_tx(k, org_id, case_id, d->case_number, &r, NULL, &record_id, record, &created, e);
	buf_free(&body);
	if (rc)
		goto end;
	db_stmt *s = db_prep(k->db, SQL_DELEGATION_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, board_id);
	db_bind_int(s, 3, case_id);
	db_bind_text(s, 4, d->point);
	db_bind_text(s, 5, d->decided_by);
	db_bind_text(s, 6, date);
	db_bind_text(s, 7, d->summary);
	db_bind_int(s, 8, record_id);
	db_bind_int(s, 9, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	*id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, org_id, "delegation.register", "delegation", *id,
	                  json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "board", d->board, "case", d->case_number,
	                            "point", d->point, "decided_by", d->decided_by, "date", date,
	                            "summary", d->summary, "record", record), e);
end:
	return kansli_end(k, rc, e);
}

/* The summary stands in the record's title and body, who decided in its
 * body: each is shown where the record shows those fields, to the reader
 * bound to ?9 (columns 13, 14) and to the public, bound to ?8 (11, 12), so
 * that what only the reader's right shows is logged as read. */
#define SHOWN(EXPR) "CASE WHEN " EXPR " THEN 1 ELSE 0 END"
#define DELEGATION_COLUMNS \
	"SELECT d.id, b.code, s.prefix, c.year, c.seq, d.point, d.decided_by, d.decided_date, d.summary, r.seq, " \
	"  d.reported_meeting_id, " \
	"  " SHOWN(ACCESS_FIELD_SQL("title", "8") " AND " ACCESS_FIELD_SQL("body", "8")) ", " \
	"  " SHOWN(ACCESS_FIELD_SQL("body", "8")) ", " \
	"  " SHOWN(ACCESS_FIELD_SQL("title", "9") " AND " ACCESS_FIELD_SQL("body", "9")) ", " \
	"  " SHOWN(ACCESS_FIELD_SQL("body", "9")) ", " \
	"  r.secrecy, r.legal_ground, r.id " \
	"FROM delegation_decision d JOIN board b ON b.id = d.board_id JOIN case_file c ON c.id = d.case_id " \
	"  JOIN series s ON s.id = c.series_id JOIN record r ON r.id = d.record_id "

static const char SQL_DELEGATIONS[] = DELEGATION_COLUMNS
	"WHERE d.org_id = ?1 AND (?2 IS NULL OR b.code = ?2) AND (?3 = 0 OR d.reported_meeting_id IS NULL) "
	"ORDER BY d.decided_date DESC, d.id DESC";
static const char SQL_FOR_MEETING[] = DELEGATION_COLUMNS
	"WHERE d.board_id = ?1 AND ((?3 = 0 AND d.reported_meeting_id IS NULL AND d.decided_date <= ?2) "
	"  OR (?3 = 1 AND d.reported_meeting_id = ?4)) ORDER BY d.decided_date, d.id";

/* The reader bound to ?9 (k->user_id, or -1 for the public view); ?8 is
 * always the public. */
static void bind_reader(db_stmt *s, int64_t reader)
{
	db_bind_int(s, 8, -1);
	db_bind_int(s, 9, reader);
}

/* The rows of s as views; the records whose secret summary or decider
 * were shown (only the reader's right shows them) are added to ids
 * (*nids of them, realloc'd; the caller frees) and nums. */
static json_t *rows(db_stmt *s, int64_t **ids, size_t *nids, json_t *nums, kerr *e)
{
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX], rec[CASENUM_MAX + 8], notice[200];
		casenum_format_case(num, db_col_text(s, 2), (int)db_col_int(s, 3), (int)db_col_int(s, 4));
		snprintf(rec, sizeof rec, "%s-%lld", num, (long long)db_col_int(s, 9));
		snprintf(notice, sizeof notice, "Sekretess enligt %s", db_col_null(s, 16) ? "OSL" : db_col_text(s, 16));
		int summary_shown = db_col_int(s, 13) != 0, by_shown = db_col_int(s, 14) != 0;
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(s, 0),
		                      "board", db_col_text(s, 1), "case", num, "point", db_col_text(s, 5),
		                      "decided_by", by_shown ? db_col_text(s, 6) : notice, "date", db_col_text(s, 7),
		                      "summary", summary_shown ? db_col_text(s, 8) : notice, "record", rec,
		                      "secrecy", db_col_text(s, 15));
		if (!db_col_null(s, 10))
			json_object_set_new(o, "reported_meeting", json_integer(db_col_int(s, 10)));
		json_array_append_new(arr, o);
		/* Shown only by the reader's right: a read of secret content. */
		if ((summary_shown && !db_col_int(s, 11)) || (by_shown && !db_col_int(s, 12))) {
			if (!(*ids = realloc(*ids, (*nids + 1) * sizeof **ids)))
				abort();
			(*ids)[(*nids)++] = db_col_int(s, 17);
			json_array_append_new(nums, json_string(rec));
		}
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *delegation_list(kansli *k, int64_t org_id, const char *board, int unreported_only, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_DELEGATIONS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, board && *board ? board : NULL);
	db_bind_int(s, 3, unreported_only);
	bind_reader(s, k->user_id);
	int64_t *ids = NULL;
	size_t nids = 0;
	json_t *nums = json_array();
	json_t *arr = rows(s, &ids, &nids, nums, e);
	if (arr && audit_log_reads(k, org_id, "record.read_secret", "record", ids, nums, NULL, e)) {
		json_decref(arr);
		arr = NULL;
	}
	free(ids);
	json_decref(nums);
	return arr;
}

json_t *delegation_for_meeting(kansli *k, const meeting_row *m, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FOR_MEETING, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, m->board_id);
	db_bind_text(s, 2, m->date);
	db_bind_int(s, 3, !strcmp(m->status, "adjusted"));
	db_bind_int(s, 4, m->id);
	bind_reader(s, -1);
	int64_t *ids = NULL;
	size_t nids = 0;
	json_t *nums = json_array();
	json_t *arr = rows(s, &ids, &nids, nums, e);
	free(ids); /* the public's view reveals nothing */
	json_decref(nums);
	return arr;
}

static const char SQL_MARK[] =
	"UPDATE delegation_decision SET reported_meeting_id = ?2 WHERE board_id = ?1 "
	"  AND reported_meeting_id IS NULL AND decided_date <= ?3";

static const char SQL_HAS_REPORT_ITEM[] =
	"SELECT count(*) FROM agenda_item WHERE meeting_id = ?1 AND kind = 'standing' "
	"  AND title = 'Anmälan av delegationsbeslut'";

int delegation_mark_reported_tx(kansli *k, const meeting_row *m, kerr *e)
{
	/* Reported only where the agenda reported them: a meeting whose
	 * agenda lost the item leaves them for the next one. */
	db_stmt *s = db_prep(k->db, SQL_HAS_REPORT_ITEM, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, m->id);
	int rc = db_step(s, e);
	int has = rc == DB_ROW && db_col_int(s, 0) > 0;
	db_done(s);
	if (rc < 0)
		return rc;
	if (!has)
		return 0;
	json_t *list = delegation_for_meeting(k, m, e);
	if (!list)
		return KERR_INTERNAL;
	if (!(s = db_prep(k->db, SQL_MARK, e))) {
		json_decref(list);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, m->board_id);
	db_bind_int(s, 2, m->id);
	db_bind_text(s, 3, m->date);
	rc = db_run(s, e);
	json_t *ids = json_array(), *d;
	size_t i;
	json_array_foreach(list, i, d)
		json_array_append(ids, json_object_get(d, "id"));
	json_decref(list);
	if (rc || !json_array_size(ids)) {
		json_decref(ids);
		return rc;
	}
	return audit_append(k, m->org_id, "delegation.report", "meeting", m->id, json_pack("{s:o}", "delegations", ids), e);
}
