/*
 * overview_lag.c — the registration lag in the managers' overview (see
 * overview_lag.h): how long what arrived waited in the inbox before it was
 * registered, the median and the longest, for e-mail and e-services.
 */
#include "web/overview_lag.h"

#include <stdio.h>
#include <string.h>

#include "web/html.h"
#include "web/i18n.h"

/* "3.5 h"; "–" when nothing was registered. */
static void hours_cell(page *p, json_t *v)
{
	if (!json_is_number(v)) {
		html_f(&p->b, "<td class=\"num\">–</td>");
		return;
	}
	char text[32];
	snprintf(text, sizeof text, _("%.1f h"), json_number_value(v));
	html_f(&p->b, "<td class=\"num\">%s</td>", text);
}

void overview_lag_table(page *p, json_t *lag)
{
	html_f(&p->b, _("<h2>Registreringstid från inkorgen</h2>\n<p>Från det att en handling kom in (kanalens "
	       "egen tid, inkomstdatumet) tills den registrerades, för det som registrerades under året.</p>\n"
	       "<table><caption>Registreringstid per kanal</caption><thead><tr><th scope=\"col\">Kanal</th>"
	       "<th scope=\"col\">Registrerade</th><th scope=\"col\">Median</th><th scope=\"col\">Längst</th>"
	       "</tr></thead><tbody>"));
	size_t i;
	json_t *row;
	json_array_foreach(lag, i, row) {
		const char *channel = json_string_value(json_object_get(row, "channel"));
		html_f(&p->b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%lld</td>",
		       channel && !strcmp(channel, "api") ? _("e-tjänst") : _("e-post"),
		       (long long)json_integer_value(json_object_get(row, "registered")));
		hours_cell(p, json_object_get(row, "median_hours"));
		hours_cell(p, json_object_get(row, "max_hours"));
		html_f(&p->b, "</tr>");
	}
	html_f(&p->b, "</tbody></table>\n");
}
