/* errtext.c — Swedish words for core's error codes and fields; see errtext.h. */
#include "web/errtext.h"

#include <stdio.h>
#include <string.h>

/* core's field, its Swedish label, and the names of the form fields it is
 * entered in (space-separated; the pages' names are Swedish). */
static const struct field_words {
	const char *field, *label, *inputs;
} fields[] = {
	{ "title", "Rubrik", "rubrik ny_rubrik" },
	{ "public_title", "Offentlig rubrik", "offentlig_rubrik ny_offentlig_rubrik" },
	{ "series", "Serie", "serie ny_serie" },
	{ "due_date", "Bevakningsdatum", "bevakning" },
	{ "opened_date", "Datum", "datum" },
	{ "closed_date", "Avslutsdatum", "datum" },
	{ "doc_date", "Datum", "datum" },
	{ "year", "År", "ar" },
	{ "case", "Ärende", "arende koppla nr" },
	{ "link", "Diarienummer", "koppla" },
	{ "status", "Status", "status" },
	{ "reason", "Skäl", "skal" },
	{ "note", "Anteckning", "anteckning" },
	{ "mask", "Maskering", "maskera" },
	{ "direction", "Riktning", "riktning" },
	{ "legal_ground", "Lagrum", "lagrum" },
	{ "secrecy", "Sekretess", "sekretess" },
	{ "party", "Avsändare/mottagare", "part_namn part" },
	{ "party_kind", "Typ av part", "part_typ" },
	{ "idnum", "Person- eller organisationsnummer", "part_id" },
	{ "doc_type", "Handlingstyp", "handlingstyp typ" },
	{ "file", "Fil", "fil" },
	{ "record", "Handling", "handling" },
	{ "meeting", "Sammanträdet", "" },
	{ "item", "Punkten", "punkt" },
	{ "item_title", "Rubrik", "rubrik punkt" },
	{ "date", "Datum", "datum" },
	{ "time", "Tid", "tid" },
	{ "place", "Plats", "plats" },
	{ "member", "Ledamot", "ledamot" },
	{ "attendance", "Närvaro", "narvaro" },
	{ "serving_for", "Tjänstgör för", "for" },
	{ "adjuster", "Justerare", "ledamot justerare" },
	{ "decision", "Beslut", "beslut" },
	{ "note_kind", "Slag av anteckning", "slag" },
	{ "note_text", "Text", "text" },
	{ "recipients", "Mottagare", "mottagare" },
	{ "requested", "Handlingens nummer", "handling" },
	{ "requested_text", "Vilka handlingar", "text" },
	{ "requester", "Namn eller kontaktuppgift", "namn kontakt" },
	{ "outcome", "Utfall", "utfall" },
	{ "reasoning", "Motivering", "motivering" },
	{ "request", "Begäran", "" },
	{ "code", "Kod", "kod" },
	{ "name", "Namn", "namn" },
	{ "orgnr", "Organisationsnummer", "orgnr" },
	{ "username", "Användarnamn", "username handlaggare konto anvandare" },
	{ "officer", "Handläggare", "handlaggare" },
	{ "full_name", "Namn", "namn" },
	{ "password", "Lösenord", "losenord password" },
	{ "role", "Roll", "roll" },
	{ "class", "Klass", "klass" },
	{ "unit", "Enhet", "enhet" },
	{ "run", "Gallringen", "" },
	{ "board", "Nämnd", "namnd" },
	{ "board_kind", "Slag av organ", "slag" },
	{ "political_party", "Parti", "parti" },
	{ "member_role", "Roll", "roll" },
	{ "position", "Uppdrag", "uppdrag" },
	{ "term_from", "Mandatperiod från", "fran" },
	{ "term_to", "Mandatperiod till", "till" },
	{ "token_name", "Nyckelns namn", "namn" },
	{ "token_days", "Giltighetstid", "dagar" },
};

/* Why, as a sentence around the field's label (its only %s). */
static const char *const why_sv[] = {
	[KWHY_REQUIRED] = "%s saknas. Fyll i fältet.",
	[KWHY_TOO_LONG] = "%s måste fyllas i, på en rad och utan att bli för lång.",
	[KWHY_FORMAT] = "%s har fel form. Datum skrivs som 2026-12-31 och diarienummer som KS 2026/0042.",
	[KWHY_UNKNOWN] = "%s finns inte. Kontrollera stavningen.",
	[KWHY_CHOICE] = "%s: välj ett av de värden som erbjuds.",
	[KWHY_DUPLICATE] = "%s finns redan.",
	[KWHY_STATE] = "%s: det går inte i det läge som gäller nu.",
	[KWHY_RANGE] = "%s ligger utanför det tillåtna, till exempel ett datum i framtiden eller i fel ordning.",
	[KWHY_TOO_SHORT] = "%s är för kort.",
};

static const struct field_words *field_find(const char *field)
{
	for (size_t i = 0; field && i < sizeof fields / sizeof fields[0]; i++)
		if (!strcmp(fields[i].field, field))
			return &fields[i];
	return NULL;
}

const char *errtext_code_sv(int code)
{
	switch (code) {
	case KERR_INVALID: return "Uppgifterna är inte giltiga. Kontrollera fälten och försök igen.";
	case KERR_NOTFOUND: return "Det efterfrågade finns inte.";
	case KERR_CONFLICT: return "Åtgärden går inte att utföra i nuvarande läge.";
	case KERR_DENIED: return "Du har inte behörighet till detta.";
	default: return "Ett fel uppstod i diariet. Ingenting har sparats.";
	}
}

void errtext_sv(const kerr *e, char *out, size_t len)
{
	const struct field_words *f = field_find(e->field);
	int why = e->why;
	/* a lookup that found nothing names the field it looked for */
	if (f && !why && e->code == KERR_NOTFOUND)
		why = KWHY_UNKNOWN;
	if (!f || why <= 0 || (size_t)why >= sizeof why_sv / sizeof why_sv[0] || !why_sv[why]) {
		snprintf(out, len, "%s", errtext_code_sv(e->code));
		return;
	}
	/* the label goes where the sentence's %s is (not a printf format: the
	 * sentences are data, and a translation may move the label) */
	const char *t = why_sv[why], *at = strstr(t, "%s");
	snprintf(out, len, "%.*s%s%s", (int)(at - t), t, f->label, at + 2);
}

int errtext_field_is(const char *core_field, const char *form_name)
{
	if (!core_field || !*core_field || !form_name || !*form_name)
		return 0;
	if (!strcmp(core_field, form_name))
		return 1;
	const struct field_words *f = field_find(core_field);
	size_t n = strlen(form_name);
	for (const char *s = f ? f->inputs : ""; *s;) {
		size_t w = strcspn(s, " ");
		if (w == n && !strncmp(s, form_name, n))
			return 1;
		s += w;
		s += strspn(s, " ");
	}
	return 0;
}
