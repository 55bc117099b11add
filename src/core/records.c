/*
 * records.c — registering, correcting and showing records.
 *
 * Registration is one function, record_register: files become blobs first
 * (durable before any row names them), then one transaction allocates the
 * record number within its case, stores the record, its text and files and
 * appends the audit event.
 */
#include "core/records.h"
#include "util/encoding.h"

#include <ctype.h>
#include <magic.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/idempotency.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "core/party.h"
#include "core/search.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/timeutil.h"

const char *record_direction(const char *w)
{
	if (!w)
		return NULL;
	if (!strcmp(w, "in") || !strcmp(w, "inkommande"))
		return "in";
	if (!strcmp(w, "out") || !strcmp(w, "utgående") || !strcmp(w, "utgaende"))
		return "out";
	if (!strcmp(w, "internal") || !strcmp(w, "upprättad") || !strcmp(w, "upprattad"))
		return "internal";
	return NULL;
}

static const char *const maskable[] = { "title", "party", "body", "files", NULL };

int record_legal_ground_why(const char *g)
{
	int why = text_line_why(g, 120);
	if (why)
		return why;
	const char *kap = strstr(g, " kap. ");
	return strncmp(g, "OSL ", 4) || !kap || !strstr(kap, "§") ? KWHY_FORMAT : KWHY_NONE;
}

static int valid_masked(const char *list, kerr *e)
{
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%s", list);
	char *save, *tok;
	int n = 0;
	for (tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int ok = 0;
		for (int i = 0; maskable[i]; i++)
			ok |= strcmp(tok, maskable[i]) == 0;
		if (!ok)
			return kerr_field(e, KERR_INVALID, "mask", KWHY_CHOICE,
			                  "cannot mask '%s' (maskable: title, party, body, files)", tok);
		n++;
	}
	return n ? 0 : kerr_field(e, KERR_INVALID, "mask", KWHY_REQUIRED,
	                          "partial secrecy needs the masked fields (title, party, body, files)");
}

/* A postal address as letters give it: a few lines ("Storgatan 1",
 * "123 45 Exempelstad"), no other control characters. */
static int valid_address(const char *a)
{
	int lines = 1;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)a; *p; p++) {
		if ((*p & 0xc0) != 0x80)
			chars++; /* characters, not bytes: "Åsgränd" is 7 */
		if (*p == '\n')
			lines++;
		else if (*p == '\r' ? p[1] != '\n' : *p < 0x20 || *p == 0x7f)
			return 0; /* a line ends in \n or \r\n, never a lone \r */
	}
	return chars <= 300 && lines <= 5;
}

/* Validates a new record's fields; fills normalised direction/secrecy. */
static int record_validate(const record_new *r, const char **dir, const char **secrecy,
                           const char **masked, const char *doc_date, kerr *e)
{
	char today[11];
	time_today(today);
	if (!(*dir = record_direction(r->direction)))
		return kerr_field(e, KERR_INVALID, "direction", KWHY_CHOICE,
		                  "direction must be in, out or internal, not '%s'",
		                  r->direction ? r->direction : "");
	if (text_line_why(r->title, 500))
		return kerr_field(e, KERR_INVALID, "title", text_line_why(r->title, 500),
		                  "a record needs a title of 1-500 characters on one line");
	if (!time_valid_date(doc_date))
		return kerr_field(e, KERR_INVALID, "doc_date", KWHY_FORMAT,
		                  "date '%s' is not a date like 2026-11-24", doc_date);
	if (strcmp(doc_date, today) > 0)
		return kerr_field(e, KERR_INVALID, "doc_date", KWHY_RANGE,
		                  "date %s is in the future: a document cannot be %s "
		                  "after today (%s)", doc_date,
		                  strcmp(*dir, "in") == 0 ? "received" : "drawn up", today);
	*secrecy = r->secrecy && *r->secrecy ? r->secrecy : "none";
	*masked = NULL;
	if (!strcmp(*secrecy, "none")) {
		if (r->legal_ground && *r->legal_ground)
			return kerr_field(e, KERR_INVALID, "legal_ground", KWHY_STATE,
			                  "a legal ground is given but secrecy is none");
	} else if (!strcmp(*secrecy, "partial") || !strcmp(*secrecy, "full")) {
		int why = record_legal_ground_why(r->legal_ground);
		if (why)
			return kerr_field(e, KERR_INVALID, "legal_ground", why,
			                  "secret records need a legal ground like "
			                  "'OSL 26 kap. 1 §', not '%s'", r->legal_ground ? r->legal_ground : "");
		if (!strcmp(*secrecy, "full"))
			*masked = "title,party,body,files";
		else {
			int rc = valid_masked(r->masked ? r->masked : "", e);
			if (rc)
				return rc;
			*masked = r->masked;
		}
	} else {
		return kerr_field(e, KERR_INVALID, "secrecy", KWHY_CHOICE,
		                  "secrecy must be none, partial or full, not '%s'", *secrecy);
	}
	if (r->party_idnum && *r->party_idnum && !(r->party_name && *r->party_name))
		return kerr_field(e, KERR_INVALID, "party", KWHY_REQUIRED, "an identity number needs a party name");
	if (r->party_address && *r->party_address && !(r->party_name && *r->party_name))
		return kerr_field(e, KERR_INVALID, "party", KWHY_REQUIRED, "an address needs a party name");
	if (r->party_address && !valid_address(r->party_address))
		return kerr_field(e, KERR_INVALID, "party_address", KWHY_FORMAT,
		                  "an address is at most 300 characters on at most 5 lines, "
		                  "without other control characters");
	if (r->doc_type && (strlen(r->doc_type) > 100 || strpbrk(r->doc_type, "\r\n;")))
		return kerr_field(e, KERR_INVALID, "doc_type", KWHY_TOO_LONG,
		                  "a document type is at most 100 characters on one line, "
		                  "without ';'");
	return 0;
}

static void sniff_type(const char *path, char *out, size_t len)
{
	/* Content decides the type, never the file name a client sent. */
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	const char *t = NULL;
	if (m && magic_load(m, NULL) == 0)
		t = magic_file(m, path);
	snprintf(out, len, "%s", t ? t : "application/octet-stream");
	if (m)
		magic_close(m);
}

int record_store_files(kansli *k, const record_new *r, record_file_in *out, kerr *e)
{
	for (int i = 0; i < r->nfiles; i++) {
		const char *path = r->files[i];
		const char *base = r->file_names[i];
		if (!base) {
			base = strrchr(path, '/');
			base = base ? base + 1 : path;
		}
		if (strchr(base, '/') || strpbrk(base, "\r\n") || !strcmp(base, ".") || !strcmp(base, ".."))
			return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT, "file name '%s' is not allowed", base);
		if (!*base || strlen(base) >= sizeof out[i].name)
			return kerr_field(e, KERR_INVALID, "file", KWHY_FORMAT,
			                  "file name '%s' is empty or too long", path);
		snprintf(out[i].name, sizeof out[i].name, "%s", base);
		int rc = blob_put_file(&k->blobs, path, out[i].hash, &out[i].size, e);
		if (rc)
			return rc;
		sniff_type(path, out[i].media_type, sizeof out[i].media_type);
	}
	return 0;
}

static const char SQL_CASE_FOR_RECORD[] = "SELECT status, record_count FROM case_file WHERE id = ?1";
static const char SQL_CASE_SET_COUNT[] = "UPDATE case_file SET record_count = ?2 WHERE id = ?1";
static const char SQL_RECORD_BY_SEQ[] =
	"SELECT id, title, doc_date, direction FROM record WHERE case_id = ?1 AND seq = ?2";
static const char SQL_RECORD_INSERT[] =
	"INSERT INTO record(case_id, seq, direction, doc_date, registered_us, party_id, party_name, "
	"title, secrecy, legal_ground, masked_fields, doc_type, party_address) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id";
static const char SQL_TEXT_INSERT[] = "INSERT INTO record_text(record_id, body) VALUES(?1, ?2)";
/* A text no file names is a leftover, or was written behind kansli's back
 * to be quoted once the content arrives: the new file is extracted afresh. */
static const char SQL_STRAY_TEXT_DELETE[] =
	"DELETE FROM file_text WHERE hash = ?1 AND NOT EXISTS (SELECT 1 FROM record_file WHERE hash = ?1)";
static const char SQL_BLOB_INSERT[] =
	"INSERT INTO blob(hash, size, stored_us) VALUES(?1, ?2, ?3) ON CONFLICT(hash) DO NOTHING";
static const char SQL_FILE_INSERT[] =
	"INSERT INTO record_file(record_id, version, name, media_type, hash, size, added_us) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";

static int add_file_row(kansli *k, int64_t record_id, int version, const record_file_in *f,
                        int64_t *file_id, kerr *e)
{
	int64_t now = time_now_us();
	/* Stored before the transaction, but disposal may have removed an
	 * identical blob since (under the write lock we now hold). */
	if (!blob_exists(&k->blobs, f->hash))
		return kerr_set(e, KERR_IO, "the stored copy of %s vanished before it was registered "
		                "(an identical file was just disposed of): try again", f->name);
	db_stmt *s = db_prep(k->db, SQL_STRAY_TEXT_DELETE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_text(s, 1, f->hash);
	int rc = db_run(s, e);
	if (rc)
		return rc;
	if (!(s = db_prep(k->db, SQL_BLOB_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_text(s, 1, f->hash);
	db_bind_int(s, 2, f->size);
	db_bind_int(s, 3, now);
	if ((rc = db_run(s, e)))
		return rc;
	if (!(s = db_prep(k->db, SQL_FILE_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, f->name);
	db_bind_text(s, 4, f->media_type);
	db_bind_text(s, 5, f->hash);
	db_bind_int(s, 6, f->size);
	db_bind_int(s, 7, now);
	if ((rc = db_step(s, e)) != DB_ROW)
		return rc < 0 ? rc : KERR_INTERNAL;
	*file_id = db_col_int(s, 0);
	db_done(s);
	return 0;
}

static void body_digest(const char *body, char hex[65])
{
	unsigned char h[32];
	hash_sha256(body ? body : "", body ? strlen(body) : 0, h);
	hash_hex(h, 32, hex);
}

int record_register_tx(kansli *k, int64_t org_id, int64_t case_id, const char *case_number,
                       const record_new *r, const record_file_in *files, int64_t *record_id,
                       char number[CASENUM_MAX], int *created, kerr *e)
{
	const char *dir, *secrecy, *masked;
	char today[11];
	time_today(today);
	const char *doc_date = r->doc_date && *r->doc_date ? r->doc_date : today;
	int rc;
	*created = 0;
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)))
		return rc;
	if ((rc = record_validate(r, &dir, &secrecy, &masked, doc_date, e)))
		return rc;

	db_stmt *s = db_prep(k->db, SQL_CASE_FOR_RECORD, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "case %s vanished", case_number)))
		return rc;
	int closed = strcmp(db_col_text(s, 0), "closed") == 0;
	int count = (int)db_col_int(s, 1);
	db_done(s);
	int seq = count + 1;
	if (r->seq && r->seq <= count) {
		/* Already there: an import resumed after a crash. Same record → skip. */
		if (!(s = db_prep(k->db, SQL_RECORD_BY_SEQ, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, case_id);
		db_bind_int(s, 2, r->seq);
		int same = 0, found = db_step(s, e);
		if (found < 0)
			return found;
		if (found == DB_ROW) {
			*record_id = db_col_int(s, 0);
			same = !strcmp(db_col_text(s, 1), r->title) && !strcmp(db_col_text(s, 2), doc_date)
			       && !strcmp(db_col_text(s, 3), dir);
		}
		db_done(s);
		snprintf(number, CASENUM_MAX, "%s-%d", case_number, r->seq);
		if (same)
			return 0;
		if (found)
			return kerr_set(e, KERR_CONFLICT, "record %s already exists with other content", number);
		seq = r->seq; /* a gap left by the legacy system: keep its number */
	} else if (r->seq) {
		seq = r->seq;
	}
	/* Checked after the resumed-import path: an import run again over a
	 * closed case skips what is there, but nothing new enters it. */
	if (closed)
		return kerr_field(e, KERR_CONFLICT, "case", KWHY_CLOSED,
		                  "case %s is closed: reopen it before registering in it",
		                  case_number);
	snprintf(number, CASENUM_MAX, "%s-%d", case_number, seq);
	if (!(s = db_prep(k->db, SQL_CASE_SET_COUNT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, seq > count ? seq : count);
	if ((rc = db_run(s, e)))
		return rc;

	int64_t party_id = 0;
	if (r->party_name && *r->party_name &&
	    (rc = party_resolve_tx(k, org_id, r->party_kind ? r->party_kind : "organisation",
	                           r->party_name, r->party_idnum, r->same_person, &party_id, e)))
		return rc;

	if (!(s = db_prep(k->db, SQL_RECORD_INSERT, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, seq);
	db_bind_text(s, 3, dir);
	db_bind_text(s, 4, doc_date);
	db_bind_int(s, 5, time_now_us());
	if (party_id) db_bind_int(s, 6, party_id); else db_bind_null(s, 6);
	db_bind_text(s, 7, party_id ? r->party_name : NULL);
	db_bind_text(s, 8, r->title);
	db_bind_text(s, 9, secrecy);
	db_bind_text(s, 10, strcmp(secrecy, "none") ? r->legal_ground : NULL);
	db_bind_text(s, 11, masked);
	db_bind_text(s, 12, r->doc_type && *r->doc_type ? r->doc_type : NULL);
	db_bind_text(s, 13, party_id && r->party_address && *r->party_address ? r->party_address : NULL);
	if ((rc = db_step(s, e)) != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "record %s already exists", number);
		return rc < 0 ? rc : KERR_INTERNAL;
	}
	*record_id = db_col_int(s, 0);
	db_done(s);

	if (r->body && *r->body) {
		if (!(s = db_prep(k->db, SQL_TEXT_INSERT, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, *record_id);
		db_bind_text(s, 2, r->body);
		if ((rc = db_run(s, e)))
			return rc;
	}
	json_t *jfiles = json_array();
	for (int i = 0; i < r->nfiles; i++) {
		int64_t fid;
		if ((rc = add_file_row(k, *record_id, 1, &files[i], &fid, e))) {
			json_decref(jfiles);
			return rc;
		}
		json_array_append_new(jfiles, json_pack("{s:s,s:s,s:I}", "name", files[i].name,
		                      "sha256", files[i].hash, "size", (json_int_t)files[i].size));
	}
	if ((rc = search_enqueue_tx(k, *record_id, e))) {
		json_decref(jfiles);
		return rc;
	}
	char body_hex[65];
	body_digest(r->body, body_hex);
	*created = 1;
	return audit_append(k, org_id, "record.register", "record", *record_id,
	                    json_pack("{s:s,s:i,s:s,s:s,s:s?,s:s,s:s,s:s?,s:s?,s:s,s:o,s:s*,s:s*}",
	                              "number", number, "version", 1, "direction", dir,
	                              "doc_date", doc_date,
	                              "party", party_id ? r->party_name : NULL, "title", r->title,
	                              "secrecy", secrecy,
	                              "legal_ground", strcmp(secrecy, "none") ? r->legal_ground : NULL,
	                              "masked", masked, "body_sha256", body_hex, "files", jfiles,
	                              "doc_type", r->doc_type && *r->doc_type ? r->doc_type : NULL,
	                              "party_address", party_id && r->party_address && *r->party_address
	                                               ? r->party_address : NULL), e);
}

int record_register(kansli *k, int64_t org_id, const char *case_number, const record_new *r,
                    char number[CASENUM_MAX], kerr *e)
{
	record_file_in files[RECORD_MAX_FILES];
	int64_t case_id, record_id;
	int created;
	int rc = access_check(k, org_id, ACCESS_REGISTER, e);
	if (rc || (rc = case_find(k, org_id, case_number, &case_id, e)))
		return rc;
	if ((rc = record_store_files(k, r, files, e)))
		return rc;
	if ((rc = kansli_begin(k, e)))
		return rc;
	casenum cn;
	char canon[CASENUM_MAX];
	casenum_parse(case_number, &cn, NULL);
	casenum_format_case(canon, cn.prefix, cn.year, cn.seq);
	if ((rc = record_register_tx(k, org_id, case_id, canon, r, files, &record_id, number,
	                             &created, e))) {
		kansli_rollback(k);
		return party_log_refused(k, org_id, rc, e);
	}
	return kansli_commit(k, e);
}

int record_register_in_new_case(kansli *k, int64_t org_id, const case_new *c,
                                const record_new *r, char number[CASENUM_MAX], kerr *e)
{
	record_file_in files[RECORD_MAX_FILES];
	int64_t case_id, record_id;
	char case_number[CASENUM_MAX];
	int created;
	int rc = access_check(k, org_id, ACCESS_REGISTER, e);
	if (rc || (rc = record_store_files(k, r, files, e)) || (rc = kansli_begin(k, e)))
		return rc;
	if ((rc = case_open_tx(k, org_id, c, &case_id, case_number, e)) ||
	    (rc = record_register_tx(k, org_id, case_id, case_number, r, files, &record_id, number,
	                             &created, e))) {
		kansli_rollback(k);
		return party_log_refused(k, org_id, rc, e);
	}
	return kansli_commit(k, e);
}

static const char SQL_RECORD_FIND[] =
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, "
	"  r.legal_ground, r.masked_fields, r.party_id, c.status, r.doc_type, r.disposed_note, r.party_address, "
	"  r.case_id "
	"FROM record r JOIN case_file c ON c.id = r.case_id "
	"WHERE c.series_id = (SELECT id FROM series WHERE org_id = ?1 AND prefix = ?2) "
	"  AND c.year = ?3 AND c.seq = ?4 AND r.seq = ?5";

/* The current fields of a record, looked up by number. */
typedef struct record_row {
	int64_t id, party_id, case_id;
	int version;
	char direction[16], doc_date[11], secrecy[16], case_status[16];
	char *party_name, *title, *legal_ground, *masked, *doc_type, *disposed, *party_address;
} record_row;

static void record_row_free(record_row *r)
{
	free(r->party_name);
	free(r->title);
	free(r->legal_ground);
	free(r->masked);
	free(r->doc_type);
	free(r->disposed);
	free(r->party_address);
}

static char *dup_or_null(db_stmt *s, int i)
{
	return db_col_null(s, i) ? NULL : strdup(db_col_text(s, i));
}

static int record_load(kansli *k, int64_t org_id, const char *number, record_row *out, kerr *e)
{
	casenum n;
	int rc = casenum_read(number, &n, "record", e);
	if (rc)
		return rc;
	if (!n.doc)
		return kerr_field(e, KERR_INVALID, "record", KWHY_FORMAT,
		                  "'%s' is a case number; give a record number like "
		                  "'KS 2026/0042-3'", number);
	db_stmt *s = db_prep(k->db, SQL_RECORD_FIND, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n.prefix);
	db_bind_int(s, 3, n.year);
	db_bind_int(s, 4, n.seq);
	db_bind_int(s, 5, n.doc);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no record %s in this organisation", number)))
		return rc;
	memset(out, 0, sizeof *out);
	out->id = db_col_int(s, 0);
	out->version = (int)db_col_int(s, 1);
	snprintf(out->direction, sizeof out->direction, "%s", db_col_text(s, 2));
	snprintf(out->doc_date, sizeof out->doc_date, "%s", db_col_text(s, 3));
	out->party_name = dup_or_null(s, 4);
	out->title = strdup(db_col_text(s, 5));
	snprintf(out->secrecy, sizeof out->secrecy, "%s", db_col_text(s, 6));
	out->legal_ground = dup_or_null(s, 7);
	out->masked = dup_or_null(s, 8);
	out->party_id = db_col_int(s, 9);
	snprintf(out->case_status, sizeof out->case_status, "%s", db_col_text(s, 10));
	out->doc_type = dup_or_null(s, 11);
	out->disposed = dup_or_null(s, 12);
	out->party_address = dup_or_null(s, 13);
	out->case_id = db_col_int(s, 14);
	db_done(s);
	return 0;
}

static const char SQL_VERSION_INSERT[] =
	"INSERT INTO record_version(record_id, version, snapshot, changed_us, actor, reason) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_RECORD_UPDATE[] =
	"UPDATE record SET version = ?2, direction = ?3, doc_date = ?4, party_id = ?5, party_name = ?6, "
	"title = ?7, secrecy = ?8, legal_ground = ?9, masked_fields = ?10, doc_type = ?11, party_address = ?12 "
	"WHERE id = ?1";
static const char SQL_FILE_SUPERSEDE[] =
	"UPDATE record_file SET superseded_by = ?3 WHERE record_id = ?1 AND name = ?2 "
	"AND superseded_by IS NULL AND id <> ?3";
static const char SQL_BODY_GET[] = "SELECT body FROM record_text WHERE record_id = ?1";

int record_correct(kansli *k, int64_t org_id, const char *number, const record_new *r,
                   const char *reason, kerr *e)
{
	record_row old;
	record_file_in files[RECORD_MAX_FILES];
	int rc;
	if (!reason || !*reason)
		return kerr_field(e, KERR_INVALID, "reason", KWHY_REQUIRED, "a correction needs a reason");
	if ((rc = access_check(k, org_id, ACCESS_REGISTER, e)))
		return rc;
	if ((rc = record_store_files(k, r, files, e)))
		return rc;
	if ((rc = kansli_begin(k, e)))
		return rc;
	if ((rc = record_load(k, org_id, number, &old, e))) {
		kansli_rollback(k);
		return rc;
	}
	/* Merge: unchanged fields keep their current value. */
	record_new m = *r;
	m.direction = r->direction ? r->direction : old.direction;
	m.doc_date = r->doc_date ? r->doc_date : old.doc_date;
	m.title = r->title ? r->title : old.title;
	m.party_name = r->party_name ? r->party_name : old.party_name;
	/* another party does not keep the old one's address */
	m.party_address = r->party_address ? r->party_address : r->party_name ? NULL : old.party_address;
	int secrecy_changed = r->secrecy != NULL;
	m.secrecy = secrecy_changed ? r->secrecy : old.secrecy;
	m.legal_ground = secrecy_changed || r->legal_ground ? r->legal_ground : old.legal_ground;
	m.masked = secrecy_changed || r->masked ? r->masked : old.masked;
	m.doc_type = r->doc_type ? r->doc_type : old.doc_type;
	const char *doc_type = m.doc_type && *m.doc_type ? m.doc_type : NULL;
	const char *dir, *secrecy, *masked;
	int64_t party_id = old.party_id;
	json_t *snapshot = NULL, *jfiles = json_array();
	char *snap = NULL;
	char body_hex[65];
	if ((rc = record_validate(&m, &dir, &secrecy, &masked, m.doc_date, e)))
		goto fail;
	if (old.disposed) {
		rc = kerr_field(e, KERR_CONFLICT, "record", KWHY_STATE,
		                "%s is disposed (%s): a disposed record is not corrected",
		                number, old.disposed);
		goto fail;
	}
	if (!strcmp(old.case_status, "closed")) {
		rc = kerr_field(e, KERR_CONFLICT, "case", KWHY_CLOSED,
		                "the case of %s is closed: reopen it before correcting", number);
		goto fail;
	}
	/* A secret record is corrected only by one who may read its case's
	 * secrets (need-to-know, access.h): a correction can lift its secrecy
	 * or change what is masked, and then shows it. Registering into a
	 * case stays open to every registering role; correcting what it
	 * hides does not (an outside review's find). */
	if (strcmp(old.secrecy, "none") && (rc = access_secret_case(k, old.case_id, e)))
		goto fail;
	if (r->party_name && (rc = party_resolve_tx(k, org_id, r->party_kind ? r->party_kind : "organisation",
	                                             r->party_name, r->party_idnum, r->same_person, &party_id, e)))
		goto fail;
	if ((rc = search_forget_tx(k, old.id, e)) || (rc = search_enqueue_tx(k, old.id, e)))
		goto fail;
	snapshot = json_pack("{s:s,s:s,s:s?,s:s,s:s,s:s?,s:s?,s:s*}", "direction", old.direction,
	                     "doc_date", old.doc_date, "party", old.party_name, "title", old.title,
	                     "secrecy", old.secrecy, "legal_ground", old.legal_ground, "masked", old.masked,
	                     "party_address", old.party_address);
	snap = json_dumps(snapshot, JSON_COMPACT | JSON_SORT_KEYS);
	db_stmt *s = db_prep(k->db, SQL_VERSION_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, old.id);
	db_bind_int(s, 2, old.version);
	db_bind_text(s, 3, snap);
	db_bind_int(s, 4, time_now_us());
	db_bind_text(s, 5, k->actor);
	db_bind_text(s, 6, reason);
	if ((rc = db_run(s, e)))
		goto fail;
	int version = old.version + 1;
	if (!(s = db_prep(k->db, SQL_RECORD_UPDATE, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, old.id);
	db_bind_int(s, 2, version);
	db_bind_text(s, 3, dir);
	db_bind_text(s, 4, m.doc_date);
	if (party_id) db_bind_int(s, 5, party_id); else db_bind_null(s, 5);
	db_bind_text(s, 6, party_id ? m.party_name : NULL);
	db_bind_text(s, 7, m.title);
	db_bind_text(s, 8, secrecy);
	db_bind_text(s, 9, strcmp(secrecy, "none") ? m.legal_ground : NULL);
	db_bind_text(s, 10, masked);
	db_bind_text(s, 11, doc_type);
	const char *address = party_id && m.party_address && *m.party_address ? m.party_address : NULL;
	db_bind_text(s, 12, address);
	if ((rc = db_run(s, e)))
		goto fail;
	for (int i = 0; i < r->nfiles; i++) {
		int64_t fid;
		if ((rc = add_file_row(k, old.id, version, &files[i], &fid, e)))
			goto fail;
		if (!(s = db_prep(k->db, SQL_FILE_SUPERSEDE, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, old.id);
		db_bind_text(s, 2, files[i].name);
		db_bind_int(s, 3, fid);
		if ((rc = db_run(s, e)))
			goto fail;
		json_array_append_new(jfiles, json_pack("{s:s,s:s,s:I}", "name", files[i].name,
		                      "sha256", files[i].hash, "size", (json_int_t)files[i].size));
	}
	/* The body is not correctable here, so the event repeats its digest. */
	if (!(s = db_prep(k->db, SQL_BODY_GET, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, old.id);
	if ((rc = db_step(s, e)) < 0)
		goto fail;
	body_digest(rc == DB_ROW ? db_col_text(s, 0) : NULL, body_hex);
	db_done(s);
	/* A record's secrecy or masking changed: an answer kept for an
	 * Idempotency-Key may hold what it now hides (idempotency.h). */
	if ((strcmp(secrecy, old.secrecy) || strcmp(masked ? masked : "", old.masked ? old.masked : "")) &&
	    (rc = idempotency_forget_answers(k, e)))
		goto fail;
	rc = audit_append(k, org_id, "record.correct", "record", old.id,
	                  json_pack("{s:s,s:i,s:s,s:s,s:s?,s:s,s:s,s:s?,s:s?,s:s,s:O,s:s,s:s*,s:s*}",
	                            "number", number, "version", version, "direction", dir,
	                            "doc_date", m.doc_date, "party", party_id ? m.party_name : NULL,
	                            "title", m.title, "secrecy", secrecy,
	                            "legal_ground", strcmp(secrecy, "none") ? m.legal_ground : NULL,
	                            "masked", masked, "body_sha256", body_hex, "files", jfiles,
	                            "reason", reason, "doc_type", doc_type, "party_address", address), e);
	if (rc)
		goto fail;
	json_decref(snapshot);
	json_decref(jfiles);
	free(snap);
	record_row_free(&old);
	return kansli_commit(k, e);
fail:
	json_decref(snapshot);
	json_decref(jfiles);
	free(snap);
	record_row_free(&old);
	kansli_rollback(k);
	return party_log_refused(k, org_id, rc, e);
}

/* 1 when field is masked for this record. */
static int is_masked(const char *secrecy, const char *masked, const char *field)
{
	if (!strcmp(secrecy, "none") || !masked)
		return 0;
	size_t n = strlen(field);
	for (const char *p = masked; (p = strstr(p, field)); p += n)
		if ((p == masked || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A file's name as someone who may not see the record's party sees it: a
 * name that holds the party's name ("Ansökan Sven Svensson.pdf") becomes
 * "handling-N" (N its place among the record's files, from 1) with the
 * original extension when that is plain. Returns 1 when masked. */
static int file_name_masked(const char *name, const char *party, int n, char *out, size_t len)
{
	if (!party || !*party || !text_find_person(name, party, NULL, NULL)) {
		snprintf(out, len, "%s", name);
		return 0;
	}
	const char *dot = strrchr(name, '.');
	int plain = dot && dot != name && strlen(dot) >= 2 && strlen(dot) <= 10;
	for (const char *p = dot ? dot + 1 : ""; plain && *p; p++)
		plain = isalnum((unsigned char)*p);
	snprintf(out, len, "handling-%d%s", n, plain ? dot : "");
	return 1;
}

/* Need-to-know (OSL 8 kap. 1 §): whether the actor may read the secret
 * parts of a record is decided by the case it belongs to (access.h). The
 * answer for the case asked last is kept, so a case's record list asks
 * once; `any` is 0 when the actor holds no secret-reading role in the
 * organisation at all, which spares the per-record lookup. */
typedef struct secret_right {
	int any;
	int64_t case_id; /* the case `may` answers for; 0 before the first */
	int may;
} secret_right;

/* 0, or a negative KERR_* when the actor's roles could not be read. */
static int secret_right_init(kansli *k, int64_t org_id, secret_right *r, kerr *e)
{
	r->case_id = 0;
	r->may = 0;
	r->any = access_may(k, org_id, ACCESS_READ_SECRET, e);
	return r->any < 0 ? r->any : 0;
}

static const char SQL_RECORD_CASE[] = "SELECT case_id FROM record WHERE id = ?1";

/* Sets *may to 1 when the actor may read the secret parts of record_id.
 * Returns 0, or a KERR_* when the decision could not be read. */
static int secret_right_of(kansli *k, secret_right *r, int64_t record_id, int *may, kerr *e)
{
	*may = 0;
	if (!r->any)
		return 0;
	db_stmt *s = db_prep(k->db, SQL_RECORD_CASE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	int rc = db_step(s, e);
	if (rc != DB_ROW)
		return rc < 0 ? rc : kerr_set(e, KERR_NOTFOUND, "record %lld has no case", (long long)record_id);
	int64_t case_id = db_col_int(s, 0);
	db_done(s);
	if (case_id != r->case_id) {
		kerr why = KERR_INIT;
		rc = access_secret_case(k, case_id, &why);
		if (rc && rc != KERR_DENIED)
			return kerr_set(e, rc, "%s", why.msg);
		r->case_id = case_id;
		r->may = rc == 0;
	}
	*may = r->may;
	return 0;
}

/* Renders view[key], a text of case_id, into shown as the public case
 * page shows it; sets *differs when that is not the text. 0 or KERR_*. */
static int render_for_public(kansli *k, int64_t case_id, json_t *view, const char *key, buf *shown, int *differs,
                             kerr *e)
{
	const char *text = json_string_value(json_object_get(view, key));
	buf_reset(shown);
	if (!text || !*text)
		return 0;
	int rc = case_text_public(k, case_id, text, shown, e);
	if (!rc && strcmp(shown->s, text))
		*differs = 1;
	return rc;
}

/* An open record's title and text can name what its case masks (a
 * delegated decision or a board's decision naming the person it is about,
 * a personnummer): a reader without the right to the case's secrets reads
 * them in view as the public case page shows them (case_text_public), as
 * the open index holds them (core/search.c); one with the right reads them
 * whole, and *revealed is then set when they differ. A field already
 * replaced by the secrecy notice stays so. 0 or KERR_*. */
static int texts_for_reader(kansli *k, secret_right *right, int64_t record_id, json_t *view, int *revealed,
                            kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_RECORD_CASE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "record %lld has no case", (long long)record_id);
	if (rc)
		return rc;
	int64_t case_id = db_col_int(s, 0);
	db_done(s);
	buf title = BUF_INIT, body = BUF_INIT;
	int title_differs = 0, body_differs = 0, may = 0;
	if (!(rc = render_for_public(k, case_id, view, "title", &title, &title_differs, e)) &&
	    !(rc = render_for_public(k, case_id, view, "body", &body, &body_differs, e)) &&
	    (title_differs || body_differs))
		rc = secret_right_of(k, right, record_id, &may, e);
	if (!rc && may)
		*revealed = 1;
	else if (!rc) {
		if (title_differs)
			json_object_set_new(view, "title", json_string(title.s));
		if (body_differs)
			json_object_set_new(view, "body", json_string(body.s));
	}
	buf_free(&title);
	buf_free(&body);
	return rc;
}

static const char SQL_FILES[] =
	"SELECT name, media_type, hash, size, version, superseded_by IS NOT NULL, added_us "
	"FROM record_file WHERE record_id = ?1 ORDER BY id";
static const char SQL_RECORD_RETENTION[] =
	"SELECT doc_type, disposed_note, party_address FROM record WHERE id = ?1";
static const char SQL_VERSIONS[] =
	"SELECT v.version, v.snapshot, v.changed_us, v.actor, v.reason, u.full_name FROM record_version v "
	"LEFT JOIN app_user u ON u.username = CASE WHEN v.actor GLOB 'user:*' THEN substr(v.actor, 6) END "
	"WHERE v.record_id = ?1 ORDER BY v.version";

/* Builds the JSON view of one record, masking what the reader may not see.
 * Returns 1 in *revealed when secret content was shown (the caller logs it). */
static json_t *record_view(kansli *k, db_stmt *row, const char *number, int can_read_secret,
                           int with_history, int *revealed, kerr *e)
{
	/* row columns: id, version, direction, doc_date, party_name, title,
	 * secrecy, legal_ground, masked, registered_us, body */
	int64_t id = db_col_int(row, 0);
	const char *secrecy = db_col_text(row, 6);
	const char *masked = db_col_null(row, 8) ? NULL : db_col_text(row, 8);
	const char *ground = db_col_null(row, 7) ? NULL : db_col_text(row, 7);
	char notice[200];
	snprintf(notice, sizeof notice, "Sekretess enligt %s", ground ? ground : "OSL");
	int secret = strcmp(secrecy, "none") != 0;
	*revealed = secret && can_read_secret;
	int hide_title = !can_read_secret && is_masked(secrecy, masked, "title");
	int hide_party = !can_read_secret && is_masked(secrecy, masked, "party");
	int hide_body = !can_read_secret && is_masked(secrecy, masked, "body");
	int hide_files = !can_read_secret && is_masked(secrecy, masked, "files");
	char registered[32];
	time_format_local(db_col_int(row, 9), registered, sizeof registered);
	json_t *r = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:s?,s:s?}",
	                      "number", number, "version", (json_int_t)db_col_int(row, 1),
	                      "direction", db_col_text(row, 2), "doc_date", db_col_text(row, 3),
	                      "registered", registered,
	                      "title", hide_title ? notice : db_col_text(row, 5),
	                      "secrecy", secrecy, "legal_ground", ground, "masked", masked);
	if (!db_col_null(row, 4))
		json_object_set_new(r, "party", json_string(hide_party ? notice : db_col_text(row, 4)));
	if (!db_col_null(row, 10))
		json_object_set_new(r, "body", json_string(hide_body ? notice : db_col_text(row, 10)));
	/* The files, the retention columns and the history are part of the
	 * view: one that cannot be read fails it (NULL, e says why). */
	json_t *files = json_array();
	json_object_set_new(r, "files", files);
	int rc;
	db_stmt *s = db_prep(k->db, SQL_FILES, e);
	if (!s)
		goto fail;
	db_bind_int(s, 1, id);
	int nth = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (hide_files) {
			json_array_append_new(files, json_pack("{s:s}", "name", notice));
			continue;
		}
		/* A name that would reveal the masked party is masked too. */
		char name[300];
		file_name_masked(db_col_text(s, 0), hide_party ? db_col_text(row, 4) : NULL, ++nth, name, sizeof name);
		json_array_append_new(files, json_pack("{s:s,s:s,s:s,s:I,s:I,s:b}",
		                      "name", name, "media_type", db_col_text(s, 1),
		                      "sha256", db_col_text(s, 2), "size", (json_int_t)db_col_int(s, 3),
		                      "version", (json_int_t)db_col_int(s, 4),
		                      "superseded", (int)db_col_int(s, 5)));
	}
	if (rc < 0)
		goto fail;
	/* The document type and the disposal mark, looked up by key so that
	 * every list feeding record_views_from keeps its columns. */
	if (!(s = db_prep(k->db, SQL_RECORD_RETENTION, e)))
		goto fail;
	db_bind_int(s, 1, id);
	if ((rc = db_step(s, e)) < 0)
		goto fail;
	if (rc == DB_ROW) {
		if (!db_col_null(s, 0))
			json_object_set_new(r, "doc_type", json_string(db_col_text(s, 0)));
		if (!db_col_null(s, 1))
			json_object_set_new(r, "disposed", json_string(db_col_text(s, 1)));
		/* the party's address goes with the party: masked with it (the
		   notice once is enough), and told in the one record's view
		   only, not in lists and search hits; never published */
		if (with_history && !db_col_null(s, 2) && !hide_party)
			json_object_set_new(r, "party_address", json_string(db_col_text(s, 2)));
	}
	db_done(s);
	if (!with_history)
		return r;
	json_t *hist = json_array();
	json_object_set_new(r, "history", hist);
	if (!(s = db_prep(k->db, SQL_VERSIONS, e)))
		goto fail;
	db_bind_int(s, 1, id);
	while ((rc = db_step(s, e)) == DB_ROW) {
		char when[32];
		time_format_local(db_col_int(s, 2), when, sizeof when);
		json_t *snapv = json_loads(db_col_text(s, 1), 0, NULL);
		if (snapv && !can_read_secret && secret) {
			/* Earlier versions are masked like the current one. */
			if (hide_title) json_object_set_new(snapv, "title", json_string(notice));
			if (hide_party) json_object_set_new(snapv, "party", json_string(notice));
			if (hide_party) json_object_del(snapv, "party_address");
		}
		json_array_append_new(hist, json_pack("{s:I,s:s,s:s,s:s?,s:s,s:o*}",
		                      "version", (json_int_t)db_col_int(s, 0), "changed", when,
		                      "actor", db_col_text(s, 3),
		                      "actor_name", db_col_null(s, 5) ? NULL : db_col_text(s, 5),
		                      "reason", db_col_text(s, 4), "previous", snapv));
	}
	if (rc < 0)
		goto fail;
	return r;
fail:
	json_decref(r);
	return NULL;
}

/* Secret content shown to someone is itself an event: who read what, when. */
static int log_secret_reads(kansli *k, int64_t org_id, const int64_t *ids, json_t *numbers, kerr *e)
{
	return audit_log_reads(k, org_id, "record.read_secret", "record", ids, numbers, NULL, e);
}

static const char SQL_RECORD_VIEW[] =
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, "
	"  r.legal_ground, r.masked_fields, r.registered_us, t.body, r.seq "
	"FROM record r LEFT JOIN record_text t ON t.record_id = r.id WHERE r.id = ?1";
static const char SQL_CASE_RECORDS[] =
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, "
	"  r.legal_ground, r.masked_fields, r.registered_us, NULL, r.seq, s.prefix, c.year, c.seq "
	"FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"WHERE r.case_id = ?1 ORDER BY r.seq";

json_t *record_show(kansli *k, int64_t org_id, const char *number, kerr *e)
{
	record_row row;
	if (access_check(k, org_id, ACCESS_READ, e) || record_load(k, org_id, number, &row, e))
		return NULL;
	secret_right right;
	int can_secret;
	if (secret_right_init(k, org_id, &right, e) || secret_right_of(k, &right, row.id, &can_secret, e)) {
		record_row_free(&row);
		return NULL;
	}
	db_stmt *s = db_prep(k->db, SQL_RECORD_VIEW, e);
	json_t *view = NULL;
	int revealed = 0;
	if (s) {
		db_bind_int(s, 1, row.id);
		int rc = db_step(s, e);
		if (rc == DB_ROW)
			view = record_view(k, s, number, can_secret, 1, &revealed, e);
		else if (rc == DB_DONE) /* found by number above, gone now */
			kerr_set(e, KERR_NOTFOUND, "no record %s in this organisation", number);
		db_done(s);
	}
	if (view && texts_for_reader(k, &right, row.id, view, &revealed, e)) {
		json_decref(view);
		view = NULL;
	}
	if (view && revealed) {
		json_t *nums = json_pack("[s]", number);
		if (log_secret_reads(k, org_id, &row.id, nums, e)) {
			json_decref(view);
			view = NULL;
		}
		json_decref(nums);
	}
	record_row_free(&row);
	return view;
}

json_t *record_views_from(kansli *k, int64_t org_id, db_stmt *s, int snippet_col, kerr *e)
{
	return record_views_keyed(k, org_id, s, snippet_col, NULL, e);
}

json_t *record_views_keyed(kansli *k, int64_t org_id, db_stmt *s, int snippet_col, json_t *ids_out, kerr *e)
{
	secret_right right;
	if (secret_right_init(k, org_id, &right, e)) {
		db_done(s);
		return NULL;
	}
	json_t *arr = json_array(), *nums = json_array();
	int64_t *ids = NULL;
	size_t nids = 0;
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char num[CASENUM_MAX];
		int revealed, can_secret = 0;
		casenum_format_record(num, db_col_text(s, 12), (int)db_col_int(s, 13),
		                      (int)db_col_int(s, 14), (int)db_col_int(s, 11));
		/* Only a secret record needs the per-case decision. */
		if (strcmp(db_col_text(s, 6), "none") &&
		    (rc = secret_right_of(k, &right, db_col_int(s, 0), &can_secret, e)))
			break;
		json_t *v = record_view(k, s, num, can_secret, 0, &revealed, e);
		if (!v) {
			db_done(s);
			rc = KERR_IO;
			break;
		}
		if ((rc = texts_for_reader(k, &right, db_col_int(s, 0), v, &revealed, e))) {
			json_decref(v);
			db_done(s);
			break;
		}
		/* A snippet made by a query that searched secret text for someone
		 * with the right somewhere in the organisation may quote a case
		 * their grants do not cover: such a record gets none. */
		int snippet_unsafe = right.any && !can_secret && strcmp(db_col_text(s, 6), "none");
		if (snippet_col >= 0 && !snippet_unsafe)
			json_object_set_new(v, "snippet", json_string(db_col_text(s, snippet_col)));
		json_array_append_new(arr, v);
		if (ids_out)
			json_array_append_new(ids_out, json_integer(db_col_int(s, 0)));
		if (revealed) {
			ids = realloc(ids, (nids + 1) * sizeof *ids);
			if (!ids)
				abort();
			ids[nids++] = db_col_int(s, 0);
			json_array_append_new(nums, json_string(num));
		}
	}
	/* A list cut short by a read error is an error, never a shorter list
	 * (nothing was shown, so no secret read is logged). */
	if (rc < 0) {
		db_done(s);
		json_decref(arr);
		arr = NULL;
	} else if (log_secret_reads(k, org_id, ids, nums, e)) {
		json_decref(arr);
		arr = NULL;
	}
	free(ids);
	json_decref(nums);
	return arr;
}

json_t *record_list_for_case(kansli *k, int64_t org_id, int64_t case_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_CASE_RECORDS, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, case_id);
	return record_views_from(k, org_id, s, -1, e);
}

#define RECORD_LIST_SELECT \
	"SELECT r.id, r.version, r.direction, r.doc_date, r.party_name, r.title, r.secrecy, " \
	"  r.legal_ground, r.masked_fields, r.registered_us, NULL, r.seq, s.prefix, c.year, c.seq "
#define RECORD_LIST_WHERE \
	"FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id " \
	"WHERE c.org_id = ?1 " \
	"  AND (?2 IS NULL OR c.series_id = (SELECT id FROM series WHERE org_id = ?1 AND prefix = ?2)) " \
	"  AND (?3 = 0 OR c.year = ?3) AND (?4 IS NULL OR r.direction = ?4) " \
	"  AND (?5 IS NULL OR r.doc_date >= ?5) AND (?6 IS NULL OR r.doc_date <= ?6) "
/* One statement per order (ORDER BY cannot be bound). None sorts by
 * title or party: the order would tell a masked one letter by letter. */
/* The default order is a keyset too: ?9, ?10 are the key of the row the
 * page starts after (a key before every row when there is none). */
static const char SQL_RECORD_LIST[] = RECORD_LIST_SELECT RECORD_LIST_WHERE
	"  AND (r.doc_date, r.id) < (?9, ?10) ORDER BY r.doc_date DESC, r.id DESC LIMIT ?7 OFFSET ?8";
static const char SQL_RECORD_LIST_OLDEST[] = RECORD_LIST_SELECT RECORD_LIST_WHERE
	"  AND ?9 = ?9 AND ?10 = ?10 ORDER BY r.doc_date, r.id LIMIT ?7 OFFSET ?8";
static const char SQL_RECORD_LIST_NUMBER[] = RECORD_LIST_SELECT RECORD_LIST_WHERE
	"  AND ?9 = ?9 AND ?10 = ?10 ORDER BY s.prefix, c.year DESC, c.seq DESC, r.seq LIMIT ?7 OFFSET ?8";
static const char SQL_RECORD_COUNT[] = "SELECT count(*) " RECORD_LIST_WHERE
	"AND ?7 = ?7 AND ?8 = ?8 AND ?9 = ?9 AND ?10 = ?10";

/* The statement sql (one of the above) prepared and bound to f, after
 * the access check; NULL with e set. */
static db_stmt *record_filter_prep(kansli *k, int64_t org_id, const record_filter *f, const char *sql, kerr *e)
{
	if (access_check(k, org_id, ACCESS_READ, e))
		return NULL;
	const char *dir = f->direction && *f->direction ? record_direction(f->direction) : NULL;
	if (f->direction && *f->direction && !dir) {
		kerr_field(e, KERR_INVALID, "direction", KWHY_CHOICE, "direction must be in, out or internal");
		return NULL;
	}
	db_stmt *s = db_prep(k->db, sql, e);
	if (!s)
		return NULL;
#define OPT(v) ((v) && *(v) ? (v) : NULL)
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, OPT(f->series));
	db_bind_int(s, 3, f->year);
	db_bind_text(s, 4, dir);
	db_bind_text(s, 5, OPT(f->from));
	db_bind_text(s, 6, OPT(f->to));
	db_bind_int(s, 7, f->limit > 0 ? f->limit : 50);
	db_bind_int(s, 8, f->offset);
	json_t *date = json_array_get(f->after, 0), *id = json_array_get(f->after, 1);
	if (f->after && (json_array_size(f->after) != 2 || !json_is_string(date) || !json_is_integer(id))) {
		db_done(s);
		kerr_field(e, KERR_INVALID, "cursor", KWHY_FORMAT, "the cursor is not one of the record list");
		return NULL;
	}
	db_bind_text(s, 9, f->after ? json_string_value(date) : "9999-12-31");
	db_bind_int(s, 10, f->after ? json_integer_value(id) : INT64_MAX);
#undef OPT
	return s;
}

json_t *record_list(kansli *k, int64_t org_id, const record_filter *f, kerr *e)
{
	const char *sql = !f->sort ? SQL_RECORD_LIST : !strcmp(f->sort, "oldest") ? SQL_RECORD_LIST_OLDEST
		: !strcmp(f->sort, "number") ? SQL_RECORD_LIST_NUMBER : SQL_RECORD_LIST;
	db_stmt *s = record_filter_prep(k, org_id, f, sql, e);
	if (!s)
		return NULL;
	json_t *ids = f->keys ? json_array() : NULL;
	json_t *arr = record_views_keyed(k, org_id, s, -1, ids, e);
	/* the key of each row: its document date, as the view shows it, and its id */
	for (size_t i = 0; arr && ids && i < json_array_size(arr); i++)
		json_array_append_new(f->keys, json_pack("[O,O]", json_object_get(json_array_get(arr, i), "doc_date"),
		                                         json_array_get(ids, i)));
	json_decref(ids);
	return arr;
}

int record_count(kansli *k, int64_t org_id, const record_filter *f, int64_t *total, kerr *e)
{
	db_stmt *s = record_filter_prep(k, org_id, f, SQL_RECORD_COUNT, e);
	if (!s)
		return e && e->code ? e->code : KERR_INTERNAL;
	int rc = kansli_row(s, e, KERR_INTERNAL, "the records could not be counted");
	if (rc)
		return rc;
	*total = db_col_int(s, 0);
	db_done(s);
	return 0;
}

/* The file a reader asks for by the name they were shown: the neutral
 * name always works; the original name only for those who may see the
 * party, so that asking cannot confirm a guessed name. */
static int file_by_shown_name(kansli *k, int64_t record_id, const char *party, int hide_party,
                              const char *asked, char hash[65], kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FILES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, record_id);
	int rc, nth = 0, found = 0;
	while ((rc = db_step(s, e)) == DB_ROW) {
		char masked[300];
		file_name_masked(db_col_text(s, 0), party, ++nth, masked, sizeof masked);
		if (found || db_col_int(s, 5))
			continue; /* superseded */
		if (!strcmp(masked, asked) || (!hide_party && !strcmp(db_col_text(s, 0), asked))) {
			snprintf(hash, 65, "%s", db_col_text(s, 2));
			found = 1;
		}
	}
	return rc < 0 ? rc : found;
}

/* A secret file asked for by someone whose grants do not cover its case is
 * refused, and the attempt is logged, so it can be shown who tried. Returns
 * KERR_DENIED with the message, or the error that kept the event out of the
 * log. The refusal comes before the file is looked up, so it does not tell
 * whether a file of that name exists; the event names the record only (the
 * name asked for is the asker's text, not evidence). */
static int log_secret_denied(kansli *k, int64_t org_id, int64_t record_id, const char *number,
                             kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = audit_append(k, org_id, "record.read_secret_denied", "record", record_id,
	                       json_pack("{s:s}", "number", number), e))) {
		kansli_rollback(k);
		return rc;
	}
	if ((rc = kansli_commit(k, e)))
		return rc;
	return kerr_set(e, KERR_DENIED, "%s may not read the secret files of %s: no grant covers "
	                "the unit or board that owns its case", k->actor, number);
}


int record_file_path(kansli *k, int64_t org_id, const char *number, const char *name,
                     char *path, size_t len, kerr *e)
{
	record_row row;
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_READ, e)) || (rc = record_load(k, org_id, number, &row, e)))
		return rc;
	int secret_files = is_masked(row.secrecy, row.masked, "files");
	int secret_party = is_masked(row.secrecy, row.masked, "party");
	int64_t id = row.id;
	int may = 0;
	if (secret_files || secret_party) {
		secret_right right;
		if ((rc = secret_right_init(k, org_id, &right, e)) || (rc = secret_right_of(k, &right, id, &may, e))) {
			record_row_free(&row);
			return rc;
		}
	}
	if (secret_files && !may) {
		record_row_free(&row);
		return log_secret_denied(k, org_id, id, number, e);
	}
	char hash[65];
	rc = file_by_shown_name(k, id, row.party_name, secret_party && !may, name, hash, e);
	record_row_free(&row);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return kerr_set(e, KERR_NOTFOUND, "record %s has no file named '%s'", number, name);
	rc = 0;
	blob_path(&k->blobs, hash, path, len);
	if (secret_files) {
		json_t *nums = json_pack("[s]", number);
		rc = log_secret_reads(k, org_id, &id, nums, e);
		json_decref(nums);
	}
	return rc;
}
