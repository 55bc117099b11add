/*
 * form_once.h — a staff form is done once. Every staff form carries a
 * one-time id (the hidden field "engang", written by layout_csrf beside
 * the csrf token, new on every page shown). A form sent again with the
 * same id — a double click, the browser's "send again" after a slow
 * answer or a reload of the answer — is not done again: the user is sent
 * to where the first one led, told "Formuläret var redan skickat".
 * Registering twice is no small slip with gap-free numbering: the second
 * record can never be removed.
 *
 * The answer is kept in the API's Idempotency-Key store (core/
 * idempotency.h, sealed) under the user as caller ("u" and the user's
 * id: a form id is the user's in every session, as a re-login in
 * another tab must not make the form new) and the form id as key, in
 * the same held transaction as the operation: either both are there or
 * neither. A second send that arrives while the first runs waits for the
 * write lock and then finds the first's answer.
 *
 * Kept: a success's redirect (its Location). A success that answers with
 * a page of its own (a webhook's secret, shown once) is kept without its
 * page, and a replay says only that the form was already sent. A refusal
 * (4xx) did nothing and is not kept (the form shown again gets a new id
 * anyway); a 5xx rolls everything back.
 */
#ifndef KANSLI_FORM_ONCE_H
#define KANSLI_FORM_ONCE_H

#include "util/buf.h"
#include "web/routes.h"
#include "web/request.h"

/* The name of the hidden field. */
#define FORM_ONCE_FIELD "engang"

/* Writes the hidden one-time id field (a new id every time). */
void form_once_field(buf *b);
/* Runs fn for r once per form id: a POST of a logged-in session user
 * that sent a well-formed id; every other request runs fn as it is. */
enum MHD_Result form_once_call(request *r, page_fn fn);

#endif
