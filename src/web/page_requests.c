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
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/ratelimit.h"
#include "web/respond.h"
#include "web/view.h"

static enum MHD_Result request_form(request *r, unsigned status, const char *error)
{
	char token[33];
	web_form_token(token);
	const char *org = req_param(r, "org");
	buf b = BUF_INIT;
	layout_begin(&b, r, "Begär ut allmän handling");
	html_raw(&b, "<h1>Begär ut allmän handling</h1>\n<p>Du har rätt att ta del av allmänna handlingar. Du behöver "
	             "inte säga vem du är eller varför du vill ha handlingen. Vill du få svar skriftligt, lämna en "
	             "adress eller e-post. Begäran handläggs skyndsamt.</p>\n");
	if (error) {
		view_alert(&b, error);
	}
	html_raw(&b, "<form method=\"post\" action=\"/offentlig/begar\" class=\"form\"><input type=\"hidden\" "
	             "name=\"token\" value=\"");
	html_text(&b, token);
	html_raw(&b, "\"><input type=\"hidden\" name=\"org\" value=\"");
	html_text(&b, org);
	html_raw(&b, "\"><p><label for=\"nr\">Handlingens nummer (om du vet det)</label><input id=\"nr\" name=\"nr\" "
	             "value=\"");
	html_text(&b, req_param(r, "nr"));
	html_raw(&b, "\"></p><p><label for=\"meddelande\">Vilka handlingar vill du ta del av?</label>"
	             "<textarea id=\"meddelande\" name=\"meddelande\" rows=\"5\" required>");
	html_text(&b, req_form(r, "meddelande"));
	html_raw(&b, "</textarea></p><p><label for=\"namn\">Namn (frivilligt)</label><input id=\"namn\" name=\"namn\" "
	             "autocomplete=\"name\"></p><p><label for=\"kontakt\">E-post eller adress för svaret (frivilligt)"
	             "</label><input id=\"kontakt\" name=\"kontakt\"></p><p><button type=\"submit\">Skicka begäran"
	             "</button></p></form>\n");
	layout_end(&b);
	return web_html_token(r, status, &b, "kansli_form", token, "/offentlig/begar");
}

/* PAGE: GET /offentlig/begar  access: public */
enum MHD_Result page_request_form(request *r)
{
	return request_form(r, 200, NULL);
}

/* PAGE: POST /offentlig/begar  access: public */
enum MHD_Result page_request_submit(request *r)
{
	int wait = ratelimit_take(r->address);
	if (wait)
		return request_form(r, 429, "För många förfrågningar från din adress. Försök igen om en stund.");
	const char *token = req_form(r, "token"), *cookie = req_cookie(r, "kansli_form");
	if (!token || !cookie || strlen(token) != 32 || strcmp(token, cookie))
		return request_form(r, 403, "Formuläret har gått ut. Försök igen.");
	kerr e = KERR_INIT;
	int64_t org_id, id;
	if (org_find(r->k, req_form(r, "org"), &org_id, &e))
		return page_fail(r, &e);
	const char *nr = req_form(r, "nr");
	request_new q = { .requested = nr && *nr ? nr : NULL, .message = req_form(r, "meddelande"),
	                  .name = req_form(r, "namn"), .contact = req_form(r, "kontakt") };
	char case_number[64];
	if (request_submit(r->k, org_id, &q, &id, case_number, &e)) {
		char msg[700];
		snprintf(msg, sizeof msg, "Begäran kunde inte tas emot: %s", e.msg);
		return request_form(r, web_status_for(e.code), msg);
	}
	buf b = BUF_INIT;
	layout_begin(&b, r, "Begäran mottagen");
	html_raw(&b, "<h1>Tack, din begäran är mottagen</h1><p role=\"status\">Den är registrerad med diarienummer ");
	html_text(&b, case_number);
	html_raw(&b, ". Ange numret om du kontaktar oss om den.</p><p><a href=\"/offentlig\">Till diariet</a></p>");
	layout_end(&b);
	return web_html(r, 200, &b);
}

static const char *outcome_sv(const char *s)
{
	return !strcmp(s, "new") ? "Ej beslutad" : !strcmp(s, "released") ? "Utlämnad"
		: !strcmp(s, "released_masked") ? "Utlämnad med maskering" : "Avslagen";
}

/* PAGE: GET /begaran  access: staff */
enum MHD_Result page_requests(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	json_t *list = request_list(r->k, org_id, 0, &e);
	if (!list)
		return page_fail(r, &e);
	buf b = BUF_INIT;
	layout_begin(&b, r, "Begäran om allmän handling");
	html_raw(&b, "<h1>Begäran om allmän handling</h1>\n");
	view_flash(&b, r);
	static const char *const cols[] = { "Ärende", "Gäller", "Inkom", "Handläggningstid", "Status", "Beslut" };
	view_table_begin(&b, "Inkomna begäranden, äldst först", cols, 6);
	size_t i;
	json_t *q;
	json_array_foreach(list, i, q) {
		char hours[32], idbuf[24];
		snprintf(hours, sizeof hours, "%.1f timmar", json_real_value(json_object_get(q, "hours")));
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(json_object_get(q, "id")));
		const char *status = view_str(q, "status");
		html_raw(&b, "<tr>");
		view_number_cell(&b, "arende", org, view_str(q, "case"));
		view_cell(&b, view_str(q, "requested") ? view_str(q, "requested") : "–");
		view_cell(&b, view_str(q, "received"));
		view_cell(&b, hours);
		view_cell(&b, outcome_sv(status));
		html_raw(&b, "<td>");
		if (!strcmp(status, "new")) {
			view_form_begin(&b, r, "/begaran", "form", org);
			view_hidden(&b, "id", idbuf);
			html_raw(&b, "<p><label for=\"utfall-");
			html_text(&b, idbuf);
			html_raw(&b, "\">Beslut</label><select id=\"utfall-");
			html_text(&b, idbuf);
			html_raw(&b, "\" name=\"utfall\">");
			html_option(&b, "released", "Lämnas ut", NULL);
			html_option(&b, "released_masked", "Lämnas ut med maskering", NULL);
			html_option(&b, "refused", "Avslås", NULL);
			html_raw(&b, "</select></p><p><label for=\"lagrum-");
			html_text(&b, idbuf);
			html_raw(&b, "\">Lagrum vid maskering eller avslag</label><input id=\"lagrum-");
			html_text(&b, idbuf);
			html_raw(&b, "\" name=\"lagrum\"></p><p><label for=\"motivering-");
			html_text(&b, idbuf);
			html_raw(&b, "\">Motivering</label><input id=\"motivering-");
			html_text(&b, idbuf);
			html_raw(&b, "\" name=\"motivering\"></p><p><button type=\"submit\">Besluta</button></p></form>");
		}
		html_raw(&b, "</td></tr>\n");
	}
	view_table_end(&b);
	json_decref(list);
	layout_end(&b);
	return web_html(r, 200, &b);
}

/* PAGE: POST /begaran  access: staff */
enum MHD_Result page_request_decide(request *r)
{
	kerr e = KERR_INIT;
	int64_t org_id;
	char org[40];
	if (page_org(r, &org_id, org, &e))
		return page_fail(r, &e);
	const char *id = req_form(r, "id");
	if (!id || !*id)
		return web_error_page(r, 400, "Begäran saknas.");
	if (request_decide(r->k, org_id, atoll(id), req_form(r, "utfall"), req_form(r, "lagrum"),
	                   req_form(r, "motivering"), &e))
		return page_fail(r, &e);
	return view_done(r, "/begaran", org, NULL, NULL, "Beslutet är registrerat och ärendet avslutat.");
}
