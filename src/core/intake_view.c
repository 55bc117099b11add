/*
 * intake_view.c — the inbox as the registrar sees it: the list with each
 * item's age and state, one item whole, and the files of an item to read
 * (see intake.h). Only the organisation's registrars (ACCESS_INTAKE).
 */
#include "core/intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "util/timeutil.h"

/* An item's state: its decision, else forwarded or open. */
#define ITEM_STATE \
	"CASE WHEN d.outcome IS NOT NULL THEN d.outcome WHEN f.item_id IS NOT NULL THEN 'forwarded' ELSE 'open' END"

static const char SQL_LIST[] =
	"SELECT i.id, i.source, coalesce(c.sender, r.party_name, ''), coalesce(c.subject, r.title, ''), i.arrived_us, i.nfiles, "
	"  i.has_personnummer, coalesce(c.problems, ''), " ITEM_STATE ", d.reason, "
	"  (SELECT s.prefix || ' ' || cf.year || '/' || printf('%04d', cf.seq) || '-' || r.seq "
	"   FROM case_file cf JOIN series s ON s.id = cf.series_id WHERE cf.id = r.case_id), "
	"  coalesce(u.username, un.code), d.decided_us "
	"FROM intake_item i LEFT JOIN intake_content c ON c.item_id = i.id "
	"  LEFT JOIN intake_decision d ON d.item_id = i.id LEFT JOIN record r ON r.id = d.record_id "
	"  LEFT JOIN intake_forward f ON f.item_id = i.id LEFT JOIN app_user u ON u.id = f.user_id "
	"  LEFT JOIN unit un ON un.id = f.unit_id "
	"WHERE i.org_id = ?1 AND (?2 = 'all' OR ?2 = " ITEM_STATE " OR (?2 = 'open' AND " ITEM_STATE " = 'forwarded')) "
	"  AND (?3 = 0 OR i.id = ?3) "
	"ORDER BY i.arrived_us DESC, i.id DESC LIMIT 1000";

static json_t *item_view(db_stmt *s, int64_t now)
{
	char arrived[40], local[32];
	int64_t at = db_col_int(s, 4);
	time_format_utc(at, arrived, sizeof arrived);
	time_format_local(at, local, sizeof local);
	/* The age runs until the item was judged: then it is the lag from
	 * arrival to registration (or rejection). */
	int64_t until = db_col_null(s, 12) ? now : db_col_int(s, 12);
	int64_t age_hours = until > at ? (until - at) / 3600000000LL : 0;
	const char *problems = db_col_text(s, 7);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:b,s:b,s:s,s:s*,s:s*,s:s*}", "id", (json_int_t)db_col_int(s, 0),
	                 "source", db_col_text(s, 1), "sender", db_col_text(s, 2), "subject", db_col_text(s, 3),
	                 "arrived", arrived, "arrived_local", local, "age_hours", (json_int_t)age_hours, "files", (json_int_t)db_col_int(s, 5),
	                 "personnummer", (int)db_col_int(s, 6), "problems", *problems != 0, "state", db_col_text(s, 8),
	                 "reason", db_col_null(s, 9) ? NULL : db_col_text(s, 9),
	                 "record", db_col_null(s, 10) ? NULL : db_col_text(s, 10),
	                 "forwarded_to", db_col_null(s, 11) ? NULL : db_col_text(s, 11));
}

static json_t *list_rows(kansli *k, int64_t org_id, const char *state, int64_t id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_INTAKE, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, state);
	db_bind_int(s, 3, id);
	int64_t now = time_now_us();
	json_t *items = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(items, item_view(s, now));
	if (rc < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

json_t *intake_list(kansli *k, int64_t org_id, const char *state, kerr *e)
{
	static const char *const states[] = { "open", "forwarded", "registered", "rejected", "all" };
	const char *st = state && *state ? state : "open";
	size_t i;
	for (i = 0; i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(st, states[i]))
			break;
	if (i == sizeof states / sizeof states[0])
		return kerr_field(e, KERR_INVALID, "state", KWHY_CHOICE, "state must be open, forwarded, registered, "
		                  "rejected or all"), NULL;
	return list_rows(k, org_id, st, 0, e);
}

static const char SQL_DETAIL[] =
	"SELECT i.message_id, i.eml_sha256, i.size, coalesce(c.sent, ''), coalesce(c.body, ''), "
	"  coalesce(c.problems, '') "
	"FROM intake_item i LEFT JOIN intake_content c ON c.item_id = i.id WHERE i.id = ?1";
static const char SQL_FILES[] =
	"SELECT seq, name, media_type, size, preview FROM intake_file WHERE item_id = ?1 ORDER BY seq";

static int add_detail(kansli *k, int64_t id, json_t *v, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_DETAIL, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld", (long long)id);
	if (rc)
		return rc;
	const char *source = json_string_value(json_object_get(v, "source"));
	/* an API item's message id is the caller's key, which stays the caller's */
	json_object_set_new(v, "message_id", json_string(strcmp(source, "api") ? db_col_text(s, 0) : ""));
	json_object_set_new(v, "original_sha256", json_string(db_col_text(s, 1)));
	json_object_set_new(v, "size", json_integer(db_col_int(s, 2)));
	json_object_set_new(v, "sent", json_string(db_col_text(s, 3)));
	json_object_set_new(v, "text", json_string(db_col_text(s, 4)));
	json_t *problems = json_array();
	const char *p = db_col_text(s, 5);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n)
			json_array_append_new(problems, json_stringn(p, n));
		p += n + (nl != NULL);
	}
	json_object_set_new(v, "problem_list", problems);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_FILES, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	json_t *files = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(files, json_pack("{s:I,s:s,s:s,s:I,s:s}", "seq", (json_int_t)db_col_int(s, 0),
		                                       "name", db_col_text(s, 1), "media_type", db_col_text(s, 2),
		                                       "size", (json_int_t)db_col_int(s, 3), "preview", db_col_text(s, 4)));
	json_object_set_new(v, "attachments", files);
	return rc < 0 ? rc : 0;
}

/* What the registration form starts from (the registrar checks it): the
 * subject as title, the sender as party (name, and the address as the
 * document gives it), the arrival date in Swedish time as date received. */
static void add_prefill(json_t *v)
{
	const char *sender = json_string_value(json_object_get(v, "sender"));
	char name[400], address[300] = "";
	snprintf(name, sizeof name, "%s", sender);
	char *lt = strrchr(name, '<');
	size_t n = strlen(name);
	if (lt && n && name[n - 1] == '>') {
		snprintf(address, sizeof address, "%.*s", (int)(name + n - 1 - lt - 1), lt + 1);
		while (lt > name && lt[-1] == ' ')
			lt--;
		*lt = 0;
		if (lt == name)
			snprintf(name, sizeof name, "%s", address);
	}
	char local[32];
	int64_t at = json_integer_value(json_object_get(v, "arrived_us"));
	time_format_local(at, local, sizeof local);
	local[10] = 0;
	json_object_set_new(v, "prefill", json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	                                            json_string_value(json_object_get(v, "subject")),
	                                            "party", name, "party_address", address, "doc_date", local,
	                                            "direction", "in"));
	json_object_del(v, "arrived_us");
}

static const char SQL_ARRIVED[] = "SELECT arrived_us FROM intake_item WHERE id = ?1";

json_t *intake_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	json_t *rows = list_rows(k, org_id, "all", id, e);
	if (!rows)
		return NULL;
	json_t *v = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!v)
		return kerr_set(e, KERR_NOTFOUND, "no inbox item %lld in this organisation", (long long)id), NULL;
	db_stmt *s = db_prep(k->db, SQL_ARRIVED, e);
	int rc = s ? 0 : KERR_INTERNAL;
	if (s) {
		db_bind_int(s, 1, id);
		if (!(rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld", (long long)id))) {
			json_object_set_new(v, "arrived_us", json_integer(db_col_int(s, 0)));
			db_done(s);
		}
	}
	if (rc || (rc = add_detail(k, id, v, e))) {
		json_decref(v);
		return NULL;
	}
	add_prefill(v);
	return v;
}

static const char SQL_ORIGINAL[] =
	"SELECT i.eml_sha256, i.source FROM intake_item i WHERE i.id = ?1 AND i.org_id = ?2 "
	"  AND NOT EXISTS (SELECT 1 FROM intake_decision d WHERE d.item_id = i.id)";
static const char SQL_FILE[] =
	"SELECT f.hash, f.name, f.media_type FROM intake_file f JOIN intake_item i ON i.id = f.item_id "
	"WHERE f.item_id = ?1 AND i.org_id = ?2 AND f.seq = ?3";

int intake_file_path(kansli *k, int64_t org_id, int64_t id, const char *which, char *path, size_t len,
                     char name[256], char type[128], kerr *e)
{
	int original = !strcmp(which, "original");
	long seq = original ? 0 : strtol(which, NULL, 10);
	db_stmt *s = access_prep(k, org_id, ACCESS_INTAKE, original ? SQL_ORIGINAL : SQL_FILE, e);
	if (!s)
		return e->code ? e->code : KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	if (!original)
		db_bind_int(s, 3, seq);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no such file of an inbox item waiting to be judged");
	if (rc)
		return rc;
	blob_path(&k->blobs, db_col_text(s, 0), path, len);
	if (original) {
		int api = !strcmp(db_col_text(s, 1), "api");
		snprintf(name, 256, "%s", api ? "inlamning.json" : "meddelande.eml");
		snprintf(type, 128, "%s", api ? "application/json" : "message/rfc822");
	} else {
		snprintf(name, 256, "%s", db_col_text(s, 1));
		snprintf(type, 128, "%s", db_col_text(s, 2));
	}
	db_done(s);
	return 0;
}
