/*
 * html.h — building HTML that is escaped by default: html_text escapes,
 * html_raw is for the page's own markup only, never for data.
 */
#ifndef KANSLI_HTML_H
#define KANSLI_HTML_H

#include "util/buf.h"

void html_begin(buf *b, const char *title);
void html_end(buf *b);
void html_text(buf *b, const char *text);
void html_raw(buf *b, const char *markup);
/* Percent-encodes a query-string value (then safe inside an attribute). */
void html_url(buf *b, const char *value);
/* <option value="v">label</option>, selected when v equals current. */
void html_option(buf *b, const char *value, const char *label, const char *current);

#endif
