/*
 * html.h — building HTML that is escaped by default. html_f is the one
 * formatter pages write with: markup comes only from its format string,
 * every string argument is data and is escaped. html_text escapes one
 * value; html_raw is for the page's own markup only, never for data.
 */
#ifndef KANSLI_HTML_H
#define KANSLI_HTML_H

#include "util/buf.h"
#include "web/i18n.h" /* _() for the format strings */

/*
 * Appends fmt to b. The conversions are a subset of printf's, so the
 * compiler checks every argument's type (-Wformat):
 *   %s          text, HTML-escaped (& < > " ' included); NULL is ""
 *   %-s         a query-string value, percent-encoded as html_url does
 *               (then also safe inside an attribute); NULL is ""
 *   %d %ld %lld %u %lu %llu %zu   integers
 *   %%          a percent sign
 * There is deliberately no conversion for markup: markup that is not in
 * the format string is written by the builder that made it (view_*.c,
 * layout.c). Any other conversion is a programming error: html_f aborts,
 * so the first test that renders the page finds it.
 */
void html_f(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void html_begin(buf *b, const char *title);
void html_end(buf *b);
void html_text(buf *b, const char *text);
void html_raw(buf *b, const char *markup);
/* Percent-encodes a query-string value (then safe inside an attribute). */
void html_url(buf *b, const char *value);
/* <option value="v">label</option>, selected when v equals current. */
void html_option(buf *b, const char *value, const char *label, const char *current);
/* html_option for each pair of value and label that follows current, up
 * to a NULL: a select's fixed choices in one call. */
void html_options(buf *b, const char *current, ...) __attribute__((sentinel));

#endif
