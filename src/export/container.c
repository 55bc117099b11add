/*
 * container.c — folder, tar and zip containers for packages; see
 * container.h. tar and zip are written unblocked (each piece goes straight
 * to write(2), no copy into libarchive's block buffer) and fsynced at the
 * end; a folder's files are fsynced as they are finished and its folders
 * at the end, so a package the log calls delivered is on disk.
 */
#include "export/container.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct container {
	int dir;                 /* 1: a folder */
	char path[4096];
	char root[256];
	struct archive *a;
	int fd;                  /* the tar/zip file, or the folder's current file */
	int64_t left;            /* bytes still expected in the current file */
	char **dirs;             /* folders made (dir form), fsynced at close */
	size_t ndirs;
	locale_t utf8, saved;    /* names are UTF-8 whatever the process locale */
};

/* libarchive converts names through the thread's locale: make it UTF-8
 * while this container is open (this thread only). */
static void locale_enter(container *c)
{
	c->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	c->saved = c->utf8 ? uselocale(c->utf8) : (locale_t)0;
}

static void locale_leave(container *c)
{
	if (c->utf8) {
		uselocale(c->saved);
		freelocale(c->utf8);
		c->utf8 = (locale_t)0;
	}
}

static int fail_errno(kerr *e, const char *what, const char *path)
{
	return kerr_set(e, KERR_IO, "cannot %s %s: %s", what, path, strerror(errno));
}

int container_open(container **out, const char *format, const char *path, const char *root,
                   kerr *e)
{
	container *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	c->fd = -1;
	snprintf(c->path, sizeof c->path, "%s", path);
	snprintf(c->root, sizeof c->root, "%s", root);
	if (!strcmp(format, "dir")) {
		c->dir = 1;
		if (mkdir(path, 0755) != 0) {
			int rc = fail_errno(e, "create the folder", path);
			free(c);
			return rc;
		}
		*out = c;
		return 0;
	}
	if (strcmp(format, "tar") && strcmp(format, "zip")) {
		free(c);
		return kerr_set(e, KERR_INVALID, "format must be dir, tar or zip, not '%s'", format);
	}
	if ((c->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0) {
		int rc = fail_errno(e, "create", path);
		free(c);
		return rc;
	}
	locale_enter(c);
	c->a = archive_write_new();
	int r = !strcmp(format, "tar") ? archive_write_set_format_pax_restricted(c->a)
	                               : archive_write_set_format_zip(c->a);
	if (r == ARCHIVE_OK && !strcmp(format, "zip"))
		r = archive_write_set_options(c->a, "zip:compression=store,zip:hdrcharset=UTF-8");
	if (r == ARCHIVE_OK)
		r = archive_write_set_bytes_per_block(c->a, 0);
	if (r == ARCHIVE_OK)
		r = archive_write_open_fd(c->a, c->fd);
	if (r != ARCHIVE_OK) {
		kerr_set(e, KERR_INTERNAL, "libarchive: %s", archive_error_string(c->a));
		container_abort(c);
		return KERR_INTERNAL;
	}
	*out = c;
	return 0;
}

/* Makes the folders of rel under the package folder (dir form). */
static int make_parents(container *c, const char *rel, kerr *e)
{
	char p[4096 + 512];
	int n = snprintf(p, sizeof p, "%s/%s", c->path, rel);
	if (n < 0 || (size_t)n >= sizeof p)
		return kerr_set(e, KERR_INVALID, "path too long: %s", rel);
	for (char *s = p + strlen(c->path) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		if (mkdir(p, 0755) == 0) {
			c->dirs = realloc(c->dirs, (c->ndirs + 1) * sizeof *c->dirs);
			if (!c->dirs || !(c->dirs[c->ndirs++] = strdup(p)))
				abort();
		} else if (errno != EEXIST) {
			return fail_errno(e, "create the folder", p);
		}
		*s = '/';
	}
	return 0;
}

int container_file_begin(container *c, const char *name, int64_t size, int64_t mtime_s, kerr *e)
{
	c->left = size;
	if (c->dir) {
		int rc = make_parents(c, name, e);
		if (rc)
			return rc;
		char p[4096 + 512];
		snprintf(p, sizeof p, "%s/%s", c->path, name);
		if ((c->fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0)
			return fail_errno(e, "create", p);
		return 0;
	}
	char full[4096];
	snprintf(full, sizeof full, "%s/%s", c->root, name);
	struct archive_entry *en = archive_entry_new();
	if (!archive_entry_update_pathname_utf8(en, full)) {
		archive_entry_free(en);
		return kerr_set(e, KERR_INVALID, "file name %s cannot be written in the package", name);
	}
	archive_entry_set_filetype(en, AE_IFREG);
	archive_entry_set_perm(en, 0644);
	archive_entry_set_size(en, size);
	archive_entry_set_mtime(en, (time_t)mtime_s, 0);
	int r = archive_write_header(c->a, en);
	archive_entry_free(en);
	if (r < ARCHIVE_WARN)
		return kerr_set(e, KERR_IO, "cannot add %s to the package: %s", name, archive_error_string(c->a));
	return 0;
}

int container_write(container *c, const void *data, size_t len, kerr *e)
{
	if ((int64_t)len > c->left)
		return kerr_set(e, KERR_INTERNAL, "more bytes than announced for a package file");
	c->left -= (int64_t)len;
	const char *p = data;
	while (len) {
		ssize_t n = c->dir ? write(c->fd, p, len) : archive_write_data(c->a, p, len);
		if (n < 0) {
			if (c->dir && errno == EINTR)
				continue;
			return c->dir ? fail_errno(e, "write into", c->path)
			              : kerr_set(e, KERR_IO, "cannot write the package: %s", archive_error_string(c->a));
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int container_file_end(container *c, kerr *e)
{
	if (c->left != 0)
		return kerr_set(e, KERR_INTERNAL, "a package file is shorter than announced");
	if (c->dir) {
		int bad = fsync(c->fd) != 0;
		bad |= close(c->fd) != 0;
		c->fd = -1;
		if (bad)
			return fail_errno(e, "write", c->path);
		return 0;
	}
	if (archive_write_finish_entry(c->a) < ARCHIVE_WARN)
		return kerr_set(e, KERR_IO, "cannot write the package: %s", archive_error_string(c->a));
	return 0;
}

int container_add(container *c, const char *name, const void *data, size_t len, int64_t mtime_s,
                  kerr *e)
{
	int rc = container_file_begin(c, name, (int64_t)len, mtime_s, e);
	if (!rc)
		rc = container_write(c, data, len, e);
	if (!rc)
		rc = container_file_end(c, e);
	return rc;
}

static int fsync_path(const char *p)
{
	int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static void free_dirs(container *c)
{
	for (size_t i = 0; i < c->ndirs; i++)
		free(c->dirs[i]);
	free(c->dirs);
}

static int remove_entry(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)flag; (void)f;
	return remove(p);
}

/* Removes the half-written package when discard is set (a folder with all
 * it holds, or the one file), then releases c: what close and abort share. */
static void container_release(container *c, int discard)
{
	if (discard) {
		if (c->dir)
			nftw(c->path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		else
			unlink(c->path);
	}
	locale_leave(c);
	free_dirs(c);
	free(c);
}

int container_close(container *c, kerr *e)
{
	int rc = 0;
	if (c->dir) {
		for (size_t i = c->ndirs; i-- > 0;)
			if (fsync_path(c->dirs[i]) != 0 && !rc)
				rc = fail_errno(e, "sync", c->dirs[i]);
		if (!rc && fsync_path(c->path) != 0)
			rc = fail_errno(e, "sync", c->path);
	} else {
		if (archive_write_close(c->a) != ARCHIVE_OK)
			rc = kerr_set(e, KERR_IO, "cannot finish the package: %s", archive_error_string(c->a));
		archive_write_free(c->a);
		if (!rc && fsync(c->fd) != 0)
			rc = fail_errno(e, "sync", c->path);
		if (close(c->fd) != 0 && !rc)
			rc = fail_errno(e, "write", c->path);
	}
	container_release(c, rc != 0);
	return rc;
}

void container_abort(container *c)
{
	if (c->a)
		archive_write_free(c->a);
	if (c->fd >= 0)
		close(c->fd);
	container_release(c, 1);
}
