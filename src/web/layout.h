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
/* layout_end for a public page: its links carry the ?lang= asked for. */
void layout_end_r(buf *b, const request *r);
/* "&lang=en" (or sv) when the page's language was asked for with ?lang=,
 * else "": public pages set no cookie, so their links carry the choice.
 * layout_lang_query is the same starting a query ("?lang=en"). Data for
 * html_f's %s (which escapes the &). */
const char *layout_lang_arg(const request *r);
const char *layout_lang_query(const request *r);
/* <input type=hidden name=csrf> for the current session. */
void layout_csrf(buf *b, request *r);

#endif
