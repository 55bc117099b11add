/* docrequest.c — requests for public documents; see docrequest.h. */
#include "core/docrequest.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/records.h"
#include "core/request_filing.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char APPEAL[] =
	"Beslutet kan överklagas hos kammarrätten. Skriv till kommunen och ange vilket beslut du överklagar "
	"och varför. Överklagandet ska ha kommit in inom tre veckor från den dag du fick del av beslutet.";

/* Names of private persons are kept from the public registry under the
 * ground registries commonly cite for them (disclosure would breach the
 * data protection regulation). */
static const char REQUESTER_GROUND[] = "OSL 21 kap. 7 §";

static int text_ok(const char *s, size_t max)
{
	return !s || strlen(s) <= max;
}

static const char SQL_HAS_SERIES[] = "SELECT prefix FROM series WHERE org_id = ?1 AND prefix = ?2";
static const char SQL_INSERT[] =
	"INSERT INTO document_request(org_id, case_id, requested, received_us) VALUES(?1, ?2, ?3, ?4) RETURNING id";

int request_submit(kansli *k, int64_t org_id, const request_new *r, int64_t *id, char case_number[64], kerr *e)
{
	/* counted in characters, as the person writing counts them (a limit
	 * in bytes would be about half of it in Swedish) */
	if (text_blank(r->message))
		return kerr_field(e, KERR_INVALID, "requested_text", KWHY_REQUIRED,
		                  "say which documents you ask for (1-%d characters)", REQUEST_TEXT_MAX);
	if (text_chars(r->message) > REQUEST_TEXT_MAX) {
		kerr_field(e, KERR_INVALID, "requested_text", KWHY_TOO_LONG,
		           "say which documents you ask for in at most %d characters", REQUEST_TEXT_MAX);
		return kerr_max(e, REQUEST_TEXT_MAX);
	}
	if (!text_ok(r->name, 200) || !text_ok(r->contact, 300) || !text_ok(r->requested, 64))
		return kerr_field(e, KERR_INVALID, "requester", KWHY_TOO_LONG,
		                  "name, contact or document number is too long");
	casenum cn;
	int named = r->requested && *r->requested && casenum_parse(r->requested, &cn, NULL) == 0;
	if (r->requested && *r->requested && !named)
		return kerr_field(e, KERR_INVALID, "requested", KWHY_FORMAT,
		                  "'%s' is not a number like KS 2026/0042-3", r->requested);
	/* The public acts through this function only: it is the one public
	 * write, done on the public's behalf and logged as such. */
	char saved_actor[sizeof k->actor];
	memcpy(saved_actor, k->actor, sizeof saved_actor);
	int64_t saved_user = access_on_behalf(k);
	snprintf(k->actor, sizeof k->actor, "public:request");
	int rc = kansli_begin(k, e);
	if (rc)
		goto out;
	/* A document of a known series is asked for in its series; every
	 * other request goes where the organisation chose (request_filing.h). */
	request_filing f = { 0 };
	db_stmt *s = NULL;
	if (named) {
		if (!(s = db_prep(k->db, SQL_HAS_SERIES, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, cn.prefix);
		if ((rc = db_step(s, e)) == DB_ROW) {
			snprintf(f.series, sizeof f.series, "%s", db_col_text(s, 0));
			f.by = REQUEST_FILED_NAMED;
		}
		db_done(s);
		if (rc < 0)
			goto fail;
	}
	if (*f.series)
		rc = request_filing_class(k, org_id, f.class_code, e);
	else /* none named, or an unknown series: the request still counts */
		rc = request_filing_find(k, org_id, &f, e);
	if (rc)
		goto fail;
	char title[200];
	snprintf(title, sizeof title, "Begäran om allmän handling%s%s", named ? " – " : "", named ? r->requested : "");
	case_new c = { .series = f.series, .title = title, .class_code = *f.class_code ? f.class_code : NULL };
	int64_t case_id, record_id;
	if ((rc = case_open_tx(k, org_id, &c, &case_id, case_number, e)) ||
	    (rc = request_filing_note_tx(k, case_id, &f, e)))
		goto fail;
	buf body = BUF_INIT;
	buf_adds(&body, r->message);
	if (r->contact && *r->contact)
		buf_printf(&body, "\n\nSvar önskas till: %s", r->contact);
	/* The requester is a private person who need not say who they are; a
	 * name or contact given is not published: it is masked like secret
	 * text (the public registry shows the ground, entitled staff the
	 * name), the same in every view and in the public search. */
	int named_person = r->name && *r->name, has_contact = r->contact && *r->contact;
	record_new rec = { .direction = "in", .title = "Begäran om utlämnande av allmän handling",
	                   .party_kind = named_person ? "person" : NULL,
	                   .party_name = named_person ? r->name : NULL, .body = body.s };
	if (named_person || has_contact) {
		rec.secrecy = "partial";
		rec.legal_ground = REQUESTER_GROUND;
		rec.masked = named_person && has_contact ? "party,body" : named_person ? "party" : "body";
	}
	char rnum[CASENUM_MAX];
	int created;
	rc = record_register_tx(k, org_id, case_id, case_number, &rec, NULL, &record_id, rnum, &created, e);
	buf_free(&body);
	if (rc)
		goto fail;
	if (!(s = db_prep(k->db, SQL_INSERT, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, case_id);
	db_bind_text(s, 3, named ? r->requested : NULL);
	db_bind_int(s, 4, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto fail; }
	*id = db_col_int(s, 0);
	db_done(s);
	/* Who asked is not logged: requesters may stay anonymous. */
	static const char *const filed_by[] = { "setting", "only_series", "first_series", "named" };
	if ((rc = audit_append(k, org_id, "request.submit", "request", *id,
	                       json_pack("{s:s,s:s?,s:s}", "case", case_number, "requested", named ? r->requested : NULL,
	                                 "filed_by", filed_by[f.by]), e)))
		goto fail;
	rc = kansli_commit(k, e);
	goto out;
fail:
	kansli_rollback(k);
out:
	access_restore(k, saved_user);
	memcpy(k->actor, saved_actor, sizeof saved_actor);
	return rc;
}

static const char SQL_LIST[] =
	"SELECT q.id, s.prefix, c.year, c.seq, q.requested, q.received_us, q.status, q.decided_us "
	"FROM document_request q JOIN case_file c ON c.id = q.case_id JOIN series s ON s.id = c.series_id "
	"WHERE q.org_id = ?1 AND (?2 = 0 OR q.status = 'new') ORDER BY q.received_us";

static json_t *row_json(db_stmt *s)
{
	char num[CASENUM_MAX], received[32];
	casenum_format_case(num, db_col_text(s, 1), (int)db_col_int(s, 2), (int)db_col_int(s, 3));
	time_format_local(db_col_int(s, 5), received, sizeof received);
	int64_t end = db_col_null(s, 7) ? time_now_us() : db_col_int(s, 7);
	double hours = (double)(end - db_col_int(s, 5)) / 3.6e9;
	return json_pack("{s:I,s:s,s:s?,s:s,s:s,s:f}", "id", (json_int_t)db_col_int(s, 0), "case", num,
	                 "requested", db_col_null(s, 4) ? NULL : db_col_text(s, 4), "received", received,
	                 "status", db_col_text(s, 6), "hours", hours);
}

json_t *request_list(kansli *k, int64_t org_id, int open_only, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_REGISTER, SQL_LIST, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, open_only);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, row_json(s));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_ONE[] =
	"SELECT q.id, s.prefix, c.year, c.seq, q.requested, q.received_us, q.status, q.decided_us, "
	"  q.legal_ground, q.decision, q.case_id "
	"FROM document_request q JOIN case_file c ON c.id = q.case_id JOIN series s ON s.id = c.series_id "
	"WHERE q.org_id = ?1 AND q.id = ?2";

json_t *request_show(kansli *k, int64_t org_id, int64_t id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_REGISTER, SQL_ONE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_int(s, 2, id);
	if (kansli_row(s, e, KERR_NOTFOUND, "no request %lld", (long long)id))
		return NULL;
	json_t *o = row_json(s);
	if (!db_col_null(s, 8))
		json_object_set_new(o, "legal_ground", json_string(db_col_text(s, 8)));
	if (!db_col_null(s, 9))
		json_object_set_new(o, "decision", json_string(db_col_text(s, 9)));
	db_done(s);
	return o;
}

static const char SQL_DECIDE[] =
	"UPDATE document_request SET status = ?2, decided_us = ?3, legal_ground = ?4, decision = ?5 "
	"WHERE id = ?1 AND status = 'new'";
static const char SQL_CLOSE[] = "UPDATE case_file SET status = 'closed', closed_us = ?2 WHERE id = ?1";

/* 0 when the actor may review the secrecy of the document requested (a
 * record or case number; none named, or one that names nothing here, has
 * nothing to review), else KERR_DENIED or a read error. */
static int may_review(kansli *k, int64_t org_id, const char *requested, kerr *e)
{
	casenum cn;
	int64_t case_id;
	if (!requested || !*requested || casenum_parse(requested, &cn, NULL))
		return 0;
	kerr why = KERR_INIT;
	int rc = case_find_parsed(k, org_id, &cn, &case_id, &why);
	if (rc == KERR_NOTFOUND)
		return 0;
	if (rc)
		return kerr_set(e, rc, "%s", why.msg);
	return access_secret_case(k, case_id, e);
}

int request_decide(kansli *k, int64_t org_id, int64_t id, const char *outcome, const char *legal_ground,
                   const char *reasoning, kerr *e)
{
	int released = outcome && !strcmp(outcome, "released");
	int masked = outcome && !strcmp(outcome, "released_masked");
	int refused = outcome && !strcmp(outcome, "refused");
	if (!released && !masked && !refused)
		return kerr_field(e, KERR_INVALID, "outcome", KWHY_CHOICE,
		                  "the outcome is released, released_masked or refused");
	int why = masked || refused ? record_legal_ground_why(legal_ground) : KWHY_NONE;
	if (why)
		return kerr_field(e, KERR_INVALID, "legal_ground", why,
		                  "masking or refusing needs the legal ground on one line, like 'OSL 26 kap. 1 §'");
	if (!text_ok(reasoning, 4000))
		return kerr_field(e, KERR_INVALID, "reasoning", KWHY_TOO_LONG, "the reasoning is too long");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	json_t *q = request_show(k, org_id, id, e);
	if (!q) {
		rc = e->code ? e->code : KERR_INTERNAL;
		goto fail;
	}
	if (strcmp(json_string_value(json_object_get(q, "status")), "new")) {
		json_decref(q);
		rc = kerr_field(e, KERR_CONFLICT, "request", KWHY_STATE,
		                "request %lld is already decided", (long long)id);
		goto fail;
	}
	/* Whether a document is released is a secrecy review of it: only one
	 * who may read its secret parts makes it (need-to-know, access.h). */
	if ((rc = may_review(k, org_id, json_string_value(json_object_get(q, "requested")), e))) {
		json_decref(q);
		goto fail;
	}
	char case_number[CASENUM_MAX];
	snprintf(case_number, sizeof case_number, "%s", json_string_value(json_object_get(q, "case")));
	json_decref(q);
	buf decision = BUF_INIT;
	buf_adds(&decision, released ? "Handlingarna lämnas ut." : masked
	         ? "Handlingarna lämnas ut med de uppgifter maskerade som omfattas av sekretess enligt "
	         : "Begäran avslås. Uppgifterna omfattas av sekretess enligt ");
	if (!released)
		buf_printf(&decision, "%s.", legal_ground);
	if (reasoning && *reasoning)
		buf_printf(&decision, " %s", reasoning);
	if (!released)
		buf_printf(&decision, "\n\n%s", APPEAL);
	db_stmt *s = db_prep(k->db, SQL_DECIDE, e);
	if (!s) { rc = KERR_INTERNAL; goto fail_buf; }
	int64_t now = time_now_us();
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, outcome);
	db_bind_int(s, 3, now);
	db_bind_text(s, 4, released ? NULL : legal_ground);
	db_bind_text(s, 5, decision.s);
	if ((rc = db_run(s, e)))
		goto fail_buf;
	int64_t case_id, record_id;
	if ((rc = case_find(k, org_id, case_number, &case_id, e)))
		goto fail_buf;
	record_new rec = { .direction = "out", .body = decision.s,
	                   .title = released ? "Beslut: handlingarna lämnas ut" : masked
	                            ? "Beslut: handlingarna lämnas ut med maskering" : "Beslut: begäran avslås" };
	char rnum[CASENUM_MAX];
	int created;
	if ((rc = record_register_tx(k, org_id, case_id, case_number, &rec, NULL, &record_id, rnum, &created, e)))
		goto fail_buf;
	if (!(s = db_prep(k->db, SQL_CLOSE, e))) { rc = KERR_INTERNAL; goto fail_buf; }
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, now);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "request.decide", "request", id,
	                       json_pack("{s:s,s:s,s:s?,s:s}", "case", case_number, "outcome", outcome,
	                                 "legal_ground", released ? NULL : legal_ground, "decision", rnum), e)) ||
	    (rc = audit_append(k, org_id, "case.close", "case", case_id,
	                       json_pack("{s:s,s:s,s:s}", "number", case_number, "from", "open", "to", "closed"), e)))
		goto fail_buf;
	buf_free(&decision);
	return kansli_commit(k, e);
fail_buf:
	buf_free(&decision);
fail:
	kansli_rollback(k);
	return rc;
}
