/* fuzz_mail.c — the mail extractor (headers read before the message is
 * parsed, then its parts, with a cap on their number) on arbitrary bytes:
 * never a crash, never more text than the cap, and no temporary file left
 * behind in the directory its parts were written to. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/extract.h"
#include "util/scratch.h"

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *ent;
	while (d && (ent = readdir(d)))
		n += strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static char dir[256];

static void remove_dir(void)
{
	scratch_remove(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		snprintf(dir, sizeof dir, "%s/kansli-fuzz-mail-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(dir))
			abort();
		setenv("TMPDIR", dir, 1); /* where extract_direct writes a mail's parts */
		atexit(remove_dir);
	}
	char path[300];
	int fd = scratch_file(dir, "mail", path, sizeof path);
	if (fd < 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	close(fd);
	buf out = BUF_INIT;
	extract_direct(path, "message/rfc822", &out, 0);
	if (out.len >= EXTRACT_MAX_TEXT)
		abort();
	buf_free(&out);
	unlink(path);
	if (entries(dir) != 0)
		abort(); /* a part's temporary file was left behind */
	return 0;
}
