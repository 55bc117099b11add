#!/bin/sh
# t0116 — a personnummer in a case's or record's title, in any series, is
# told to the one who writes it (a warning, never a refusal): public views
# mask it, but staff lists, exports and archive packages keep it, and a
# title needs none. The CLI says it on stderr (without repeating the
# number), the API in "warnings", the web registration in its message. An
# organisationsnummer is no personnummer, and a title without one is quiet.
TEST_NAME=title-personnummer-warning
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-reg" | k user add reg "Rita Registrator" --password-stdin >/dev/null
k user grant reg registrator >/dev/null
TOKEN=$(k token add reg robot --days 1)
W="holds a personnummer: public views mask it, but staff lists, exports and archive packages keep it"

# --- the CLI ---
c1=$(k case open --series KS --title "Bostadsanpassning 19850505-1238" 2>"$T/warn")
same "the case is opened all the same" "KS 2026/0001" "$c1"
grep -q "kansli: warning: the title of case KS 2026/0001 $W" "$T/warn" && pass "case open warns" \
	|| fail "case open: $(cat "$T/warn")"
grep -q "1238" "$T/warn" && fail "the warning repeats the number" || pass "the warning does not repeat the number"
k case open --series KS --title "Avtal med Byggbolaget 556677-8899" >/dev/null 2>"$T/warn"
same "an organisationsnummer: no warning" "" "$(cat "$T/warn")"
k case open --series KS --title "Trafikplan" --public-title "Trafikplan 850505-1238" >/dev/null 2>"$T/warn"
grep -q "the public title of case KS 2026/0003 $W" "$T/warn" && pass "a public title is checked too" \
	|| fail "public title: $(cat "$T/warn")"
k record add "$c1" --direction in --title "Ansökan från 850505-1238" >/dev/null 2>"$T/warn"
grep -q "the title of record KS 2026/0001-1 $W" "$T/warn" && pass "record add warns" || fail "record add: $(cat "$T/warn")"
same "the record is registered all the same" "1" "$(sql "SELECT count(*) FROM record")"
k record add "$c1" --direction in --title "Komplettering" >/dev/null 2>"$T/warn"
same "a plain title: no warning" "" "$(cat "$T/warn")"
k record correct "$c1-2" --title "Komplettering 198505051238" --reason "Rättelse" >/dev/null 2>"$T/warn"
grep -q "the title of record $c1-2 $W" "$T/warn" && pass "record correct warns" || fail "record correct: $(cat "$T/warn")"
k case correct "$c1" --title "Bostadsanpassning" --reason "Personnumret tas bort" >/dev/null 2>"$T/warn"
same "a correction that takes the number away: no warning" "" "$(cat "$T/warn")"

# --- the API and the web ---
web_serve KANSLI_NO_RATE_LIMIT=1
api() { curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" -d "$2" "$U/api/v1/$1?org=kommun"; }
warnings() { python3 -c 'import json, sys; o = json.load(sys.stdin); print(sum("holds a personnummer" in w for w in o.get("warnings", [])))'; }
same "API: opening a case with a personnummer in its title warns" "1" \
	"$(api cases '{"series":"KS","title":"Färdtjänst 19850505-1238"}' | warnings)"
same "API: a plain title does not" "0" "$(api cases '{"series":"KS","title":"Färdtjänst"}' | warnings)"
same "API: registering a record with one warns" "1" \
	"$(api records '{"case":"KS 2026/0001","direction":"in","title":"Intyg 19850505-1238"}' | warnings)"
same "login" "303" "$(login "$T/jar" reg Losenord-for-reg)"
C=$(curl -s -b "$T/jar" "$U/registrera?org=kommun" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
code -b "$T/jar" -L -F "csrf=$C" -F org=kommun -F "arende=KS 2026/0001" -F riktning=in \
	-F "rubrik=Läkarintyg 19850505-1238" "$U/registrera" >/dev/null
has "the web registration says so" "Varning: rubriken innehåller ett personnummer."
code -b "$T/jar" -L -F "csrf=$C" -F org=kommun -F "arende=KS 2026/0001" -F riktning=in \
	-F "rubrik=Läkarintyg" "$U/registrera" >/dev/null
hasnt "a plain title: no such warning" "rubriken innehåller ett personnummer"
