/*
 * retention.c — the retention schedule, its CSV form, the due list and legal
 * holds; see retention.h. Disposal runs themselves are in disposal.c.
 */
#include "core/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/casenum.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "core/org.h"
#include "util/csv.h"
#include "util/hash.h"
#include "util/timeutil.h"

static const char *const CSV_HEADER[] = {
	"klass", "benämning", "handlingstyp", "åtgärd", "gallringsfrist", "beslut", "behåll_registrering",
};
#define CSV_COLUMNS 7

/* A validated rule. */
typedef struct rule {
	char action[8];     /* keep, dispose, or "" (a class without a rule: import only) */
	int years;          /* dispose only, else -1 */
	int keep_registration;
} rule;

static int one_line(const char *s, size_t max)
{
	return s && strlen(s) <= max && !strpbrk(s, "\r\n");
}

/* Checks a rule's text fields; *out gets the rule. With allow_empty an
 * empty action means "the class only, no rule". Message in why. */
static int rule_validate(const retention_rule_in *in, int allow_empty, rule *out, char *why, size_t len)
{
	const char *a = in->action ? in->action : "";
	const char *years = in->years ? in->years : "";
	const char *keep = in->keep_registration ? in->keep_registration : "";
	const char *decision = in->decision ? in->decision : "";
	memset(out, 0, sizeof *out);
	out->years = -1;
	out->keep_registration = 1;
	if (!in->class_code || !*in->class_code) {
		snprintf(why, len, "the class (klass) is missing");
		return -1;
	}
	if (in->doc_type && !one_line(in->doc_type, 100)) {
		snprintf(why, len, "the document type is at most 100 characters on one line");
		return -1;
	}
	if (!one_line(decision, 200)) {
		snprintf(why, len, "the decision is at most 200 characters on one line");
		return -1;
	}
	if (!*a && allow_empty) {
		if ((in->doc_type && *in->doc_type) || *years || *decision || *keep) {
			snprintf(why, len, "a row without åtgärd describes a class only: leave handlingstyp, "
			         "gallringsfrist, beslut and behåll_registrering empty");
			return -1;
		}
		return 0;
	}
	if (!strcasecmp(a, "bevaras") || !strcasecmp(a, "keep"))
		strcpy(out->action, "keep");
	else if (!strcasecmp(a, "gallras") || !strcasecmp(a, "dispose"))
		strcpy(out->action, "dispose");
	else {
		snprintf(why, len, "åtgärd must be bevaras or gallras, not '%.60s'", a);
		return -1;
	}
	if (!strcmp(out->action, "keep")) {
		if (*years) {
			snprintf(why, len, "a record that is kept (bevaras) has no gallringsfrist");
			return -1;
		}
		if (*keep && strcasecmp(keep, "ja") && strcasecmp(keep, "yes")) {
			snprintf(why, len, "a record that is kept (bevaras) keeps its registry entry");
			return -1;
		}
		return 0;
	}
	char *end;
	long y = strtol(years, &end, 10);
	if (!*years || *end || y < 0 || y > 200) {
		snprintf(why, len, "gallringsfrist must be whole years from 0 to 200, not '%.40s'", years);
		return -1;
	}
	out->years = (int)y;
	if (!*decision) {
		snprintf(why, len, "disposal (gallras) needs the decision or legal basis (beslut), "
		         "e.g. 'KF 2025-03-12 § 45'");
		return -1;
	}
	if (!*keep || !strcasecmp(keep, "ja") || !strcasecmp(keep, "yes"))
		out->keep_registration = 1;
	else if (!strcasecmp(keep, "nej") || !strcasecmp(keep, "no"))
		out->keep_registration = 0;
	else {
		snprintf(why, len, "behåll_registrering must be ja or nej, not '%.20s'", keep);
		return -1;
	}
	return 0;
}

static const char SQL_RULE_UPSERT[] =
	"INSERT INTO retention_rule(org_id, class_id, doc_type, action, years, decision, keep_registration, "
	"  updated_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
	"ON CONFLICT(org_id, class_id, doc_type) DO UPDATE SET action = excluded.action, "
	"  years = excluded.years, decision = excluded.decision, "
	"  keep_registration = excluded.keep_registration, updated_us = excluded.updated_us";

static int rule_store_tx(kansli *k, int64_t org_id, int64_t class_id, const retention_rule_in *in,
                         const rule *r, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_RULE_UPSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, class_id);
	db_bind_text(s, 3, in->doc_type ? in->doc_type : "");
	db_bind_text(s, 4, r->action);
	if (r->years >= 0) db_bind_int(s, 5, r->years); else db_bind_null(s, 5);
	db_bind_text(s, 6, in->decision ? in->decision : "");
	db_bind_int(s, 7, r->keep_registration);
	db_bind_int(s, 8, time_now_us());
	return db_run(s, e);
}

static json_t *rule_event(const retention_rule_in *in, const rule *r)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:b}", "class", in->class_code,
	                      "doc_type", in->doc_type ? in->doc_type : "", "action", r->action,
	                      "decision", in->decision ? in->decision : "", "keep_registration",
	                      r->keep_registration);
	if (r->years >= 0)
		json_object_set_new(o, "years", json_integer(r->years));
	return o;
}

int retention_rule_set(kansli *k, int64_t org_id, const retention_rule_in *in, kerr *e)
{
	rule r;
	char why[300];
	if (rule_validate(in, 0, &r, why, sizeof why))
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "%s", why);
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t class_id;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) ||
	    (rc = class_find(k, org_id, in->class_code, &class_id, e)) ||
	    (rc = rule_store_tx(k, org_id, class_id, in, &r, e)) ||
	    (rc = audit_append(k, org_id, "retention.rule_set", "class", class_id, rule_event(in, &r), e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static const char SQL_RULE_DELETE[] =
	"DELETE FROM retention_rule WHERE org_id = ?1 AND class_id = ?2 AND doc_type = ?3 RETURNING id";

int retention_rule_remove(kansli *k, int64_t org_id, const char *class_code, const char *doc_type, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t class_id;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) || (rc = class_find(k, org_id, class_code, &class_id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_RULE_DELETE, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, class_id);
	db_bind_text(s, 3, doc_type ? doc_type : "");
	rc = db_step(s, e);
	db_done(s);
	if (rc < 0)
		goto end;
	if (rc == DB_DONE) {
		rc = kerr_set(e, KERR_NOTFOUND, "class %s has no rule%s%s", class_code,
		              doc_type && *doc_type ? " for document type " : "", doc_type ? doc_type : "");
		goto end;
	}
	rc = audit_append(k, org_id, "retention.rule_remove", "class", class_id,
	                  json_pack("{s:s,s:s}", "class", class_code, "doc_type", doc_type ? doc_type : ""), e);
end:
	return kansli_end(k, rc, e);
}

/* Every class with its rules: the class row (rule or none) first, then its
 * document types. Column 7 is 1 for a real rule. */
static const char SQL_SCHEDULE[] =
	"SELECT cl.code, cl.title, coalesce(r.doc_type, ''), coalesce(r.action, ''), r.years, "
	"  coalesce(r.decision, ''), coalesce(r.keep_registration, 1), r.id IS NOT NULL "
	"FROM class cl LEFT JOIN retention_rule r ON r.class_id = cl.id AND r.org_id = cl.org_id "
	"WHERE cl.org_id = ?1 "
	"ORDER BY cl.code, coalesce(r.doc_type, '')";

/* Appends the schedule's rows to arr; 0, or the error (e says why). */
static int schedule_rows(kansli *k, int64_t org_id, json_t *arr, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SCHEDULE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	const char *prev = NULL;
	char last[64] = "";
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *code = db_col_text(s, 0);
		int is_rule = (int)db_col_int(s, 7);
		int class_has_row = prev && !strcmp(last, code);
		/* A class whose rules are all for document types still gets its own
		 * row without a rule, so the structure shows every class once. */
		if (!class_has_row && is_rule && *db_col_text(s, 2))
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "class", code,
			                      "class_title", db_col_text(s, 1), "doc_type", "", "action", "",
			                      "decision", "", "keep_registration", 1));
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "class", code, "class_title", db_col_text(s, 1),
		                      "doc_type", db_col_text(s, 2), "action", db_col_text(s, 3),
		                      "decision", db_col_text(s, 5), "keep_registration", (int)db_col_int(s, 6));
		if (!db_col_null(s, 4))
			json_object_set_new(o, "years", json_integer(db_col_int(s, 4)));
		json_array_append_new(arr, o);
		snprintf(last, sizeof last, "%s", code);
		prev = last;
	}
	return rc < 0 ? rc : 0;
}

json_t *retention_schedule(kansli *k, int64_t org_id, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	json_t *arr = json_array();
	if (schedule_rows(k, org_id, arr, e)) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

int retention_export_csv(kansli *k, int64_t org_id, buf *out, kerr *e)
{
	json_t *rows = retention_schedule(k, org_id, e);
	if (!rows)
		return e->code ? e->code : KERR_INTERNAL;
	csv_add_row(out, CSV_HEADER, CSV_COLUMNS, ';');
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o) {
		const char *action = json_string_value(json_object_get(o, "action"));
		char years[16] = "";
		json_t *y = json_object_get(o, "years");
		if (y)
			snprintf(years, sizeof years, "%lld", (long long)json_integer_value(y));
		int dispose = !strcmp(action, "dispose");
		const char *f[CSV_COLUMNS] = {
			json_string_value(json_object_get(o, "class")),
			json_string_value(json_object_get(o, "class_title")),
			json_string_value(json_object_get(o, "doc_type")),
			!*action ? "" : dispose ? "gallras" : "bevaras",
			years,
			json_string_value(json_object_get(o, "decision")),
			!dispose ? "" : json_is_true(json_object_get(o, "keep_registration")) ? "ja" : "nej",
		};
		csv_add_row(out, f, CSV_COLUMNS, ';');
	}
	json_decref(rows);
	return 0;
}

/* A parsed, validated CSV row. */
typedef struct import_row {
	int line;
	char *f[CSV_COLUMNS];
	rule r;
} import_row;

static void import_rows_free(import_row *rows, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < CSV_COLUMNS; j++)
			free(rows[i].f[j]);
	free(rows);
}

static const char SQL_RULES_CLEAR[] = "DELETE FROM retention_rule WHERE org_id = ?1";
static const char SQL_CLASS_TITLE[] = "SELECT id, title FROM class WHERE org_id = ?1 AND code = ?2";
static const char SQL_CLASS_RENAME[] = "UPDATE class SET title = ?2 WHERE id = ?1";

int retention_import_csv(kansli *k, int64_t org_id, const char *data, size_t len, int *nrules, kerr *e)
{
	*nrules = 0;
	json_t *logged = NULL;
	int rc = access_check(k, org_id, ACCESS_ARCHIVE, e);
	if (rc)
		return rc;
	/* First the whole file: every row parsed and checked before anything
	 * is written, so a bad row anywhere changes nothing. */
	csv_reader rd;
	csv_row row = { 0 };
	char why[300];
	import_row *rows = NULL;
	int n = 0, got;
	csv_init(&rd, data, len, ';');
	if ((got = csv_next(&rd, &row, why, sizeof why)) != 1) {
		csv_row_free(&row);
		return got < 0 ? kerr_set(e, KERR_INVALID, "%s", why)
		               : kerr_set(e, KERR_INVALID, "the file is empty: it needs the header row %s;%s;%s;%s;%s;%s;%s",
		                          CSV_HEADER[0], CSV_HEADER[1], CSV_HEADER[2], CSV_HEADER[3], CSV_HEADER[4],
		                          CSV_HEADER[5], CSV_HEADER[6]);
	}
	int header_ok = row.n == CSV_COLUMNS;
	for (int i = 0; header_ok && i < CSV_COLUMNS; i++)
		header_ok = !strcasecmp(row.f[i], CSV_HEADER[i]);
	if (!header_ok) {
		csv_row_free(&row);
		kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "line 1: the header row must be %s;%s;%s;%s;%s;%s;%s",
		           CSV_HEADER[0], CSV_HEADER[1], CSV_HEADER[2], CSV_HEADER[3], CSV_HEADER[4], CSV_HEADER[5],
		           CSV_HEADER[6]);
		return kerr_line(e, 1);
	}
	while ((got = csv_next(&rd, &row, why, sizeof why)) == 1) {
		if (row.n != CSV_COLUMNS) {
			rc = kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
			                "line %d: %d fields, the header has %d", row.line, row.n, CSV_COLUMNS);
			kerr_line(e, row.line);
			goto out;
		}
		if (n >= 100000) {
			rc = kerr_set(e, KERR_INVALID, "line %d: more than 100000 rows", row.line);
			goto out;
		}
		import_row *grown = realloc(rows, (size_t)(n + 1) * sizeof *rows);
		if (!grown)
			abort();
		rows = grown;
		import_row *ir = &rows[n++];
		ir->line = row.line;
		for (int j = 0; j < CSV_COLUMNS; j++)
			ir->f[j] = strdup(row.f[j]);
		retention_rule_in in = { .class_code = ir->f[0], .class_title = ir->f[1], .doc_type = ir->f[2],
		                         .action = ir->f[3], .years = ir->f[4], .decision = ir->f[5],
		                         .keep_registration = ir->f[6] };
		if (rule_validate(&in, 1, &ir->r, why, sizeof why)) {
			rc = kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "line %d: %s", ir->line, why);
			kerr_line(e, ir->line);
			goto out;
		}
		for (int j = 0; j < n - 1; j++)
			if (!strcmp(rows[j].f[0], ir->f[0]) && !strcmp(rows[j].f[2], ir->f[2]) &&
			    *ir->r.action && *rows[j].r.action) {
				rc = kerr_field(e, KERR_INVALID, "file", KWHY_DUPLICATE,
				                "line %d: class %s%s%s has a rule already (line %d)", ir->line,
				                ir->f[0], *ir->f[2] ? " document type " : "", ir->f[2], rows[j].line);
				kerr_line(e, ir->line);
				goto out;
			}
	}
	if (got < 0) {
		rc = kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "%s", why);
		goto out;
	}
	unsigned char digest[32];
	char hex[65];
	hash_sha256(data, len, digest);
	hash_hex(digest, 32, hex);
	if ((rc = kansli_begin(k, e)))
		goto out;
	db_stmt *s = db_prep(k->db, SQL_RULES_CLEAR, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	if ((rc = db_run(s, e)))
		goto fail;
	int added = 0, renamed = 0;
	logged = json_array(); /* the log says what the schedule became */
	for (int i = 0; i < n; i++) {
		import_row *ir = &rows[i];
		int64_t class_id = 0;
		int exists = 0;
		if (!(s = db_prep(k->db, SQL_CLASS_TITLE, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, ir->f[0]);
		int step = db_step(s, e);
		if (step < 0) {
			rc = step;
			goto fail;
		}
		if (step == DB_ROW) {
			exists = 1;
			class_id = db_col_int(s, 0);
			int differs = *ir->f[1] && strcmp(db_col_text(s, 1), ir->f[1]);
			db_done(s);
			if (differs) {
				if (!one_line(ir->f[1], 200)) {
					rc = kerr_field(e, KERR_INVALID, "file", KWHY_TOO_LONG,
					                "line %d: benämning is at most 200 characters", ir->line);
					kerr_line(e, ir->line);
					goto fail;
				}
				if (!(s = db_prep(k->db, SQL_CLASS_RENAME, e))) { rc = KERR_INTERNAL; goto fail; }
				db_bind_int(s, 1, class_id);
				db_bind_text(s, 2, ir->f[1]);
				if ((rc = db_run(s, e)) ||
				    (rc = audit_append(k, org_id, "class.rename", "class", class_id,
				                       json_pack("{s:s,s:s}", "code", ir->f[0], "title", ir->f[1]), e)))
					goto fail;
				renamed++;
			}
		} else {
			db_done(s);
		}
		if (!exists) {
			kerr sub = KERR_INIT;
			if (!*ir->f[1]) {
				rc = kerr_field(e, KERR_INVALID, "file", KWHY_REQUIRED,
				                "line %d: class %s is new and needs its benämning", ir->line, ir->f[0]);
				kerr_line(e, ir->line);
				goto fail;
			}
			if ((rc = class_create_tx(k, org_id, ir->f[0], ir->f[1], &class_id, &sub))) {
				kerr_set(e, rc, "line %d: %s", ir->line, sub.msg);
				goto fail;
			}
			added++;
		}
		if (!*ir->r.action)
			continue;
		retention_rule_in in = { .class_code = ir->f[0], .doc_type = ir->f[2], .decision = ir->f[5] };
		if ((rc = rule_store_tx(k, org_id, class_id, &in, &ir->r, e)))
			goto fail;
		json_array_append_new(logged, rule_event(&in, &ir->r));
		(*nrules)++;
	}
	rc = audit_append(k, org_id, "retention.import", "organisation", org_id,
	                  json_pack("{s:i,s:i,s:i,s:s,s:O}", "count", *nrules, "classes_added", added,
	                            "classes_renamed", renamed, "sha256", hex, "rules", logged), e);
	json_decref(logged);
	logged = NULL;
	if (rc)
		goto fail;
	rc = kansli_commit(k, e);
	goto out;
fail:
	json_decref(logged);
	kansli_rollback(k);
	*nrules = 0;
out:
	csv_row_free(&row);
	import_rows_free(rows, n);
	return rc;
}

void retention_add_years(const char *date, int years, char out[11])
{
	if (!time_valid_date(date)) {
		snprintf(out, 11, "9999-12-31"); /* not a date: never due */
		return;
	}
	int y = atoi(date) + years, m = atoi(date + 5), d = atoi(date + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		d = 28;
	if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(out, 11, "9999-12-31"); /* not a date: never due */
		return;
	}
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
}

/* Candidates: records of closed cases, not disposed, not under a hold,
 * whose rule (the type's, else the class's) says dispose. Whether the
 * time has come needs the closing date in Swedish time plus the years,
 * which is done below in C (date arithmetic is not common SQL). */
static const char SQL_DUE[] =
	"SELECT r.id, s.prefix, c.year, c.seq, r.seq, c.title, r.title, r.secrecy, r.legal_ground, "
	"  r.masked_fields, cl.code, coalesce(r.doc_type, ''), ru.years, ru.decision, ru.keep_registration, "
	"  c.closed_us, (SELECT max(i.run_id) FROM disposal_item i JOIN disposal_run dr ON dr.id = i.run_id "
	"                WHERE i.record_id = r.id AND dr.status IN ('proposed', 'approved')) "
	"FROM case_file c JOIN record r ON r.case_id = c.id JOIN series s ON s.id = c.series_id "
	"JOIN class cl ON cl.id = c.class_id "
	"JOIN retention_rule ru ON ru.id = coalesce("
	"  (SELECT id FROM retention_rule WHERE org_id = ?1 AND class_id = c.class_id "
	"     AND doc_type = r.doc_type AND r.doc_type <> ''), "
	"  (SELECT id FROM retention_rule WHERE org_id = ?1 AND class_id = c.class_id AND doc_type = '')) "
	"WHERE c.org_id = ?1 AND c.status = 'closed' AND c.closed_us IS NOT NULL "
	"  AND r.disposed_note IS NULL AND ru.action = 'dispose' "
	"  AND NOT EXISTS (SELECT 1 FROM legal_hold h WHERE h.case_id = c.id AND h.released_us IS NULL) "
	"ORDER BY c.closed_us, c.id, r.seq";
static const char SQL_HELD[] =
	"SELECT count(*) FROM legal_hold WHERE org_id = ?1 AND released_us IS NULL";

static int title_masked(const char *secrecy, const char *masked)
{
	if (!strcmp(secrecy, "none"))
		return 0;
	if (!strcmp(secrecy, "full"))
		return 1;
	char padded[128];
	snprintf(padded, sizeof padded, ",%s,", masked ? masked : "");
	return strstr(padded, ",title,") != NULL;
}

json_t *retention_due_items(kansli *k, int64_t org_id, int exclude_pending, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ARCHIVE, SQL_DUE, e);
	if (!s)
		return NULL;
	char today[11];
	time_today(today);
	db_bind_int(s, 1, org_id);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char closed[32], due[11], num[CASENUM_MAX], cnum[CASENUM_MAX], notice[200];
		time_format_local(db_col_int(s, 15), closed, sizeof closed);
		closed[10] = '\0';
		retention_add_years(closed, (int)db_col_int(s, 12), due);
		if (strcmp(due, today) > 0)
			continue;
		int pending = !db_col_null(s, 16);
		if (pending && exclude_pending)
			continue;
		casenum_format_case(cnum, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3));
		casenum_format_record(num, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3),
		                      (int)db_col_int(s, 4));
		snprintf(notice, sizeof notice, "Sekretess enligt %s", db_col_null(s, 8) ? "OSL" : db_col_text(s, 8));
		const char *masked = db_col_null(s, 9) ? NULL : db_col_text(s, 9);
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:b}", "record_id",
		                      (json_int_t)db_col_int(s, 0), "number", num, "case", cnum,
		                      "title", title_masked(db_col_text(s, 7), masked) ? notice : db_col_text(s, 6),
		                      "class", db_col_text(s, 10), "doc_type", db_col_text(s, 11),
		                      "years", (json_int_t)db_col_int(s, 12), "closed", closed, "due", due,
		                      "decision", db_col_text(s, 13), "keep_registration", (int)db_col_int(s, 14));
		if (pending)
			json_object_set_new(o, "run", json_integer(db_col_int(s, 16)));
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *retention_due(kansli *k, int64_t org_id, kerr *e)
{
	json_t *items = retention_due_items(k, org_id, 0, e);
	if (!items)
		return NULL;
	json_t *by_class = json_object();
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		json_object_del(o, "record_id");
		const char *c = json_string_value(json_object_get(o, "class"));
		json_t *n = json_object_get(by_class, c);
		json_object_set_new(by_class, c, json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	json_t *classes = json_array();
	const char *key;
	json_t *v;
	json_object_foreach(by_class, key, v)
		json_array_append_new(classes, json_pack("{s:s,s:O}", "class", key, "count", v));
	json_decref(by_class);
	char today[11];
	time_today(today);
	long long held = 0;
	db_stmt *s = db_prep(k->db, SQL_HELD, e);
	int rc = s ? DB_DONE : KERR_INTERNAL;
	if (s) {
		db_bind_int(s, 1, org_id);
		if ((rc = db_step(s, e)) == DB_ROW)
			held = db_col_int(s, 0);
		db_done(s);
	}
	if (rc < 0) {
		json_decref(items);
		json_decref(classes);
		return NULL;
	}
	return json_pack("{s:s,s:I,s:o,s:o,s:I}", "as_of", today, "count", (json_int_t)json_array_size(items),
	                 "items", items, "by_class", classes, "held", (json_int_t)held);
}

static const char SQL_HOLD_INSERT[] =
	"INSERT INTO legal_hold(org_id, case_id, reason, placed_us, placed_by) VALUES(?1, ?2, ?3, ?4, ?5)";
static const char SQL_HOLD_RELEASE[] =
	"UPDATE legal_hold SET released_us = ?2, released_by = ?3, release_reason = ?4 "
	"WHERE case_id = ?1 AND released_us IS NULL RETURNING id";

/* Places (add) or releases a case's legal hold in one transaction. The two
 * differ only in their statement, what a missing or double hold means and
 * the event; the checks and the log entry are the same. */
static int hold_change(kansli *k, int64_t org_id, const char *case_number, const char *reason, int add, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t case_id;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) || (rc = case_find(k, org_id, case_number, &case_id, e)))
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, add ? SQL_HOLD_INSERT : SQL_HOLD_RELEASE, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	if (add) {
		db_bind_int(s, 1, org_id);
		db_bind_int(s, 2, case_id);
		db_bind_text(s, 3, reason);
		db_bind_int(s, 4, time_now_us());
		db_bind_text(s, 5, k->actor);
		if ((rc = db_run(s, e)) == KERR_CONFLICT)
			kerr_set(e, rc, "case %s is already under a legal hold", case_number);
	} else {
		db_bind_int(s, 1, case_id);
		db_bind_int(s, 2, time_now_us());
		db_bind_text(s, 3, k->actor);
		db_bind_text(s, 4, reason);
		rc = db_step(s, e);
		db_done(s);
		if (rc == DB_DONE)
			rc = kerr_set(e, KERR_NOTFOUND, "case %s is not under a legal hold", case_number);
		else if (rc == DB_ROW)
			rc = 0;
	}
	if (!rc)
		rc = audit_append(k, org_id, add ? "hold.add" : "hold.release", "case", case_id,
		                  json_pack("{s:s,s:s}", "number", case_number, "reason", reason), e);
	return kansli_end(k, rc, e);
}

int hold_add(kansli *k, int64_t org_id, const char *case_number, const char *reason, kerr *e)
{
	if (!reason || !*reason || !one_line(reason, 500))
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                  "a legal hold needs a reason of 1-500 characters on one line");
	return hold_change(k, org_id, case_number, reason, 1, e);
}

int hold_release(kansli *k, int64_t org_id, const char *case_number, const char *reason, kerr *e)
{
	if (!reason || !*reason || !one_line(reason, 500))
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED,
		                  "releasing a legal hold needs a reason of 1-500 characters");
	return hold_change(k, org_id, case_number, reason, 0, e);
}

static const char SQL_HOLDS[] =
	"SELECT s.prefix, c.year, c.seq, c.id, h.reason, h.placed_us, h.placed_by, h.released_us, "
	"  h.released_by, h.release_reason "
	"FROM legal_hold h JOIN case_file c ON c.id = h.case_id JOIN series s ON s.id = c.series_id "
	"WHERE h.org_id = ?1 AND (?2 = 1 OR h.released_us IS NULL) ORDER BY h.id";

json_t *hold_list(kansli *k, int64_t org_id, int all, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ARCHIVE, SQL_HOLDS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, all ? 1 : 0);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX], placed[32], released[32];
		casenum_format_case(num, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		time_format_local(db_col_int(s, 5), placed, sizeof placed);
		/* A title that could not be read is an error, not a hold shown
		 * without one (case_title_staff_json has set e). */
		json_t *title = case_title_staff_json(k, db_col_int(s, 3), e);
		if (!title) {
			rc = e && e->code ? e->code : KERR_INTERNAL;
			db_done(s);
			break;
		}
		json_t *o = json_pack("{s:s,s:o,s:s,s:s,s:s}", "case", num, "title", title,
		                      "reason", db_col_text(s, 4), "placed", placed, "placed_by", db_col_text(s, 6));
		if (!db_col_null(s, 7)) {
			time_format_local(db_col_int(s, 7), released, sizeof released);
			json_object_set_new(o, "released", json_string(released));
			json_object_set_new(o, "released_by", json_string(db_col_text(s, 8)));
			json_object_set_new(o, "release_reason", json_string(db_col_text(s, 9)));
		}
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_SETTING_SET[] =
	"INSERT INTO retention_setting(org_id, report_series_id) VALUES(?1, ?2) "
	"ON CONFLICT(org_id) DO UPDATE SET report_series_id = excluded.report_series_id";
static const char SQL_SETTING_GET[] =
	"SELECT s.prefix FROM retention_setting rs JOIN series s ON s.id = rs.report_series_id WHERE rs.org_id = ?1";

int retention_set_report_series(kansli *k, int64_t org_id, const char *prefix, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t series_id;
	if ((rc = access_check(k, org_id, ACCESS_ARCHIVE, e)) ||
	    (rc = series_find(k, org_id, prefix ? prefix : "", &series_id, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_SETTING_SET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, series_id);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "retention.report_series", "series", series_id,
	                       json_pack("{s:s}", "prefix", prefix), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

json_t *retention_settings(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_ARCHIVE, SQL_SETTING_GET, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	json_t *o = json_object();
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		json_object_set_new(o, "report_series", json_string(db_col_text(s, 0)));
	db_done(s);
	if (rc < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
