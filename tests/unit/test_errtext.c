/*
 * test_errtext.c — codes from core, words from web: a refused field reads
 * as a Swedish sentence naming it (with what a good value looks like), an
 * error without a field by its code alone, never core's English; a plain
 * kerr_set forgets an earlier field; core's field names find the pages'
 * form fields; an event of the log reads as a sentence with a person's
 * name, and an unknown kind still as a sentence.
 */
#include "test.h"
#include "util/encoding.h"
#include "util/err.h"
#include "web/errtext.h"
#include "web/history.h"

#include <string.h>

int main(void)
{
	char out[600];
	kerr e = KERR_INIT;
	kerr_field(&e, KERR_INVALID, "title", KWHY_TOO_LONG, "a case needs a title of 1-500 characters on one line");
	errtext_sv(&e, out, sizeof out);
	CHECK("a refused title is named in Swedish", !strcmp(out, "Rubrik är för lång. Korta texten."));
	CHECK("and core's English is not shown", !strstr(out, "a case needs"));
	CHECK("the API reads the reason's name", !strcmp(kerr_why_name(e.why), "too_long"));

	/* the same reason worded from the value the user sent */
	errtext_sv_value(&e, "", out, sizeof out);
	CHECK("an empty title is missing", !strcmp(out, "Rubrik saknas. Fyll i fältet."));
	errtext_sv_value(&e, " \u00a0\u2003", out, sizeof out);
	CHECK("a title of no-break spaces is missing", !strcmp(out, "Rubrik saknas. Fyll i fältet."));
	/* core says a line break is one (the outside attack's F8): a text of
	 * several lines that is too long is too long, not "on one line" */
	errtext_sv_value(&e, "Två\nrader", out, sizeof out);
	CHECK("a text too long with line breaks is too long", !strcmp(out, "Rubrik är för lång. Korta texten."));
	kerr_field(&e, KERR_INVALID, "title", text_line_why("Två\nrader", 500), "a title is one line");
	errtext_sv_value(&e, "Två\nrader", out, sizeof out);
	CHECK("a title of two lines must be one", !strcmp(out, "Rubrik ska stå på en rad. Ta bort radbrytningen."));
	CHECK("the API reads it as line_break", !strcmp(kerr_why_name(e.why), "line_break"));
	CHECK("a blank title is missing, a long one too long", text_line_why(" ", 5) == KWHY_REQUIRED &&
	      text_line_why("sexton", 5) == KWHY_TOO_LONG && text_line_why("fem", 5) == KWHY_NONE);
	kerr_field(&e, KERR_INVALID, "note", KWHY_TOO_LONG, "a note is 1-4000 characters");
	kerr_max(&e, 4);
	errtext_sv_value(&e, "å\r\nåäö", out, sizeof out);
	CHECK("a limit in characters is said, and the length sent (CR LF one break)",
	      !strcmp(out, "Anteckning är för lång. Korta texten. Texten får vara högst 4 tecken och har nu 5."));
	errtext_sv(&e, out, sizeof out);
	CHECK("without the value, the limit", !strcmp(out, "Anteckning är för lång. Korta texten. Texten får vara högst 4 tecken."));
	CHECK("a plain kerr_set forgets the limit", kerr_set(&e, KERR_INVALID, "x") && e.max == 0);
	kerr_field(&e, KERR_INVALID, "legal_ground", KWHY_FORMAT, "not '26:1 OSL'");
	errtext_sv_value(&e, "26:1 OSL", out, sizeof out);
	CHECK("a legal ground in the wrong form says the form wanted",
	      !strcmp(out, "Lagrum har fel form. Skriv lagrummet som OSL 26 kap. 1 §."));
	kerr_subject(&e, 12);
	CHECK("a plain kerr_set forgets the list element", kerr_set(&e, KERR_INVALID, "x") && e.subject == 0);
	CHECK("a list's field has its input's label", errtext_input_label("beslut-12") &&
	      !strcmp(errtext_input_label("beslut-12"), "Beslut") && !errtext_input_label("okand-12"));
	kerr_field(&e, KERR_INVALID, "link", KWHY_RANGE, "a case cannot be linked to itself");
	errtext_sv(&e, out, sizeof out);
	CHECK("a case linked to itself says so", !strncmp(out, "Ett ärende kan inte kopplas till sig självt.", 44));

	kerr_field(&e, KERR_INVALID, "due_date", KWHY_FORMAT, "due date 'x' is not a date like 2026-12-31");
	errtext_sv_value(&e, "", out, sizeof out);
	CHECK("an empty date is missing", !strcmp(out, "Bevakningsdatum saknas. Fyll i fältet."));
	errtext_sv(&e, out, sizeof out);
	CHECK("a badly formed date says how to write one",
	      !strcmp(out, "Bevakningsdatum har fel form. Skriv datumet som 2026-12-31."));

	kerr_field(&e, KERR_NOTFOUND, "username", KWHY_NONE, "no user named 'x'");
	errtext_sv(&e, out, sizeof out);
	CHECK("a lookup that found nothing names what it looked for", !strcmp(out, "Användarnamn finns inte. "
	      "Kontrollera stavningen."));

	kerr_field(&e, KERR_INVALID, "file", KWHY_FORMAT, "line 3: gallringsfrist 'two' is not a number");
	kerr_line(&e, 3);
	errtext_sv(&e, out, sizeof out);
	CHECK("an error in a file names its line", !strcmp(out, "Fil har fel form. (rad 3 i filen)"));

	kerr_field(&e, KERR_CONFLICT, "case", KWHY_CLOSED, "case KS 2026/0001 is closed: reopen it first");
	errtext_sv(&e, out, sizeof out);
	CHECK("a closed case says what to do", !strcmp(out, "Ärendet är avslutat. Återöppna det först."));

	kerr_set(&e, KERR_CONFLICT, "case %s is already %s (--status)", "KS 2026/0001", "closed");
	CHECK("kerr_set forgets the earlier field and line", e.field[0] == '\0' && e.why == KWHY_NONE && !e.line);
	errtext_sv(&e, out, sizeof out);
	CHECK("an error without a field reads by its code", !strcmp(out, errtext_code_sv(KERR_CONFLICT)));
	CHECK("and shows no flag", !strstr(out, "--"));

	kerr_field(&e, KERR_INVALID, "no_such_field", KWHY_REQUIRED, "x");
	errtext_sv(&e, out, sizeof out);
	CHECK("a field without words falls back to the code", !strcmp(out, errtext_code_sv(KERR_INVALID)));
	CHECK("a reason beyond the table has no name", kerr_why_name(999) == NULL && kerr_why_name(0) == NULL);

	CHECK("core's title is the form's rubrik", errtext_field_is("title", "rubrik"));
	CHECK("and the new case's ny_rubrik", errtext_field_is("title", "ny_rubrik"));
	CHECK("but not the public title's field", !errtext_field_is("title", "offentlig_rubrik"));
	CHECK("a word inside another name is no match", !errtext_field_is("title", "rubr"));
	CHECK("a form field matches its own name", errtext_field_is("skal", "skal"));
	CHECK("no field matches nothing", !errtext_field_is("", "rubrik") && !errtext_field_is("title", ""));

	buf b = BUF_INIT;
	json_t *ev = json_pack("{s:s,s:s,s:s}", "action", "case.ready", "actor", "user:registrator",
	                       "actor_name", "Rita Registrator");
	history_sentence(&b, ev);
	CHECK("an event reads as a sentence with the person's name",
	      !strcmp(b.s, "Ärendet markerades klart för beslut av Rita Registrator."));
	json_decref(ev);
	buf_reset(&b);
	ev = json_pack("{s:s,s:s}", "action", "case.something_new", "actor", "user:<b>x</b>");
	history_sentence(&b, ev);
	CHECK("an unknown kind still reads as a sentence, the account escaped",
	      !strcmp(b.s, "En ändring gjordes av &lt;b&gt;x&lt;/b&gt;."));
	CHECK("and never shows the event key", !strstr(b.s, "case."));
	json_decref(ev);
	buf_free(&b);
	TEST_END();
}
