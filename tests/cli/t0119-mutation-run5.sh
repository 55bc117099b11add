#!/bin/sh
# t0119 — mutants `make mutate` left alive in its fourth and fifth full
# runs (docs/MUTATION.md), each check failing under one of them: a record
# number's part after the dash is 1 to 999999; an import run again over a
# changed record names it; a record's file has its own size; `reindex
# --full` rebuilds an index that differs from the text it indexes; verify
# names a changed public title as such, calls a missing file tampering
# (exit 1) and names an event's data stored as bytes; disposal reports go
# to the series set for them, and an executed run names its day, its
# executor and a report whose list has nine columns; a proposed run offers
# its approval to another archivist, not to its proposer; a schedule
# imported again renames a class; the log records a rule's period; a kept
# class keeps its registry entry; what is due shows titles as they may be
# seen and counts a held case; a closing date is today at the latest; a
# correction of what is masked alone masks it; a series that masks private
# persons still shows an organisation; the public log's proofs take a size
# or the whole log, and its heads are served; a staff search for a case
# number opens the case; the start page lists overdue cases and those due
# soon; the API takes a page of one and calls an unreadable body a bad
# request; an anonymous chunked form is told its length is missing.
TEST_NAME=mutation-run5
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add AR "Arkiv" >/dev/null
echo "Losenord-for-arkiv" | k user add arkiv "Arkivarie" --password-stdin >/dev/null
k user grant arkiv arkivarie >/dev/null
TA=$(k token add arkiv "robot" --days 1)

# --- A record number: the part after the dash is 1 to 999999.
c=$(k case open --series KS --title "Gatubelysning")
printf 'Tolv byte.\n' >"$T/brev.txt"
r=$(k record add "$c" --direction in --title "Skrivelse" --organisation "Föreningen Ljus" --file "$T/brev.txt")
fails "record number -0 is not a record number" "is not a case number" k record show "$c-0"
fails "a seven-digit record number is not one" "is not a case number" k record show "$c-1234567"
fails "a six-digit record number is one, not found" "not found\|no record\|unknown record" k record show "$c-123456"
same "... and its record is refused as missing, not as misspelt" "0" "$(grep -c 'is not a case number' "$T/err")"

# --- An import run again over a record whose content has changed is
# refused, naming the record.
line() { printf '{"dnr": "KS 2026/0020", "doc_no": 1, "series": "KS", "organ": "Kommunstyrelsen", "case_title": "Import", "class_code": "", "class_title": "", "officer": "", "case_opened": "2026-02-01", "date": "2026-02-01", "direction": "inkommande", "party_type": "organisation", "party_name": "Bolaget AB", "party_id": "", "doc_title": "%s", "secret": false, "osl": "", "body": ""}\n' "$1"; }
line "Brev" >"$T/first.jsonl"
ok "an import" k import "$T/first.jsonl"
ok "... run again is taken as it is" k import "$T/first.jsonl"
line "Annat brev" >"$T/changed.jsonl"
fails "... run again with the record changed is refused, naming it" \
	"record KS 2026/0020-1 already exists with other content" k import "$T/changed.jsonl"

# --- A record's file has its own size.
same "a file's size is its bytes" "11" "$(k record show "$r" --json | json 'd["files"][0]["size"]')"

# --- reindex --full rebuilds the index from the text it indexes (here
# changed behind the index's back, as a damaged index would differ).
k reindex >/dev/null
hits() { k search "$1" --json | json '" ".join(h["number"] for h in d)'; }
sql "UPDATE file_text SET text = 'Zebrafinkar i parken'"
same "a word the index has not seen is not found" "" "$(hits zebrafinkar)"
ok "reindex --full" k reindex --full
same "... and then it is" "$r" "$(hits zebrafinkar)"

# --- verify names a changed public title as such.
p=$(k case open --series KS --title "Försörjningsstöd Anna Andersson" --public-title "Ansökan om försörjningsstöd")
ok "verify before tampering" k verify
cp -r "$KANSLI_DATA" "$T/copy"
sql "UPDATE case_file SET public_title = 'Annat' WHERE title = 'Försörjningsstöd Anna Andersson'"
fails "a changed public title is named" "case $p (id [0-9]*): its public title differs" k verify
rm -rf "$KANSLI_DATA" && mv "$T/copy" "$KANSLI_DATA"
cp -r "$KANSLI_DATA" "$T/copy"
hash=$(sql "SELECT hash FROM record_file LIMIT 1")
rm "$KANSLI_DATA/blobs/$(echo "$hash" | cut -c1-2)/$(echo "$hash" | cut -c3-4)/$hash"
k verify >/dev/null 2>&1
same "a missing file is tampering (exit 1), not a thing not found" "1" "$?"
rm -rf "$KANSLI_DATA" && mv "$T/copy" "$KANSLI_DATA"
cp -r "$KANSLI_DATA" "$T/copy"
sql "UPDATE event SET data = CAST(data AS BLOB) WHERE id = 2"
fails "an event's data stored as bytes, not as the log's text, is named so" \
	"event 2 has a damaged data (not the JSON text the log wrote)" k verify
rm -rf "$KANSLI_DATA" && mv "$T/copy" "$KANSLI_DATA"

# --- An executed disposal run names its day and who executed it.
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
echo "Losenord-for-arkiv2" | k user add arkiv2 "Arkivarie två" --password-stdin >/dev/null
k user grant arkiv2 arkivarie >/dev/null
g=$(k case open --series KS --title "Tillfälligt" --class 7.7)
k record add "$g" --direction in --title "Lapp" >/dev/null
k case close "$g" >/dev/null
run=$(k --user arkiv disposal propose)
k --user arkiv2 disposal approve "$run" >/dev/null
ok "the series disposal reports go to is set" k --user arkiv retention report-series AR
ok "execute the run" k --user arkiv2 disposal execute "$run"
same "... its report registered in that series" "AR" "$(k disposal show "$run" --json | json 'd.get("report", "")[:2]')"
rep=$(k disposal show "$run" --json | json 'd["report"]')
csvname=$(k record show "$rep" --json | json '[f["name"] for f in d["files"] if f["name"].endswith(".csv")][0]')
cat "$(k record file "$rep" "$csvname")" >"$T/report.csv"
same "the report's list has its nine columns" "9 9" \
	"$(awk -F';' 'NR <= 2 { printf "%s%s", (NR > 1 ? " " : ""), NF }' "$T/report.csv")"
same "the run names its executor" "user:arkiv2" "$(k disposal show "$run" --json | json 'd.get("executed_by")')"
same "... and the day it was executed" "2026-12-01" "$(k disposal show "$run" --json | json 'd.get("executed", "")[:10]')"
g2=$(k case open --series KS --title "Tillfälligt igen" --class 7.7)
k record add "$g2" --direction in --title "Lapp" >/dev/null
k case close "$g2" >/dev/null
run2=$(k --user arkiv disposal propose)

# --- A schedule imported again renames a class it names otherwise, and
# refuses a name over 200 characters.
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt material;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan2.csv"
ok "a schedule renaming a class" k --user arkiv retention schedule import "$T/plan2.csv"
same "... renames it" "Tillfälligt material" \
	"$(k retention schedule list --json | json '[r["class_title"] for r in d if r["class"] == "7.7"][0]')"
long=$(python3 -c 'print("L" * 201)')
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;%s;;gallras;0;RA-FS 2021:6;nej\n' "$long" >"$T/plan3.csv"
fails "... and one with a name over 200 characters is refused" "at most 200 characters" \
	k --user arkiv retention schedule import "$T/plan3.csv"

# --- The log records a retention rule's period, and none for a class kept.
k class add 7.8 "Kort tid" >/dev/null
k class add 7.9 "För alltid" >/dev/null
rule_years() { sql "SELECT coalesce(json_extract(data, '\$.years'), 'none') FROM event WHERE action = 'retention.rule_set' ORDER BY id DESC LIMIT 1"; }
ok "a rule with a period" k --user arkiv retention schedule set 7.8 --action gallras --years 3 --decision "RA-FS 2021:6"
same "... is logged with its period" "3" "$(rule_years)"
ok "a class kept" k --user arkiv retention schedule set 7.9 --action bevaras --decision "RA-FS 2021:6"
same "... is logged without one" "none" "$(rule_years)"
same "... and keeps its registry entry" "True" \
	"$(k retention schedule list --json | json '[r["keep_registration"] for r in d if r["class"] == "7.9"][0]')"

o=$(k case open --series KS --title "Bevakat ärende" --due 2026-11-20)
u=$(k case open --series KS --title "Snart bevakat ärende" --due 2026-12-10)

# --- What is due shows a record's title as its reader may see it: a
# title masked is the notice, a record masked otherwise keeps its title.
m=$(k case open --series KS --title "Blandat" --class 7.7)
mt=$(k record add "$m" --direction in --title "Hemlig rubrik" --person "Sven Svensson" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask title)
mp=$(k record add "$m" --direction in --title "Öppen rubrik" --person "Sven Svensson" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party)
k case close "$m" >/dev/null
due_title() { k --user arkiv retention due --json | json "[i['title'] for i in d['items'] if i['number'] == '$1'][0]"; }
same "what is due shows a masked title as the notice" "Sekretess enligt OSL 26 kap. 1 §" "$(due_title "$mt")"
same "... and the title of a record masked otherwise" "Öppen rubrik" "$(due_title "$mp")"

# --- A closing date is today at the latest.
x=$(k case open --series KS --title "Stängs")
fails "a case closed tomorrow is refused" "in the future" k case close "$x" --date 2026-12-02
ok "... today is taken" k case close "$x" --date 2026-12-01

# --- A case under a legal hold is counted among those due as held.
h=$(k case open --series KS --title "Tvistigt" --class 7.7)
k record add "$h" --direction in --title "Lapp" >/dev/null
k case close "$h" >/dev/null
k hold add "$h" --reason "Pågående tvist" >/dev/null
same "what is due counts the held case" "1" "$(k --user arkiv retention due --json | json 'd["held"]')"

# --- A correction of what is masked alone (the secrecy unchanged) masks it.
rm_=$(k record add "$c" --direction in --title "Rubrik som röjer" --organisation "Bolaget AB" \
	--secrecy partial --legal-ground "OSL 31 kap. 16 §" --mask body)
ok "a correction masking the title too" k record correct "$rm_" --mask body,title --reason "Rubriken röjer"

# --- A series that masks private persons still shows an organisation.
k series mask-persons KS on >/dev/null

# --- The public log's proofs and heads (the public sees published heads
# only: publish one of the whole log first).
k log head --publish >/dev/null
n=$(sql "SELECT count(*) FROM event")
web_serve
same "an inclusion proof without a size" "200" "$(code "$U/offentlig/logg/inkludering?index=1")"
same "... is in the whole log" "$n" "$(json 'd["tree_size"]' <"$T/body")"
same "an inclusion proof in an earlier tree" "200" "$(code "$U/offentlig/logg/inkludering?index=2&storlek=3")"
same "... is in the tree of the size asked for" "3" "$(json 'd["tree_size"]' <"$T/body")"
same "an inclusion proof beyond the log is not found" "404" "$(code "$U/offentlig/logg/inkludering?index=999999")"
has "... naming the event" "no event 999999"
same "a consistency proof without a size is to the whole log" "200" "$(code "$U/offentlig/logg/konsistens?gammal=2")"
same "... of the whole log" "$n" "$(json 'd["tree_size"]' <"$T/body")"
same "the published heads are served" "200" "$(code "$U/offentlig/logg/huvuden")"
same "... as a list of heads" "list" "$(json 'type(d.get("heads")).__name__' <"$T/body")"

# --- A staff search for a case number opens that case.
login "$T/jar" arkiv Losenord-for-arkiv >/dev/null
same "a search for a case number" "303" "$(code -b "$T/jar" "$U/sok?org=kommun&q=$(echo "$c" | sed 's/ /%20/; s|/|%2F|')")"
curl -s -o /dev/null -w '%{redirect_url}' -b "$T/jar" "$U/sok?org=kommun&q=$(echo "$c" | sed 's/ /%20/; s|/|%2F|')" >"$T/to"
grep -q "/arende?org=kommun&nr=KS%202026%2F0001" "$T/to" && pass "... opens that case" || fail "... went to $(cat "$T/to")"
same "a search for a number no case has is a search" "200" "$(code -b "$T/jar" "$U/sok?org=kommun&q=KS%202026%2F0999")"

# --- A proposed run offers its approval to another archivist, not to its
# proposer.
login "$T/jar2" arkiv2 Losenord-for-arkiv2 >/dev/null
same "a proposed run's page" "200" "$(code -b "$T/jar2" "$U/arkiv/gallring?org=kommun&id=$run2")"
has "... offers another archivist its approval" "Godkänn gallringen</button>"
same "... and to its proposer" "200" "$(code -b "$T/jar" "$U/arkiv/gallring?org=kommun&id=$run2")"
has "... says who may approve it" "Du föreslog gallringen"

# --- The start page lists an overdue case.
same "the start page" "200" "$(code -b "$T/jar" "$U/")"
grep -A3 'Försenade bevakningar' "$T/body" | grep -q "$o" && pass "... lists the overdue case" || fail "... no $o under Försenade bevakningar"

grep -A3 'Bevakningar de närmaste två veckorna' "$T/body" | grep -q "$u" && pass "... and the one due soon" \
	|| fail "... no $u under Bevakningar de närmaste två veckorna"
curl -s "$U/offentlig/diarium?org=kommun" >"$T/reg"
grep -q "Föreningen Ljus" "$T/reg" && pass "a masking series shows an organisation on the public registry" \
	|| fail "no Föreningen Ljus on the public registry"
grep -q "$rm_" "$T/reg" && ! grep -q "Rubrik som röjer" "$T/reg" && pass "a title masked by a correction is not public" \
	|| fail "the public registry shows the title masked by a correction (or not $rm_)"

# --- The API takes a page of one.
same "a page of one case" "200" "$(code -H "Authorization: Bearer $TA" "$U/api/v1/cases?org=kommun&limit=1")"
same "... has one" "1" "$(json 'len(d if isinstance(d, list) else d.get("cases", d.get("items", [])))' <"$T/body")"

# --- An anonymous form sent in chunks is told what is missing.
same "an anonymous chunked form is refused" "411" \
	"$(code -H "Transfer-Encoding: chunked" --data-binary "namn=Test" "$U/offentlig/begar?org=kommun")"
has "... saying its length is missing" "saknar längd"

# --- An API body that cannot be read is a bad request.
same "a multipart body without its boundary is refused" "400" "$(code -H "Authorization: Bearer $TA" \
	-H "Content-Type: multipart/form-data" --data-binary "x" "$U/api/v1/cases?org=kommun")"
same "... as a bad request, not a missing length" "bad_request" "$(json 'd["error"]["code"]' <"$T/body")"
