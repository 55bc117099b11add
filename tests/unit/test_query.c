/* test_query.c — the search language: what each input parses to, the exact
 * FTS5 expression generated from it, and the inputs that are refused. */
#include <string.h>

#include "core/query.h"
#include "test.h"

static const char *today = "2026-11-25";

/* The FTS5 expression for in (columns as query_fts5 takes them), or
 * "ERROR: <message>" when it is refused. */
static const char *fts(const char *in, const char *columns)
{
	static char out[4096];
	static query_tree q;
	kerr e = KERR_INIT;
	if (query_parse(in, today, &q, &e)) {
		snprintf(out, sizeof out, "ERROR: %s", e.msg);
		return out;
	}
	buf b = BUF_INIT;
	query_fts5(&q, columns, &b);
	snprintf(out, sizeof out, "%s", b.s ? b.s : "");
	buf_free(&b);
	return out;
}

static void expect(const char *name, const char *in, const char *want)
{
	const char *got = fts(in, NULL);
	CHECK(name, !strcmp(got, want));
	if (strcmp(got, want))
		printf("  input:    %s\n  expected: %s\n  got:      %s\n", in, want, got);
}

static void refused(const char *name, const char *in, query_problem problem)
{
	query_tree q;
	kerr e = KERR_INIT;
	int rc = query_parse(in, today, &q, &e);
	CHECK(name, rc == KERR_INVALID && q.problem == problem && e.code == KERR_INVALID &&
	      !strcmp(e.msg, query_problem_message(problem)));
	if (rc != KERR_INVALID || q.problem != problem)
		printf("  input: %s  rc %d problem %d (%s)\n", in, rc, q.problem, e.msg);
}

int main(void)
{
	/* the language */
	expect("one word", "bygglov", "\"bygglov\"");
	expect("words side by side are AND", "bygglov garage", "((\"bygglov\" AND \"garage\"))");
	expect("AND", "bygglov AND garage", "((\"bygglov\" AND \"garage\"))");
	expect("OR", "bygglov OR garage", "(\"bygglov\" OR \"garage\")");
	expect("AND binds tighter than OR", "a b OR c", "(((\"a\" AND \"b\")) OR \"c\")");
	expect("NOT", "bygglov NOT beslut", "((\"bygglov\") NOT \"beslut\")");
	expect("minus is NOT", "bygglov -beslut", "((\"bygglov\") NOT \"beslut\")");
	expect("NOT of a group", "a NOT (b OR c)", "((\"a\") NOT (\"b\" OR \"c\"))");
	expect("two NOTs", "a -b -c", "((\"a\") NOT \"b\" NOT \"c\")");
	expect("NOT NOT cancels", "a NOT NOT b", "((\"a\" AND \"b\"))");
	expect("phrase", "\"ansökan om bygglov\"", "\"ansökan om bygglov\"");
	expect("prefix", "detaljpl*", "\"detaljpl\" *");
	expect("phrase prefix", "\"sven er\"*", "\"sven er\" *");
	expect("parentheses", "(a OR b) c", "(((\"a\" OR \"b\") AND \"c\"))");
	expect("lower-case operators are words", "a and b", "((\"a\" AND \"and\" AND \"b\"))");
	expect("å ä ö", "får", "\"får\"");

	/* everyday text that used to be syntax */
	expect("hyphenated name", "Sven-Erik", "\"Sven-Erik\"");
	expect("hyphenated name with another word", "Sven-Erik Lundberg", "((\"Sven-Erik\" AND \"Lundberg\"))");
	expect("property designation", "Boken 1:2", "((\"Boken\" AND \"1:2\"))");
	expect("column syntax is text", "s_party : Lundberg", "((\"s_party\" AND \"Lundberg\"))");
	expect("column filter braces are text", "{s_party}:Lundberg", "\"{s_party}:Lundberg\"");
	expect("NEAR is a word", "NEAR(a b)", "((\"NEAR\" AND ((\"a\" AND \"b\"))))");
	expect("caret is text", "^bygglov", "\"^bygglov\"");
	expect("plus is text", "+bygglov", "\"+bygglov\"");
	expect("the injection of the issue", "x) OR (s_party : Lundberg",
	       "((\"x\" AND ((\"s_party\" AND \"Lundberg\"))))");
	expect("a quote inside a word ends it", "ab\"cd\"", "((\"ab\" AND \"cd\"))");
	expect("stray quote runs to the end", "\"unterminated", "\"unterminated\"");
	expect("stray quote after words", "bygglov \"garage", "((\"bygglov\" AND \"garage\"))");
	expect("stray closing bracket", "a) b", "((\"a\" AND \"b\"))");
	expect("unclosed bracket", "(a OR b", "(\"a\" OR \"b\")");
	expect("empty brackets", "a () b", "((\"a\" AND \"b\"))");
	expect("leading AND is dropped", "AND a", "\"a\"");
	expect("trailing OR is dropped", "a OR", "\"a\"");
	expect("doubled operators", "a OR OR AND b", "(\"a\" OR \"b\")");
	expect("punctuation-only words are dropped", "a : - * b", "((\"a\" AND \"b\"))");
	expect("dashes and ellipses are dropped", "a – … b", "((\"a\" AND \"b\"))");
	expect("a lone star is dropped", "bygglov *", "\"bygglov\"");
	expect("star inside a word", "ab*cd", "\"ab*cd\"");

	/* numbers */
	expect("case number", "KS 2026/0042", "(number : \"KS 2026/0042\")");
	expect("record number", "KS 2026/0042-3", "(number : \"KS 2026/0042-3\")");
	expect("a series' year", "KS 2026/", "(number : \"KS 2026\")");
	expect("sequence padded as numbers are", "KS 2026/42", "(number : \"KS 2026/0042\")");
	expect("number without series", "2026/0042", "(number : \"2026/0042\")");
	expect("series with Å Ä Ö", "SÄN 2025/0001", "(number : \"SÄN 2025/0001\")");
	expect("number with a word", "KS 2026/0042 yttrande", "(((number : \"KS 2026/0042\") AND \"yttrande\"))");
	expect("lower-case word before a number is a word", "bygglov 2026/0042",
	       "((\"bygglov\" AND (number : \"2026/0042\")))");
	expect("not quite a number is text", "KS 2026/0042x", "((\"KS\" AND \"2026/0042x\"))");
	query_tree q;
	kerr e = KERR_INIT;
	casenum cn;
	CHECK("a case number names a case", query_parse("KS 2026/0042", today, &q, &e) == 0 &&
	      query_case_number(&q, &cn) && !strcmp(cn.prefix, "KS") && cn.year == 2026 && cn.seq == 42 && cn.doc == 0);
	CHECK("a record number names its case", query_parse(" KS 2026/0042-3 ", today, &q, &e) == 0 &&
	      query_case_number(&q, &cn) && cn.seq == 42 && cn.doc == 3);
	CHECK("a year names no case", query_parse("KS 2026/", today, &q, &e) == 0 && !query_case_number(&q, &cn));
	CHECK("a number with a word names no case", query_parse("KS 2026/0042 svar", today, &q, &e) == 0 &&
	      !query_case_number(&q, &cn));
	CHECK("a number without series names no case", query_parse("2026/0042", today, &q, &e) == 0 &&
	      !query_case_number(&q, &cn));

	/* identity numbers */
	const char *person, *org;
	expect("personnummer is a phrase of its text", "19121212-1212", "\"19121212-1212\"");
	CHECK("personnummer is an identity number", query_parse("19121212-1212", today, &q, &e) == 0 &&
	      query_idnum(&q, &person, &org) && person && !strcmp(person, "19121212-1212"));
	CHECK("short personnummer gets its century", query_parse("121212-1212", today, &q, &e) == 0 &&
	      query_idnum(&q, &person, &org) && person && !strcmp(person, "20121212-1212"));
	CHECK("plus: over a hundred", query_parse("121212+1212", today, &q, &e) == 0 &&
	      query_idnum(&q, &person, &org) && person && !strcmp(person, "19121212-1212"));
	CHECK("organisationsnummer", query_parse("212000-0142", today, &q, &e) == 0 &&
	      query_idnum(&q, &person, &org) && org && !strcmp(org, "212000-0142") && !person);
	CHECK("a wrong check digit is just digits", query_parse("19121212-1213", today, &q, &e) == 0 &&
	      !query_idnum(&q, &person, &org));
	CHECK("an identity number with a word is text", query_parse("19121212-1212 bygglov", today, &q, &e) == 0 &&
	      !query_idnum(&q, &person, &org));

	/* quoting */
	expect("a column set confines everything", "a OR b", "(\"a\" OR \"b\")");
	CHECK("public columns wrap the query",
	      !strcmp(fts("a -b", "{number title}"), "{number title} : (((\"a\") NOT \"b\"))"));

	/* refused, with a reason */
	refused("empty", "", QUERY_EMPTY);
	refused("only spaces", "   \t ", QUERY_EMPTY);
	refused("only punctuation", ": - ^ *", QUERY_EMPTY);
	refused("a lone operator", "AND", QUERY_EMPTY);
	refused("a lone NOT", "NOT", QUERY_EMPTY);
	refused("empty quotes", "\"\"", QUERY_EMPTY);
	refused("only NOT", "NOT bygglov", QUERY_ONLY_NOT);
	refused("only minus", "-bygglov", QUERY_ONLY_NOT);
	refused("only NOTs in brackets", "(-a -b)", QUERY_ONLY_NOT);
	refused("NOT as an alternative", "a OR NOT b", QUERY_NOT_IN_OR);
	refused("one-letter prefix", "Z*", QUERY_SHORT_PREFIX);
	refused("one-letter phrase prefix", "\"Z\"*", QUERY_SHORT_PREFIX);
	char many[600] = "";
	for (int i = 0; i < 33; i++)
		strcat(many, "ord ");
	refused("too many words", many, QUERY_TOO_MANY);
	char deep[40] = "";
	for (int i = 0; i < 9; i++)
		strcat(deep, "(");
	strcat(deep, "a");
	refused("too deep", deep, QUERY_TOO_DEEP);
	char lng[QUERY_MAX_LEN + 10];
	memset(lng, 'a', sizeof lng - 1);
	lng[sizeof lng - 1] = '\0';
	refused("too long", lng, QUERY_TOO_LONG);
	char ops[1400] = "a ";
	for (int i = 0; i < 200; i++)
		strcat(ops, "AND ");
	strcat(ops, "b");
	expect("200 ANDs in a row", ops, "((\"a\" AND \"b\"))");
	strcpy(ops, "");
	for (int i = 0; i < 200; i++)
		strcat(ops, "OR ");
	refused("200 ORs and nothing else", ops, QUERY_EMPTY);
	strcpy(ops, "a ");
	for (int i = 0; i < 200; i++)
		strcat(ops, "NOT ");
	strcat(ops, "b");
	expect("200 NOTs cancel out", ops, "((\"a\" AND \"b\"))");
	strcpy(ops, "");
	for (int i = 0; i < 200; i++)
		strcat(ops, "(");
	refused("200 open brackets", ops, QUERY_TOO_DEEP);
	strcpy(ops, "a");
	for (int i = 0; i < 200; i++)
		strcat(ops, ")");
	expect("200 closing brackets", ops, "\"a\"");
	TEST_END();
}
