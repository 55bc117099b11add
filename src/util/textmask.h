/*
 * textmask.h — finding and masking what the public may not read in free
 * text (titles): the names of masked parties and personnummer. Pure text
 * functions, so that the search index's SQL function (store/) and core's
 * renderings mask alike.
 */
#ifndef KANSLI_TEXTMASK_H
#define KANSLI_TEXTMASK_H

#include <stddef.h>

#include "util/buf.h"

/* What replaces a masked name or number. */
#define TEXT_MASK "[maskerat]"

/*
 * Both text and name are compared folded (util/unicode.h): in any case of
 * any script (ŠAHINOVIĆ is Šahinović, ΠΑΠΑΔΌΠΟΥΛΟΣ Παπαδόπουλος), composed
 * or decomposed ("ö" or "o" + U+0308, as macOS pastes it), without their
 * accents (ΠΑΠΑΔΟΠΟΥΛΟΥ is Παπαδοπούλου, Celik Çelik — and so Jonsson is
 * Jönsson and Asa Åsa: a mask errs towards masking), the dotless and
 * dotted i as i (YILMAZ is Yılmaz), compatibility forms as what they
 * stand for (fullwidth letters), invisible characters (a soft hyphen)
 * skipped. A match covers whole characters of the text, accents that
 * follow a letter with it; where it stands is told and masked in the text
 * as it is, in bytes.
 */

/* 1 when text contains name; *at and *len (may be NULL) get where. */
int text_find_name(const char *text, const char *name, size_t *at, size_t *len);
/* The same for a person's name, which also stands in a text by any part of
 * three bytes or more (folded) as a whole word ("Svensson", "Svensson,
 * Sven"), or that word in the genitive ("Svenssons"), or a part of six
 * bytes or more at the start of a word ("Svenssonska gården": the whole
 * word is the match); *at and *len get the earliest such place. */
int text_find_person(const char *text, const char *name, size_t *at, size_t *len);

/* Replaces every occurrence of name in b (as text_find_name finds it) by
 * TEXT_MASK, a person's (person != 0) also where only a part of the name
 * stands (text_find_person). Returns 1 when something was replaced. */
int text_mask_name(buf *b, const char *name, int person);
/* Replaces every personnummer or samordningsnummer in b (any usual form,
 * valid date and check digit) by TEXT_MASK; 1 when something was. */
int text_mask_personnummer(buf *b);
#endif
