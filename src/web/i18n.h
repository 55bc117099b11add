/*
 * i18n.h — the web UI's languages: Swedish (the msgids) and English,
 * through gettext, chosen per request.
 *
 *     html_f(b, _("<h1>Offentligt diarium</h1>"));   translated now
 *     static const char *labels[] = { N_("Öppet"), ... };  marked only;
 *     html_f(b, "%s", _(labels[i]));                 translated when used
 *
 * _() keeps -Wformat's checking of html_f: i18n_text carries gettext's
 * format_arg attribute, so the compiler checks the arguments against the
 * msgid, and msgfmt --check-format checks each msgstr against its msgid.
 *
 * How a language is chosen per thread without installed locales: each
 * language is its own text domain (kansli-sv, kansli-en) and the process's
 * LC_MESSAGES is the C.UTF-8 locale every glibc system has. The request's
 * language picks the domain (a thread-local set by i18n_use), so threads
 * serving different languages never touch shared state; dgettext does the
 * lookup in libintl's own catalogue cache. The catalogues lie in
 * LOCALEDIR/C/LC_MESSAGES/kansli-LANG.mo (glibc's fallback for C.UTF-8).
 */
#ifndef KANSLI_I18N_H
#define KANSLI_I18N_H

#include <stddef.h>

typedef enum { LANG_SV = 0, LANG_EN = 1 } ui_lang;
#define LANG_COUNT 2

/* The catalogues: dir, or when NULL the first of $KANSLI_LOCALE_DIR,
 * <the binary's directory>/build/locale, <the binary's directory>/../locale
 * and <the binary's directory>/../share/locale that holds them. Call once
 * before threads start. 0; -1 when English cannot be shown (no catalogue,
 * or no C.UTF-8 locale), with why in why: pages are then Swedish. */
int i18n_init(const char *dir, char *why, size_t why_len);

/* The language of what this thread renders from now on. */
void i18n_use(ui_lang lang);
ui_lang i18n_current(void);
/* "sv" or "en": the lang attribute and the ?lang= value. */
const char *i18n_code(ui_lang lang);
/* "sv"/"en" (any case) as a language; -1 for anything else. */
int i18n_parse(const char *code);
/* The language an Accept-Language header prefers of those the UI has
 * (q-values honoured); Swedish when it names neither or is absent. */
ui_lang i18n_from_accept(const char *header);

/* msgid in the thread's language (msgid itself when not translated). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));

#define _(msgid) i18n_text(msgid)
#define N_(msgid) (msgid)

#endif
