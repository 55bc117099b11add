/*
 * errtext.h — the words a user reads for an error: core says what went
 * wrong as a code, the field it concerns and a reason (util/err.h); this
 * turns that into a Swedish sentence, and core's field names into the
 * labels and form fields the pages use. All of it is in one table in
 * errtext.c so that gettext can wrap it later. core's English message is
 * never shown here: it is for the CLI and logs.
 */
#ifndef KANSLI_ERRTEXT_H
#define KANSLI_ERRTEXT_H

#include <stddef.h>

#include "util/err.h"

/* The Swedish sentence for e into out (len bytes): from the field and the
 * reason when core gave them, else from the code alone. */
void errtext_sv(const kerr *e, char *out, size_t len);
/* errtext_sv for an error about value, the text the user sent in the
 * field: an empty value refused for its form or length is said to be
 * missing, and a text too long is told how long it is beside its limit
 * (kerr.max). value NULL: errtext_sv. */
void errtext_sv_value(const kerr *e, const char *value, char *out, size_t len);
/* errtext_sv in Swedish whatever the thread's language: the API's
 * message_sv, which is Swedish for every caller. */
void errtext_sv_always(const kerr *e, char *out, size_t len);
/* The Swedish sentence for one of the API's error codes ("unauthorized",
 * "csrf", "bad_json", core's "invalid", ...), whatever the thread's
 * language; a general sentence for a code it does not know. */
const char *errtext_api_code_sv(const char *code);
/* msgid (a Swedish sentence marked N_) as Swedish, whatever the page's
 * language: an error's message_sv worded by its caller. */
const char *errtext_api_sv(const char *msgid);
/* The Swedish sentence for an error code alone ("Uppgifterna är inte giltiga."). */
const char *errtext_code_sv(int code);
/* 1 when form_name (a page's form field, e.g. "rubrik") is where core's
 * field (e.g. "title") is entered; a field also matches its own name. */
int errtext_field_is(const char *core_field, const char *form_name);
/* The label (translated) of the form field named form_name ("rubrik":
 * "Rubrik"; one of a list's, "beslut-12", as "beslut"), from the first of
 * core's fields entered in it; NULL when none is known. */
const char *errtext_input_label(const char *form_name);

#endif
