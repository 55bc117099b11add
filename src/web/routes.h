/*
 * routes.h — which function answers which URL. Pages render through the
 * escaping HTML builder; nothing here writes SQL.
 */
#ifndef KANSLI_ROUTES_H
#define KANSLI_ROUTES_H

#include <microhttpd.h>

#include "core/kansli.h"

enum MHD_Result routes_dispatch(struct MHD_Connection *c, const char *method, const char *url);

/* From server.c: this thread's connection to the installation, and the
 * headers every response carries. */
kansli *server_kansli(kerr *e);
void server_security_headers(struct MHD_Response *r);

#endif
