/*
 * uploads.h — how many request bodies are being received at once, per
 * client address and over the whole server. A body is only read once its
 * request holds a slot; a client over either limit is answered 503 before
 * any of its body is read.
 */
#ifndef KANSLI_UPLOADS_H
#define KANSLI_UPLOADS_H

/* Limits (both at least 1); set once before the server starts. */
void uploads_configure(int per_address, int total);
/* 0 with a slot taken for address, or -1 when a limit is reached. */
int uploads_acquire(const char *address);
void uploads_release(const char *address);

#endif
