/*
 * page_meeting_decide.h — the part of the meeting page (/sammantrade) that
 * shows and records how each § is decided: quorum, jäv, proposals, the
 * propositionsordning and the roll-call vote (page_meeting_decide.c).
 */
#ifndef KANSLI_PAGE_MEETING_DECIDE_H
#define KANSLI_PAGE_MEETING_DECIDE_H

#include <jansson.h>
#include <stdint.h>

#include "util/buf.h"
#include "web/page.h"

/* The quorum q ({seats, serving, needed, met}) of the meeting
 * (paragraph = 0) or of one § (said only where it lacks). */
void meeting_quorum_view(buf *b, json_t *q, int paragraph);
/* Item it of meeting m (meeting_show): its quorum where lacking, jäv,
 * proposals, order and vote; with the forms for them unless frozen. */
void meeting_decide_view(buf *b, request *r, const char *org, const char *id, json_t *m, json_t *it, int frozen);
/* In the reservation form of item it: the proposal it defends ("yrkande"). */
void meeting_reservation_proposal(buf *b, request *r, json_t *it, const char *item, int mine);

/* The page's actions (page_meeting.c's table calls them); 0 or KERR_*. */
int meeting_do_propose(page *p, int64_t item);
int meeting_do_proposal_remove(page *p);
int meeting_do_proposal_order(page *p, int64_t item, json_t *it);
int meeting_do_ballot(page *p, int64_t item);
int meeting_do_votes(page *p, int64_t item);

#endif
