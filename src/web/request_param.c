/* request_param.c — typed request parameters; see request.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "web/i18n.h"
#include "web/request.h"

const char *req_str(request *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

int req_form_has(request *r, const char *name, const char *value)
{
	for (int i = 0; i < r->nfields; i++)
		if (!r->fields[i].filename && !strcmp(r->fields[i].name, name) && r->fields[i].value.s &&
		    !strcmp(r->fields[i].value.s, value))
			return 1;
	return 0;
}

int req_int(request *r, const char *name, int64_t min, int64_t max, int64_t *out, kerr *e)
{
	const char *v = req_param(r, name);
	if (!v || !*v)
		return REQ_ABSENT;
	/* strtoll alone would take leading blanks, a sign before them and
	 * trailing junk ("12abc"): only [-]digits is a number here. */
	const char *d = *v == '-' ? v + 1 : v;
	int digits = *d >= '0' && *d <= '9';
	char *end;
	errno = 0;
	long long n = digits ? strtoll(v, &end, 10) : 0;
	if (!digits || *end)
		return kerr_field(e, KERR_INVALID, name, KWHY_FORMAT, _("Fältet ”%s” ska vara ett heltal."), name);
	if (errno == ERANGE || n < min || n > max)
		return kerr_field(e, KERR_INVALID, name, KWHY_RANGE,
		                  _("Fältet ”%s” ska vara ett heltal från %" PRId64 " till %" PRId64 "."),
		                  name, min, max);
	*out = n;
	return 0;
}
