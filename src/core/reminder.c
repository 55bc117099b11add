/*
 * reminder.c — adding, finishing, moving and listing reminders; see
 * reminder.h. Each change is one transaction and one event on the case
 * ("reminder.add", "reminder.done", "reminder.move"), so the case's history
 * shows it. The events name the reminder, its day and assignee, never its
 * note: the case's history is shown to every reader of the case, the note
 * only to those who may see the reminder.
 */
#include "core/reminder.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "core/org.h"
#include "core/reminder_sql.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char SQL_CASE_OF[] =
	"SELECT c.status, " REMINDER_CASE_SECRET_SQL " FROM case_file c WHERE c.id = ?1";
static const char SQL_RECORD_IN_CASE[] = "SELECT id FROM record WHERE case_id = ?1 AND seq = ?2";
static const char SQL_MEMBER[] = "SELECT 1 FROM user_role WHERE user_id = ?1 AND org_id = ?2 LIMIT 1";
/* ?2: the user who is to see the case's reminders. */
static const char SQL_USER_MAY_SEE[] =
	"SELECT " REMINDER_VISIBLE_SQL("2") " FROM case_file c WHERE c.id = ?1";
static const char SQL_INSERT[] =
	"INSERT INTO reminder(org_id, case_id, record_id, user_id, unit_id, due_date, note, created_us) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";

/* A date like 2026-12-31, today or later. */
static int check_day(const char *date, const char *field, kerr *e)
{
	char today[11];
	if (!date || !*date)
		return kerr_field(e, KERR_INVALID, field, KWHY_REQUIRED, "a reminder needs a day (YYYY-MM-DD)");
	if (!time_valid_date(date))
		return kerr_field(e, KERR_INVALID, field, KWHY_FORMAT, "'%s' is not a date like 2026-12-31", date);
	time_today(today);
	if (strcmp(date, today) < 0)
		return kerr_field(e, KERR_INVALID, field, KWHY_RANGE,
		                  "%s is in the past (today is %s): give today or a later day", date, today);
	return 0;
}

int reminder_user_may_see(kansli *k, int64_t case_id, int64_t uid, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_USER_MAY_SEE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, uid);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "the case vanished");
	if (rc)
		return rc;
	int may = (int)db_col_int(s, 0);
	db_done(s);
	return may;
}

/* Resolves the reminder's target inside the transaction: the case (open,
 * the actor entitled to it when secret) and the record when one is named. */
static int resolve_target(kansli *k, int64_t org_id, const char *target, int64_t *case_id, int64_t *record_id,
                          int *secret, kerr *e)
{
	casenum n;
	int rc;
	if (!target || !*target)
		return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED, "a reminder needs a case or record number");
	if ((rc = casenum_read(target, &n, "case", e)) || (rc = case_find_parsed(k, org_id, &n, case_id, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_CASE_OF, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, *case_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "case %s vanished", target)))
		return rc;
	int closed = !strcmp(db_col_text(s, 0), "closed");
	*secret = (int)db_col_int(s, 1);
	db_done(s);
	if (closed)
		return kerr_field(e, KERR_CONFLICT, "case", KWHY_CLOSED,
		                  "the case of %s is closed: reopen it before setting a reminder", target);
	if (*secret && (rc = access_secret_case(k, *case_id, e)))
		return rc;
	*record_id = 0;
	if (!n.doc)
		return 0;
	if (!(s = db_prep(k->db, SQL_RECORD_IN_CASE, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, *case_id);
	db_bind_int(s, 2, n.doc);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no record %s in this organisation", target))) {
		e->why = KWHY_UNKNOWN;
		snprintf(e->field, sizeof e->field, "case");
		return rc;
	}
	*record_id = db_col_int(s, 0);
	db_done(s);
	return 0;
}

/* The assignee inside the transaction: a member of the organisation (who,
 * for a secret case, may read its secrets) or a unit of it. */
static int resolve_assignee(kansli *k, int64_t org_id, const reminder_new *r, int64_t case_id, int secret,
                            int64_t *uid, int64_t *unit_id, kerr *e)
{
	int has_user = r->user && *r->user, has_unit = r->unit && *r->unit;
	*uid = *unit_id = 0;
	if (has_user == has_unit)
		return kerr_field(e, KERR_INVALID, "username", has_user ? KWHY_CHOICE : KWHY_REQUIRED,
		                  "a reminder is for one person or one unit: give a user or a unit%s",
		                  has_user ? ", not both" : "");
	if (has_unit)
		return unit_find(k, org_id, r->unit, unit_id, e);
	kerr why = KERR_INIT;
	int rc = user_find(k, r->user, uid, &why);
	if (rc == KERR_NOTFOUND)
		return kerr_field(e, KERR_INVALID, "username", KWHY_UNKNOWN, "there is no user %s", r->user);
	if (rc) {
		*e = why;
		return rc;
	}
	db_stmt *s = db_prep(k->db, SQL_MEMBER, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, *uid);
	db_bind_int(s, 2, org_id);
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return kerr_field(e, KERR_INVALID, "username", KWHY_UNKNOWN,
		                  "%s is not a member of this organisation: a reminder goes to one of its users", r->user);
	if (secret && (rc = reminder_user_may_see(k, case_id, *uid, e)) <= 0)
		return rc < 0 ? rc : kerr_field(e, KERR_INVALID, "username", KWHY_STATE,
		                                "%s may not read this secret case, so cannot be reminded of it", r->user);
	return 0;
}

int reminder_add(kansli *k, int64_t org_id, const reminder_new *r, int64_t *id, kerr *e)
{
	int rc;
	if (!r->note || text_blank(r->note) || strlen(r->note) > REMINDER_NOTE_MAX)
		return kerr_field(e, KERR_INVALID, "note", r->note && !text_blank(r->note) ? KWHY_TOO_LONG : KWHY_REQUIRED,
		                  "a reminder needs a note of 1-%d characters", REMINDER_NOTE_MAX);
	if ((rc = check_day(r->due, "due_date", e)))
		return rc;
	if ((rc = kansli_begin(k, e)))
		return rc;
	int64_t case_id = 0, record_id = 0, uid = 0, unit_id = 0;
	int secret = 1;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) ||
	    (rc = resolve_target(k, org_id, r->target, &case_id, &record_id, &secret, e)) ||
	    (rc = resolve_assignee(k, org_id, r, case_id, secret, &uid, &unit_id, e)))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_INSERT, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, case_id);
	if (record_id) db_bind_int(s, 3, record_id); else db_bind_null(s, 3);
	if (uid) db_bind_int(s, 4, uid); else db_bind_null(s, 4);
	if (unit_id) db_bind_int(s, 5, unit_id); else db_bind_null(s, 5);
	db_bind_text(s, 6, r->due);
	db_bind_text(s, 7, r->note);
	db_bind_int(s, 8, time_now_us());
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "the reminder was not stored")))
		return kansli_end(k, rc, e);
	*id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, org_id, "reminder.add", "case", case_id,
	                  json_pack("{s:I,s:s,s:s,s:s?,s:s?}", "reminder", (json_int_t)*id, "target", r->target,
	                            "due", r->due, "user", uid ? r->user : NULL, "unit", unit_id ? r->unit : NULL), e);
	return kansli_end(k, rc, e);
}

/* ?1 org, ?2 the actor, ?3 the reminder. */
static const char SQL_ONE[] =
	"SELECT m.case_id, m.due_date, m.done_us IS NOT NULL, " REMINDER_VISIBLE_SQL("2") " "
	"FROM reminder m JOIN case_file c ON c.id = m.case_id WHERE m.org_id = ?1 AND m.id = ?3";

/* Reads reminder id inside the transaction; one the actor may not see is
 * not found. due gets its day. */
static int load(kansli *k, int64_t org_id, int64_t id, int64_t *case_id, char due[11], int *done, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ONE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, k->user_id);
	db_bind_int(s, 3, id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no reminder %lld in this organisation", (long long)id);
	if (rc)
		return rc;
	*case_id = db_col_int(s, 0);
	snprintf(due, 11, "%s", db_col_text(s, 1));
	*done = (int)db_col_int(s, 2);
	int visible = (int)db_col_int(s, 3);
	db_done(s);
	if (!visible)
		return kerr_set(e, KERR_NOTFOUND, "no reminder %lld in this organisation", (long long)id);
	return 0;
}

static const char SQL_DONE[] = "UPDATE reminder SET done_us = ?2 WHERE id = ?1";
static const char SQL_MOVE[] = "UPDATE reminder SET due_date = ?2 WHERE id = ?1";

int reminder_done(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	int64_t case_id;
	char due[11];
	int done;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = load(k, org_id, id, &case_id, due, &done, e)))
		return kansli_end(k, rc, e);
	if (done)
		return kansli_end(k, kerr_set(e, KERR_CONFLICT,
		                                "reminder %lld is already done", (long long)id), e);
	db_stmt *s = db_prep(k->db, SQL_DONE, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, time_now_us());
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, org_id, "reminder.done", "case", case_id,
	                  json_pack("{s:I,s:s}", "reminder", (json_int_t)id, "due", due), e);
	return kansli_end(k, rc, e);
}

int reminder_move(kansli *k, int64_t org_id, int64_t id, const char *date, const char *reason, kerr *e)
{
	int rc;
	if ((rc = check_day(date, "due_date", e)))
		return rc;
	if (!reason || text_blank(reason) || strlen(reason) > REMINDER_REASON_MAX || strpbrk(reason, "\r\n"))
		return kerr_field(e, KERR_INVALID, "reason", reason && !text_blank(reason) ? text_line_why(reason,
		                  REMINDER_REASON_MAX) : KWHY_REQUIRED,
		                  "moving a reminder needs a reason of 1-%d characters on one line", REMINDER_REASON_MAX);
	int64_t case_id;
	char due[11];
	int done;
	if ((rc = kansli_begin(k, e)))
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = load(k, org_id, id, &case_id, due, &done, e)))
		return kansli_end(k, rc, e);
	if (done)
		return kansli_end(k, kerr_set(e, KERR_CONFLICT,
		                                "reminder %lld is done: a done reminder is not moved", (long long)id), e);
	if (!strcmp(due, date))
		return kansli_end(k, kerr_field(e, KERR_CONFLICT, "due_date", KWHY_DUPLICATE,
		                                "reminder %lld is already on %s", (long long)id, date), e);
	db_stmt *s = db_prep(k->db, SQL_MOVE, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, date);
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, org_id, "reminder.move", "case", case_id,
	                  json_pack("{s:I,s:s,s:s,s:s}", "reminder", (json_int_t)id, "from", due, "to", date,
	                            "reason", reason), e);
	return kansli_end(k, rc, e);
}

int reminder_which_parse(const char *s, reminder_which *out, kerr *e)
{
	static const char *const names[] = { "", "mine", "unit", "overdue", "done" };
	if (!s)
		s = "";
	for (int i = 0; i < 5; i++)
		if (!strcmp(s, names[i])) {
			*out = (reminder_which)i;
			return 0;
		}
	return kerr_field(e, KERR_INVALID, "filter", KWHY_CHOICE,
	                  "the filter is mine, unit, overdue or done, not '%s'", s);
}

/* ?1 org, ?2 the actor, ?3 which, ?4 today. */
#define LIST_FROM \
	"FROM reminder m JOIN case_file c ON c.id = m.case_id JOIN series s ON s.id = c.series_id " \
	"LEFT JOIN record r ON r.id = m.record_id LEFT JOIN app_user u ON u.id = m.user_id " \
	"LEFT JOIN unit un ON un.id = m.unit_id "
#define MY_UNITS \
	"(SELECT rsu.unit_id FROM role_scope rsu WHERE rsu.user_id = ?2 AND rsu.org_id = ?1 AND rsu.unit_id IS NOT NULL)"
#define LIST_WHERE \
	"WHERE m.org_id = ?1 AND " REMINDER_VISIBLE_SQL("2") " AND (" \
	"  (?3 = 0 AND m.done_us IS NULL)" \
	"  OR (?3 = 1 AND m.done_us IS NULL AND m.user_id = ?2)" \
	"  OR (?3 = 2 AND m.done_us IS NULL AND m.unit_id IN " MY_UNITS ")" \
	"  OR (?3 = 3 AND m.done_us IS NULL AND m.due_date < ?4)" \
	"  OR (?3 = 4 AND m.done_us IS NOT NULL)) "
static const char SQL_LIST[] =
	"SELECT m.id, s.prefix, c.year, c.seq, r.seq, c.id, u.username, u.full_name, un.code, un.name, "
	"  m.due_date, m.note, m.done_us, m.created_us " LIST_FROM LIST_WHERE
	"ORDER BY CASE WHEN ?3 = 4 THEN -m.id ELSE 0 END, m.due_date, m.id LIMIT ?5 OFFSET ?6";
static const char SQL_COUNT[] = "SELECT count(*) " LIST_FROM LIST_WHERE "AND ?5 = ?5 AND ?6 = ?6";
static const char SQL_SHOW[] =
	"SELECT m.id, s.prefix, c.year, c.seq, r.seq, c.id, u.username, u.full_name, un.code, un.name, "
	"  m.due_date, m.note, m.done_us, m.created_us " LIST_FROM
	"WHERE m.org_id = ?1 AND " REMINDER_VISIBLE_SQL("2") " AND m.id = ?3";

static void bind_list(db_stmt *s, kansli *k, int64_t org_id, int which, const char *today, int limit, int offset)
{
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, k->user_id);
	db_bind_int(s, 3, which);
	db_bind_text(s, 4, today);
	db_bind_int(s, 5, limit > 0 ? limit : -1);
	db_bind_int(s, 6, offset > 0 ? offset : 0);
}

/* The row s stands on (SQL_LIST's columns) as JSON, or NULL with e set. */
static json_t *row_json(kansli *k, db_stmt *s, const char *today, kerr *e)
{
	char num[CASENUM_MAX], rec[CASENUM_MAX], when[32];
	casenum_format_case(num, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3));
	if (!db_col_null(s, 4))
		casenum_format_record(rec, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3),
		                      (int)db_col_int(s, 4));
	json_t *title = case_title_staff_json(k, db_col_int(s, 5), e);
	if (!title)
		return NULL;
	json_t *who = db_col_null(s, 6)
		? json_pack("{s:s,s:s}", "unit", db_col_text(s, 8), "name", db_col_text(s, 9))
		: json_pack("{s:s,s:s}", "user", db_col_text(s, 6), "name", db_col_text(s, 7));
	int done = !db_col_null(s, 12);
	const char *due = db_col_text(s, 10);
	json_t *o = json_pack("{s:I,s:s,s:o,s:o,s:s,s:s,s:s,s:b}", "id", (json_int_t)db_col_int(s, 0),
	                      "case", num, "title", title, "assignee", who,
	                      "due_date", due, "note", db_col_text(s, 11), "status", done ? "done" : "open",
	                      "overdue", !done && strcmp(due, today) < 0);
	if (!db_col_null(s, 4))
		json_object_set_new(o, "record", json_string(rec));
	if (done) {
		time_format_local(db_col_int(s, 12), when, sizeof when);
		json_object_set_new(o, "done_at", json_string(when));
	}
	time_format_local(db_col_int(s, 13), when, sizeof when);
	json_object_set_new(o, "created", json_string(when));
	return o;
}

json_t *reminder_list(kansli *k, int64_t org_id, reminder_which which, int limit, int offset,
                      int64_t *total, kerr *e)
{
	char today[11];
	time_today(today);
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_COUNT, e);
	if (!s)
		return NULL;
	int rc;
	if (total) {
		bind_list(s, k, org_id, (int)which, today, limit, offset);
		if ((rc = kansli_row(s, e, KERR_INTERNAL, "the reminders could not be counted")))
			return NULL;
		*total = db_col_int(s, 0);
	}
	db_done(s);
	if (!(s = db_prep(k->db, SQL_LIST, e)))
		return NULL;
	bind_list(s, k, org_id, (int)which, today, limit, offset);
	json_t *arr = json_array();
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *o = row_json(k, s, today, e);
		if (!o) {
			rc = KERR_INTERNAL;
			db_done(s);
			break;
		}
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_HISTORY[] =
	"SELECT e.ts_us, e.actor, e.action, e.data FROM event e "
	"WHERE e.object_type = 'case' AND e.object_id = ?1 AND e.action GLOB 'reminder.*' "
	"  AND json_extract(e.data, '$.reminder') = ?2 ORDER BY e.id";

json_t *reminder_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	char today[11];
	time_today(today);
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_SHOW, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, k->user_id);
	db_bind_int(s, 3, id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no reminder %lld in this organisation", (long long)id))
		return NULL;
	int64_t case_id = db_col_int(s, 5);
	json_t *o = row_json(k, s, today, e);
	db_done(s);
	if (!o)
		return NULL;
	json_t *history = json_array();
	json_object_set_new(o, "history", history);
	if (!(s = db_prep(k->db, SQL_HISTORY, e))) {
		json_decref(o);
		return NULL;
	}
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 0), when, sizeof when);
		json_t *data = json_loads(db_col_text(s, 3), 0, NULL);
		const char *actor = db_col_text(s, 1);
		json_t *h = json_pack("{s:s,s:s,s:s}", "time", when, "actor", strncmp(actor, "user:", 5) ? actor : actor + 5,
		                      "action", db_col_text(s, 2) + strlen("reminder."));
		static const char *const keys[] = { "due", "from", "to", "reason", "recipient" }; /* the events' names */
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			json_t *v = json_object_get(data, keys[i]);
			if (json_is_string(v))
				json_object_set(h, keys[i], v);
		}
		json_decref(data);
		json_array_append_new(history, h);
	}
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char SQL_OVERDUE[] =
	"SELECT m.id, s.prefix, c.year, c.seq, c.id, coalesce(u.username, un.code), m.due_date, "
	"  CAST(julianday(?3) - julianday(m.due_date) AS INTEGER), count(*) OVER () "
	"FROM reminder m JOIN case_file c ON c.id = m.case_id JOIN series s ON s.id = c.series_id "
	"LEFT JOIN app_user u ON u.id = m.user_id LEFT JOIN unit un ON un.id = m.unit_id "
	"WHERE m.org_id = ?1 AND m.done_us IS NULL AND m.due_date < ?3 AND " REMINDER_VISIBLE_SQL("2") " "
	"ORDER BY m.due_date, m.id LIMIT ?4";

json_t *reminder_overdue(kansli *k, int64_t org_id, int limit, int64_t *total, kerr *e)
{
	char today[11];
	time_today(today);
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_OVERDUE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, k->user_id);
	db_bind_text(s, 3, today);
	db_bind_int(s, 4, limit);
	json_t *arr = json_array();
	*total = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3));
		json_t *title = case_title_staff_json(k, db_col_int(s, 4), e);
		if (!title) {
			rc = KERR_INTERNAL;
			db_done(s);
			break;
		}
		*total = db_col_int(s, 8);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:o,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "case", num, "title", title, "assignee", db_col_text(s, 5),
		                      "due_date", db_col_text(s, 6), "days_overdue", (json_int_t)db_col_int(s, 7)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
