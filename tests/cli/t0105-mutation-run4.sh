#!/bin/sh
# t0105 — mutants `make mutate` found alive in its fourth full run
# (docs/MUTATION.md), each check failing under one of them: an API error
# names the line of a file only when a line is at fault; the public
# registry shows a record's own date, not the day it was registered;
# verify names a damaged salt or leaf hash as such; a case opened with both
# a class and a unit keeps both (their ids differ, so neither can stand in
# for the other); a due date set later is that date; an unknown API token
# is named as such, not taken for a visitor who gave none.
TEST_NAME=mutation-run4
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Gatubelysning i centrum")
r=$(k record add "$c" --direction in --title "Skrivelse om belysning" --organisation "Föreningen Ljus" \
	--date 2026-11-15)
echo "Losenord-for-arkiv" | k user add arkiv "Arkivarie" --password-stdin >/dev/null
k user grant arkiv arkivarie >/dev/null
TA=$(k token add arkiv "robot" --days 1)
k class add 1.1 "Styrning" >/dev/null
k class add 3.2.1 "Bygglov" >/dev/null
k unit add SBF "Samhällsbyggnadsförvaltningen" >/dev/null
b=$(k case open --series KS --title "Bygglov för garage" --class 3.2.1 --unit SBF)
same "a case opened with a class and a unit keeps both" "3.2.1 SBF" \
	"$(k case show "$b" --json | json 'd["class"] + " " + d["unit"]')"
ok "a due date set later" k case due "$b" 2027-01-31
same "... is that date" "2027-01-31" "$(k case show "$b" --json | json 'd["due_date"]')"
web_serve
same "an unknown API token is refused" "401" \
	"$(code -H "Authorization: Bearer kansli_nosuchtoken" "$U/api/v1/cases?org=kommun")"
same "... as an invalid token" "invalid API token" "$(json 'd["error"]["message"]' <"$T/body")"

# --- An API error names the line only when a line is at fault.
same "a case that does not exist is not found" "404" \
	"$(code -H "Authorization: Bearer $TA" "$U/api/v1/cases/KS%202026%2F0999?org=kommun")"
same "... and its error has no line" "False" "$(json '"line" in d["error"]' <"$T/body")"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt;;gallras;0;RA-FS 2021:6;nej\n7.8;Fel;;förstörs;x;RA-FS 2021:6;nej\n' >"$T/bad.csv"
same "a schedule with a bad third line is refused" "422" "$(code -H "Authorization: Bearer $TA" \
	-F "file=@$T/bad.csv" "$U/api/v1/retention/schedule/csv?org=kommun")"
same "... naming line 3" "3" "$(json 'd["error"].get("line")' <"$T/body")"

# --- The public registry shows the document's date.
curl -s "$U/offentlig/diarium?org=kommun" >"$T/reg"
grep -q "$r" "$T/reg" && pass "the record is in the public registry" || fail "no $r in the public registry"
grep -q '2026-11-15' "$T/reg" && pass "... with its own date, 2026-11-15" || fail "no 2026-11-15 in the public registry"

# --- verify names a damaged salt or leaf hash.
ok "verify before" k verify
sql "UPDATE event SET salt = x'00' WHERE id = 2"
fails "a salt cut short" "event 2 has a damaged salt or leaf hash" k verify
