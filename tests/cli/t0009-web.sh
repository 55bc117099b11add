#!/bin/sh
# t0009 — the staff web application and the JSON API over real HTTP:
# log in, register an incoming letter with a file, find it, open the case,
# download the file, close the case; CSRF, limits, errors, tokens, roles.
TEST_NAME=web
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
k org add alby "Alby kommun" >/dev/null
k org add bro "Bro kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
k series add --org bro KS "Kommunstyrelsen" >/dev/null
k class add --org alby 3.2.1 "Bygglov" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
echo "Losenord-for-adam" | k user add adam "Adam Admin" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
k user grant lasse lasare --org alby >/dev/null
k user grant adam administrator --org alby >/dev/null
k case open --org bro --series KS --title "Bros första ärende" >/dev/null
bro_case=$(k case open --org bro --series KS --title "Bros hemliga ärende")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
# login JAR USER PASSWORD: prints the HTTP status of the login POST
login() {
	curl -s -c "$1" -b "$1" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	curl -s -c "$1" -b "$1" -o /dev/null -w '%{http_code}' --data-urlencode "login_token=$tok" \
		--data-urlencode "username=$2" --data-urlencode "password=$3" "$U/login"
}
csrf() { curl -s -b "$1" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1; }

same "not logged in: start page redirects to login" "303" "$(code "$U/")"
same "wrong password is refused" "401" "$(login "$T/bad" rita fel-losenord)"
same "login" "303" "$(login "$T/rita" rita Losenord-for-rita)"
grep -q "^#HttpOnly_127.0.0.1.*kansli" "$T/rita" && pass "session cookie is HttpOnly" || fail "session cookie is HttpOnly"
same "start page after login" "200" "$(code -b "$T/rita" "$U/")"
grep -q "Välkommen, Rita Registrator" "$T/body" && pass "start page greets the user" || fail "start page greets"
C=$(csrf "$T/rita")
[ ${#C} -eq 64 ] && pass "forms carry a CSRF token" || fail "forms carry a CSRF token"

printf '%%PDF-1.4\n%% an application\n' >"$T/ansokan.pdf"
same "register without CSRF token is refused" "403" "$(code -b "$T/rita" -F org=alby -F riktning=in \
	-F rubrik=X -F ny_serie=KS -F ny_rubrik=Y "$U/registrera")"
same "register an incoming letter with a file in a new case" "303" "$(code -b "$T/rita" -D "$T/h" \
	-F "csrf=$C" -F org=alby -F ny_serie=KS -F "ny_rubrik=Bygglov för garage" -F klass=3.2.1 \
	-F riktning=in -F datum=2026-11-20 -F part_typ=person -F "part_namn=Sven Svensson" \
	-F part_id=19121212-1212 -F "rubrik=Ansökan om bygglov" -F "fil=@$T/ansokan.pdf;filename=Ansökan garage.pdf" \
	"$U/registrera")"
loc=$(sed -n 's/^Location: //p' "$T/h" | tr -d '\r')
echo "$loc" | grep -q "Registrerad%20som%20KS%20" && pass "the new number is shown at once" || fail "new number shown: $loc"
num=$(k case list --org alby --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["number"])')
same "case list page" "200" "$(code -b "$T/rita" "$U/arenden?org=alby&serie=KS")"
grep -q "Bygglov för garage" "$T/body" && pass "the case is in the list" || fail "the case is in the list"
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$num")
same "case page" "200" "$(code -b "$T/rita" "$U/arende?org=alby&nr=$enc")"
grep -q "Ansökan om bygglov" "$T/body" && pass "case page lists the record" || fail "case page lists the record"
grep -q "En handling registrerades av " "$T/body" && pass "case page shows the audit trail" || fail "case page audit trail"
curl -s -b "$T/rita" -D "$T/h" -o "$T/dl" "$U/fil?org=alby&nr=$enc-1&namn=Ans%C3%B6kan%20garage.pdf"
cmp -s "$T/dl" "$T/ansokan.pdf" && pass "file downloads unchanged" || fail "file downloads unchanged"
grep -qi "content-disposition: attachment; filename=\"Ans__kan garage.pdf\"; filename\*=UTF-8''Ans%C3%B6kan%20garage.pdf" "$T/h" \
	&& pass "Content-Disposition carries the UTF-8 name" || fail "Content-Disposition: $(grep -i disposition "$T/h")"
grep -qi "content-type: application/pdf" "$T/h" && pass "type sniffed from content" || fail "type sniffed: $(grep -i content-type "$T/h")"
same "CSV export" "200" "$(code -b "$T/rita" "$U/arenden?org=alby&format=csv")"
grep -q "^Diarienummer;Rubrik" "$T/body" 2>/dev/null || sed -n 1p "$T/body" | grep -q "Diarienummer;Rubrik"
[ $? -eq 0 ] && pass "CSV has a header" || fail "CSV header"
grep -q "Bygglov för garage" "$T/body" && pass "CSV has the case" || fail "CSV has the case"
same "write a note" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=anteckna --data-urlencode "anteckning=Kompletteras <snart>" "$U/arende")"
code -b "$T/rita" "$U/arende?org=alby&nr=$enc" >/dev/null
grep -q "Kompletteras &lt;snart&gt;" "$T/body" && pass "note shown, escaped" || fail "note shown, escaped"
same "records list" "200" "$(code -b "$T/rita" "$U/handlingar?org=alby&riktning=in&fran=2026-11-01")"
grep -q "Ansökan om bygglov" "$T/body" && pass "records list filters by direction and date" || fail "records list"
same "records list, other direction" "200" "$(code -b "$T/rita" "$U/handlingar?org=alby&riktning=out")"
grep -q "Ansökan om bygglov" "$T/body" && fail "direction filter excludes" || pass "direction filter excludes"
same "records CSV" "200" "$(code -b "$T/rita" "$U/handlingar?org=alby&format=csv")"
same "close the case" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=avsluta --data-urlencode bekrafta=ja "$U/arende")"
same "case is closed" "closed" "$(k case show --org alby "$num" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
same "bad due date is 422" "422" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=bevaka --data-urlencode bevakning=2026-02-30 "$U/arende")"
grep -q "Bevakningsdatum har fel form" "$T/body" && pass "error page in Swedish" || fail "error page in Swedish"
same "another organisation's case is not found" "404" "$(code -b "$T/rita" "$U/arende?org=alby&nr=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$bro_case")")"
same "another organisation is forbidden" "403" "$(code -b "$T/rita" "$U/arenden?org=bro")"
same "administration is forbidden for a registrar" "403" "$(code -b "$T/rita" "$U/admin?org=alby")"
same "unknown page is 404" "404" "$(code -b "$T/rita" "$U/nope")"
head -c 52428900 /dev/zero >"$T/big"
same "oversize upload is 413" "413" "$(code -b "$T/rita" -F "csrf=$C" -F "fil=@$T/big" "$U/registrera")"
rm -f "$T/big"

same "admin logs in" "303" "$(login "$T/adam" adam Losenord-for-adam)"
same "admin page" "200" "$(code -b "$T/adam" "$U/admin?org=alby")"
CA=$(csrf "$T/adam")
same "admin adds a series" "303" "$(code -b "$T/adam" --data-urlencode "csrf=$CA" --data-urlencode org=alby \
	--data-urlencode vad=serie --data-urlencode kod=BUN --data-urlencode "namn=Barn- och utbildningsnämnden" "$U/admin")"
same "series added" "BUN" "$(k series list --org alby | grep -o BUN)"
same "admin adds a user" "303" "$(code -b "$T/adam" --data-urlencode "csrf=$CA" --data-urlencode org=alby \
	--data-urlencode vad=anvandare --data-urlencode kod=hanna --data-urlencode "namn=Hanna Handläggare" \
	--data-urlencode losenord=Losenord-for-hanna --data-urlencode roll=handlaggare "$U/admin")"
same "new user can log in" "303" "$(login "$T/hanna" hanna Losenord-for-hanna)"

same "reader logs in" "303" "$(login "$T/lasse" lasse Losenord-for-lasse)"
CL=$(csrf "$T/lasse")
same "reader may not register" "403" "$(code -b "$T/lasse" -F "csrf=$CL" -F org=alby -F ny_serie=KS \
	-F ny_rubrik=X -F riktning=in -F rubrik=X "$U/registrera")"

# sessions: a second login, then "log out other sessions"
same "second session" "303" "$(login "$T/rita2" rita Losenord-for-rita)"
same "session list" "200" "$(code -b "$T/rita" "$U/sessioner")"
same "two sessions listed" "2" "$(grep -c '<tr><td>' "$T/body")"
same "log out other sessions" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" "$U/sessioner/avsluta-andra")"
same "the other session is gone" "303" "$(code -b "$T/rita2" "$U/")"
same "this session lives" "200" "$(code -b "$T/rita" "$U/")"
same "logout" "303" "$(code -b "$T/rita" -c "$T/rita" --data-urlencode "csrf=$C" "$U/logout")"
same "logged out" "303" "$(code -b "$T/rita" "$U/")"

# API
TOKEN=$(k token add rita "test-robot" --days 1)
A="Authorization: Bearer $TOKEN"
same "API without credentials is 401" "401" "$(code "$U/api/v1/cases?org=alby")"
grep -q '"error":{"code":"unauthorized"' "$T/body" && pass "API error shape" || fail "API error shape: $(cat "$T/body")"
same "API list cases" "200" "$(code -H "$A" "$U/api/v1/cases?org=alby")"
grep -q '"total":1' "$T/body" && pass "API total" || fail "API total: $(head -c 200 "$T/body")"
same "API open case" "201" "$(code -H "$A" -H 'Content-Type: application/json' \
	-d '{"series":"KS","title":"Medborgarförslag om parkbänkar"}' "$U/api/v1/cases?org=alby")"
api_num=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["number"])' "$T/body")
slug=$(echo "$api_num" | tr ' /' '--')
same "API register record" "201" "$(code -H "$A" -H 'Content-Type: application/json' \
	-d "{\"case\":\"$api_num\",\"direction\":\"in\",\"title\":\"Förslag\",\"party\":{\"kind\":\"person\",\"name\":\"Eva\",\"id\":\"19800409-8276\"}}" \
	"$U/api/v1/records?org=alby")"
printf 'Bilaga till förslaget\n' >"$T/bilaga.txt"
same "API upload a file" "201" "$(code -H "$A" -F "file=@$T/bilaga.txt;filename=Bilaga 1.txt" -F "reason=Bilaga inkom" "$U/api/v1/records/$slug-1/files?org=alby")"
grep -q '"version":2' "$T/body" && pass "upload makes a new version" || fail "upload makes a new version"
same "API download the file" "200" "$(code -H "$A" "$U/api/v1/records/$slug-1/files/Bilaga%201.txt?org=alby")"
cmp -s "$T/body" "$T/bilaga.txt" && pass "API file round trip" || fail "API file round trip"
same "API upload without multipart is 415" "415" "$(code -H "$A" -H 'Content-Type: application/json' -d '{}' "$U/api/v1/records/$slug-1/files?org=alby")"
same "API show record" "200" "$(code -H "$A" "$U/api/v1/records/$slug-1?org=alby")"
same "API show case" "200" "$(code -H "$A" "$U/api/v1/cases/$slug?org=alby")"
same "API malformed JSON is 400" "400" "$(code -H "$A" -H 'Content-Type: application/json' -d '{"series":' "$U/api/v1/cases?org=alby")"
grep -q "malformed JSON at line 1" "$T/body" && pass "400 names the problem" || fail "400 names the problem"
same "API wrong content type is 415" "415" "$(code -H "$A" -H 'Content-Type: text/plain' -d 'x' "$U/api/v1/cases?org=alby")"
same "API invalid personnummer is 422" "422" "$(code -H "$A" -H 'Content-Type: application/json' \
	-d "{\"case\":\"$api_num\",\"direction\":\"in\",\"title\":\"X\",\"party\":{\"kind\":\"person\",\"name\":\"E\",\"id\":\"19800409-8277\"}}" \
	"$U/api/v1/records?org=alby")"
same "API unknown case is 404" "404" "$(code -H "$A" "$U/api/v1/cases/KS-2026-9999?org=alby")"
same "API closing twice is 409" "200" "$(code -H "$A" -H 'Content-Type: application/json' -d '{"status":"closed"}' "$U/api/v1/cases/$slug/changes?org=alby")"
same "API closing twice is 409 (second)" "409" "$(code -H "$A" -H 'Content-Type: application/json' -d '{"status":"closed"}' "$U/api/v1/cases/$slug/changes?org=alby")"
same "API other organisation is 403" "403" "$(code -H "$A" "$U/api/v1/cases?org=bro")"
same "API users needs administrator" "403" "$(code -H "$A" "$U/api/v1/users?org=alby")"
same "API oversize body is 413" "413" "$(head -c 2000000 /dev/zero | tr '\0' 'a' | curl -s -o /dev/null -w '%{http_code}' -H "$A" -H 'Content-Type: application/json' --data-binary @- "$U/api/v1/cases?org=alby")"
same "API wrong method is 405" "405" "$(code -X DELETE -H "$A" "$U/api/v1/cases?org=alby")"
same "session API POST without CSRF header is 403" "403" "$(login "$T/rita3" rita Losenord-for-rita >/dev/null; code -b "$T/rita3" -H 'Content-Type: application/json' -d '{"series":"KS","title":"X"}' "$U/api/v1/cases?org=alby")"
same "OpenAPI document" "200" "$(code "$U/api/v1/openapi.json")"
python3 - "$T/body" "$U" "$TOKEN" "$slug" <<'PY' && pass "every OpenAPI path is a real route" || fail "OpenAPI paths vs routes"
import json, sys, urllib.request, urllib.error
doc = json.load(open(sys.argv[1])); base, token, slug = sys.argv[2], sys.argv[3], sys.argv[4]
assert doc["openapi"].startswith("3."), "not OpenAPI 3"
bad = []
for path, item in doc["paths"].items():
    for method in item:
        url = base + "/api/v1" + path.replace("{case}", slug).replace("{record}", slug + "-1").replace("{name}", "x")
        req = urllib.request.Request(url + ("?org=alby" if "?" not in url else ""), method=method.upper(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
                                     data=b"{}" if method == "post" else None)
        try:
            urllib.request.urlopen(req)
        except urllib.error.HTTPError as e:
            body = json.loads(e.read() or b"{}")
            if e.code == 404 and body.get("error", {}).get("code") == "not_found" and "no such API path" in body["error"]["message"]:
                bad.append(method + " " + path)
            if e.code == 405:
                bad.append(method + " " + path)
sys.exit(1 if bad else 0)
PY
k token revoke 1 >/dev/null
same "revoked token is refused" "401" "$(code -H "$A" "$U/api/v1/cases?org=alby")"
same "metrics are not the public's (staff work would show in them)" "303" "$(code "$U/metrics")"
login "$T/metrics" rita Losenord-for-rita >/dev/null
same "nor a registrar's: they count every organisation's staff" "403" "$(code -b "$T/metrics" "$U/metrics")"
echo "Losenord-for-ivar" | k user add ivar "Ivar IT" --password-stdin >/dev/null
for o in $(sql "SELECT code FROM organisation"); do k user grant ivar administrator --org "$o" >/dev/null; done
login "$T/metrics-ivar" ivar Losenord-for-ivar >/dev/null
same "metrics for an administrator of every organisation" "200" "$(code -b "$T/metrics-ivar" "$U/metrics")"
grep -q '^kansli_http_requests_total{class="2xx"} [1-9]' "$T/body" && pass "metrics count requests" || fail "metrics count requests"
grep -q '^kansli_registrations_total 2' "$T/body" && pass "metrics count registrations" || fail "metrics registrations: $(grep registrations_total "$T/body")"

# idle and absolute timeouts
same "fresh login for timeouts" "303" "$(login "$T/idle" rita Losenord-for-rita)"
sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "UPDATE session SET last_seen_us = last_seen_us - 31 * 60 * 1000000 WHERE ended_us IS NULL AND user_id = (SELECT id FROM app_user WHERE username = 'rita')"
same "idle 31 minutes: logged out" "303" "$(code -b "$T/idle" "$U/")"
same "fresh login again" "303" "$(login "$T/abs" rita Losenord-for-rita)"
sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "UPDATE session SET created_us = created_us - 12 * 3600 * 1000000 - 1 WHERE ended_us IS NULL AND user_id = (SELECT id FROM app_user WHERE username = 'rita')"
same "12 hours after login: logged out, however active" "303" "$(code -b "$T/abs" "$U/")"
same "login after the timeouts gets a new session id" "303" "$(login "$T/abs" rita Losenord-for-rita)"

# throttling: 100 failed logins in an hour from this address lock it out for
# the hour (t0042 shows the real user from another address still gets in)
i=0
while [ $i -lt 100 ]; do sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "INSERT INTO login_failure(username, ts_us, address) VALUES('lasse', $(date +%s)000000, '127.0.0.1')"; i=$((i + 1)); done
same "101st attempt is throttled even with the right password" "429" "$(login "$T/l2" lasse Losenord-for-lasse)"
ok "verify after the web session" k verify
