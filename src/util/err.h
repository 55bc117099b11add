/*
 * err.h — the error object every fallible kansli function fills in.
 *
 * Functions return 0 on success or a negative KERR_* code and put a message
 * for a human in the kerr they were given. The code decides the HTTP status
 * and exit status; the message is what the user reads, so it names the bad
 * input and, where possible, what to do instead.
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

typedef struct kerr {
	int code;
	char msg[512];
} kerr;

#define KERR_INIT { 0, "" }

/* Sets e (if not NULL) and returns code, so callers can `return kerr_set(...)`. */
int kerr_set(kerr *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *kerr_code_name(int code);

#endif
