/* import.c — JSON-lines registry import; see import.h. */
#include "core/import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/org.h"
#include "core/party.h"
#include "core/records.h"
#include "util/encoding.h"
#include "util/timeutil.h"

/* Small caches: an import touches a handful of series and classes many
 * thousands of times. */
#define CACHE_MAX 512
typedef struct name_cache {
	int n;
	char key[CACHE_MAX][40];
	int64_t id[CACHE_MAX];
} name_cache;

/* Cases this import opened as decided or closed: their status is set when
 * the import ends, after all their records are in. */
typedef struct pending_status {
	int64_t case_id;
	char number[CASENUM_MAX];
	char status[8], opened[11], closed[11];
} pending_status;

struct import_ctx {
	name_cache series, classes;
	pending_status *pending;
	size_t npending, cap;
};

import_ctx *import_ctx_new(void)
{
	return calloc(1, sizeof(import_ctx));
}

void import_ctx_free(import_ctx *c)
{
	if (c)
		free(c->pending);
	free(c);
}

void import_ctx_reset(import_ctx *c)
{
	c->series.n = c->classes.n = 0;
	c->npending = 0;
}

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

static const char SQL_IMPORTED_STATUS[] =
	"UPDATE case_file SET status = ?2, closed_us = ?3 WHERE id = ?1";

/* A case imported as decided or closed keeps that status, and its closing
 * date (which the retention schedule counts from), logged as such. */
static int import_defer_status(import_ctx *ctx, int64_t case_id, const char *number, const char *status,
                               const char *opened, const char *closed, kerr *e)
{
	int closing = !strcmp(status, "closed");
	if (strcmp(status, "decided") && !closing)
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
		                  "case status '%s' is not open, decided or closed", status);
	char today[11];
	time_today(today);
	if (closing) {
		if (!closed || !time_valid_date(closed))
			return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
			                  "closed case %s needs its closing date (YYYY-MM-DD)", number);
		if (strcmp(closed, today) > 0 || (opened && strcmp(closed, opened) < 0))
			return kerr_field(e, KERR_INVALID, "file", KWHY_RANGE,
			                  "closing date %s of %s is before the opening or in the future",
			                  closed, number);
	}
	if (ctx->npending == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 64;
		pending_status *p = realloc(ctx->pending, cap * sizeof *p);
		if (!p)
			return kerr_set(e, KERR_IO, "out of memory");
		ctx->pending = p;
		ctx->cap = cap;
	}
	pending_status *p = &ctx->pending[ctx->npending++];
	p->case_id = case_id;
	snprintf(p->number, sizeof p->number, "%s", number);
	snprintf(p->status, sizeof p->status, "%s", status);
	snprintf(p->opened, sizeof p->opened, "%s", opened ? opened : "");
	snprintf(p->closed, sizeof p->closed, "%s", closing ? closed : "");
	return 0;
}

static int import_apply_status(kansli *k, int64_t org_id, const pending_status *p, kerr *e)
{
	int closing = !strcmp(p->status, "closed");
	const char *number = p->number, *status = p->status, *closed = p->closed;
	int64_t case_id = p->case_id;
	db_stmt *s = db_prep(k->db, SQL_IMPORTED_STATUS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_text(s, 2, status);
	if (closing)
		db_bind_int(s, 3, time_date_us(closed));
	else
		db_bind_null(s, 3);
	int rc = db_run(s, e);
	if (rc)
		return rc;
	return audit_append(k, org_id, closing ? "case.close" : "case.decide", "case", case_id,
	                    json_pack("{s:s,s:s,s:s,s:s?,s:b}", "number", number, "from", "open", "to", status,
	                              "closed", closing ? closed : NULL, "imported", 1), e);
}

/* "secret" is true/false (or 1/0; absent or null is false). Anything else
 * — "yes", "ja", 2 — is refused rather than guessed: read as false, it
 * would publish a secret record. */
static int secret_flag(json_t *v, int *secret, kerr *e)
{
	if (!v || json_is_null(v) || json_is_boolean(v)) {
		*secret = json_is_true(v);
		return 0;
	}
	if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
		*secret = json_integer_value(v) == 1;
		return 0;
	}
	return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "\"secret\" must be true or false%s%s%s",
	                  json_is_string(v) ? ", not \"" : "", json_is_string(v) ? json_string_value(v) : "",
	                  json_is_string(v) ? "\"" : "");
}

int import_entry(kansli *k, int64_t org_id, json_t *o, import_ctx *ctx, import_stats *st, kerr *e)
{
	name_cache *series = &ctx->series, *classes = &ctx->classes;
	const char *dnr = str(o, "dnr"), *prefix = str(o, "series");
	casenum cn;
	int rc;
	if (!dnr || !prefix)
		return kerr_field(e, KERR_INVALID, "file", KWHY_REQUIRED, "missing \"dnr\" or \"series\"");
	if ((rc = casenum_parse(dnr, &cn, e)))
		return rc;
	if (cn.doc || strcmp(cn.prefix, prefix) != 0)
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
		                  "dnr '%s' does not belong to series '%s'", dnr, prefix);
	/* null (legacy registries without record numbers): the next number.
	 * 0 is refused: it is an exporter's mistake more often than a choice. */
	json_t *docno = json_object_get(o, "doc_no");
	if (!json_is_null(docno) &&
	    (!json_is_integer(docno) || json_integer_value(docno) < 1 || json_integer_value(docno) > 999999))
		return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
		                  "\"doc_no\" must be a record number from 1 to 999999 (null for the "
		                  "next number)");
	int is_secret = 0;
	if ((rc = secret_flag(json_object_get(o, "secret"), &is_secret, e)))
		return rc;

	if (!cache_get(series, prefix)) {
		int64_t id;
		kerr miss = KERR_INIT; /* a missing series is made; a failed read is an error */
		if ((rc = series_find(k, org_id, prefix, &id, &miss)) == KERR_NOTFOUND)
			rc = series_create_tx(k, org_id, prefix, str(o, "organ") ? str(o, "organ") : prefix, &id, e);
		else if (rc)
			return kerr_set(e, rc, "%s", miss.msg);
		if (rc)
			return rc;
		cache_put(series, prefix, id);
	}
	const char *class_code = str(o, "class_code");
	if (class_code && *class_code && !cache_get(classes, class_code)) {
		int64_t id;
		const char *title = str(o, "class_title");
		kerr miss = KERR_INIT;
		if ((rc = class_find(k, org_id, class_code, &id, &miss)) == KERR_NOTFOUND)
			rc = class_create_tx(k, org_id, class_code, title && *title ? title : class_code, &id, e);
		else if (rc)
			return kerr_set(e, rc, "%s", miss.msg);
		if (rc)
			return rc;
		cache_put(classes, class_code, id);
	}
	int64_t case_id;
	char number[CASENUM_MAX];
	casenum_format_case(number, cn.prefix, cn.year, cn.seq);
	kerr miss = KERR_INIT;
	if ((rc = case_find_parsed(k, org_id, &cn, &case_id, &miss)) && rc != KERR_NOTFOUND)
		return kerr_set(e, rc, "%s", miss.msg);
	if (rc == KERR_NOTFOUND) {
		case_new c = {
			.series = prefix, .year = cn.year, .seq = cn.seq, .title = str(o, "case_title"),
			.class_code = class_code, .officer_name = str(o, "officer"),
			.opened_date = str(o, "case_opened"),
		};
		if ((rc = case_open_tx(k, org_id, &c, &case_id, number, e)))
			return rc;
		const char *status = str(o, "case_status");
		if (status && *status && strcmp(status, "open") &&
		    (rc = import_defer_status(ctx, case_id, number, status, c.opened_date, str(o, "case_closed"), e)))
			return rc;
		st->cases++;
	}
	const char *ptype = str(o, "party_type");
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
		.seq = json_is_null(docno) ? 0 : (int)json_integer_value(docno),
		/* The registry being imported bound its personnummer to these
		 * names (people change names; large registries share a number
		 * by mistake): its word is taken, and every such link is logged
		 * with both names (party.same_person) for review, not refused,
		 * which would make a whole registry unimportable. */
		.same_person = 1,
	};
	if (!r.doc_date)
		return kerr_field(e, KERR_INVALID, "file", KWHY_REQUIRED, "missing \"date\"");
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

int import_finish(kansli *k, int64_t org_id, import_ctx *ctx, kerr *e)
{
	for (size_t i = 0; i < ctx->npending; i++) {
		int rc = import_apply_status(k, org_id, &ctx->pending[i], e);
		if (rc)
			return rc;
	}
	ctx->npending = 0;
	return 0;
}

int import_jsonl(kansli *k, int64_t org_id, FILE *in, long batch, FILE *ack,
                 import_stats *st, kerr *e)
{
	import_ctx *ctx = import_ctx_new();
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0, open_txn = 0;
	long in_batch = 0;
	memset(st, 0, sizeof *st);
	if (!ctx) {
		rc = kerr_set(e, KERR_IO, "out of memory");
		goto out;
	}
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)))
		goto out;
	while ((len = getline(&line, &cap, in)) > 0) {
		st->lines++;
		char *text = line;
		/* Editors on Windows start UTF-8 files with a byte order mark. */
		if (st->lines == 1 && len >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
			text += 3;
			len -= 3;
		}
		if (len == 1 && text[0] == '\n')
			continue;
		if (!open_txn) {
			if ((rc = kansli_begin(k, e)))
				goto out;
			open_txn = 1;
			/* A rolled-back batch leaves nothing behind, not even cached ids. */
			import_ctx_reset(ctx);
		}
		json_error_t jerr;
		json_t *o = json_loadb(text, (size_t)len, 0, &jerr);
		if (!json_is_object(o)) {
			json_decref(o);
			rc = kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
			                "line %ld: not a JSON object (%s)", st->lines, jerr.text);
			goto out;
		}
		char key[80];
		if (text_check_json(o, key, sizeof key)) {
			json_decref(o);
			rc = kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
			                "line %ld: %s%s%s is not text (a control character)", st->lines,
			                *key ? "\"" : "a key", key, *key ? "\"" : "");
			goto out;
		}
		text_nfc_json(o); /* stored text is NFC (util/encoding.h) */
		rc = import_entry(k, org_id, o, ctx, st, e);
		json_decref(o);
		if (rc) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			kerr_set(e, rc, "line %ld: %s", st->lines, msg);
			goto out;
		}
		if (batch > 0 && ++in_batch >= batch) {
			if ((rc = import_finish(k, org_id, ctx, e)))
				goto out;
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
		if ((rc = import_finish(k, org_id, ctx, e)))
			goto out;
		if ((rc = kansli_commit(k, e)))
			goto out_committed;
		open_txn = 0;
		if (ack && batch > 0) {
			fprintf(ack, "committed through line %ld\n", st->lines);
			fflush(ack);
		}
	}
out:
	if (open_txn) {
		kansli_rollback(k);
		rc = party_log_refused(k, org_id, rc, e);
	}
out_committed:
	free(line);
	import_ctx_free(ctx);
	return rc;
}
