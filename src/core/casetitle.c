/* casetitle.c — protected case titles and their renderings; see casetitle.h. */
#include "core/casetitle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "util/encoding.h"

static const char SQL_TITLES[] =
	"SELECT c.title, c.public_title, s.mask_persons, s.prefix FROM case_file c "
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

/* Masks in out the names of case_id's parties the audience may not see
 * (persons: the public in a series that masks persons); 1 when one was,
 * 0, or a negative KERR_* with e set. */
static int mask_case_names(kansli *k, int64_t case_id, int persons, buf *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_MASKED_NAMES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, persons);
	int rc, changed = 0;
	while ((rc = db_step(s, e)) == DB_ROW)
		changed |= text_mask_name(out, db_col_text(s, 0), (int)db_col_int(s, 1));
	return rc < 0 ? rc : changed;
}

/* case_title_render, and for the public whether the title is published. */
static int render_title(kansli *k, int64_t case_id, case_title_audience audience, buf *out,
                        int *is_protected, int *published, kerr *e)
{
	buf_reset(out);
	buf_adds(out, "");
	if (published)
		*published = 1;
	db_stmt *s = db_prep(k->db, SQL_TITLES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "case id %lld vanished", (long long)case_id);
	if (rc)
		return rc;
	int has_public = !db_col_null(s, 1);
	int persons = audience == CASE_TITLE_PUBLIC && db_col_int(s, 2);
	if (persons && !has_public) {
		/* A series that masks persons publishes a title only once a
		 * registrar has written one for the public (casetitle.h). */
		buf_printf(out, CASE_TITLE_UNPUBLISHED, db_col_text(s, 3));
		db_done(s);
		if (is_protected)
			*is_protected = 1;
		if (published)
			*published = 0;
		return 0;
	}
	buf_adds(out, db_col_text(s, has_public ? 1 : 0));
	text_nfc(out); /* a title stored before text was kept in NFC reads as one typed now */
	/* A public title the same as the title protects nothing: it says the
	 * title may be published as it stands (so a title the system writes,
	 * which names nobody, is published in a series that masks persons). */
	int differs = has_public && strcmp(db_col_text(s, 0), db_col_text(s, 1));
	db_done(s);
	int changed = mask_case_names(k, case_id, persons, out, e);
	if (changed < 0)
		return changed;
	if (audience == CASE_TITLE_PUBLIC)
		changed |= text_mask_personnummer(out); /* never shown in public views */
	if (is_protected)
		*is_protected = differs || changed;
	return 0;
}

int case_title_render(kansli *k, int64_t case_id, case_title_audience audience, buf *out,
                      int *is_protected, kerr *e)
{
	return render_title(k, case_id, audience, out, is_protected, NULL, e);
}

int case_title_public(kansli *k, int64_t case_id, buf *out, int *published, kerr *e)
{
	return render_title(k, case_id, CASE_TITLE_PUBLIC, out, NULL, published, e);
}

static const char SQL_PUBLISHED[] =
	"SELECT s.mask_persons AND c.public_title IS NULL, s.prefix FROM case_file c "
	"JOIN series s ON s.id = c.series_id "
	"WHERE s.org_id = ?1 AND s.prefix = ?2 AND c.year = ?3 AND c.seq = ?4";

int case_title_published(kansli *k, int64_t org_id, const char *number, char *prefix, kerr *e)
{
	casenum n;
	int rc = casenum_parse(number, &n, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_PUBLISHED, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, n.prefix);
	db_bind_int(s, 3, n.year);
	db_bind_int(s, 4, n.seq);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no case %s in this organisation", number)))
		return rc;
	int withheld = (int)db_col_int(s, 0);
	snprintf(prefix, CASENUM_MAX, "%s", db_col_text(s, 1));
	db_done(s);
	return !withheld;
}

int case_text_public(kansli *k, int64_t case_id, const char *text, buf *out, kerr *e)
{
	buf_reset(out);
	buf_adds(out, text ? text : "");
	text_nfc(out);
	db_stmt *s = db_prep(k->db, SQL_TITLES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "case id %lld vanished", (long long)case_id);
	if (rc)
		return rc;
	int persons = (int)db_col_int(s, 2);
	db_done(s);
	if ((rc = mask_case_names(k, case_id, persons, out, e)) < 0)
		return rc;
	text_mask_personnummer(out);
	return 0;
}

/* The parties of the case masked by secrecy, each with the legal ground
 * of the record that masks it (SQL_MASKED_NAMES without the persons a
 * series masks). */
static const char SQL_SECRET_NAMES[] =
	"SELECT DISTINCT r.party_name, coalesce(p.kind, 'person') = 'person', r.legal_ground FROM record r "
	"LEFT JOIN party p ON p.id = r.party_id "
	"WHERE r.case_id = ?1 AND r.party_name IS NOT NULL AND r.party_name <> '' AND r.legal_ground IS NOT NULL "
	"  AND (r.secrecy = 'full' OR (r.secrecy = 'partial' "
	"       AND instr(',' || coalesce(r.masked_fields, '') || ',', ',party,') > 0)) "
	"ORDER BY r.id";

int case_text_secret_grounds(kansli *k, int64_t case_id, const char *text, json_t *grounds, kerr *e)
{
	if (!text || !*text)
		return 0;
	db_stmt *s = db_prep(k->db, SQL_SECRET_NAMES, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *name = db_col_text(s, 0), *ground = db_col_text(s, 2);
		/* found as text_mask_name masks it: a person also by a part */
		int named = db_col_int(s, 1) ? text_find_person(text, name, NULL, NULL) : text_find_name(text, name, NULL, NULL);
		int known = 0;
		size_t i;
		json_t *g;
		json_array_foreach(grounds, i, g)
			known |= !strcmp(json_string_value(g), ground);
		if (named && !known)
			json_array_append_new(grounds, json_string(ground));
	}
	return rc < 0 ? rc : 0;
}

int case_public_masks(kansli *k, int64_t case_id, buf *out, kerr *e)
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
	int persons = (int)db_col_int(s, 2);
	db_done(s);
	if (!(s = db_prep(k->db, SQL_MASKED_NAMES, e)))
		return KERR_INTERNAL;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, persons);
	json_t *names = json_array();
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(names, json_pack("[s,b]", db_col_text(s, 0), (int)db_col_int(s, 1)));
	if (rc >= 0) {
		char *text = json_dumps(names, JSON_COMPACT);
		if (!text)
			abort();
		buf_adds(out, text);
		free(text);
	}
	json_decref(names);
	return rc < 0 ? rc : 0;
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
	"  coalesce(c.public_title, c.title), c.id "
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
	const char *title = db_col_text(s, 5);
	int exposed = *name && masked
		&& (strcmp(db_col_text(s, 1), "organisation") ? text_find_person(title, name, NULL, NULL)
		                                              : text_find_name(title, name, NULL, NULL));
	int64_t case_id = db_col_int(s, 6);
	if (exposed)
		buf_adds(party, name);
	db_done(s);
	/* The title is matched as it stands, unmasked: only one who may read
	 * the case's secrets (and so sees that title) is told. Anyone else
	 * could register a masked party under guessed names and learn, word
	 * by word, the name the title hides from them (an outside review's
	 * find). */
	if (exposed) {
		kerr why = KERR_INIT;
		rc = access_secret_case(k, case_id, &why);
		if (rc == KERR_DENIED) {
			buf_reset(party);
			return 0;
		}
		if (rc)
			return kerr_set(e, rc, "%s", why.msg);
	}
	return exposed;
}
