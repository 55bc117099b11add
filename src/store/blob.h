/*
 * blob.h — content-addressed file store: blobs/ab/cd/<sha256 hex>.
 *
 * A blob is written to a temporary file, fsynced, renamed into place and its
 * directory fsynced before the database row that names it is committed
 * ("blob first, row second"). Identical content is stored once. Blobs never
 * change; a corrected document is a new blob.
 */
#ifndef KANSLI_BLOB_H
#define KANSLI_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/hash.h"

typedef struct blob_store {
	char root[4096]; /* .../blobs */
} blob_store;

int blob_store_open(blob_store *bs, const char *datadir, kerr *e);
/* Stores a file's content; fills hex (65 bytes) and size. 0 or KERR_*. */
int blob_put_file(blob_store *bs, const char *path, char hex[HASH_HEX_LEN + 1],
                  int64_t *size, kerr *e);
int blob_put_mem(blob_store *bs, const void *data, size_t len,
                 char hex[HASH_HEX_LEN + 1], kerr *e);
/* Path of a blob into out. */
void blob_path(const blob_store *bs, const char *hex, char *out, size_t len);
/* Re-hashes a stored blob: 0 when it matches its name, KERR_TAMPERED if not,
 * KERR_NOTFOUND when missing. */
int blob_check(const blob_store *bs, const char *hex, kerr *e);
/* 1 when the blob's file is there. A row naming a blob is written only
 * after checking this inside the write transaction, because disposal
 * removes unnamed blobs under the same lock (see core/disposal.c). */
int blob_exists(const blob_store *bs, const char *hex);
/* Removes a blob (disposal). 0 or KERR_*. */
int blob_remove(const blob_store *bs, const char *hex, kerr *e);

#endif
