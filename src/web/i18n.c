/* i18n.c — per-request language through gettext; see i18n.h. */
#include "web/i18n.h"

#include <libgen.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *const domains[LANG_COUNT] = { "kansli-sv", "kansli-en" };
static const char *const codes[LANG_COUNT] = { "sv", "en" };
static _Thread_local ui_lang current = LANG_SV;

static int has_catalogue(const char *dir)
{
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/C/LC_MESSAGES/kansli-en.mo", dir) >= (int)sizeof path)
		return 0;
	return access(path, R_OK) == 0;
}

/* Where the catalogues are when no directory is given: next to a binary
 * run from the source tree (./kansli, build/san/kansli) or installed. */
static int find_dir(char *out, size_t len)
{
	const char *env = getenv("KANSLI_LOCALE_DIR");
	if (env && *env) {
		snprintf(out, len, "%s", env);
		return has_catalogue(out) ? 0 : -1;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	const char *bin = dirname(exe);
	static const char *const tails[] = { "build/locale", "../locale", "../share/locale" };
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		if (snprintf(out, len, "%s/%s", bin, tails[i]) >= (int)len)
			continue;
		if (has_catalogue(out))
			return 0;
	}
	return -1;
}

int i18n_init(const char *dir, char *why, size_t why_len)
{
	char found[PATH_MAX];
	if (dir)
		snprintf(found, sizeof found, "%s", dir);
	else if (find_dir(found, sizeof found) != 0) {
		snprintf(why, why_len, "no message catalogues found (give --locale-dir or set KANSLI_LOCALE_DIR)");
		return -1;
	}
	if (dir && !has_catalogue(found)) {
		snprintf(why, why_len, "%s/C/LC_MESSAGES/kansli-en.mo cannot be read", found);
		return -1;
	}
	/* gettext translates nothing in the C locale; C.UTF-8 is built into
	 * glibc. LANGUAGE would send lookups to other directories first. */
	if (!setlocale(LC_MESSAGES, "C.UTF-8") && !setlocale(LC_MESSAGES, "C.utf8")) {
		snprintf(why, why_len, "the C.UTF-8 locale is missing");
		return -1;
	}
	unsetenv("LANGUAGE");
	for (int i = 0; i < LANG_COUNT; i++) {
		if (!bindtextdomain(domains[i], found) || !bind_textdomain_codeset(domains[i], "UTF-8")) {
			snprintf(why, why_len, "cannot bind the text domain %s", domains[i]);
			return -1;
		}
	}
	return 0;
}

void i18n_use(ui_lang lang)
{
	current = lang == LANG_EN ? LANG_EN : LANG_SV;
}

ui_lang i18n_current(void)
{
	return current;
}

const char *i18n_code(ui_lang lang)
{
	return codes[lang == LANG_EN ? LANG_EN : LANG_SV];
}

int i18n_parse(const char *code)
{
	for (int i = 0; code && i < LANG_COUNT; i++)
		if (!strcasecmp(code, codes[i]))
			return i;
	return -1;
}

ui_lang i18n_from_accept(const char *header)
{
	/* "en-GB,en;q=0.9,sv;q=0.8": the highest q among our languages wins;
	 * at equal q the first named. */
	ui_lang best = LANG_SV;
	double best_q = -1;
	const char *p = header;
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char item[64];
		if (len < sizeof item) {
			memcpy(item, p, len);
			item[len] = '\0';
			char *tag = item;
			while (*tag == ' ' || *tag == '\t')
				tag++;
			double q = 1.0;
			char *semi = strchr(tag, ';');
			if (semi) {
				*semi = '\0';
				const char *qs = strstr(semi + 1, "q=");
				if (qs)
					q = strtod(qs + 2, NULL);
			}
			tag[strcspn(tag, "- \t")] = '\0';
			int lang = i18n_parse(tag);
			if (lang >= 0 && q > 0 && q > best_q) {
				best = (ui_lang)lang;
				best_q = q;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return best;
}

const char *i18n_text(const char *msgid)
{
	if (!msgid || !*msgid)
		return msgid; /* "" would give the catalogue's header */
	return dgettext(domains[current], msgid);
}
