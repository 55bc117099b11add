#!/bin/sh
# t0061 — more mutants `make mutate` found alive (docs/MUTATION.md), each
# check failing under one of them: the case list by unit; why a role cannot be limited to a unit;
# a future date's message says whether the
# document was received or drawn up; a corrected case title reaches the
# search index; a personnummer alone finds its party's records; a name in it that becomes a secret party leaves the
# index's title; a class whose rules are all for document types has its row
# in the schedule; an approved disposal run names its approver and
# when; verify counts
# every signed head and names a damaged published one; an unknown bearer
# token on a page that is not the API is the public visitor, on the API a
# 401, also for an anonymous body too large to read; a control character in
# a JSON value is bad text; an anonymous form must say its length; the
# public log's inclusion proof; the public
# registry's filters each narrow it; the API sends a file, or a JSON error in its place.
TEST_NAME=mutation-gaps
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Gatubelysning i centrum")

# --- Why a role cannot be limited to a unit, by role.
k unit add SOC "Socialförvaltningen" --org kommun >/dev/null
echo "Losenord-for-hanna" | k user add hanna "Hanna Handläggare" --password-stdin >/dev/null
fails "an arkivarie keeps the whole archive" "an arkivarie keeps the whole organisation's archive" \
	k user grant hanna arkivarie --org kommun --unit SOC
fails "an administrator the whole organisation" "an administrator administers the whole organisation" \
	k user grant hanna administrator --org kommun --unit SOC
fails "a reader reads no secrets" "the role 'lasare' reads no secrets" k user grant hanna lasare --org kommun --unit SOC

# --- The case list by unit.
u=$(k case open --series KS --title "Placering" --unit SOC)
same "the case list by unit" "$u" "$(k case list --unit SOC --json | json '" ".join(c["number"] for c in d)')"

# --- A date in the future: received (in) or drawn up (out, internal).
fails "a letter received tomorrow is refused as received" "cannot be received after today" \
	k record add "$c" --direction in --title "Brev" --date 2026-12-02
fails "a decision drawn up tomorrow is refused as drawn up" "cannot be drawn up after today" \
	k record add "$c" --direction out --title "Beslut" --date 2026-12-02

# --- A corrected case title is searched under its new words.
k record add "$c" --direction in --title "Skrivelse" >/dev/null
k reindex >/dev/null 2>&1
hits() { k search "$1" --json | json '" ".join(h["number"] for h in d)'; }
same "the case's records are found by its title" "$c-1" "$(hits gatubelysning)"
k case correct "$c" --reason "Rubriken" --title "Xylofonkonsert i parken" >/dev/null
k reindex >/dev/null 2>&1
same "... and by its corrected title" "$c-1" "$(hits xylofonkonsert)"
same "... and no longer by the old one" "" "$(hits gatubelysning)"
# A personnummer alone finds the records of the party that has it.
p=$(k record add "$c" --direction in --title "Ansökan om färdtjänst" --person "Eva Ek" --id 19121212-1212)
k reindex >/dev/null 2>&1
same "a search by personnummer finds its party's record" "$p" "$(hits 19121212-1212)"
same "... written without the hyphen too" "$p" "$(hits 191212121212)"
# A name in a case's title that a later secret record makes a masked
# party leaves the title the index holds for the case's other records.
b=$(k case open --series KS --title "Bistånd till Sven Svensson")
k record add "$b" --direction in --title "Ansökan" --organisation "Bolaget AB" >/dev/null
k reindex >/dev/null 2>&1
same "a case's record is found by a name in its title" "$b-1" "$(hits svensson)"
# (the public search, below, must no longer find it by that name)
k record add "$b" --direction in --title "Läkarintyg" --person "Sven Svensson" --secrecy full \
	--legal-ground "OSL 26 kap. 1 §" >/dev/null 2>&1
k reindex >/dev/null 2>&1
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
k user grant lasse lasare >/dev/null
reader_hits() { k --user lasse search "$1" --json | json '" ".join(h["number"] for h in d)'; }
same "a reader finds the case's records by its title" "$b-2 $b-1" "$(reader_hits bistånd)"
same "... but not by the name that is now a secret party's" "" "$(reader_hits svensson)"
# A rebuild renders every case's title anew, whatever the index held.
sql "UPDATE case_title_shown SET title = 'Bistånd till Sven Svensson' WHERE case_id = (SELECT id FROM case_file WHERE title = 'Bistånd till Sven Svensson')"
k reindex --full >/dev/null 2>&1
same "after a rebuild from a stale title, still not by that name" "" "$(reader_hits svensson)"

# --- An approved disposal run names who approved it.
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
for a in arkiv1 arkiv2; do
	echo "Losenord-for-$a" | k user add $a "Arkivarie $a" --password-stdin >/dev/null
	k user grant $a arkivarie >/dev/null
done
g=$(k case open --series KS --title "Tillfälligt" --class 7.7)
k record add "$g" --direction in --title "Lapp" >/dev/null
k case close "$g" >/dev/null
run=$(k --user arkiv1 disposal propose)
k --user arkiv2 disposal approve "$run" >/dev/null
same "the run names its approver" "user:arkiv2" "$(k disposal show "$run" --json | json 'd["approved_by"]')"
same "... and the day it was approved" "2026-12-01" "$(k disposal show "$run" --json | json 'd["approved"][:10]')"

# --- The schedule shows every class once on its own, also a second class
# whose rules are all for document types.
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.8;Fakturor;Faktura;gallras;2;RA-FS 2021:6;ja\n7.8;Fakturor;Kvitto;gallras;1;RA-FS 2021:6;ja\n' >"$T/plan2.csv"
k retention schedule import "$T/plan2.csv" >/dev/null
same "a class with only document-type rules has its own row, once" "7.7: 7.8: 7.8:Faktura 7.8:Kvitto" \
	"$(k retention schedule list --json | json '" ".join(r["class"] + ":" + r["doc_type"] for r in d)')"

# --- The public registry's filters: class, direction, dates, series.
k series add SN "Socialnämnden" >/dev/null
d=$(k record add "$c" --direction out --title "Svar på skrivelse" --date 2026-11-15)
s=$(k case open --series SN --title "Tillsyn")
k record add "$s" --direction internal --title "Tjänsteanteckning" >/dev/null

# --- A bearer token that is not one: the public on pages, 401 on the API.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
public_hits() {
	curl -s "$U/offentlig/diarium?org=kommun&q=$1" | grep -o "$b-[0-9]*" | sort -u | tr '\n' ' ' | sed 's/ $//'
}
same "the public search finds the case's records by its title" "$b-1 $b-2" "$(public_hits bist%C3%A5nd)"
same "... but not by the name that is now a secret party's" "" "$(public_hits svensson)"
registry() {
	curl -s "$U/offentlig/diarium?org=kommun&$1" | grep -o '[A-Z][A-Z] [0-9]\{4\}/[0-9]\{4\}-[0-9]*' | sort -u |
		tr '\n' ' ' | sed 's/ $//'
}
same "the registry filtered by class" "$g-1" "$(registry klass=7.7)"
same "... by direction" "$d" "$(registry riktning=out)"
same "... from a day, leaving out what came before" "" "$(registry fran=2026-11-20 | grep -o "$d")"
same "... which is there without it" "$d" "$(registry "" | grep -o "$d")"
same "... to a day" "$d" "$(registry till=2026-11-20)"
same "... by series" "$s-1" "$(registry serie=SN)"
same "a page with an unknown bearer token is served to the public" "200" \
	"$(code -H "Authorization: Bearer kansli_nosuchtoken" "$U/offentlig/diarium?org=kommun")"
same "the API refuses it" "401" "$(code -H "Authorization: Bearer kansli_nosuchtoken" "$U/api/v1/cases?org=kommun")"
grep -q '"unauthorized"' "$T/body" && pass "... naming it unauthorized" || fail "the API's 401 body: $(head -c 200 "$T/body")"

# --- A file the API sends (the schedule as CSV), and its error as JSON.
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
echo "Losenord-for-utan" | k user add utan "Utan Roll" --password-stdin >/dev/null
TR=$(k token add rita "robot" --days 1)
TU=$(k token add utan "robot" --days 1)
same "the schedule as CSV" "200" "$(code -H "Authorization: Bearer $TR" "$U/api/v1/retention/schedule/csv?org=kommun")"
grep -q '^7.7;Tillfälligt;' "$T/body" && pass "... with its rules" || fail "the CSV: $(head -c 200 "$T/body")"
same "a user without a role in the organisation is refused it" "403" \
	"$(code -H "Authorization: Bearer $TU" "$U/api/v1/retention/schedule/csv?org=kommun")"
grep -q '"error"' "$T/body" && ! grep -q 'Tillfälligt' "$T/body" && pass "... with a JSON error and no CSV" ||
	fail "the refusal's body: $(head -c 200 "$T/body")"

# --- The anonymous must say how long their form is (no chunked body).
same "an anonymous chunked form is refused with 411" "411" \
	"$(code -H "Transfer-Encoding: chunked" --data-binary "namn=Test" "$U/offentlig/begar?org=kommun")"

# --- The public log's inclusion proof is the one `log prove` prints. The
# public sees published heads only: the next day's moment publishes this one's.
KANSLI_NOW=2026-12-02 k log schedule --run >/dev/null
same "the public log proves event 3" "200" "$(code "$U/offentlig/logg/inkludering?index=3")"
same "... with the leaf and root that log prove gives" \
	"$(k log prove --index 3 --size "$(json 'd["tree_size"]' <"$T/body")" | sed -n 's/^\(leaf\|root\): //p' | tr '\n' ' ')" \
	"$(json 'd["leaf_hash"] + " " + d["root"] + " "' <"$T/body")"

# --- An archivist's API: a run by its number; a schedule sent as a file.
TA=$(k token add arkiv1 "robot" --days 1)
same "a disposal run by its number" "200" "$(code -H "Authorization: Bearer $TA" "$U/api/v1/disposals/$run?org=kommun")"
same "... is that run" "$run" "$(json 'd["id"]' <"$T/body")"
same "a number that is not one is not found" "404" "$(code -H "Authorization: Bearer $TA" "$U/api/v1/disposals/${run}x?org=kommun")"
same "a schedule sent as a file is taken" "200" "$(code -H "Authorization: Bearer $TA" -F "file=@$T/plan2.csv" \
	"$U/api/v1/retention/schedule/csv?org=kommun")"
same "... all its rules" "2" "$(json 'd["rules"]' <"$T/body")"

# --- The API's bodies: the anonymous are refused before theirs is read;
# a control character in a value is named.
head -c 3000000 /dev/zero | tr '\0' 'a' >"$T/big.json"
same "an anonymous API write is refused as unauthorized, whatever its size" "401" \
	"$(code -H "Content-Type: application/json" --data-binary @"$T/big.json" "$U/api/v1/cases?org=kommun")"
same "a control character in a JSON value is bad text" "400" \
	"$(code -H "Authorization: Bearer $TR" -H "Content-Type: application/json" \
		--data-binary '{"series": "KS", "title": "Ett\u0001tv\u00e5"}' "$U/api/v1/cases?org=kommun")"
grep -q '"bad_text"' "$T/body" && grep -q 'the value of \\"title\\"' "$T/body" && pass "... naming the field" ||
	fail "the bad text answer: $(head -c 200 "$T/body")"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# --- verify: every signed head counted; a damaged published head named.
k log head --publish >/dev/null
k record add "$c" --direction in --title "Svar" >/dev/null
k log head --publish >/dev/null
published=$(sql "SELECT count(*) FROM tree_head")
k verify >"$T/v" 2>&1
same "verify counts the current head and each published one" "$((published + 1)) signed heads" \
	"$(grep -o '[0-9]* signed heads' "$T/v")"
first=$(sql "SELECT min(size) FROM tree_head")
sql "UPDATE tree_head SET checkpoint = replace(checkpoint, char(10) || '$first' || char(10),
	char(10) || '$((first - 1))' || char(10)) WHERE size = $first"
fails "a published head with a changed size is named by its size" \
	"tree_head: published tree head $first: the signature does not verify" k verify

