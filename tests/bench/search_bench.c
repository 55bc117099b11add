/*
 * search_bench.c — kansli's search against PostgreSQL full-text search on
 * the same registry, in one run.
 *
 * usage: search-bench DATADIR PG_CONNINFO QUERIES.TSV [RUNS]
 *
 * For every query of queries.tsv: the hit count in both (they should be
 * equal), and over RUNS runs each the latency of the first page (20 hits)
 * newest first and by relevance. kansli is asked through core/search.h,
 * the function the CLI, the API and the pages call; PostgreSQL through
 * libpq with a GIN-indexed tsvector ('swedish'). Prints p50/p99 and ratios.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/org.h"
#include "core/search.h"
#include "util/timeutil.h"

#define MAXQ 64
#define MAXRUNS 200

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

static PGresult *pg(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
		fprintf(stderr, "search-bench: %s\n%s\n", PQerrorMessage(c), sql);
		exit(1);
	}
	return r;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: search-bench DATADIR PG_CONNINFO QUERIES.TSV [RUNS]\n", stderr);
		return 2;
	}
	time_init_zone();
	int runs = argc > 4 ? atoi(argv[4]) : 20;
	if (runs < 1 || runs > MAXRUNS)
		runs = 20;
	kansli *k;
	kerr e = KERR_INIT;
	int64_t org;
	if (kansli_open(&k, argv[1], &e) || org_find(k, NULL, &org, &e)) {
		fprintf(stderr, "search-bench: %s\n", e.msg);
		return 1;
	}
	PGconn *c = PQconnectdb(argv[2]);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "search-bench: %s", PQerrorMessage(c));
		return 1;
	}
	FILE *qf = fopen(argv[3], "r");
	if (!qf) {
		perror(argv[3]);
		return 1;
	}
	static double kn[MAXQ * MAXRUNS], kr[MAXQ * MAXRUNS], pn[MAXQ * MAXRUNS], pr[MAXQ * MAXRUNS];
	int nk = 0, equal = 0, nq = 0;
	char line[2048];
	printf("%-28s %10s %10s  %9s %9s %9s %9s\n", "query", "kansli", "postgres", "k new ms", "pg new ms",
	       "k rank ms", "pg rank ms");
	while (fgets(line, sizeof line, qf) && nq < MAXQ) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		char *f[8] = { 0 };
		int nf = 0;
		for (char *p = line; nf < 8; ) {
			f[nf++] = p;
			char *tab = strchr(p, '\t');
			if (!tab)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (nf < 7)
			continue;
		const char *name = f[0], *fts = f[2], *tsq = f[3], *series = f[4];
		int y0 = atoi(f[5]), y1 = atoi(f[6]);
		search_filter sf = { .series = *series ? series : NULL, .year = y0 > 0 ? y0 : 0,
		                     .year_to = y1 < 9999 ? y1 : 0, .limit = 20 };
		if (sf.year_to && !sf.year)
			sf.year = 1900;
		if (sf.year && !sf.year_to)
			sf.year_to = 2199;
		char where[1024], sql[2048];
		snprintf(where, sizeof where, "tsv @@ %s%s%s%s AND year BETWEEN %d AND %d", tsq,
		         *series ? " AND series = '" : "", series, *series ? "'" : "", y0, y1);
		long long kc = search_count(k, org, fts, &sf, &e);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM doc WHERE %s", where);
		PGresult *r = pg(c, sql);
		long long pc = atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
		equal += kc == pc;
		double a[MAXRUNS], b[MAXRUNS], cc[MAXRUNS], d[MAXRUNS];
		for (int i = -2; i < runs; i++) { /* two warm-up runs */
			double t0 = now_ms();
			sf.relevance = 0;
			json_t *h = search_query(k, org, fts, &sf, &e);
			double t1 = now_ms();
			json_decref(h);
			sf.relevance = 1;
			h = search_query(k, org, fts, &sf, &e);
			double t2 = now_ms();
			json_decref(h);
			snprintf(sql, sizeof sql, "SELECT id, dnr, doc_title, date FROM doc WHERE %s ORDER BY id DESC LIMIT 20", where);
			PQclear(pg(c, sql));
			double t3 = now_ms();
			snprintf(sql, sizeof sql, "SELECT id, dnr, doc_title, date FROM doc WHERE %s "
			         "ORDER BY ts_rank(tsv, %s) DESC LIMIT 20", where, tsq);
			PQclear(pg(c, sql));
			double t4 = now_ms();
			if (i < 0)
				continue;
			a[i] = t1 - t0; cc[i] = t2 - t1; b[i] = t3 - t2; d[i] = t4 - t3;
			kn[nk] = a[i]; kr[nk] = cc[i]; pn[nk] = b[i]; pr[nk] = d[i]; nk++;
		}
		printf("%-28s %10lld %10lld%s %9.2f %9.2f %9.2f %9.2f\n", name, kc, pc, kc == pc ? " " : "*",
		       pct(a, runs, 0.5), pct(b, runs, 0.5), pct(cc, runs, 0.5), pct(d, runs, 0.5));
		nq++;
	}
	double kn50 = pct(kn, nk, 0.5), kn99 = pct(kn, nk, 0.99), pn50 = pct(pn, nk, 0.5), pn99 = pct(pn, nk, 0.99);
	double kr50 = pct(kr, nk, 0.5), kr99 = pct(kr, nk, 0.99), pr50 = pct(pr, nk, 0.5), pr99 = pct(pr, nk, 0.99);
	printf("hit counts equal for %d of %d queries (* marks a difference)\n", equal, nq);
	printf("newest first: kansli p50 %.2f ms p99 %.2f ms; postgres p50 %.2f ms p99 %.2f ms; "
	       "p99 ratio %.2fx (goal <= 0.40x)\n", kn50, kn99, pn50, pn99, kn99 / pn99);
	printf("relevance:    kansli p50 %.2f ms p99 %.2f ms; postgres p50 %.2f ms p99 %.2f ms; "
	       "p50 ratio %.2fx (goal <= 0.75x)\n", kr50, kr99, pr50, pr99, kr50 / pr50);
	PQfinish(c);
	kansli_close(k);
	fclose(qf);
	return 0;
}
