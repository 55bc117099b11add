/* stats.c — registry volumes; see stats.h. */
#include "core/stats.h"

#include "core/access.h"

static const char SQL_PING[] = "SELECT 1";
static const char SQL_ORGS[] =
	"SELECT o.id, o.code, o.name, "
	"  (SELECT count(*) FROM case_file c WHERE c.org_id = o.id), "
	"  (SELECT coalesce(sum(c.record_count), 0) FROM case_file c WHERE c.org_id = o.id) "
	"FROM organisation o ORDER BY o.name";
static const char SQL_LOG_SIZE[] = "SELECT size FROM log_state WHERE id = 1";

int stats_ping(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PING, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? 0 : kerr_set(e, KERR_IO, "the database gave no answer");
}

json_t *stats_organisations(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ORGS, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		/* Only a refusal leaves an organisation out: roles that could not
		 * be read make the list an error, not a shorter list. */
		int may = access_may(k, db_col_int(s, 0), ACCESS_READ, e);
		if (may == 0)
			continue;
		if (may < 0) {
			db_done(s);
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, json_pack("{s:s,s:s,s:I,s:I}", "code", db_col_text(s, 1),
		                      "name", db_col_text(s, 2), "cases", (json_int_t)db_col_int(s, 3),
		                      "records", (json_int_t)db_col_int(s, 4)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

long long stats_log_size(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_LOG_SIZE, e);
	if (!s)
		return -1;
	int rc = db_step(s, e);
	long long n = rc == DB_ROW ? db_col_int(s, 0) : 0; /* no state row yet: an empty log */
	db_done(s);
	return rc < 0 ? -1 : n;
}
