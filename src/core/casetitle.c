/* casetitle.c — protected case titles and their renderings; see casetitle.h. */
#include "core/casetitle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"

/* Folds a UTF-8 string for comparison without changing its length: ASCII
 * letters and the two-byte Latin-1 capitals (U+00C0-U+00DE but ×) go to
 * lower case, so a byte offset in the folded copy is one in the original. */
static char *fold(const char *s)
{
	size_t n = strlen(s);
	unsigned char *f = malloc(n + 1);
	if (!f)
		abort();
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		else if (i > 0 && f[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
			c = (unsigned char)(c + 32);
		f[i] = c;
	}
	return (char *)f;
}

/* A byte that belongs to a word: ASCII letters and digits, and every byte
 * of a multi-byte UTF-8 letter (å, ä, ö, é). */
static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The earliest whole-word occurrence in folded text ft of the folded word
 * w (n bytes), or NULL. */
static const char *find_word(const char *ft, const char *w, size_t n)
{
	for (const char *p = ft; (p = strstr(p, w)); p++) {
		char save_end = p[n];
		int starts = p == ft || !word_byte((unsigned char)p[-1]);
		if (starts && !word_byte((unsigned char)save_end))
			return p;
	}
	return NULL;
}

/* text_find_name, or with parts when by_parts. */
static int find_name(const char *text, const char *name, int by_parts, size_t *at, size_t *len)
{
	if (!text || !name || !*name)
		return 0;
	char *ft = fold(text), *fn = fold(name);
	const char *best = strstr(ft, fn);
	size_t best_len = strlen(fn);
	/* A person is named by a part of the name too: "Svensson", or
	 * "Svensson, Sven". Parts of three bytes or more, as whole words. */
	for (char *part = fn; by_parts && *part;) {
		while (*part && !word_byte((unsigned char)*part))
			part++;
		char *end = part;
		while (*end && word_byte((unsigned char)*end))
			end++;
		size_t n = (size_t)(end - part);
		char saved = *end;
		*end = '\0';
		const char *p = n >= 3 ? find_word(ft, part, n) : NULL;
		if (p && (!best || p < best)) {
			best = p;
			best_len = n;
		}
		*end = saved;
		part = end;
	}
	int found = best != NULL;
	if (found) {
		if (at) *at = (size_t)(best - ft);
		if (len) *len = best_len;
	}
	free(ft);
	free(fn);
	return found;
}

int text_find_name(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 0, at, len);
}

int text_find_person(const char *text, const char *name, size_t *at, size_t *len)
{
	return find_name(text, name, 1, at, len);
}

/* Replaces every occurrence of name in b (ignoring case) by the mask, a
 * person's also where only a part of the name stands; returns 1 when
 * something was replaced. */
static int mask_name(buf *b, const char *name, int person)
{
	int changed = 0;
	size_t from = 0, at, len;
	while (from < b->len && find_name(b->s + from, name, person, &at, &len)) {
		buf out = BUF_INIT;
		buf_add(&out, b->s, from + at);
		buf_adds(&out, CASE_TITLE_MASK);
		size_t next = out.len;
		buf_adds(&out, b->s + from + at + len);
		buf_free(b);
		*b = out;
		from = next;
		changed = 1;
	}
	return changed;
}

static const char SQL_TITLES[] =
	"SELECT c.title, c.public_title, s.mask_persons FROM case_file c "
	"JOIN series s ON s.id = c.series_id WHERE c.id = ?1";
/* The parties of the case whose names the audience may not see: masked by
 * secrecy, or (?2 = 1: the public in a series that masks persons) private
 * persons. Longest first, so that "Sven Svensson" goes before "Sven". */
static const char SQL_MASKED_NAMES[] =
	"SELECT DISTINCT r.party_name, coalesce(p.kind, 'person') = 'person' FROM record r "
	"LEFT JOIN party p ON p.id = r.party_id "
	"WHERE r.case_id = ?1 AND r.party_name IS NOT NULL AND r.party_name <> '' "
	"  AND (r.secrecy = 'full' OR (r.secrecy = 'partial' "
	"       AND instr(',' || coalesce(r.masked_fields, '') || ',', ',party,') > 0) "
	"       OR (?2 = 1 AND p.kind = 'person')) "
	"ORDER BY length(r.party_name) DESC, r.party_name";

int case_title_render(kansli *k, int64_t case_id, case_title_audience audience, buf *out,
                      int *is_protected, kerr *e)
{
	buf_reset(out);
	buf_adds(out, "");
	db_stmt *s = db_prep(k->db, SQL_TITLES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "case id %lld vanished", (long long)case_id);
	if (rc)
		return rc;
	int has_public = !db_col_null(s, 1);
	buf_adds(out, db_col_text(s, has_public ? 1 : 0));
	int persons = audience == CASE_TITLE_PUBLIC && db_col_int(s, 2);
	db_done(s);
	int changed = 0;
	if (!(s = db_prep(k->db, SQL_MASKED_NAMES, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, persons);
	while ((rc = db_step(s, e)) == DB_ROW)
		changed |= mask_name(out, db_col_text(s, 0), (int)db_col_int(s, 1));
	if (rc < 0)
		return rc;
	if (is_protected)
		*is_protected = has_public || changed;
	return 0;
}

json_t *case_title_staff_json(kansli *k, int64_t case_id, kerr *e)
{
	buf b = BUF_INIT;
	json_t *j = NULL;
	if (case_title_render(k, case_id, CASE_TITLE_STAFF, &b, NULL, e) == 0)
		j = json_string(b.s);
	buf_free(&b);
	return j;
}

int case_title_for_reader(kansli *k, int64_t case_id, const char *full_title, json_t *obj,
                          int *revealed, kerr *e)
{
	buf b = BUF_INIT;
	int prot = 0;
	*revealed = 0;
	int rc = case_title_render(k, case_id, CASE_TITLE_STAFF, &b, &prot, e);
	if (rc) {
		buf_free(&b);
		return rc;
	}
	kerr why = KERR_INIT;
	if (prot && (rc = access_secret_case(k, case_id, &why)) && rc != KERR_DENIED) {
		buf_free(&b); /* the right could not be read: not a reason to hide the title */
		return kerr_set(e, rc, "%s", why.msg);
	}
	if (!prot) {
		json_object_set_new(obj, "title", json_string(full_title));
	} else if (rc == 0) {
		json_object_set_new(obj, "title", json_string(full_title));
		json_object_set_new(obj, "public_title", json_string(b.s));
		json_object_set_new(obj, "title_protected", json_true());
		*revealed = 1;
	} else {
		json_object_set_new(obj, "title", json_string(b.s));
		json_object_set_new(obj, "title_protected", json_true());
	}
	buf_free(&b);
	return 0;
}

int case_title_log_reads(kansli *k, int64_t org_id, const int64_t *ids, json_t *numbers, kerr *e)
{
	return audit_log_reads(k, org_id, "case.read_secret", "case", ids, numbers, "title", e);
}

static const char SQL_RECORD_PARTY[] =
	"SELECT r.party_name, p.kind, r.secrecy, r.masked_fields, s.mask_persons, "
	"  coalesce(c.public_title, c.title) "
	"FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id "
	"LEFT JOIN party p ON p.id = r.party_id "
	"WHERE s.org_id = ?1 AND s.prefix = ?2 AND c.year = ?3 AND c.seq = ?4 AND r.seq = ?5";

int case_title_party_warning(kansli *k, int64_t org_id, const char *record_number, buf *party,
                             char case_number[CASENUM_MAX], kerr *e)
{
	casenum n;
	int rc = casenum_parse(record_number, &n, e);
	if (rc)
		return rc;
	buf_reset(party);
	casenum_format_case(case_number, n.prefix, n.year, n.seq);
	db_stmt *s = db_prep(k->db, SQL_RECORD_PARTY, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n.prefix);
	db_bind_int(s, 3, n.year);
	db_bind_int(s, 4, n.seq);
	db_bind_int(s, 5, n.doc);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no record %s in this organisation", record_number)))
		return rc;
	const char *name = db_col_text(s, 0), *secrecy = db_col_text(s, 2);
	char masked_list[128];
	snprintf(masked_list, sizeof masked_list, ",%s,", db_col_text(s, 3));
	int masked = !strcmp(secrecy, "full") || (!strcmp(secrecy, "partial") && strstr(masked_list, ",party,"))
	             || (db_col_int(s, 4) && !strcmp(db_col_text(s, 1), "person"));
	int exposed = *name && masked && find_name(db_col_text(s, 5), name, strcmp(db_col_text(s, 1), "organisation"),
	                                           NULL, NULL);
	if (exposed)
		buf_adds(party, name);
	db_done(s);
	return exposed;
}
