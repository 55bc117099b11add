/* cmd_search.c — `kansli search QUERY` and `kansli reindex`. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/indexer.h"
#include "core/search.h"

static const char search_usage[] =
	"usage: kansli search QUERY [--org ORG] [--series P] [--year Y] [--direction D]\n"
	"                     [--status S] [--class C] [--unit U] [--from DATE] [--to DATE]\n"
	"                     [--relevance] [--limit N] [--offset N] [--json]\n\n"
	"Searches numbers, titles, case titles, parties, classification and text,\n"
	"with Swedish word forms (\"bygglovet\" finds \"bygglov\"). The query language:\n"
	"words (side by side: all of them), \"phrases\", prefixes (detaljpl*), AND, OR,\n"
	"NOT or -word, parentheses; case and record numbers (KS 2026/0042, KS 2026/)\n"
	"are looked for among the numbers, and a personnummer or organisationsnummer\n"
	"finds the records it is the party of. Anything else is searched as text.\n"
	"See kansli(1). Newest first unless --relevance. Secret parts are searched\n"
	"only for users who may read them, and such hits are logged as reads.\n"
	"Records waiting to be indexed are indexed first.\n";

static const char reindex_usage[] =
	"usage: kansli reindex [--full | --extract]\n\n"
	"Indexes the records waiting in the queue; --full rebuilds the whole index\n"
	"from the registry; --extract first extracts the text of every file again\n"
	"from the blob store (the extracted text is a cache outside the audit log:\n"
	"this mends one changed behind kansli's back; it takes as long as the first\n"
	"extraction), then rebuilds the index.\n";

/* Drains the queue, telling the user when it is more than a moment's work. */
static int drain(kansli *k, kerr *e)
{
	long long pending = search_pending(k, e);
	if (pending < 0)
		return e->code;
	if (pending > 2000)
		fprintf(stderr, "kansli: indexing %lld records first\n", pending);
	int done;
	do {
		int rc = search_index_pending(k, 512, &done, e);
		if (rc)
			return rc;
	} while (done > 0);
	return 0;
}

int cmd_search(int argc, char **argv)
{
	cli_args a;
	long year = 0, limit = 20, offset = 0;
	int rc = cli_parse(argc, argv, "org=,series=,year=,direction=,status=,class=,unit=,from=,to=,relevance,"
	                   "limit=,offset=,json", 1, 1, search_usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_int(&a, "year", 1900, 2199, &year) || cli_int(&a, "limit", 1, 1000, &limit) ||
	    cli_int(&a, "offset", 0, 1000000, &offset))
		return 2;
	kansli *k;
	int64_t org;
	if ((rc = cli_open_org(&a, &k, &org)))
		return rc;
	kerr e = KERR_INIT;
	if (drain(k, &e)) {
		kansli_close(k);
		return cli_fail(&e);
	}
	search_filter f = {
		.series = cli_get(&a, "series"), .direction = cli_get(&a, "direction"),
		.status = cli_get(&a, "status"), .class_code = cli_get(&a, "class"), .unit = cli_get(&a, "unit"),
		.from = cli_get(&a, "from"),
		.to = cli_get(&a, "to"), .year = (int)year, .relevance = cli_has(&a, "relevance"),
		.limit = (int)limit, .offset = (int)offset,
	};
	json_t *hits = search_query(k, org, a.pos[0], &f, &e);
	kansli_close(k);
	if (hits && !cli_has(&a, "json")) {
		/* The terminal shows matches between brackets. */
		size_t i;
		json_t *h;
		json_array_foreach(hits, i, h) {
			const char *sn = json_string_value(json_object_get(h, "snippet"));
			char out[2048];
			size_t n = 0;
			for (const char *p = sn ? sn : ""; *p && n < sizeof out - 2; p++)
				out[n++] = *p == '\x01' ? '[' : *p == '\x02' ? ']' : *p;
			out[n] = '\0';
			json_object_set_new(h, "snippet", json_string(out));
		}
	}
	return cli_emit(&a, hits, &e);
}

int cmd_reindex(int argc, char **argv)
{
	cli_args a;
	int rc = cli_parse(argc, argv, "full,extract", 0, 0, reindex_usage, &a);
	if (rc >= 0)
		return rc;
	if (cli_has(&a, "full") && cli_has(&a, "extract")) {
		fputs("kansli: give --full or --extract, not both (--extract rebuilds the whole index too)\n", stderr);
		return 2;
	}
	kansli *k;
	kerr e = KERR_INIT;
	if (cli_open(&k, &e))
		return cli_fail(&e);
	long long pending = search_pending(k, &e);
	if (pending < 0)
		return cli_close_done(k, e.code, &e, "%s", "");
	if (cli_has(&a, "extract")) {
		int files = 0;
		rc = indexer_reextract_all(k, &files, &e);
		return cli_close_done(k, rc ? rc : search_rebuild(k, &e), &e,
		                      "extracted the text of %d file(s) again and rebuilt the search index", files);
	}
	if (cli_has(&a, "full"))
		return cli_close_done(k, search_rebuild(k, &e), &e, "rebuilt the search index");
	return cli_close_done(k, drain(k, &e), &e, "indexed %lld records", pending);
}
