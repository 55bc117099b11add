/* metrics.c — Prometheus counters; see metrics.h. */
#include "web/metrics.h"

#include <stdatomic.h>

static const double bounds_s[] = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5 };
#define NBOUNDS (sizeof bounds_s / sizeof bounds_s[0])

static atomic_llong by_class[6];
static atomic_llong bucket[NBOUNDS];
static atomic_llong count, sum_us, registrations;

void metrics_request(unsigned status, int64_t us)
{
	unsigned cls = status / 100 < 6 ? status / 100 : 5;
	atomic_fetch_add(&by_class[cls], 1);
	atomic_fetch_add(&count, 1);
	atomic_fetch_add(&sum_us, us);
	for (unsigned i = 0; i < NBOUNDS; i++)
		if ((double)us / 1e6 <= bounds_s[i])
			atomic_fetch_add(&bucket[i], 1);
}

void metrics_registration(void)
{
	atomic_fetch_add(&registrations, 1);
}

void metrics_render(buf *b)
{
	buf_adds(b, "# HELP kansli_http_requests_total HTTP requests answered, by status class.\n"
	            "# TYPE kansli_http_requests_total counter\n");
	for (int c = 1; c < 6; c++)
		buf_printf(b, "kansli_http_requests_total{class=\"%dxx\"} %lld\n", c, (long long)by_class[c]);
	buf_adds(b, "# HELP kansli_http_request_duration_seconds Time to answer a request.\n"
	            "# TYPE kansli_http_request_duration_seconds histogram\n");
	for (unsigned i = 0; i < NBOUNDS; i++)
		buf_printf(b, "kansli_http_request_duration_seconds_bucket{le=\"%g\"} %lld\n", bounds_s[i],
		           (long long)bucket[i]);
	buf_printf(b, "kansli_http_request_duration_seconds_bucket{le=\"+Inf\"} %lld\n", (long long)count);
	buf_printf(b, "kansli_http_request_duration_seconds_sum %.6f\n", (double)sum_us / 1e6);
	buf_printf(b, "kansli_http_request_duration_seconds_count %lld\n", (long long)count);
	buf_adds(b, "# HELP kansli_registrations_total Records registered through this server.\n"
	            "# TYPE kansli_registrations_total counter\n");
	buf_printf(b, "kansli_registrations_total %lld\n", (long long)registrations);
}
