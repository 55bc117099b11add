/*
 * start_intake.c — the inbox on the start page (see start_intake.h): what
 * the registrars forwarded to this user or their unit, waiting for them to
 * register it or send it back, each linked to its page; and for the
 * registry office, the warning of an inbox nobody has opened.
 */
#include "web/start_intake.h"

#include <stdio.h>

#include "core/intake.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/view.h"

int start_intake_load(page *p, start_intake *si)
{
	intake_filter mine = { .state = "forwarded", .mine = 1 };
	kerr why = KERR_INIT;
	si->watch = NULL;
	si->forwarded = page_own(p, intake_search(p->r->k, p->org_id, &mine, NULL, &why));
	if (!si->forwarded && why.code != KERR_DENIED) {
		p->e = why;
		return -1;
	}
	why = (kerr)KERR_INIT;
	si->watch = page_own(p, intake_watch(p->r->k, p->org_id, &why));
	if (!si->watch && why.code != KERR_DENIED) {
		p->e = why;
		return -1;
	}
	return 0;
}

void start_intake_warning(page *p, const start_intake *si)
{
	if (!si->watch || !json_is_true(json_object_get(si->watch, "warning")))
		return;
	html_f(&p->b, _("<div class=\"alert\" role=\"alert\" id=\"inkorg-varning\"><p><strong>Ingen har öppnat "
	       "inkorgen</strong> på %lld arbetsdagar medan %lld poster har väntat (gränsen är %lld). En handling "
	       "räknas som inkommen när den når myndigheten, inte när någon läser den.</p><p><a href=\"/inkorg?org=%-s\">"
	       "Öppna inkorgen</a></p></div>\n"),
	       (long long)json_integer_value(json_object_get(si->watch, "working_days")),
	       (long long)json_integer_value(json_object_get(si->watch, "waiting")),
	       (long long)json_integer_value(json_object_get(si->watch, "unopened_days")), p->org);
}

void start_intake_count(page *p, const start_intake *si)
{
	if (!si->forwarded)
		return;
	size_t n = json_array_size(si->forwarded);
	html_f(&p->b, "<li><strong>%zu</strong> ", n);
	if (n)
		html_f(&p->b, _("<a href=\"#inkorg\">poster i inkorgen vidarebefordrade till dig</a></li>"));
	else
		html_f(&p->b, _("poster i inkorgen vidarebefordrade till dig</li>"));
}

void start_intake_section(page *p, const start_intake *si)
{
	json_t *forwarded = si->forwarded;
	if (!json_array_size(forwarded))
		return;
	html_f(&p->b, _("<section id=\"inkorg\"><h2>Vidarebefordrat till dig ur inkorgen</h2><ul>"));
	size_t i;
	json_t *item;
	json_array_foreach(forwarded, i, item)
		html_f(&p->b, _("<li><a href=\"/inkorg/post?org=%-s&amp;id=%lld\">%s</a> från %s <span class=\"date\">"
		       "inkom %s</span></li>"), p->org, (long long)json_integer_value(json_object_get(item, "id")),
		       view_str(item, "subject"), view_str(item, "sender"), view_str(item, "arrived_local"));
	html_f(&p->b, _("</ul><p><a href=\"/inkorg?org=%-s\">Till inkorgen</a></p></section>\n"), p->org);
}
