/*
 * intake_decide.c — what a registrar does with an inbox item: register
 * it (a new case, or a record in a case: also the officer it is
 * forwarded to), reject it with a reason, forward it, and the purge of
 * rejected items after their time (see intake.h). Each is one
 * transaction with one "intake.*" event. The steps a split and a join
 * share are intake_tx.h's.
 *
 * A registered item's text, attachments and original become the record's
 * files, and what the inbox read out of it (intake_content, intake_file)
 * is removed in the same transaction: from then on the record holds the
 * content, and a disposal of the record destroys it for good.
 */
#include "core/intake.h"
#include "core/intake_read.h"
#include "core/intake_tx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/party.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char *const reasons[] = { "not_public", "little_importance", "spam", NULL };

int intake_reason_valid(const char *reason)
{
	for (int i = 0; reason && reasons[i]; i++)
		if (!strcmp(reason, reasons[i]))
			return 1;
	return 0;
}

static const char SQL_OPEN_ITEM[] =
	"SELECT i.id, (SELECT outcome FROM intake_decision d WHERE d.item_id = i.id) FROM intake_item i "
	"WHERE i.id = ?1 AND i.org_id = ?2";

/* Inside the transaction: the right to judge item id (officer 1: also
 * the officer it is forwarded to, who may register it; 0: the registrars
 * alone), and item id of org_id not judged yet. 0 or KERR_*. */
int intake_open_item(kansli *k, int64_t org_id, int64_t id, int officer, kerr *e)
{
	int rc = officer ? access_intake_item(k, org_id, id, e) : access_check(k, org_id, ACCESS_INTAKE, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_OPEN_ITEM, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld in this organisation", (long long)id)))
		return rc;
	char outcome[16];
	snprintf(outcome, sizeof outcome, "%s", db_col_text(s, 1));
	db_done(s);
	if (*outcome)
		return kerr_field(e, KERR_CONFLICT, "item", KWHY_STATE, "inbox item %lld is already %s", (long long)id,
		                  outcome);
	return 0;
}

static const char SQL_DECISION_INSERT[] =
	"INSERT INTO intake_decision(item_id, outcome, reason, record_id, decided_us, decided_by) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6)";

int intake_decide_tx(kansli *k, int64_t id, const char *outcome, const char *reason, int64_t record_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_DECISION_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, outcome);
	db_bind_text(s, 3, reason);
	if (record_id) db_bind_int(s, 4, record_id); else db_bind_null(s, 4);
	db_bind_int(s, 5, time_now_us());
	db_bind_int(s, 6, k->user_id);
	return db_run(s, e);
}

int intake_reject(kansli *k, int64_t org_id, int64_t id, const char *reason, kerr *e)
{
	if (!intake_reason_valid(reason))
		return kerr_field(e, KERR_INVALID, "reason", reason && *reason ? KWHY_CHOICE : KWHY_REQUIRED,
		                  "give the reason: not_public (not a public document), little_importance (of little "
		                  "importance, OSL 5 kap. 1 §) or spam");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if (!(rc = intake_open_item(k, org_id, id, 0, e)) &&
	    !(rc = intake_decide_tx(k, id, "rejected", reason, 0, e)))
		rc = audit_append(k, org_id, "intake.reject", "intake_item", id,
		                  json_pack("{s:I,s:s}", "item", (json_int_t)id, "reason", reason), e);
	return kansli_end(k, rc, e);
}

/* Any user with a role here: whether they can act on the item,
 * access_intake_forwardee says, naming what is lacking. */
static const char SQL_USER[] = "SELECT u.id FROM app_user u WHERE u.username = ?1 "
	"AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.org_id = ?2)";
static const char SQL_UNIT[] = "SELECT id FROM unit WHERE code = ?1 AND org_id = ?2";
static const char SQL_FORWARD[] =
	"INSERT INTO intake_forward(item_id, user_id, unit_id, note, forwarded_us, forwarded_by) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(item_id) DO UPDATE SET user_id = excluded.user_id, "
	"unit_id = excluded.unit_id, note = excluded.note, forwarded_us = excluded.forwarded_us, "
	"forwarded_by = excluded.forwarded_by";

static int lookup(kansli *k, const char *sql, const char *key, int64_t org_id, int64_t *id, const char *what,
                  kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, key);
	db_bind_int(s, 2, org_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return kerr_field(e, KERR_INVALID, what, KWHY_UNKNOWN, "no %s '%s' in this organisation", what, key);
	*id = db_col_int(s, 0);
	db_done(s);
	return 0;
}

int intake_forward(kansli *k, int64_t org_id, int64_t id, const char *user, const char *unit, const char *note,
                   kerr *e)
{
	int has_user = user && *user, has_unit = unit && *unit;
	if (has_user == has_unit)
		return kerr_field(e, KERR_INVALID, has_user ? "unit" : "user", KWHY_REQUIRED,
		                  "forward to an officer (user) or a unit: one of them");
	if (note && text_line_why(note, 500) > KWHY_REQUIRED)
		return kerr_field(e, KERR_INVALID, "note", KWHY_TOO_LONG, "the note is one line of at most 500 bytes");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t uid = 0, unit_id = 0;
	if ((rc = intake_open_item(k, org_id, id, 0, e)) || (rc = intake_return_forget(k, id, e)) ||
	    (rc = has_user ? lookup(k, SQL_USER, user, org_id, &uid, "user", e)
	                   : lookup(k, SQL_UNIT, unit, org_id, &unit_id, "unit", e)) ||
	    (has_user && (rc = access_intake_forwardee(k, uid, org_id, user, e))))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_FORWARD, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, id);
	if (uid) db_bind_int(s, 2, uid); else db_bind_null(s, 2);
	if (unit_id) db_bind_int(s, 3, unit_id); else db_bind_null(s, 3);
	db_bind_text(s, 4, note ? note : "");
	db_bind_int(s, 5, time_now_us());
	db_bind_int(s, 6, k->user_id);
	if (!(rc = db_run(s, e)))
		rc = audit_append(k, org_id, "intake.forward", "intake_item", id,
		                  json_pack("{s:I,s:s?,s:s?}", "item", (json_int_t)id, "user", has_user ? user : NULL,
		                            "unit", has_unit ? unit : NULL), e);
	return kansli_end(k, rc, e);
}

static const char SQL_ITEM_PARTS[] =
	"SELECT i.eml_sha256, i.source, coalesce(c.body, ''), c.item_id IS NOT NULL FROM intake_item i "
	"LEFT JOIN intake_content c ON c.item_id = i.id WHERE i.id = ?1 AND i.org_id = ?2";
static const char SQL_ITEM_FILES[] =
	"SELECT name, media_type, hash, size FROM intake_file WHERE item_id = ?1 ORDER BY seq";
static const char SQL_BLOB_SIZE[] = "SELECT size FROM blob WHERE hash = ?1";

/* The record's files: the text (when there is one), the attachments and
 * the original, each named once. Reads inside the transaction; the text
 * was stored as a blob before it (text_hash, "" for none). */
int intake_record_files(kansli *k, int64_t org_id, int64_t id, const json_t *item, const char *text_hash,
                        int64_t text_size, record_file_in *files, int *nfiles, kerr *e)
{
	/* what goes into the registry is what the intake logged */
	int rc = intake_read_check(k, id, e);
	if (rc || (rc = intake_read_unchanged(k, id, json_string_value(json_object_get(item, "subject")),
	                                      json_string_value(json_object_get(item, "sender")), text_hash, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_ITEM_PARTS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld", (long long)id);
	if (rc)
		return rc;
	record_file_in original = { 0 };
	int api = !strcmp(db_col_text(s, 1), "api");
	snprintf(original.hash, sizeof original.hash, "%s", db_col_text(s, 0));
	snprintf(original.name, sizeof original.name, "%s", api ? "inlamning.json" : "meddelande.eml");
	snprintf(original.media_type, sizeof original.media_type, "%s", api ? "application/json" : "message/rfc822");
	db_done(s);
	int n = 0;
	if (*text_hash) {
		files[n] = (record_file_in){ .size = text_size };
		snprintf(files[n].name, sizeof files[n].name, "meddelande.txt");
		snprintf(files[n].media_type, sizeof files[n].media_type, "text/plain");
		snprintf(files[n].hash, sizeof files[n].hash, "%s", text_hash);
		n++;
	}
	if (!(s = db_prep(k->db, SQL_ITEM_FILES, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s, e)) == DB_ROW && n < RECORD_MAX_FILES - 1) {
		record_file_in *f = &files[n++];
		*f = (record_file_in){ .size = db_col_int(s, 3) };
		/* names the inbox made unique; the two of its own are taken */
		const char *name = db_col_text(s, 0);
		int clash = !strcmp(name, "meddelande.txt") || !strcmp(name, original.name);
		snprintf(f->name, sizeof f->name, "%s%s", clash ? "bilaga-" : "", name);
		snprintf(f->media_type, sizeof f->media_type, "%s", db_col_text(s, 1));
		snprintf(f->hash, sizeof f->hash, "%s", db_col_text(s, 2));
	}
	if (rc == DB_ROW)
		db_done(s);
	else if (rc < 0)
		return rc;
	if (!(s = db_prep(k->db, SQL_BLOB_SIZE, e)))
		return KERR_INTERNAL;
	db_bind_text(s, 1, original.hash);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "the original of inbox item %lld has no blob row", (long long)id)))
		return rc;
	original.size = db_col_int(s, 0);
	db_done(s);
	files[n++] = original;
	*nfiles = n;
	return 0;
}

static const char SQL_TEXT[] = "SELECT coalesce(c.body, '') FROM intake_content c JOIN intake_item i "
	"ON i.id = c.item_id WHERE c.item_id = ?1 AND i.org_id = ?2";
static const char SQL_FORGET_FILES[] = "DELETE FROM intake_file WHERE item_id = ?1";
static const char SQL_FORGET_CONTENT[] = "DELETE FROM intake_content WHERE item_id = ?1";

/* The item's text as a blob, before the transaction: "" when it has none. */
int intake_store_text(kansli *k, int64_t org_id, int64_t id, char hash[65], int64_t *size, kerr *e)
{
	*hash = 0;
	*size = 0;
	int rc = access_intake_item(k, org_id, id, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_TEXT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	if ((rc = db_step(s, e)) < 0)
		return rc;
	char *text = rc == DB_ROW ? strdup(db_col_text(s, 0)) : NULL;
	if (rc == DB_ROW)
		db_done(s);
	if (text && *text) {
		*size = (int64_t)strlen(text);
		rc = blob_put_mem(&k->blobs, text, strlen(text), hash, e);
	} else {
		rc = 0;
	}
	free(text);
	return rc;
}

int intake_forget_content(kansli *k, int64_t id, kerr *e)
{
	static const char *const sql[] = { SQL_FORGET_FILES, SQL_FORGET_CONTENT };
	for (int i = 0; i < 2; i++) {
		db_stmt *s = db_prep(k->db, sql[i], e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, id);
		int rc = db_run(s, e);
		if (rc)
			return rc;
	}
	return 0;
}

/* A case is secret when its title is protected or any record of it is
 * marked secret (as for its reminders, reminder_sql.h). */
static const char SQL_CASE_SECRET[] =
	"SELECT c.public_title IS NOT NULL OR EXISTS (SELECT 1 FROM record sr WHERE sr.case_id = c.id "
	"AND sr.secrecy <> 'none') FROM case_file c WHERE c.id = ?1";

int intake_case_for(kansli *k, int64_t org_id, const char *case_number, const case_new *c, const record_new *r,
                    int64_t *case_id, char case_no[CASENUM_MAX], kerr *e)
{
	if (case_number) {
		casenum cn;
		int rc = case_find(k, org_id, case_number, case_id, e);
		if (rc)
			return rc;
		casenum_parse(case_number, &cn, NULL);
		casenum_format_case(case_no, cn.prefix, cn.year, cn.seq);
		if (r->secrecy && *r->secrecy)
			return 0;
		/* Into a case that holds secrets a mail is not registered open
		 * by default: the registrar says which it is (an outside
		 * review's find, s8b B2: split and join made every record open,
		 * and the public registry named a report's parties). */
		db_stmt *s = db_prep(k->db, SQL_CASE_SECRET, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, *case_id);
		if ((rc = kansli_row(s, e, KERR_NOTFOUND, "case %s vanished", case_no)))
			return rc;
		int secret = (int)db_col_int(s, 0);
		db_done(s);
		if (secret)
			return kerr_field(e, KERR_INVALID, "secrecy", KWHY_REQUIRED, "case %s holds secret records: say "
			                  "whether this record is secret too (secrecy with its legal ground), or secrecy "
			                  "none", case_no);
		return 0;
	}
	if (!c)
		return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED, "name the case to register in, or the new "
		                  "case's series and title");
	return case_open_tx(k, org_id, c, case_id, case_no, e);
}

int intake_register(kansli *k, int64_t org_id, int64_t id, const char *case_number, const case_new *c,
                    const record_new *given, char number[CASENUM_MAX], kerr *e)
{
	char text_hash[65];
	int64_t text_size;
	int rc = intake_store_text(k, org_id, id, text_hash, &text_size, e);
	if (rc)
		return rc;
	json_t *item = intake_show(k, org_id, id, e);
	if (!item)
		return e->code;
	json_t *pre = json_object_get(item, "prefill");
	record_new r = *given;
	r.nfiles = 0;
	if (!r.direction) r.direction = "in";
	if (!r.title) r.title = json_string_value(json_object_get(pre, "title"));
	if (!r.doc_date) r.doc_date = json_string_value(json_object_get(pre, "doc_date"));
	if (!r.party_name) {
		r.party_name = json_string_value(json_object_get(pre, "party"));
		if (!r.party_address)
			r.party_address = json_string_value(json_object_get(pre, "party_address"));
	}
	if (!r.party_kind) r.party_kind = "person";
	record_file_in files[RECORD_MAX_FILES];
	int64_t case_id, record_id;
	char case_no[CASENUM_MAX];
	int created, nfiles = 0;
	if ((rc = kansli_begin(k, e))) {
		json_decref(item);
		return rc;
	}
	if ((rc = intake_open_item(k, org_id, id, 1, e)) ||
	    (rc = intake_record_files(k, org_id, id, item, text_hash, text_size, files, &nfiles, e)))
		goto out;
	r.nfiles = nfiles; /* record_register_tx reads the count; the files are files[] */
	if ((rc = intake_case_for(k, org_id, case_number, c, &r, &case_id, case_no, e)))
		goto out;
	if ((rc = record_register_tx(k, org_id, case_id, case_no, &r, files, &record_id, number, &created, e)) ||
	    (rc = intake_decide_tx(k, id, "registered", NULL, record_id, e)) || (rc = intake_forget_content(k, id, e)))
		goto out;
	rc = audit_append(k, org_id, "intake.register", "intake_item", id,
	                  json_pack("{s:I,s:s,s:s}", "item", (json_int_t)id, "record", number, "arrived",
	                            json_string_value(json_object_get(item, "arrived"))), e);
out:
	json_decref(item);
	if (rc) {
		kansli_rollback(k);
		return party_log_refused(k, org_id, rc, e);
	}
	return kansli_commit(k, e);
}
