/* idnum.c — personnummer and organisationsnummer validation; see idnum.h. */
#include "util/idnum.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"

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

/* Reads n digits at p into out (appending); 1 when all are digits. */
static int take_digits(const char *p, int n, char *out)
{
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		out[i] = p[i];
	}
	return 1;
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

static int digit_or_letter(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The length of a personnummer standing at p (not inside a longer word or
 * number), or 0. */
static size_t personnummer_at(const char *p)
{
	char d[12];
	for (int century = 1; century >= 0; century--) {
		int head = century ? 8 : 6;
		if (!take_digits(p, head, d))
			continue;
		if (century && !((p[0] == '1' && (p[1] == '8' || p[1] == '9')) || (p[0] == '2' && p[1] == '0')))
			continue;
		size_t len = (size_t)head;
		if (p[len] == '-' || p[len] == '+')
			len++;
		if (!take_digits(p + len, 4, d + head))
			continue;
		len += 4;
		if (digit_or_letter((unsigned char)p[len]))
			continue;
		if (looks_personal(d + (century ? 2 : 0)))
			return len;
	}
	return 0;
}

int idnum_find_personnummer(const char *text, size_t *at, size_t *len)
{
	for (const char *p = text; *p; p++) {
		if (p > text && digit_or_letter((unsigned char)p[-1]))
			continue;
		size_t n = personnummer_at(p);
		if (n) {
			*at = (size_t)(p - text);
			*len = n;
			return 1;
		}
	}
	return 0;
}
