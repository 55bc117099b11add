/*
 * archive.c — delivery to the e-archive: what goes into a submission
 * package, and the record of every delivery in the audit log.
 *
 * Only closed cases are delivered. A case's records and their current
 * files are chosen by one function with one statement (archive_case_items),
 * so a rule about what may not leave (disposed records, say) has one place
 * to go. The package is written to a temporary name outside any
 * transaction (a large delivery must not hold the registry's write lock),
 * then one transaction checks the cases are still closed, logs export.sip
 * with the package id and its METS checksum, moves the package to its name
 * and commits. A package the log does not name is removed.
 */
#include "core/archive.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/casenum.h"
#include "core/cases.h"
#include "core/delivery.h"
#include "core/org.h"
#include "export/sip.h"
#include "util/timeutil.h"

int archive_may_export(kansli *k, int64_t org_id, kerr *e)
{
	return access_may(k, org_id, ACCESS_ARCHIVE, e);
}

static const char SQL_ORG[] = "SELECT code, name, orgnr FROM organisation WHERE id = ?1";
static const char SQL_USER_NAME[] = "SELECT full_name FROM app_user WHERE id = ?1";
static const char SQL_CASE_HEAD[] =
	"SELECT s.prefix, c.year, c.seq, c.title, c.status, c.officer_name, c.opened_date, c.closed_us, "
	"  cl.code, cl.title, u.code, u.name "
	"FROM case_file c JOIN series s ON s.id = c.series_id "
	"LEFT JOIN class cl ON cl.id = c.class_id LEFT JOIN unit u ON u.id = c.unit_id "
	"WHERE c.id = ?1 AND c.org_id = ?2";
static const char SQL_SERIES_CASES[] =
	"SELECT c.id, c.status, s.prefix, c.year, c.seq FROM case_file c JOIN series s ON s.id = c.series_id "
	"WHERE c.series_id = ?1 AND c.year = ?2 ORDER BY c.seq";
/* What a case delivers: every record with its current (not superseded)
 * files, in record order. Identity numbers of persons are never selected;
 * an organisation's number is. A record disposed of with its registration
 * kept is delivered as that registration, with the disposal (its run's
 * date and decision) and without files (they are gone); one whose
 * registration was cleared is not delivered. */
static const char SQL_CASE_ITEMS[] =
	"SELECT r.id, r.seq, r.version, r.direction, r.doc_date, r.registered_us, r.title, r.party_name, "
	"  p.kind, CASE WHEN p.kind = 'organisation' THEN p.idnum END, r.secrecy, r.legal_ground, "
	"  r.masked_fields, t.body, f.id, f.name, f.media_type, f.hash, f.size, "
	"  r.disposed_note, di.decision, dr.executed_us "
	"FROM record r LEFT JOIN party p ON p.id = r.party_id "
	"LEFT JOIN record_text t ON t.record_id = r.id "
	"LEFT JOIN record_file f ON f.record_id = r.id AND f.superseded_by IS NULL "
	"LEFT JOIN disposal_item di ON di.record_id = r.id AND di.outcome = 'disposed' "
	"LEFT JOIN disposal_run dr ON dr.id = di.run_id "
	"WHERE r.case_id = ?1 AND (r.disposed_note IS NULL OR (di.keep_registration = 1 AND dr.executed_us IS NOT NULL)) "
	"ORDER BY r.seq, f.id";
/* The case's history as the log has it; reads of secret records and of a
 * protected case title (and refused attempts) are not part of the records'
 * provenance. */
static const char SQL_CASE_EVENTS[] =
	"SELECT e.id, e.ts_us, e.actor, e.action, r.seq FROM event e "
	"LEFT JOIN record r ON e.object_type = 'record' AND r.id = e.object_id "
	"WHERE ((e.object_type = 'case' AND e.object_id = ?1) "
	"    OR (e.object_type = 'record' AND e.object_id IN (SELECT id FROM record WHERE case_id = ?1))) "
	"  AND e.action NOT IN ('record.read_secret', 'record.read_secret_denied', 'case.read_secret') ORDER BY e.id";
static const char SQL_CASE_STATUS[] = "SELECT status FROM case_file WHERE id = ?1";

#define OPT(s, i) (db_col_null((s), (i)) ? NULL : db_col_text((s), (i)))

/* The records of a case with their files: [{..., "files":[...]}]. */
static json_t *archive_case_items(kansli *k, int64_t case_id, const char *case_number, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_ITEMS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	json_t *records = json_array(), *rec = NULL;
	int64_t last = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		if (id != last) {
			char num[CASENUM_MAX + 16];
			snprintf(num, sizeof num, "%s-%lld", case_number, (long long)db_col_int(s, 1));
			rec = json_pack("{s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s?,s:s?,s:s?,s:s,s:s?,s:s?,s:s?,s:[]}",
			                "id", (json_int_t)id, "number", num, "version", (json_int_t)db_col_int(s, 2),
			                "direction", db_col_text(s, 3), "doc_date", db_col_text(s, 4),
			                "registered_us", (json_int_t)db_col_int(s, 5), "title", db_col_text(s, 6),
			                "party", OPT(s, 7), "party_kind", OPT(s, 8), "party_orgnr", OPT(s, 9),
			                "secrecy", db_col_text(s, 10), "legal_ground", OPT(s, 11), "masked", OPT(s, 12),
			                "body", OPT(s, 13), "files");
			if (!db_col_null(s, 19))
				json_object_set_new(rec, "disposal",
				                    json_pack("{s:s,s:s,s:I}", "note", db_col_text(s, 19), "decision",
				                              db_col_text(s, 20), "executed_us", (json_int_t)db_col_int(s, 21)));
			json_array_append_new(records, rec);
			last = id;
		}
		if (!db_col_null(s, 14))
			json_array_append_new(json_object_get(rec, "files"),
			                      json_pack("{s:s,s:s,s:s,s:I}", "name", db_col_text(s, 15),
			                                "media_type", db_col_text(s, 16), "sha256", db_col_text(s, 17),
			                                "size", (json_int_t)db_col_int(s, 18)));
	}
	if (rc < 0) {
		json_decref(records);
		return NULL;
	}
	return records;
}

static json_t *case_events(kansli *k, int64_t case_id, const char *case_number, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_EVENTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	json_t *events = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		json_t *ev = json_pack("{s:I,s:I,s:s,s:s}", "index", (json_int_t)db_col_int(s, 0),
		                       "ts_us", (json_int_t)db_col_int(s, 1), "actor", db_col_text(s, 2),
		                       "action", db_col_text(s, 3));
		if (!db_col_null(s, 4)) {
			char num[CASENUM_MAX + 16];
			snprintf(num, sizeof num, "%s-%lld", case_number, (long long)db_col_int(s, 4));
			json_object_set_new(ev, "record", json_string(num));
		}
		json_array_append_new(events, ev);
	}
	if (rc < 0) {
		json_decref(events);
		return NULL;
	}
	return events;
}

/* One closed case of the organisation, with its records and history. */
static json_t *case_plan(kansli *k, int64_t org_id, int64_t case_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_HEAD, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, org_id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no such case in this organisation"))
		return NULL;
	char num[CASENUM_MAX];
	casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
	if (strcmp(db_col_text(s, 4), "closed")) {
		kerr_field(e, KERR_CONFLICT, "case", KWHY_NOT_CLOSED,
		           "case %s is %s, not closed: only closed cases are delivered to the "
		           "e-archive (close it first)", num, !strcmp(db_col_text(s, 4), "open") ? "open" : "decided");
		db_done(s);
		return NULL;
	}
	json_t *c = json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s,s:I,s:s?,s:s?,s:s?,s:s?}",
	                      "id", (json_int_t)case_id, "number", num, "title", db_col_text(s, 3),
	                      "status", db_col_text(s, 4), "officer", OPT(s, 5), "opened_date", db_col_text(s, 6),
	                      "closed_us", (json_int_t)db_col_int(s, 7), "class", OPT(s, 8), "class_title", OPT(s, 9),
	                      "unit", OPT(s, 10), "unit_name", OPT(s, 11));
	db_done(s);
	json_t *records = archive_case_items(k, case_id, num, e);
	json_t *events = records ? case_events(k, case_id, num, e) : NULL;
	if (!events) {
		json_decref(records);
		json_decref(c);
		return NULL;
	}
	json_object_set_new(c, "records", records);
	json_object_set_new(c, "events", events);
	return c;
}

/* "sip-kommun-ks-2026-0042": lower case ASCII letters, digits and '-'
 * (å, ä, ö become a, a, o; anything else '-'). */
static void package_id(char *out, size_t len, const char *org, const char *prefix, int year, int seq)
{
	static const char *const fold[][2] = {
		{ "\xc3\xa5", "a" }, { "\xc3\xa4", "a" }, { "\xc3\xb6", "o" }, { "\xc3\x85", "a" },
		{ "\xc3\x84", "a" }, { "\xc3\x96", "o" }, { "\xc3\xa9", "e" }, { "\xc3\x89", "e" },
	};
	buf b = BUF_INIT;
	buf_printf(&b, "sip-%s-%s-%d", org, prefix, year);
	if (seq)
		buf_printf(&b, "-%04d", seq);
	size_t n = 0;
	for (size_t i = 0; i < b.len && n + 1 < len; i++) {
		unsigned char ch = (unsigned char)b.s[i];
		char c = '-';
		if (ch >= 'A' && ch <= 'Z')
			c = (char)(ch + 32);
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			c = (char)ch;
		else if (ch >= 0x80) {
			for (size_t f = 0; f < sizeof fold / sizeof fold[0]; f++)
				if (!strncmp(b.s + i, fold[f][0], 2))
					c = fold[f][1][0];
			while (i + 1 < b.len && ((unsigned char)b.s[i + 1] & 0xc0) == 0x80)
				i++; /* one character, one letter */
		}
		out[n++] = c;
	}
	out[n] = '\0';
	buf_free(&b);
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The cases to deliver, in order (their ids, and their numbers appended
 * to numbers); fills what the package is called. */
static int select_cases(kansli *k, int64_t org_id, const archive_request *req, int64_t **ids, size_t *n,
                        json_t *numbers, char *id, size_t idlen, char *label, size_t labellen, char *reference,
                        size_t reflen, const char *org_code, int64_t *object_id, int *skipped, kerr *e)
{
	int rc;
	*n = 0;
	*skipped = 0;
	if (req->case_number && *req->case_number) {
		casenum cn;
		int64_t cid;
		if ((rc = casenum_parse(req->case_number, &cn, e)))
			return rc;
		if (cn.doc)
			return kerr_field(e, KERR_INVALID, "case", KWHY_FORMAT,
			                  "'%s' is a record number; give the case number", req->case_number);
		if ((rc = case_find_parsed(k, org_id, &cn, &cid, e)))
			return rc;
		*ids = malloc(sizeof **ids);
		if (!*ids)
			abort();
		(*ids)[(*n)++] = cid;
		*object_id = cid;
		package_id(id, idlen, org_code, cn.prefix, cn.year, cn.seq);
		char num[CASENUM_MAX];
		casenum_format_case(num, cn.prefix, cn.year, cn.seq);
		snprintf(reference, reflen, "%s", num);
		snprintf(label, labellen, "%s", num);
		json_array_append_new(numbers, json_string(num));
		return 0;
	}
	if (!req->series || !*req->series || req->year < 1900 || req->year > 2199)
		return kerr_field(e, KERR_INVALID, "case", KWHY_REQUIRED,
		                  "name one case, or a series and a year (such as KS and 2026)");
	int64_t series_id;
	if ((rc = series_find(k, org_id, req->series, &series_id, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_SERIES_CASES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, series_id);
	db_bind_int(s, 2, req->year);
	size_t cap = 0;
	*ids = NULL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (strcmp(db_col_text(s, 1), "closed")) {
			(*skipped)++;
			continue;
		}
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			if (!(*ids = realloc(*ids, cap * sizeof **ids)))
				abort();
		}
		(*ids)[(*n)++] = db_col_int(s, 0);
		char num[CASENUM_MAX];
		casenum_format_case(num, db_col_text(s, 2), (int)db_col_int(s, 3), (int)db_col_int(s, 4));
		json_array_append_new(numbers, json_string(num));
	}
	if (rc < 0)
		return rc;
	if (*n == 0)
		return kerr_set(e, KERR_NOTFOUND, "series %s has no closed cases from %d to deliver%s", req->series,
		                req->year, *skipped ? " (all of them are still open)" : "");
	*object_id = series_id;
	package_id(id, idlen, org_code, req->series, req->year, 0);
	snprintf(reference, reflen, "%s %d", req->series, req->year);
	snprintf(label, labellen, "%s %d, %zu avslutade ärenden", req->series, req->year, *n);
	return 0;
}

/* 1 when the last part of path (trailing '/' aside) is id. */
static int path_names_package(const char *path, const char *id)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return n - start == strlen(id) && !strncmp(path + start, id, n - start);
}

/* Removes a package left at path (a folder or a file). */
static void remove_package(const char *path)
{
	struct stat t;
	if (lstat(path, &t) == 0 && S_ISDIR(t.st_mode))
		remove_tree(path);
	else
		unlink(path);
}

static const char SQL_EXPORTS[] =
	"SELECT e.id, e.ts_us, e.actor, e.data, u.full_name FROM event e "
	"LEFT JOIN app_user u ON u.username = CASE WHEN e.actor GLOB 'user:*' THEN substr(e.actor, 6) END "
	"WHERE e.org_id = ?1 AND e.action = 'export.sip' ORDER BY e.id DESC LIMIT 200";

json_t *archive_exports(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ARCHIVE, SQL_EXPORTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 1), when, sizeof when);
		json_t *d = json_loads(db_col_text(s, 3), 0, NULL);
		json_t *o = json_pack("{s:I,s:s,s:s,s:s?}", "event", (json_int_t)db_col_int(s, 0), "time", when,
		                      "actor", db_col_text(s, 2),
		                      "actor_name", db_col_null(s, 4) ? NULL : db_col_text(s, 4));
		static const char *const keep[] = { "package", "format", "cases", "records", "files",
		                                    "content_bytes", "mets_sha256", "agreement", "record_status",
		                                    "replaces" };
		for (size_t i = 0; d && i < sizeof keep / sizeof keep[0]; i++)
			if (json_object_get(d, keep[i]))
				json_object_set(o, keep[i], json_object_get(d, keep[i]));
		json_decref(d);
		json_array_append_new(arr, o);
	}
	json_t *receipts = rc < 0 ? NULL : delivery_receipts(k, org_id, e);
	if (!receipts) {
		json_decref(arr);
		return NULL;
	}
	/* A receipt belongs to the newest delivery of its package id, the
	 * first in this newest-first list. */
	size_t i;
	json_t *o;
	json_array_foreach(arr, i, o) {
		const char *package = json_string_value(json_object_get(o, "package"));
		json_t *receipt = package ? json_object_get(receipts, package) : NULL;
		if (receipt) {
			json_object_set(o, "receipt", receipt);
			json_object_del(receipts, package);
		}
	}
	json_decref(receipts);
	return arr;
}

/* Logs the delivery in one transaction, after checking the cases are still
 * closed, and moves the package from tmp to final before the commit. */
static int log_delivery(kansli *k, int64_t org_id, const int64_t *ids, json_t *numbers, const char *object_type,
                        int64_t object_id, json_t *data, const char *tmp, const char *final, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc) {
		json_decref(data);
		return rc;
	}
	for (size_t i = 0; i < json_array_size(numbers) && !rc; i++) {
		db_stmt *s = db_prep(k->db, SQL_CASE_STATUS, e);
		if (!s) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_int(s, 1, ids[i]);
		int step = db_step(s, e);
		if (step < 0)
			rc = step;
		else if (step == DB_DONE || strcmp(db_col_text(s, 0), "closed"))
			rc = kerr_set(e, KERR_CONFLICT, "case %s was reopened during the export; nothing was delivered",
			              json_string_value(json_array_get(numbers, i)));
		db_done(s);
	}
	/* Two deliveries of the same case at once would share an id. */
	if (!rc && (rc = delivery_id_taken(k, org_id, json_string_value(json_object_get(data, "package")), e)) > 0)
		rc = kerr_set(e, KERR_CONFLICT, "another delivery of %s was made meanwhile; nothing was delivered "
		              "(deliver again to get the next id)", json_string_value(json_object_get(data, "package")));
	if (rc) {
		json_decref(data);
		kansli_rollback(k);
		return rc;
	}
	if ((rc = audit_append(k, org_id, "export.sip", object_type, object_id, data, e))) {
		kansli_rollback(k);
		return rc;
	}
	/* Never over a package that appeared meanwhile (a second export). */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) != 0) {
		rc = kerr_set(e, KERR_IO, "cannot move the package to %s: %s", final, strerror(errno));
		kansli_rollback(k);
		return rc;
	}
	if ((rc = kansli_commit(k, e)))
		remove_package(final); /* the log does not name it: it was never delivered */
	return rc;
}

/* Cases delivered before go again only when the request confirms it
 * (req->again): the e-archive would otherwise hold two packages of the
 * same records without anyone having meant it. */
static int refuse_unconfirmed(json_t *prior, const archive_request *req, kerr *e)
{
	json_t *delivered = json_object_get(prior, "delivered");
	if (req->again || !json_object_size(delivered))
		return 0;
	const char *number = json_object_iter_key(json_object_iter(delivered));
	const char *package = json_string_value(json_object_iter_value(json_object_iter(delivered)));
	if (json_object_size(delivered) == 1)
		return kerr_field(e, KERR_CONFLICT, "again", KWHY_STATE,
		                  "%s was delivered before (package %s): confirm to deliver it again (--again)", number,
		                  package);
	return kerr_field(e, KERR_CONFLICT, "again", KWHY_STATE,
	                  "%zu of the cases were delivered before (%s in package %s, ...): confirm to deliver them "
	                  "again (--again)", json_object_size(delivered), number, package);
}

int archive_prior(kansli *k, int64_t org_id, const archive_request *req, json_t **prior, kerr *e)
{
	*prior = NULL;
	int rc = access_check(k, org_id, ACCESS_ARCHIVE, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_ORG, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no such organisation")))
		return rc;
	char code[100], id[200], label[700], reference[100];
	snprintf(code, sizeof code, "%s", db_col_text(s, 0));
	db_done(s);
	int64_t *ids = NULL, object_id;
	size_t n;
	int skipped;
	json_t *numbers = json_array();
	if (!(rc = select_cases(k, org_id, req, &ids, &n, numbers, id, sizeof id, label, sizeof label, reference,
	                        sizeof reference, code, &object_id, &skipped, e)))
		rc = delivery_prior(k, org_id, id, numbers, prior, e);
	free(ids);
	json_decref(numbers);
	return rc;
}

int archive_export(kansli *k, int64_t org_id, const archive_request *req, json_t **result, kerr *e)
{
	const char *format = req->format && *req->format ? req->format : "dir";
	const char *agreement = req->agreement && *req->agreement ? req->agreement : NULL;
	int rc;
	*result = NULL;
	if (strcmp(format, "dir") && strcmp(format, "tar") && strcmp(format, "zip"))
		return kerr_field(e, KERR_INVALID, "format", KWHY_CHOICE,
		                  "format must be dir, tar or zip, not '%s'", format);
	if (agreement && (strlen(agreement) > 200 || strpbrk(agreement, "\r\n")))
		return kerr_field(e, KERR_INVALID, "agreement", strpbrk(agreement, "\r\n") ? KWHY_LINE_BREAK : KWHY_TOO_LONG,
		                  "a submission agreement is one line of at most 200 characters");
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)))
		return rc;

	db_stmt *s = db_prep(k->db, SQL_ORG, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no such organisation")))
		return rc;
	json_t *org = json_pack("{s:s,s:s,s:s?}", "code", db_col_text(s, 0), "name", db_col_text(s, 1),
	                        "orgnr", OPT(s, 2));
	db_done(s);
	char exporter_name[200];
	snprintf(exporter_name, sizeof exporter_name, "%s", k->actor);
	if (k->user_id > 0 && (s = db_prep(k->db, SQL_USER_NAME, e))) {
		db_bind_int(s, 1, k->user_id);
		if ((rc = db_step(s, e)) == DB_ROW)
			snprintf(exporter_name, sizeof exporter_name, "%s", db_col_text(s, 0));
		db_done(s);
		if (rc < 0) {
			json_decref(org);
			return rc;
		}
	}

	int64_t *ids = NULL, object_id = 0, nrecords = 0;
	size_t n = 0;
	int skipped = 0;
	char id[200], label[700], reference[100], final[4400], tmp[4500];
	json_t *plan = NULL, *cases = json_array(), *secret = json_array(), *numbers = json_array();
	char *checkpoint = NULL;
	uint64_t tree_size;
	sip_result res;
	json_t *prior = NULL;
	if ((rc = select_cases(k, org_id, req, &ids, &n, numbers, id, sizeof id, label, sizeof label, reference,
	                       sizeof reference, json_string_value(json_object_get(org, "code")), &object_id,
	                       &skipped, e)) ||
	    (rc = delivery_prior(k, org_id, id, numbers, &prior, e)) || (rc = refuse_unconfirmed(prior, req, e)))
		goto done;
	snprintf(id, sizeof id, "%s", json_string_value(json_object_get(prior, "package")));
	for (size_t i = 0; i < n; i++) {
		json_t *c = case_plan(k, org_id, ids[i], e);
		if (!c) {
			rc = e->code ? e->code : KERR_INTERNAL;
			goto done;
		}
		size_t j;
		json_t *r;
		json_array_foreach(json_object_get(c, "records"), j, r) {
			nrecords++;
			if (strcmp(json_string_value(json_object_get(r, "secrecy")), "none"))
				json_array_append(secret, json_object_get(r, "number"));
		}
		json_array_append_new(cases, c);
	}
	if (n == 1 && req->case_number) {
		size_t used = strlen(label);
		snprintf(label + used, sizeof label - used, " %s",
		         json_string_value(json_object_get(json_array_get(cases, 0), "title")));
	}
	if ((rc = audit_current_head(k, &checkpoint, &tree_size, e)))
		goto done;
	plan = json_pack("{s:s,s:s,s:s,s:I,s:O,s:s?,s:s,s:I,s:s,s:s,s:s,s:O}", "id", id, "label", label,
	                 "reference", reference, "created_us", (json_int_t)time_now_us(), "org", org,
	                 "agreement", agreement, "checkpoint", checkpoint, "tree_size", (json_int_t)tree_size,
	                 "exporter", k->actor, "exporter_name", exporter_name,
	                 "origin", k->origin[0] ? k->origin : "kansli", "cases", cases);
	json_object_set(plan, "record_status", json_object_get(prior, "record_status"));
	if (json_object_get(prior, "replaces"))
		json_object_set(plan, "replaces", json_object_get(prior, "replaces"));
	json_object_set(plan, "delivered_before", json_object_get(prior, "delivered"));

	/* Where the package goes: inside an existing folder under its id, or at the path given. */
	const char *out = req->out && *req->out ? req->out : ".";
	const char *ext = !strcmp(format, "tar") ? ".tar" : !strcmp(format, "zip") ? ".zip" : "";
	struct stat st;
	if (stat(out, &st) == 0 && S_ISDIR(st.st_mode))
		snprintf(final, sizeof final, "%s/%s%s", out, id, ext);
	else if (!*ext && !path_names_package(out, id)) {
		/* CSIPSTR2: a package folder is named by its OBJID; one named
		 * otherwise is a package the e-archive's validator rejects. */
		rc = kerr_field(e, KERR_INVALID, "out", KWHY_FORMAT,
		                "the package folder must be named by the package's id, %s: give --out an existing folder "
		                "to put it in, or a path ending in /%s", id, id);
		goto done;
	} else
		snprintf(final, sizeof final, "%s", out);
	if (lstat(final, &st) == 0) {
		rc = kerr_field(e, KERR_CONFLICT, "out", KWHY_DUPLICATE, "%s already exists: remove it or choose another place",
		                final);
		goto done;
	}
	snprintf(tmp, sizeof tmp, "%s.part-%ld", final, (long)getpid());
	if ((rc = sip_write(&k->blobs, plan, format, tmp, &res, e)))
		goto done; /* sip_write leaves nothing behind */
	json_t *data = json_pack("{s:s,s:s,s:O,s:I,s:i,s:I,s:s,s:I,s:O,s:s?,s:O,s:O*}", "package", id, "format", format,
	                         "cases", numbers, "records", (json_int_t)nrecords, "files", res.files,
	                         "content_bytes", (json_int_t)res.content_bytes, "mets_sha256", res.mets_sha256,
	                         "tree_size", (json_int_t)tree_size, "secret_records", secret, "agreement", agreement,
	                         "record_status", json_object_get(prior, "record_status"),
	                         "replaces", json_object_get(prior, "replaces"));
	if ((rc = log_delivery(k, org_id, ids, numbers, req->case_number && *req->case_number ? "case" : "series",
	                       object_id, data, tmp, final, e))) {
		remove_package(tmp);
		goto done;
	}
	*result = json_pack("{s:s,s:s,s:s,s:O,s:I,s:i,s:I,s:s,s:i,s:O,s:O,s:O*}", "package", id, "path", final,
	                    "format", format, "cases", numbers, "records", (json_int_t)nrecords, "files", res.files,
	                    "content_bytes", (json_int_t)res.content_bytes, "mets_sha256", res.mets_sha256,
	                    "open_cases_left_out", skipped, "secret_records", secret,
	                    "record_status", json_object_get(prior, "record_status"),
	                    "replaces", json_object_get(prior, "replaces"));
done:
	json_decref(prior);
	json_decref(org);
	json_decref(plan);
	json_decref(cases);
	json_decref(secret);
	json_decref(numbers);
	free(checkpoint);
	free(ids);
	return rc;
}
