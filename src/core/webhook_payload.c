/* webhook_payload.c — a webhook's payload from core's views; see
 * webhook_payload.h. */
#include "core/webhook_payload.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/access.h"
#include "core/cases.h"
#include "core/casenum.h"
#include "core/docrequest.h"
#include "core/meeting.h"
#include "core/notice.h"
#include "core/records.h"
#include "util/timeutil.h"

static const char SQL_EVENT[] =
	"SELECT e.ts_us, e.object_type, e.object_id, o.code FROM event e JOIN organisation o ON o.id = e.org_id "
	"WHERE e.id = ?1 AND e.org_id = ?2";
static const char SQL_CASE_NUMBER[] =
	"SELECT s.prefix, c.year, c.seq FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.id = ?1 AND c.org_id = ?2";
static const char SQL_RECORD_NUMBER[] =
	"SELECT s.prefix, c.year, c.seq, r.seq FROM record r JOIN case_file c ON c.id = r.case_id "
	"JOIN series s ON s.id = c.series_id WHERE r.id = ?1 AND c.org_id = ?2";

/* The number of case or record id of org_id into out. 0 or KERR_*. */
static int object_number(kansli *k, int64_t org_id, int record, int64_t id, char out[CASENUM_MAX], kerr *e)
{
	db_stmt *s = db_prep(k->db, record ? SQL_RECORD_NUMBER : SQL_CASE_NUMBER, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "the %s of the event is gone", record ? "record" : "case");
	if (rc)
		return rc;
	if (record)
		casenum_format_record(out, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2),
		                      (int)db_col_int(s, 3));
	else
		casenum_format_case(out, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
	db_done(s);
	return 0;
}

/* The members of a view that are plain values: the object itself, not
 * the lists it carries (a case's records and trail), which a webhook does
 * not need and the receiver can ask the API for. v is consumed. */
static json_t *plain_members(json_t *v)
{
	json_t *out = json_object();
	const char *key;
	json_t *m;
	json_object_foreach(v, key, m) {
		if (!json_is_object(m) && !json_is_array(m))
			json_object_set(out, key, m);
	}
	json_decref(v);
	return out;
}

/* The view of the event's object, read as the acting user; NULL with e. */
static json_t *object_view(kansli *k, int64_t org_id, const char *object_type, int64_t id, kerr *e)
{
	char number[CASENUM_MAX];
	if (!strcmp(object_type, "case") || !strcmp(object_type, "record")) {
		int record = object_type[0] == 'r';
		if (object_number(k, org_id, record, id, number, e))
			return NULL;
		return record ? record_show(k, org_id, number, e) : case_show(k, org_id, number, e);
	}
	if (!strcmp(object_type, "meeting"))
		return meeting_show(k, org_id, id, e);
	if (!strcmp(object_type, "notice"))
		return notice_show(k, org_id, id, e);
	if (!strcmp(object_type, "request"))
		return request_show(k, org_id, id, e);
	/* a series delivered whole: what it is, read as the user may */
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	return json_pack("{s:I}", "id", (json_int_t)id);
}

int webhook_payload(kansli *k, int64_t org_id, int64_t event_id, const char *type, char **body, kerr *e)
{
	*body = NULL;
	db_stmt *s = db_prep(k->db, SQL_EVENT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, event_id);
	db_bind_int(s, 2, org_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "event %lld is not in this organisation's log", (long long)event_id);
	if (rc)
		return rc;
	int64_t ts = db_col_int(s, 0);
	char object_type[32], org[64];
	snprintf(object_type, sizeof object_type, "%s", db_col_text(s, 1));
	int64_t object_id = db_col_int(s, 2);
	snprintf(org, sizeof org, "%s", db_col_text(s, 3));
	db_done(s);

	json_t *view = object_view(k, org_id, object_type, object_id, e);
	if (!view)
		return e->code ? e->code : KERR_INTERNAL;
	char when[32];
	time_format_utc(ts, when, sizeof when);
	json_t *data = json_pack("{s:I,s:s,s:s,s:I}", "event_id", (json_int_t)event_id, "organisation", org,
	                         "object_type", object_type, "object_id", (json_int_t)object_id);
	json_object_set_new(data, object_type, plain_members(view));
	json_t *p = json_pack("{s:s,s:s,s:o}", "type", type, "timestamp", when, "data", data);
	*body = p ? json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(p);
	return *body ? 0 : kerr_set(e, KERR_INTERNAL, "out of memory");
}
