/*
 * buf.h — the one growable byte string of kansli (like git's strbuf or
 * Redis's sds). Allocation failure aborts: a server that cannot allocate a
 * few bytes has nothing sensible left to do.
 *
 * The rules, once for every function that takes or fills a buf:
 *  - b.s is never NULL and always NUL-terminated: an empty buf's string is
 *    "" (BUF_INIT points it at buf_empty, a shared read-only ""; buf_free
 *    and buf_detach put it back there). Pass b.s to C string functions as
 *    it is; `b.s ? b.s : ""` is never needed. b.len excludes the NUL.
 *  - Start every buf with BUF_INIT. A buf in zeroed memory (calloc) has a
 *    NULL s until its first add; give it BUF_INIT before reading b.s.
 *  - The buf owns b.s once something was added (b.cap > 0): release it with
 *    buf_free, or take it with buf_detach (then the caller frees it). Never
 *    free(b.s) directly: an empty buf's string is not allocated.
 *  - A function that fills a caller's buf appends to it; the caller frees.
 */
#ifndef KANSLI_BUF_H
#define KANSLI_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct buf {
	char *s;
	size_t len;
	size_t cap;
} buf;

/* The string of every empty buf; never written to. */
extern char buf_empty[1];
#define BUF_INIT { buf_empty, 0, 0 }

void buf_grow(buf *b, size_t extra);
void buf_add(buf *b, const void *data, size_t len);
void buf_adds(buf *b, const char *s);
void buf_addc(buf *b, char c);
/* Appends v in decimal, as printf's %lld writes it, without printf's
 * parsing of a format (verify writes millions of numbers). */
void buf_add_int(buf *b, int64_t v);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_reset(buf *b);
/* Returns the string (never NULL, "" when empty), allocated: the caller owns
 * it and frees it with free(). b is empty again afterwards. */
char *buf_detach(buf *b);
void buf_free(buf *b);
/* Reads a whole file into b. Returns 0, or -1 with errno set. */
int buf_read_file(buf *b, const char *path);

#endif
