/*
 * minutes_adjust.c — what follows when the last approver has approved the
 * minutes (justering), inside the approving transaction: the minutes
 * rendered and registered, each decision registered in its case, the
 * delegated decisions marked reported, and the adjustment posted on the
 * notice board; see meeting.h (minutes_approve).
 *
 * The minutes exist in two forms. The original is what the chair and the
 * adjusters approved, word for word (minutes_compose, MINUTES_WHOLE): it is
 * registered whole, its PDF carrying the approved text's SHA-256, and kept
 * for the archive. When a text of the minutes names what a case on the
 * agenda masks (a party masked by secrecy, a personnummer, a private person
 * in a series that masks persons), the public may not read the original
 * as it stands: a version masked as the public case page masks those texts
 * (MINUTES_PUBLIC) is registered beside it, open, and that version is what
 * the notice board publishes. Where a masked name is one secrecy protects,
 * the original is registered secret-marked (its text and file, under the
 * legal grounds of the names it holds), so that only those entitled to the
 * meeting's case read it whole; a personnummer alone is personal data the
 * public is not shown, no secret, and leaves the original open to staff.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/delegation.h"
#include "core/notice.h"
#include "core/records.h"
#include "export/pdf.h"
#include "util/timeutil.h"

static const char SQL_ITEM_DECIDED[] = "UPDATE agenda_item SET decision_record_id = ?2 WHERE id = ?1";
static const char SQL_CASE_DECIDE[] =
	"UPDATE case_file SET status = 'decided', ready_board_id = NULL WHERE id = ?1 AND status = 'open'";
static const char SQL_MEETING_ADJUSTED[] =
	"UPDATE meeting SET status = 'adjusted', adjusted_us = ?2, adjusted_date = ?3, minutes_sha256 = ?4, "
	"  minutes_record_id = ?5 WHERE id = ?1";

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

int minutes_store_pdf(kansli *k, buf *pdf, const char *name, record_file_in *f, kerr *e)
{
	memset(f, 0, sizeof *f);
	snprintf(f->name, sizeof f->name, "%s", name);
	snprintf(f->media_type, sizeof f->media_type, "application/pdf");
	f->size = (int64_t)pdf->len;
	return blob_put_mem(&k->blobs, pdf->s, pdf->len, f->hash, e);
}

/* The adjustment's block at the end of either form: who approved, when. */
static void adjustment_block(pdf_doc *d, json_t *show, const char *today)
{
	json_t *a;
	size_t i;
	pdf_space(d);
	pdf_subheading(d, "Justering");
	json_array_foreach(json_object_get(show, "approvers"), i, a) {
		char line[400];
		snprintf(line, sizeof line, "%s (%s), %s", str(a, "name"),
		         !strcmp(str(a, "as"), "chair") ? "ordförande" : "justerare", today);
		pdf_paragraph(d, line);
	}
	pdf_field(d, "Justerat", today);
}

/* The original: the approved text (checked again against what was
 * approved) as PDF, stored; f gets the file. */
static int original_pdf(kansli *k, const meeting_row *m, json_t *show, const char *text, const char *sha,
                        const char *title, const char *today, record_file_in *f, kerr *e)
{
	pdf_doc *d = pdf_new(title);
	if (!d)
		return kerr_set(e, KERR_INTERNAL, "out of memory");
	buf check = BUF_INIT, pdf = BUF_INIT;
	int rc = minutes_compose(k, m, MINUTES_WHOLE, &check, d, NULL, e);
	if (!rc && strcmp(check.s, text))
		rc = kerr_set(e, KERR_INTERNAL, "the minutes changed while being adjusted");
	if (!rc) {
		adjustment_block(d, show, today);
		pdf_field(d, "SHA-256", sha);
		rc = pdf_render(d, &pdf, e);
	}
	pdf_free(d);
	char name[300];
	snprintf(name, sizeof name, "protokoll-%s-%s.pdf", m->board_code, m->date);
	if (!rc)
		rc = minutes_store_pdf(k, &pdf, name, f, e);
	buf_free(&check);
	buf_free(&pdf);
	return rc;
}

/* The version for the notice board, registered beside the original
 * (original, its number): the masked text, and as PDF the masked blocks
 * (already in d) with the adjustment and where the original is kept; no
 * hash of the original, which would let a guess at the masked words be
 * checked. number gets its record number, f its file. */
static int register_public(kansli *k, int64_t org_id, const meeting_row *m, json_t *show, pdf_doc *d,
                           const char *text, const char *original, const char *today, char number[CASENUM_MAX],
                           record_file_in *f, kerr *e)
{
	char title[400], name[300], line[600];
	adjustment_block(d, show, today);
	pdf_space(d);
	snprintf(line, sizeof line, "Detta är protokollets version för anslagstavlan: uppgifter som de handlade "
	         "ärendena maskerar (sekretess, personnummer) står som [maskerat]. Det justerade originalet är "
	         "registrerat som %s och förvaras hos kansliet.", original);
	pdf_paragraph(d, line);
	buf pdf = BUF_INIT;
	int rc = pdf_render(d, &pdf, e);
	snprintf(name, sizeof name, "protokoll-%s-%s-anslagstavlan.pdf", m->board_code, m->date);
	if (!rc)
		rc = minutes_store_pdf(k, &pdf, name, f, e);
	buf_free(&pdf);
	if (rc)
		return rc;
	snprintf(title, sizeof title, "Protokoll %s %s, maskerad version för anslagstavlan", m->board_name, m->date);
	record_new r = { .direction = "internal", .title = title, .body = text, .nfiles = 1 };
	r.files[0] = f->name;
	int64_t id;
	int created;
	return record_register_tx(k, org_id, m->case_id, m->case_number, &r, f, &id, number, &created, e);
}

/* Each § with a case: its decision registered in the case (an open
 * record, as decisions are public: readers without the right to the case's
 * secrets and the public see its text masked, records.h), and the case
 * moved to "decided". */
static int register_decisions(kansli *k, int64_t org_id, const meeting_row *m, json_t *show, kerr *e)
{
	json_t *it;
	size_t i;
	json_array_foreach(json_object_get(show, "items"), i, it) {
		if (!*str(it, "case"))
			continue;
		int64_t case_id, dec_record;
		int created, rc;
		char dnum[CASENUM_MAX], dtitle[520];
		buf body = BUF_INIT;
		long long para = (long long)json_integer_value(json_object_get(it, "paragraph"));
		snprintf(dtitle, sizeof dtitle, "Beslut § %lld: %.480s", para, str(it, "title"));
		buf_printf(&body, "%s %s, § %lld\n\n%s\n\nBeslut: %s", m->board_name, m->date, para, str(it, "title"),
		           str(it, "decision"));
		record_new dr = { .direction = "internal", .title = dtitle, .body = body.s };
		rc = case_find(k, org_id, str(it, "case"), &case_id, e);
		if (!rc)
			rc = record_register_tx(k, org_id, case_id, str(it, "case"), &dr, NULL, &dec_record, dnum, &created, e);
		buf_free(&body);
		if (rc)
			return rc;
		db_stmt *s = db_prep(k->db, SQL_ITEM_DECIDED, e);
		if (!s)
			return KERR_INTERNAL;
		db_bind_int(s, 1, json_integer_value(json_object_get(it, "id")));
		db_bind_int(s, 2, dec_record);
		if ((rc = db_run(s, e)))
			return rc;
		if (!(s = db_prep(k->db, SQL_CASE_DECIDE, e)))
			return KERR_INTERNAL;
		db_bind_int(s, 1, case_id);
		if ((rc = db_run(s, e)))
			return rc;
		if (!strcmp(str(it, "case_status"), "open") &&
		    (rc = audit_append(k, org_id, "case.decide", "case", case_id,
		                       json_pack("{s:s,s:s,s:s,s:s,s:I}", "number", str(it, "case"), "from", "open", "to",
		                                 "decided", "decision", dnum, "paragraph", (json_int_t)para), e)))
			return rc;
	}
	return 0;
}

int minutes_adjust_tx(kansli *k, int64_t org_id, const meeting_row *m, json_t *show, const char *text,
                      const char *sha, kerr *e)
{
	char title[400], today[11], ground[121], rnum[CASENUM_MAX], pnum[CASENUM_MAX] = "";
	time_today(today);
	snprintf(title, sizeof title, "Protokoll %s %s", m->board_name, m->date);
	record_file_in f, pf;
	int rc = original_pdf(k, m, show, text, sha, title, today, &f, e);
	if (rc)
		return rc;
	/* The public form, and the grounds of the secrets the original holds. */
	pdf_doc *pd = pdf_new(title);
	if (!pd)
		return kerr_set(e, KERR_INTERNAL, "out of memory");
	buf public_text = BUF_INIT;
	json_t *grounds = json_array();
	if ((rc = minutes_compose(k, m, MINUTES_PUBLIC, &public_text, pd, grounds, e)))
		goto out;
	meeting_grounds_join(grounds, ground, sizeof ground);
	/* The minutes record's text is the approved text: its body hash in the
	 * log is the hash the approvals bind. */
	record_new r = { .direction = "internal", .title = title, .body = text, .nfiles = 1 };
	if (*ground) {
		r.secrecy = "partial";
		r.legal_ground = ground;
		r.masked = "body,files";
	}
	r.files[0] = f.name;
	int64_t minutes_record;
	int created;
	if ((rc = record_register_tx(k, org_id, m->case_id, m->case_number, &r, &f, &minutes_record, rnum, &created, e)))
		goto out;
	int masked = strcmp(public_text.s, text) != 0;
	if (masked && (rc = register_public(k, org_id, m, show, pd, public_text.s, rnum, today, pnum, &pf, e)))
		goto out;
	if ((rc = register_decisions(k, org_id, m, show, e)) || (rc = delegation_mark_reported_tx(k, m, e)))
		goto out;
	db_stmt *s = db_prep(k->db, SQL_MEETING_ADJUSTED, e);
	if (!s) {
		rc = KERR_INTERNAL;
		goto out;
	}
	db_bind_int(s, 1, m->id);
	db_bind_int(s, 2, time_now_us());
	db_bind_text(s, 3, today);
	db_bind_text(s, 4, sha);
	db_bind_int(s, 5, minutes_record);
	if ((rc = db_run(s, e)))
		goto out;
	/* Kommunallagen 8 kap. 12 §: the adjustment is posted on the notice
	 * board, which computes the last day to appeal; the file posted is
	 * the one the public may read. */
	const record_file_in *posted = masked ? &pf : &f;
	char place[400], ntitle[400];
	snprintf(place, sizeof place, "Kansliet, diarienummer %s", m->case_number);
	snprintf(ntitle, sizeof ntitle, "Justerat protokoll %s %s", m->board_name, m->date);
	notice_new n = { .kind = "minutes", .board = m->board_name, .title = ntitle, .posted_date = today,
	                 .meeting_date = m->date, .adjusted_date = today, .storage_place = place,
	                 .file_hash = posted->hash, .file_name = posted->name, .meeting_id = m->id };
	int64_t notice_id;
	if ((rc = notice_post_tx(k, org_id, &n, &notice_id, e)))
		goto out;
	json_t *ev = json_pack("{s:s,s:s,s:s,s:I,s:s}", "sha256", sha, "record", rnum, "pdf_sha256", f.hash,
	                       "notice", (json_int_t)notice_id, "adjusted", today);
	if (masked) /* the version the notice board publishes */
		json_object_set_new(ev, "published", json_pack("{s:s,s:s}", "record", pnum, "pdf_sha256", pf.hash));
	rc = audit_append(k, org_id, "minutes.adjust", "meeting", m->id, ev, e);
out:
	pdf_free(pd);
	buf_free(&public_text);
	json_decref(grounds);
	return rc;
}
