/*
 * pdf.c — simple A4 documents as PDF through cairo (the PDF surface) and
 * pango (line breaking, shaping, fonts); see pdf.h.
 *
 * Layout is one pass down the page: every block becomes a pango layout as
 * wide as the text column, and its lines are drawn one at a time so that a
 * long paragraph continues on the next page instead of being cut. Headings
 * keep with the first lines after them. The footer of every page carries
 * the document's title and "Sida N". Text is always set with
 * pango_layout_set_text, never as markup, so nothing in a title or a
 * paragraph can change the formatting.
 */
#include "export/pdf.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 in PostScript points, 25 mm margins, a footer line below the text. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 70.866
#define FOOTER_GAP 28.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define TEXT_BOTTOM (PAGE_H - MARGIN)
#define LABEL_W 150.0
#define FONT "DejaVu Sans"

typedef enum { B_HEADING, B_SUBHEADING, B_PARAGRAPH, B_FIELD, B_SPACE } block_kind;

typedef struct block {
	block_kind kind;
	char *text;  /* heading, paragraph, field label */
	char *value; /* field value */
} block;

struct pdf_doc {
	char *title;
	block *blocks;
	size_t n, cap;
};

/* Valid UTF-8 copy of s (invalid bytes become U+FFFD); never NULL. */
static char *utf8_copy(const char *s)
{
	if (!s)
		s = "";
	gchar *v = g_utf8_make_valid(s, -1);
	char *out = strdup(v);
	g_free(v);
	if (!out)
		abort();
	return out;
}

pdf_doc *pdf_new(const char *title)
{
	pdf_doc *d = calloc(1, sizeof *d);
	if (!d)
		abort();
	d->title = utf8_copy(title);
	return d;
}

void pdf_free(pdf_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->blocks[i].text);
		free(d->blocks[i].value);
	}
	free(d->blocks);
	free(d->title);
	free(d);
}

static void add_block(pdf_doc *d, block_kind kind, const char *text, const char *value)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		block *b = realloc(d->blocks, cap * sizeof *b);
		if (!b)
			abort();
		d->blocks = b;
		d->cap = cap;
	}
	block *b = &d->blocks[d->n++];
	b->kind = kind;
	b->text = kind == B_SPACE ? NULL : utf8_copy(text);
	b->value = kind == B_FIELD ? utf8_copy(value) : NULL;
}

void pdf_heading(pdf_doc *d, const char *text) { add_block(d, B_HEADING, text, NULL); }
void pdf_subheading(pdf_doc *d, const char *text) { add_block(d, B_SUBHEADING, text, NULL); }
void pdf_paragraph(pdf_doc *d, const char *text) { add_block(d, B_PARAGRAPH, text, NULL); }
void pdf_field(pdf_doc *d, const char *label, const char *value)
{
	add_block(d, B_FIELD, label, value);
}
void pdf_space(pdf_doc *d) { add_block(d, B_SPACE, NULL, NULL); }

/* The state of the page being drawn. */
typedef struct render {
	cairo_t *cr;
	const char *title;
	int page;
	double y; /* top of the next line, in points from the page top */
} render;

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add((buf *)closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *make_layout(cairo_t *cr, const char *font, double width, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* Footer of the current page: the title, ellipsized, and "Sida N". */
static void draw_footer(render *r)
{
	char num[32];
	snprintf(num, sizeof num, "Sida %d", r->page);
	double y = TEXT_BOTTOM + FOOTER_GAP - 12;
	PangoLayout *n = make_layout(r->cr, FONT " 9", TEXT_W, num);
	pango_layout_set_alignment(n, PANGO_ALIGN_RIGHT);
	cairo_move_to(r->cr, MARGIN, y);
	pango_cairo_show_layout(r->cr, n);
	g_object_unref(n);
	PangoLayout *t = make_layout(r->cr, FONT " 9", TEXT_W - 80, r->title);
	pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
	cairo_move_to(r->cr, MARGIN, y);
	pango_cairo_show_layout(r->cr, t);
	g_object_unref(t);
}

static void new_page(render *r)
{
	draw_footer(r);
	cairo_show_page(r->cr);
	r->page++;
	r->y = MARGIN;
}

/* Height of the first `lines` lines of l, in points. */
static double lines_height(PangoLayout *l, int lines)
{
	double h = 0;
	int count = pango_layout_get_line_count(l);
	for (int i = 0; i < count && i < lines; i++) {
		PangoRectangle logical;
		pango_layout_line_get_pixel_extents(pango_layout_get_line_readonly(l, i), NULL, &logical);
		h += logical.height;
	}
	return h;
}

/* Draws l line by line at x from r->y, breaking pages between lines. */
static void draw_lines(render *r, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double h = (double)logical.height / PANGO_SCALE;
		double baseline = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		if (r->y + h > TEXT_BOTTOM && r->y > MARGIN)
			new_page(r);
		cairo_move_to(r->cr, x, r->y + baseline);
		pango_cairo_show_layout_line(r->cr, pango_layout_iter_get_line_readonly(it));
		r->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void draw_block(render *r, const block *b, const block *next)
{
	cairo_t *cr = r->cr;
	switch (b->kind) {
	case B_SPACE:
		r->y += 10;
		if (r->y > TEXT_BOTTOM)
			new_page(r);
		return;
	case B_HEADING:
	case B_SUBHEADING: {
		const char *font = b->kind == B_HEADING ? FONT " Bold 16" : FONT " Bold 12";
		double before = b->kind == B_HEADING ? 14 : 10;
		if (r->y > MARGIN)
			r->y += before;
		PangoLayout *l = make_layout(cr, font, TEXT_W, b->text);
		/* Keep the heading with about three lines of what follows. */
		double need = lines_height(l, 1000) + 6 + (next ? 45 : 0);
		if (r->y + need > TEXT_BOTTOM && r->y > MARGIN)
			new_page(r);
		draw_lines(r, l, MARGIN);
		g_object_unref(l);
		r->y += 6;
		return;
	}
	case B_PARAGRAPH: {
		PangoLayout *l = make_layout(cr, FONT " 11", TEXT_W, b->text);
		pango_layout_set_spacing(l, 2 * PANGO_SCALE);
		draw_lines(r, l, MARGIN);
		g_object_unref(l);
		r->y += 8;
		return;
	}
	case B_FIELD: {
		PangoLayout *label = make_layout(cr, FONT " Bold 11", LABEL_W - 10, b->text);
		PangoLayout *value = make_layout(cr, FONT " 11", TEXT_W - LABEL_W, b->value);
		double first = lines_height(value, 1);
		double lh = lines_height(label, 1000);
		if (r->y + (lh > first ? lh : first) > TEXT_BOTTOM && r->y > MARGIN)
			new_page(r);
		double top = r->y;
		int page = r->page;
		draw_lines(r, label, MARGIN);
		double after_label = r->y;
		r->y = top;
		draw_lines(r, value, MARGIN + LABEL_W);
		/* The value may have crossed a page; the label never does. */
		if (r->page == page && after_label > r->y)
			r->y = after_label;
		g_object_unref(label);
		g_object_unref(value);
		r->y += 3;
		return;
	}
	}
}

int pdf_render(pdf_doc *d, buf *out, kerr *e)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_to_buf, out, PAGE_W, PAGE_H);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		kerr_set(e, KERR_INTERNAL, "PDF: %s", cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return KERR_INTERNAL;
	}
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "kansli");
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0, 0, 0);
	render r = { cr, d->title, 1, MARGIN };
	for (size_t i = 0; i < d->n; i++)
		draw_block(&r, &d->blocks[i], i + 1 < d->n ? &d->blocks[i + 1] : NULL);
	draw_footer(&r);
	cairo_show_page(cr);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS)
		return kerr_set(e, KERR_INTERNAL, "PDF: %s", cairo_status_to_string(st));
	return 0;
}
