/* errtext.c — Swedish words for core's error codes and fields; see errtext.h. */
#include "web/errtext.h"

#include <stdio.h>
#include <string.h>

#include "util/encoding.h"
#include "web/i18n.h"

/* core's field, its Swedish label, the names of the form fields it is
 * entered in (space-separated; the pages' names are Swedish), and what a
 * well-formed value looks like (for KWHY_FORMAT), if anything. */
static const struct field_words {
	const char *field, *label, *inputs, *hint;
} fields[] = {
	{ "title", N_("Rubrik"), "rubrik ny_rubrik", NULL },
	{ "public_title", N_("Offentlig rubrik"), "offentlig_rubrik ny_offentlig_rubrik", NULL },
	{ "series", N_("Serie"), "serie ny_serie", NULL },
	{ "due_date", N_("Bevakningsdatum"), "bevakning", N_("Skriv datumet som 2026-12-31.") },
	{ "opened_date", N_("Datum"), "datum", N_("Skriv datumet som 2026-12-31.") },
	{ "closed_date", N_("Avslutsdatum"), "datum", N_("Skriv datumet som 2026-12-31.") },
	{ "doc_date", N_("Datum"), "datum", N_("Skriv datumet som 2026-12-31.") },
	{ "year", N_("År"), "ar", NULL },
	{ "case", N_("Ärende"), "arende koppla nr", N_("Skriv diarienumret som KS 2026/0042.") },
	{ "link", N_("Diarienummer"), "koppla", N_("Skriv diarienumret som KS 2026/0042.") },
	{ "status", N_("Status"), "status", NULL },
	{ "reason", N_("Skäl"), "skal", NULL },
	{ "note", N_("Anteckning"), "anteckning", NULL },
	{ "mask", N_("Maskering"), "maskera", NULL },
	{ "direction", N_("Riktning"), "riktning", NULL },
	{ "legal_ground", N_("Lagrum"), "lagrum", N_("Skriv lagrummet som OSL 26 kap. 1 §.") },
	{ "secrecy", N_("Sekretess"), "sekretess", NULL },
	{ "party", N_("Avsändare/mottagare"), "part_namn part", NULL },
	{ "party_kind", N_("Typ av part"), "part_typ", NULL },
	{ "party_address", N_("Adress"), "part_adress", N_("Högst fem rader och 300 tecken.") },
	{ "idnum", N_("Person- eller organisationsnummer"), "part_id",
	  N_("Skriv numret som 19121212-1212 eller 212000-0142.") },
	{ "doc_type", N_("Handlingstyp"), "handlingstyp typ", NULL },
	{ "file", N_("Fil"), "fil", NULL },
	{ "record", N_("Handling"), "handling", N_("Skriv handlingens nummer som KS 2026/0042-3.") },
	{ "meeting", N_("Sammanträdet"), "", NULL },
	{ "item", N_("Punkten"), "punkt", NULL },
	{ "item_title", N_("Rubrik"), "rubrik punkt", NULL },
	{ "date", N_("Datum"), "datum", N_("Skriv datumet som 2026-12-31.") },
	{ "time", N_("Tid"), "tid", N_("Skriv tiden som 13:00.") },
	{ "place", N_("Plats"), "plats", NULL },
	{ "member", N_("Ledamot"), "ledamot", NULL },
	{ "attendance", N_("Närvaro"), "narvaro", NULL },
	{ "serving_for", N_("Tjänstgör för"), "for", NULL },
	{ "adjuster", N_("Justerare"), "ledamot justerare", NULL },
	{ "decision", N_("Beslut"), "beslut text", NULL },
	{ "note_kind", N_("Slag av anteckning"), "slag", NULL },
	{ "note_text", N_("Text"), "text", NULL },
	{ "quorum", N_("Beslutförhet"), "", NULL },
	{ "proposal", N_("Yrkande"), "forslag yrkande", NULL },
	{ "proposer", N_("Ledamot"), "yrkare", NULL },
	{ "proposal_text", N_("Yrkandet"), "yrkandetext", NULL },
	{ "proposal_order", N_("Propositionsordning"), "ordning", N_("Skriv yrkandenas nummer, till exempel 2, 1.") },
	{ "ballot", N_("Omröstning"), "ja nej", NULL },
	{ "vote", N_("Röst"), "rost", NULL },
	{ "recipients", N_("Mottagare"), "mottagare", NULL },
	{ "requested", N_("Handlingens nummer"), "nr handling", N_("Skriv handlingens nummer som KS 2026/0042-3.") },
	{ "requested_text", N_("Vilka handlingar"), "meddelande text", NULL },
	{ "requester", N_("Namn eller kontaktuppgift"), "namn kontakt", NULL },
	{ "outcome", N_("Utfall"), "utfall", NULL },
	{ "reasoning", N_("Motivering"), "motivering", NULL },
	{ "request", N_("Begäran"), "", NULL },
	{ "code", N_("Kod"), "kod", N_("Använd bokstäver, siffror, - och _.") },
	{ "name", N_("Namn"), "namn", NULL },
	{ "orgnr", N_("Organisationsnummer"), "orgnr", N_("Skriv numret som 19121212-1212 eller 212000-0142.") },
	{ "username", N_("Användarnamn"), "username handlaggare konto anvandare",
	  N_("Använd bokstäver, siffror, - och _.") },
	{ "officer", N_("Handläggare"), "handlaggare", NULL },
	{ "full_name", N_("Namn"), "namn", NULL },
	{ "password", N_("Lösenord"), "losenord password", NULL },
	{ "role", N_("Roll"), "roll", NULL },
	{ "class", N_("Klass"), "klass", NULL },
	{ "unit", N_("Enhet"), "enhet", NULL },
	{ "run", N_("Gallringen"), "", NULL },
	{ "board", N_("Nämnd"), "namnd", NULL },
	{ "board_kind", N_("Slag av organ"), "slag", NULL },
	{ "political_party", N_("Parti"), "parti", NULL },
	{ "member_role", N_("Roll"), "roll", NULL },
	{ "position", N_("Uppdrag"), "uppdrag", NULL },
	{ "term_from", N_("Mandatperiod från"), "fran", N_("Skriv datumet som 2026-12-31.") },
	{ "term_to", N_("Mandatperiod till"), "till", N_("Skriv datumet som 2026-12-31.") },
	{ "notice_kind", N_("Typ av anslag"), "typ", NULL },
	{ "notice_board", N_("Organ"), "organ", NULL },
	{ "notice_title", N_("Rubrik"), "rubrik", NULL },
	{ "notice_text", N_("Text"), "text", NULL },
	{ "storage_place", N_("Förvaringsplats"), "forvaring", NULL },
	{ "posted_date", N_("Anslås"), "anslas", N_("Skriv datumet som 2026-12-31.") },
	{ "meeting_date", N_("Sammanträdesdatum"), "sammantrade", N_("Skriv datumet som 2026-12-31.") },
	{ "adjusted_date", N_("Justeringsdatum"), "justerat", N_("Skriv datumet som 2026-12-31.") },
	{ "down_date", N_("Tas ned"), "tas_ned", N_("Skriv datumet som 2026-12-31.") },
	{ "notice", N_("Anslaget"), "", NULL },
	{ "delegation_point", N_("Punkt i delegationsordningen"), "punkt", NULL },
	{ "decided_by", N_("Beslutat av"), "av", NULL },
	{ "format", N_("Format"), "format", NULL },
	{ "agreement", N_("Leveransöverenskommelse"), "overenskommelse", NULL },
	{ "token_name", N_("Nyckelns namn"), "namn", NULL },
	{ "token_days", N_("Giltighetstid"), "dagar", NULL },
	{ "url", N_("Adress (URL)"), "adress", N_("Skriv adressen som https://mottagare.example/kansli.") },
	{ "events", N_("Händelser"), "handelse", NULL },
	{ "user", N_("Användare"), "anvandare", NULL },
	{ "scope", N_("Enhet eller nämnd"), "enhet namnd", NULL },
	{ "attachments", N_("En bilaga"), "", NULL },
	{ "parts", N_("Uppdelningen"), "", NULL },
	{ "items", N_("Posterna"), "med", N_("Skriv de andra posternas nummer, åtskilda med komma.") },
	{ "unopened_days", N_("Antalet arbetsdagar"), "dagar", NULL },
	{ "source", N_("Kanal"), "kanal", NULL },
	{ "from", N_("Inkom från"), "fran", N_("Skriv datumet som 2026-12-31.") },
	{ "to", N_("Inkom till"), "till", N_("Skriv datumet som 2026-12-31.") },
};

/* Why, as a sentence around the field's label (its only %s, if any). */
static const char *const why_sv[] = {
	[KWHY_REQUIRED] = N_("%s saknas. Fyll i fältet."),
	[KWHY_TOO_LONG] = N_("%s är för lång. Korta texten."),
	[KWHY_FORMAT] = N_("%s har fel form."),
	[KWHY_UNKNOWN] = N_("%s finns inte. Kontrollera stavningen."),
	[KWHY_CHOICE] = N_("%s: välj ett av de värden som erbjuds."),
	[KWHY_DUPLICATE] = N_("%s finns redan."),
	[KWHY_STATE] = N_("%s: åtgärden går inte att utföra i nuvarande läge."),
	[KWHY_RANGE] = N_("%s ligger utanför det tillåtna, till exempel ett datum i framtiden eller i fel ordning."),
	[KWHY_TOO_SHORT] = N_("%s är för kort."),
	/* about the case whatever the field: no label */
	[KWHY_CLOSED] = N_("Ärendet är avslutat. Återöppna det först."),
	[KWHY_NOT_CLOSED] = N_("Ärendet är inte avslutat. Bara avslutade ärenden levereras till e-arkivet."),
	[KWHY_FOUR_EYES] = N_("En annan arkivarie måste godkänna: den som föreslog får inte själv godkänna (fyra ögon)."),
	[KWHY_NOT_OPEN] = N_("Ärendet är inte öppet. Bara öppna ärenden tas upp till beslut i en nämnd."),
	[KWHY_LINE_BREAK] = N_("%s ska stå på en rad. Ta bort radbrytningen."),
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
	case KERR_INVALID: return _("Uppgifterna är inte giltiga. Kontrollera fälten och försök igen.");
	case KERR_NOTFOUND: return _("Det efterfrågade finns inte.");
	case KERR_CONFLICT: return _("Åtgärden går inte att utföra i nuvarande läge.");
	case KERR_DENIED: return _("Du har inte behörighet till detta.");
	default: return _("Ett fel uppstod i diariet. Ingenting har sparats.");
	}
}

/* A field's reason that the general sentence says badly: its own words. */
static const struct {
	const char *field;
	int why;
	const char *sv;
} special_sv[] = {
	{ "user", KWHY_FOUR_EYES, N_("Du kan inte ge dig själv en roll. En annan administratör gör det, eller "
	                             "installationens driftansvarige.") },
	{ "role", KWHY_STATE, N_("En webhook läser med den här användarens rättigheter, och rollen får läsa "
	                         "sekretessbelagda handlingar. Bara installationens driftansvarige kan ge den.") },
	{ "user", KWHY_STATE, N_("Användaren får läsa sekretessbelagda handlingar, och en webhook läser med "
	                         "användarens rättigheter. Välj en användare utan den rätten, eller be "
	                         "installationens driftansvarige lägga upp webhooken.") },
	{ "quorum", KWHY_STATE, N_("Nämnden är inte beslutför i paragrafen: mer än hälften av ledamöterna måste delta, "
	                           "och den som har jäv räknas inte. Anteckna närvaron, eller en ersättare som "
	                           "tjänstgör, först.") },
	{ "proposer", KWHY_STATE, N_("Ledamoten deltar inte i paragrafen och kan inte yrka: bara närvarande ledamöter "
	                             "och tjänstgörande ersättare, utan jäv i paragrafen, yrkar och röstar.") },
	{ "vote", KWHY_STATE, N_("Ledamoten deltar inte i paragrafen och kan inte rösta: bara närvarande ledamöter och "
	                         "tjänstgörande ersättare, utan jäv i paragrafen, röstar.") },
	{ "ballot", KWHY_STATE, N_("Ingen omröstning är begärd i paragrafen. Begär en omröstning mellan två yrkanden "
	                           "först.") },
	{ "link", KWHY_RANGE, N_("Ett ärende kan inte kopplas till sig självt. Skriv numret på det andra ärendet.") },
	{ "requested_text", KWHY_TOO_LONG, N_("Texten om vilka handlingar du vill ta del av är för lång.") },
	{ "request", KWHY_STATE, N_("Begäran är redan beslutad. Beslutet står i dess ärende.") },
	{ "scope", KWHY_CHOICE, N_("Rollen gäller hela organisationen och kan inte begränsas. Lämna enhet och nämnd tomma.") },
	{ "scope", KWHY_DUPLICATE, N_("Användaren har redan rollen för hela organisationen. Återkalla den först för att "
	                              "i stället begränsa den till enheter eller nämnder.") },
	{ "scope", KWHY_STATE, N_("Användaren har rollen för hela organisationen, inte för en enhet eller nämnd. Lämna "
	                          "enhet och nämnd tomma för att återkalla den.") },
	{ "administrator", KWHY_STATE, N_("Användaren är den sista administratören i organisationen som kan logga in. "
	                                  "Ge rollen till någon annan först. Inget har ändrats.") },
};

/* After "... är för lång.": how long it may be, when core said it in
 * characters, and how long the value sent is (value NULL: not known). */
static void too_long_limit(const kerr *e, const char *value, char *out, size_t len)
{
	size_t used = strlen(out);
	if (e->why != KWHY_TOO_LONG || e->max <= 0 || used + 1 >= len)
		return;
	if (value)
		snprintf(out + used, len - used, _(" Texten får vara högst %d tecken och har nu %zu."), e->max,
		         text_chars(value));
	else
		snprintf(out + used, len - used, _(" Texten får vara högst %d tecken."), e->max);
}

/* errtext_sv but for the limit of a text too long (too_long_limit). */
static void sentence(const kerr *e, char *out, size_t len)
{
	for (size_t i = 0; i < sizeof special_sv / sizeof special_sv[0]; i++)
		if (!strcmp(e->field, special_sv[i].field) && e->why == special_sv[i].why) {
			snprintf(out, len, "%s", _(special_sv[i].sv));
			return;
		}
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
	const char *t = _(why_sv[why]), *at = strstr(t, "%s");
	if (!at) {
		snprintf(out, len, "%s", _(t));
		return;
	}
	int hint = why == KWHY_FORMAT && f->hint;
	char line[40] = "";
	if (e->line > 0)
		snprintf(line, sizeof line, _(" (rad %d i filen)"), e->line);
	snprintf(out, len, "%.*s%s%s%s%s%s", (int)(at - t), t, _(f->label), at + 2, hint ? " " : "", hint ? _(f->hint) : "",
	         line);
}

void errtext_sv_value(const kerr *e, const char *value, char *out, size_t len)
{
	const struct field_words *f = field_find(e->field);
	/* An empty field refused for its form ("2026-12-31") or length (the
	 * reason core gave before it told empty apart) is missing. A line
	 * break is core's own reason (KWHY_LINE_BREAK), never guessed from
	 * the value: a field of several lines that is too long holds breaks
	 * too, and is too long. */
	if (f && value && (e->why == KWHY_FORMAT || e->why == KWHY_TOO_LONG) && text_blank(value)) {
		snprintf(out, len, _("%s saknas. Fyll i fältet."), _(f->label));
		return;
	}
	sentence(e, out, len);
	too_long_limit(e, value, out, len);
}

void errtext_sv(const kerr *e, char *out, size_t len)
{
	sentence(e, out, len);
	too_long_limit(e, NULL, out, len);
}

void errtext_sv_always(const kerr *e, char *out, size_t len)
{
	ui_lang was = i18n_current();
	i18n_use(LANG_SV);
	errtext_sv(e, out, len);
	i18n_use(was);
}

/* The codes the API answers with before core is asked (web/api.c,
 * web/respond.c) and their sentences; core's own codes are worded by
 * errtext_code_sv. */
static const struct {
	const char *code, *sv;
} api_codes[] = {
	{ "bad_json", N_("Anropets JSON går inte att läsa.") },
	{ "bad_request", N_("Anropet är felaktigt.") },
	{ "bad_text", N_("Texten innehåller tecken som inte är text (NUL eller styrtecken).") },
	{ "bad_cursor", N_("Sidmarkören (cursor) är ogiltig eller hör till en annan lista. Börja om från första sidan.") },
	{ "unauthorized", N_("Logga in eller skicka en API-nyckel (Authorization: Bearer).") },
	{ "csrf", N_("Anropet saknar sessionens CSRF-token (X-CSRF-Token).") },
	{ "method_not_allowed", N_("Metoden är inte tillåten för den här adressen.") },
	{ "unsupported_media_type", N_("Innehållet har fel typ. Skicka application/json eller multipart/form-data.") },
	{ "too_large", N_("Anropet är för stort.") },
	{ "length_required", N_("Anropet saknar Content-Length.") },
	{ "too_many_requests", N_("För många anrop med den här nyckeln. Vänta och försök igen.") },
	{ "busy", N_("Servern är upptagen. Försök igen om en stund.") },
	{ "unavailable", N_("Tjänsten är inte tillgänglig just nu. Försök igen om en stund.") },
	{ "io", N_("Ett fel uppstod i diariet. Ingenting har sparats.") },
	{ "idempotency_key_reused", N_("Idempotency-Key har redan använts för ett annat anrop. Använd en ny nyckel.") },
	{ "idempotency_in_progress", N_("Ett anrop med samma Idempotency-Key pågår. Försök igen om en stund.") },
	{ "idempotency_answer_unreadable",
	  N_("Svaret som sparats för denna Idempotency-Key går inte att läsa: databasen har ändrats utanför kansli. "
	     "Anropet görs inte om. Kontrollera i diariet om det redan är utfört innan du skickar det med en ny "
	     "nyckel, och kontakta systemförvaltaren.") },
	{ "idempotency_answer_not_kept",
	  N_("Anropet med denna Idempotency-Key är redan utfört, men svaret sparades inte när kansli uppgraderades. "
	     "Kontrollera resultatet i diariet; skicka inte anropet igen med en ny nyckel.") },
};

const char *errtext_api_sv(const char *msgid)
{
	ui_lang was = i18n_current();
	i18n_use(LANG_SV);
	const char *t = _(msgid);
	i18n_use(was);
	return t;
}

const char *errtext_api_code_sv(const char *code)
{
	static const int core[] = { KERR_INVALID, KERR_NOTFOUND, KERR_CONFLICT, KERR_DENIED, KERR_IO, KERR_TAMPERED,
	                            KERR_INTERNAL };
	ui_lang was = i18n_current();
	i18n_use(LANG_SV);
	const char *t = NULL;
	for (size_t i = 0; code && !t && i < sizeof api_codes / sizeof api_codes[0]; i++)
		if (!strcmp(api_codes[i].code, code))
			t = _(api_codes[i].sv);
	for (size_t i = 0; code && !t && i < sizeof core / sizeof core[0]; i++)
		if (!strcmp(kerr_code_name(core[i]), code))
			t = errtext_code_sv(core[i]);
	if (!t)
		t = errtext_code_sv(KERR_INTERNAL);
	i18n_use(was);
	return t;
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

const char *errtext_input_label(const char *form_name)
{
	for (size_t i = 0; form_name && i < sizeof fields / sizeof fields[0]; i++)
		if (errtext_field_is(fields[i].field, form_name))
			return _(fields[i].label);
	/* one of a list's fields, "INPUT-ID" (a §'s "beslut-12"): INPUT's label */
	const char *dash = form_name ? strrchr(form_name, '-') : NULL;
	char input[64];
	if (!dash || !dash[1] || strspn(dash + 1, "0123456789") != strlen(dash + 1) ||
	    (size_t)(dash - form_name) >= sizeof input)
		return NULL;
	snprintf(input, sizeof input, "%.*s", (int)(dash - form_name), form_name);
	return errtext_input_label(input);
}
