/*
 * table.h — a table of core's rows written from a description of its
 * columns. A page declares what each column shows as data,
 *
 *     static const struct column cols[] = {
 *             COL(N_("Nummer"), CELL_RECORD, "number"), COL(N_("Rubrik"), CELL_TEXT, "title"),
 *             COL_WORDS(N_("Status"), "status", run_status_sv),
 *     };
 *     table_write(&p, _("Handlingar"), COLUMNS(cols), rows);
 *
 * instead of a loop that writes <tr>, a view_cell per member and </tr>:
 * every table then has the same markup (view_table_begin's scrolling
 * wrapper, a row a line) and every value is escaped. A cell no kind
 * describes (a form in the row, two members in one cell) is a function of
 * the page's own (CELL_CUSTOM), which writes the whole <td>.
 */
#ifndef KANSLI_TABLE_H
#define KANSLI_TABLE_H

#include <jansson.h>
#include <stddef.h>

#include "web/page.h"

enum cell_kind {
	CELL_TEXT,      /* the string member, escaped ("" when absent) */
	CELL_OR_DASH,   /* the same, "–" when absent or empty */
	CELL_INT,       /* an integer member */
	CELL_CASE,      /* a case number, linked to its page (/arende); "–" when absent */
	CELL_RECORD,    /* a record number, linked to its page (/handling); "–" when absent */
	CELL_STATUS,    /* a case's status as a coloured tag */
	CELL_MEETING,   /* a meeting's status as a coloured tag */
	CELL_DIRECTION, /* a record's direction in words */
	CELL_SECRECY,   /* a record's secrecy as a tag with its legal ground ("legal_ground") */
	CELL_TITLE,     /* a record's title with its disposal mark */
	CELL_YES_NO,    /* a boolean member as Ja or Nej */
	CELL_WORDS,     /* a stored code in words: words(value) */
	CELL_INDEX,     /* the row's place in the table, from 1 */
	CELL_CUSTOM,    /* written by cell(p, row), the whole <td>…</td> */
};

struct column {
	const char *heading; /* a msgid (N_), translated when written */
	const char *key;     /* the member of the row the cell shows */
	enum cell_kind kind;
	const char *(*words)(const char *code); /* CELL_WORDS: translated words for the stored code */
	void (*cell)(page *p, json_t *row);     /* CELL_CUSTOM (p->row: the row's index) */
};
/* A column of kind showing the member key; one that shows key in words;
 * one the page writes itself. */
#define COL(heading, kind, key) { (heading), (key), (kind), NULL, NULL }
#define COL_WORDS(heading, key, words) { (heading), (key), CELL_WORDS, (words), NULL }
#define COL_CUSTOM(heading, cell) { (heading), NULL, CELL_CUSTOM, NULL, (cell) }
/* A table's columns and their number, as table_write takes them. */
#define COLUMNS(cols) (cols), (sizeof (cols) / sizeof (cols)[0])

/* The table with caption (translated already), a heading per column and
 * a row per element of rows, each row on a line of its own. */
void table_write(page *p, const char *caption, const struct column *cols, size_t ncols, json_t *rows);
/* One row of the table (for a table whose rows are not one array); p->row
 * is its index. */
void table_row(page *p, const struct column *cols, size_t ncols, json_t *row);
/* The rows of page pageno (from 1) of list, per_page a page, in the
 * list's order or, when reverse, from its end: a new array, the caller's
 * (page_own it); empty past the end. */
json_t *table_page_rows(json_t *list, long pageno, long per_page, int reverse);

#endif
