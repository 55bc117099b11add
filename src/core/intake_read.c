/* intake_read.c — the inbox's read-out rows bound to the log; see intake_read.h. */
#include "core/intake_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"

static const char SQL_CONTENT[] =
	"SELECT sender, subject, sent, body, problems FROM intake_content WHERE item_id = ?1";
static const char SQL_FILES[] =
	"SELECT seq, name, media_type, hash, size, preview FROM intake_file WHERE item_id = ?1 ORDER BY seq";
static const char SQL_LOGGED[] =
	"SELECT json_extract(data, '$.read_sha256') FROM event WHERE object_type = 'intake_item' "
	"AND object_id = ?1 AND action = 'intake.take' ORDER BY id DESC LIMIT 1";
static const char SQL_HOLDING[] =
	"SELECT item_id FROM intake_content UNION SELECT item_id FROM intake_file ORDER BY 1";

/* One field, its length first: no two different rows hash alike. */
static void field(hash_ctx *h, const char *s)
{
	char len[32];
	size_t n = s ? strlen(s) : 0;
	int l = snprintf(len, sizeof len, "%zu:", n);
	hash_update(h, len, (size_t)l);
	hash_update(h, s ? s : "", n);
}

int intake_read_digest(kansli *k, int64_t item_id, char hex[65], int *has, kerr *e)
{
	*has = 0;
	*hex = 0;
	db_stmt *s = db_prep(k->db, SQL_CONTENT, e);
	if (!s)
		return KERR_INTERNAL;
	hash_ctx *h = hash_begin();
	db_bind_int(s, 1, item_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		*has = 1;
		hash_update(h, "content", 7);
		for (int i = 0; i < 5; i++)
			field(h, db_col_text(s, i));
		db_done(s);
	} else if (rc == DB_DONE) {
		hash_update(h, "none", 4);
	}
	if (rc < 0 || !(s = db_prep(k->db, SQL_FILES, e))) {
		unsigned char ignored[HASH_LEN];
		hash_end(h, ignored);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	db_bind_int(s, 1, item_id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[64];
		*has = 1;
		hash_update(h, "file", 4);
		snprintf(num, sizeof num, "%lld", (long long)db_col_int(s, 0));
		field(h, num);
		for (int i = 1; i < 4; i++)
			field(h, db_col_text(s, i));
		snprintf(num, sizeof num, "%lld", (long long)db_col_int(s, 4));
		field(h, num);
		field(h, db_col_text(s, 5));
	}
	unsigned char d[HASH_LEN];
	hash_end(h, d);
	if (rc < 0)
		return rc;
	hash_hex(d, HASH_LEN, hex);
	return 0;
}

int intake_read_check(kansli *k, int64_t item_id, kerr *e)
{
	char hex[65];
	int has;
	int rc = intake_read_digest(k, item_id, hex, &has, e);
	if (rc || !has)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_LOGGED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	if ((rc = db_step(s, e)) != DB_ROW) {
		db_done(s);
		if (rc < 0)
			return rc;
		/* the log names no intake of it: the rows are not the program's */
		return kerr_set(e, KERR_TAMPERED, "inbox item %lld: its read-out rows have no intake in the log",
		                (long long)item_id);
	}
	char logged[65] = "";
	int old = db_col_null(s, 0);
	if (!old)
		snprintf(logged, sizeof logged, "%s", db_col_text(s, 0));
	db_done(s);
	if (old) /* taken before the digest was logged */
		return 0;
	if (strcmp(hex, logged))
		return kerr_set(e, KERR_TAMPERED, "inbox item %lld: what was read out of its original (sender, "
		                "subject, text, attachments) is not what its intake logged", (long long)item_id);
	return 0;
}

int intake_read_verify(kansli *k, json_t *differences, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_HOLDING, e);
	if (!s)
		return KERR_INTERNAL;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		int64_t *grown = realloc(ids, (n + 1) * sizeof *ids);
		if (!grown) {
			db_done(s);
			free(ids);
			return kerr_set(e, KERR_IO, "out of memory");
		}
		ids = grown;
		ids[n++] = db_col_int(s, 0);
	}
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		kerr why = KERR_INIT;
		int bad = intake_read_check(k, ids[i], &why);
		if (bad == KERR_TAMPERED)
			json_array_append_new(differences, json_string(why.msg));
		else if (bad)
			rc = kerr_set(e, bad, "%s", why.msg);
	}
	free(ids);
	return rc < 0 ? rc : 0;
}
