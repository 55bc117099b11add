/*
 * uploads.h — how many request bodies are being received at once, per
 * client address and over the whole server. A body is only read once its
 * request holds a slot; a client over either limit is answered 503 before
 * any of its body is read. Bodies sent without logging in (small forms)
 * have a pool of their own, two at once per address and 64 in all, so the
 * anonymous cannot take the slots of logged-in users.
 */
#ifndef KANSLI_UPLOADS_H
#define KANSLI_UPLOADS_H

/* Limits of logged-in users' bodies (both at least 1); set once before
 * the server starts. */
void uploads_configure(int per_address, int total);
/* 0 with a slot taken for address in the anonymous pool (anon) or the
 * logged-in users' one, or -1 when a limit is reached. */
int uploads_acquire(const char *address, int anon);
void uploads_release(const char *address, int anon);

#endif
