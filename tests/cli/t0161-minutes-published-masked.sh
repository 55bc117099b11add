#!/bin/sh
# t0161 — what the meeting cycle publishes is masked as the public case page
# masks it (an outside review's find, s7 F4). A social-services case with a
# masked party and a building case whose masked applicant a delegated
# decision names go through a meeting of Kommunstyrelsen: the decision
# text, a reservation and the delegated decision name the parties, the
# decision text holds a personnummer. The kallelse, the adjusted minutes
# posted on the notice board (through pdftotext), the public case pages
# and a reader's API search and record view hold no secret word; the
# adjusted original is kept whole, secret-marked with the grounds of the
# names it holds, for the staff with need-to-know, who find and read it.
TEST_NAME=minutes-published-masked
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

slug() { echo "$1" | tr ' /' '--'; }
enc() { python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
blob() { echo "$KANSLI_DATA/blobs/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-4)/$1"; }
# never DESCRIPTION FILE: no secret word (names and the personnummer in any
# spelling the masking knows).
SECRET='Gorillasson\|Ylva\|Zebrasson\|19900315\|900315-1231\|9003151231'
never() {
	if grep -q -i -e "$SECRET" "$2"; then
		fail "$1: $(grep -o -i ".\{0,40\}\($SECRET\).\{0,20\}" "$2" | head -1)"
	else
		pass "$1"
	fi
}

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k unit add SBF "Samhällsbyggnadsförvaltningen" >/dev/null
k unit add SOC "Socialförvaltningen" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
for u in sek hand bygg las anna bengt; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sek namndsekreterare >/dev/null
k user grant hand handlaggare --unit SOC >/dev/null
k user grant bygg handlaggare --unit SBF >/dev/null
for u in las anna bengt; do k user grant $u lasare >/dev/null; done
k --user sek board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 --account anna >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 --account bengt >/dev/null
k board member KS --name "Sara Sekreterare" --role sekreterare --from 2023-01-01 --account sek >/dev/null

# SN 2026/0001: a protected title and a party masked by secrecy, with her
# personnummer.
c1=$(k case open --series SN --unit SOC --title "Ekonomiskt bistånd till Ylva Gorillasson" --public-title "Ekonomiskt bistånd")
k record add "$c1" --direction in --title "Ansökan" --person "Ylva Gorillasson" --id 19900315-1231 \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party >/dev/null
# KS 2026/0001: a building permit whose applicant is masked, decided under
# delegation in an open record that names him.
c2=$(k case open --series KS --unit SBF --title "Bygglov Storgatan 1")
k record add "$c2" --direction in --title "Ansökan om bygglov" --person "Emir Zebrasson" \
	--secrecy partial --legal-ground "OSL 21 kap. 1 §" --mask party >/dev/null
ok "an open delegated decision names the masked applicant" k --user bygg delegation register --case "$c2" --board KS \
	--point 3.1 --by "Kim Bygg, bygglovhandläggare" --summary "Bygglov beviljat för Emir Zebrasson"
k board ready "$c1" --board KS >/dev/null

k --user sek meeting create --board KS --date 2026-12-10 --time 13:00 --place Sessionssalen >/dev/null
M=$(sql "SELECT max(id) FROM meeting")
ok "the case goes on the agenda" k --user sek meeting add "$M" --case "$c1"
ok "the notice is sent" k --user sek meeting send-notice "$M"
nh=$(sql "SELECT f.hash FROM meeting m JOIN record_file f ON f.record_id = m.notice_record_id WHERE m.id = $M")
# (pdftotext breaks lines where the PDF wraps them: read as one line)
pdftotext "$(blob "$nh")" - | tr '\n' ' ' >"$T/kallelse.txt"
never "the kallelse (an open record)" "$T/kallelse.txt"
grep -q "$c2 punkt 3.1, 2026-12-07: Bygglov beviljat för \[maskerat\]" "$T/kallelse.txt" \
	&& pass "the kallelse reports the delegated decision, its masked applicant masked" \
	|| fail "kallelse: $(cat "$T/kallelse.txt")"

export KANSLI_NOW=2026-12-10
for m in 1 2 3; do k --user sek meeting attend "$M" $m present >/dev/null; done
k --user sek meeting adjuster "$M" 2 >/dev/null
ok "the minutes are drawn up" k --user sek meeting draw-up "$M"
ITEM=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $M AND case_id IS NOT NULL")
ok "the decision names the party and her personnummer" k --user sek meeting decide "$ITEM" \
	--text "Bistånd beviljas Ylva Gorillasson, 19900315-1231."
ok "a reservation names her too" k --user sek meeting reserve "$ITEM" 2 --text "Gorillassons behov är större"
k --user anna meeting minutes "$M" >"$T/minutes.txt"
grep -q "Bistånd beviljas Ylva Gorillasson, 19900315-1231." "$T/minutes.txt" \
	&& pass "the minutes to approve are whole: the chair signs what was decided" || fail "minutes: $(cat "$T/minutes.txt")"
ok "the chair approves" k --user anna meeting approve "$M"
ok "the adjuster approves: adjusted" k --user bengt meeting approve "$M"

# The original: whole, registered, secret-marked with the grounds of the
# names it holds.
orig=$(sql "SELECT minutes_record_id FROM meeting WHERE id = $M")
same "the original minutes are secret-marked with the grounds of the masked names" \
	"partial|OSL 26 kap. 1 §, OSL 21 kap. 1 §|body,files" \
	"$(sql "SELECT secrecy || '|' || legal_ground || '|' || masked_fields FROM record WHERE id = $orig")"
same "its text is the approved text, whole" "1" \
	"$(sql "SELECT count(*) FROM record_text WHERE record_id = $orig AND body LIKE '%Bistånd beviljas Ylva Gorillasson, 19900315-1231.%'")"
oh=$(sql "SELECT hash FROM record_file WHERE record_id = $orig")
pdftotext "$(blob "$oh")" "$T/original.txt"
grep -q "Gorillasson" "$T/original.txt" && grep -q "SHA-256" "$T/original.txt" \
	&& pass "its PDF is whole and carries the approved hash" || fail "original PDF: $(head -c 400 "$T/original.txt")"
# The version for the notice board: an open record of its own.
pub=$(sql "SELECT id FROM record WHERE case_id = (SELECT case_id FROM meeting WHERE id = $M) AND title LIKE 'Protokoll %anslagstavlan%'")
same "a masked version is registered beside it, open" "none" "$(sql "SELECT secrecy FROM record WHERE id = ${pub:-0}")"
same "the notice publishes the masked version's file" \
	"$(sql "SELECT hash FROM record_file WHERE record_id = ${pub:-0}")" \
	"$(sql "SELECT file_hash FROM notice WHERE meeting_id = $M AND kind = 'minutes'")"
sql "SELECT body FROM record_text WHERE record_id = ${pub:-0}" >"$T/pub-body.txt"
never "the masked version's text" "$T/pub-body.txt"
# The extract goes to her and to the county: each copy registered keeps the
# case's marks (the extract quotes the decision whole).
ok "the decision is dispatched" k --user sek meeting dispatch "$ITEM" --to "Ylva Gorillasson" --to "Länsstyrelsen"
marks() { sql "SELECT r.secrecy || '|' || coalesce(r.legal_ground, '') || '|' || coalesce(r.masked_fields, '') FROM record r JOIN dispatch d ON d.record_id = r.id WHERE d.recipient = '$1'"; }
same "the copy to her: its file and its party secret-marked" "partial|OSL 26 kap. 1 §|party,files" "$(marks "Ylva Gorillasson")"
same "the copy to the county: its file" "partial|OSL 26 kap. 1 §|files" "$(marks "Länsstyrelsen")"
k reindex >/dev/null

TL=$(k token add las "las" --days 90)
TH=$(k token add hand "hand" --days 90)
web_serve KANSLI_NOW=2026-12-11
N=$(sql "SELECT id FROM notice WHERE meeting_id = $M AND kind = 'minutes'")
same "the posted minutes file" "200" "$(curl -s -o "$T/posted.pdf" -w '%{http_code}' "$U/anslagstavla/fil?org=kommun&id=$N")"
pdftotext "$T/posted.pdf" - | tr '\n' ' ' >"$T/posted.txt"
never "the minutes on the public notice board" "$T/posted.txt"
grep -q "Beslut: Bistånd beviljas \[maskerat\], \[maskerat\]." "$T/posted.txt" \
	&& pass "the decision stands there masked, as on the public case page" || fail "posted: $(cat "$T/posted.txt")"
grep -q "Reservation: Bengt Berg: \[maskerat\]s behov är större" "$T/posted.txt" \
	&& pass "the reservation too" || fail "posted: $(cat "$T/posted.txt")"
grep -q "$c2 punkt 3.1, 2026-12-07, Kim Bygg, bygglovhandläggare: Bygglov beviljat för \[maskerat\]" "$T/posted.txt" \
	&& pass "and the delegated decision" || fail "posted: $(cat "$T/posted.txt")"
grep -q "SHA-256" "$T/posted.txt" && fail "the masked version carries the original's hash (a guess at the masked words could be checked against it)" \
	|| pass "the masked version does not carry the original's hash"
for c in "$c2" "$c1"; do
	same "the public case page of $c" "200" "$(code "$U/offentlig/arende?org=kommun&nr=$(enc "$c")")"
	never "the public case page of $c" "$T/body"
done
has "the public case page shows the decision masked" "Bistånd beviljas \[maskerat\], \[maskerat\]"
same "the notice board" "200" "$(code "$U/anslagstavla/aktuellt?org=kommun")"
never "the notice board" "$T/body"

api() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$U/api/v1$2"; }
for q in Gorillasson Zebrasson 19900315-1231 "Ylva"; do
	same "API: the reader searches '$q'" "200" "$(api "$TL" "/search?org=kommun&q=$(enc "$q")")"
	same "API: ... and finds nothing" "0" "$(j "$T/body" 'len(d["hits"])')"
done
same "API: the reader searches the decision's open words" "200" "$(api "$TL" "/search?org=kommun&q=beviljas")"
never "API: the reader's hits and snippets" "$T/body"
same "API: ... and finds the decision" "1" "$(j "$T/body" 'len([h for h in d["hits"] if h["title"].startswith("Beslut § ")])')"
dec=$(sql "SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq FROM agenda_item i JOIN record r ON r.id = i.decision_record_id JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id WHERE i.id = $ITEM")
same "API: the reader reads the decision record" "200" "$(api "$TL" "/records/$(slug "$dec")?org=kommun")"
never "API: the decision record as the reader sees it" "$T/body"
has "API: its body masked as the public case page masks it" "Bistånd beviljas \[maskerat\], \[maskerat\]"
k --user las search Gorillasson >"$T/las-search.txt" 2>&1
never "CLI: the reader's search" "$T/las-search.txt"
# The meeting itself: read whole by those who prepare it and by its
# members (who approve what they read), as the public reads it by others.
same "API: the reader's meeting" "200" "$(api "$TL" "/meetings/$M?org=kommun")"
never "API: the reader's meeting (agenda, decisions, minutes)" "$T/body"
has "API: ... its decision masked" "Bistånd beviljas \[maskerat\], \[maskerat\]"
hasnt "API: ... and no hash of the whole text to check a guess against" "sha256"
same "API: the reader's minutes text" "200" "$(api "$TL" "/meetings/$M/minutes.txt?org=kommun")"
never "API: the reader's minutes text" "$T/body"
same "the reader logs in" "303" "$(login "$T/las" las Losenord-for-las)"
same "web: the reader's meeting page" "200" "$(code -b "$T/las" "$U/sammantrade?org=kommun&id=$M")"
never "web: the reader's meeting page" "$T/body"
k --user sek meeting minutes "$M" >"$T/sek-minutes.txt"
grep -q "Bistånd beviljas Ylva Gorillasson, 19900315-1231." "$T/sek-minutes.txt" \
	&& pass "the secretary reads the minutes whole" || fail "secretary: $(cat "$T/sek-minutes.txt")"
k --user bengt meeting show "$M" --json >"$T/bengt-meeting.json"
grep -q "Gorillasson" "$T/bengt-meeting.json" && pass "so does a member of the board" || fail "member: $(head -c 300 "$T/bengt-meeting.json")"

# The staff with need-to-know: the officer of Socialförvaltningen.
same "API: the officer searches the name" "200" "$(api "$TH" "/search?org=kommun&q=Gorillasson")"
same "API: ... and finds the decision" "1" "$(j "$T/body" "len([h for h in d['hits'] if h['number'] == '$dec'])")"
reads=$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")
same "API: the officer reads the decision record" "200" "$(api "$TH" "/records/$(slug "$dec")?org=kommun")"
has "API: whole" "Bistånd beviljas Ylva Gorillasson, 19900315-1231."
same "... and the read is logged" "$((reads + 1))" "$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")"
ok "kansli verify passes" k verify
