/*
 * extract.h — the text of a document, for the search index: plain text,
 * HTML, PDF (poppler's pdftotext), DOCX and ODT (libarchive + libxml2) and
 * e-mail (.eml with its attachments, GMime).
 *
 * Every document is untrusted. Extraction runs in a child process with
 * limits on CPU time, memory, file size and wall-clock time; a hostile or
 * broken file ends as "could not extract" (or as the text found before its
 * limit, marked partial) for that file, never as a crash or hang of the
 * caller.
 */
#ifndef KANSLI_EXTRACT_H
#define KANSLI_EXTRACT_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define EXTRACT_MAX_TEXT (8 * 1024 * 1024)   /* text kept per document */
#define EXTRACT_MAX_UNPACKED (64 * 1024 * 1024) /* bytes read out of a zip member */

#define EXTRACT_MAX_PARTS 500 /* parts of a mail extracted; the rest is left out */

typedef enum { EXTRACT_COMPLETE, EXTRACT_PARTIAL, EXTRACT_FAILED } extract_outcome;

/* What one extraction child may use. */
typedef struct extract_limits {
	int cpu_seconds;
	int wall_ms;
	long memory;
	int max_parts;      /* MIME parts of a mail */
	const char *tmpdir; /* the scratch directory (NULL: $TMPDIR or /tmp) */
} extract_limits;

void extract_default_limits(extract_limits *lim);

/* Extracts the text of the file at path in a child process with the given
 * limits. COMPLETE: out holds the text. PARTIAL: the child stopped at a
 * limit or cap, out holds what it found before (a mail's headers first),
 * why says which limit. FAILED: no text, why says why. The child's
 * temporary files are gone when this returns, however the child ended. */
extract_outcome extract_run(const char *path, const char *media_type, const extract_limits *lim, buf *out,
                            kerr *why);

/* Extracts the text of the file at path (media_type as sniffed) in a
 * limited child process. 0 with out filled, or KERR_INVALID with a reason
 * when the document could not be extracted. */
int extract_text(const char *path, const char *media_type, buf *out, kerr *e);

/* The same work without the child process (the child calls this; the
 * fuzzer too). Writes text to out; 0 or -1. */
int extract_direct(const char *path, const char *media_type, buf *out, int depth);

/* `kansli _extract TYPE PATH`: the child's program; text to stdout. */
int extract_main(int argc, char **argv);

#endif
