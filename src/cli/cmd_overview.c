/* cmd_overview.c — `kansli overview`: the managers' overview of a year. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/overview.h"

static const char usage[] =
	"usage: kansli overview [--org ORG] [--year YYYY] [--json]\n\n"
	"Cases opened, closed and decided in the year, per series and unit, cases\n"
	"still open, records registered in/out/internal, median and 90th-percentile\n"
	"handling time in days, overdue cases and reminders (those you may see), and\n"
	"the months beside the year before.\n"
	"The year defaults to this year (Swedish time).\n";

static void num(json_t *o, const char *key, int width)
{
	json_t *v = json_object_get(o, key);
	if (json_is_integer(v))
		printf(" %*lld", width, (long long)json_integer_value(v));
	else if (json_is_real(v))
		printf(" %*.1f", width, json_real_value(v));
	else
		printf(" %*s", width, "-");
}

/* label in 24 columns, counting characters (UTF-8), not bytes. */
static void label_column(const char *label)
{
	int cols = 0;
	const unsigned char *p = (const unsigned char *)label;
	while (*p && cols < 24) {
		const unsigned char *q = p + 1;
		while ((*q & 0xc0) == 0x80)
			q++;
		fwrite(p, 1, (size_t)(q - p), stdout);
		p = q;
		cols++;
	}
	printf("%*s", 24 - cols, "");
}

static void row(const char *label, json_t *g)
{
	label_column(label);
	static const char *const keys[] = { "opened", "closed", "decided", "open_now", "open_at_year_end", "overdue",
	                                     "records_in", "records_out", "records_internal" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		num(g, keys[i], 7);
	num(g, "median_days", 7);
	num(g, "p90_days", 7);
	putchar('\n');
}

static void header(const char *what)
{
	printf("%-24s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n", what, "opened", "closed", "decided",
	       "open", "yearend", "overdue", "rec.in", "rec.out", "rec.int", "median", "p90");
}

static void print_text(json_t *v)
{
	json_t *org = json_object_get(v, "organisation");
	printf("%s (%s), %lld, as of %s\n\n", json_string_value(json_object_get(org, "name")),
	       json_string_value(json_object_get(org, "code")),
	       (long long)json_integer_value(json_object_get(v, "year")),
	       json_string_value(json_object_get(v, "today")));
	header("series");
	size_t i;
	json_t *g;
	json_array_foreach(json_object_get(v, "series"), i, g) {
		char label[300];
		snprintf(label, sizeof label, "%s %s", json_string_value(json_object_get(g, "prefix")),
		         json_string_value(json_object_get(g, "name")));
		row(label, g);
	}
	row("total", json_object_get(v, "total"));
	json_t *prev = json_object_get(v, "previous_year");
	char label[64];
	snprintf(label, sizeof label, "total %lld", (long long)json_integer_value(json_object_get(prev, "year")));
	row(label, prev);
	if (json_array_size(json_object_get(v, "units"))) {
		putchar('\n');
		header("unit");
		json_array_foreach(json_object_get(v, "units"), i, g) {
			const char *code = json_string_value(json_object_get(g, "code"));
			snprintf(label, sizeof label, "%s", code ? code : "(no unit)");
			row(label, g);
		}
	}
	printf("\n%-7s %9s %9s %9s %9s\n", "month", "opened", "closed", "prev.op", "prev.cl");
	json_array_foreach(json_object_get(v, "months"), i, g) {
		printf("%-7lld", (long long)json_integer_value(json_object_get(g, "month")));
		num(g, "opened", 9);
		num(g, "closed", 9);
		num(g, "previous_opened", 9);
		num(g, "previous_closed", 9);
		putchar('\n');
	}
	json_t *od = json_object_get(v, "overdue_cases");
	printf("\noverdue cases (worst %zu):\n", json_array_size(od));
	json_array_foreach(od, i, g) {
		const char *officer = json_string_value(json_object_get(g, "officer"));
		printf("  %-16s %5lld days  due %s  %s  (%s)\n", json_string_value(json_object_get(g, "number")),
		       (long long)json_integer_value(json_object_get(g, "days_overdue")),
		       json_string_value(json_object_get(g, "due_date")),
		       json_string_value(json_object_get(g, "title")), officer ? officer : "no officer");
	}
	json_t *late = json_object_get(v, "overdue_reminders");
	printf("\noverdue reminders: %lld (worst %zu):\n",
	       (long long)json_integer_value(json_object_get(v, "overdue_reminders_total")), json_array_size(late));
	json_array_foreach(late, i, g)
		printf("  %-6lld %-16s %5lld days  due %s  %s  (%s)\n", (long long)json_integer_value(json_object_get(g, "id")),
		       json_string_value(json_object_get(g, "case")),
		       (long long)json_integer_value(json_object_get(g, "days_overdue")),
		       json_string_value(json_object_get(g, "due_date")), json_string_value(json_object_get(g, "title")),
		       json_string_value(json_object_get(g, "assignee")));
	printf("\nregistration lag from the inbox (arrival to registration, hours):\n");
	json_array_foreach(json_object_get(v, "registration_lag"), i, g) {
		json_t *median = json_object_get(g, "median_hours"), *max = json_object_get(g, "max_hours");
		printf("  %-5s %5lld registered", json_string_value(json_object_get(g, "channel")),
		       (long long)json_integer_value(json_object_get(g, "registered")));
		if (json_is_number(median))
			printf("  median %.1f  max %.1f", json_number_value(median), json_number_value(max));
		putchar('\n');
	}
}

int cmd_overview(int argc, char **argv)
{
	cli_args a;
	long year = 0;
	int rc = cli_parse(argc, argv, "org=,year=,json", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "year", 1901, 2199, &year))
		return 2;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	json_t *v = overview_year(k, org, (int)year, &e);
	kansli_close(k);
	if (!v)
		return cli_fail(&e);
	if (cli_has(&a, "json"))
		cli_print(&a, v);
	else
		print_text(v);
	json_decref(v);
	return 0;
}
