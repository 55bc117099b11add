/*
 * history.h — what happened, in people's words: an event of the log
 * ("case.ready" by "user:registrator") as a Swedish sentence ("Ärendet
 * markerades klart för beslut av Rita Registrator."), for the histories of
 * cases and records. One table, event kind to sentence, in history.c (for
 * gettext later); a kind not in it still reads as a sentence.
 */
#ifndef KANSLI_HISTORY_H
#define KANSLI_HISTORY_H

#include <jansson.h>

#include "util/buf.h"

/* Who did it, as a person reads it: the user's full name (core's
 * "actor_name"), else the account name, "kansli" for the system itself. */
const char *history_actor(json_t *event, char *out, size_t len);
/* The sentence for event (its "action" and actor), escaped, into b. */
void history_sentence(buf *b, json_t *event);

#endif
