/*
 * respond.h — answering a request: HTML pages, JSON, redirects, files and
 * errors, every one with the security headers, counted for /metrics.
 */
#ifndef KANSLI_RESPOND_H
#define KANSLI_RESPOND_H

#include <jansson.h>
#include <microhttpd.h>

#include "util/buf.h"
#include "web/request.h"

/* Sends body (consumed) with the given status and type. */
enum MHD_Result web_send(request *r, unsigned status, const char *type, buf *body);
enum MHD_Result web_html(request *r, unsigned status, buf *body);
/* A fresh double-submit token (32 hex digits) for a form shown before
 * there is a session: the form carries it in a field, a cookie too. */
void web_form_token(char token[33]);
/* An HTML page (body consumed) that sets the cookie NAME=TOKEN, sent back
 * only to PATH, for the double-submit check when the form is posted. */
enum MHD_Result web_html_token(request *r, unsigned status, buf *body, const char *name, const char *token,
                               const char *path);
/* JSON response; v is consumed. */
enum MHD_Result web_json(request *r, unsigned status, json_t *v);
/* {"error":{"code":..,"message":..}} */
enum MHD_Result web_json_error(request *r, unsigned status, const char *code, const char *message);
/* 429 {"error":{"code":"too_many_requests","message"}} with Retry-After. */
enum MHD_Result web_json_too_many(request *r, int retry_after, const char *message);
/* 303 See Other to location; set_cookie may be NULL. */
enum MHD_Result web_redirect(request *r, const char *location, const char *set_cookie);
/* body (consumed) as a download named filename (Content-Disposition). */
enum MHD_Result web_send_download(request *r, unsigned status, const char *type, const char *filename, buf *body);
/* A stored file as a download, with its original name in Content-Disposition. */
enum MHD_Result web_file(request *r, const char *path, const char *media_type, const char *filename);
/* A page in Swedish explaining an error. */
enum MHD_Result web_error_page(request *r, unsigned status, const char *message);
/* Maps a KERR_* code to an HTTP status. */
unsigned web_status_for(int kerr_code);
/* Adds the security headers every response carries. */
void web_security_headers(struct MHD_Response *resp);
/* The security headers, Vary: Cookie, and for a request that carries a
 * session cookie or an API token Cache-Control: private, no-store (in
 * place of any other). Every response to r gets these. */
void web_response_headers(request *r, struct MHD_Response *resp);

#endif
