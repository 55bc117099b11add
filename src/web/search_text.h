/*
 * search_text.h — what the pages say about a search in Swedish: why a
 * query could not be searched, and the link to the help on the language.
 */
#ifndef KANSLI_SEARCH_TEXT_H
#define KANSLI_SEARCH_TEXT_H

#include <stddef.h>

#include "util/err.h"

/* The address of the help page on the search language. */
#define SEARCH_HELP_URL "/sokhjalp"

/* The Swedish message for a search of text that failed with e: the
 * parser's reason when the query was at fault, else e's own message. */
void search_error_sv(const char *text, const kerr *e, char *out, size_t len);

#endif
