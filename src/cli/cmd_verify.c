/* cmd_verify.c — `kansli verify`: recompute and check everything. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/covered.h"
#include "core/verify.h"

static const char usage[] =
	"usage: kansli verify [--trusted-key FILE] [--checkpoint FILE]\n"
	"       kansli verify --list-covered [--json]\n\n"
	"Recomputes every audit event's leaf hash and the Merkle tree, checks the\n"
	"signatures of the current and all published tree heads, re-hashes every\n"
	"stored file, rebuilds every table the log covers from the log alone and\n"
	"compares it with the database both ways (missing rows, extra rows,\n"
	"changed fields), and checks records, cases and adjusted minutes against\n"
	"their events. Exits 0 when all matches; otherwise prints every row and\n"
	"field that differs on standard output, names the first problem on\n"
	"standard error and exits 1.\n\n"
	"  --trusted-key FILE  the verifier key (`kansli log head --key`) kept\n"
	"                      outside the data directory: a log re-signed with\n"
	"                      another key fails\n"
	"  --checkpoint FILE   a checkpoint saved earlier (`kansli log publish`):\n"
	"                      a restored older copy or a rewritten log fails\n"
	"  --list-covered      prints the covered tables and columns, one\n"
	"                      \"table column\" line each (key columns marked\n"
	"                      \"key\"), and the excluded ones with their reason\n";

static int read_text(const char *path, buf *b)
{
	if (!path)
		return 0;
	if (cli_read_input(path, b) != 0)
		return -1; /* the message is printed */
	buf_add(b, "", 0);
	return 0;
}

static void print_covered(json_t *d)
{
	size_t i, j;
	json_t *t, *c;
	json_array_foreach(json_object_get(d, "covered"), i, t) {
		const char *name = json_string_value(json_object_get(t, "table"));
		json_array_foreach(json_object_get(t, "key"), j, c)
			printf("%s %s key\n", name, json_string_value(c));
		json_array_foreach(json_object_get(t, "columns"), j, c)
			printf("%s %s\n", name, json_string_value(c));
	}
	json_array_foreach(json_object_get(d, "excluded"), i, t) {
		json_t *col = json_object_get(t, "column");
		printf("excluded %s%s%s: %s\n", json_string_value(json_object_get(t, "table")), col ? " " : "",
		       col ? json_string_value(col) : "", json_string_value(json_object_get(t, "reason")));
	}
}

int cmd_verify(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "trusted-key=,checkpoint=,list-covered,json", 0, 0, usage, &a);
	if (rc >= 0)
		return rc;
	buf key = BUF_INIT, cp = BUF_INIT;
	if (read_text(cli_get(&a, "trusted-key"), &key) || read_text(cli_get(&a, "checkpoint"), &cp)) {
		buf_free(&key);
		buf_free(&cp);
		return 2;
	}
	/* A verifier key is one line. */
	if (key.len)
		key.s[strcspn(key.s, "\r\n")] = 0;
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open_verify(&k, &e)) {
		buf_free(&key);
		buf_free(&cp);
		return cli_fail(&e);
	}
	if (cli_has(&a, "list-covered")) {
		json_t *d = covered_describe(k, &e);
		if (d && cli_has(&a, "json"))
			cli_print(&a, d);
		else if (d)
			print_covered(d);
		json_decref(d);
		buf_free(&key);
		buf_free(&cp);
		kansli_close(k);
		return d ? 0 : cli_fail(&e);
	}
	/* An empty buf's string is "", never NULL: an option not given is. */
	verify_options opt = { cli_get(&a, "trusted-key") ? key.s : NULL, cli_get(&a, "checkpoint") ? cp.s : NULL };
	verify_report rep = { 0 };
	rc = verify_all(k, &opt, &rep, &e);
	size_t i;
	json_t *d;
	json_array_foreach(rep.differences, i, d)
		printf("differs: %s\n", json_string_value(d));
	json_decref(rep.differences);
	buf_free(&key);
	buf_free(&cp);
	return cli_close_done(k, rc, &e, "ok: %llu events, %llu signed heads, %llu files, %llu rows in %s, "
	                      "%llu records, %llu cases, %llu adjusted minutes verified",
	                      (unsigned long long)rep.events, (unsigned long long)rep.heads,
	                      (unsigned long long)rep.blobs, (unsigned long long)rep.rows,
	                      "the tables the log covers", (unsigned long long)rep.records,
	                      (unsigned long long)rep.cases, (unsigned long long)rep.minutes);
}
