/*
 * test_logpublish.c — the public's heads (core/logpublish.c): moments are
 * multiples of the interval; the step publishes the tree of the events
 * before the moment, dated at the moment, only when it grew (no noise
 * rows); the interval's bounds; and public proofs stay within the newest
 * published head whatever the live log holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/kansli.h"
#include "core/logpublish.h"
#include "core/org.h"
#include "test.h"
#include "util/timeutil.h"

#define HOUR_US (3600LL * 1000000)

static int64_t count(kansli *k, const char *sql)
{
	kerr e = KERR_INIT;
	db_stmt *s = db_prep(k->db, sql, &e);
	int64_t n = s && db_step(s, &e) == DB_ROW ? db_col_int(s, 0) : -1;
	if (s)
		db_done(s);
	return n;
}

static const char SQL_EVENTS[] = "SELECT count(*) FROM event";
static const char SQL_HEADS[] = "SELECT count(*) FROM tree_head";

int main(void)
{
	time_init_zone();
	CHECK("a moment is the hour at or before now", logpublish_moment(5 * HOUR_US + 1234, 60) == 5 * HOUR_US);
	CHECK("now on the hour is its own moment", logpublish_moment(5 * HOUR_US, 60) == 5 * HOUR_US);
	CHECK("a microsecond before the hour is the hour before",
	      logpublish_moment(5 * HOUR_US - 1, 60) == 4 * HOUR_US);
	CHECK("a day's interval falls at midnight UTC", logpublish_moment(49 * HOUR_US, 1440) == 48 * HOUR_US);
	CHECK("before 1970 rounds down too", logpublish_moment(-1, 60) == -HOUR_US);

	char dir[] = "/tmp/kansli-test-logpublish-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char data[80];
	snprintf(data, sizeof data, "%s/data", dir);
	kerr e = KERR_INIT;
	kansli *k = NULL;
	CHECK("create an installation", kansli_create(data, "test.example/logpublish", &e) == 0);
	CHECK("open it", kansli_open(&k, data, &e) == 0);
	if (!k)
		return 1;
	int minutes = 0;
	CHECK("the default interval is an hour", logpublish_interval(k, &minutes, &e) == 0 && minutes == 60);
	CHECK("7 minutes does not divide a day", logpublish_set_interval(k, 7, &e) == KERR_INVALID);
	CHECK("4 minutes is under the bound", logpublish_set_interval(k, 4, &e) == KERR_INVALID);
	CHECK("2880 minutes is over the bound", logpublish_set_interval(k, 2880, &e) == KERR_INVALID);
	CHECK("a refused interval changes nothing", logpublish_interval(k, &minutes, &e) == 0 && minutes == 60);

	uint64_t size = 99, got = 0;
	char *cp = NULL;
	int64_t when = 0, now = time_now_us();
	CHECK("nothing published before the first run", logpublish_head(k, &cp, &got, NULL, &e) == KERR_NOTFOUND);
	CHECK("a moment before every event publishes nothing", logpublish_run(k, 0, &size, &e) == 0 && size == 0);
	CHECK("... and adds no row", count(k, SQL_HEADS) == 0);

	int64_t later = now + 2 * HOUR_US, moment = logpublish_moment(later, 60);
	int64_t events = count(k, SQL_EVENTS);
	CHECK("a later moment publishes every event before it",
	      logpublish_run(k, later, &size, &e) == 0 && size == (uint64_t)events);
	CHECK("the newest head is served with the moment as its time",
	      logpublish_head(k, &cp, &got, &when, &e) == 0 && got == size && when == moment);
	CHECK("its checkpoint names the size", cp && strstr(cp, "\n") && strtoull(strchr(cp, '\n') + 1, NULL, 10) == got);
	free(cp);
	cp = NULL;
	CHECK("the same moment again publishes nothing", logpublish_run(k, later, &size, &e) == 0 && size == 0);
	CHECK("... no noise row", count(k, SQL_HEADS) == 1);

	/* The live log grows past the published head. */
	CHECK("an organisation (more events)", org_add(k, "kommun", "Kommunen", NULL, &e) == 0);
	int64_t live = count(k, SQL_EVENTS);
	CHECK("the live log is longer", live > events);
	CHECK("the public head stays", logpublish_head(k, &cp, &got, NULL, &e) == 0 && got == (uint64_t)events);
	free(cp);
	cp = NULL;
	json_t *p = logpublish_inclusion_proof(k, 1, 0, &e);
	CHECK("a public proof without a size is in the published tree",
	      p && json_integer_value(json_object_get(p, "tree_size")) == events);
	json_decref(p);
	p = logpublish_inclusion_proof(k, (uint64_t)live, 0, &e);
	CHECK("a live event past the published head is not found", !p && e.code == KERR_NOTFOUND);
	CHECK("... and the message names the published size only",
	      strstr(e.msg, "published log has") && !strstr(e.msg, "events: no event 0"));
	e = (kerr)KERR_INIT;
	p = logpublish_consistency_proof(k, 1, (uint64_t)live, &e);
	CHECK("a consistency proof to the live size is not found", !p && e.code == KERR_NOTFOUND);
	p = logpublish_consistency_proof(k, 1, (uint64_t)events, &e);
	CHECK("one within the published head is made", p != NULL);
	json_decref(p);

	CHECK("the installation sets 30 minutes", logpublish_set_interval(k, 30, &e) == 0);
	CHECK("it is read back", logpublish_interval(k, &minutes, &e) == 0 && minutes == 30);
	CHECK("the next moment publishes the grown log",
	      logpublish_run(k, later + HOUR_US, &size, &e) == 0 && size == (uint64_t)count(k, SQL_EVENTS));
	CHECK("two heads kept", count(k, SQL_HEADS) == 2);

	kansli_close(k);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	TEST_END();
}
