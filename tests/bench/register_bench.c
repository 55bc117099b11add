/*
 * register_bench.c — single registrations per second on one writer: each
 * record_register call is its own transaction with its audit event and a
 * signed tree head, committed with synchronous=FULL, exactly as the CLI and
 * the server do it (this links the same core/).
 *
 * usage: register-bench DATADIR N   → prints "register: N in S s = R/s"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/cases.h"
#include "core/org.h"
#include "core/records.h"
#include "util/timeutil.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: register-bench DATADIR N\n", stderr);
		return 2;
	}
	time_init_zone();
	long n = atol(argv[2]);
	kansli *k;
	kerr e = KERR_INIT;
	int64_t org;
	char num[CASENUM_MAX], rnum[CASENUM_MAX];
	if (kansli_open(&k, argv[1], &e) || org_find(k, NULL, &org, &e)) {
		fprintf(stderr, "register-bench: %s\n", e.msg);
		return 1;
	}
	series_add(k, org, "BENCH", "Mätserie", NULL);
	case_new c = { .series = "BENCH", .title = "Mätning av registreringar" };
	if (case_open(k, org, &c, num, &e)) {
		fprintf(stderr, "register-bench: %s\n", e.msg);
		return 1;
	}
	record_new r = { .direction = "in", .title = "Inkommande skrivelse",
	                 .party_kind = "organisation", .party_name = "Länsstyrelsen" };
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++) {
		if (record_register(k, org, num, &r, rnum, &e)) {
			fprintf(stderr, "register-bench: %s\n", e.msg);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("register: %ld single registrations in %.2f s = %.0f/s\n", n, s, (double)n / s);
	kansli_close(k);
	return 0;
}
