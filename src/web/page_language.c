/*
 * page_language.c — a signed-in user changes the language of their pages
 * (the button in every staff page's header, layout.c). The choice is kept
 * on their account (core/userlang.c), so it follows them between browsers;
 * the public choose per page instead (?lang=, routes.c).
 */
#include <string.h>

#include "core/userlang.h"
#include "web/html.h"
#include "web/pages.h"
#include "web/form_state.h"
#include "web/respond.h"

/* Where to go back to: a path of this site only, never another site
 * ("//host" or "/\\host" would leave it). */
static const char *back_to(request *r)
{
	const char *to = req_str(r, "tillbaka");
	if (!form_local_path(to))
		return "/";
	return to;
}

/* PAGE: POST /installningar/sprak  access: staff */
enum MHD_Result page_language_set(request *r)
{
	kerr e = KERR_INIT;
	const char *lang = req_str(r, "sprak");
	if (i18n_parse(lang) < 0)
		return web_error_page(r, 400, _("Välj svenska eller engelska."));
	if (user_set_language(r->k, i18n_code((ui_lang)i18n_parse(lang)), &e))
		return page_fail(r, &e);
	/* The page that follows is in the new language. */
	return web_redirect(r, back_to(r), NULL);
}
