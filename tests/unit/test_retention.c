/* test_retention.c — the date arithmetic of the retention schedule. */
#include <string.h>

#include "core/retention.h"
#include "test.h"

int main(void)
{
	char out[11];
	retention_add_years("2026-12-01", 10, out);
	CHECK("retention ten years", !strcmp(out, "2036-12-01"));
	retention_add_years("2026-12-01", 0, out);
	CHECK("retention zero years is the closing day", !strcmp(out, "2026-12-01"));
	retention_add_years("2024-02-29", 1, out);
	CHECK("retention 29 February to a common year is 28 February", !strcmp(out, "2025-02-28"));
	retention_add_years("2024-02-29", 4, out);
	CHECK("retention 29 February to a leap year stays", !strcmp(out, "2028-02-29"));
	retention_add_years("2096-02-29", 4, out);
	CHECK("retention 2100 is not a leap year", !strcmp(out, "2100-02-28"));
	retention_add_years("1999-12-31", 200, out);
	CHECK("retention 200 years", !strcmp(out, "2199-12-31"));
	retention_add_years("2026-1", 5, out);
	CHECK("retention a short date is never due", !strcmp(out, "9999-12-31"));
	retention_add_years("garbage", 5, out);
	CHECK("retention a bad date is never due", !strcmp(out, "9999-12-31"));
	TEST_END();
}
