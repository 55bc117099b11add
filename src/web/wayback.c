/* wayback.c — the way back from an error page; see wayback.h. */
#include "web/wayback.h"

#include <stdint.h>
#include <string.h>

#include "core/org.h"
#include "web/html.h"
#include "web/layout.h"

static int has_prefix(const char *url, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(url, prefix, n) && (url[n] == '\0' || url[n] == '/');
}

int wayback_public_path(const char *url)
{
	return url && (has_prefix(url, "/offentlig") || has_prefix(url, "/anslagstavla") || has_prefix(url, "/sokhjalp"));
}

/* <a href="PATH[?org=ORG]">LABEL</a>, with the public's ?lang= */
static void back_link(buf *b, const request *r, const char *path, const char *org, const char *label)
{
	if (org)
		html_f(b, "<a href=\"%s?org=%-s%s\">%s</a>", path, org, layout_lang_arg(r), label);
	else
		html_f(b, "<a href=\"%s%s\">%s</a>", path, layout_lang_query(r), label);
}

/* The registry's search box for the organisation: where a member of the
 * public who asked for a case or a page that is not there goes on. */
static void registry_search(buf *b, const request *r, const char *org)
{
	html_f(b, "<form method=\"get\" action=\"/offentlig/diarium\" role=\"search\" class=\"wayback-search\">"
	       "<input type=\"hidden\" name=\"org\" value=\"%s\">", org);
	if (r->lang_asked)
		html_f(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", i18n_code(r->lang));
	html_f(b, _("<label for=\"wayback-q\">Sök i diariet</label> "
	            "<input id=\"wayback-q\" name=\"q\" type=\"search\"> <button type=\"submit\">Sök</button></form>\n"));
}

void wayback_links(buf *b, request *r)
{
	const char *url = r ? r->url : NULL;
	if (r && r->logged_in && !wayback_public_path(url)) {
		html_f(b, _("<p><a href=\"/\">Till startsidan</a></p>"));
		return;
	}
	/* Back to the organisation's pages only when it is one: an unknown
	 * code would lead to another error page. */
	const char *org = r ? req_query(r, "org") : NULL;
	int64_t org_id;
	kerr e = KERR_INIT;
	if (!org || !*org || strlen(org) >= 40 || !r->k || org_find(r->k, org, &org_id, &e))
		org = NULL;
	if (url && has_prefix(url, "/anslagstavla")) {
		html_f(b, "<p>");
		back_link(b, r, org ? "/anslagstavla/aktuellt" : "/anslagstavla", org, _("Tillbaka till anslagstavlan"));
		html_f(b, "</p>");
		return;
	}
	if (url && has_prefix(url, "/offentlig/logg")) {
		html_f(b, "<p>");
		back_link(b, r, "/offentlig/logg", NULL, _("Tillbaka till sidan om diariets logg"));
		html_f(b, "</p>");
		return;
	}
	if (org)
		registry_search(b, r, org);
	html_f(b, "<p>");
	if (org) {
		back_link(b, r, "/offentlig/diarium", org, _("Tillbaka till diariet"));
		html_f(b, " · ");
	}
	back_link(b, r, "/offentlig", NULL, _("Offentliga diarier"));
	html_f(b, " · ");
	back_link(b, r, "/anslagstavla", NULL, _("Anslagstavlan"));
	html_f(b, "</p>");
}
