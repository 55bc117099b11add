/*
 * unicode.h — what kansli asks of Unicode beyond UTF-8 itself, through
 * libutf8proc (Debian's libutf8proc-dev): the classes of a character that
 * the finders of names and identity numbers ask about, and text folded so
 * that two spellings of one name compare equal.
 *
 * Why folding and not a byte compare: a name is typed in several ways that
 * all read the same, and a mask that misses one publishes the name. Text
 * pasted from macOS is decomposed ("o" + U+0308 for "ö"), capitals lie
 * outside Latin-1 ("ŠAHINOVIĆ"), Turkish writes "YILMAZ" for "Yılmaz", a
 * word processor adds a soft hyphen, an East Asian keyboard gives
 * fullwidth letters and digits, a name is typed without its accents
 * where the keyboard lacks them ("Celik" for "Çelik"), and Greek capitals
 * drop the tonos ("ΠΑΠΑΔΟΠΟΥΛΟΥ" for "Παπαδοπούλου"). The fold is the
 * Unicode one (NFKD with the full case fold, default-ignorable characters
 * dropped) with the nonspacing marks (accents, category Mn) left out and
 * the dotted and dotless i made one letter, and keeps for every folded
 * byte the place in the text it came from, so a match is masked in the
 * text itself.
 *
 * Leaving the accents out makes the Swedish å, ä and ö one letter with a
 * and o: a masked "Åsa" masks "Asa", a masked "Öberg" masks "Oberg". That
 * is the direction a mask may err in — a word too many masked in a public
 * title costs a reader a word, a name too few publishes a secret party —
 * and a name typed on a keyboard without the letter is the same name.
 * (ø, ł and æ are letters of their own, not accented ones, and stay
 * apart from o, l and ae; nor is "oe" read as "ö".)
 *
 * Text that is not valid UTF-8 (none is stored: util/encoding.h) is folded
 * byte by byte as it stands, never refused: a finder must not fail.
 */
#ifndef KANSLI_UNICODE_H
#define KANSLI_UNICODE_H

#include <stddef.h>
#include <stdint.h>

/* The character at p (NUL-terminated text): its code point, and its
 * length in bytes in *len (1 for a byte that is not UTF-8, whose code
 * point is then -1; 0 at the NUL). */
int32_t unicode_char_at(const char *p, size_t *len);
/* The character ending just before p, where text starts: its code point,
 * -1 for a byte that is not UTF-8 (and at the start: ask p > text first
 * where that matters). */
int32_t unicode_char_before(const char *text, const char *p);

/* The digit a character stands for, where its compatibility form (NFKC)
 * is an ASCII digit ('7', fullwidth '７', superscript '⁷') or it is a
 * decimal digit of any script (category Nd: Arabic-Indic '٧', Persian
 * '۷', Devanagari '७'), else -1. */
int unicode_digit(int32_t cp);
/* The ASCII character cp's compatibility form (NFKC) is ('.' for '.' and
 * for fullwidth '．'), else -1. */
int unicode_ascii(int32_t cp);
/* Whether cp is a space (category Zs: the space, the no-break and the
 * narrow no-break space, the thin and the ideographic space). */
int unicode_space(int32_t cp);
/* Whether cp is a dash (category Pd: the hyphen-minus, the hyphens, the
 * en and em dash, fullwidth '－') or the minus sign U+2212. */
int unicode_dash(int32_t cp);
/* Whether cp belongs to a word: a letter, a combining mark or a digit of
 * any script. */
int unicode_word(int32_t cp);
/* Whether cp is a combining mark (category M). */
int unicode_mark(int32_t cp);
/* Whether cp is a default-ignorable code point: drawn as nothing (the soft
 * hyphen, the zero-width joiner and non-joiner, the combining grapheme
 * joiner, the direction marks), so that a reader sees the text as if it
 * were not there — and so must every finder. */
int unicode_ignorable(int32_t cp);

/* A text folded for comparison, with the way back to the text. */
typedef struct text_folded {
	char *s;           /* the folded text, NUL-terminated */
	size_t len;        /* its length in bytes */
	size_t *from;      /* from[i]: where in the text the character that
	                    * folded byte i came from starts; from[len] is the
	                    * text's length */
	unsigned char *starts; /* starts[i]: 1 when byte i is the first of a
	                        * character's folding (and at len), so a match
	                        * from i to j covers whole characters of the
	                        * text when both starts[i] and starts[j] */
	size_t *marks;     /* marks[i]: the bytes of the nonspacing marks the
	                    * fold left out before the character byte i came
	                    * from (and marks[len]: all of them), so that
	                    * j - i + marks[j] - marks[i] is what the text from
	                    * i to j was long folded with its accents */
} text_folded;

/* Folds text (NUL-terminated; NULL is "") into f, which the caller
 * releases with text_folded_free. Allocation failure aborts. */
void text_fold(const char *text, text_folded *f);
void text_folded_free(text_folded *f);

#endif
