/* encoding.c — iconv to UTF-8; see encoding.h. */
#include "util/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <strings.h>

int text_to_utf8(const char *enc, const buf *in, buf *out, kerr *e)
{
	if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8")) {
		buf_add(out, in->s ? in->s : "", in->len);
		return 0;
	}
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return kerr_set(e, KERR_INVALID, "unknown encoding '%s' (try windows-1252 or iso-8859-1)", enc);
	char *src = in->s;
	size_t left = in->len;
	int rc = 0;
	while (left) {
		char chunk[65536], *dst = chunk;
		size_t room = sizeof chunk;
		size_t n = iconv(cd, &src, &left, &dst, &room);
		buf_add(out, chunk, sizeof chunk - room);
		if (n == (size_t)-1 && errno != E2BIG) {
			rc = kerr_set(e, KERR_INVALID, "byte %zu is not %s text", (size_t)(src - in->s), enc);
			break;
		}
	}
	buf_add(out, "", 0);
	iconv_close(cd);
	return rc;
}
