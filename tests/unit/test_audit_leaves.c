/*
 * test_audit_leaves.c — the audit log's leaves as core/audit.c reads them
 * back for verify and the proofs: a log of exactly 1024 events fills the
 * first allocation to its last byte (a leaf copied one byte too long runs
 * past it, which AddressSanitizer stops), one more makes it grow, and each
 * time the leaves hash to the signed root. An inclusion proof's path leads
 * from its leaf to its tree's root.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/audit.h"
#include "core/kansli.h"
#include "test.h"
#include "util/merkle.h"

static const char SQL_EVENTS[] = "SELECT count(*) FROM event";
static const char SQL_ROOT[] = "SELECT root FROM log_state WHERE id = 1";

static int64_t events(kansli *k)
{
	kerr e = KERR_INIT;
	db_stmt *s = db_prep(k->db, SQL_EVENTS, &e);
	int64_t n = s && db_step(s, &e) == DB_ROW ? db_col_int(s, 0) : -1;
	if (s)
		db_done(s);
	return n;
}

/* Appends events in one transaction until the log holds n. */
static int grow_to(kansli *k, int64_t n)
{
	kerr e = KERR_INIT;
	if (kansli_begin(k, &e))
		return -1;
	for (int64_t i = events(k); i < n; i++)
		if (audit_append(k, 0, "test.event", "test", i, json_pack("{s:I}", "i", (json_int_t)i), &e)) {
			kansli_rollback(k);
			return -1;
		}
	return kansli_commit(k, &e) ? -1 : 0;
}

/* Whether the leaves audit_load_leaves reads are the log's n events and
 * hash to the root its signed head names. */
static int leaves_are_the_log(kansli *k, uint64_t want)
{
	kerr e = KERR_INIT;
	unsigned char (*leaves)[32] = NULL, root[32];
	uint64_t n = 0;
	if (audit_load_leaves(k, &leaves, &n, &e))
		return 0;
	merkle_root((const unsigned char (*)[32])leaves, n, root);
	free(leaves);
	db_stmt *s = db_prep(k->db, SQL_ROOT, &e);
	int ok = s && db_step(s, &e) == DB_ROW && db_col_bytes(s, 0) == 32 && !memcmp(db_col_blob(s, 0), root, 32);
	if (s)
		db_done(s);
	return ok && n == want;
}

/* Whether the inclusion proof of event index in the tree of size (0: the
 * whole log) leads from its leaf to its root, as a client checks it. */
static int proof_verifies(kansli *k, uint64_t index, uint64_t size)
{
	kerr e = KERR_INIT;
	json_t *p = audit_inclusion_proof(k, index, size, &e);
	if (!p)
		return 0;
	unsigned char leaf[32], root[32], path[MERKLE_MAX_DEPTH][32];
	size_t len = 0, cnt = json_array_size(json_object_get(p, "path"));
	int ok = cnt <= MERKLE_MAX_DEPTH &&
	         !sodium_base642bin(leaf, 32, json_string_value(json_object_get(p, "leaf_hash")),
	                            strlen(json_string_value(json_object_get(p, "leaf_hash"))), NULL, &len, NULL,
	                            sodium_base64_VARIANT_ORIGINAL) && len == 32 &&
	         !sodium_base642bin(root, 32, json_string_value(json_object_get(p, "root")),
	                            strlen(json_string_value(json_object_get(p, "root"))), NULL, &len, NULL,
	                            sodium_base64_VARIANT_ORIGINAL) && len == 32;
	for (size_t i = 0; ok && i < cnt; i++) {
		const char *b = json_string_value(json_array_get(json_object_get(p, "path"), i));
		ok = b && !sodium_base642bin(path[i], 32, b, strlen(b), NULL, &len, NULL, sodium_base64_VARIANT_ORIGINAL) &&
		     len == 32;
	}
	uint64_t tree = (uint64_t)json_integer_value(json_object_get(p, "tree_size"));
	ok = ok && (!size || tree == size) &&
	     merkle_verify_inclusion(leaf, index - 1, tree, (const unsigned char (*)[32])path, (int)cnt, root) == 0;
	json_decref(p);
	return ok;
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	char dir[] = "/tmp/kansli-test-audit-leaves-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char data[80];
	snprintf(data, sizeof data, "%s/data", dir);
	kerr e = KERR_INIT;
	kansli *k = NULL;
	CHECK("create an installation", kansli_create(data, "test.example/audit-leaves", &e) == 0);
	CHECK("open it", kansli_open(&k, data, &e) == 0);
	if (!k)
		return 1;
	CHECK("a log of 1024 events", grow_to(k, 1024) == 0 && events(k) == 1024);
	CHECK("... is read back whole, hashing to its signed root", leaves_are_the_log(k, 1024));
	CHECK("a log of 1025 events", grow_to(k, 1025) == 0 && events(k) == 1025);
	CHECK("... is read back whole too", leaves_are_the_log(k, 1025));
	CHECK("the inclusion proof of event 2 in the tree of 3 leads to its root", proof_verifies(k, 2, 3));
	CHECK("... and of event 1000 in the whole log", proof_verifies(k, 1000, 0));
	kansli_close(k);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	TEST_END();
}
