/* uploads.c — concurrent request bodies per address and in all; see uploads.h. */
#include "web/uploads.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Addresses with a body in progress; at most `total` can be, so a table of
 * that many entries always has room. */
#define MAX_TOTAL 1024

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int per_address_limit = 4, total_limit = 64, in_progress;
static struct slot {
	char address[64];
	int count;
} slots[MAX_TOTAL];

void uploads_configure(int per_address, int total)
{
	per_address_limit = per_address > 0 ? per_address : 1;
	total_limit = total > 0 ? (total < MAX_TOTAL ? total : MAX_TOTAL) : 1;
}

static struct slot *find(const char *address, int create)
{
	struct slot *free_slot = NULL;
	for (int i = 0; i < MAX_TOTAL; i++) {
		if (slots[i].count && !strcmp(slots[i].address, address))
			return &slots[i];
		if (!slots[i].count && !free_slot)
			free_slot = &slots[i];
	}
	if (create && free_slot)
		snprintf(free_slot->address, sizeof free_slot->address, "%s", address);
	return create ? free_slot : NULL;
}

int uploads_acquire(const char *address)
{
	int rc = -1;
	pthread_mutex_lock(&lock);
	if (in_progress < total_limit) {
		struct slot *s = find(address, 1);
		if (s && s->count < per_address_limit) {
			s->count++;
			in_progress++;
			rc = 0;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

void uploads_release(const char *address)
{
	pthread_mutex_lock(&lock);
	struct slot *s = find(address, 0);
	if (s) {
		s->count--;
		in_progress--;
	}
	pthread_mutex_unlock(&lock);
}
