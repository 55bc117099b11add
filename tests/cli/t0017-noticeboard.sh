#!/bin/sh
# t0017 — the digital notice board: the committee secretary announces a
# council meeting and posts the adjusted minutes with the PDF; the board
# shows them grouped with the last day to appeal; a citizen reads the board,
# downloads the minutes and follows the Atom feed without a cookie; a
# mistaken notice is taken down (logged); days later the minutes have come
# down into the archive; bad input and users without the role change nothing.
TEST_NAME=noticeboard
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-12-01
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommunen" >/dev/null
echo "Losenord-for-nina" | k user add nina "Nina Nämndsekreterare" --password-stdin >/dev/null
k user grant nina namndsekreterare >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
k user grant lasse lasare >/dev/null
k token add nina robot --days 30 >"$T/token.nina"
k token add lasse robot --days 30 >"$T/token.lasse"
printf '%%PDF-1.4 protokoll KS 2026-11-30 §§ 1-12\n' >"$T/Protokoll KS 2026-11-30.pdf"

# ---- the CLI ----
ok "meeting notice from the shell" k notice post --kind meeting --board Kommunfullmäktige \
	--title "Sammanträde med kommunfullmäktige" --meeting-date 2026-12-14 --text "Plats: Sessionssalen."
grep -q "on the board until 2026-12-15" "$T/out" && pass "a meeting notice comes down the day after the meeting" \
	|| fail "meeting down date ($(cat "$T/out"))"
[ ! -s "$T/err" ] && pass "posted a week ahead: no warning" || fail "warning for a timely meeting notice"
ok "minutes notice with the PDF" k notice post --kind minutes --board Kommunstyrelsen \
	--title "Protokoll Kommunstyrelsen 2026-11-30" --meeting-date 2026-11-30 --adjusted 2026-12-01 \
	--storage-place "Kommunkansliet, Stadshuset" --file "$T/Protokoll KS 2026-11-30.pdf" --json
same "minutes: the appeal period ends three weeks after posting" "2026-12-22" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["appeal_end"])' "$T/out")"
same "minutes: down the day after the appeal period" "2026-12-23" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["down"])' "$T/out")"
same "minutes posted the day of adjustment are not late" "False" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["late"])' "$T/out")"
ok "minutes adjusted before Christmas run past the holidays" k notice post --kind minutes --board "Barn- och utbildningsnämnden" \
	--title "Protokoll BUN 2026-12-02" --adjusted 2026-12-02 --posted 2026-12-03 --storage-place "Skolkontoret" --json
same "appeal end on julafton moves to the next working day" "2026-12-28" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["appeal_end"])' "$T/out")"
ok "a late meeting notice is posted, with a warning" k notice post --kind meeting --board Kommunfullmäktige \
	--title "Extra sammanträde" --meeting-date 2026-12-04
grep -q "warning: .*KL 5 kap. 11 §" "$T/err" && pass "late meeting notice warns" || fail "late warning ($(cat "$T/err"))"
k notice show 4 --json >"$T/show4"
grep -q '"late": true' "$T/show4" && pass "late is kept in the result" || fail "late flag"
ok "another announcement" k notice post --kind other --board Kommunstyrelsen --title "Granskning av detaljplan" \
	--text "Planförslaget finns på biblioteket."
k notice show 5 --json >"$T/show5"
grep -q '"down": "2026-12-22"' "$T/show5" && pass "other notices stay three weeks" || fail "other down date"

# ---- bad input changes nothing ----
before=$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event"):$(sql "SELECT count(*) FROM blob")
fails "unknown kind" "meeting, minutes or other" k notice post --kind protokoll --board KS --title X
fails "meeting without a date" "needs the meeting date" k notice post --kind meeting --board KF --title X
fails "meeting in the past" "in the past" k notice post --kind meeting --board KF --title X --meeting-date 2026-11-20
fails "announced after the meeting" "announced before it takes place" k notice post --kind meeting --board KF \
	--title X --meeting-date 2026-12-10 --posted 2026-12-11
fails "minutes posted before adjustment" "posted after they are adjusted" k notice post --kind minutes --board KS \
	--title X --adjusted 2026-12-05 --storage-place K
fails "minutes without a storage place" "storage place" k notice post --kind minutes --board KS --title X --adjusted 2026-12-01
fails "minutes down before the appeal period ends" "at the earliest" k notice post --kind minutes --board KS \
	--title X --adjusted 2026-12-01 --storage-place K --down 2026-12-10
fails "meeting notice down before the meeting" "stays up until the meeting" k notice post --kind meeting \
	--board KF --title X --meeting-date 2026-12-10 --down 2026-12-09
fails "down before posting" "must come after the posting date" k notice post --kind other --board KS --title X \
	--posted 2026-12-05 --down 2026-12-05
fails "adjustment date on a meeting notice" "no adjustment date" k notice post --kind meeting --board KF --title X \
	--meeting-date 2026-12-10 --adjusted 2026-12-01
fails "a title on two lines" "one line" k notice post --kind other --board KS --title "$(printf 'rad 1\nrad 2')"
fails "backdated posting" "in the past" k notice post --kind other --board KS --title X --posted 2026-11-01
fails "not a date" "not a date" k notice post --kind other --board KS --title X --posted 2026-02-30
fails "no title" "title" k notice post --kind other --board KS
fails "missing file" "cannot read file" k notice post --kind other --board KS --title X --file "$T/finns-inte.pdf"
fails "take down without a reason" "say why" k notice take-down 5
fails "take down an unknown notice" "no notice" k notice take-down 99 --reason "Fel"
fails "a reader may not post" "may not" env KANSLI_USER=lasse "$KANSLI" notice post --kind other --board KS --title X
after=$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event"):$(sql "SELECT count(*) FROM blob")
same "bad input wrote nothing" "$before" "$after"

# ---- take-down ----
ok "the committee secretary takes a mistaken notice down" env KANSLI_USER=nina "$KANSLI" notice take-down 4 \
	--reason "Fel datum i kallelsen"
same "take-down is logged with who and why" "1" \
	"$(sql "SELECT count(*) FROM event WHERE action = 'notice.take_down' AND object_id = 4 AND actor = 'user:nina' AND data LIKE '%Fel datum%'")"
same "every posting is logged" "5" "$(sql "SELECT count(*) FROM event WHERE action = 'notice.post'")"
fails "taken down twice" "already taken down" k notice take-down 4 --reason "Igen"
k notice list --json >"$T/list"
same "on the board today (the BUN minutes wait for 2026-12-03)" "1,2,5" "$(python3 -c 'import json,sys; print(",".join(str(n["id"]) for n in sorted(json.load(open(sys.argv[1])), key=lambda n: n["id"])))' "$T/list")"
k notice list --archive --json >"$T/arch"
same "the archive has the taken-down notice" "4" "$(python3 -c 'import json,sys; print(",".join(str(n["id"]) for n in json.load(open(sys.argv[1]))))' "$T/arch")"
KANSLI_NOW=2026-12-23 k notice list --json >"$T/list23"
same "on 2026-12-23 the KS minutes have come down" "3" "$(python3 -c 'import json,sys; print(",".join(str(n["id"]) for n in json.load(open(sys.argv[1]))))' "$T/list23")"
KANSLI_NOW=2026-12-23 k notice list --archive --json >"$T/arch23"
same "and are in the archive" "5,4,2,1" "$(python3 -c 'import json,sys; print(",".join(str(n["id"]) for n in json.load(open(sys.argv[1]))))' "$T/arch23")"
KANSLI_NOW=2026-12-29 k notice list --json >"$T/list29"
same "after the BUN appeal period the board is empty" "[]" "$(tr -d ' \n' <"$T/list29")"

# ---- the web ----
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

same "board index" "200" "$(code -D "$T/h" "$U/anslagstavla")"
grep -q "laglighetsprövning" "$T/body" && grep -q "förvaltningsrätten" "$T/body" && grep -q "tre veckor" "$T/body" \
	&& pass "the board explains how to appeal" || fail "appeal explanation"
grep -q 'href="/anslagstavla/aktuellt?org=kommun"' "$T/body" && pass "index lists organisations" || fail "org list"
same "the board today" "200" "$(code -D "$T/h" "$U/anslagstavla/aktuellt?org=kommun")"
cp "$T/body" "$T/board"
grep -q "<h1>Anslagstavla – Kommunen</h1>" "$T/board" && pass "the board says whose it is" || fail "board heading: $(grep -o '<h1>[^<]*' "$T/board")"
grep -qi "^set-cookie" "$T/h" && fail "the public board sets a cookie" || pass "the public board sets no cookie"
grep -q "<h2>Sammanträden</h2>" "$T/board" && grep -q "<h2>Justerade protokoll</h2>" "$T/board" \
	&& grep -q "<h2>Övriga tillkännagivanden</h2>" "$T/board" && pass "grouped by kind" || fail "groups"
grep -q "Överklagandetiden går ut</dt><dd>2026-12-22" "$T/board" && pass "appeal end shown" || fail "appeal end on the board"
grep -q "Tas ned</dt><dd>2026-12-23" "$T/board" && pass "down date shown" || fail "down date"
grep -q "Kommunkansliet, Stadshuset" "$T/board" && pass "storage place shown" || fail "storage place"
grep -q "Extra sammanträde" "$T/board" && fail "taken-down notice still on the board" || pass "taken-down notice is off the board"
grep -q 'href="/anslagstavla/fil?org=kommun&amp;id=2"' "$T/board" && pass "link to the minutes file" || fail "file link"
grep -q 'href="/anslagstavla"' "$T/board" && pass "navigation links the board" || fail "board in navigation"
curl -s "$U/offentlig" | grep -q 'href="/anslagstavla"' && pass "the public registry links the board" || fail "link from /offentlig"
etag=$(sed -n 's/^ETag: *\(.*\)\r$/\1/Ip' "$T/h")
[ -n "$etag" ] && ! grep -qi "^last-modified:" "$T/h" && pass "an ETag of the content, no Last-Modified" || fail "validators ($etag)"
same "unchanged board: 304" "304" "$(code -H "If-None-Match: $etag" "$U/anslagstavla/aktuellt?org=kommun")"
same "one notice" "200" "$(code -D "$T/h" "$U/anslagstavla/anslag?org=kommun&id=2")"
grep -q "Protokoll Kommunstyrelsen 2026-11-30" "$T/body" && grep -q "Anslaget finns på anslagstavlan" "$T/body" \
	&& pass "the notice page" || fail "notice page"
grep -qi "^set-cookie" "$T/h" && fail "notice page sets a cookie" || pass "notice page sets no cookie"
same "the archive" "200" "$(code "$U/anslagstavla/arkiv?org=kommun")"
grep -q "Extra sammanträde" "$T/body" && grep -q "Fel datum i kallelsen" "$T/body" && pass "archive shows the taken-down notice and why" \
	|| fail "archive"
same "minutes file download" "200" "$(code -D "$T/h" "$U/anslagstavla/fil?org=kommun&id=2")"
cmp -s "$T/body" "$T/Protokoll KS 2026-11-30.pdf" && pass "the file is the stored PDF" || fail "file content"
grep -qi '^content-disposition: attachment; filename="Protokoll KS 2026-11-30.pdf"' "$T/h" && pass "Content-Disposition names it" \
	|| fail "content disposition"
grep -qi '^content-type: application/pdf' "$T/h" && pass "served as PDF" || fail "content type"
same "no file on a notice without one" "404" "$(code "$U/anslagstavla/fil?org=kommun&id=5")"
same "Atom feed" "200" "$(code -D "$T/h" "$U/anslagstavla/flode.atom?org=kommun")"
python3 - "$T/body" <<'PY' && pass "the feed parses as Atom with the notices" || fail "atom"
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
feed = ET.parse(sys.argv[1]).getroot()
assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
entries = feed.findall("a:entry", ns)
assert len(entries) == 3, len(entries)
text = " ".join(e.find("a:summary", ns).text for e in entries)
assert "Överklagandetiden går ut 2026-12-22" in text, text
PY
grep -qi "^set-cookie" "$T/h" && fail "feed sets a cookie" || pass "feed sets no cookie"
etag=$(sed -n 's/^ETag: *\(.*\)\r$/\1/Ip' "$T/h")
same "unchanged feed: 304" "304" "$(code -H "If-None-Match: $etag" "$U/anslagstavla/flode.atom?org=kommun")"
same "no organisation: 422" "422" "$(code "$U/anslagstavla/aktuellt")"
same "unknown organisation: 404" "404" "$(code "$U/anslagstavla/aktuellt?org=okand")"
same "bad id: 422" "422" "$(code "$U/anslagstavla/anslag?org=kommun&id=x")"
same "unknown notice: 404" "404" "$(code "$U/anslagstavla/anslag?org=kommun&id=99")"
same "a taken-down notice's file is withdrawn" "404" "$(code "$U/anslagstavla/fil?org=kommun&id=4")"

# staff page
login() {
	curl -s -c "$1" -b "$1" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	curl -s -c "$1" -b "$1" -o /dev/null -w '%{http_code}' --data-urlencode "login_token=$tok" \
		--data-urlencode "username=$2" --data-urlencode "password=$3" "$U/login"
}
same "login nina" "303" "$(login "$T/nina" nina Losenord-for-nina)"
same "login lasse" "303" "$(login "$T/lasse" lasse Losenord-for-lasse)"
same "staff page without login redirects" "303" "$(code "$U/anslag")"
same "staff page" "200" "$(code -b "$T/nina" "$U/anslag")"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "a reader gets 403 on the staff page" "403" "$(code -b "$T/lasse" "$U/anslag")"
CL=$(curl -s -b "$T/lasse" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
before=$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")
same "a reader may not post" "403" "$(code -b "$T/lasse" -F "csrf=$CL" -F org=kommun -F atgard=ny -F typ=other \
	-F organ=KS -F rubrik=X "$U/anslag")"
same "a post without the CSRF token is refused" "403" "$(code -b "$T/nina" -F org=kommun -F atgard=ny -F typ=other \
	-F organ=KS -F rubrik=X "$U/anslag")"
same "a meeting without a date is refused" "422" "$(code -b "$T/nina" -F "csrf=$C" -F org=kommun -F atgard=ny \
	-F typ=meeting -F organ=KF -F rubrik=X "$U/anslag")"
grep -qi "sammanträdesdatum" "$T/body" && pass "the error names the field" || fail "error text"
same "minutes are not posted from this page" "422" "$(code -b "$T/nina" -F "csrf=$C" -F org=kommun -F atgard=ny \
	-F typ=minutes -F organ=KS -F rubrik=X -F "fil=@$T/Protokoll KS 2026-11-30.pdf" "$U/anslag")"
same "bad web input wrote nothing" "$before" "$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")"
printf 'Kallelse\n' >"$T/kallelse.txt"
same "post a meeting notice with a file on the web" "303" "$(code -b "$T/nina" -F "csrf=$C" -F org=kommun -F atgard=ny \
	-F typ=meeting -F "organ=Kommunfullmäktige" -F "rubrik=Budgetsammanträde" -F sammantrade=2027-01-20 \
	-F "fil=@$T/kallelse.txt" "$U/anslag")"
same "the web notice is stored with its file" "kallelse.txt" "$(sql "SELECT file_name FROM notice WHERE title = 'Budgetsammanträde'")"
id6=$(sql "SELECT id FROM notice WHERE title = 'Budgetsammanträde'")
same "and logged as nina" "1" "$(sql "SELECT count(*) FROM event WHERE action = 'notice.post' AND object_id = $id6 AND actor = 'user:nina'")"
same "its file downloads" "200" "$(code "$U/anslagstavla/fil?org=kommun&id=$id6")"
grep -q "Kallelse" "$T/body" && pass "the uploaded file" || fail "uploaded file"
same "take down on the web" "303" "$(code -b "$T/nina" -F "csrf=$C" -F org=kommun -F atgard=ta-ned -F id=5 \
	-F "skal=Planen återkallad" "$U/anslag")"
same "logged" "1" "$(sql "SELECT count(*) FROM event WHERE action = 'notice.take_down' AND object_id = 5")"
same "take down without a reason is refused" "422" "$(code -b "$T/nina" -F "csrf=$C" -F org=kommun -F atgard=ta-ned \
	-F id=3 -F skal= "$U/anslag")"

# API
NT=$(cat "$T/token.nina") LT=$(cat "$T/token.lasse")
same "API: the board" "200" "$(code -H "Authorization: Bearer $NT" "$U/api/v1/notices?org=kommun")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(n.get("appeal_end") == "2026-12-22" for n in d["notices"])' "$T/body" \
	&& pass "API lists the minutes with the appeal end" || fail "API list"
same "API: the archive" "200" "$(code -H "Authorization: Bearer $NT" "$U/api/v1/notices?org=kommun&archive=1")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert sorted(n["id"] for n in d["notices"]) == [4, 5]' "$T/body" \
	&& pass "API archive" || fail "API archive"
same "API: post minutes" "201" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"kind":"minutes","board":"Miljönämnden","title":"Protokoll MN","adjusted":"2026-11-26","storage_place":"Miljökontoret"}' \
	"$U/api/v1/notices?org=kommun")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["appeal_end"] == "2026-12-22" and d["late"] is True' "$T/body" \
	&& pass "API: minutes posted five days after adjustment are late" || fail "API late ($(cat "$T/body"))"
same "API: a stored file by hash" "201" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d "{\"kind\":\"other\",\"board\":\"KS\",\"title\":\"Med fil\",\"file_hash\":\"$(sql "SELECT file_hash FROM notice WHERE id = 2")\",\"file_name\":\"kopia.pdf\"}" \
	"$U/api/v1/notices?org=kommun")"
before=$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")
same "API: unknown hash" "404" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"kind":"other","board":"KS","title":"X","file_hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","file_name":"x.pdf"}' \
	"$U/api/v1/notices?org=kommun")"
same "API: wrong type" "400" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"kind":"other","board":"KS","title":5}' "$U/api/v1/notices?org=kommun")"
same "API: bad input" "422" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"kind":"meeting","board":"KF","title":"X","meeting_date":"2026-11-01"}' "$U/api/v1/notices?org=kommun")"
grep -q '"error":{"code":"invalid"' "$T/body" && pass "API error object" || fail "API error ($(cat "$T/body"))"
same "API: not JSON" "415" "$(code -H "Authorization: Bearer $NT" -d 'kind=other' "$U/api/v1/notices?org=kommun")"
same "API: a reader may not post" "403" "$(code -H "Authorization: Bearer $LT" -H "Content-Type: application/json" \
	-d '{"kind":"other","board":"KS","title":"X"}' "$U/api/v1/notices?org=kommun")"
same "API: a reader may not take down" "403" "$(code -H "Authorization: Bearer $LT" -H "Content-Type: application/json" \
	-d '{"reason":"X"}' "$U/api/v1/notices/3/take-down?org=kommun")"
same "API bad input wrote nothing" "$before" "$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")"
same "API: take down" "200" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"reason":"Dubblett"}' "$U/api/v1/notices/3/take-down?org=kommun")"
grep -q '"status":"taken_down"' "$T/body" && pass "API take-down result" || fail "API take-down ($(cat "$T/body"))"
same "API: take down again" "409" "$(code -H "Authorization: Bearer $NT" -H "Content-Type: application/json" \
	-d '{"reason":"Igen"}' "$U/api/v1/notices/3/take-down?org=kommun")"
curl -s "$U/api/v1/openapi.json" | grep -q '"/notices/{id}/take-down"' && pass "OpenAPI lists the notice routes" || fail "openapi"
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# Three weeks later, with rate limits on: the minutes are in the archive.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NOW=2026-12-23 "$KANSLI" serve --port "$port" --quiet 2>>"$T/serve.log" &
pid=$!
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
same "the board on 2026-12-23" "200" "$(code "$U/anslagstavla/aktuellt?org=kommun")"
grep -q "Protokoll Kommunstyrelsen 2026-11-30" "$T/body" && fail "minutes still up after the appeal period" \
	|| pass "minutes came down after the appeal period"
same "the archive on 2026-12-23" "200" "$(code "$U/anslagstavla/arkiv?org=kommun")"
grep -q "Protokoll Kommunstyrelsen 2026-11-30" "$T/body" && pass "the minutes are in the archive" || fail "archive 12-23"
n=0
while [ $n -lt 40 ]; do curl -s -o /dev/null -w '%{http_code}\n' "$U/anslagstavla/aktuellt?org=kommun"; n=$((n + 1)); done >"$T/codes"
grep -q '^429$' "$T/codes" && pass "public board pages are rate limited" || fail "rate limit"
kill $pid 2>/dev/null
wait $pid 2>/dev/null
ok "verify" k verify
if grep -q "ERROR: AddressSanitizer\|runtime error" "$T/serve.log"; then fail "server sanitizer report"; else pass "server ran clean"; fi
