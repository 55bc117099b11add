/* request_filing_warn.c — the warning about where requests are filed; see request_filing_warn.h. */
#include "web/request_filing_warn.h"

#include "core/request_filing.h"
#include "web/html.h"
#include "web/i18n.h"

int request_filing_warn(page *p)
{
	request_filing f;
	int rc = request_filing_find(p->r->k, p->org_id, &f, &p->e);
	if (rc == KERR_NOTFOUND) { /* no series at all: nothing is filed yet */
		p->e = (kerr)KERR_INIT;
		return 0;
	}
	if (rc)
		return rc;
	if (f.by == REQUEST_FILED_FIRST_SERIES)
		html_f(&p->b, _("<p class=\"warning\" role=\"alert\" id=\"begaran-serie-varning\">Begäranden hamnar i %s "
		       "eftersom ingen serie är vald för begäranden. <a href=\"/admin?org=%-s#begaran\">Välj serie för "
		       "begäranden</a> (administratör).</p>\n"), f.series, p->org);
	return 0;
}
