/*
 * test_pdf.c — a kallelse-like document through cairo + pango: headings,
 * fields and paragraphs long enough to fill several A4 pages, in Swedish.
 * The PDF is read back with poppler's pdftotext and pdfinfo, so the text
 * must really be there (å ä ö §), with page numbers and the title.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/pdf.h"
#include "test.h"

/* Runs cmd and returns its whole stdout (caller frees), NULL on failure. */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(&b, chunk, n);
	if (pclose(p) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* Counts occurrences of needle in hay. */
static int count(const char *hay, const char *needle)
{
	int c = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		c++;
	return c;
}

int main(void)
{
	pdf_doc *d = pdf_new("Kallelse – Kommunstyrelsen 2026-12-08");
	pdf_heading(d, "Kallelse till sammanträde");
	pdf_field(d, "Organ", "Kommunstyrelsen");
	pdf_field(d, "Tid", "2026-12-08 kl. 13.00");
	pdf_field(d, "Plats", "Sessionssalen, Stadshuset, Storgatan 1, våning 3");
	pdf_space(d);
	pdf_subheading(d, "Ärenden");
	buf para = BUF_INIT;
	for (int i = 0; i < 40; i++)
		buf_adds(&para, "Styrelsen föreslås besluta att godkänna årsredovisningen "
		                "enligt 11 kap. 19 § kommunallagen, och att överlämna den till "
		                "fullmäktige för ställningstagande. ");
	for (int i = 1; i <= 6; i++) {
		char h[64];
		snprintf(h, sizeof h, "§ %d Ärende nummer %d", i, i);
		pdf_subheading(d, h);
		pdf_paragraph(d, para.s);
	}
	pdf_paragraph(d, "Sista raden: Överklagande görs hos förvaltningsrätten.\nNy rad efter radbrytning.");
	pdf_paragraph(d, "Ogiltig UTF-8 \xff\xfe tas om hand.");

	buf out = BUF_INIT;
	kerr e = KERR_INIT;
	int rc = pdf_render(d, &out, &e);
	CHECK("pdf_render succeeds", rc == 0);
	CHECK("output starts with %PDF-", out.len > 5 && memcmp(out.s, "%PDF-", 5) == 0);
	CHECK("output ends with %%EOF", out.len > 6 && strstr(out.s + out.len - 8, "%%EOF") != NULL);

	char path[] = "/tmp/kansli-test-pdf-XXXXXX";
	int fd = mkstemp(path);
	CHECK("temporary file", fd >= 0);
	if (fd >= 0) {
		CHECK("write the PDF", write(fd, out.s, out.len) == (ssize_t)out.len);
		close(fd);
	}
	char cmd[256];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>/dev/null", path);
	char *text = run(cmd);
	CHECK("pdftotext reads the PDF", text != NULL);
	if (text) {
		CHECK("heading with ä", strstr(text, "Kallelse till sammanträde") != NULL);
		CHECK("subheading with Ä", strstr(text, "Ärenden") != NULL);
		CHECK("field label and value", strstr(text, "Sessionssalen") != NULL &&
		                               strstr(text, "Plats") != NULL);
		CHECK("field value with å", strstr(text, "våning 3") != NULL);
		CHECK("paragraph sign §", strstr(text, "§ 6 Ärende nummer 6") != NULL);
		CHECK("paragraph with ö and å", strstr(text, "föreslås") != NULL &&
		                                strstr(text, "årsredovisningen") != NULL);
		CHECK("the last paragraph is not lost", strstr(text, "förvaltningsrätten") != NULL);
		CHECK("newline breaks the line", strstr(text, "Ny rad efter radbrytning") != NULL);
		CHECK("invalid UTF-8 replaced, text kept", strstr(text, "tas om hand") != NULL);
		CHECK("page numbers Sida 1 and Sida 3", strstr(text, "Sida 1") != NULL &&
		                                        strstr(text, "Sida 3") != NULL);
		CHECK("the footer carries the title", count(text, "Kommunstyrelsen 2026-12-08") >= 3);
		/* Every paragraph sentence comes out whole: nothing is cut at a page break. */
		CHECK("all 240 sentences printed", count(text, "ställningstagande") == 240);
		free(text);
	}
	snprintf(cmd, sizeof cmd, "pdfinfo %s 2>/dev/null", path);
	char *info = run(cmd);
	CHECK("pdfinfo reads the PDF", info != NULL);
	if (info) {
		CHECK("title metadata", strstr(info, "Kallelse – Kommunstyrelsen 2026-12-08") != NULL);
		const char *pages = strstr(info, "Pages:");
		int n = pages ? atoi(pages + 6) : 0;
		CHECK("several pages", n >= 3);
		CHECK("page size A4", strstr(info, "595.276 x 841.89") != NULL);
		free(info);
	}
	snprintf(cmd, sizeof cmd, "pdffonts %s 2>/dev/null", path);
	char *fonts = run(cmd);
	CHECK("DejaVu Sans embedded", fonts && strstr(fonts, "DejaVuSans") != NULL);
	free(fonts);
	unlink(path);

	/* An empty document is still one valid page. */
	pdf_doc *empty = pdf_new("");
	buf out2 = BUF_INIT;
	CHECK("empty document renders", pdf_render(empty, &out2, &e) == 0 &&
	                                 memcmp(out2.s, "%PDF-", 5) == 0);
	pdf_free(empty);
	buf_free(&out2);
	buf_free(&out);
	buf_free(&para);
	pdf_free(d);
	TEST_END();
}
