/* casenum.c — parsing and formatting case and record numbers; see casenum.h. */
#include "util/err.h"
#include "core/casenum.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_uint(const char **p, int max_digits, int *out)
{
	int n = 0, v = 0;
	while (isdigit((unsigned char)**p) && n < max_digits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || isdigit((unsigned char)**p))
		return -1;
	*out = v;
	return 0;
}

int casenum_parse(const char *s, casenum *out, kerr *e)
{
	const char *p = s, *space = strchr(s, ' ');
	memset(out, 0, sizeof *out);
	if (!space || space == s || (size_t)(space - s) >= sizeof out->prefix)
		goto bad;
	memcpy(out->prefix, s, (size_t)(space - s));
	p = space + 1;
	if (parse_uint(&p, 4, &out->year) || *p++ != '/' || parse_uint(&p, 7, &out->seq))
		goto bad;
	if (*p == '-') {
		p++;
		if (parse_uint(&p, 6, &out->doc) || out->doc == 0)
			goto bad;
	}
	if (*p || out->seq == 0 || out->year < 1900 || out->year > 2199)
		goto bad;
	return 0;
bad:
	return kerr_set(e, KERR_INVALID, "'%s' is not a case number like 'KS 2026/0042' "
	                "(or a record number like 'KS 2026/0042-3')", s);
}

void casenum_format_case(char out[CASENUM_MAX], const char *prefix, int year, int seq)
{
	snprintf(out, CASENUM_MAX, "%s %d/%04d", prefix, year, seq);
}

void casenum_format_record(char out[CASENUM_MAX], const char *prefix, int year, int seq, int doc)
{
	snprintf(out, CASENUM_MAX, "%s %d/%04d-%d", prefix, year, seq, doc);
}
