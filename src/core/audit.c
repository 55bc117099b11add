/*
 * audit.c — appending events to the Merkle-tree log and signing tree heads.
 *
 * The frontier (the compact range of perfect subtrees) is kept in log_state,
 * so appending an event and computing the new root cost O(log n) hashes, not
 * a pass over the whole log. `kansli verify` never trusts the frontier: it
 * recomputes the tree from the events themselves.
 */
#include "core/audit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/rowdigest.h"
#include "core/webhook.h"
#include "util/checkpoint.h"
#include "util/timeutil.h"

static const char SQL_STATE[] = "SELECT size, frontier FROM log_state WHERE id = 1";
static const char SQL_INSERT_EVENT[] =
	"INSERT INTO event(id, ts_us, org_id, actor, action, object_type, object_id, data, salt, leaf_hash) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char SQL_SAVE_STATE[] =
	"INSERT INTO log_state(id, size, frontier, root, signed_us, checkpoint) "
	"VALUES(1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO UPDATE SET size = excluded.size, "
	"frontier = excluded.frontier, root = excluded.root, signed_us = excluded.signed_us, "
	"checkpoint = excluded.checkpoint";

static int load_frontier(kansli *k, kerr *e)
{
	merkle_frontier_init(&k->frontier);
	db_stmt *s = db_prep(k->db, SQL_STATE, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		uint64_t size = (uint64_t)db_col_int(s, 0);
		if (merkle_frontier_load(&k->frontier, size, db_col_blob(s, 1),
		                         (size_t)db_col_bytes(s, 1)) != 0) {
			db_done(s);
			return kerr_set(e, KERR_TAMPERED, "the stored log frontier is damaged; run kansli verify");
		}
	} else if (rc < 0) {
		return rc;
	}
	db_done(s);
	k->log_loaded = 1;
	return 0;
}

static void add_json_string(buf *b, const char *s)
{
	/* Printable ASCII without quote or backslash is its own JSON text
	 * (jansson would write it unchanged): verify does this for every
	 * event, so the common case skips building a JSON value. */
	const char *p = s ? s : "";
	while (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\')
		p++;
	if (!*p) {
		buf_adds(b, "\"");
		buf_add(b, s ? s : "", (size_t)(p - (s ? s : "")));
		buf_adds(b, "\"");
		return;
	}
	json_t *j = json_string(s ? s : "");
	char *t = j ? json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	buf_adds(b, t ? t : "\"\"");
	free(t);
	json_decref(j);
}

/* The leaf input up to the event's data: salt || {"v":1,...,"data": */
static void leaf_head(buf *out, int64_t id, int64_t ts_us, int64_t org_id, const char *actor, const char *action,
                      const char *object_type, int64_t object_id, const unsigned char salt[AUDIT_SALT_LEN])
{
	/* Versioned so that the encoding can change without breaking old leaves;
	 * the salt makes a leaf hash useless for guessing its content. */
	buf_reset(out);
	buf_add(out, salt, AUDIT_SALT_LEN);
	buf_adds(out, "{\"v\":1,\"id\":");
	buf_add_int(out, id);
	buf_adds(out, ",\"ts\":");
	buf_add_int(out, ts_us);
	buf_adds(out, ",\"org\":");
	buf_add_int(out, org_id);
	buf_adds(out, ",\"actor\":");
	add_json_string(out, actor);
	buf_adds(out, ",\"action\":");
	add_json_string(out, action);
	buf_adds(out, ",\"type\":");
	add_json_string(out, object_type);
	buf_adds(out, ",\"obj\":");
	buf_add_int(out, object_id);
	buf_adds(out, ",\"data\":");
}

void audit_leaf_input(buf *out, int64_t id, int64_t ts_us, int64_t org_id, const char *actor,
                      const char *action, const char *object_type, int64_t object_id,
                      const char *data_json, const unsigned char salt[AUDIT_SALT_LEN])
{
	leaf_head(out, id, ts_us, org_id, actor, action, object_type, object_id, salt);
	/* appended as is, not through printf: an event's data can be megabytes */
	buf_adds(out, data_json);
	buf_adds(out, "}");
}

void audit_leaf_hash(buf *scratch, int64_t id, int64_t ts_us, int64_t org_id, const char *actor,
                     const char *action, const char *object_type, int64_t object_id, const char *data_json,
                     size_t data_len, const unsigned char salt[AUDIT_SALT_LEN], unsigned char out[32])
{
	leaf_head(scratch, id, ts_us, org_id, actor, action, object_type, object_id, salt);
	merkle_leaf_hash_parts(scratch->s, scratch->len, data_json, data_len, "}", 1, out);
}

int audit_append(kansli *k, int64_t org_id, const char *action, const char *object_type,
                 int64_t object_id, json_t *data, kerr *e)
{
	int rc;
	if (!db_in_transaction(k->db)) {
		json_decref(data);
		return kerr_set(e, KERR_INTERNAL, "audit event outside a transaction");
	}
	if (!k->log_loaded && (rc = load_frontier(k, e))) {
		json_decref(data);
		return rc;
	}
	/* An event holds exactly what changed. NULL data is usually a json_pack
	 * that failed on a missing value; logging "{}" instead would accept a
	 * write whose event says nothing, so the write fails. */
	char *data_json = data ? json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(data);
	if (!data_json)
		return kerr_set(e, KERR_INTERNAL, "the %s event has no data", action);
	int64_t id = (int64_t)k->frontier.size + 1;
	int64_t ts = time_now_us();
	unsigned char salt[AUDIT_SALT_LEN], leaf[32];
	randombytes_buf(salt, sizeof salt);
	buf in = BUF_INIT;
	audit_leaf_hash(&in, id, ts, org_id, k->actor, action, object_type, object_id, data_json, strlen(data_json),
	                salt, leaf);
	buf_free(&in);

	db_stmt *s = db_prep(k->db, SQL_INSERT_EVENT, e);
	if (!s) {
		free(data_json);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, ts);
	db_bind_int(s, 3, org_id);
	db_bind_text(s, 4, k->actor);
	db_bind_text(s, 5, action);
	db_bind_text(s, 6, object_type);
	db_bind_int(s, 7, object_id);
	db_bind_text(s, 8, data_json);
	db_bind_blob(s, 9, salt, sizeof salt);
	db_bind_blob(s, 10, leaf, sizeof leaf);
	rc = db_run(s, e);
	free(data_json);
	if (rc)
		return rc;
	/* a webhook owed is queued with the event that owes it (webhook.h) */
	if ((rc = webhook_enqueue(k, org_id, action, id, e)))
		return rc;
	k->frontier_prev = k->frontier;
	merkle_frontier_append(&k->frontier, leaf);
	k->log_dirty = 1;
	return 0;
}

int audit_log_reads(kansli *k, int64_t org_id, const char *action, const char *object_type,
                    const int64_t *ids, json_t *numbers, const char *field, kerr *e)
{
	size_t n = json_array_size(numbers);
	if (n == 0)
		return 0;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		json_t *data = json_pack("{s:O}", "number", json_array_get(numbers, i));
		if (data && field)
			json_object_set_new(data, "field", json_string(field));
		if ((rc = audit_append(k, org_id, action, object_type, ids[i], data, e))) {
			kansli_rollback(k);
			return rc;
		}
	}
	return kansli_commit(k, e);
}

static const char SQL_LAST_EVENT[] =
	"SELECT ts_us, org_id, actor, action, object_type, object_id, data, salt FROM event WHERE id = ?1";
static const char SQL_AMEND_EVENT[] = "UPDATE event SET data = ?2, leaf_hash = ?3 WHERE id = ?1";

int audit_amend_last(kansli *k, json_t *extra, kerr *e)
{
	if (!k->log_dirty)
		return kerr_set(e, KERR_INTERNAL, "no event of this transaction to amend");
	int64_t id = (int64_t)k->frontier.size;
	db_stmt *s = db_prep(k->db, SQL_LAST_EVENT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	int rc = db_step(s, e);
	if (rc != DB_ROW)
		return rc < 0 ? rc : kerr_set(e, KERR_INTERNAL, "event %lld of this transaction is gone", (long long)id);
	json_t *data = json_loads(db_col_text(s, 6), 0, NULL);
	if (!json_is_object(data) || db_col_bytes(s, 7) != AUDIT_SALT_LEN) {
		json_decref(data);
		db_done(s);
		return kerr_set(e, KERR_INTERNAL, "event %lld of this transaction cannot be amended", (long long)id);
	}
	json_object_update(data, extra);
	char *data_json = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(data);
	unsigned char leaf[32];
	buf in = BUF_INIT;
	audit_leaf_hash(&in, id, db_col_int(s, 0), db_col_int(s, 1), db_col_text(s, 2), db_col_text(s, 3),
	                db_col_text(s, 4), db_col_int(s, 5), data_json, strlen(data_json), db_col_blob(s, 7), leaf);
	buf_free(&in);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_AMEND_EVENT, e))) {
		free(data_json);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, data_json);
	db_bind_blob(s, 3, leaf, sizeof leaf);
	rc = db_run(s, e);
	free(data_json);
	if (rc)
		return rc;
	k->frontier = k->frontier_prev;
	merkle_frontier_append(&k->frontier, leaf);
	return 0;
}

int audit_seal(kansli *k, kerr *e)
{
	if (!k->can_sign)
		return kerr_set(e, KERR_DENIED, "cannot read the log signing key %s: only a process that may "
		                "read it can change the registry", k->key_path);
	unsigned char root[32], fb[MERKLE_MAX_DEPTH * 32];
	merkle_frontier_root(&k->frontier, root);
	size_t flen = merkle_frontier_bytes(&k->frontier, fb);
	char *cp = checkpoint_sign(k->origin, k->frontier.size, root, k->keyname, k->sk);
	if (!cp)
		return kerr_set(e, KERR_INTERNAL, "cannot sign the tree head");
	db_stmt *s = db_prep(k->db, SQL_SAVE_STATE, e);
	if (!s) {
		free(cp);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, (int64_t)k->frontier.size);
	db_bind_blob(s, 2, fb, flen);
	db_bind_blob(s, 3, root, sizeof root);
	db_bind_int(s, 4, time_now_us());
	db_bind_text(s, 5, cp);
	int rc = db_run(s, e);
	free(cp);
	return rc;
}

static const char SQL_LEAVES[] = "SELECT id, leaf_hash FROM event WHERE id <= ?1 ORDER BY id";

int audit_load_leaves(kansli *k, unsigned char (**leaves)[32], uint64_t *n, kerr *e)
{
	return audit_load_leaves_upto(k, INT64_MAX, leaves, n, e);
}

int audit_load_leaves_upto(kansli *k, int64_t max, unsigned char (**leaves)[32], uint64_t *n, kerr *e)
{
	size_t cap = 1024, count = 0;
	unsigned char (*arr)[32] = malloc(cap * 32);
	db_stmt *s = db_prep(k->db, SQL_LEAVES, e);
	if (!s || !arr) {
		free(arr);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, max);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (db_col_int(s, 0) != (int64_t)count + 1 || db_col_bytes(s, 1) != 32) {
			int64_t id = db_col_int(s, 0);
			db_done(s);
			free(arr);
			return kerr_set(e, KERR_TAMPERED, "event %lld: the log has a gap or a damaged leaf "
			                "before it", (long long)id);
		}
		if (count == cap) {
			cap *= 2;
			arr = realloc(arr, cap * 32);
			if (!arr)
				abort();
		}
		memcpy(arr[count++], db_col_blob(s, 1), 32);
	}
	if (rc < 0) {
		free(arr);
		return rc;
	}
	*leaves = arr;
	*n = count;
	return 0;
}

static const char SQL_HEAD[] = "SELECT size, checkpoint FROM log_state WHERE id = 1";

int audit_current_head(kansli *k, char **checkpoint, uint64_t *size, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HEAD, e);
	if (!s)
		return KERR_INTERNAL;
	int rc = kansli_row(s, e, KERR_NOTFOUND, "the log has no signed head yet");
	if (rc)
		return rc;
	*size = (uint64_t)db_col_int(s, 0);
	*checkpoint = strdup(db_col_text(s, 1));
	db_done(s);
	return 0;
}

static const char SQL_PUBLISH[] =
	"INSERT INTO tree_head(size, root, published_us, checkpoint) "
	"SELECT size, root, ?1, checkpoint FROM log_state WHERE id = 1 "
	"ON CONFLICT(size) DO NOTHING";

int audit_publish_head(kansli *k, char **checkpoint, kerr *e)
{
	uint64_t size;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_PUBLISH, e);
	if (!s) {
		kansli_rollback(k);
		return KERR_INTERNAL;
	}
	db_bind_int(s, 1, time_now_us());
	if ((rc = db_run(s, e)) || (rc = audit_current_head(k, checkpoint, &size, e))) {
		kansli_rollback(k);
		return rc;
	}
	return kansli_commit(k, e);
}

static const char SQL_PUBLISHED[] = "SELECT checkpoint FROM tree_head WHERE size = ?1";

int audit_published_head(kansli *k, uint64_t size, char **checkpoint, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_PUBLISHED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, (int64_t)size);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no published tree head of size %llu", (unsigned long long)size);
	if (rc)
		return rc;
	*checkpoint = strdup(db_col_text(s, 0));
	db_done(s);
	return 0;
}

static json_t *b64(const unsigned char h[32])
{
	char out[64];
	sodium_bin2base64(out, sizeof out, h, 32, sodium_base64_VARIANT_ORIGINAL);
	return json_string(out);
}

/* Loads the leaves a proof is made from into *leaves (the caller frees
 * them). *size 0 means the whole log; from, the leaf (inclusion) or the old
 * tree size (consistency), must lie in 1..*size, and *size within the log.
 * Returns 0, or KERR_* with e saying what the log holds. */
static int proof_leaves(kansli *k, int inclusion, uint64_t from, uint64_t *size, unsigned char (**leaves)[32],
                        kerr *e)
{
	uint64_t n;
	/* A proof within a given size reads no leaf past it: the answer, and
	 * the time it takes, depend on that tree alone. */
	int rc = audit_load_leaves_upto(k, *size ? (int64_t)*size : INT64_MAX, leaves, &n, e);
	if (rc)
		return rc;
	if (*size == 0)
		*size = n;
	if (*size <= n && from >= 1 && from <= *size)
		return 0;
	free(*leaves);
	if (inclusion)
		return kerr_set(e, KERR_NOTFOUND, "the log has %llu events: no event %llu in a tree of %llu",
		                (unsigned long long)n, (unsigned long long)from, (unsigned long long)*size);
	return kerr_set(e, KERR_NOTFOUND, "the log has %llu events: no proof from %llu to %llu",
	                (unsigned long long)n, (unsigned long long)from, (unsigned long long)*size);
}

json_t *audit_inclusion_proof(kansli *k, uint64_t index, uint64_t size, kerr *e)
{
	unsigned char (*leaves)[32];
	if (proof_leaves(k, 1, index, &size, &leaves, e))
		return NULL;
	unsigned char path[MERKLE_MAX_DEPTH][32], root[32];
	merkle_root((const unsigned char (*)[32])leaves, size, root);
	int cnt = merkle_inclusion_proof((const unsigned char (*)[32])leaves, size, index - 1, path);
	json_t *out = NULL;
	if (cnt >= 0 && merkle_verify_inclusion(leaves[index - 1], index - 1, size,
	                                        (const unsigned char (*)[32])path, cnt, root) == 0) {
		json_t *p = json_array();
		for (int i = 0; i < cnt; i++)
			json_array_append_new(p, b64(path[i]));
		out = json_pack("{s:I,s:I,s:o,s:o,s:o}", "leaf_index", (json_int_t)index, "tree_size", (json_int_t)size,
		                "leaf_hash", b64(leaves[index - 1]), "root", b64(root), "path", p);
	} else {
		kerr_set(e, KERR_INTERNAL, "the inclusion proof does not verify");
	}
	free(leaves);
	return out;
}

json_t *audit_consistency_proof(kansli *k, uint64_t old_size, uint64_t size, kerr *e)
{
	unsigned char (*leaves)[32];
	if (proof_leaves(k, 0, old_size, &size, &leaves, e))
		return NULL;
	unsigned char proof[2 * MERKLE_MAX_DEPTH][32], root[32], old_root[32];
	merkle_root((const unsigned char (*)[32])leaves, size, root);
	merkle_root((const unsigned char (*)[32])leaves, old_size, old_root);
	int cnt = merkle_consistency_proof((const unsigned char (*)[32])leaves, old_size, size, proof);
	json_t *out = NULL;
	if (cnt >= 0 && merkle_verify_consistency(old_size, size, old_root, root,
	                                          (const unsigned char (*)[32])proof, cnt) == 0) {
		json_t *p = json_array();
		for (int i = 0; i < cnt; i++)
			json_array_append_new(p, b64(proof[i]));
		out = json_pack("{s:I,s:I,s:o,s:o,s:o}", "old_size", (json_int_t)old_size, "tree_size", (json_int_t)size,
		                "old_root", b64(old_root), "root", b64(root), "proof", p);
	} else {
		kerr_set(e, KERR_INTERNAL, "the consistency proof does not verify");
	}
	free(leaves);
	return out;
}

static const char SQL_HEADS[] = "SELECT size, published_us, checkpoint FROM tree_head ORDER BY size";

json_t *audit_published_heads(kansli *k, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HEADS, e);
	if (!s)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[40];
		time_format_utc(db_col_int(s, 1), when, sizeof when);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s}", "size", (json_int_t)db_col_int(s, 0),
		                      "published", when, "checkpoint", db_col_text(s, 2)));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_ORG_EVENTS[] =
	"SELECT id, ts_us, actor, action, object_type, object_id FROM event "
	"WHERE org_id = ?1 AND id >= ?2 ORDER BY id LIMIT ?3";

json_t *audit_org_events(kansli *k, int64_t org_id, int64_t from, int limit, kerr *e)
{
	if (access_check(k, org_id, ACCESS_ADMIN, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_ORG_EVENTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, from);
	db_bind_int(s, 3, limit);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(s, 0),
		                      "ts_us", (json_int_t)db_col_int(s, 1), "actor", db_col_text(s, 2),
		                      "action", db_col_text(s, 3), "object", db_col_text(s, 4),
		                      "object_id", (json_int_t)db_col_int(s, 5)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_EVENTS[] =
	"SELECT id, ts_us, actor, action, object_type, object_id, data FROM event "
	"WHERE id >= ?1 ORDER BY id LIMIT ?2";

json_t *audit_events(kansli *k, int64_t from, int limit, kerr *e)
{
	if (k->user_id != 0) {
		kerr_set(e, KERR_DENIED, "only the installation's administrator may list raw events");
		return NULL;
	}
	db_stmt *s = db_prep(k->db, SQL_EVENTS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, from);
	db_bind_int(s, 2, limit);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 1), when, sizeof when);
		json_t *data = json_loads(db_col_text(s, 6), 0, NULL);
		/* an event written before shows a password's hash as its digest too */
		rowdigest_event_data(data);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o}",
		                      "id", (json_int_t)db_col_int(s, 0), "time", when,
		                      "actor", db_col_text(s, 2), "action", db_col_text(s, 3),
		                      "object", db_col_text(s, 4), "object_id", (json_int_t)db_col_int(s, 5),
		                      "data", data));
	}
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
