/* test_idnum.c — personnummer, organisationsnummer and case numbers. */
#include <string.h>

#include "core/casenum.h"
#include "test.h"
#include "util/idnum.h"
#include "util/timeutil.h"

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
	TEST_END();
}
