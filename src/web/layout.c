/* layout.c — the shared page frame; see layout.h. */
#include "web/layout.h"

#include <string.h>

#include "core/access.h"
#include "web/html.h"
#include "web/form_once.h"
#include "web/form_state.h"
#include "web/pages.h"

void layout_csrf(buf *b, request *r)
{
	html_f(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->logged_in ? r->s.csrf : "");
	/* a refused form goes back to the page it was sent from */
	if (r->logged_in && !r->via_token) {
		form_state_here(b, r);
		form_once_field(b);
	}
}

const char *layout_lang_arg(const request *r)
{
	return r && r->lang_asked ? (r->lang == LANG_EN ? "&lang=en" : "&lang=sv") : "";
}

const char *layout_lang_query(const request *r)
{
	return r && r->lang_asked ? (r->lang == LANG_EN ? "?lang=en" : "?lang=sv") : "";
}

/* The public's way to the other language: this page again with ?lang=,
 * its other query arguments kept. Public pages set no cookies, so the
 * choice lives in the address and the links carry it on. */
static enum MHD_Result keep_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	if (strcmp(key, "lang"))
		html_f(cls, "%-s=%-s&amp;", key, value ? value : "");
	return MHD_YES;
}

static void lang_switch(buf *b, request *r)
{
	ui_lang other = r->lang == LANG_EN ? LANG_SV : LANG_EN;
	html_f(b, "<a class=\"lang\" href=\"%s?", r->url);
	if (r->c)
		MHD_get_connection_values(r->c, MHD_GET_ARGUMENT_KIND, keep_arg, b);
	/* The link names the language in that language: lang and hreflang
	 * tell screen readers to read it so. */
	html_f(b, "lang=%s\" hreflang=\"%s\" lang=\"%s\">%s</a>", i18n_code(other), i18n_code(other),
	       i18n_code(other), other == LANG_EN ? "English" : "Svenska");
}

void layout_begin(buf *b, request *r, const char *title)
{
	html_f(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	       "<link rel=\"stylesheet\" href=\"/static/kansli.css\"><title>%s – kansli</title></head><body>\n",
	       i18n_code(i18n_current()), title);
	html_f(b, _("<a class=\"skip\" href=\"#main\">Hoppa till innehållet</a>\n"));
	/* The public's start is the public registry: "/" is the staff's
	 * and would only send them to the login. */
	if (r && r->logged_in)
		html_f(b, "<header><a class=\"brand\" href=\"/\">kansli</a>");
	else
		html_f(b, "<header><a class=\"brand\" href=\"/offentlig%s\">kansli</a>", layout_lang_query(r));
	if (r && r->logged_in) {
		/* The organisation being worked in follows the user from page to page;
		 * an entry needing a right shows only to those core says hold it. */
		static const struct { const char *path, *label; int action; } nav[] = {
			{ "/", N_("Start"), -1 }, { "/inkorg", N_("Inkorg"), ACCESS_INTAKE }, { "/arenden", N_("Ärenden"), -1 }, { "/handlingar", N_("Handlingar"), -1 },
			{ "/registrera", N_("Registrera handling"), ACCESS_REGISTER },
			{ "/begaran", N_("Begäranden"), ACCESS_REGISTER }, { "/sammantraden", N_("Sammanträden"), -1 },
			{ "/anslag", N_("Anslag"), ACCESS_MEETING },
			{ "/arkiv", N_("Arkiv"), ACCESS_ARCHIVE }, { "/oversikt", N_("Översikt"), -1 },
			{ "/admin", N_("Administration"), ACCESS_ADMIN },
		};
		const char *org = req_param(r, "org");
		int64_t org_id = 0;
		char code[40];
		int have_org = r->k && page_org(r, &org_id, code, NULL) == 0;
		html_f(b, _("<nav aria-label=\"Huvudmeny\"><ul>"));
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			if (nav[i].action >= 0 && (!have_org || access_check(r->k, org_id, (access_action)nav[i].action, NULL)))
				continue;
			html_f(b, "<li><a href=\"%s", nav[i].path);
			if (org && *org)
				html_f(b, "?org=%-s", org);
			html_f(b, "\">%s</a></li>", _(nav[i].label));
		}
		html_f(b, _("<li><a href=\"/sessioner\">Mina inloggningar</a></li></ul></nav>"));
		html_f(b, "<form class=\"search\" method=\"get\" action=\"/sok\" role=\"search\">");
		if (org && *org)
			html_f(b, "<input type=\"hidden\" name=\"org\" value=\"%s\">", org);
		html_f(b, _("<label for=\"sokruta\" class=\"visually-hidden\">Sök i diariet</label>"
		            "<input id=\"sokruta\" name=\"q\" type=\"search\" placeholder=\"Sök i diariet\">"
		            "<button type=\"submit\">Sök</button></form>"));
		/* The user's language is theirs, kept on their account (it
		 * follows them to other browsers): one button changes it. */
		ui_lang other = r->lang == LANG_EN ? LANG_SV : LANG_EN;
		html_f(b, "<form class=\"lang\" method=\"post\" action=\"/installningar/sprak\">");
		layout_csrf(b, r);
		html_f(b, "<input type=\"hidden\" name=\"sprak\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"tillbaka\" value=\"%s\">"
		       "<button type=\"submit\" lang=\"%s\">%s</button></form>",
		       i18n_code(other), r->url, i18n_code(other), other == LANG_EN ? "English" : "Svenska");
		html_f(b, "<form class=\"logout\" method=\"post\" action=\"/logout\">");
		layout_csrf(b, r);
		html_f(b, _("<span>%s</span> <button type=\"submit\">Logga ut</button></form>"), r->s.full_name);
	} else if (r) {
		const char *q = layout_lang_query(r);
		html_f(b, _("<nav aria-label=\"Huvudmeny\"><ul><li><a href=\"/offentlig%s\">Offentligt diarium</a></li>"
		            "<li><a href=\"/anslagstavla%s\">Anslagstavla</a></li>"
		            "<li><a href=\"/offentlig/logg%s\">Kontrollera diariet</a></li></ul></nav>"), q, q, q);
		lang_switch(b, r);
	}
	html_f(b, "</header>\n<main id=\"main\">\n");
}

void layout_end_r(buf *b, const request *r)
{
	const char *q = layout_lang_query(r);
	html_f(b, _("</main>\n<footer><p>kansli – diarium, ärenden och sammanträden · "
	            "<a href=\"/anslagstavla%s\">Anslagstavla</a> · <a href=\"/offentlig%s\">Offentligt diarium</a></p>"
	            "</footer>\n</body></html>\n"), q, q);
}

void layout_end(buf *b)
{
	layout_end_r(b, NULL);
}
