/*
 * board.h — boards (nämnder, kommunstyrelsen, kommunfullmäktige,
 * arbetsutskott): the bodies that decide in meetings. A board has members
 * (ledamöter and ersättare, and its secretary), each for a term, one of
 * them chair (ordförande) and one vice chair; a member may be linked to a
 * kansli user so they can approve minutes as themselves. Each board keeps
 * its meeting records in one registry series.
 */
#ifndef KANSLI_BOARD_H
#define KANSLI_BOARD_H

#include <jansson.h>
#include <stdint.h>

#include "core/kansli.h"

typedef struct board_member_new {
	const char *name;
	const char *party;     /* political party, optional */
	const char *role;      /* ledamot, ersattare or sekreterare */
	const char *position;  /* ordforande, vice_ordforande or NULL */
	const char *term_from; /* YYYY-MM-DD, required */
	const char *term_to;   /* optional */
	const char *username;  /* optional link to a user */
} board_member_new;

/* kind: fullmaktige, styrelse, namnd or utskott; series: the prefix of the
 * series that holds its meeting records. */
int board_add(kansli *k, int64_t org_id, const char *code, const char *name, const char *kind,
              const char *series, kerr *e);
int board_find(kansli *k, int64_t org_id, const char *code, int64_t *id, kerr *e);
int board_member_add(kansli *k, int64_t org_id, const char *board, const board_member_new *m,
                     int64_t *id, kerr *e);
/* Changes a member: fields of m that are not NULL ("" clears position,
 * term_to and username). */
int board_member_edit(kansli *k, int64_t org_id, int64_t member_id, const board_member_new *m, kerr *e);
/* [{code,name,kind,series,members}] */
json_t *board_list(kansli *k, int64_t org_id, kerr *e);
/* {code,name,kind,series,members:[{id,name,party,role,position,term_from,
 * term_to,user,current}]}; members current on `date` (NULL: today) first. */
json_t *board_show(kansli *k, int64_t org_id, const char *code, kerr *e);

#endif
