/*
 * page_requests.c — asking for public documents and answering: the public
 * form (no login, anonymous if the requester wishes; a double-submit token
 * against cross-site posting), and the registrars' page to decide a request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/docrequest.h"
#include "web/errtext.h"
#include "web/form_state.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/ratelimit.h"
#include "web/respond.h"
#include "web/page.h"
#include "web/table.h"
#include "web/view.h"

static enum MHD_Result request_form(request *r, unsigned status, const char *error)
{
	char token[33];
	web_form_token(token);
	const char *org = req_param(r, "org");
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Begär ut allmän handling"));
	html_f(&b, _("<h1>Begär ut allmän handling</h1>\n<p>Du har rätt att ta del av allmänna handlingar. Du behöver "
	       "inte säga vem du är eller varför du vill ha handlingen. Vill du få svar skriftligt, lämna en "
	       "adress eller e-post. Begäran handläggs skyndsamt.</p>\n"));
	if (error) {
		view_alert(&b, error);
	}
	/* the form's address carries the ?lang= asked for, so the answer is in
	 * it too, and the organisation, so a form too large to be read is
	 * still answered with the form of its organisation */
	html_f(&b, _("<form method=\"post\" action=\"/offentlig/begar?org=%-s%s\" class=\"form\"><input type=\"hidden\" "
	       "name=\"token\" value=\"%s\"><input type=\"hidden\" name=\"org\" value=\""
	       "%s\"><p><label for=\"nr\">Handlingens nummer (om du vet det)</label><input id=\"nr\" name=\"nr\" "
	       "value=\"%s\"></p><p><label for=\"meddelande\">Vilka handlingar vill du ta del av? (högst %d tecken)"
	       "</label><textarea id=\"meddelande\" name=\"meddelande\" rows=\"5\" required>"
	       "%s</textarea></p><p><label for=\"namn\">Namn (frivilligt)</label><input id=\"namn\" name=\"namn\" "
	       "autocomplete=\"name\" value=\"%s\"></p><p><label for=\"kontakt\">E-post eller adress för svaret "
	       "(frivilligt)</label><input id=\"kontakt\" name=\"kontakt\" value=\"%s\"></p><p><button "
	       "type=\"submit\">Skicka begäran</button></p></form>\n"), org, layout_lang_arg(r), token, org, req_param(r, "nr"),
	       REQUEST_TEXT_MAX,
	       req_form(r, "meddelande"), req_str(r, "namn"), req_str(r, "kontakt"));
	layout_end_r(&b, r);
	return web_html_token(r, status, &b, "kansli_form", token, "/offentlig/begar");
}

/* PAGE: GET /offentlig/begar  access: public */
enum MHD_Result page_request_form(request *r)
{
	return request_form(r, 200, NULL);
}

enum MHD_Result page_request_again(request *r, unsigned status, const char *error)
{
	return request_form(r, status, error);
}

/* PAGE: POST /offentlig/begar  access: public */
enum MHD_Result page_request_submit(request *r)
{
	int wait = ratelimit_take(r->address);
	if (wait)
		return request_form(r, 429, _("För många förfrågningar från din adress. Försök igen om en stund."));
	const char *token = req_form(r, "token"), *cookie = req_cookie(r, "kansli_form");
	if (!token || !cookie || strlen(token) != 32 || strcmp(token, cookie))
		return request_form(r, 403, _("Formuläret har gått ut. Försök igen."));
	kerr e = KERR_INIT;
	int64_t org_id, id;
	if (org_find(r->k, req_form(r, "org"), &org_id, &e))
		return page_fail(r, &e);
	const char *nr = req_form(r, "nr");
	request_new q = { .requested = nr && *nr ? nr : NULL, .message = req_form(r, "meddelande"),
	                  .name = req_form(r, "namn"), .contact = req_form(r, "kontakt") };
	char case_number[64];
	if (request_submit(r->k, org_id, &q, &id, case_number, &e)) {
		char msg[700], why[600];
		form_state_words(r, &e, why, sizeof why);
		snprintf(msg, sizeof msg, _("Begäran kunde inte tas emot: %s"), why);
		return request_form(r, web_status_for(e.code), msg);
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, _("Begäran mottagen"));
	html_f(&b, _("<h1>Tack, din begäran är mottagen</h1><p role=\"status\">Den är registrerad med diarienummer "
	       "%s. Ange numret om du kontaktar oss om den.</p><p><a href=\"/offentlig%s\">Till diariet</a></p>"),
	       case_number, layout_lang_query(r));
	layout_end_r(&b, r);
	return web_html(r, 200, &b);
}

static const char *outcome_sv(const char *s)
{
	return !strcmp(s, "new") ? _("Ej beslutad") : !strcmp(s, "released") ? _("Utlämnad")
		: !strcmp(s, "released_masked") ? _("Utlämnad med maskering") : _("Avslagen");
}

/* Requests shown on one page of the list. */
#define REQUESTS_PER_PAGE 50

static void hours_cell(page *p, json_t *q)
{
	char hours[32];
	snprintf(hours, sizeof hours, _("%.1f timmar"), json_real_value(json_object_get(q, "hours")));
	view_cell(&p->b, hours);
}

/* The decision's form, for a request not yet decided. */
static void decide_cell(page *p, json_t *q)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(q, "id")));
	html_f(&p->b, "<td>");
	if (!strcmp(view_str(q, "status"), "new")) {
		view_form_begin(&p->b, p->r, "/begaran", "form", p->org);
		view_hidden(&p->b, "id", id);
		html_f(&p->b, _("<p><label for=\"utfall-%s\">Beslut</label><select id=\"utfall-"
		       "%s\" name=\"utfall\">"), id, id);
		html_option(&p->b, "released", _("Lämnas ut"), NULL);
		html_option(&p->b, "released_masked", _("Lämnas ut med maskering"), NULL);
		html_option(&p->b, "refused", _("Avslås"), NULL);
		html_f(&p->b, _("</select></p><p><label for=\"lagrum-"
		       "%s\">Lagrum vid maskering eller avslag</label><input id=\"lagrum-"
		       "%s\" name=\"lagrum\"></p><p><label for=\"motivering-"
		       "%s\">Motivering</label><input id=\"motivering-"
		       "%s\" name=\"motivering\"></p><p><button type=\"submit\">Besluta</button></p></form>"),
		       id, id, id, id);
	}
	html_f(&p->b, "</td>");
}

static const struct column request_columns[] = {
	COL(N_("Ärende"), CELL_CASE, "case"), COL(N_("Gäller"), CELL_OR_DASH, "requested"),
	COL(N_("Inkom"), CELL_TEXT, "received"), COL_CUSTOM(N_("Handläggningstid"), hours_cell),
	COL_WORDS(N_("Status"), "status", outcome_sv), COL_CUSTOM(N_("Beslut"), decide_cell),
};

/* PAGE: GET /begaran  access: staff */
enum MHD_Result page_requests(page *p)
{
	request *r = p->r;
	int64_t pageno = 1;
	if (req_int(r, "sida", 1, 100000, &pageno, &p->e) < 0)
		return page_bad_param(p);
	/* the order is one of two the page knows; anything else is the default */
	int newest = !strcmp(req_str(r, "sortera"), "nyast");
	json_t *list = page_own(p, request_list(r->k, p->org_id, 0, &p->e));
	if (!list)
		return page_fail_p(p);
	size_t total = json_array_size(list);
	page_begin(p, _("Begäran om allmän handling"));
	html_f(&p->b, _("<h1>Begäran om allmän handling</h1>\n"));
	view_flash(&p->b, r);
	html_f(&p->b, _("<form method=\"get\" action=\"/begaran\" class=\"filters\" aria-label=\"Ordna begäranden\">"));
	view_hidden(&p->b, "org", p->org);
	html_f(&p->b, _("<p><label for=\"sortera\">Sortera</label><select id=\"sortera\" name=\"sortera\">"));
	html_options(&p->b, newest ? "nyast" : "aldst", "aldst", _("Äldst först"), "nyast", _("Nyast först"), NULL);
	html_f(&p->b, _("</select></p><p><button type=\"submit\">Visa</button></p></form>\n<p>%zu begäranden.</p>\n"),
	       total);
	table_write(p, newest ? _("Inkomna begäranden, nyast först") : _("Inkomna begäranden, äldst först"),
	            COLUMNS(request_columns), page_own(p, table_page_rows(list, (long)pageno, REQUESTS_PER_PAGE, newest)));
	static const char *const keys[] = { "org", "sortera" };
	view_pager(&p->b, "/begaran", (long)pageno, REQUESTS_PER_PAGE, (long long)total,
	           page_kept_query(p, PAGE_KEYS(keys)));
	return page_close(p);
}

/* PAGE: POST /begaran  access: staff */
enum MHD_Result page_request_decide(page *p)
{
	request *r = p->r;
	int64_t id;
	int rc = req_int(r, "id", 1, INT64_MAX, &id, &p->e);
	if (rc == REQ_ABSENT)
		return page_error(p, 400, N_("Begäran saknas."));
	if (rc)
		return page_bad_param(p);
	if (request_decide(r->k, p->org_id, id, req_form(r, "utfall"), req_form(r, "lagrum"), req_form(r, "motivering"),
	                   &p->e))
		return page_fail_p(p);
	return page_redirect_done(p, "/begaran", NULL, NULL, _("Beslutet är registrerat och ärendet avslutat."));
}
