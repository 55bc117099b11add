/* import.c — JSON-lines registry import; see import.h. */
#include "core/import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/cases.h"
#include "core/org.h"
#include "core/records.h"

/* Small caches: an import touches a handful of series and classes many
 * thousands of times. */
#define CACHE_MAX 512
typedef struct name_cache {
	int n;
	char key[CACHE_MAX][40];
	int64_t id[CACHE_MAX];
} name_cache;

static int64_t cache_get(name_cache *c, const char *key)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->key[i], key))
			return c->id[i];
	return 0;
}

static void cache_put(name_cache *c, const char *key, int64_t id)
{
	if (c->n < CACHE_MAX && strlen(key) < sizeof c->key[0]) {
		snprintf(c->key[c->n], sizeof c->key[0], "%s", key);
		c->id[c->n++] = id;
	}
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int import_line(kansli *k, int64_t org_id, json_t *o, name_cache *series,
                       name_cache *classes, import_stats *st, kerr *e)
{
	const char *dnr = str(o, "dnr"), *prefix = str(o, "series");
	casenum cn;
	int rc;
	if (!dnr || !prefix)
		return kerr_set(e, KERR_INVALID, "missing \"dnr\" or \"series\"");
	if ((rc = casenum_parse(dnr, &cn, e)))
		return rc;
	if (cn.doc || strcmp(cn.prefix, prefix) != 0)
		return kerr_set(e, KERR_INVALID, "dnr '%s' does not belong to series '%s'", dnr, prefix);
	json_t *docno = json_object_get(o, "doc_no");
	if (!json_is_integer(docno) || json_integer_value(docno) < 1 || json_integer_value(docno) > 999999)
		return kerr_set(e, KERR_INVALID, "\"doc_no\" must be a positive integer");

	if (!cache_get(series, prefix)) {
		int64_t id;
		if (series_find(k, org_id, prefix, &id, NULL) != 0 &&
		    (rc = series_create_tx(k, org_id, prefix, str(o, "organ") ? str(o, "organ") : prefix, &id, e)))
			return rc;
		cache_put(series, prefix, id);
	}
	const char *class_code = str(o, "class_code");
	if (class_code && *class_code && !cache_get(classes, class_code)) {
		int64_t id;
		const char *title = str(o, "class_title");
		if (class_find(k, org_id, class_code, &id, NULL) != 0 &&
		    (rc = class_create_tx(k, org_id, class_code, title && *title ? title : class_code, &id, e)))
			return rc;
		cache_put(classes, class_code, id);
	}
	int64_t case_id;
	char number[CASENUM_MAX];
	casenum_format_case(number, cn.prefix, cn.year, cn.seq);
	if (case_find_parsed(k, org_id, &cn, &case_id, NULL) != 0) {
		case_new c = {
			.series = prefix, .year = cn.year, .seq = cn.seq, .title = str(o, "case_title"),
			.class_code = class_code, .officer_name = str(o, "officer"),
			.opened_date = str(o, "case_opened"),
		};
		if ((rc = case_open_tx(k, org_id, &c, &case_id, number, e)))
			return rc;
		st->cases++;
	}
	const char *ptype = str(o, "party_type");
	json_t *secret = json_object_get(o, "secret");
	int is_secret = json_is_true(secret) || (json_is_integer(secret) && json_integer_value(secret));
	record_new r = {
		.direction = str(o, "direction"), .doc_date = str(o, "date"),
		.party_kind = ptype && *ptype ? ptype : NULL,
		.party_name = ptype && *ptype ? str(o, "party_name") : NULL,
		.party_idnum = ptype && *ptype ? str(o, "party_id") : NULL,
		.title = str(o, "doc_title"), .body = str(o, "body"), .doc_type = str(o, "doc_type"),
		.secrecy = is_secret ? "partial" : "none",
		.legal_ground = is_secret ? str(o, "osl") : NULL,
		/* Who wrote and what it says are what secrecy protects; the
		 * registration itself stays public (OSL 5 kap. 2 §). */
		.masked = is_secret ? "party,body" : NULL,
		.seq = (int)json_integer_value(docno),
	};
	if (!r.doc_date)
		return kerr_set(e, KERR_INVALID, "missing \"date\"");
	int64_t record_id;
	char rnum[CASENUM_MAX];
	int created;
	if ((rc = record_register_tx(k, org_id, case_id, number, &r, NULL, &record_id, rnum, &created, e)))
		return rc;
	if (created)
		st->records++;
	else
		st->skipped++;
	return 0;
}

int import_jsonl(kansli *k, int64_t org_id, FILE *in, long batch, FILE *ack,
                 import_stats *st, kerr *e)
{
	name_cache *series = calloc(1, sizeof *series), *classes = calloc(1, sizeof *classes);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0, open_txn = 0;
	long in_batch = 0;
	memset(st, 0, sizeof *st);
	if (!series || !classes) {
		rc = kerr_set(e, KERR_IO, "out of memory");
		goto out;
	}
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)))
		goto out;
	while ((len = getline(&line, &cap, in)) > 0) {
		st->lines++;
		if (len == 1 && line[0] == '\n')
			continue;
		if (!open_txn) {
			if ((rc = kansli_begin(k, e)))
				goto out;
			open_txn = 1;
			/* A rolled-back batch leaves nothing behind, not even cached ids. */
			series->n = classes->n = 0;
		}
		json_error_t jerr;
		json_t *o = json_loadb(line, (size_t)len, 0, &jerr);
		if (!json_is_object(o)) {
			json_decref(o);
			rc = kerr_set(e, KERR_INVALID, "line %ld: not a JSON object (%s)", st->lines, jerr.text);
			goto out;
		}
		rc = import_line(k, org_id, o, series, classes, st, e);
		json_decref(o);
		if (rc) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			kerr_set(e, rc, "line %ld: %s", st->lines, msg);
			goto out;
		}
		if (batch > 0 && ++in_batch >= batch) {
			if ((rc = kansli_commit(k, e)))
				goto out_committed;
			open_txn = 0;
			in_batch = 0;
			if (ack) {
				fprintf(ack, "committed through line %ld\n", st->lines);
				fflush(ack);
			}
		}
	}
	if (ferror(in)) {
		rc = kerr_set(e, KERR_IO, "read error after line %ld", st->lines);
		goto out;
	}
	if (open_txn) {
		if ((rc = kansli_commit(k, e)))
			goto out_committed;
		open_txn = 0;
		if (ack && batch > 0) {
			fprintf(ack, "committed through line %ld\n", st->lines);
			fflush(ack);
		}
	}
out:
	if (open_txn)
		kansli_rollback(k);
out_committed:
	free(line);
	free(series);
	free(classes);
	return rc;
}
