/* verify.c — recomputing the log, the heads, the blobs and the state; see verify.h. */
#include "core/verify.h"

#include "core/meeting.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/covered.h"
#include "core/eventfields.h"
#include "core/frozen.h"
#include "core/indexcheck.h"
#include "core/intake_read.h"
#include "core/recordbody.h"
#include "core/replay.h"
#include "core/rowlog.h"
#include "core/schemacheck.h"
#include "core/session.h"
#include "core/webhook.h"
#include "core/webhook_secret.h"
#include "util/buf.h"
#include "util/checkpoint.h"
#include "util/hash.h"
#include "util/jsonvalid.h"
#include "util/workq.h"

static const char SQL_EVENTS[] =
	"SELECT id, ts_us, org_id, actor, action, object_type, object_id, data, salt, leaf_hash, "
	"  typeof(data) = 'text', "
	"  typeof(ts_us) = 'integer' AND typeof(org_id) IN ('integer', 'null') AND typeof(actor) = 'text' "
	"  AND typeof(action) = 'text' AND typeof(object_type) = 'text' "
	"  AND typeof(object_id) IN ('integer', 'null') AND typeof(salt) = 'blob' AND typeof(leaf_hash) = 'blob' "
	"FROM event ORDER BY id";

static const char NOT_JSON[] = "data (not the JSON text the log wrote)";

/* The leaf input reads the text fields up to their first NUL (for the
 * logs already written it stays so): bytes after one would be outside
 * the leaf hash, so a field must be exactly its C string, and the data
 * must be the JSON the log wrote. Each column must also have the type
 * the log wrote: the leaf reads a blob's bytes as text and '2x' as the
 * number 2, so a value stored as another type keeps its leaf hash while
 * kansli's own lookups (object_type = 'record', object_id = ?) no longer
 * find the event. */
static const char *unhashed_field(db_stmt *s)
{
	static const struct { int col; const char *name; } text[] = {
		{ 3, "actor" }, { 4, "action" }, { 5, "object type" }, { 7, "data" },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if ((size_t)db_col_bytes(s, text[i].col) != strlen(db_col_text(s, text[i].col)))
			return text[i].name;
	if (!db_col_int(s, 11))
		return "column (a value stored as another type than the log wrote)";
	/* the worker checks that the text is JSON (data_is_json) */
	return db_col_int(s, 10) ? NULL : NOT_JSON;
}

/* The fields of a record's latest event that verify_records compares,
 * read in place (eventfields.h): the data of the last event of a bulk
 * import holds every row it wrote, and is skipped over, not parsed. */
static const char *const RECORD_FIELDS[] = {
	"direction", "doc_date", "party", "title", "secrecy", "legal_ground", "masked",
	"version", "doc_type", "disposed", "body_sha256", "number",
};
enum { EV_VERSION = 7, EV_DOC_TYPE, EV_DISPOSED, EV_BODY_SHA256, EV_NUMBER };

static const char *const CASE_FIELDS[] = { "title", "public_title", "number" };

/* The frozen fields of the latest event of each record and case
 * (frozen.h), taken in the pass over the log. */
typedef struct latest {
	eventfields rec, cas;
	frozen_table records, cases;
} latest;

static void latest_init(latest *l)
{
	memset(l, 0, sizeof *l);
	eventfields_init(&l->rec, RECORD_FIELDS, sizeof RECORD_FIELDS / sizeof RECORD_FIELDS[0]);
	eventfields_init(&l->cas, CASE_FIELDS, sizeof CASE_FIELDS / sizeof CASE_FIELDS[0]);
}

static void latest_free(latest *l)
{
	eventfields_free(&l->rec);
	eventfields_free(&l->cas);
	frozen_free(&l->records);
	frozen_free(&l->cases);
}

static frozen_field ev_field(const eventfields *ev, int i)
{
	const char *t = eventfields_text(ev, i);
	return (frozen_field){ t, t ? ev->value[i].len : 0 };
}

static frozen_field row_field(db_stmt *s, int col)
{
	if (db_col_null(s, col))
		return (frozen_field){ NULL, 0 };
	return (frozen_field){ db_col_text(s, col), (size_t)db_col_bytes(s, col) };
}

/* The compared fields of a record, as record_differs compares them: the
 * texts, the version as a number, the body's SHA-256. */
enum { RECORD_DIGESTED = EV_BODY_SHA256 + 1 };

static void record_event_digest(const eventfields *ev, unsigned char out[FROZEN_LEN])
{
	frozen_field f[RECORD_DIGESTED];
	char version[24];
	for (int i = 0; i < RECORD_DIGESTED; i++)
		f[i] = ev_field(ev, i);
	snprintf(version, sizeof version, "%lld", (long long)eventfields_int(ev, EV_VERSION));
	f[EV_VERSION] = (frozen_field){ version, strlen(version) };
	frozen_digest(f, RECORD_DIGESTED, out);
}

/* skip: where the value of the data's "state" starts and ends, as the
 * replay found it ({0, 0}: not known) */
static void note_latest(latest *l, const char *type, const char *action, int64_t id, const char *data,
                        const size_t skip[2])
{
	unsigned char d[FROZEN_LEN];
	if (!strcmp(type, "record") && (!strcmp(action, "record.register") || !strcmp(action, "record.correct") ||
	                                !strcmp(action, "record.dispose"))) {
		int ok = eventfields_read_skipping(&l->rec, data, skip[0], skip[1]);
		if (ok)
			record_event_digest(&l->rec, d);
		frozen_set(&l->records, id, ok ? d : NULL);
	} else if (!strcmp(type, "case") && (!strcmp(action, "case.open") || !strcmp(action, "case.correct"))) {
		int ok = eventfields_read_skipping(&l->cas, data, skip[0], skip[1]);
		if (ok) {
			frozen_field f[2] = { ev_field(&l->cas, 0), ev_field(&l->cas, 1) };
			frozen_digest(f, 2, d);
		}
		frozen_set(&l->cases, id, ok ? d : NULL);
	}
}

/* An event as the leaf worker needs it, copied out of SQLite's row: the
 * strings are offsets into its batch's text. */
typedef struct ev_job {
	int64_t id, ts, org, object_id;
	size_t actor, action, type, data, data_len;
	size_t state[2]; /* where its "state" is in data, as replay_event found it */
	unsigned char salt[AUDIT_SALT_LEN], leaf[32];
} ev_job;

enum { EV_BATCH = 256, EV_DEPTH = 8 };

typedef struct ev_batch {
	int n;
	ev_job j[EV_BATCH];
	buf text;
} ev_batch;

/* The worker's side of the pass over the log (workq.h): each event's data
 * checked to be JSON, its leaf hash recomputed and compared, and the
 * latest event of each record and case noted. The first event that fails
 * stops it. */
typedef struct leaf_work {
	unsigned char (*leaves)[32];
	size_t n, cap;
	latest *l;
	buf in;
	db *json_check; /* SQLite in memory, for json_valid (data_is_json), opened when first needed */
	int failed; /* read by the reader to stop early (atomic) */
	kerr e;
} leaf_work;

static const char SQL_JSON_VALID[] = "SELECT json_valid(?1)";

/* Whether an event's data (len bytes, no NUL) is JSON text as SQLite's
 * json_valid says, which defines the check: asked only of data the fast
 * strict check does not pass (util/jsonvalid.h; the log's own never
 * comes here), in a database of its own in memory (json_valid reads
 * nothing else, and the reader's connection is busy with the log).
 * 1 yes, 0 no, a negative KERR_* when SQLite could not be asked. */
static int data_is_json(leaf_work *w, const char *data, size_t len)
{
	if (jsonvalid_strict(data, len))
		return 1;
	if (!w->json_check && db_open(&w->json_check, ":memory:", &w->e))
		return KERR_INTERNAL;
	db_stmt *s = db_prep(w->json_check, SQL_JSON_VALID, &w->e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, data);
	int rc = db_step(s, &w->e);
	if (rc < 0)
		return rc;
	int valid = rc == DB_ROW && db_col_int(s, 0) == 1;
	db_done(s);
	return valid;
}

static size_t batch_text(ev_batch *b, const char *s)
{
	size_t off = b->text.len;
	buf_add(&b->text, s, strlen(s) + 1);
	return off;
}

static void batch_add(ev_batch *b, db_stmt *s)
{
	ev_job *j = &b->j[b->n++];
	j->id = db_col_int(s, 0);
	j->ts = db_col_int(s, 1);
	j->org = db_col_int(s, 2);
	j->object_id = db_col_int(s, 6);
	j->actor = batch_text(b, db_col_text(s, 3));
	j->action = batch_text(b, db_col_text(s, 4));
	j->type = batch_text(b, db_col_text(s, 5));
	/* the reader checked that the data has no NUL (event_row_ok) */
	j->data_len = (size_t)db_col_bytes(s, 7);
	j->data = b->text.len;
	buf_add(&b->text, db_col_text(s, 7), j->data_len + 1);
	j->state[0] = j->state[1] = 0;
	memcpy(j->salt, db_col_blob(s, 8), AUDIT_SALT_LEN);
	memcpy(j->leaf, db_col_blob(s, 9), 32);
}

static void leaf_batch(void *arg, void *batch)
{
	leaf_work *w = arg;
	ev_batch *b = batch;
	for (int i = 0; i < b->n && !w->failed; i++) {
		const ev_job *j = &b->j[i];
		const char *t = b->text.s, *action = t + j->action, *type = t + j->type, *data = t + j->data;
		int json = data_is_json(w, data, j->data_len);
		if (json <= 0) {
			if (json == 0)
				kerr_set(&w->e, KERR_TAMPERED, "event %lld has a damaged %s: it is not what the log hashed",
				         (long long)j->id, NOT_JSON);
			__atomic_store_n(&w->failed, 1, __ATOMIC_RELEASE);
			break;
		}
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 4096;
			if (!(w->leaves = realloc(w->leaves, w->cap * 32)))
				abort();
		}
		audit_leaf_hash(&w->in, j->id, j->ts, j->org, t + j->actor, action, type, j->object_id, data, j->data_len,
		                j->salt, w->leaves[w->n]);
		if (memcmp(w->leaves[w->n], j->leaf, 32) != 0) {
			kerr_set(&w->e, KERR_TAMPERED, "event %lld (%s on %s %lld at %lld) does not match its leaf hash: "
			         "it was changed after it was logged", (long long)j->id, action, type,
			         (long long)j->object_id, (long long)j->ts);
			__atomic_store_n(&w->failed, 1, __ATOMIC_RELEASE);
			break;
		}
		w->n++;
		note_latest(w->l, type, action, j->object_id, data, j->state);
	}
	buf_free(&b->text);
	free(b);
}

static ev_batch *new_batch(void)
{
	ev_batch *b = malloc(sizeof *b);
	if (!b)
		abort();
	b->n = 0;
	b->text = (buf)BUF_INIT;
	return b;
}

/* The checks that need the row itself (the order of the ids, the columns'
 * lengths and types), made by the reader: 0 or KERR_TAMPERED. */
static int event_row_ok(db_stmt *s, uint64_t count, kerr *e)
{
	int64_t id = db_col_int(s, 0);
	if (id != (int64_t)count + 1)
		return kerr_set(e, KERR_TAMPERED, "event %llu is missing from the log (next is %lld)",
		                (unsigned long long)count + 1, (long long)id);
	if (db_col_bytes(s, 8) != AUDIT_SALT_LEN || db_col_bytes(s, 9) != 32)
		return kerr_set(e, KERR_TAMPERED, "event %lld has a damaged salt or leaf hash", (long long)id);
	const char *bad = unhashed_field(s);
	if (bad)
		return kerr_set(e, KERR_TAMPERED, "event %lld has a damaged %s: it is not what the log hashed",
		                (long long)id, bad);
	return 0;
}

/* The pass over the log: this thread reads each event once, checks its
 * row and replays its row images (which may read the database again to
 * name a difference); a worker thread checks that its data is JSON,
 * recomputes its leaf hash and notes the latest events meanwhile. An error of the worker's is on an earlier
 * event than any the reader found after it, so it is the one reported. */
static int verify_events(kansli *k, unsigned char (**leaves)[32], uint64_t *n, replay *images, latest *l,
                         kerr *e)
{
	leaf_work w = { .l = l, .in = BUF_INIT, .e = KERR_INIT };
	workq *q = workq_start(leaf_batch, &w, EV_DEPTH);
	ev_batch *b = new_batch();
	db_stmt *s = db_prep(k->db, SQL_EVENTS, e);
	uint64_t count = 0;
	int rc = 0, bad = s ? 0 : KERR_INTERNAL;
	while (s && (rc = db_step(s, e)) == DB_ROW) {
		if (__atomic_load_n(&w.failed, __ATOMIC_ACQUIRE) || (bad = event_row_ok(s, count, e)))
			break;
		batch_add(b, s);
		/* replayed before its batch goes: the worker steps over the state
		 * the replay read (note_latest) */
		if (replay_has_images(db_col_text(s, 7)) &&
		    (bad = replay_event(images, db_col_int(s, 0), db_col_text(s, 7), b->j[b->n - 1].state, e)))
			break;
		if (b->n == EV_BATCH) {
			workq_push(q, b);
			b = new_batch();
		}
		count++;
	}
	if (rc < 0)
		bad = rc;
	if (s)
		db_done(s);
	workq_push(q, b);
	workq_finish(q);
	buf_free(&w.in);
	if (w.json_check)
		db_close(w.json_check);
	if (w.failed) {
		*e = w.e;
		bad = w.e.code;
	}
	if (bad) {
		free(w.leaves);
		return bad;
	}
	*leaves = w.leaves;
	*n = w.n;
	return 0;
}

/* The key heads are checked with: the installation's own, or one the
 * administrator keeps elsewhere (--trusted-key), which a re-signed log
 * cannot match. */
typedef struct head_key {
	char name[128];
	unsigned char pk[32];
} head_key;

static int check_head(kansli *k, const head_key *key, const char *cp, unsigned char (*leaves)[32], uint64_t n,
                      const char *what, uint64_t *signed_size, unsigned char signed_root[32], kerr *e)
{
	char why[200], *origin = NULL;
	uint64_t size;
	unsigned char root[32], want[32];
	if (checkpoint_verify(cp, key->name, key->pk, &origin, &size, root, why, sizeof why) != 0)
		return kerr_set(e, KERR_TAMPERED, "%s: the signature does not verify (%s)", what, why);
	int same_origin = strcmp(origin, k->origin) == 0;
	free(origin);
	if (!same_origin)
		return kerr_set(e, KERR_TAMPERED, "%s: signed for another log origin", what);
	if (size > n)
		return kerr_set(e, KERR_TAMPERED, "%s covers %llu events but the log has only %llu: "
		                "events were removed", what, (unsigned long long)size, (unsigned long long)n);
	merkle_root((const unsigned char (*)[32])leaves, size, want);
	if (memcmp(root, want, 32) != 0)
		return kerr_set(e, KERR_TAMPERED, "%s (size %llu): the events do not hash to its root: "
		                "the log was rewritten", what, (unsigned long long)size);
	if (signed_size)
		*signed_size = size;
	if (signed_root)
		memcpy(signed_root, root, 32);
	return 0;
}

/* The last column: each value has the type kansli writes (a size given as
 * the text '21x' reads as the number 21; a checkpoint as a blob reads as
 * text), checked with the checkpoint's own NUL test in same_as_signed. */
static const char SQL_HEADS[] =
	"SELECT size, checkpoint, root, typeof(size) = 'integer' AND typeof(checkpoint) = 'text' "
	"  AND typeof(root) = 'blob' AND typeof(published_us) = 'integer' FROM tree_head ORDER BY size";
static const char SQL_STATE_HEAD[] =
	"SELECT size, checkpoint, root, frontier, typeof(size) = 'integer' AND typeof(checkpoint) = 'text' "
	"  AND typeof(root) = 'blob' AND typeof(frontier) = 'blob' AND typeof(signed_us) = 'integer' "
	"FROM log_state WHERE id = 1";

/* The frontier is what the next append builds on: one that does not hash to
 * the signed root would have the next commit sign a log that is not this
 * one. Equal roots mean equal frontiers (SHA-256 has no known collision). */
static int frontier_as_signed(db_stmt *s, uint64_t size, const unsigned char root[32], kerr *e)
{
	merkle_frontier f;
	unsigned char got[32];
	const void *bytes = db_col_blob(s, 3);
	if (merkle_frontier_load(&f, size, bytes, (size_t)db_col_bytes(s, 3)) != 0)
		return kerr_set(e, KERR_TAMPERED, "log_state: its frontier does not fit a log of %llu events",
		                (unsigned long long)size);
	merkle_frontier_root(&f, got);
	if (memcmp(got, root, 32) != 0)
		return kerr_set(e, KERR_TAMPERED, "log_state: its frontier does not hash to the signed root");
	return 0;
}

/* The size and root a head row stores beside its checkpoint are what kansli
 * reads without parsing the checkpoint, so they must be the signed ones. */
static int same_as_signed(db_stmt *s, uint64_t size, const unsigned char root[32], const char *what, int types,
                          kerr *e)
{
	if (!db_col_int(s, types) || (size_t)db_col_bytes(s, 1) != strlen(db_col_text(s, 1)))
		return kerr_set(e, KERR_TAMPERED, "%s: a column holds a value of another type than kansli writes, or "
		                "its checkpoint has bytes after a NUL", what);
	if ((uint64_t)db_col_int(s, 0) != size)
		return kerr_set(e, KERR_TAMPERED, "%s: its size column says %lld but its checkpoint is signed for %llu",
		                what, (long long)db_col_int(s, 0), (unsigned long long)size);
	const void *stored = db_col_blob(s, 2);
	if (db_col_bytes(s, 2) != 32 || memcmp(stored, root, 32) != 0)
		return kerr_set(e, KERR_TAMPERED, "%s: its root column is not the signed root", what);
	return 0;
}

/* The current head (log_state) must be signed and cover exactly the whole
 * log: every commit signs one, so a shorter head means an unsigned tail
 * and a longer one removed events. Published heads must be prefixes. */
static int verify_heads(kansli *k, const head_key *key, unsigned char (*leaves)[32], uint64_t n,
                        verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_STATE_HEAD, e);
	int rc;
	if (!s)
		return KERR_INTERNAL;
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		if (rc < 0)
			return rc;
		return n == 0 ? 0 : kerr_set(e, KERR_TAMPERED, "log_state: the log has events but no signed head");
	}
	char *cp = strdup(db_col_text(s, 1));
	uint64_t size = (uint64_t)db_col_int(s, 0);
	uint64_t signed_size = 0;
	unsigned char signed_root[32];
	rc = check_head(k, key, cp, leaves, n, "log_state: the current tree head", &signed_size, signed_root, e);
	if (!rc && (signed_size != n || size != n))
		rc = kerr_set(e, KERR_TAMPERED, "log_state: the log has %llu events but its signed head covers %llu "
		              "(its size column says %llu): an unsigned tail was added behind kansli's back, or an "
		              "older head put back", (unsigned long long)n, (unsigned long long)signed_size,
		              (unsigned long long)size);
	if (!rc)
		rc = same_as_signed(s, signed_size, signed_root, "log_state: the current tree head", 4, e);
	if (!rc)
		rc = frontier_as_signed(s, signed_size, signed_root, e);
	db_done(s);
	free(cp);
	if (rc)
		return rc;
	rep->heads++;
	if (!(s = db_prep(k->db, SQL_HEADS, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char what[64];
		snprintf(what, sizeof what, "tree_head: published tree head %lld", (long long)db_col_int(s, 0));
		uint64_t head_size;
		unsigned char head_root[32];
		if ((rc = check_head(k, key, db_col_text(s, 1), leaves, n, what, &head_size, head_root, e))
		    || (rc = same_as_signed(s, head_size, head_root, what, 3, e))) {
			db_done(s);
			return rc;
		}
		rep->heads++;
	}
	return rc < 0 ? rc : 0;
}

static const char SQL_BLOBS[] = "SELECT hash FROM blob ORDER BY hash";

static int verify_blobs(kansli *k, verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_BLOBS, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		int bad = blob_check(&k->blobs, db_col_text(s, 0), e);
		if (bad) {
			db_done(s);
			/* a file the registry names is gone: tampering, like a
			 * changed one (verify exits 1 for both) */
			if (bad == KERR_NOTFOUND)
				bad = e->code = KERR_TAMPERED;
			return bad;
		}
		rep->blobs++;
	}
	return rc < 0 ? rc : 0;
}

/* A disposed record's latest event is its disposal (record.dispose), which
 * states what is left of it: its frozen fields are checked against that. */
static const char SQL_RECORDS[] =
	"SELECT r.id, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, r.legal_ground, "
	"  r.masked_fields, t.body, r.version, r.doc_type, r.disposed_note, typeof(t.body) "
	"FROM record r LEFT JOIN record_text t ON t.record_id = r.id ORDER BY r.id";
/* The same without the body, when the comparison of record_text with the
 * log read each record's body already (recordbody.h): NULL in its place. */
static const char SQL_RECORDS_BODIES_READ[] =
	"SELECT r.id, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, r.legal_ground, "
	"  r.masked_fields, NULL, r.version, r.doc_type, r.disposed_note, NULL FROM record r ORDER BY r.id";
enum { RC_ID, RC_BODY = 8, RC_VERSION, RC_DOC_TYPE, RC_DISPOSED, RC_BODY_TYPE };
static const char SQL_RECORD_EVENT[] =
	"SELECT data FROM event WHERE object_type = 'record' AND object_id = ?1 "
	"  AND action IN ('record.register', 'record.correct', 'record.dispose') ORDER BY id DESC LIMIT 1";
static const char SQL_FILE_WITHOUT_BLOB[] =
	"SELECT rf.hash FROM record_file rf LEFT JOIN blob b ON b.hash = rf.hash WHERE b.hash IS NULL LIMIT 1";

/* Records whose file rows are not exactly the files the log says they
 * have: the row images of record_file kept in temp.verify_files by
 * replay_compare (registration and corrections add files, a disposal
 * removes them). One pass over the files, not a query per record. */
static const char SQL_FILE_SETS_DIFFER[] =
	"WITH logged AS (SELECT json_extract(img, '$.record_id') AS rid, json_extract(img, '$.name') AS name, "
	"  json_extract(img, '$.hash') AS hash FROM temp.verify_files), "
	"actual AS (SELECT record_id AS rid, name, hash FROM main.record_file) "
	"SELECT rid FROM (SELECT * FROM logged EXCEPT SELECT * FROM actual) UNION "
	"SELECT rid FROM (SELECT * FROM actual EXCEPT SELECT * FROM logged) ORDER BY 1";

typedef struct id_set {
	int64_t *ids;
	size_t n;
} id_set;

static void id_set_add(id_set *set, int64_t id)
{
	if (!(set->ids = realloc(set->ids, (set->n + 1) * sizeof *set->ids)))
		abort();
	set->ids[set->n++] = id;
}

static int files_differing(kansli *k, id_set *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FILE_SETS_DIFFER, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		id_set_add(out, db_col_int(s, 0));
	return rc < 0 ? rc : 0;
}

static int by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int field_differs(const eventfields *ev, int i, db_stmt *s, int col)
{
	const char *want = eventfields_text(ev, i);
	if (db_col_null(s, col))
		return want != NULL;
	return !want || strcmp(want, db_col_text(s, col)) != 0;
}

/* The body's SHA-256 in hex, or 0 when the body is not text at all. The
 * whole value is hashed, as the indexer reads it: text after a NUL
 * counts, and a body stored as a blob is not the text the log has. */
static int body_hash(db_stmt *s, char hex[HASH_HEX_LEN + 1])
{
	const char *type = db_col_text(s, RC_BODY_TYPE);
	if (strcmp(type, "null") != 0 && strcmp(type, "text") != 0)
		return 0;
	unsigned char h[HASH_LEN];
	int none = db_col_null(s, RC_BODY);
	hash_sha256(none ? "" : db_col_text(s, RC_BODY), none ? 0 : (size_t)db_col_bytes(s, RC_BODY), h);
	hash_hex(h, HASH_LEN, hex);
	return 1;
}

/* Record row s hashed as record_event_digest hashes its event: 0, or -1
 * when its body is not text (no event can say that). */
static int record_row_digest(db_stmt *s, const char *body_hex, unsigned char out[FROZEN_LEN])
{
	frozen_field f[RECORD_DIGESTED];
	char version[24];
	for (int i = 0; i < EV_VERSION; i++)
		f[i] = row_field(s, i + 1);
	snprintf(version, sizeof version, "%lld", (long long)db_col_int(s, RC_VERSION));
	f[EV_VERSION] = (frozen_field){ version, strlen(version) };
	f[EV_DOC_TYPE] = row_field(s, RC_DOC_TYPE);
	f[EV_DISPOSED] = row_field(s, RC_DISPOSED);
	f[EV_BODY_SHA256] = (frozen_field){ body_hex, HASH_HEX_LEN };
	frozen_digest(f, RECORD_DIGESTED, out);
	return 0;
}

/* What differs between record row s and its latest event, read into ev
 * (NULL: nothing): the slow way, field by field, to name it. */
static const char *record_differs(kansli *k, db_stmt *s, const char *body_hex, eventfields *ev, kerr *e,
                                  int *rc)
{
	db_stmt *q = db_prep(k->db, SQL_RECORD_EVENT, e);
	if (!q) {
		*rc = KERR_INTERNAL;
		return NULL;
	}
	db_bind_int(q, 1, db_col_int(s, RC_ID));
	int r = db_step(q, e);
	if (r < 0) {
		*rc = r;
		return NULL;
	}
	int read = r == DB_ROW && eventfields_read(ev, db_col_text(q, 0));
	db_done(q);
	if (!read)
		return "registration event";
	for (int i = 0; i < EV_VERSION; i++)
		if (field_differs(ev, i, s, i + 1))
			return RECORD_FIELDS[i];
	if (eventfields_int(ev, EV_VERSION) != db_col_int(s, RC_VERSION))
		return "version";
	if (field_differs(ev, EV_DOC_TYPE, s, RC_DOC_TYPE))
		return "document type";
	if (field_differs(ev, EV_DISPOSED, s, RC_DISPOSED))
		return "disposal mark";
	const char *want = eventfields_text(ev, EV_BODY_SHA256);
	if (!body_hex || !want || strcmp(want, body_hex) != 0)
		return "body";
	return NULL;
}

/* A record row as the digest worker needs it, copied out of SQLite's row:
 * the texts record_row_digest hashes (columns 1-7, the document type, the
 * disposal mark) and the body, as offsets into the batch's text. */
static const int REC_TEXT_COL[] = { 1, 2, 3, 4, 5, 6, 7, RC_DOC_TYPE, RC_DISPOSED, RC_BODY };
enum { REC_TEXTS = sizeof REC_TEXT_COL / sizeof REC_TEXT_COL[0], REC_BODY = REC_TEXTS - 1, REC_BATCH = 512 };

typedef struct rec_job {
	int64_t id, version;
	int body_is_text;
	int body_read;     /* the body is recordbody's, not in the row */
	size_t off[REC_TEXTS], len[REC_TEXTS];
	unsigned char null[REC_TEXTS];
} rec_job;

typedef struct rec_batch {
	int n;
	rec_job j[REC_BATCH];
	buf text;
} rec_batch;

/* The worker's side: the ids of the records whose digest does not match
 * their latest event's (in id order), each checked again the slow way. */
typedef struct rec_work {
	const latest *l;
	const recordbody *bodies; /* each record's body, or NULL: it is in the rows */
	id_set suspects;
} rec_work;

static void rec_add(rec_batch *b, db_stmt *s, int body_read)
{
	rec_job *j = &b->j[b->n++];
	j->id = db_col_int(s, RC_ID);
	j->version = db_col_int(s, RC_VERSION);
	const char *type = db_col_text(s, RC_BODY_TYPE);
	j->body_is_text = !strcmp(type, "null") || !strcmp(type, "text");
	j->body_read = body_read;
	for (int i = 0; i < REC_TEXTS; i++) {
		int col = REC_TEXT_COL[i];
		j->null[i] = db_col_null(s, col) != 0;
		j->off[i] = b->text.len;
		j->len[i] = j->null[i] ? 0 : (size_t)db_col_bytes(s, col);
		if (!j->null[i])
			buf_add(&b->text, db_col_text(s, col), j->len[i]);
	}
}

/* As the loop of verify_records did row by row: body_hash, then
 * record_row_digest, then frozen_matches. */
static int rec_job_matches(const rec_work *w, const rec_batch *b, const rec_job *j)
{
	unsigned char h[HASH_LEN], d[FROZEN_LEN];
	char hex[HASH_HEX_LEN + 1], version[24];
	if (j->body_read) {
		int kind = recordbody_get(w->bodies, j->id, h);
		if (kind != RECORDBODY_TEXT && kind != RECORDBODY_NO_ROW)
			return 0;
	} else if (!j->body_is_text) {
		return 0;
	} else {
		hash_sha256(j->null[REC_BODY] ? "" : b->text.s + j->off[REC_BODY], j->len[REC_BODY], h);
	}
	hash_hex(h, HASH_LEN, hex);
	frozen_field f[RECORD_DIGESTED];
	for (int i = 0; i < EV_VERSION; i++)
		f[i] = (frozen_field){ j->null[i] ? NULL : b->text.s + j->off[i], j->len[i] };
	snprintf(version, sizeof version, "%lld", (long long)j->version);
	f[EV_VERSION] = (frozen_field){ version, strlen(version) };
	f[EV_DOC_TYPE] = (frozen_field){ j->null[7] ? NULL : b->text.s + j->off[7], j->len[7] };
	f[EV_DISPOSED] = (frozen_field){ j->null[8] ? NULL : b->text.s + j->off[8], j->len[8] };
	f[EV_BODY_SHA256] = (frozen_field){ hex, HASH_HEX_LEN };
	frozen_digest(f, RECORD_DIGESTED, d);
	return frozen_matches(&w->l->records, j->id, d);
}

static void rec_batch_run(void *arg, void *batch)
{
	rec_work *w = arg;
	rec_batch *b = batch;
	for (int i = 0; i < b->n; i++)
		if (!rec_job_matches(w, b, &b->j[i]))
			id_set_add(&w->suspects, b->j[i].id);
	buf_free(&b->text);
	free(b);
}

static rec_batch *rec_batch_new(void)
{
	rec_batch *b = malloc(sizeof *b);
	if (!b)
		abort();
	b->n = 0;
	b->text = (buf)BUF_INIT;
	return b;
}

/* Every record row read once, its digest checked by the worker: the ids
 * of those to check again (suspects, in id order) and the count. */
static int records_read(kansli *k, rec_work *w, verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, w->bodies ? SQL_RECORDS_BODIES_READ : SQL_RECORDS, e);
	if (!s)
		return KERR_INTERNAL;
	workq *q = workq_start(rec_batch_run, w, EV_DEPTH);
	rec_batch *b = rec_batch_new();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		rec_add(b, s, w->bodies != NULL);
		if (b->n == REC_BATCH) {
			workq_push(q, b);
			b = rec_batch_new();
		}
		rep->records++;
	}
	workq_push(q, b);
	workq_finish(q);
	return rc < 0 ? rc : 0;
}

static const char SQL_RECORD_ROW[] =
	"SELECT r.id, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, r.legal_ground, "
	"  r.masked_fields, t.body, r.version, r.doc_type, r.disposed_note, typeof(t.body) "
	"FROM record r LEFT JOIN record_text t ON t.record_id = r.id WHERE r.id = ?1";

/* Record id checked the slow way, as every record once was: NULL (as the
 * log says) or what differs, with the record's event in ev. */
static const char *record_recheck(kansli *k, const latest *l, int64_t id, const id_set *files, eventfields *ev,
                                  kerr *e, int *rc)
{
	db_stmt *s = db_prep(k->db, SQL_RECORD_ROW, e);
	if (!s) {
		*rc = KERR_INTERNAL;
		return NULL;
	}
	db_bind_int(s, 1, id);
	int r = db_step(s, e);
	if (r != DB_ROW) {
		/* files of a record that is gone: the comparison of the tables names them */
		*rc = r < 0 ? r : 0;
		return NULL;
	}
	char hex[HASH_HEX_LEN + 1];
	unsigned char d[FROZEN_LEN];
	int is_text = body_hash(s, hex);
	const char *bad = NULL;
	if (!is_text || record_row_digest(s, hex, d) || !frozen_matches(&l->records, id, d))
		bad = record_differs(k, s, is_text ? hex : NULL, ev, e, rc);
	if (!*rc && !bad && files->n && bsearch(&id, files->ids, files->n, sizeof id, by_id))
		bad = "set of files";
	db_done(s);
	return bad;
}

/* Each record's frozen fields against its latest event, and its files
 * against the log's: the rows are read once and their digests computed by
 * a worker thread; the few that differ, and the records whose files
 * differ, are checked again one by one, in id order, to name the first. */
static int verify_records(kansli *k, const latest *l, const recordbody *bodies, verify_report *rep, kerr *e)
{
	id_set files = { NULL, 0 };
	rec_work w = { l, recordbody_ready(bodies) ? bodies : NULL, { NULL, 0 } };
	int rc = files_differing(k, &files, e);
	if (!rc)
		rc = records_read(k, &w, rep, e);
	eventfields ev;
	eventfields_init(&ev, RECORD_FIELDS, sizeof RECORD_FIELDS / sizeof RECORD_FIELDS[0]);
	size_t i = 0, f = 0;
	while (!rc && (i < w.suspects.n || f < files.n)) {
		int64_t id = f >= files.n || (i < w.suspects.n && w.suspects.ids[i] <= files.ids[f]) ? w.suspects.ids[i]
		                                                                                      : files.ids[f];
		while (i < w.suspects.n && w.suspects.ids[i] == id)
			i++;
		while (f < files.n && files.ids[f] == id)
			f++;
		const char *bad = record_recheck(k, l, id, &files, &ev, e, &rc);
		if (!rc && bad) {
			const char *num = eventfields_text(&ev, EV_NUMBER);
			rc = kerr_set(e, KERR_TAMPERED, "record %s (id %lld): its %s differs from what the audit log "
			              "says", num ? num : "?", (long long)id, bad);
		}
	}
	eventfields_free(&ev);
	free(files.ids);
	free(w.suspects.ids);
	if (rc)
		return rc;
	/* Blobs of disposed records are gone with their rows; a file row whose
	 * blob row is gone was tampered with. */
	db_stmt *s = db_prep(k->db, SQL_FILE_WITHOUT_BLOB, e);
	if (!s)
		return KERR_INTERNAL;
	if ((rc = db_step(s, e)) < 0)
		return rc; /* unread is not the same as found intact */
	if (rc == DB_ROW) {
		kerr_set(e, KERR_TAMPERED, "blob %s is named by a record's file but missing from the blob store",
		         db_col_text(s, 0));
		db_done(s);
		return KERR_TAMPERED;
	}
	db_done(s);
	return 0;
}

/* A case's title and public title are what its opening or its latest
 * correction says. */
static const char SQL_CASES[] = "SELECT id, title, public_title FROM case_file ORDER BY id";
static const char SQL_CASE_EVENT[] =
	"SELECT data FROM event WHERE object_type = 'case' AND object_id = ?1 "
	"  AND action IN ('case.open', 'case.correct') ORDER BY id DESC LIMIT 1";

/* The slow way, to name what differs: NULL (nothing), "title" or "public
 * title"; *rc set on a read error. */
static const char *case_differs(kansli *k, db_stmt *s, eventfields *ev, kerr *e, int *rc)
{
	db_stmt *q = db_prep(k->db, SQL_CASE_EVENT, e);
	if (!q) {
		*rc = KERR_INTERNAL;
		return NULL;
	}
	db_bind_int(q, 1, db_col_int(s, 0));
	int r = db_step(q, e);
	if (r < 0) {
		*rc = r;
		return NULL;
	}
	int read = r == DB_ROW && eventfields_read(ev, db_col_text(q, 0));
	db_done(q);
	if (!read || field_differs(ev, 0, s, 1))
		return "title";
	return field_differs(ev, 1, s, 2) ? "public title" : NULL;
}

static int verify_cases(kansli *k, const latest *l, verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASES, e);
	if (!s)
		return KERR_INTERNAL;
	eventfields ev;
	eventfields_init(&ev, CASE_FIELDS, 3);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		frozen_field f[2] = { row_field(s, 1), row_field(s, 2) };
		unsigned char d[FROZEN_LEN];
		frozen_digest(f, 2, d);
		if (frozen_matches(&l->cases, db_col_int(s, 0), d)) {
			rep->cases++;
			continue;
		}
		int qrc = 0;
		const char *bad = case_differs(k, s, &ev, e, &qrc);
		if (qrc) {
			rc = qrc;
			break;
		}
		if (bad) {
			const char *num = eventfields_text(&ev, 2);
			kerr_set(e, KERR_TAMPERED, "case %s (id %lld): its %s differs from what the audit log says",
			         num ? num : "?", (long long)db_col_int(s, 0), bad);
			db_done(s);
			eventfields_free(&ev);
			return KERR_TAMPERED;
		}
		rep->cases++;
	}
	db_done(s);
	eventfields_free(&ev);
	return rc < 0 ? rc : 0;
}

/* The session table is outside the log, but a live session logs its
 * holder in: each must have been opened by a logged login of its user
 * whose token check matches (session.c), or it was planted. */
static const char SQL_SESSIONS[] =
	"SELECT s.id, s.user_id, s.token_hash, (SELECT json_extract(data, '$.token_check') FROM event "
	"  WHERE object_type = 'user' AND object_id = s.user_id AND action = 'session.login' "
	"    AND json_extract(data, '$.session') = s.id ORDER BY id DESC LIMIT 1) "
	"FROM session s WHERE s.ended_us IS NULL ORDER BY s.id";

static int verify_sessions(kansli *k, json_t *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SESSIONS, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char check[65], msg[200];
		int ok = db_col_bytes(s, 2) == 32 && !db_col_null(s, 3);
		if (ok) {
			session_token_check(db_col_blob(s, 2), check);
			ok = strcmp(check, db_col_text(s, 3)) == 0;
		}
		if (ok)
			continue;
		snprintf(msg, sizeof msg, "table session row [%lld]: a live session of user %lld that no logged "
		         "login opened", (long long)db_col_int(s, 0), (long long)db_col_int(s, 1));
		json_array_append_new(out, json_string(msg));
	}
	return rc < 0 ? rc : 0;
}

/* A checkpoint saved earlier, outside the data directory: the log must
 * still contain it. A restored older copy of the installation is shorter
 * than the checkpoint; a rewritten one does not hash to its root. */
static int verify_saved(kansli *k, const head_key *key, const char *cp, unsigned char (*leaves)[32], uint64_t n,
                        verify_report *rep, kerr *e)
{
	int rc = check_head(k, key, cp, leaves, n, "the saved checkpoint", NULL, NULL, e);
	if (!rc)
		rep->heads++;
	return rc;
}

static int load_key(kansli *k, const verify_options *opt, head_key *key, kerr *e)
{
	if (!opt || !opt->trusted_key) {
		snprintf(key->name, sizeof key->name, "%s", k->keyname);
		memcpy(key->pk, k->pk, 32);
		return 0;
	}
	if (checkpoint_parse_verifier_key(opt->trusted_key, key->name, sizeof key->name, key->pk) != 0)
		return kerr_set(e, KERR_INVALID, "the trusted key is not a verifier key (name+id+key, as "
		                "`kansli log head --key` prints it)");
	if (memcmp(key->pk, k->pk, 32) != 0 || strcmp(key->name, k->keyname) != 0)
		return kerr_set(e, KERR_TAMPERED, "keys/log.key is not the trusted key: the log is signed by "
		                "another key (re-signed, or a different installation)");
	return 0;
}

/* Rows that differ from the log (replay_compare, run before): the first
 * named in e, all in rep. */
static int verify_state(verify_report *rep, kerr *e)
{
	size_t n = json_array_size(rep->differences);
	if (n == 0)
		return 0;
	return kerr_set(e, KERR_TAMPERED, "%s%s (%zu%s difference%s from the audit log in all)",
	                json_string_value(json_array_get(rep->differences, 0)),
	                n > 1 ? "; more follow" : "", n, n >= 1000 ? " or more" : "", n == 1 ? "" : "s");
}

/* With KANSLI_VERIFY_PHASES set, each phase's CPU time (of the process,
 * and of the reading thread alone: the rest is the worker's) and wall time
 * go to stderr, for `make bench` to say where verify's time goes. */
static double seconds(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) + (double)(a->tv_nsec - b->tv_nsec) / 1e9;
}

static void phase_done(const char *name)
{
	static struct timespec cpu0, main0, wall0;
	static int on = -1;
	if (on < 0)
		on = getenv("KANSLI_VERIFY_PHASES") != NULL;
	if (!on)
		return;
	struct timespec cpu, main_cpu, wall;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &main_cpu);
	clock_gettime(CLOCK_MONOTONIC, &wall);
	if (name)
		fprintf(stderr, "verify phase %-10s cpu %7.2f s (reader %7.2f s)  wall %7.2f s\n", name,
		        seconds(&cpu, &cpu0), seconds(&main_cpu, &main0), seconds(&wall, &wall0));
	cpu0 = cpu;
	main0 = main_cpu;
	wall0 = wall;
}

static int verify_in_snapshot(kansli *k, const verify_options *opt, verify_report *rep, kerr *e)
{
	unsigned char (*leaves)[32] = NULL;
	uint64_t n = 0;
	head_key key;
	/* the tables are replayed in the pass over the log, which reads each
	 * event's text once, and compared after the schema check */
	replay *images = replay_new(k);
	latest l;
	latest_init(&l);
	recordbody bodies;
	recordbody_init(&bodies, NULL);
	phase_done(NULL);
	int rc = load_key(k, opt, &key, e);
	if (rc || (rc = verify_events(k, &leaves, &n, images, &l, e)))
		goto done;
	phase_done("events");
	rep->events = n;
	rc = verify_heads(k, &key, leaves, n, rep, e);
	if (!rc && opt && opt->checkpoint)
		rc = verify_saved(k, &key, opt->checkpoint, leaves, n, rep, e);
	/* A schema that is not the migrations' makes every later comparison
	 * meaningless (a table may be a view, a trigger may have done the
	 * work): its differences are the report. */
	phase_done("heads");
	if (rc || (rc = schema_differences(k->db, rep->differences, e)) != 0 ||
	    (rc = index_differences(k->db, rep->differences, e)) != 0) {
		rc = rc > 0 ? verify_state(rep, e) : rc;
		goto done;
	}
	phase_done("schema");
	if ((rc = rowlog_baseline_missing(k, e)) < 0)
		goto done;
	if (rc)
		json_array_append_new(rep->differences, json_string(
			"meta: the covered tables or columns differ from the last signed baseline's, and no "
			"baseline records them (verify never writes one; a kansli command that writes does)"));
	/* Every difference of the tables is listed; the checks of records,
	 * cases and minutes after it name what they find in their own terms
	 * first, and the list follows them. The records' bodies are hashed as
	 * record_text is compared, for the check of the records. */
	const covered *cv;
	if ((rc = covered_load(k, &cv, e)))
		goto done;
	recordbody_init(&bodies, covered_find(cv, "record_text"));
	replay_also also = { "record_text", recordbody_note, &bodies, 0 };
	if ((rc = replay_compare(images, rep->differences, &rep->rows, &also, e)) ||
	    (rc = webhook_verify_secrets(k, rep->differences, e)) ||
	    (rc = intake_read_verify(k, rep->differences, e)))
		goto done;
	bodies.read = also.done;
	phase_done("tables");
	if ((rc = verify_sessions(k, rep->differences, e)) || (rc = verify_blobs(k, rep, e)))
		goto done;
	phase_done("files");
	if ((rc = verify_records(k, &l, &bodies, rep, e)))
		goto done;
	phase_done("records");
	if ((rc = verify_cases(k, &l, rep, e)) || (rc = minutes_verify(k, &rep->minutes, e)))
		goto done;
	phase_done("cases");
	rc = verify_state(rep, e);
done:
	free(leaves);
	replay_free(images);
	latest_free(&l);
	recordbody_free(&bodies);
	return rc;
}

int verify_all(kansli *k, const verify_options *opt, verify_report *rep, kerr *e)
{
	memset(rep, 0, sizeof *rep);
	rep->differences = json_array();
	/* One read transaction: every check sees the same snapshot, so a
	 * commit by another process during verify is not a difference. */
	int rc = db_whole_read(k->db, 1, e);
	if (rc || (rc = db_exec(k->db, "BEGIN", e)))
		return rc;
	rc = verify_in_snapshot(k, opt, rep, e);
	db_exec(k->db, "ROLLBACK", NULL);
	db_whole_read(k->db, 0, NULL);
	return rc;
}
