/* err.c — filling in error objects; see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

/* A plain kerr_set forgets the field of an earlier error, so a stale field
 * is never shown beside the wrong input. */
int kerr_set(kerr *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->code = code;
	e->field[0] = '\0';
	e->why = KWHY_NONE;
	e->line = 0;
	e->subject = 0;
	e->max = 0;
	return code;
}

int kerr_field(kerr *e, int code, const char *field, int why, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	e->why = why;
	e->line = 0;
	e->subject = 0;
	e->max = 0;
	return code;
}

int kerr_line(kerr *e, int line)
{
	if (!e)
		return KERR_INTERNAL;
	e->line = line;
	return e->code;
}

int kerr_subject(kerr *e, long long subject)
{
	if (!e)
		return KERR_INTERNAL;
	e->subject = subject;
	return e->code;
}

int kerr_max(kerr *e, int max)
{
	if (!e)
		return KERR_INTERNAL;
	e->max = max;
	return e->code;
}

const char *kerr_why_name(int why)
{
	static const char *const names[] = { NULL, "required", "too_long", "format", "unknown",
	                                     "choice", "duplicate", "state", "range", "too_short",
	                                     "closed", "not_closed", "not_open", "four_eyes",
	                                     "line_break" };
	return why > 0 && (size_t)why < sizeof names / sizeof names[0] ? names[why] : NULL;
}

const char *kerr_code_name(int code)
{
	switch (code) {
	case KERR_OK: return "ok";
	case KERR_INVALID: return "invalid";
	case KERR_NOTFOUND: return "not_found";
	case KERR_CONFLICT: return "conflict";
	case KERR_DENIED: return "forbidden";
	case KERR_IO: return "io_error";
	case KERR_TAMPERED: return "tampered";
	default: return "internal";
	}
}
