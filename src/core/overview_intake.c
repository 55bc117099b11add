/*
 * overview_intake.c — the registration lag in the managers' overview (see
 * overview.h): how long items waited in the inbox from arrival (the
 * channel's own time, the date received in law) to registration, per
 * channel, for the items registered in the year. A long lag is a document
 * received and not registered "without delay" (OSL 5 kap. 1 §).
 */
#include "core/overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

static const char *const channels[] = { "mail", "api" };

static const char SQL_LAG[] =
	"SELECT d.decided_us - i.arrived_us FROM intake_item i JOIN intake_decision d ON d.item_id = i.id "
	"WHERE i.org_id = ?1 AND i.source = ?2 AND d.outcome = 'registered' AND d.decided_us >= ?3 "
	"  AND d.decided_us < ?4 ORDER BY 1";

/* Hours, to one decimal: a figure for people, not for sums. */
static double hours(double us)
{
	return (double)(long long)(us / 360000000.0 + 0.5) / 10.0;
}

/* One channel's row: count, median and max, from the lags in order. */
static json_t *channel_row(const char *channel, const double *lag, size_t n)
{
	if (!n)
		return json_pack("{s:s,s:i,s:n,s:n}", "channel", channel, "registered", 0, "median_hours", "max_hours");
	double median = n % 2 ? lag[n / 2] : (lag[n / 2 - 1] + lag[n / 2]) / 2;
	return json_pack("{s:s,s:I,s:f,s:f}", "channel", channel, "registered", (json_int_t)n, "median_hours",
	                 hours(median), "max_hours", hours(lag[n - 1]));
}

json_t *overview_registration_lag(kansli *k, int64_t org_id, int year, kerr *e)
{
	char first[24], next[24];
	snprintf(first, sizeof first, "%04d-01-01", year);
	snprintf(next, sizeof next, "%04d-01-01", year + 1);
	json_t *out = json_array();
	for (size_t c = 0; c < sizeof channels / sizeof channels[0]; c++) {
		db_stmt *s = db_prep(k->db, SQL_LAG, e);
		if (!s)
			goto fail;
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, channels[c]);
		db_bind_int(s, 3, time_date_us(first));
		db_bind_int(s, 4, time_date_us(next));
		double *lag = NULL;
		size_t n = 0, cap = 0;
		int rc;
		while ((rc = db_step(s, e)) == DB_ROW) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				double *grown = realloc(lag, cap * sizeof *lag);
				if (!grown)
					abort(); /* as every allocation in kansli: out of memory ends the process */
				lag = grown;
			}
			int64_t v = db_col_int(s, 0);
			lag[n++] = v > 0 ? (double)v : 0;
		}
		if (rc < 0) {
			free(lag);
			goto fail;
		}
		json_array_append_new(out, channel_row(channels[c], lag, n));
		free(lag);
	}
	return out;
fail:
	json_decref(out);
	return NULL;
}
