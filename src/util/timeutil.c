/* timeutil.c — UTC storage, Swedish display; see timeutil.h. */
#include "util/timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void time_init_zone(void)
{
	setenv("TZ", "Europe/Stockholm", 1);
	tzset();
}

/* KANSLI_NOW=YYYY-MM-DD (tests only) moves "now" to that date in Swedish
 * time, keeping the real time of day so that events still follow each
 * other in order. main() refuses an invalid value; here it is ignored. */
int64_t time_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t now = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
	const char *fake = getenv("KANSLI_NOW");
	if (fake && time_valid_date(fake)) {
		time_t t = ts.tv_sec;
		struct tm tm;
		localtime_r(&t, &tm);
		tm.tm_year = atoi(fake) - 1900;
		tm.tm_mon = atoi(fake + 5) - 1;
		tm.tm_mday = atoi(fake + 8);
		tm.tm_isdst = -1;
		time_t moved = mktime(&tm);
		if (moved != (time_t)-1)
			now = (int64_t)moved * 1000000 + ts.tv_nsec / 1000;
	}
	return now;
}

void time_today(char out[11])
{
	time_t t = (time_t)(time_now_us() / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int time_valid_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days_in_month(y, m);
}

void time_format_local(int64_t us, char *out, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M:%S", &tm);
}

void time_format_utc(int64_t us, char *out, size_t len)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	char base[24];
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, len, "%s.%06dZ", base, (int)(us % 1000000));
}

int64_t time_date_us(const char *date)
{
	struct tm tm = { .tm_year = atoi(date) - 1900, .tm_mon = atoi(date + 5) - 1, .tm_mday = atoi(date + 8),
	                 .tm_isdst = -1 };
	return (int64_t)mktime(&tm) * 1000000;
}

int time_date_year(const char *date)
{
	return atoi(date);
}
