/*
 * overview.h — the managers' overview (ledningsöversikt): per organisation
 * and year, how many cases each series (the committee's registry) and each
 * unit opened, closed and decided, how many are still open, how many records
 * were registered in, out and internal, how long the cases closed that year
 * took, which open cases are overdue, and the year month by month beside
 * the year before. Figures only: secret records are counted, never shown.
 */
#ifndef KANSLI_OVERVIEW_H
#define KANSLI_OVERVIEW_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

/* How many of the most overdue cases the overview lists. */
#define OVERVIEW_OVERDUE_LIMIT 25

/*
 * The overview of org_id for year (0: this year, Swedish time; a year after
 * this one is KERR_INVALID). Needs ACCESS_READ. New reference:
 *   {organisation:{code,name}, year, today, year_complete,
 *    total:FIG, series:[{prefix,name,...FIG}], units:[{code,name,...FIG}],
 *    previous_year:{year,...FIG without the backlog},
 *    months:[{month,opened,closed,previous_opened,previous_closed} x12],
 *    overdue_cases:[{number,title,officer,unit,due_date,days_overdue}],
 *    overdue_limit, overdue_reminders:[{id,case,title,assignee,due,
 *    days_overdue}] (reminder_overdue, reminder.h: those the reader may
 *    see), overdue_reminders_total, registration_lag
 *    (overview_registration_lag)}
 * FIG = {opened, closed, decided, open_now, open_at_year_end (null while the
 * year runs), overdue, records_in, records_out, records_internal,
 * median_days, p90_days (null when nothing was closed)}.
 * Counting rules: opened by opened_date, closed by the closing time's date
 * in Swedish time, decided by a case.decide event that year, records by
 * their date (received or drawn up); handling time is opened_date to the
 * closing date in days, percentiles interpolated linearly; overdue means
 * not closed and due_date before today; a reopened case is open again and
 * its earlier closing no longer counts. Cases without a unit form a unit
 * row with code null when they have any figure.
 */
json_t *overview_year(kansli *k, int64_t org_id, int year, kerr *e);
/* The overview's "registration_lag": for each inbox channel ("mail",
 * "api"), the items registered in year, and the median and the longest
 * time from arrival to registration in hours (null when none):
 * [{channel, registered, median_hours, max_hours}]. Figures only. New
 * reference, or NULL with e set; the caller has checked access. */
json_t *overview_registration_lag(kansli *k, int64_t org_id, int year, kerr *e);

#endif
