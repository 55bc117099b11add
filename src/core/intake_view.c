/*
 * intake_view.c — the inbox as the registrar sees it: the list with each
 * item's age and state, one item whole, and the files of an item to read
 * (see intake.h), searched and filtered. The organisation's registrars see
 * it all, an officer what is forwarded to them (access_intake_scope).
 */
#include "core/intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "util/caldate.h"
#include "util/encoding.h"
#include "util/timeutil.h"
#include "util/unicode.h"

/* An item's state: its decision, else forwarded or open. */
#define ITEM_STATE \
	"CASE WHEN d.outcome IS NOT NULL THEN d.outcome WHEN f.item_id IS NOT NULL THEN 'forwarded' ELSE 'open' END"

/* A registered item's content went to its record: the inbox names it by
 * the record's title and party only where its case holds no secrets (no
 * protected title, no secret record); else by its number alone, the
 * entitled reading the rest on the record's page. The record's columns
 * are not for an officer it was forwarded to, or a registrar of another
 * unit, without the right to the case (an outside review's find, s8b B1). */
#define REGISTERED_OPEN(col) \
	"CASE WHEN EXISTS (SELECT 1 FROM case_file sc WHERE sc.id = r.case_id AND sc.public_title IS NOT NULL) " \
	"OR EXISTS (SELECT 1 FROM record sr WHERE sr.case_id = r.case_id AND sr.secrecy <> 'none') " \
	"THEN NULL ELSE " col " END"
static const char SQL_LIST[] =
	"SELECT i.id, i.source, coalesce(c.sender, " REGISTERED_OPEN("r.party_name") ", ''), "
	"  coalesce(c.subject, " REGISTERED_OPEN("r.title") ", ''), i.arrived_us, i.nfiles, "
	"  i.has_personnummer, coalesce(c.problems, ''), " ITEM_STATE ", d.reason, "
	"  (SELECT s.prefix || ' ' || cf.year || '/' || printf('%04d', cf.seq) || '-' || r.seq "
	"   FROM case_file cf JOIN series s ON s.id = cf.series_id WHERE cf.id = r.case_id), "
	"  coalesce(u.username, un.code), d.decided_us, coalesce(c.body, ''), ru.username, rt.note "
	"FROM intake_item i LEFT JOIN intake_content c ON c.item_id = i.id "
	"  LEFT JOIN intake_decision d ON d.item_id = i.id LEFT JOIN record r ON r.id = d.record_id "
	"  LEFT JOIN intake_forward f ON f.item_id = i.id LEFT JOIN app_user u ON u.id = f.user_id "
	"  LEFT JOIN unit un ON un.id = f.unit_id "
	"  LEFT JOIN intake_return rt ON rt.item_id = i.id LEFT JOIN app_user ru ON ru.id = rt.user_id "
	"WHERE i.org_id = ?1 AND (?2 = 'all' OR ?2 = " ITEM_STATE " OR (?2 = 'open' AND " ITEM_STATE " = 'forwarded')) "
	"  AND (?3 = 0 OR i.id = ?3) AND (?4 = '' OR i.source = ?4) "
	"  AND (?5 = 0 OR i.arrived_us >= ?5) AND (?6 = 0 OR i.arrived_us < ?6) "
	"  AND (?7 = 0 OR (f.item_id IS NOT NULL AND " ACCESS_INTAKE_MINE_SQL("8") ")) "
	"ORDER BY i.arrived_us DESC, i.id DESC";

static json_t *item_view(db_stmt *s, int64_t now)
{
	char arrived[40], local[32];
	int64_t at = db_col_int(s, 4);
	time_format_utc(at, arrived, sizeof arrived);
	time_format_local(at, local, sizeof local);
	/* The age runs until the item was judged: then it is the lag from
	 * arrival to registration (or rejection). */
	int64_t until = db_col_null(s, 12) ? now : db_col_int(s, 12);
	int64_t age_hours = until > at ? (until - at) / 3600000000LL : 0;
	const char *problems = db_col_text(s, 7);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:b,s:b,s:s,s:s*,s:s*,s:s*,s:s*,s:s*}",
	                 "id", (json_int_t)db_col_int(s, 0),
	                 "source", db_col_text(s, 1), "sender", db_col_text(s, 2), "subject", db_col_text(s, 3),
	                 "arrived", arrived, "arrived_local", local, "age_hours", (json_int_t)age_hours, "files", (json_int_t)db_col_int(s, 5),
	                 "personnummer", (int)db_col_int(s, 6), "problems", *problems != 0, "state", db_col_text(s, 8),
	                 "reason", db_col_null(s, 9) ? NULL : db_col_text(s, 9),
	                 "record", db_col_null(s, 10) ? NULL : db_col_text(s, 10),
	                 "forwarded_to", db_col_null(s, 11) ? NULL : db_col_text(s, 11),
	                 "returned_by", db_col_null(s, 14) ? NULL : db_col_text(s, 14),
	                 "return_note", db_col_null(s, 15) ? NULL : db_col_text(s, 15));
}

#define MAX_WORDS 16

/* The words of a text search, folded (case and accents aside). */
typedef struct words {
	text_folded w[MAX_WORDS];
	int n;
} words;

static int words_read(const char *text, words *ws, kerr *e)
{
	ws->n = 0;
	if (!text || !*text)
		return 0;
	if (text_line_why(text, 500) > KWHY_REQUIRED || text_check_str(text, TEXT_LINE))
		return kerr_field(e, KERR_INVALID, "text", KWHY_FORMAT, "the search text is one line of at most 500 bytes");
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t");
		if (!n)
			break;
		if (ws->n == MAX_WORDS)
			return kerr_field(e, KERR_INVALID, "text", KWHY_TOO_LONG, "search with at most %d words", MAX_WORDS);
		char word[501];
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		text_fold(word, &ws->w[ws->n++]);
		p += n;
	}
	return 0;
}

static void words_free(words *ws)
{
	for (int i = 0; i < ws->n; i++)
		text_folded_free(&ws->w[i]);
	ws->n = 0;
}

/* 1 when every word is in the row's sender, subject or text. */
static int words_match(const words *ws, db_stmt *s)
{
	if (!ws->n)
		return 1;
	buf hay = BUF_INIT;
	buf_printf(&hay, "%s\n%s\n%s", db_col_text(s, 2), db_col_text(s, 3), db_col_text(s, 13));
	text_folded f;
	text_fold(hay.s, &f);
	int all = 1;
	for (int i = 0; i < ws->n && all; i++)
		all = strstr(f.s, ws->w[i].s) != NULL;
	text_folded_free(&f);
	buf_free(&hay);
	return all;
}

/* Midnight (Swedish time) starting date, plus days, in *us; 0 for none. */
static int day_bound(const char *date, int days, const char *field, int64_t *us, kerr *e)
{
	*us = 0;
	if (!date || !*date)
		return 0;
	char day[11];
	if (!time_valid_date(date) || caldate_add_days(date, days, day))
		return kerr_field(e, KERR_INVALID, field, KWHY_FORMAT, "%s must be a date YYYY-MM-DD", field);
	*us = time_date_us(day);
	return 0;
}

static int filter_check(const intake_filter *f, const char **state, int64_t *from, int64_t *to, kerr *e)
{
	static const char *const states[] = { "open", "forwarded", "registered", "rejected", "all" };
	*state = f->state && *f->state ? f->state : "open";
	size_t i;
	for (i = 0; i < sizeof states / sizeof states[0]; i++)
		if (!strcmp(*state, states[i]))
			break;
	if (i == sizeof states / sizeof states[0])
		return kerr_field(e, KERR_INVALID, "state", KWHY_CHOICE, "state must be open, forwarded, registered, "
		                  "rejected or all");
	if (f->source && *f->source && strcmp(f->source, "mail") && strcmp(f->source, "api"))
		return kerr_field(e, KERR_INVALID, "source", KWHY_CHOICE, "source must be mail or api");
	int rc;
	if ((rc = day_bound(f->from, 0, "from", from, e)) || (rc = day_bound(f->to, 1, "to", to, e)))
		return rc;
	if (*from && *to && *from >= *to)
		return kerr_field(e, KERR_INVALID, "to", KWHY_FORMAT, "the date range ends before it begins");
	return 0;
}

/* The items matching f (and id, when not 0), the page f asks for. */
static json_t *list_rows(kansli *k, int64_t org_id, const intake_filter *f, int64_t id, int64_t *total, kerr *e)
{
	const char *state;
	int64_t from, to;
	int all, rc;
	if (filter_check(f, &state, &from, &to, e) || access_intake_scope(k, org_id, &all, e))
		return NULL;
	words ws;
	if (words_read(f->text, &ws, e))
		return NULL;
	db_stmt *s = db_prep(k->db, SQL_LIST, e);
	if (!s) {
		words_free(&ws);
		return NULL;
	}
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, state);
	db_bind_int(s, 3, id);
	db_bind_text(s, 4, f->source ? f->source : "");
	db_bind_int(s, 5, from);
	db_bind_int(s, 6, to);
	db_bind_int(s, 7, f->mine || !all); /* an officer sees only what is theirs */
	db_bind_int(s, 8, k->user_id);
	int64_t now = time_now_us(), n = 0;
	json_t *items = json_array();
	/* The words are matched here, on the folded text, so the user's text
	 * is never part of a query; the page is cut after them. */
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (!words_match(&ws, s))
			continue;
		if (n >= f->offset && (!f->limit || n < (int64_t)f->offset + f->limit))
			json_array_append_new(items, item_view(s, now));
		n++;
	}
	words_free(&ws);
	if (rc < 0 || (all && !id && !f->mine && intake_mark_opened(k, org_id, e))) {
		json_decref(items);
		return NULL;
	}
	if (total)
		*total = n;
	return items;
}

json_t *intake_search(kansli *k, int64_t org_id, const intake_filter *f, int64_t *total, kerr *e)
{
	if (f->limit < 0 || f->offset < 0)
		return kerr_set(e, KERR_INVALID, "a page starts at 0 and holds at least one item"), NULL;
	return list_rows(k, org_id, f, 0, total, e);
}

json_t *intake_list(kansli *k, int64_t org_id, const char *state, kerr *e)
{
	intake_filter f = { .state = state };
	return list_rows(k, org_id, &f, 0, NULL, e);
}

static const char SQL_DETAIL[] =
	"SELECT i.message_id, i.eml_sha256, i.size, coalesce(c.sent, ''), coalesce(c.body, ''), "
	"  coalesce(c.problems, '') "
	"FROM intake_item i LEFT JOIN intake_content c ON c.item_id = i.id WHERE i.id = ?1";
static const char SQL_FILES[] =
	"SELECT seq, name, media_type, size, preview FROM intake_file WHERE item_id = ?1 ORDER BY seq";

static const char SQL_SPLIT[] =
	"SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq FROM intake_split x "
	"JOIN record r ON r.id = x.record_id JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"WHERE x.item_id = ?1 ORDER BY x.record_id";

/* "split_into": the records the item was split into, when it was. */
static int add_split(kansli *k, int64_t id, json_t *v, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_SPLIT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	json_t *records = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(records, json_string(db_col_text(s, 0)));
	if (rc < 0 || !json_array_size(records)) {
		json_decref(records);
		return rc < 0 ? rc : 0;
	}
	json_object_set_new(v, "split_into", records);
	return 0;
}

static int add_detail(kansli *k, int64_t id, json_t *v, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_DETAIL, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld", (long long)id);
	if (rc)
		return rc;
	const char *source = json_string_value(json_object_get(v, "source"));
	/* an API item's message id is the caller's key, which stays the caller's */
	json_object_set_new(v, "message_id", json_string(strcmp(source, "api") ? db_col_text(s, 0) : ""));
	json_object_set_new(v, "original_sha256", json_string(db_col_text(s, 1)));
	json_object_set_new(v, "size", json_integer(db_col_int(s, 2)));
	json_object_set_new(v, "sent", json_string(db_col_text(s, 3)));
	json_object_set_new(v, "text", json_string(db_col_text(s, 4)));
	json_t *problems = json_array();
	const char *p = db_col_text(s, 5);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n)
			json_array_append_new(problems, json_stringn(p, n));
		p += n + (nl != NULL);
	}
	json_object_set_new(v, "problem_list", problems);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_FILES, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	json_t *files = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(files, json_pack("{s:I,s:s,s:s,s:I,s:s}", "seq", (json_int_t)db_col_int(s, 0),
		                                       "name", db_col_text(s, 1), "media_type", db_col_text(s, 2),
		                                       "size", (json_int_t)db_col_int(s, 3), "preview", db_col_text(s, 4)));
	json_object_set_new(v, "attachments", files);
	return rc < 0 ? rc : add_split(k, id, v, e);
}

/* What the registration form starts from (the registrar checks it): the
 * subject as title, the sender as party (name, and the address as the
 * document gives it), the arrival date in Swedish time as date received. */
static void add_prefill(json_t *v)
{
	const char *sender = json_string_value(json_object_get(v, "sender"));
	char name[400], address[300] = "";
	snprintf(name, sizeof name, "%s", sender);
	char *lt = strrchr(name, '<');
	size_t n = strlen(name);
	if (lt && n && name[n - 1] == '>') {
		snprintf(address, sizeof address, "%.*s", (int)(name + n - 1 - lt - 1), lt + 1);
		while (lt > name && lt[-1] == ' ')
			lt--;
		*lt = 0;
		if (lt == name)
			snprintf(name, sizeof name, "%s", address);
	}
	char local[32];
	int64_t at = json_integer_value(json_object_get(v, "arrived_us"));
	time_format_local(at, local, sizeof local);
	local[10] = 0;
	json_object_set_new(v, "prefill", json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	                                            json_string_value(json_object_get(v, "subject")),
	                                            "party", name, "party_address", address, "doc_date", local,
	                                            "direction", "in"));
	json_object_del(v, "arrived_us");
}

static const char SQL_ARRIVED[] = "SELECT arrived_us FROM intake_item WHERE id = ?1";

json_t *intake_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	intake_filter all = { .state = "all" };
	json_t *rows = list_rows(k, org_id, &all, id, NULL, e);
	if (!rows)
		return NULL;
	json_t *v = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	if (!v)
		return kerr_set(e, KERR_NOTFOUND, "no inbox item %lld in this organisation", (long long)id), NULL;
	db_stmt *s = db_prep(k->db, SQL_ARRIVED, e);
	int rc = s ? 0 : KERR_INTERNAL;
	if (s) {
		db_bind_int(s, 1, id);
		if (!(rc = kansli_row(s, e, KERR_NOTFOUND, "no inbox item %lld", (long long)id))) {
			json_object_set_new(v, "arrived_us", json_integer(db_col_int(s, 0)));
			db_done(s);
		}
	}
	if (rc || (rc = add_detail(k, id, v, e))) {
		json_decref(v);
		return NULL;
	}
	add_prefill(v);
	return v;
}

static const char SQL_ORIGINAL[] =
	"SELECT i.eml_sha256, i.source FROM intake_item i WHERE i.id = ?1 AND i.org_id = ?2 "
	"  AND NOT EXISTS (SELECT 1 FROM intake_decision d WHERE d.item_id = i.id)";
static const char SQL_FILE[] =
	"SELECT f.hash, f.name, f.media_type FROM intake_file f JOIN intake_item i ON i.id = f.item_id "
	"WHERE f.item_id = ?1 AND i.org_id = ?2 AND f.seq = ?3";

int intake_file_path(kansli *k, int64_t org_id, int64_t id, const char *which, char *path, size_t len,
                     char name[256], char type[128], kerr *e)
{
	int original = !strcmp(which, "original");
	long seq = original ? 0 : strtol(which, NULL, 10);
	int rc = access_intake_item(k, org_id, id, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, original ? SQL_ORIGINAL : SQL_FILE, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	if (!original)
		db_bind_int(s, 3, seq);
	rc = kansli_row(s, e, KERR_NOTFOUND, "no such file of an inbox item waiting to be judged");
	if (rc)
		return rc;
	blob_path(&k->blobs, db_col_text(s, 0), path, len);
	if (original) {
		int api = !strcmp(db_col_text(s, 1), "api");
		snprintf(name, 256, "%s", api ? "inlamning.json" : "meddelande.eml");
		snprintf(type, 128, "%s", api ? "application/json" : "message/rfc822");
	} else {
		snprintf(name, 256, "%s", db_col_text(s, 1));
		snprintf(type, 128, "%s", db_col_text(s, 2));
	}
	db_done(s);
	return 0;
}
