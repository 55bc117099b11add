#!/bin/sh
# t0016 — a journalist asks for a document, anonymously, from the public
# registry; the request is registered and waits on the registrar's start
# page with its age; the registrar refuses part of it with the legal ground
# and the appeal information; every step is logged; the case closes.
TEST_NAME=requests
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
k user grant lasse lasare >/dev/null
c=$(k case open --series KS --title "Upphandling av skolmat")
k record add "$c" --direction in --title "Anbud" --organisation "Matbolaget AB" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

curl -s "$U/offentlig/diarium?org=kommun" >"$T/reg"
grep -q "/offentlig/begar?org=kommun&amp;nr=KS%20" "$T/reg" && pass "every public entry has a request button" || fail "request button"
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$c-1")
same "request form" "200" "$(curl -s -c "$T/jar" -o "$T/form" -w '%{http_code}' "$U/offentlig/begar?org=kommun&nr=$enc")"
grep -q "value=\"$c-1\"" "$T/form" && pass "the form names the document" || fail "form prefilled"
tok=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/form")
same "a request without the form's token is refused" "403" "$(curl -s -o /dev/null -w '%{http_code}' \
	--data-urlencode org=kommun --data-urlencode meddelande=X "$U/offentlig/begar")"
events=$(sql "SELECT count(*) FROM event")
same "anonymous request" "200" "$(curl -s -b "$T/jar" -o "$T/done" -w '%{http_code}' --data-urlencode "token=$tok" \
	--data-urlencode org=kommun --data-urlencode "nr=$c-1" --data-urlencode "meddelande=Jag vill ta del av anbudet." \
	"$U/offentlig/begar")"
grep -q "din begäran är mottagen" "$T/done" && pass "the requester gets a number" || fail "receipt"
same "registered as a record in a case of its own" "1" "$(sql "SELECT count(*) FROM document_request")"
same "the request is logged, without who asked" "1" "$(sql "SELECT count(*) FROM event WHERE action = 'request.submit' AND actor = 'public:request'")"
same "an empty request is refused" "422" "$(curl -s -b "$T/jar" -o /dev/null -w '%{http_code}' --data-urlencode "token=$tok" \
	--data-urlencode org=kommun --data-urlencode "meddelande=" "$U/offentlig/begar")"
ok "a request from the shell, with a name" k request submit --message "Protokollen från maj" --name "Jenny Journalist" --contact "jenny@example.org"

curl -s -c "$T/rita" "$U/login" >"$T/login"
lt=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
curl -s -c "$T/rita" -b "$T/rita" -o /dev/null --data-urlencode "login_token=$lt" --data-urlencode username=rita \
	--data-urlencode password=Losenord-for-rita "$U/login"
curl -s -b "$T/rita" "$U/" >"$T/start"
grep -q "Begäran om allmän handling" "$T/start" && grep -q "timmar sedan" "$T/start" && pass "requests wait on the registrar's start page with their age" || fail "start page requests"
same "requests page" "200" "$(curl -s -b "$T/rita" -o "$T/list" -w '%{http_code}' "$U/begaran")"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/list" | head -1)
same "refusing without a legal ground is refused" "422" "$(curl -s -b "$T/rita" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$C" --data-urlencode id=1 --data-urlencode utfall=refused "$U/begaran")"
same "release with masking" "303" "$(curl -s -b "$T/rita" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$C" \
	--data-urlencode id=1 --data-urlencode utfall=released_masked --data-urlencode "lagrum=OSL 31 kap. 16 §" \
	--data-urlencode "motivering=Prisuppgifter är affärshemligheter." "$U/begaran")"
ok "the decision" k request show 1 --json
grep -q '"status": "released_masked"' "$T/out" && pass "decided" || fail "decided"
grep -q "kammarrätten" "$T/out" && pass "the decision says how to appeal" || fail "appeal information"
grep -q "OSL 31 kap. 16 §" "$T/out" && pass "the decision cites the legal ground" || fail "legal ground"
req_case=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["case"])' "$T/out")
same "the request case is closed" "closed" "$(k case show "$req_case" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
same "the decision is an outgoing record" "out" "$(k record show "$req_case-2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["direction"])')"
fails "deciding twice is refused" "already decided" k request decide 1 released
same "handling time is kept" "1" "$(k request list --all --json | python3 -c 'import json,sys; print(sum(1 for q in json.load(sys.stdin) if q["hours"] >= 0 and q["status"] != "new"))')"
ok "refusal from the shell" k request decide 2 refused --legal-ground "OSL 21 kap. 7 §" --reasoning "Personuppgifter."
same "every step logged" "2" "$(sql "SELECT count(*) FROM event WHERE action = 'request.decide'")"
TL=$(k token add lasse robot --days 1)
same "a reader may not see requests" "403" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TL" "$U/api/v1/requests")"
TR=$(k token add rita robot --days 1)
same "API lists requests" "200" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TR" "$U/api/v1/requests?all=1")"
ok "verify" k verify
