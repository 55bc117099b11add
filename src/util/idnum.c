/* idnum.c — personnummer and organisationsnummer validation; see idnum.h. */
#include "util/idnum.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"
#include "util/unicode.h"

int idnum_luhn_ok(const char *d, int n)
{
	int sum = 0;
	for (int i = 0; i < n; i++) {
		int v = d[i] - '0';
		if ((n - i) % 2 == 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* Collects digits; records the separator. Returns the digit count or -1. */
static int collect(const char *in, char *digits, int max, char *sep)
{
	int n = 0;
	*sep = 0;
	for (const char *p = in; *p; p++) {
		const unsigned char *u = (const unsigned char *)p;
		char c = *p;
		/* A number pasted from a word processor: a no-break space, a
		 * no-break or other hyphen, an en dash or a minus sign is read as
		 * the space or dash it stands for. */
		if (u[0] == 0xC2 && u[1] == 0xA0) {
			c = ' ';
			p += 1;
		} else if ((u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x93) ||
		           (u[0] == 0xE2 && u[1] == 0x88 && u[2] == 0x92)) {
			c = '-';
			p += 2;
		}
		if (isdigit((unsigned char)c)) {
			if (n >= max)
				return -1;
			digits[n++] = c;
		} else if ((c == '-' || c == '+') && !*sep) {
			*sep = c;
		} else if (c != ' ') {
			return -1;
		}
	}
	digits[n] = '\0';
	return n;
}

/* Writes the stored form of both numbers: before digits, a dash, after digits. */
static void with_dash(char *out, const char *digits, size_t before, size_t after)
{
	memcpy(out, digits, before);
	out[before] = '-';
	memcpy(out + before + 1, digits + before, after);
	out[before + 1 + after] = '\0';
}

int idnum_personnummer(const char *in, const char *today, char out[14], const char **why)
{
	char d[16], sep;
	const char *dummy;
	if (!why)
		why = &dummy;
	int n = collect(in, d, 12, &sep);
	if (n != 10 && n != 12) {
		*why = "a personnummer has 10 or 12 digits (YYYYMMDD-NNNN)";
		return -1;
	}
	char full[13];
	if (n == 12) {
		memcpy(full, d, 12);
	} else {
		/* Short form: the century is the one that makes the person born on or
		 * before today, or 100+ years back when written with '+'. */
		int cy = atoi(today) / 100, ty = atoi(today) % 100;
		int yy = (d[0] - '0') * 10 + (d[1] - '0');
		int century = yy <= ty ? cy : cy - 1;
		if (sep == '+')
			century -= 1;
		full[0] = (char)('0' + (century / 10) % 10);
		full[1] = (char)('0' + century % 10);
		memcpy(full + 2, d, 10);
	}
	full[12] = '\0';
	if (!idnum_luhn_ok(full + 2, 10)) {
		*why = "the check digit is wrong (Luhn)";
		return -1;
	}
	char date[11];
	int day = (full[6] - '0') * 10 + (full[7] - '0');
	if (day > 60)
		day -= 60; /* samordningsnummer: day + 60 */
	memcpy(date, full, 4);
	date[4] = '-';
	memcpy(date + 5, full + 4, 2);
	date[7] = '-';
	date[8] = (char)('0' + day / 10);
	date[9] = (char)('0' + day % 10);
	date[10] = '\0';
	if (!time_valid_date(date)) {
		*why = "the birth date is not a real date";
		return -1;
	}
	with_dash(out, full, 8, 4);
	return 0;
}

int idnum_orgnr(const char *in, char out[12], const char **why)
{
	char d[16], sep;
	const char *dummy;
	if (!why)
		why = &dummy;
	int n = collect(in, d, 12, &sep);
	const char *p = d;
	if (n == 12 && d[0] == '1' && d[1] == '6')
		p += 2, n = 10;
	if (n != 10 || sep == '+') {
		*why = "an organisationsnummer has 10 digits (NNNNNN-NNNN)";
		return -1;
	}
	if (p[2] < '2') {
		*why = "the third digit of an organisationsnummer is at least 2";
		return -1;
	}
	if (!idnum_luhn_ok(p, 10)) {
		*why = "the check digit is wrong (Luhn)";
		return -1;
	}
	with_dash(out, p, 6, 4);
	return 0;
}

/* The character at *p, moving *p past any invisible (default-ignorable)
 * characters before it: a soft hyphen, a zero-width joiner or a combining
 * grapheme joiner among the digits hides nothing from a reader, who sees
 * the number as if they were not there (s7b G1), so the finder reads past
 * them too, and what it masks includes them. Its length goes to *len. */
static int32_t char_visible(const char **p, size_t *len)
{
	int32_t c;
	while (unicode_ignorable(c = unicode_char_at(*p, len)))
		*p += *len;
	return c;
}

/* Reads n digits at *p into out (appending), moving *p past them; 1 when
 * all are digits. A digit is any character whose compatibility form is
 * an ASCII digit (fullwidth '８' too: unicode_digit). */
static int take_digits(const char **p, int n, char *out)
{
	for (int i = 0; i < n; i++) {
		size_t len;
		int d = unicode_digit(char_visible(p, &len));
		if (d < 0)
			return 0;
		out[i] = (char)('0' + d);
		*p += len;
	}
	return 1;
}

/* Moves *p past a run of blanks (spaces of any kind, category Zs, and
 * tabs: "811218  9876", a tab a title took from a spreadsheet); how many
 * it moved past. */
static int take_blanks(const char **p)
{
	int n = 0;
	for (;;) {
		const char *q = *p;
		size_t len;
		int32_t c = char_visible(&q, &len);
		if (c != '\t' && !unicode_space(c))
			return n;
		*p = q + len;
		n++;
	}
}

/* Moves *p past a dash (any: '-', en dash, minus sign, fullwidth) or,
 * with plus, a '+'; 1 when it did. */
static int take_dash(const char **p, int plus)
{
	size_t len;
	int32_t c = char_visible(p, &len);
	if (!unicode_dash(c) && !(plus && unicode_ascii(c) == '+'))
		return 0;
	*p += len;
	return 1;
}

/* Moves *p past one of the marks people put between the birth date and
 * the last four: a dash, a '+', or (s7b G3) '.', '/', ':', ',' or '_', in
 * any compatibility form (fullwidth '／'); 1 when it did. */
static int take_separator_mark(const char **p)
{
	if (take_dash(p, 1))
		return 1;
	size_t len;
	int c = unicode_ascii(char_visible(p, &len));
	if (c <= 0 || !strchr("./:,_", c))
		return 0;
	*p += len;
	return 1;
}

/* Moves *p past what may stand between a birth date written as digits
 * and the last four: nothing, blanks, a mark (take_separator_mark), or a
 * mark with blanks on either side or both ("811218 - 9876"). */
static void take_separator(const char **p)
{
	const char *q = *p;
	take_blanks(&q);
	if (take_separator_mark(&q))
		take_blanks(&q);
	*p = q;
}

/* Reads the separator inside a date written as a date ("81-12-18",
 * "81.12.18", "81/12/18") at *p, moving past it: '-' for any dash, '.' or
 * '/'; 0 when none stands there. */
static int take_date_mark(const char **p)
{
	size_t len;
	int32_t c = char_visible(p, &len);
	int mark = unicode_dash(c) ? '-' : unicode_ascii(c);
	if (mark != '-' && mark != '.' && mark != '/')
		return 0;
	*p += len;
	return mark;
}

/* Reads the last four digits at *p into out, moving past them: together
 * or in two pairs ("98 76", the way a phone number is grouped); 1 when
 * they stand there. */
static int take_last_four(const char **p, char *out)
{
	if (!take_digits(p, 2, out))
		return 0;
	const char *q = *p;
	size_t len;
	if (take_blanks(&q) == 1 && unicode_digit(char_visible(&q, &len)) >= 0)
		*p = q;
	return take_digits(p, 2, out + 2);
}

/* A date part YYMMDD (day + 60 for a samordningsnummer) and the check digit
 * over the ten digits d: what makes a digit string a personnummer. */
static int looks_personal(const char *d)
{
	int month = (d[2] - '0') * 10 + (d[3] - '0');
	int day = (d[4] - '0') * 10 + (d[5] - '0');
	if (day > 60)
		day -= 60;
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 && idnum_luhn_ok(d, 10);
}

/* Whether four digits read as a time of day, HHMM. */
static int looks_time(const char *d)
{
	return (d[0] - '0') * 10 + (d[1] - '0') <= 23 && d[2] <= '5';
}

/* Whether the digits d (two or more) begin a year a person alive can be
 * born in: 18xx, 19xx or 20xx. */
static int century_ok(const char *d)
{
	return (d[0] == '1' && (d[1] == '8' || d[1] == '9')) || (d[0] == '2' && d[1] == '0');
}

/* The ways a birth date is written before the last four digits: as
 * digits (8 or 6 together, or the year apart: "1981 1218"), or as a date
 * with a mark between its parts, the same one twice ("1981-12-18",
 * "81.12.18", "81/12/18"). */
typedef enum {
	DATE_YYYYMMDD,
	DATE_YYYY_MMDD,
	DATE_YYYY_MM_DD,
	DATE_YY_MM_DD,
	DATE_YYMMDD,
	DATE_FORMS
} date_form;

/* Reads month and day after a date's year, each after the mark (the
 * same both times), into d; 1 when they stand at *p. */
static int take_month_day(const char **p, char *d)
{
	int mark = take_date_mark(p);
	return mark && take_digits(p, 2, d) && take_date_mark(p) == mark && take_digits(p, 2, d + 2);
}

/* Reads a birth date written as form at *p into d (8 or 6 digits), moving
 * *p past it; 1 when it stands there. */
static int take_date(const char **p, date_form form, char *d)
{
	switch (form) {
	case DATE_YYYYMMDD:
		return take_digits(p, 8, d) && century_ok(d);
	case DATE_YYYY_MMDD:
		return take_digits(p, 4, d) && century_ok(d) && take_blanks(p) == 1 && take_digits(p, 4, d + 4);
	case DATE_YYYY_MM_DD:
		return take_digits(p, 4, d) && century_ok(d) && take_month_day(p, d + 4);
	case DATE_YY_MM_DD:
		return take_digits(p, 2, d) && take_month_day(p, d + 2);
	default:
		return take_digits(p, 6, d);
	}
}

/* Moves *p past what may stand between a date written as a date and the
 * last four digits: a dash, perhaps with blanks round it
 * ("1981-12-18-9876"), or blanks alone ("1981-12-18 9876") — unless the
 * four read as a time of day: "2026-12-07 1437" is a date and a time. A
 * personnummer so written whose last four could be a time is missed,
 * about one in seven of this rare spelling; the date and time of a
 * meeting in a title is common. 1 when it stands there. */
static int take_date_separator(const char **p)
{
	const char *q = *p;
	int blanks = take_blanks(&q);
	if (take_dash(&q, 0)) {
		take_blanks(&q);
		*p = q;
		return 1;
	}
	char four[4];
	const char *r = q;
	if (!blanks || !take_last_four(&r, four) || looks_time(four))
		return 0;
	*p = q;
	return 1;
}

/* The length of a personnummer starting at p, or 0. Its digits may be
 * written in any of the ways a person types or pastes them (idnum.h), but
 * no digit may follow it: a number that goes on is some other number. */
static size_t personnummer_at(const char *p)
{
	for (date_form form = 0; form < DATE_FORMS; form++) {
		char d[12];
		const char *q = p;
		int head = form == DATE_YY_MM_DD || form == DATE_YYMMDD ? 6 : 8;
		if (!take_date(&q, form, d))
			continue;
		if (form == DATE_YYYY_MM_DD || form == DATE_YY_MM_DD) {
			if (!take_date_separator(&q))
				continue;
		} else {
			take_separator(&q);
		}
		if (!take_last_four(&q, d + head))
			continue;
		size_t len;
		const char *after = q; /* what is invisible after it stays outside it */
		if (unicode_digit(char_visible(&after, &len)) >= 0)
			continue;
		if (looks_personal(d + head - 6))
			return (size_t)(q - p);
	}
	return 0;
}

/* Whether a digit stands before p in text, with nothing but invisible
 * characters between (as char_visible reads them). */
static int digit_before(const char *text, const char *p)
{
	int32_t c;
	while (unicode_ignorable(c = unicode_char_before(text, p))) {
		p--;
		while (p > text && ((unsigned char)*p & 0xc0) == 0x80)
			p--;
	}
	return unicode_digit(c) >= 0;
}

int idnum_find_personnummer(const char *text, size_t *at, size_t *len)
{
	for (const char *p = text; *p; p++) {
		/* At a digit (ASCII or not: the quick test first), and not inside
		 * a longer run of digits; letters may stand right before it
		 * ("pnr811218-9876"). */
		unsigned char c = (unsigned char)*p;
		if ((c < 0x80 && (c < '0' || c > '9')) || (c & 0xc0) == 0x80)
			continue;
		size_t n;
		if (unicode_digit(unicode_char_at(p, &n)) < 0 || digit_before(text, p))
			continue;
		if ((n = personnummer_at(p))) {
			*at = (size_t)(p - text);
			*len = n;
			return 1;
		}
	}
	return 0;
}
