/*
 * workq.h — handing batches of work from one thread to another, in order.
 *
 * verify reads the log through one SQLite connection (one read
 * transaction, so every check sees the same snapshot; a second connection
 * could see a later one), and much of its work on what it reads is plain
 * C: the leaf hashes, the digests of the latest events. The reading thread
 * pushes batches; one worker thread takes them in the order pushed and
 * calls fn on each, so the machine's second core does that work meanwhile.
 * At most depth batches wait: the reader blocks rather than buffering the
 * log in memory.
 */
#ifndef KANSLI_WORKQ_H
#define KANSLI_WORKQ_H

typedef struct workq workq;
/* fn(arg, batch) runs on the worker for each batch pushed, in order, and
 * owns the batch. When no thread can be started, each push runs fn
 * itself, in the pusher's thread: the same work, one core. */
workq *workq_start(void (*fn)(void *arg, void *batch), void *arg, int depth);
/* Hands batch to the worker; blocks while depth batches wait. */
void workq_push(workq *q, void *batch);
/* Waits until every batch pushed is done, stops the worker, frees q. */
void workq_finish(workq *q);

#endif
