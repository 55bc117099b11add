/* scratch.c — the temporary files directory and its clean-up; see scratch.h. */
#include "util/scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int scratch_file(const char *dir, const char *kind, char *path, size_t len)
{
	if ((size_t)snprintf(path, len, "%s/%s-%ld-XXXXXX", dir, kind, (long)getpid()) >= len)
		return -1;
	return mkostemp(path, O_CLOEXEC);
}

int scratch_dir(const char *dir, const char *kind, char *path, size_t len)
{
	if ((size_t)snprintf(path, len, "%s/%s-%ld-XXXXXX", dir, kind, (long)getpid()) >= len)
		return -1;
	return mkdtemp(path) ? 0 : -1;
}

void scratch_remove(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *ent;
		while (d && (ent = readdir(d))) {
			if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
				continue;
			char sub[4400];
			if ((size_t)snprintf(sub, sizeof sub, "%s/%s", path, ent->d_name) < sizeof sub)
				scratch_remove(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* The process id in "KIND-PID-XXXXXX", or 0 when the name has none. */
static long owner(const char *name)
{
	const char *dash = strchr(name, '-');
	if (!dash)
		return 0;
	char *end;
	long pid = strtol(dash + 1, &end, 10);
	return pid > 0 && *end == '-' ? pid : 0;
}

int scratch_clean(const char *dir, int mine)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int removed = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		long pid = owner(ent->d_name);
		if (!pid)
			continue; /* not ours to judge */
		int alive = kill((pid_t)pid, 0) == 0 || errno == EPERM;
		if (alive && !(mine && pid == (long)getpid()))
			continue;
		char path[4400];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ent->d_name) >= sizeof path)
			continue;
		scratch_remove(path);
		removed++;
	}
	closedir(d);
	return removed;
}
