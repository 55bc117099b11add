/*
 * page_start.c — the start page each user lands on, and the machine pages
 * (/healthz, /metrics).
 */
#include <stdio.h>
#include <string.h>

#include "core/access.h"
#include "core/cases.h"
#include "core/org.h"
#include "core/reminder.h"
#include "core/docrequest.h"
#include "core/stats.h"
#include "core/worklist.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/metrics.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/request_filing_warn.h"
#include "web/respond.h"
#include "web/start_intake.h"
#include "web/view.h"

static void case_links(buf *b, json_t *rows, const char *org, const char *id, const char *caption,
                       const char *empty, const char *path)
{
	html_f(b, "<section id=\"%s\"><h2>%s</h2>", id, caption);
	if (json_array_size(rows) == 0) {
		html_f(b, "<p>%s</p></section>\n", empty);
		return;
	}
	html_f(b, "<ul>");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *num = json_string_value(json_object_get(row, "number"));
		html_f(b, "<li><a href=\"/%s?org=%-s&amp;nr=%-s\">%s</a> %s", path, org, num, num,
		       json_string_value(json_object_get(row, "title")));
		const char *due = json_string_value(json_object_get(row, "due_date"));
		const char *date = json_string_value(json_object_get(row, "doc_date"));
		if (due || date)
			html_f(b, " <span class=\"date\">%s%s</span>", due ? _("bevakas ") : _("inkom "), due ? due : date);
		html_f(b, "</li>");
	}
	html_f(b, "</ul></section>\n");
}

/* One figure of the start page: the count, what it counts, and where it
 * leads (to: "cases", "requests" or "anchor" with value the section's id);
 * a list the overview cut at 50 is "50+"; nothing to do is not a link. */
static void count_link(page *p, size_t n, int capped, const char *what, const char *to, const char *value)
{
	char num[24];
	snprintf(num, sizeof num, capped && n >= 50 ? "%zu+" : "%zu", n);
	html_f(&p->b, "<li><strong>%s</strong> ", num);
	if (!n) {
		html_f(&p->b, "%s</li>", what);
		return;
	}
	html_f(&p->b, "<a href=\"");
	if (!strcmp(to, "cases"))
		html_f(&p->b, "/arenden?org=%-s&amp;handlaggare=%-s", p->org, value);
	else if (!strcmp(to, "requests"))
		html_f(&p->b, "/begaran?org=%-s", p->org);
	else
		html_f(&p->b, "#%s", value);
	html_f(&p->b, "\">%s</a></li>", what);
}

/* A list of reminders (core's rows); only_overdue keeps those past their day. */
static void reminder_links(page *p, json_t *rows, const char *id, const char *caption, const char *empty,
                           int only_overdue)
{
	html_f(&p->b, "<section id=\"%s\"><h2>%s</h2>", id, caption);
	size_t i, n = 0;
	json_t *m;
	json_array_foreach(rows, i, m) {
		if (only_overdue && !json_is_true(json_object_get(m, "overdue")))
			continue;
		if (!n++)
			html_f(&p->b, "<ul>");
		html_f(&p->b, "<li><a href=\"/bevakning?org=%-s&amp;id=%lld\">%s</a> %s <span class=\"date\">%s</span></li>",
		       p->org, (long long)json_integer_value(json_object_get(m, "id")), view_str(m, "case"),
		       view_str(m, "note"), view_str(m, "due_date"));
	}
	if (n)
		html_f(&p->b, "</ul>");
	else
		html_f(&p->b, "<p>%s</p>", empty);
	html_f(&p->b, _("<p><a href=\"/bevakningar?org=%-s\">Alla bevakningar</a></p></section>\n"), p->org);
}

/* How many of rows are overdue. */
static size_t overdue_count(json_t *rows)
{
	size_t i, n = 0;
	json_t *m;
	json_array_foreach(rows, i, m)
		n += json_is_true(json_object_get(m, "overdue"));
	return n;
}

/* The figures at the top of the start page: what waits for this user. */
static void start_counts(page *p, json_t *o, json_t *requests, json_t *minutes, json_t *mine, json_t *units,
                         const start_intake *inbox)
{
	html_f(&p->b, _("<ul class=\"counts\" aria-label=\"Att göra\">"));
	count_link(p, json_array_size(mine), 1, _("bevakningar till mig"), "anchor", "mina-bevakningar");
	count_link(p, json_array_size(units), 1, _("bevakningar till mina enheter"), "anchor", "enheternas-bevakningar");
	count_link(p, overdue_count(mine) + overdue_count(units), 0, _("passerade bevakningar"), "anchor",
	           "passerade-bevakningar");
	count_link(p, json_array_size(json_object_get(o, "my_cases")), 1, _("mina öppna ärenden"), "cases",
	           p->r->s.username);
	count_link(p, json_array_size(json_object_get(o, "overdue")), 1, _("försenade bevakningar"), "anchor", "forsenade");
	count_link(p, json_array_size(minutes), 0, _("protokoll att justera"), "anchor", "justera");
	if (requests)
		count_link(p, json_array_size(requests), 0, _("begäranden som väntar"), "requests", NULL);
	count_link(p, json_array_size(json_object_get(o, "unassigned_incoming")), 1,
	           _("inkomna handlingar utan handläggare"), "anchor", "ko");
	start_intake_count(p, inbox);
	html_f(&p->b, "</ul>\n");
}

/* PAGE: GET /  access: staff */
enum MHD_Result page_start(page *p)
{
	request *r = p->r;
	json_t *o = page_own(p, case_overview(r->k, p->org_id, r->s.username, &p->e));
	if (!o)
		return page_fail_p(p);
	kerr why = KERR_INIT;
	json_t *requests = page_own(p, request_list(r->k, p->org_id, 1, &why)); /* only registrars may see them */
	if (!requests && why.code != KERR_DENIED) {
		p->e = why;
		return page_fail_p(p);
	}
	json_t *minutes = page_own(p, minutes_awaiting_approval(r->k, p->org_id, r->s.username, &p->e));
	if (!minutes)
		return page_fail_p(p);
	json_t *mine = page_own(p, reminder_list(r->k, p->org_id, REMINDER_MINE, 50, 0, NULL, &p->e));
	json_t *units = mine ? page_own(p, reminder_list(r->k, p->org_id, REMINDER_UNIT, 50, 0, NULL, &p->e)) : NULL;
	if (!units)
		return page_fail_p(p);
	start_intake inbox;
	if (start_intake_load(p, &inbox))
		return page_fail_p(p);
	page_begin(p, _("Start"));
	html_f(&p->b, _("<h1>Välkommen, %s</h1>\n<p>Organisation: %s</p>\n"), r->s.full_name, p->org);
	/* registrars (who may see the requests) are told where they go */
	if (requests && request_filing_warn(p))
		return page_fail_p(p);
	start_intake_warning(p, &inbox);
	start_counts(p, o, requests, minutes, mine, units, &inbox);
	html_f(&p->b, "<div class=\"grid\">");
	start_intake_section(p, &inbox);
	case_links(&p->b, json_object_get(o, "my_cases"), p->org, "mina-arenden", _("Mina öppna ärenden"),
	           _("Du har inga öppna ärenden."), "arende");
	case_links(&p->b, json_object_get(o, "overdue"), p->org, "forsenade", _("Försenade bevakningar"),
	           _("Inga bevakningar är försenade."), "arende");
	case_links(&p->b, json_object_get(o, "upcoming"), p->org, "kommande", _("Bevakningar de närmaste två veckorna"),
	           _("Inga bevakningar de närmaste två veckorna."), "arende");
	case_links(&p->b, json_object_get(o, "unassigned_incoming"), p->org, "ko",
	           _("Inkomna handlingar i ärenden utan handläggare"), _("Alla inkomna handlingar har handläggare."),
	           "handling");
	reminder_links(p, mine, "mina-bevakningar", _("Bevakningar till mig"), _("Du har inga öppna bevakningar."), 0);
	reminder_links(p, units, "enheternas-bevakningar", _("Bevakningar till mina enheter"),
	               _("Dina enheter har inga öppna bevakningar."), 0);
	if (overdue_count(mine) + overdue_count(units)) {
		json_t *both = page_own(p, json_array());
		json_array_extend(both, mine);
		json_array_extend(both, units);
		reminder_links(p, both, "passerade-bevakningar", _("Passerade bevakningar"), "", 1);
	}
	if (json_array_size(minutes)) {
		html_f(&p->b, _("<section id=\"justera\"><h2>Protokoll att justera</h2><ul>"));
		size_t i;
		json_t *m;
		json_array_foreach(minutes, i, m)
			html_f(&p->b, "<li><a href=\"/sammantrade?org=%-s&amp;id=%lld\">%s %s</a></li>", p->org,
			       (long long)json_integer_value(json_object_get(m, "id")), view_str(m, "board"), view_str(m, "date"));
		html_f(&p->b, "</ul></section>\n");
	}
	if (requests) {
		html_f(&p->b, _("<section id=\"begaran\"><h2>Begäran om allmän handling</h2>"));
		if (json_array_size(requests) == 0)
			html_f(&p->b, _("<p>Inga obesvarade begäranden.</p>"));
		else {
			html_f(&p->b, "<ul>");
			size_t i;
			json_t *q;
			json_array_foreach(requests, i, q) {
				html_f(&p->b, "<li><a href=\"/begaran?org=%-s\">%s", p->org,
				       json_string_value(json_object_get(q, "case")));
				buf_printf(&p->b, _("</a> inkom för %.1f timmar sedan</li>"), json_real_value(json_object_get(q, "hours")));
			}
			html_f(&p->b, "</ul>");
		}
		html_f(&p->b, "</section>");
	}
	html_f(&p->b, "</div>\n");
	json_t *orgs = page_own(p, org_list(r->k, &p->e));
	if (json_array_size(orgs) > 1) {
		html_f(&p->b, _("<h2>Mina organisationer</h2><ul>"));
		size_t i;
		json_t *x;
		json_array_foreach(orgs, i, x) {
			const char *c = json_string_value(json_object_get(x, "code"));
			html_f(&p->b, "<li><a href=\"/?org=%-s\">%s</a>%s</li>", c, json_string_value(json_object_get(x, "name")),
			       !strcmp(c, p->org) ? _(" (visas nu)") : "");
		}
		html_f(&p->b, "</ul>\n");
	}
	return page_close(p);
}

/* PAGE: GET /healthz  access: public */
enum MHD_Result page_health(request *r)
{
	kerr e = KERR_INIT;
	buf b = BUF_INIT;
	if (stats_ping(r->k, &e)) {
		buf_adds(&b, "{\"status\":\"error\",\"message\":\"database unavailable\"}\n");
		return web_send(r, 503, "application/json", &b);
	}
	buf_adds(&b, "{\"status\":\"ok\"}\n");
	return web_send(r, 200, "application/json", &b);
}

/* The server's counters are not the public's: requests answered (staff
 * pages among them) and registrations, polled by an anonymous visitor,
 * would tell the moments staff work. They count the whole installation,
 * so they are not one organisation's either: only an administrator of
 * every organisation reads them. A scraper signs in with such a user's
 * API token (Authorization: Bearer; Prometheus' `authorization`). */
/* PAGE: GET /metrics  access: staff */
enum MHD_Result page_metrics(request *r)
{
	buf b = BUF_INIT;
	kerr e = KERR_INIT;
	int rc = access_installation(r->k, &e);
	if (rc) {
		buf_printf(&b, "%s\n", e.msg);
		return web_send(r, web_status_for(rc), "text/plain; charset=utf-8", &b);
	}
	metrics_render(&b);
	long long events = stats_log_size(r->k, &e);
	if (events < 0) {
		/* A gauge that could not be read is left out, never reported as -1 or 0. */
		buf_reset(&b);
		buf_printf(&b, "kansli_log_events could not be read: %s\n", e.msg);
		return web_send(r, 500, "text/plain; charset=utf-8", &b);
	}
	buf_printf(&b, "# HELP kansli_log_events Events in the signed audit log.\n"
	               "# TYPE kansli_log_events gauge\nkansli_log_events %lld\n", events);
	return web_send(r, 200, "text/plain; version=0.0.4", &b);
}
