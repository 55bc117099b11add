/*
 * meeting.c — meetings of boards, the view of one meeting, and its notice
 * (kallelse); see meeting.h.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "core/delegation.h"
#include "core/notice.h"
#include "core/records.h"
#include "export/pdf.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char SQL_MEETING_LOAD[] =
	"SELECT m.id, m.board_id, m.case_id, b.code, b.name, b.kind, m.date, m.time, m.place, m.status, "
	"  s.prefix, c.year, c.seq, coalesce(m.adjusted_date, '') "
	"FROM meeting m JOIN board b ON b.id = m.board_id JOIN case_file c ON c.id = m.case_id "
	"  JOIN series s ON s.id = c.series_id WHERE m.org_id = ?1 AND m.id = ?2";

int meeting_load(kansli *k, int64_t org_id, int64_t id, meeting_row *m, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_MEETING_LOAD, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no meeting %lld in this organisation", (long long)id);
	if (rc)
		return rc;
	memset(m, 0, sizeof *m);
	m->id = db_col_int(s, 0);
	m->org_id = org_id;
	m->board_id = db_col_int(s, 1);
	m->case_id = db_col_int(s, 2);
	snprintf(m->board_code, sizeof m->board_code, "%s", db_col_text(s, 3));
	snprintf(m->board_name, sizeof m->board_name, "%s", db_col_text(s, 4));
	snprintf(m->board_kind, sizeof m->board_kind, "%s", db_col_text(s, 5));
	snprintf(m->date, sizeof m->date, "%s", db_col_text(s, 6));
	snprintf(m->time, sizeof m->time, "%s", db_col_text(s, 7));
	snprintf(m->place, sizeof m->place, "%s", db_col_text(s, 8));
	snprintf(m->status, sizeof m->status, "%s", db_col_text(s, 9));
	casenum_format_case(m->case_number, db_col_text(s, 10), (int)db_col_int(s, 11), (int)db_col_int(s, 12));
	snprintf(m->adjusted_date, sizeof m->adjusted_date, "%s", db_col_text(s, 13));
	db_done(s);
	return 0;
}

static const char SQL_ITEM_MEETING[] = "SELECT meeting_id FROM agenda_item WHERE id = ?1";

int meeting_load_item(kansli *k, int64_t org_id, int64_t item_id, meeting_row *m, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ITEM_MEETING, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	int64_t mid = 0;
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		mid = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	if (!mid)
		return kerr_set(e, KERR_NOTFOUND, "no agenda item %lld in this organisation", (long long)item_id);
	if ((rc = meeting_load(k, org_id, mid, m, e)) == KERR_NOTFOUND)
		return kerr_set(e, KERR_NOTFOUND, "no agenda item %lld in this organisation", (long long)item_id);
	return rc;
}

int meeting_not_frozen(const meeting_row *m, kerr *e)
{
	if (!strcmp(m->status, "adjusted"))
		return kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                  "the minutes of meeting %lld are adjusted and frozen: nothing in "
		                  "them can change", (long long)m->id);
	return 0;
}

/* The standing item under which delegated decisions are reported. */
static int is_report_item(json_t *it)
{
	const char *kind = json_string_value(json_object_get(it, "kind"));
	const char *title = json_string_value(json_object_get(it, "title"));
	return kind && title && !strcmp(kind, "standing") && !strcmp(title, "Anmälan av delegationsbeslut");
}

static int valid_time(const char *t)
{
	return t && strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' && t[2] == ':' &&
	       t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9' && (t[0] < '2' || t[1] <= '3');
}

static const char SQL_BOARD_FOR_MEETING[] =
	"SELECT b.id, b.name, s.prefix FROM board b JOIN series s ON s.id = b.series_id "
	"WHERE b.org_id = ?1 AND b.code = ?2";
static const char SQL_MEETING_INSERT[] =
	"INSERT INTO meeting(org_id, board_id, date, time, place, case_id, created_us) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_ITEM_INSERT[] =
	"INSERT INTO agenda_item(meeting_id, pos, kind, title) VALUES(?1, ?2, 'standing', ?3)";

/* The standing items every agenda has; case items go between the first
 * two and the last two (positions 100..899). */
static const struct { int pos; const char *title; } standing[] = {
	{ 10, "Val av justerare" }, { 20, "Godkännande av föredragningslistan" },
	{ 900, "Anmälan av delegationsbeslut" }, { 910, "Meddelanden" },
};

int meeting_create(kansli *k, int64_t org_id, const char *board, const char *date, const char *time,
                   const char *place, int64_t *id, kerr *e)
{
	if (!date || !time_valid_date(date))
		return kerr_field(e, KERR_INVALID, "date", KWHY_FORMAT,
		                  "a meeting needs a date like 2026-12-01");
	if (!valid_time(time))
		return kerr_field(e, KERR_INVALID, "time", KWHY_FORMAT, "a meeting needs a time like 13:00");
	if (text_line_why(place, 200))
		return kerr_field(e, KERR_INVALID, "place", text_line_why(place, 200),
		                  "a meeting needs a place of 1-200 characters on one line");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_BOARD_FOR_MEETING, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, board ? board : "");
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no board '%s' in this organisation", board ? board : "")))
		goto end;
	int64_t board_id = db_col_int(s, 0);
	char title[400], prefix[17];
	snprintf(title, sizeof title, "Sammanträde %s %s", db_col_text(s, 1), date);
	snprintf(prefix, sizeof prefix, "%s", db_col_text(s, 2));
	db_done(s);
	/* The title names nobody: it is its own public title, published
	 * even in a series that masks persons (core/casetitle.h). */
	case_new c = { .series = prefix, .title = title, .public_title = title };
	int64_t case_id;
	char number[CASENUM_MAX];
	if ((rc = case_open_tx(k, org_id, &c, &case_id, number, e)))
		goto end;
	if (!(s = db_prep(k->db, SQL_MEETING_INSERT, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, board_id);
	db_bind_text(s, 3, date);
	db_bind_text(s, 4, time);
	db_bind_text(s, 5, place);
	db_bind_int(s, 6, case_id);
	db_bind_int(s, 7, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	*id = db_col_int(s, 0);
	db_done(s);
	for (size_t i = 0; i < sizeof standing / sizeof standing[0]; i++) {
		if (!(s = db_prep(k->db, SQL_ITEM_INSERT, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, *id);
		db_bind_int(s, 2, standing[i].pos);
		db_bind_text(s, 3, standing[i].title);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, "meeting.create", "meeting", *id,
	                  json_pack("{s:s,s:s,s:s,s:s,s:s}", "board", board, "date", date, "time", time,
	                            "place", place, "case", number), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_MEETINGS[] =
	"SELECT m.id, b.code, b.name, m.date, m.time, m.place, m.status, s.prefix, c.year, c.seq "
	"FROM meeting m JOIN board b ON b.id = m.board_id JOIN case_file c ON c.id = m.case_id "
	"  JOIN series s ON s.id = c.series_id "
	"WHERE m.org_id = ?1 AND (?2 IS NULL OR b.code = ?2) ORDER BY m.date DESC, m.time DESC, m.id DESC";

json_t *meeting_list(kansli *k, int64_t org_id, const char *board, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_MEETINGS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, board && *board ? board : NULL);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 7), (int)db_col_int(s, 8), (int)db_col_int(s, 9));
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id",
		                      (json_int_t)db_col_int(s, 0), "board", db_col_text(s, 1), "board_name",
		                      db_col_text(s, 2), "date", db_col_text(s, 3), "time", db_col_text(s, 4),
		                      "place", db_col_text(s, 5), "status", db_col_text(s, 6), "case", num));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_ITEMS[] =
	"SELECT i.id, i.pos, i.kind, i.title, i.paragraph, i.decision, s.prefix, c.year, c.seq, c.title, "
	"  c.status, i.case_id "
	"FROM agenda_item i LEFT JOIN case_file c ON c.id = i.case_id LEFT JOIN series s ON s.id = c.series_id "
	"WHERE i.meeting_id = ?1 ORDER BY i.pos, i.id";
static const char SQL_ITEM_RECORDS[] =
	"SELECT s.prefix, c.year, c.seq, r.seq, r.title, r.secrecy, r.masked_fields "
	"FROM agenda_item_record ir JOIN record r ON r.id = ir.record_id JOIN case_file c ON c.id = r.case_id "
	"  JOIN series s ON s.id = c.series_id WHERE ir.item_id = ?1 ORDER BY r.seq";
static const char SQL_ITEM_NOTES[] =
	"SELECT n.member_id, m.name, n.kind, n.text FROM item_note n JOIN board_member m ON m.id = n.member_id "
	"WHERE n.item_id = ?1 ORDER BY n.kind DESC, m.name, n.id";
/* The case's senders and recipients, offered as recipients of the
 * extract; names masked as secret are left out. */
static const char SQL_ITEM_PARTIES[] =
	"SELECT DISTINCT r.party_name FROM agenda_item i JOIN record r ON r.case_id = i.case_id "
	"WHERE i.id = ?1 AND r.party_name IS NOT NULL AND (r.secrecy = 'none' OR (r.secrecy = 'partial' "
	"  AND instr(',' || coalesce(r.masked_fields, '') || ',', ',party,') = 0)) ORDER BY r.party_name";
static const char SQL_ITEM_DISPATCH[] =
	"SELECT d.recipient, s.prefix, c.year, c.seq, r.seq, d.created_us FROM dispatch d "
	"JOIN record r ON r.id = d.record_id JOIN case_file c ON c.id = r.case_id "
	"JOIN series s ON s.id = c.series_id WHERE d.item_id = ?1 ORDER BY d.id";

/* A record's title as the notice may show it: secret titles masked. */
static const char *shown_title(db_stmt *s, int title_col)
{
	const char *secrecy = db_col_text(s, title_col + 1), *masked = db_col_text(s, title_col + 2);
	if (strcmp(secrecy, "none") && (!strcmp(secrecy, "full") || strstr(masked, "title")))
		return "(sekretess)";
	return db_col_text(s, title_col);
}

json_t *meeting_items_json(kansli *k, int64_t meeting_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ITEMS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, meeting_id);
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *it = json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)db_col_int(s, 0),
		                       "pos", (json_int_t)db_col_int(s, 1), "kind", db_col_text(s, 2),
		                       "title", db_col_text(s, 3));
		if (!db_col_null(s, 4))
			json_object_set_new(it, "paragraph", json_integer(db_col_int(s, 4)));
		if (!db_col_null(s, 5))
			json_object_set_new(it, "decision", json_string(db_col_text(s, 5)));
		if (!db_col_null(s, 6)) {
			char num[CASENUM_MAX];
			casenum_format_case(num, db_col_text(s, 6), (int)db_col_int(s, 7), (int)db_col_int(s, 8));
			json_object_set_new(it, "case", json_string(num));
			json_object_set_new(it, "case_title", case_title_staff_json(k, db_col_int(s, 11), e));
			json_object_set_new(it, "case_status", json_string(db_col_text(s, 10)));
		}
		json_array_append_new(items, it);
	}
	if (rc < 0) {
		json_decref(items);
		return NULL;
	}
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		int64_t item_id = json_integer_value(json_object_get(it, "id"));
		json_t *recs = json_array(), *notes = json_array(), *sent = json_array();
		if (!(s = db_prep(k->db, SQL_ITEM_RECORDS, e)))
			goto fail;
		db_bind_int(s, 1, item_id);
		while ((rc = db_step(s, e)) == DB_ROW) {
			char num[CASENUM_MAX];
			casenum_format_record(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2),
			                      (int)db_col_int(s, 3));
			json_array_append_new(recs, json_pack("{s:s,s:s}", "number", num, "title", shown_title(s, 4)));
		}
		if (rc < 0)
			goto fail;
		if (!(s = db_prep(k->db, SQL_ITEM_NOTES, e)))
			goto fail;
		db_bind_int(s, 1, item_id);
		while ((rc = db_step(s, e)) == DB_ROW)
			json_array_append_new(notes, json_pack("{s:I,s:s,s:s,s:s}", "member_id", (json_int_t)db_col_int(s, 0),
			                      "name", db_col_text(s, 1), "kind", db_col_text(s, 2), "text", db_col_text(s, 3)));
		if (rc < 0)
			goto fail;
		if (!(s = db_prep(k->db, SQL_ITEM_DISPATCH, e)))
			goto fail;
		db_bind_int(s, 1, item_id);
		while ((rc = db_step(s, e)) == DB_ROW) {
			char num[CASENUM_MAX], when[32];
			casenum_format_record(num, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3),
			                      (int)db_col_int(s, 4));
			time_format_local(db_col_int(s, 5), when, sizeof when);
			json_array_append_new(sent, json_pack("{s:s,s:s,s:s}", "recipient", db_col_text(s, 0),
			                      "record", num, "time", when));
		}
		if (rc < 0)
			goto fail;
		if (json_object_get(it, "case")) {
			json_t *parties = json_array();
			if (!(s = db_prep(k->db, SQL_ITEM_PARTIES, e))) {
				json_decref(parties);
				goto fail;
			}
			db_bind_int(s, 1, item_id);
			while ((rc = db_step(s, e)) == DB_ROW)
				json_array_append_new(parties, json_string(db_col_text(s, 0)));
			if (rc < 0) {
				json_decref(parties);
				goto fail;
			}
			json_object_set_new(it, "parties", parties);
		}
		json_object_set_new(it, "records", recs);
		json_object_set_new(it, "notes", notes);
		json_object_set_new(it, "dispatched", sent);
		continue;
fail:
		json_decref(recs);
		json_decref(notes);
		json_decref(sent);
		json_decref(items);
		return NULL;
	}
	return items;
}

/* Members in their term on the meeting's date, with what the minutes say
 * of them. */
static const char SQL_ATTENDANCE[] =
	"SELECT m.id, m.name, m.party, m.role, m.position, u.username, a.status, a.serving_for, f.name, "
	"  (SELECT 1 FROM adjuster j WHERE j.meeting_id = ?2 AND j.member_id = m.id) "
	"FROM board_member m LEFT JOIN app_user u ON u.id = m.user_id "
	"  LEFT JOIN attendance a ON a.meeting_id = ?2 AND a.member_id = m.id "
	"  LEFT JOIN board_member f ON f.id = a.serving_for "
	"WHERE m.board_id = ?1 AND m.term_from <= ?3 AND coalesce(m.term_to, '9999-12-31') >= ?3 "
	"ORDER BY CASE m.role WHEN 'ledamot' THEN 0 WHEN 'ersattare' THEN 1 ELSE 2 END, "
	"  CASE m.position WHEN 'ordforande' THEN 0 WHEN 'vice_ordforande' THEN 1 ELSE 2 END, m.id";

json_t *meeting_attendance_json(kansli *k, const meeting_row *m, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ATTENDANCE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, m->board_id);
	db_bind_int(s, 2, m->id);
	db_bind_text(s, 3, m->date);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *o = json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:s?,s:s?,s:b}", "member_id", (json_int_t)db_col_int(s, 0),
		                      "name", db_col_text(s, 1), "party", db_col_null(s, 2) ? NULL : db_col_text(s, 2),
		                      "role", db_col_text(s, 3), "position", db_col_null(s, 4) ? NULL : db_col_text(s, 4),
		                      "user", db_col_null(s, 5) ? NULL : db_col_text(s, 5),
		                      "status", db_col_null(s, 6) ? NULL : db_col_text(s, 6), "adjuster", !db_col_null(s, 9));
		if (!db_col_null(s, 7)) {
			json_object_set_new(o, "serving_for", json_integer(db_col_int(s, 7)));
			json_object_set_new(o, "serving_for_name", json_string(db_col_text(s, 8)));
		}
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_APPROVALS[] =
	"SELECT a.member_id, a.minutes_sha256, a.approved_us, u.username FROM approval a "
	"JOIN app_user u ON u.id = a.user_id WHERE a.meeting_id = ?1";

/* The approvers: the presiding chair and the adjusters, each with the
 * approval they gave (valid when it binds the current text's hash). */
static json_t *approvers_json(kansli *k, const meeting_row *m, json_t *attendance, const char *sha, kerr *e)
{
	json_t *arr = json_array();
	json_t *chair = NULL, *vice = NULL;
	size_t i;
	json_t *a;
	json_array_foreach(attendance, i, a) {
		const char *pos = json_string_value(json_object_get(a, "position"));
		const char *st = json_string_value(json_object_get(a, "status"));
		if (!pos || (st && !strcmp(st, "absent")))
			continue;
		if (!strcmp(pos, "ordforande"))
			chair = a;
		else if (!strcmp(pos, "vice_ordforande"))
			vice = a;
	}
	if (!chair)
		chair = vice;
	if (chair)
		json_array_append_new(arr, json_pack("{s:O,s:O,s:s,s:O?}", "member_id", json_object_get(chair, "member_id"),
		                      "name", json_object_get(chair, "name"), "as", "chair",
		                      "user", json_object_get(chair, "user")));
	json_array_foreach(attendance, i, a) {
		if (!json_is_true(json_object_get(a, "adjuster")) || a == chair)
			continue;
		json_array_append_new(arr, json_pack("{s:O,s:O,s:s,s:O?}", "member_id", json_object_get(a, "member_id"),
		                      "name", json_object_get(a, "name"), "as", "adjuster", "user", json_object_get(a, "user")));
	}
	db_stmt *s = db_prep(k->db, SQL_APPROVALS, e);
	if (!s) {
		json_decref(arr);
		return NULL;
	}
	db_bind_int(s, 1, m->id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_int_t member = db_col_int(s, 0);
		json_array_foreach(arr, i, a) {
			if (json_integer_value(json_object_get(a, "member_id")) != member)
				continue;
			char when[32];
			time_format_local(db_col_int(s, 2), when, sizeof when);
			json_object_set_new(a, "approved", json_string(when));
			json_object_set_new(a, "approved_by", json_string(db_col_text(s, 3)));
			json_object_set_new(a, "approved_sha256", json_string(db_col_text(s, 1)));
			json_object_set_new(a, "valid", json_boolean(sha && !strcmp(sha, db_col_text(s, 1))));
		}
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_MEETING_RECORDS[] =
	"SELECT (SELECT r.seq FROM record r WHERE r.id = m.notice_record_id), "
	"  (SELECT r.seq FROM record r WHERE r.id = m.minutes_record_id), m.minutes_sha256 "
	"FROM meeting m WHERE m.id = ?1";

json_t *meeting_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	meeting_row m;
	if (access_check(k, org_id, ACCESS_READ, e) || meeting_load(k, org_id, id, &m, e))
		return NULL;
	json_t *o = json_pack("{s:I,s:{s:s,s:s,s:s},s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)m.id,
	                      "board", "code", m.board_code, "name", m.board_name, "kind", m.board_kind,
	                      "date", m.date, "time", m.time, "place", m.place, "status", m.status,
	                      "case", m.case_number);
	if (*m.adjusted_date)
		json_object_set_new(o, "adjusted_date", json_string(m.adjusted_date));
	/* Whether the reader may prepare the meeting, so views offer only
	 * what they may do (core still checks every change). */
	int may_prepare = access_may(k, org_id, ACCESS_MEETING, e);
	if (may_prepare < 0)
		goto fail;
	json_object_set_new(o, "may_prepare", json_boolean(may_prepare));
	db_stmt *s = db_prep(k->db, SQL_MEETING_RECORDS, e);
	if (!s)
		goto fail;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc < 0)
		goto fail;
	if (rc == DB_ROW) {
		char num[CASENUM_MAX + 8];
		if (!db_col_null(s, 0)) {
			snprintf(num, sizeof num, "%s-%lld", m.case_number, (long long)db_col_int(s, 0));
			json_object_set_new(o, "notice_record", json_string(num));
		}
		if (!db_col_null(s, 1)) {
			snprintf(num, sizeof num, "%s-%lld", m.case_number, (long long)db_col_int(s, 1));
			json_object_set_new(o, "minutes_record", json_string(num));
		}
		if (!db_col_null(s, 2))
			json_object_set_new(o, "adjusted_sha256", json_string(db_col_text(s, 2)));
	}
	db_done(s);
	/* One who does not read the meeting whole reads its texts as the
	 * public does, and no hash of the whole text: a guess at the masked
	 * words could be checked against it. */
	int whole = meeting_reads_whole(k, &m, e);
	if (whole < 0)
		goto fail;
	if (!whole)
		json_object_del(o, "adjusted_sha256");
	json_t *items = meeting_items_json(k, id, e), *att = meeting_attendance_json(k, &m, e);
	json_t *dele = delegation_for_meeting(k, &m, e);
	meeting_quorum q;
	if (!items || !att || !dele || minutes_decision_making_json(k, &m, items, e) ||
	    meeting_quorum_count(k, &m, 0, &q, e) || (!whole && meeting_mask_public(k, org_id, items, dele, NULL, e))) {
		json_decref(items);
		json_decref(att);
		json_decref(dele);
		goto fail;
	}
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (is_report_item(it))
			json_object_set(it, "delegations", dele);
	json_object_set_new(o, "items", items);
	json_object_set_new(o, "attendance", att);
	json_object_set_new(o, "delegations", dele);
	json_object_set_new(o, "quorum", meeting_quorum_json(&q));
	const char *sha = NULL;
	char hex[65];
	if (strcmp(m.status, "planned") && strcmp(m.status, "called")) {
		/* the whole text's hash says which approvals are valid */
		buf text = BUF_INIT;
		int failed = minutes_text_whole(k, &m, &text, e);
		if (!failed) {
			unsigned char h[32];
			hash_sha256(text.s, text.len, h);
			hash_hex(h, 32, hex);
			sha = hex;
		}
		if (!failed && !whole) {
			buf_reset(&text);
			failed = minutes_compose(k, &m, MINUTES_PUBLIC, &text, NULL, NULL, e);
		}
		if (failed) {
			buf_free(&text);
			goto fail;
		}
		json_object_set_new(o, "minutes_text", json_string(text.s ? text.s : ""));
		buf_free(&text);
	}
	json_t *appr = approvers_json(k, &m, att, sha, e);
	if (!appr)
		goto fail;
	json_object_set_new(o, "approvers", appr);
	if (whole && sha)
		json_object_set_new(o, "minutes_sha256", json_string(sha));
	json_array_foreach(appr, i, it)
		if (!whole)
			json_object_del(it, "approved_sha256");
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* The notice's document: time, place, items with their case numbers and
 * the documents sent with each. It is an open record, and the council's is
 * posted on the notice board: its texts (items, in place) are masked as
 * the public case page masks them. */
static int notice_build(kansli *k, const meeting_row *m, json_t *items, buf *out, kerr *e)
{
	json_t *dele = delegation_for_meeting(k, m, e);
	if (!dele)
		return KERR_INTERNAL;
	int masked = meeting_mask_public(k, m->org_id, items, dele, NULL, e);
	if (masked) {
		json_decref(dele);
		return masked;
	}
	char title[400];
	snprintf(title, sizeof title, "Kallelse %s %s", m->board_name, m->date);
	pdf_doc *d = pdf_new(title);
	if (!d)
		return kerr_set(e, KERR_INTERNAL, "out of memory");
	pdf_heading(d, "Kallelse");
	pdf_subheading(d, m->board_name);
	pdf_field(d, "Datum", m->date);
	pdf_field(d, "Tid", m->time);
	pdf_field(d, "Plats", m->place);
	pdf_field(d, "Diarienummer", m->case_number);
	pdf_space(d);
	pdf_subheading(d, "Föredragningslista");
	size_t i, j;
	json_t *it, *r;
	int n = 0;
	json_array_foreach(items, i, it) {
		buf line = BUF_INIT;
		buf_printf(&line, "%d. %s", ++n, json_string_value(json_object_get(it, "title")));
		const char *cs = json_string_value(json_object_get(it, "case"));
		if (cs)
			buf_printf(&line, " (%s)", cs);
		json_array_foreach(json_object_get(it, "records"), j, r)
			buf_printf(&line, "\n    Handling %s %s", json_string_value(json_object_get(r, "number")),
			           json_string_value(json_object_get(r, "title")));
		if (is_report_item(it))
			json_array_foreach(dele, j, r)
				buf_printf(&line, "\n    %s punkt %s, %s: %s", json_string_value(json_object_get(r, "case")),
				           json_string_value(json_object_get(r, "point")), json_string_value(json_object_get(r, "date")),
				           json_string_value(json_object_get(r, "summary")));
		pdf_paragraph(d, line.s);
		buf_free(&line);
	}
	json_decref(dele);
	int rc = pdf_render(d, out, e);
	pdf_free(d);
	return rc;
}

int meeting_notice_pdf(kansli *k, int64_t org_id, int64_t id, buf *out, kerr *e)
{
	meeting_row m;
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_READ, e)) || (rc = meeting_load(k, org_id, id, &m, e)))
		return rc;
	json_t *items = meeting_items_json(k, id, e);
	if (!items)
		return KERR_INTERNAL;
	rc = notice_build(k, &m, items, out, e);
	json_decref(items);
	return rc;
}

static const char SQL_MEETING_CALLED[] =
	"UPDATE meeting SET status = 'called', called_us = ?2, notice_record_id = ?3 WHERE id = ?1";

int meeting_send_notice(kansli *k, int64_t org_id, int64_t id, char record[CASENUM_MAX], kerr *e)
{
	meeting_row m;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	buf pdf = BUF_INIT;
	json_t *items = NULL;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = meeting_load(k, org_id, id, &m, e)))
		goto fail;
	if (strcmp(m.status, "planned")) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                "the notice of meeting %lld is already sent (status %s)", (long long)id,
		                m.status);
		goto fail;
	}
	if (!(items = meeting_items_json(k, id, e))) { rc = KERR_INTERNAL; goto fail; }
	if ((rc = notice_build(k, &m, items, &pdf, e)))
		goto fail;
	/* Blob first, row second: the file is durable before the row names it. */
	record_file_in f = { .media_type = "application/pdf", .size = (int64_t)pdf.len };
	snprintf(f.name, sizeof f.name, "kallelse-%s-%s.pdf", m.board_code, m.date);
	if ((rc = blob_put_mem(&k->blobs, pdf.s, pdf.len, f.hash, e)))
		goto fail;
	char title[400];
	snprintf(title, sizeof title, "Kallelse %s %s", m.board_name, m.date);
	record_new r = { .direction = "internal", .title = title, .nfiles = 1 };
	r.files[0] = f.name;
	int64_t record_id;
	int created;
	if ((rc = record_register_tx(k, org_id, m.case_id, m.case_number, &r, &f, &record_id, record, &created, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_MEETING_CALLED, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, time_now_us());
	db_bind_int(s, 3, record_id);
	if ((rc = db_run(s, e)))
		goto fail;
	if (!strcmp(m.board_kind, "fullmaktige")) {
		/* Kommunallagen 8 kap. 10 §: the council's meetings are announced
		 * on the notice board beforehand. */
		char body[600];
		snprintf(body, sizeof body, "%s sammanträder %s kl. %s, %s.", m.board_name, m.date, m.time, m.place);
		notice_new n = { .kind = "meeting", .board = m.board_name, .title = title, .body = body,
		                 .meeting_date = m.date, .file_hash = f.hash, .file_name = f.name, .meeting_id = id };
		int64_t notice_id;
		if ((rc = notice_post_tx(k, org_id, &n, &notice_id, e)))
			goto fail;
	}
	if ((rc = audit_append(k, org_id, "meeting.notice", "meeting", id,
	                       json_pack("{s:s,s:s,s:s}", "record", record, "sha256", f.hash, "from", "planned"), e)))
		goto fail;
	json_decref(items);
	buf_free(&pdf);
	return kansli_commit(k, e);
fail:
	json_decref(items);
	buf_free(&pdf);
	kansli_rollback(k);
	return rc;
}
