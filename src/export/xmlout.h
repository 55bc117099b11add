/*
 * xmlout.h — what the package's XML writers share: a libxml2 xmlTextWriter
 * writing into memory, with the one error flag they all check at the end,
 * and the date and path forms METS, PREMIS and CITS ERMS want.
 */
#ifndef KANSLI_XMLOUT_H
#define KANSLI_XMLOUT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

typedef struct xw xw;

/* A new document (XML declaration written). Aborts on allocation failure. */
xw *xw_new(void);
/* Starts an element; namespaces are declared on it with xw_ns. */
void xw_start(xw *w, const char *name);
void xw_ns(xw *w, const char *prefix, const char *uri); /* prefix NULL: default xmlns */
void xw_attr(xw *w, const char *name, const char *value); /* NULL value: nothing */
void xw_attr_int(xw *w, const char *name, int64_t v);
void xw_text(xw *w, const char *text);
void xw_end(xw *w);
/* <name>text</name>; nothing when text is NULL. */
void xw_elem(xw *w, const char *name, const char *text);
/* Ends the document, appends it to out and frees w. 0, or -1 when libxml2
 * reported an error (invalid UTF-8, say). */
int xw_finish(xw *w, buf *out);

/* us as xs:dateTime in Swedish time with its offset, "2026-11-20T10:15:00+01:00". */
void xml_datetime(int64_t us, char out[32]);
/* A calendar date "2026-03-02" as xs:dateTime "2026-03-02T00:00:00". */
void xml_date(const char *date, char out[32]);
/* Percent-encodes a package-relative path for xlink:href (keeps '/'). */
void xml_href(buf *out, const char *path);

#endif
