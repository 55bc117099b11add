/* unicode.c — character classes and folding for comparison, with
 * libutf8proc; see unicode.h. */
#include "util/unicode.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int32_t unicode_char_at(const char *p, size_t *len)
{
	if ((unsigned char)*p < 0x80) {
		*len = *p ? 1 : 0;
		return (unsigned char)*p;
	}
	/* At most four bytes are read, and a NUL ends a sequence early as a
	 * byte that is no continuation would. */
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
	if (n <= 0) {
		*len = 1;
		return -1;
	}
	*len = (size_t)n;
	return cp;
}

int32_t unicode_char_before(const char *text, const char *p)
{
	if (p <= text)
		return -1;
	const char *q = p - 1;
	while (q > text && p - q < 4 && ((unsigned char)*q & 0xc0) == 0x80)
		q--;
	size_t len;
	int32_t cp = unicode_char_at(q, &len);
	return q + len == p ? cp : -1;
}

int unicode_ascii(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp;
	if (cp < 0 || !utf8proc_codepoint_valid(cp))
		return -1;
	utf8proc_int32_t d[4];
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, NULL);
	return n == 1 && d[0] < 0x80 ? d[0] : -1;
}

static int decimal_digit(int32_t cp)
{
	return cp >= 0 && utf8proc_codepoint_valid(cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int unicode_digit(int32_t cp)
{
	int c = unicode_ascii(cp);
	if (c >= '0' && c <= '9')
		return c - '0';
	if (!decimal_digit(cp))
		return -1;
	/* Unicode keeps the decimal digits of a script in a run of ten, zero
	 * first, and never breaks a run (a stability policy; runs of tens lie
	 * side by side, as the mathematical digits do): a digit's value is
	 * its place in its run. */
	int32_t zero = cp;
	while (decimal_digit(zero - 1))
		zero--;
	return (int)((cp - zero) % 10);
}

int unicode_space(int32_t cp)
{
	return cp >= 0 && utf8proc_codepoint_valid(cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int unicode_dash(int32_t cp)
{
	return cp == 0x2212 || (cp >= 0 && utf8proc_codepoint_valid(cp) && utf8proc_category(cp) == UTF8PROC_CATEGORY_PD);
}

int unicode_word(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (cp == -1)
		return 1; /* a byte that is not UTF-8 is taken as part of a word, as before */
	if (cp < 0 || !utf8proc_codepoint_valid(cp))
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

int unicode_mark(int32_t cp)
{
	if (cp < 0x300 || !utf8proc_codepoint_valid(cp)) /* the first combining marks */
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int unicode_ignorable(int32_t cp)
{
	return cp >= 0x80 && utf8proc_codepoint_valid(cp) && utf8proc_get_property(cp)->ignorable;
}

/* Room for one character's folding: no decomposition is longer than 18
 * code points (U+FDFA), each at most 4 bytes. */
enum { FOLD_MAX_CPS = 32 };

/* Appends to f the folding of one character of the text (code point cp,
 * n bytes at offset at; cp -1 for a byte that is not UTF-8); *dropped
 * counts the bytes of the nonspacing marks left out so far. */
static void fold_char(text_folded *f, size_t *cap, const char *text, size_t at, size_t n, int32_t cp,
                      size_t *dropped)
{
	utf8proc_int32_t cps[FOLD_MAX_CPS];
	utf8proc_ssize_t m = -1;
	size_t before = *dropped;
	/* The dotted capital İ and the dotless ı are the Turkish pair of the
	 * i; a name written in capitals in a title (YILMAZ for Yılmaz) is the
	 * same name. The plain fold would keep ı apart and make İ "i̇". */
	if (cp >= 0 && cp < 0x80) { /* ASCII, most of any text: its fold is its lower case */
		cps[0] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
		m = 1;
	} else if (cp == 0x130 || cp == 0x131) {
		cps[0] = 'i';
		m = 1;
	} else if (cp >= 0 && utf8proc_codepoint_valid(cp)) {
		m = utf8proc_decompose_char(cp, cps, FOLD_MAX_CPS,
		                            UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
		                            NULL);
	}
	unsigned char bytes[FOLD_MAX_CPS * 4];
	size_t nb = 0;
	if (m < 0 || m > FOLD_MAX_CPS) { /* not a character: the bytes as they are */
		memcpy(bytes, text + at, n);
		nb = n;
	} else {
		/* Accents are left out: a name is typed without them where the
		 * keyboard lacks them (Celik for Çelik), and Greek capitals drop
		 * the tonos (ΠΑΠΑΔΟΠΟΥΛΟΥ for Παπαδοπούλου). Only the nonspacing
		 * marks (Mn): a spacing mark (Mc) is a vowel sign of an Indic
		 * script, a letter of its own. */
		for (utf8proc_ssize_t i = 0; i < m; i++) {
			if (cps[i] >= 0x300 && utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_MN)
				*dropped += (size_t)utf8proc_encode_char(cps[i], bytes + nb);
			else
				nb += (size_t)utf8proc_encode_char(cps[i], bytes + nb);
		}
	}
	if (f->len + nb + 1 > *cap) {
		while (f->len + nb + 1 > *cap)
			*cap *= 2;
		f->s = realloc(f->s, *cap);
		f->from = realloc(f->from, *cap * sizeof *f->from);
		f->starts = realloc(f->starts, *cap);
		f->marks = realloc(f->marks, *cap * sizeof *f->marks);
		if (!f->s || !f->from || !f->starts || !f->marks)
			abort();
	}
	for (size_t i = 0; i < nb; i++) {
		f->s[f->len] = (char)bytes[i];
		f->from[f->len] = at;
		f->starts[f->len] = i == 0;
		f->marks[f->len] = before;
		f->len++;
	}
}

void text_fold(const char *text, text_folded *f)
{
	if (!text)
		text = "";
	size_t cap = strlen(text) + 16;
	f->s = malloc(cap);
	f->from = malloc(cap * sizeof *f->from);
	f->starts = malloc(cap);
	f->marks = malloc(cap * sizeof *f->marks);
	if (!f->s || !f->from || !f->starts || !f->marks)
		abort();
	f->len = 0;
	size_t at = 0, dropped = 0;
	while (text[at]) {
		size_t n;
		int32_t cp = unicode_char_at(text + at, &n);
		fold_char(f, &cap, text, at, n, cp, &dropped);
		at += n;
	}
	f->s[f->len] = '\0';
	f->from[f->len] = at;
	f->starts[f->len] = 1;
	f->marks[f->len] = dropped;
}

void text_folded_free(text_folded *f)
{
	free(f->s);
	free(f->from);
	free(f->starts);
	free(f->marks);
	memset(f, 0, sizeof *f);
}
