/* uploads.c — concurrent request bodies per address and in all; see uploads.h. */
#include "web/uploads.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* Addresses with a body in progress; at most `total` can be, so a table of
 * that many entries always has room. */
#define MAX_TOTAL 1024

/* The anonymous send small forms (a login, a public request): a few at
 * once per address, and a pool of their own, so that however many of them
 * a client holds, staff uploads and other addresses' logins are still
 * received. */
#define ANON_PER_ADDRESS 2
#define ANON_TOTAL 64

struct pool {
	int per_address_limit, total_limit, in_progress;
	struct slot {
		char address[64];
		int count;
	} slots[MAX_TOTAL];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct pool staff = { .per_address_limit = 4, .total_limit = 64 };
static struct pool anonymous = { .per_address_limit = ANON_PER_ADDRESS, .total_limit = ANON_TOTAL };

void uploads_configure(int per_address, int total)
{
	staff.per_address_limit = per_address > 0 ? per_address : 1;
	staff.total_limit = total > 0 ? (total < MAX_TOTAL ? total : MAX_TOTAL) : 1;
}

static struct slot *find(struct pool *p, const char *address, int create)
{
	struct slot *free_slot = NULL;
	for (int i = 0; i < MAX_TOTAL; i++) {
		if (p->slots[i].count && !strcmp(p->slots[i].address, address))
			return &p->slots[i];
		if (!p->slots[i].count && !free_slot)
			free_slot = &p->slots[i];
	}
	if (create && free_slot)
		snprintf(free_slot->address, sizeof free_slot->address, "%s", address);
	return create ? free_slot : NULL;
}

int uploads_acquire(const char *address, int anon)
{
	struct pool *p = anon ? &anonymous : &staff;
	int rc = -1;
	pthread_mutex_lock(&lock);
	if (p->in_progress < p->total_limit) {
		struct slot *s = find(p, address, 1);
		if (s && s->count < p->per_address_limit) {
			s->count++;
			p->in_progress++;
			rc = 0;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

void uploads_release(const char *address, int anon)
{
	struct pool *p = anon ? &anonymous : &staff;
	pthread_mutex_lock(&lock);
	struct slot *s = find(p, address, 0);
	if (s) {
		s->count--;
		p->in_progress--;
	}
	pthread_mutex_unlock(&lock);
}
