/* covered.c — the description of what the audit log covers; see covered.h. */
#include "core/covered.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rowdigest.h"
#include "util/buf.h"

/* Tables and columns outside the log, each with why. Everything else in
 * the schema is covered. Keep docs/ARCHITECTURE.md in step. */
static const struct {
	const char *table, *col, *reason;
} exclusions[] = {
	{ "meta", NULL, "installation settings (schema version, log origin, key file); the origin is bound "
	  "by every signed checkpoint" },
	{ "event", NULL, "the log itself: checked by its leaf hashes and Merkle tree" },
	{ "log_state", NULL, "the signed head: checked by its signature and against the whole log" },
	{ "tree_head", NULL, "copies of published heads, each checked by its signature; the witness "
	  "(kansli log publish) keeps the originals" },
	{ "session", NULL, "web logins: short-lived, not a record of the registry" },
	{ "login_failure", NULL, "login throttling counters" },
	{ "index_queue", NULL, "the search indexer's work queue" },
	{ "api_idempotency", NULL, "the API's answers kept 24 hours for Idempotency-Key replays: a cache of "
	  "answers, sealed, not a record of the registry" },
	{ "file_text", NULL, "text extracted from blobs: a cache, extracted again from the blob by kansli reindex --extract" },
	{ "case_title_shown", NULL, "case titles as the open search index holds them: rendered from "
	  "the cases and their records when indexing" },
	{ "record_title_shown", NULL, "record titles as the open search index holds them: rendered from "
	  "the records and their case's parties when indexing" },
	{ "record_body_shown", NULL, "record texts as the open search index holds them, where that differs "
	  "from the text: rendered from the records and their case's parties when indexing (a copy of the "
	  "text in the log would outlive its disposal)" },
	{ "webhook_secret", NULL, "webhook signing secrets, sealed (core/webhook_secret.h): a secret copied "
	  "into events kept for ever would be one no longer; webhook_subscription.secret_sha256 (covered) binds each" },
	{ "webhook_event_queue", NULL, "events owed to webhook subscriptions, until the delivery thread "
	  "hands them out: operational, each names a logged event" },
	{ "webhook_delivery", NULL, "the webhook delivery queue: operational, each delivery names the "
	  "logged event it sends" },
	{ "webhook_attempt", NULL, "the webhook delivery log: operational, what each attempt got back" },
	{ "api_token_use", NULL, "when each API token was last used and by what client: operational, "
	  "like session, and written at most once a minute per token" },
	{ "intake_content", NULL, "what was read out of an inbox item's original (sender, subject, text): "
	  "parsed again from its blob, which intake_item.eml_sha256 (covered) binds; kept out of the log so "
	  "that the purge of a rejected item removes it" },
	{ "intake_file", NULL, "an inbox item's attachments as read out of its original (names, previews): "
	  "parsed again from its blob, which intake_item.eml_sha256 (covered) binds; kept out of the log so "
	  "that the purge of a rejected item removes it" },
	{ "intake_opened", NULL, "when a registrar last opened an organisation's inbox, for the warning of an "
	  "unwatched inbox: operational, like api_token_use, and written at most once a minute" },
	{ "record_text", "body", "checked through body_sha256 in the record's events; the text stays "
	  "out of the log so that disposal removes it" },
};

const char *covered_excluded(const char *table, const char *col)
{
	/* Exact names, never prefixes: a covered table renamed to a name that
	 * merely starts like an excluded one stays covered (and the schema
	 * check names it as not kansli's). */
	static const char *const sqlite_own[] = { "sqlite_sequence", "sqlite_stat1", "sqlite_stat4" };
	static const char *const search[] = {
		"record_open_fts", "record_open_fts_data", "record_open_fts_idx", "record_open_fts_docsize",
		"record_open_fts_config", "record_secret_fts", "record_secret_fts_data", "record_secret_fts_idx",
		"record_secret_fts_docsize", "record_secret_fts_config",
	};
	for (size_t i = 0; i < sizeof sqlite_own / sizeof sqlite_own[0]; i++)
		if (!strcmp(table, sqlite_own[i]))
			return "SQLite's own bookkeeping";
	for (size_t i = 0; i < sizeof search / sizeof search[0]; i++)
		if (!strcmp(table, search[i]))
			return "the search indexes (and their shadow tables): rebuilt from the records";
	for (size_t i = 0; i < sizeof exclusions / sizeof exclusions[0]; i++) {
		if (strcmp(exclusions[i].table, table))
			continue;
		if (!exclusions[i].col || (col && !strcmp(exclusions[i].col, col)))
			return exclusions[i].reason;
	}
	return NULL;
}

/* Table and column names come from the schema, never from a user; still,
 * SQL is only ever built from plain identifiers. */
int covered_plain_identifier(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *take(buf *b)
{
	char *s = strdup(b->s ? b->s : "");
	buf_reset(b);
	return s;
}

static void add_key_expr(buf *b, const covered_table *t, const char *alias)
{
	const char *a = alias ? alias : "", *dot = alias ? "." : "";
	buf_adds(b, "json_array(");
	if (!t->nkey)
		buf_printf(b, "%s%srowid", a, dot);
	/* A key is written as its image's values are: a blob (which JSON
	 * cannot hold, and kansli never writes in a key) as "x:<hex>", so a
	 * row keyed by one is a row the log never added, not an error. */
	for (int i = 0; i < t->nkey; i++)
		buf_printf(b, "%sCASE WHEN typeof(%s%s\"%s\") = 'blob' THEN 'x:' || hex(%s%s\"%s\") ELSE %s%s\"%s\" END",
		           i ? ", " : "", a, dot, t->key[i], a, dot, t->key[i], a, dot, t->key[i]);
	buf_adds(b, ")");
}

/* A column the log holds as its digest (core/rowdigest.h) is written
 * through kansli_digest: the value never reaches the log. */
static void add_image_expr(buf *b, const covered_table *t, const char *alias)
{
	const char *a = alias ? alias : "", *dot = alias ? "." : "";
	buf_adds(b, "json_object(");
	for (int i = 0; i < t->ncols; i++) {
		int digest = t->col_digest[i];
		buf_printf(b, "%s'%s', %sCASE WHEN typeof(%s%s\"%s\") = 'blob' THEN 'x:' || hex(%s%s\"%s\") "
		           "ELSE %s%s\"%s\" END%s", i ? ", " : "", t->cols[i], digest ? "kansli_digest(" : "", a, dot,
		           t->cols[i], a, dot, t->cols[i], a, dot, t->cols[i], digest ? ")" : "");
	}
	buf_adds(b, ")");
}

static void add_key_match(buf *b, const covered_table *t, const char *param)
{
	if (!t->nkey)
		buf_printf(b, "rowid = json_extract(%s, '$[0]')", param);
	for (int i = 0; i < t->nkey; i++)
		buf_printf(b, "%s\"%s\" = json_extract(%s, '$[%d]')", i ? " AND " : "", t->key[i], param, i);
}

/* Builds the statements of one table (see covered_table). */
static void build_sql(covered_table *t)
{
	buf b = BUF_INIT;
	buf_adds(&b, "SELECT ");
	add_image_expr(&b, t, NULL);
	buf_printf(&b, " FROM main.\"%s\" WHERE ", t->name);
	add_key_match(&b, t, "?1");
	t->sql_image_by_key = take(&b);

	buf_adds(&b, "SELECT ");
	add_key_expr(&b, t, NULL);
	for (int i = 0; i < t->ncols; i++)
		buf_printf(&b, ", \"%s\"", t->cols[i]);
	buf_printf(&b, " FROM main.\"%s\"", t->name);
	t->sql_rows = take(&b);

	buf_adds(&b, "SELECT ");
	add_key_expr(&b, t, NULL);
	for (int i = 0; i < t->ncols; i++)
		buf_printf(&b, ", \"%s\"", t->cols[i]);
	for (int i = 0; i < t->noutside; i++)
		buf_printf(&b, ", \"%s\"", t->outside[i]);
	buf_printf(&b, " FROM main.\"%s\"", t->name);
	t->sql_rows_outside = take(&b);

	buf_adds(&b, "SELECT ");
	add_key_expr(&b, t, NULL);
	buf_adds(&b, ", ");
	add_image_expr(&b, t, NULL);
	buf_printf(&b, " FROM main.\"%s\"", t->name);
	t->sql_all = take(&b);

	buf_printf(&b, "SELECT count(*) FROM main.\"%s\"", t->name);
	t->sql_count = take(&b);

	static const char *const ops[] = { "INSERT", "UPDATE", "DELETE" };
	for (int i = 0; i < 3; i++) {
		buf_printf(&b, "CREATE TEMP TRIGGER IF NOT EXISTS \"kansli_rowlog_%s_%c\" AFTER %s ON main.\"%s\" BEGIN ",
		           t->name, ops[i][0], ops[i], t->name);
		/* The row as it was (NULL: it did not exist) goes first: the
		 * earliest note of a key holds its image before the transaction,
		 * which the log must already say (replay.c checks it). */
		if (i != 0) {
			buf_printf(&b, "INSERT INTO rowlog_changed(tbl, k, before) VALUES('%s', ", t->name);
			add_key_expr(&b, t, "OLD");
			buf_adds(&b, ", ");
			add_image_expr(&b, t, "OLD");
			buf_adds(&b, "); ");
		}
		if (i != 2) {
			buf_printf(&b, "INSERT INTO rowlog_changed(tbl, k, before) VALUES('%s', ", t->name);
			add_key_expr(&b, t, "NEW");
			buf_adds(&b, ", NULL); ");
		}
		buf_adds(&b, "END;\n");
	}
	t->sql_triggers = take(&b);
	buf_free(&b);
}

static const char SQL_TABLES[] =
	"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
/* pragma_table_info takes the table name as a bound value: no SQL is built. */
static const char SQL_COLUMNS[] =
	"SELECT name, pk, NULL, upper(type) = 'BLOB' FROM pragma_table_info(?1) ORDER BY pk, cid";

static int load_table(kansli *k, covered_table *t, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_COLUMNS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, t->name);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *col = db_col_text(s, 0);
		if (!covered_plain_identifier(col)) {
			db_done(s);
			return kerr_set(e, KERR_TAMPERED, "table %s has a column whose name kansli never made", t->name);
		}
		if (db_col_int(s, 1) > 0) {
			t->key = realloc(t->key, (size_t)(t->nkey + 1) * sizeof *t->key);
			t->key[t->nkey++] = strdup(col);
		}
		if (covered_excluded(t->name, col)) {
			t->outside = realloc(t->outside, (size_t)(t->noutside + 1) * sizeof *t->outside);
			t->outside[t->noutside++] = strdup(col);
			continue;
		}
		t->cols = realloc(t->cols, (size_t)(t->ncols + 1) * sizeof *t->cols);
		t->cols[t->ncols++] = strdup(col);
		if (db_col_int(s, 3)) {
			buf bl = BUF_INIT;
			buf_printf(&bl, "%s%s,", t->blob_cols ? t->blob_cols : ",", col);
			free(t->blob_cols);
			t->blob_cols = strdup(bl.s);
			buf_free(&bl);
		}
	}
	if (rc < 0)
		return rc;
	qsort(t->cols, (size_t)t->ncols, sizeof *t->cols, by_name);
	if (!(t->col_blob = calloc((size_t)t->ncols + 1, 1)) || !(t->col_digest = calloc((size_t)t->ncols + 1, 1)))
		abort();
	for (int i = 0; i < t->ncols; i++) {
		char want[80];
		snprintf(want, sizeof want, ",%s,", t->cols[i]);
		t->col_blob[i] = t->blob_cols && strstr(t->blob_cols, want);
		t->col_digest[i] = (unsigned char)rowdigest_column(t->name, t->cols[i]);
	}
	build_sql(t);
	return 0;
}

static int load(kansli *k, covered *c, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_TABLES, e);
	if (!s)
		return KERR_INTERNAL;
	int rc;
	char **names = NULL;
	int n = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *name = db_col_text(s, 0);
		if (covered_excluded(name, NULL))
			continue;
		if (!covered_plain_identifier(name)) {
			db_done(s);
			rc = kerr_set(e, KERR_TAMPERED, "the database holds a table whose name kansli never made");
			break;
		}
		names = realloc(names, (size_t)(n + 1) * sizeof *names);
		names[n++] = strdup(name);
	}
	if (rc < 0) {
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return rc;
	}
	c->t = calloc((size_t)n + 1, sizeof *c->t);
	for (int i = 0; i < n; i++) {
		c->t[c->n].name = names[i];
		c->n++;
		if (rc >= 0 && (rc = load_table(k, &c->t[i], e)) == 0)
			rc = DB_DONE;
	}
	free(names);
	if (rc < 0)
		return rc;
	int version = db_schema_version(k->db, e);
	if (version < 0)
		return version;
	buf sig = BUF_INIT;
	buf_printf(&sig, "v%d", version);
	for (int i = 0; i < c->n; i++) {
		buf_printf(&sig, ";%s:", c->t[i].name);
		for (int j = 0; j < c->t[i].ncols; j++)
			buf_printf(&sig, "%s%s", j ? "," : "", c->t[i].cols[j]);
	}
	c->signature = take(&sig);
	buf_free(&sig);
	return 0;
}

int covered_load(kansli *k, const covered **out, kerr *e)
{
	if (!k->covered) {
		covered *c = calloc(1, sizeof *c);
		int rc = load(k, c, e);
		if (rc) {
			covered_free(c);
			return rc;
		}
		k->covered = c;
	}
	*out = k->covered;
	return 0;
}

void covered_free(covered *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++) {
		covered_table *t = &c->t[i];
		for (int j = 0; j < t->ncols; j++)
			free(t->cols[j]);
		for (int j = 0; j < t->nkey; j++)
			free(t->key[j]);
		for (int j = 0; j < t->noutside; j++)
			free(t->outside[j]);
		free(t->outside);
		free(t->sql_rows_outside);
		free(t->cols);
		free(t->key);
		free(t->name);
		free(t->sql_image_by_key);
		free(t->sql_rows);
		free(t->sql_all);
		free(t->sql_count);
		free(t->blob_cols);
		free(t->col_blob);
		free(t->col_digest);
		free(t->sql_triggers);
	}
	free(c->t);
	free(c->signature);
	free(c);
}

const covered_table *covered_find(const covered *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->t[i].name, name))
			return &c->t[i];
	return NULL;
}

json_t *covered_describe(kansli *k, kerr *e)
{
	const covered *c;
	if (covered_load(k, &c, e))
		return NULL;
	json_t *tables = json_array(), *ex = json_array();
	for (int i = 0; i < c->n; i++) {
		json_t *key = json_array(), *cols = json_array();
		for (int j = 0; j < c->t[i].nkey; j++)
			json_array_append_new(key, json_string(c->t[i].key[j]));
		for (int j = 0; j < c->t[i].ncols; j++)
			json_array_append_new(cols, json_string(c->t[i].cols[j]));
		json_array_append_new(tables, json_pack("{s:s,s:o,s:o}", "table", c->t[i].name, "key", key,
		                                        "columns", cols));
	}
	for (size_t i = 0; i < sizeof exclusions / sizeof exclusions[0]; i++) {
		json_t *x = json_pack("{s:s,s:s}", "table", exclusions[i].table, "reason", exclusions[i].reason);
		if (exclusions[i].col)
			json_object_set_new(x, "column", json_string(exclusions[i].col));
		json_array_append_new(ex, x);
	}
	return json_pack("{s:o,s:o}", "covered", tables, "excluded", ex);
}
