/*
 * casenum.h — diarienummer: "KS 2026/0042" for a case and "KS 2026/0042-3"
 * for its third record. The sequence is shown with at least four digits.
 */
#ifndef KANSLI_CASENUM_H
#define KANSLI_CASENUM_H

#include <stddef.h>

#include "util/err.h"

#define CASENUM_MAX 64

typedef struct casenum {
	char prefix[17];
	int year;
	int seq;
	int doc; /* 0 when the text names a case, not a record */
} casenum;

/* Parses a case or record number; 0, or KERR_INVALID with e set. */
int casenum_parse(const char *s, casenum *out, kerr *e);
/* The number in as people type it, made parseable where it is plain what
 * they meant: into out (len bytes, CASENUM_MAX is enough for any valid
 * number). Staff lookups and the public search read numbers through it. */
void casenum_normalise(const char *in, char *out, size_t len);
/* A number as staff typed it, normalised and parsed: 0, or KERR_INVALID
 * with e naming field (the form's "case" or "record") as misspelt. */
int casenum_read(const char *typed, casenum *out, const char *field, kerr *e);
void casenum_format_case(char out[CASENUM_MAX], const char *prefix, int year, int seq);
void casenum_format_record(char out[CASENUM_MAX], const char *prefix, int year, int seq, int doc);

#endif
