/*
 * meeting.h — the committee cycle of a board: meetings (planned → called
 * → held → adjusted), their agenda (föredragningslista), the notice
 * (kallelse), the minutes (protokoll) with attendance, numbered
 * paragraphs, reservations and jäv, the adjustment (justering) that
 * freezes them, decisions flowing back into their cases, and dispatch of
 * extracts (expediering).
 *
 * meeting.c holds meetings, the view of one and the notice; agenda.c the
 * items and the cases ready for decision; minutes.c attendance,
 * paragraphs, adjustment and dispatch. Each meeting has a case of its own
 * in the board's series, where its notice and minutes are registered.
 * Every function that changes something is one transaction with audit
 * events; once the minutes are adjusted every change is refused.
 */
#ifndef KANSLI_MEETING_H
#define KANSLI_MEETING_H

#include <jansson.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"
#include "util/buf.h"

struct meeting_quorum;
/* A meeting as loaded inside core (meeting_load). */
typedef struct meeting_row {
	int64_t id, org_id, board_id, case_id;
	char board_code[24], board_name[256], board_kind[16];
	char date[11], time[6], place[256], status[12];
	char case_number[CASENUM_MAX];
	char adjusted_date[11];
} meeting_row;

/* --- meeting.c --- */
/* Plans a meeting of board on date at time (HH:MM) in place; opens the
 * meeting's case and puts the standing items on its agenda. */
int meeting_create(kansli *k, int64_t org_id, const char *board, const char *date, const char *time,
                   const char *place, int64_t *id, kerr *e);
/* Meetings, newest first, of one board (code) or all: [{id, board,
 * board_name, date, time, place, status, case}]. */
json_t *meeting_list(kansli *k, int64_t org_id, const char *board, kerr *e);
/* Everything about a meeting: board, items with cases, records and §,
 * attendance, adjusters, approvers with their approvals, delegated
 * decisions to report, the minutes' SHA-256. */
json_t *meeting_show(kansli *k, int64_t org_id, int64_t id, kerr *e);
/* The notice as PDF bytes appended to out (a preview; nothing changes). */
int meeting_notice_pdf(kansli *k, int64_t org_id, int64_t id, buf *out, kerr *e);
/* Sends the notice: registers it (with its PDF) in the meeting's case,
 * moves the meeting to "called" and, for kommunfullmäktige, announces the
 * meeting on the notice board. record gets the notice's number. */
int meeting_send_notice(kansli *k, int64_t org_id, int64_t id, char record[CASENUM_MAX], kerr *e);

/* Loads a meeting of org (no access check). 0 or KERR_NOTFOUND. */
int meeting_load(kansli *k, int64_t org_id, int64_t id, meeting_row *m, kerr *e);
/* The meeting an agenda item belongs to. */
int meeting_load_item(kansli *k, int64_t org_id, int64_t item_id, meeting_row *m, kerr *e);
/* KERR_CONFLICT when the minutes are adjusted (frozen). */
int meeting_not_frozen(const meeting_row *m, kerr *e);
/* The agenda items and the members in their term on the meeting's date,
 * as in meeting_show (no access check). New references or NULL. */
json_t *meeting_items_json(kansli *k, int64_t meeting_id, kerr *e);
json_t *meeting_attendance_json(kansli *k, const meeting_row *m, kerr *e);

/* --- meeting_public.c --- */
/* Masks in place, for what is published (the notice, the minutes on the
 * notice board), the texts of items (meeting_items_json) and dele
 * (delegation_for_meeting) of org_id: each text of a case (an item's title,
 * decision and reservations, the titles of its records, a delegated
 * decision's summary and decider) as case_text_public renders it for the
 * public case page, and an item of a case whose title is not published
 * under the case's stand-in. When grounds is not NULL, the legal grounds
 * of the secrets the texts named are added to it (case_text_secret_grounds):
 * why the unmasked original must be kept secret. 0 or KERR_*. */
int meeting_mask_public(kansli *k, int64_t org_id, json_t *items, json_t *dele, json_t *grounds, kerr *e);
/* Whether the acting user reads meeting m's texts whole: those who
 * prepare meetings (ACCESS_MEETING), the members of its board (linked to
 * their user: they decide, and the chair and the adjusters approve what
 * they read), and those entitled to the secrets of the meeting's case,
 * where its minutes are registered (access_secret_case; the original is
 * secret-marked for everyone else). Everyone else reads them as the public
 * does (meeting_mask_public). 1, 0, or a negative KERR_* with e set. */
int meeting_reads_whole(kansli *k, const meeting_row *m, kerr *e);
/* Joins grounds (strings) into out as one legal ground ("OSL 26 kap. 1 §,
 * OSL 21 kap. 1 §"), as many whole ones as a record's legal ground holds
 * (120 bytes, less when len is smaller). */
void meeting_grounds_join(json_t *grounds, char *out, size_t len);

/* --- agenda.c --- */
/* Marks a case ready for decision by board (NULL or "" clears it). */
int agenda_mark_ready(kansli *k, int64_t org_id, const char *case_number, const char *board, kerr *e);
/* Open cases ready for decision by the meeting's board and on no agenda
 * of a meeting not yet adjusted: [{case, title, records:[...]}]. */
json_t *agenda_ready_cases(kansli *k, int64_t org_id, int64_t meeting_id, kerr *e);
/* Where a case stands in the committee cycle: {ready_for?: {code, name},
 * meetings: [{id, date, status, board, paragraph?}]}. */
json_t *agenda_case_info(kansli *k, int64_t org_id, const char *case_number, kerr *e);
/* Puts a case on the agenda (title: the case's unless given). */
int agenda_add_case(kansli *k, int64_t org_id, int64_t meeting_id, const char *case_number,
                    const char *title, int64_t *item_id, kerr *e);
int agenda_add_standing(kansli *k, int64_t org_id, int64_t meeting_id, const char *title,
                        int64_t *item_id, kerr *e);
/* A record of the item's case to send with the notice. */
int agenda_attach(kansli *k, int64_t org_id, int64_t item_id, const char *record_number, kerr *e);
int agenda_remove(kansli *k, int64_t org_id, int64_t item_id, kerr *e);
/* Moves an item one place up (up = 1) or down. */
int agenda_move(kansli *k, int64_t org_id, int64_t item_id, int up, kerr *e);

/* --- minutes.c --- */
/* status "present" or "absent"; an ersättare present may serve for an
 * absent ledamot (serving_for, 0 = not serving). */
int minutes_attendance(kansli *k, int64_t org_id, int64_t meeting_id, int64_t member_id,
                       const char *status, int64_t serving_for, kerr *e);
/* One member's attendance in a whole list. */
typedef struct minutes_att {
	int64_t member_id;
	const char *status;  /* "present" or "absent" */
	int64_t serving_for; /* 0: serves for nobody */
} minutes_att;
/* The attendance of every member listed, in one transaction: the list is
 * written in an order that makes each step allowed where the whole is
 * (absences, then ersättare released, then the present, then who serves
 * for whom), with minutes_attendance's rules; what is recorded already is
 * left as it is. All or nothing: 0, or KERR_* naming the first refused. */
int minutes_attendance_all(kansli *k, int64_t org_id, int64_t meeting_id, const minutes_att *list, size_t n,
                           kerr *e);
/* Appoints (remove = 0) or removes an adjuster (justerare). */
int minutes_adjuster(kansli *k, int64_t org_id, int64_t meeting_id, int64_t member_id, int remove,
                     kerr *e);
/* Draws up the minutes: numbers the items § continuing from the board's
 * last § of the calendar year, and moves the meeting to "held". Drawn up
 * even without a quorum (the minutes record what happened), but q (when
 * not NULL) gets the meeting's quorum so the caller warns when it lacks. */
int minutes_draw_up(kansli *k, int64_t org_id, int64_t meeting_id, struct meeting_quorum *q, kerr *e);
/* Why the minutes of a meeting in status, held on date (YYYY-MM-DD), with
 * items agenda items, cannot be drawn up today: NULL when they can (the
 * rules of minutes_draw_up, asked beforehand), else "not_called" (the
 * notice is not sent), "drawn_up" (already done), "before_date" (the
 * meeting has not been held yet) or "empty" (no items). Access is not
 * asked here: a page shows the action only to those who may prepare. */
const char *minutes_draw_up_hindrance(const char *status, const char *date, size_t items);
int minutes_decision(kansli *k, int64_t org_id, int64_t item_id, const char *text, kerr *e);
/* The decisions of several items of meeting_id (texts[i] for items[i]) in
 * one transaction: each item must be on that meeting's agenda; an
 * unchanged text is left as it is. All or nothing. */
int minutes_decisions(kansli *k, int64_t org_id, int64_t meeting_id, const int64_t *items,
                      const char *const *texts, size_t n, kerr *e);
/* kind "reservation" (text: the member's reasons, optional; proposal:
 * the proposal of the § it defends, 0 for none) or "jav"; remove = 1
 * takes it away. Only a member taking part in the § reserves; a member
 * marked jäv takes no part in it, so jäv is refused once they have made a
 * proposal or voted in it. */
int minutes_note(kansli *k, int64_t org_id, int64_t item_id, int64_t member_id, const char *kind,
                 const char *text, int64_t proposal, int remove, kerr *e);
/* The canonical text of the minutes, the text approvals bind by SHA-256,
 * to one who reads them whole (meeting_reads_whole); to anyone else the
 * minutes as the public may read them (MINUTES_PUBLIC). */
int minutes_text(kansli *k, int64_t org_id, int64_t meeting_id, buf *out, kerr *e);
/* The canonical text of m's minutes (the registered text, frozen, once
 * adjusted), with no access check: for the approvals' hash. */
int minutes_text_whole(kansli *k, const meeting_row *m, buf *out, kerr *e);
/* Checks every adjusted meeting (for kansli verify): its registered text
 * hashes to the SHA-256 kept with it and logged at adjustment, and each
 * approval binds that hash in the log. 0 or KERR_TAMPERED. */
int minutes_verify(kansli *k, uint64_t *count, kerr *e);
/* The acting user approves the minutes as the chair or an appointed
 * adjuster they are linked to. When all have approved the same text the
 * minutes are adjusted, in the same transaction: frozen, rendered as PDF
 * and registered, each § with a case registered as a decision in it (the
 * case moves to "decided"), delegated decisions marked reported, and the
 * adjustment posted on the notice board. *adjusted says whether it was
 * the last approval. */
int minutes_approve(kansli *k, int64_t org_id, int64_t meeting_id, int *adjusted, kerr *e);
/* Dispatch (expediering): a protokollsutdrag of the § to each recipient,
 * registered as an outgoing record in the item's case. */
int minutes_dispatch(kansli *k, int64_t org_id, int64_t item_id, const char *const *recipients, int n,
                     kerr *e);

/* The minutes as decided: the text approvals bind, kept whole as the
 * archival original; or as the public may read them (meeting_mask_public),
 * the version posted on the notice board. */
typedef enum { MINUTES_WHOLE, MINUTES_PUBLIC } minutes_form;
struct pdf_doc;
/* Appends the minutes of m in form to text, one canonical text built from
 * the stored rows in a fixed order, and the same blocks to d when it is
 * not NULL. For MINUTES_PUBLIC, grounds (when not NULL) gets the legal
 * grounds of the secrets the whole texts name (meeting_mask_public).
 * 0 or KERR_*. */
int minutes_compose(kansli *k, const meeting_row *m, minutes_form form, buf *text, struct pdf_doc *d,
                    json_t *grounds, kerr *e);

/* --- quorum.c --- */
/* A board's quorum (beslutförhet) at a meeting or in one of its §. */
typedef struct meeting_quorum {
	int seats;   /* ledamöter in their term on the meeting's date */
	int serving; /* ledamöter present and ersättare serving for one, less
	              * those disqualified (jäv) from the § */
	int needed;  /* more than half of the seats */
	int met;
} meeting_quorum;
/* Counts the quorum of meeting m in item_id (0: the meeting as a whole). */
int meeting_quorum_count(kansli *k, const meeting_row *m, int64_t item_id, meeting_quorum *q, kerr *e);
/* 0 when item_id (§ paragraph, 0 when not numbered) has a quorum, else
 * KERR_CONFLICT on field "quorum" saying how many take part and must. */
int meeting_quorum_require(kansli *k, const meeting_row *m, int64_t item_id, long long paragraph, kerr *e);
/* {seats, serving, needed, met}: a new reference. */
json_t *meeting_quorum_json(const meeting_quorum *q);
enum { MEMBER_SERVES = 0, MEMBER_NOT_SERVING = 1, MEMBER_DISQUALIFIED = 2 };
/* Where member_id stands in item_id of m: MEMBER_SERVES (takes part),
 * MEMBER_NOT_SERVING (absent, not recorded, an ersättare serving for no
 * one, the secretary) or MEMBER_DISQUALIFIED (jäv); name gets their name.
 * A negative KERR_* (KERR_INVALID on "member" when not a member of the
 * board on the meeting's date). */
int meeting_member_standing(kansli *k, const meeting_row *m, int64_t item_id, int64_t member_id, char name[256],
                            kerr *e);
/* 0 when everyone who voted, made a proposal or reserved in a § of m takes
 * part in the meeting's decisions as its attendance now stands; else
 * KERR_CONFLICT on field "attendance" naming the first who does not, and
 * where. A vote of one not present would otherwise be counted (H3). */
int meeting_part_without_seat(kansli *k, const meeting_row *m, kerr *e);
/* --- quorum_terms.c --- */
/* 0 when the edit of member_id of board_id (already written; its term
 * was from..to, to '' for open, and its role role before) leaves their
 * standing on the day of every meeting drawn up or adjusted as it was;
 * else KERR_CONFLICT naming the member and the § they took part in (as
 * meeting_part_without_seat), or the meeting whose seats they held. */
int meeting_member_edit_check(kansli *k, int64_t org_id, int64_t board_id, int64_t member_id, const char *from,
                              const char *to, const char *role, kerr *e);
/* 0 when member_id takes part in item_id, else KERR_INVALID on field
 * (KWHY_STATE) saying they cannot do what ("vote", "make a proposal"). */
int meeting_member_takes_part(kansli *k, const meeting_row *m, int64_t item_id, int64_t member_id, const char *what,
                              const char *field, char name[256], kerr *e);

/* --- proposals.c --- */
/* A proposal (yrkande) in item_id by member_id (who takes part in it),
 * put last in the order the chair puts them (propositionsordning). */
int minutes_propose(kansli *k, int64_t org_id, int64_t item_id, int64_t member_id, const char *text, int64_t *id,
                    kerr *e);
/* Takes a proposal away; refused while a vote or a reservation names it. */
int minutes_proposal_remove(kansli *k, int64_t org_id, int64_t proposal_id, kerr *e);
/* The propositionsordning of item_id: ids, every proposal of the § once. */
int minutes_proposal_order(kansli *k, int64_t org_id, int64_t item_id, const int64_t *ids, size_t n, kerr *e);
/* A roll-call vote (omröstning) in item_id: ja for proposal yes, nej for
 * proposal no (both of the §, not the same); 0 and 0 call it off. Votes
 * cast in a vote between other proposals are cleared. */
int minutes_ballot(kansli *k, int64_t org_id, int64_t item_id, int64_t yes, int64_t no, kerr *e);
/* One member's vote in a whole list. */
typedef struct minutes_vote_in {
	int64_t member_id;
	const char *choice; /* "ja", "nej", "avstar", or "" to clear */
} minutes_vote_in;
/* The votes of the listed members in item_id's roll-call vote, in one
 * transaction: each must take part in the § (present and serving, no
 * jäv). All or nothing; KERR_* names the first refused (kerr_subject). */
int minutes_votes(kansli *k, int64_t org_id, int64_t item_id, const minutes_vote_in *list, size_t n, kerr *e);
/* Adds to each item of items (meeting_items_json, of meeting m) its
 * "proposals" [{id, member_id, name, party, text, order}] in the order made (order: the place in the propositionsordning), its "vote" (when one
 * is called) {yes, no, votes [{member_id, name, choice}], ja, nej,
 * avstar, result: yes|no|tie, casting?: the chair's vote that decided a
 * tie, winner?: the proposal}, its "quorum", and each reservation's
 * "proposal". 0 or KERR_*. */
int minutes_decision_making_json(kansli *k, const meeting_row *m, json_t *items, kerr *e);

/* --- minutes_decide_text.c --- */
/* The minutes' words for how a § was decided, as item it of meeting_show
 * has it (after minutes_decision_making_json). Each appends to b. */
/* "X deltar inte i handläggningen på grund av jäv." for jäv note n. */
void minutes_jav_line(buf *b, json_t *n);
/* "Reservation: X till förmån för yrkande 2 (Y): reasons" for note n. */
void minutes_reservation_line(buf *b, json_t *it, json_t *n);
/* The proposals, the order they were put and the vote with its result,
 * lines joined by "\n" (no last one); 1 when the § has none (b untouched). */
int minutes_decision_making_text(buf *b, json_t *it);

/* --- minutes_adjust.c --- */
struct record_file_in;
/* Stores PDF bytes as a blob named name (durable before the row that
 * names it); f is filled for registering it. 0 or KERR_*. */
int minutes_store_pdf(kansli *k, buf *pdf, const char *name, struct record_file_in *f, kerr *e);
/* The adjustment's consequences, inside minutes_approve's transaction, for
 * the minutes text the approvals bind (sha its SHA-256; show the meeting
 * as meeting_show gives it): the original registered whole in the
 * meeting's case, secret-marked with the grounds of the secrets it names;
 * a version masked for the public registered beside it when the two
 * differ; each § with a case registered as its decision; delegated
 * decisions marked reported; the public version posted on the notice
 * board. 0 or KERR_*. */
int minutes_adjust_tx(kansli *k, int64_t org_id, const meeting_row *m, json_t *show, const char *text,
                      const char *sha, kerr *e);

#endif
