#!/bin/sh
# t0073 — the public case page /offentlig/arende: a case with its public
# title, status, every entry masked as the public registry masks it, its
# decisions with the minutes §, and a request link per document; the
# numbers people type; the postlista's links and a number search landing on
# it; error pages that lead back to the public side and never to the staff
# login; the rate-limit answer as a Swedish page; Atom entries with links.
# Every secret holds a canary word that must never reach a public answer.
TEST_NAME=public-case
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series mask-persons SN on >/dev/null
for u in anna bengt hilda; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant hilda handlaggare >/dev/null
for u in anna bengt; do k user grant $u lasare >/dev/null; done

# Canaries: each stands in one secret and must appear in no public answer.
C_TITLE=kanarieqtitel C_PARTY=kanarieqparty C_FULLT=kanarieqfulltitel C_FULLP=kanarieqfullparty
C_CASE=kanarieqskyddad C_PERSON=kanarieqprivat C_DEC=kanarieqbeslut
ks=$(k case open --series KS --title "Medborgarförslag om parkbänkar")
sn=$(k case open --series SN --title "Bistånd till $C_CASE Svensson" --public-title "Ansökan om bistånd")
k record add "$ks" --direction in --person "Anna Öppensson" --title "Förslag om bänkar" >/dev/null
k record add "$ks" --direction in --person "Gustav $C_PARTY" --id 19850615-1235 --title "Synpunkt $C_TITLE" \
	--secrecy partial --mask title,party --legal-ground "OSL 21 kap. 1 §" >/dev/null
k record add "$ks" --direction internal --organisation "$C_FULLP AB" --title "Utredning $C_FULLT" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
k record add "$sn" --direction in --person "Bertil $C_PERSON" --title "Ansökan" >/dev/null

# A board decides the case at an adjusted meeting: § and decision.
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 --account anna >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 --account bengt >/dev/null
ok "a delegated decision in the case" k delegation register --case "$ks" --board KS --point 3.2 \
	--by "Hilda Handläggare" --summary "Remiss till tekniska nämnden"
k meeting create --board KS --date 2026-03-09 --time 09:00 --place Sessionssalen >/dev/null
M=$(sql "SELECT max(id) FROM meeting")
k meeting add "$M" --case "$ks" >/dev/null
k meeting send-notice "$M" >/dev/null
export KANSLI_NOW=2026-03-09
k meeting attend "$M" 1 present >/dev/null
k meeting attend "$M" 2 present >/dev/null
k meeting adjuster "$M" 2 >/dev/null
k meeting draw-up "$M" >/dev/null
I=$(sql "SELECT id FROM agenda_item WHERE meeting_id = $M AND case_id IS NOT NULL")
P=$(sql "SELECT paragraph FROM agenda_item WHERE id = $I")
k meeting decide "$I" --text "Förslaget bifalls." >/dev/null
k --user anna meeting approve "$M" >/dev/null
ok "the minutes are adjusted" k --user bengt meeting approve "$M"
same "the case is decided" "decided" "$(sql "SELECT status FROM case_file WHERE id = (SELECT case_id FROM agenda_item WHERE id = $I)")"
dec=$(sql "SELECT r.seq FROM agenda_item a JOIN record r ON r.id = a.decision_record_id WHERE a.id = $I")
k reindex >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

# get NAME PATH: the page into $T/NAME (kept for the canary sweep); prints the status.
get() { curl -s -o "$T/page.$1" -w '%{http_code}' "$U$2"; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
KS=$(enc "$ks")
SN=$(enc "$sn")

same "the case page" "200" "$(get ks "/offentlig/arende?org=kommun&nr=$KS")"
grep -q "<h1>Ärende $ks</h1>" "$T/page.ks" && pass "it names the case" || fail "case heading"
grep -q "Medborgarförslag om parkbänkar" "$T/page.ks" && pass "it shows the title" || fail "case title"
grep -q "<dd>Beslutat</dd>" "$T/page.ks" && pass "it shows the status" || fail "status"
for n in 1 2 3; do
	grep -q "id=\"handling-$n\"><td data-label=\"Nummer\">$ks-$n</td>" "$T/page.ks" || fail "entry $ks-$n"
	grep -q "href=\"/offentlig/begar?org=kommun&amp;nr=$(enc "$ks-$n")\"" "$T/page.ks" || fail "request link $ks-$n"
done
pass "every entry, each with a link to request it"
grep -q "Anna Öppensson" "$T/page.ks" && grep -q "Förslag om bänkar" "$T/page.ks" \
	&& pass "public fields are shown" || fail "public fields"
grep -q "Sekretess enligt OSL 21 kap. 1 §" "$T/page.ks" && grep -q "Sekretess enligt OSL 26 kap. 1 §" "$T/page.ks" \
	&& pass "masked fields name their legal ground" || fail "legal ground"
grep -q "Kommunstyrelsen 2026-03-09, § $P</strong>" "$T/page.ks" && pass "the decision with its minutes §" \
	|| fail "decision §: $(grep -o 'decisions.*' "$T/page.ks" | head -c 400)"
grep -q "Beslut: Förslaget bifalls." "$T/page.ks" && pass "the decision's words" || fail "decision text"
grep -q "href=\"#handling-$dec\">$ks-$dec</a>" "$T/page.ks" && pass "the decision links its record" || fail "decision record"
grep -q "delegationsbeslut</strong>: Delegationsbeslut 3.2: Remiss till tekniska nämnden" "$T/page.ks" \
	&& pass "the delegated decision" || fail "delegated decision"

same "the protected case" "200" "$(get sn "/offentlig/arende?org=kommun&nr=$SN")"
grep -q "Ansökan om bistånd" "$T/page.sn" && pass "a protected case shows its public title" || fail "public title"
grep -q "Privatperson" "$T/page.sn" && pass "a private person is masked in a series that masks persons" || fail "Privatperson"
grep -q "<dd>Öppet</dd>" "$T/page.sn" && pass "an open case" || fail "open status"
grep -q "Inga beslut" "$T/page.sn" && pass "no decisions said as such" || fail "no decisions"

# The numbers people type, as the postlista shows them and otherwise.
for form in "KS 2026/1" "ks 2026/0001" "KS2026/1" " KS  2026 / 0001 " "$ks-2"; do
	same "the number '$form'" "200" "$(get form "/offentlig/arende?org=kommun&nr=$(enc "$form")")"
	grep -q "<h1>Ärende $ks</h1>" "$T/page.form" || fail "'$form' shows $ks"
done
same "without ?org= in an installation of one organisation" "200" "$(get noorg "/offentlig/arende?nr=$KS")"

# Errors: a page that says what is wrong and leads back to the public search.
same "an unknown case is 404" "404" "$(get unknown "/offentlig/arende?org=kommun&nr=$(enc "KS 2026/0999")")"
grep -q "Det finns inget ärende med numret" "$T/page.unknown" && pass "it says the case does not exist" || fail "404 text"
grep -q 'action="/offentlig/diarium"' "$T/page.unknown" && grep -q 'href="/offentlig/diarium?org=kommun"' "$T/page.unknown" \
	&& pass "it offers the search and the way back to the registry" || fail "404 way back"
same "not a number is 400" "400" "$(get bad "/offentlig/arende?org=kommun&nr=hej")"
grep -q "är inte ett diarienummer" "$T/page.bad" && grep -q 'action="/offentlig/diarium"' "$T/page.bad" \
	&& pass "it says what a number looks like, and offers the search" || fail "400 page"
same "no number is 400" "400" "$(get none "/offentlig/arende?org=kommun")"
same "an unknown organisation is 404" "404" "$(get noorgfound "/offentlig/arende?org=nope&nr=$KS")"
grep -q 'href="/offentlig"' "$T/page.noorgfound" && pass "it leads back to the public registries" || fail "org 404 way back"
same "a page that is no page number is 400" "400" "$(get badpage "/offentlig/diarium?org=kommun&sida=abc")"
grep -q "sida" "$T/page.badpage" && grep -q 'href="/offentlig/diarium?org=kommun"' "$T/page.badpage" \
	&& pass "it names the parameter and leads back to the registry" || fail "bad page number"
same "an unknown public address is 404" "404" "$(get nopage "/offentlig/finns-inte")"
same "the notice board's errors" "404" "$(get boardbad "/anslagstavla/anslag?org=kommun&id=999")"
grep -q 'Tillbaka till anslagstavlan' "$T/page.boardbad" && pass "lead back to the notice board" || fail "board way back"

# The postlista links each number to its case; a number search lands there.
same "the postlista" "200" "$(get list "/offentlig/diarium?org=kommun")"
grep -q "href=\"/offentlig/arende?org=kommun&amp;nr=$KS#handling-2\">$ks-2</a>" "$T/page.list" \
	&& pass "the postlista links a number to its case, at the entry" || fail "postlista link"
code=$(curl -s -o /dev/null -D "$T/h" -w '%{http_code}' "$U/offentlig/diarium?org=kommun&q=$(enc "KS 2026/1")")
same "a search for one case number is 303" "303" "$code"
loc=$(sed -n 's/^[Ll]ocation: //p' "$T/h" | tr -d '\r')
same "it lands on the case page" "/offentlig/arende?org=kommun&nr=KS%202026%2F1" "$loc"
same "the case page it lands on" "200" "$(get landed "$loc")"
same "a number that names no case is searched as usual" "200" "$(get nocase "/offentlig/diarium?org=kommun&q=$(enc "KS 2026/0999")")"
same "a record number is searched as usual" "200" "$(get recsearch "/offentlig/diarium?org=kommun&q=$(enc "$ks-1")")"
grep -q "Förslag om bänkar" "$T/page.recsearch" && pass "the record number finds its entry" || fail "record number search"

# Every public page: no link to the staff login, nor to the staff start
# page (which sends the public there).
get index /offentlig >/dev/null
get board /anslagstavla >/dev/null
get boardcur "/anslagstavla/aktuellt?org=kommun" >/dev/null
get log /offentlig/logg >/dev/null
get help /sokhjalp >/dev/null
get req "/offentlig/begar?org=kommun&nr=$(enc "$ks-1")" >/dev/null
get staff "/arende?org=kommun&nr=$KS" >/dev/null # a staff page: the login, for the staff
leaks=""
for f in "$T"/page.*; do
	case "$f" in *page.staff) continue ;; esac
	grep -q 'href="/login"' "$f" && leaks="$leaks $(basename "$f"):login"
	grep -q 'href="/"' "$f" && leaks="$leaks $(basename "$f"):start"
done
same "no public page links the staff login or start page" "" "$leaks"

# The canaries, in every public answer kept above, and the feeds and data.
curl -s "$U/offentlig/flode.atom?org=kommun" >"$T/page.atom"
curl -s "$U/offentlig/data.json?org=kommun" >"$T/page.json"
found=""
for f in "$T"/page.*; do
	case "$f" in *page.staff) continue ;; esac
	for c in $C_TITLE $C_PARTY $C_FULLT $C_FULLP $C_CASE $C_PERSON 19850615 850615-1235 8506151235 "Bistånd till"; do
		grep -qi -- "$c" "$f" && found="$found $(basename "$f"):$c"
	done
done
same "no secret reaches a public page" "" "$found"

# A decision whose record is later masked: its words leave the page too.
ok "the decision record's body is made secret" k record correct "$ks-$dec" --reason "Prövning" \
	--secrecy partial --mask body --legal-ground "OSL 21 kap. 1 §"
get masked "/offentlig/arende?org=kommun&nr=$KS" >/dev/null
grep -q "Förslaget bifalls" "$T/page.masked" && fail "a masked decision's words are shown" \
	|| pass "a decision whose body is masked shows no words"
grep -q "§ $P</strong>" "$T/page.masked" && pass "the § is still shown" || fail "§ after masking"

# Atom entries link their case page by absolute address.
python3 - "$T/page.atom" "$U" <<'EOF' && pass "every Atom entry links its case page by absolute address" || fail "Atom links"
import sys, xml.etree.ElementTree as E
A = "{http://www.w3.org/2005/Atom}"
entries = E.parse(sys.argv[1]).getroot().findall(A + "entry")
assert entries
for e in entries:
    links = [l.get("href") for l in e.findall(A + "link") if l.get("rel") == "alternate"]
    assert links and links[0].startswith(sys.argv[2] + "/offentlig/arende?org=kommun&nr="), links
EOF
curl -s "$U/anslagstavla/flode.atom?org=kommun" >"$T/boardatom"
python3 - "$T/boardatom" "$U" <<'EOF' && pass "notice board Atom links are absolute" || fail "board Atom links"
import sys, xml.etree.ElementTree as E
A = "{http://www.w3.org/2005/Atom}"
root = E.parse(sys.argv[1]).getroot()
links = [l.get("href") for l in root.iter(A + "link")]
assert links and all(h.startswith(sys.argv[2] + "/") for h in links), links
EOF
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# The rate limit: a Swedish page for a browser, JSON for data.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>>"$T/serve.log" &
pid=$!
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code=""
for i in $(seq 1 60); do
	code=$(curl -s -o "$T/limited" -D "$T/lh" -w '%{http_code}' "$U/offentlig/arende?org=kommun&nr=$KS")
	[ "$code" = 429 ] && break
done
same "the case page is rate limited" "429" "$code"
grep -qi '^content-type: text/html' "$T/lh" && grep -q "För många förfrågningar" "$T/limited" \
	&& grep -q '<html lang="sv"' "$T/limited" && pass "the rate-limit answer is a Swedish page" || fail "429 page"
grep -qi '^retry-after: ' "$T/lh" && pass "it says when to try again" || fail "Retry-After"
for i in $(seq 1 60); do
	code=$(curl -s -o "$T/limitedjson" -D "$T/lh" -w '%{http_code}' "$U/offentlig/data.json?org=kommun")
	[ "$code" = 429 ] && break
done
same "the data is limited too" "429" "$code"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["error"]["code"] == "rate_limited"' "$T/limitedjson" \
	&& pass "the data's rate-limit answer is JSON" || fail "429 JSON: $(head -c 200 "$T/limitedjson")"
