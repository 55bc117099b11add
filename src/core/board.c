/*
 * board.c — boards and their members; see board.h. Every change is one
 * transaction with its audit event, and needs the meeting right.
 */
#include "core/board.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/audit.h"
#include "core/meeting.h"
#include "core/org.h"
#include "util/encoding.h"
#include "util/timeutil.h"

static int kind_valid(const char *k)
{
	return k && (!strcmp(k, "fullmaktige") || !strcmp(k, "styrelse") || !strcmp(k, "namnd") ||
	             !strcmp(k, "utskott"));
}

static const char SQL_BOARD_INSERT[] =
	"INSERT INTO board(org_id, code, name, kind, series_id, created_us) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
	"RETURNING id";

int board_add(kansli *k, int64_t org_id, const char *code, const char *name, const char *kind,
              const char *series, kerr *e)
{
	if (!code || !*code || strlen(code) > 16 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789-") != strlen(code))
		return kerr_field(e, KERR_INVALID, "code", KWHY_FORMAT,
		                  "a board code is 1-16 capital letters, digits or '-', like KS");
	if (text_line_why(name, 200))
		return kerr_field(e, KERR_INVALID, "name", text_line_why(name, 200),
		                  "a board needs a name of 1-200 characters on one line");
	if (!kind_valid(kind))
		return kerr_field(e, KERR_INVALID, "board_kind", KWHY_CHOICE,
		                  "the kind of board is fullmaktige, styrelse, namnd or utskott");
	if (!series || !*series)
		return kerr_field(e, KERR_INVALID, "series", KWHY_REQUIRED,
		                  "a board needs the series of its meeting records");
	int rc = kansli_begin(k, e);
	if (rc)
		return rc;
	int64_t series_id;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = series_find(k, org_id, series, &series_id, e)))
		goto end;
	db_stmt *s = db_prep(k->db, SQL_BOARD_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto end; }
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, code);
	db_bind_text(s, 3, name);
	db_bind_text(s, 4, kind);
	db_bind_int(s, 5, series_id);
	db_bind_int(s, 6, time_now_us());
	if ((rc = db_step(s, e)) != DB_ROW) {
		if (rc == KERR_CONFLICT)
			kerr_set(e, rc, "there is already a board %s", code);
		rc = rc < 0 ? rc : KERR_INTERNAL;
		goto end;
	}
	int64_t id = db_col_int(s, 0);
	db_done(s);
	rc = audit_append(k, org_id, "board.add", "board", id,
	                  json_pack("{s:s,s:s,s:s,s:s}", "code", code, "name", name, "kind", kind,
	                            "series", series), e);
end:
	return kansli_end(k, rc, e);
}

static const char SQL_BOARD_FIND[] = "SELECT id FROM board WHERE org_id = ?1 AND code = ?2";

int board_find(kansli *k, int64_t org_id, const char *code, int64_t *id, kerr *e)
{
	db_stmt *s = db_prep(k->db, SQL_BOARD_FIND, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, code ? code : "");
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_done(s);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return kerr_field(e, KERR_NOTFOUND, "board", KWHY_UNKNOWN, "no board '%s' in this organisation",
		                  code ? code : "");
	return 0;
}

static int role_valid(const char *r)
{
	return r && (!strcmp(r, "ledamot") || !strcmp(r, "ersattare") || !strcmp(r, "sekreterare"));
}

static int position_valid(const char *p)
{
	return !p || !*p || !strcmp(p, "ordforande") || !strcmp(p, "vice_ordforande");
}

/* Checks the fields of m that are set; for a new member (full) the name,
 * role and start of term are required. */
static int member_validate(const board_member_new *m, int full, kerr *e)
{
	if ((full || m->name) && text_line_why(m->name, 200))
		return kerr_field(e, KERR_INVALID, "name", text_line_why(m->name, 200),
		                  "a member needs a name of 1-200 characters on one line");
	if (m->party && *m->party && text_line_why(m->party, 100))
		return kerr_field(e, KERR_INVALID, "political_party", text_line_why(m->party, 100),
		                  "the party is at most 100 characters on one line");
	if ((full || m->role) && !role_valid(m->role))
		return kerr_field(e, KERR_INVALID, "member_role", KWHY_CHOICE,
		                  "the role is ledamot, ersattare or sekreterare");
	if (!position_valid(m->position))
		return kerr_field(e, KERR_INVALID, "position", KWHY_CHOICE,
		                  "the position is ordforande, vice_ordforande or none");
	if ((full || m->term_from) && (!m->term_from || !time_valid_date(m->term_from)))
		return kerr_field(e, KERR_INVALID, "term_from", KWHY_FORMAT,
		                  "the term needs a start date like 2027-01-01");
	if (m->term_to && *m->term_to && !time_valid_date(m->term_to))
		return kerr_field(e, KERR_INVALID, "term_to", KWHY_FORMAT,
		                  "the end of the term '%s' is not a date like 2030-12-31", m->term_to);
	return 0;
}

/* A chair or vice chair must be a ledamot, and only one member holds each
 * position at a time (overlapping terms). */
static const char SQL_POSITION_TAKEN[] =
	"SELECT name FROM board_member WHERE board_id = ?1 AND position = ?2 AND id <> ?3 "
	"  AND term_from <= coalesce(?5, '9999-12-31') AND coalesce(term_to, '9999-12-31') >= ?4";

static int position_free(kansli *k, int64_t board_id, int64_t member_id, const char *position,
                         const char *from, const char *to, kerr *e)
{
	if (!position || !*position)
		return 0;
	db_stmt *s = db_prep(k->db, SQL_POSITION_TAKEN, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, board_id);
	db_bind_text(s, 2, position);
	db_bind_int(s, 3, member_id);
	db_bind_text(s, 4, from);
	db_bind_text(s, 5, to && *to ? to : NULL);
	int rc = db_step(s, e);
	if (rc == DB_ROW)
		rc = kerr_field(e, KERR_CONFLICT, "name", KWHY_DUPLICATE,
		                "%s is already %s during that term", db_col_text(s, 0),
		                !strcmp(position, "ordforande") ? "chair" : "vice chair");
	db_done(s);
	return rc;
}

static const char SQL_MEMBER_INSERT[] =
	"INSERT INTO board_member(board_id, name, party, role, position, term_from, term_to, user_id) "
	"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";

int board_member_add(kansli *k, int64_t org_id, const char *board, const board_member_new *m,
                     int64_t *id, kerr *e)
{
	int rc = member_validate(m, 1, e);
	if (rc)
		return rc;
	if (m->position && *m->position && strcmp(m->role, "ledamot"))
		return kerr_field(e, KERR_INVALID, "position", KWHY_STATE, "only a ledamot can be chair or vice chair");
	if (m->term_to && *m->term_to && strcmp(m->term_to, m->term_from) < 0)
		return kerr_field(e, KERR_INVALID, "term_to", KWHY_RANGE, "the term ends before it starts");
	if ((rc = kansli_begin(k, e)))
		return rc;
	int64_t board_id, user_id = 0;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)) || (rc = board_find(k, org_id, board, &board_id, e)))
		goto fail;
	if (m->username && *m->username && (rc = user_find(k, m->username, &user_id, e)))
		goto fail;
	if ((rc = position_free(k, board_id, 0, m->position, m->term_from, m->term_to, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_MEMBER_INSERT, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, board_id);
	db_bind_text(s, 2, m->name);
	db_bind_text(s, 3, m->party && *m->party ? m->party : NULL);
	db_bind_text(s, 4, m->role);
	db_bind_text(s, 5, m->position && *m->position ? m->position : NULL);
	db_bind_text(s, 6, m->term_from);
	db_bind_text(s, 7, m->term_to && *m->term_to ? m->term_to : NULL);
	if (user_id) db_bind_int(s, 8, user_id); else db_bind_null(s, 8);
	if ((rc = db_step(s, e)) != DB_ROW) { rc = rc < 0 ? rc : KERR_INTERNAL; goto fail; }
	*id = db_col_int(s, 0);
	db_done(s);
	if ((rc = audit_append(k, org_id, "board.member_add", "board_member", *id,
	                       json_pack("{s:s,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s?}", "board", board, "name", m->name,
	                                 "party", m->party && *m->party ? m->party : NULL, "role", m->role,
	                                 "position", m->position && *m->position ? m->position : NULL,
	                                 "from", m->term_from, "to", m->term_to && *m->term_to ? m->term_to : NULL,
	                                 "user", m->username && *m->username ? m->username : NULL), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_MEMBER_GET[] =
	"SELECT m.board_id, m.name, coalesce(m.party, ''), m.role, coalesce(m.position, ''), m.term_from, "
	"  coalesce(m.term_to, ''), coalesce(u.username, '') "
	"FROM board_member m JOIN board b ON b.id = m.board_id LEFT JOIN app_user u ON u.id = m.user_id "
	"WHERE m.id = ?1 AND b.org_id = ?2";
static const char SQL_MEMBER_UPDATE[] =
	"UPDATE board_member SET name = ?2, party = ?3, role = ?4, position = ?5, term_from = ?6, "
	"  term_to = ?7, user_id = ?8 WHERE id = ?1";

int board_member_edit(kansli *k, int64_t org_id, int64_t member_id, const board_member_new *m, kerr *e)
{
	int rc = member_validate(m, 0, e);
	if (rc)
		return rc;
	if ((rc = kansli_begin(k, e)))
		return rc;
	if ((rc = access_check(k, org_id, ACCESS_MEETING, e)))
		goto fail;
	db_stmt *s = db_prep(k->db, SQL_MEMBER_GET, e);
	if (!s) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, member_id);
	db_bind_int(s, 2, org_id);
	if ((rc = kansli_row(s, e, KERR_NOTFOUND, "no board member %lld in this organisation", (long long)member_id)))
		goto fail;
	char name[256], party[128], role[16], position[20], from[11], to[11], user[128];
	char was_role[16], was_from[11], was_to[11];
	int64_t board_id = db_col_int(s, 0);
	snprintf(was_role, sizeof was_role, "%s", db_col_text(s, 3));
	snprintf(was_from, sizeof was_from, "%s", db_col_text(s, 5));
	snprintf(was_to, sizeof was_to, "%s", db_col_text(s, 6));
	snprintf(name, sizeof name, "%s", m->name ? m->name : db_col_text(s, 1));
	snprintf(party, sizeof party, "%s", m->party ? m->party : db_col_text(s, 2));
	snprintf(role, sizeof role, "%s", m->role ? m->role : db_col_text(s, 3));
	snprintf(position, sizeof position, "%s", m->position ? m->position : db_col_text(s, 4));
	snprintf(from, sizeof from, "%s", m->term_from ? m->term_from : db_col_text(s, 5));
	snprintf(to, sizeof to, "%s", m->term_to ? m->term_to : db_col_text(s, 6));
	snprintf(user, sizeof user, "%s", m->username ? m->username : db_col_text(s, 7));
	db_done(s);
	int64_t user_id = 0;
	if (*position && strcmp(role, "ledamot")) {
		rc = kerr_field(e, KERR_INVALID, "position", KWHY_STATE, "only a ledamot can be chair or vice chair");
		goto fail;
	}
	if (*to && strcmp(to, from) < 0) {
		rc = kerr_field(e, KERR_INVALID, "term_to", KWHY_RANGE, "the term ends before it starts");
		goto fail;
	}
	if (*user && (rc = user_find(k, user, &user_id, e)))
		goto fail;
	if ((rc = position_free(k, board_id, member_id, position, from, to, e)))
		goto fail;
	if (!(s = db_prep(k->db, SQL_MEMBER_UPDATE, e))) { rc = KERR_INTERNAL; goto fail; }
	db_bind_int(s, 1, member_id);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, *party ? party : NULL);
	db_bind_text(s, 4, role);
	db_bind_text(s, 5, *position ? position : NULL);
	db_bind_text(s, 6, from);
	db_bind_text(s, 7, *to ? to : NULL);
	if (user_id) db_bind_int(s, 8, user_id); else db_bind_null(s, 8);
	if ((rc = db_run(s, e)) ||
	    (rc = meeting_member_edit_check(k, org_id, board_id, member_id, was_from, was_to, was_role, e)) ||
	    (rc = audit_append(k, org_id, "board.member_edit", "board_member", member_id,
	                       json_pack("{s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s?}", "name", name, "party", *party ? party : NULL,
	                                 "role", role, "position", *position ? position : NULL, "from", from,
	                                 "to", *to ? to : NULL, "user", *user ? user : NULL), e)))
		goto fail;
	return kansli_commit(k, e);
fail:
	kansli_rollback(k);
	return rc;
}

static const char SQL_BOARDS[] =
	"SELECT b.code, b.name, b.kind, s.prefix, "
	"  (SELECT count(*) FROM board_member m WHERE m.board_id = b.id AND m.term_from <= ?2 "
	"     AND coalesce(m.term_to, '9999-12-31') >= ?2) "
	"FROM board b JOIN series s ON s.id = b.series_id WHERE b.org_id = ?1 ORDER BY b.code";

json_t *board_list(kansli *k, int64_t org_id, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_BOARDS, e);
	if (!s)
		return NULL;
	char today[11];
	time_today(today);
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, today);
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:I}", "code", db_col_text(s, 0),
		                      "name", db_col_text(s, 1), "kind", db_col_text(s, 2), "series", db_col_text(s, 3),
		                      "members", (json_int_t)db_col_int(s, 4)));
	if (rc < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static const char SQL_BOARD_ONE[] =
	"SELECT b.id, b.code, b.name, b.kind, s.prefix FROM board b JOIN series s ON s.id = b.series_id "
	"WHERE b.org_id = ?1 AND b.code = ?2";
/* Current members first; ledamöter before ersättare, the chair first. */
static const char SQL_MEMBERS[] =
	"SELECT m.id, m.name, m.party, m.role, m.position, m.term_from, m.term_to, u.username, "
	"  (m.term_from <= ?2 AND coalesce(m.term_to, '9999-12-31') >= ?2) AS current "
	"FROM board_member m LEFT JOIN app_user u ON u.id = m.user_id WHERE m.board_id = ?1 "
	"ORDER BY current DESC, CASE m.role WHEN 'ledamot' THEN 0 WHEN 'ersattare' THEN 1 ELSE 2 END, "
	"  CASE m.position WHEN 'ordforande' THEN 0 WHEN 'vice_ordforande' THEN 1 ELSE 2 END, m.id";

json_t *board_show(kansli *k, int64_t org_id, const char *code, kerr *e)
{
	db_stmt *s = access_prep(k, org_id, ACCESS_READ, SQL_BOARD_ONE, e);
	if (!s)
		return NULL;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, code ? code : "");
	if (kansli_row(s, e, KERR_NOTFOUND, "no board '%s' in this organisation", code ? code : ""))
		return NULL;
	int64_t id = db_col_int(s, 0);
	json_t *b = json_pack("{s:s,s:s,s:s,s:s}", "code", db_col_text(s, 1), "name", db_col_text(s, 2),
	                      "kind", db_col_text(s, 3), "series", db_col_text(s, 4));
	db_done(s);
	if (!(s = db_prep(k->db, SQL_MEMBERS, e))) {
		json_decref(b);
		return NULL;
	}
	char today[11];
	time_today(today);
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, today);
	json_t *members = json_array();
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW)
		json_array_append_new(members, json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s?,s:b}",
		                      "id", (json_int_t)db_col_int(s, 0), "name", db_col_text(s, 1),
		                      "party", db_col_null(s, 2) ? NULL : db_col_text(s, 2), "role", db_col_text(s, 3),
		                      "position", db_col_null(s, 4) ? NULL : db_col_text(s, 4),
		                      "term_from", db_col_text(s, 5), "term_to", db_col_null(s, 6) ? NULL : db_col_text(s, 6),
		                      "user", db_col_null(s, 7) ? NULL : db_col_text(s, 7), "current", (int)db_col_int(s, 8)));
	if (rc < 0) {
		json_decref(members);
		json_decref(b);
		return NULL;
	}
	json_object_set_new(b, "members", members);
	return b;
}
