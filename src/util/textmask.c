/* textmask.c — finding and masking names and identity numbers in free text; see textmask.h. */
#include "util/textmask.h"

#include <stdlib.h>
#include <string.h>

#include "util/idnum.h"

/* Folds a UTF-8 string for comparison without changing its length: ASCII
 * letters and the two-byte Latin-1 capitals (U+00C0-U+00DE but ×) go to
 * lower case, so a byte offset in the folded copy is one in the original. */
static char *fold(const char *s)
{
	size_t n = strlen(s);
	unsigned char *f = malloc(n + 1);
	if (!f)
		abort();
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && f[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
			c = (unsigned char)(c + 32);
		f[i] = c;
	}
	return (char *)f;
}

/* A byte that belongs to a word: ASCII letters and digits, and every byte
 * of a multi-byte UTF-8 letter (å, ä, ö, é). */
static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* A name part this long (in bytes) also names its person at the start of
 * a longer word: "Zornqvistska gården", "Karlssonfamiljen". A shorter one
 * is too often the start of another word ("Bergsvägen" for Berg), so
 * there only the word itself and its genitive count. */
enum { PREFIX_PART_MIN = 6 };

/* The earliest occurrence in folded text ft of the folded word w (n
 * bytes) as a word, in its genitive, or (with prefix, for a long part) at
 * the start of a word; NULL when none. *wlen gets the length of the word
 * found there, so that all of a derived word is masked. */
static const char *find_word(const char *ft, const char *w, size_t n, int prefix, size_t *wlen)
{
	for (const char *p = ft; (p = strstr(p, w)); p++) {
		char save_end = p[n];
		int starts = p == ft || !word_byte((unsigned char)p[-1]);
		/* A Swedish genitive names the person too: "Svenssons ansökan". */
		int ends = !word_byte((unsigned char)save_end)
			|| (save_end == 's' && !word_byte((unsigned char)p[n + 1]));
		if (starts && (ends || (prefix && n >= PREFIX_PART_MIN))) {
			size_t l = n;
			while (!ends && word_byte((unsigned char)p[l]))
				l++;
			*wlen = ends ? n : l;
			return p;
		}
	}
	return NULL;
}

/* text_find_name, or with parts when by_parts. */
static int find_name(const char *text, const char *name, int by_parts, size_t *at, size_t *len)
{
	if (!text || !name || !*name)
		return 0;
	char *ft = fold(text), *fn = fold(name);
	const char *best = strstr(ft, fn);
	size_t best_len = strlen(fn);
	/* A person is named by a part of the name too: "Svensson", or
	 * "Svensson, Sven". Parts of three bytes or more, as whole words. */
	for (char *part = fn; by_parts && *part;) {
		while (*part && !word_byte((unsigned char)*part))
			part++;
		char *end = part;
		while (*end && word_byte((unsigned char)*end))
			end++;
		size_t n = (size_t)(end - part);
		char saved = *end;
		*end = '\0';
		size_t wlen = n;
		const char *p = n >= 3 ? find_word(ft, part, n, 1, &wlen) : NULL;
		if (p && (!best || p < best)) {
			best = p;
			best_len = wlen;
		}
		*end = saved;
		part = end;
	}
	int found = best != NULL;
	if (found) {
		if (at) *at = (size_t)(best - ft);
		if (len) *len = best_len;
	}
	free(ft);
	free(fn);
	return found;
}

int text_find_name(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 0, at, len);
}

int text_find_person(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 1, at, len);
}

/* What mask_each looks for: the first match in text, 1 with *at, *len. */
typedef int (*text_finder)(const char *text, const void *what, size_t *at, size_t *len);

/* Replaces every match of find in b by TEXT_MASK, searching on after each
 * mask (so a mask is never searched again); 1 when something was. */
static int mask_each(buf *b, text_finder find, const void *what)
{
	int changed = 0;
	size_t from = 0, at, len;
	while (from < b->len && find(b->s + from, what, &at, &len)) {
		buf out = BUF_INIT;
		buf_add(&out, b->s, from + at);
		buf_adds(&out, TEXT_MASK);
		size_t next = out.len;
		buf_adds(&out, b->s + from + at + len);
		buf_free(b);
		*b = out;
		from = next;
		changed = 1;
	}
	return changed;
}

static int find_person_in(const char *text, const void *name, size_t *at, size_t *len)
{
	return find_name(text, name, 1, at, len);
}

static int find_name_in(const char *text, const void *name, size_t *at, size_t *len)
{
	return find_name(text, name, 0, at, len);
}

static int find_personnummer_in(const char *text, const void *unused, size_t *at, size_t *len)
{
	(void)unused;
	return idnum_find_personnummer(text, at, len);
}

int text_mask_name(buf *b, const char *name, int person)
{
	return mask_each(b, person ? find_person_in : find_name_in, name);
}

int text_mask_personnummer(buf *b)
{
	return mask_each(b, find_personnummer_in, NULL);
}
