/* blob.c — content-addressed, crash-safe file store; see blob.h. */
#include "store/blob.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/scratch.h"

static int mkdir_p(const char *path)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int blob_store_open(blob_store *bs, const char *datadir, kerr *e)
{
	snprintf(bs->root, sizeof bs->root, "%s/blobs", datadir);
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s/tmp", bs->root);
	if (mkdir_p(bs->root) || mkdir_p(tmp))
		return kerr_set(e, KERR_IO, "cannot create %s: %s", bs->root, strerror(errno));
	return 0;
}

void blob_path(const blob_store *bs, const char *hex, char *out, size_t len)
{
	snprintf(out, len, "%s/%.2s/%.2s/%s", bs->root, hex, hex + 2, hex);
}

/* Moves a finished temp file to its content address. The temp file is
 * already fsynced; the rename and the directory entry are made durable
 * before returning, so a committed row never names a missing blob. */
static int place(blob_store *bs, const char *tmp, const char *hex, kerr *e)
{
	char dir1[4200], dir2[4200], final[4300];
	snprintf(dir1, sizeof dir1, "%s/%.2s", bs->root, hex);
	snprintf(dir2, sizeof dir2, "%s/%.2s/%.2s", bs->root, hex, hex + 2);
	blob_path(bs, hex, final, sizeof final);
	struct stat st;
	if (stat(final, &st) == 0) { /* identical content already stored */
		unlink(tmp);
		return 0;
	}
	/* a disposal removes the fan-out directories it empties
	 * (blob_remove): one removed between the mkdir and the rename is
	 * made again */
	int placed = -1;
	for (int tries = 0; placed != 0 && tries < 3; tries++) {
		if (mkdir_p(dir1) || mkdir_p(dir2)) {
			unlink(tmp);
			return kerr_set(e, KERR_IO, "cannot create %s: %s", dir2, strerror(errno));
		}
		placed = rename(tmp, final);
		if (placed != 0 && errno != ENOENT)
			break;
	}
	if (placed != 0) {
		unlink(tmp);
		return kerr_set(e, KERR_IO, "cannot store blob: %s", strerror(errno));
	}
	if (fsync_dir(dir2) || fsync_dir(dir1) || fsync_dir(bs->root))
		return kerr_set(e, KERR_IO, "fsync of blob directory failed: %s", strerror(errno));
	return 0;
}

static int temp_open(blob_store *bs, char *tmp, size_t len, kerr *e)
{
	char dir[4200];
	snprintf(dir, sizeof dir, "%s/tmp", bs->root);
	int fd = scratch_file(dir, "blob", tmp, len);
	if (fd < 0)
		return kerr_set(e, KERR_IO, "cannot create temporary file: %s", strerror(errno));
	return fd;
}

int blob_put_file(blob_store *bs, const char *path, char hex[HASH_HEX_LEN + 1],
                  int64_t *size, kerr *e)
{
	int in = open(path, O_RDONLY);
	if (in < 0)
		return kerr_set(e, KERR_INVALID, "cannot read file %s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(in, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(in);
		return kerr_set(e, KERR_INVALID, "%s is not a regular file", path);
	}
	char tmp[4200];
	int out = temp_open(bs, tmp, sizeof tmp, e);
	if (out < 0) {
		close(in);
		return KERR_IO;
	}
	hash_ctx *h = hash_begin();
	static char chunk[1 << 16];
	int64_t total = 0;
	ssize_t n;
	int rc = 0;
	while ((n = read(in, chunk, sizeof chunk)) > 0) {
		hash_update(h, chunk, (size_t)n);
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, chunk + off, (size_t)(n - off));
			if (w < 0) { rc = -1; break; }
			off += w;
		}
		if (rc) break;
		total += n;
	}
	unsigned char bin[HASH_LEN];
	hash_end(h, bin);
	if (n < 0 || rc || fsync(out) != 0) {
		int err = errno;
		close(in);
		close(out);
		unlink(tmp);
		return kerr_set(e, KERR_IO, "cannot store %s: %s", path, strerror(err));
	}
	close(in);
	close(out);
	hash_hex(bin, HASH_LEN, hex);
	*size = total;
	return place(bs, tmp, hex, e);
}

int blob_put_mem(blob_store *bs, const void *data, size_t len,
                 char hex[HASH_HEX_LEN + 1], kerr *e)
{
	char tmp[4200];
	int out = temp_open(bs, tmp, sizeof tmp, e);
	if (out < 0)
		return KERR_IO;
	unsigned char bin[HASH_LEN];
	hash_sha256(data, len, bin);
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(out, (const char *)data + off, len - off);
		if (w < 0)
			break;
		off += (size_t)w;
	}
	if (off < len || fsync(out) != 0) {
		int err = errno;
		close(out);
		unlink(tmp);
		return kerr_set(e, KERR_IO, "cannot store blob: %s", strerror(err));
	}
	close(out);
	hash_hex(bin, HASH_LEN, hex);
	return place(bs, tmp, hex, e);
}

int blob_check(const blob_store *bs, const char *hex, kerr *e)
{
	char path[4300];
	blob_path(bs, hex, path, sizeof path);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return kerr_set(e, KERR_NOTFOUND, "blob %s is missing", hex);
	hash_ctx *h = hash_begin();
	static char chunk[1 << 16];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		hash_update(h, chunk, (size_t)n);
	close(fd);
	unsigned char bin[HASH_LEN];
	char got[HASH_HEX_LEN + 1];
	hash_end(h, bin);
	hash_hex(bin, HASH_LEN, got);
	if (n < 0)
		return kerr_set(e, KERR_IO, "cannot read blob %s", hex);
	if (strcmp(got, hex) != 0)
		return kerr_set(e, KERR_TAMPERED, "blob %s does not match its hash (content hashes to %s)",
		                hex, got);
	return 0;
}

int blob_exists(const blob_store *bs, const char *hex)
{
	char path[4300];
	blob_path(bs, hex, path, sizeof path);
	return access(path, F_OK) == 0;
}

/* Overwrites the file's bytes with zeros in place and syncs them. On a
 * plain overwrite-in-place file system (ext4 data=ordered, xfs) that
 * takes the content off the disk's blocks; on a journaling data=journal,
 * copy-on-write (btrfs, zfs), log-structured or flash-translated store,
 * or under snapshots and backups, older copies may remain: it is a
 * best effort, and docs/SECURITY.md says so. */
static int overwrite(const char *path)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat st;
	int rc = fstat(fd, &st);
	static const char zeros[65536];
	for (off_t done = 0; rc == 0 && done < st.st_size;) {
		size_t n = st.st_size - done < (off_t)sizeof zeros ? (size_t)(st.st_size - done) : sizeof zeros;
		ssize_t w = pwrite(fd, zeros, n, done);
		if (w <= 0)
			rc = -1;
		else
			done += w;
	}
	if (rc == 0)
		rc = fsync(fd);
	close(fd);
	return rc;
}

int blob_remove(const blob_store *bs, const char *hex, kerr *e)
{
	char path[4300], dir1[4200], dir2[4200];
	blob_path(bs, hex, path, sizeof path);
	if (overwrite(path) != 0)
		return kerr_set(e, KERR_IO, "cannot overwrite blob %s before removing it: %s", hex, strerror(errno));
	if (unlink(path) != 0 && errno != ENOENT)
		return kerr_set(e, KERR_IO, "cannot remove blob %s: %s", hex, strerror(errno));
	/* the fan-out directories it leaves empty go too: kept, they would
	 * tell the first four hex digits of the content's SHA-256 and, by
	 * their times, when it was stored. rmdir removes only an empty one;
	 * a blob stored there meanwhile keeps it (and place() makes it anew
	 * when this removed it under its feet). */
	snprintf(dir1, sizeof dir1, "%s/%.2s", bs->root, hex);
	snprintf(dir2, sizeof dir2, "%s/%.2s/%.2s", bs->root, hex, hex + 2);
	if (rmdir(dir2) == 0)
		rmdir(dir1);
	fsync_dir(bs->root);
	return 0;
}
