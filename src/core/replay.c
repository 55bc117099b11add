/* replay.c — the covered tables rebuilt from the log; see replay.h. */
#include "core/replay.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/covered.h"
#include "core/rowlog.h"
#include "util/buf.h"
#include "util/jsonscan.h"

static const char SQL_SETUP[] =
	"CREATE TEMP TABLE IF NOT EXISTS verify_state(tbl TEXT NOT NULL, k TEXT NOT NULL, img TEXT NOT NULL, "
	"  PRIMARY KEY(tbl, k)) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS verify_table(tbl TEXT PRIMARY KEY, schema INTEGER NOT NULL) WITHOUT ROWID;"
	"DELETE FROM temp.verify_state; DELETE FROM temp.verify_table;";
/* An image event, found by replay_has_images. Its state, its baseline (at
 * installation and after a migration only) and the schema version are
 * found in one pass over its text (read_entries): SQLite's JSON functions
 * would parse the whole of a bulk import's state again for each. */
static const char SQL_IMAGE_EVENT[] =
	"SELECT data, erased_by IS NOT NULL, (SELECT rows FROM temp.verify_erased WHERE id = ?1) FROM event WHERE id = ?1";
/* The pre-pass: the rows each erased event touched, as the disposal that
 * erased it lists them (erase.h). verify_events has checked that the
 * disposal lists the event with its kept leaf hash. */
static const char SQL_ERASED_SETUP[] =
	"CREATE TEMP TABLE IF NOT EXISTS verify_erased(id INTEGER PRIMARY KEY, rows TEXT NOT NULL);"
	"DELETE FROM temp.verify_erased;"
	"INSERT OR IGNORE INTO temp.verify_erased(id, rows) SELECT e.id, json_extract(x.value, '$.rows') "
	"FROM event d, json_each(d.data, '$.erased') x JOIN event e ON e.id = json_extract(x.value, '$.id') "
	"WHERE d.action = 'disposal.execute' AND instr(d.data, '\"erased\":[') > 0 AND e.erased_by = d.id "
	"  AND json_type(x.value, '$.rows') = 'array';";
/* A row an erased event touched is unknown to replay ("?": no image is
 * that) until the disposal deletes or re-states it. */
static const char UNKNOWN[] = "?";
static const char SQL_UNKNOWN_LEFT[] =
	"SELECT tbl, k FROM temp.verify_state WHERE img = '?' ORDER BY tbl, k";
static const char SQL_UNKNOWN_DROP[] = "DELETE FROM temp.verify_state WHERE img = '?'";
static const char SQL_PUT[] = "INSERT OR REPLACE INTO temp.verify_state(tbl, k, img) VALUES(?1, ?2, ?3)";
static const char SQL_DEL[] = "DELETE FROM temp.verify_state WHERE tbl = ?1 AND k = ?2";
static const char SQL_GET[] = "SELECT img FROM temp.verify_state WHERE tbl = ?1 AND k = ?2";
/* A state entry whose before-image is what the log says, applied in one
 * statement: a new row (no before-image) is inserted unless the log has
 * it; a changed or deleted row is changed only if it is as the log says.
 * No row (no insert: a uniqueness conflict) sends the entry the slow way. */
static const char SQL_ADD[] = "INSERT INTO temp.verify_state(tbl, k, img) VALUES(?1, ?2, ?3)";
static const char SQL_CHANGE_IF[] =
	"UPDATE temp.verify_state SET img = ?3 WHERE tbl = ?1 AND k = ?2 AND img = ?4 RETURNING 1";
static const char SQL_DEL_IF[] = "DELETE FROM temp.verify_state WHERE tbl = ?1 AND k = ?2 AND img = ?3 RETURNING 1";
static const char SQL_COUNT[] = "SELECT count(*) FROM temp.verify_state WHERE tbl = ?1";
static const char SQL_DROP_TABLE[] = "DELETE FROM temp.verify_state WHERE tbl = ?1";
static const char SQL_TABLE_SCHEMA[] = "SELECT schema FROM temp.verify_table WHERE tbl = ?1";
static const char SQL_TABLE_SET[] = "INSERT OR REPLACE INTO temp.verify_table(tbl, schema) VALUES(?1, ?2)";

#define MAX_LISTED 1000

static void differ(json_t *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void differ(json_t *out, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (json_array_size(out) < MAX_LISTED)
		json_array_append_new(out, json_string(msg));
}

static void show(const json_t *v, char *out, size_t n)
{
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	snprintf(out, n, "%s", s ? s : "absent");
	if (strlen(out) == n - 1 && n > 4)
		memcpy(out + n - 4, "...", 4);
	free(s);
}

/* Appends a difference per field that differs between the database's
 * image and the log's; returns how many. db_side and log_side name the
 * two; logged_only compares only the fields the log's image has. */
static int compare_images(json_t *out, const char *tbl, const char *key, const char *db_img,
                          const char *log_img, const char *db_side, const char *log_side, int logged_only)
{
	json_t *a = json_loads(db_img, 0, NULL), *b = json_loads(log_img, 0, NULL);
	int n = 0;
	if (!json_is_object(a) || !json_is_object(b)) {
		differ(out, "table %s row %s: the row cannot be read as the log recorded it", tbl, key);
		n = 1;
		goto done;
	}
	const char *f;
	json_t *v;
	char x[120], y[120];
	json_object_foreach(a, f, v) {
		json_t *w = json_object_get(b, f);
		if ((w && json_equal(v, w)) || (!w && logged_only))
			continue;
		show(v, x, sizeof x);
		show(w, y, sizeof y);
		differ(out, "table %s row %s field %s: %s %s, %s %s", tbl, key, f, db_side, x, log_side, y);
		n++;
	}
	json_object_foreach(b, f, v) {
		if (json_object_get(a, f))
			continue;
		show(v, y, sizeof y);
		differ(out, "table %s row %s field %s: %s has no such field, %s %s", tbl, key, f, db_side, log_side, y);
		n++;
	}
done:
	json_decref(a);
	json_decref(b);
	return n;
}

static int put_row(kansli *k, const char *tbl, const char *key, const char *img, kerr *e)
{
	db_stmt *s = db_prep(k->db, img ? SQL_PUT : SQL_DEL, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, tbl);
	db_bind_text(s, 2, key);
	if (img)
		db_bind_text(s, 3, img);
	return db_run(s, e);
}

static int64_t one_int(kansli *k, const char *sql, const char *tbl, int64_t none, kerr *e)
{
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return -1;
	if (tbl)
		db_bind_text(s, 1, tbl);
	int rc = db_step(s, e);
	int64_t v = rc == DB_ROW ? db_col_int(s, 0) : rc == DB_DONE ? none : -1;
	db_done(s);
	return v;
}

/* A later baseline of a table the log already holds: unless a migration
 * came between (a higher schema version), it must say what the log says. */
static int check_rebaseline(kansli *k, int64_t id, const char *tbl, json_t *rows, json_t *out, kerr *e)
{
	size_t i;
	json_t *r;
	int64_t have = one_int(k, SQL_COUNT, tbl, 0, e);
	if (have < 0)
		return KERR_IO;
	json_array_foreach(rows, i, r) {
		const char *key = json_string_value(json_array_get(r, 0)), *img = json_string_value(json_array_get(r, 1));
		if (!key || !img)
			continue;
		db_stmt *s = db_prep(k->db, SQL_GET, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_text(s, 1, tbl);
		db_bind_text(s, 2, key);
		int rc = db_step(s, e);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE) {
			differ(out, "table %s row %s: the baseline of event %lld has a row the log never added", tbl, key,
			       (long long)id);
			continue;
		}
		have--;
		char *old = strdup(db_col_text(s, 0));
		db_done(s);
		char side[80];
		snprintf(side, sizeof side, "the baseline of event %lld says", (long long)id);
		/* a column the log did not cover yet is what a baseline adds */
		compare_images(out, tbl, key, img, old, side, "before it the log says", 1);
		free(old);
	}
	if (have > 0)
		differ(out, "table %s: the baseline of event %lld lacks %lld rows the log holds", tbl, (long long)id,
		       (long long)have);
	return 0;
}

static int apply_baseline(kansli *k, int64_t id, json_t *base, int64_t schema, json_t *out, kerr *e)
{
	const char *tbl;
	json_t *rows;
	int rc;
	json_object_foreach(base, tbl, rows) {
		int64_t known = one_int(k, SQL_TABLE_SCHEMA, tbl, -2, e);
		if (known == -1)
			return KERR_IO;
		if (known >= schema && (rc = check_rebaseline(k, id, tbl, rows, out, e)))
			return rc;
		db_stmt *s = db_prep(k->db, SQL_DROP_TABLE, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_text(s, 1, tbl);
		if ((rc = db_run(s, e)))
			return rc;
		size_t i;
		json_t *r;
		json_array_foreach(rows, i, r) {
			const char *key = json_string_value(json_array_get(r, 0)), *img = json_string_value(json_array_get(r, 1));
			if (key && img && (rc = put_row(k, tbl, key, img, e)))
				return rc;
		}
		if (!(s = db_prep(k->db, SQL_TABLE_SET, e)))
			return KERR_INTERNAL;
		db_bind_text(s, 1, tbl);
		db_bind_int(s, 2, schema);
		if ((rc = db_run(s, e)))
			return rc;
	}
	return 0;
}

/* The entries of one state, read in one pass over its text: their
 * strings in one buffer (offsets, as it grows), kept from event to event. */
typedef struct state_entry {
	int n;            /* its number of elements */
	int text[4];      /* element i is a string */
	size_t off[4];    /* ... and where its value starts in strings */
} state_entry;

typedef struct state_entries {
	state_entry *e;
	size_t n, cap;
	buf strings;
} state_entries;

static const char *entry_text(const state_entries *st, const state_entry *en, int i)
{
	return en->text[i] ? st->strings.s + en->off[i] : NULL;
}

static state_entry *new_entry(state_entries *st)
{
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		if (!(st->e = realloc(st->e, st->cap * sizeof *st->e)))
			abort();
	}
	state_entry *en = &st->e[st->n++];
	memset(en, 0, sizeof *en);
	return en;
}

/* One entry: its first four elements that are strings, and how many
 * elements it has. NULL on malformed text. */
static const char *read_entry(const char *p, state_entries *st, state_entry *en)
{
	int r;
	while ((r = jsonscan_next(&p, NULL)) == 1) {
		int i = en->n++;
		if (i < 4 && *p == '"') {
			en->text[i] = 1;
			en->off[i] = st->strings.len;
			if (!(p = jsonscan_string(p, &st->strings)))
				return NULL;
			buf_addc(&st->strings, '\0');
		} else if (!(p = jsonscan_skip(p))) {
			return NULL;
		}
	}
	return r == 0 ? p : NULL;
}

/* The top-level members of event data replay reads, each its first, as
 * SQLite's JSON functions take it: the entries of "state", in order
 * (only the strings are copied), the text of "baseline" (where it starts
 * and ends) and "schema". No state, or one that is not an array, has no
 * entries; an entry that is not an array has no table or key, and is
 * skipped as it always was. */
typedef struct image_event {
	const char *baseline, *baseline_end; /* NULL: none */
	int64_t schema;                      /* 0: none */
} image_event;

static const char *read_state(const char *p, state_entries *st)
{
	if (*p != '[')
		return jsonscan_skip(p);
	int r;
	while ((r = jsonscan_next(&p, NULL)) == 1) {
		if (*p == '[')
			p = read_entry(p, st, new_entry(st));
		else
			p = jsonscan_skip(p);
		if (!p)
			return NULL;
	}
	return r == 0 ? p : NULL;
}

static int read_entries(int64_t id, const char *data, state_entries *st, image_event *ie, kerr *e)
{
	st->n = 0;
	buf_reset(&st->strings);
	memset(ie, 0, sizeof *ie);
	buf key = BUF_INIT;
	const char *p = jsonscan_ws(data);
	int r = *p == '{' ? 1 : 0, seen_state = 0, seen_schema = 0;
	while (r == 1 && (r = jsonscan_next(&p, &key)) == 1) {
		const char *v = p;
		if (!strcmp(key.s, "state") && !seen_state) {
			seen_state = 1;
			p = read_state(p, st);
		} else if (!(p = jsonscan_skip(p))) {
			break;
		} else if (!strcmp(key.s, "baseline") && !ie->baseline) {
			ie->baseline = v;
			ie->baseline_end = p;
		} else if (!strcmp(key.s, "schema") && !seen_schema) {
			seen_schema = 1;
			ie->schema = strtoll(v, NULL, 10);
		}
		if (!p)
			break;
	}
	buf_free(&key);
	if (r == 1 && !p)
		r = -1;
	return r < 0 ? kerr_set(e, KERR_INTERNAL, "event %lld: its data cannot be read as JSON", (long long)id) : 0;
}

/* A row image recorded as the row was before event id's transaction
 * (null: there was no row) must be what the log says at that point: else
 * the row was changed behind kansli's back before that write. Events
 * written before before-images were recorded have none to check. */
static int check_before(kansli *k, int64_t id, const char *tbl, const char *key, const char *before, json_t *out,
                        kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, tbl);
	db_bind_text(s, 2, key);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE) {
		if (before)
			differ(out, "table %s row %s: before event %lld it existed, though the log never added it",
			       tbl, key, (long long)id);
		return 0;
	}
	const char *logged = db_col_text(s, 0);
	char digest[ROWLOG_DIGEST_LEN];
	if (!strcmp(logged, UNKNOWN)) {
		/* erased with the events that made it: nothing to check against */
	} else if (!before)
		differ(out, "table %s row %s: before event %lld it was gone, though the log says it exists", tbl, key,
		       (long long)id);
	else if (before[0] == '#') {
		if (strcmp(before, rowlog_before_digest(logged, digest)) != 0)
			differ(out, "table %s row %s: before event %lld the database had a row other than the log "
			       "says (its digest differs)", tbl, key, (long long)id);
	} else if (strcmp(before, logged) != 0) {
		char side[80];
		snprintf(side, sizeof side, "before event %lld the database had", (long long)id);
		compare_images(out, tbl, key, before, logged, side, "the log says", 0);
	}
	db_done(s);
	return 0;
}

/* The entries in strictly increasing (table, key) order, as rowlog.c
 * writes them: no key twice, so each entry's check may be made just
 * before it is applied. */
static int keys_increase(const state_entries *st)
{
	const state_entry *prev = NULL;
	for (size_t i = 0; i < st->n; i++) {
		const state_entry *en = &st->e[i];
		if (!en->text[0] || !en->text[1])
			continue;
		int c = prev ? strcmp(entry_text(st, prev, 0), entry_text(st, en, 0)) : -1;
		if (c > 0 || (c == 0 && strcmp(entry_text(st, prev, 1), entry_text(st, en, 1)) >= 0))
			return 0;
		prev = en;
	}
	return 1;
}

/* An entry with a before-image, applied in one statement when the log
 * agrees with it: 1 done, 0 not (nothing changed), or KERR_*. */
static int apply_if_agrees(kansli *k, const char *tbl, const char *key, const char *img, const char *before,
                           kerr *e)
{
	if (!before && !img)
		return 0;
	db_stmt *s = db_prep(k->db, !before ? SQL_ADD : img ? SQL_CHANGE_IF : SQL_DEL_IF, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, tbl);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, img ? img : before);
	if (before && img)
		db_bind_text(s, 4, before);
	int rc = db_step(s, e);
	db_done(s);
	if (rc == KERR_CONFLICT) {
		if (e)
			*e = (kerr)KERR_INIT;
		return 0;
	}
	return rc < 0 ? rc : !before || rc == DB_ROW;
}

/* The state of event data: every before-image checked against what the
 * log says before the event, then the rows set and deleted in order. */
static int apply_state(kansli *k, int64_t id, const state_entries *st, json_t *out, kerr *e)
{
	int rc = 0;
	if (keys_increase(st)) {
		for (size_t i = 0; !rc && i < st->n; i++) {
			const state_entry *en = &st->e[i];
			const char *tbl = entry_text(st, en, 0), *key = entry_text(st, en, 1);
			if (!tbl || !key)
				continue;
			const char *img = entry_text(st, en, 2);
			if (en->n >= 4 && (rc = apply_if_agrees(k, tbl, key, img, entry_text(st, en, 3), e)) != 0) {
				rc = rc < 0 ? rc : 0;
				continue;
			}
			if (en->n >= 4)
				rc = check_before(k, id, tbl, key, entry_text(st, en, 3), out, e);
			if (!rc)
				rc = put_row(k, tbl, key, img, e);
		}
		return rc;
	}
	for (size_t i = 0; !rc && i < st->n; i++) {
		const state_entry *en = &st->e[i];
		if (en->text[0] && en->text[1] && en->n >= 4)
			rc = check_before(k, id, entry_text(st, en, 0), entry_text(st, en, 1), entry_text(st, en, 3),
			                  out, e);
	}
	for (size_t i = 0; !rc && i < st->n; i++) {
		const state_entry *en = &st->e[i];
		if (en->text[0] && en->text[1])
			rc = put_row(k, entry_text(st, en, 0), entry_text(st, en, 1), entry_text(st, en, 2), e);
	}
	return rc;
}

/* Only an event whose data has a top-level "state" or "baseline" key holds
 * row images; a quote inside a string value is escaped, so the keys are
 * found as text. */
int replay_has_images(const char *data)
{
	return strstr(data, "\"state\":[") || strstr(data, "\"baseline\":{");
}

/* Event id was erased by a disposal: the rows it touched (rows, the
 * disposal's list of their keys) are unknown from here. */
static int mark_unknown(kansli *k, int64_t id, const char *rows, json_t *out, kerr *e)
{
	json_t *arr = rows ? json_loads(rows, 0, NULL) : NULL;
	if (!json_is_array(arr)) {
		differ(out, "event %lld: erased, but its disposal does not list the rows it touched", (long long)id);
		json_decref(arr);
		return 0;
	}
	size_t i;
	json_t *r;
	int rc = 0;
	json_array_foreach(arr, i, r) {
		const char *tbl = json_string_value(json_array_get(r, 0)), *key = json_string_value(json_array_get(r, 1));
		if (tbl && key && (rc = put_row(k, tbl, key, UNKNOWN, e)))
			break;
	}
	json_decref(arr);
	return rc;
}

static int replay(kansli *k, const int64_t *ids, size_t n, json_t *out, kerr *e)
{
	state_entries st = { NULL, 0, 0, BUF_INIT };
	int rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		db_stmt *s = db_prep(k->db, SQL_IMAGE_EVENT, e);
		if (!s) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_int(s, 1, ids[i]);
		if ((rc = db_step(s, e)) != DB_ROW) {
			if (rc == DB_DONE)
				rc = kerr_set(e, KERR_INTERNAL, "event %lld went missing during verify", (long long)ids[i]);
			break;
		}
		if (db_col_int(s, 1)) {
			rc = mark_unknown(k, ids[i], db_col_null(s, 2) ? NULL : db_col_text(s, 2), out, e);
			db_done(s);
			continue;
		}
		image_event ie;
		json_t *base = NULL;
		if ((rc = read_entries(ids[i], db_col_text(s, 0), &st, &ie, e)) == 0 && ie.baseline)
			base = json_loadb(ie.baseline, (size_t)(ie.baseline_end - ie.baseline), 0, NULL);
		/* A baseline comes after the state of its own commit: the rows the
		 * commit changed are in both, and the baseline is the later view. */
		if (!rc)
			rc = apply_state(k, ids[i], &st, out, e);
		if (!rc && json_is_object(base))
			rc = apply_baseline(k, ids[i], base, ie.schema, out, e);
		json_decref(base);
		db_done(s);
	}
	free(st.e);
	buf_free(&st.strings);
	return rc;
}

static int compare_table(kansli *k, const covered_table *t, json_t *out, uint64_t *rows, kerr *e)
{
	int64_t logged = one_int(k, SQL_TABLE_SCHEMA, t->name, -2, e);
	if (logged == -1)
		return KERR_IO; /* could not read: e says why */
	if (logged == -2) {
		db_stmt *s = db_prep(k->db, t->sql_all, e);
		if (!s)
			return KERR_INTERNAL;
		int rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
		if (rc == DB_ROW)
			differ(out, "table %s: it has rows but the log never recorded the table", t->name);
		return 0;
	}
	db_stmt *s = db_prep(k->db, t->sql_diff, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	int64_t extra = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (db_col_null(s, 2)) {
			extra++;
			differ(out, "table %s row %s: an extra row the log never added", t->name, db_col_text(s, 0));
			continue;
		}
		if (db_col_int(s, 3))
			differ(out, "table %s row %s: a value is stored as a type kansli never writes there (a blob "
			       "where it writes text or a number, or the other way round)", t->name, db_col_text(s, 0));
		if (strcmp(db_col_text(s, 1), db_col_text(s, 2)) != 0)
			compare_images(out, t->name, db_col_text(s, 0), db_col_text(s, 1), db_col_text(s, 2),
			               "the database has", "the log says", 0);
	}
	if (rc < 0)
		return rc;
	int64_t held = one_int(k, SQL_COUNT, t->name, 0, e);
	if (held < 0)
		return KERR_IO;
	*rows += (uint64_t)held;
	/* Every row the database has that is not extra has its key in the log.
	 * Where no two rows can share a key (the rowid), as many such rows as
	 * the log holds means none of the log's is missing, and the lookup of
	 * each of the log's keys (the slower half of the comparison of a large
	 * table) can be skipped. */
	if (t->key_is_rowid) {
		int64_t have = one_int(k, t->sql_count, NULL, -1, e);
		if (have < 0)
			return KERR_IO;
		if (have - extra == held)
			return 0;
	}
	if (!(s = db_prep(k->db, t->sql_missing, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW)
		differ(out, "table %s row %s: missing, though the log says it exists", t->name, db_col_text(s, 0));
	return rc < 0 ? rc : 0;
}

/* Numbers issued must lie within their counter: a counter moved back
 * would hand out a number twice. */
static const char SQL_COUNTERS[] =
	"SELECT c.series_id, c.year, max(c.seq), n.last_number FROM case_file c "
	"LEFT JOIN number_counter n ON n.series_id = c.series_id AND n.year = c.year "
	"GROUP BY c.series_id, c.year HAVING n.last_number IS NULL OR n.last_number < max(c.seq)";

static int check_counters(kansli *k, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_COUNTERS, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		differ(out, "table number_counter row [%lld,%lld]: the last number is %s but case number %lld "
		       "was issued", (long long)db_col_int(s, 0), (long long)db_col_int(s, 1),
		       db_col_null(s, 3) ? "missing" : db_col_text(s, 3), (long long)db_col_int(s, 2));
	return rc < 0 ? rc : 0;
}

/* Every row an erased event touched must be deleted or re-stated by the
 * disposal that erased it; one still unknown is named, then dropped from
 * the comparison (its image is no JSON to compare). */
static int unknown_left(kansli *k, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_UNKNOWN_LEFT, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		differ(out, "table %s row %s: an event that touched it was erased, and no disposal re-stated it",
		       db_col_text(s, 0), db_col_text(s, 1));
	if (rc < 0)
		return rc;
	return db_exec(k->db, SQL_UNKNOWN_DROP, e);
}

int replay_compare(kansli *k, const int64_t *image_events, size_t n, json_t *out, uint64_t *rows, kerr *e)
{
	const covered *c;
	int rc = covered_load(k, &c, e);
	if (rc || (rc = db_exec(k->db, SQL_SETUP, e)) || (rc = db_exec(k->db, SQL_ERASED_SETUP, e)) ||
	    (rc = replay(k, image_events, n, out, e)) || (rc = unknown_left(k, out, e)))
		return rc;
	for (int i = 0; i < c->n; i++)
		if ((rc = compare_table(k, &c->t[i], out, rows, e)))
			return rc;
	return check_counters(k, out, e);
}
