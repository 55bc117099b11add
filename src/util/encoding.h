/*
 * encoding.h — the text kansli stores, and converting text from the
 * encodings older systems export (Windows-1252, ISO 8859-1) to it, with
 * iconv.
 *
 * Text is valid UTF-8 (shortest forms, no surrogates, nothing past
 * U+10FFFF) without NUL or other control characters (C0, DEL, C1), nor
 * the invisible ones that disguise text (bidi overrides and isolates,
 * the zero-width space, a BOM inside text: text_control). Tab,
 * line feed and carriage return are allowed where a field may have several
 * lines (TEXT_MULTILINE); single-line fields are narrowed further by core.
 * Every boundary (web forms and file names, JSON bodies, CLI arguments,
 * CSV and JSON-lines imports) checks its input with text_check.
 *
 * Text is stored in Unicode's composed normal form, NFC: the same
 * boundaries put what they take in into it (text_nfc), so that "ö" typed
 * on one keyboard and "o" + U+0308 pasted from macOS are one text when
 * stored, compared and searched. Rows stored before that may be in
 * another form; whatever compares names folds both sides (util/unicode.h).
 */
#ifndef KANSLI_ENCODING_H
#define KANSLI_ENCODING_H

#include "util/buf.h"
#include "util/err.h"

#include <jansson.h>
#include <stddef.h>

enum { TEXT_LINE = 0, TEXT_MULTILINE = 1 };

/* Length of the valid UTF-8 sequence at p (before end), its code point in
 * *cp (may be NULL); 0 if the bytes there are not UTF-8. */
size_t utf8_char(const unsigned char *p, const unsigned char *end, unsigned *cp);
/* Whether code point cp is a control character text may not hold
 * (TEXT_MULTILINE allows tab, LF and CR), or one that disguises text
 * (U+202A-202E, U+2066-2069, U+200B, U+FEFF). */
int text_control(unsigned cp, int flags);
/* Checks s[0..len) is text as above. 0, or -1 with the byte offset of the
 * first bad byte in *bad (bad may be NULL). */
int text_check(const char *s, size_t len, int flags, size_t *bad);
/* The same for a NUL-terminated string (NULL is fine). */
int text_check_str(const char *s, int flags);
/* 1 when s (NULL too) holds nothing but spaces: blanks, tabs, line breaks
 * and the no-break and other Unicode spaces (U+00A0, U+2000-U+200B,
 * U+202F, U+205F, U+3000) a pasted text brings. A title of them is no
 * title. */
int text_blank(const char *s);
/* The characters (code points) of UTF-8 text s (NULL: 0), a line break
 * written CR LF counted once: what a person counts, where strlen counts
 * bytes (å is two). */
size_t text_chars(const char *s);
/* Why s is not one line of text of at most max_bytes bytes: KWHY_NONE
 * when it is; KWHY_REQUIRED when NULL or blank (text_blank),
 * KWHY_LINE_BREAK when it holds a line break, KWHY_TOO_LONG when longer.
 * Each reason its own, so a user interface says the one the value has. */
int text_line_why(const char *s, size_t max_bytes);
/* Checks every key (one line) and string (TEXT_MULTILINE) in a JSON tree;
 * jansson already refuses invalid UTF-8 and \u0000 but lets escaped control
 * characters through. 0, or -1 with the key of the bad value in bad_key
 * ("" if the key itself is bad or the value is not under a key). */
int text_check_json(json_t *v, char *bad_key, size_t len);

/* Puts b's text into NFC; 1 when that changed it, 0 when it was NFC (or
 * not UTF-8, which is left as it is for text_check to refuse). */
int text_nfc(buf *b);
/* s (NUL-terminated) in NFC as a new string the caller frees, or NULL
 * when s is NFC already (or not UTF-8). */
char *text_nfc_dup(const char *s);
/* Puts every string in a JSON tree into NFC (keys, which name fields, as
 * they are). */
void text_nfc_json(json_t *v);

/* Appends in (in encoding enc; "utf-8" copies) to out as UTF-8. 0, or
 * KERR_INVALID naming the unknown encoding or the first bad byte. */
int text_to_utf8(const char *enc, const buf *in, buf *out, kerr *e);

#endif
