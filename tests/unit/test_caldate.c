/*
 * test_caldate.c — the Swedish calendar the law counts with: Easter by the
 * Gregorian computus against known years, every public holiday of 2026,
 * and the appeal period of Kommunallagen 13 kap. 5 § moved past weekends,
 * holidays and the eves lag (1930:173) names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/caldate.h"

/* Easter Sunday is the only Sunday that is påskdagen; find it as the day
 * two after långfredagen, which is the only Friday public holiday in
 * March/April. */
static int easter_of(int y, char out[11])
{
	for (int m = 3; m <= 4; m++)
		for (int d = 1; d <= 31; d++) {
			char s[48];
			snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
			if (caldate_weekday(s) == 5 && caldate_public_holiday(y, m, d))
				return caldate_add_days(s, 2, out);
		}
	return -1;
}

static void check_appeal(const char *name, const char *posted, const char *want)
{
	char got[11] = "";
	int rc = caldate_appeal_end(posted, got);
	char label[160];
	snprintf(label, sizeof label, "appeal end: %s (%s -> %s, got %s)", name, posted, want, got);
	CHECK(label, rc == 0 && strcmp(got, want) == 0);
}

int main(void)
{
	static const char *const easters[] = {
		"2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16",
		"2038-04-25", "2000-04-23", "2019-04-21", "2011-04-24", "2008-03-23",
		"1943-04-25", "2285-04-22",
		/* years whose computus takes its rarer branches (python-dateutil's easter agrees) */
		"1954-04-18", "1981-04-19", "2049-04-18", "2076-04-19", "2106-04-18", "2143-03-31", "2190-04-25",
		/* on 1 April, the month's first day: the month and the day come
		 * from one sum, and the first of a month is where an error in the
		 * month's part alone shows */
		"2018-04-01", "2029-04-01", "1956-04-01",
	};
	for (size_t i = 0; i < sizeof easters / sizeof *easters; i++) {
		char got[11] = "";
		int y = 0;
		sscanf(easters[i], "%d", &y);
		if (y > 2199)
			continue; /* beyond the dates kansli accepts */
		int rc = easter_of(y, got);
		char label[80];
		snprintf(label, sizeof label, "Easter Sunday %d is %s (got %s)", y, easters[i], got);
		CHECK(label, rc == 0 && strcmp(got, easters[i]) == 0);
		/* Directly, not only through långfredagen: Easter Monday is a
		 * public holiday, the Tuesday after it is not. */
		char mon[11], tue[11];
		caldate_add_days(easters[i], 1, mon);
		caldate_add_days(easters[i], 2, tue);
		snprintf(label, sizeof label, "annandag påsk %s is a public holiday, %s is not", mon, tue);
		CHECK(label, caldate_public_holiday(y, atoi(mon + 5), atoi(mon + 8)) &&
		      !caldate_public_holiday(y, atoi(tue + 5), atoi(tue + 8)));
	}

	/* Every public holiday of 2026, and only those (plus Sundays). */
	static const struct { int m, d; const char *name; } h2026[] = {
		{ 1, 1, "nyårsdagen" }, { 1, 6, "trettondedag jul" }, { 4, 3, "långfredagen" },
		{ 4, 5, "påskdagen" }, { 4, 6, "annandag påsk" }, { 5, 1, "första maj" },
		{ 5, 14, "Kristi himmelsfärds dag" }, { 5, 24, "pingstdagen" },
		{ 6, 6, "nationaldagen" }, { 6, 20, "midsommardagen" },
		{ 10, 31, "alla helgons dag" }, { 12, 25, "juldagen" }, { 12, 26, "annandag jul" },
	};
	for (size_t i = 0; i < sizeof h2026 / sizeof *h2026; i++) {
		char label[80];
		snprintf(label, sizeof label, "2026: %s (%02d-%02d) is a public holiday", h2026[i].name,
		         h2026[i].m, h2026[i].d);
		CHECK(label, caldate_public_holiday(2026, h2026[i].m, h2026[i].d) == 1);
	}
	int weekday_holidays = 0, workdays = 0;
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= 31; d++) {
			char s[48];
			snprintf(s, sizeof s, "2026-%02d-%02d", m, d);
			int wd = caldate_weekday(s);
			if (wd == 0)
				continue;
			if (wd != 7 && caldate_public_holiday(2026, m, d))
				weekday_holidays++;
			if (!caldate_not_working_day(2026, m, d))
				workdays++;
		}
	/* 13 holidays above, pingstdagen and påskdagen are Sundays. */
	CHECK("2026 has 11 public holidays that are not Sundays", weekday_holidays == 11);
	/* 365 days - 104 weekend days - 7 holidays on Monday..Friday (1/1, 6/1,
	 * 3/4, 6/4, 1/5, 14/5, 25/12) - 3 eves on weekdays (midsommarafton 19/6,
	 * julafton 24/12, nyårsafton 31/12). */
	CHECK("2026 has 251 working days", workdays == 251);
	CHECK("midsommarafton 2026 is not a public holiday", caldate_public_holiday(2026, 6, 19) == 0);
	CHECK("midsommarafton 2026 is not a working day", caldate_not_working_day(2026, 6, 19) == 1);
	CHECK("julafton is not a public holiday", caldate_public_holiday(2026, 12, 24) == 0);
	CHECK("julafton is not a working day", caldate_not_working_day(2026, 12, 24) == 1);
	CHECK("nyårsafton is not a working day", caldate_not_working_day(2026, 12, 31) == 1);
	CHECK("påskafton is a Saturday, not a working day", caldate_not_working_day(2026, 4, 4) == 1);
	CHECK("an ordinary Tuesday is a working day", caldate_not_working_day(2026, 11, 24) == 0);
	CHECK("midsommardagen 2025 is 2025-06-21", caldate_public_holiday(2025, 6, 21) == 1 &&
	                                           caldate_public_holiday(2025, 6, 20) == 0);
	CHECK("alla helgons dag 2025 is 2025-11-01", caldate_public_holiday(2025, 11, 1) == 1 &&
	                                             caldate_public_holiday(2025, 10, 31) == 0);
	CHECK("Kristi himmelsfärd 2025 is 2025-05-29", caldate_public_holiday(2025, 5, 29) == 1);
	CHECK("a bad date is no holiday", caldate_public_holiday(2026, 2, 30) == 0);

	char out[11];
	CHECK("weekday of 2026-12-01 is Tuesday", caldate_weekday("2026-12-01") == 2);
	CHECK("weekday of a bad date is 0", caldate_weekday("2026-13-01") == 0);
	CHECK("add days across a leap day", caldate_add_days("2028-02-28", 2, out) == 0 &&
	                                    strcmp(out, "2028-03-01") == 0);
	CHECK("add days across a year", caldate_add_days("2026-12-31", 1, out) == 0 &&
	                                strcmp(out, "2027-01-01") == 0);
	CHECK("subtract days", caldate_add_days("2026-03-01", -1, out) == 0 &&
	                       strcmp(out, "2026-02-28") == 0);
	CHECK("add days refuses a bad date", caldate_add_days("2026-02-29", 1, out) == -1);

	check_appeal("ends on a weekday", "2026-03-02", "2026-03-23");
	check_appeal("ends on a Saturday", "2026-02-07", "2026-03-02");
	check_appeal("ends on a Sunday", "2026-02-08", "2026-03-02");
	check_appeal("ends on julafton", "2026-12-03", "2026-12-28");
	check_appeal("ends on nyårsafton", "2026-12-10", "2027-01-04");
	check_appeal("ends on midsommarafton", "2026-05-29", "2026-06-22");
	check_appeal("ends on långfredagen", "2026-03-13", "2026-04-07");
	check_appeal("ends on annandag påsk", "2026-03-16", "2026-04-07");
	check_appeal("ends on Kristi himmelsfärds dag", "2026-04-23", "2026-05-15");
	check_appeal("ends on nationaldagen (a Friday)", "2025-05-16", "2025-06-09");
	check_appeal("ends on alla helgons dag", "2026-10-10", "2026-11-02");
	check_appeal("ends on trettondedag jul, posted the year before", "2025-12-16", "2026-01-07");
	CHECK("appeal end refuses a bad date", caldate_appeal_end("2026-11-31", out) == -1);
	CHECK("appeal end refuses text", caldate_appeal_end("igår", out) == -1);
	TEST_END();
}
