/*
 * pending.h — files of a refused form, held for the session that sent
 * them, so the form shown again need not ask for them once more. A held
 * file is named by a random token the form carries in a hidden field
 * ("uppladdad"); the next form the same session sends with that token
 * gets the file back as if it had been uploaded again. Held files live in
 * the scratch directory (a restart clears them), expire after
 * PENDING_TTL_S, and one session holds at most PENDING_MAX_BYTES.
 */
#ifndef KANSLI_PENDING_H
#define KANSLI_PENDING_H

#include <stdint.h>

#include "web/request.h"

#define PENDING_TTL_S 3600
#define PENDING_MAX_BYTES REQ_MAX_UPLOAD
#define PENDING_TOKEN 33 /* 32 hex digits and NUL */

/* Holds the uploaded file f of r's session: moves its content out of the
 * request (which would remove it) and writes its token into token. 0, or
 * -1 when it cannot be held (no session, over the session's limit, the
 * table full, or the move failed); the file is then simply not kept. */
int pending_hold(request *r, req_field *f, char token[PENDING_TOKEN]);
/* Gives back to r, as uploaded file fields, the files its session held
 * under the tokens r's form sends in "uppladdad"; unknown, expired or
 * another session's tokens are ignored. 0, or -1 when the request has no
 * room for another file. */
int pending_claim(request *r);
/* pending_claim for a form sent after its session timed out: the files
 * that session (r->gone) held, for the form to be kept over the login
 * (form_carry.h). */
int pending_claim_gone(request *r);

#endif
