/*
 * container.h — where a package's files go: a folder, a .tar (POSIX pax,
 * UTF-8 names) or a .zip (stored, UTF-8 names), written with libarchive;
 * the folder form is plain files written and fsynced one by one.
 *
 * Files are added one at a time with their size known in advance (a tar
 * header carries it), and their content streamed in pieces, so a large
 * blob is never held in memory. Every name is relative to the package root
 * folder, which the container adds.
 */
#ifndef KANSLI_CONTAINER_H
#define KANSLI_CONTAINER_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct container container;

/* format: "dir", "tar" or "zip"; path must not exist; root is the package
 * root folder's name inside it (for "dir" the folder path itself is path). */
int container_open(container **out, const char *format, const char *path, const char *root,
                   kerr *e);
int container_file_begin(container *c, const char *name, int64_t size, int64_t mtime_s, kerr *e);
int container_write(container *c, const void *data, size_t len, kerr *e);
int container_file_end(container *c, kerr *e);
/* A whole file from memory. */
int container_add(container *c, const char *name, const void *data, size_t len, int64_t mtime_s,
                  kerr *e);
/* Finishes (fsyncs) the container; on failure removes it. Frees c either way. */
int container_close(container *c, kerr *e);
/* Gives up: frees c and removes what was written. */
void container_abort(container *c);

#endif
