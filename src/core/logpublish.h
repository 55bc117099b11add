/*
 * logpublish.h — what the public sees of the audit log: heads published on
 * a fixed schedule, never the live head.
 *
 * Every read of secret content appends an event, and a read changes
 * nothing the public can see in the registry; the live head, polled, would
 * tell the public the moment staff anywhere in the installation read a
 * secret record. So the public side serves only published heads (rows of
 * tree_head), and the scheduled ones are published at each multiple of an
 * interval of wall-clock time (default 60 minutes, counted from midnight
 * UTC), each covering exactly the events logged before its moment. What
 * a head then tells is how many events the installation logged in each
 * interval, no finer. Proofs for the public stay within the newest
 * published head.
 */
#ifndef KANSLI_LOGPUBLISH_H
#define KANSLI_LOGPUBLISH_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

#define LOGPUBLISH_DEFAULT_MINUTES 60
/* Bounds of the interval: shorter would tell the public when staff work
 * almost as the live head did; a day is the longest a public head may lag. */
#define LOGPUBLISH_MIN_MINUTES 5
#define LOGPUBLISH_MAX_MINUTES 1440

/* The installation's publication interval in minutes (meta
 * log_publish_minutes; the default when unset). 0 or KERR_*. */
int logpublish_interval(kansli *k, int *minutes, kerr *e);
/* Sets the interval: minutes within the bounds and a divisor of a day
 * (1440), so the moments fall at the same times every day. Only for the
 * installation (access_installation); logged as log.publish_interval.
 * 0, or KERR_INVALID / KERR_DENIED / KERR_* with e set; nothing changes
 * on error. */
int logpublish_set_interval(kansli *k, int minutes, kerr *e);
/* The latest publication moment at or before now_us for the interval:
 * now_us rounded down to a multiple of minutes (UTC microseconds). */
int64_t logpublish_moment(int64_t now_us, int minutes);

/* The publication step: publishes (signs and keeps in tree_head, with the
 * moment as its time) the head of the events logged before the latest
 * moment at or before now_us, when that tree is larger than every head
 * published so far; otherwise publishes nothing (no noise rows). Safe to
 * run any number of times and from several servers: the same moment
 * gives the same head. *size (may be NULL) gets the size published, 0
 * when nothing was. One transaction. 0 or KERR_*. */
int logpublish_run(kansli *k, int64_t now_us, uint64_t *size, kerr *e);

/* The newest published head: checkpoint (malloc'd, the caller frees it),
 * its size and publication time (UTC microseconds; published_us may be
 * NULL). KERR_NOTFOUND when none was published yet. */
int logpublish_head(kansli *k, char **checkpoint, uint64_t *size, int64_t *published_us, kerr *e);

/* Proofs for the public, as audit_inclusion_proof and
 * audit_consistency_proof but within the newest published head: size 0
 * means its size, and a size past it is KERR_NOTFOUND, whose message
 * names only the published size. New reference, or NULL with e set. */
json_t *logpublish_inclusion_proof(kansli *k, uint64_t index, uint64_t size, kerr *e);
json_t *logpublish_consistency_proof(kansli *k, uint64_t old_size, uint64_t size, kerr *e);

#endif
