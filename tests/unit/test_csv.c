/* test_csv.c — the CSV reader and writer (util/csv.c). */
#include <string.h>

#include "test.h"
#include "util/csv.h"

/* Reads all of text; returns rows read, or -(line of the error). */
static int read_all(const char *text, csv_row *last, char *err)
{
	csv_reader r;
	csv_init(&r, text, strlen(text), ';');
	int n = 0, rc;
	while ((rc = csv_next(&r, last, err, 200)) == 1)
		n++;
	return rc < 0 ? -last->line - 1000 * (rc < 0) : n;
}

int main(void)
{
	csv_row row = { 0 };
	char err[200] = "";
	csv_reader r;
	const char *t1 = "klass;benämning\r\n3.2.1;Bygglov\n";
	csv_init(&r, t1, strlen(t1), ';');
	CHECK("csv header row", csv_next(&r, &row, err, sizeof err) == 1 && row.n == 2 &&
	      !strcmp(row.f[0], "klass") && !strcmp(row.f[1], "benämning") && row.line == 1);
	CHECK("csv second row after CRLF", csv_next(&r, &row, err, sizeof err) == 1 && row.n == 2 &&
	      !strcmp(row.f[0], "3.2.1") && !strcmp(row.f[1], "Bygglov") && row.line == 2);
	CHECK("csv end", csv_next(&r, &row, err, sizeof err) == 0);

	const char *t2 = "\xef\xbb\xbf\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";;last\n\nx\n";
	csv_init(&r, t2, strlen(t2), ';');
	CHECK("csv quoted fields, BOM skipped", csv_next(&r, &row, err, sizeof err) == 1 && row.n == 5 &&
	      !strcmp(row.f[0], "a;b") && !strcmp(row.f[1], "say \"hi\"") && !strcmp(row.f[2], "two\nlines") &&
	      !strcmp(row.f[3], "") && !strcmp(row.f[4], "last"));
	CHECK("csv blank line skipped, line counts the quoted line break",
	      csv_next(&r, &row, err, sizeof err) == 1 && row.n == 1 && !strcmp(row.f[0], "x") && row.line == 4);

	const char *t3 = "a;b\n\"open;c\n";
	csv_init(&r, t3, strlen(t3), ';');
	csv_next(&r, &row, err, sizeof err);
	CHECK("csv unterminated quote names its line", csv_next(&r, &row, err, sizeof err) == -1 &&
	      strstr(err, "line 2") && strstr(err, "not closed"));
	CHECK("csv text after closing quote", read_all("\"a\"b;c\n", &row, err) < 0 && strstr(err, "after a closing"));
	CHECK("csv stray quote", read_all("a\"b\n", &row, err) < 0 && strstr(err, "quote inside"));
	CHECK("csv invalid UTF-8", read_all("ok\nbad\xff\n", &row, err) < 0 && strstr(err, "line 2") &&
	      strstr(err, "UTF-8"));
	CHECK("csv overlong UTF-8", read_all("\xc0\xaf\n", &row, err) < 0);
	CHECK("csv surrogate", read_all("\xed\xa0\x80\n", &row, err) < 0);
	CHECK("csv lone CR", read_all("a\rb\n", &row, err) < 0);
	CHECK("csv last row without newline", read_all("a;b\nc;d", &row, err) == 2 && !strcmp(row.f[1], "d"));
	CHECK("csv empty input", read_all("", &row, err) == 0);
	CHECK("csv trailing separator is an empty field", read_all("a;\n", &row, err) == 1 && row.n == 2 &&
	      !strcmp(row.f[1], ""));

	buf b = BUF_INIT;
	const char *fields[] = { "3.2.1", "Bygglov; ansökan", "say \"x\"", "", "rad\nbrytning" };
	csv_add_row(&b, fields, 5, ';');
	CHECK("csv writer quotes only what it must",
	      !strcmp(b.s, "3.2.1;\"Bygglov; ansökan\";\"say \"\"x\"\"\";;\"rad\nbrytning\"\r\n"));
	csv_init(&r, b.s, b.len, ';');
	int same = csv_next(&r, &row, err, sizeof err) == 1 && row.n == 5;
	for (int i = 0; same && i < 5; i++)
		same = !strcmp(row.f[i], fields[i]);
	CHECK("csv round trip", same);
	buf_reset(&b);
	const char *empty[] = { "" };
	csv_add_row(&b, empty, 1, ';');
	csv_init(&r, b.s, b.len, ';');
	CHECK("csv one empty field survives", csv_next(&r, &row, err, sizeof err) == 1 && row.n == 1 && !*row.f[0]);

	/* Formula injection: what a spreadsheet would run is written as text. */
	buf_reset(&b);
	const char *formulas[] = { "=HYPERLINK(\"http://x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
	                           "\tx", "\rx", "-12", "+3,5", "-4 %", "'=kept", "''-x", "a=b", "'" };
	csv_add_row(&b, formulas, 13, ';');
	CHECK("csv guards formulas with an apostrophe",
	      !strcmp(b.s, "\"'=HYPERLINK(\"\"http://x\"\")\";'+1+cmd|' /C calc'!A0;'-2+3;'@SUM(A1);'\tx;\"'\rx\";"
	                   "-12;+3,5;-4 %;''=kept;'''-x;a=b;'\r\n"));
	csv_init(&r, b.s, b.len, ';');
	same = csv_next(&r, &row, err, sizeof err) == 1 && row.n == 13;
	for (int i = 0; same && i < 13; i++)
		same = !strcmp(row.f[i], formulas[i]);
	CHECK("csv guarded cells read back as written", same);
	CHECK("csv needs_guard", csv_needs_guard("=1+1") && csv_needs_guard("'@x") && !csv_needs_guard("-7") &&
	      !csv_needs_guard("Kommunen") && !csv_needs_guard("") && !csv_needs_guard(NULL));
	CHECK("csv control character", read_all("a\x01" "b\n", &row, err) < 0 && strstr(err, "control character"));
	CHECK("csv C1 control character", read_all("a\xc2\x85" "b\n", &row, err) < 0);
	CHECK("csv tab in a field is text", read_all("a\tb;\"x\ry\"\n", &row, err) == 1 && !strcmp(row.f[0], "a\tb"));
	buf_free(&b);
	csv_row_free(&row);
	TEST_END();
}
