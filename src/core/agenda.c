/*
 * agenda.c — the agenda (föredragningslista) of a meeting: cases marked
 * ready for decision by a board are offered for it; standing items frame
 * them; each item links its case and the records sent with the notice.
 * The agenda changes until the minutes are drawn up; see meeting.h.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/board.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "util/encoding.h"

static const char SQL_CASE_READY[] = "UPDATE case_file SET ready_board_id = ?2 WHERE id = ?1";
static const char SQL_CASE_STATUS[] = "SELECT status FROM case_file WHERE id = ?1";

int agenda_mark_ready(kansli *k, int64_t org_id, const char *case_number, const char *board, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t case_id, board_id = 0;
	int clear = !board || !*board;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, case_number, &case_id, e)))
		goto fail;
	if (!clear && (rc = board_find(k, org_id, board, &board_id, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_CASE_STATUS, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, case_id);
	if ((rc = db_step(s, e)) < 0) {
		db_done(s);
		goto fail;
	}
	int open = rc == DB_ROW && !strcmp(db_col_text(s, 0), "open");
	db_done(s);
	rc = 0;
	if (!open && !clear) {
		rc = kerr_field(e, KERR_CONFLICT, "case", KWHY_NOT_OPEN,
		                "case %s is not open: only open cases can be ready for decision", case_number);
		goto fail;
	}
	if (!(s = db_prep(k->db, SQL_CASE_READY, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, case_id);
	if (clear) db_bind_null(s, 2); else db_bind_int(s, 2, board_id);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, clear ? "case.not_ready" : "case.ready", "case", case_id,
	                       json_pack("{s:s,s:s?}", "number", case_number, "board", clear ? NULL : board), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_READY[] =
	"SELECT s.prefix, c.year, c.seq, c.title, c.id FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND c.ready_board_id = ?2 AND c.status = 'open' "
	"  AND NOT EXISTS (SELECT 1 FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
	"                  WHERE i.case_id = c.id AND m.status <> 'adjusted') "
	"ORDER BY c.opened_us, c.id";
static const char SQL_CASE_RECORDS[] =
	"SELECT seq, title, secrecy, masked_fields FROM record WHERE case_id = ?1 ORDER BY seq";

json_t *agenda_ready_cases(kansli *k, int64_t org_id, int64_t meeting_id, kerr *e)
{
	meeting_row m;
	if (access_check(k, org_id, ACCESS_READ, e) || meeting_load(k, org_id, meeting_id, &m, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_READY, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, m.board_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		json_t *title = case_title_staff_json(k, db_col_int(s, 4), e);
		if (!title) { /* an error, not a case without a title */
			db_done(s);
			rc = e && e->code ? e->code : KERR_INTERNAL;
			break;
		}
		json_array_append_new(arr, json_pack("{s:s,s:o,s:I}", "case", num, "title", title,
		                      "case_id", (json_int_t)db_col_int(s, 4)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	size_t i;
	json_t *c;
	json_array_foreach(arr, i, c) {
		json_t *recs = json_array();
		if (!(s = db_prep(k->db, SQL_CASE_RECORDS, e))) {
			json_decref(recs);
			json_decref(arr);
			return NULL;
		}
		db_bind_int(s, 1, json_integer_value(json_object_get(c, "case_id")));
		while ((rc = db_step(s, e)) == DB_ROW) {
			char num[CASENUM_MAX + 8];
			snprintf(num, sizeof num, "%s-%lld", json_string_value(json_object_get(c, "case")),
			         (long long)db_col_int(s, 0));
			int secret_title = strcmp(db_col_text(s, 2), "none") &&
			                   (!strcmp(db_col_text(s, 2), "full") || strstr(db_col_text(s, 3), "title"));
			json_array_append_new(recs, json_pack("{s:s,s:s}", "number", num,
			                      "title", secret_title ? "(sekretess)" : db_col_text(s, 1)));
		}
		if (rc < 0) {
			json_decref(recs);
			json_decref(arr);
			return NULL;
		}
		json_object_del(c, "case_id");
		json_object_set_new(c, "records", recs);
	}
	return arr;
}

/* The agenda changes only before the minutes are drawn up. */
static int agenda_open(const meeting_row *m, kerr *e)
{
	if (!strcmp(m->status, "held") || !strcmp(m->status, "adjusted"))
		return kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                  "the minutes of meeting %lld are drawn up: the agenda can no longer "
		                  "change", (long long)m->id);
	return 0;
}

/* Begins a change to agenda item item_id: the meeting role, the item's
 * meeting in *m, and an agenda still open. Returns 0 inside the
 * transaction; on error nothing is left open. */
static int item_change_begin(kansli *k, int64_t org_id, int64_t item_id, meeting_row *m, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = meeting_load_item(k, org_id, item_id, m, e)) ||
	    (rc = agenda_open(m, e)))
		kansli_rollback(k);
	return rc;
}

static const char SQL_NEXT_POS[] =
	"SELECT coalesce(max(pos), 90) + 10 FROM agenda_item WHERE meeting_id = ?1 AND pos < 900";
static const char SQL_ON_AGENDA[] =
	"SELECT m.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
	"WHERE i.case_id = ?1 AND m.status <> 'adjusted'";
static const char SQL_ITEM_ADD[] =
	"INSERT INTO agenda_item(meeting_id, pos, kind, title, case_id) VALUES(?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_CASE_TITLE[] = "SELECT title, status FROM case_file WHERE id = ?1";

static int item_add(kansli *k, int64_t org_id, int64_t meeting_id, const char *case_number, const char *title,
                    int64_t *item_id, kerr *e)
{
	if (title && *title && (strlen(title) > 500 || strpbrk(title, "\r\n")))
		return kerr_field(e, KERR_INVALID, "item_title", text_line_why(title, 500),
		                  "an item's title is 1-500 characters on one line");
	if (!case_number && (!title || !*title))
		return kerr_field(e, KERR_INVALID, "item_title", KWHY_REQUIRED, "a standing item needs a title");
	meeting_row m;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t case_id = 0;
	char ctitle[512] = "";
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = meeting_load(k, org_id, meeting_id, &m, e)) ||
	    (rc = agenda_open(&m, e)))
		goto end;
	db_stmt *s;
	if (case_number) {
		if ((rc = case_find(k, org_id, case_number, &case_id, e)))
			goto end;
		if (!(s = db_prep(k->db, SQL_CASE_TITLE, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, case_id);
		if ((rc = kansli_row(s, e, KERR_INTERNAL, "case %s vanished", case_number)))
			goto end;
		int open = !strcmp(db_col_text(s, 1), "open");
		db_done(s);
		/* The agenda and the minutes are public: the item carries the
		 * case's public title (skyddad ärendemening), names masked. */
		buf shown = BUF_INIT;
		rc = case_title_render(k, case_id, CASE_TITLE_PUBLIC, &shown, NULL, e);
		snprintf(ctitle, sizeof ctitle, "%s", shown.s);
		buf_free(&shown);
		if (rc)
			goto end;
		if (!open) {
			rc = kerr_field(e, KERR_CONFLICT, "case", KWHY_NOT_OPEN,
			                "case %s is not open: it cannot go on an agenda", case_number);
			goto end;
		}
		if (!(s = db_prep(k->db, SQL_ON_AGENDA, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, case_id);
		if ((rc = db_step(s, e)) < 0)
			goto end;
		if (rc == DB_ROW) {
			long long other = (long long)db_col_int(s, 0);
			db_done(s);
			rc = kerr_field(e, KERR_CONFLICT, "case", KWHY_DUPLICATE,
			                "case %s is already on the agenda of meeting %lld", case_number, other);
			goto end;
		}
	}
	if (!(s = db_prep(k->db, SQL_NEXT_POS, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, meeting_id);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "meeting %lld has no next agenda position", (long long)meeting_id)))
		goto end;
	int64_t pos = db_col_int(s, 0);
	db_done(s);
	if (pos >= 900) {
		rc = kerr_field(e, KERR_INVALID, "item_title", KWHY_RANGE, "the agenda is full");
		goto end;
	}
	const char *t = title && *title ? title : ctitle;
	if (!(s = db_prep(k->db, SQL_ITEM_ADD, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, meeting_id);
	db_bind_int(s, 2, pos);
	db_bind_text(s, 3, case_id ? "case" : "standing");
	db_bind_text(s, 4, t);
	if (case_id) db_bind_int(s, 5, case_id); else db_bind_null(s, 5);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	*item_id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, org_id, "agenda.add", "meeting", meeting_id,
	                  json_pack("{s:I,s:s,s:s?}", "item", (json_int_t)*item_id, "title", t, "case", case_number), e);
end:
	return kansli_end(k, rc, e);
}

int agenda_add_case(kansli *k, int64_t org_id, int64_t meeting_id, const char *case_number, const char *title,
                    int64_t *item_id, kerr *e)
{
	if (!case_number || !*case_number)
		return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED,
		                  "give the case to put on the agenda (a number like KS 2026/0042)");
	return item_add(k, org_id, meeting_id, case_number, title, item_id, e);
}

int agenda_add_standing(kansli *k, int64_t org_id, int64_t meeting_id, const char *title, int64_t *item_id,
                        kerr *e)
{
	return item_add(k, org_id, meeting_id, NULL, title, item_id, e);
}

static const char SQL_ITEM_CASE[] = "SELECT case_id, kind, pos, title FROM agenda_item WHERE id = ?1";
static const char SQL_RECORD_IN_CASE[] =
	"SELECT r.id FROM record r WHERE r.case_id = ?1 AND r.seq = ?2";
static const char SQL_ATTACH[] = "INSERT INTO agenda_item_record(item_id, record_id) VALUES(?1, ?2)";

int agenda_attach(kansli *k, int64_t org_id, int64_t item_id, const char *record_number, kerr *e)
{
	casenum n;
	int rc = casenum_parse(record_number ? record_number : "", &n, e);
	if (rc)
		return rc;
	if (!n.doc)
		return kerr_field(e, KERR_INVALID, "record", KWHY_FORMAT,
		                  "'%s' is a case number; give the record, like KS 2026/0042-3", record_number);
	meeting_row m;
	if ((rc = item_change_begin(k, org_id, item_id, &m, e)))
		return rc;
	int64_t case_id;
	if ((rc = case_find_parsed(k, org_id, &n, &case_id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_ITEM_CASE, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	int64_t item_case = 0;
	if ((rc = db_step(s, e)) == DB_ROW && !db_col_null(s, 0))
		item_case = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		goto end;
	if (item_case != case_id) {
		rc = kerr_field(e, KERR_INVALID, "record", KWHY_UNKNOWN,
		                "record %s is not in the case of agenda item %lld", record_number,
		                (long long)item_id);
		goto end;
	}
	if (!(s = db_prep(k->db, SQL_RECORD_IN_CASE, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, n.doc);
	int64_t record_id = 0;
	if ((rc = db_step(s, e)) == DB_ROW)
		record_id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		goto end;
	if (!record_id) {
		rc = kerr_set(e, KERR_NOTFOUND, "no record %s", record_number);
		goto end;
	}
	if (!(s = db_prep(k->db, SQL_ATTACH, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, record_id);
	if ((rc = db_run(s, e))) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "record %s is already attached to the item", record_number);
		goto end;
	}
	rc = audit_append(k, org_id, "agenda.attach", "meeting", m.id,
	                  json_pack("{s:I,s:s}", "item", (json_int_t)item_id, "record", record_number), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_DETACH_ALL[] = "DELETE FROM agenda_item_record WHERE item_id = ?1";
static const char SQL_NOTES_DELETE[] = "DELETE FROM item_note WHERE item_id = ?1";
/* how the § was decided (proposals.c), before the rows it names */
static const char SQL_NOTE_PROPOSALS_DELETE[] =
	"DELETE FROM note_proposal WHERE note_id IN (SELECT id FROM item_note WHERE item_id = ?1)";
static const char SQL_VOTES_DELETE[] = "DELETE FROM item_vote WHERE item_id = ?1";
static const char SQL_BALLOT_DELETE[] = "DELETE FROM item_ballot WHERE item_id = ?1";
static const char SQL_PROPOSALS_DELETE[] = "DELETE FROM item_proposal WHERE item_id = ?1";
static const char SQL_ITEM_DELETE[] = "DELETE FROM agenda_item WHERE id = ?1";

int agenda_remove(kansli *k, int64_t org_id, int64_t item_id, kerr *e)
{
	meeting_row m;
	int rc = item_change_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	static const char *const sql[] = { SQL_DETACH_ALL, SQL_NOTE_PROPOSALS_DELETE, SQL_NOTES_DELETE, SQL_VOTES_DELETE,
	                                   SQL_BALLOT_DELETE, SQL_PROPOSALS_DELETE, SQL_ITEM_DELETE };
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, item_id);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, "agenda.remove", "meeting", m.id,
	                  json_pack("{s:I}", "item", (json_int_t)item_id), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_NEIGHBOUR_UP[] =
	"SELECT id, pos FROM agenda_item WHERE meeting_id = ?1 AND pos < ?2 ORDER BY pos DESC LIMIT 1";
static const char SQL_NEIGHBOUR_DOWN[] =
	"SELECT id, pos FROM agenda_item WHERE meeting_id = ?1 AND pos > ?2 ORDER BY pos LIMIT 1";
static const char SQL_SET_POS[] = "UPDATE agenda_item SET pos = ?2 WHERE id = ?1";

int agenda_move(kansli *k, int64_t org_id, int64_t item_id, int up, kerr *e)
{
	meeting_row m;
	int rc = item_change_begin(k, org_id, item_id, &m, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_ITEM_CASE, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, item_id);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "agenda item %lld vanished", (long long)item_id)))
		goto end;
	int64_t pos = db_col_int(s, 2);
	db_done(s);
	if (!(s = db_prep(k->db, up ? SQL_NEIGHBOUR_UP : SQL_NEIGHBOUR_DOWN, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, m.id);
	db_bind_int(s, 2, pos);
	if ((rc = kansli_row(s, e, KERR_CONFLICT, "item %lld is already %s", (long long)item_id,
	                     up ? "first" : "last")))
		goto end;
	int64_t other = db_col_int(s, 0), other_pos = db_col_int(s, 1);
	db_done(s);
	int64_t ids[2] = { item_id, other }, to[2] = { other_pos, pos };
	for (int i = 0; i < 2; i++) {
		if (!(s = db_prep(k->db, SQL_SET_POS, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, ids[i]);
		db_bind_int(s, 2, to[i]);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, "agenda.move", "meeting", m.id,
	                  json_pack("{s:I,s:s}", "item", (json_int_t)item_id, "direction", up ? "up" : "down"), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_CASE_INFO[] =
	"SELECT b.code, b.name FROM case_file c LEFT JOIN board b ON b.id = c.ready_board_id WHERE c.id = ?1";
static const char SQL_CASE_MEETINGS[] =
	"SELECT m.id, m.date, m.status, b.name, i.paragraph FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
	"JOIN board b ON b.id = m.board_id WHERE i.case_id = ?1 ORDER BY m.date, m.id";

json_t *agenda_case_info(kansli *k, int64_t org_id, const char *case_number, kerr *e)
{
	int64_t case_id;
	if (access_check(k, org_id, ACCESS_READ, e) || case_find(k, org_id, case_number, &case_id, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_CASE_INFO, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	json_t *o = json_object();
	int rc = db_step(s, e);
	if (rc == DB_ROW && !db_col_null(s, 0))
		json_object_set_new(o, "ready_for", json_pack("{s:s,s:s}", "code", db_col_text(s, 0), "name", db_col_text(s, 1)));
	db_done(s);
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	if (!(s = db_prep(k->db, SQL_CASE_MEETINGS, e))) {
		json_decref(o);
		return NULL;
	}
	db_bind_int(s, 1, case_id);
	json_t *arr = json_array();
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *m = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(s, 0), "date", db_col_text(s, 1),
		                      "status", db_col_text(s, 2), "board", db_col_text(s, 3));
		if (!db_col_null(s, 4))
			json_object_set_new(m, "paragraph", json_integer(db_col_int(s, 4)));
		json_array_append_new(arr, m);
	}
	if (rc < 0) {
		json_decref(arr);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "meetings", arr);
	return o;
}
