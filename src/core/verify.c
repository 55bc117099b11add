/* verify.c — recomputing the log, the heads, the blobs and the state; see verify.h. */
#include "core/verify.h"

#include "core/meeting.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/buf.h"
#include "util/checkpoint.h"
#include "util/hash.h"

static const char SQL_EVENTS[] =
	"SELECT id, ts_us, org_id, actor, action, object_type, object_id, data, salt, leaf_hash "
	"FROM event ORDER BY id";

static int verify_events(kansli *k, unsigned char (**leaves)[32], uint64_t *n, kerr *e)
{
	size_t cap = 4096, count = 0;
	unsigned char (*arr)[32] = malloc(cap * 32);
	buf in = BUF_INIT;
	db_stmt *s = db_prep(k->db, SQL_EVENTS, e);
	int rc;
	if (!s || !arr) {
		free(arr);
		return KERR_INTERNAL;
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		if (id != (int64_t)count + 1) {
			db_done(s);
			rc = kerr_set(e, KERR_TAMPERED, "event %llu is missing from the log (next is %lld)",
			              (unsigned long long)count + 1, (long long)id);
			goto fail;
		}
		if (db_col_bytes(s, 8) != AUDIT_SALT_LEN || db_col_bytes(s, 9) != 32) {
			db_done(s);
			rc = kerr_set(e, KERR_TAMPERED, "event %lld has a damaged salt or leaf hash", (long long)id);
			goto fail;
		}
		audit_leaf_input(&in, id, db_col_int(s, 1), db_col_int(s, 2), db_col_text(s, 3),
		                 db_col_text(s, 4), db_col_text(s, 5), db_col_int(s, 6), db_col_text(s, 7),
		                 db_col_blob(s, 8));
		if (count == cap) {
			cap *= 2;
			if (!(arr = realloc(arr, cap * 32)))
				abort();
		}
		merkle_leaf_hash((const unsigned char *)in.s, in.len, arr[count]);
		if (memcmp(arr[count], db_col_blob(s, 9), 32) != 0) {
			rc = kerr_set(e, KERR_TAMPERED, "event %lld (%s on %s %lld at %lld) does not match its "
			              "leaf hash: it was changed after it was logged", (long long)id,
			              db_col_text(s, 4), db_col_text(s, 5), (long long)db_col_int(s, 6),
			              (long long)db_col_int(s, 1));
			db_done(s);
			goto fail;
		}
		count++;
	}
	if (rc < 0)
		goto fail;
	buf_free(&in);
	*leaves = arr;
	*n = count;
	return 0;
fail:
	buf_free(&in);
	free(arr);
	return rc;
}

static int check_head(kansli *k, const char *cp, unsigned char (*leaves)[32], uint64_t n,
                      const char *what, kerr *e)
{
	char why[200], *origin = NULL;
	uint64_t size;
	unsigned char root[32], want[32];
	if (checkpoint_verify(cp, k->keyname, k->pk, &origin, &size, root, why, sizeof why) != 0)
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
	return 0;
}

static const char SQL_HEADS[] = "SELECT size, checkpoint FROM tree_head ORDER BY size";
static const char SQL_STATE_HEAD[] = "SELECT size, checkpoint FROM log_state WHERE id = 1";

static int verify_heads(kansli *k, unsigned char (*leaves)[32], uint64_t n, verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_STATE_HEAD, e);
	int rc;
	if (!s)
		return KERR_INTERNAL;
	if (db_step(s, e) != DB_ROW) {
		db_done(s);
		return n == 0 ? 0 : kerr_set(e, KERR_TAMPERED, "the log has events but no signed head");
	}
	char *cp = strdup(db_col_text(s, 1));
	uint64_t size = (uint64_t)db_col_int(s, 0);
	db_done(s);
	rc = check_head(k, cp, leaves, n, "the current tree head", e);
	free(cp);
	if (rc)
		return rc;
	if (size != n)
		return kerr_set(e, KERR_TAMPERED, "the log has %llu events but its signed head covers %llu: "
		                "events were added behind kansli's back", (unsigned long long)n,
		                (unsigned long long)size);
	rep->heads++;
	if (!(s = db_prep(k->db, SQL_HEADS, e)))
		return KERR_INTERNAL;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char what[64];
		snprintf(what, sizeof what, "published tree head %lld", (long long)db_col_int(s, 0));
		if ((rc = check_head(k, db_col_text(s, 1), leaves, n, what, e))) {
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
	int step;
	while ((step = db_step(s, e)) == DB_ROW) {
		int rc = blob_check(&k->blobs, db_col_text(s, 0), e);
		if (rc) {
			db_done(s);
			return rc == KERR_NOTFOUND ? KERR_TAMPERED : rc;
		}
		rep->blobs++;
	}
	return step < 0 ? step : 0;
}

/* A disposed record's latest event is its disposal (record.dispose), which
 * states what is left of it: its frozen fields are checked against that. */
static const char SQL_RECORDS[] =
	"SELECT r.id, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, r.legal_ground, "
	"  r.masked_fields, t.body, r.version, "
	"  (SELECT data FROM event WHERE object_type = 'record' AND object_id = r.id "
	"     AND action IN ('record.register', 'record.correct', 'record.dispose') ORDER BY id DESC LIMIT 1), "
	"  r.doc_type, r.disposed_note "
	"FROM record r LEFT JOIN record_text t ON t.record_id = r.id ORDER BY r.id";
static const char SQL_RECORD_FILE_EVENTS[] =
	"SELECT action, data FROM event WHERE object_type = 'record' AND object_id = ?1 "
	"  AND action IN ('record.register', 'record.correct', 'record.dispose') ORDER BY id";
static const char SQL_RECORD_FILE_ROWS[] = "SELECT name, hash FROM record_file WHERE record_id = ?1";
static const char SQL_FILE_WITHOUT_BLOB[] =
	"SELECT rf.hash FROM record_file rf LEFT JOIN blob b ON b.hash = rf.hash WHERE b.hash IS NULL LIMIT 1";

/* 1 when a record's file rows are exactly the files its events added
 * (registration and corrections; a disposal removes them all). */
static int files_differ(kansli *k, int64_t id, kerr *e)
{
	json_t *want = json_array();
	db_stmt *s = db_prep(k->db, SQL_RECORD_FILE_EVENTS, e);
	if (!s) {
		json_decref(want);
		return 1;
	}
	db_bind_int(s, 1, id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (!strcmp(db_col_text(s, 0), "record.dispose")) {
			json_array_clear(want);
			continue;
		}
		json_t *ev = json_loads(db_col_text(s, 1), 0, NULL);
		size_t i;
		json_t *f;
		json_array_foreach(json_object_get(ev, "files"), i, f)
			json_array_append_new(want, json_pack("[O,O]", json_object_get(f, "name"),
			                                      json_object_get(f, "sha256")));
		json_decref(ev);
	}
	if (rc < 0) { /* not proven equal: reported like a failed prepare */
		json_decref(want);
		return 1;
	}
	int differs = 0;
	if (!(s = db_prep(k->db, SQL_RECORD_FILE_ROWS, e))) {
		json_decref(want);
		return 1;
	}
	db_bind_int(s, 1, id);
	while (!differs && (rc = db_step(s, e)) == DB_ROW) {
		size_t i, found = (size_t)-1;
		json_t *w;
		json_array_foreach(want, i, w) {
			const char *n = json_string_value(json_array_get(w, 0)), *h = json_string_value(json_array_get(w, 1));
			if (n && h && !strcmp(n, db_col_text(s, 0)) && !strcmp(h, db_col_text(s, 1))) {
				found = i;
				break;
			}
		}
		if (found == (size_t)-1)
			differs = 1;
		else
			json_array_remove(want, found);
	}
	db_done(s);
	differs |= rc < 0 || json_array_size(want) != 0;
	json_decref(want);
	return differs;
}

static int field_differs(json_t *ev, const char *key, db_stmt *s, int col)
{
	json_t *v = json_object_get(ev, key);
	const char *want = json_is_string(v) ? json_string_value(v) : NULL;
	if (db_col_null(s, col))
		return want != NULL;
	return !want || strcmp(want, db_col_text(s, col)) != 0;
}

static int verify_records(kansli *k, verify_report *rep, kerr *e)
{
	static const struct { const char *key; int col; } fields[] = {
		{ "direction", 1 }, { "doc_date", 2 }, { "party", 3 }, { "title", 4 },
		{ "secrecy", 5 }, { "legal_ground", 6 }, { "masked", 7 },
	};
	db_stmt *s = db_prep(k->db, SQL_RECORDS, e);
	if (!s)
		return KERR_INTERNAL;
	int step;
	while ((step = db_step(s, e)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		json_t *ev = db_col_null(s, 10) ? NULL : json_loads(db_col_text(s, 10), 0, NULL);
		const char *bad = NULL;
		if (!ev)
			bad = "registration event";
		for (size_t i = 0; !bad && i < sizeof fields / sizeof fields[0]; i++)
			if (field_differs(ev, fields[i].key, s, fields[i].col))
				bad = fields[i].key;
		if (!bad && json_integer_value(json_object_get(ev, "version")) != db_col_int(s, 9))
			bad = "version";
		if (!bad && field_differs(ev, "doc_type", s, 11))
			bad = "document type";
		if (!bad && field_differs(ev, "disposed", s, 12))
			bad = "disposal mark";
		if (!bad) {
			unsigned char h[32];
			char hex[65];
			const char *body = db_col_null(s, 8) ? "" : db_col_text(s, 8);
			hash_sha256(body, strlen(body), h);
			hash_hex(h, 32, hex);
			json_t *want = json_object_get(ev, "body_sha256");
			if (!json_is_string(want) || strcmp(json_string_value(want), hex) != 0)
				bad = "body";
		}
		if (!bad && files_differ(k, id, e))
			bad = "set of files";
		if (bad) {
			json_t *num = json_object_get(ev, "number");
			kerr_set(e, KERR_TAMPERED, "record %s (id %lld): its %s differs from what the audit log "
			         "says", json_is_string(num) ? json_string_value(num) : "?", (long long)id, bad);
			json_decref(ev);
			db_done(s);
			return KERR_TAMPERED;
		}
		json_decref(ev);
		rep->records++;
	}
	if (step < 0)
		return step;
	/* Blobs of disposed records are gone with their rows; a file row whose
	 * blob row is gone was tampered with. */
	if (!(s = db_prep(k->db, SQL_FILE_WITHOUT_BLOB, e)))
		return KERR_INTERNAL;
	if (db_step(s, e) == DB_ROW) {
		kerr_set(e, KERR_TAMPERED, "blob %s is named by a record's file but missing from the blob store",
		         db_col_text(s, 0));
		db_done(s);
		return KERR_TAMPERED;
	}
	db_done(s);
	return 0;
}

static const char SQL_CASES[] =
	"SELECT c.id, c.title, (SELECT data FROM event WHERE object_type = 'case' AND object_id = c.id "
	"  AND action = 'case.open' ORDER BY id LIMIT 1) FROM case_file c ORDER BY c.id";

static int verify_cases(kansli *k, verify_report *rep, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASES, e);
	if (!s)
		return KERR_INTERNAL;
	int step;
	while ((step = db_step(s, e)) == DB_ROW) {
		json_t *ev = db_col_null(s, 2) ? NULL : json_loads(db_col_text(s, 2), 0, NULL);
		if (!ev || field_differs(ev, "title", s, 1)) {
			json_t *num = json_object_get(ev, "number");
			kerr_set(e, KERR_TAMPERED, "case %s (id %lld): its title differs from what the audit log says",
			         json_is_string(num) ? json_string_value(num) : "?", (long long)db_col_int(s, 0));
			json_decref(ev);
			db_done(s);
			return KERR_TAMPERED;
		}
		json_decref(ev);
		rep->cases++;
	}
	return step < 0 ? step : 0;
}

int verify_all(kansli *k, verify_report *rep, kerr *e)
{
	unsigned char (*leaves)[32] = NULL;
	uint64_t n = 0;
	memset(rep, 0, sizeof *rep);
	int rc = verify_events(k, &leaves, &n, e);
	if (rc)
		return rc;
	rep->events = n;
	rc = verify_heads(k, leaves, n, rep, e);
	free(leaves);
	if (rc || (rc = verify_blobs(k, rep, e)) || (rc = verify_records(k, rep, e)) ||
	    (rc = verify_cases(k, rep, e)) || (rc = minutes_verify(k, &rep->minutes, e)))
		return rc;
	return 0;
}
