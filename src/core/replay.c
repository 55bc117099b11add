/* replay.c — the covered tables rebuilt from the log; see replay.h. */
#include "core/replay.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/covered.h"
#include "core/replaystate.h"
#include "core/rowdigest.h"
#include "core/rowimage.h"
#include "util/buf.h"
#include "util/jsonscan.h"
#include "util/workq.h"

/* The logged images of record_file, for verify's check of each record's
 * set of files (replay_compare fills it after the comparison). */
static const char SQL_SETUP[] =
	"CREATE TEMP TABLE IF NOT EXISTS verify_files(k TEXT NOT NULL, img TEXT NOT NULL);"
	"DELETE FROM temp.verify_files;";
static const char SQL_FILE_PUT[] = "INSERT INTO temp.verify_files(k, img) VALUES(?1, ?2)";
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

/* What replay works with: the connection, the rows as the log says they
 * are (replaystate.h), the list of differences, and a buffer an image is
 * read back into. */
struct replay {
	kansli *k;
	rs_state rs;
	json_t *out;       /* the differences replay finds, until replay_compare lists them */
	buf text;
	struct state_entries *st; /* the entries of the event being replayed */
};
typedef struct replay replay_ctx;

/* An image is read back while verify's pass over the log still reads the
 * event being replayed (with its own statement). */
static const char SQL_IMAGE_AGAIN[] = "SELECT data FROM event WHERE id = ?1";

/* The image the log holds for en (present), read back from its event into
 * c->text: only to name what differs. 0 or KERR_*. */
static int logged_text(replay_ctx *c, const rs_entry *en, kerr *e)
{
	db_stmt *s = db_prep(c->k->db, SQL_IMAGE_AGAIN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, en->event);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	buf_reset(&c->text);
	int ok = rc == DB_ROW && en->off < (size_t)db_col_bytes(s, 0) &&
	         jsonscan_string(db_col_text(s, 0) + en->off, &c->text);
	db_done(s);
	if (!ok)
		return kerr_set(e, KERR_INTERNAL, "event %lld: a row image cannot be read again", (long long)en->event);
	/* as it was replayed: a value held as its digest shown as that */
	buf digested = BUF_INIT;
	if (rowdigest_image(c->rs.tables[en->table].name, c->text.s, &digested)) {
		buf_reset(&c->text);
		buf_add(&c->text, digested.s, digested.len);
	}
	buf_free(&digested);
	return 0;
}

/* Sets the row (table, key) to img, written at off in event id's data;
 * img NULL deletes it. */
static void put_row(replay_ctx *c, const char *tbl, const char *key, const char *img, int64_t id, size_t off)
{
	rs_state *rs = &c->rs;
	rs_set(rs, rs_entry_of(rs, rs_table_of(rs, tbl), key), img, id, off);
}

/* The entries of one state, read in one pass over its text: their
 * strings in one buffer (offsets, as it grows), kept from event to event. */
typedef struct state_entry {
	int n;            /* its number of elements */
	int text[4];      /* element i is a string */
	size_t off[4];    /* ... and where its value starts in strings */
	size_t src[4];    /* ... and where its JSON string starts in the event's data */
} state_entry;

struct state_entries {
	state_entry *e;
	size_t n, cap;
	buf strings;
};
typedef struct state_entries state_entries;

static void entries_reset(state_entries *st)
{
	st->n = 0;
	buf_reset(&st->strings);
}

static const char *entry_text(const state_entries *st, const state_entry *en, int i)
{
	return en->text[i] ? st->strings.s + en->off[i] : NULL;
}

/* Element i of en, an image of table, as this version writes it: a value
 * a log written before held itself, replaced by its digest (rowdigest.h).
 * The new text goes after the others; en->src still names the old. */
static void digest_element(state_entries *st, state_entry *en, const char *table, int i, buf *tmp)
{
	if (!en->text[i] || !rowdigest_image(table, entry_text(st, en, i), tmp))
		return;
	en->off[i] = st->strings.len;
	buf_add(&st->strings, tmp->s, tmp->len + 1);
}

/* Every image in st of a table with digested columns, so (table NULL: a
 * state's entries, [table, key, image, before]; else a baseline's rows of
 * table, [key, image]). */
static void digest_entries(state_entries *st, const char *table)
{
	buf tmp = BUF_INIT, name = BUF_INIT;
	if (table && !rowdigest_table(table))
		return;
	for (size_t i = 0; i < st->n; i++) {
		state_entry *en = &st->e[i];
		if (table) {
			digest_element(st, en, table, 1, &tmp);
			continue;
		}
		if (!en->text[0] || !rowdigest_table(entry_text(st, en, 0)))
			continue;
		buf_reset(&name); /* the strings may move as they grow */
		buf_adds(&name, entry_text(st, en, 0));
		digest_element(st, en, name.s, 2, &tmp);
		digest_element(st, en, name.s, 3, &tmp);
	}
	buf_free(&tmp);
	buf_free(&name);
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
static const char *read_entry(const char *data, const char *p, state_entries *st, state_entry *en)
{
	int r;
	while ((r = jsonscan_next(&p, NULL)) == 1) {
		int i = en->n++;
		if (i < 4 && *p == '"') {
			en->text[i] = 1;
			en->off[i] = st->strings.len;
			en->src[i] = (size_t)(p - data);
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
	const char *state, *state_end;       /* NULL: none */
	int64_t schema;                      /* 0: none */
} image_event;

static const char *read_state(const char *data, const char *p, state_entries *st)
{
	if (*p != '[')
		return jsonscan_skip(p);
	int r;
	while ((r = jsonscan_next(&p, NULL)) == 1) {
		if (*p == '[')
			p = read_entry(data, p, st, new_entry(st));
		else
			p = jsonscan_skip(p);
		if (!p)
			return NULL;
	}
	return r == 0 ? p : NULL;
}

static int read_entries(int64_t id, const char *data, state_entries *st, image_event *ie, kerr *e)
{
	entries_reset(st);
	memset(ie, 0, sizeof *ie);
	buf key = BUF_INIT;
	const char *p = jsonscan_ws(data);
	int r = *p == '{' ? 1 : 0, seen_state = 0, seen_schema = 0;
	while (r == 1 && (r = jsonscan_next(&p, &key)) == 1) {
		const char *v = p;
		if (!strcmp(key.s, "state") && !seen_state) {
			seen_state = 1;
			p = read_state(data, p, st);
			ie->state = v;
			ie->state_end = p;
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
static int check_before(replay_ctx *c, int64_t id, const char *tbl, const char *key, const char *before, kerr *e)
{
	int t = rs_table_find(&c->rs, tbl);
	const rs_entry *en = t < 0 ? NULL : rs_find(&c->rs, t, key);
	if (!en || !en->present) {
		if (before)
			differ(c->out, "table %s row %s: before event %lld it existed, though the log never added it",
			       tbl, key, (long long)id);
		return 0;
	}
	if (!before) {
		differ(c->out, "table %s row %s: before event %lld it was gone, though the log says it exists", tbl,
		       key, (long long)id);
		return 0;
	}
	if (rs_same(en, before, strlen(before)))
		return 0;
	int rc = logged_text(c, en, e);
	if (rc)
		return rc;
	char side[80];
	snprintf(side, sizeof side, "before event %lld the database had", (long long)id);
	compare_images(c->out, tbl, key, before, c->text.s, side, "the log says", 0);
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

/* An entry with a before-image, applied at once when the log agrees with
 * it (a new row the log does not have, a changed or deleted row as the log
 * says it was): 1 done, 0 not (nothing changed: the checking path). */
static int apply_if_agrees(replay_ctx *c, int64_t id, const state_entries *st, const state_entry *sen)
{
	const char *img = entry_text(st, sen, 2), *before = entry_text(st, sen, 3);
	if (!before && !img)
		return 0;
	rs_state *rs = &c->rs;
	rs_entry *en = rs_entry_of(rs, rs_table_of(rs, entry_text(st, sen, 0)), entry_text(st, sen, 1));
	if (!before ? en->present : !rs_same(en, before, strlen(before)))
		return 0;
	rs_set(rs, en, img, id, sen->src[2]);
	return 1;
}

static void put_entry(replay_ctx *c, int64_t id, const state_entries *st, const state_entry *en)
{
	put_row(c, entry_text(st, en, 0), entry_text(st, en, 1), entry_text(st, en, 2), id, en->src[2]);
}

/* The state of event data: every before-image checked against what the
 * log says before the event, then the rows set and deleted in order. */
static int apply_state(replay_ctx *c, int64_t id, const state_entries *st, kerr *e)
{
	int rc = 0;
	if (keys_increase(st)) {
		for (size_t i = 0; !rc && i < st->n; i++) {
			const state_entry *en = &st->e[i];
			if (!en->text[0] || !en->text[1])
				continue;
			if (en->n >= 4 && apply_if_agrees(c, id, st, en))
				continue;
			if (en->n >= 4)
				rc = check_before(c, id, entry_text(st, en, 0), entry_text(st, en, 1), entry_text(st, en, 3), e);
			if (!rc)
				put_entry(c, id, st, en);
		}
		return rc;
	}
	for (size_t i = 0; !rc && i < st->n; i++) {
		const state_entry *en = &st->e[i];
		if (en->text[0] && en->text[1] && en->n >= 4)
			rc = check_before(c, id, entry_text(st, en, 0), entry_text(st, en, 1), entry_text(st, en, 3), e);
	}
	for (size_t i = 0; !rc && i < st->n; i++) {
		const state_entry *en = &st->e[i];
		if (en->text[0] && en->text[1])
			put_entry(c, id, st, en);
	}
	return rc;
}

/* A later baseline of a table the log already holds: unless a migration
 * came between (a higher schema version), it must say what the log says.
 * rows are the baseline's [key, image] pairs. */
static int check_rebaseline(replay_ctx *c, int64_t id, int t, const state_entries *rows, kerr *e)
{
	const char *tbl = c->rs.tables[t].name;
	int64_t have = c->rs.tables[t].present;
	for (size_t i = 0; i < rows->n; i++) {
		const state_entry *r = &rows->e[i];
		const char *key = entry_text(rows, r, 0), *img = entry_text(rows, r, 1);
		if (!key || !img)
			continue;
		const rs_entry *en = rs_find(&c->rs, t, key);
		if (!en || !en->present) {
			differ(c->out, "table %s row %s: the baseline of event %lld has a row the log never added", tbl,
			       key, (long long)id);
			continue;
		}
		have--;
		if (rs_same(en, img, strlen(img)))
			continue;
		int rc = logged_text(c, en, e);
		if (rc)
			return rc;
		char side[80];
		snprintf(side, sizeof side, "the baseline of event %lld says", (long long)id);
		/* a column the log did not cover yet is what a baseline adds */
		compare_images(c->out, tbl, key, img, c->text.s, side, "before it the log says", 1);
	}
	if (have > 0)
		differ(c->out, "table %s: the baseline of event %lld lacks %lld rows the log holds", tbl, (long long)id,
		       (long long)have);
	return 0;
}

/* One table of a baseline: its rows replace the table's. */
static int baseline_table(replay_ctx *c, int64_t id, const char *tbl, const state_entries *rows, int64_t schema,
                          kerr *e)
{
	rs_state *rs = &c->rs;
	int t = rs_table_of(rs, tbl), rc;
	if (rs->tables[t].schema >= schema && (rc = check_rebaseline(c, id, t, rows, e)))
		return rc;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->e[i].table == t)
			rs_set(rs, &rs->e[i], NULL, 0, 0);
	for (size_t i = 0; i < rows->n; i++) {
		const state_entry *r = &rows->e[i];
		const char *key = entry_text(rows, r, 0), *img = entry_text(rows, r, 1);
		if (key && img)
			rs_set(rs, rs_entry_of(rs, t, key), img, id, r->src[1]);
	}
	rs->tables[t].schema = schema;
	return 0;
}

/* A baseline, {table: [[key, image], ...], ...}, at p in event id's data:
 * each table's rows read as a state's entries are (into st), then applied. */
static int apply_baseline(replay_ctx *c, int64_t id, const char *data, const char *p, int64_t schema,
                          state_entries *st, kerr *e)
{
	buf tbl = BUF_INIT;
	int r, rc = 0;
	while (!rc && (r = jsonscan_next(&p, &tbl)) == 1) {
		entries_reset(st);
		if (!(p = read_state(data, p, st)))
			r = -1;
		if (r < 0)
			break;
		digest_entries(st, tbl.s);
		rc = baseline_table(c, id, tbl.s, st, schema, e);
	}
	buf_free(&tbl);
	if (rc)
		return rc;
	return r < 0 ? kerr_set(e, KERR_INTERNAL, "event %lld: its baseline cannot be read as JSON", (long long)id) : 0;
}

/* Only an event whose data has a top-level "state" or "baseline" key holds
 * row images; a quote inside a string value is escaped, so the keys are
 * found as text. */
int replay_has_images(const char *data)
{
	return strstr(data, "\"state\":[") || strstr(data, "\"baseline\":{");
}

/* The event's state, its baseline (at installation and after a migration
 * only) and its schema version are found in one pass over its text
 * (read_entries): SQLite's JSON functions would parse the whole of a bulk
 * import's state again for each. */
int replay_event(replay *c, int64_t id, const char *data, size_t state[2], kerr *e)
{
	image_event ie;
	state_entries *st = c->st;
	int rc = read_entries(id, data, st, &ie, e);
	if (!rc)
		digest_entries(st, NULL);
	state[0] = state[1] = 0;
	if (!rc && ie.state && ie.state_end) {
		state[0] = (size_t)(ie.state - data);
		state[1] = (size_t)(ie.state_end - data);
	}
	/* A baseline comes after the state of its own commit: the rows the
	 * commit changed are in both, and the baseline is the later view. */
	if (!rc)
		rc = apply_state(c, id, st, e);
	if (!rc && ie.baseline && *ie.baseline == '{')
		rc = apply_baseline(c, id, data, ie.baseline, ie.schema, st, e);
	return rc;
}

/* A database row as the comparing worker needs it, copied out of SQLite's
 * row: its key, and the values of its covered columns (as covered.h's
 * cols, then those outside the log when a replay_also reads them), their
 * text and bytes in the batch's text. */
typedef struct row_value {
	int type;      /* DB_* */
	int64_t i;     /* an integer */
	size_t off, len; /* text, a real written as text, or a blob's bytes */
} row_value;

enum { ROW_BATCH = 512, ROW_DEPTH = 8 };

typedef struct row_batch {
	int n;
	size_t key[ROW_BATCH]; /* each row's key, NUL-terminated in text */
	row_value *v;          /* ncols values a row */
	buf text;
} row_batch;

/* The worker's side of one table's comparison: it alone touches the
 * replayed rows and the list of differences while the reader reads. It
 * writes each row's image (rowimage.h) and compares its digest; a row
 * whose image differs is kept (its entry, key and image) to be named
 * field by field by the reader after, which reads the log's image back. */
typedef struct row_work {
	replay_ctx *c;
	const covered_table *t;
	replay_also *also;    /* the reader of its columns outside the log, or NULL */
	int nvals;            /* values a row: the covered columns, and those outside for also */
	int ti;
	int64_t seen;
	rowimage_value *vals; /* one row's values, as rowimage wants them */
	char (*digests)[SQL_DIGEST_SIZE]; /* ... a digested column's digest, per column (rowdigest.h) */
	buf img;              /* ... and its image */
	size_t *changed;   /* entries whose image differs ... */
	buf changed_text;  /* ... and the database's key and image, NUL-separated, in order */
	size_t nchanged;
} row_work;

/* 1 when a value has a type kansli never writes in its column: a blob in
 * a column not declared BLOB, or anything but a blob or null in one that
 * is (an image writes a blob as "x:<HEX>", which the text "x:<HEX>" also
 * reads as: this tells them apart). */
static int bad_type(const covered_table *t, int col, int type)
{
	return t->col_blob[col] ? type != DB_BLOB && type != DB_NULL : type == DB_BLOB;
}

static void row_batch_run(void *arg, void *batch)
{
	row_work *w = arg;
	row_batch *b = batch;
	rs_state *rs = &w->c->rs;
	const covered_table *t = w->t;
	for (int i = 0; i < b->n; i++) {
		const char *key = b->text.s + b->key[i];
		const row_value *v = b->v + (size_t)i * (size_t)w->nvals;
		for (int c = 0; c < w->nvals; c++)
			w->vals[c] = (rowimage_value){ v[c].type, v[c].i, b->text.s + v[c].off, v[c].len };
		if (w->also)
			w->also->fn(w->also->arg, t, w->vals);
		rs_entry *en = rs_find(rs, w->ti, key);
		/* a second row with a key already matched is one the log never added either */
		if (!en || !en->present || en->seen) {
			differ(w->c->out, "table %s row %s: an extra row the log never added", t->name, key);
			continue;
		}
		en->seen = 1;
		w->seen++;
		int bad = 0;
		for (int c = 0; c < t->ncols; c++)
			bad |= bad_type(t, c, v[c].type);
		if (bad)
			differ(w->c->out, "table %s row %s: a value is stored as a type kansli never writes there (a blob "
			       "where it writes text or a number, or the other way round)", t->name, key);
		for (int c = 0; c < t->ncols; c++)
			if (t->col_digest[c])
				rowdigest_value(&w->vals[c], w->digests[c]);
		buf_reset(&w->img);
		rowimage_object(&w->img, (const char *const *)t->cols, w->vals, t->ncols);
		if (rs_same(en, w->img.s, w->img.len))
			continue;
		if (!(w->changed = realloc(w->changed, (w->nchanged + 1) * sizeof *w->changed)))
			abort();
		w->changed[w->nchanged++] = (size_t)(en - rs->e);
		buf_add(&w->changed_text, key, strlen(key) + 1);
		buf_add(&w->changed_text, w->img.s, w->img.len + 1);
	}
	buf_free(&b->text);
	free(b->v);
	free(b);
}

static row_batch *row_batch_new(int ncols)
{
	row_batch *b = malloc(sizeof *b);
	if (!b || !(b->v = malloc(ROW_BATCH * ((size_t)ncols + 1) * sizeof *b->v)))
		abort();
	b->n = 0;
	b->text = (buf)BUF_INIT;
	return b;
}

/* Row s copied into b: its key (column 0) and its ncols values after it. */
static void row_add(row_batch *b, db_stmt *s, int ncols)
{
	b->key[b->n] = b->text.len;
	buf_add(&b->text, db_col_text(s, 0), (size_t)db_col_bytes(s, 0) + 1);
	row_value *v = b->v + (size_t)b->n * (size_t)ncols;
	for (int c = 0; c < ncols; c++) {
		/* the type first: reading a value as text converts it */
		v[c].type = db_col_type(s, c + 1);
		v[c].off = b->text.len;
		v[c].len = 0;
		if (v[c].type == DB_INTEGER) {
			v[c].i = db_col_int(s, c + 1);
		} else if (v[c].type != DB_NULL) {
			/* a real as SQLite writes it as text, which is what json_object writes */
			const void *p = v[c].type == DB_BLOB ? db_col_blob(s, c + 1) : (const void *)db_col_text(s, c + 1);
			v[c].len = (size_t)db_col_bytes(s, c + 1);
			buf_add(&b->text, p, v[c].len);
		}
	}
	b->n++;
}

/* Every database row read by this thread, its values copied out; each
 * looked up, its image written and its digest compared by the worker. */
static int read_rows(replay_ctx *c, const covered_table *t, row_work *w, kerr *e)
{
	db_stmt *s = db_prep(c->k->db, w->also ? t->sql_rows_outside : t->sql_rows, e);
	if (!s)
		return KERR_INTERNAL;
	workq *q = workq_start(row_batch_run, w, ROW_DEPTH);
	row_batch *b = row_batch_new(w->nvals);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		row_add(b, s, w->nvals);
		if (b->n == ROW_BATCH) {
			workq_push(q, b);
			b = row_batch_new(w->nvals);
		}
	}
	workq_push(q, b);
	workq_finish(q);
	return rc < 0 ? rc : 0;
}

/* Each row of the database against the log: an extra row, a value of a
 * type kansli never writes there, a changed field (named after the rows
 * are read); then each row the log holds that no database row matched is
 * missing. */
static int compare_rows(replay_ctx *c, const covered_table *t, int ti, replay_also *also, kerr *e)
{
	row_work w = { .c = c, .t = t, .ti = ti, .img = BUF_INIT, .changed_text = BUF_INIT };
	if (also && !strcmp(also->table, t->name))
		w.also = also;
	w.nvals = t->ncols + (w.also ? t->noutside : 0);
	if (!(w.vals = calloc((size_t)w.nvals + 1, sizeof *w.vals)) ||
	    !(w.digests = calloc((size_t)t->ncols + 1, sizeof *w.digests)))
		abort();
	int rc = read_rows(c, t, &w, e);
	if (!rc && w.also)
		w.also->done = 1;
	const char *p = w.changed_text.s;
	for (size_t i = 0; !rc && i < w.nchanged; i++) {
		const char *key = p, *img = key + strlen(key) + 1;
		p = img + strlen(img) + 1;
		if (!(rc = logged_text(c, &c->rs.e[w.changed[i]], e)))
			compare_images(c->out, t->name, key, img, c->text.s, "the database has", "the log says", 0);
	}
	free(w.changed);
	free(w.vals);
	free(w.digests);
	buf_free(&w.img);
	buf_free(&w.changed_text);
	if (rc)
		return rc;
	if (w.seen < c->rs.tables[ti].present)
		for (size_t i = 0; i < c->rs.n; i++) {
			const rs_entry *en = &c->rs.e[i];
			if (en->table == ti && en->present && !en->seen)
				differ(c->out, "table %s row %s: missing, though the log says it exists", t->name,
				       rs_key(&c->rs, en));
		}
	return 0;
}

static int compare_table(replay_ctx *c, const covered_table *t, uint64_t *rows, replay_also *also, kerr *e)
{
	int ti = rs_table_find(&c->rs, t->name);
	if (ti < 0 || c->rs.tables[ti].schema == -2) {
		db_stmt *s = db_prep(c->k->db, t->sql_all, e);
		if (!s)
			return KERR_INTERNAL;
		int rc = db_step(s, e);
		db_done(s);
		if (rc < 0)
			return rc;
		if (rc == DB_ROW)
			differ(c->out, "table %s: it has rows but the log never recorded the table", t->name);
		return 0;
	}
	*rows += (uint64_t)c->rs.tables[ti].present;
	return compare_rows(c, t, ti, also, e);
}

static int by_place(const void *a, const void *b)
{
	const rs_entry *x = *(const rs_entry *const *)a, *y = *(const rs_entry *const *)b;
	if (x->event != y->event)
		return x->event < y->event ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* The logged images of record_file into temp.verify_files, for verify's
 * check of each record's set of files: each event read once. */
static int keep_files(replay_ctx *c, kerr *e)
{
	int ti = rs_table_find(&c->rs, "record_file");
	size_t n = 0;
	rs_entry **list = NULL;
	for (size_t i = 0; ti >= 0 && i < c->rs.n; i++)
		if (c->rs.e[i].table == ti && c->rs.e[i].present) {
			if (!(list = realloc(list, (n + 1) * sizeof *list)))
				abort();
			list[n++] = &c->rs.e[i];
		}
	if (n)
		qsort(list, n, sizeof *list, by_place);
	int rc = 0;
	db_stmt *ev = NULL;
	for (size_t i = 0; !rc && i < n; i++) {
		if (!ev || list[i]->event != list[i - 1]->event) {
			if (ev)
				db_done(ev);
			if (!(ev = db_prep(c->k->db, SQL_IMAGE_AGAIN, e))) {
				rc = KERR_INTERNAL;
				break;
			}
			db_bind_int(ev, 1, list[i]->event);
			if ((rc = db_step(ev, e)) != DB_ROW) {
				rc = rc < 0 ? rc : kerr_set(e, KERR_INTERNAL, "event %lld went missing during verify",
				                            (long long)list[i]->event);
				ev = NULL;
				break;
			}
			rc = 0;
		}
		buf_reset(&c->text);
		if (list[i]->off >= (size_t)db_col_bytes(ev, 0) ||
		    !jsonscan_string(db_col_text(ev, 0) + list[i]->off, &c->text)) {
			rc = kerr_set(e, KERR_INTERNAL, "event %lld: a row image cannot be read again",
			              (long long)list[i]->event);
			break;
		}
		db_stmt *put = db_prep(c->k->db, SQL_FILE_PUT, e);
		if (!put) {
			rc = KERR_INTERNAL;
			break;
		}
		db_bind_text(put, 1, rs_key(&c->rs, list[i]));
		db_bind_text(put, 2, c->text.s);
		rc = db_run(put, e);
	}
	if (ev)
		db_done(ev);
	free(list);
	return rc;
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

replay *replay_new(kansli *k)
{
	replay *c = calloc(1, sizeof *c);
	if (!c || !(c->st = calloc(1, sizeof *c->st)))
		abort();
	c->k = k;
	c->out = json_array();
	c->text = (buf)BUF_INIT;
	c->st->strings = (buf)BUF_INIT;
	rs_init(&c->rs);
	return c;
}

void replay_free(replay *c)
{
	if (!c)
		return;
	rs_free(&c->rs);
	buf_free(&c->text);
	free(c->st->e);
	buf_free(&c->st->strings);
	free(c->st);
	json_decref(c->out);
	free(c);
}

int replay_compare(replay *c, json_t *out, uint64_t *rows, replay_also *also, kerr *e)
{
	const covered *cv;
	size_t i;
	json_t *d;
	json_array_foreach(c->out, i, d)
		if (json_array_size(out) < MAX_LISTED)
			json_array_append(out, d);
	json_array_clear(c->out);
	/* what compare finds goes straight to out, after what replay found */
	json_decref(c->out);
	c->out = json_incref(out);
	int rc = covered_load(c->k, &cv, e);
	if (!rc)
		rc = db_exec(c->k->db, SQL_SETUP, e);
	for (int t = 0; !rc && t < cv->n; t++)
		rc = compare_table(c, &cv->t[t], rows, also, e);
	if (!rc)
		rc = keep_files(c, e);
	return rc ? rc : check_counters(c->k, out, e);
}
