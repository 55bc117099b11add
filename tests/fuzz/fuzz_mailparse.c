/* fuzz_mailparse.c — the inbox's mail reader on arbitrary bytes: never a
 * crash, and whatever it accepts comes out as the registry keeps text
 * (sender and subject one line of UTF-8 without control characters, the
 * text UTF-8, attachment names safe to keep as file names). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mailparse.h"
#include "util/encoding.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mail_limits lim = { 1 << 20, 1 << 16 };
	mail_parsed m;
	kerr e = KERR_INIT;
	char hex[65];
	mail_content_hash((const char *)data, size, hex);
	if (mail_parse((const char *)data, size, &lim, &m, &e) == 0) {
		if (text_check(m.sender.s, m.sender.len, TEXT_LINE, NULL) ||
		    text_check(m.subject.s, m.subject.len, TEXT_LINE, NULL) ||
		    text_check(m.body.s, m.body.len, TEXT_MULTILINE, NULL))
			abort();
		for (int i = 0; i < m.nattach; i++) {
			const char *n = m.attach[i].name;
			if (!*n || *n == '.' || strchr(n, '/') || strchr(n, '\\') || text_check_str(n, TEXT_LINE))
				abort();
		}
	} else if (e.code != KERR_INVALID) {
		abort(); /* a refusal is bad input, never anything else */
	}
	mail_parsed_free(&m);
	return 0;
}
