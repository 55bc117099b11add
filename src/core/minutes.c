/*
 * minutes.c — the minutes (protokoll) of a meeting: attendance, the
 * paragraphs (§) numbered continuously per board and calendar year,
 * decision texts, reservations and jäv, adjusters, the approvals of the
 * adjustment (justering; what follows it is minutes_adjust.c) and
 * dispatch of extracts; see meeting.h.
 *
 * The minutes have one canonical text (minutes_compose), built from the
 * stored rows in a fixed order. An approval binds the SHA-256 of that
 * text; a change after an approval makes the approval stale, and the
 * minutes are adjusted only when the chair and every adjuster have
 * approved the same text. The PDF is composed by the same function, so
 * what was approved is what is printed; the same function composes the
 * version the public may read (MINUTES_PUBLIC), each case's texts masked.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/cases.h"
#include "core/casetitle.h"
#include "core/delegation.h"
#include "core/notice.h"
#include "core/records.h"
#include "export/pdf.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

static void member_label(buf *b, json_t *a)
{
	buf_adds(b, str(a, "name"));
	if (*str(a, "party"))
		buf_printf(b, " (%s)", str(a, "party"));
	if (!strcmp(str(a, "position"), "ordforande"))
		buf_adds(b, ", ordförande");
	else if (!strcmp(str(a, "position"), "vice_ordforande"))
		buf_adds(b, ", vice ordförande");
}

/* One block of text: appended to the canonical text and, when d is set,
 * to the PDF as a subheading (heading = 1) or a paragraph. */
static void block(buf *text, pdf_doc *d, int heading, const char *s)
{
	buf_adds(text, s);
	buf_addc(text, '\n');
	if (d) {
		if (heading)
			pdf_subheading(d, s);
		else
			pdf_paragraph(d, s);
	}
}

/* "§§ 6–12" (or "§ 6"): the paragraphs of items, once numbered; "" before. */
static void paragraph_range(json_t *items, char *out, size_t len)
{
	long long first = 0, last = 0;
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_t *p = json_object_get(it, "paragraph");
		if (!p)
			continue;
		long long n = (long long)json_integer_value(p);
		if (!first || n < first)
			first = n;
		if (n > last)
			last = n;
	}
	out[0] = '\0';
	if (first && first == last)
		snprintf(out, len, "§ %lld", first);
	else if (first)
		snprintf(out, len, "§§ %lld–%lld", first, last);
}

/* The meeting's secretary: the board's secretary recorded present. */
static void secretary_name(json_t *att, char *out, size_t len)
{
	size_t i;
	json_t *a;
	out[0] = '\0';
	json_array_foreach(att, i, a)
		if (!*out && !strcmp(str(a, "role"), "sekreterare") && !strcmp(str(a, "status"), "present"))
			snprintf(out, len, "%s", str(a, "name"));
}

/* The one who presides and signs as chair: the chair, unless recorded
 * absent, else the vice chair (as approvers_json in meeting.c). */
static const char *chair_name(json_t *att)
{
	const char *vice = "";
	size_t i;
	json_t *a;
	json_array_foreach(att, i, a) {
		if (!strcmp(str(a, "status"), "absent"))
			continue;
		if (!strcmp(str(a, "position"), "ordforande"))
			return str(a, "name");
		if (!strcmp(str(a, "position"), "vice_ordforande") && !*vice)
			vice = str(a, "name");
	}
	return vice;
}

/* "Beslutförhet: 3 av 5 ledamöter tjänstgör; nämnden är beslutför." */
static void quorum_line(buf *b, const meeting_quorum *q, const char *who)
{
	buf_printf(b, "Beslutförhet: %d av %d ledamöter tjänstgör; %s är %sbeslutför", q->serving, q->seats, who,
	           q->met ? "" : "inte ");
	if (!q->met)
		buf_printf(b, " (minst %d krävs)", q->needed);
	buf_addc(b, '.');
}

int minutes_compose(kansli *k, const meeting_row *m, minutes_form form, buf *text, pdf_doc *d, json_t *grounds,
                    kerr *e)
{
	json_t *items = meeting_items_json(k, m->id, e);
	json_t *att = meeting_attendance_json(k, m, e);
	json_t *dele = delegation_for_meeting(k, m, e);
	int rc = !items || !att || !dele ? (e && e->code ? e->code : KERR_INTERNAL) : 0;
	meeting_quorum q = { 0, 0, 0, 0 };
	if (!rc)
		rc = minutes_decision_making_json(k, m, items, e);
	if (!rc)
		rc = meeting_quorum_count(k, m, 0, &q, e);
	if (!rc && form == MINUTES_PUBLIC)
		rc = meeting_mask_public(k, m->org_id, items, dele, grounds, e);
	if (rc) {
		json_decref(items);
		json_decref(att);
		json_decref(dele);
		return rc;
	}
	char paragraphs[64] = "", secretary[300] = "";
	paragraph_range(items, paragraphs, sizeof paragraphs);
	secretary_name(att, secretary, sizeof secretary);
	buf_printf(text, "PROTOKOLL\n%s\n", m->board_name);
	buf_printf(text, "Sammanträdesdatum: %s\nTid: %s\nPlats: %s\nDiarienummer: %s\n", m->date, m->time, m->place,
	           m->case_number);
	if (*paragraphs)
		buf_printf(text, "Paragrafer: %s\n", paragraphs);
	buf_printf(text, "Sekreterare: %s\n", *secretary ? secretary : "–");
	if (d) {
		pdf_heading(d, "Protokoll");
		pdf_subheading(d, m->board_name);
		pdf_field(d, "Datum", m->date);
		pdf_field(d, "Tid", m->time);
		pdf_field(d, "Plats", m->place);
		pdf_field(d, "Diarienummer", m->case_number);
		if (*paragraphs)
			pdf_field(d, "Paragrafer", paragraphs);
		pdf_field(d, "Sekreterare", *secretary ? secretary : "–");
	}
	buf present = BUF_INIT, serving = BUF_INIT, others = BUF_INIT, absent = BUF_INIT, adjusters = BUF_INIT,
	    line = BUF_INIT;
	size_t i, j;
	json_t *a, *it;
	json_array_foreach(att, i, a) {
		const char *role = str(a, "role"), *st = str(a, "status");
		buf_reset(&line);
		member_label(&line, a);
		if (!strcmp(role, "sekreterare")) {
			if (!strcmp(st, "present"))
				buf_printf(&others, "  %s, sekreterare\n", line.s);
		} else if (!strcmp(role, "ledamot")) {
			buf_printf(!strcmp(st, "present") ? &present : &absent, "  %s\n", line.s);
		} else if (!strcmp(st, "present")) {
			if (*str(a, "serving_for_name"))
				buf_printf(&serving, "  %s för %s\n", line.s, str(a, "serving_for_name"));
			else
				buf_printf(&others, "  %s, ersättare\n", line.s);
		}
		if (json_is_true(json_object_get(a, "adjuster")))
			buf_printf(&adjusters, "%s%s", adjusters.len ? ", " : "", str(a, "name"));
	}
	struct { const char *head; buf *b; } parts[] = {
		{ "Närvarande ledamöter", &present }, { "Tjänstgörande ersättare", &serving },
		{ "Övriga närvarande", &others }, { "Frånvarande ledamöter", &absent },
	};
	for (size_t p = 0; p < sizeof parts / sizeof parts[0]; p++) {
		buf_addc(text, '\n');
		buf_reset(&line);
		buf_printf(&line, "%s:", parts[p].head);
		block(text, d, 1, line.s);
		block(text, d, 0, parts[p].b->len ? parts[p].b->s : "  –\n");
		text->s[--text->len] = '\0'; /* the block's own line end */
	}
	buf_reset(&line);
	buf_printf(&line, "Justerare: %s", adjusters.len ? adjusters.s : "–");
	buf_addc(text, '\n');
	block(text, d, 0, line.s);
	buf_reset(&line);
	quorum_line(&line, &q, "nämnden");
	block(text, d, 0, line.s);
	json_array_foreach(items, i, it) {
		buf_addc(text, '\n');
		buf_reset(&line);
		json_t *para = json_object_get(it, "paragraph");
		if (para)
			buf_printf(&line, "§ %lld ", (long long)json_integer_value(para));
		buf_adds(&line, str(it, "title"));
		if (*str(it, "case"))
			buf_printf(&line, " (%s)", str(it, "case"));
		block(text, d, 1, line.s);
		if (!strcmp(str(it, "title"), "Anmälan av delegationsbeslut") && !strcmp(str(it, "kind"), "standing")) {
			json_t *dd;
			buf_reset(&line);
			buf_adds(&line, "Anmälda delegationsbeslut:");
			json_array_foreach(dele, j, dd)
				buf_printf(&line, "\n  %s punkt %s, %s, %s: %s", str(dd, "case"), str(dd, "point"), str(dd, "date"),
				           str(dd, "decided_by"), str(dd, "summary"));
			if (!json_array_size(dele))
				buf_adds(&line, " inga");
			block(text, d, 0, line.s);
		}
		json_t *n;
		json_array_foreach(json_object_get(it, "notes"), j, n) {
			if (strcmp(str(n, "kind"), "jav"))
				continue;
			buf_reset(&line);
			minutes_jav_line(&line, n);
			block(text, d, 0, line.s);
		}
		/* a § whose own quorum differs from the meeting's: jäv took it */
		json_t *iq = json_object_get(it, "quorum");
		if (json_is_true(json_object_get(iq, "met")) != q.met ||
		    json_integer_value(json_object_get(iq, "serving")) != q.serving) {
			meeting_quorum pq = { (int)json_integer_value(json_object_get(iq, "seats")),
			                      (int)json_integer_value(json_object_get(iq, "serving")),
			                      (int)json_integer_value(json_object_get(iq, "needed")),
			                      json_is_true(json_object_get(iq, "met")) };
			buf_reset(&line);
			quorum_line(&line, &pq, "nämnden i paragrafen");
			block(text, d, 0, line.s);
		}
		buf_reset(&line);
		if (!minutes_decision_making_text(&line, it))
			block(text, d, 0, line.s);
		buf_reset(&line);
		buf_printf(&line, "Beslut: %s", *str(it, "decision") ? str(it, "decision") : "–");
		block(text, d, 0, line.s);
		json_array_foreach(json_object_get(it, "notes"), j, n) {
			if (strcmp(str(n, "kind"), "reservation"))
				continue;
			buf_reset(&line);
			minutes_reservation_line(&line, it, n);
			block(text, d, 0, line.s);
		}
	}
	/* the signatures (underskrifter) the adjusted minutes carry */
	buf_addc(text, '\n');
	block(text, d, 1, "Underskrifter:");
	buf_reset(&line);
	buf_printf(&line, "Sekreterare: ____________________ %s", *secretary ? secretary : "");
	block(text, d, 0, line.s);
	buf_reset(&line);
	buf_printf(&line, "Ordförande: ____________________ %s", chair_name(att));
	block(text, d, 0, line.s);
	json_array_foreach(att, i, a) {
		if (!json_is_true(json_object_get(a, "adjuster")))
			continue;
		buf_reset(&line);
		buf_printf(&line, "Justerare: ____________________ %s", str(a, "name"));
		block(text, d, 0, line.s);
	}
	buf_free(&present);
	buf_free(&serving);
	buf_free(&others);
	buf_free(&absent);
	buf_free(&adjusters);
	buf_free(&line);
	json_decref(items);
	json_decref(att);
	json_decref(dele);
	return 0;
}

static const char SQL_FROZEN_TEXT[] =
	"SELECT t.body FROM meeting m JOIN record_text t ON t.record_id = m.minutes_record_id WHERE m.id = ?1";

/* The adjusted minutes' text as registered: frozen, whatever later
 * happens to the board's members. */
static int frozen_text(kansli *k, int64_t meeting_id, buf *out, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_FROZEN_TEXT, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, meeting_id);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		buf_adds(out, db_col_text(s, 0));
	db_done(s);
	if (rc < 0)
		return rc;
	return rc == DB_ROW ? 0 : kerr_set(e, KERR_INTERNAL, "the adjusted minutes of meeting %lld have no text",
	                                   (long long)meeting_id);
}

int minutes_text_whole(kansli *k, const meeting_row *m, buf *out, kerr *e)
{
	if (!strcmp(m->status, "adjusted"))
		return frozen_text(k, m->id, out, e);
	return minutes_compose(k, m, MINUTES_WHOLE, out, NULL, NULL, e);
}

int minutes_text(kansli *k, int64_t org_id, int64_t meeting_id, buf *out, kerr *e)
{
	meeting_row m;
	int rc;
	if ((rc = access_check(k, org_id, ACCESS_READ, e)) || (rc = meeting_load(k, org_id, meeting_id, &m, e)))
		return rc;
	int whole = meeting_reads_whole(k, &m, e);
	if (whole < 0)
		return whole;
	return whole ? minutes_text_whole(k, &m, out, e) : minutes_compose(k, &m, MINUTES_PUBLIC, out, NULL, NULL, e);
}

static const char SQL_ADJUSTED[] =
	"SELECT m.id, m.minutes_sha256, "
	"  (SELECT data FROM event WHERE object_type = 'meeting' AND object_id = m.id AND action = 'minutes.adjust' "
	"     ORDER BY id DESC LIMIT 1) "
	"FROM meeting m WHERE m.status = 'adjusted' ORDER BY m.id";
static const char SQL_APPROVAL_ROWS[] = "SELECT member_id, minutes_sha256 FROM approval WHERE meeting_id = ?1";
static const char SQL_APPROVAL_EVENTS[] =
	"SELECT data FROM event WHERE object_type = 'meeting' AND object_id = ?1 AND action = 'minutes.approve'";

/* 1 when the log holds an approval by member binding sha. */
static int approval_logged(kansli *k, int64_t meeting_id, int64_t member, const char *sha, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_APPROVAL_EVENTS, e);
	if (!s)
		return 0;
	db_bind_int(s, 1, meeting_id);
	int found = 0;
	int step;
	while (!found && (step = db_step(s, e)) == DB_ROW) {
		json_t *ev = json_loads(db_col_text(s, 0), 0, NULL);
		found = json_integer_value(json_object_get(ev, "member")) == member &&
		        json_is_string(json_object_get(ev, "sha256")) &&
		        !strcmp(json_string_value(json_object_get(ev, "sha256")), sha);
		json_decref(ev);
	}
	if (step < 0)
		return 0; /* not proven: e says why the log could not be read */
	db_done(s);
	return found;
}

static int verify_one(kansli *k, int64_t id, const char *want, kerr *e)
{
	buf text = BUF_INIT;
	if (frozen_text(k, id, &text, e)) {
		buf_free(&text);
		return KERR_TAMPERED;
	}
	unsigned char h[32];
	char hex[65];
	hash_sha256(text.s, text.len, h);
	hash_hex(h, 32, hex);
	buf_free(&text);
	if (strcmp(hex, want))
		return kerr_set(e, KERR_TAMPERED, "meeting %lld: the text of its adjusted minutes does not hash to the "
		                "approved SHA-256", (long long)id);
	db_stmt *s = db_prep(k->db, SQL_APPROVAL_ROWS, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, id);
	json_t *rows = json_array();
	int step;
	while ((step = db_step(s, e)) == DB_ROW)
		json_array_append_new(rows, json_pack("{s:I,s:s}", "member", (json_int_t)db_col_int(s, 0), "sha256",
		                      db_col_text(s, 1)));
	if (step < 0) {
		json_decref(rows);
		return step;
	}
	size_t i;
	json_t *a;
	int rc = json_array_size(rows) < 2 ? kerr_set(e, KERR_TAMPERED, "meeting %lld: adjusted minutes without the "
	                                              "chair's and an adjuster's approval", (long long)id) : 0;
	json_array_foreach(rows, i, a) {
		json_int_t member = json_integer_value(json_object_get(a, "member"));
		const char *sha = json_string_value(json_object_get(a, "sha256"));
		if (!rc && (strcmp(sha, want) || !approval_logged(k, id, member, sha, e)))
			rc = kerr_set(e, KERR_TAMPERED, "meeting %lld: the approval of member %lld does not bind the adjusted "
			              "text in the audit log", (long long)id, (long long)member);
	}
	json_decref(rows);
	return rc;
}

int minutes_verify(kansli *k, uint64_t *count, kerr *e)
{
	*count = 0;
	db_stmt *s = db_prep(k->db, SQL_ADJUSTED, e);
	if (!s)
		return KERR_INTERNAL;
	json_t *list = json_array();
	int rc = 0;
	int step;
	while (!rc && (step = db_step(s, e)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		json_t *ev = db_col_null(s, 2) ? NULL : json_loads(db_col_text(s, 2), 0, NULL);
		const char *logged = json_string_value(json_object_get(ev, "sha256"));
		if (!logged || strcmp(logged, db_col_text(s, 1)))
			rc = kerr_set(e, KERR_TAMPERED, "meeting %lld: the hash of its adjusted minutes differs from what the "
			              "audit log says", (long long)id);
		else
			json_array_append_new(list, json_pack("{s:I,s:s}", "id", (json_int_t)id, "sha256", logged));
		json_decref(ev);
	}
	if (!rc && step < 0)
		rc = step;
	if (rc)
		db_done(s);
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		if (rc)
			break;
		if (!(rc = verify_one(k, json_integer_value(json_object_get(m, "id")),
		                      json_string_value(json_object_get(m, "sha256")), e)))
			(*count)++;
	}
	json_decref(list);
	return rc;
}

/* A member of the meeting's board in their term on its date. */
static const char SQL_MEMBER_OF[] =
	"SELECT role, name FROM board_member WHERE id = ?1 AND board_id = ?2 AND term_from <= ?3 "
	"  AND coalesce(term_to, '9999-12-31') >= ?3";
static const char SQL_ATT_GET[] = "SELECT status FROM attendance WHERE meeting_id = ?1 AND member_id = ?2";
static const char SQL_SERVED_BY[] =
	"SELECT member_id FROM attendance WHERE meeting_id = ?1 AND serving_for = ?2 AND member_id <> ?3";
static const char SQL_ATT_SET[] =
	"INSERT INTO attendance(meeting_id, member_id, status, serving_for) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT(meeting_id, member_id) DO UPDATE SET status = excluded.status, serving_for = excluded.serving_for";

static int member_of(kansli *k, const meeting_row *m, int64_t member_id, char role[16], char name[256], kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_MEMBER_OF, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, member_id);
	db_bind_int(s, 2, m->board_id);
	db_bind_text(s, 3, m->date);
	int rc = db_step(s, e);
	if (rc == DB_ROW) {
		snprintf(role, 16, "%s", db_col_text(s, 0));
		if (name)
			snprintf(name, 256, "%s", db_col_text(s, 1));
	}
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return kerr_field(e, KERR_INVALID, "member", KWHY_UNKNOWN,
		                  "member %lld is not a member of %s on %s", (long long)member_id,
		                  m->board_name, m->date);
	return 0;
}

static int att_status(kansli *k, int64_t meeting_id, int64_t member_id, char out[12], kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ATT_GET, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, meeting_id);
	db_bind_int(s, 2, member_id);
	out[0] = '\0';
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		snprintf(out, 12, "%s", db_col_text(s, 0));
	db_done(s);
	return rc < 0 ? rc : 0;
}

/* Opens the transaction for a change of the minutes of a meeting that is
 * not frozen; *m loaded. The caller commits or rolls back. */
static int change_begin(kansli *k, int64_t org_id, int64_t meeting_id, int64_t item_id, meeting_row *m, kerr *e)
{
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) ||
	    (rc = item_id ? meeting_load_item(k, org_id, item_id, m, e) : meeting_load(k, org_id, meeting_id, m, e)) ||
	    (rc = meeting_not_frozen(m, e))) {
		kansli_rollback(k);
		return rc;
	}
	return 0;
}

/* One member's attendance inside the open transaction of meeting m (the
 * rules of minutes_attendance); 0 or KERR_* with e set. */
static int attendance_set_tx(kansli *k, int64_t org_id, const meeting_row *m, int64_t member_id, const char *status,
                             int64_t serving_for, kerr *e)
{
	int rc;
	char role[16], name[256], other[16], st[12];
	if ((rc = member_of(k, m, member_id, role, name, e)))
		return rc;
	if (serving_for) {
		if (strcmp(role, "ersattare") || strcmp(status, "present")) {
			rc = kerr_field(e, KERR_INVALID, "serving_for", KWHY_STATE,
			                "only an ersättare who is present can serve for a ledamot");
			return rc;
		}
		if ((rc = member_of(k, m, serving_for, other, NULL, e)))
			return rc;
		if (strcmp(other, "ledamot")) {
			rc = kerr_field(e, KERR_INVALID, "serving_for", KWHY_CHOICE,
			                "an ersättare serves for a ledamot, and member %lld is not one",
			              (long long)serving_for);
			return rc;
		}
		if ((rc = att_status(k, m->id, serving_for, st, e)))
			return rc;
		if (strcmp(st, "absent")) {
			rc = kerr_field(e, KERR_CONFLICT, "serving_for", KWHY_STATE,
			                "the ledamot (member %lld) is not recorded absent: record that first",
			              (long long)serving_for);
			return rc;
		}
	}
	/* Nobody else serves for the same ledamot; a ledamot served for is absent. */
	db_stmt *s = db_prep(k->db, SQL_SERVED_BY, e);
	if (!s) { rc = KERR_INTERNAL; return rc; }
	db_bind_int(s, 1, m->id);
	db_bind_int(s, 2, serving_for ? serving_for : member_id);
	db_bind_int(s, 3, member_id);
	int taken = db_step(s, e);
	db_done(s);
	if (taken < 0)
		return taken;
	taken = taken == DB_ROW;
	if (taken && serving_for) {
		rc = kerr_field(e, KERR_CONFLICT, "serving_for", KWHY_DUPLICATE,
		                "another ersättare already serves for member %lld", (long long)serving_for);
		return rc;
	}
	if (taken && !serving_for && !strcmp(status, "present")) {
		rc = kerr_field(e, KERR_CONFLICT, "attendance", KWHY_STATE, "an ersättare serves for %s: change that first",
		                name);
		return rc;
	}
	if (!(s = db_prep(k->db, SQL_ATT_SET, e))) { rc = KERR_INTERNAL; return rc; }
	db_bind_int(s, 1, m->id);
	db_bind_int(s, 2, member_id);
	db_bind_text(s, 3, status);
	if (serving_for) db_bind_int(s, 4, serving_for); else db_bind_null(s, 4);
	json_t *ev = json_pack("{s:I,s:s,s:s}", "member", (json_int_t)member_id, "name", name, "status", status);
	if (serving_for)
		json_object_set_new(ev, "serving_for", json_integer(serving_for));
	if ((rc = db_run(s, e))) {
		json_decref(ev);
		return rc;
	}
	return audit_append(k, org_id, "minutes.attendance", "meeting", m->id, ev, e);
}

int minutes_attendance(kansli *k, int64_t org_id, int64_t meeting_id, int64_t member_id, const char *status,
                       int64_t serving_for, kerr *e)
{
	if (!status || (strcmp(status, "present") && strcmp(status, "absent")))
		return kerr_field(e, KERR_INVALID, "attendance", KWHY_CHOICE, "attendance is present or absent");
	meeting_row m;
	int rc = change_begin(k, org_id, meeting_id, 0, &m, e);
	if (rc)
		return rc;
	/* Refused rather than voiding the §'s votes: the secretary who records
	 * someone absent by mistake should not lose a whole vote to it, and one
	 * who really left takes their vote away knowingly. */
	if (!(rc = attendance_set_tx(k, org_id, &m, member_id, status, serving_for, e)))
		rc = meeting_part_without_seat(k, &m, e);
	return kansli_end(k, rc, e);
}

static const char SQL_ATT_CURRENT[] =
	"SELECT status, coalesce(serving_for, 0) FROM attendance WHERE meeting_id = ?1 AND member_id = ?2";

/* The order a whole attendance list is written in, so that each step is
 * allowed where the list as a whole is: absences first (a ledamot must be
 * absent before someone serves for them), then ersättare who serve for
 * nobody (releasing whom they served for), then the others present, and
 * those who serve for someone last. */
static int attendance_pass(kansli *k, const meeting_row *m, const minutes_att *a, int *pass, kerr *e)
{
	char role[16];
	int rc = member_of(k, m, a->member_id, role, NULL, e);
	*pass = a->serving_for ? 3 : !strcmp(a->status, "absent") ? 0 : !strcmp(role, "ersattare") ? 1 : 2;
	return rc;
}

int minutes_attendance_all(kansli *k, int64_t org_id, int64_t meeting_id, const minutes_att *list, size_t n,
                           kerr *e)
{
	for (size_t i = 0; i < n; i++)
		if (!list[i].status || (strcmp(list[i].status, "present") && strcmp(list[i].status, "absent")))
		{
			kerr_field(e, KERR_INVALID, "attendance", KWHY_CHOICE, "attendance is present or absent (member %lld)",
			           (long long)list[i].member_id);
			return kerr_subject(e, list[i].member_id);
		}
	/* A list naming a member twice says two things: which one is meant? */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (list[i].member_id == list[j].member_id) {
				kerr_field(e, KERR_INVALID, "attendance", KWHY_DUPLICATE,
				           "member %lld is named twice in the attendance", (long long)list[i].member_id);
				return kerr_subject(e, list[i].member_id);
			}
	meeting_row m;
	int rc = change_begin(k, org_id, meeting_id, 0, &m, e);
	if (rc)
		return rc;
	size_t at = 0; /* the member being recorded */
	for (int pass = 0; pass < 4 && !rc; pass++) {
		for (size_t i = 0; i < n && !rc; i++) {
			at = i;
			int which;
			if ((rc = attendance_pass(k, &m, &list[i], &which, e)))
				break;
			if (which != pass)
				continue;
			/* what is recorded already is not written again (nor logged) */
			db_stmt *s = db_prep(k->db, SQL_ATT_CURRENT, e);
			if (!s) {
				rc = KERR_INTERNAL;
				break;
			}
			db_bind_int(s, 1, m.id);
			db_bind_int(s, 2, list[i].member_id);
			int step, same = 0;
			step = db_step(s, e);
			if (step == DB_ROW)
				same = !strcmp(db_col_text(s, 0), list[i].status) && db_col_int(s, 1) == list[i].serving_for;
			db_done(s);
			if (step < 0) {
				rc = step;
				break;
			}
			if (!same)
				rc = attendance_set_tx(k, org_id, &m, list[i].member_id, list[i].status, list[i].serving_for, e);
		}
	}
	/* the member whose line was refused, for the form to mark */
	if (rc == KERR_INVALID || rc == KERR_CONFLICT || rc == KERR_NOTFOUND)
		kerr_subject(e, list[at].member_id);
	/* the list as a whole, not each step of it, must leave every vote cast
	 * by one who takes part (the check marks whose vote it is) */
	if (!rc)
		rc = meeting_part_without_seat(k, &m, e);
	return kansli_end(k, rc, e);
}

static const char SQL_ADJ_ADD[] = "INSERT INTO adjuster(meeting_id, member_id) VALUES(?1, ?2)";
static const char SQL_ADJ_DEL[] = "DELETE FROM adjuster WHERE meeting_id = ?1 AND member_id = ?2";
static const char SQL_APPROVAL_DEL[] = "DELETE FROM approval WHERE meeting_id = ?1 AND member_id = ?2";

int minutes_adjuster(kansli *k, int64_t org_id, int64_t meeting_id, int64_t member_id, int remove, kerr *e)
{
	meeting_row m;
	int rc = change_begin(k, org_id, meeting_id, 0, &m, e);
	if (rc)
		return rc;
	char role[16], name[256], st[12];
	if ((rc = member_of(k, &m, member_id, role, name, e)) || (rc = att_status(k, m.id, member_id, st, e)))
		goto end;
	if (!remove && (strcmp(st, "present") || !strcmp(role, "sekreterare"))) {
		rc = kerr_field(e, KERR_INVALID, "adjuster", KWHY_CHOICE,
		                "an adjuster is a member recorded present at the meeting, and %s is not", name);
		goto end;
	}
	db_stmt *s = db_prep(k->db, remove ? SQL_ADJ_DEL : SQL_ADJ_ADD, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, m.id);
	db_bind_int(s, 2, member_id);
	if ((rc = db_run(s, e))) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "%s is already an adjuster", name);
		goto end;
	}
	if (remove) { /* a removed adjuster's approval no longer counts */
		if (!(s = db_prep(k->db, SQL_APPROVAL_DEL, e))) { rc = KERR_INTERNAL; goto end; }
		db_bind_int(s, 1, m.id);
		db_bind_int(s, 2, member_id);
		if ((rc = db_run(s, e)))
			goto end;
	}
	rc = audit_append(k, org_id, remove ? "minutes.adjuster_remove" : "minutes.adjuster", "meeting", m.id,
	                  json_pack("{s:I,s:s}", "member", (json_int_t)member_id, "name", name), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_ITEMS_ORDER[] = "SELECT id FROM agenda_item WHERE meeting_id = ?1 ORDER BY pos, id";
static const char SQL_PARA_BUMP[] =
	"INSERT INTO paragraph_counter(board_id, year, last_number) VALUES(?1, ?2, ?3) "
	"ON CONFLICT(board_id, year) DO UPDATE SET last_number = last_number + ?3 RETURNING last_number";
static const char SQL_ITEM_PARA[] = "UPDATE agenda_item SET paragraph = ?2 WHERE id = ?1";
static const char SQL_MEETING_HELD[] = "UPDATE meeting SET status = 'held', held_us = ?2 WHERE id = ?1";

const char *minutes_draw_up_hindrance(const char *status, const char *date, size_t items)
{
	char today[11];
	time_today(today);
	if (!strcmp(status, "planned"))
		return "not_called";
	if (strcmp(status, "called"))
		return "drawn_up";
	if (strcmp(today, date) < 0)
		return "before_date";
	return items ? NULL : "empty";
}

int minutes_draw_up(kansli *k, int64_t org_id, int64_t meeting_id, meeting_quorum *quorum, kerr *e)
{
	meeting_row m;
	int rc = change_begin(k, org_id, meeting_id, 0, &m, e);
	if (rc)
		return rc;
	char today[11];
	time_today(today);
	if (strcmp(today, m.date) < 0) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_RANGE,
		                "the meeting is on %s: its minutes are drawn up at or after it", m.date);
		goto fail;
	}
	if (strcmp(m.status, "called")) {
		rc = kerr_set(e, KERR_CONFLICT, !strcmp(m.status, "planned")
		              ? "meeting %lld has not been called: send the notice first"
		              : "the minutes of meeting %lld are already drawn up", (long long)m.id);
		goto fail;
	}
	int64_t ids[1000];
	int n = 0;
	db_stmt *s = db_prep(k->db, SQL_ITEMS_ORDER, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, m.id);
	while (n < 1000 && (rc = db_step(s, e)) == DB_ROW)
		ids[n++] = db_col_int(s, 0);
	if (rc < 0)
		goto fail;
	db_done(s);
	if (!n) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                "the agenda of meeting %lld is empty", (long long)m.id);
		goto fail;
	}
	/* The paragraphs run on through the board's calendar year. */
	if (!(s = db_prep(k->db, SQL_PARA_BUMP, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, m.board_id);
	db_bind_int(s, 2, time_date_year(m.date));
	db_bind_int(s, 3, n);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto fail; }
	int64_t last = db_col_int(s, 0), first = last - n + 1;
	db_done(s);
	for (int i = 0; i < n; i++) {
		if (!(s = db_prep(k->db, SQL_ITEM_PARA, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, ids[i]);
		db_bind_int(s, 2, first + i);
		if ((rc = db_run(s, e)))
			goto fail;
	}
	/* Drawn up even without a quorum: the minutes record what happened.
	 * The caller warns, and no § is decided without one. */
	meeting_quorum q;
	if ((rc = meeting_quorum_count(k, &m, 0, &q, e)))
		goto fail;
	if (quorum)
		*quorum = q;
	if (!(s = db_prep(k->db, SQL_MEETING_HELD, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, m.id);
	db_bind_int(s, 2, time_now_us());
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "minutes.draw_up", "meeting", m.id,
	                       json_pack("{s:I,s:I,s:i,s:o}", "first", (json_int_t)first, "last", (json_int_t)last,
	                                 "year", time_date_year(m.date), "quorum", meeting_quorum_json(&q)), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_DECISION_SET[] = "UPDATE agenda_item SET decision = ?2 WHERE id = ?1";
static const char SQL_ITEM_PARAGRAPH[] = "SELECT coalesce(paragraph, 0) FROM agenda_item WHERE id = ?1";

/* A § is decided only with a quorum (meeting_quorum_require). */
static int decision_quorum(kansli *k, const meeting_row *m, int64_t item_id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_ITEM_PARAGRAPH, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	int rc = kansli_row(s, e, KERR_NOTFOUND, "no agenda item %lld", (long long)item_id);
	if (rc)
		return rc;
	long long paragraph = (long long)db_col_int(s, 0);
	db_done(s);
	return meeting_quorum_require(k, m, item_id, paragraph, e);
}

int minutes_decision(kansli *k, int64_t org_id, int64_t item_id, const char *text, kerr *e)
{
	if (!text || strlen(text) > 20000)
		return kerr_field(e, KERR_INVALID, "decision", KWHY_TOO_LONG,
		                  "a decision text is at most 20000 characters");
	meeting_row m;
	int rc = change_begin(k, org_id, 0, item_id, &m, e);
	if (rc)
		return rc;
	if (*text && (rc = decision_quorum(k, &m, item_id, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_DECISION_SET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, item_id);
	db_bind_text(s, 2, *text ? text : NULL);
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "minutes.decision", "meeting", m.id,
	                       json_pack("{s:I,s:s}", "item", (json_int_t)item_id, "text", text), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_ITEM_OF[] = "SELECT 1 FROM agenda_item WHERE id = ?1 AND meeting_id = ?2";
static const char SQL_DECISION_GET[] = "SELECT coalesce(decision, '') FROM agenda_item WHERE id = ?1";

int minutes_decisions(kansli *k, int64_t org_id, int64_t meeting_id, const int64_t *items,
                      const char *const *texts, size_t n, kerr *e)
{
	for (size_t i = 0; i < n; i++)
		if (!texts[i] || strlen(texts[i]) > 20000) {
			kerr_field(e, KERR_INVALID, "decision", KWHY_TOO_LONG,
			           "a decision text is at most 20000 characters (item %lld)", (long long)items[i]);
			return kerr_subject(e, items[i]);
		}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (items[i] == items[j]) {
				kerr_field(e, KERR_INVALID, "decision", KWHY_DUPLICATE,
				           "item %lld is named twice among the decisions", (long long)items[i]);
				return kerr_subject(e, items[i]);
			}
	meeting_row m;
	int rc = change_begin(k, org_id, meeting_id, 0, &m, e);
	if (rc)
		return rc;
	size_t at = 0; /* the § being saved */
	for (size_t i = 0; i < n && !rc; i++) {
		at = i;
		db_stmt *s = db_prep(k->db, SQL_ITEM_OF, e);
		if (!s) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, items[i]);
		db_bind_int(s, 2, m.id);
		if ((rc = kansli_row(s, e, KERR_INVALID, "item %lld is not on the agenda of meeting %lld",
		                     (long long)items[i], (long long)m.id)))
			break;
		db_done(s);
		/* a § whose text is unchanged is neither written nor logged */
		if (!(s = db_prep(k->db, SQL_DECISION_GET, e))) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, items[i]);
		if ((rc = kansli_row(s, e, KERR_INTERNAL, "item %lld vanished", (long long)items[i])))
			break;
		int same = !strcmp(db_col_text(s, 0), texts[i]);
		db_done(s);
		if (same)
			continue;
		if (*texts[i] && (rc = decision_quorum(k, &m, items[i], e)))
			break;
		if (!(s = db_prep(k->db, SQL_DECISION_SET, e))) { rc = KERR_INTERNAL; break; }
		db_bind_int(s, 1, items[i]);
		db_bind_text(s, 2, *texts[i] ? texts[i] : NULL);
		if ((rc = db_run(s, e)))
			break;
		rc = audit_append(k, org_id, "minutes.decision", "meeting", m.id,
		                  json_pack("{s:I,s:s}", "item", (json_int_t)items[i], "text", texts[i]), e);
	}
	/* the § refused, for the form to mark */
	if (rc == KERR_INVALID || rc == KERR_CONFLICT)
		kerr_subject(e, items[at]);
	return kansli_end(k, rc, e);
}

static const char SQL_NOTE_SET[] =
	"INSERT INTO item_note(item_id, member_id, kind, text) VALUES(?1, ?2, ?3, ?4) "
	"ON CONFLICT(item_id, member_id, kind) DO UPDATE SET text = excluded.text RETURNING id";
static const char SQL_NOTE_DEL[] = "DELETE FROM item_note WHERE item_id = ?1 AND member_id = ?2 AND kind = ?3";
/* The proposal a reservation defends: set (?4 not NULL) or cleared. */
static const char SQL_NOTE_PROPOSAL_CLEAR[] =
	"DELETE FROM note_proposal WHERE note_id IN (SELECT id FROM item_note WHERE item_id = ?1 AND member_id = ?2 "
	"  AND kind = ?3)";
static const char SQL_NOTE_PROPOSAL_SET[] = "INSERT INTO note_proposal(note_id, proposal_id) VALUES(?1, ?2)";
static const char SQL_PROPOSAL_OF_ITEM[] = "SELECT 1 FROM item_proposal WHERE id = ?1 AND item_id = ?2";
/* What a member did in a § that one disqualified (jäv) may not have done. */
static const char SQL_TOOK_PART[] =
	"SELECT EXISTS (SELECT 1 FROM item_proposal WHERE item_id = ?1 AND member_id = ?2), "
	"  EXISTS (SELECT 1 FROM item_vote WHERE item_id = ?1 AND member_id = ?2), "
	"  EXISTS (SELECT 1 FROM item_note WHERE item_id = ?1 AND member_id = ?2 AND kind = 'reservation')";

/* Refuses jäv for a member who made a proposal, voted or reserved in the §:
 * one disqualified takes no part, so those must go first. */
static int jav_allowed(kansli *k, int64_t item_id, int64_t member_id, const char *name, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_TOOK_PART, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, member_id);
	int rc = kansli_row(s, e, KERR_INTERNAL, "item %lld vanished", (long long)item_id);
	if (rc)
		return rc;
	const char *did = db_col_int(s, 0) ? "made a proposal" : db_col_int(s, 1) ? "voted"
	                : db_col_int(s, 2) ? "reserved" : NULL;
	db_done(s);
	if (!did)
		return 0;
	return kerr_field(e, KERR_CONFLICT, "member", KWHY_STATE, "%s has %s in this §, and one disqualified (jäv) "
	                  "takes no part in it: take that away first", name, did);
}

int minutes_note(kansli *k, int64_t org_id, int64_t item_id, int64_t member_id, const char *kind, const char *text,
                 int64_t proposal, int remove, kerr *e)
{
	if (!kind || (strcmp(kind, "reservation") && strcmp(kind, "jav")))
		return kerr_field(e, KERR_INVALID, "note_kind", KWHY_CHOICE, "a note on a § is a reservation or jav");
	if (text && (strlen(text) > 4000 || strpbrk(text, "\r\n")))
		return kerr_field(e, KERR_INVALID, "note_text", strpbrk(text, "\r\n") ? KWHY_LINE_BREAK : KWHY_TOO_LONG,
		                  "a reservation's text is at most 4000 characters on one line");
	if (proposal && (strcmp(kind, "reservation") || remove))
		return kerr_field(e, KERR_INVALID, "proposal", KWHY_STATE,
		                  "a proposal is named by a reservation (the one it defends), not by jäv");
	meeting_row m;
	int rc = change_begin(k, org_id, 0, item_id, &m, e);
	if (rc)
		return rc;
	char role[16], name[256];
	if ((rc = member_of(k, &m, member_id, role, name, e)))
		goto fail;
	if (!strcmp(role, "sekreterare")) {
		rc = kerr_field(e, KERR_INVALID, "member", KWHY_CHOICE, "the secretary takes no part in decisions");
		goto fail;
	}
	/* Only one who took part in the decision reserves against it or is
	 * noted as disqualified (jäv) from it: a member recorded present. */
	char status[12];
	if (!remove && (rc = att_status(k, m.id, member_id, status, e)))
		goto fail;
	if (!remove && strcmp(status, "present")) {
		rc = kerr_field(e, KERR_INVALID, "member", KWHY_STATE, "%s is not recorded as present at the meeting: "
		                "record the attendance first", name);
		goto fail;
	}
	/* one who reserves took part in the §: serving in it, without jäv */
	if (!remove && !strcmp(kind, "reservation") &&
	    (rc = meeting_member_takes_part(k, &m, item_id, member_id, "reserve against its decision", "member", name,
	                                   e)))
		goto fail;
	if (!remove && !strcmp(kind, "jav") && (rc = jav_allowed(k, item_id, member_id, name, e)))
		goto fail;
	db_stmt *s;
	if (proposal) {
		if (!(s = db_prep(k->db, SQL_PROPOSAL_OF_ITEM, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, proposal);
		db_bind_int(s, 2, item_id);
		if ((rc = kansli_row(s, e, KERR_INVALID, "proposal %lld is not one of this §", (long long)proposal))) {
			if (rc == KERR_INVALID)
				kerr_field(e, KERR_INVALID, "proposal", KWHY_UNKNOWN, "proposal %lld is not one of this §",
				           (long long)proposal);
			goto fail;
		}
		db_done(s);
	}
	if (!(s = db_prep(k->db, SQL_NOTE_PROPOSAL_CLEAR, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, member_id);
	db_bind_text(s, 3, kind);
	if ((rc = db_run(s, e)))
		goto fail;
	if (!(s = db_prep(k->db, remove ? SQL_NOTE_DEL : SQL_NOTE_SET, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, item_id);
	db_bind_int(s, 2, member_id);
	db_bind_text(s, 3, kind);
	int64_t note_id = 0;
	if (remove)
		rc = db_run(s, e);
	else {
		db_bind_text(s, 4, text && !strcmp(kind, "reservation") ? text : "");
		if (!(rc = kansli_row(s, e, KERR_INTERNAL, "the note was not stored"))) {
			note_id = db_col_int(s, 0);
			db_done(s);
		}
	}
	if (rc)
		goto fail;
	if (proposal) {
		if (!(s = db_prep(k->db, SQL_NOTE_PROPOSAL_SET, e))) { rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, note_id);
		db_bind_int(s, 2, proposal);
		if ((rc = db_run(s, e)))
			goto fail;
	}
	json_t *ev = json_pack("{s:I,s:I,s:s,s:s,s:s?}", "item", (json_int_t)item_id, "member", (json_int_t)member_id,
	                       "name", name, "kind", kind, "text", remove ? NULL : text);
	if (proposal)
		json_object_set_new(ev, "proposal", json_integer(proposal));
	if ((rc = audit_append(k, org_id, remove ? "minutes.note_remove" : "minutes.note", "meeting", m.id, ev, e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_USERNAME[] = "SELECT username FROM app_user WHERE id = ?1";
static const char SQL_APPROVAL_SET[] =
	"INSERT INTO approval(meeting_id, member_id, user_id, minutes_sha256, approved_us) VALUES(?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT(meeting_id, member_id) DO UPDATE SET user_id = excluded.user_id, "
	"  minutes_sha256 = excluded.minutes_sha256, approved_us = excluded.approved_us";
int minutes_approve(kansli *k, int64_t org_id, int64_t meeting_id, int *adjusted, kerr *e)
{
	*adjusted = 0;
	if (k->user_id <= 0)
		return kerr_field(e, KERR_DENIED, "user", KWHY_REQUIRED, "minutes are approved by the chair and the "
		                  "adjusters as their own users");
	meeting_row m;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	json_t *show = NULL;
	if ((rc = access_check(k, org_id, ACCESS_READ, e)) || (rc = meeting_load(k, org_id, meeting_id, &m, e)) ||
	    (rc = meeting_not_frozen(&m, e)))
		goto fail;
	if (strcmp(m.status, "held")) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                "the minutes of meeting %lld are not drawn up yet", (long long)m.id);
		goto fail;
	}
	char username[128] = "";
	db_stmt *s = db_prep(k->db, SQL_USERNAME, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, k->user_id);
	if ((rc = db_step(s, e)) == DB_ROW)
		snprintf(username, sizeof username, "%s", db_col_text(s, 0));
	db_done(s);
	if (rc < 0)
		goto fail;
	if (!(show = meeting_show(k, org_id, m.id, e))) { rc = e->code ? e->code : KERR_INTERNAL; goto fail; }
	json_t *approvers = json_object_get(show, "approvers"), *me = NULL, *a;
	size_t i;
	json_array_foreach(approvers, i, a)
		if (!strcmp(str(a, "user"), username))
			me = a;
	if (!me) {
		rc = kerr_set(e, KERR_DENIED, "%s is not the chair or an appointed adjuster of meeting %lld", username,
		              (long long)m.id);
		goto fail;
	}
	int adjusters = 0;
	json_array_foreach(approvers, i, a)
		adjusters += !strcmp(str(a, "as"), "adjuster");
	if (!adjusters || strcmp(str(json_array_get(approvers, 0), "as"), "chair")) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                "the minutes need a presiding chair and at least one appointed adjuster");
		goto fail;
	}
	/* a vote counted must be one of a member taking part (H3) */
	if ((rc = meeting_part_without_seat(k, &m, e)))
		goto fail;
	json_array_foreach(json_object_get(show, "items"), i, a) {
		if (*str(a, "case") && !*str(a, "decision")) {
			rc = kerr_field(e, KERR_CONFLICT, "decision", KWHY_REQUIRED,
			                "§ %lld (%s) has no decision text yet",
			                (long long)json_integer_value(json_object_get(a, "paragraph")), str(a, "case"));
			goto fail;
		}
		/* the attendance or a jäv changed after the decision was written */
		if (*str(a, "decision") && !json_is_true(json_object_get(json_object_get(a, "quorum"), "met"))) {
			rc = kerr_field(e, KERR_CONFLICT, "quorum", KWHY_STATE,
			                "§ %lld has a decision but no quorum: correct the attendance or the jäv, or "
			                "clear the decision", (long long)json_integer_value(json_object_get(a, "paragraph")));
			goto fail;
		}
	}
	const char *sha = str(show, "minutes_sha256");
	if (json_is_true(json_object_get(me, "valid"))) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_DUPLICATE,
		                "%s has already approved these minutes", username);
		goto fail;
	}
	if (!(s = db_prep(k->db, SQL_APPROVAL_SET, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, m.id);
	db_bind_int(s, 2, json_integer_value(json_object_get(me, "member_id")));
	db_bind_int(s, 3, k->user_id);
	db_bind_text(s, 4, sha);
	db_bind_int(s, 5, time_now_us());
	if ((rc = db_run(s, e)) ||
	    (rc = audit_append(k, org_id, "minutes.approve", "meeting", m.id,
	                       json_pack("{s:O,s:s,s:s,s:s}", "member", json_object_get(me, "member_id"), "name",
	                                 str(me, "name"), "as", str(me, "as"), "sha256", sha), e)))
		goto fail;
	int all = 1;
	json_array_foreach(approvers, i, a)
		if (a != me && !json_is_true(json_object_get(a, "valid")))
			all = 0;
	if (all) {
		/* The last approval adjusts the minutes. What follows is the law's
		 * consequence of the adjustment (registration, decisions in their
		 * cases, the notice board), done on the approver's behalf even
		 * when they hold no registering role. */
		int64_t saved = access_on_behalf(k);
		rc = minutes_adjust_tx(k, org_id, &m, show, str(show, "minutes_text"), sha, e);
		access_restore(k, saved);
		if (rc)
			goto fail;
		*adjusted = 1;
	}
	json_decref(show);
	return kansli_commit(k, e);
fail:
	json_decref(show);
	kansli_rollback(k);
	return rc;
}

/* A recipient who is a party of the case keeps the kind of party they are. */
static const char SQL_PARTY_KIND[] =
	"SELECT p.kind FROM record r JOIN party p ON p.id = r.party_id WHERE r.case_id = ?1 AND r.party_name = ?2 "
	"ORDER BY r.seq LIMIT 1";
static const char SQL_DISPATCH_ADD[] =
	"INSERT INTO dispatch(item_id, recipient, record_id, created_us) VALUES(?1, ?2, ?3, ?4)";

/* The extract quotes the § whole, for those the decision concerns. Adds to
 * grounds the legal grounds of the secrets of case_id its texts (item it of
 * meeting_show) name. 0 or KERR_*. */
static int dispatch_grounds(kansli *k, int64_t case_id, json_t *it, json_t *grounds, kerr *e)
{
	int rc = case_text_secret_grounds(k, case_id, str(it, "title"), grounds, e);
	if (!rc)
		rc = case_text_secret_grounds(k, case_id, str(it, "decision"), grounds, e);
	size_t i;
	json_t *note;
	json_array_foreach(json_object_get(it, "notes"), i, note)
		if (!rc)
			rc = case_text_secret_grounds(k, case_id, str(note, "text"), grounds, e);
	return rc;
}

/* The marks a registrar gives the registered copy of an extract to
 * recipient, the case's own (case_id): its file secret when the extract
 * names what secrecy masks (grounds), its party when the recipient is a
 * masked party; ground (len bytes) holds the legal grounds rec then
 * names. 0 or KERR_*. */
static int dispatch_marks(kansli *k, int64_t case_id, const char *recipient, json_t *grounds, record_new *rec,
                          char *ground, size_t len, kerr *e)
{
	json_t *all = json_copy(grounds), *party = json_array();
	int rc = case_text_secret_grounds(k, case_id, recipient, party, e);
	size_t i;
	json_t *g;
	json_array_foreach(party, i, g) {
		int known = 0;
		size_t j;
		json_t *h;
		json_array_foreach(all, j, h)
			known |= json_equal(g, h);
		if (!known)
			json_array_append(all, g);
	}
	int files = json_array_size(grounds) > 0, masked_party = json_array_size(party) > 0;
	if (!rc && (files || masked_party)) {
		meeting_grounds_join(all, ground, len);
		rec->secrecy = "partial";
		rec->legal_ground = ground;
		rec->masked = files && masked_party ? "party,files" : files ? "files" : "party";
	}
	json_decref(all);
	json_decref(party);
	return rc;
}

int minutes_dispatch(kansli *k, int64_t org_id, int64_t item_id, const char *const *recipients, int n, kerr *e)
{
	if (n < 1 || n > 50)
		return kerr_field(e, KERR_INVALID, "recipients", KWHY_RANGE, "choose 1-50 recipients of the extract");
	for (int i = 0; i < n; i++)
		if (!recipients[i] || !*recipients[i] || strlen(recipients[i]) > 200 || strpbrk(recipients[i], "\r\n"))
			return kerr_field(e, KERR_INVALID, "recipients", text_line_why(recipients[i], 200),
			                  "a recipient is a name of 1-200 characters on one line");
	meeting_row m;
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	json_t *show = NULL, *grounds = json_array();
	buf pdf = BUF_INIT;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = meeting_load_item(k, org_id, item_id, &m, e)))
		goto fail;
	if (strcmp(m.status, "adjusted")) {
		rc = kerr_field(e, KERR_CONFLICT, "meeting", KWHY_STATE,
		                "a decision is dispatched once the minutes are adjusted");
		goto fail;
	}
	if (!(show = meeting_show(k, org_id, m.id, e))) { rc = e->code ? e->code : KERR_INTERNAL; goto fail; }
	json_t *it = NULL, *a;
	size_t i;
	json_array_foreach(json_object_get(show, "items"), i, a)
		if (json_integer_value(json_object_get(a, "id")) == item_id)
			it = a;
	if (!it || !*str(it, "case")) {
		rc = kerr_field(e, KERR_INVALID, "item", KWHY_STATE,
		                "agenda item %lld has no case to dispatch in", (long long)item_id);
		goto fail;
	}
	long long para = (long long)json_integer_value(json_object_get(it, "paragraph"));
	char title[520], name[200];
	snprintf(title, sizeof title, "Protokollsutdrag %s %s § %lld", m.board_name, m.date, para);
	pdf_doc *d = pdf_new(title);
	if (!d) { rc = kerr_set(e, KERR_INTERNAL, "out of memory"); goto fail; }
	pdf_heading(d, "Protokollsutdrag");
	pdf_subheading(d, m.board_name);
	pdf_field(d, "Datum", m.date);
	pdf_field(d, "Justerat", m.adjusted_date);
	pdf_field(d, "Ärende", str(it, "case"));
	pdf_space(d);
	char line[700];
	snprintf(line, sizeof line, "§ %lld %s", para, str(it, "title"));
	pdf_subheading(d, line);
	/* the § as the minutes have it: jäv, how it was decided, the
	 * decision, the reservations */
	json_t *note;
	buf nl = BUF_INIT;
	for (int pass = 0; pass < 4; pass++) {
		buf_reset(&nl);
		if (pass == 1 && !minutes_decision_making_text(&nl, it))
			pdf_paragraph(d, nl.s);
		if (pass == 2) {
			buf_printf(&nl, "Beslut: %s", str(it, "decision"));
			pdf_paragraph(d, nl.s);
		}
		if (pass == 1 || pass == 2)
			continue;
		json_array_foreach(json_object_get(it, "notes"), i, note) {
			int reservation = !strcmp(str(note, "kind"), "reservation");
			if (reservation != (pass == 3))
				continue;
			buf_reset(&nl);
			if (reservation)
				minutes_reservation_line(&nl, it, note);
			else
				minutes_jav_line(&nl, note);
			pdf_paragraph(d, nl.s);
		}
	}
	buf_free(&nl);
	pdf_space(d);
	snprintf(line, sizeof line, "Utdraget bestyrks. Protokollet justerades %s (SHA-256 %s).", m.adjusted_date,
	         str(show, "adjusted_sha256"));
	pdf_paragraph(d, line);
	rc = pdf_render(d, &pdf, e);
	pdf_free(d);
	record_file_in f;
	snprintf(name, sizeof name, "protokollsutdrag-%s-%s-%lld.pdf", m.board_code, m.date, para);
	if (rc || (rc = minutes_store_pdf(k, &pdf, name, &f, e)))
		goto fail;
	int64_t case_id;
	if ((rc = case_find(k, org_id, str(it, "case"), &case_id, e)) ||
	    (rc = dispatch_grounds(k, case_id, it, grounds, e)))
		goto fail;
	json_t *sent = json_array();
	for (int r = 0; r < n; r++) {
		char kind[16] = "organisation";
		db_stmt *ks = db_prep(k->db, SQL_PARTY_KIND, e);
		if (!ks) { json_decref(sent); rc = KERR_INTERNAL; goto fail; }
		db_bind_int(ks, 1, case_id);
		db_bind_text(ks, 2, recipients[r]);
		if ((rc = db_step(ks, e)) == DB_ROW)
			snprintf(kind, sizeof kind, "%s", db_col_text(ks, 0));
		db_done(ks);
		if (rc < 0) {
			json_decref(sent);
			goto fail;
		}
		record_new rec = { .direction = "out", .title = title, .party_kind = kind,
		                   .party_name = recipients[r], .nfiles = 1 };
		rec.files[0] = f.name;
		char ground[121];
		if ((rc = dispatch_marks(k, case_id, recipients[r], grounds, &rec, ground, sizeof ground, e))) {
			json_decref(sent);
			goto fail;
		}
		int64_t record_id;
		int created;
		char rnum[CASENUM_MAX];
		if ((rc = record_register_tx(k, org_id, case_id, str(it, "case"), &rec, &f, &record_id, rnum, &created, e))) {
			json_decref(sent);
			goto fail;
		}
		db_stmt *s = db_prep(k->db, SQL_DISPATCH_ADD, e);
		if (!s) { json_decref(sent); rc = KERR_INTERNAL; goto fail; }
		db_bind_int(s, 1, item_id);
		db_bind_text(s, 2, recipients[r]);
		db_bind_int(s, 3, record_id);
		db_bind_int(s, 4, time_now_us());
		if ((rc = db_run(s, e))) {
			json_decref(sent);
			goto fail;
		}
		json_array_append_new(sent, json_pack("{s:s,s:s}", "recipient", recipients[r], "record", rnum));
	}
	if ((rc = audit_append(k, org_id, "minutes.dispatch", "meeting", m.id,
	                       json_pack("{s:I,s:I,s:o,s:s}", "item", (json_int_t)item_id, "paragraph", (json_int_t)para,
	                                 "sent", sent, "sha256", f.hash), e)))
		goto fail;
	json_decref(show);
	json_decref(grounds);
	buf_free(&pdf);
	return kansli_commit(k, e);
fail:
	json_decref(show);
	json_decref(grounds);
	buf_free(&pdf);
	kansli_rollback(k);
	return rc;
}
