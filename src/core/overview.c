/*
 * overview.c — the managers' overview; see overview.h.
 *
 * Each figure group is one statement over case_file (or record, or event)
 * grouped by series and unit, so one pass gives the per-series rows, the
 * per-unit rows and the total. The common SQL dialect has no date
 * difference, so handling times are computed here from the rows of the
 * cases closed that year (a few thousand at most), sorted once per group.
 */
#include "core/overview.h"
#include "core/reminder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/access.h"
#include "core/casenum.h"
#include "core/casetitle.h"
#include "util/timeutil.h"

static const char SQL_ORG[] = "SELECT code, name FROM organisation WHERE id = ?1";
static const char SQL_SERIES[] = "SELECT id, prefix, name FROM series WHERE org_id = ?1 ORDER BY prefix";
static const char SQL_UNITS[] = "SELECT id, code, name FROM unit WHERE org_id = ?1 ORDER BY code";
/* ?2..?3: the year's first and last day. */
static const char SQL_OPENED[] =
	"SELECT series_id, unit_id, count(*) FROM case_file "
	"WHERE org_id = ?1 AND opened_date >= ?2 AND opened_date <= ?3 GROUP BY series_id, unit_id";
/* ?2..?3: the year in UTC microseconds, [start, end). closed_us is set
 * exactly while a case is closed. */
static const char SQL_CLOSED[] =
	"SELECT series_id, unit_id, opened_date, closed_us FROM case_file "
	"WHERE org_id = ?1 AND closed_us >= ?2 AND closed_us < ?3";
static const char SQL_DECIDED[] =
	"SELECT c.series_id, c.unit_id, count(DISTINCT c.id) FROM event v JOIN case_file c ON c.id = v.object_id "
	"WHERE v.org_id = ?1 AND v.action = 'case.decide' AND v.object_type = 'case' "
	"  AND v.ts_us >= ?2 AND v.ts_us < ?3 AND c.org_id = ?1 GROUP BY c.series_id, c.unit_id";
/* ?2: the year's last day, ?3: the next year's start (us), ?4: today. */
static const char SQL_BACKLOG[] =
	"SELECT series_id, unit_id, "
	"  sum(CASE WHEN status <> 'closed' THEN 1 ELSE 0 END), "
	"  sum(CASE WHEN opened_date <= ?2 AND (closed_us IS NULL OR closed_us >= ?3) THEN 1 ELSE 0 END), "
	"  sum(CASE WHEN status <> 'closed' AND due_date < ?4 THEN 1 ELSE 0 END) "
	"FROM case_file WHERE org_id = ?1 GROUP BY series_id, unit_id";
/* CROSS JOIN keeps record outermost, so the year is a range of the
 * record_doc_date index rather than a walk over every case's records. */
static const char SQL_RECORDS[] =
	"SELECT c.series_id, c.unit_id, r.direction, count(*) FROM record r CROSS JOIN case_file c "
	"WHERE c.id = r.case_id AND c.org_id = ?1 AND r.doc_date >= ?2 AND r.doc_date <= ?3 "
	"GROUP BY c.series_id, c.unit_id, r.direction";
/* Month by month: ?2..?14 the months' first days (and the next year's),
 * ?15..?27 the same instants in UTC microseconds (cast, so that PostgreSQL
 * knows the types of parameters in a VALUES list). */
#define MONTH(n, a, b, c, d) \
	"(" #n ", CAST(?" #a " AS TEXT), CAST(?" #b " AS TEXT), CAST(?" #c " AS BIGINT), CAST(?" #d " AS BIGINT))"
static const char SQL_MONTHS[] =
	"WITH m(n, lo, hi, lo_us, hi_us) AS (VALUES "
	MONTH(1, 2, 3, 15, 16) ", " MONTH(2, 3, 4, 16, 17) ", " MONTH(3, 4, 5, 17, 18) ", "
	MONTH(4, 5, 6, 18, 19) ", " MONTH(5, 6, 7, 19, 20) ", " MONTH(6, 7, 8, 20, 21) ", "
	MONTH(7, 8, 9, 21, 22) ", " MONTH(8, 9, 10, 22, 23) ", " MONTH(9, 10, 11, 23, 24) ", "
	MONTH(10, 11, 12, 24, 25) ", " MONTH(11, 12, 13, 25, 26) ", " MONTH(12, 13, 14, 26, 27) ") "
	"SELECT m.n, "
	"  (SELECT count(*) FROM case_file c WHERE c.org_id = ?1 AND c.opened_date >= m.lo AND c.opened_date < m.hi), "
	"  (SELECT count(*) FROM case_file c WHERE c.org_id = ?1 AND c.closed_us >= m.lo_us AND c.closed_us < m.hi_us) "
	"FROM m ORDER BY m.n";
/* The most overdue open cases, worst first. ?2: today. */
static const char SQL_OVERDUE[] =
	"SELECT s.prefix, c.year, c.seq, c.id, c.officer_name, u.code, c.due_date FROM case_file c "
	"JOIN series s ON s.id = c.series_id LEFT JOIN unit u ON u.id = c.unit_id "
	"WHERE c.org_id = ?1 AND c.status <> 'closed' AND c.due_date < ?2 "
	"ORDER BY c.due_date, c.id LIMIT ?3";

enum { F_OPENED, F_CLOSED, F_DECIDED, F_OPEN_NOW, F_OPEN_END, F_OVERDUE, F_IN, F_OUT, F_INTERNAL, NFIG };
static const char *const fig_names[NFIG] = {
	"opened", "closed", "decided", "open_now", "open_at_year_end", "overdue",
	"records_in", "records_out", "records_internal",
};

typedef struct group {
	int64_t id;             /* series or unit id; 0: cases without a unit */
	char code[64], name[256];
	long long n[NFIG];
	double *days;           /* handling times of the cases closed that year */
	size_t ndays, cap;
} group;

typedef struct tally {
	group total;
	group *series, *units;  /* units[nunits] is "no unit" */
	size_t nseries, nunits;
} tally;

static void group_days(group *g, double d)
{
	if (g->ndays == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->days = realloc(g->days, g->cap * sizeof *g->days);
		if (!g->days)
			abort();
	}
	g->days[g->ndays++] = d;
}

/* The groups a (series, unit) cell adds to: the total, its series, its unit. */
static size_t cell_groups(tally *t, int64_t series_id, int unit_null, int64_t unit_id, group *out[3])
{
	size_t n = 0;
	out[n++] = &t->total;
	for (size_t i = 0; i < t->nseries; i++)
		if (t->series[i].id == series_id) {
			out[n++] = &t->series[i];
			break;
		}
	if (t->units) {
		if (unit_null) {
			out[n++] = &t->units[t->nunits];
		} else {
			for (size_t i = 0; i < t->nunits; i++)
				if (t->units[i].id == unit_id) {
					out[n++] = &t->units[i];
					break;
				}
		}
	}
	return n;
}

static void tally_add(tally *t, db_stmt *s, int fig, long long v)
{
	group *g[3];
	size_t n = cell_groups(t, db_col_int(s, 0), db_col_null(s, 1), db_col_int(s, 1), g);
	for (size_t i = 0; i < n; i++)
		g[i]->n[fig] += v;
}

static void tally_free(tally *t)
{
	free(t->total.days);
	for (size_t i = 0; i < t->nseries; i++)
		free(t->series[i].days);
	if (t->units)
		for (size_t i = 0; i <= t->nunits; i++)
			free(t->units[i].days);
	free(t->series);
	free(t->units);
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static long date_number(const char *iso)
{
	return day_number(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

/* The date (Swedish time) of an instant, as a day number. */
static long instant_number(int64_t us)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	return day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The p-quantile (0..1) of sorted v[n], interpolated linearly between ranks
 * (as spreadsheets' PERCENTILE.INC does), rounded to a tenth of a day. */
static double quantile(const double *v, size_t n, double p)
{
	double rank = p * (double)(n - 1);
	size_t lo = (size_t)rank;
	double q = lo + 1 < n ? v[lo] + (rank - (double)lo) * (v[lo + 1] - v[lo]) : v[lo];
	return (double)(long long)(q * 10.0 + 0.5) / 10.0;
}

static json_t *group_json(group *g, int with_backlog, int year_complete)
{
	json_t *o = json_object();
	for (int f = 0; f < NFIG; f++) {
		int backlog = f == F_OPEN_NOW || f == F_OPEN_END || f == F_OVERDUE;
		if (backlog && !with_backlog)
			continue;
		if (f == F_OPEN_END && !year_complete)
			json_object_set_new(o, fig_names[f], json_null());
		else
			json_object_set_new(o, fig_names[f], json_integer(g->n[f]));
	}
	if (g->ndays) {
		qsort(g->days, g->ndays, sizeof *g->days, cmp_double);
		json_object_set_new(o, "median_days", json_real(quantile(g->days, g->ndays, 0.5)));
		json_object_set_new(o, "p90_days", json_real(quantile(g->days, g->ndays, 0.9)));
	} else {
		json_object_set_new(o, "median_days", json_null());
		json_object_set_new(o, "p90_days", json_null());
	}
	return o;
}

/* Adds the members of src (consumed) to dst, after dst's own. */
static void merge(json_t *dst, json_t *src)
{
	json_object_update(dst, src);
	json_decref(src);
}

static int group_empty(const group *g)
{
	for (int f = 0; f < NFIG; f++)
		if (g->n[f])
			return 0;
	return 1;
}

/* Runs a prepared statement binding ?1 org and a text or instant range. */
static db_stmt *prep_range(kansli *k, const char *sql, int64_t org_id, const char *lo, const char *hi,
                           int64_t lo_us, int64_t hi_us, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	if (lo) {
		db_bind_text(s, 2, lo);
		db_bind_text(s, 3, hi);
	} else {
		db_bind_int(s, 2, lo_us);
		db_bind_int(s, 3, hi_us);
	}
	return s;
}

/* Opened, closed (with handling times), decided and records of year y. */
static int tally_year(kansli *k, int64_t org_id, int y, tally *t, kerr *e)
{
	char first[24], last[24], next[24];
	snprintf(first, sizeof first, "%04d-01-01", y);
	snprintf(last, sizeof last, "%04d-12-31", y);
	snprintf(next, sizeof next, "%04d-01-01", y + 1);
	int64_t lo_us = time_date_us(first), hi_us = time_date_us(next);
	db_stmt *s;
	int rc;

	if (!(s = prep_range(k, SQL_OPENED, org_id, first, last, 0, 0, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW)
		tally_add(t, s, F_OPENED, db_col_int(s, 2));
	db_done(s);
	if (rc < 0)
		return rc;

	if (!(s = prep_range(k, SQL_CLOSED, org_id, NULL, NULL, lo_us, hi_us, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		long d = instant_number(db_col_int(s, 3)) - date_number(db_col_text(s, 2));
		group *g[3];
		size_t n = cell_groups(t, db_col_int(s, 0), db_col_null(s, 1), db_col_int(s, 1), g);
		for (size_t i = 0; i < n; i++) {
			g[i]->n[F_CLOSED]++;
			group_days(g[i], d < 0 ? 0.0 : (double)d);
		}
	}
	db_done(s);
	if (rc < 0)
		return rc;

	if (!(s = prep_range(k, SQL_DECIDED, org_id, NULL, NULL, lo_us, hi_us, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW)
		tally_add(t, s, F_DECIDED, db_col_int(s, 2));
	db_done(s);
	if (rc < 0)
		return rc;

	if (!(s = prep_range(k, SQL_RECORDS, org_id, first, last, 0, 0, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *dir = db_col_text(s, 2);
		tally_add(t, s, !strcmp(dir, "in") ? F_IN : !strcmp(dir, "out") ? F_OUT : F_INTERNAL,
		          db_col_int(s, 3));
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Open now, open at the end of year y, overdue today. */
static int tally_backlog(kansli *k, int64_t org_id, int y, const char *today, tally *t, kerr *e)
{
	char last[24], next[24];
	snprintf(last, sizeof last, "%04d-12-31", y);
	snprintf(next, sizeof next, "%04d-01-01", y + 1);
	db_stmt *s = db_prep(k->db, SQL_BACKLOG, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, last);
	db_bind_int(s, 3, time_date_us(next));
	db_bind_text(s, 4, today);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		tally_add(t, s, F_OPEN_NOW, db_col_int(s, 2));
		tally_add(t, s, F_OPEN_END, db_col_int(s, 3));
		tally_add(t, s, F_OVERDUE, db_col_int(s, 4));
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Opened and closed per month of year y into out[12][2]. */
static int months(kansli *k, int64_t org_id, int y, long long out[12][2], kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_MONTHS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	for (int m = 0; m <= 12; m++) {
		char d[24];
		snprintf(d, sizeof d, "%04d-%02d-01", m < 12 ? y : y + 1, m < 12 ? m + 1 : 1);
		db_bind_text(s, 2 + m, d);
		db_bind_int(s, 15 + m, time_date_us(d));
	}
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		int m = (int)db_col_int(s, 0);
		if (m >= 1 && m <= 12) {
			out[m - 1][0] = db_col_int(s, 1);
			out[m - 1][1] = db_col_int(s, 2);
		}
	}
	db_done(s);
	return rc < 0 ? rc : 0;
}

static int load_groups(kansli *k, const char *sql, int64_t org_id, group **out, size_t *n, size_t extra, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	size_t cap = 8;
	*out = calloc(cap + extra, sizeof **out);
	if (!*out)
		abort();
	*n = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (*n == cap) {
			cap *= 2;
			group *g = realloc(*out, (cap + extra) * sizeof **out);
			if (!g)
				abort();
			*out = g;
		}
		group *g = &(*out)[(*n)++];
		memset(g, 0, sizeof *g);
		g->id = db_col_int(s, 0);
		snprintf(g->code, sizeof g->code, "%s", db_col_text(s, 1));
		snprintf(g->name, sizeof g->name, "%s", db_col_text(s, 2));
	}
	db_done(s);
	memset(*out + *n, 0, extra * sizeof **out);
	return rc < 0 ? rc : 0;
}

static json_t *overdue_cases(kansli *k, int64_t org_id, const char *today, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_OVERDUE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, today);
	db_bind_int(s, 3, OVERVIEW_OVERDUE_LIMIT);
	json_t *arr = json_array();
	long now = date_number(today);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char number[CASENUM_MAX];
		casenum_format_case(number, db_col_text(s, 0), (int)db_col_int(s, 1), (int)db_col_int(s, 2));
		const char *due = db_col_text(s, 6);
		json_t *title = case_title_staff_json(k, db_col_int(s, 3), e);
		if (!title) { /* an error, not a case without a title */
			rc = e && e->code ? e->code : KERR_INTERNAL;
			break;
		}
		json_array_append_new(arr, json_pack("{s:s,s:o,s:s?,s:s?,s:s,s:I}", "number", number,
		                      "title", title,
		                      "officer", db_col_null(s, 4) ? NULL : db_col_text(s, 4),
		                      "unit", db_col_null(s, 5) ? NULL : db_col_text(s, 5), "due_date", due,
		                      "days_overdue", (json_int_t)(now - date_number(due))));
	}
	db_done(s);
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

json_t *overview_year(kansli *k, int64_t org_id, int year, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	char today[11];
	time_today(today);
	int this_year = atoi(today);
	if (year == 0)
		year = this_year;
	if (year < 1901 || year > this_year) {
		kerr_set(e, KERR_INVALID, "year %d is outside 1901..%d (this year)", year, this_year);
		return NULL;
	}
	int complete = year < this_year;

	db_stmt *s = db_prep(k->db, SQL_ORG, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no such organisation"))
		return NULL;
	json_t *out = json_pack("{s:{s:s,s:s},s:i,s:s,s:b}", "organisation", "code", db_col_text(s, 0),
	                        "name", db_col_text(s, 1), "year", year, "today", today, "year_complete", complete);
	db_done(s);

	tally t = { 0 }, prev = { 0 };
	long long cur_m[12][2] = { { 0 } }, prev_m[12][2] = { { 0 } };
	json_t *overdue = NULL, *lag = NULL;
	if (load_groups(k, SQL_SERIES, org_id, &t.series, &t.nseries, 0, e) ||
	    load_groups(k, SQL_UNITS, org_id, &t.units, &t.nunits, 1, e) ||
	    tally_year(k, org_id, year, &t, e) || tally_backlog(k, org_id, year, today, &t, e) ||
	    tally_year(k, org_id, year - 1, &prev, e) || months(k, org_id, year, cur_m, e) ||
	    months(k, org_id, year - 1, prev_m, e) || !(overdue = overdue_cases(k, org_id, today, e)) ||
	    !(lag = overview_registration_lag(k, org_id, year, e)))
		goto fail;
	/* Overdue reminders are today's, whatever the year shown, as overdue cases are. */
	int64_t late_total = 0;
	json_t *late = reminder_overdue(k, org_id, OVERVIEW_OVERDUE_LIMIT, &late_total, e);
	if (!late) {
		json_decref(overdue);
		goto fail;
	}

	json_object_set_new(out, "total", group_json(&t.total, 1, complete));
	json_t *arr = json_array();
	for (size_t i = 0; i < t.nseries; i++) {
		json_t *g = json_pack("{s:s,s:s}", "prefix", t.series[i].code, "name", t.series[i].name);
		merge(g, group_json(&t.series[i], 1, complete));
		json_array_append_new(arr, g);
	}
	json_object_set_new(out, "series", arr);
	arr = json_array();
	for (size_t i = 0; i <= t.nunits; i++) {
		if (i == t.nunits && group_empty(&t.units[i]))
			break;
		json_t *g = json_pack("{s:s?,s:s?}", "code", i < t.nunits ? t.units[i].code : NULL,
		                      "name", i < t.nunits ? t.units[i].name : NULL);
		merge(g, group_json(&t.units[i], 1, complete));
		json_array_append_new(arr, g);
	}
	json_object_set_new(out, "units", arr);
	json_t *p = json_pack("{s:i}", "year", year - 1);
	merge(p, group_json(&prev.total, 0, 1));
	json_object_set_new(out, "previous_year", p);
	arr = json_array();
	for (int m = 0; m < 12; m++)
		json_array_append_new(arr, json_pack("{s:i,s:I,s:I,s:I,s:I}", "month", m + 1,
		                      "opened", (json_int_t)cur_m[m][0], "closed", (json_int_t)cur_m[m][1],
		                      "previous_opened", (json_int_t)prev_m[m][0],
		                      "previous_closed", (json_int_t)prev_m[m][1]));
	json_object_set_new(out, "months", arr);
	json_object_set_new(out, "overdue_cases", overdue);
	json_object_set_new(out, "overdue_limit", json_integer(OVERVIEW_OVERDUE_LIMIT));
	json_object_set_new(out, "overdue_reminders", late);
	json_object_set_new(out, "overdue_reminders_total", json_integer(late_total));
	json_object_set_new(out, "registration_lag", lag);
	tally_free(&t);
	tally_free(&prev);
	return out;
fail:
	tally_free(&t);
	tally_free(&prev);
	json_decref(overdue);
	json_decref(out);
	return NULL;
}
