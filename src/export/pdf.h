/*
 * pdf.h — simple documents rendered as PDF with cairo + pango: the notice
 * of a meeting (kallelse), minutes (protokoll), extracts, disposal reports.
 * The caller builds the document as a list of blocks; pdf_render lays them
 * out on A4 pages (wrapping text, breaking pages, numbering them), with
 * DejaVu Sans so å, ä, ö and § print.
 */
#ifndef KANSLI_PDF_H
#define KANSLI_PDF_H

#include "util/buf.h"
#include "util/err.h"

typedef struct pdf_doc pdf_doc;

/* A new document; title goes into the PDF's metadata and the page footer. */
pdf_doc *pdf_new(const char *title);
void pdf_free(pdf_doc *d);
/* Blocks, in reading order. Text is UTF-8, never markup. */
void pdf_heading(pdf_doc *d, const char *text);    /* large, bold */
void pdf_subheading(pdf_doc *d, const char *text); /* bold */
void pdf_paragraph(pdf_doc *d, const char *text);  /* wrapped; '\n' breaks lines */
void pdf_field(pdf_doc *d, const char *label, const char *value); /* "Label   value" */
void pdf_space(pdf_doc *d);
/* Renders to PDF bytes appended to out. 0 or KERR_*. */
int pdf_render(pdf_doc *d, buf *out, kerr *e);

#endif
