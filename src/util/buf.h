/*
 * buf.h — the one growable byte string of kansli (like git's strbuf or
 * Redis's sds). Always NUL-terminated, so b.s can be passed to C string
 * functions; b.len excludes the NUL. Allocation failure aborts: a server
 * that cannot allocate a few bytes has nothing sensible left to do.
 */
#ifndef KANSLI_BUF_H
#define KANSLI_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct buf {
	char *s;
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT { NULL, 0, 0 }

void buf_grow(buf *b, size_t extra);
void buf_add(buf *b, const void *data, size_t len);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_reset(buf *b);
/* Returns the string (never NULL, "" when empty); the caller owns it. */
char *buf_detach(buf *b);
void buf_free(buf *b);
/* Reads a whole file into b. Returns 0, or -1 with errno set. */
int buf_read_file(buf *b, const char *path);

#endif
