/*
 * wayback.h — the way back from an error page to where the user was. A
 * member of the public goes back to the public side (the registry and its
 * search, the notice board, the log page), never to the staff start page,
 * which would only send them to the staff login; the staff go back to
 * their start page.
 */
#ifndef KANSLI_WAYBACK_H
#define KANSLI_WAYBACK_H

#include "util/buf.h"
#include "web/request.h"

/* 1 when the request's path is one of the public pages (/offentlig...,
 * /anslagstavla..., /sokhjalp). */
int wayback_public_path(const char *url);
/* The links (and, back to the registry, its search box) that lead back
 * from an error on r's page. */
void wayback_links(buf *b, request *r);

#endif
