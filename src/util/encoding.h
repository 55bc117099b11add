/*
 * encoding.h — converting text from the encodings older systems export
 * (Windows-1252, ISO 8859-1) to the UTF-8 kansli stores, with iconv.
 */
#ifndef KANSLI_ENCODING_H
#define KANSLI_ENCODING_H

#include "util/buf.h"
#include "util/err.h"

/* Appends in (in encoding enc; "utf-8" copies) to out as UTF-8. 0, or
 * KERR_INVALID naming the unknown encoding or the first bad byte. */
int text_to_utf8(const char *enc, const buf *in, buf *out, kerr *e);

#endif
