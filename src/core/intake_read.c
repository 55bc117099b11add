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
/* the items that hold read-out rows, and the open ones, which must */
static const char SQL_HOLDING[] =
	"SELECT item_id FROM intake_content UNION SELECT item_id FROM intake_file "
	"UNION SELECT i.id FROM intake_item i WHERE NOT EXISTS (SELECT 1 FROM intake_decision d WHERE d.item_id = i.id) "
	"ORDER BY 1";
static const char SQL_JUDGED[] = "SELECT 1 FROM intake_decision WHERE item_id = ?1";
static const char SQL_NOW[] = "SELECT subject, sender, body FROM intake_content WHERE item_id = ?1";

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
	if (rc)
		return rc;
	if (!has) { /* gone: as it should be once judged, else taken away */
		db_stmt *j = db_prep(k->db, SQL_JUDGED, e);
		if (!j)
			return KERR_INTERNAL;
		db_bind_int(j, 1, item_id);
		rc = db_step(j, e);
		db_done(j);
		if (rc < 0 || rc == DB_ROW)
			return rc < 0 ? rc : 0;
	}
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
	/* every intake has logged its digest since the inbox began: one
	 * without it is an edited event (s8c C3) */
	char logged[65] = "";
	if (!db_col_null(s, 0))
		snprintf(logged, sizeof logged, "%s", db_col_text(s, 0));
	db_done(s);
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

int intake_read_unchanged(kansli *k, int64_t item_id, const char *subject, const char *sender,
                          const char *text_hash, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_NOW, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int same = 0;
	if (rc == DB_ROW) {
		const char *body = db_col_text(s, 2);
		char hex[65] = "";
		if (*body) {
			unsigned char d[HASH_LEN];
			hash_sha256(body, strlen(body), d);
			hash_hex(d, HASH_LEN, hex);
		}
		same = !strcmp(db_col_text(s, 0), subject ? subject : "") && !strcmp(db_col_text(s, 1), sender ? sender : "") &&
		       !strcmp(hex, text_hash ? text_hash : "");
		db_done(s);
	}
	if (!same)
		return kerr_set(e, KERR_CONFLICT, "inbox item %lld changed while it was being registered: nothing was "
		                "registered; look at it again", (long long)item_id);
	return 0;
}
