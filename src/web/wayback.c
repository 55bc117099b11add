/* wayback.c — the way back from an error page; see wayback.h. */
#include "web/wayback.h"

#include <string.h>

#include "web/html.h"

static int has_prefix(const char *url, const char *prefix)
{
	size_t n = strlen(prefix);
	return !strncmp(url, prefix, n) && (url[n] == '\0' || url[n] == '/');
}

int wayback_public_path(const char *url)
{
	return url && (has_prefix(url, "/offentlig") || has_prefix(url, "/anslagstavla") || has_prefix(url, "/sokhjalp"));
}

/* <a href="PATH[?org=ORG]">LABEL</a> */
static void back_link(buf *b, const char *path, const char *org, const char *label)
{
	html_raw(b, "<a href=\"");
	html_raw(b, path);
	if (org && *org) {
		html_raw(b, "?org=");
		html_url(b, org);
	}
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</a>");
}

/* The registry's search box for the organisation: where a member of the
 * public who asked for a case or a page that is not there goes on. */
static void registry_search(buf *b, const char *org)
{
	html_raw(b, "<form method=\"get\" action=\"/offentlig/diarium\" role=\"search\" class=\"wayback-search\">"
	            "<input type=\"hidden\" name=\"org\" value=\"");
	html_text(b, org);
	html_raw(b, "\"><label for=\"wayback-q\">Sök i diariet</label> "
	            "<input id=\"wayback-q\" name=\"q\" type=\"search\"> <button type=\"submit\">Sök</button></form>\n");
}

void wayback_links(buf *b, request *r)
{
	const char *url = r ? r->url : NULL;
	if (r && r->logged_in && !wayback_public_path(url)) {
		html_raw(b, "<p><a href=\"/\">Till startsidan</a></p>");
		return;
	}
	const char *org = r ? req_query(r, "org") : NULL;
	int known_org = org && *org && strlen(org) < 40;
	if (!known_org)
		org = NULL;
	if (url && has_prefix(url, "/anslagstavla")) {
		html_raw(b, "<p>");
		back_link(b, org ? "/anslagstavla/aktuellt" : "/anslagstavla", org, "Tillbaka till anslagstavlan");
		html_raw(b, "</p>");
		return;
	}
	if (url && has_prefix(url, "/offentlig/logg")) {
		html_raw(b, "<p>");
		back_link(b, "/offentlig/logg", NULL, "Tillbaka till sidan om diariets logg");
		html_raw(b, "</p>");
		return;
	}
	if (org)
		registry_search(b, org);
	html_raw(b, "<p>");
	if (org) {
		back_link(b, "/offentlig/diarium", org, "Tillbaka till diariet");
		html_raw(b, " · ");
	}
	back_link(b, "/offentlig", NULL, "Offentliga diarier");
	html_raw(b, " · ");
	back_link(b, "/anslagstavla", NULL, "Anslagstavlan");
	html_raw(b, "</p>");
}
