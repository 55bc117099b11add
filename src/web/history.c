/* history.c — events as Swedish sentences; see history.h. */
#include "web/history.h"

#include <stdio.h>
#include <string.h>

#include "web/html.h"

/* What an event kind means; the actor follows as "av NAME". */
static const char *const events[][2] = {
	{ "case.open", "Ärendet öppnades" },
	{ "case.assign", "Handläggare tilldelades" },
	{ "case.due", "Bevakningsdatum sattes" },
	{ "case.decide", "Ärendet markerades som beslutat" },
	{ "case.close", "Ärendet avslutades" },
	{ "case.reopen", "Ärendet återöppnades" },
	{ "case.ready", "Ärendet markerades klart för beslut" },
	{ "case.not_ready", "Ärendet markerades inte längre klart för beslut" },
	{ "case.note", "En anteckning skrevs" },
	{ "case.link", "Ärendet kopplades till ett annat ärende" },
	{ "case.correct", "Ärendets rubrik rättades" },
	{ "case.read_secret", "Den skyddade ärendemeningen lästes" },
	{ "record.register", "En handling registrerades" },
	{ "record.correct", "En handling rättades" },
	{ "record.dispose", "En handling gallrades" },
	{ "record.read_secret", "Sekretessuppgifter i en handling lästes" },
	{ "record.read_secret_denied", "Läsning av en sekretessbelagd fil nekades" },
	{ "agenda.add", "Ärendet fördes upp på en föredragningslista" },
	{ "agenda.attach", "En handling bifogades till en punkt på föredragningslistan" },
	{ "agenda.move", "Punkten flyttades på föredragningslistan" },
	{ "agenda.remove", "Ärendet togs bort från föredragningslistan" },
	{ "minutes.decision", "Beslutet i protokollet skrevs" },
	{ "minutes.dispatch", "Beslutet expedierades" },
	{ "minutes.note", "En reservation eller jävsanteckning gjordes" },
	{ "minutes.note_remove", "En reservation eller jävsanteckning togs bort" },
	{ "delegation.register", "Ett delegationsbeslut registrerades" },
	{ "delegation.report", "Delegationsbeslutet anmäldes till nämnden" },
	{ "hold.add", "Ärendet undantogs från gallring" },
	{ "hold.release", "Undantaget från gallring hävdes" },
	{ "export.sip", "Ärendet levererades till e-arkivet" },
	{ "request.submit", "En begäran om allmän handling kom in" },
	{ "request.decide", "En begäran om allmän handling avgjordes" },
};

const char *history_actor(json_t *event, char *out, size_t len)
{
	const char *name = json_string_value(json_object_get(event, "actor_name"));
	const char *actor = json_string_value(json_object_get(event, "actor"));
	if (name && *name)
		snprintf(out, len, "%s", name);
	else if (actor && !strncmp(actor, "user:", 5))
		snprintf(out, len, "%s", actor + 5);
	else
		snprintf(out, len, "kansli (kommandoraden eller en schemalagd körning)");
	return out;
}

void history_sentence(buf *b, json_t *event)
{
	const char *action = json_string_value(json_object_get(event, "action"));
	const char *what = "En ändring gjordes"; /* a kind without its own words yet */
	for (size_t i = 0; action && i < sizeof events / sizeof events[0]; i++)
		if (!strcmp(action, events[i][0]))
			what = events[i][1];
	char who[256];
	html_f(b, "%s av %s.", what, history_actor(event, who, sizeof who));
}
