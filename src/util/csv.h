/*
 * csv.h — reading and writing CSV as spreadsheets in Sweden write it: UTF-8,
 * a separator (';'), fields quoted with '"' when they hold the separator, a
 * quote or a line break (a quote inside is doubled), lines ending in LF or
 * CRLF. A UTF-8 byte order mark at the start is skipped.
 *
 * The reader is strict, because its input is untrusted: invalid UTF-8, a NUL
 * byte, text after a closing quote, an unterminated quote, too many fields
 * or an over-long field are errors naming the line where the row began.
 * Control characters other than tab and line breaks are errors too. Blank
 * lines are skipped.
 *
 * The writer guards against formula injection: a cell a spreadsheet would
 * run as a formula (starting with = + - @, tab or CR, and not a plain
 * number like -12) is written with a leading apostrophe, which spreadsheets
 * show as text; the reader drops that apostrophe again, so what is written
 * reads back as the same fields.
 */
#ifndef KANSLI_CSV_H
#define KANSLI_CSV_H

#include <stddef.h>

#include "util/buf.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_FIELD (64 * 1024)

typedef struct csv_reader {
	const char *p, *end;
	char sep;
	int line;          /* the line the reader is on (1-based) */
} csv_reader;

typedef struct csv_row {
	int n;                        /* fields in this row */
	const char *f[CSV_MAX_FIELDS]; /* NUL-terminated, valid until the next read */
	int line;                     /* the line the row began on */
	buf data;                     /* storage of the fields */
} csv_row;

/* Starts reading data[0..len); sep 0 guesses ';' or ',' from the first line. */
void csv_init(csv_reader *r, const char *data, size_t len, char sep);
/* Reads the next row: 1 with row filled, 0 at the end of the input, -1 on
 * bad input with a message (naming the line) in err. */
int csv_next(csv_reader *r, csv_row *row, char *err, size_t errlen);
void csv_row_free(csv_row *row);

/* Whether value would be written with the formula guard (see above). */
int csv_needs_guard(const char *value);
/* Appends one field, quoted when it must be; last ends the row with CRLF. */
void csv_add_field(buf *b, const char *value, char sep, int last);
/* Appends a whole row of n fields (NULL is empty); what csv_next reads back
 * as the same fields. */
void csv_add_row(buf *b, const char *const *fields, int n, char sep);

#endif
