/* err.c — filling in error objects; see err.h. */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>

int kerr_set(kerr *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->code = code;
	return code;
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
