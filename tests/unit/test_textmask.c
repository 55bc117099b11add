/*
 * test_textmask.c — a masked party's name is masked however the title
 * spells it (an outside review's find, s7 F2): decomposed as macOS pastes
 * it, in capitals outside Latin-1, with the Turkish dotless and dotted i,
 * in Greek and Cyrillic, with a soft hyphen, in fullwidth letters,
 * without its accents (s7b G2); and nothing that is another name is.
 * Then every spelling of a personnummer (s7 F3, s7b G1 and G3) masked in
 * a title, and what is no personnummer left standing.
 */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "util/encoding.h"
#include "util/textmask.h"

/* Masks person's (a person's name) or name's in text; checks the result. */
static void check_mask(const char *label, const char *text, const char *name, int person, const char *want)
{
	buf b = BUF_INIT;
	buf_adds(&b, text);
	int changed = text_mask_name(&b, name, person);
	int ok = !strcmp(b.s, want) && changed == !!strcmp(text, want);
	CHECK(label, ok);
	if (!ok)
		printf("  got '%s', want '%s'\n", b.s, want);
	buf_free(&b);
}

static void check_pnr(const char *label, const char *text, const char *want)
{
	buf b = BUF_INIT;
	buf_adds(&b, text);
	text_mask_personnummer(&b);
	int ok = !strcmp(b.s, want);
	CHECK(label, ok);
	if (!ok)
		printf("  got '%s', want '%s'\n", b.s, want);
	buf_free(&b);
}

#define O_NFD "o\xcc\x88" /* "ö" decomposed: o + U+0308 */

static void names(void)
{
	/* the attack's case: the party registered composed, the titles pasted decomposed */
	check_mask("decomposed surname in a record title", "Svar till Karin J" O_NFD "nsson", "Karin Jönsson", 1,
	           "Svar till [maskerat]");
	check_mask("decomposed surname, derived word, in a case title", "Tillsyn hos J" O_NFD "nssonska gården",
	           "Karin Jönsson", 1, "Tillsyn hos [maskerat] gården");
	check_mask("decomposed name of the party, composed title", "Svar till Karin Jönsson", "Karin J" O_NFD "nsson",
	           1, "Svar till [maskerat]");
	check_mask("decomposed genitive", "J" O_NFD "nssons anmälan", "Karin Jönsson", 1, "[maskerat]s anmälan");
	check_mask("decomposed, in capitals", "SVAR TILL J" "O\xcc\x88" "NSSON", "Karin Jönsson", 1, "SVAR TILL [maskerat]");
	/* capitals outside Latin-1 */
	check_mask("Š and Ć in capitals", "Ärende ŠAHINOVIĆ och ŁUKASZEWSKA", "Emir Šahinović", 1,
	           "Ärende [maskerat] och ŁUKASZEWSKA");
	check_mask("Ł in capitals", "Ärende ŠAHINOVIĆ och ŁUKASZEWSKA", "Ewa Łukaszewska", 1,
	           "Ärende ŠAHINOVIĆ och [maskerat]");
	check_mask("Ż in capitals", "Bygglov ŻEBROWSKI", "Jan Żebrowski", 1, "Bygglov [maskerat]");
	/* the Turkish i: YILMAZ is Yılmaz, İLHAN is Ilhan and ilhan */
	check_mask("dotless ı against I", "Tillstånd YILMAZ kiosk", "Ayşe Yılmaz", 1, "Tillstånd [maskerat] kiosk");
	check_mask("ş in capitals", "Brev från AYŞE", "Ayşe Yılmaz", 1, "Brev från [maskerat]");
	check_mask("dotted İ against i", "Ansökan İlhan Demir", "Ilhan Demir", 1, "Ansökan [maskerat]");
	check_mask("dotted İ in the name", "Ansökan ilhan demir", "İlhan Demir", 1, "Ansökan [maskerat]");
	/* Greek (final sigma) and Cyrillic, in capitals */
	check_mask("Greek in capitals", "Ärende ΠΑΠΑΔΌΠΟΥΛΟΣ", "Γιώργος Παπαδόπουλος", 1, "Ärende [maskerat]");
	check_mask("Cyrillic in capitals", "Ärende ПЕТРОВА", "Анна Петрова", 1, "Ärende [maskerat]");
	/* ß and its capital */
	check_mask("ß as SS", "Brev WEISS", "Anna Weiß", 1, "Brev [maskerat]");
	check_mask("SS as ß", "Brev Weiß", "Anna WEISS", 1, "Brev [maskerat]");
	/* what a word processor or another keyboard adds */
	check_mask("a soft hyphen inside", "Svar till Jöns\xc2\xad" "son", "Karin Jönsson", 1, "Svar till [maskerat]");
	check_mask("a zero-width joiner inside", "Svar till Jöns\xe2\x80\x8d" "son", "Karin Jönsson", 1,
	           "Svar till [maskerat]");
	check_mask("fullwidth letters", "Svar till ＪＯＮＳＳＯＮ", "Per Jonsson", 1, "Svar till [maskerat]");
	check_mask("after a no-break space", "Svar till Karin\xc2\xa0" "Jönsson", "Karin Jönsson", 1,
	           "Svar till [maskerat]");
	check_mask("in typographic quotes", "Ärende ”Jönsson”", "Karin Jönsson", 1, "Ärende ”[maskerat]”");
	check_mask("an organisation decomposed, whole", "Tillsyn Bj" O_NFD "rkens bygg AB", "Björkens Bygg AB", 0,
	           "Tillsyn [maskerat]");
	/* without the accents (s7b G2): Greek capitals drop the tonos, a name
	 * is typed without the letters the keyboard lacks */
	check_mask("Greek capitals without the tonos", "Svar ΠΑΠΑΔΟΠΟΥΛΟΥ a", "Σοφία Παπαδοπούλου", 1,
	           "Svar [maskerat] a");
	check_mask("the given name in Greek capitals", "Svar ΣΟΦΙΑ c", "Σοφία Παπαδοπούλου", 1, "Svar [maskerat] c");
	check_mask("Greek small letters without the tonos", "Svar Παπαδοπουλου d", "Σοφία Παπαδοπούλου", 1,
	           "Svar [maskerat] d");
	check_mask("the tonos where the name has none", "Svar Παπαδοπούλου", "Σοφια Παπαδοπουλου", 1, "Svar [maskerat]");
	check_mask("Latin without its cedilla and dot", "Svar Ilkay Celik", "İlkay Çelik", 1, "Svar [maskerat]");
	check_mask("Celik alone", "Beslut Celik", "İlkay Çelik", 1, "Beslut [maskerat]");
	check_mask("ŠAHINOVIC without the carons", "Ärende SAHINOVIC", "Emir Šahinović", 1, "Ärende [maskerat]");
	/* and so the Swedish letters with their dots and ring: masking errs
	 * towards masking, a word too many rather than a name too few */
	check_mask("Jonsson for Jönsson", "Svar till Jonsson", "Karin Jönsson", 1, "Svar till [maskerat]");
	check_mask("Jönsson decomposed for Jonsson", "Svar till J" O_NFD "nsson", "Per Jonsson", 1,
	           "Svar till [maskerat]");
	check_mask("Asa for Åsa", "Brev till Asa", "Åsa Lind", 1, "Brev till [maskerat]");
	check_mask("Oberg for Öberg", "Brev Oberg", "Per Öberg", 1, "Brev [maskerat]");
	check_mask("the accent after a letter is masked with it", "J" O_NFD "rn AB", "Jo", 0, "[maskerat]rn AB");
	/* a part is as long as it was with its accents: "Ås" still a part of
	 * its own, "Öhrn" still long enough to name its person in a longer word */
	check_mask("a short accented part still counts", "Tillstånd Ås", "Åke Ås", 1, "Tillstånd [maskerat]");
	check_mask("a short accented part, typed without", "Tillstånd As", "Åke Ås", 1, "Tillstånd [maskerat]");
	check_mask("an accented part long enough as a prefix", "Tillsyn Öhrnska gården", "Eva Öhrn", 1,
	           "Tillsyn [maskerat] gården");
	check_mask("... typed without", "Tillsyn Ohrnska gården", "Eva Öhrn", 1, "Tillsyn [maskerat] gården");
	check_mask("but not a short unaccented one", "Tillsyn Ohrnska gården", "Eva Ohrn", 1, "Tillsyn Ohrnska gården");
	/* not another name */
	check_mask("Jönsson is not Jansson", "Svar till Jansson", "Karin Jönsson", 1, "Svar till Jansson");
	check_mask("Åsa is not Åse", "Brev till Åse", "Åsa Lind", 1, "Brev till Åse");
	check_mask("Weis is not Weiß", "Brev Weiß", "Anna Weis", 1, "Brev Weiß");
	check_mask("a short part inside a longer word stays", "Bergsvägen 3", "Sven Berg", 1, "Bergsvägen 3");
	check_mask("× is no letter pair", "a\xc3\x97" "b", "a\xc3\xb7" "b", 0, "a\xc3\x97" "b");

	/* where the name stands, in the text as it is (bytes), for the warnings */
	size_t at = 0, len = 0;
	const char *nfd = "Svar till Karin J" O_NFD "nsson";
	CHECK("found where it stands decomposed",
	      text_find_person(nfd, "Karin Jönsson", &at, &len) && at == 10 && len == strlen(nfd) - 10);
	CHECK("found in capitals outside Latin-1",
	      text_find_person("Ärende ŠAHINOVIĆ", "Emir Šahinović", &at, &len) && at == 8 && len == strlen("ŠAHINOVIĆ"));
	CHECK("the warning's check finds YILMAZ", text_find_person("Tillstånd YILMAZ kiosk", "Ayşe Yılmaz", NULL, NULL));
	CHECK("the warning's check finds an organisation decomposed",
	      text_find_name("Tillsyn Bj" O_NFD "rkens Bygg AB", "Björkens bygg AB", NULL, NULL));
}

static void numbers(void)
{
	check_pnr("pnr with a dash", "Intyg 811218-9876 a", "Intyg [maskerat] a");
	check_pnr("pnr with a space", "Intyg 811218 9876 b", "Intyg [maskerat] b");
	check_pnr("pnr with an en dash", "Intyg 811218\xe2\x80\x93" "9876 c", "Intyg [maskerat] c");
	check_pnr("pnr of 12 digits with a space", "Intyg 19811218 9876 d", "Intyg [maskerat] d");
	check_pnr("pnr as YYYY-MM-DD-NNNN, and glued to letters", "Intyg 1981-12-18-9876 e, pnr811218-9876 f",
	          "Intyg [maskerat] e, pnr[maskerat] f");
	check_pnr("pnr in fullwidth digits", "Intyg ８１１２１８-９８７６ g", "Intyg [maskerat] g");
	check_pnr("pnr with a no-break space", "Intyg 811218\xc2\xa0" "9876", "Intyg [maskerat]");
	check_pnr("pnr with a minus sign", "Intyg 811218\xe2\x88\x92" "9876", "Intyg [maskerat]");
	check_pnr("every one in a title", "811218 9876 och 19811218-9876", "[maskerat] och [maskerat]");
	check_pnr("pnr with a soft hyphen inside, masked with it", "Intyg 8112\xc2\xad" "18-9876 k", "Intyg [maskerat] k");
	check_pnr("pnr with a zero-width joiner inside", "Intyg 811218-98\xe2\x80\x8d" "76 bd", "Intyg [maskerat] bd");
	check_pnr("pnr with a combining grapheme joiner inside", "Intyg 81\xcd\x8f" "1218-9876 bg", "Intyg [maskerat] bg");
	/* the attack's spellings (s7b G3), in titles */
	const char *g3[] = { "81-12-18-9876 d", "81.12.18-9876 b", "81/12/18-9876 c", "811218  9876 z", "811218.9876 o",
		             "811218/9876 p", "811218:9876 r", "811218,9876 ah", "811218_9876 n", "1981 1218-9876 g",
		             "811218-98 76 h", "1981-12-18 9876 aa", "811218\t9876 ag",
		             "\u0668\u0661\u0661\u0662\u0661\u0668-\u0669\u0668\u0667\u0666 m" };
	for (size_t i = 0; i < sizeof g3 / sizeof *g3; i++) {
		char text[80], want[80], label[120];
		snprintf(text, sizeof text, "Intyg %s", g3[i]);
		snprintf(want, sizeof want, "Intyg [maskerat] %s", strrchr(g3[i], ' ') + 1);
		snprintf(label, sizeof label, "pnr spelt '%s'", g3[i]);
		check_pnr(label, text, want);
	}
	check_pnr("a date and a time after two spaces stay", "Möte 2026-12-07  1437", "Möte 2026-12-07  1437");
	check_pnr("a date with slashes and a time stay", "Möte 2026/12/07 1437", "Möte 2026/12/07 1437");
	check_pnr("property designations stay", "Fastighet Lärkan 2:14, 3:7", "Fastighet Lärkan 2:14, 3:7");
	check_pnr("a case number stays", "KS 2026/0042-3", "KS 2026/0042-3");
	check_pnr("a date and a time stay", "Möte 2026-12-07 1437", "Möte 2026-12-07 1437");
	check_pnr("a phone number stays", "Ring 070-123 45 69", "Ring 070-123 45 69");
	check_pnr("an amount stays", "Bidrag 1 811 218,98 kr", "Bidrag 1 811 218,98 kr");
	check_pnr("an organisationsnummer stays", "Bolaget 556677-8899", "Bolaget 556677-8899");
	check_pnr("a longer number stays", "Ref 811218-98761", "Ref 811218-98761");
}

/* Text is stored in NFC: what the boundaries do to it. */
static void normal_form(void)
{
	buf b = BUF_INIT;
	buf_adds(&b, "J" O_NFD "nsson");
	CHECK("decomposed text is composed", text_nfc(&b) == 1 && !strcmp(b.s, "Jönsson"));
	CHECK("composed text is left as it is", text_nfc(&b) == 0 && !strcmp(b.s, "Jönsson"));
	buf_free(&b);
	buf_adds(&b, "ＪＯＮＳＳＯＮ 811218");
	CHECK("NFC keeps fullwidth letters (only the fold reads them as letters)",
	      text_nfc(&b) == 0 && !strcmp(b.s, "ＪＯＮＳＳＯＮ 811218"));
	buf_free(&b);
	buf_add(&b, "a\xff" "o\xcc\x88", 5);
	CHECK("what is not UTF-8 is left for the check to refuse", text_nfc(&b) == 0 && b.len == 5);
	buf_free(&b);
	CHECK("an ASCII string needs no copy", text_nfc_dup("Svensson") == NULL);
	json_t *j = json_pack("{s:s,s:[s]}", "title", "J" O_NFD "nsson", "list", "A\xcc\x8a" "sa");
	text_nfc_json(j);
	CHECK("a JSON body's strings are composed",
	      !strcmp(json_string_value(json_object_get(j, "title")), "Jönsson") &&
	      !strcmp(json_string_value(json_array_get(json_object_get(j, "list"), 0)), "Åsa"));
	json_decref(j);
}

int main(void)
{
	names();
	numbers();
	normal_form();
	TEST_END();
}
