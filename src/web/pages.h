/*
 * pages.h — the pages and API handlers, one function each, found by name
 * from the route table in routes.c. Each reads its parameters, calls core/
 * and renders; none writes SQL. A staff page that takes `page *p` is given
 * its page context opened (page_run); one that takes `request *r` answers
 * by itself (the public pages, login, the machine pages).
 */
#ifndef KANSLI_PAGES_H
#define KANSLI_PAGES_H

#include <microhttpd.h>
#include <stdint.h>

#include "web/page.h"
#include "web/request.h"
#include "web/routes.h"

/* page.c: the organisation a page is about: ?org=CODE, else the first the
 * user may read. Fills id and code; 0 or KERR_*. */
int page_org(request *r, int64_t *org_id, char code[40], kerr *e);
/* A core error as a Swedish page with the right status. */
enum MHD_Result page_fail(request *r, const kerr *e);

/* page_language.c */
enum MHD_Result page_language_set(request *r);
/* page_auth.c */
enum MHD_Result page_login_form(request *r);
enum MHD_Result page_login(request *r);
/* The login form again with error and the name that was sent (routes.c,
 * for a form whose value held what is not text). */
enum MHD_Result page_login_again(request *r, unsigned status, const char *error);
/* The login page for a staff form sent without a live session: error
 * says why, username is filled in, and carry (NULL: none) is the token of
 * the form kept for after the login (form_carry.h). */
enum MHD_Result page_login_carry(request *r, unsigned status, const char *error, const char *username,
                                 const char *carry);
enum MHD_Result page_logout(request *r);
enum MHD_Result page_sessions(request *r);
enum MHD_Result page_sessions_end_others(request *r);
/* page_start.c */
enum MHD_Result page_start(page *p);
enum MHD_Result page_health(request *r);
enum MHD_Result page_metrics(request *r);
enum MHD_Result page_css(request *r);
/* page_cases.c */
enum MHD_Result page_case_list(page *p);
enum MHD_Result page_case(page *p);
enum MHD_Result page_case_change(page *p);
/* page_records.c */
enum MHD_Result page_register_form(request *r);
enum MHD_Result page_register(page *p);
enum MHD_Result page_record(page *p);
enum MHD_Result page_record_list(page *p);
enum MHD_Result page_search(page *p);
/* page_search_help.c */
enum MHD_Result page_search_help(request *r);
enum MHD_Result page_file(page *p);
/* page_admin.c */
enum MHD_Result page_admin(page *p);
enum MHD_Result page_admin_add(page *p);
/* page_account.c */
enum MHD_Result page_password(page *p);
enum MHD_Result page_password_change(page *p);
enum MHD_Result page_account(page *p);
enum MHD_Result page_account_post(page *p);
enum MHD_Result page_stale_accounts(page *p);
/* page_intake.c */
enum MHD_Result page_intake(page *p);
enum MHD_Result page_intake_item(page *p);
enum MHD_Result page_intake_file(page *p);
enum MHD_Result page_intake_post(page *p);
/* page_webhooks.c */
enum MHD_Result page_webhooks(page *p);
enum MHD_Result page_webhooks_post(page *p);
/* page_public.c */
enum MHD_Result page_public_index(request *r);
enum MHD_Result page_public_registry(request *r);
enum MHD_Result page_public_json(request *r);
enum MHD_Result page_public_atom(request *r);
/* page_public_case.c */
enum MHD_Result page_public_case(request *r);
/* page_noticeboard.c: the public notice board and the staff page */
enum MHD_Result page_board_index(request *r);
enum MHD_Result page_board_current(request *r);
enum MHD_Result page_board_notice(request *r);
enum MHD_Result page_board_archive(request *r);
enum MHD_Result page_board_file(request *r);
enum MHD_Result page_board_atom(request *r);
enum MHD_Result page_notices(page *p);
enum MHD_Result page_notices_change(page *p);
/* page_requests.c */
enum MHD_Result page_request_form(request *r);
enum MHD_Result page_request_submit(request *r);
/* The public request form again with error and every value sent. */
enum MHD_Result page_request_again(request *r, unsigned status, const char *error);
enum MHD_Result page_requests(page *p);
enum MHD_Result page_request_decide(page *p);
/* page_reminders.c */
enum MHD_Result page_reminders(page *p);
enum MHD_Result page_reminder_act(page *p);
enum MHD_Result page_reminder(page *p);
/* page_public_log.c */
enum MHD_Result page_log_about(request *r);
enum MHD_Result page_log_checkpoint(request *r);
enum MHD_Result page_log_key(request *r);
enum MHD_Result page_log_heads(request *r);
enum MHD_Result page_log_inclusion(request *r);
enum MHD_Result page_log_consistency(request *r);
/* page_meetings.c */
enum MHD_Result page_boards(page *p);
enum MHD_Result page_boards_change(page *p);
enum MHD_Result page_meetings(page *p);
enum MHD_Result page_meeting_create(page *p);
/* page_meeting.c */
enum MHD_Result page_meeting(page *p);
enum MHD_Result page_meeting_change(page *p);
enum MHD_Result page_meeting_notice_pdf(page *p);
enum MHD_Result page_delegations(page *p);
enum MHD_Result page_delegation_register(page *p);
/* page_import.c */
enum MHD_Result page_import_form(page *p);
enum MHD_Result page_import(page *p);
/* page_delivery.c */
enum MHD_Result page_delivery(page *p);
enum MHD_Result page_delivery_export(page *p);
enum MHD_Result page_delivery_receipt(page *p);
struct archive_request;
/* Makes the package of req (zip or tar) in a temporary folder and sends it
 * as the response; errors as an API error (api) or a page. */
enum MHD_Result page_package_download(request *r, int64_t org_id, struct archive_request *req, int api);
/* page_archive.c */
enum MHD_Result page_archive(page *p);
enum MHD_Result page_archive_post(page *p);
enum MHD_Result page_archive_plan(page *p);
enum MHD_Result page_archive_plan_post(page *p);
enum MHD_Result page_disposal(page *p);
enum MHD_Result page_disposal_post(page *p);
/* page_overview.c */
enum MHD_Result page_overview(page *p);
/* api.c */
enum MHD_Result api_dispatch(request *r);

#endif
