/*
 * minutes_decide_text.c — the words the minutes and the extracts use for
 * how a § was decided: jäv, the proposals (yrkanden) and the order they
 * were put (propositionsordning), the roll-call vote and its result, and
 * the reservations with the proposal each defends; see meeting.h.
 *
 * One place writes them, so the canonical text (what approvals bind), the
 * PDF and the extract to the parties never word a § differently.
 */
#include "core/meeting.h"

#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? v : "";
}

void minutes_jav_line(buf *b, json_t *n)
{
	buf_printf(b, "%s deltar inte i handläggningen på grund av jäv.", str(n, "name"));
}

/* The number a proposal has in the minutes: its place in the order made
 * (proposals come in that order); 0 when it is not one of the §. */
static size_t proposal_number(json_t *it, json_int_t id)
{
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(it, "proposals"), i, p)
		if (json_integer_value(json_object_get(p, "id")) == id)
			return i + 1;
	return 0;
}

static json_t *proposal_of(json_t *it, json_int_t id)
{
	size_t n = proposal_number(it, id);
	return n ? json_array_get(json_object_get(it, "proposals"), n - 1) : NULL;
}

void minutes_reservation_line(buf *b, json_t *it, json_t *n)
{
	buf_printf(b, "Reservation: %s", str(n, "name"));
	json_t *pid = json_object_get(n, "proposal");
	json_t *p = pid ? proposal_of(it, json_integer_value(pid)) : NULL;
	if (p)
		buf_printf(b, " till förmån för yrkande %zu (%s)", proposal_number(it, json_integer_value(pid)),
		           str(p, "name"));
	if (*str(n, "text"))
		buf_printf(b, ": %s", str(n, "text"));
}

static int by_order(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));
	return x < y ? -1 : x > y;
}

static const char *choice_sv(const char *c)
{
	return !strcmp(c, "avstar") ? "avstår" : c;
}

int minutes_decision_making_text(buf *b, json_t *it)
{
	json_t *props = json_object_get(it, "proposals"), *p, *vote = json_object_get(it, "vote");
	size_t n = json_array_size(props), i;
	if (!n && !vote)
		return 1;
	buf_adds(b, "Yrkanden:");
	json_array_foreach(props, i, p) {
		buf_printf(b, "\n  %zu. %s", i + 1, str(p, "name"));
		if (*str(p, "party"))
			buf_printf(b, " (%s)", str(p, "party"));
		buf_printf(b, ": %s", str(p, "text"));
	}
	if (n > 1) {
		json_t **put = malloc(n * sizeof *put);
		if (put) {
			json_array_foreach(props, i, p)
				put[i] = p;
			qsort(put, n, sizeof *put, by_order);
			buf_adds(b, "\nPropositionsordning: ordföranden ställer yrkandena under proposition i ordningen ");
			for (i = 0; i < n; i++)
				buf_printf(b, "%s%zu", i ? ", " : "",
				           proposal_number(it, json_integer_value(json_object_get(put[i], "id"))));
			buf_addc(b, '.');
			free(put);
		}
	}
	if (!vote)
		return 0;
	json_int_t yes = json_integer_value(json_object_get(vote, "yes")), no = json_integer_value(json_object_get(vote, "no"));
	buf_printf(b, "\nOmröstning begärs och verkställs: ja för yrkande %zu, nej för yrkande %zu.",
	           proposal_number(it, yes), proposal_number(it, no));
	json_array_foreach(json_object_get(vote, "votes"), i, p)
		buf_printf(b, "\n  %s: %s", str(p, "name"), choice_sv(str(p, "choice")));
	buf_printf(b, "\nResultat: %lld ja, %lld nej, %lld avstår.",
	           (long long)json_integer_value(json_object_get(vote, "ja")),
	           (long long)json_integer_value(json_object_get(vote, "nej")),
	           (long long)json_integer_value(json_object_get(vote, "avstar")));
	if (*str(vote, "casting"))
		buf_printf(b, " Lika röstetal; ordförandens utslagsröst (%s) avgör.", str(vote, "casting"));
	json_t *w = json_object_get(vote, "winner");
	if (w)
		buf_printf(b, " Nämnden har beslutat enligt yrkande %zu.", proposal_number(it, json_integer_value(w)));
	else
		buf_adds(b, " Lika röstetal utan utslagsröst: omröstningen har inte avgjort frågan.");
	return 0;
}
