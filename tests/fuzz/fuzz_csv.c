/* fuzz_csv.c — the CSV reader over untrusted files: rows must come back
 * within limits, and what csv_write_field writes must read back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_reader r;
	csv_row row = { 0 };
	csv_init(&r, (const char *)data, size, 0);
	long last_line = 0;
	int got;
	while ((got = csv_next(&r, &row, NULL)) == 1) {
		if (row.n < 1 || row.n > CSV_MAX_FIELDS || row.line < last_line)
			abort();
		last_line = row.line;
		/* round trip: write the row, read it back, compare */
		buf out = BUF_INIT;
		for (int i = 0; i < row.n; i++)
			csv_write_field(&out, row.field[i].s, r.sep, i == row.n - 1);
		csv_reader again;
		csv_row back = { 0 };
		csv_init(&again, out.s, out.len, r.sep);
		int blank = row.n == 1 && strspn(row.field[0].s, " \t\r") == strlen(row.field[0].s);
		if (!blank && strlen(row.field[0].s) == row.field[0].len) {
			if (csv_next(&again, &back, NULL) != 1 || back.n != row.n)
				abort();
			for (int i = 0; i < row.n; i++)
				if (strlen(row.field[i].s) == row.field[i].len && strcmp(back.field[i].s, row.field[i].s))
					abort();
		}
		csv_row_free(&back);
		buf_free(&out);
	}
	csv_row_free(&row);
	return 0;
}
