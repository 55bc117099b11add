/*
 * test_retention_years.c — when a retention period ends: a closing date
 * moved by whole years (retention_add_years), with 29 February kept in a
 * leap year and moved to the 28th in a common one, against the Gregorian
 * rule (every fourth year, not every hundredth, every four hundredth).
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "core/retention.h"

static int ends(const char *date, int years, const char *want)
{
	char out[11];
	/* whatever the caller's buffer held: the answer is written whole,
	 * its terminating NUL too */
	memset(out, '#', sizeof out);
	retention_add_years(date, years, out);
	if (memchr(out, '\0', sizeof out) == NULL) {
		printf("# %s + %d years: the answer is not terminated\n", date, years);
		return 0;
	}
	if (strcmp(out, want))
		printf("# %s + %d years: %s, expected %s\n", date, years, out, want);
	return !strcmp(out, want);
}

int main(void)
{
	CHECK("an ordinary day moves by the years", ends("2026-12-01", 2, "2028-12-01"));
	CHECK("no years is the day itself", ends("2026-12-01", 0, "2026-12-01"));
	CHECK("29 February to a leap year stays the 29th", ends("2024-02-29", 4, "2028-02-29"));
	CHECK("29 February to a common year is the 28th", ends("2024-02-29", 1, "2025-02-28"));
	CHECK("2000 was a leap year (every 400th)", ends("1996-02-29", 4, "2000-02-29"));
	CHECK("2100 is not (every 100th is not)", ends("2096-02-29", 4, "2100-02-28"));
	CHECK("not a date is never due", ends("2026-13-01", 1, "9999-12-31"));
	TEST_END();
}
