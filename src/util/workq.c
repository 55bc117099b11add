/* workq.c — batches from one thread to another, in order; see workq.h. */
#include "util/workq.h"

#include <pthread.h>
#include <stdlib.h>

struct workq {
	void (*fn)(void *arg, void *batch);
	void *arg;
	void **ring;
	int depth, head, count, done;
	int alone; /* no worker could be started: push runs fn itself */
	pthread_mutex_t mu;
	pthread_cond_t more, room;
	pthread_t thread;
};

static void *worker(void *p)
{
	workq *q = p;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->count && !q->done)
			pthread_cond_wait(&q->more, &q->mu);
		if (!q->count)
			break; /* done and drained */
		void *batch = q->ring[q->head];
		q->head = (q->head + 1) % q->depth;
		q->count--;
		pthread_cond_signal(&q->room);
		pthread_mutex_unlock(&q->mu);
		q->fn(q->arg, batch);
		pthread_mutex_lock(&q->mu);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

workq *workq_start(void (*fn)(void *arg, void *batch), void *arg, int depth)
{
	workq *q = calloc(1, sizeof *q);
	if (!q || !(q->ring = calloc((size_t)depth, sizeof *q->ring)))
		abort();
	q->fn = fn;
	q->arg = arg;
	q->depth = depth;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->more, NULL);
	pthread_cond_init(&q->room, NULL);
	q->alone = pthread_create(&q->thread, NULL, worker, q) != 0;
	return q;
}

void workq_push(workq *q, void *batch)
{
	if (q->alone) {
		q->fn(q->arg, batch);
		return;
	}
	pthread_mutex_lock(&q->mu);
	while (q->count == q->depth)
		pthread_cond_wait(&q->room, &q->mu);
	q->ring[(q->head + q->count) % q->depth] = batch;
	q->count++;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->mu);
}

void workq_finish(workq *q)
{
	if (!q->alone) {
		pthread_mutex_lock(&q->mu);
		q->done = 1;
		pthread_cond_signal(&q->more);
		pthread_mutex_unlock(&q->mu);
		pthread_join(q->thread, NULL);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->room);
	free(q->ring);
	free(q);
}
