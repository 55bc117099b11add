/*
 * scratch.h — the one directory for temporary files (DATADIR/blobs/tmp):
 * uploads being received, blobs being written, parts of a mail being
 * extracted. Every name carries the id of the process that made it
 * ("KIND-PID-XXXXXX"), so whatever a process killed with -9 left behind is
 * recognised and removed by the next clean-up, while files of processes
 * still running (a CLI import beside the server) are left alone.
 */
#ifndef KANSLI_SCRATCH_H
#define KANSLI_SCRATCH_H

#include <stddef.h>

/* A new empty file DIR/KIND-PID-XXXXXX, its name in path; the open fd, or -1. */
int scratch_file(const char *dir, const char *kind, char *path, size_t len);
/* A new empty directory DIR/KIND-PID-XXXXXX, its name in path; 0 or -1. */
int scratch_dir(const char *dir, const char *kind, char *path, size_t len);
/* Removes path, a file or a directory tree (not following links). */
void scratch_remove(const char *path);
/* Removes what processes no longer running left in dir, and (mine != 0)
 * this process's own leftovers too. Returns the number of entries removed. */
int scratch_clean(const char *dir, int mine);

#endif
