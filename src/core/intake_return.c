/*
 * intake_return.c — an inbox item sent back: the officer it was forwarded
 * to (or a member of its unit) finds it is not theirs, and sends it back
 * to the registrars with a note saying why (see intake.h). The forwarding
 * is removed, so the item is open again and leaves the officer's view;
 * who sent it back and why stays beside it (intake_return) until it is
 * forwarded anew, for the registrar who judges it next. One transaction,
 * one "intake.send_back" event.
 */
#include "core/intake.h"

#include <stdio.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char SQL_FORWARDED[] =
	"SELECT (SELECT outcome FROM intake_decision d WHERE d.item_id = i.id), "
	"  EXISTS (SELECT 1 FROM intake_forward f WHERE f.item_id = i.id) "
	"FROM intake_item i WHERE i.id = ?1 AND i.org_id = ?2";
static const char SQL_UNFORWARD[] = "DELETE FROM intake_forward WHERE item_id = ?1";
static const char SQL_RETURN[] =
	"INSERT INTO intake_return(item_id, user_id, note, returned_us) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT(item_id) DO UPDATE SET user_id = excluded.user_id, note = excluded.note, "
	"returned_us = excluded.returned_us";
static const char SQL_RETURN_FORGET[] = "DELETE FROM intake_return WHERE item_id = ?1";

/* Item id of org_id is forwarded and not judged: 0, or KERR_*. */
static int forwarded_item(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FORWARDED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld in this organisation", (long long)id);
	if (rc)
		return rc;
	char outcome[16];
	snprintf(outcome, sizeof outcome, "%s", db_col_text(s, 0));
	int forwarded = (int)db_col_int(s, 1);
	db_done(s);
	if (*outcome)
		return kerr_field(e, KERR_CONFLICT, "item", KWHY_STATE, "inbox item %lld is already %s", (long long)id,
		                  outcome);
	if (!forwarded)
		return kerr_field(e, KERR_CONFLICT, "item", KWHY_STATE, "inbox item %lld is not forwarded: there is "
		                  "nothing to send back", (long long)id);
	return 0;
}

static int run_id(kansli *k, const char *sql, int64_t id, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	return db_run(s, e);
}

int intake_return_forget(kansli *k, int64_t id, kerr *e)
{
	return run_id(k, SQL_RETURN_FORGET, id, e);
}

int intake_send_back(kansli *k, int64_t org_id, int64_t id, const char *note, kerr *e)
{
	int why = text_line_why(note, 500);
	if (why || text_check_str(note, TEXT_LINE))
		return kerr_field(e, KERR_INVALID, "note", why == KWHY_REQUIRED ? KWHY_REQUIRED : KWHY_FORMAT,
		                  "say why it is sent back: a note of one line, at most 500 bytes");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_intake_item(k, org_id, id, e)) || (rc = forwarded_item(k, org_id, id, e)) ||
	    (rc = run_id(k, SQL_UNFORWARD, id, e)))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_RETURN, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, k->user_id);
	db_bind_text(s, 3, note);
	db_bind_int(s, 4, time_now_us());
	if (!(rc = db_run(s, e)))
		rc = audit_append(k, org_id, "intake.send_back", "intake_item", id,
		                  json_pack("{s:I,s:s}", "item", (json_int_t)id, "note", note), e);
	return kansli_end(k, rc, e);
}
