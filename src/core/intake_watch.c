/*
 * intake_watch.c — whether anyone watches the inbox (see intake.h). The
 * law counts a document as received when it reaches the authority, also
 * when nobody reads it (a message stopped by a spam filter, an unwatched
 * mailbox), so an inbox nobody opens must be noticed: a registrar's
 * listing of the whole inbox is noted (intake_opened, outside the log:
 * operational, like a token's last use), and the registry office's start
 * page is warned when an item has waited the organisation's number of
 * working days without any registrar opening the inbox since it came.
 */
#include "core/intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/caldate.h"
#include "util/timeutil.h"

static const char SQL_OPENED_GET[] = "SELECT opened_us FROM intake_opened WHERE org_id = ?1";
static const char SQL_OPENED_SET[] =
	"INSERT INTO intake_opened(org_id, opened_us, user_id) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(org_id) DO UPDATE SET opened_us = excluded.opened_us, user_id = excluded.user_id";

int intake_mark_opened(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_OPENED_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int64_t last = rc == DB_ROW ? db_col_int(s, 0) : 0, now = time_now_us();
	if (rc == DB_ROW)
		db_done(s);
	/* As a token's last use: a write per listing is not needed to tell
	 * whether the inbox is watched, day by day. */
	if (now >= last && now - last <= 60LL * 1000000)
		return 0;
	if ((rc = db_begin(k->db, e)))
		return rc;
	if (!(s = db_prep(k->db, SQL_OPENED_SET, e))) {
		db_rollback(k->db);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, k->user_id);
	if ((rc = db_run(s, e)) || (rc = db_commit(k->db, e))) {
		db_rollback(k->db);
		return rc;
	}
	return 0;
}

static const char SQL_SETTING[] =
	"SELECT coalesce((SELECT unopened_days FROM intake_setting WHERE org_id = ?1), ?2)";
static const char SQL_SETTING_SET[] =
	"INSERT INTO intake_setting(org_id, unopened_days) VALUES(?1, ?2) "
	"ON CONFLICT(org_id) DO UPDATE SET unopened_days = excluded.unopened_days";

int intake_set_unopened_days(kansli *k, int64_t org_id, long days, kerr *e)
{
	if (days < 1 || days > 60)
		return kerr_field(e, KERR_INVALID, "unopened_days", KWHY_RANGE, "the inbox may go unopened 1 to 60 "
		                  "working days before the warning");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_INTAKE, e)))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_SETTING_SET, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, days);
	if (!(rc = db_run(s, e)))
		rc = audit_append(k, org_id, "intake.settings", "organisation", org_id,
		                  json_pack("{s:I}", "unopened_days", (json_int_t)days), e);
	return kansli_end(k, rc, e);
}

/* The working days after the day of at (Swedish time) up to today, at
 * most 400 (enough to say "long"). */
static int working_days_since(int64_t at, const char *today)
{
	char day[32], next[11];
	time_format_local(at, day, sizeof day);
	day[10] = 0;
	int n = 0;
	for (int i = 0; i < 400 && strcmp(day, today) < 0; i++) {
		if (caldate_add_days(day, 1, next))
			break;
		snprintf(day, sizeof day, "%s", next);
		if (!caldate_not_working_day(atoi(day), atoi(day + 5), atoi(day + 8)))
			n++;
	}
	return n;
}

/* The items not judged, and not forwarded to someone who can still act on
 * them, that kansli took in after ?2 (the last opening): how many, and the
 * oldest's arrival. Taken, not arrived: the mail server's time is earlier
 * by the queue's delay (hours when delivery was retried), and an item is
 * only in the inbox to be seen from when it was taken; its age still
 * counts from its arrival, as the law's does. A forwarding to someone who
 * has since lost the right (disabled, the role taken) parks the item where
 * nobody works it, so it waits as if not forwarded. */
static const char SQL_WAITING[] =
	"SELECT count(*), min(i.arrived_us), "
	"  (SELECT u.username FROM intake_opened o JOIN app_user u ON u.id = o.user_id WHERE o.org_id = ?1) "
	"FROM intake_item i WHERE i.org_id = ?1 AND i.taken_us > ?2 "
	"  AND NOT EXISTS (SELECT 1 FROM intake_decision d WHERE d.item_id = i.id) "
	"  AND NOT EXISTS (SELECT 1 FROM intake_forward f WHERE f.item_id = i.id "
	"    AND " ACCESS_INTAKE_REACHED_SQL("i.org_id") ")";

json_t *intake_watch(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_INTAKE, SQL_SETTING, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, INTAKE_DEFAULT_UNOPENED_DAYS);
	if (kansli_row(s, e, KERR_INTERNAL, "the inbox's setting could not be read"))
		return NULL;
	int limit = (int)db_col_int(s, 0);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_OPENED_GET, e)))
		return NULL;
	db_bind_int(s, 1, org_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return NULL;
	int64_t opened = rc == DB_ROW ? db_col_int(s, 0) : 0;
	if (rc == DB_ROW)
		db_done(s);
	if (!(s = db_prep(k->db, SQL_WAITING, e)))
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, opened);
	if (kansli_row(s, e, KERR_INTERNAL, "the inbox's waiting items could not be counted"))
		return NULL;
	int64_t waiting = db_col_int(s, 0), oldest = waiting ? db_col_int(s, 1) : 0;
	char by[200] = "", today[11], opened_at[40] = "", oldest_at[40] = "";
	int has_by = !db_col_null(s, 2);
	if (has_by)
		snprintf(by, sizeof by, "%s", db_col_text(s, 2));
	db_done(s);
	time_today(today);
	int days = waiting ? working_days_since(oldest, today) : 0;
	if (opened)
		time_format_utc(opened, opened_at, sizeof opened_at);
	if (oldest)
		time_format_utc(oldest, oldest_at, sizeof oldest_at);
	return json_pack("{s:i,s:s?,s:s?,s:I,s:s?,s:i,s:b}", "unopened_days", limit, "opened", opened ? opened_at : NULL,
	                 "opened_by", has_by ? by : NULL, "waiting", (json_int_t)waiting,
	                 "oldest", oldest ? oldest_at : NULL, "working_days", days, "warning", waiting && days >= limit);
}
