/*
 * layout.h — the frame every page shares: head, skip link, navigation with
 * the signed-in user and a logout form, the main landmark, the footer.
 */
#ifndef KANSLI_LAYOUT_H
#define KANSLI_LAYOUT_H

#include "util/buf.h"
#include "web/request.h"

void layout_begin(buf *b, request *r, const char *title);
void layout_end(buf *b);
/* <input type=hidden name=csrf> for the current session. */
void layout_csrf(buf *b, request *r);

#endif
