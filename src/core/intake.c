/*
 * intake.c — taking items into the inbox: a mail from the mail server, a
 * submission from an e-service (see intake.h). The original and the
 * attachments become blobs first (durable before a row names them), their
 * previews are extracted in the extractor's child process, and then one
 * transaction adds the item and its "intake.take" event, unless the same
 * message is there already.
 */
#include "core/intake.h"

#include <magic.h>
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/intake_read.h"
#include "extract/extract.h"
#include "util/encoding.h"
#include "util/hash.h"
#include "util/idnum.h"
#include "util/timeutil.h"

#define PREVIEW_BYTES 600

/* What an item is made of, from whichever channel. */
typedef struct taken {
	const char *source;
	char message_id[300];
	char content[65], original[65];
	int64_t size, arrived_us;
	const char *sender, *subject, *sent, *body, *problems;
	int nfiles;
	struct {
		char name[256], type[128], hash[65];
		int64_t size;
		buf preview;
	} f[MAIL_MAX_ATTACHMENTS];
	int personnummer;
} taken;

static void taken_free(taken *t)
{
	for (int i = 0; i < t->nfiles; i++)
		buf_free(&t->f[i].preview);
}

static void sniff(const void *data, size_t len, char *out, size_t outlen)
{
	/* The content decides the type, never what the sender declared. */
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	const char *t = NULL;
	if (m && magic_load(m, NULL) == 0)
		t = magic_buffer(m, data, len);
	snprintf(out, outlen, "%s", t ? t : "application/octet-stream");
	if (m)
		magic_close(m);
}

/* The first PREVIEW_BYTES of text, cut at a character. */
static void preview_of(kansli *k, const char *hash, const char *type, buf *out)
{
	char path[4400];
	buf text = BUF_INIT;
	kerr ignored = KERR_INIT;
	blob_path(&k->blobs, hash, path, sizeof path);
	if (extract_text(path, type, &text, &ignored) == 0) {
		size_t n = text.len < PREVIEW_BYTES ? text.len : PREVIEW_BYTES;
		while (n < text.len && n > 0 && ((unsigned char)text.s[n] & 0xc0) == 0x80)
			n--;
		buf_add(out, text.s, n);
	}
	buf_free(&text);
}

/* name, or "name (2)" and so on when an earlier file has it. */
static void unique_name(taken *t, int upto, char *name, size_t len)
{
	char base[256];
	snprintf(base, sizeof base, "%s", name);
	for (int n = 2;; n++) {
		int clash = 0;
		for (int i = 0; i < upto && !clash; i++)
			clash = !strcmp(t->f[i].name, name);
		if (!clash)
			return;
		const char *dot = strrchr(base, '.');
		int stem = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
		snprintf(name, len, "%.*s (%d)%s", stem > 200 ? 200 : stem, base, n, dot && dot != base ? dot : "");
	}
}

static int holds_personnummer(const char *s)
{
	size_t at, len;
	return s && idnum_find_personnummer(s, &at, &len);
}

/* Stores the attachments as blobs and reads their previews (before the
 * transaction: the extractor runs a child process). */
static int store_files(kansli *k, taken *t, const intake_attachment *a, int n, kerr *e)
{
	for (int i = 0; i < n; i++) {
		int rc = blob_put_mem(&k->blobs, a[i].data, a[i].len, t->f[i].hash, e);
		if (rc)
			return rc;
		t->nfiles = i + 1;
		t->f[i].preview = (buf)BUF_INIT;
		t->f[i].size = (int64_t)a[i].len;
		mail_safe_name(a[i].name, "bilaga", t->f[i].name, sizeof t->f[i].name);
		unique_name(t, i, t->f[i].name, sizeof t->f[i].name);
		sniff(a[i].data, a[i].len, t->f[i].type, sizeof t->f[i].type);
		preview_of(k, t->f[i].hash, t->f[i].type, &t->f[i].preview);
		t->personnummer |= holds_personnummer(t->f[i].preview.s) || holds_personnummer(t->f[i].name);
	}
	return 0;
}

static const char SQL_FIND_MESSAGE[] =
	"SELECT id FROM intake_item WHERE org_id = ?1 AND message_id = ?2 AND content_sha256 = ?3";
static const char SQL_FIND_KEY[] =
	"SELECT id, content_sha256 FROM intake_item WHERE org_id = ?1 AND source = 'api' AND message_id = ?2";
static const char SQL_ITEM_INSERT[] =
	"INSERT INTO intake_item(org_id, source, message_id, content_sha256, eml_sha256, size, arrived_us, "
	"  taken_us, taken_by, has_personnummer, nfiles) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
	"RETURNING id";
static const char SQL_CONTENT_INSERT[] =
	"INSERT INTO intake_content(item_id, sender, subject, sent, body, problems) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_FILE_INSERT[] =
	"INSERT INTO intake_file(item_id, seq, name, media_type, hash, size, preview) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_BLOB_INSERT[] =
	"INSERT INTO blob(hash, size, stored_us) VALUES(?1, ?2, ?3) ON CONFLICT(hash) DO NOTHING";

/* The item that has t's message already: 0 with *id (0 for none), or KERR_*. */
static int find_existing(kansli *k, int64_t org_id, const taken *t, int64_t *id, kerr *e)
{
	int api = !strcmp(t->source, "api");
	db_stmt *s = db_prep(k->db, api ? SQL_FIND_KEY : SQL_FIND_MESSAGE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, t->message_id);
	if (!api)
		db_bind_text(s, 3, t->content);
	*id = 0;
	int rc = db_step(s, e);
	if (rc < 0)
		return rc;
	int differs = 0;
	if (rc == DB_ROW) {
		*id = db_col_int(s, 0);
		differs = api && strcmp(db_col_text(s, 1), t->content);
	}
	db_done(s);
	if (differs)
		return kerr_field(e, KERR_CONFLICT, "key", KWHY_DUPLICATE, "the Idempotency-Key was used for another "
		                  "submission (item %lld): send a new submission with a new key", (long long)*id);
	return 0;
}

static int blob_row(kansli *k, const char *hash, int64_t size, kerr *e)
{
	if (!blob_exists(&k->blobs, hash))
		return kerr_set(e, KERR_IO, "the stored copy of an inbox file vanished before it was kept (an identical "
		                "file was just disposed of): deliver it again");
	db_stmt *s = db_prep(k->db, SQL_BLOB_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, hash);
	db_bind_int(s, 2, size);
	db_bind_int(s, 3, time_now_us());
	return db_run(s, e);
}

static int insert_tx(kansli *k, int64_t org_id, const taken *t, int64_t *id, kerr *e)
{
	int rc;
	if ((rc = blob_row(k, t->original, t->size, e)))
		return rc;
	db_stmt *s = db_prep(k->db, SQL_ITEM_INSERT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, t->source);
	db_bind_text(s, 3, t->message_id);
	db_bind_text(s, 4, t->content);
	db_bind_text(s, 5, t->original);
	db_bind_int(s, 6, t->size);
	db_bind_int(s, 7, t->arrived_us);
	db_bind_int(s, 8, time_now_us());
	db_bind_int(s, 9, k->user_id);
	db_bind_int(s, 10, t->personnummer);
	db_bind_int(s, 11, t->nfiles);
	if ((rc = db_step(s, e)) != DB_ROW)
		return rc < 0 ? rc : KERR_INTERNAL;
	*id = db_col_int(s, 0);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_CONTENT_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, *id);
	db_bind_text(s, 2, t->sender);
	db_bind_text(s, 3, t->subject);
	db_bind_text(s, 4, t->sent);
	db_bind_text(s, 5, t->body);
	db_bind_text(s, 6, t->problems);
	if ((rc = db_run(s, e)))
		return rc;
	for (int i = 0; i < t->nfiles; i++) {
		if ((rc = blob_row(k, t->f[i].hash, t->f[i].size, e)))
			return rc;
		if (!(s = db_prep(k->db, SQL_FILE_INSERT, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, *id);
		db_bind_int(s, 2, i + 1);
		db_bind_text(s, 3, t->f[i].name);
		db_bind_text(s, 4, t->f[i].type);
		db_bind_text(s, 5, t->f[i].hash);
		db_bind_int(s, 6, t->f[i].size);
		db_bind_text(s, 7, t->f[i].preview.s);
		if ((rc = db_run(s, e)))
			return rc;
	}
	char arrived[40], read[65];
	int has;
	time_format_utc(t->arrived_us, arrived, sizeof arrived);
	if ((rc = intake_read_digest(k, *id, read, &has, e)))
		return rc;
	/* The event names the item, its channel and its original; what the
	 * original says stays out of the log, so that a purge removes it, and
	 * is bound to it by its digest (intake_read.h). */
	return audit_append(k, org_id, "intake.take", "intake_item", *id,
	                    json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:b}", "item", (json_int_t)*id, "source", t->source,
	                              "arrived", arrived, "original_sha256", t->original, "content_sha256", t->content,
	                              "read_sha256", read, "files", (json_int_t)t->nfiles, "personnummer",
	                              t->personnummer), e);
}

/* Adds t unless its message is there: the common end of every channel. */
static int take(kansli *k, int64_t org_id, const taken *t, int64_t *item_id, int *created, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_INTAKE_SUBMIT, e)) || (rc = find_existing(k, org_id, t, item_id, e)))
		return kansli_end(k, rc, e);
	*created = *item_id == 0;
	if (*created)
		rc = insert_tx(k, org_id, t, item_id, e);
	return kansli_end(k, rc, e);
}

int intake_take_mail_at(kansli *k, int64_t org_id, const char *data, size_t len, const mail_limits *lim,
                        int64_t arrived_us, int64_t *item_id, int *created, kerr *e)
{
	int rc = access_check(k, org_id, ACCESS_INTAKE_SUBMIT, e);
	if (rc)
		return rc;
	mail_parsed m;
	if ((rc = mail_parse(data, len, lim, &m, e))) {
		mail_parsed_free(&m);
		return rc;
	}
	taken t = { .source = "mail", .size = (int64_t)len };
	snprintf(t.message_id, sizeof t.message_id, "%s", m.message_id);
	mail_content_hash(data, len, t.content);
	*created = 0;
	/* Delivered again (the mail server retried after a crash): nothing
	 * to store. Looked for again inside the transaction. */
	if ((rc = find_existing(k, org_id, &t, item_id, e)) || *item_id) {
		mail_parsed_free(&m);
		return rc;
	}
	int64_t now = time_now_us();
	/* The mail server's own time when it has one that is not in the
	 * future (a clock set wrong there must not date a document ahead). */
	t.arrived_us = arrived_us > 0 ? arrived_us
		: m.received_us > 0 && m.received_us <= now + 300 * 1000000LL ? m.received_us : now;
	t.sender = m.sender.s;
	t.subject = m.subject.s;
	t.sent = m.sent;
	t.body = m.body.s;
	t.problems = m.problems.s;
	t.personnummer = holds_personnummer(m.sender.s) || holds_personnummer(m.subject.s) ||
	                 holds_personnummer(m.body.s);
	intake_attachment a[MAIL_MAX_ATTACHMENTS];
	for (int i = 0; i < m.nattach; i++)
		a[i] = (intake_attachment){ m.attach[i].name, m.attach[i].data.s, m.attach[i].data.len };
	if (!(rc = blob_put_mem(&k->blobs, data, len, t.original, e)) &&
	    !(rc = store_files(k, &t, a, m.nattach, e)))
		rc = take(k, org_id, &t, item_id, created, e);
	taken_free(&t);
	mail_parsed_free(&m);
	return rc;
}

int intake_take_mail(kansli *k, int64_t org_id, const char *data, size_t len, const mail_limits *lim,
                     int64_t *item_id, int *created, kerr *e)
{
	return intake_take_mail_at(k, org_id, data, len, lim, 0, item_id, created, e);
}

static int line_field(const char *field, const char *v, size_t max, kerr *e)
{
	int why = text_line_why(v, max);
	if (!why && text_check_str(v, TEXT_LINE))
		why = KWHY_FORMAT;
	if (why == KWHY_NONE)
		return 0;
	return kerr_field(e, KERR_INVALID, field, why, why == KWHY_REQUIRED ? "%s is required"
	                  : "%s must be one line of at most %zu bytes, without control characters", field, max);
}

int intake_submit(kansli *k, int64_t org_id, const intake_submission *s, int64_t *item_id, int *created, kerr *e)
{
	int rc;
	*created = 0;
	if ((rc = access_check(k, org_id, ACCESS_INTAKE_SUBMIT, e)) || (rc = line_field("key", s->key, 200, e)) ||
	    (rc = line_field("sender", s->sender, 300, e)) || (rc = line_field("subject", s->subject, 500, e)))
		return rc;
	if (s->text && text_check_str(s->text, TEXT_MULTILINE))
		return kerr_field(e, KERR_INVALID, "text", KWHY_FORMAT, "text must be text without control characters");
	taken t = { .source = "api", .size = (int64_t)s->original_len, .sender = s->sender, .subject = s->subject,
	            .sent = "", .body = s->text ? s->text : "", .problems = "" };
	/* A key is its caller's: another e-service's same key is its own. */
	snprintf(t.message_id, sizeof t.message_id, "api:%lld:%s", (long long)k->user_id, s->key);
	unsigned char h[32];
	hash_sha256(s->original, s->original_len, h);
	hash_hex(h, 32, t.content);
	if ((rc = find_existing(k, org_id, &t, item_id, e)) || *item_id)
		return rc;
	t.arrived_us = time_now_us();
	t.personnummer = holds_personnummer(s->sender) || holds_personnummer(s->subject) || holds_personnummer(s->text);
	if (!(rc = blob_put_mem(&k->blobs, s->original, s->original_len, t.original, e)) &&
	    !(rc = store_files(k, &t, s->attach, s->nattach, e)))
		rc = take(k, org_id, &t, item_id, created, e);
	taken_free(&t);
	return rc;
}
