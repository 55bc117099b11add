/* fuzz_accept_language.c — i18n_from_accept on hostile Accept-Language
 * headers (anyone sends one, before any login): never out of bounds, and
 * always one of the two languages. web/ is not in the fuzzers' library,
 * so the one file is compiled in. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "web/i18n.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	ui_lang l = i18n_from_accept(s);
	if (l != LANG_SV && l != LANG_EN)
		abort();
	(void)i18n_parse(s);
	free(s);
	return 0;
}
