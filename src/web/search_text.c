/* search_text.c — Swedish messages for searches that cannot be run; see search_text.h. */
#include "web/search_text.h"

#include <stdio.h>

#include "core/query.h"
#include "util/timeutil.h"
#include "web/errtext.h"
#include "web/i18n.h"

static const char *problem_sv(query_problem p)
{
	switch (p) {
	case QUERY_EMPTY: return _("Skriv minst ett ord att söka efter.");
	case QUERY_TOO_LONG: return _("Sökningen är för lång: högst 1000 tecken.");
	case QUERY_TOO_MANY: return _("Sökningen har för många ord: högst 32.");
	case QUERY_TOO_DEEP: return _("Sökningen har för många parenteser i varandra: högst 8 nivåer.");
	case QUERY_ONLY_NOT:
		return _("Sökningen behöver minst ett ord att söka efter, inte bara ord som ska uteslutas (NOT, -).");
	case QUERY_NOT_IN_OR:
		return _("NOT (eller -) kan bara utesluta ord ur en träff: skriv \"a NOT b\", inte \"a OR NOT b\".");
	case QUERY_SHORT_PREFIX: return _("En sökning på ordbörjan (ord*) behöver minst två bokstäver före *.");
	case QUERY_OK: break;
	}
	return NULL;
}

void search_error_sv(const char *text, const kerr *e, char *out, size_t len)
{
	char today[11];
	time_today(today);
	query_tree q;
	const char *sv = NULL;
	if (e->code == KERR_INVALID && query_parse(text, today, &q, NULL))
		sv = problem_sv(q.problem);
	if (sv)
		snprintf(out, len, "%s", sv);
	else
		snprintf(out, len, _("Sökningen kunde inte genomföras: %s"), errtext_code_sv(e->code));
}
