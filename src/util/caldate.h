/*
 * caldate.h — calendar arithmetic the law needs: Swedish public holidays
 * and the appeal period of Kommunallagen 13 kap. 5 § (three weeks from the
 * day the notice of the adjusted minutes was posted), moved to the next
 * working day when it ends on a Saturday, a Sunday, a public holiday,
 * midsommarafton, julafton or nyårsafton (lag (1930:173) om beräkning av
 * lagstadgad tid). Dates are ISO "YYYY-MM-DD" text.
 */
#ifndef KANSLI_CALDATE_H
#define KANSLI_CALDATE_H

/* 1 when y-m-d is a Swedish public holiday (allmän helgdag: nyårsdagen,
 * trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj,
 * Kristi himmelsfärds dag, nationaldagen, midsommardagen, alla helgons
 * dag, juldagen, annandag jul) or a Sunday; else 0. */
int caldate_public_holiday(int y, int m, int d);
/* 1 when a period ending on y-m-d must run on to the next day: Saturday,
 * Sunday, public holiday, midsommarafton, julafton, nyårsafton. */
int caldate_not_working_day(int y, int m, int d);
/* date + days into out[11]; 0, or -1 when date is not a valid date. */
int caldate_add_days(const char *date, int days, char out[11]);
/* The last day to appeal minutes whose adjustment was posted on `posted`:
 * posted + 21 days, then on past non-working days. 0 or -1 (bad date). */
int caldate_appeal_end(const char *posted, char out[11]);
/* Day of the week, 1 = Monday .. 7 = Sunday; 0 for a bad date. */
int caldate_weekday(const char *date);

#endif
