/* request_filing.c — where requests for public documents are filed; see request_filing.h. */
#include "core/request_filing.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/org.h"
#include "util/timeutil.h"

static const char SQL_SETTING[] =
	"SELECT s.prefix, coalesce(c.code, '') FROM request_setting q JOIN series s ON s.id = q.series_id "
	"LEFT JOIN class c ON c.id = q.class_id WHERE q.org_id = ?1";
/* the first created, and whether it is the only one */
static const char SQL_FIRST_SERIES[] =
	"SELECT prefix, (SELECT count(*) FROM series WHERE org_id = ?1) FROM series WHERE org_id = ?1 "
	"ORDER BY id LIMIT 1";

/* The chosen series and class into f: 0, KERR_NOTFOUND when none is
 * chosen (e untouched), or a read error. */
static int chosen(kansli *k, int64_t org_id, request_filing *f, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SETTING, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		snprintf(f->series, sizeof f->series, "%s", db_col_text(s, 0));
		snprintf(f->class_code, sizeof f->class_code, "%s", db_col_text(s, 1));
		f->by = REQUEST_FILED_SETTING;
	}
	db_done(s);
	return rc < 0 ? rc : rc == DB_ROW ? 0 : KERR_NOTFOUND;
}

int request_filing_find(kansli *k, int64_t org_id, request_filing *f, kerr *e)
{
	memset(f, 0, sizeof *f);
	int rc = chosen(k, org_id, f, e);
	if (rc != KERR_NOTFOUND)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_FIRST_SERIES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	if ((rc = db_step(s, e)) == DB_ROW) {
		snprintf(f->series, sizeof f->series, "%s", db_col_text(s, 0));
		f->by = db_col_int(s, 1) == 1 ? REQUEST_FILED_ONLY_SERIES : REQUEST_FILED_FIRST_SERIES;
	}
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW)
		return kerr_set(e, KERR_NOTFOUND, "this organisation has no registry yet");
	return 0;
}

int request_filing_class(kansli *k, int64_t org_id, char code[65], kerr *e)
{
	request_filing f = { 0 };
	int rc = chosen(k, org_id, &f, e);
	snprintf(code, 65, "%s", f.class_code);
	return rc == KERR_NOTFOUND ? 0 : rc;
}

static const char SQL_NOTE[] = "INSERT INTO case_note(case_id, author, text, created_us) VALUES(?1, ?2, ?3, ?4)";

int request_filing_note_tx(kansli *k, int64_t case_id, const request_filing *f, kerr *e)
{
	if (f->by != REQUEST_FILED_ONLY_SERIES && f->by != REQUEST_FILED_FIRST_SERIES)
		return 0;
	char text[400];
	snprintf(text, sizeof text, f->by == REQUEST_FILED_ONLY_SERIES
	         ? "Diarieförd i %s, organisationens enda serie, och oklassificerad: ingen serie eller klass är vald "
	           "för begäranden om allmän handling."
	         : "Diarieförd i %s, den först skapade serien, och oklassificerad: ingen serie är vald för begäranden "
	           "om allmän handling. Flytta ärendet om det hör hemma i en annan serie; en administratör väljer "
	           "serien för begäranden under Administration.", f->series);
	db_stmt *s = db_prep(k->db, SQL_NOTE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, "kansli");
	db_bind_text(s, 3, text);
	db_bind_int(s, 4, time_now_us());
	return db_run(s, e);
}

static const char SQL_SET[] =
	"INSERT INTO request_setting(org_id, series_id, class_id, updated_us) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT(org_id) DO UPDATE SET series_id = excluded.series_id, class_id = excluded.class_id, "
	"updated_us = excluded.updated_us";

int request_settings_set(kansli *k, int64_t org_id, const char *series, const char *class_code, kerr *e)
{
	if (!series || !*series)
		return kerr_field(e, KERR_INVALID, "series", KWHY_REQUIRED,
		                  "name the series requests are filed in (--series PREFIX)");
	int has_class = class_code && *class_code;
	int64_t series_id, class_id = 0;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_ADMIN, e)))
		return kansli_end(k, rc, e);
	/* a name in the setting that names nothing is bad input, not a
	 * missing resource */
	if ((rc = series_find(k, org_id, series, &series_id, e)) == KERR_NOTFOUND)
		rc = kerr_field(e, KERR_INVALID, "series", KWHY_UNKNOWN, "there is no series '%s': add it first "
		                "(kansli series add) or name one of the organisation's", series);
	else if (!rc && has_class && (rc = class_find(k, org_id, class_code, &class_id, e)) == KERR_NOTFOUND)
		rc = kerr_field(e, KERR_INVALID, "class", KWHY_UNKNOWN, "there is no class '%s' in the classification: "
		                "add it first (kansli class add) or name one that exists", class_code);
	if (rc)
		return kansli_end(k, rc, e);
	db_stmt *s = db_prep(k->db, SQL_SET, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, series_id);
	if (has_class)
		db_bind_int(s, 3, class_id);
	db_bind_int(s, 4, time_now_us());
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, org_id, "request.settings", "organisation", org_id,
	                  json_pack("{s:s,s:s?}", "series", series, "class", has_class ? class_code : NULL), e);
	return kansli_end(k, rc, e);
}

json_t *request_settings_show(kansli *k, int64_t org_id, kerr *e)
{
	if (access_check(k, org_id, ACCESS_ADMIN, e))
		return NULL;
	request_filing f;
	int rc = request_filing_find(k, org_id, &f, e);
	if (rc && rc != KERR_NOTFOUND)
		return NULL;
	int is_chosen = !rc && f.by == REQUEST_FILED_SETTING;
	json_t *o = json_pack("{s:s?,s:s?,s:s?,s:b}", "series", is_chosen ? f.series : NULL,
	                      "class", is_chosen && *f.class_code ? f.class_code : NULL,
	                      "filed_in", rc ? NULL : f.series, "chosen", is_chosen);
	if (!rc && f.by == REQUEST_FILED_FIRST_SERIES) {
		char w[200];
		snprintf(w, sizeof w, "requests are filed in %s because no series is chosen for them", f.series);
		json_object_set_new(o, "warning", json_string(w));
	}
	return o;
}
