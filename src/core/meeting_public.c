/*
 * meeting_public.c — a meeting's texts as the public may read them: what
 * the notice (kallelse) and the minutes posted on the notice board say of
 * each case, masked as the public case page masks it; see meeting.h.
 *
 * The agenda, the decisions, the proposals, the reservations and the
 * delegated decisions are written by staff in free text, and a secretary writes what was
 * decided about a person, by name. Each text belongs to one case, and that
 * case's masks (casetitle.h: the names of its masked parties, and private
 * persons' in a series that masks persons, and every personnummer) are
 * the ones case_text_public applies to it, the same function the public
 * case page uses, so that the posted file and the page never differ in
 * what they hide.
 */
#include "core/meeting.h"

#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/cases.h"
#include "core/casetitle.h"

/* Replaces o[key], a text of case_id, by its public rendering; adds the
 * grounds (when not NULL) of the secrets it named. 0 or KERR_*. */
static int mask_text(kansli *k, int64_t case_id, json_t *o, const char *key, json_t *grounds, buf *b, kerr *e)
{
	const char *text = json_string_value(json_object_get(o, key));
	if (!text || !*text)
		return 0;
	int rc = grounds ? case_text_secret_grounds(k, case_id, text, grounds, e) : 0;
	if (rc || (rc = case_text_public(k, case_id, text, b, e)))
		return rc;
	json_object_set_new(o, key, json_string(b->s));
	return 0;
}

/* The case numbered by o["case"], or 0 for a text of no case. */
static int case_of(kansli *k, int64_t org_id, json_t *o, int64_t *case_id, kerr *e)
{
	const char *number = json_string_value(json_object_get(o, "case"));
	*case_id = 0;
	return number && *number ? case_find(k, org_id, number, case_id, e) : 0;
}

/* One agenda item of a case: its title (the case's stand-in when its title
 * is not published: a title a secretary wrote may name a person the mask
 * of parties cannot know), decision, reservations, the titles of the
 * records sent with the notice and the recipients of its extracts. */
static int mask_item(kansli *k, int64_t case_id, json_t *it, json_t *grounds, buf *b, kerr *e)
{
	int published, rc = case_title_public(k, case_id, b, &published, e);
	if (rc)
		return rc;
	if (!published)
		json_object_set_new(it, "title", json_string(b->s));
	else if ((rc = mask_text(k, case_id, it, "title", grounds, b, e)))
		return rc;
	if ((rc = mask_text(k, case_id, it, "decision", grounds, b, e)))
		return rc;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(it, "notes"), i, x)
		if ((rc = mask_text(k, case_id, x, "text", grounds, b, e)))
			return rc;
	/* a proposal is free text too, and may name whom the § is about */
	json_array_foreach(json_object_get(it, "proposals"), i, x)
		if ((rc = mask_text(k, case_id, x, "text", grounds, b, e)))
			return rc;
	json_array_foreach(json_object_get(it, "records"), i, x)
		if ((rc = mask_text(k, case_id, x, "title", grounds, b, e)))
			return rc;
	json_array_foreach(json_object_get(it, "dispatched"), i, x)
		if ((rc = mask_text(k, case_id, x, "recipient", grounds, b, e)))
			return rc;
	/* the case's senders and recipients, offered for dispatch: staff's */
	json_object_del(it, "parties");
	return 0;
}

int meeting_mask_public(kansli *k, int64_t org_id, json_t *items, json_t *dele, json_t *grounds, kerr *e)
{
	buf b = BUF_INIT;
	int rc = 0;
	int64_t case_id;
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		if ((rc = case_of(k, org_id, x, &case_id, e)))
			break;
		if (case_id && (rc = mask_item(k, case_id, x, grounds, &b, e)))
			break;
	}
	json_array_foreach(dele, i, x) {
		if (rc || (rc = case_of(k, org_id, x, &case_id, e)))
			break;
		if ((rc = mask_text(k, case_id, x, "summary", grounds, &b, e)) ||
		    (rc = mask_text(k, case_id, x, "decided_by", grounds, &b, e)))
			break;
	}
	buf_free(&b);
	return rc;
}

void meeting_grounds_join(json_t *grounds, char *out, size_t len)
{
	size_t i, at = 0;
	json_t *g;
	if (len > 121) /* a record's legal ground is at most 120 bytes */
		len = 121;
	out[0] = '\0';
	json_array_foreach(grounds, i, g) {
		int n = snprintf(out + at, len - at, "%s%s", at ? ", " : "", json_string_value(g));
		if (n < 0 || (size_t)n >= len - at) {
			out[at] = '\0';
			break;
		}
		at += (size_t)n;
	}
}

/* A member of the meeting's board in their term on its date, linked to
 * the user: one who decides, and approves the minutes. */
static const char SQL_LINKED_MEMBER[] =
	"SELECT 1 FROM board_member WHERE board_id = ?1 AND user_id = ?2 AND term_from <= ?3 "
	"  AND coalesce(term_to, '9999-12-31') >= ?3";

int meeting_reads_whole(kansli *k, const meeting_row *m, kerr *e)
{
	int rc = access_may(k, m->org_id, ACCESS_MEETING, e);
	if (rc)
		return rc;
	db_stmt *s = db_prep(k->db, SQL_LINKED_MEMBER, e);
	if (!s)
		return KERR_INTERNAL;
	db_bind_int(s, 1, m->board_id);
	db_bind_int(s, 2, k->user_id);
	db_bind_text(s, 3, m->date);
	rc = db_step(s, e);
	db_done(s);
	if (rc != DB_DONE)
		return rc < 0 ? rc : 1;
	kerr why = KERR_INIT;
	rc = access_secret_case(k, m->case_id, &why);
	if (rc && rc != KERR_DENIED)
		return kerr_set(e, rc, "%s", why.msg);
	return rc == 0;
}
