/*
 * intake.h — the registrar's inbox (inkorg): what arrives for an
 * organisation, kept frozen, until a registrar judges it.
 *
 * An item comes from a channel (a mail the mail server pipes in, an
 * e-service's API call) and is stamped with its arrival time from that
 * channel: the mail server's own Received time, or the call's time. The
 * law counts a document as received when it reaches the authority, not
 * when someone reads it, so that time becomes the record's date received.
 * The original (the .eml, or the call's JSON) is a blob that never
 * changes; what was read out of it (sender, subject, text, attachments
 * with a preview) is kept beside it, with a warning when any of it holds
 * a personnummer and the problems met reading it.
 *
 * The same message taken twice is one item: a mail by its Message-ID
 * with its content hash (mailparse.h), an API call by its Idempotency-Key.
 *
 * A registrar then registers it (a new case, or a record in a case: its
 * text, its attachments and its original become the record's files),
 * rejects it with a reason (kept, then purged by intake_purge), or
 * forwards it to an officer or a unit. Each is one transaction and one
 * audit event; only the organisation's registrars see its whole inbox
 * (ACCESS_INTAKE), an officer sees what is forwarded to them or their
 * unit and may register it or send it back (access_intake_item), and an
 * e-service's user may only hand items in (ACCESS_INTAKE_SUBMIT).
 *
 * Seams for what comes later: an IMAP poller is a third source calling
 * intake_take_mail with the IMAP internal date as the arrival time
 * (intake_take_mail_at); OCR of scanned paper would add a source and
 * fill the attachments' previews; a receipt would follow a registration.
 */
#ifndef KANSLI_INTAKE_H
#define KANSLI_INTAKE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"
#include "core/mailparse.h"
#include "core/records.h"

struct case_new;

#define INTAKE_DEFAULT_KEEP_DAYS 30

/* Takes a mail (data[0..len), as the mail server delivered it) into
 * org_id's inbox. The arrival time is its topmost Received header's, or
 * now when it has none (or one in the future). 0 with *item_id and
 * *created (0: the same message was already there, *item_id names it),
 * or KERR_* (KERR_INVALID: empty or over lim's size; nothing kept). */
int intake_take_mail(kansli *k, int64_t org_id, const char *data, size_t len, const mail_limits *lim,
                     int64_t *item_id, int *created, kerr *e);
/* The same with the arrival time given by the channel (arrived_us > 0). */
int intake_take_mail_at(kansli *k, int64_t org_id, const char *data, size_t len, const mail_limits *lim,
                        int64_t arrived_us, int64_t *item_id, int *created, kerr *e);

/* One attachment of an e-service's submission. */
typedef struct intake_attachment {
	const char *name;
	const void *data;
	size_t len;
} intake_attachment;

/* An e-service's submission (POST /api/v1/intake). */
typedef struct intake_submission {
	const char *key;      /* the Idempotency-Key: required; the same key is the same item */
	const char *sender;   /* required */
	const char *subject;  /* required */
	const char *text;     /* optional */
	const char *original; /* the call's body as it came, kept as the original */
	size_t original_len;
	intake_attachment attach[MAIL_MAX_ATTACHMENTS];
	int nattach;
} intake_submission;

/* Takes an e-service's submission into the inbox, arriving now. 0 with
 * *item_id and *created (0: the key was used before and *item_id is its
 * item; KERR_CONFLICT when that item's submission differed), or KERR_*. */
int intake_submit(kansli *k, int64_t org_id, const intake_submission *s, int64_t *item_id, int *created,
                  kerr *e);

/* The inbox: state "open" (default: not yet judged), "registered",
 * "rejected", "forwarded" (open and forwarded) or "all"; newest arrival
 * first. Each item: id, source, sender, subject, arrived, age_hours,
 * files, personnummer, problems, state and what was done (forwarded_to,
 * and returned_by with return_note when it was sent back). A registrar
 * sees the whole inbox, an officer only what is forwarded to them or their
 * units (access_intake_scope). New reference, or NULL with e set. */
json_t *intake_list(kansli *k, int64_t org_id, const char *state, kerr *e);

/* What intake_search looks for; NULL or "" is "any". */
typedef struct intake_filter {
	const char *state;     /* as intake_list's */
	const char *text;      /* words, each found in the sender, the subject or the text
	                        * (folded: case and accents aside); never SQL nor FTS */
	const char *source;    /* "mail" or "api" */
	const char *from, *to; /* arrival dates YYYY-MM-DD in Swedish time, both included */
	int mine;              /* only what is forwarded to the actor or their units */
	int limit, offset;     /* a page of the matches; limit 0: all of them */
} intake_filter;
/* The items matching f, newest arrival first, as intake_list's; *total
 * (may be NULL) gets how many match in all. A registrar's search of the
 * whole inbox (not mine) marks it opened (intake_mark_opened). KERR_INVALID (field state,
 * source, from or to) for a filter that is not one. New reference, or
 * NULL with e set. */
json_t *intake_search(kansli *k, int64_t org_id, const intake_filter *f, int64_t *total, kerr *e);
/* One item with its text, attachments (with previews), problems and the
 * registration it prefills ("prefill": title, party, date received). */
json_t *intake_show(kansli *k, int64_t org_id, int64_t id, kerr *e);
/* The path of one attachment's blob ("original" for the original) of an
 * open item, and its name and type, for reading. */
int intake_file_path(kansli *k, int64_t org_id, int64_t id, const char *which, char *path, size_t len,
                     char name[256], char type[128], kerr *e);

/* Registers item id: in the case case_number, or, when that is NULL, in a
 * new case c. r holds what the registrar checked: its NULL fields are
 * filled from the item (title: subject; party: sender; doc_date: the
 * arrival date; direction: in); its files are ignored (the item's text,
 * attachments and original are the record's). number gets the record's. */
int intake_register(kansli *k, int64_t org_id, int64_t id, const char *case_number, const struct case_new *c,
                    const record_new *r, char number[CASENUM_MAX], kerr *e);
/* Joins the items ids[0..n) (2 to INTAKE_JOIN_MAX, each open, each the
 * actor's to judge) into one record, in the case case_number or a new case
 * c: r as intake_register's, prefilled from the first item, dated the
 * earliest arrival; the files are each item's text, attachments and
 * original, named "ID-name". Each item is registered as that record. One
 * transaction, one "intake.join" event. number gets the record's. */
#define INTAKE_JOIN_MAX 10
int intake_join(kansli *k, int64_t org_id, const int64_t *ids, int n, const char *case_number,
                const struct case_new *c, const record_new *r, char number[CASENUM_MAX], kerr *e);

/* One record an item is split into: its case (it exists), its title (NULL:
 * the subject and its first attachment's name) and its attachments (seq
 * numbers, as intake_show gives them). */
typedef struct intake_part {
	const char *case_number;
	const char *title;
	const char *secrecy, *legal_ground, *masked; /* as record_new's; said for a case holding secrets */
	int seqs[MAIL_MAX_ATTACHMENTS];
	int nseqs;
} intake_part;
/* Splits item id into nparts (2 and more) records: each attachment goes
 * into exactly one part, and each part holds at least one, with the text
 * and the original (kept with every record: the frozen evidence of what
 * arrived). Sender and date received are the item's. numbers[i] gets part
 * i's record. One transaction, one "intake.split" event. */
int intake_split(kansli *k, int64_t org_id, int64_t id, const intake_part *parts, int nparts,
                 char (*numbers)[CASENUM_MAX], kerr *e);
/* Marks item id as not to be registered: reason is "not_public" (not a
 * public document), "little_importance" (OSL 5 kap. 1 §) or "spam". */
int intake_reject(kansli *k, int64_t org_id, int64_t id, const char *reason, kerr *e);
/* 1 when reason is one intake_reject takes. */
int intake_reason_valid(const char *reason);
/* Forwards item id to a user (username) or a unit (code), one of them,
 * with a note; it stays in the inbox until judged. */
int intake_forward(kansli *k, int64_t org_id, int64_t id, const char *user, const char *unit, const char *note,
                   kerr *e);
/* Sends forwarded item id back to the registrars, with a note (why): the
 * officer it was forwarded to (or a member of its unit) or a registrar.
 * It is open again and no longer forwarded. */
int intake_send_back(kansli *k, int64_t org_id, int64_t id, const char *note, kerr *e);
/* How many working days the inbox may go unopened by default. */
#define INTAKE_DEFAULT_UNOPENED_DAYS 2
/* Whether org_id's inbox is watched. The law counts a document received
 * when it reaches the authority, so an inbox nobody opens is a risk: a
 * warning rises when an item not yet judged nor forwarded has waited
 * unopened_days working days (Swedish ones, util/caldate.h) since it
 * arrived without any registrar opening the inbox since. The registrars'
 * (ACCESS_INTAKE). New reference {unopened_days, opened (RFC 3339 or
 * null), opened_by (or null), waiting, oldest (RFC 3339 or null),
 * working_days, warning}, or NULL with e set. */
json_t *intake_watch(kansli *k, int64_t org_id, kerr *e);
/* Sets how many working days (1..60) the inbox may go unopened before the
 * warning. The registrars'; one transaction, event "intake.settings". */
int intake_set_unopened_days(kansli *k, int64_t org_id, long days, kerr *e);
/* Notes that a registrar opened org_id's inbox now: listing all of it is
 * opening it (intake_search does, at most once a minute). 0 or KERR_*. */
int intake_mark_opened(kansli *k, int64_t org_id, kerr *e);

/* Inside a forward's transaction: forgets that item id was sent back
 * (it is forwarded anew). 0 or KERR_*. */
int intake_return_forget(kansli *k, int64_t id, kerr *e);
/* Purges the items rejected more than keep_days days ago: their rows, and
 * their blobs when nothing else names them. *purged gets how many. */
int intake_purge(kansli *k, int64_t org_id, int keep_days, int64_t *purged, kerr *e);

#endif
