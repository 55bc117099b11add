/* errtext.c — Swedish words for core's error codes and fields; see errtext.h. */
#include "web/errtext.h"

#include <stdio.h>
#include <string.h>

/* core's field, its Swedish label, the names of the form fields it is
 * entered in (space-separated; the pages' names are Swedish), and what a
 * well-formed value looks like (for KWHY_FORMAT), if anything. */
static const struct field_words {
	const char *field, *label, *inputs, *hint;
} fields[] = {
	{ "title", "Rubrik", "rubrik ny_rubrik", NULL },
	{ "public_title", "Offentlig rubrik", "offentlig_rubrik ny_offentlig_rubrik", NULL },
	{ "series", "Serie", "serie ny_serie", NULL },
	{ "due_date", "Bevakningsdatum", "bevakning", "Skriv datumet som 2026-12-31." },
	{ "opened_date", "Datum", "datum", "Skriv datumet som 2026-12-31." },
	{ "closed_date", "Avslutsdatum", "datum", "Skriv datumet som 2026-12-31." },
	{ "doc_date", "Datum", "datum", "Skriv datumet som 2026-12-31." },
	{ "year", "År", "ar", NULL },
	{ "case", "Ärende", "arende koppla nr", "Skriv diarienumret som KS 2026/0042." },
	{ "link", "Diarienummer", "koppla", "Skriv diarienumret som KS 2026/0042." },
	{ "status", "Status", "status", NULL },
	{ "reason", "Skäl", "skal", NULL },
	{ "note", "Anteckning", "anteckning", NULL },
	{ "mask", "Maskering", "maskera", NULL },
	{ "direction", "Riktning", "riktning", NULL },
	{ "legal_ground", "Lagrum", "lagrum", NULL },
	{ "secrecy", "Sekretess", "sekretess", NULL },
	{ "party", "Avsändare/mottagare", "part_namn part", NULL },
	{ "party_kind", "Typ av part", "part_typ", NULL },
	{ "idnum", "Person- eller organisationsnummer", "part_id",
	  "Skriv numret som 19121212-1212 eller 212000-0142." },
	{ "doc_type", "Handlingstyp", "handlingstyp typ", NULL },
	{ "file", "Fil", "fil", NULL },
	{ "record", "Handling", "handling", "Skriv handlingens nummer som KS 2026/0042-3." },
	{ "meeting", "Sammanträdet", "", NULL },
	{ "item", "Punkten", "punkt", NULL },
	{ "item_title", "Rubrik", "rubrik punkt", NULL },
	{ "date", "Datum", "datum", "Skriv datumet som 2026-12-31." },
	{ "time", "Tid", "tid", "Skriv tiden som 13:00." },
	{ "place", "Plats", "plats", NULL },
	{ "member", "Ledamot", "ledamot", NULL },
	{ "attendance", "Närvaro", "narvaro", NULL },
	{ "serving_for", "Tjänstgör för", "for", NULL },
	{ "adjuster", "Justerare", "ledamot justerare", NULL },
	{ "decision", "Beslut", "beslut text", NULL },
	{ "note_kind", "Slag av anteckning", "slag", NULL },
	{ "note_text", "Text", "text", NULL },
	{ "recipients", "Mottagare", "mottagare", NULL },
	{ "requested", "Handlingens nummer", "nr handling", "Skriv handlingens nummer som KS 2026/0042-3." },
	{ "requested_text", "Vilka handlingar", "meddelande text", NULL },
	{ "requester", "Namn eller kontaktuppgift", "namn kontakt", NULL },
	{ "outcome", "Utfall", "utfall", NULL },
	{ "reasoning", "Motivering", "motivering", NULL },
	{ "request", "Begäran", "", NULL },
	{ "code", "Kod", "kod", "Använd bokstäver, siffror, - och _." },
	{ "name", "Namn", "namn", NULL },
	{ "orgnr", "Organisationsnummer", "orgnr", "Skriv numret som 19121212-1212 eller 212000-0142." },
	{ "username", "Användarnamn", "username handlaggare konto anvandare",
	  "Använd bokstäver, siffror, - och _." },
	{ "officer", "Handläggare", "handlaggare", NULL },
	{ "full_name", "Namn", "namn", NULL },
	{ "password", "Lösenord", "losenord password", NULL },
	{ "role", "Roll", "roll", NULL },
	{ "class", "Klass", "klass", NULL },
	{ "unit", "Enhet", "enhet", NULL },
	{ "run", "Gallringen", "", NULL },
	{ "board", "Nämnd", "namnd", NULL },
	{ "board_kind", "Slag av organ", "slag", NULL },
	{ "political_party", "Parti", "parti", NULL },
	{ "member_role", "Roll", "roll", NULL },
	{ "position", "Uppdrag", "uppdrag", NULL },
	{ "term_from", "Mandatperiod från", "fran", "Skriv datumet som 2026-12-31." },
	{ "term_to", "Mandatperiod till", "till", "Skriv datumet som 2026-12-31." },
	{ "notice_kind", "Typ av anslag", "typ", NULL },
	{ "notice_board", "Organ", "organ", NULL },
	{ "notice_title", "Rubrik", "rubrik", NULL },
	{ "notice_text", "Text", "text", NULL },
	{ "storage_place", "Förvaringsplats", "forvaring", NULL },
	{ "posted_date", "Anslås", "anslas", "Skriv datumet som 2026-12-31." },
	{ "meeting_date", "Sammanträdesdatum", "sammantrade", "Skriv datumet som 2026-12-31." },
	{ "adjusted_date", "Justeringsdatum", "justerat", "Skriv datumet som 2026-12-31." },
	{ "down_date", "Tas ned", "tas_ned", "Skriv datumet som 2026-12-31." },
	{ "notice", "Anslaget", "", NULL },
	{ "delegation_point", "Punkt i delegationsordningen", "punkt", NULL },
	{ "decided_by", "Beslutat av", "av", NULL },
	{ "format", "Format", "format", NULL },
	{ "agreement", "Leveransöverenskommelse", "overenskommelse", NULL },
	{ "token_name", "Nyckelns namn", "namn", NULL },
	{ "token_days", "Giltighetstid", "dagar", NULL },
};

/* Why, as a sentence around the field's label (its only %s, if any). */
static const char *const why_sv[] = {
	[KWHY_REQUIRED] = "%s saknas. Fyll i fältet.",
	[KWHY_TOO_LONG] = "%s måste fyllas i, på en rad och utan att bli för lång.",
	[KWHY_FORMAT] = "%s har fel form.",
	[KWHY_UNKNOWN] = "%s finns inte. Kontrollera stavningen.",
	[KWHY_CHOICE] = "%s: välj ett av de värden som erbjuds.",
	[KWHY_DUPLICATE] = "%s finns redan.",
	[KWHY_STATE] = "%s: åtgärden går inte att utföra i nuvarande läge.",
	[KWHY_RANGE] = "%s ligger utanför det tillåtna, till exempel ett datum i framtiden eller i fel ordning.",
	[KWHY_TOO_SHORT] = "%s är för kort.",
	/* about the case whatever the field: no label */
	[KWHY_CLOSED] = "Ärendet är avslutat. Återöppna det först.",
	[KWHY_NOT_CLOSED] = "Ärendet är inte avslutat. Bara avslutade ärenden levereras till e-arkivet.",
	[KWHY_FOUR_EYES] = "En annan arkivarie måste godkänna: den som föreslog får inte själv godkänna (fyra ögon).",
	[KWHY_NOT_OPEN] = "Ärendet är inte öppet. Bara öppna ärenden tas upp till beslut i en nämnd.",
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
	if (!at) {
		snprintf(out, len, "%s", t);
		return;
	}
	int hint = why == KWHY_FORMAT && f->hint;
	char line[40] = "";
	if (e->line > 0)
		snprintf(line, sizeof line, " (rad %d i filen)", e->line);
	snprintf(out, len, "%.*s%s%s%s%s%s", (int)(at - t), t, f->label, at + 2, hint ? " " : "", hint ? f->hint : "",
	         line);
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
