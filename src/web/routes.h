/*
 * routes.h — which function answers which URL, and who may ask: the route
 * table, session and token authentication, CSRF checks.
 */
#ifndef KANSLI_ROUTES_H
#define KANSLI_ROUTES_H

#include <microhttpd.h>

#include "core/kansli.h"
#include "web/request.h"

enum MHD_Result routes_dispatch(request *r);

/* From server.c: this thread's connection to the installation. */
kansli *server_kansli(kerr *e);
/* The session cookie's name and attributes (secure: behind TLS). */
const char *routes_cookie_name(void);
void routes_set_secure(int secure);
/* "NAME=VALUE; Path=/; HttpOnly; SameSite=Strict[; Secure]" into out. */
void routes_cookie(char *out, size_t len, const char *value, int expire);

#endif
