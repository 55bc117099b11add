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

/* 1 when text contains name, ignoring case (ASCII and the Latin-1 letters
 * such as Å, Ä, Ö, É); *at and *len (may be NULL) get where. */
int text_find_name(const char *text, const char *name, size_t *at, size_t *len);
/* The same for a person's name, which also stands in a text by any part of
 * three bytes or more as a whole word ("Svensson", "Svensson, Sven"), or
 * that word in the genitive ("Svenssons"); *at and *len get the earliest
 * such place. */
int text_find_person(const char *text, const char *name, size_t *at, size_t *len);

/* Replaces every occurrence of name in b (ignoring case) by TEXT_MASK, a
 * person's (person != 0) also where only a part of the name stands.
 * Returns 1 when something was replaced. */
int text_mask_name(buf *b, const char *name, int person);
/* Replaces every personnummer or samordningsnummer in b (any usual form,
 * valid date and check digit) by TEXT_MASK; 1 when something was. */
int text_mask_personnummer(buf *b);
#endif
