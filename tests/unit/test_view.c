/*
 * test_view.c — the markup helpers the pages share (web/view.c) write
 * exactly the markup the pages wrote by hand before, and escape every
 * value they are given; the API's path helpers accept only what a path
 * may name.
 */
#include <jansson.h>
#include <string.h>

#include "test.h"
#include "web/api.h"
#include "web/view.h"

/* Runs one helper's output against the markup it must give. */
#define MARKUP(name, want, call) do { \
	buf b = BUF_INIT; \
	call; \
	CHECK(name, b.s && !strcmp(b.s, (want))); \
	if (!b.s || strcmp(b.s, (want))) printf("  got:  %s\n  want: %s\n", b.s ? b.s : "(null)", (want)); \
	buf_free(&b); \
} while (0)

int main(void)
{
	MARKUP("status message escaped", "<p class=\"ok\" role=\"status\">A &amp; &lt;b&gt;</p>",
	       view_ok(&b, "A & <b>"));
	MARKUP("alert escaped", "<p class=\"error\" role=\"alert\">&quot;x&quot;</p>", view_alert(&b, "\"x\""));
	MARKUP("hidden field escaped", "<input type=\"hidden\" name=\"org\" value=\"a&quot;&gt;\">",
	       view_hidden(&b, "org", "a\">"));
	MARKUP("input without value", "<p><label for=\"i\">L</label><input id=\"i\" name=\"n\" type=\"text\" required></p>",
	       view_input(&b, "i", "n", "L", "text", NULL, 1));
	MARKUP("input with value", "<p><label for=\"d\">Datum</label><input id=\"d\" name=\"d\" type=\"date\" "
	       "value=\"&lt;2026&gt;\"></p>", view_input(&b, "d", "d", "Datum", "date", "<2026>", 0));

	json_t *rows = json_pack("[{s:s,s:s},{s:s,s:s}]", "code", "KS", "name", "Kommunstyrelsen", "code", "B&N",
	                         "name", "Bygg <och> miljö");
	MARKUP("options from rows, current selected",
	       "<option value=\"KS\">Kommunstyrelsen</option><option value=\"B&amp;N\" selected>Bygg &lt;och&gt; miljö"
	       "</option>", view_options(&b, rows, "code", "name", "B&N"));
	MARKUP("organisation links", "<li><a href=\"/anslagstavla/aktuellt?org=KS\">Kommunstyrelsen</a></li>"
	       "<li><a href=\"/anslagstavla/aktuellt?org=B%26N\">Bygg &lt;och&gt; miljö</a></li>",
	       view_org_links(&b, rows, "/anslagstavla/aktuellt"));
	json_decref(rows);

	static const char *const cols[] = { "Nr", "Rubrik & text" };
	MARKUP("table head and end", "<div class=\"table-wrap\" role=\"region\" aria-label=\"C &lt;1&gt;\" tabindex=\"0\"><table><caption>C &lt;1&gt;</caption><thead><tr>"
	       "<th scope=\"col\">Nr</th><th scope=\"col\">Rubrik &amp; text</th></tr></thead><tbody></tbody></table></div>\n",
	       (view_table_begin(&b, "C <1>", cols, 2), view_table_end(&b)));
	MARKUP("table head, fewer columns", "<div class=\"table-wrap\" role=\"region\" aria-label=\"C\" tabindex=\"0\"><table><caption>C</caption><thead><tr><th scope=\"col\">Nr</th>"
	       "</tr></thead><tbody>", view_table_begin(&b, "C", cols, 1));
	MARKUP("dt/dd pair", "<dt>Plats</dt><dd>Sal &lt;A&gt;</dd>", view_meta(&b, "Plats", "Sal <A>"));
	MARKUP("dt/dd pair, empty value kept", "<dt>Tid</dt><dd></dd>", view_meta(&b, "Tid", NULL));
	MARKUP("number link", "<a href=\"/arende?org=KS&amp;nr=KS%202026%2F0042\">KS 2026/0042</a>",
	       view_number_link(&b, "arende", "KS", "KS 2026/0042"));
	MARKUP("number cell", "<td><a href=\"/handling?org=KS&amp;nr=KS%202026%2F0042-1\">KS 2026/0042-1</a></td>",
	       view_number_cell(&b, "handling", "KS", "KS 2026/0042-1"));
	MARKUP("file link", "<a href=\"/fil?org=KS&amp;nr=KS%202026%2F0042-1&amp;namn=a%20b.pdf\">Fil &amp; bilaga</a>",
	       view_file_link(&b, "KS", "KS 2026/0042-1", "a b.pdf", "Fil & bilaga"));
	MARKUP("pager, both links", "<nav class=\"pager\" aria-label=\"Sidor\"><a href=\"/arenden?sida=1&amp;org=KS\">"
	       "Föregående sida</a><a href=\"/arenden?sida=3&amp;org=KS\">Nästa sida</a>",
	       view_pager_begin(&b, "/arenden", 2, 1, "&amp;org=KS"));
	MARKUP("pager, first page, no more", "<nav class=\"pager\" aria-label=\"Sidor\">",
	       view_pager_begin(&b, "/sok", 1, 0, NULL));
	MARKUP("pager with numbers: first, last, two either side, gaps",
	       "<nav class=\"pager\" aria-label=\"Sidor\"><p>Sida 6 av 10. Visar 51–60 av 95.</p><ul>"
	       "<li><a href=\"/arenden?sida=5&amp;org=KS\" rel=\"prev\">Föregående</a></li>"
	       "<li><a href=\"/arenden?sida=1&amp;org=KS\">1</a></li><li aria-hidden=\"true\">…</li>"
	       "<li><a href=\"/arenden?sida=4&amp;org=KS\">4</a></li><li><a href=\"/arenden?sida=5&amp;org=KS\">5</a></li>"
	       "<li><span aria-current=\"page\">6</span></li>"
	       "<li><a href=\"/arenden?sida=7&amp;org=KS\">7</a></li><li><a href=\"/arenden?sida=8&amp;org=KS\">8</a></li>"
	       "<li aria-hidden=\"true\">…</li><li><a href=\"/arenden?sida=10&amp;org=KS\">10</a></li>"
	       "<li><a href=\"/arenden?sida=7&amp;org=KS\" rel=\"next\">Nästa</a></li></ul></nav>\n",
	       view_pager(&b, "/arenden", 6, 10, 95, "&amp;org=KS"));
	MARKUP("pager of an empty list: one page, no links",
	       "<nav class=\"pager\" aria-label=\"Sidor\"><p>Sida 1 av 1. Träffar: 0.</p><ul>"
	       "<li><span aria-current=\"page\">1</span></li></ul></nav>\n",
	       view_pager(&b, "/sok", 1, 50, 0, NULL));
	MARKUP("pager past the end leads back to the last page",
	       "<nav class=\"pager\" aria-label=\"Sidor\"><p>Sida 9 av 2. Träffar: 60.</p><ul>"
	       "<li><a href=\"/x?sida=2\" rel=\"prev\">Föregående</a></li><li><a href=\"/x?sida=1\">1</a></li>"
	       "<li><a href=\"/x?sida=2\">2</a></li></ul></nav>\n",
	       view_pager(&b, "/x", 9, 50, 60, NULL));

	CHECK("path id: positive decimal", api_path_id("42") == 42);
	CHECK("path id: zero, negative, trailing text and empty are none",
	      api_path_id("0") == 0 && api_path_id("-3") == 0 && api_path_id("12x") == 0 && api_path_id("") == 0 &&
	      api_path_id(NULL) == 0);
	char num[64];
	kerr e = KERR_INIT;
	CHECK("path number: slug to case number",
	      api_path_number("KS-2026-0042-3", num, sizeof num, "record", &e) == 0 && !strcmp(num, "KS 2026/0042-3"));
	CHECK("path number: a bad slug is not found, named",
	      api_path_number("KS2026", num, sizeof num, "case", &e) == KERR_NOTFOUND && !strcmp(e.msg, "no such case"));
	TEST_END();
}
