/*
 * test_i18n.c — the language of a page: Accept-Language read as RFC 9110
 * says (q-values, regional tags, our two languages only, Swedish when
 * neither is named, garbage survived); and the catalogues looked up per
 * thread: two threads rendering in Swedish and English at the same time
 * each get their own language on every lookup.
 */
#include "test.h"
#include "web/i18n.h"

#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct { const char *header; ui_lang want; } accepts[] = {
	{ NULL, LANG_SV },
	{ "", LANG_SV },
	{ "en", LANG_EN },
	{ "en-GB,en;q=0.9", LANG_EN },
	{ "sv-SE,sv;q=0.9,en;q=0.8", LANG_SV },
	{ "fr, sv;q=0.4, en;q=0.3", LANG_SV },
	{ "fr, en;q=0.4, sv;q=0.3", LANG_EN },
	{ "de, fr", LANG_SV },
	{ "EN-us", LANG_EN },
	{ "en;q=0, sv;q=0.1", LANG_SV },
	{ "en;q=0", LANG_SV },
	{ "sv;q=0.5, en;q=0.5", LANG_SV },      /* equal q: the first named */
	{ "en;q=0.5, sv;q=0.5", LANG_EN },
	{ ",,, ;;; q=, en", LANG_EN },
	{ "english", LANG_SV },                 /* not the tag "en" */
	{ "svenska;q=1, en;q=0.2", LANG_EN },
};

/* Each thread looks up one text many times in its own language. */
struct worker { ui_lang lang; const char *want; int wrong; };

static void *render(void *arg)
{
	struct worker *w = arg;
	i18n_use(w->lang);
	for (int i = 0; i < 20000; i++)
		if (strcmp(_("Nästa sida"), w->want) != 0 || i18n_current() != w->lang)
			w->wrong++;
	return NULL;
}

int main(void)
{
	for (size_t i = 0; i < sizeof accepts / sizeof accepts[0]; i++) {
		char name[160];
		snprintf(name, sizeof name, "Accept-Language \"%s\"", accepts[i].header ? accepts[i].header : "(none)");
		CHECK(name, i18n_from_accept(accepts[i].header) == accepts[i].want);
	}
	CHECK("sv and en are languages", i18n_parse("sv") == LANG_SV && i18n_parse("EN") == LANG_EN);
	CHECK("others are not", i18n_parse("de") < 0 && i18n_parse("") < 0 && i18n_parse(NULL) < 0 &&
	      i18n_parse("english") < 0);
	CHECK("codes", !strcmp(i18n_code(LANG_SV), "sv") && !strcmp(i18n_code(LANG_EN), "en"));

	/* Before the catalogues are bound every text is its Swedish msgid. */
	i18n_use(LANG_EN);
	CHECK("without catalogues, the msgid", !strcmp(_("Nästa sida"), "Nästa sida"));

	/* The catalogues `make` builds: build/locale, two up from build/san/tests. */
	char exe[PATH_MAX], dir[PATH_MAX + 32], why[300] = "";
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	snprintf(dir, sizeof dir, "%s/../../locale", dirname(exe));
	int rc = i18n_init(dir, why, sizeof why);
	CHECK("the catalogues are found", rc == 0);
	if (rc)
		printf("  %s\n", why);
	CHECK("a named directory without them is refused", i18n_init("/nonexistent", why, sizeof why) == -1 &&
	      strstr(why, "kansli-en.mo"));
	i18n_use(LANG_EN);
	CHECK("English", !strcmp(_("Nästa sida"), "Next page"));
	i18n_use(LANG_SV);
	CHECK("Swedish", !strcmp(_("Nästa sida"), "Nästa sida"));
	CHECK("an unknown text stays as it is", !strcmp(_("inte en msgid"), "inte en msgid"));
	CHECK("the empty string is not the catalogue's header", !strcmp(_(""), ""));

	struct worker w[4] = { { LANG_SV, "Nästa sida", 0 }, { LANG_EN, "Next page", 0 },
	                       { LANG_SV, "Nästa sida", 0 }, { LANG_EN, "Next page", 0 } };
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, render, &w[i]);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	CHECK("four threads in two languages at once, each always in its own",
	      !w[0].wrong && !w[1].wrong && !w[2].wrong && !w[3].wrong);
	CHECK("the main thread kept its language", i18n_current() == LANG_SV);
	TEST_END();
}
