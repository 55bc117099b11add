/* history.c — events as Swedish sentences; see history.h. */
#include "web/history.h"

#include <stdio.h>
#include <string.h>

#include "web/html.h"

/* What an event kind means; the actor follows as "av NAME". */
static const char *const events[][2] = {
	{ "case.open", N_("Ärendet öppnades") },
	{ "case.assign", N_("Handläggare tilldelades") },
	{ "case.due", N_("Bevakningsdatum sattes") },
	{ "case.decide", N_("Ärendet markerades som beslutat") },
	{ "case.close", N_("Ärendet avslutades") },
	{ "case.reopen", N_("Ärendet återöppnades") },
	{ "case.ready", N_("Ärendet markerades klart för beslut") },
	{ "case.not_ready", N_("Ärendet markerades inte längre klart för beslut") },
	{ "case.note", N_("En anteckning skrevs") },
	{ "case.link", N_("Ärendet kopplades till ett annat ärende") },
	{ "case.correct", N_("Ärendets rubrik rättades") },
	{ "case.read_secret", N_("Den skyddade ärendemeningen lästes") },
	{ "record.register", N_("En handling registrerades") },
	{ "record.correct", N_("En handling rättades") },
	{ "record.dispose", N_("En handling gallrades") },
	{ "record.read_secret", N_("Sekretessuppgifter i en handling lästes") },
	{ "record.read_secret_denied", N_("Läsning av en sekretessbelagd fil nekades") },
	{ "agenda.add", N_("Ärendet fördes upp på en föredragningslista") },
	{ "agenda.attach", N_("En handling bifogades till en punkt på föredragningslistan") },
	{ "agenda.move", N_("Punkten flyttades på föredragningslistan") },
	{ "agenda.remove", N_("Ärendet togs bort från föredragningslistan") },
	{ "minutes.decision", N_("Beslutet i protokollet skrevs") },
	{ "minutes.dispatch", N_("Beslutet expedierades") },
	{ "minutes.note", N_("En reservation eller jävsanteckning gjordes") },
	{ "minutes.note_remove", N_("En reservation eller jävsanteckning togs bort") },
	{ "delegation.register", N_("Ett delegationsbeslut registrerades") },
	{ "delegation.report", N_("Delegationsbeslutet anmäldes till nämnden") },
	{ "hold.add", N_("Ärendet undantogs från gallring") },
	{ "hold.release", N_("Undantaget från gallring hävdes") },
	{ "export.sip", N_("Ärendet levererades till e-arkivet") },
	{ "request.submit", N_("En begäran om allmän handling kom in") },
	{ "request.decide", N_("En begäran om allmän handling avgjordes") },
	{ "reminder.add", N_("En bevakning lades till") },
	{ "reminder.move", N_("En bevakning flyttades") },
	{ "reminder.done", N_("En bevakning markerades som klar") },
	{ "reminder.mail", N_("En påminnelse om en bevakning skickades med e-post") },
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
		snprintf(out, len, _("kansli (kommandoraden eller en schemalagd körning)"));
	return out;
}

void history_sentence(buf *b, json_t *event)
{
	const char *action = json_string_value(json_object_get(event, "action"));
	const char *what = _("En ändring gjordes"); /* a kind without its own words yet */
	for (size_t i = 0; action && i < sizeof events / sizeof events[0]; i++)
		if (!strcmp(action, events[i][0]))
			what = _(events[i][1]);
	char who[256];
	html_f(b, _("%s av %s."), what, history_actor(event, who, sizeof who));
}
