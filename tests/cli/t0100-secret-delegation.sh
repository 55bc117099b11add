#!/bin/sh
# t0100 — a secret delegated decision: a social-services official grants
# financial aid to a named person under delegation (OSL 26 kap. 1 §), and a
# personnel decision is masked in part (OSL 39 kap.). The public registry,
# public search, the public case page, the Atom feed, the notice, the
# minutes as adjusted and posted on the notice board, a reader without the
# secret right (CLI, web, API) and `delegation list` never show the summary
# or the person's name; an officer with the right does, and the read is
# logged. Bad secrecy gets the same error as `record add` and changes
# nothing, from the shell and from the web form.
TEST_NAME=secret-delegation
. "$(dirname "$0")/lib.sh"

j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
enc() { python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
# never DESCRIPTION FILE: neither secret summary nor the names in it.
never() {
	if grep -q -e "Astrid" -e "Lindqvist" -e "Per Persson" -e "Karin Ek" "$2"; then
		fail "$1: $(grep -o -e "Astrid[^<]*" -e "Lindqvist[^<]*" -e "Per Persson[^<]*" -e "Karin Ek[^<]*" "$2" | head -1)"
	else
		pass "$1"
	fi
}

export KANSLI_NOW=2026-03-09
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add BUN "Barn- och utbildningsnämnden" >/dev/null
for u in sara hilda lena anna bengt ulla; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sara namndsekreterare >/dev/null
k user grant hilda handlaggare >/dev/null
for u in lena anna bengt; do k user grant $u lasare >/dev/null; done
k --user sara board add SN --name Socialnämnden --kind namnd --series SN >/dev/null
k --user sara board add BUN --name "Barn- och utbildningsnämnden" --kind namnd --series BUN >/dev/null
# An officer of the school board: no right to social services' secrets.
k user grant ulla handlaggare --board BUN >/dev/null
k board member SN --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 --account anna >/dev/null
k board member SN --name "Bengt Berg" --role ledamot --from 2023-01-01 --account bengt >/dev/null
k board member SN --name "Sara Sekreterare" --role sekreterare --from 2023-01-01 --account sara >/dev/null
c1=$(k case open --series SN --title "Ekonomiskt bistånd")
c2=$(k case open --series SN --title "Personalärende")
c3=$(k case open --series SN --title "Inköp av kontorsmaterial")

# Records, decisions and events other than reads (a page shown again to
# the officer logs her reads of what it shows).
counts() { sql "SELECT (SELECT count(*) FROM record) || ' ' || (SELECT count(*) FROM delegation_decision) || ' ' || (SELECT count(*) FROM event WHERE action <> 'record.read_secret')"; }
before=$(counts)
# The same bad input as for `record add` gets the same words.
k record add "$c1" --direction internal --title X --secrecy hemlig 2>"$T/rec.err" >/dev/null
fails "an unknown secrecy is refused" "secrecy must be none, partial or full, not 'hemlig'" \
	k --user hilda delegation register --case "$c1" --board SN --point 4.1 --by "Karin Ek" --summary "S" --secrecy hemlig
same "with the words of record add" "$(cat "$T/rec.err")" "$(cat "$T/err")"
k record add "$c1" --direction internal --title X --secrecy full 2>"$T/rec.err" >/dev/null
fails "a secret decision needs its legal ground" "need a legal ground like 'OSL 26 kap. 1 §'" \
	k --user hilda delegation register --case "$c1" --board SN --point 4.1 --by "Karin Ek" --summary "S" --secrecy full
same "with the words of record add" "$(cat "$T/rec.err")" "$(cat "$T/err")"
fails "a legal ground that is none" "need a legal ground" k --user hilda delegation register --case "$c1" --board SN \
	--point 4.1 --by "Karin Ek" --summary "S" --secrecy partial --mask title --legal-ground "26:1"
fails "partial secrecy needs its masked fields" "partial secrecy needs the masked fields" \
	k --user hilda delegation register --case "$c1" --board SN --point 4.1 --by "Karin Ek" --summary "S" \
	--secrecy partial --ground "OSL 26 kap. 1 §"
fails "a field that cannot be masked" "cannot mask 'namn'" k --user hilda delegation register --case "$c1" \
	--board SN --point 4.1 --by "Karin Ek" --summary "S" --secrecy partial --mask namn --ground "OSL 26 kap. 1 §"
fails "a ground without secrecy" "a legal ground is given but secrecy is none" k --user hilda delegation register \
	--case "$c1" --board SN --point 4.1 --by "Karin Ek" --summary "S" --legal-ground "OSL 26 kap. 1 §"
same "nothing was registered or logged" "$before" "$(counts)"

ok "a secret delegated decision about a person" k --user hilda delegation register --case "$c1" --board SN \
	--point 4.1 --by "Karin Ek, socialsekreterare" --summary "Ekonomiskt bistånd beviljas Astrid Lindqvist" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §"
r1=$(sed -n 's/.* registered as //p' "$T/out")
ok "a personnel decision, title and body masked (--ground)" k --user hilda delegation register --case "$c2" \
	--board SN --point 1.3 --by "Hilda Handläggare, personalchef" --summary "Per Persson tilldelas en skriftlig varning" \
	--secrecy partial --mask title,body --ground "OSL 39 kap. 3 §"
ok "an ordinary delegated decision" k --user hilda delegation register --case "$c3" --board SN --point 2.1 \
	--by "Hilda Handläggare, enhetschef" --summary "Attest av faktura för kontorsmaterial"
same "the record is secret as one registered directly" "full|OSL 26 kap. 1 §|title,party,body,files" \
	"$(sql "SELECT r.secrecy || '|' || r.legal_ground || '|' || r.masked_fields FROM record r JOIN delegation_decision d ON d.record_id = r.id WHERE d.point = '4.1'")"
same "the partial one masks what was asked" "partial|OSL 39 kap. 3 §|title,body" \
	"$(sql "SELECT r.secrecy || '|' || r.legal_ground || '|' || r.masked_fields FROM record r JOIN delegation_decision d ON d.record_id = r.id WHERE d.point = '1.3'")"
k reindex >/dev/null

# Readers without the secret right: the secretary, a reader, and an
# officer of another board (OSL 8 kap. 1 §).
for u in lena sara ulla; do
	k --user "$u" delegation list >"$T/list.$u"
	never "delegation list as $u" "$T/list.$u"
	grep -q "Sekretess enligt OSL 26 kap. 1 §" "$T/list.$u" && grep -q "Attest av faktura" "$T/list.$u" \
		&& pass "$u sees the secrecy notice in its place, and the ordinary decision" \
		|| fail "list as $u: $(cat "$T/list.$u")"
done
k --user lena delegation list --json >"$T/list.json"
same "the masked fields carry the notice (json)" \
	"Sekretess enligt OSL 26 kap. 1 §|Sekretess enligt OSL 26 kap. 1 §|full" \
	"$(j "$T/list.json" '[x["summary"] + "|" + x["decided_by"] + "|" + x["secrecy"] for x in d if x["point"] == "4.1"][0]')"
k --user lena record show "$r1" >"$T/rec.lena"
never "the record itself as the reader" "$T/rec.lena"
reads=$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")
k --user hilda delegation list --json >"$T/list.hilda"
same "the officer with the right sees the summary" "Ekonomiskt bistånd beviljas Astrid Lindqvist|Karin Ek, socialsekreterare" \
	"$(j "$T/list.hilda" '[x["summary"] + "|" + x["decided_by"] for x in d if x["point"] == "4.1"][0]')"
same "and her read of both secret decisions is logged" "$((reads + 2))" \
	"$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'")"
same "naming the records she read" "$r1" \
	"$(sql "SELECT json_extract(data, '\$.number') FROM event WHERE action = 'record.read_secret' AND object_id = (SELECT record_id FROM delegation_decision WHERE point = '4.1') ORDER BY id DESC LIMIT 1")"
k search "Astrid" >"$T/search.officer" 2>&1
grep -q "$r1" "$T/search.officer" && pass "the officer finds it in search" || fail "officer search: $(cat "$T/search.officer")"
k --user lena search "Astrid" >"$T/search.lena" 2>&1
never "a reader's search" "$T/search.lena"

# A meeting of the board: the agenda, the notice and the minutes are one
# text for everyone and become public.
k --user sara meeting create --board SN --date 2026-03-16 --time 13:00 --place "Nämndrummet" >/dev/null
M=$(sql "SELECT max(id) FROM meeting")
k --user hilda meeting show "$M" --json >"$T/meeting.hilda"
never "the agenda as the officer with the right" "$T/meeting.hilda"
grep -q "Attest av faktura" "$T/meeting.hilda" && grep -q "Sekretess enligt OSL 39 kap. 3 §" "$T/meeting.hilda" \
	&& pass "the agenda lists the decisions to report, the secret ones by their notice" \
	|| fail "agenda: $(head -c 600 "$T/meeting.hilda")"
ok "the notice is sent" k --user sara meeting send-notice "$M"
nh=$(sql "SELECT f.hash FROM meeting m JOIN record_file f ON f.record_id = m.notice_record_id WHERE m.id = $M")
pdftotext "$KANSLI_DATA/blobs/$(echo "$nh" | cut -c1-2)/$(echo "$nh" | cut -c3-4)/$nh" "$T/notice.txt"
never "the notice (kallelse)" "$T/notice.txt"
grep -q "$c1 punkt 4.1, 2026-03-09: Sekretess enligt OSL" "$T/notice.txt" && grep -q "Attest av faktura" "$T/notice.txt" \
	&& pass "the notice reports the secret decision by its case and point" || fail "notice: $(cat "$T/notice.txt")"

export KANSLI_NOW=2026-03-16
k --user sara meeting attend "$M" 1 present >/dev/null
k --user sara meeting attend "$M" 2 present >/dev/null
k --user sara meeting attend "$M" 3 present >/dev/null
k --user sara meeting adjuster "$M" 2 >/dev/null
ok "the minutes are drawn up" k --user sara meeting draw-up "$M"
k --user hilda meeting minutes "$M" >"$T/minutes.txt"
never "the minutes text, even for the officer" "$T/minutes.txt"
grep -q "^  $c1 punkt 4.1, 2026-03-09, Sekretess enligt OSL 26 kap. 1 §: Sekretess enligt OSL 26 kap. 1 §$" "$T/minutes.txt" \
	&& grep -q "^  $c2 punkt 1.3, 2026-03-09, Sekretess enligt OSL 39 kap. 3 §: Sekretess enligt OSL 39 kap. 3 §$" "$T/minutes.txt" \
	&& grep -q "^  $c3 punkt 2.1, 2026-03-09, Hilda Handläggare, enhetschef: Attest av faktura för kontorsmaterial$" "$T/minutes.txt" \
	&& pass "the minutes report each decision, the secret ones masked" || fail "minutes: $(cat "$T/minutes.txt")"
ok "the chair approves" k --user anna meeting approve "$M"
ok "the adjuster approves" k --user bengt meeting approve "$M"
same "the minutes are adjusted" "adjusted" "$(sql "SELECT status FROM meeting WHERE id = $M")"
same "all three are reported" "$M $M $M" "$(sql "SELECT group_concat(reported_meeting_id, ' ') FROM delegation_decision")"
mh=$(sql "SELECT f.hash FROM meeting m JOIN record_file f ON f.record_id = m.minutes_record_id WHERE m.id = $M")
pdftotext "$KANSLI_DATA/blobs/$(echo "$mh" | cut -c1-2)/$(echo "$mh" | cut -c3-4)/$mh" "$T/minutes-pdf.txt"
never "the adjusted minutes PDF" "$T/minutes-pdf.txt"
grep -q "Attest av faktura" "$T/minutes-pdf.txt" && grep -q "Sekretess enligt OSL 26 kap. 1 §" "$T/minutes-pdf.txt" \
	&& pass "the minutes PDF reports them" || fail "minutes PDF: $(head -c 600 "$T/minutes-pdf.txt")"
same "the registered minutes text keeps them out too" "0" \
	"$(sql "SELECT count(*) FROM record_text t JOIN meeting m ON t.record_id = m.minutes_record_id WHERE t.body LIKE '%Astrid%' OR t.body LIKE '%Per Persson%'")"
k reindex >/dev/null

# The public and the web.
TL=$(k token add lena "lena" --days 90)
TH=$(k token add hilda "hilda" --days 90)
web_serve
get() { code "$U$1"; }
same "the public registry" "200" "$(get "/offentlig/diarium?org=kommun")"
never "the public registry" "$T/body"
has "shows the secret decision by its notice" "Sekretess enligt OSL 26 kap. 1 §"
has "and the ordinary one" "Attest av faktura"
# Words only the secret summaries hold find nothing (the query itself is
# echoed in the form, so the hits are counted, not the words).
for q in Astrid Lindqvist "Per Persson" beviljas varning; do
	same "public search for '$q'" "200" "$(get "/offentlig/diarium?org=kommun&q=$(enc "$q")")"
	hasnt "public search for '$q' finds no record" "#handling-"
done
same "public search for a word of the ordinary decision" "200" "$(get "/offentlig/diarium?org=kommun&q=faktura")"
has "finds it" "#handling-"
same "the public case page" "200" "$(get "/offentlig/arende?org=kommun&nr=$(enc "$c1")")"
never "the public case page" "$T/body"
has "its decision is listed by its notice" "Sekretess enligt OSL 26 kap. 1 §"
same "the other public case page" "200" "$(get "/offentlig/arende?org=kommun&nr=$(enc "$c2")")"
never "the personnel case page" "$T/body"
same "the public case page of the ordinary decision" "200" "$(get "/offentlig/arende?org=kommun&nr=$(enc "$c3")")"
has "shows its summary" "Attest av faktura"
same "the Atom feed" "200" "$(get "/offentlig/flode.atom?org=kommun")"
never "the Atom feed" "$T/body"
same "the open data" "200" "$(get "/offentlig/data.json?org=kommun")"
never "the open data" "$T/body"
same "the notice board" "200" "$(get "/anslagstavla/aktuellt?org=kommun")"
never "the notice board" "$T/body"
has "carries the minutes" "Justerat protokoll"
N=$(sql "SELECT max(id) FROM notice")
same "the posting" "200" "$(get "/anslagstavla/anslag?org=kommun&id=$N")"
never "the posting" "$T/body"
same "the posted minutes file" "200" "$(curl -s -o "$T/posted.pdf" -w '%{http_code}' "$U/anslagstavla/fil?org=kommun&id=$N")"
pdftotext "$T/posted.pdf" "$T/posted.txt"
never "the posted minutes file" "$T/posted.txt"
same "the notice board's feed" "200" "$(get "/anslagstavla/flode.atom?org=kommun")"
never "the notice board's feed" "$T/body"

api() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
	${3:+-d "$3"} ${3:+-X POST} "$U/api/v1$2"; }
same "API: the reader's list" "200" "$(api "$TL" "/delegations?org=kommun")"
never "API: the reader's list" "$T/body"
has "API: with the secrecy notice" "Sekretess enligt OSL 26 kap. 1 §"
same "API: the reader's meeting" "200" "$(api "$TL" "/meetings/$M?org=kommun")"
never "API: the reader's meeting" "$T/body"
same "API: the officer's list" "200" "$(api "$TH" "/delegations?org=kommun")"
has "API: the officer sees the summary" "Astrid Lindqvist"
before=$(counts)
same "API: a bad secrecy is 422" "422" "$(api "$TH" "/delegations?org=kommun" \
	"{\"case\":\"$c1\",\"board\":\"SN\",\"point\":\"4.2\",\"decided_by\":\"K\",\"summary\":\"S\",\"secrecy\":\"full\"}")"
same "API: naming the field" "legal_ground" "$(j "$T/body" 'd["error"]["field"]')"
same "API: refused, nothing changed" "$before" "$(counts)"
same "API: a secret decision" "201" "$(api "$TH" "/delegations?org=kommun" \
	"{\"case\":\"$c1\",\"board\":\"SN\",\"point\":\"4.2\",\"decided_by\":\"Karin Ek\",\"summary\":\"Astrid Lindqvist beviljas boende\",\"secrecy\":\"partial\",\"masked\":\"title,body\",\"legal_ground\":\"OSL 26 kap. 1 §\"}")"
same "API: registered with its secrecy" "partial title,body" \
	"$(sql "SELECT r.secrecy || ' ' || r.masked_fields FROM record r JOIN delegation_decision d ON d.record_id = r.id WHERE d.point = '4.2'")"
same "API: the reader's list again" "200" "$(api "$TL" "/delegations?org=kommun")"
never "API: the reader's list again" "$T/body"

same "the reader logs in" "303" "$(login "$T/lena" lena Losenord-for-lena)"
same "the officer logs in" "303" "$(login "$T/hilda" hilda Losenord-for-hilda)"
same "web: the reader's delegation page" "200" "$(code -b "$T/lena" "$U/delegationsbeslut?org=kommun")"
never "web: the reader's delegation page" "$T/body"
has "web: the notice in its place" "Sekretess enligt OSL 26 kap. 1 §"
same "web: the reader's meeting page" "200" "$(code -b "$T/lena" "$U/sammantrade?org=kommun&id=$M")"
never "web: the reader's meeting page" "$T/body"
same "web: the officer's delegation page" "200" "$(code -b "$T/hilda" "$U/delegationsbeslut?org=kommun")"
has "web: the officer sees the summary" "Ekonomiskt bistånd beviljas Astrid Lindqvist"
has "web: the form offers secrecy" 'name="sekretess"'
has "web: and the legal ground" 'name="lagrum"'
has "web: and what to mask" 'name="maskera" id="maskera-title" value="title"'
C=$(curl -s -b "$T/hilda" "$U/delegationsbeslut?org=kommun" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
before=$(counts)
same "web: a secret decision without its ground is refused" "422" "$(code -b "$T/hilda" --data-urlencode "csrf=$C" \
	--data-urlencode org=kommun --data-urlencode "formsida=/delegationsbeslut?org=kommun" \
	--data-urlencode "arende=$c1" --data-urlencode namnd=SN --data-urlencode punkt=4.3 \
	--data-urlencode "av=Karin Ek" --data-urlencode "beslut=Astrid Lindqvist beviljas hemtjänst" \
	--data-urlencode sekretess=partial --data-urlencode maskera=title --data-urlencode maskera=body \
	--data-urlencode lagrum= "$U/delegationsbeslut")"
has "web: the form comes back" '<form method="post" action="/delegationsbeslut"'
has "web: its error links to the legal ground" '<a href="#lagrum">'
has "web: the message beside it" 'id="fel-lagrum"'
has "web: the summary is kept" 'value="Astrid Lindqvist beviljas hemtjänst"'
has "web: the masks are kept" 'id="maskera-body" value="body" checked'
hasnt "web: no command-line flag" '(--'
same "web: nothing changed" "$before" "$(counts)"
same "web: with its ground it is registered" "303" "$(code -b "$T/hilda" --data-urlencode "csrf=$C" \
	--data-urlencode org=kommun --data-urlencode "arende=$c1" --data-urlencode namnd=SN --data-urlencode punkt=4.3 \
	--data-urlencode "av=Karin Ek" --data-urlencode "beslut=Astrid Lindqvist beviljas hemtjänst" \
	--data-urlencode sekretess=partial --data-urlencode maskera=title --data-urlencode maskera=body \
	--data-urlencode "lagrum=OSL 26 kap. 1 §" "$U/delegationsbeslut")"
same "web: registered with its secrecy" "partial title,body OSL 26 kap. 1 §" \
	"$(sql "SELECT r.secrecy || ' ' || r.masked_fields || ' ' || r.legal_ground FROM record r JOIN delegation_decision d ON d.record_id = r.id WHERE d.point = '4.3'")"
same "web: the reader's page again" "200" "$(code -b "$T/lena" "$U/delegationsbeslut?org=kommun")"
never "web: the reader's page again" "$T/body"

ok "kansli verify passes" k verify
