/*
 * notice.h — the digital notice board (anslagstavla, Kommunallagen 8 kap.
 * 9–12 §§): announcements of council meetings before they take place,
 * notices that minutes have been adjusted (with the posting date, where the
 * minutes are kept, the last day to appeal and the day the notice comes
 * down), and other announcements. Notices are public: anyone reads them
 * without logging in. A posted notice is never edited; it can be taken
 * down early (logged) and stays in the archive. Its file alone can go: a
 * file of a record disposed of (gallring) is no longer served, and the
 * notice says so ("file_disposed": "Gallrad <date> enligt <decision>").
 */
#ifndef KANSLI_NOTICE_H
#define KANSLI_NOTICE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/kansli.h"

typedef struct notice_new {
	const char *kind;          /* "meeting", "minutes" or "other" */
	const char *board;         /* the body concerned, e.g. "Kommunfullmäktige" */
	const char *title;
	const char *body;          /* plain text shown on the board, optional */
	const char *posted_date;   /* default today */
	const char *down_date;     /* default: minutes: the day after the appeal
	                            * ends; meeting: the day after the meeting;
	                            * other: posted + 21 days */
	const char *meeting_date;  /* "meeting" (required) and "minutes" */
	const char *adjusted_date; /* "minutes" (required, <= posted): adjustment day */
	const char *storage_place; /* "minutes" (required): where the minutes are kept */
	const char *file_hash;     /* optional: a stored blob (e.g. the minutes as PDF)
	                            * that is a file of a record without secrecy of
	                            * this organisation (possibly registered earlier
	                            * in the same transaction) or of one of its
	                            * notices; anything else is KERR_NOTFOUND */
	const char *file_name;     /* its name for downloads */
	int64_t meeting_id;        /* optional link to a meeting, 0 = none */
	const char *file_path;     /* optional: a local file to store as the
	                            * blob (instead of file_hash); file_name
	                            * defaults to its base name */
} notice_new;

/* Posts inside the open transaction (the caller's operation, e.g. adjusting
 * minutes); computes the appeal end for minutes; logs notice.post. Needs
 * ACCESS_MEETING in org. *id gets the notice. 0 or KERR_*. */
int notice_post_tx(kansli *k, int64_t org_id, const notice_new *n, int64_t *id, kerr *e);
/* The same as a whole operation (its own transaction). */
int notice_post(kansli *k, int64_t org_id, const notice_new *n, int64_t *id, kerr *e);
/* Takes a notice down before its down date, with a reason (logged). */
int notice_take_down(kansli *k, int64_t org_id, int64_t id, const char *reason, kerr *e);

/* Staff: every notice of the organisation, scheduled ones too, newest
 * posting first, each with "status" (scheduled, posted, expired,
 * taken_down), "actor" and "created". Needs ACCESS_MEETING. */
json_t *notice_list(kansli *k, int64_t org_id, int limit, kerr *e);
/* Staff: one notice as notice_list shows it, plus "late" (see below). */
json_t *notice_show(kansli *k, int64_t org_id, int64_t id, kerr *e);

/* Public: notices on the board today (archive = 0: posted_date <= today <
 * down_date, not taken down) or the archive (1: posted, and since taken
 * down or past the down date), newest posting first: [{id, kind, board,
 * title, body?, posted, down, meeting_date?, adjusted?, appeal_end?,
 * storage_place?, file?, file_hash?, file_disposed?, taken_down?,
 * taken_down_reason?, late, published}]; file is the download name (with
 * file_disposed and no file_hash when it was disposed of), published the
 * posting's time
 * (RFC 3339 UTC). No access check: everything posted is public by law;
 * scheduled notices (posted in the future) are not shown. */
json_t *notice_list_public(kansli *k, int64_t org_id, int archive, int limit, kerr *e);
json_t *notice_show_public(kansli *k, int64_t org_id, int64_t id, kerr *e);
/* Every object notice_* returns carries "late": true when the posting came
 * later than the law expects: a meeting announced less than a week before
 * it (KL 5 kap. 11 §), minutes posted more than two days after adjustment
 * (KL 8 kap. 12 §). A warning, never a refusal. */
/* Path of a notice's file for download (public), or KERR_NOTFOUND (also
 * before it is posted, after it was taken down early and once its file
 * was disposed of). */
int notice_file_path(kansli *k, int64_t org_id, int64_t id, char *path, size_t len,
                     char *name, size_t name_len, kerr *e);

#endif
