/*
 * intake_join.c — several inbox items as one record, and one item as
 * several (see intake.h). A letter sent in three mails, each with a part
 * of the application, is one document; one mail holding a complaint and
 * an unrelated application is two. Either way nothing is lost: every
 * attachment lands in a record, and each item's frozen original is kept
 * with every record made from it. Each is one transaction, with the
 * records' own events and one "intake.join" or "intake.split" event.
 */
#include "core/intake.h"

#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/cases.h"
#include "core/intake_tx.h"
#include "core/party.h"

/* The texts of the items, stored as blobs before the transaction. */
typedef struct texts {
	char hash[INTAKE_JOIN_MAX][65];
	int64_t size[INTAKE_JOIN_MAX];
} texts;

static int join_check(const int64_t *ids, int n, kerr *e)
{
	if (n < 2 || n > INTAKE_JOIN_MAX)
		return kerr_field(e, KERR_INVALID, "items", KWHY_RANGE, "join 2 to %d inbox items", INTAKE_JOIN_MAX);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (ids[i] == ids[j])
				return kerr_field(e, KERR_INVALID, "items", KWHY_DUPLICATE, "inbox item %lld is named twice",
				                  (long long)ids[i]);
	return 0;
}

/* Inside the transaction: every item's files, named "ID-name", into files. */
static int join_files(kansli *k, int64_t org_id, const int64_t *ids, json_t *const *items, int n, const texts *t,
                      record_file_in *files, int *nfiles, kerr *e)
{
	*nfiles = 0;
	for (int i = 0; i < n; i++) {
		record_file_in one[RECORD_MAX_FILES];
		int none = 0, rc;
		if ((rc = intake_open_item(k, org_id, ids[i], 1, e)) ||
		    (rc = intake_record_files(k, org_id, ids[i], items[i], t->hash[i], t->size[i], one, &none, e)))
			return rc;
		if (*nfiles + none > RECORD_MAX_FILES)
			return kerr_field(e, KERR_INVALID, "items", KWHY_TOO_LONG, "together the items have more than the "
			                  "%d files a record holds: join fewer", RECORD_MAX_FILES);
		for (int f = 0; f < none; f++) {
			record_file_in *to = &files[(*nfiles)++];
			*to = one[f];
			snprintf(to->name, sizeof to->name, "%lld-%.230s", (long long)ids[i], one[f].name);
		}
	}
	return 0;
}

/* The earliest arrival of the items: its prefill's date received. */
static json_t *earliest(json_t *const *items, int n)
{
	json_t *first = items[0];
	for (int i = 1; i < n; i++)
		if (strcmp(json_string_value(json_object_get(items[i], "arrived")),
		           json_string_value(json_object_get(first, "arrived"))) < 0)
			first = items[i];
	return first;
}

/* r's fields the registrar left NULL, from the item's prefill. */
static void prefill(record_new *r, json_t *pre, const char *doc_date)
{
	if (!r->direction) r->direction = "in";
	if (!r->title) r->title = json_string_value(json_object_get(pre, "title"));
	if (!r->doc_date) r->doc_date = doc_date;
	if (!r->party_name) {
		r->party_name = json_string_value(json_object_get(pre, "party"));
		if (!r->party_address)
			r->party_address = json_string_value(json_object_get(pre, "party_address"));
	}
	if (!r->party_kind) r->party_kind = "person";
}

static int finish(kansli *k, int64_t org_id, int rc, kerr *e)
{
	if (rc) {
		kansli_rollback(k);
		return party_log_refused(k, org_id, rc, e);
	}
	return kansli_commit(k, e);
}

int intake_join(kansli *k, int64_t org_id, const int64_t *ids, int n, const char *case_number, const case_new *c,
                const record_new *given, char number[CASENUM_MAX], kerr *e)
{
	int rc = join_check(ids, n, e);
	if (rc)
		return rc;
	texts t;
	json_t *items[INTAKE_JOIN_MAX] = { 0 };
	for (int i = 0; i < n && !rc; i++)
		if (!(rc = intake_store_text(k, org_id, ids[i], t.hash[i], &t.size[i], e)) &&
		    !(items[i] = intake_show(k, org_id, ids[i], e)))
			rc = e->code;
	record_new r = *given;
	record_file_in files[RECORD_MAX_FILES];
	int64_t case_id, record_id;
	char case_no[CASENUM_MAX];
	int created, nfiles = 0;
	if (rc || (rc = kansli_begin(k, e)))
		goto done;
	json_t *first = earliest(items, n);
	prefill(&r, json_object_get(items[0], "prefill"),
	        json_string_value(json_object_get(json_object_get(first, "prefill"), "doc_date")));
	if ((rc = join_files(k, org_id, ids, items, n, &t, files, &nfiles, e)))
		goto out;
	r.nfiles = nfiles;
	if ((rc = intake_case_for(k, org_id, case_number, c, &r, &case_id, case_no, e)) ||
	    (rc = record_register_tx(k, org_id, case_id, case_no, &r, files, &record_id, number, &created, e)))
		goto out;
	json_t *joined = json_array();
	for (int i = 0; i < n && !rc; i++) {
		json_array_append_new(joined, json_integer(ids[i]));
		if (!(rc = intake_decide_tx(k, ids[i], "registered", NULL, record_id, e)))
			rc = intake_forget_content(k, ids[i], e);
	}
	if (rc)
		json_decref(joined);
	else
		rc = audit_append(k, org_id, "intake.join", "intake_item", ids[0],
		                  json_pack("{s:o,s:s,s:s}", "items", joined, "record", number, "arrived",
		                            json_string_value(json_object_get(first, "arrived"))), e);
out:
	rc = finish(k, org_id, rc, e);
done:
	for (int i = 0; i < n; i++)
		json_decref(items[i]);
	return rc;
}

/* Each attachment in exactly one part, each part with one at least. */
static int split_check(const intake_part *parts, int nparts, int nattach, kerr *e)
{
	if (nparts > MAIL_MAX_ATTACHMENTS)
		return kerr_field(e, KERR_INVALID, "parts", KWHY_RANGE, "split into 2 to %d records",
		                  MAIL_MAX_ATTACHMENTS);
	int part_of[MAIL_MAX_ATTACHMENTS + 1] = { 0 };
	for (int p = 0; p < nparts; p++) {
		if (!parts[p].case_number || !*parts[p].case_number)
			return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED, "part %d names no case", p + 1);
		if (parts[p].nseqs < 1)
			return kerr_field(e, KERR_INVALID, "attachments", KWHY_REQUIRED, "part %d holds no attachment: "
			                  "each record of a split holds one at least", p + 1);
		for (int i = 0; i < parts[p].nseqs; i++) {
			int seq = parts[p].seqs[i];
			if (seq < 1 || seq > nattach)
				return kerr_field(e, KERR_INVALID, "attachments", KWHY_UNKNOWN, "the item has no attachment %d "
				                  "(it has %d)", seq, nattach);
			if (part_of[seq])
				return kerr_field(e, KERR_INVALID, "attachments", KWHY_DUPLICATE, "attachment %d is in parts "
				                  "%d and %d: each goes into one record", seq, part_of[seq], p + 1);
			part_of[seq] = p + 1;
		}
	}
	for (int seq = 1; seq <= nattach; seq++)
		if (!part_of[seq])
			return kerr_field(e, KERR_INVALID, "attachments", KWHY_REQUIRED, "attachment %d is in no part: "
			                  "nothing that arrived may be left out", seq);
	/* checked last: a missing attachment is the more useful thing to say */
	if (nparts < 2)
		return kerr_field(e, KERR_INVALID, "parts", KWHY_RANGE, "split into 2 to %d records: one record of "
		                  "the whole item is a registration", MAIL_MAX_ATTACHMENTS);
	return 0;
}

static const char SQL_SPLIT_INSERT[] = "INSERT INTO intake_split(item_id, record_id) VALUES(?1, ?2)";

static int split_row(kansli *k, int64_t id, int64_t record_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SPLIT_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, record_id);
	return db_run(s, e);
}

/* Registers part p of the item: its text, its attachments, the original. */
static int split_part(kansli *k, int64_t org_id, const intake_part *part, json_t *item, const record_file_in *all,
                      int nall, int has_text, int64_t *record_id, char number[CASENUM_MAX], kerr *e)
{
	record_file_in files[RECORD_MAX_FILES];
	int n = 0, created;
	if (has_text)
		files[n++] = all[0];
	for (int i = 0; i < part->nseqs; i++)
		files[n++] = all[has_text + part->seqs[i] - 1];
	files[n++] = all[nall - 1];
	char title[600];
	if (!part->title)
		snprintf(title, sizeof title, "%.300s – %.250s", json_string_value(json_object_get(item, "subject")),
		         files[has_text].name);
	record_new r = { .title = part->title ? part->title : title, .nfiles = n, .secrecy = part->secrecy,
	                 .legal_ground = part->legal_ground, .masked = part->masked };
	prefill(&r, json_object_get(item, "prefill"),
	        json_string_value(json_object_get(json_object_get(item, "prefill"), "doc_date")));
	int64_t case_id;
	char case_no[CASENUM_MAX];
	int rc = intake_case_for(k, org_id, part->case_number, NULL, &r, &case_id, case_no, e);
	return rc ? rc : record_register_tx(k, org_id, case_id, case_no, &r, files, record_id, number, &created, e);
}

int intake_split(kansli *k, int64_t org_id, int64_t id, const intake_part *parts, int nparts,
                 char (*numbers)[CASENUM_MAX], kerr *e)
{
	/* The text and the original, which hold every attachment, go into
	 * every part: one secret part makes them all secret (an outside
	 * review's find, s8c C4: an open part carried a secret one's
	 * attachment and personnummer into the public registry). */
	for (int i = 0; i < nparts; i++)
		if (parts[i].secrecy && strcmp(parts[i].secrecy, "none"))
			for (int j = 0; j < nparts; j++)
				if (!parts[j].secrecy || !strcmp(parts[j].secrecy, "none"))
					return kerr_field(e, KERR_INVALID, "secrecy", KWHY_STATE, "part %d is secret, and the "
					                  "text and the original that go with every part hold it: part %d must "
					                  "be secret too", i + 1, j + 1);
	char text_hash[65];
	int64_t text_size;
	int rc = intake_store_text(k, org_id, id, text_hash, &text_size, e);
	if (rc)
		return rc;
	json_t *item = intake_show(k, org_id, id, e);
	if (!item)
		return e->code;
	record_file_in all[RECORD_MAX_FILES];
	int nall = 0, has_text = *text_hash != 0;
	if ((rc = kansli_begin(k, e)))
		goto done;
	if ((rc = intake_open_item(k, org_id, id, 1, e)) ||
	    (rc = intake_record_files(k, org_id, id, item, text_hash, text_size, all, &nall, e)) ||
	    (rc = split_check(parts, nparts, nall - 1 - has_text, e)))
		goto out;
	json_t *records = json_array();
	int64_t first = 0;
	for (int p = 0; p < nparts && !rc; p++) {
		int64_t record_id;
		if (!(rc = split_part(k, org_id, &parts[p], item, all, nall, has_text, &record_id, numbers[p], e)) &&
		    !(rc = split_row(k, id, record_id, e))) {
			json_array_append_new(records, json_string(numbers[p]));
			if (!first)
				first = record_id;
		}
	}
	if (rc || (rc = intake_decide_tx(k, id, "registered", NULL, first, e)) || (rc = intake_forget_content(k, id, e)))
		json_decref(records);
	else
		rc = audit_append(k, org_id, "intake.split", "intake_item", id,
		                  json_pack("{s:I,s:o,s:s}", "item", (json_int_t)id, "records", records, "arrived",
		                            json_string_value(json_object_get(item, "arrived"))), e);
out:
	rc = finish(k, org_id, rc, e);
done:
	json_decref(item);
	return rc;
}
