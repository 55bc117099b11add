#!/bin/sh
# t0157 — the outside attack's finds on forms F8, F9, F12, F13: a bad
# record title is marked at its own field, its line break shown; a sender
# typed with "Ingen" as its type is refused, not dropped; text that
# disguises itself (bidi overrides, zero-width space) is refused at every
# boundary; core's messages in the API name no CLI flags.
TEST_NAME=form-finds
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org kommun >/dev/null
num=$(k --user rita case open --org kommun --series KS --title "Bygglov för garage")
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")
TOK=$(k token add rita api --days 366)
web_serve
same "the registrar logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
C=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
records() { sql "SELECT count(*) FROM record"; }
reg() { code -b "$T/rita" -F "csrf=$C" -F org=kommun -F "arende=$num" -F "formsida=/registrera?org=kommun&arende=$enc" \
	-F riktning=in -F datum=2026-03-01 -F sekretess=none "$@" "$U/registrera"; }
n=$(records)

# F8: the record title's line break, marked at the record title.
same "a record title with a line break is refused" "422" "$(reg -F "rubrik=$(printf 'A\rB')")"
has "the message at the record title" '<span class="field-error" id="fel-rubrik">'
hasnt "not at the new case's title" 'id="fel-ny_rubrik"'
has "the summary links to the record title" '<a href="#rubrik">'
has "the break is shown, not made a space" 'value="A␍B"'
same "a record title too long" "422" "$(reg -F "rubrik=$(python3 -c 'print("x" * 501)')")"
has "is marked at the record title" '<span class="field-error" id="fel-rubrik">'
# In a new case, a bad case title is the case's.
same "a new case's title with a line break" "422" "$(code -b "$T/rita" -F "csrf=$C" -F org=kommun \
	-F "formsida=/registrera?org=kommun" -F ny_serie=KS -F "ny_rubrik=$(printf 'X\nY')" -F riktning=in \
	-F datum=2026-03-01 -F sekretess=none -F rubrik=Ansökan "$U/registrera")"
has "is marked at the new case's title" '<span class="field-error" id="fel-ny_rubrik">'
has "its break shown" 'value="X␊Y"'
has "the record title kept as typed" 'value="Ansökan"'

# F9: a sender typed, its type left at "Ingen".
same "a name without a type is refused" "422" "$(reg -F rubrik=PARTYONLY -F "part_namn=Sven Svensson" -F part_id=19121212-1212)"
has "at the type" '<span class="field-error" id="fel-part_typ">'
has "saying what to do" 'Välj typ av part'
has "the name kept" 'value="Sven Svensson"'
has "the number kept" 'value="19121212-1212"'
same "an address alone is refused too" "422" "$(reg -F rubrik=ADRESS -F "part_adress=Storgatan 1")"
has "the address kept" 'Storgatan 1</textarea>'
same "nothing was registered" "$n" "$(records)"
same "with a type it registers" "303" "$(reg -F rubrik=PARTY -F part_typ=person -F "part_namn=Sven Svensson")"
n=$((n + 1))

# F12: text that disguises itself.
same "a title with a right-to-left override is refused" "422" "$(reg -F "rubrik=$(printf 'Faktura \342\200\256fdp.exe')")"
has "at the title" '<span class="field-error" id="fel-rubrik">'
same "a title with a zero-width space is refused" "422" "$(reg -F "rubrik=$(printf 'Bygg\342\200\213lov')")"
same "a title with an isolate is refused" "422" "$(reg -F "rubrik=$(printf 'A\342\201\246B')")"
# the other invisible characters: word joiner, invisible times, Mongolian
# vowel separator, a tag character (hidden ASCII), the Hangul filler
for ch in '\342\201\240' '\342\201\242' '\341\240\216' '\363\240\201\201' '\343\205\244'; do
	same "an invisible character ($ch) is refused" "422" "$(reg -F "rubrik=$(printf "Bygg${ch}lov")")"
done
same "nothing was registered" "$n" "$(records)"
same "a soft hyphen (pasted from a word processor) is kept" "303" "$(reg -F "rubrik=$(printf 'Strand\302\255skydd')")"
n=$((n + 1))
same "a zero-width joiner (emoji, scripts) is kept" "303" "$(reg -F "rubrik=$(printf 'Familj \360\237\221\250\342\200\215\360\237\221\251')")"
n=$((n + 1))
fails "CLI: an override is refused" "" k --user rita case open --org kommun --series KS --title "$(printf 'A\342\200\256B')"
same "API: an override is refused" "400" "$(code -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
	--data-binary "{\"series\":\"KS\",\"title\":\"A\u202eB\"}" "$U/api/v1/cases?org=kommun")"
has "as not text" '"bad_text"'

# F13: the API's message names the API's member, not the CLI's flag.
k --user rita record add "$num" --org kommun --direction in --title "Först" --person "Per Persson" --id 19121212-1212 >/dev/null
same "API: a number bound to another name" "409" "$(code -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
	--data-binary "{\"case\":\"$num\",\"direction\":\"in\",\"title\":\"Sen\",\"party\":{\"kind\":\"person\",\"name\":\"Pelle P\",\"id\":\"19121212-1212\"}}" \
	"$U/api/v1/records?org=kommun")"
hasnt "names no CLI flag" '\-\-same-person'
fails "the CLI names its flag itself" "(--same-person confirms it is the same person)" \
	k --user rita record add "$num" --org kommun --direction in --title "Sen" --person "Pelle P" --id 19121212-1212
# Core's messages name no CLI flag for the fields the API has too: a
# correction without a reason, a reopening without one.
slug=$(printf '%s' "$num" | tr ' /' '--')
same "API: a correction without a reason" "422" "$(code -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
	--data-binary '{"title":"Ny rubrik"}' "$U/api/v1/cases/$slug/changes?org=kommun")"
has "names the field" '"field": *"reason"'
hasnt "names no CLI flag" '\-\-reason'
fails "the CLI names --reason itself" "(--reason)" k --user rita case correct "$num" --org kommun --title "Ny rubrik"
