/* textmask.c — finding and masking names and identity numbers in free text; see textmask.h. */
#include "util/textmask.h"

#include <stdlib.h>
#include <string.h>

#include "util/idnum.h"
#include "util/unicode.h"

/* The character at byte i of the folded text (0 at its end). */
static int32_t folded_char(const text_folded *f, size_t i)
{
	size_t n;
	return i < f->len ? unicode_char_at(f->s + i, &n) : 0;
}

/* Whether a match may begin or end at byte i of the folded text: between
 * two characters of the text (never inside the folding of one, as "ss"
 * of "ß"), and not before a combining mark, which belongs to the letter
 * before it. The fold leaves the accents (nonspacing marks) out, so only
 * a spacing or enclosing one is left to stand there: the vowel sign of
 * an Indic script, part of its syllable. */
static int boundary(const text_folded *f, size_t i)
{
	return f->starts[i] && !unicode_mark(folded_char(f, i));
}

static int word_at(const text_folded *f, size_t i)
{
	return i < f->len && unicode_word(folded_char(f, i));
}

static int word_before(const text_folded *f, size_t i)
{
	return i > 0 && unicode_word(unicode_char_before(f->s, f->s + i));
}

/* The byte after the word that goes on at i, at a character of the text. */
static size_t word_end(const text_folded *f, size_t i)
{
	while (word_at(f, i)) {
		size_t n;
		unicode_char_at(f->s + i, &n);
		i += n;
	}
	while (!f->starts[i])
		i++;
	return i;
}

/* A name part this long (in folded bytes, counted with its accents:
 * part_length) also names its person at the start of a longer word:
 * "Zornqvistska gården", "Karlssonfamiljen". A shorter one is too often
 * the start of another word ("Bergsvägen" for Berg), so there only the
 * word itself and its genitive count. */
enum { PREFIX_PART_MIN = 6 };

/* The length of the part of folded name fn from byte i to end, counted
 * as the fold counted it before it left the accents out ("Öz" 4, "Jöns"
 * 6), so that leaving them out makes no name part too short to mask. */
static size_t part_length(const text_folded *fn, size_t i, size_t end)
{
	return end - i + fn->marks[end] - fn->marks[i];
}

/* The earliest place at or after byte from of folded text f where the
 * folded word w (n bytes) stands as a word, in its genitive, or (with
 * prefix, for a long part) at the start of a word: its byte, with *wlen
 * the length to mask there (all of a derived word); -1 when none. */
static long find_word(const text_folded *f, size_t from, const char *w, size_t n, int prefix, size_t *wlen)
{
	for (const char *p = f->s + from; (p = strstr(p, w)); p++) {
		size_t at = (size_t)(p - f->s), end = at + n;
		if (!boundary(f, at) || word_before(f, at))
			continue;
		/* A Swedish genitive names the person too: "Svenssons ansökan". */
		int ends = boundary(f, end) && (!word_at(f, end) ||
		           (f->s[end] == 's' && f->starts[end + 1] && !word_at(f, end + 1)));
		if (ends) {
			*wlen = n;
			return (long)at;
		}
		if (prefix) {
			*wlen = word_end(f, end) - at;
			return (long)at;
		}
	}
	return -1;
}

/* The earliest place at or after byte from of folded text f where the
 * folded name fn stands (anywhere, whole), or with by_parts a part of it
 * of three bytes or more as a word (find_word): its byte and *len, or -1. */
static long find_folded(const text_folded *f, size_t from, const text_folded *fn, int by_parts, size_t *len)
{
	long best = -1;
	size_t best_len = fn->len;
	for (const char *p = f->s + from; fn->len && (p = strstr(p, fn->s)); p++) {
		size_t at = (size_t)(p - f->s);
		if (boundary(f, at) && boundary(f, at + fn->len)) {
			best = (long)at;
			break;
		}
	}
	/* A person is named by a part of the name too: "Svensson", or
	 * "Svensson, Sven". */
	for (size_t i = 0; by_parts && i < fn->len;) {
		while (i < fn->len && !word_at(fn, i))
			i++;
		size_t end = i;
		while (end < fn->len && word_at(fn, end)) {
			size_t n;
			unicode_char_at(fn->s + end, &n);
			end += n;
		}
		size_t n = end - i, wlen = n, weight = part_length(fn, i, end);
		if (weight >= 3) {
			char *part = strndup(fn->s + i, n);
			if (!part)
				abort();
			long at = find_word(f, from, part, n, weight >= PREFIX_PART_MIN, &wlen);
			free(part);
			if (at >= 0 && (best < 0 || at < best)) {
				best = at;
				best_len = wlen;
			}
		}
		i = end;
	}
	if (best >= 0)
		*len = best_len;
	return best;
}

/* text_find_name, or with parts when by_parts. */
static int find_name(const char *text, const char *name, int by_parts, size_t *at, size_t *len)
{
	if (!text || !name || !*name)
		return 0;
	text_folded f, fn;
	text_fold(text, &f);
	text_fold(name, &fn);
	size_t l = 0;
	long p = find_folded(&f, 0, &fn, by_parts, &l);
	if (p >= 0) {
		if (at) *at = f.from[p];
		if (len) *len = f.from[(size_t)p + l] - f.from[p];
	}
	text_folded_free(&f);
	text_folded_free(&fn);
	return p >= 0;
}

int text_find_name(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 0, at, len);
}

int text_find_person(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 1, at, len);
}

int text_mask_name(buf *b, const char *name, int person)
{
	if (!name || !*name)
		return 0;
	text_folded f, fn;
	text_fold(b->s, &f);
	text_fold(name, &fn);
	buf out = BUF_INIT;
	size_t from = 0, copied = 0, l;
	long p;
	int changed = 0;
	/* Every match, searching on after each, so a mask is never searched
	 * again; each is replaced in the text where its characters stand. */
	while (from < f.len && (p = find_folded(&f, from, &fn, person, &l)) >= 0) {
		size_t at = f.from[p], end = f.from[(size_t)p + l];
		buf_add(&out, b->s + copied, at - copied);
		buf_adds(&out, TEXT_MASK);
		copied = end;
		from = (size_t)p + (l ? l : 1);
		changed = 1;
	}
	if (changed) {
		buf_adds(&out, b->s + copied);
		buf_free(b);
		*b = out;
	}
	text_folded_free(&f);
	text_folded_free(&fn);
	return changed;
}

int text_mask_personnummer(buf *b)
{
	int changed = 0;
	size_t from = 0, at, len;
	while (from < b->len && idnum_find_personnummer(b->s + from, &at, &len)) {
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
