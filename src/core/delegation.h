/*
 * delegation.h — delegated decisions (delegationsbeslut): decisions an
 * official takes under the board's delegation order (a point such as
 * "3.2"). Each is registered as a record in its case and listed under
 * "Anmälan av delegationsbeslut" at the board's next meeting; when those
 * minutes are adjusted it is marked reported.
 */
#ifndef KANSLI_DELEGATION_H
#define KANSLI_DELEGATION_H

#include <jansson.h>
#include <stdint.h>

#include "core/casenum.h"
#include "core/kansli.h"
#include "core/meeting.h"

typedef struct delegation_new {
	const char *case_number;
	const char *board;      /* the board whose delegation it is (code) */
	const char *point;      /* the delegation order's point, e.g. "3.2" */
	const char *decided_by; /* name and title of the official */
	const char *date;       /* decided on, default today */
	const char *summary;    /* the decision in brief */
	/* Secrecy of the decision's record, exactly as record_new takes it
	 * (validated there): a decision about an individual (social services,
	 * OSL 26 kap. 1 §; a personnel matter, OSL 39 kap.) is secret. The
	 * summary stands in the record's title and body, who decided in its
	 * body; lists show each only where the record shows those fields. */
	const char *secrecy;      /* none (default), partial, full */
	const char *legal_ground; /* e.g. "OSL 26 kap. 1 §", required when secret */
	const char *masked;       /* partial: comma list of title,body,files */
} delegation_new;

int delegation_register(kansli *k, int64_t org_id, const delegation_new *d, int64_t *id,
                        char record[CASENUM_MAX], kerr *e);
/* [{id, board, case, point, decided_by, date, summary, record, secrecy,
 * reported_meeting?}], newest first; of one board (or all). The summary
 * and decided_by are shown as the actor may see the record's fields
 * (access.h, ACCESS_FIELD_SQL): else "Sekretess enligt <ground>" stands
 * in their place. Secret content shown is logged as read. */
json_t *delegation_list(kansli *k, int64_t org_id, const char *board, int unreported_only, kerr *e);
/* Those to report at meeting m: not yet reported, of its board, decided on
 * or before its date — or, once adjusted, those reported at it. Masked as
 * the public sees them, whoever asks: the agenda, the notice and the
 * minutes are one text for the board and become public; an entitled
 * reader reads a secret decision in its record. */
json_t *delegation_for_meeting(kansli *k, const meeting_row *m, kerr *e);
/* Marks those of delegation_for_meeting reported at m (inside the
 * adjustment's transaction). */
int delegation_mark_reported_tx(kansli *k, const meeting_row *m, kerr *e);

#endif
