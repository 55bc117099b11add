/* fuzz_parse.c — case numbers, identity numbers and dates from untrusted text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/casenum.h"
#include "util/idnum.h"
#include "util/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	casenum n;
	if (casenum_parse(s, &n, NULL) == 0) {
		char out[CASENUM_MAX];
		casenum_format_record(out, n.prefix, n.year, n.seq, n.doc ? n.doc : 1);
		casenum re;
		if (casenum_parse(out, &re, NULL) != 0 || re.seq != n.seq || re.year != n.year)
			abort(); /* what we print must parse back */
	}
	char pnr[14], org[12];
	const char *why;
	if (idnum_personnummer(s, "2026-11-25", pnr, &why) == 0) {
		char again[14];
		if (idnum_personnummer(pnr, "2026-11-25", again, &why) != 0 || strcmp(pnr, again))
			abort(); /* canonical form is stable */
	}
	idnum_orgnr(s, org, &why);
	time_valid_date(s);
	free(s);
	return 0;
}
