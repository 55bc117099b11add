/* layout.c — the shared page frame; see layout.h. */
#include "web/layout.h"

#include "core/access.h"
#include "web/html.h"
#include "web/form_state.h"
#include "web/pages.h"

void layout_csrf(buf *b, request *r)
{
	html_f(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->logged_in ? r->s.csrf : "");
	/* a refused form goes back to the page it was sent from */
	if (r->logged_in && !r->via_token)
		form_state_here(b, r);
}

void layout_begin(buf *b, request *r, const char *title)
{
	html_f(b, "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	       "<link rel=\"stylesheet\" href=\"/static/kansli.css\"><title>%s – kansli</title></head><body>\n"
	       "<a class=\"skip\" href=\"#main\">Hoppa till innehållet</a>\n"
	       "<header><a class=\"brand\" href=\"%s\">kansli</a>", title,
	       /* The public's start is the public registry: "/" is the staff's
	        * and would only send them to the login. */
	       r && r->logged_in ? "/" : "/offentlig");
	if (r && r->logged_in) {
		/* The organisation being worked in follows the user from page to page;
		 * an entry needing a right shows only to those core says hold it. */
		static const struct { const char *path, *label; int action; } nav[] = {
			{ "/", "Start", -1 }, { "/arenden", "Ärenden", -1 }, { "/handlingar", "Handlingar", -1 },
			{ "/registrera", "Registrera handling", ACCESS_REGISTER },
			{ "/begaran", "Begäranden", ACCESS_REGISTER }, { "/sammantraden", "Sammanträden", -1 },
			{ "/anslag", "Anslag", ACCESS_MEETING },
			{ "/arkiv", "Arkiv", ACCESS_ARCHIVE }, { "/oversikt", "Översikt", -1 },
			{ "/admin", "Administration", ACCESS_ADMIN },
		};
		const char *org = req_param(r, "org");
		int64_t org_id = 0;
		char code[40];
		int have_org = r->k && page_org(r, &org_id, code, NULL) == 0;
		html_f(b, "<nav aria-label=\"Huvudmeny\"><ul>");
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			if (nav[i].action >= 0 && (!have_org || access_check(r->k, org_id, (access_action)nav[i].action, NULL)))
				continue;
			html_f(b, "<li><a href=\"%s", nav[i].path);
			if (org && *org)
				html_f(b, "?org=%-s", org);
			html_f(b, "\">%s</a></li>", nav[i].label);
		}
		html_f(b, "<li><a href=\"/sessioner\">Mina inloggningar</a></li></ul></nav>"
		       "<form class=\"search\" method=\"get\" action=\"/sok\" role=\"search\">");
		if (org && *org)
			html_f(b, "<input type=\"hidden\" name=\"org\" value=\"%s\">", org);
		html_f(b, "<label for=\"sokruta\" class=\"visually-hidden\">Sök i diariet</label>"
		       "<input id=\"sokruta\" name=\"q\" type=\"search\" placeholder=\"Sök i diariet\">"
		       "<button type=\"submit\">Sök</button></form>"
		       "<form class=\"logout\" method=\"post\" action=\"/logout\">");
		layout_csrf(b, r);
		html_f(b, "<span>%s</span> <button type=\"submit\">Logga ut</button></form>", r->s.full_name);
	} else if (r) {
		html_f(b, "<nav aria-label=\"Huvudmeny\"><ul><li><a href=\"/offentlig\">Offentligt diarium</a></li>"
		       "<li><a href=\"/anslagstavla\">Anslagstavla</a></li>"
		       "<li><a href=\"/offentlig/logg\">Kontrollera diariet</a></li></ul></nav>");
	}
	html_f(b, "</header>\n<main id=\"main\">\n");
}

void layout_end(buf *b)
{
	html_f(b, "</main>\n<footer><p>kansli – diarium, ärenden och sammanträden · "
	       "<a href=\"/anslagstavla\">Anslagstavla</a> · <a href=\"/offentlig\">Offentligt diarium</a></p>"
	       "</footer>\n</body></html>\n");
}
