/*
 * records.h — records (handlingar): registered in a case with a direction,
 * a date, a sender or recipient, a title, secrecy and files.
 *
 * Once registered, a record's files are frozen: a correction is a new
 * version (the old one kept in record_version, the old file kept and marked
 * superseded), never an overwrite, and the history can be shown.
 */
#ifndef KANSLI_RECORDS_H
#define KANSLI_RECORDS_H

#include <jansson.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"

#define RECORD_MAX_FILES 32

typedef struct record_new {
	const char *direction;      /* in/out/internal (or inkommande/utgående/upprättad) */
	const char *doc_date;       /* date received or drawn up; default today */
	const char *party_kind;     /* "person", "organisation" or NULL */
	const char *party_name;
	const char *party_idnum;    /* personnummer / organisationsnummer, optional */
	const char *party_address;  /* the party's postal address as the document
	                             * gives it, optional (needs a party): told
	                             * to staff who may see the party, never
	                             * published (core/party.h's list tells
	                             * parties of one name apart by it) */
	int same_person;            /* the user confirmed that a number already bound
	                             * to another name is this party (see party.h) */
	const char *title;
	const char *secrecy;        /* none (default), partial, full */
	const char *legal_ground;   /* e.g. "OSL 26 kap. 1 §", required when secret */
	const char *masked;         /* comma list: title,party,body,files (partial) */
	const char *body;           /* text content (imported registries), optional */
	const char *doc_type;       /* document type (handlingstyp), optional: the
	                             * retention schedule's rules match it */
	const char *files[RECORD_MAX_FILES];
	const char *file_names[RECORD_MAX_FILES]; /* optional: the name to keep (uploads) */
	int nfiles;
	int seq;                    /* import: the expected record number, 0 = next */
} record_new;

/* A stored file, ready to be bound to a record (blob already durable). */
typedef struct record_file_in {
	char name[256];
	char media_type[128];
	char hash[65];
	int64_t size;
} record_file_in;

/* Stores the files of r as blobs (call before the transaction). */
int record_store_files(kansli *k, const record_new *r, record_file_in *out, kerr *e);
/* Registers inside the open transaction. *created is 0 when an identical
 * record with the same number already existed (idempotent import). */
int record_register_tx(kansli *k, int64_t org_id, int64_t case_id, const char *case_number,
                       const record_new *r, const record_file_in *files, int64_t *record_id,
                       char number[CASENUM_MAX], int *created, kerr *e);
/* The whole operation: store files, register, commit. */
int record_register(kansli *k, int64_t org_id, const char *case_number, const record_new *r,
                    char number[CASENUM_MAX], kerr *e);

/* Opens a case and registers its first record in one transaction. */
struct case_new;
int record_register_in_new_case(kansli *k, int64_t org_id, const struct case_new *c,
                                const record_new *r, char number[CASENUM_MAX], kerr *e);

/* A correction: changed fields in r (NULL = unchanged; doc_type "" clears
 * it), new files replace files of the same name. Needs a reason. A
 * disposed record cannot be corrected. */
int record_correct(kansli *k, int64_t org_id, const char *number, const record_new *r,
                   const char *reason, kerr *e);

/* One record with its versions and files; secret fields masked unless the
 * actor may read them, in which case the read is logged. New reference. */
json_t *record_show(kansli *k, int64_t org_id, const char *number, kerr *e);
/* Records of a case, masked as above. New reference. */
json_t *record_list_for_case(kansli *k, int64_t org_id, int64_t case_id, kerr *e);
typedef struct record_filter {
	const char *series, *direction, *from, *to; /* from/to: document date range */
	int year, limit, offset;
	const char *sort; /* NULL or "newest" (default), "oldest", "number"; any other is the default */
	/* Keyset paging of the default order (the API's cursors,
	 * web/api_page.h): after is the key of the last row of the page
	 * before, as keys gave it (NULL: from the first row; another shape
	 * is KERR_INVALID); keys, when not NULL, gets each row's key
	 * appended, [document date, record id]. The other orders ignore both. */
	const json_t *after;
	json_t *keys;
} record_filter;
/* Records of an organisation, newest document date first, masked as above. */
json_t *record_list(kansli *k, int64_t org_id, const record_filter *f, kerr *e);
/* How many records match f (limit and offset aside): 0 with *total, or KERR_*. */
int record_count(kansli *k, int64_t org_id, const record_filter *f, int64_t *total, kerr *e);
/* Views of the rows of a prepared, bound statement whose first 15 columns
 * are those of a case's record list (see records.c), masked by the reader's
 * rights; secret content shown is logged as read. With snippet_col >= 0 that
 * column becomes each view's "snippet". */
json_t *record_views_from(kansli *k, int64_t org_id, struct db_stmt *s, int snippet_col, kerr *e);
/* The same, appending to ids (when not NULL) each view's record id, the
 * statement's first column. */
json_t *record_views_keyed(kansli *k, int64_t org_id, struct db_stmt *s, int snippet_col, json_t *ids, kerr *e);
/* Path of a record file's blob for reading, after the same access checks. */
int record_file_path(kansli *k, int64_t org_id, const char *number, const char *name,
                     char *path, size_t len, kerr *e);

/* Normalises a direction word to in/out/internal; NULL if unknown. */
const char *record_direction(const char *word);

/* Why g is not a legal ground as the registry writes it, one line of at
 * most 120 bytes starting with the act and its chapter and section ("OSL
 * 26 kap. 1 §", "OSL 39 kap. 3 § första stycket"): KWHY_NONE when it is;
 * KWHY_REQUIRED (empty), KWHY_LINE_BREAK, KWHY_TOO_LONG, or KWHY_FORMAT
 * ("26:1 OSL", "Sekretessbelagt"). Every place that takes a ground asks
 * this, so a ground is one line wherever it was given. */
int record_legal_ground_why(const char *g);

#endif
