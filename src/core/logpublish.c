/*
 * logpublish.c — scheduled publication of tree heads and the public's view
 * of the log; see logpublish.h for why the public never sees the live head.
 */
#include "core/logpublish.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/checkpoint.h"
#include "util/merkle.h"

static const char SQL_INTERVAL_GET[] = "SELECT value FROM meta WHERE key = 'log_publish_minutes'";
static const char SQL_INTERVAL_SET[] =
	"INSERT INTO meta(key, value) VALUES('log_publish_minutes', ?1) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";
/* The tree of the events logged before a moment. Event ids follow commit
 * order and times follow ids (but for a clock stepped back, which at
 * worst puts an event a moment late into a head). */
static const char SQL_SIZE_BEFORE[] = "SELECT coalesce(max(id), 0) FROM event WHERE ts_us < ?1";
static const char SQL_NEWEST_SIZE[] = "SELECT coalesce(max(size), 0) FROM tree_head";
static const char SQL_KEEP[] =
	"INSERT INTO tree_head(size, root, published_us, checkpoint) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT(size) DO NOTHING";
static const char SQL_NEWEST_HEAD[] =
	"SELECT size, checkpoint, published_us FROM tree_head ORDER BY size DESC LIMIT 1";

static int interval_valid(long minutes)
{
	return minutes >= LOGPUBLISH_MIN_MINUTES && minutes <= LOGPUBLISH_MAX_MINUTES && 1440 % minutes == 0;
}

int logpublish_interval(kansli *k, int *minutes, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_INTERVAL_GET, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	if (rc != DB_ROW) {
		*minutes = LOGPUBLISH_DEFAULT_MINUTES;
		return 0;
	}
	char *end;
	const char *v = db_col_text(s, 0);
	long m = strtol(v, &end, 10);
	int ok = *v && !*end && interval_valid(m);
	db_done(s);
	if (!ok)
		return kerr_set(e, KERR_TAMPERED, "meta: log_publish_minutes is not an interval kansli sets; set it "
		                "again with kansli log schedule --minutes N");
	*minutes = (int)m;
	return 0;
}

int logpublish_set_interval(kansli *k, int minutes, kerr *e)
{
	int rc = access_installation(k, e);
	if (rc)
		return rc;
	if (!interval_valid(minutes))
		return kerr_set(e, KERR_INVALID, "the publication interval must be %d to %d minutes and divide a day "
		                "(1440 minutes), like 15, 30, 60 or 120", LOGPUBLISH_MIN_MINUTES, LOGPUBLISH_MAX_MINUTES);
	int before;
	if ((rc = logpublish_interval(k, &before, e)) && rc != KERR_TAMPERED)
		return rc;
	if (rc)
		before = 0; /* a damaged setting is replaced, and the event says from nothing */
	if ((rc = kansli_begin(k, e)))
		return rc;
	char text[16];
	snprintf(text, sizeof text, "%d", minutes);
	db_stmt *s = db_prep(k->db, SQL_INTERVAL_SET, e);
	if (!s)
		return kansli_end(k, KERR_INTERNAL, e);
	db_bind_text(s, 1, text);
	if ((rc = db_run(s, e)))
		return kansli_end(k, rc, e);
	rc = audit_append(k, 0, "log.publish_interval", "installation", 0,
	                  json_pack("{s:i,s:i}", "minutes", minutes, "before", before), e);
	return kansli_end(k, rc, e);
}

int64_t logpublish_moment(int64_t now_us, int minutes)
{
	int64_t step = (int64_t)minutes * 60 * 1000000;
	int64_t r = now_us % step;
	return now_us - (r < 0 ? r + step : r);
}

/* One integer the statement's single row holds. 0 or KERR_*. */
static int one_int(kansli *k, const char *sql, int64_t param, int with_param, int64_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return KERR_INTERNAL;
	if (with_param)
		db_bind_int(s, 1, param);
	int rc = kansli_row(s, e, KERR_INTERNAL, "no answer from the log's tables");
	if (rc)
		return rc;
	*out = db_col_int(s, 0);
	db_done(s);
	return 0;
}

/* Signs the tree of the first size events and keeps it as published at
 * moment. 0 or KERR_*. */
static int keep_head(kansli *k, uint64_t size, int64_t moment, kerr *e)
{
	unsigned char (*leaves)[32];
	uint64_t n;
	int rc = audit_load_leaves_upto(k, (int64_t)size, &leaves, &n, e);
	if (rc)
		return rc;
	if (n != size) {
		free(leaves);
		return kerr_set(e, KERR_TAMPERED, "the log has %llu events before event %llu; run kansli verify",
		                (unsigned long long)n, (unsigned long long)size);
	}
	unsigned char root[32];
	merkle_root((const unsigned char (*)[32])leaves, size, root);
	free(leaves);
	char *cp = checkpoint_sign(k->origin, size, root, k->keyname, k->sk);
	if (!cp)
		return kerr_set(e, KERR_INTERNAL, "cannot sign the tree head");
	db_stmt *s = db_prep(k->db, SQL_KEEP, e);
	if (!s) {
		free(cp);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, (int64_t)size);
	db_bind_blob(s, 2, root, sizeof root);
	db_bind_int(s, 3, moment);
	db_bind_text(s, 4, cp);
	rc = db_run(s, e);
	free(cp);
	return rc;
}

int logpublish_run(kansli *k, int64_t now_us, uint64_t *size, kerr *e)
{
	if (size)
		*size = 0;
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "cannot read the log signing key %s: only a process that may read it "
		                "can publish a tree head", k->key_path);
	int minutes;
	int rc = logpublish_interval(k, &minutes, e);
	if (rc)
		return rc;
	int64_t moment = logpublish_moment(now_us, minutes), before, newest;
	if ((rc = kansli_begin(k, e)))
		return rc;
	if ((rc = one_int(k, SQL_SIZE_BEFORE, moment, 1, &before, e)) ||
	    (rc = one_int(k, SQL_NEWEST_SIZE, 0, 0, &newest, e)))
		return kansli_end(k, rc, e);
	/* Nothing new before the moment (or a head published by hand already
	 * covers it): no row, and the public keeps seeing the last head. */
	if (before <= newest)
		return kansli_end(k, 0, e);
	if ((rc = keep_head(k, (uint64_t)before, moment, e)))
		return kansli_end(k, rc, e);
	if ((rc = kansli_commit(k, e)))
		return rc;
	if (size)
		*size = (uint64_t)before;
	return 0;
}

int logpublish_head(kansli *k, char **checkpoint, uint64_t *size, int64_t *published_us, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_NEWEST_HEAD, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no tree head has been published yet");
	if (rc)
		return rc;
	*size = (uint64_t)db_col_int(s, 0);
	*checkpoint = strdup(db_col_text(s, 1));
	if (published_us)
		*published_us = db_col_int(s, 2);
	db_done(s);
	return *checkpoint ? 0 : kerr_set(e, KERR_INTERNAL, "out of memory");
}

/* The size a public proof is made in: size, or the newest published head's
 * when 0; from (the event, or the old size) must lie in 1..size and size
 * within the published head. The messages name the published size only.
 * 0 or KERR_*. */
static int public_size(kansli *k, int inclusion, uint64_t from, uint64_t *size, kerr *e)
{
	char *cp = NULL;
	uint64_t published = 0;
	int rc = logpublish_head(k, &cp, &published, NULL, e);
	free(cp);
	if (rc)
		return rc;
	if (*size == 0)
		*size = published;
	if (*size <= published && from >= 1 && from <= *size)
		return 0;
	if (inclusion)
		return kerr_set(e, KERR_NOTFOUND, "the published log has %llu events: no event %llu in a tree of %llu",
		                (unsigned long long)published, (unsigned long long)from, (unsigned long long)*size);
	return kerr_set(e, KERR_NOTFOUND, "the published log has %llu events: no proof from %llu to %llu",
	                (unsigned long long)published, (unsigned long long)from, (unsigned long long)*size);
}

json_t *logpublish_inclusion_proof(kansli *k, uint64_t index, uint64_t size, kerr *e)
{
	return public_size(k, 1, index, &size, e) ? NULL : audit_inclusion_proof(k, index, size, e);
}

json_t *logpublish_consistency_proof(kansli *k, uint64_t old_size, uint64_t size, kerr *e)
{
	return public_size(k, 0, old_size, &size, e) ? NULL : audit_consistency_proof(k, old_size, size, e);
}
