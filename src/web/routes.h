/*
 * routes.h — which function answers which URL, and who may ask: the route
 * table, session and token authentication, CSRF checks.
 */
#ifndef KANSLI_ROUTES_H
#define KANSLI_ROUTES_H

#include <microhttpd.h>

#include "core/kansli.h"
#include "web/request.h"

typedef enum MHD_Result (*page_fn)(request *r);

/* With the request line and headers only, before any body is read:
 * decides whether the request may send its body (a known route that takes
 * one, and a sender allowed to use it), and how much. 1: go on and read
 * the body. 0: the answer is queued in *ret (404, 405, 401, 413, 415, 503
 * or the page itself for a method without a body) and the body is never
 * read. */
int routes_admit(request *r, enum MHD_Result *ret);
/* With the whole body read: checks and the page's answer. */
enum MHD_Result routes_dispatch(request *r);
/* 400 from the request line and headers alone, before any route or body:
 * message_sv on a page, message_en in the API's JSON error. */
enum MHD_Result routes_refuse(request *r, const char *message_sv, const char *message_en);

/* The GET page function of a staff page's path, or NULL: the page a
 * refused form is shown on again (web/form_state.h). */
page_fn routes_staff_page(const char *path);

/* From server.c: this thread's connection to the installation. */
kansli *server_kansli(kerr *e);
/* The session cookie's name and attributes (secure: behind TLS). */
const char *routes_cookie_name(void);
void routes_set_secure(int secure);
/* 1 when the server was told it runs behind TLS (--behind-tls). */
int routes_behind_tls(void);
/* "NAME=VALUE; Path=/; HttpOnly; SameSite=Strict[; Secure]" into out. */
void routes_cookie(char *out, size_t len, const char *value, int expire);

#endif
