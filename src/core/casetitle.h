/*
 * casetitle.h — protected case titles (skyddad ärendemening).
 *
 * A case title can itself reveal what is secret: a client's name in a
 * social-services case. A case may therefore carry a public title beside
 * its full one (case_file.public_title; NULL means the title itself is
 * public), and every surface that shows a title to someone who may not read
 * the case's secrets shows its rendering for that audience instead:
 *
 *   public   the public title if set, else the title; either way with the
 *            names of the case's parties the public registry masks (by
 *            secrecy, or private persons in a series that masks persons)
 *            replaced by "[maskerat]". In a series that masks persons the
 *            title itself is not published until the case has a public
 *            title: the public sees CASE_TITLE_UNPUBLISHED instead (the
 *            title may name a person who is no party, a child in a report
 *            from a school, and no mask of party names can know that)
 *   staff    the same, masking only the parties masked by secrecy (a
 *            series' person masking is for the public registry only)
 *
 * Those entitled to the case's secrets (access_secret_case) see the full
 * title, marked as protected, and that read is logged as case.read_secret.
 */
#ifndef KANSLI_CASETITLE_H
#define KANSLI_CASETITLE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"
#include "util/buf.h"
#include "util/textmask.h"

typedef enum { CASE_TITLE_PUBLIC, CASE_TITLE_STAFF } case_title_audience;

/* What replaces a masked name in a title. */
#define CASE_TITLE_MASK TEXT_MASK
/* What the public sees for a title not published (its series masks persons
 * and the case has no public title): %s is the series' prefix. The web
 * says it in the reader's language (the same msgid); data and the open
 * search index hold this Swedish text. */
#define CASE_TITLE_UNPUBLISHED "Ärende i serie %s – rubriken är inte publicerad"

/* Appends to out (reset first) the title of case_id as audience may see
 * it. *is_protected (may be NULL) is set to 1 when that differs from the
 * full title or a public title other than the title is set (one the same
 * as the title only lets a series that masks persons publish it). Returns
 * 0 or a KERR_* with e set. */
int case_title_render(kansli *k, int64_t case_id, case_title_audience audience, buf *out,
                      int *is_protected, kerr *e);

/* The public rendering of case_id's title, as case_title_render gives it;
 * *published is set to 0 when out is CASE_TITLE_UNPUBLISHED's text (the
 * title is withheld), else 1. 0 or a KERR_* with e set. */
int case_title_public(kansli *k, int64_t case_id, buf *out, int *published, kerr *e);

/* Whether the public sees the title of the case numbered number in org_id:
 * 0 when it is withheld until a public title is set (its series masks
 * persons and it has none; *prefix, CASENUM_MAX bytes, gets the series'
 * prefix), 1 when it is shown, or a negative KERR_* with e set. For the
 * warnings to staff who open such a case. */
int case_title_published(kansli *k, int64_t org_id, const char *number, char *prefix, kerr *e);

/* Appends to out (reset first) text, a record's title in case_id, as the
 * public may see it: the names of the case's masked parties (and private
 * persons' in a series that masks them) and every personnummer masked.
 * 0 or a KERR_* with e set. */
int case_text_public(kansli *k, int64_t case_id, const char *text, buf *out, kerr *e);

/* The law's reason to keep a text of case_id secret: appends to grounds (a
 * JSON array of strings, each once) the legal ground of every record of
 * the case whose party is masked by secrecy (not merely a private person
 * in a series that masks persons) and named in text, as case_text_public
 * would find it. A text whose masked rendering differs only by such
 * persons or personnummer adds nothing: publishing it masked is a matter
 * of personal data, not of secrecy. 0 or a KERR_* with e set. */
int case_text_secret_grounds(kansli *k, int64_t case_id, const char *text, json_t *grounds, kerr *e);

/* Appends to out (reset first) what the public renderings of case_id's
 * texts mask: the names case_text_public masks, with whether each is a
 * person's, as one text (JSON). Two renderings of a text differ only when
 * this differs (or the text does): the search indexer keeps it to know
 * when the case's titles must be indexed anew. 0 or a KERR_* with e set. */
int case_public_masks(kansli *k, int64_t case_id, buf *out, kerr *e);

/* The staff rendering as a new JSON string (for lists that show every
 * reader the same title), or NULL with e set. */
json_t *case_title_staff_json(kansli *k, int64_t case_id, kerr *e);

/* Sets "title" of obj for the current reader: the full title when they may
 * read the case's secrets, the staff rendering otherwise. A protected title
 * also gets "title_protected": true, and for the entitled "public_title"
 * (what others see); *revealed is then 1 and the caller logs the read with
 * case_title_log_reads. full_title is the case's title as already read. */
int case_title_for_reader(kansli *k, int64_t case_id, const char *full_title, json_t *obj,
                          int *revealed, kerr *e);

/* Appends case.read_secret events for the cases ids[i] (numbers[i] their
 * case numbers) in a transaction of their own. 0 or KERR_*. */
int case_title_log_reads(kansli *k, int64_t org_id, const int64_t *ids, json_t *numbers, kerr *e);


/* Whether registering record_number exposed its party: 1 when the party is
 * masked (by secrecy, or a private person in a series that masks persons)
 * and its name stands in the case's title as the public registry shows it
 * (the public title when set); party then gets that name and case_number
 * the case's number, for the caller's warning. 0 when there is nothing to
 * warn about, negative KERR_* with e set on error. */
int case_title_party_warning(kansli *k, int64_t org_id, const char *record_number, buf *party,
                             char case_number[CASENUM_MAX], kerr *e);

#endif
