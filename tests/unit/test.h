/*
 * test.h — the smallest unit-test harness that reports like the rest of the
 * suite: one "PASS name" or "FAIL name (file:line)" line per check, counted
 * by tests/run. A test program exits non-zero when any check failed.
 */
#ifndef KANSLI_TEST_H
#define KANSLI_TEST_H

#include <stdio.h>

static int test_failures;

#define CHECK(name, cond) do { \
	if (cond) printf("PASS %s\n", (name)); \
	else { printf("FAIL %s (%s:%d)\n", (name), __FILE__, __LINE__); test_failures++; } \
} while (0)

#define TEST_END() do { fflush(stdout); return test_failures ? 1 : 0; } while (0)

#endif
