/* csv.c — CSV reading and writing; see csv.h. */
#include "util/csv.h"

#include <string.h>

void csv_init(csv_reader *r, const char *data, size_t len, char sep)
{
	r->p = data;
	r->end = data + len;
	r->line = 1;
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->p += 3;
	if (!sep) {
		/* The separator that occurs more often outside quotes on the first line. */
		size_t semi = 0, comma = 0;
		int quoted = 0;
		for (const char *q = r->p; q < r->end && (quoted || *q != '\n'); q++) {
			if (*q == '"')
				quoted = !quoted;
			else if (!quoted && *q == ';')
				semi++;
			else if (!quoted && *q == ',')
				comma++;
		}
		sep = comma > semi ? ',' : ';';
	}
	r->sep = sep;
}

void csv_row_free(csv_row *row)
{
	for (int i = 0; i < CSV_MAX_FIELDS; i++)
		buf_free(&row->field[i]);
	row->n = 0;
}

static int row_is_blank(const char *p, const char *end)
{
	while (p < end && (*p == '\r' || *p == ' ' || *p == '\t'))
		p++;
	return p < end ? *p == '\n' : 1;
}

int csv_next(csv_reader *r, csv_row *row, kerr *e)
{
	/* skip blank lines */
	while (r->p < r->end && row_is_blank(r->p, r->end)) {
		const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
		r->p = nl ? nl + 1 : r->end;
		r->line++;
	}
	for (int i = 0; i < row->n; i++)
		buf_reset(&row->field[i]);
	row->n = 0;
	row->line = r->line;
	if (r->p >= r->end)
		return 0;
	for (;;) {
		if (row->n == CSV_MAX_FIELDS)
			return kerr_set(e, KERR_INVALID, "line %ld: more than %d fields", row->line, CSV_MAX_FIELDS);
		buf *f = &row->field[row->n++];
		buf_reset(f);
		buf_add(f, "", 0);
		if (r->p < r->end && *r->p == '"') {
			r->p++;
			for (;;) {
				if (r->p >= r->end)
					return kerr_set(e, KERR_INVALID, "line %ld: a quoted field is not closed", row->line);
				char c = *r->p++;
				if (c == '"') {
					if (r->p < r->end && *r->p == '"') {
						buf_addc(f, '"');
						r->p++;
						continue;
					}
					break;
				}
				if (c == '\n')
					r->line++;
				buf_addc(f, c); /* kept as written, CR too, so a field reads back the same */
				if (f->len > CSV_MAX_FIELD)
					return kerr_set(e, KERR_INVALID, "line %ld: a field is longer than %d bytes",
					                row->line, CSV_MAX_FIELD);
			}
			if (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
				return kerr_set(e, KERR_INVALID, "line %ld: text after a closing quote", row->line);
		} else {
			const char *start = r->p;
			while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
				r->p++;
			if (r->p - start > CSV_MAX_FIELD)
				return kerr_set(e, KERR_INVALID, "line %ld: a field is longer than %d bytes",
				                row->line, CSV_MAX_FIELD);
			buf_add(f, start, (size_t)(r->p - start));
		}
		if (r->p >= r->end)
			return 1;
		if (*r->p == r->sep) {
			r->p++;
			continue;
		}
		/* end of row: LF, CRLF or a lone CR */
		if (*r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n')
			r->p++;
		r->line++;
		return 1;
	}
}

void csv_write_field(buf *out, const char *value, char sep, int last)
{
	const char *v = value ? value : "";
	/* quoted when it holds what ends a field, or starts like a byte-order mark */
	if (strchr(v, sep) || strpbrk(v, "\"\r\n") || !strncmp(v, "\xEF\xBB\xBF", 3)) {
		buf_addc(out, '"');
		for (; *v; v++) {
			if (*v == '"')
				buf_addc(out, '"');
			buf_addc(out, *v);
		}
		buf_addc(out, '"');
	} else {
		buf_adds(out, v);
	}
	buf_adds(out, last ? "\r\n" : (char[2]){ sep, 0 });
}
