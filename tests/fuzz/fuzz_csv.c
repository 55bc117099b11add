/* fuzz_csv.c — the CSV reader on arbitrary bytes: never a crash, and every
 * row it accepts, written back by the writer, reads back the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_reader r, again;
	csv_row row = { 0 }, back = { 0 };
	char err[200];
	buf out = BUF_INIT;
	csv_init(&r, (const char *)data, size, ';');
	int rc;
	while ((rc = csv_next(&r, &row, err, sizeof err)) == 1) {
		if (row.n < 1 || row.n > CSV_MAX_FIELDS || row.line < 1)
			abort();
		buf_reset(&out);
		csv_add_row(&out, row.f, row.n, ';');
		csv_init(&again, out.s, out.len, ';');
		if (csv_next(&again, &back, err, sizeof err) != 1 || back.n != row.n)
			abort(); /* what the writer writes must read back */
		for (int i = 0; i < row.n; i++)
			if (strcmp(back.f[i], row.f[i]))
				abort();
		if (csv_next(&again, &back, err, sizeof err) != 0)
			abort(); /* one row, and nothing after it */
	}
	if (rc < 0 && !strstr(err, "line "))
		abort(); /* every error names its line */
	buf_free(&out);
	csv_row_free(&row);
	csv_row_free(&back);
	return 0;
}
