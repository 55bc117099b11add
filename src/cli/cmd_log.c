/*
 * cmd_log.c — `kansli log ...`: the signed tree head, inclusion and
 * consistency proofs, and the events themselves.
 */
#include "cli/cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/checkpoint.h"
#include "util/timeutil.h"

static const char usage[] =
	"usage: kansli log head [--publish] [--key]\n"
	"       kansli log prove --index N [--size S]\n"
	"       kansli log prove --old M [--size N]\n"
	"       kansli log events [--from N] [--limit N] [--json]\n\n"
	"head     prints the signed tree head as a C2SP checkpoint (origin, size,\n"
	"         root hash, signature). --publish keeps it as a published head;\n"
	"         --key prints the verifier key instead.\n"
	"prove    --index N: inclusion proof of event N (1-based) in the tree of\n"
	"         size S (default: now). --old M: consistency proof that the tree\n"
	"         of size M is a prefix of the tree of size N (default: now).\n"
	"         Hashes are base64, as in checkpoints; the proof is checked\n"
	"         before it is printed.\n"
	"events   lists events: id, time, actor, action, object, data.\n";

static void print_b64(const unsigned char *h)
{
	char out[64];
	sodium_bin2base64(out, sizeof out, h, 32, sodium_base64_VARIANT_ORIGINAL);
	puts(out);
}

static int log_head(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	char *cp = NULL;
	uint64_t size;
	if (cli_has(a, "key")) {
		char *key = checkpoint_verifier_key(k->keyname, k->pk);
		if (!key)
			return 7;
		puts(key);
		free(key);
		return 0;
	}
	int rc = cli_has(a, "publish") ? audit_publish_head(k, &cp, &e)
	                               : audit_current_head(k, &cp, &size, &e);
	if (rc)
		return cli_fail(&e);
	fputs(cp, stdout);
	free(cp);
	return 0;
}

static int log_prove(const cli_args *a, kansli *k)
{
	kerr e = KERR_INIT;
	long index = 0, old = 0, size = 0;
	if (cli_int(a, "index", 1, 1L << 50, &index) || cli_int(a, "old", 1, 1L << 50, &old) ||
	    cli_int(a, "size", 1, 1L << 50, &size))
		return 2;
	if (!index == !old) {
		fputs("kansli: give either --index N or --old M\n", stderr);
		return 2;
	}
	unsigned char (*leaves)[32];
	uint64_t n;
	if (audit_load_leaves(k, &leaves, &n, &e))
		return cli_fail(&e);
	uint64_t sz = size ? (uint64_t)size : n;
	int rc = 0;
	unsigned char path[MERKLE_MAX_DEPTH * 2][32], root[32], oldroot[32];
	if (sz > n || (index && (uint64_t)index > sz) || (old && (uint64_t)old > sz)) {
		fprintf(stderr, "kansli: the log has %llu events; no such index or size\n",
		        (unsigned long long)n);
		free(leaves);
		return 2;
	}
	merkle_root((const unsigned char (*)[32])leaves, sz, root);
	if (index) {
		int cnt = merkle_inclusion_proof((const unsigned char (*)[32])leaves, sz,
		                                 (uint64_t)index - 1, path);
		if (cnt < 0 || merkle_verify_inclusion(leaves[index - 1], (uint64_t)index - 1, sz,
		                                       (const unsigned char (*)[32])path, cnt, root)) {
			fputs("kansli: internal error: the inclusion proof does not verify\n", stderr);
			rc = 7;
		} else {
			printf("inclusion of event %ld in tree size %llu\nleaf: ", index, (unsigned long long)sz);
			print_b64(leaves[index - 1]);
			fputs("root: ", stdout);
			print_b64(root);
			for (int i = 0; i < cnt; i++) {
				fputs("path: ", stdout);
				print_b64(path[i]);
			}
		}
	} else {
		merkle_root((const unsigned char (*)[32])leaves, (uint64_t)old, oldroot);
		int cnt = merkle_consistency_proof((const unsigned char (*)[32])leaves, (uint64_t)old, sz, path);
		if (cnt < 0 || merkle_verify_consistency((uint64_t)old, sz, oldroot, root,
		                                         (const unsigned char (*)[32])path, cnt)) {
			fputs("kansli: internal error: the consistency proof does not verify\n", stderr);
			rc = 7;
		} else {
			printf("consistency of tree size %ld with tree size %llu\nold root: ", old,
			       (unsigned long long)sz);
			print_b64(oldroot);
			fputs("new root: ", stdout);
			print_b64(root);
			for (int i = 0; i < cnt; i++) {
				fputs("proof: ", stdout);
				print_b64(path[i]);
			}
		}
	}
	free(leaves);
	return rc;
}

static const char SQL_EVENTS[] =
	"SELECT id, ts_us, actor, action, object_type, object_id, data FROM event "
	"WHERE id >= ?1 ORDER BY id LIMIT ?2";

static int log_events(const cli_args *a, kansli *k)
{
	long from = 1, limit = 100;
	kerr e = KERR_INIT;
	if (cli_int(a, "from", 1, 1L << 50, &from) || cli_int(a, "limit", 1, 1000000, &limit))
		return 2;
	if (k->user_id != 0) {
		fputs("kansli: only the installation's administrator may list raw events\n", stderr);
		return 5;
	}
	db_stmt *s = db_prep(k->db, SQL_EVENTS, &e);
	if (!s)
		return cli_fail(&e);
	db_bind_int(s, 1, from);
	db_bind_int(s, 2, limit);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, &e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 1), when, sizeof when);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:I,s:o}",
		                      "id", (json_int_t)db_col_int(s, 0), "time", when,
		                      "actor", db_col_text(s, 2), "action", db_col_text(s, 3),
		                      "object", db_col_text(s, 4), "object_id", (json_int_t)db_col_int(s, 5),
		                      "data", json_loads(db_col_text(s, 6), 0, NULL)));
	}
	if (rc < 0) {
		json_decref(arr);
		return cli_fail(&e);
	}
	cli_print(a, arr);
	json_decref(arr);
	return 0;
}

int cmd_log(int argc, char **argv)
{
	const char *sub = argc >= 1 ? argv[0] : "";
	cli_args a;
	int rc;
	if (strcmp(sub, "head") && strcmp(sub, "prove") && strcmp(sub, "events"))
		return cli_usage(sub, usage);
	if ((rc = cli_parse(argc - 1, argv + 1, "publish,key,index=,old=,size=,from=,limit=,json", 0, 0,
	                    usage, &a)) >= 0)
		return rc;
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	rc = !strcmp(sub, "head") ? log_head(&a, k) : !strcmp(sub, "prove") ? log_prove(&a, k)
	     : log_events(&a, k);
	kansli_close(k);
	return rc;
}
