#!/bin/sh
# t0019 — the committee cycle from the shell and the API: a board with
# members linked to users, cases marked ready for decision, a delegated
# decision, a meeting with its agenda and notice (PDF), attendance with a
# substitute, paragraphs continuing from an earlier meeting of the year, a
# reservation and a jäv, approvals by the chair and the adjuster binding
# the hash of the minutes text, decisions registered in their cases,
# dispatch as outgoing records, the minutes posted on the notice board
# with the appeal end, the cases closed, and `kansli verify` passing.
TEST_NAME=meetings
. "$(dirname "$0")/lib.sh"

# j FILE EXPR: a value out of a JSON file (d is the document).
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add KF "Kommunfullmäktige" >/dev/null
for u in sara anna bengt olle hilda; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sara namndsekreterare >/dev/null
k user grant hilda handlaggare >/dev/null
for u in anna bengt olle; do k user grant $u lasare >/dev/null; done

fails "a board of an unknown kind is refused" "fullmaktige, styrelse, namnd or utskott" \
	k board add KS --name Kommunstyrelsen --kind kommitte --series KS
ok "the secretary adds the board" k --user sara board add KS --name Kommunstyrelsen --kind styrelse --series KS
fails "a reader may not add boards" "may not prepare meetings" k --user anna board add AU --name AU --kind utskott --series KS
ok "chair, linked to a user" k --user sara board member KS --name "Anna Andersson" --party S --role ledamot \
	--position ordforande --from 2023-01-01 --to 2026-12-31 --account anna
ok "ledamot, linked" k board member KS --name "Bengt Berg" --party M --role ledamot --from 2023-01-01 --account bengt
ok "ledamot" k board member KS --name "Cilla Carlsson" --party C --role ledamot --from 2023-01-01
ok "ersättare" k board member KS --name "David Dahl" --party C --role ersattare --from 2023-01-01
ok "ledamot, linked but not appointed" k board member KS --name "Olle Olsson" --party V --role ledamot --from 2023-01-01 --account olle
ok "secretary" k board member KS --name "Sara Sekreterare" --role sekreterare --from 2023-01-01 --account sara
fails "a second chair in the same term is refused" "already chair" \
	k board member KS --name "Xerxes" --role ledamot --position ordforande --from 2024-01-01
fails "a term that ends before it starts is refused" "ends before it starts" \
	k board member KS --name "Yngve" --role ledamot --from 2024-01-01 --to 2023-01-01
fails "an unknown account is refused" "no user named" k board member KS --name "Z" --role ledamot --from 2024-01-01 --account zorro
same "nothing of the refused members was stored" "6" "$(sql "SELECT count(*) FROM board_member")"
ok "a member's term ends (edit)" k board member-edit 5 --to 2026-12-31
same "the edit is stored" "2026-12-31" "$(sql "SELECT term_to FROM board_member WHERE id = 5")"
k board show KS --json >"$T/board"
same "the board lists its members with roles and accounts" "Anna Andersson ordforande anna" \
	"$(j "$T/board" '" ".join([d["members"][0]["name"], d["members"][0]["position"], d["members"][0]["user"]])')"

# An earlier meeting of the year takes § 1-5.
c0=$(k case open --series KS --title "Val av ombud")
ok "an earlier meeting" k --user sara meeting create --board KS --date 2026-03-02 --time 09:00 --place "Lilla salen"
ok "its case on the agenda" k --user sara meeting add 1 --case "$c0"
ok "its notice" k --user sara meeting send-notice 1
ok "its minutes drawn up" k --user sara meeting draw-up 1
same "the earlier meeting has § 1-5" "1 2 3 4 5" "$(sql "SELECT group_concat(paragraph, ' ') FROM (SELECT paragraph FROM agenda_item WHERE meeting_id = 1 ORDER BY pos)")"

export KANSLI_NOW=2026-03-09
c1=$(k case open --series KS --title "Budget 2027")
c2=$(k case open --series KS --title "Detaljplan för Norra hamnen")
k record add "$c1" --direction internal --title "Tjänsteskrivelse om budgeten" >/dev/null
k record add "$c2" --direction in --title "Yttrande från länsstyrelsen" --organisation "Länsstyrelsen" >/dev/null
ok "the officer marks a case ready for decision" k --user hilda board ready "$c1" --board KS
fails "a reader may not" "may not work on cases" k --user anna board ready "$c2" --board KS
fails "an unknown board is refused" "no board 'XX'" k board ready "$c2" --board XX
ok "a delegated decision by an official" k --user hilda delegation register --case "$c1" --board KS --point 3.2 \
	--by "Hilda Handläggare, ekonomichef" --summary "Attest av faktura över 100 000 kr"
fails "a delegation point must look like one" "point of the delegation order" \
	k delegation register --case "$c1" --board KS --point "tre" --by X --summary Y
same "the delegated decision is a record in its case" "Delegationsbeslut 3.2: Attest av faktura över 100 000 kr" \
	"$(sql "SELECT r.title FROM record r JOIN delegation_decision d ON d.record_id = r.id")"
TOKEN=$(k token add sara "sekreterare" --days 90)
TA=$(k token add anna "anna" --days 90)
TB=$(k token add bengt "bengt" --days 90)
TO=$(k token add olle "olle" --days 90)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=
start() {
	"$KANSLI" serve --port "$port" --quiet 2>>"$T/serve.log" &
	pid=$!
	i=0
	until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
trap 'stop; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
api() { # api TOKEN METHOD PATH [BODY]: status code, body in $T/body
	t=$1; m=$2; p=$3; shift 3
	curl -s -o "$T/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
		${1:+-d "$1"} "$U/api/v1$p"
}
start
slug2=$(echo "$c2" | tr ' /' '--')
same "API: a case marked ready" "200" "$(api "$TOKEN" POST "/cases/$slug2/ready?org=kommun" '{"board":"KS"}')"
same "API: a meeting without a time is refused" "422" "$(api "$TOKEN" POST "/meetings?org=kommun" '{"board":"KS","date":"2026-03-16","place":"Sessionssalen"}')"
same "API: a meeting planned" "201" "$(api "$TOKEN" POST "/meetings?org=kommun" '{"board":"KS","date":"2026-03-16","time":"13:00","place":"Sessionssalen"}')"
M=$(j "$T/body" 'd["id"]')
same "the meeting has its own case" "Sammanträde Kommunstyrelsen 2026-03-16" "$(sql "SELECT c.title FROM meeting m JOIN case_file c ON c.id = m.case_id WHERE m.id = $M")"
same "standing items on the new agenda" "Val av justerare|Godkännande av föredragningslistan|Anmälan av delegationsbeslut|Meddelanden" \
	"$(j "$T/body" '"|".join(i["title"] for i in d["items"])')"
same "API: the ready cases" "200" "$(api "$TOKEN" GET "/meetings/$M/ready?org=kommun")"
same "both ready cases are offered" "$c1 $c2" "$(j "$T/body" '" ".join(c["case"] for c in d["cases"])')"
ok "the first case on the agenda (CLI)" k --user sara meeting add "$M" --case "$c1"
I1=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $M AND title = 'Budget 2027'")
same "API: the second case on the agenda" "201" "$(api "$TOKEN" POST "/meetings/$M/items?org=kommun" "{\"case\":\"$c2\"}")"
I2=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $M AND title LIKE 'Detaljplan%'")
same "API: the same case twice is 409" "409" "$(api "$TOKEN" POST "/meetings/$M/items?org=kommun" "{\"case\":\"$c2\"}")"
ok "a record sent with the notice" k --user sara meeting attach "$I1" "$c1-1"
same "API: a record of another case is refused" "422" "$(api "$TOKEN" POST "/items/$I2/records?org=kommun" "{\"record\":\"$c1-1\"}")"
same "API: a record sent with the notice" "200" "$(api "$TOKEN" POST "/items/$I2/records?org=kommun" "{\"record\":\"$c2-1\"}")"
same "API: the notice as PDF" "200" "$(curl -s -o "$T/notice.pdf" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$U/api/v1/meetings/$M/notice.pdf?org=kommun")"
ok "the notice as PDF (CLI)" k meeting notice "$M" --pdf "$T/notice2.pdf"
pdftotext "$T/notice.pdf" "$T/notice.txt"
grep -q "Kallelse" "$T/notice.txt" && grep -q "Sessionssalen" "$T/notice.txt" && grep -q "13:00" "$T/notice.txt" \
	&& grep -q "$c1" "$T/notice.txt" && grep -q "$c2-1 Yttrande från länsstyrelsen" "$T/notice.txt" \
	&& grep -q "Anmälan av delegationsbeslut" "$T/notice.txt" && grep -q "$c1 punkt 3.2, 2026-03-09: Attest av faktura" "$T/notice.txt" \
	&& pass "the notice lists time, place, items with case numbers, attached documents and delegated decisions" \
	|| fail "notice PDF text: $(head -c 400 "$T/notice.txt")"
ok "the notice is sent" k --user sara meeting send-notice "$M"
fails "the notice is sent once" "already sent" k --user sara meeting send-notice "$M"
same "the notice is registered in the meeting's case with its PDF" "Kallelse Kommunstyrelsen 2026-03-16|application/pdf" \
	"$(sql "SELECT r.title || '|' || f.media_type FROM meeting m JOIN record r ON r.id = m.notice_record_id JOIN record_file f ON f.record_id = r.id WHERE m.id = $M")"
same "the meeting is called" "called" "$(sql "SELECT status FROM meeting WHERE id = $M")"
same "a board that is not the council posts no meeting notice" "0" "$(sql "SELECT count(*) FROM notice WHERE kind = 'meeting'")"
fails "the minutes are not drawn up before the meeting" "drawn up at or after it" k --user sara meeting draw-up "$M"
stop

export KANSLI_NOW=2026-03-16
start
ok "the chair is present" k --user sara meeting attend "$M" 1 present
ok "a ledamot is present" k --user sara meeting attend "$M" 2 present
fails "a substitute cannot serve for a ledamot not recorded absent" "not recorded absent" \
	k --user sara meeting attend "$M" 4 present --for 3
ok "a ledamot is absent" k --user sara meeting attend "$M" 3 absent
ok "the substitute serves for her" k --user sara meeting attend "$M" 4 present --for 3
fails "a ledamot cannot serve for anyone" "only an ersättare" k --user sara meeting attend "$M" 5 present --for 3
same "API: attendance" "200" "$(api "$TOKEN" POST "/meetings/$M/attendance?org=kommun" '{"member":5,"status":"present"}')"
ok "the secretary is present" k meeting attend "$M" 6 present
same "API: the adjuster is appointed" "200" "$(api "$TOKEN" POST "/meetings/$M/adjusters?org=kommun" '{"member":2}')"
fails "an absent member cannot adjust" "recorded present" k --user sara meeting adjuster "$M" 3
ok "the minutes are drawn up" k --user sara meeting draw-up "$M"
same "the paragraphs continue from the earlier meeting" "6 7 8 9 10 11" \
	"$(sql "SELECT group_concat(paragraph, ' ') FROM (SELECT paragraph FROM agenda_item WHERE meeting_id = $M ORDER BY pos)")"
fails "the agenda no longer changes" "agenda can no longer change" k --user sara meeting add "$M" --standing "Övrigt"
ok "the decision of § 8" k --user sara meeting decide "$I1" --text "Kommunstyrelsen föreslår fullmäktige att anta budgeten för 2027."
same "API: the decision of § 9" "200" "$(api "$TOKEN" POST "/items/$I2/decision?org=kommun" '{"text":"Detaljplanen antas."}')"
ok "a reservation" k --user sara meeting reserve "$I1" 5 --text "Till förmån för Vänsterpartiets förslag"
same "API: a jäv" "200" "$(api "$TOKEN" POST "/items/$I2/notes?org=kommun" '{"member":4,"kind":"jav"}')"
same "API: a note of an unknown kind is refused" "422" "$(api "$TOKEN" POST "/items/$I2/notes?org=kommun" '{"member":4,"kind":"applåd"}')"
k meeting minutes "$M" >"$T/minutes.txt"
grep -q "^§ 8 Budget 2027 ($c1)$" "$T/minutes.txt" && grep -q "^  David Dahl (C) för Cilla Carlsson$" "$T/minutes.txt" \
	&& grep -q "^Reservation: Olle Olsson: Till förmån för Vänsterpartiets förslag$" "$T/minutes.txt" \
	&& grep -q "^David Dahl deltar inte i handläggningen på grund av jäv.$" "$T/minutes.txt" && grep -q "^  $c1 punkt 3.2, 2026-03-09" "$T/minutes.txt" \
	&& grep -q "^Justerare: Bengt Berg$" "$T/minutes.txt" \
	&& pass "the minutes text: §, substitute, reservation, jäv, delegated decision, adjuster" \
	|| fail "minutes text: $(cat "$T/minutes.txt")"

same "API: approval by a member not appointed is 403" "403" "$(api "$TO" POST "/meetings/$M/approvals?org=kommun" '{}')"
fails "the secretary cannot approve for anyone" "not the chair or an appointed adjuster" k --user sara meeting approve "$M"
fails "the shell user cannot approve" "as their own users" k meeting approve "$M"
ok "the chair approves" k --user anna meeting approve "$M"
fails "approving twice is refused" "already approved" k --user anna meeting approve "$M"
first_hash=$(sha256sum <"$T/minutes.txt" | cut -d' ' -f1)
ok "the decision is changed after the chair's approval" k --user sara meeting decide "$I2" --text "Detaljplanen för Norra hamnen antas."
same "API: the adjuster approves" "201" "$(api "$TB" POST "/meetings/$M/approvals?org=kommun" '{}')"
same "the chair's approval of the earlier text no longer counts" "held" "$(j "$T/body" 'd["status"]')"
same "API: the chair approves the new text" "201" "$(api "$TA" POST "/meetings/$M/approvals?org=kommun" '{}')"
same "the minutes are adjusted" "adjusted" "$(j "$T/body" 'd["status"]')"
curl -s -H "Authorization: Bearer $TOKEN" "$U/api/v1/meetings/$M/minutes.txt?org=kommun" >"$T/final.txt"
final_hash=$(sha256sum <"$T/final.txt" | cut -d' ' -f1)
same "the API and the CLI give the same minutes text" "$final_hash" "$(k meeting minutes "$M" | sha256sum | cut -d' ' -f1)"
sql "SELECT data FROM event WHERE action = 'minutes.approve' ORDER BY id" >"$T/approvals"
same "three approval events" "3" "$(wc -l <"$T/approvals" | tr -d ' ')"
same "the first approval binds the text it saw" "$first_hash" "$(head -1 "$T/approvals" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sha256"])')"
same "the last approvals bind the recomputed hash of the adjusted text" "$final_hash $final_hash" \
	"$(tail -2 "$T/approvals" | python3 -c 'import json,sys; print(" ".join(json.loads(l)["sha256"] for l in sys.stdin))')"
same "the meeting keeps the adjusted hash" "$final_hash" "$(sql "SELECT minutes_sha256 FROM meeting WHERE id = $M")"
same "the minutes record's text is the approved text" "$final_hash" \
	"$(python3 -c 'import sqlite3,sys,hashlib; db=sqlite3.connect(sys.argv[1]); print(hashlib.sha256(db.execute("SELECT t.body FROM meeting m JOIN record_text t ON t.record_id = m.minutes_record_id WHERE m.id = ?", (int(sys.argv[2]),)).fetchone()[0].encode()).hexdigest())' "$KANSLI_DATA/kansli.db" "$M")"
same "API: a change after adjustment is 409" "409" "$(api "$TOKEN" POST "/items/$I1/decision?org=kommun" '{"text":"Ändrat"}')"
fails "every change after adjustment is refused" "adjusted and frozen" k --user sara meeting attend "$M" 3 present
fails "the adjusters are frozen too" "adjusted and frozen" k --user sara meeting adjuster "$M" 5

hash=$(sql "SELECT f.hash FROM meeting m JOIN record_file f ON f.record_id = m.minutes_record_id WHERE m.id = $M")
pdftotext "$KANSLI_DATA/blobs/$(echo "$hash" | cut -c1-2)/$(echo "$hash" | cut -c3-4)/$hash" "$T/minutes-pdf.txt"
grep -q "Protokoll" "$T/minutes-pdf.txt" && grep -q "§ 8 Budget 2027" "$T/minutes-pdf.txt" && grep -q "Reservation: Olle Olsson" "$T/minutes-pdf.txt" \
	&& grep -q "$(echo "$final_hash" | cut -c1-24)" "$T/minutes-pdf.txt" && pass "the minutes PDF: paragraphs, reservation, the hash" \
	|| fail "minutes PDF text: $(head -c 400 "$T/minutes-pdf.txt")"
same "the decision is registered in its case" "Beslut § 8: Budget 2027" "$(sql "SELECT title FROM record WHERE title LIKE 'Beslut § 8%'")"
k case show "$c1" --json >"$T/c1"
same "the case is decided" "decided" "$(j "$T/c1" 'd["status"]')"
k case show "$c2" --json >"$T/c2"
same "the other case is decided" "decided" "$(j "$T/c2" 'd["status"]')"
same "the case no longer waits for a board" "" "$(sql "SELECT ready_board_id FROM case_file WHERE title = 'Budget 2027'")"
k notice list --json >"$T/notices"
same "the adjusted minutes are on the notice board" "minutes 2026-03-16 2026-03-16" \
	"$(j "$T/notices" '" ".join([d[0]["kind"], d[0]["adjusted"], d[0]["posted"]])')"
same "the appeal ends three weeks later, past annandag påsk" "2026-04-07" "$(j "$T/notices" 'd[0]["appeal_end"]')"
same "the notice carries the minutes PDF" "$hash" "$(j "$T/notices" 'd[0]["file_hash"]')"
same "the delegated decision is reported" "(none)" "$(k delegation list --unreported)"
same "reported at this meeting" "$M" "$(sql "SELECT reported_meeting_id FROM delegation_decision")"

fails "an unadjusted meeting dispatches nothing" "once the minutes are adjusted" k --user sara meeting dispatch 3 --to "X"
ok "dispatch of § 8" k --user sara meeting dispatch "$I1" --to "Kommunfullmäktige" --to "Ekonomiavdelningen"
same "API: dispatch of § 9" "200" "$(api "$TOKEN" POST "/items/$I2/dispatch?org=kommun" '{"recipients":["Länsstyrelsen"]}')"
same "API: dispatch without recipients is refused" "422" "$(api "$TOKEN" POST "/items/$I2/dispatch?org=kommun" '{"recipients":[]}')"
same "each extract is an outgoing record with the recipient as party" "Kommunfullmäktige|Ekonomiavdelningen|Länsstyrelsen" \
	"$(sql "SELECT group_concat(party_name, '|') FROM (SELECT party_name FROM record WHERE direction = 'out' AND title LIKE 'Protokollsutdrag%' ORDER BY id)")"
xh=$(sql "SELECT f.hash FROM dispatch d JOIN record_file f ON f.record_id = d.record_id LIMIT 1")
pdftotext "$KANSLI_DATA/blobs/$(echo "$xh" | cut -c1-2)/$(echo "$xh" | cut -c3-4)/$xh" "$T/extract.txt"
grep -q "Protokollsutdrag" "$T/extract.txt" && grep -q "§ 8 Budget 2027" "$T/extract.txt" && grep -q "Justerat" "$T/extract.txt" \
	&& pass "the extract PDF: the paragraph and its adjustment" || fail "extract PDF: $(head -c 300 "$T/extract.txt")"
same "API: the meeting shows the dispatch" "200" "$(api "$TA" GET "/meetings/$M?org=kommun")"
same "the case's parties are offered as recipients" "Länsstyrelsen" \
	"$(j "$T/body" '",".join(p for i in d["items"] if i["id"] == '"$I2"' for p in i["parties"])')"
same "dispatched recipients in the meeting" "Kommunfullmäktige,Ekonomiavdelningen" \
	"$(j "$T/body" '",".join(x["recipient"] for i in d["items"] if i["id"] == '"$I1"' for x in i["dispatched"])')"

# The council's meetings are announced on the notice board.
ok "the council" k board add KF --name Kommunfullmäktige --kind fullmaktige --series KF
ok "a council meeting" k meeting create --board KF --date 2026-04-20 --time 18:00 --place "Fullmäktigesalen"
KFM=$(sql "SELECT id FROM meeting WHERE place = 'Fullmäktigesalen'")
ok "its notice" k meeting send-notice "$KFM"
same "the council meeting is announced on the notice board" "meeting|2026-04-20" \
	"$(sql "SELECT kind || '|' || meeting_date FROM notice WHERE meeting_id = $KFM")"
stop

# The minutes are on the board: the decisions can still be appealed.
fails "closing within the appeal period needs a confirmation" "can be appealed until" k case close "$c1"
ok "case closed" k case close "$c1" --confirm
ok "other case closed" k case close "$c2" --confirm
same "the cases are closed" "closed closed" "$(sql "SELECT group_concat(status, ' ') FROM case_file WHERE title IN ('Budget 2027', 'Detaljplan för Norra hamnen')")"
ok "kansli verify passes" k verify
same "every step is an audit event" "1 1 1 1" "$(for a in meeting.notice minutes.draw_up minutes.adjust delegation.report; do sql "SELECT count(*) FROM event WHERE action = '$a' AND object_id = $M"; done | tr '\n' ' ' | sed 's/ $//')"
same "verify counts the adjusted minutes" "1 adjusted minutes verified" "$(k verify | sed 's/.*cases, //')"
good=$(sql "SELECT minutes_sha256 FROM approval WHERE meeting_id = $M AND member_id = 2")
sql "UPDATE approval SET minutes_sha256 = '$first_hash' WHERE meeting_id = $M AND member_id = 2"
fails "verify names an approval that no longer binds the adjusted text" "meeting $M: the approval of member 2" k verify
sql "UPDATE approval SET minutes_sha256 = '$good' WHERE meeting_id = $M AND member_id = 2"
sql "UPDATE meeting SET minutes_sha256 = '$first_hash' WHERE id = $M"
fails "verify names adjusted minutes whose hash was changed" "meeting $M: the hash of its adjusted minutes" k verify
sql "UPDATE meeting SET minutes_sha256 = '$final_hash' WHERE id = $M"
ok "verify passes again once restored" k verify
