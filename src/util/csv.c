/* csv.c — a strict CSV reader and a writer; see csv.h. */
#include "util/csv.h"

#include "util/encoding.h"

#include <stdio.h>
#include <string.h>

void csv_init(csv_reader *r, const char *data, size_t len, char sep)
{
	r->p = data;
	r->end = data + len;
	r->line = 1;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		r->p += 3;
	if (!sep) {
		/* Exports come both ways: the one that occurs more often outside
		 * quotes on the first line wins, ';' on a tie. */
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
	buf_free(&row->data);
	row->n = 0;
}

/* Whether v is a plain number, like "-12", "+3,5" or "-4 %": harmless in a
 * spreadsheet, and a figure must stay a figure. */
static int plain_number(const char *v)
{
	const char *p = v + (*v == '-' || *v == '+');
	int digits = 0, sep = 0;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if ((*p == ',' || *p == '.') && digits && !sep)
			sep = 1;
		else
			break;
	}
	if (!strcmp(p, " %") || !strcmp(p, "%"))
		p += strlen(p);
	return digits && !*p;
}

int csv_needs_guard(const char *v)
{
	if (!v || !*v)
		return 0;
	if (*v == '\'')
		return csv_needs_guard(v + 1); /* a guard of its own, kept on reading */
	return strchr("=+-@\t\r", *v) && !plain_number(v);
}

int csv_next(csv_reader *r, csv_row *row, char *err, size_t errlen)
{
	size_t off[CSV_MAX_FIELDS];
	/* Skip blank lines. */
	while (r->p < r->end && (*r->p == '\n' || (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
	}
	if (r->p >= r->end)
		return 0; /* the last row read stays as it was */
	buf_reset(&row->data);
	row->n = 0;
	row->line = r->line;
	for (;;) {
		if (row->n == CSV_MAX_FIELDS) {
			snprintf(err, errlen, "line %d: more than %d fields", row->line, CSV_MAX_FIELDS);
			return -1;
		}
		off[row->n] = row->data.len;
		size_t start = row->data.len;
		int quoted = r->p < r->end && *r->p == '"';
		if (quoted)
			r->p++;
		for (;;) {
			if (r->p >= r->end) {
				if (quoted) {
					snprintf(err, errlen, "line %d: a quoted field is not closed", row->line);
					return -1;
				}
				break;
			}
			const unsigned char *u = (const unsigned char *)r->p;
			if (*u == 0) {
				snprintf(err, errlen, "line %d: a NUL byte", r->line);
				return -1;
			}
			if (quoted && *u == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					buf_addc(&row->data, '"');
					r->p += 2;
					continue;
				}
				r->p++;
				if (r->p < r->end && *r->p != r->sep && *r->p != '\n' &&
				    !(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')) {
					snprintf(err, errlen, "line %d: text after a closing quote", r->line);
					return -1;
				}
				break;
			}
			if (!quoted && (*u == (unsigned char)r->sep || *u == '\n' ||
			                (*u == '\r' && r->p + 1 < r->end && r->p[1] == '\n')))
				break;
			if (!quoted && *u == '"') {
				snprintf(err, errlen, "line %d: a quote inside an unquoted field (quote the whole field)",
				         r->line);
				return -1;
			}
			if (!quoted && *u == '\r') {
				snprintf(err, errlen, "line %d: a carriage return without a line feed", r->line);
				return -1;
			}
			unsigned cp;
			size_t n = utf8_char(u, (const unsigned char *)r->end, &cp);
			if (n == 0) {
				snprintf(err, errlen, "line %d: not UTF-8 (save the file as UTF-8)", r->line);
				return -1;
			}
			if (text_control(cp, TEXT_MULTILINE)) {
				snprintf(err, errlen, "line %d: a control character (U+%04X)", r->line, cp);
				return -1;
			}
			if (*u == '\n')
				r->line++;
			buf_add(&row->data, r->p, n);
			r->p += n;
			if (row->data.len - start > CSV_MAX_FIELD) {
				snprintf(err, errlen, "line %d: a field longer than %d bytes", row->line, CSV_MAX_FIELD);
				return -1;
			}
		}
		buf_addc(&row->data, '\0');
		row->n++;
		if (r->p < r->end && *r->p == r->sep) {
			r->p++;
			continue;
		}
		/* end of row: at the end of input or a line break */
		if (r->p < r->end) {
			r->p += *r->p == '\r' ? 2 : 1;
			r->line++;
		}
		break;
	}
	for (int i = 0; i < row->n; i++) {
		row->f[i] = row->data.s + off[i];
		if (row->f[i][0] == '\'' && csv_needs_guard(row->f[i] + 1))
			row->f[i]++; /* the writer's formula guard */
	}
	return 1;
}

void csv_add_field(buf *b, const char *v, char sep, int last)
{
	if (!v)
		v = "";
	buf guarded = BUF_INIT;
	if (csv_needs_guard(v)) {
		buf_addc(&guarded, '\'');
		buf_adds(&guarded, v);
		v = guarded.s;
	}
	/* A leading byte order mark would be taken for the file's own. */
	int quote = strchr(v, sep) || strpbrk(v, "\"\r\n") || !strncmp(v, "\xef\xbb\xbf", 3);
	if (quote) {
		buf_addc(b, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				buf_addc(b, '"');
			buf_addc(b, *p);
		}
		buf_addc(b, '"');
	} else {
		buf_adds(b, v);
	}
	buf_adds(b, last ? "\r\n" : (char[2]){ sep, 0 });
	buf_free(&guarded);
}

void csv_add_row(buf *b, const char *const *fields, int n, char sep)
{
	/* A row of one empty field would be a blank line, which readers skip. */
	if (n == 1 && (!fields[0] || !*fields[0])) {
		buf_adds(b, "\"\"\r\n");
		return;
	}
	for (int i = 0; i < n; i++)
		csv_add_field(b, fields[i], sep, i == n - 1);
}
