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

/* Tolerant reading of a case or record number as people type it: spaces
 * trimmed and collapsed, the series prefix in capitals (ASCII and å ä ö),
 * a missing space between prefix and year put in ("KS2026/12"). Leading
 * zeros are the parser's business ("KS 2026/12" is "KS 2026/0012").
 * A no-break space counts as a space. */
void casenum_normalise(const char *in, char *out, size_t len)
{
	size_t n = 0;
	int in_prefix = 1, gap = 0;
	/* text far longer than any number is left as it is, to be refused */
	if (!in || strlen(in) >= 200) {
		snprintf(out, len, "%s", in ? in : "");
		return;
	}
	for (const unsigned char *p = (const unsigned char *)in; *p && n + 3 < len; p++) {
		unsigned char c = *p;
		/* a no-break space (U+00A0) is what a number copied from a
		 * word processor holds between its parts */
		if (c == 0xC2 && p[1] == 0xA0) {
			p++;
			c = ' ';
		}
		if (c == ' ' || c == '\t') {
			gap = n > 0;
			continue;
		}
		if (in_prefix && c >= '0' && c <= '9') {
			/* the year begins: one space before it, typed or not */
			in_prefix = 0;
			gap = n > 0;
		}
		/* A gap elsewhere is kept (so "KS 2026/00 42" stays wrong),
		 * except around the '/' and '-' that join the parts. */
		if (gap && !in_prefix && c != '/' && c != '-' && out[n - 1] != '/' && out[n - 1] != '-')
			out[n++] = ' ';
		gap = 0;
		if (in_prefix && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 32);
		else if (in_prefix && n > 0 && (unsigned char)out[n - 1] == 0xC3 && (c == 0xA5 || c == 0xA4 || c == 0xB6))
			c = (unsigned char)(c - 32); /* å ä ö -> Å Ä Ö */
		out[n++] = (char)c;
	}
	out[n] = '\0';
}

void casenum_format_case(char out[CASENUM_MAX], const char *prefix, int year, int seq)
{
	snprintf(out, CASENUM_MAX, "%s %d/%04d", prefix, year, seq);
}

void casenum_format_record(char out[CASENUM_MAX], const char *prefix, int year, int seq, int doc)
{
	snprintf(out, CASENUM_MAX, "%s %d/%04d-%d", prefix, year, seq, doc);
}

int casenum_read(const char *typed, casenum *out, const char *field, kerr *e)
{
	char norm[CASENUM_MAX];
	casenum_normalise(typed, norm, sizeof norm);
	int rc = casenum_parse(norm, out, e);
	if (rc && e) {
		/* the form's field, for the words and the place of the error */
		snprintf(e->field, sizeof e->field, "%s", field);
		e->why = KWHY_FORMAT;
	}
	return rc;
}
