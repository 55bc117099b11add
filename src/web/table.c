/* table.c — tables written from their columns' description; see table.h. */
#include "web/table.h"

#include "web/html.h"
#include "web/view.h"

/* A table has at most this many columns (the widest has nine). */
enum { TABLE_MAX_COLUMNS = 16 };

static void cell(page *p, const struct column *c, json_t *row)
{
	buf *b = &p->b;
	const char *s = view_str(row, c->key);
	switch (c->kind) {
	case CELL_TEXT:
		view_cell(b, s);
		break;
	case CELL_OR_DASH:
		view_cell(b, s && *s ? s : "–");
		break;
	case CELL_INT:
		html_f(b, "<td>%lld</td>", (long long)json_integer_value(json_object_get(row, c->key)));
		break;
	case CELL_CASE:
	case CELL_RECORD:
		if (s)
			view_number_cell(b, c->kind == CELL_CASE ? "arende" : "handling", p->org, s);
		else
			view_cell(b, "–");
		break;
	case CELL_STATUS:
		view_status_cell(b, s);
		break;
	case CELL_MEETING:
		html_f(b, "<td>");
		view_meeting_tag(b, s);
		html_f(b, "</td>");
		break;
	case CELL_DIRECTION:
		view_cell(b, _(view_direction_sv(s)));
		break;
	case CELL_SECRECY:
		html_f(b, "<td>");
		view_secrecy_tag(b, s, view_str(row, "legal_ground"));
		html_f(b, "</td>");
		break;
	case CELL_TITLE:
		view_title_cell(b, row);
		break;
	case CELL_YES_NO:
		view_cell(b, json_is_true(json_object_get(row, c->key)) ? _("Ja") : _("Nej"));
		break;
	case CELL_WORDS:
		view_cell(b, c->words(s));
		break;
	case CELL_INDEX:
		html_f(b, "<td>%zu</td>", p->row + 1);
		break;
	case CELL_CUSTOM:
		c->cell(p, row);
		break;
	}
}

void table_row(page *p, const struct column *cols, size_t ncols, json_t *row)
{
	html_f(&p->b, "<tr>");
	for (size_t c = 0; c < ncols; c++)
		cell(p, &cols[c], row);
	html_f(&p->b, "</tr>\n");
}

void table_write(page *p, const char *caption, const struct column *cols, size_t ncols, json_t *rows)
{
	const char *headings[TABLE_MAX_COLUMNS];
	for (size_t c = 0; c < ncols && c < TABLE_MAX_COLUMNS; c++)
		headings[c] = _(cols[c].heading);
	view_table_begin(&p->b, caption, headings, ncols < TABLE_MAX_COLUMNS ? ncols : TABLE_MAX_COLUMNS);
	html_f(&p->b, "\n");
	json_t *row;
	json_array_foreach(rows, p->row, row)
		table_row(p, cols, ncols, row);
	view_table_end(&p->b);
}

json_t *table_page_rows(json_t *list, long pageno, long per_page, int reverse)
{
	json_t *out = json_array();
	size_t total = json_array_size(list), from = (size_t)(pageno - 1) * (size_t)per_page;
	for (size_t n = from; out && n < total && n < from + (size_t)per_page; n++)
		json_array_append(out, json_array_get(list, reverse ? total - 1 - n : n));
	return out;
}
