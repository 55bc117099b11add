/* test_idnum.c — personnummer, organisationsnummer and case numbers. */
#include <string.h>

#include "core/casenum.h"
#include "test.h"
#include "util/idnum.h"
#include "util/timeutil.h"

/* Whether a personnummer is found in text, and (when want) that it is
 * the bytes of want there. */
static void check_found(const char *label, const char *text, const char *want)
{
	size_t at = 0, len = 0;
	int got = idnum_find_personnummer(text, &at, &len);
	const char *w = want ? strstr(text, want) : NULL;
	CHECK(label, want ? got && w && at == (size_t)(w - text) && len == strlen(want) : !got);
}

/* Every way the attack's number (811218-9876, valid check digit) is typed
 * or pasted is found, where it stands in the text. */
static void personnummer_spellings(void)
{
	check_found("in text: dash", "Intyg 811218-9876 a", "811218-9876");
	check_found("in text: plus (over 100)", "Intyg 811218+9876", "811218+9876");
	check_found("in text: space", "Intyg 811218 9876 b", "811218 9876");
	check_found("in text: no-break space", "Intyg 811218\u00a0" "9876", "811218\u00a0" "9876");
	check_found("in text: narrow no-break space", "Intyg 811218\u202f" "9876", "811218\u202f" "9876");
	check_found("in text: en dash (Word's autocorrect)", "Intyg 811218\u2013" "9876 c", "811218\u2013" "9876");
	check_found("in text: em dash", "Intyg 811218\u2014" "9876", "811218\u2014" "9876");
	check_found("in text: minus sign", "Intyg 811218\u2212" "9876", "811218\u2212" "9876");
	check_found("in text: non-breaking hyphen", "Intyg 811218\u2011" "9876", "811218\u2011" "9876");
	check_found("in text: dash between spaces", "Intyg 811218 - 9876", "811218 - 9876");
	check_found("in text: nothing between", "Intyg 8112189876", "8112189876");
	check_found("in text: 12 digits, dash", "Intyg 19811218-9876", "19811218-9876");
	check_found("in text: 12 digits, space", "Intyg 19811218 9876 d", "19811218 9876");
	check_found("in text: 12 digits, nothing between", "Intyg 198112189876", "198112189876");
	check_found("in text: YYYY-MM-DD-NNNN", "Intyg 1981-12-18-9876 e", "1981-12-18-9876");
	check_found("in text: YYYY-MM-DD with en dashes", "1981\u2013" "12\u2013" "18\u2013" "9876",
	            "1981\u2013" "12\u2013" "18\u2013" "9876");
	check_found("in text: glued to letters before", "Intyg pnr811218-9876 f", "811218-9876");
	check_found("in text: glued to letters after", "Intyg 811218-9876f", "811218-9876");
	check_found("in text: in brackets", "Intyg (811218-9876)", "811218-9876");
	check_found("in text: fullwidth digits", "Intyg \uff18\uff11\uff11\uff12\uff11\uff18-\uff19\uff18\uff17\uff16 g",
	            "\uff18\uff11\uff11\uff12\uff11\uff18-\uff19\uff18\uff17\uff16");
	check_found("in text: fullwidth digits and dash", "\uff18\uff11\uff11\uff12\uff11\uff18\uff0d\uff19\uff18\uff17\uff16",
	            "\uff18\uff11\uff11\uff12\uff11\uff18\uff0d\uff19\uff18\uff17\uff16");
	check_found("in text: samordningsnummer", "Intyg 701063-2391", "701063-2391");
	check_found("in text: the second of two", "Ärende 2026/0042 gällande 811218 9876", "811218 9876");
	/* invisible characters among the digits (s7b G1): the reader sees the
	 * number, so it is one, and all of it, with them, is what is masked */
	check_found("in text: a soft hyphen inside", "Intyg 8112\u00ad" "18-9876 k", "8112\u00ad" "18-9876");
	check_found("in text: a zero-width non-joiner", "Intyg 811218-98\u200c" "76 bc", "811218-98\u200c" "76");
	check_found("in text: a zero-width joiner", "Intyg 811218-98\u200d" "76 bd", "811218-98\u200d" "76");
	check_found("in text: soft hyphens round the dash", "Intyg 811218\u00ad-\u00ad" "9876 be",
	            "811218\u00ad-\u00ad" "9876");
	check_found("in text: a combining grapheme joiner", "Intyg 81\u034f" "1218-9876 bg", "81\u034f" "1218-9876");
	check_found("in text: a left-to-right mark and a word joiner", "Intyg 811218\u200e" "98\u2060" "76",
	            "811218\u200e" "98\u2060" "76");
	/* more spellings seen in published titles (s7b G3) */
	check_found("in text: YY-MM-DD-NNNN", "Intyg 81-12-18-9876 d", "81-12-18-9876");
	check_found("in text: YY.MM.DD-NNNN", "Intyg 81.12.18-9876 b", "81.12.18-9876");
	check_found("in text: YY/MM/DD-NNNN", "Intyg 81/12/18-9876 c", "81/12/18-9876");
	check_found("in text: YYYY.MM.DD-NNNN", "Intyg 1981.12.18-9876", "1981.12.18-9876");
	check_found("in text: YYYY/MM/DD - NNNN", "Intyg 1981/12/18 - 9876", "1981/12/18 - 9876");
	check_found("in text: YYYY-MM-DD NNNN (not a time)", "Intyg 1981-12-18 9876 aa", "1981-12-18 9876");
	check_found("in text: YY-MM-DD NNNN (not a time)", "Intyg 81-12-18 9876", "81-12-18 9876");
	check_found("in text: two spaces", "Intyg 811218  9876 z", "811218  9876");
	check_found("in text: a tab", "Intyg 811218\t9876 ag", "811218\t9876");
	check_found("in text: two spaces and a dash", "Intyg 811218  - 9876", "811218  - 9876");
	check_found("in text: a full stop", "Intyg 811218.9876 o", "811218.9876");
	check_found("in text: a slash", "Intyg 811218/9876 p", "811218/9876");
	check_found("in text: a fullwidth slash", "Intyg 811218\uff0f" "9876", "811218\uff0f" "9876");
	check_found("in text: a colon", "Intyg 811218:9876 r", "811218:9876");
	check_found("in text: a comma", "Intyg 811218,9876 ah", "811218,9876");
	check_found("in text: an underscore", "Intyg 811218_9876 n", "811218_9876");
	check_found("in text: an underscore, 12 digits (a file name)", "intyg_19811218_9876.pdf", "19811218_9876");
	check_found("in text: the year apart", "Intyg 1981 1218-9876 g", "1981 1218-9876");
	check_found("in text: the last four in pairs", "Intyg 811218-98 76 h", "811218-98 76");
	check_found("in text: Arabic-Indic digits", "Intyg \u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666 m",
	            "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666");
	check_found("in text: Persian digits", "\u06f8\u06f1\u06f1\u06f2\u06f1\u06f8-\u06f9\u06f8\u06f7\u06f6",
	            "\u06f8\u06f1\u06f1\u06f2\u06f1\u06f8-\u06f9\u06f8\u06f7\u06f6");
	check_found("in text: Devanagari digits", "\u096e\u0967\u0967\u0968\u0967\u096e \u096f\u096e\u096d\u096c",
	            "\u096e\u0967\u0967\u0968\u0967\u096e \u096f\u096e\u096d\u096c");
	check_found("in text: an invisible character after it stays outside", "Intyg 811218-9876\u00ad k",
	            "811218-9876");
}

/* What is not a personnummer stays: case numbers, dates, amounts, phone
 * numbers, organisationsnummer, and a number inside a longer digit run. */
static void personnummer_false_positives(void)
{
	check_found("not: a case number", "KS 2026/0042-3 Bygglov", NULL);
	check_found("not: a date", "Sammanträde 2026-12-07", NULL);
	check_found("not: a date and a time", "Sammanträde 2026-12-07 1437", NULL); /* 2612071437 passes Luhn */
	check_found("not: an amount", "Bidrag 1 811 218,98 kr", NULL);
	check_found("not: a phone number", "Ring 070-123 45 69", NULL);
	check_found("not: a phone number with area code", "Tel 08-811 218 98", NULL);
	check_found("not: an organisationsnummer", "Bolaget 556677-8899", NULL); /* valid Luhn, month 66 */
	check_found("not: the wrong check digit", "Intyg 811218-9875", NULL);
	check_found("not: month 13 (check digit right)", "Intyg 811318-9875", NULL);
	check_found("not: day 32 (check digit right)", "Intyg 811232-9878", NULL);
	check_found("not: a longer digit run after", "Ref 811218-98761", NULL);
	check_found("not: a longer digit run before", "Ref 1811218-9876", NULL);
	check_found("not: inside a digit run", "Ref 981121898765", NULL);
	check_found("not: a fullwidth digit before", "Ref \uff11" "811218-9876", NULL);
	check_found("not: 12 digits with a wrong check digit, nor a short number inside them", "Intyg 19811218-9875",
	            NULL);
	check_found("not: an unknown century", "Intyg 17811218-9876", NULL);
	/* what the separators allowed since s7b G3 must not take */
	check_found("not: a date and a time after a tab", "Möte 2026-12-07\t1437", NULL);
	check_found("not: a date and a time after two spaces", "Möte 2026-12-07  1437", NULL);
	check_found("not: a date with full stops and a time", "Möte 2026.12.07 1437", NULL);
	check_found("not: a date with slashes and a time", "Möte 2026/12/07 1437", NULL);
	check_found("not: a short date and a time", "Möte 26-12-07 1437", NULL);
	check_found("not: a date and a time with a colon", "Möte 2026-12-07 14:37", NULL);
	check_found("not: a day-first date and a time", "Möte 07.12.2026 14.37", NULL);
	check_found("not: a date and a time in a file name", "scan_2026-12-07_1437.pdf", NULL);
	check_found("not: a date and a time in Arabic-Indic digits",
	            "\u0662\u0660\u0662\u0666-\u0661\u0662-\u0660\u0667 \u0661\u0664\u0663\u0667", NULL);
	check_found("not: a date's marks mixed", "Intyg 81-12.18-9876", NULL);
	check_found("not: a case number with a slash", "Dnr 2026/1437-12", NULL);
	check_found("not: property designations", "Fastighet Lärkan 2:14, 3:7", NULL);
	check_found("not: an amount with a decimal comma", "Bidrag 811218,98 kr", NULL);
	check_found("not: a phone number in pairs", "Tel 070-811 21 89 76", NULL);
	check_found("not: a year and a short number", "Budget 2026 1207 kr", NULL);
	check_found("not: the last four in pairs with a digit after", "Ref 811218-98 765", NULL);
	check_found("not: an Arabic-Indic digit after", "Ref \u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666\u0661",
	            NULL);
	check_found("not: a digit after, behind a soft hyphen", "Ref 811218-9876\u00ad" "1", NULL);
	check_found("not: a digit before, behind a zero-width joiner", "Ref 1\u200d" "811218-9876", NULL);
	check_found("not: empty", "", NULL);
}

int main(void)
{
	char out[14];
	const char *why;
	const char *today = "2026-11-25";
	CHECK("pnr 12 digits with dash", idnum_personnummer("19121212-1212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr 12 digits without dash", idnum_personnummer("191212121212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr short form gets the century", idnum_personnummer("800409-8276", today, out, &why) == 0
	      && !strcmp(out, "19800409-8276"));
	CHECK("pnr short form of a child", idnum_personnummer("100101-0006", today, out, &why) == 0
	      && !strncmp(out, "2010", 4));
	CHECK("pnr plus means over 100", idnum_personnummer("121212+1212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr wrong check digit", idnum_personnummer("19121212-1213", today, out, &why) != 0
	      && strstr(why, "check digit"));
	CHECK("pnr impossible date", idnum_personnummer("19121312-1219", today, out, &why) != 0);
	CHECK("pnr too short", idnum_personnummer("1212-1212", today, out, &why) != 0);
	CHECK("pnr letters", idnum_personnummer("19121212-12A2", today, out, &why) != 0);
	CHECK("samordningsnummer (day + 60)", idnum_personnummer("701063-2391", today, out, &why) == 0);
	/* pasted from a word processor: its no-break hyphen, en dash or no-break space */
	CHECK("pnr with a no-break hyphen", idnum_personnummer("19121212\u2011" "1212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr with an en dash", idnum_personnummer("19121212\u2013" "1212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr with a no-break space", idnum_personnummer("19121212\u00a0" "1212", today, out, &why) == 0
	      && !strcmp(out, "19121212-1212"));
	CHECK("pnr with two dashes is still refused", idnum_personnummer("19121212\u2013-1212", today, out, &why) != 0);
	CHECK("pnr with a soft hyphen is refused", idnum_personnummer("19121212\u00ad" "1212", today, out, &why) != 0);
	char org[12];
	CHECK("orgnr valid", idnum_orgnr("212000-0142", org, &why) == 0 && !strcmp(org, "212000-0142"));
	CHECK("orgnr with 16 prefix", idnum_orgnr("162120000142", org, &why) == 0 && !strcmp(org, "212000-0142"));
	CHECK("orgnr wrong check digit", idnum_orgnr("212000-0143", org, &why) != 0);
	CHECK("orgnr refuses a personnummer", idnum_orgnr("121212-1212", org, &why) != 0);

	casenum n;
	char norm[CASENUM_MAX];
	casenum_normalise("ks\u00a0" "2026/ 42", norm, sizeof norm);
	CHECK("a number typed loosely is read", !strcmp(norm, "KS 2026/42") && casenum_parse(norm, &n, NULL) == 0
	      && n.seq == 42);
	CHECK("case number parses", casenum_parse("KS 2026/0042", &n, NULL) == 0 && !strcmp(n.prefix, "KS")
	      && n.year == 2026 && n.seq == 42 && n.doc == 0);
	CHECK("record number parses", casenum_parse("ÖFN 2025/0007-12", &n, NULL) == 0 && n.doc == 12
	      && !strcmp(n.prefix, "ÖFN"));
	CHECK("case number without space fails", casenum_parse("KS2026/0042", &n, NULL) != 0);
	CHECK("case number zero fails", casenum_parse("KS 2026/0000", &n, NULL) != 0);
	CHECK("case number trailing junk fails", casenum_parse("KS 2026/0042x", &n, NULL) != 0);
	CHECK("record number zero fails", casenum_parse("KS 2026/0042-0", &n, NULL) != 0);
	char buf[CASENUM_MAX];
	casenum_format_case(buf, "KS", 2026, 42);
	CHECK("case number formats with four digits", !strcmp(buf, "KS 2026/0042"));
	casenum_format_record(buf, "KS", 2026, 12345, 3);
	CHECK("long numbers are not cut", !strcmp(buf, "KS 2026/12345-3"));

	CHECK("valid date", time_valid_date("2024-02-29"));
	CHECK("not a leap day", !time_valid_date("2025-02-29"));
	CHECK("bad month", !time_valid_date("2025-13-01"));
	CHECK("bad format", !time_valid_date("2025-1-01"));
	personnummer_spellings();
	personnummer_false_positives();
	TEST_END();
}
