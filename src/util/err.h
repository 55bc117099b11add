/*
 * err.h — the error object every fallible kansli function fills in.
 *
 * Functions return 0 on success or a negative KERR_* code and put a message
 * for a human in the kerr they were given. The code decides the HTTP status
 * and exit status; the message is what the user reads, so it names the bad
 * input and, where possible, what to do instead.
 *
 * The message is English, for the CLI and logs. A user interface in another
 * language reads the code, the field the error concerns and a stable reason
 * (kerr_field) and writes its own words; it never shows msg.
 */
#ifndef KANSLI_ERR_H
#define KANSLI_ERR_H

enum {
	KERR_OK = 0,
	KERR_INVALID = -1,   /* bad input: 400/422, exit 2 */
	KERR_NOTFOUND = -2,  /* 404 */
	KERR_CONFLICT = -3,  /* 409: duplicate, wrong state */
	KERR_DENIED = -4,    /* 403 */
	KERR_IO = -5,        /* storage or file system failure: 500 */
	KERR_INTERNAL = -6,  /* a bug or broken invariant: 500 */
	KERR_TAMPERED = -7,  /* verify found a mismatch */
};

/* Why a field was refused: stable reasons a user interface words itself.
 * Append only; the API reports them by name (kerr_why_name). */
enum {
	KWHY_NONE = 0,
	KWHY_REQUIRED,    /* missing or empty */
	KWHY_TOO_LONG,    /* longer than allowed (kerr.max: the limit, when in characters) */
	KWHY_FORMAT,      /* not in the expected form (date, number, code) */
	KWHY_UNKNOWN,     /* names something that does not exist */
	KWHY_CHOICE,      /* not one of the allowed values */
	KWHY_DUPLICATE,   /* already exists */
	KWHY_STATE,       /* not allowed in the object's current state */
	KWHY_RANGE,       /* outside the allowed range (dates in order, bounds) */
	KWHY_TOO_SHORT,   /* shorter than allowed (a password) */
	KWHY_CLOSED,      /* the case is closed: reopen it first */
	KWHY_NOT_CLOSED,  /* the case is not closed yet: close it first */
	KWHY_NOT_OPEN,    /* the case is decided or closed: only an open case may */
	KWHY_FOUR_EYES,   /* the one who proposed may not also approve */
	KWHY_LINE_BREAK,  /* a line break in a field of one line */
};

typedef struct kerr {
	int code;
	char msg[512];
	char field[32]; /* the input the error concerns ("title"), or "" */
	int why;        /* KWHY_*: why that field was refused */
	int line;       /* the line of an uploaded file the error is on, or 0 */
	/* the element of a list the error is on (the agenda item or member
	 * whose field it is, when one call saves many), or 0: a form with one
	 * field per element places the error at that element's */
	long long subject;
	/* KWHY_TOO_LONG: the most characters (code points, what a person
	 * counts) the field may hold, for a message that says it; 0 when the
	 * limit is not stated (a byte limit, or several limits at once) */
	int max;
} kerr;

#define KERR_INIT { 0, "", "", KWHY_NONE, 0, 0, 0 }

/* Sets e (if not NULL) and returns code, so callers can `return kerr_set(...)`. */
int kerr_set(kerr *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* kerr_set for a refused input: also names the field (core's name for it,
 * e.g. "title") and why, so a user interface can word and place the error. */
int kerr_field(kerr *e, int code, const char *field, int why, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* After kerr_field for a file's content: the line the error is on.
 * Returns e's code (KERR_INTERNAL for no e), to `return kerr_line(...)`. */
int kerr_line(kerr *e, int line);
/* After an error about one element of a list: its id (kerr.subject).
 * Returns e's code, as kerr_line. */
int kerr_subject(kerr *e, long long subject);
/* After a KWHY_TOO_LONG: the limit in characters (kerr.max). Returns e's
 * code, as kerr_line. */
int kerr_max(kerr *e, int max);
const char *kerr_code_name(int code);
/* "required", "too_long", ...: the API's name of a KWHY_* reason; NULL for none. */
const char *kerr_why_name(int why);

#endif
