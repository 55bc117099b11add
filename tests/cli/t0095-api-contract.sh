#!/bin/sh
# t0095 — the API answers as its OpenAPI document says. The document is
# valid OpenAPI 3.1 (swagger-parser); then a municipality's year runs
# through the API alone — a case opened and its letter registered, a file
# added, lists and search, a committee's board, meeting, minutes and
# decision, the notice board, a request for public documents decided, the
# retention schedule, a legal hold, a delivery to the e-archive, and years
# later a disposal run — together with the refusals (400, 401, 403, 404,
# 405, 409, 413, 415, 422, 429) and the conditional GET (ETag, 304). Every request and answer is recorded by the
# server (KANSLI_API_RECORD) and checked against the document with ajv
# (tests/api/contract.mjs): an undeclared status, content type or field,
# or a missing required one, fails; so does an operation never answered
# with success. The reference page /api/v1/docs is checked too.
TEST_NAME=api-contract
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
A="$(cd "$(dirname "$0")/../api" && pwd)"

if [ ! -d "$A/node_modules/ajv" ] || [ ! -d "$A/node_modules/@apidevtools/swagger-parser" ]; then
	(cd "$A" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/api ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
export KANSLI_API_RECORD="$T/api.jsonl"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
k class add 3.2.1 "Bygglov" >/dev/null
k unit add SBF "Samhällsbyggnadsförvaltningen" >/dev/null
for u in reg:registrator hand:handlaggare sekr:namndsekreterare arkiv1:arkivarie arkiv2:arkivarie anna:lasare \
	bengt:lasare admin:administrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
TREG=$(k token add reg reg --days 366)
THAND=$(k token add hand hand --days 366)
TSEKR=$(k token add sekr sekr --days 366)
TA1=$(k token add arkiv1 a1 --days 366)
TA2=$(k token add arkiv2 a2 --days 366)
TANNA=$(k token add anna anna --days 366)
TBENGT=$(k token add bengt bengt --days 366)
TADM=$(k token add admin admin --days 366)
web_serve

# api TOKEN METHOD PATH [CURL ARGS...]: the status; the answer in $T/body.
api() {
	tok=$1 m=$2 p=$3; shift 3
	case $p in *\?*) sep='&' ;; *) sep='?' ;; esac
	curl -s -o "$T/body" -w '%{http_code}' -X "$m" ${tok:+-H "Authorization: Bearer $tok"} "$@" "$U/api/v1$p${sep}org=kommun"
}
# post TOKEN PATH JSON: a JSON body.
post() { api "$1" POST "$2" -H 'Content-Type: application/json' --data-binary "$3"; }
# val EXPR: a value out of the last answer (d is the document).
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
slug() { echo "$1" | tr ' /' '--'; }

# The document and its page.
same "the document is served to anyone" "200" "$(api "" GET /openapi.json)"
cp "$T/body" "$T/openapi.json"
same "it is OpenAPI 3.1" "3.1.0" "$(val 'd["openapi"]')"
same "the reference page is served to anyone" "200" "$(code -D "$T/docs.head" "$U/api/v1/docs")"
has "the page lists the operations" 'id="op-registerRecord"'
has "the page lists the schemas" 'id="schema-Record"'
hasnt "the page has no script" "<script"
hasnt "the page has no inline style" "style="
grep -qi "^content-security-policy: default-src 'none'" "$T/docs.head" && pass "the page is under the strict CSP" \
	|| fail "the page's CSP"

# Registration: who I am, a case, its first letter, a file.
same "me" "200" "$(api "$TREG" GET /me)"
same "no token is 401" "401" "$(api "" GET /cases)"
same "a wrong token is 401" "401" "$(api "not-a-token" GET /cases)"
same "open a case" "201" "$(post "$TREG" /cases '{"series":"KS","title":"Bygglov för garage, Storgatan 1","class":"3.2.1","unit":"SBF"}')"
c1=$(val 'd["number"]')
same "open a second case" "201" "$(post "$TREG" /cases '{"series":"KS","title":"Detaljplan för Norra hamnen"}')"
c2=$(val 'd["number"]')
same "a case with a protected title" "201" "$(post "$TREG" /cases '{"series":"KS","title":"Stöd till Karin Zebrafink","public_title":"Stöd enligt SoL"}')"
c3=$(val 'd["number"]')
same "malformed JSON is 400" "400" "$(post "$TREG" /cases '{"series":')"
same "a reader may not open cases (403)" "403" "$(post "$TANNA" /cases '{"series":"KS","title":"X"}')"
same "a case without a title is 422" "422" "$(post "$TREG" /cases '{"series":"KS"}')"
same "the refusal names the field" "title" "$(val 'd["error"].get("field","")')"
same "text/plain is 415" "415" "$(api "$TREG" POST /cases -H 'Content-Type: text/plain' --data-binary 'x')"
same "an oversize body is 413" "413" "$(head -c 2000000 /dev/zero | tr '\0' 'a' | api "$TREG" POST /cases \
	-H 'Content-Type: application/json' --data-binary @-)"
same "an unknown path is 404" "404" "$(api "$TREG" GET /nothing-here)"
same "a wrong method is 405" "405" "$(api "$TREG" DELETE /cases)"
same "register the application" "201" "$(post "$TREG" /records "{\"case\":\"$c1\",\"direction\":\"in\",\"title\":\"Ansökan om bygglov\",\"party\":{\"kind\":\"person\",\"name\":\"Sven Svensson\",\"id\":\"19121212-1212\"},\"doc_type\":\"Ansökan\"}")"
r1=$(val 'd["number"]')
same "register a secret record" "201" "$(post "$TREG" /records "{\"case\":\"$c3\",\"direction\":\"in\",\"title\":\"Utredning\",\"party\":{\"kind\":\"person\",\"name\":\"Karin Zebrafink\"},\"secrecy\":\"partial\",\"legal_ground\":\"OSL 26 kap. 1 §\",\"masked\":\"party,files\",\"text\":\"Hemligt\"}")"
r3=$(val 'd["number"]')
printf 'Ritning över garaget\n' >"$T/ritning.txt"
same "add a file" "201" "$(api "$TREG" POST "/records/$(slug "$r1")/files" -F "file=@$T/ritning.txt" -F "reason=Komplettering")"
same "add a file to the secret record" "201" "$(api "$TREG" POST "/records/$(slug "$r3")/files" -F "file=@$T/ritning.txt")"
same "a file upload as JSON is 415" "415" "$(post "$TREG" "/records/$(slug "$r1")/files" '{}')"
same "a record of an unknown case is 404" "404" "$(post "$TREG" /records '{"case":"KS 2026/0999","direction":"in","title":"X"}')"
same "the record" "200" "$(api "$TREG" GET "/records/$(slug "$r1")")"
same "the file" "200" "$(api "$TREG" GET "/records/$(slug "$r1")/files/ritning.txt")"
same "the secret record, masked to a reader" "200" "$(api "$TANNA" GET "/records/$(slug "$r3")")"
same "its party is masked" "Sekretess enligt OSL 26 kap. 1 §" "$(val 'd["party"]')"
same "its file is masked" "Sekretess enligt OSL 26 kap. 1 §" "$(val 'd["files"][0]["name"]')"
same "the protected case, as a reader sees it" "200" "$(api "$TANNA" GET "/cases/$(slug "$c3")")"
same "the reader sees the public title" "Stöd enligt SoL" "$(val 'd["title"]')"
same "an unknown case is 404" "404" "$(api "$TREG" GET /cases/KS-2026-0999)"
same "list cases" "200" "$(api "$TREG" GET "/cases?status=open&series=KS&year=2026&sort=number&limit=10&offset=0")"
same "a limit out of bounds is 400" "400" "$(api "$TREG" GET "/cases?limit=0")"
same "list records" "200" "$(api "$TREG" GET "/records?direction=in&year=2026&limit=5")"
same "search" "200" "$(api "$TREG" GET "/search?q=garage&order=relevance&limit=5")"
same "parties" "200" "$(api "$TREG" GET "/parties?prefix=Sv")"
same "series" "200" "$(api "$TREG" GET /series)"
same "classes" "200" "$(api "$TREG" GET /classes)"
same "units" "200" "$(api "$TREG" GET /units)"
same "users, for the administrator" "200" "$(api "$TADM" GET /users)"
same "users, not for a registrar (403)" "403" "$(api "$TREG" GET /users)"
same "where requests are filed" "200" "$(api "$TADM" GET /requests/settings)"
same "choose their series and class" "200" "$(post "$TADM" /requests/settings '{"series":"KS","class":"3.2.1"}')"
same "a class that does not exist is 422" "422" "$(post "$TADM" /requests/settings '{"series":"KS","class":"9.9.9"}')"
same "not for a registrar (403)" "403" "$(post "$TREG" /requests/settings '{"series":"AR"}')"
same "audit events" "200" "$(api "$TADM" GET "/events?from=1&limit=50")"
# Webhooks (t0131 tests them whole; here each operation once, and a refusal).
same "subscribe a webhook" "201" "$(post "$TADM" /webhooks '{"url":"http://127.0.0.1:9/hook","events":["case.opened"],"user":"anna"}')"
wh=$(val 'd["id"]')
same "a webhook to plain http elsewhere is 422" "422" "$(post "$TADM" /webhooks '{"url":"http://example.org/","events":["case.opened"],"user":"anna"}')"
same "webhooks" "200" "$(api "$TADM" GET /webhooks)"
same "disable a webhook" "200" "$(api "$TADM" POST "/webhooks/$wh/disable")"
same "enable a webhook" "200" "$(api "$TADM" POST "/webhooks/$wh/enable")"
same "its deliveries" "200" "$(api "$TADM" GET "/webhooks/$wh/deliveries")"
post "$TREG" /cases '{"series":"KS","title":"Ett ärende för webhooken"}' >/dev/null
i=0; until [ -n "$(sql "SELECT max(id) FROM webhook_delivery")" ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
same "replay a delivery" "202" "$(api "$TADM" POST "/webhook-deliveries/$(sql "SELECT max(id) FROM webhook_delivery")/replay")"
same "assign the officer" "200" "$(post "$TREG" "/cases/$(slug "$c1")/changes" '{"officer":"hand"}')"
same "a note" "200" "$(post "$THAND" "/cases/$(slug "$c1")/changes" '{"note":"Grannar hörda."}')"
same "a link" "200" "$(post "$THAND" "/cases/$(slug "$c1")/changes" "{\"link\":\"$c2\"}")"
same "the case" "200" "$(api "$THAND" GET "/cases/$(slug "$c1")")"

# A request for public documents, decided.
k request submit --message "Jag vill läsa ansökan" --document "$r1" --name "Journalist" >/dev/null
same "requests" "200" "$(api "$TREG" GET "/requests?all=1")"
rq=$(val 'd["requests"][0]["id"]')
same "decide the request" "200" "$(post "$TREG" "/requests/$rq/decision" '{"outcome":"released"}')"
same "deciding it again is 409" "409" "$(post "$TREG" "/requests/$rq/decision" '{"outcome":"released"}')"

# The committee: a board, members, a delegated decision, a meeting.
same "add a board" "201" "$(post "$TSEKR" /boards '{"code":"KS","name":"Kommunstyrelsen","kind":"styrelse","series":"KS"}')"
same "the same board again is 409" "409" "$(post "$TSEKR" /boards '{"code":"KS","name":"Kommunstyrelsen","kind":"styrelse","series":"KS"}')"
same "the chair" "201" "$(post "$TSEKR" /boards/KS/members '{"name":"Anna Andersson","role":"ledamot","position":"ordforande","from":"2023-01-01","to":"2026-12-31","party":"S","account":"anna"}')"
chair=$(val 'd["member_id"]')
same "a member" "201" "$(post "$TSEKR" /boards/KS/members '{"name":"Bengt Berg","role":"ledamot","from":"2023-01-01","account":"bengt"}')"
adj=$(val 'd["member_id"]')
same "change a member" "200" "$(post "$TSEKR" "/members/$adj" '{"party":"M"}')"
same "boards" "200" "$(api "$TSEKR" GET /boards)"
same "the board" "200" "$(api "$TSEKR" GET /boards/KS)"
same "the case is ready for decision" "200" "$(post "$THAND" "/cases/$(slug "$c1")/ready" '{"board":"KS"}')"
same "a delegated decision" "201" "$(post "$THAND" /delegations "{\"case\":\"$c2\",\"board\":\"KS\",\"point\":\"3.2\",\"decided_by\":\"Hand Läggare\",\"summary\":\"Yttrande\"}")"
same "delegations" "200" "$(api "$TSEKR" GET "/delegations?board=KS&unreported=1")"
same "plan a meeting" "201" "$(post "$TSEKR" /meetings '{"board":"KS","date":"2026-03-02","time":"13:00","place":"Sessionssalen"}')"
m=$(val 'd["id"]')
same "meetings" "200" "$(api "$TSEKR" GET "/meetings?board=KS")"
same "cases ready for it" "200" "$(api "$TSEKR" GET "/meetings/$m/ready")"
same "the case on the agenda" "201" "$(post "$TSEKR" "/meetings/$m/items" "{\"case\":\"$c1\"}")"
item=$(val '[i["id"] for i in d["items"] if i.get("case")][0]')
same "its record attached" "200" "$(post "$TSEKR" "/items/$item/records" "{\"record\":\"$r1\"}")"
same "the notice sent" "200" "$(post "$TSEKR" "/meetings/$m/notice" '{}')"
same "the notice as PDF" "200" "$(api "$TSEKR" GET "/meetings/$m/notice.pdf")"
same "the chair present" "200" "$(post "$TSEKR" "/meetings/$m/attendance" "{\"member\":$chair,\"status\":\"present\"}")"
same "the adjuster present" "200" "$(post "$TSEKR" "/meetings/$m/attendance" "{\"member\":$adj,\"status\":\"present\"}")"
same "the adjuster chosen" "200" "$(post "$TSEKR" "/meetings/$m/adjusters" "{\"member\":$adj}")"
same "the decision" "200" "$(post "$TSEKR" "/items/$item/decision" '{"text":"Bygglov beviljas."}')"
same "a reservation" "200" "$(post "$TSEKR" "/items/$item/notes" "{\"member\":$adj,\"kind\":\"reservation\",\"text\":\"Mot beslutet\"}")"
same "the minutes drawn up" "200" "$(post "$TSEKR" "/meetings/$m/draw-up" '{}')"
same "the minutes' text" "200" "$(api "$TSEKR" GET "/meetings/$m/minutes.txt")"
same "the chair approves" "201" "$(post "$TANNA" "/meetings/$m/approvals" '{}')"
same "the adjuster approves" "201" "$(post "$TBENGT" "/meetings/$m/approvals" '{}')"
same "the decision dispatched" "200" "$(post "$TSEKR" "/items/$item/dispatch" '{"recipients":["Sven Svensson"]}')"
same "the meeting" "200" "$(api "$TSEKR" GET "/meetings/$m")"
same "the meeting is adjusted" "adjusted" "$(val 'd["status"]')"
same "an unknown change of a meeting is 404" "404" "$(post "$TSEKR" "/meetings/$m/nothing" '{}')"

# The notice board.
same "post the minutes' notice" "201" "$(post "$TSEKR" /notices "{\"kind\":\"minutes\",\"board\":\"KS\",\"title\":\"Protokoll KS 2026-03-16\",\"adjusted\":\"2026-03-02\",\"storage_place\":\"Kommunkansliet\",\"meeting_id\":$m}")"
same "post another notice" "201" "$(post "$TSEKR" /notices '{"kind":"other","board":"KS","title":"Granskning","text":"Planen finns på biblioteket."}')"
n2=$(val 'd["id"]')
same "take it down" "200" "$(post "$TSEKR" "/notices/$n2/take-down" '{"reason":"Fel datum"}')"
same "the notice board" "200" "$(api "$TSEKR" GET /notices)"
same "every notice" "200" "$(api "$TSEKR" GET "/notices?all=1")"
same "archive and all together are 400" "400" "$(api "$TSEKR" GET "/notices?all=1&archive=1")"

# Reminders.
same "set a reminder" "201" "$(post "$THAND" /reminders "{\"case\":\"$c1\",\"username\":\"hand\",\"due_date\":\"2026-03-10\",\"note\":\"Svar senast\"}")"
rm1=$(val 'd["id"]')
same "the reminders" "200" "$(api "$THAND" GET "/reminders?filter=mine")"
same "move it" "200" "$(post "$THAND" "/reminders/$rm1/move" '{"due_date":"2026-03-12","reason":"Anstånd"}')"
same "one reminder" "200" "$(api "$THAND" GET "/reminders/$rm1")"
same "done" "200" "$(api "$THAND" POST "/reminders/$rm1/done")"

# The case is closed; an import; the overview.
same "closing the decided case within its appeal period is 409" "409" "$(post "$THAND" "/cases/$(slug "$c1")/changes" '{"status":"closed"}')"
same "close the decided case, confirmed" "200" "$(post "$THAND" "/cases/$(slug "$c1")/changes" '{"status":"closed","confirm":true}')"
# the other's delegated decision was reported in the same minutes (attack s8 H5)
same "the other case, decided by delegation, asks too" "409" "$(post "$THAND" "/cases/$(slug "$c2")/changes" '{"status":"closed"}')"
same "close the other case, confirmed" "200" "$(post "$THAND" "/cases/$(slug "$c2")/changes" '{"status":"closed","confirm":true}')"
printf 'Diarienummer;Rubrik;Datum;Riktning\nKS 2019/0001;Gammalt ärende;2019-05-01;in\n' >"$T/legacy.csv"
same "import a registry (dry run)" "200" "$(api "$TREG" POST /imports -F "file=@$T/legacy.csv;type=text/csv" -F dry_run=1)"
printf 'Diarienummer\nX\n' >"$T/bad.csv"
same "an import with bad rows is 422" "422" "$(api "$TREG" POST /imports -F "file=@$T/bad.csv;type=text/csv")"
same "the overview" "200" "$(api "$TADM" GET "/overview?year=2026")"

# The archive: the schedule, a hold, a delivery.
same "set a rule" "200" "$(post "$TA1" /retention/schedule '{"class":"3.2.1","action":"gallras","years":2,"decision":"KF 2025-03-12 § 45","keep_registration":true}')"
same "set another rule" "200" "$(post "$TA1" /retention/schedule '{"class":"3.2.1","doc_type":"Kvitto","action":"gallras","years":1,"decision":"RA-FS 2021:6"}')"
same "remove it" "200" "$(post "$TA1" /retention/schedule/removal '{"class":"3.2.1","doc_type":"Kvitto"}')"
same "the schedule" "200" "$(api "$TREG" GET /retention/schedule)"
same "the schedule as CSV" "200" "$(api "$TREG" GET /retention/schedule/csv)"
cp "$T/body" "$T/plan.csv"
same "the schedule from CSV" "200" "$(api "$TA1" POST /retention/schedule/csv -F "file=@$T/plan.csv;type=text/csv")"
same "a registrar may not change it (403)" "403" "$(post "$TREG" /retention/schedule '{"class":"3.2.1","action":"bevaras"}')"
same "place a hold" "201" "$(post "$TA1" /holds "{\"case\":\"$c3\",\"reason\":\"Tvist\"}")"
same "a second hold is 409" "409" "$(post "$TA1" /holds "{\"case\":\"$c3\",\"reason\":\"Igen\"}")"
same "holds" "200" "$(api "$TA1" GET "/holds?all=1")"
same "release it" "200" "$(post "$TA1" "/holds/$(slug "$c3")/release" '{"reason":"Förlikning"}')"
same "deliver the closed case" "200" "$(post "$TA1" /exports "{\"case\":\"$c1\",\"format\":\"zip\"}")"
same "delivering an open case is 409" "409" "$(post "$TA1" /exports "{\"case\":\"$c3\",\"format\":\"tar\"}")"
same "deliveries" "200" "$(api "$TA1" GET /exports)"
pkg=$(val 'd["exports"][0]["package"]')
same "the e-archive's receipt" "201" "$(post "$TA1" "/exports/$pkg/receipt" "{\"received\":\"$(val 'd["exports"][0]["time"][:10]')\",\"reference\":\"EA-1\"}")"
same "a second receipt is 409" "409" "$(post "$TA1" "/exports/$pkg/receipt" '{"received":"2026-01-01","reference":"EA-2"}')"
same "deliveries with the receipt" "200" "$(api "$TA1" GET /exports)"
same "nothing is due yet (409)" "409" "$(api "$TA1" POST /disposals)"
same "due today" "200" "$(api "$TA1" GET /retention/due)"
kill "$pid"; wait "$pid" 2>/dev/null

# Years later: a run proposed, cancelled, proposed again, approved by the
# other archivist, executed.
export KANSLI_NOW=2031-06-01
TA1=$(k token add arkiv1 a1-later --days 30)
TA2=$(k token add arkiv2 a2-later --days 30)
web_serve
same "due years later" "200" "$(api "$TA1" GET /retention/due)"
same "propose a run" "201" "$(api "$TA1" POST /disposals)"
run=$(val 'd["id"]')
same "cancel it" "200" "$(post "$TA1" "/disposals/$run/cancellation" '{"reason":"Fel underlag"}')"
same "propose again" "201" "$(api "$TA1" POST /disposals)"
run=$(val 'd["id"]')
same "the proposer may not approve (403)" "403" "$(api "$TA1" POST "/disposals/$run/approval")"
same "the other archivist approves" "200" "$(api "$TA2" POST "/disposals/$run/approval")"
same "execute it" "200" "$(post "$TA2" "/disposals/$run/execution" '{"series":"AR"}')"
same "executing it again is 409" "409" "$(api "$TA2" POST "/disposals/$run/execution")"
same "the run" "200" "$(api "$TA2" GET "/disposals/$run")"
same "the runs" "200" "$(api "$TA2" GET /disposals)"

# Caching: a GET's ETag is a hash of the answer itself; sent back as
# If-None-Match it gets 304 and no body. Another organisation's work does
# not change it (nothing installation-wide goes into it); a change of the
# answer does.
etag_of() { curl -s -D "$T/head" -o "$T/body" -H "Authorization: Bearer $1" "$U/api/v1$2"; \
	sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$T/head" | tr -d '\r'; }
e1=$(etag_of "$TA2" "/retention/schedule?org=kommun")
same "the ETag is a hash of the answer" "\"$(sha256sum <"$T/body" | cut -c1-32)\"" "$e1"
same "If-None-Match with it is 304, with no body" "304 0" "$(curl -s -o /dev/null -w '%{http_code} %{size_download}' \
	-H "Authorization: Bearer $TA2" -H "If-None-Match: $e1" "$U/api/v1/retention/schedule?org=kommun")"
same "a list of ETags naming it is 304" "304" "$(api "$TA2" GET /retention/schedule -H "If-None-Match: \"x\", W/$e1")"
k org add annan "Annan kommun" >/dev/null
k series add --org annan KS "Kommunstyrelsen" >/dev/null
k case open --org annan --series KS --title "Något i en annan kommun" >/dev/null
same "another organisation's work leaves it as it was" "304" "$(api "$TA2" GET /retention/schedule -H "If-None-Match: $e1")"
post "$TA1" /retention/schedule '{"class":"3.2.1","doc_type":"Beslut","action":"bevaras"}' >/dev/null
same "a change of the answer is a new answer" "200" "$(api "$TA2" GET /retention/schedule -H "If-None-Match: $e1")"
kill "$pid"; wait "$pid" 2>/dev/null

# Rate limits: per token, announced on each answer; over it 429 with
# Retry-After, while another token goes on.
web_serve KANSLI_API_RATE=3
for n in 2 1 0; do
	curl -s -D "$T/head" -o /dev/null -H "Authorization: Bearer $TA1" "$U/api/v1/holds?org=kommun"
	grep -q "^RateLimit: \"token\";r=$n;t=[0-9]*" "$T/head" && pass "RateLimit announces $n calls left" \
		|| fail "RateLimit after a call: $(grep -i '^ratelimit' "$T/head" | tr -d '\r')"
done
grep -q '^RateLimit-Policy: "token";q=3;w=60' "$T/head" && pass "RateLimit-Policy announces the limit" \
	|| fail "RateLimit-Policy: $(grep -i '^ratelimit-policy' "$T/head" | tr -d '\r')"
same "over the limit is 429" "429" "$(api "$TA1" GET /holds -D "$T/head")"
grep -q "^Retry-After: [0-9]" "$T/head" && pass "with Retry-After" || fail "no Retry-After on 429"
same "with the error envelope" "too_many_requests" "$(val 'd["error"]["code"]')"
same "another token goes on" "200" "$(api "$TA2" GET /holds)"
same "the document needs no token and counts none" "200" "$(api "$TA1" GET /openapi.json)"
kill "$pid"; wait "$pid" 2>/dev/null

# An account's life, and the registrar's inbox fed by an e-service.
web_serve
echo "Losenord-for-olof" | k user add olof "Olof Läsare" --password-stdin >/dev/null
k user grant olof lasare --org kommun >/dev/null
echo "Losenord-for-etj" | k user add etj "E-tjänst" --password-stdin >/dev/null
k user grant etj etjanst --org kommun >/dev/null
# tokens of today (2031): those of 2026 have run out
TOLOF=$(k token add olof olof --days 30)
TETJ=$(k token add etj etj --days 30)
TADM=$(k token add admin admin2031 --days 30)
TREG=$(k token add reg reg2031 --days 30)
same "olof changes his password" "200" \
	"$(post "$TOLOF" /me/password '{"current":"Losenord-for-olof","password":"Olofs-nya-losenord"}')"
same "the administrator resets it" "200" "$(post "$TADM" /users/olof/password-reset '{"password":"Satt-av-admin-1"}')"
same "olof logs in with it" "303" "$(login "$T/olof" olof Satt-av-admin-1)"
TOLOF2=$(k token add olof olof2 --days 30)
same "his sessions and tokens" "200" "$(api "$TADM" GET /users/olof/sessions)"
sid=$(val 'd["sessions"][0]["id"]') tid=$(val 'd["tokens"][0]["id"]')
same "a session ended" "200" "$(api "$TADM" POST "/users/olof/sessions/$sid/end")"
same "a token revoked" "200" "$(api "$TADM" POST "/users/olof/tokens/$tid/revoke")"
same "disabled" "200" "$(api "$TADM" POST /users/olof/disable)"
same "enabled" "200" "$(api "$TADM" POST /users/olof/enable)"
same "the accounts nobody uses" "200" "$(api "$TADM" GET "/stale-accounts?days=30")"
intake() { api "$TETJ" POST /intake -H 'Content-Type: application/json' -H "Idempotency-Key: $1" --data-binary "$2"; }
for n in 1 2 3 4 5 6 7; do
	same "an e-service hands in submission $n" "201" \
		"$(intake "t0095-$n" "{\"sender\":\"Eva Ek <eva@example.se>\",\"subject\":\"Ansökan $n\",\"text\":\"Se bilaga.\"}")"
	eval "in$n=\$(val 'd[\"id\"]')"
done
same "the inbox" "200" "$(api "$TREG" GET /intake)"
same "one item" "200" "$(api "$TREG" GET "/intake/$in1")"
same "registered as a new case" "201" "$(post "$TREG" "/intake/$in1/register" '{"series":"KS","case_title":"Ansökan från e-tjänsten"}')"
ic=$(val 'd["record"].rsplit("-", 1)[0]')
same "one not to be registered" "200" "$(post "$TREG" "/intake/$in2/reject" '{"reason":"spam"}')"
same "one forwarded" "200" "$(post "$TREG" "/intake/$in3/forward" '{"unit":"SBF"}')"
same "one forwarded to the officer" "200" "$(post "$TREG" "/intake/$in4/forward" '{"user":"hand"}')"
THAND=$(k token add hand hand2031 --days 30)
same "who sends it back" "200" "$(post "$THAND" "/intake/$in4/send-back" '{"note":"Inte min"}')"
same "two joined into one record" "201" \
	"$(post "$TREG" /intake/join "{\"items\":[$in5,$in6],\"series\":\"KS\",\"case_title\":\"Två ansökningar\",\"title\":\"Två mejl\"}")"
same "an e-service hands in two attachments" "201" "$(intake t0095-8 '{"sender":"Eva Ek <eva@example.se>","subject":"Två ärenden","text":"Se bilagorna.","attachments":[{"name":"a.txt","content_base64":"QmlsYWdhIEE="},{"name":"b.txt","content_base64":"QmlsYWdhIEI="}]}')"
in8=$(val 'd["id"]')
same "split into two records" "201" "$(post "$TREG" "/intake/$in8/split" "{\"parts\":[{\"case\":\"$ic\",\"title\":\"Bilaga A\",\"attachments\":[1]},{\"case\":\"$ic\",\"title\":\"Bilaga B\",\"attachments\":[2]}]}")"
same "the inbox watched" "200" "$(api "$TREG" GET /intake/watch)"
same "its days set" "200" "$(post "$TREG" /intake/settings '{"unopened_days":3}')"
kill "$pid"; wait "$pid" 2>/dev/null

# Every answer above, against the document.
node "$A/contract.mjs" "$TEST_NAME" "$T/openapi.json" "$KANSLI_API_RECORD" --cover

# The check can fail: the same traffic against a document that leaves out
# a field the answers carry, a status they have, and a required field they
# lack, is refused on each count.
python3 - "$T/openapi.json" "$T/tampered.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["components"]["schemas"]
del s["Case"]["properties"]["audit_trail"]                      # a field not declared
del d["paths"]["/cases"]["post"]["responses"]["201"]            # a status not declared
s["Board"]["required"].append("chairman")                      # a required field missing
s["Board"]["properties"]["chairman"] = {"type": "string"}
json.dump(d, open(sys.argv[2], "w"))
PY
node "$A/contract.mjs" tampered "$T/tampered.json" "$KANSLI_API_RECORD" >"$T/tampered.out"
grep -q "^FAIL tampered: GET /cases/{case} 200: .*must NOT have additional properties" "$T/tampered.out" \
	&& pass "an undeclared field fails the check" || fail "an undeclared field passed: $(head -c 300 "$T/tampered.out")"
grep -q "^FAIL tampered: POST /cases 201: status 201 is not declared" "$T/tampered.out" \
	&& pass "an undeclared status fails the check" || fail "an undeclared status passed"
grep -q "^FAIL tampered: GET /boards/{code} 200: .*must have required property 'chairman'" "$T/tampered.out" \
	&& pass "a missing required field fails the check" || fail "a missing required field passed"
