/*
 * notice.c — the digital notice board; see notice.h.
 *
 * A notice is a row that is never updated except to record an early
 * take-down, or that its file was disposed of with the record it belongs
 * to (core/disposal_copies.h). What the public sees is decided by dates alone: a notice is on
 * the board from its posting date up to (not including) its down date, so
 * nothing has to run at midnight for the board to change. The dates the law
 * fixes are computed here, once, when the notice is posted: the last day to
 * appeal adjusted minutes (caldate_appeal_end) and the down date after it.
 */
#include "core/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/caldate.h"
#include "util/encoding.h"
#include "util/hash.h"
#include "util/timeutil.h"

/* One line of text, 1..max bytes. */
static int line_ok(const char *s, size_t max)
{
	return s && *s && strlen(s) <= max && !strpbrk(s, "\r\n");
}

static int empty(const char *s)
{
	return !s || !*s;
}

/* A download name: a base name without separators or control lines. */
static int file_name_ok(const char *s)
{
	return line_ok(s, 200) && !strchr(s, '/') && !strchr(s, '\\') && strcmp(s, ".") && strcmp(s, "..");
}

static int is_hex_hash(const char *s)
{
	if (!s || strlen(s) != HASH_HEX_LEN)
		return 0;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

/* The dates of a notice once checked and completed. */
typedef struct notice_dates {
	char posted[11], down[11], appeal_end[11];
} notice_dates;

/* Checks n against the rules of its kind and fills the computed dates.
 * Changes nothing; 0 or KERR_INVALID with a message naming the field. */
static int notice_check(const notice_new *n, notice_dates *d, kerr *e)
{
	char today[11];
	time_today(today);
	int meeting = n->kind && !strcmp(n->kind, "meeting");
	int minutes = n->kind && !strcmp(n->kind, "minutes");
	int other = n->kind && !strcmp(n->kind, "other");
	if (!meeting && !minutes && !other)
		return kerr_field(e, KERR_INVALID, "notice_kind", KWHY_CHOICE,
		                  "the kind of notice is meeting, minutes or other");
	int why = text_line_why(n->board, 200);
	if (why)
		return kerr_field(e, KERR_INVALID, "notice_board", why,
		                  "name the board concerned (1-200 characters on one line)");
	if ((why = text_line_why(n->title, 300)))
		return kerr_field(e, KERR_INVALID, "notice_title", why,
		                  "the title must be 1-300 characters on one line");
	if (n->body && strlen(n->body) > 20000)
		return kerr_field(e, KERR_INVALID, "notice_text", KWHY_TOO_LONG,
		                  "the text is longer than 20000 characters");
	if (!empty(n->storage_place) && (why = text_line_why(n->storage_place, 300)))
		return kerr_field(e, KERR_INVALID, "storage_place", why,
		                  "the storage place must be 1-300 characters on one line");
	if (empty(n->posted_date))
		memcpy(d->posted, today, 11);
	else if (!time_valid_date(n->posted_date))
		return kerr_field(e, KERR_INVALID, "posted_date", KWHY_FORMAT,
		                  "posting date '%s' is not a date like 2026-11-24", n->posted_date);
	else
		snprintf(d->posted, sizeof d->posted, "%s", n->posted_date);
	/* The appeal period runs from the posting: a notice is never backdated. */
	if (strcmp(d->posted, today) < 0)
		return kerr_field(e, KERR_INVALID, "posted_date", KWHY_RANGE,
		                  "posting date %s is in the past (today is %s)", d->posted, today);
	char limit[11];
	caldate_add_days(today, 366, limit);
	if (strcmp(d->posted, limit) > 0)
		return kerr_field(e, KERR_INVALID, "posted_date", KWHY_RANGE,
		                  "posting date %s is more than a year ahead", d->posted);
	if (!empty(n->meeting_date) && !time_valid_date(n->meeting_date))
		return kerr_field(e, KERR_INVALID, "meeting_date", KWHY_FORMAT,
		                  "meeting date '%s' is not a date like 2026-11-24", n->meeting_date);
	if (!empty(n->adjusted_date) && !time_valid_date(n->adjusted_date))
		return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_FORMAT,
		                  "adjustment date '%s' is not a date like 2026-11-24", n->adjusted_date);
	if (!empty(n->down_date) && !time_valid_date(n->down_date))
		return kerr_field(e, KERR_INVALID, "down_date", KWHY_FORMAT,
		                  "down date '%s' is not a date like 2026-11-24", n->down_date);
	d->appeal_end[0] = '\0';
	char def_down[11];
	if (meeting) {
		if (empty(n->meeting_date))
			return kerr_field(e, KERR_INVALID, "meeting_date", KWHY_REQUIRED,
			                  "a meeting notice needs the meeting date");
		if (strcmp(n->meeting_date, today) < 0)
			return kerr_field(e, KERR_INVALID, "meeting_date", KWHY_RANGE,
			                  "meeting date %s is in the past", n->meeting_date);
		if (strcmp(d->posted, n->meeting_date) > 0)
			return kerr_field(e, KERR_INVALID, "meeting_date", KWHY_RANGE,
			                  "a meeting is announced before it takes place (meeting %s, posting %s)",
			                  n->meeting_date, d->posted);
		if (!empty(n->adjusted_date))
			return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_STATE,
			                  "a meeting notice has no adjustment date");
		caldate_add_days(n->meeting_date, 1, def_down);
	} else if (minutes) {
		if (empty(n->adjusted_date))
			return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_REQUIRED,
			                  "a minutes notice needs the date the minutes were adjusted");
		if (strcmp(n->adjusted_date, d->posted) > 0)
			return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_RANGE,
			                  "minutes are posted after they are adjusted (adjusted %s, posting %s)",
			                  n->adjusted_date, d->posted);
		if (!empty(n->meeting_date) && strcmp(n->meeting_date, n->adjusted_date) > 0)
			return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_RANGE,
			                  "the minutes were adjusted (%s) before the meeting (%s)",
			                  n->adjusted_date, n->meeting_date);
		if (empty(n->storage_place))
			return kerr_field(e, KERR_INVALID, "storage_place", KWHY_REQUIRED,
			                  "a minutes notice says where the minutes are kept (storage place)");
		if (caldate_appeal_end(d->posted, d->appeal_end))
			return kerr_set(e, KERR_INTERNAL, "cannot compute the appeal period from %s", d->posted);
		caldate_add_days(d->appeal_end, 1, def_down);
	} else {
		if (!empty(n->adjusted_date))
			return kerr_field(e, KERR_INVALID, "adjusted_date", KWHY_STATE,
			                  "only a minutes notice has an adjustment date");
		caldate_add_days(d->posted, 21, def_down);
	}
	if (empty(n->down_date)) {
		memcpy(d->down, def_down, 11);
	} else {
		snprintf(d->down, sizeof d->down, "%s", n->down_date);
		if (strcmp(d->down, d->posted) <= 0)
			return kerr_field(e, KERR_INVALID, "down_date", KWHY_RANGE,
			                  "the down date %s must come after the posting date %s", d->down,
			                  d->posted);
		if (meeting && strcmp(d->down, n->meeting_date) <= 0)
			return kerr_field(e, KERR_INVALID, "down_date", KWHY_RANGE,
			                  "a meeting notice stays up until the meeting (%s): the down date "
			                  "is the day after at the earliest", n->meeting_date);
		/* KL 8 kap. 12 §: the notice stays up until the appeal period is over. */
		if (minutes && strcmp(d->down, def_down) < 0)
			return kerr_field(e, KERR_INVALID, "down_date", KWHY_RANGE,
			                  "minutes stay on the board until the appeal period ends (%s): "
			                  "the down date is %s at the earliest", d->appeal_end, def_down);
	}
	if ((n->file_hash || n->file_path) && !empty(n->file_name) && !file_name_ok(n->file_name))
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "file name '%s' is not allowed", n->file_name);
	if (!empty(n->file_hash) && !is_hex_hash(n->file_hash))
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
		                  "'%s' is not a SHA-256 file hash", n->file_hash);
	if (!empty(n->file_hash) && empty(n->file_name))
		return kerr_field(e, KERR_INVALID, "file", KWHY_REQUIRED, "a file needs a name for downloads");
	if (!empty(n->file_hash) && !empty(n->file_path))
		return kerr_field(e, KERR_INVALID, "file", KWHY_STATE, "give a stored file's hash or a file, not both");
	if (n->meeting_id < 0)
		return kerr_set(e, KERR_INVALID, "meeting id must be positive");
	return 0;
}

/* A notice is public, so it may name only a stored file that is already
 * public in the posting organisation: a file of one of its records without
 * secrecy, or a file uploaded for one of its notices. */
static const char SQL_BLOB_POSTABLE[] =
	"SELECT 1 FROM record_file rf JOIN record r ON r.id = rf.record_id "
	"JOIN case_file c ON c.id = r.case_id "
	"WHERE rf.hash = ?1 AND c.org_id = ?2 AND r.secrecy = 'none' "
	"UNION ALL SELECT 1 FROM notice WHERE file_hash = ?1 AND org_id = ?2 LIMIT 1";
static const char SQL_BLOB_INSERT[] =
	"INSERT INTO blob(hash, size, stored_us) VALUES(?1, ?2, ?3) ON CONFLICT(hash) DO NOTHING";
static const char SQL_NOTICE_INSERT[] =
	"INSERT INTO notice(org_id, kind, board, title, body, posted_date, down_date, meeting_date, "
	"adjusted_date, appeal_end, storage_place, file_hash, file_name, meeting_id, created_us, actor) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id";

int notice_post_tx(kansli *k, int64_t org_id, const notice_new *n, int64_t *id, kerr *e)
{
	int rc;
	notice_dates d;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = notice_check(n, &d, e)))
		return rc;
	char hash[HASH_HEX_LEN + 1] = "";
	const char *name = empty(n->file_name) ? NULL : n->file_name;
	db_stmt *s;
	if (!empty(n->file_path)) {
		if (!name) {
			const char *slash = strrchr(n->file_path, '/');
			name = slash ? slash + 1 : n->file_path;
			if (!file_name_ok(name))
				return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
				                  "file name '%s' is not allowed", name);
		}
		/* Blob first, row second: the row commits with the notice. */
		int64_t size;
		if ((rc = blob_put_file(&k->blobs, n->file_path, hash, &size, e)))
			return rc;
		if (!(s = db_prep(k->db, SQL_BLOB_INSERT, e)))
			return KERR_INTERNAL;
		db_bind_text(s, 1, hash);
		db_bind_int(s, 2, size);
		db_bind_int(s, 3, time_now_us());
		if ((rc = db_run(s, e)))
			return rc;
	} else if (!empty(n->file_hash)) {
		if (!(s = db_prep(k->db, SQL_BLOB_POSTABLE, e)))
			return KERR_INTERNAL;
		db_bind_text(s, 1, n->file_hash);
		db_bind_int(s, 2, org_id);
		rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
		/* Unknown, secret and another organisation's files get one answer,
		 * so a file's existence cannot be probed through the board. */
		if (rc != DB_ROW)
			return kerr_set(e, KERR_NOTFOUND, "no such file may be posted: only the organisation's "
			                "public record files and files of its notices can");
		snprintf(hash, sizeof hash, "%s", n->file_hash);
	}
	if (!(s = db_prep(k->db, SQL_NOTICE_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n->kind);
	db_bind_text(s, 3, n->board);
	db_bind_text(s, 4, n->title);
	db_bind_text(s, 5, empty(n->body) ? NULL : n->body);
	db_bind_text(s, 6, d.posted);
	db_bind_text(s, 7, d.down);
	db_bind_text(s, 8, empty(n->meeting_date) ? NULL : n->meeting_date);
	db_bind_text(s, 9, empty(n->adjusted_date) ? NULL : n->adjusted_date);
	db_bind_text(s, 10, *d.appeal_end ? d.appeal_end : NULL);
	db_bind_text(s, 11, empty(n->storage_place) ? NULL : n->storage_place);
	db_bind_text(s, 12, *hash ? hash : NULL);
	db_bind_text(s, 13, *hash ? name : NULL);
	if (n->meeting_id > 0)
		db_bind_int(s, 14, n->meeting_id);
	else
		db_bind_null(s, 14);
	db_bind_int(s, 15, time_now_us());
	db_bind_text(s, 16, k->actor);
	if ((rc = db_step(s, e)) != DB_ROW)
		return rc < 0 ? rc : KERR_INTERNAL;
	*id = db_col_int(s, 0);
	db_done(s);
	json_t *data = json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", n->kind, "board", n->board, "title", n->title,
	                         "posted", d.posted, "down", d.down);
	if (!empty(n->meeting_date))
		json_object_set_new(data, "meeting_date", json_string(n->meeting_date));
	if (!empty(n->adjusted_date))
		json_object_set_new(data, "adjusted", json_string(n->adjusted_date));
	if (*d.appeal_end)
		json_object_set_new(data, "appeal_end", json_string(d.appeal_end));
	if (*hash)
		json_object_set_new(data, "file", json_pack("{s:s,s:s}", "hash", hash, "name", name));
	if (n->meeting_id > 0)
		json_object_set_new(data, "meeting_id", json_integer(n->meeting_id));
	return audit_append(k, org_id, "notice.post", "notice", *id, data, e);
}

int notice_post(kansli *k, int64_t org_id, const notice_new *n, int64_t *id, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = notice_post_tx(k, org_id, n, id, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static const char SQL_TAKE_DOWN_ROW[] =
	"SELECT posted_date, down_date, taken_down_us, kind, appeal_end FROM notice WHERE org_id = ?1 AND id = ?2";
static const char SQL_TAKE_DOWN[] =
	"UPDATE notice SET taken_down_us = ?3, taken_down_reason = ?4 "
	"WHERE org_id = ?1 AND id = ?2 AND taken_down_us IS NULL";

int notice_take_down(kansli *k, int64_t org_id, int64_t id, const char *reason, kerr *e)
{
	if (!line_ok(reason, 500))
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                  "say why the notice is taken down (1-500 characters on one line)");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_TAKE_DOWN_ROW, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no notice %lld", (long long)id)))
		goto fail;
	char today[11], down[11], kind[16];
	time_today(today);
	snprintf(down, sizeof down, "%s", db_col_text(s, 1));
	snprintf(kind, sizeof kind, "%s", db_col_text(s, 3));
	int already = !db_col_null(s, 2);
	db_done(s);
	if (already) {
		rc = kerr_field(e, KERR_CONFLICT, "notice", KWHY_STATE,
		                "notice %lld is already taken down", (long long)id);
		goto fail;
	}
	if (strcmp(down, today) <= 0) {
		rc = kerr_field(e, KERR_CONFLICT, "notice", KWHY_STATE,
		                "notice %lld came down on %s", (long long)id, down);
		goto fail;
	}
	if (!(s = db_prep(k->db, SQL_TAKE_DOWN, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, id);
	db_bind_int(s, 3, time_now_us());
	db_bind_text(s, 4, reason);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "notice.take_down", "notice", id,
	                       json_pack("{s:s,s:s,s:s,s:s}", "kind", kind, "reason", reason, "date", today,
	                                 "planned_down", down), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

/* Columns every listing reads, in this order. */
#define NOTICE_COLS                                                                             \
	"id, kind, board, title, body, posted_date, down_date, meeting_date, adjusted_date, "        \
	"appeal_end, storage_place, file_hash, file_name, meeting_id, taken_down_us, "               \
	"taken_down_reason, created_us, actor, "                                                     \
	"(SELECT d.note FROM notice_file_disposed d WHERE d.notice_id = notice.id) "

static const char SQL_CURRENT[] =
	"SELECT " NOTICE_COLS "FROM notice WHERE org_id = ?1 AND posted_date <= ?2 AND down_date > ?2 "
	"AND taken_down_us IS NULL ORDER BY posted_date DESC, id DESC LIMIT ?3";
static const char SQL_ARCHIVE[] =
	"SELECT " NOTICE_COLS "FROM notice WHERE org_id = ?1 AND posted_date <= ?2 "
	"AND (down_date <= ?2 OR taken_down_us IS NOT NULL) ORDER BY posted_date DESC, id DESC LIMIT ?3";
static const char SQL_ALL[] =
	"SELECT " NOTICE_COLS "FROM notice WHERE org_id = ?1 AND ?2 = ?2 "
	"ORDER BY posted_date DESC, id DESC LIMIT ?3";
static const char SQL_ONE[] = "SELECT " NOTICE_COLS "FROM notice WHERE org_id = ?1 AND id = ?2";

static void set_text(json_t *o, const char *key, db_stmt *s, int col)
{
	if (!db_col_null(s, col) && *db_col_text(s, col))
		json_object_set_new(o, key, json_string(db_col_text(s, col)));
}

/* The notice in the current row; staff adds who posted it and its status. */
static json_t *notice_json(db_stmt *s, int staff)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(s, 0), "kind",
	                      db_col_text(s, 1), "board", db_col_text(s, 2), "title", db_col_text(s, 3),
	                      "posted", db_col_text(s, 5), "down", db_col_text(s, 6));
	set_text(o, "body", s, 4);
	set_text(o, "meeting_date", s, 7);
	set_text(o, "adjusted", s, 8);
	set_text(o, "appeal_end", s, 9);
	set_text(o, "storage_place", s, 10);
	if (!db_col_null(s, 11)) {
		set_text(o, "file", s, 12);
		set_text(o, "file_hash", s, 11);
	} else if (!db_col_null(s, 18)) { /* the file went with the record it belongs to */
		set_text(o, "file", s, 12);
		set_text(o, "file_disposed", s, 18);
	}
	if (!db_col_null(s, 13))
		json_object_set_new(o, "meeting_id", json_integer(db_col_int(s, 13)));
	if (!db_col_null(s, 14)) {
		char when[32];
		time_format_local(db_col_int(s, 14), when, sizeof when);
		json_object_set_new(o, "taken_down", json_string(when));
		set_text(o, "taken_down_reason", s, 15);
	}
	/* Posted later than the law expects: kept as a warning. */
	const char *kind = db_col_text(s, 1), *posted = db_col_text(s, 5);
	char limit[11];
	int late = 0;
	if (!strcmp(kind, "meeting") && !db_col_null(s, 7) && caldate_add_days(posted, 7, limit) == 0)
		late = strcmp(limit, db_col_text(s, 7)) > 0;
	if (!strcmp(kind, "minutes") && !db_col_null(s, 8) && caldate_add_days(db_col_text(s, 8), 2, limit) == 0)
		late = strcmp(posted, limit) > 0;
	json_object_set_new(o, "late", json_boolean(late));
	char published[40];
	time_format_utc(db_col_int(s, 16), published, sizeof published);
	json_object_set_new(o, "published", json_string(published));
	if (staff) {
		char today[11], created[32];
		time_today(today);
		time_format_local(db_col_int(s, 16), created, sizeof created);
		const char *status = !db_col_null(s, 14) ? "taken_down"
			: strcmp(posted, today) > 0 ? "scheduled"
			: strcmp(db_col_text(s, 6), today) <= 0 ? "expired" : "posted";
		json_object_set_new(o, "status", json_string(status));
		json_object_set_new(o, "created", json_string(created));
		json_object_set_new(o, "actor", json_string(db_col_text(s, 17)));
	}
	return o;
}

static json_t *list_rows(kansli *k, const char *sql, int64_t org_id, int limit, int staff, kerr *e)
{
	if (limit < 1 || limit > 1000)
		limit = 1000;
	char today[11];
	time_today(today);
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, today);
	db_bind_int(s, 3, limit);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, notice_json(s, staff));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *notice_list(kansli *k, int64_t org_id, int limit, kerr *e)
{
	if (access_check(k, org_id, ACCESS_MEETING, e))
		return NULL;
	return list_rows(k, SQL_ALL, org_id, limit, 1, e);
}

json_t *notice_list_public(kansli *k, int64_t org_id, int archive, int limit, kerr *e)
{
	return list_rows(k, archive ? SQL_ARCHIVE : SQL_CURRENT, org_id, limit, 0, e);
}

/* The row of notice id in org, ready in *out, or NULL with e set. */
static db_stmt *one_row(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ONE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no notice %lld", (long long)id))
		return NULL;
	return s;
}

json_t *notice_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	if (access_check(k, org_id, ACCESS_MEETING, e))
		return NULL;
	db_stmt *s = one_row(k, org_id, id, e);
	if (!s)
		return NULL;
	json_t *o = notice_json(s, 1);
	db_done(s);
	return o;
}

json_t *notice_show_public(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	db_stmt *s = one_row(k, org_id, id, e);
	if (!s)
		return NULL;
	char today[11];
	time_today(today);
	if (strcmp(db_col_text(s, 5), today) > 0) { /* not posted yet: not public yet */
		db_done(s);
		kerr_set(e, KERR_NOTFOUND, "no notice %lld", (long long)id);
		return NULL;
	}
	json_t *o = notice_json(s, 0);
	json_object_set_new(o, "on_board", json_boolean(db_col_null(s, 14) && strcmp(db_col_text(s, 6), today) > 0));
	db_done(s);
	return o;
}

int notice_file_path(kansli *k, int64_t org_id, int64_t id, char *path, size_t len, char *name, size_t name_len,
                     kerr *e)
{
	db_stmt *s = one_row(k, org_id, id, e);
	if (!s)
		return e->code ? e->code : KERR_NOTFOUND;
	char today[11];
	time_today(today);
	int rc = 0;
	if (strcmp(db_col_text(s, 5), today) > 0 || !db_col_null(s, 14) || db_col_null(s, 11))
		rc = kerr_set(e, KERR_NOTFOUND, "notice %lld has no public file", (long long)id);
	else {
		blob_path(&k->blobs, db_col_text(s, 11), path, len);
		snprintf(name, name_len, "%s", db_col_text(s, 12));
	}
	db_done(s);
	return rc;
}
