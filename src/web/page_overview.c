/*
 * page_overview.c — the managers' overview (/oversikt?org=&ar=): the year's
 * figures per registry series and per unit, a comparison with the year
 * before, opened and closed cases month by month as bar charts (inline SVG
 * drawn with attributes and stylesheet classes, so the strict CSP holds,
 * with the same numbers in a table as the text alternative), the most
 * overdue cases, and the figures as CSV (format=csv). The figures are
 * core/overview.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/overview.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"
#include "web/overview_lag.h"

static const char *const month_sv[12] = {
	"januari", "februari", "mars", "april", "maj", "juni",
	"juli", "augusti", "september", "oktober", "november", "december",
};
static const char *const month_abbr[12] = {
	"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
};

/* The columns of the series and unit tables, and of the CSV. */
static const struct figure {
	const char *key, *label;
} columns[] = {
	{ "opened", N_("Öppnade") }, { "closed", N_("Avslutade") }, { "decided", N_("Beslutade") },
	{ "open_now", N_("Öppna nu") }, { "open_at_year_end", N_("Öppna vid årets slut") }, { "overdue", N_("Försenade nu") },
	{ "records_in", N_("Inkomna handlingar") }, { "records_out", N_("Utgående handlingar") },
	{ "records_internal", N_("Upprättade handlingar") },
	{ "median_days", N_("Median, dagar") }, { "p90_days", N_("90:e percentil, dagar") },
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* A figure as text: integers as they are, days with a decimal comma, a
 * missing figure as "–" (page) or "" (CSV). */
static void figure(char *out, size_t len, json_t *v, int csv)
{
	if (json_is_integer(v))
		snprintf(out, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v)) {
		snprintf(out, len, "%.1f", json_real_value(v));
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	} else
		snprintf(out, len, "%s", csv ? "" : "–");
}

static void figure_row(buf *b, const char *label, json_t *g, int complete)
{
	html_f(b, "<tr><th scope=\"row\">%s</th>", label);
	for (size_t c = 0; c < NCOLUMNS; c++) {
		if (!complete && !strcmp(columns[c].key, "open_at_year_end"))
			continue;
		char v[32];
		figure(v, sizeof v, json_object_get(g, columns[c].key), 0);
		html_f(b, "<td class=\"num\">%s</td>", v);
	}
	html_f(b, "</tr>");
}

static void figure_table(buf *b, json_t *ov, const char *what, const char *caption, json_t *rows,
                         const char *code_key, int complete)
{
	html_f(b, "<table class=\"figures\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>", caption, what);
	for (size_t c = 0; c < NCOLUMNS; c++) {
		if (!complete && !strcmp(columns[c].key, "open_at_year_end"))
			continue;
		html_f(b, "<th scope=\"col\">%s</th>", _(columns[c].label));
	}
	html_f(b, "</tr></thead><tbody>");
	size_t i;
	json_t *g;
	json_array_foreach(rows, i, g) {
		const char *code = view_str(g, code_key), *name = view_str(g, "name");
		char label[400];
		if (code)
			snprintf(label, sizeof label, "%s %s", code, name ? name : "");
		else
			snprintf(label, sizeof label, _("Utan enhet"));
		figure_row(b, label, g, complete);
	}
	html_f(b, "</tbody><tfoot>");
	figure_row(b, _("Hela organisationen"), json_object_get(ov, "total"), complete);
	html_f(b, "</tfoot></table>\n");
}

/* One bar chart: this year's bars filled, last year's outlined beside them,
 * so the two differ in shape, not only in colour. */
static void month_chart(buf *b, json_t *months, const char *key, const char *prev_key, const char *id,
                        const char *title, int year)
{
	long long max = 1;
	size_t i;
	json_t *m;
	json_array_foreach(months, i, m) {
		long long a = json_integer_value(json_object_get(m, key)),
		          p = json_integer_value(json_object_get(m, prev_key));
		if (a > max) max = a;
		if (p > max) max = p;
	}
	const int height = 160, top = 20, base = top + height;
	buf_printf(b, "<figure class=\"chart\"><svg viewBox=\"0 0 640 %d\" width=\"640\" height=\"%d\" role=\"img\" "
	              "aria-labelledby=\"%s-t %s-d\" focusable=\"false\"><title id=\"%s-t\">", base + 30, base + 30,
	           id, id, id);
	html_text(b, title);
	buf_printf(b, "</title><desc id=\"%s-d\">", id);
	json_array_foreach(months, i, m) {
		buf_printf(b, "%s%s: %lld (%d: %lld)", i ? "; " : "", month_sv[i],
		           (long long)json_integer_value(json_object_get(m, key)), year - 1,
		           (long long)json_integer_value(json_object_get(m, prev_key)));
	}
	buf_printf(b, ".</desc><line class=\"axis\" x1=\"30\" y1=\"%d\" x2=\"630\" y2=\"%d\"/>"
	              "<text class=\"tick\" x=\"26\" y=\"%d\" text-anchor=\"end\">%lld</text>"
	              "<text class=\"tick\" x=\"26\" y=\"%d\" text-anchor=\"end\">0</text>",
	           base, base, top + 4, max, base);
	json_array_foreach(months, i, m) {
		long long a = json_integer_value(json_object_get(m, key)),
		          p = json_integer_value(json_object_get(m, prev_key));
		int x = 36 + (int)i * 50, ha = (int)(a * height / max), hp = (int)(p * height / max);
		buf_printf(b, "<rect class=\"bar-now\" x=\"%d\" y=\"%d\" width=\"20\" height=\"%d\"/>"
		              "<rect class=\"bar-prev\" x=\"%d.5\" y=\"%d.5\" width=\"19\" height=\"%d\"/>"
		              "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
		           x, base - ha, ha, x + 21, base - hp, hp > 0 ? hp - 1 : 0, x + 21, base + 18, month_abbr[i]);
	}
	html_f(b, _("</svg><figcaption>%s. Fylld stapel: %d, ofylld stapel: %d.</figcaption></figure>\n"), title, year,
	       year - 1);
}

static enum MHD_Result overview_csv(request *r, json_t *ov)
{
	buf b = BUF_INIT;
	buf_adds(&b, "\xEF\xBB\xBF"); /* BOM: spreadsheet programs then read UTF-8 */
	view_csv_cell(&b, _("Grupp"), 0);
	view_csv_cell(&b, _("Kod"), 0);
	view_csv_cell(&b, _("Namn"), 0);
	view_csv_cell(&b, _("År"), 0);
	for (size_t c = 0; c < NCOLUMNS; c++)
		view_csv_cell(&b, _(columns[c].label), c + 1 == NCOLUMNS);
	char year[24], prev[24];
	snprintf(year, sizeof year, "%lld", (long long)json_integer_value(json_object_get(ov, "year")));
	snprintf(prev, sizeof prev, "%lld", (long long)json_integer_value(json_object_get(ov, "year")) - 1);
	const char *const groups[][3] = { { "series", _("Diarieserie"), "prefix" }, { "units", _("Enhet"), "code" } };
	for (size_t gi = 0; gi < 2; gi++) {
		size_t i;
		json_t *g;
		json_array_foreach(json_object_get(ov, groups[gi][0]), i, g) {
			view_csv_cell(&b, groups[gi][1], 0);
			view_csv_cell(&b, view_str(g, groups[gi][2]), 0);
			view_csv_cell(&b, view_str(g, groups[gi][2]) ? view_str(g, "name") : _("Utan enhet"), 0);
			view_csv_cell(&b, year, 0);
			for (size_t c = 0; c < NCOLUMNS; c++) {
				char v[32];
				figure(v, sizeof v, json_object_get(g, columns[c].key), 1);
				view_csv_cell(&b, v, c + 1 == NCOLUMNS);
			}
		}
	}
	json_t *tot[2] = { json_object_get(ov, "total"), json_object_get(ov, "previous_year") };
	for (int t = 0; t < 2; t++) {
		view_csv_cell(&b, _("Totalt"), 0);
		view_csv_cell(&b, "", 0);
		view_csv_cell(&b, _("Hela organisationen"), 0);
		view_csv_cell(&b, t ? prev : year, 0);
		for (size_t c = 0; c < NCOLUMNS; c++) {
			char v[32];
			figure(v, sizeof v, json_object_get(tot[t], columns[c].key), 1);
			view_csv_cell(&b, v, c + 1 == NCOLUMNS);
		}
	}
	for (int t = 0; t < 2; t++) {
		size_t i;
		json_t *m;
		json_array_foreach(json_object_get(ov, "months"), i, m) {
			char code[48], o[24], c[24];
			snprintf(code, sizeof code, "%s-%02zu", t ? prev : year, i + 1);
			snprintf(o, sizeof o, "%lld", (long long)json_integer_value(json_object_get(m, t ? "previous_opened" : "opened")));
			snprintf(c, sizeof c, "%lld", (long long)json_integer_value(json_object_get(m, t ? "previous_closed" : "closed")));
			view_csv_cell(&b, _("Månad"), 0);
			view_csv_cell(&b, code, 0);
			view_csv_cell(&b, month_sv[i], 0);
			view_csv_cell(&b, t ? prev : year, 0);
			view_csv_cell(&b, o, 0);
			view_csv_cell(&b, c, 0);
			for (size_t k = 2; k < NCOLUMNS; k++)
				view_csv_cell(&b, "", k + 1 == NCOLUMNS);
		}
	}
	return web_send(r, 200, "text/csv; charset=utf-8", &b);
}

static void comparison_table(buf *b, json_t *ov, int year)
{
	json_t *now = json_object_get(ov, "total"), *prev = json_object_get(ov, "previous_year");
	buf_printf(b, _("<table class=\"compare\"><caption>Hela organisationen %d jämfört med %d</caption><thead><tr>"
	              "<th scope=\"col\">Mått</th><th scope=\"col\">%d</th><th scope=\"col\">%d</th></tr></thead><tbody>"),
	           year, year - 1, year, year - 1);
	static const char *const keys[] = { "opened", "closed", "decided", "records_in", "records_out",
	                                     "records_internal", "median_days", "p90_days" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *label = keys[i];
		for (size_t c = 0; c < NCOLUMNS; c++)
			if (!strcmp(columns[c].key, keys[i]))
				label = _(columns[c].label);
		char a[32], p[32];
		figure(a, sizeof a, json_object_get(now, keys[i]), 0);
		figure(p, sizeof p, json_object_get(prev, keys[i]), 0);
		html_f(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", label,
		       a, p);
	}
	html_f(b, "</tbody></table>\n");
}

static void days_overdue_cell(page *p, json_t *c)
{
	html_f(&p->b, "<td class=\"num\">%lld</td>", (long long)json_integer_value(json_object_get(c, "days_overdue")));
}

static const struct column overdue_columns[] = {
	COL(N_("Diarienummer"), CELL_CASE, "number"), COL(N_("Rubrik"), CELL_TEXT, "title"),
	COL(N_("Handläggare"), CELL_OR_DASH, "officer"), COL(N_("Enhet"), CELL_OR_DASH, "unit"),
	COL(N_("Bevakningsdatum"), CELL_TEXT, "due_date"), COL_CUSTOM(N_("Dagar försenat"), days_overdue_cell),
};

static void reminder_id_cell(page *p, json_t *m)
{
	long long id = (long long)json_integer_value(json_object_get(m, "id"));
	html_f(&p->b, "<td><a href=\"/bevakning?org=%-s&amp;id=%lld\">%lld</a></td>", p->org, id, id);
}

static const struct column reminder_columns[] = {
	COL_CUSTOM(N_("Bevakning"), reminder_id_cell), COL(N_("Diarienummer"), CELL_CASE, "case"),
	COL(N_("Rubrik"), CELL_TEXT, "title"), COL(N_("Till"), CELL_TEXT, "assignee"),
	COL(N_("Förfallodag"), CELL_TEXT, "due_date"), COL_CUSTOM(N_("Dagar försenat"), days_overdue_cell),
};

/* The overdue reminders (core/reminder.h): those the reader may see. */
static void overdue_reminders(page *p, json_t *ov)
{
	json_t *late = json_object_get(ov, "overdue_reminders");
	long long n = json_integer_value(json_object_get(ov, "overdue_reminders_total"));
	html_f(&p->b, _("<h2 id=\"forsenade-bevakningar\">Försenade bevakningar</h2>\n<p>%lld %s har passerat sin förfallodag."),
	       n, n == 1 ? _("öppen bevakning") : _("öppna bevakningar"));
	if (n > (long long)json_array_size(late))
		html_f(&p->b, _(" De %zu mest försenade visas."), json_array_size(late));
	html_f(&p->b, "</p>\n");
	if (json_array_size(late))
		table_write(p, _("De mest försenade bevakningarna"), COLUMNS(reminder_columns), late);
}

/* PAGE: GET /oversikt  access: staff */
enum MHD_Result page_overview(page *p)
{
	request *r = p->r;
	enum MHD_Result ret;
	int64_t year = 0;
	if (req_int(r, "ar", 1901, 2199, &year, &p->e) < 0)
		return page_error(p, 400, N_("Året måste anges med fyra siffror, till exempel 2026."));
	json_t *ov = page_own(p, overview_year(r->k, p->org_id, (int)year, &p->e));
	if (!ov)
		return page_fail_p(p);
	if (!strcmp(req_str(r, "format"), "csv")) {
		ret = overview_csv(r, ov);
		page_free(p);
		return ret;
	}
	int y = (int)json_integer_value(json_object_get(ov, "year"));
	int complete = json_is_true(json_object_get(ov, "year_complete"));
	json_t *o = json_object_get(ov, "organisation");
	char title[300];
	snprintf(title, sizeof title, _("Översikt %d"), y);
	page_begin(p, title);
	html_f(&p->b, _("<h1>Översikt %d</h1>\n<p>%s: ärenden och handlingar per diarieserie och enhet, läget %s%s</p>\n"
	       "<form method=\"get\" action=\"/oversikt\" class=\"filters\" aria-label=\"Välj år\">"), y,
	       view_str(o, "name"), view_str(ov, "today"), complete ? _(". Året är avslutat.") : _(". Året pågår."));
	view_hidden(&p->b, "org", p->org);
	/* the latest year to choose is this one: today's date starts with it */
	html_f(&p->b, _("<p><label for=\"ar\">År</label><input id=\"ar\" name=\"ar\" type=\"number\" min=\"1901\" "
	       "max=\"%d\" value=\"%d\"></p><p><button type=\"submit\">Visa</button></p></form>\n"
	       "<p><a href=\"/oversikt?format=csv&amp;org=%-s&amp;ar=%d\">Exportera siffrorna som CSV</a></p>\n"),
	       (int)strtol(view_str(ov, "today"), NULL, 10), y, p->org, y);

	html_f(&p->b, _("<h2>Per diarieserie</h2>\n"));
	char cap[200];
	snprintf(cap, sizeof cap, _("Ärenden och handlingar per diarieserie %d"), y);
	figure_table(&p->b, ov, _("Diarieserie"), cap, json_object_get(ov, "series"), "prefix", complete);
	html_f(&p->b, _("<h2>Per enhet</h2>\n"));
	if (json_array_size(json_object_get(ov, "units"))) {
		snprintf(cap, sizeof cap, _("Ärenden och handlingar per enhet %d"), y);
		figure_table(&p->b, ov, _("Enhet"), cap, json_object_get(ov, "units"), "code", complete);
	} else {
		html_f(&p->b, _("<p>Organisationen har inga enheter och inga ärenden är knutna till en enhet.</p>\n"));
	}
	html_f(&p->b, _("<p class=\"muted\">Öppnade räknas efter öppningsdatum, avslutade efter avslutsdatum under året. "
	       "Handläggningstiden är antalet dagar från öppningsdatum till avslutsdatum för ärenden som "
	       "avslutades under året: medianen och den 90:e percentilen (nio av tio ärenden tog högst så "
	       "lång tid). Beslutade räknas efter när "
	       "beslutet registrerades. Handlingar räknas efter inkom- eller upprättandedatum; handlingar "
	       "med sekretess räknas men visas inte. Försenade är ärenden som inte är avslutade och vars "
	       "bevakningsdatum har passerats.</p>\n"));

	html_f(&p->b, _("<h2>Jämfört med föregående år</h2>\n"));
	comparison_table(&p->b, ov, y);

	html_f(&p->b, _("<h2>Per månad</h2>\n"));
	json_t *months = json_object_get(ov, "months");
	char t1[120], t2[120];
	snprintf(t1, sizeof t1, _("Öppnade ärenden per månad %d och %d"), y, y - 1);
	snprintf(t2, sizeof t2, _("Avslutade ärenden per månad %d och %d"), y, y - 1);
	month_chart(&p->b, months, "opened", "previous_opened", "diagram-oppnade", t1, y);
	month_chart(&p->b, months, "closed", "previous_closed", "diagram-avslutade", t2, y);
	buf_printf(&p->b, _("<table class=\"months\"><caption>Öppnade och avslutade ärenden per månad %d och %d</caption>"
	               "<thead><tr><th scope=\"col\">Månad</th><th scope=\"col\">Öppnade %d</th>"
	               "<th scope=\"col\">Avslutade %d</th><th scope=\"col\">Öppnade %d</th>"
	               "<th scope=\"col\">Avslutade %d</th></tr></thead><tbody>"), y, y - 1, y, y, y - 1, y - 1);
	size_t i;
	json_t *m;
	json_array_foreach(months, i, m) {
		buf_printf(&p->b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		               "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>", month_sv[i],
		           (long long)json_integer_value(json_object_get(m, "opened")),
		           (long long)json_integer_value(json_object_get(m, "closed")),
		           (long long)json_integer_value(json_object_get(m, "previous_opened")),
		           (long long)json_integer_value(json_object_get(m, "previous_closed")));
	}
	html_f(&p->b, "</tbody></table>\n");

	html_f(&p->b, _("<h2>Försenade ärenden</h2>\n"));
	json_t *od = json_object_get(ov, "overdue_cases");
	long long overdue = json_integer_value(json_object_get(json_object_get(ov, "total"), "overdue"));
	buf_printf(&p->b, _("<p>%lld %s har passerat sitt bevakningsdatum."), overdue,
	           overdue == 1 ? _("öppet ärende") : _("öppna ärenden"));
	if (overdue > (long long)json_array_size(od))
		buf_printf(&p->b, _(" De %zu mest försenade visas."), json_array_size(od));
	html_f(&p->b, "</p>\n");
	if (json_array_size(od))
		table_write(p, _("De mest försenade ärendena"), COLUMNS(overdue_columns), od);
	overdue_reminders(p, ov);
	overview_lag_table(p, json_object_get(ov, "registration_lag"));
	return page_close(p);
}
