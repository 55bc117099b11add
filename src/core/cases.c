/*
 * cases.c — opening, numbering, working and closing cases.
 *
 * The number is allocated by an upsert on number_counter inside the
 * registering transaction. The transaction holds the database's write lock
 * from its first statement (BEGIN IMMEDIATE), so two writers can never take
 * the same number, and a rolled-back registration gives its number back:
 * numbers are unique and gap-free.
 */
#include "core/cases.h"
#include "util/encoding.h"
#include "core/casenext.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/appeal.h"
#include "core/audit.h"
#include "core/casetitle.h"
#include "core/org.h"
#include "core/records.h"
#include "core/reminder_sql.h"
#include "core/search.h"
#include "util/timeutil.h"

static const char SQL_NEXT_NUMBER[] =
	"INSERT INTO number_counter(series_id, year, last_number) VALUES(?1, ?2, 1) "
	"ON CONFLICT(series_id, year) DO UPDATE SET last_number = last_number + 1 "
	"RETURNING last_number";
/* An imported case keeps its number; the counter moves past it. */
static const char SQL_BUMP_NUMBER[] =
	"INSERT INTO number_counter(series_id, year, last_number) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(series_id, year) DO UPDATE SET last_number = max(last_number, excluded.last_number)";
static const char SQL_CASE_INSERT[] =
	"INSERT INTO case_file(org_id, series_id, year, seq, title, class_id, unit_id, officer_id, "
	"officer_name, due_date, opened_date, opened_us, public_title) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";

static int valid_title(const char *t)
{
	return t && !text_blank(t) && strlen(t) <= 500 && !strpbrk(t, "\r\n");
}

int case_open_tx(kansli *k, int64_t org_id, const case_new *c, int64_t *case_id,
                 char number[CASENUM_MAX], kerr *e)
{
	int64_t series_id, class_id = 0, unit_id = 0, officer_id = 0;
	char today[11];
	int rc;
	time_today(today);
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)))
		return rc;
	if (!c->series || !*c->series)
		return kerr_field(e, KERR_INVALID, "series", KWHY_REQUIRED, "a case needs a series");
	if (!valid_title(c->title))
		return kerr_field(e, KERR_INVALID, "title", text_line_why(c->title, 500),
		                  "a case needs a title of 1-500 characters on one line");
	const char *public_title = c->public_title && *c->public_title ? c->public_title : NULL;
	if (public_title && !valid_title(public_title))
		return kerr_field(e, KERR_INVALID, "public_title", text_line_why(public_title, 500),
		                  "a public title is 1-500 characters on one line");
	if ((rc = series_find(k, org_id, c->series, &series_id, e)))
		return rc;
	if (c->class_code && *c->class_code && (rc = class_find(k, org_id, c->class_code, &class_id, e)))
		return rc;
	if (c->unit && *c->unit && (rc = unit_find(k, org_id, c->unit, &unit_id, e)))
		return rc;
	if (c->officer && *c->officer && (rc = user_find(k, c->officer, &officer_id, e)))
		return rc;
	if (c->due_date && *c->due_date && !time_valid_date(c->due_date))
		return kerr_field(e, KERR_INVALID, "due_date", KWHY_FORMAT,
		                  "due date '%s' is not a date like 2026-12-31", c->due_date);
	const char *opened = c->opened_date && *c->opened_date ? c->opened_date : today;
	if (!time_valid_date(opened))
		return kerr_field(e, KERR_INVALID, "opened_date", KWHY_FORMAT,
		                  "opening date '%s' is not a date like 2026-11-24", opened);
	if (strcmp(opened, today) > 0)
		return kerr_field(e, KERR_INVALID, "opened_date", KWHY_RANGE,
		                  "opening date %s is in the future", opened);
	int year = c->year ? c->year : time_date_year(opened);
	if (year < 1900 || year > time_date_year(today))
		return kerr_field(e, KERR_INVALID, "year", KWHY_RANGE, "year %d is not a valid registry year", year);

	int seq = c->seq;
	db_stmt *s;
	if (seq == 0) {
		if (!(s = db_prep(k->db, SQL_NEXT_NUMBER, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, series_id);
		db_bind_int(s, 2, year);
		if ((rc = db_step(s, e)) != DB_ROW)
			return rc < 0 ? rc : KERR_INTERNAL;
		seq = (int)db_col_int(s, 0);
		db_done(s);
	} else {
		if (!(s = db_prep(k->db, SQL_BUMP_NUMBER, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, series_id);
		db_bind_int(s, 2, year);
		db_bind_int(s, 3, seq);
		if ((rc = db_run(s, e)))
			return rc;
	}
	casenum_format_case(number, c->series, year, seq);

	if (!(s = db_prep(k->db, SQL_CASE_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, series_id);
	db_bind_int(s, 3, year);
	db_bind_int(s, 4, seq);
	db_bind_text(s, 5, c->title);
	if (class_id) db_bind_int(s, 6, class_id); else db_bind_null(s, 6);
	if (unit_id) db_bind_int(s, 7, unit_id); else db_bind_null(s, 7);
	if (officer_id) db_bind_int(s, 8, officer_id); else db_bind_null(s, 8);
	db_bind_text(s, 9, c->officer_name && *c->officer_name ? c->officer_name
	                   : (c->officer && *c->officer ? c->officer : NULL));
	db_bind_text(s, 10, c->due_date && *c->due_date ? c->due_date : NULL);
	db_bind_text(s, 11, opened);
	db_bind_int(s, 12, time_now_us());
	db_bind_text(s, 13, public_title);
	if ((rc = db_step(s, e)) != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "case %s already exists", number);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	*case_id = db_col_int(s, 0);
	db_done(s);
	return audit_append(k, org_id, "case.open", "case", *case_id,
	                    json_pack("{s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s,s:s?}", "number", number,
	                              "title", c->title, "class", c->class_code, "unit", c->unit,
	                              "officer", c->officer_name && *c->officer_name ? c->officer_name : c->officer,
	                              "due", c->due_date, "opened", opened, "public_title", public_title), e);
}

int case_open(kansli *k, int64_t org_id, const case_new *c, char number[CASENUM_MAX], kerr *e)
{
	int64_t id;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = case_open_tx(k, org_id, c, &id, number, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

/* Series first, then the unique (series, year, seq) index: a join would let
 * the planner walk every case of the organisation. */
static const char SQL_CASE_FIND[] =
	"SELECT c.id FROM case_file c "
	"WHERE c.series_id = (SELECT id FROM series WHERE org_id = ?1 AND prefix = ?2) "
	"  AND c.year = ?3 AND c.seq = ?4";

int case_find_parsed(kansli *k, int64_t org_id, const casenum *n, int64_t *case_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_FIND, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n->prefix);
	db_bind_int(s, 3, n->year);
	db_bind_int(s, 4, n->seq);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*case_id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE) {
		char num[CASENUM_MAX];
		casenum_format_case(num, n->prefix, n->year, n->seq);
		return kerr_field(e, KERR_NOTFOUND, "case", KWHY_UNKNOWN, "no case %s in this organisation", num);
	}
	return 0;
}

int case_find(kansli *k, int64_t org_id, const char *number, int64_t *case_id, kerr *e)
{
	casenum n;
	int rc = casenum_read(number, &n, "case", e);
	if (rc)
		return rc;
	if (n.doc)
		return kerr_field(e, KERR_INVALID, "case", KWHY_FORMAT,
		                  "'%s' is a record number; give the case number", number);
	return case_find_parsed(k, org_id, &n, case_id, e);
}

static const char SQL_CASE_STATUS[] = "SELECT status, opened_date FROM case_file WHERE id = ?1";
static const char SQL_CASE_SET_STATUS[] =
	"UPDATE case_file SET status = ?2, closed_us = CASE WHEN ?2 = 'closed' THEN ?3 ELSE NULL END "
	"WHERE id = ?1";

int case_set_status(kansli *k, int64_t org_id, const char *number, const char *status,
                    const char *reason, kerr *e)
{
	return case_set_status_on(k, org_id, number, status, reason, NULL, e);
}

int case_set_status_on(kansli *k, int64_t org_id, const char *number, const char *status,
                       const char *reason, const char *closed_date, kerr *e)
{
	return case_set_status_confirmed(k, org_id, number, status, reason, closed_date, 0, e);
}

int case_set_status_confirmed(kansli *k, int64_t org_id, const char *number, const char *status,
                              const char *reason, const char *closed_date, int appeal_confirmed, kerr *e)
{
	int64_t id;
	char old[16], today[11];
	int rc;
	if (strcmp(status, "open") && strcmp(status, "decided") && strcmp(status, "closed"))
		return kerr_field(e, KERR_INVALID, "status", KWHY_CHOICE,
		                  "status must be open, decided or closed, not '%s'", status);
	time_today(today);
	if (closed_date && *closed_date) {
		if (strcmp(status, "closed"))
			return kerr_field(e, KERR_INVALID, "closed_date", KWHY_STATE,
			                  "a date is given only when closing a case");
		if (!time_valid_date(closed_date))
			return kerr_field(e, KERR_INVALID, "closed_date", KWHY_FORMAT,
			                  "closing date '%s' is not a date like 2026-11-24", closed_date);
		if (strcmp(closed_date, today) > 0)
			return kerr_field(e, KERR_INVALID, "closed_date", KWHY_RANGE,
			                  "closing date %s is in the future", closed_date);
	} else {
		closed_date = NULL;
	}
	if ((rc = kansli_begin(k, e)))
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, number, &id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_CASE_STATUS, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	if ((rc = db_step(s, e)) != DB_ROW) {
		rc = rc < 0 ? rc : kerr_set(e, KERR_INTERNAL, "case %s vanished", number);
		goto end;
	}
	snprintf(old, sizeof old, "%s", db_col_text(s, 0));
	/* A case closed on an earlier day (the registrar catching up) keeps
	 * that day: the retention schedule counts from it. */
	if (closed_date && strcmp(closed_date, db_col_text(s, 1)) < 0) {
		rc = kerr_field(e, KERR_INVALID, "closed_date", KWHY_RANGE,
		                "closing date %s is before case %s was opened (%s)", closed_date, number,
		                db_col_text(s, 1));
		db_done(s);
		goto end;
	}
	db_done(s);
	if (strcmp(old, status) == 0) {
		rc = kerr_field(e, KERR_CONFLICT, "status", KWHY_STATE, "case %s is already %s", number, status);
		goto end;
	}
	if (strcmp(status, "open") == 0 && (!reason || !*reason)) {
		rc = kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                "reopening case %s needs a reason", number);
		goto end;
	}
	if (strcmp(old, "closed") == 0 && strcmp(status, "decided") == 0) {
		rc = kerr_field(e, KERR_CONFLICT, "status", KWHY_CLOSED, "case %s is closed: reopen it first", number);
		goto end;
	}
	if (strcmp(status, "closed") == 0 && !appeal_confirmed) {
		char appeal_end[11];
		if ((rc = appeal_running(k, id, today, appeal_end, e)) > 0)
			rc = kerr_field(e, KERR_CONFLICT, "confirm", KWHY_STATE,
			                "the decision in case %s can be appealed until %s: confirm to close it anyway "
			                "(--confirm)", number, appeal_end);
		if (rc)
			goto end;
	}
	if (!(s = db_prep(k->db, SQL_CASE_SET_STATUS, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, status);
	db_bind_int(s, 3, closed_date && strcmp(closed_date, today) ? time_date_us(closed_date) : time_now_us());
	if ((rc = db_run(s, e)))
		goto end;
	const char *action = strcmp(status, "open") == 0 ? "case.reopen"
		: strcmp(status, "closed") == 0 ? "case.close" : "case.decide";
	rc = audit_append(k, org_id, action, "case", id,
	                  json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "number", number, "from", old,
	                            "to", status, "reason", reason, "closed", closed_date), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_CASE_ASSIGN[] =
	"UPDATE case_file SET officer_id = ?2, officer_name = ?3 WHERE id = ?1";
static const char SQL_CASE_DUE[] = "UPDATE case_file SET due_date = ?2 WHERE id = ?1";

int case_assign(kansli *k, int64_t org_id, const char *number, const char *username, kerr *e)
{
	int64_t id, uid;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, number, &id, e))
	    || (rc = user_find(k, username, &uid, e)))
		goto fail;
	/* Only someone who may work the case can be its officer: not a reader,
	 * nor an officer limited to another unit (who could not read it). */
	if ((rc = case_officer_may(k, org_id, id, uid, e)) <= 0) {
		if (rc == 0)
			rc = kerr_field(e, KERR_INVALID, "username", KWHY_CHOICE,
			                "%s may not be the officer of %s: not a registrar, officer or committee "
			                "secretary of its unit", username, number);
		goto fail;
	}
	db_stmt *s = db_prep(k->db, SQL_CASE_ASSIGN, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, uid);
	db_bind_text(s, 3, username);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "case.assign", "case", id,
	                       json_pack("{s:s,s:s}", "number", number, "officer", username), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

int case_set_due(kansli *k, int64_t org_id, const char *number, const char *date, kerr *e)
{
	int64_t id;
	if (!time_valid_date(date))
		return kerr_field(e, KERR_INVALID, "due_date", KWHY_FORMAT,
		                  "due date '%s' is not a date like 2026-12-31", date);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, number, &id, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_CASE_DUE, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, date);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "case.due", "case", id,
	                       json_pack("{s:s,s:s}", "number", number, "due", date), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_CASE_TITLES[] = "SELECT title, public_title FROM case_file WHERE id = ?1";
static const char SQL_CASE_SET_TITLES[] = "UPDATE case_file SET title = ?2, public_title = ?3 WHERE id = ?1";
/* Agenda items take the case's public rendering when added (agenda.c); an
 * agenda not yet adjusted follows a correction, adjusted minutes never. */
static const char SQL_AGENDA_RETITLE[] =
	"UPDATE agenda_item SET title = ?3 WHERE case_id = ?1 AND kind = 'case' AND title = ?2 "
	"  AND meeting_id IN (SELECT id FROM meeting WHERE status <> 'adjusted')";

int case_correct(kansli *k, int64_t org_id, const char *number, const char *title,
                 const char *public_title, const char *reason, kerr *e)
{
	int64_t id;
	char *old_title = NULL, *old_public = NULL;
	buf old_shown = BUF_INIT, new_shown = BUF_INIT;
	if (!title && !public_title)
		return kerr_field(e, KERR_INVALID, "title", KWHY_REQUIRED,
		                  "nothing to correct: give a new title or public title (an empty public title "
		                  "removes it)");
	if (title && !valid_title(title))
		return kerr_field(e, KERR_INVALID, "title", text_line_why(title, 500),
		                  "a case needs a title of 1-500 characters on one line");
	if (public_title && *public_title && !valid_title(public_title))
		return kerr_field(e, KERR_INVALID, "public_title", text_line_why(public_title, 500),
		                  "a public title is 1-500 characters on one line");
	if (!reason || !*reason || strlen(reason) > 1000 || strpbrk(reason, "\r\n"))
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                  "correcting case %s needs a reason of 1-1000 characters on one line", number);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)) || (rc = case_find(k, org_id, number, &id, e)))
		goto end;
	/* A protected title is changed only by someone who may read it. */
	int prot = 0;
	if ((rc = case_title_render(k, id, CASE_TITLE_STAFF, &old_shown, &prot, e)))
		goto end;
	if (prot && (rc = access_secret_case(k, id, e))) {
		if (rc == KERR_DENIED)
			rc = kerr_set(e, KERR_DENIED, "case %s has a protected title: only those who may read the case's "
			              "secrets may correct it", number);
		goto end;
	}
	db_stmt *s = db_prep(k->db, SQL_CASE_TITLES, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "case %s vanished", number)))
		goto end;
	old_title = strdup(db_col_text(s, 0));
	int had_public = !db_col_null(s, 1);
	old_public = had_public ? strdup(db_col_text(s, 1)) : NULL;
	db_done(s);
	if (!old_title || (had_public && !old_public))
		abort();
	const char *new_title = title ? title : old_title;
	const char *new_public = public_title ? (*public_title ? public_title : NULL) : old_public;
	if (!strcmp(new_title, old_title) && (new_public ? old_public && !strcmp(new_public, old_public) : !old_public)) {
		rc = kerr_field(e, KERR_CONFLICT, "title", KWHY_DUPLICATE,
		                "case %s already has that title and public title", number);
		goto end;
	}
	if ((rc = case_title_render(k, id, CASE_TITLE_PUBLIC, &old_shown, NULL, e)) ||
	    (rc = search_forget_case_tx(k, id, e)))
		goto end;
	if (!(s = db_prep(k->db, SQL_CASE_SET_TITLES, e))) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, new_title);
	db_bind_text(s, 3, new_public);
	if ((rc = db_run(s, e)) || (rc = search_enqueue_case_tx(k, id, e)) ||
	    (rc = case_title_render(k, id, CASE_TITLE_PUBLIC, &new_shown, NULL, e)))
		goto end;
	const char *olds[] = { old_title, old_shown.s };
	for (int i = 0; i < 2; i++) {
		if (!(s = db_prep(k->db, SQL_AGENDA_RETITLE, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, olds[i]);
		db_bind_text(s, 3, new_shown.s);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, "case.correct", "case", id,
	                  json_pack("{s:s,s:s,s:s?,s:s,s:s?,s:s}", "number", number, "title", new_title,
	                            "public_title", new_public, "old_title", old_title,
	                            "old_public_title", old_public, "reason", reason), e);
end:
	free(old_title);
	free(old_public);
	buf_free(&old_shown);
	buf_free(&new_shown);
	return kansli_end(k, rc, e);
}

static const char SQL_NOTE_INSERT[] =
	"INSERT INTO case_note(case_id, author, text, created_us) VALUES(?1, ?2, ?3, ?4) RETURNING id";

int case_add_note(kansli *k, int64_t org_id, const char *number, const char *text, kerr *e)
{
	int64_t id;
	/* several lines, counted in characters as the person writing counts */
	if (text_blank(text))
		return kerr_field(e, KERR_INVALID, "note", KWHY_REQUIRED, "a note is 1-%d characters", CASE_NOTE_MAX);
	if (text_chars(text) > CASE_NOTE_MAX) {
		kerr_field(e, KERR_INVALID, "note", KWHY_TOO_LONG, "a note is 1-%d characters", CASE_NOTE_MAX);
		return kerr_max(e, CASE_NOTE_MAX);
	}
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, number, &id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_NOTE_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, k->actor);
	db_bind_text(s, 3, text);
	db_bind_int(s, 4, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto end; }
	db_done(s);
	rc = audit_append(k, org_id, "case.note", "case", id,
	                  json_pack("{s:s,s:s}", "number", number, "text", text), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_LINK_INSERT[] =
	"INSERT INTO case_link(case_id, other_id, created_us) VALUES(?1, ?2, ?3), (?2, ?1, ?3)";

int case_link(kansli *k, int64_t org_id, const char *number, const char *other, kerr *e)
{
	int64_t a, b;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_CASE_WORK, e)) || (rc = case_find(k, org_id, number, &a, e)) ||
	    (rc = case_find(k, org_id, other, &b, e)))
		goto end;
	if (a == b) {
		rc = kerr_field(e, KERR_INVALID, "link", KWHY_RANGE, "a case cannot be linked to itself");
		goto end;
	}
	db_stmt *s = db_prep(k->db, SQL_LINK_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, a);
	db_bind_int(s, 2, b);
	db_bind_int(s, 3, time_now_us());
	if ((rc = db_run(s, e))) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "%s and %s are already linked", number, other);
		goto end;
	}
	rc = audit_append(k, org_id, "case.link", "case", a,
	                  json_pack("{s:s,s:s}", "number", number, "other", other), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_CASE_NOTES[] =
	"SELECT author, text, created_us FROM case_note WHERE case_id = ?1 ORDER BY id";
static const char SQL_CASE_LINKS[] =
	"SELECT s.prefix, c.year, c.seq, c.id FROM case_link l JOIN case_file c ON c.id = l.other_id "
	"JOIN series s ON s.id = c.series_id WHERE l.case_id = ?1 ORDER BY c.year, c.seq";

static const char SQL_CASE_HEADER[] =
	"SELECT c.title, c.status, c.officer_name, c.due_date, c.opened_date, c.opened_us, c.closed_us, "
	"  cl.code, cl.title, u.code, u.name, c.record_count "
	"FROM case_file c LEFT JOIN class cl ON cl.id = c.class_id LEFT JOIN unit u ON u.id = c.unit_id "
	"WHERE c.id = ?1";
/* The actor's full name for the history (an account's "user:NAME"); the
 * CASE keeps the join on app_user's username index. */
static const char SQL_CASE_EVENTS[] =
	"SELECT e.id, e.ts_us, e.actor, e.action, e.data, u.full_name FROM event e "
	"LEFT JOIN app_user u ON u.username = CASE WHEN e.actor GLOB 'user:*' THEN substr(e.actor, 6) END "
	"WHERE (e.object_type = 'case' AND e.object_id = ?1) "
	"   OR (e.object_type = 'record' AND e.object_id IN (SELECT id FROM record WHERE case_id = ?1)) "
	"ORDER BY e.id";
/* Who read (or was refused) the case's secrets, and when, is itself part of
 * what is protected: those reads are in the trail only for whoever may read
 * the case's secrets (access_secret_case) or administer the organisation
 * (who reads the whole log anyway). So are a secret case's reminders. */
static const char SQL_CASE_EVENTS_OPEN[] =
	"SELECT * FROM (SELECT e.id, e.ts_us, e.actor, e.action, e.data, u.full_name FROM event e "
	"LEFT JOIN app_user u ON u.username = CASE WHEN e.actor GLOB 'user:*' THEN substr(e.actor, 6) END "
	"WHERE (e.object_type = 'case' AND e.object_id = ?1) "
	"   OR (e.object_type = 'record' AND e.object_id IN (SELECT id FROM record WHERE case_id = ?1))) "
	"WHERE action NOT IN ('record.read_secret', 'record.read_secret_denied', 'case.read_secret') "
	/* nor, in a secret case, that it has reminders (core/reminder.h) */
	"  AND NOT (action GLOB 'reminder.*' AND EXISTS (SELECT 1 FROM case_file c WHERE c.id = ?1 AND "
	REMINDER_CASE_SECRET_SQL ")) "
	"ORDER BY id";

/* 1 when the actor may see the reads of case_id's secrets in its trail, 0
 * when not, or a KERR_* with e set. */
static int case_trail_shows_reads(kansli *k, int64_t org_id, int64_t case_id, kerr *e)
{
	kerr why = KERR_INIT;
	int rc = access_secret_case(k, case_id, &why);
	if (rc == 0)
		return 1;
	if (rc != KERR_DENIED)
		return kerr_set(e, rc, "%s", why.msg);
	return access_may(k, org_id, ACCESS_ADMIN, e);
}

json_t *case_show(kansli *k, int64_t org_id, const char *number, kerr *e)
{
	int64_t id;
	if (access_check(k, org_id, ACCESS_READ, e) || case_find(k, org_id, number, &id, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_CASE_HEADER, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, id);
	if (kansli_row(s, e, KERR_INTERNAL, "case %s vanished", number))
		return NULL;
	char opened_at[32], closed_at[32] = "";
	time_format_local(db_col_int(s, 5), opened_at, sizeof opened_at);
	if (!db_col_null(s, 6))
		time_format_local(db_col_int(s, 6), closed_at, sizeof closed_at);
#define OPT(i) (db_col_null(s, (i)) ? NULL : db_col_text(s, (i)))
	json_t *c = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:s?,s:I}",
	                      "number", number, "title", db_col_text(s, 0), "status", db_col_text(s, 1),
	                      "officer", OPT(2), "due_date", OPT(3), "opened_date", db_col_text(s, 4),
	                      "registered", opened_at, "closed", closed_at[0] ? closed_at : NULL,
	                      "class", OPT(7), "class_title", OPT(8), "unit", OPT(9), "unit_name", OPT(10),
	                      "record_count", (json_int_t)db_col_int(s, 11));
#undef OPT
	db_done(s);
	/* A protected title: the full one only for those entitled, logged. */
	int title_read = 0;
	char *full_title = strdup(json_string_value(json_object_get(c, "title")));
	if (!full_title)
		abort();
	int rc = case_title_for_reader(k, id, full_title, c, &title_read, e);
	free(full_title);
	if (rc) {
		json_decref(c);
		return NULL;
	}
	json_t *records = record_list_for_case(k, org_id, id, e);
	if (!records) {
		json_decref(c);
		return NULL;
	}
	json_object_set_new(c, "records", records);
	/* Notes, links and the history are part of the answer: a step that
	 * fails ends it with an error, never with a shorter history. */
	json_t *notes = json_array(), *links = json_array(), *trail = json_array();
	json_object_set_new(c, "notes", notes);
	json_object_set_new(c, "links", links);
	json_object_set_new(c, "audit_trail", trail);
	if (!(s = db_prep(k->db, SQL_CASE_NOTES, e)))
		goto fail;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 2), when, sizeof when);
		json_array_append_new(notes, json_pack("{s:s,s:s,s:s}", "author", db_col_text(s, 0),
		                      "text", db_col_text(s, 1), "time", when));
	}
	if (rc < 0)
		goto fail;
	if (!(s = db_prep(k->db, SQL_CASE_LINKS, e)))
		goto fail;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		json_t *title = case_title_staff_json(k, db_col_int(s, 3), e);
		if (!title)
			goto fail;
		json_array_append_new(links, json_pack("{s:s,s:o}", "number", num, "title", title));
	}
	if (rc < 0)
		goto fail;
	int reads = case_trail_shows_reads(k, org_id, id, e);
	if (reads < 0)
		goto fail;
	if (!(s = db_prep(k->db, reads ? SQL_CASE_EVENTS : SQL_CASE_EVENTS_OPEN, e)))
		goto fail;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 1), when, sizeof when);
		json_array_append_new(trail, json_pack("{s:I,s:s,s:s,s:s,s:s?}", "event", (json_int_t)db_col_int(s, 0),
		                      "time", when, "actor", db_col_text(s, 2), "action", db_col_text(s, 3),
		                      "actor_name", db_col_null(s, 5) ? NULL : db_col_text(s, 5)));
	}
	if (rc < 0)
		goto fail;
	if (title_read) {
		json_t *nums = json_pack("[s]", number);
		rc = case_title_log_reads(k, org_id, &id, nums, e);
		json_decref(nums);
		if (rc)
			goto fail;
	}
	return c;
fail:
	json_decref(c);
	return NULL;
}

/* One statement per sort order: ORDER BY cannot be a bound parameter, and
 * building SQL from input is what prepared statements are here to avoid. */
/* Filters name series, units and classes by code; they are resolved to ids
 * by subqueries so that the count needs no joins and the default order can
 * walk the (org_id, opened_date, id) index and stop at the page's end. */
#define CASE_LIST_WHERE \
	"WHERE c.org_id = ?1 AND (?2 IS NULL OR c.status = ?2) " \
	"  AND (?3 IS NULL OR c.series_id = (SELECT id FROM series WHERE org_id = ?1 AND prefix = ?3)) " \
	"  AND (?4 = 0 OR c.year = ?4) AND (?5 IS NULL OR c.officer_name = ?5) " \
	"  AND (?8 IS NULL OR c.unit_id = (SELECT id FROM unit WHERE org_id = ?1 AND code = ?8)) " \
	"  AND (?9 IS NULL OR c.class_id = (SELECT id FROM class WHERE org_id = ?1 AND code = ?9)) " \
	"  AND (?10 IS NULL OR c.opened_date >= ?10) AND (?11 IS NULL OR c.opened_date <= ?11) AND ?12 = ?12 "
#define CASE_LIST_SELECT(SORT_TITLE) \
	"SELECT s.prefix, c.year, c.seq, c.title, c.status, c.officer_name, c.due_date, c.opened_date, " \
	"  c.record_count, cl.code, u.code, c.id, " SORT_TITLE " " \
	"FROM case_file c JOIN series s ON s.id = c.series_id " \
	"LEFT JOIN unit u ON u.id = c.unit_id LEFT JOIN class cl ON cl.id = c.class_id "
/* Each order is a keyset too: ?13-?15 are the key of the row the page
 * starts after (case_list binds a key before every row when there is
 * none), compared as the order sorts, so a page is found through the
 * index whatever its depth. */
static const char SQL_CASE_LIST_OPENED[] = CASE_LIST_SELECT("NULL") CASE_LIST_WHERE
	"  AND (c.opened_date, c.id) < (?13, ?14) AND ?15 = ?15 "
	"ORDER BY c.opened_date DESC, c.id DESC LIMIT ?6 OFFSET ?7";
static const char SQL_CASE_LIST_NUMBER[] = CASE_LIST_SELECT("NULL") CASE_LIST_WHERE
	"  AND (s.prefix > ?13 OR (s.prefix = ?13 AND (c.year, c.seq) < (?14, ?15))) "
	"ORDER BY s.prefix, c.year DESC, c.seq DESC LIMIT ?6 OFFSET ?7";
static const char SQL_CASE_LIST_DUE[] = CASE_LIST_SELECT("NULL") CASE_LIST_WHERE
	"  AND (c.due_date IS NULL, coalesce(c.due_date, ''), c.id) > (?13, ?14, ?15) "
	"ORDER BY c.due_date IS NULL, c.due_date, c.id LIMIT ?6 OFFSET ?7";
/* By title as the reader may see it: the order must not tell a protected
 * title to someone shown only its public form (renaming a case of one's own
 * until it sorts next to the protected one would read it letter by letter).
 * Those without the right sort by the public registry's rendering, which
 * the search indexer keeps (case_title_shown); a case not yet rendered by
 * its public title, or by its full title while it has no records (no party
 * to mask). */
#define CASE_TITLE_SORTED \
	"CASE WHEN " ACCESS_SECRET_SQL("12") " THEN c.title " \
	"  ELSE coalesce((SELECT ct.title FROM case_title_shown ct WHERE ct.case_id = c.id), c.public_title, " \
	"    CASE WHEN EXISTS (SELECT 1 FROM record r WHERE r.case_id = c.id) THEN '' ELSE c.title END) END"
static const char SQL_CASE_LIST_TITLE[] = CASE_LIST_SELECT(CASE_TITLE_SORTED) CASE_LIST_WHERE
	"  AND (" CASE_TITLE_SORTED ", c.id) > (?13, ?14) AND ?15 = ?15 "
	"ORDER BY 13, c.id LIMIT ?6 OFFSET ?7";
static const char SQL_CASE_COUNT[] = "SELECT count(*) FROM case_file c " CASE_LIST_WHERE
	"AND ?6 = ?6 AND ?7 = ?7";

static void bind_filter(kansli *k, db_stmt *s, int64_t org_id, const case_filter *f)
{
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, OPT(f->status));
	db_bind_text(s, 3, OPT(f->series));
	db_bind_int(s, 4, f->year);
	db_bind_text(s, 5, OPT(f->officer));
	db_bind_int(s, 6, f->limit > 0 ? f->limit : 50);
	db_bind_int(s, 7, f->offset);
	db_bind_text(s, 8, OPT(f->unit));
	db_bind_text(s, 9, OPT(f->class_code));
	db_bind_text(s, 10, OPT(f->from));
	db_bind_text(s, 11, OPT(f->to));
	db_bind_int(s, 12, k->user_id);
#undef OPT
}

enum case_sort { SORT_OPENED, SORT_NUMBER, SORT_DUE, SORT_TITLE };

/* The key of the row s is on, in the order sort: what bind_after takes. */
static json_t *row_key(db_stmt *s, enum case_sort sort)
{
	json_int_t id = (json_int_t)db_col_int(s, 11);
	switch (sort) {
	case SORT_NUMBER:
		return json_pack("[s,I,I]", db_col_text(s, 0), (json_int_t)db_col_int(s, 1), (json_int_t)db_col_int(s, 2));
	case SORT_DUE:
		return json_pack("[I,s,I]", (json_int_t)db_col_null(s, 6), db_col_text(s, 6), id);
	case SORT_TITLE:
		return json_pack("[s,I]", db_col_text(s, 12), id);
	default:
		return json_pack("[s,I]", db_col_text(s, 7), id);
	}
}

/* Binds ?13-?15 to after, a key row_key gave in the same order, or when
 * after is NULL to a key before every row. 0, or KERR_INVALID. */
static int bind_after(db_stmt *s, enum case_sort sort, const json_t *after, kerr *e)
{
	static const char *const shape[] = { [SORT_OPENED] = "si", [SORT_NUMBER] = "sii", [SORT_DUE] = "isi",
	                                     [SORT_TITLE] = "si" };
	const char *want = shape[sort];
	if (after && json_array_size(after) != strlen(want))
		return kerr_field(e, KERR_INVALID, "cursor", KWHY_FORMAT, "the cursor is not one of this order");
	for (size_t i = 0; after && i < strlen(want); i++) {
		json_t *v = json_array_get(after, i);
		if (want[i] == 's' ? !json_is_string(v) : !json_is_integer(v))
			return kerr_field(e, KERR_INVALID, "cursor", KWHY_FORMAT, "the cursor is not one of this order");
	}
	if (!after) {
		/* before the first row: after the last date, the first prefix,
		 * before a due date of -1, before the empty title */
		db_bind_text(s, 13, sort == SORT_OPENED ? "9999-12-31" : "");
		db_bind_int(s, 14, sort == SORT_NUMBER ? INT64_MAX : sort == SORT_OPENED ? INT64_MAX : -1);
		db_bind_int(s, 15, sort == SORT_NUMBER ? INT64_MAX : -1);
		if (sort == SORT_DUE)
			db_bind_int(s, 13, -1);
		return 0;
	}
	for (size_t i = 0; i < strlen(want); i++) {
		json_t *v = json_array_get(after, i);
		if (want[i] == 's')
			db_bind_text(s, (int)i + 13, json_string_value(v));
		else
			db_bind_int(s, (int)i + 13, json_integer_value(v));
	}
	if (strlen(want) == 2)
		db_bind_int(s, 15, 0);
	return 0;
}

json_t *case_list(kansli *k, int64_t org_id, const case_filter *f, int64_t *total, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	enum case_sort sort = !f->sort ? SORT_OPENED : !strcmp(f->sort, "number") ? SORT_NUMBER
		: !strcmp(f->sort, "due") ? SORT_DUE : !strcmp(f->sort, "title") ? SORT_TITLE : SORT_OPENED;
	const char *sql = sort == SORT_NUMBER ? SQL_CASE_LIST_NUMBER : sort == SORT_DUE ? SQL_CASE_LIST_DUE
		: sort == SORT_TITLE ? SQL_CASE_LIST_TITLE : SQL_CASE_LIST_OPENED;
	db_stmt *s;
	if (total) {
		if (!(s = db_prep(k->db, SQL_CASE_COUNT, e)))
			return NULL;
		bind_filter(k, s, org_id, f);
		int rc = db_step(s, e);
		*total = rc == DB_ROW ? db_col_int(s, 0) : 0;
		db_done(s);
		if (rc < 0)
			return NULL; /* a total of 0 would be a wrong answer, not an error */
	}
	if (!(s = db_prep(k->db, sql, e)))
		return NULL;
	bind_filter(k, s, org_id, f);
	if (bind_after(s, sort, f->after, e)) {
		db_done(s);
		return NULL;
	}
	json_t *arr = json_array(), *nums = json_array();
	int64_t *ids = NULL;
	size_t nids = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		int revealed = 0;
		casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		json_t *o = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s,s:I,s:s?,s:s?}", "number", num,
		                      "title", db_col_text(s, 3), "status", db_col_text(s, 4),
		                      "officer", db_col_null(s, 5) ? NULL : db_col_text(s, 5),
		                      "due_date", db_col_null(s, 6) ? NULL : db_col_text(s, 6),
		                      "opened_date", db_col_text(s, 7), "records", (json_int_t)db_col_int(s, 8),
		                      "class", db_col_null(s, 9) ? NULL : db_col_text(s, 9),
		                      "unit", db_col_null(s, 10) ? NULL : db_col_text(s, 10));
		json_array_append_new(arr, o);
		if (f->keys)
			json_array_append_new(f->keys, row_key(s, sort));
		if ((rc = case_title_for_reader(k, db_col_int(s, 11), db_col_text(s, 3), o, &revealed, e)))
			break;
		if (revealed) {
			if (!(ids = realloc(ids, (nids + 1) * sizeof *ids)))
				abort();
			ids[nids++] = db_col_int(s, 11);
			json_array_append_new(nums, json_string(num));
		}
	}
	if (rc < 0 || case_title_log_reads(k, org_id, ids, nums, e)) {
		json_decref(arr);
		arr = NULL;
	}
	free(ids);
	json_decref(nums);
	return arr;
}

static const char SQL_MY_OPEN[] =
	"SELECT s.prefix, c.year, c.seq, c.id, c.due_date FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND c.officer_name = ?2 AND c.status <> 'closed' ORDER BY c.opened_us DESC LIMIT 50";
static const char SQL_OVERDUE[] =
	"SELECT s.prefix, c.year, c.seq, c.id, c.due_date FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND c.status <> 'closed' AND c.due_date IS NOT NULL AND c.due_date < ?2 "
	"  AND (?3 IS NULL OR c.officer_name = ?3) ORDER BY c.due_date LIMIT 50";
static const char SQL_UPCOMING[] =
	"SELECT s.prefix, c.year, c.seq, c.id, c.due_date FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND c.status <> 'closed' AND c.due_date >= ?2 AND c.due_date <= ?4 "
	"  AND (?3 IS NULL OR c.officer_name = ?3) ORDER BY c.due_date LIMIT 50";
/* A masked title is shown as what it is to those without the right. */
static const char SQL_UNASSIGNED_IN[] =
	"SELECT s.prefix, c.year, c.seq, r.seq, "
	"  CASE WHEN " ACCESS_FIELD_SQL("title", "2") " THEN r.title "
	"       ELSE 'Sekretess enligt ' || coalesce(r.legal_ground, 'OSL') END, r.doc_date FROM record r "
	"JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"WHERE c.org_id = ?1 AND c.officer_name IS NULL AND c.status = 'open' AND r.direction = 'in' "
	"ORDER BY r.registered_us DESC LIMIT 50";

static json_t *due_rows(kansli *k, const char *sql, int64_t org_id, const char *today,
                        const char *who, const char *until, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, sql == SQL_MY_OPEN ? who : today);
	if (sql != SQL_MY_OPEN)
		db_bind_text(s, 3, who);
	if (until)
		db_bind_text(s, 4, until);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		/* a title that could not be rendered is an error, not a row without one */
		json_t *title = case_title_staff_json(k, db_col_int(s, 3), e);
		if (!title) {
			db_done(s);
			rc = e && e->code ? e->code : KERR_INTERNAL;
			break;
		}
		json_array_append_new(arr, json_pack("{s:s,s:o,s:s?}", "number", num, "title", title,
		                      "due_date", db_col_null(s, 4) ? NULL : db_col_text(s, 4)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *case_overview(kansli *k, int64_t org_id, const char *username, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	char today[11], until[11];
	time_today(today);
	time_t t = (time_t)(time_now_us() / 1000000) + 14 * 86400;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(until, sizeof until, "%Y-%m-%d", &tm);
	/* Registrars see every overdue case; officers their own. */
	int registers = access_may(k, org_id, ACCESS_REGISTER, e), admin = access_may(k, org_id, ACCESS_ADMIN, e);
	if (registers < 0 || admin < 0)
		return NULL;
	const char *who = registers && !admin ? username : NULL;
	/* Each part is a list the page shows as complete: one that could not be
	 * read fails the whole overview. */
	json_t *o = json_object();
	static const char *const part[] = { "my_cases", "overdue", "upcoming" };
	static const char *const part_sql[] = { SQL_MY_OPEN, SQL_OVERDUE, SQL_UPCOMING };
	for (int i = 0; i < 3; i++) {
		json_t *rows = due_rows(k, part_sql[i], org_id, today, i == 0 ? username : who, i == 2 ? until : NULL, e);
		if (!rows) {
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, part[i], rows);
	}
	json_t *in = json_array();
	json_object_set_new(o, "unassigned_incoming", in);
	db_stmt *s = db_prep(k->db, SQL_UNASSIGNED_IN, e);
	if (!s) {
		json_decref(o);
		return NULL;
	}
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, k->user_id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		casenum_format_record(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2),
		                      (int)db_col_int(s, 3));
		json_array_append_new(in, json_pack("{s:s,s:s,s:s}", "number", num, "title", db_col_text(s, 4),
		                      "doc_date", db_col_text(s, 5)));
	}
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
