/*
 * caldate.c — Swedish public holidays and the statutory appeal period; see
 * caldate.h. Dates are handled as day numbers (days since 1970-01-01 in
 * the proleptic Gregorian calendar, Howard Hinnant's civil algorithms), so
 * adding days never meets a time zone or a daylight-saving jump.
 */
#include "util/caldate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

/* Day number of y-m-d (1970-01-01 = 0). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1 = Monday .. 7 = Sunday; 1970-01-01 was a Thursday. */
static int weekday_of(long z)
{
	long w = (z + 3) % 7;
	if (w < 0)
		w += 7;
	return (int)w + 1;
}

/* Easter Sunday of year y by the anonymous Gregorian computus
 * (Meeus/Jones/Butcher), as a day number. */
static long easter_day(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return days_from_civil(y, month, day);
}

/* The Saturday in [first, first + 6] counted from y-m-d. */
static long saturday_from(int y, int m, int d)
{
	long z = days_from_civil(y, m, d);
	while (weekday_of(z) != 6)
		z++;
	return z;
}

static int valid_ymd(int y, int m, int d)
{
	char s[16];
	if (y < 1900 || y > 2199)
		return 0;
	snprintf(s, sizeof s, "%04d-%02d-%02d", y, m, d);
	return time_valid_date(s);
}

int caldate_public_holiday(int y, int m, int d)
{
	if (!valid_ymd(y, m, d))
		return 0;
	long z = days_from_civil(y, m, d);
	if (weekday_of(z) == 7)
		return 1; /* every Sunday, so påskdagen and pingstdagen too */
	if ((m == 1 && (d == 1 || d == 6)) || (m == 5 && d == 1) || (m == 6 && d == 6) ||
	    (m == 12 && (d == 25 || d == 26)))
		return 1;
	long easter = easter_day(y);
	if (z == easter - 2 || z == easter + 1 || z == easter + 39)
		return 1; /* långfredagen, annandag påsk, Kristi himmelsfärds dag */
	if (z == saturday_from(y, 6, 20))
		return 1; /* midsommardagen */
	if (z == saturday_from(y, 10, 31))
		return 1; /* alla helgons dag */
	return 0;
}

int caldate_not_working_day(int y, int m, int d)
{
	if (!valid_ymd(y, m, d))
		return 0;
	long z = days_from_civil(y, m, d);
	if (weekday_of(z) >= 6 || caldate_public_holiday(y, m, d))
		return 1;
	if (z == saturday_from(y, 6, 20) - 1)
		return 1; /* midsommarafton */
	return (m == 12 && (d == 24 || d == 31)); /* julafton, nyårsafton */
}

/* Parses a valid ISO date into its day number; -1 when invalid. */
static int parse_date(const char *date, long *z)
{
	if (!time_valid_date(date))
		return -1;
	*z = days_from_civil(atoi(date), atoi(date + 5), atoi(date + 8));
	return 0;
}

static void format_days(long z, char out[11])
{
	int y, m, d;
	civil_from_days(z, &y, &m, &d);
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", uy, um, ud);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int caldate_add_days(const char *date, int days, char out[11])
{
	long z;
	if (parse_date(date, &z) < 0)
		return -1;
	int y, m, d;
	civil_from_days(z + days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return -1;
	format_days(z + days, out);
	return 0;
}

int caldate_appeal_end(const char *posted, char out[11])
{
	long z;
	if (parse_date(posted, &z) < 0)
		return -1;
	/* "inom tre veckor från den dag då det justerade protokollet
	 * tillkännagavs": the period ends on the same weekday three weeks
	 * later, and runs on past days that are not working days. */
	z += 21;
	for (;;) {
		int y, m, d;
		civil_from_days(z, &y, &m, &d);
		if (!caldate_not_working_day(y, m, d))
			break;
		z++;
	}
	format_days(z, out);
	return 0;
}

int caldate_weekday(const char *date)
{
	long z;
	if (parse_date(date, &z) < 0)
		return 0;
	return weekday_of(z);
}
