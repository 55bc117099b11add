/* pending.c — files of refused forms held per session; see pending.h. */
#include "web/pending.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/scratch.h"
#include "util/timeutil.h"
#include "web/respond.h"

/* Held files are few and short-lived (a form shown again, then sent), so a
 * small table under one lock is enough; a full table refuses to hold more
 * rather than evicting another user's file. */
#define PENDING_SLOTS 256
/* One session holds at most this many; past it, its own oldest file goes
 * (the latest refusal is what the user is working on), so one session
 * cannot fill the table for everyone else. */
#define PENDING_SESSION_SLOTS 16
/* All sessions together: the scratch space held files may take. */
#define PENDING_TOTAL_BYTES ((int64_t)1024 * 1024 * 1024)

static struct held {
	char token[PENDING_TOKEN];
	int64_t session_id; /* whose */
	char field[64];
	char filename[256];
	char path[4300];
	int64_t size;
	int64_t held_us;
} held[PENDING_SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Under the lock: forgets (and removes) every held file past its time. */
static void expire(int64_t now)
{
	for (int i = 0; i < PENDING_SLOTS; i++) {
		if (!held[i].token[0] || now - held[i].held_us < (int64_t)PENDING_TTL_S * 1000000)
			continue;
		unlink(held[i].path);
		held[i] = (struct held){ 0 };
	}
}

int pending_hold(request *r, req_field *f, char token[PENDING_TOKEN])
{
	if (!r->logged_in || r->via_token || !f->filename || !f->tmp_path || !f->tmp_path[0] ||
	    strlen(f->name) >= sizeof held[0].field || strlen(f->filename) >= sizeof held[0].filename)
		return -1;
	int64_t now = time_now_us();
	pthread_mutex_lock(&lock);
	expire(now);
	int64_t mine = 0, total = 0;
	int slot = -1, my_slots = 0, my_oldest = -1;
	for (int i = 0; i < PENDING_SLOTS; i++) {
		if (!held[i].token[0]) {
			slot = slot < 0 ? i : slot;
			continue;
		}
		total += held[i].size;
		if (held[i].session_id != r->s.id)
			continue;
		mine += held[i].size;
		my_slots++;
		if (my_oldest < 0 || held[i].held_us < held[my_oldest].held_us)
			my_oldest = i;
	}
	if (my_slots >= PENDING_SESSION_SLOTS) {
		mine -= held[my_oldest].size;
		total -= held[my_oldest].size;
		unlink(held[my_oldest].path);
		held[my_oldest] = (struct held){ 0 };
		slot = my_oldest;
	}
	char path[sizeof held[0].path];
	int fd = -1;
	if (slot < 0 || mine + f->size > PENDING_MAX_BYTES || total + f->size > PENDING_TOTAL_BYTES ||
	    (fd = scratch_file(r->tmpdir, "pending", path, sizeof path)) < 0) {
		pthread_mutex_unlock(&lock);
		return -1;
	}
	close(fd);
	if (f->fd >= 0) {
		close(f->fd);
		f->fd = -1;
	}
	if (rename(f->tmp_path, path) != 0) {
		unlink(path);
		pthread_mutex_unlock(&lock);
		return -1;
	}
	f->tmp_path[0] = '\0'; /* the request no longer removes it */
	web_form_token(token);
	struct held *h = &held[slot];
	snprintf(h->token, sizeof h->token, "%s", token);
	h->session_id = r->s.id;
	snprintf(h->field, sizeof h->field, "%s", f->name);
	snprintf(h->filename, sizeof h->filename, "%s", f->filename);
	snprintf(h->path, sizeof h->path, "%s", path);
	h->size = f->size;
	h->held_us = now;
	pthread_mutex_unlock(&lock);
	return 0;
}

/* pending_claim for the files session_id holds. */
static int claim(request *r, int64_t session_id)
{
	int rc = 0;
	pthread_mutex_lock(&lock);
	expire(time_now_us());
	for (int i = 0; i < r->nfields; i++) {
		if (r->fields[i].filename || strcmp(r->fields[i].name, "uppladdad") || !r->fields[i].value.s)
			continue;
		for (int j = 0; j < PENDING_SLOTS; j++) {
			struct held *h = &held[j];
			if (!h->token[0] || strcmp(h->token, r->fields[i].value.s) || h->session_id != session_id)
				continue;
			if (r->nfields >= REQ_MAX_FIELDS) {
				rc = -1;
				break;
			}
			req_field *f = &r->fields[r->nfields++];
			*f = (req_field){ .name = strdup(h->field), .filename = strdup(h->filename), .fd = -1,
			                  .size = h->size, .value = BUF_INIT, .tmp_path = calloc(1, REQ_TMP_PATH) };
			if (!f->name || !f->filename || !f->tmp_path)
				abort();
			/* the request owns the file now and removes it when it ends */
			snprintf(f->tmp_path, REQ_TMP_PATH, "%s", h->path);
			*h = (struct held){ 0 };
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

int pending_claim(request *r)
{
	if (!r->logged_in || r->via_token)
		return 0;
	return claim(r, r->s.id);
}

int pending_claim_gone(request *r)
{
	if (r->logged_in || r->via_token || !r->gone.id)
		return 0;
	return claim(r, r->gone.id);
}
