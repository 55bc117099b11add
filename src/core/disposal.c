/* disposal.c — proposing, approving and executing disposal runs; see disposal.h. */
#include "core/disposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/disposal_copies.h"
#include "core/org.h"
#include "core/records.h"
#include "core/retention.h"
#include "core/search.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/hash.h"
#include "util/timeutil.h"

static const char SQL_RUN_INSERT[] =
	"INSERT INTO disposal_run(org_id, status, as_of, proposed_us, proposed_by, proposed_user) "
	"VALUES(?1, 'proposed', ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_ITEM_INSERT[] =
	"INSERT INTO disposal_item(run_id, record_id, number, title, class_code, doc_type, years, due_date, "
	"  decision, keep_registration) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

int disposal_propose(kansli *k, int64_t org_id, int64_t *run_id, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	json_t *items = retention_due_items(k, org_id, 1, e), *numbers = json_array();
	char today[11];
	time_today(today);
	if (!items) {
		rc = e->code ? e->code : KERR_INTERNAL;
		goto fail;
	}
	if (json_array_size(items) == 0) {
		rc = kerr_field(e, KERR_CONFLICT, "run", KWHY_STATE,
		                "nothing is due for disposal on %s (or it is in a run already)", today);
		goto fail;
	}
	db_stmt *s = db_prep(k->db, SQL_RUN_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, today);
	db_bind_int(s, 3, time_now_us());
	db_bind_text(s, 4, k->actor);
	db_bind_int(s, 5, k->user_id);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto fail; }
	*run_id = db_col_int(s, 0);
	db_done(s);
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		if (!(s = db_prep(k->db, SQL_ITEM_INSERT, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, *run_id);
		db_bind_int(s, 2, json_integer_value(json_object_get(o, "record_id")));
		db_bind_text(s, 3, json_string_value(json_object_get(o, "number")));
		db_bind_text(s, 4, json_string_value(json_object_get(o, "title")));
		db_bind_text(s, 5, json_string_value(json_object_get(o, "class")));
		db_bind_text(s, 6, json_string_value(json_object_get(o, "doc_type")));
		db_bind_int(s, 7, json_integer_value(json_object_get(o, "years")));
		db_bind_text(s, 8, json_string_value(json_object_get(o, "due")));
		db_bind_text(s, 9, json_string_value(json_object_get(o, "decision")));
		db_bind_int(s, 10, json_is_true(json_object_get(o, "keep_registration")));
		if ((rc = db_run(s, e)))
			goto fail;
		json_array_append(numbers, json_object_get(o, "number"));
	}
	if ((rc = audit_append(k, org_id, "disposal.propose", "disposal", *run_id,
	                       json_pack("{s:s,s:I,s:O}", "as_of", today, "count", (json_int_t)json_array_size(items),
	                                 "records", numbers), e)))
		goto fail;
	json_decref(items);
	json_decref(numbers);
	return kansli_commit(k, e);
fail:
	json_decref(items);
	json_decref(numbers);
	kansli_rollback(k);
	return rc;
}

static const char SQL_RUN_GET[] =
	"SELECT status, proposed_user, proposed_by, proposed_us, approved_by, approved_us, as_of "
	"FROM disposal_run WHERE id = ?1 AND org_id = ?2";

typedef struct run_row {
	char status[16], proposed_by[160], approved_by[160], as_of[11];
	int64_t proposed_user, proposed_us, approved_us;
} run_row;

static int run_load(kansli *k, int64_t org_id, int64_t run_id, run_row *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_RUN_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, run_id);
	db_bind_int(s, 2, org_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no disposal run %lld in this organisation", (long long)run_id);
	if (rc)
		return rc;
	snprintf(out->status, sizeof out->status, "%s", db_col_text(s, 0));
	out->proposed_user = db_col_int(s, 1);
	snprintf(out->proposed_by, sizeof out->proposed_by, "%s", db_col_text(s, 2));
	out->proposed_us = db_col_int(s, 3);
	snprintf(out->approved_by, sizeof out->approved_by, "%s", db_col_text(s, 4));
	out->approved_us = db_col_null(s, 5) ? 0 : db_col_int(s, 5);
	snprintf(out->as_of, sizeof out->as_of, "%s", db_col_text(s, 6));
	db_done(s);
	return 0;
}

static const char SQL_RUN_APPROVE[] =
	"UPDATE disposal_run SET status = 'approved', approved_us = ?2, approved_by = ?3 WHERE id = ?1";

const char *disposal_approve_hindrance(kansli *k, int64_t org_id, int64_t run_id, kerr *e)
{
	run_row run;
	kerr denied = KERR_INIT;
	if (access_check(k, org_id, ACCESS_ARCHIVE, &denied))
		return "no_right";
	if (run_load(k, org_id, run_id, &run, e))
		return "unreadable";
	if (strcmp(run.status, "proposed"))
		return "not_proposed";
	if (k->user_id <= 0)
		return "no_user";
	if (run.proposed_user > 0 && run.proposed_user == k->user_id)
		return "own_run";
	return NULL;
}

int disposal_approve(kansli *k, int64_t org_id, int64_t run_id, kerr *e)
{
	run_row run;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) || (rc = run_load(k, org_id, run_id, &run, e)))
		goto fail;
	if (strcmp(run.status, "proposed")) {
		rc = kerr_field(e, KERR_CONFLICT, "run", KWHY_STATE,
		                "disposal run %lld is %s, not waiting for approval", (long long)run_id,
		                run.status);
		goto fail;
	}
	/* Four eyes: a named archivist approves, not the one who proposed the
	 * run. The installation's own administrator (a shell without --user)
	 * is nobody in particular, so it can be no second pair of eyes. */
	if (k->user_id <= 0) {
		rc = kerr_field(e, KERR_DENIED, "run", KWHY_FOUR_EYES,
		                "approving disposal run %lld needs a named archivist other than %s: "
		                "the installation's administrator cannot approve (four eyes)",
		                (long long)run_id, run.proposed_by);
		goto fail;
	}
	if (run.proposed_user > 0 && run.proposed_user == k->user_id) {
		rc = kerr_field(e, KERR_DENIED, "run", KWHY_FOUR_EYES,
		                "disposal run %lld was proposed by %s: another archivist must approve it "
		                "(four eyes)", (long long)run_id, run.proposed_by);
		goto fail;
	}
	db_stmt *s = db_prep(k->db, SQL_RUN_APPROVE, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, run_id);
	db_bind_int(s, 2, time_now_us());
	db_bind_text(s, 3, k->actor);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "disposal.approve", "disposal", run_id,
	                       json_pack("{s:s}", "proposed_by", run.proposed_by), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_RUN_CANCEL[] =
	"UPDATE disposal_run SET status = 'cancelled', cancelled_us = ?2, cancelled_by = ?3, cancel_reason = ?4 "
	"WHERE id = ?1";

int disposal_cancel(kansli *k, int64_t org_id, int64_t run_id, const char *reason, kerr *e)
{
	run_row run;
	if (!reason || !*reason || strlen(reason) > 500 || strpbrk(reason, "\r\n"))
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                  "cancelling a disposal run needs a reason of 1-500 characters");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) || (rc = run_load(k, org_id, run_id, &run, e)))
		goto fail;
	if (strcmp(run.status, "proposed") && strcmp(run.status, "approved")) {
		rc = kerr_field(e, KERR_CONFLICT, "run", KWHY_STATE,
		                "disposal run %lld is %s and cannot be cancelled", (long long)run_id,
		                run.status);
		goto fail;
	}
	db_stmt *s = db_prep(k->db, SQL_RUN_CANCEL, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, run_id);
	db_bind_int(s, 2, time_now_us());
	db_bind_text(s, 3, k->actor);
	db_bind_text(s, 4, reason);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "disposal.cancel", "disposal", run_id,
	                       json_pack("{s:s,s:s}", "was", run.status, "reason", reason), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

/* One frozen item and what became of it. */
typedef struct item {
	int64_t record_id;
	char *number, *title, *class_code, *doc_type, *decision, *due;
	int years, keep_registration;
	const char *outcome; /* disposed, held, reopened, already */
} item;

static const char SQL_ITEMS[] =
	"SELECT i.record_id, i.number, i.title, i.class_code, i.doc_type, i.years, i.due_date, i.decision, "
	"  i.keep_registration, r.disposed_note IS NOT NULL, c.status, "
	"  EXISTS (SELECT 1 FROM legal_hold h WHERE h.case_id = c.id AND h.released_us IS NULL) "
	"FROM disposal_item i JOIN record r ON r.id = i.record_id JOIN case_file c ON c.id = r.case_id "
	"WHERE i.run_id = ?1 ORDER BY i.record_id";
static const char SQL_RECORD_FILES[] = "SELECT name, hash FROM record_file WHERE record_id = ?1 ORDER BY id";
static const char SQL_FILES_DELETE[] = "DELETE FROM record_file WHERE record_id = ?1";
static const char SQL_TEXT_DELETE[] = "DELETE FROM record_text WHERE record_id = ?1";
static const char SQL_QUEUE_DELETE[] = "DELETE FROM index_queue WHERE record_id = ?1";
static const char SQL_MARK_KEEP[] = "UPDATE record SET disposed_note = ?2 WHERE id = ?1";
/* The entry's content goes; its number, date and direction stay. */
static const char SQL_MARK_CLEAR[] =
	"UPDATE record SET disposed_note = ?2, title = '', party_id = NULL, party_name = NULL, party_address = NULL, "
	"  secrecy = 'none', legal_ground = NULL, masked_fields = NULL WHERE id = ?1";
static const char SQL_VERSIONS_DELETE[] = "DELETE FROM record_version WHERE record_id = ?1";
static const char SQL_RECORD_PARTY[] = "SELECT party_id FROM record WHERE id = ?1 AND party_id IS NOT NULL";
/* A party no record names any more after its last record was cleared: its
 * name and number are disposed of with that record. Kept, it would stand in
 * the party lists as a party on no record yet, under the name it was first
 * registered with, to staff who could never see it (party.c's list rule),
 * and its personnummer would outlive the disposal that removed its reason. */
static const char SQL_PARTY_DELETE_UNUSED[] =
	"DELETE FROM party WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM record WHERE party_id = ?1)";
static const char SQL_RECORD_STATE[] =
	"SELECT version, direction, doc_date, party_name, title, secrecy, legal_ground, masked_fields, doc_type "
	"FROM record WHERE id = ?1";
static const char SQL_ITEM_OUTCOME[] = "UPDATE disposal_item SET outcome = ?3 WHERE run_id = ?1 AND record_id = ?2";
/* The notice board keeps files too (core/notice.h); where its table is
 * not there, no notice can use a blob. */
static const char SQL_HASH_USED_BY_NOTICE[] = "SELECT 1 FROM notice WHERE file_hash = ?1 LIMIT 1";
/* The inbox keeps an item's original and attachments until it is judged
 * (core/intake.h): a disposed file that arrives again is the new item's. */
static const char SQL_HASH_USED_BY_INTAKE[] =
	"SELECT 1 FROM intake_file WHERE hash = ?1 UNION ALL SELECT 1 FROM intake_item WHERE eml_sha256 = ?1 LIMIT 1";
static const char SQL_FILE_TEXT_DELETE[] = "DELETE FROM file_text WHERE hash = ?1";
static const char SQL_BLOB_DELETE[] = "DELETE FROM blob WHERE hash = ?1";
static const char SQL_REPORT_CASE[] =
	"SELECT case_id FROM disposal_report_case WHERE series_id = ?1 AND year = ?2";
static const char SQL_REPORT_CASE_INSERT[] =
	"INSERT INTO disposal_report_case(series_id, year, case_id) VALUES(?1, ?2, ?3)";
static const char SQL_CASE_NUMBER[] =
	"SELECT s.prefix, c.year, c.seq FROM case_file c JOIN series s ON s.id = c.series_id WHERE c.id = ?1";
static const char SQL_RUN_EXECUTED[] =
	"UPDATE disposal_run SET status = 'executed', executed_us = ?2, executed_by = ?3, report_record_id = ?4 "
	"WHERE id = ?1";
static const char SQL_SETTING_SERIES[] =
	"SELECT s.prefix FROM retention_setting rs JOIN series s ON s.id = rs.report_series_id WHERE rs.org_id = ?1";

static void items_free(item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].number);
		free(items[i].title);
		free(items[i].class_code);
		free(items[i].doc_type);
		free(items[i].decision);
		free(items[i].due);
	}
	free(items);
}

/* 1 when a record or a notice still names hash, 0 when none does, or a
 * negative KERR_* when that cannot be read: a blob is removed only on a
 * sure 0. */
static int hash_in_use(kansli *k, const char *hash, kerr *e)
{
	int rc = disposal_hash_in_records(k, hash, e);
	if (rc)
		return rc;
	static const char *const users[] = { SQL_HASH_USED_BY_NOTICE, SQL_HASH_USED_BY_INTAKE };
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		db_stmt *s = db_prep(k->db, users[i], e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_text(s, 1, hash);
		rc = db_step(s, e);
		db_done(s);
		if (rc != DB_DONE)
			return rc < 0 ? rc : 1;
	}
	return 0;
}

/* Disposes of one record inside the transaction; adds its blobs' hashes to
 * hashes (no duplicates) and logs its state after disposal. */
static int dispose_record_tx(kansli *k, int64_t org_id, int64_t run_id, const item *it, const char *today,
                             json_t *hashes, kerr *e)
{
	char note[400];
	snprintf(note, sizeof note, "Gallrad %s enligt %s", today, it->decision);
	int rc = search_forget_tx(k, it->record_id, e);
	if (rc)
		return rc;
	json_t *removed = json_array(), *notices = json_array();
	db_stmt *s = db_prep(k->db, SQL_RECORD_FILES, e);
	if (!s) { rc = KERR_INTERNAL; goto out; }
	db_bind_int(s, 1, it->record_id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *h = db_col_text(s, 1);
		json_array_append_new(removed, json_pack("{s:s,s:s}", "name", db_col_text(s, 0), "sha256", h));
		int seen = 0;
		size_t i;
		json_t *v;
		json_array_foreach(hashes, i, v)
			seen |= !strcmp(json_string_value(v), h);
		if (!seen)
			json_array_append_new(hashes, json_string(h));
	}
	if (rc < 0)
		goto out;
	static const char *const deletes[] = { SQL_FILES_DELETE, SQL_TEXT_DELETE, SQL_QUEUE_DELETE };
	for (size_t i = 0; i < 3; i++) {
		if (!(s = db_prep(k->db, deletes[i], e))) { rc = KERR_INTERNAL; goto out; }
		db_bind_int(s, 1, it->record_id);
		if ((rc = db_run(s, e)))
			goto out;
	}
	/* A file of the record posted on the notice board goes with it. */
	size_t f;
	json_t *file;
	json_array_foreach(removed, f, file)
		if ((rc = disposal_copies_notices_tx(k, org_id, json_string_value(json_object_get(file, "sha256")), note,
		                                     notices, e)))
			goto out;
	int64_t party_id = 0; /* the party a cleared entry names no more */
	if (!it->keep_registration) {
		if (!(s = db_prep(k->db, SQL_RECORD_PARTY, e))) { rc = KERR_INTERNAL; goto out; }
		db_bind_int(s, 1, it->record_id);
		if ((rc = db_step(s, e)) == DB_ROW)
			party_id = db_col_int(s, 0);
		db_done(s);
		if (rc < 0)
			goto out;
	}
	if (!(s = db_prep(k->db, it->keep_registration ? SQL_MARK_KEEP : SQL_MARK_CLEAR, e))) { rc = KERR_INTERNAL; goto out; }
	db_bind_int(s, 1, it->record_id);
	db_bind_text(s, 2, note);
	if ((rc = db_run(s, e)))
		goto out;
	if (!it->keep_registration) { /* earlier versions hold the cleared fields too */
		if (!(s = db_prep(k->db, SQL_VERSIONS_DELETE, e))) { rc = KERR_INTERNAL; goto out; }
		db_bind_int(s, 1, it->record_id);
		if ((rc = db_run(s, e)))
			goto out;
	}
	if (party_id) {
		if (!(s = db_prep(k->db, SQL_PARTY_DELETE_UNUSED, e))) { rc = KERR_INTERNAL; goto out; }
		db_bind_int(s, 1, party_id);
		if ((rc = db_run(s, e)))
			goto out;
	}
	/* Its remaining registry entry is indexed anew, without the content. */
	if ((rc = search_enqueue_tx(k, it->record_id, e)))
		goto out;
	if (!(s = db_prep(k->db, SQL_RECORD_STATE, e))) { rc = KERR_INTERNAL; goto out; }
	db_bind_int(s, 1, it->record_id);
	if ((rc = kansli_row(s, e, KERR_INTERNAL, "record %s vanished", it->number)))
		goto out;
	unsigned char h[32];
	char empty_hex[65];
	hash_sha256("", 0, h);
	hash_hex(h, 32, empty_hex);
#define OPT(i) (db_col_null(s, (i)) ? NULL : db_col_text(s, (i)))
	json_t *ev = json_pack("{s:s,s:I,s:s,s:s,s:s?,s:s,s:s,s:s?,s:s?,s:s*,s:s,s:[],s:s,s:I,s:s,s:b,s:O}",
	                       "number", it->number, "version", (json_int_t)db_col_int(s, 0),
	                       "direction", db_col_text(s, 1), "doc_date", db_col_text(s, 2), "party", OPT(3),
	                       "title", db_col_text(s, 4), "secrecy", db_col_text(s, 5), "legal_ground", OPT(6),
	                       "masked", OPT(7), "doc_type", OPT(8), "body_sha256", empty_hex, "files",
	                       "disposed", note, "run", (json_int_t)run_id, "decision", it->decision,
	                       "keep_registration", it->keep_registration, "removed", removed);
#undef OPT
	db_done(s);
	if (json_array_size(notices)) /* the notices that no longer publish its files */
		json_object_set(ev, "notices", notices);
	if ((rc = audit_append(k, org_id, "record.dispose", "record", it->record_id, ev, e)))
		goto out;
out:
	json_decref(removed);
	json_decref(notices);
	return rc;
}

static const char *outcome_sv(const char *o)
{
	return !strcmp(o, "disposed") ? "gallrad" : !strcmp(o, "held") ? "ej gallrad: rättslig spärr (legal hold)"
		: !strcmp(o, "reopened") ? "ej gallrad: ärendet har öppnats igen" : "ej gallrad: redan gallrad";
}

/* The report's text and CSV from the items. */
static void report_build(const item *items, size_t n, int64_t run_id, const run_row *run, const char *executed_by,
                         const char *when, int disposed, buf *text, buf *csv)
{
	char proposed[32], approved[32];
	time_format_local(run->proposed_us, proposed, sizeof proposed);
	time_format_local(run->approved_us, approved, sizeof approved);
	buf_printf(text, "Gallringsrapport för gallring nr %lld enligt informationshanteringsplanen.\n\n"
	           "Verkställd: %s av %s\nFöreslagen: %s av %s (underlag per %s)\nGodkänd: %s av %s\n"
	           "Gallrade handlingar: %d av %zu\n\n",
	           (long long)run_id, when, executed_by, proposed, run->proposed_by, run->as_of, approved,
	           run->approved_by, disposed, n);
	static const char *const head[] = { "diarienummer", "rubrik", "klass", "handlingstyp", "gallringsfrist",
	                                    "gallringsbar_från", "beslut", "registrering", "utfall" };
	csv_add_row(csv, head, 9, ';');
	for (size_t i = 0; i < n; i++) {
		const item *it = &items[i];
		char years[16];
		snprintf(years, sizeof years, "%d", it->years);
		const char *reg = it->keep_registration ? "behålls" : "rensas";
		buf_printf(text, "%s %s – klass %s%s%s, %d år, gallringsbar från %s, enligt %s; registreringen %s; %s\n",
		           it->number, *it->title ? it->title : "(utan rubrik)", it->class_code, *it->doc_type ? ", " : "",
		           it->doc_type, it->years, it->due, it->decision, reg, outcome_sv(it->outcome));
		const char *row[] = { it->number, it->title, it->class_code, it->doc_type, years, it->due, it->decision,
		                      reg, outcome_sv(it->outcome) };
		csv_add_row(csv, row, 9, ';');
	}
}

json_t *disposal_execute(kansli *k, int64_t org_id, int64_t run_id, const char *series, kerr *e)
{
	run_row run;
	item *items = NULL;
	size_t n = 0;
	json_t *hashes = json_array(), *result = NULL, *removed = json_array(), *after = NULL;
	buf text = BUF_INIT, csv = BUF_INIT;
	char today[11], when[32], series_prefix[40] = "";
	/* Disposal destroys: what its deletes and updates leave in the file's
	 * pages is zeroed (as Debian's SQLite does by default, others not),
	 * and the write-ahead log is emptied after it (disposal_after_commit). */
	int rc = db_secure_delete(k->db, 1, e);
	if (rc || (rc = kansli_begin(k, e)))
		goto out;
	time_today(today);
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) || (rc = run_load(k, org_id, run_id, &run, e)))
		goto fail;
	if (strcmp(run.status, "approved")) {
		rc = !strcmp(run.status, "proposed")
			? kerr_set(e, KERR_CONFLICT, "disposal run %lld is not approved: an archivist other than %s must "
			           "approve it first", (long long)run_id, run.proposed_by)
			: kerr_set(e, KERR_CONFLICT, "disposal run %lld is %s", (long long)run_id,
			           !strcmp(run.status, "executed") ? "already executed" : "cancelled");
		goto fail;
	}
	db_stmt *s;
	if (series && *series)
		snprintf(series_prefix, sizeof series_prefix, "%s", series);
	else if ((s = db_prep(k->db, SQL_SETTING_SERIES, e))) {
		db_bind_int(s, 1, org_id);
		if ((rc = db_step(s, e)) == DB_ROW)
			snprintf(series_prefix, sizeof series_prefix, "%s", db_col_text(s, 0));
		db_done(s);
		if (rc < 0)
			goto fail;
	}
	int64_t series_id;
	if (!*series_prefix) {
		rc = kerr_field(e, KERR_INVALID, "series", KWHY_REQUIRED,
		                "name the series for the disposal report, or set the organisation's "
		                "report series (kansli retention report-series)");
		goto fail;
	}
	if ((rc = series_find(k, org_id, series_prefix, &series_id, e)))
		goto fail;

	if (!(s = db_prep(k->db, SQL_ITEMS, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, run_id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		item *grown = realloc(items, (n + 1) * sizeof *items);
		if (!grown)
			abort();
		items = grown;
		item *it = &items[n++];
		it->record_id = db_col_int(s, 0);
		it->number = strdup(db_col_text(s, 1));
		it->title = strdup(db_col_text(s, 2));
		it->class_code = strdup(db_col_text(s, 3));
		it->doc_type = strdup(db_col_text(s, 4));
		it->years = (int)db_col_int(s, 5);
		it->due = strdup(db_col_text(s, 6));
		it->decision = strdup(db_col_text(s, 7));
		it->keep_registration = (int)db_col_int(s, 8);
		it->outcome = db_col_int(s, 9) ? "already" : strcmp(db_col_text(s, 10), "closed") ? "reopened"
			: db_col_int(s, 11) ? "held" : "disposed";
	}
	if (rc < 0)
		goto fail;
	int disposed = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(items[i].outcome, "disposed"))
			continue;
		if ((rc = dispose_record_tx(k, org_id, run_id, &items[i], today, hashes, e)))
			goto fail;
		disposed++;
	}
	for (size_t i = 0; i < n; i++) {
		if (!(s = db_prep(k->db, SQL_ITEM_OUTCOME, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, run_id);
		db_bind_int(s, 2, items[i].record_id);
		db_bind_text(s, 3, items[i].outcome);
		if ((rc = db_run(s, e)))
			goto fail;
	}
	if ((rc = disposal_copies_purge_tx(k, run_id, e)))
		goto fail;

	/* The report, registered in this year's report case of the series. The
	 * archivist need not hold the registrar's role for it: the report is
	 * part of the disposal they may do, and says what core writes here. */
	time_format_local(time_now_us(), when, sizeof when);
	report_build(items, n, run_id, &run, k->actor, when, disposed, &text, &csv);
	record_file_in file;
	memset(&file, 0, sizeof file);
	snprintf(file.name, sizeof file.name, "gallringsrapport-%lld.csv", (long long)run_id);
	snprintf(file.media_type, sizeof file.media_type, "text/csv");
	file.size = (int64_t)csv.len;
	if ((rc = blob_put_mem(&k->blobs, csv.s, csv.len, file.hash, e)))
		goto fail;
	int64_t case_id = 0, report_id;
	int year = time_date_year(today), created;
	char case_number[CASENUM_MAX], report_number[CASENUM_MAX], title[200];
	int64_t saved_user = access_on_behalf(k);
	if (!(s = db_prep(k->db, SQL_REPORT_CASE, e))) { rc = KERR_INTERNAL; goto fail_user; }
	db_bind_int(s, 1, series_id);
	db_bind_int(s, 2, year);
	if ((rc = db_step(s, e)) == DB_ROW)
		case_id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		goto fail_user;
	if (case_id) {
		if (!(s = db_prep(k->db, SQL_CASE_NUMBER, e))) { rc = KERR_INTERNAL; goto fail_user; }
		db_bind_int(s, 1, case_id);
		if ((rc = kansli_row(s, e, KERR_INTERNAL, "the report case %lld vanished", (long long)case_id)))
			goto fail_user;
		casenum_format_case(case_number, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		db_done(s);
	} else {
		snprintf(title, sizeof title, "Gallringsrapporter %d", year);
		/* the title names nobody: it is its own public title (casetitle.h) */
		case_new c = { .series = series_prefix, .title = title, .public_title = title };
		if ((rc = case_open_tx(k, org_id, &c, &case_id, case_number, e)))
			goto fail_user;
		if (!(s = db_prep(k->db, SQL_REPORT_CASE_INSERT, e))) { rc = KERR_INTERNAL; goto fail_user; }
		db_bind_int(s, 1, series_id);
		db_bind_int(s, 2, year);
		db_bind_int(s, 3, case_id);
		if ((rc = db_run(s, e)))
			goto fail_user;
	}
	snprintf(title, sizeof title, "Gallringsrapport, gallring nr %lld (%d handlingar)", (long long)run_id, disposed);
	record_new rep = { .direction = "internal", .title = title, .body = text.s, .doc_type = "Gallringsrapport",
	                   .nfiles = 1 };
	rc = record_register_tx(k, org_id, case_id, case_number, &rep, &file, &report_id, report_number, &created, e);
	access_restore(k, saved_user);
	if (rc)
		goto fail;

	/* Blobs no record (or notice) names any more go; shared ones stay. */
	int kept = 0;
	size_t i;
	json_t *h;
	json_array_foreach(hashes, i, h) {
		int used = hash_in_use(k, json_string_value(h), e);
		if (used < 0) { rc = used; goto fail; }
		if (used) {
			kept++;
			continue;
		}
		static const char *const forget[] = { SQL_FILE_TEXT_DELETE, SQL_BLOB_DELETE };
		for (int j = 0; j < 2; j++) {
			if (!(s = db_prep(k->db, forget[j], e))) { rc = KERR_INTERNAL; goto fail; }
			db_bind_text(s, 1, json_string_value(h));
			if ((rc = db_run(s, e)))
				goto fail;
		}
		json_array_append(removed, h);
	}
	if (!(s = db_prep(k->db, SQL_RUN_EXECUTED, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, run_id);
	db_bind_int(s, 2, time_now_us());
	db_bind_text(s, 3, k->actor);
	db_bind_int(s, 4, report_id);
	after = json_pack("{s:O}", "removed", removed);
	disposal_after_commit(k, after); /* runs after the real commit, a held one's too */
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "disposal.execute", "disposal", run_id,
	                       json_pack("{s:i,s:i,s:s,s:O}", "disposed", disposed, "skipped", (int)n - disposed,
	                                 "report", report_number, "removed_blobs", removed), e)) ||
	    (rc = kansli_commit(k, e)))
		goto fail;
	/* the files removed, or (the call held: they go once it commits)
	 * those no row names any more */
	json_t *done = json_object_get(after, "unlinked");
	int unlinked = done ? (int)json_integer_value(done) : (int)json_array_size(removed);
	result = json_pack("{s:I,s:i,s:i,s:s,s:i,s:i}", "run", (json_int_t)run_id, "disposed", disposed,
	                   "skipped", (int)n - disposed, "report", report_number, "blobs_removed", unlinked,
	                   "blobs_kept", kept);
	goto out;
fail_user:
	access_restore(k, saved_user);
fail:
	kansli_rollback(k);
out:
	items_free(items, n);
	json_decref(hashes);
	json_decref(removed);
	json_decref(after);
	buf_free(&text);
	buf_free(&csv);
	return result;
}

static const char SQL_RUNS[] =
	"SELECT d.id, d.status, d.as_of, d.proposed_us, d.proposed_by, d.approved_us, d.approved_by, d.executed_us, "
	"  d.executed_by, (SELECT count(*) FROM disposal_item i WHERE i.run_id = d.id), "
	"  s.prefix, c.year, c.seq, r.seq, d.cancelled_us, d.cancelled_by, d.cancel_reason "
	"FROM disposal_run d LEFT JOIN record r ON r.id = d.report_record_id "
	"LEFT JOIN case_file c ON c.id = r.case_id LEFT JOIN series s ON s.id = c.series_id "
	"WHERE d.org_id = ?1 AND (?2 = 0 OR d.id = ?2) ORDER BY d.id DESC";

static json_t *runs(kansli *k, int64_t org_id, int64_t only, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ARCHIVE, SQL_RUNS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, only);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char t[32];
		time_format_local(db_col_int(s, 3), t, sizeof t);
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "status", db_col_text(s, 1), "as_of", db_col_text(s, 2), "proposed", t,
		                      "proposed_by", db_col_text(s, 4), "items", (json_int_t)db_col_int(s, 9));
		if (!db_col_null(s, 5)) {
			time_format_local(db_col_int(s, 5), t, sizeof t);
			json_object_set_new(o, "approved", json_string(t));
			json_object_set_new(o, "approved_by", json_string(db_col_text(s, 6)));
		}
		if (!db_col_null(s, 7)) {
			time_format_local(db_col_int(s, 7), t, sizeof t);
			json_object_set_new(o, "executed", json_string(t));
			json_object_set_new(o, "executed_by", json_string(db_col_text(s, 8)));
		}
		if (!db_col_null(s, 14)) {
			time_format_local(db_col_int(s, 14), t, sizeof t);
			json_object_set_new(o, "cancelled", json_string(t));
			json_object_set_new(o, "cancelled_by", json_string(db_col_text(s, 15)));
			json_object_set_new(o, "cancel_reason", json_string(db_col_text(s, 16)));
		}
		if (!db_col_null(s, 10)) {
			char num[CASENUM_MAX];
			casenum_format_record(num, db_col_text(s, 10), (int)db_col_int(s, 11), (int)db_col_int(s, 12),
			                      (int)db_col_int(s, 13));
			json_object_set_new(o, "report", json_string(num));
		}
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *disposal_list(kansli *k, int64_t org_id, kerr *e)
{
	return runs(k, org_id, 0, e);
}

static const char SQL_RUN_ITEMS[] =
	"SELECT number, title, class_code, doc_type, years, due_date, decision, keep_registration, outcome "
	"FROM disposal_item WHERE run_id = ?1 ORDER BY record_id";

json_t *disposal_show(kansli *k, int64_t org_id, int64_t run_id, kerr *e)
{
	if (run_id < 1) {
		kerr_set(e, KERR_NOTFOUND, "no disposal run %lld", (long long)run_id);
		return NULL;
	}
	json_t *arr = runs(k, org_id, run_id, e);
	if (!arr)
		return NULL;
	if (json_array_size(arr) == 0) {
		json_decref(arr);
		kerr_set(e, KERR_NOTFOUND, "no disposal run %lld in this organisation", (long long)run_id);
		return NULL;
	}
	json_t *run = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	json_t *items = json_array();
	json_object_set_new(run, "records", items);
	db_stmt *s = db_prep(k->db, SQL_RUN_ITEMS, e);
	if (!s) {
		json_decref(run);
		return NULL;
	}
	db_bind_int(s, 1, run_id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:b}", "number", db_col_text(s, 0),
		                      "title", db_col_text(s, 1), "class", db_col_text(s, 2), "doc_type", db_col_text(s, 3),
		                      "years", (json_int_t)db_col_int(s, 4), "due", db_col_text(s, 5),
		                      "decision", db_col_text(s, 6), "keep_registration", (int)db_col_int(s, 7));
		if (!db_col_null(s, 8))
			json_object_set_new(o, "outcome", json_string(db_col_text(s, 8)));
		json_array_append_new(items, o);
	}
	if (rc < 0) {
		json_decref(run);
		return NULL;
	}
	return run;
}
