#!/bin/sh
# t0171 — a correct e-archive delivery and a case closed at the right time:
# a record disposed of with its registration kept is delivered as an ERMS
# record with its disposal and no file, also when every record of the case
# was disposed of; every delivery has its own OBJID, a re-delivery of the
# same case or series says so (RECORDSTATUS REPLACEMENT, the earlier package
# in PREMIS) and needs a confirmation; the e-archive's receipt is recorded
# against a delivery from the CLI, the API and the page, and logged; a case
# whose decision can still be appealed is closed only when that is
# confirmed (CLI, API, page). Every package passes validate-sip --strict.
# Dates are pinned in the past: the validator refuses dates in the future.
TEST_NAME=delivery-ids
. "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
VALIDATE=$REPO/../shared/oracles/validate-sip
valid() {
	if "$VALIDATE" --profile fgs --strict "$1" >"$T/v.out" 2>&1; then
		pass "$2 passes validate-sip --profile fgs --strict"
	else
		fail "$2 does not validate: $(grep -m3 'ERROR\|WARN\|RESULT' "$T/v.out" | tr '\n' ' ')"
	fi
}
erms() { echo "$1/representations/rep1/data/erms.xml"; }

export KANSLI_NOW=2016-03-01
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" --orgnr 212000-0142 >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1:arkivarie arkiv2:arkivarie rita:registrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
A="--user arkiv1"
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;Bygglov;Kvitto;gallras;2;KF 2015-03-12 § 45;ja
3.2.1;Bygglov;;bevaras;;;
CSV
k retention schedule import "$T/plan.csv" >/dev/null
printf 'Kvitto på avgiften\n' >"$T/kvitto.txt"

# 1. Disposed records with their registration kept are delivered.
a=$(k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1)
k record add "$a" --direction in --title "Ansökan om bygglov" --file "$T/kvitto.txt" >/dev/null
k record add "$a" --direction in --title "Kvitto på avgift" --type Kvitto --file "$T/kvitto.txt" >/dev/null
b=$(k case open --series KS --title "Bygglov Kyrkvägen 2" --class 3.2.1)
k record add "$b" --direction in --title "Kvitto Kyrkvägen" --type Kvitto --file "$T/kvitto.txt" >/dev/null
k record add "$b" --direction out --title "Kvitto skickat" --type Kvitto >/dev/null
for c in "$a" "$b"; do k case close "$c" >/dev/null; done
export KANSLI_NOW=2019-01-15
run=$(k $A disposal propose)
k --user arkiv2 disposal approve "$run" >/dev/null
ok "the receipts are disposed of, their registrations kept" k --user arkiv2 disposal execute "$run" --series AR
mkdir "$T/pk"
ok "deliver the case with one disposed record" k $A export sip "$a" --out "$T/pk"
pa=$T/pk/sip-kommun-ks-2016-0001
valid "$pa" "a package with a disposed record"
same "both records are in ERMS" "2" "$(grep -c '<record ' "$(erms "$pa")")"
grep -A3 '<objectId>KS 2016/0001-2</objectId>' "$(erms "$pa")" | grep -q '<disposal disposable="true">' &&
	pass "the disposed record carries its disposal" || fail "disposal element"
grep -q '<disposalMandate>KF 2015-03-12 § 45</disposalMandate>' "$(erms "$pa")" &&
	grep -q '<disposalDate dateType="applied">2019-01-15' "$(erms "$pa")" &&
	pass "the disposal's decision and date are delivered" || fail "disposal decision and date"
same "only the kept record's file is delivered" "1" "$(find "$pa/representations/rep1/data" -type f ! -name erms.xml | wc -l)"
ok "deliver the case whose records were all disposed of" k $A export sip "$b" --out "$T/pk"
pb=$T/pk/sip-kommun-ks-2016-0002
valid "$pb" "a package whose records were all disposed of"
same "its records are in the package" "2" "$(grep -c '<disposal disposable="true">' "$(erms "$pb")")"
same "and no file" "0" "$(find "$pb/representations/rep1/data" -type f ! -name erms.xml | wc -l)"

# 2. Package ids, re-deliveries and their confirmation.
same "the first delivery is NEW" "1" "$(grep -c 'RECORDSTATUS="NEW"' "$pa/METS.xml")"
fails "a case delivered before needs a confirmation" "KS 2016/0001 was delivered before (package sip-kommun-ks-2016-0001).*--again" \
	k $A export sip "$a" --out "$T/pk"
same "the refusal left nothing" "2" "$(ls "$T/pk" | wc -l)"
ok "deliver it again, confirmed" k $A export sip "$a" --out "$T/pk" --again --json
same "a new OBJID" "sip-kommun-ks-2016-0001-v2 REPLACEMENT sip-kommun-ks-2016-0001" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["package"], d["record_status"], d["replaces"])' "$T/out")"
pa2=$T/pk/sip-kommun-ks-2016-0001-v2
valid "$pa2" "the re-delivery"
grep -q 'OBJID="sip-kommun-ks-2016-0001-v2"' "$pa2/METS.xml" && grep -q 'RECORDSTATUS="REPLACEMENT"' "$pa2/METS.xml" &&
	pass "the re-delivery's METS says REPLACEMENT under its own OBJID" || fail "METS of the re-delivery"
grep -A2 '<linkingObjectIdentifierType>METS OBJID</linkingObjectIdentifierType>' "$pa2/metadata/preservation/premis.xml" |
	grep -q '<linkingObjectIdentifierValue>sip-kommun-ks-2016-0001</linkingObjectIdentifierValue>' &&
	pass "PREMIS names the package it replaces" || fail "PREMIS reference"
grep -q 'ersätter sip-kommun-ks-2016-0001 ' "$pa2/documentation/README.txt" && pass "so does the README" || fail "README"
fails "a series with delivered cases needs a confirmation" "2 of the cases were delivered before" \
	k $A export sip --series KS --year 2016 --out "$T/pk"
ok "the series, confirmed" k $A export sip --series KS --year 2016 --out "$T/pk" --again --json
same "a series delivered for the first time is NEW" "sip-kommun-ks-2016 NEW" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["package"], d["record_status"])' "$T/out")"
valid "$T/pk/sip-kommun-ks-2016" "the series package"
ok "the series again" k $A export sip --series KS --year 2016 --out "$T/pk" --again --format tar
valid "$T/pk/sip-kommun-ks-2016-v2.tar" "the series re-delivered as tar"
same "every delivery has its own id" "5 5" \
	"$(sql "SELECT count(*), count(DISTINCT json_extract(data, '\$.package')) FROM event WHERE action = 'export.sip'" | tr '|' ' ')"

# 3. The e-archive's receipt (CLI).
fails "a receipt needs the e-archive's reference" "reference" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-01-16
fails "a receipt needs a real day" "YYYY-MM-DD" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-13-01 --reference EA-1
fails "not after today" "after today" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-02-01 --reference EA-1
fails "not before the delivery" "before the delivery" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-01-14 --reference EA-1
fails "an unknown package" "no delivery of a package sip-nope" k $A export receipt sip-nope --received 2019-01-15 --reference EA-1
fails "a registrar may not record receipts" "may not manage retention and archive" \
	k --user rita export receipt sip-kommun-ks-2016-0001 --received 2019-01-15 --reference EA-1
same "the refusals logged nothing" "0" "$(sql "SELECT count(*) FROM event WHERE action = 'export.receipt'")"
ok "record the receipt" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-01-15 --reference "EA-2019-17" --note "Mottaget utan anmärkning"
fails "one receipt per delivery" "already has its receipt" k $A export receipt sip-kommun-ks-2016-0001 --received 2019-01-15 --reference EA-2
same "the receipt is logged against the delivery" "export EA-2019-17" \
	"$(sql "SELECT r.object_type, json_extract(r.data, '\$.reference') FROM event r JOIN event d ON d.id = r.object_id WHERE r.action = 'export.receipt' AND json_extract(d.data, '\$.package') = 'sip-kommun-ks-2016-0001'" | tr '|' ' ')"
k $A export list --json >"$T/list.json"
same "the list shows the receipt and the replacement" "2019-01-15 EA-2019-17|sip-kommun-ks-2016-0001" \
	"$(python3 -c 'import json,sys; d={x["package"]: x for x in json.load(open(sys.argv[1]))}; r=d["sip-kommun-ks-2016-0001"]["receipt"]; print(r["received"], r["reference"] + "|" + d["sip-kommun-ks-2016-0001-v2"]["replaces"])' "$T/list.json")"

# 4. Closing a case whose decision can still be appealed.
export KANSLI_NOW=2026-03-02
for u in anna bengt; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
	k user grant $u lasare >/dev/null
done
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 --account anna >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 --account bengt >/dev/null
decided=$(k case open --series KS --title "Medborgarförslag om parkbänkar")
other=$(k case open --series KS --title "Motion om cykelbanor")
k meeting create --board KS --date 2026-03-09 --time 09:00 --place Sessionssalen >/dev/null
M=$(sql "SELECT max(id) FROM meeting")
k meeting add "$M" --case "$decided" >/dev/null
k meeting send-notice "$M" >/dev/null
export KANSLI_NOW=2026-03-09
k meeting attend "$M" 1 present >/dev/null
k meeting attend "$M" 2 present >/dev/null
k meeting adjuster "$M" 2 >/dev/null
k meeting draw-up "$M" >/dev/null
I=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $M AND case_id IS NOT NULL")
k meeting decide "$I" --text "Förslaget bifalls." >/dev/null
k --user anna meeting approve "$M" >/dev/null
ok "the minutes are adjusted" k --user bengt meeting approve "$M"
end=$(sql "SELECT appeal_end FROM notice WHERE meeting_id = $M AND kind = 'minutes'")
[ -n "$end" ] && pass "the minutes are posted with an appeal period ($end)" || fail "no posted minutes"
fails "closing within the appeal period needs a confirmation" "can be appealed until $end.*--confirm" k case close "$decided"
same "the refused close changed nothing" "decided" "$(sql "SELECT status FROM case_file WHERE id = (SELECT case_id FROM agenda_item WHERE id = $I)")"
ok "a case without a decision closes as before" k case close "$other"
ok "closing with the confirmation" k case close "$decided" --confirm
ok "reopen it" k case reopen "$decided" --reason "Prövas i API och på sidan"
after=$(python3 -c 'import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) + datetime.timedelta(days=1))' "$end")

# 5. The API and the pages.
web_serve
TA=$(k token add arkiv1 robot --days 1)
TR=$(k token add rita robot --days 1)
J='Content-Type: application/json'
same "API: a receipt" "201" "$(code -H "Authorization: Bearer $TA" -H "$J" -d '{"received":"2026-03-09","reference":"EA-2026-3"}' \
	"$U/api/v1/exports/sip-kommun-ks-2016-0001-v2/receipt")"
grep -q '"delivery_event"' "$T/body" && pass "API: the receipt names the delivery's event" || fail "API receipt body: $(cat "$T/body")"
same "API: a second receipt is 409" "409" "$(code -H "Authorization: Bearer $TA" -H "$J" -d '{"received":"2026-03-09","reference":"EA-x"}' \
	"$U/api/v1/exports/sip-kommun-ks-2016-0001-v2/receipt")"
same "API: a bad day is 422" "422" "$(code -H "Authorization: Bearer $TA" -H "$J" -d '{"received":"9.3.2026","reference":"EA-x"}' \
	"$U/api/v1/exports/sip-kommun-ks-2016-0002/receipt")"
same "API: a registrar may not" "403" "$(code -H "Authorization: Bearer $TR" -H "$J" -d '{"received":"2026-03-09","reference":"EA-x"}' \
	"$U/api/v1/exports/sip-kommun-ks-2016-0002/receipt")"
same "API: the list has the receipts" "200" "$(code -H "Authorization: Bearer $TA" "$U/api/v1/exports")"
grep -q '"EA-2026-3"' "$T/body" && pass "API: the receipt is listed" || fail "API list"
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1].replace(" ", "-").replace("/", "-")))' "$decided")
TH=$(k token add rita robot2 --days 1)
k user grant rita handlaggare >/dev/null
same "API: closing within the appeal period is 409" "409" "$(code -H "Authorization: Bearer $TH" -H "$J" -d '{"status":"closed"}' "$U/api/v1/cases/$enc/changes")"
grep -q '"field":"confirm"' "$T/body" && pass "API: the 409 names the field confirm" || fail "API close body: $(cat "$T/body")"
same "API: closed with confirm" "200" "$(code -H "Authorization: Bearer $TH" -H "$J" -d '{"status":"closed","confirm":true}' "$U/api/v1/cases/$enc/changes")"
k case reopen "$decided" --reason "Prövas på sidan" >/dev/null

login "$T/arkiv.jar" arkiv1 Losenord-for-arkiv1 >/dev/null
code -b "$T/arkiv.jar" "$U/arkiv/leverans?org=kommun" >/dev/null
has "the delivery page shows receipts" "Mottaget 2019-01-15, EA-2019-17"
has "and the package a re-delivery replaces" "ersätter sip-kommun-ks-2016-0001"
has "a receipt form for deliveries without one" "Registrera kvittensen"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "the page refuses a receipt without a reference" "422" "$(code -b "$T/arkiv.jar" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode atgard=kvittens --data-urlencode paket=sip-kommun-ks-2016-0002 --data-urlencode mottaget=2026-03-09 "$U/arkiv/leverans/kvittens")"
same "which logged nothing" "2" "$(sql "SELECT count(*) FROM event WHERE action = 'export.receipt'")"
same "the page records a receipt" "303" "$(code -b "$T/arkiv.jar" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode atgard=kvittens --data-urlencode paket=sip-kommun-ks-2016-0002 --data-urlencode mottaget=2026-03-09 \
	--data-urlencode referens=EA-2026-4 "$U/arkiv/leverans/kvittens")"
same "logged" "3" "$(sql "SELECT count(*) FROM event WHERE action = 'export.receipt'")"

login "$T/rita.jar" rita Losenord-for-rita >/dev/null
encq=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$decided")
code -b "$T/rita.jar" "$U/arende?org=kommun&nr=$encq" >/dev/null
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "the page asks before closing" "200" "$(code -b "$T/rita.jar" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "nr=$decided" --data-urlencode atgard=avsluta "$U/arende")"
has "and says until when the decision can be appealed" "kan överklagas till och med $end"
has "the confirm step carries the appeal confirmation" 'name="overklagande" value="ja"'
same "closed without the appeal confirmation: refused" "409" "$(code -b "$T/rita.jar" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "nr=$decided" --data-urlencode atgard=avsluta --data-urlencode bekrafta=ja "$U/arende")"
same "confirmed on the page: closed" "303" "$(code -b "$T/rita.jar" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "nr=$decided" --data-urlencode atgard=avsluta --data-urlencode bekrafta=ja --data-urlencode overklagande=ja "$U/arende")"
same "the case is closed" "closed" "$(sql "SELECT status FROM case_file WHERE id = (SELECT case_id FROM agenda_item WHERE id = $I)")"
kill $pid 2>/dev/null
KANSLI_NOW=$after ok "after the appeal period a case closes without confirmation" k case reopen "$decided" --reason "Igen"
KANSLI_NOW=$after ok "... and closes" k case close "$decided"
ok "verify" k verify
