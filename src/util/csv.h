/*
 * csv.h — reading CSV as Swedish offices write it: fields separated by ';'
 * (Excel's choice where ',' is the decimal comma) or ',', optionally
 * quoted with '"' (a doubled quote inside is one quote), rows ended by LF
 * or CRLF, a UTF-8 byte-order mark at the start ignored. A quoted field may
 * hold separators and line breaks.
 *
 * The reader works over text already in memory and never allocates per
 * row beyond the caller's csv_row, so a hostile file costs at most its own
 * size. Errors name the line where the bad row starts.
 */
#ifndef KANSLI_CSV_H
#define KANSLI_CSV_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD (64 * 1024)

typedef struct csv_reader {
	const char *p, *end;
	char sep;
	long line;     /* line the next row starts on (1-based) */
} csv_reader;

typedef struct csv_row {
	int n;                       /* fields in this row */
	long line;                   /* line the row started on */
	buf field[CSV_MAX_FIELDS];   /* NUL-terminated values */
} csv_row;

/* Starts reading data[0..len); sep 0 guesses ';' or ',' from the first line. */
void csv_init(csv_reader *r, const char *data, size_t len, char sep);
/* Reads the next row into row. Returns 1 for a row, 0 at the end, or
 * KERR_INVALID with e naming the line (unterminated quote, text after a
 * closing quote, too many or too long fields). Blank lines are skipped. */
int csv_next(csv_reader *r, csv_row *row, kerr *e);
/* Frees the row's buffers. */
void csv_row_free(csv_row *row);
/* Appends one field to out, quoted when it needs to be; last ends the row
 * with CRLF. */
void csv_write_field(buf *out, const char *value, char sep, int last);

#endif
