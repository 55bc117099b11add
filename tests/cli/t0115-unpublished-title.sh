#!/bin/sh
# t0115 — a case title in a series that masks persons is not published
# until the case has a public title (an outside review's find, J-F2): a
# report about a child, "Orosanmälan gällande Kalle Hemlisson", whose only
# record comes from a school, named the child on the postlista, in public
# search (hit and count), data.json, the Atom feed and the public case page,
# even before the case had a record. Every public surface shows the neutral
# text instead (in English with ?lang=en) until a registrar sets a public
# title; staff are warned when they open such a case (CLI, API, case page);
# a case in an ordinary series is published as before.
TEST_NAME=unpublished-title
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add orga "Exempels kommun" >/dev/null
k unit add SOC "Socialförvaltningen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series mask-persons SN on >/dev/null
echo "Losenord-for-reg" | k user add reg "Rita Registrator" --password-stdin >/dev/null
k user grant reg registrator >/dev/null
TOKEN=$(k token add reg robot --days 1)
NEUTRAL="Ärende i serie SN – rubriken är inte publicerad"
ENGLISH="Case in series SN – the title is not published"

# --- opening: the CLI warns, and says how to give a public title ---
sn=$(k --data "$KANSLI_DATA" case open --org orga --series SN --title "Orosanmälan gällande Kalle Hemlisson" \
	--unit SOC 2>"$T/warn")
same "the case is opened" "SN 2026/0001" "$sn"
grep -q "warning: series SN masks private persons' names, so the title of case SN 2026/0001 is not published" \
	"$T/warn" && grep -q "kansli case correct 'SN 2026/0001' --public-title" "$T/warn" \
	&& pass "opening warns that the title is not published, and names the command" || fail "warning: $(cat "$T/warn")"
same "the warning is one line" "1" "$(wc -l <"$T/warn")"
empty=$(k case open --series SN --title "Orosanmälan gällande Lisa Tomhemlis" 2>/dev/null)
ks=$(k case open --series KS --title "Medborgarförslag om Parkbänkarna" 2>"$T/warn")
same "an ordinary series: no warning" "" "$(cat "$T/warn")"
k case open --series SN --title "Ansökan om färdtjänst" --public-title "Ansökan om färdtjänst" >/dev/null 2>"$T/warn"
same "a case opened with a public title: no warning" "" "$(cat "$T/warn")"
k record add "$sn" --direction in --organisation Backaskolan --title "Anmälan från skolan" \
	--secrecy partial --mask body --legal-ground "OSL 26 kap. 1 §" >/dev/null
k record add "$ks" --direction in --organisation "Föreningen Bänken" --title "Förslag" >/dev/null
# the agenda (public, and the minutes' source) takes the title the public sees
k board add SN --name Socialnämnden --kind namnd --series SN >/dev/null
k board member SN --name "Anna Andersson" --role ledamot --from 2023-01-01 >/dev/null
k meeting create --board SN --date 2026-03-09 --time 09:00 --place Sessionssalen >/dev/null
k meeting add 1 --case "$sn" >/dev/null
same "the agenda item carries the stand-in" "$NEUTRAL" "$(sql "SELECT title FROM agenda_item WHERE case_id = 1")"
k reindex >/dev/null

web_serve KANSLI_NO_RATE_LIMIT=1
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
count() { # the number of records in a data.json answer
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))'
}

# public_surfaces FILE: every public answer that could show the title, in
# one file (searches by the name are counted below: their pages repeat the
# query in the search box)
public_surfaces() {
	: >"$1"
	for path in "/offentlig/diarium?org=orga" "/offentlig/diarium?org=orga&q=Orosanm%C3%A4lan" \
		"/offentlig/diarium?org=orga&serie=SN" "/offentlig/data.json?org=orga" \
		"/offentlig/data.json?org=orga&q=Hemlisson" "/offentlig/data.json?org=orga&q=Orosanm%C3%A4lan" \
		"/offentlig/flode.atom?org=orga" "/offentlig/flode.atom?org=orga&serie=SN" \
		"/offentlig/arende?org=orga&nr=$(enc "$sn")" "/offentlig/arende?org=orga&nr=$(enc "$empty")" \
		"/offentlig/arende?org=orga&nr=$(enc "$sn-1")" "/offentlig/diarium?org=orga&lang=en" \
		"/offentlig/arende?org=orga&nr=$(enc "$sn")&lang=en" "/offentlig/flode.atom?org=orga&lang=en"; do
		curl -s "$U$path" >>"$1"
	done
	# a search for the case number lands on the case
	curl -sL "$U/offentlig/diarium?org=orga&q=$(enc "SN 2026/1")" >>"$1"
}

# --- before a public title: the neutral text everywhere, no name ---
public_surfaces "$T/before"
for secret in Hemlisson Kalle Tomhemlis "gällande"; do
	grep -q -- "$secret" "$T/before" && fail "'$secret' reached a public answer: $(grep -o ".\{60\}$secret.\{20\}" \
		"$T/before" | head -2)" || pass "'$secret' reaches no public answer"
done
code "$U/offentlig/diarium?org=orga" >/dev/null
has "the postlista shows the neutral text" "<td data-label=\"Ärende\">$NEUTRAL</td>"
has "the ordinary series' title is published" "Medborgarförslag om Parkbänkarna"
code "$U/offentlig/arende?org=orga&nr=$(enc "$empty")" >/dev/null
has "the case page of a case with no record: the neutral text" "<p class=\"case-title\">$NEUTRAL</p>"
code "$U/offentlig/arende?org=orga&nr=$(enc "$sn")&lang=en" >/dev/null
has "the case page in English" "<p class=\"case-title\">$ENGLISH</p>"
code "$U/offentlig/diarium?org=orga&lang=en" >/dev/null
has "the postlista in English" "$ENGLISH"
hasnt "no Swedish stand-in on the English page" "$NEUTRAL"
curl -s "$U/offentlig/flode.atom?org=orga&lang=en" >"$T/body"
has "the Atom feed in English" "Case: $ENGLISH."
curl -s "$U/offentlig/flode.atom?org=orga" >"$T/body"
has "the Atom feed in Swedish" "Ärende: $NEUTRAL."
code "$U/offentlig/diarium?org=orga&q=Hemlisson" >/dev/null
has "a search for the name: no hit counted" "0 träffar."
code "$U/offentlig/diarium?org=orga&q=Orosanm%C3%A4lan" >/dev/null
has "a search for the title's words: no hit counted" "0 träffar."
code "$U/offentlig/diarium?org=orga&q=Parkb%C3%A4nkarna" >/dev/null
has "an ordinary series' title is found" "1 träff."
# a title the system writes names nobody: the meeting's case is its own public title
mc=$(sql "SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) FROM meeting m
	JOIN case_file c ON c.id = m.case_id JOIN series s ON s.id = c.series_id")
code "$U/offentlig/arende?org=orga&nr=$(enc "$mc")" >/dev/null
has "a meeting's case in the series is published" "<p class=\"case-title\">Sammanträde Socialnämnden 2026-03-09</p>"
k case show "$mc" --json >"$T/mc"
grep -q '"title_protected"' "$T/mc" && fail "the meeting's case is shown as protected" \
	|| pass "a public title the same as the title protects nothing"
same "data.json: no hit for the name" "0" "$(curl -s "$U/offentlig/data.json?org=orga&q=Hemlisson" | count)"
curl -s "$U/offentlig/data.json?org=orga&serie=SN" >"$T/json"
same "data.json: the stand-in, marked as not published" "$NEUTRAL|False" "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["records"][0]
print(r["case_title"] + "|" + str(r.get("case_title_published")))' "$T/json")"
same "data.json: an ordinary case is not marked" "Medborgarförslag om Parkbänkarna|None" \
	"$(curl -s "$U/offentlig/data.json?org=orga&serie=KS" | python3 -c '
import json, sys
r = json.load(sys.stdin)["records"][0]
print(r["case_title"] + "|" + str(r.get("case_title_published")))')"
same "the open index holds the stand-in" "$NEUTRAL" "$(sql "SELECT title FROM case_title_shown WHERE case_id = 1")"

# --- staff still read and find the full title ---
k case show "$sn" --json >"$T/staff"
grep -q "Orosanmälan gällande Kalle Hemlisson" "$T/staff" && pass "staff read the full title" || fail "staff title"
k search Hemlisson >"$T/found"
grep -q "$sn-1" "$T/found" && pass "staff who may read it find the case by the name" || fail "staff search: $(cat "$T/found")"

# --- the staff case page says so, and offers the public title ---
same "login" "303" "$(login "$T/jar" reg Losenord-for-reg)"
code -b "$T/jar" "$U/arende?org=orga&nr=$(enc "$sn")" >/dev/null
has "the case page warns" "Rubriken publiceras inte: serien SN maskerar privatpersoners namn"
has "the case page leads to the public title" "<a href=\"#skydda-rubrik\">Ange en offentlig rubrik</a>"
grep -q '<details[^>]*id="skydda-rubrik"[^>]* open' "$T/body" && pass "the public title's form is open" \
	|| fail "the public title's form is not open: $(grep -o '<details[^>]*skydda-rubrik[^>]*>' "$T/body")"
code -b "$T/jar" "$U/arende?org=orga&nr=$(enc "$ks")" >/dev/null
hasnt "an ordinary case page: no such warning" "Rubriken publiceras inte"

# --- the API warns on opening ---
curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
	-d '{"series":"SN","title":"Orosanmälan gällande Olle Apihemlis"}' "$U/api/v1/cases?org=orga" >"$T/api"
same "the API's warning" "SN|1" "$(python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
w = o.get("warnings", [])
print(o["number"].split()[0] + "|" + str(sum("is not published until the case has a public title" in x for x in w)))' \
	"$T/api")"
curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
	-d '{"series":"KS","title":"Trafiksäkerhet"}' "$U/api/v1/cases?org=orga" >"$T/api"
same "the API: no warning in an ordinary series" "KS|none" "$(python3 -c '
import json, sys
o = json.load(open(sys.argv[1]))
print(o["number"].split()[0] + "|" + str(o.get("warnings", "none")))' "$T/api")"

# --- after a public title: it is shown, the name still nowhere ---
ok "the registrar sets a public title" k case correct "$sn" --public-title "Orosanmälan" --reason "Barnets namn"
same "the correction no longer warns" "" "$(cat "$T/err")"
same "the agenda not yet adjusted follows the public title" "Orosanmälan" \
	"$(sql "SELECT title FROM agenda_item WHERE case_id = 1")"
k reindex >/dev/null
public_surfaces "$T/after"
for secret in Hemlisson Kalle "gällande"; do
	grep -q -- "$secret" "$T/after" && fail "'$secret' reached a public answer after the public title" \
		|| pass "'$secret' reaches no public answer after the public title"
done
code "$U/offentlig/diarium?org=orga&serie=SN" >/dev/null
has "the postlista shows the public title" "<td data-label=\"Ärende\">Orosanmälan</td>"
hasnt "the stand-in is gone" "rubriken är inte publicerad"
code "$U/offentlig/arende?org=orga&nr=$(enc "$sn")&lang=en" >/dev/null
has "the case page shows the public title (English page)" "<p class=\"case-title\">Orosanmälan</p>"
code "$U/offentlig/diarium?org=orga&q=Orosanm%C3%A4lan" >/dev/null
has "the public title is found" "1 träff."
code "$U/offentlig/diarium?org=orga&q=Hemlisson" >/dev/null
has "the name still is not" "0 träffar."
same "data.json: the public title, not marked" "Orosanmälan|None" \
	"$(curl -s "$U/offentlig/data.json?org=orga&serie=SN" | python3 -c '
import json, sys
r = json.load(sys.stdin)["records"][0]
print(r["case_title"] + "|" + str(r.get("case_title_published")))')"
curl -s "$U/offentlig/flode.atom?org=orga&serie=SN" >"$T/body"
has "the feed shows the public title" "Ärende: Orosanmälan."
k case correct "$sn" --public-title "" --reason "Ångrat" >/dev/null 2>"$T/warn"
grep -q "is not published until the case has a public title" "$T/warn" \
	&& pass "removing the public title warns again" || fail "no warning: $(cat "$T/warn")"
k reindex >/dev/null
code "$U/offentlig/diarium?org=orga&serie=SN" >/dev/null
has "without the public title the stand-in is back" "<td data-label=\"Ärende\">$NEUTRAL</td>"

# --- the upgrade: an installation whose open index holds the full title ---
# (as one indexed before this rule) gets its case titles rendered anew and
# every record indexed again by the migration (the running server's indexer
# may take the queue at once). The schema is set back by five: this
# migration and the four after it (masked names in every spelling, t0160;
# a notice's disposed file, t0162; record texts as readers see them, t0161;
# reminders, t0172)
# all re-run, so none may hold an ALTER (it could not be re-run).
v=$(sql "SELECT value FROM meta WHERE key = 'schema_version'")
sql "UPDATE case_title_shown SET title = 'Orosanmälan gällande Kalle Hemlisson' WHERE case_id = 1;
     UPDATE meta SET value = '$((v - 5))' WHERE key = 'schema_version'"
ok "the upgrade runs" k case show "$sn"
same "the schema is current again" "$v" "$(sql "SELECT value FROM meta WHERE key = 'schema_version'")"
same "the old rendering is gone" "0" "$(sql "SELECT count(*) FROM case_title_shown WHERE title LIKE '%Hemlisson%'")"
k reindex >/dev/null
same "the open index holds the stand-in again" "$NEUTRAL" "$(sql "SELECT title FROM case_title_shown WHERE case_id = 1")"
same "a search for the name finds nothing after the upgrade" "0" \
	"$(curl -s "$U/offentlig/data.json?org=orga&q=Hemlisson" | count)"
echo "$(k verify >/dev/null 2>&1; echo $?)" | grep -qx 0 && pass "the installation verifies" || fail "verify failed"
