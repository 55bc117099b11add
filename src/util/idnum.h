/*
 * idnum.h — Swedish identity numbers: personnummer (and samordningsnummer)
 * and organisationsnummer. Both end in a Luhn check digit over the last ten
 * digits. Personnummer are personal data: callers store them, never show them
 * in public views.
 */
#ifndef KANSLI_IDNUM_H
#define KANSLI_IDNUM_H

#include <stddef.h>

/*
 * Validates a personnummer in any of the usual forms (YYMMDD-NNNN,
 * YYMMDD+NNNN for people over 100, YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDDNNNN)
 * and writes the canonical form "YYYYMMDD-NNNN" into out[14].
 * `today` ("YYYY-MM-DD") decides the century of the short forms.
 * Returns 0, or -1 with a Swedish-free English reason in *why.
 */
int idnum_personnummer(const char *in, const char *today, char out[14], const char **why);

/* Validates an organisationsnummer (NNNNNN-NNNN or 10 digits, with optional
 * "16" prefix); canonical "NNNNNN-NNNN" into out[12]. Returns 0 or -1. */
int idnum_orgnr(const char *in, char out[12], const char **why);

/* Finds the first personnummer or samordningsnummer in free text, with a
 * valid date part and check digit (an organisationsnummer, whose "month"
 * is 20 or more, is not one), written as people type and paste them: 10
 * or 12 digits, the last four together or in two pairs ("98 76"); the
 * date as digits (YYMMDD, YYYYMMDD, or "YYYY MMDD") and then between it
 * and the last four nothing, blanks (spaces of any kind, tabs), or a mark
 * (a dash of any kind, '+', '.', '/', ':', ',', '_') perhaps with blanks
 * round it; or the date written as a date, its parts apart by the same
 * dash, '.' or '/' ("1981-12-18", "81.12.18"), then a dash before the last
 * four, or blanks when the four are no time of day (a date and a time,
 * "2026-12-07 1437", is not one); digits of any script (Arabic-Indic,
 * fullwidth: unicode_digit), marks in any compatibility form; invisible
 * (default-ignorable) characters anywhere among them, as a soft hyphen,
 * read past and part of the number's bytes. Letters may stand right
 * before or after it ("pnr811218-9876"), a digit never: then it is part
 * of another number (an amount, a phone number, a longer reference). 1
 * with *at and *len (bytes) set, or 0. */
int idnum_find_personnummer(const char *text, size_t *at, size_t *len);

/* Luhn check over n digits; 1 when valid. */
int idnum_luhn_ok(const char *digits, int n);

#endif
