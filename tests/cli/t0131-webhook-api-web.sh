#!/bin/sh
# t0131 — webhooks through the API and the administration page: an
# administrator subscribes (the secret in that answer only), a reader may
# not; bad input is a 422 naming the field (a refused form comes back
# whole, in Swedish) and changes nothing; the server delivers what the API
# registers, signed; the delivery log shows each attempt; disable, enable
# and replay; every API answer is checked against the OpenAPI document.
TEST_NAME=webhook-api-web
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"
export KANSLI_API_RECORD="$T/api.jsonl"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k org add stad "Staden" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k series add --org stad BN "Byggnämnden" >/dev/null
for u in anna:administrator rita:registrator lasse:lasare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" --org kommun >/dev/null
done
echo "Losenord-for-sven" | k user add sven "Sven" --password-stdin >/dev/null
k user grant sven administrator --org stad >/dev/null
k webhook add --org stad "https://example.org/stad" --events case.opened --as sven >/dev/null
TANNA=$(k token add anna a --days 30); TRITA=$(k token add rita r --days 30); TLASSE=$(k token add lasse l --days 30)
receiver_start r
web_serve KANSLI_WEBHOOK_POLL_MS=100
receiver_trap

api() {
	tok=$1 m=$2 p=$3; shift 3
	case $p in *\?*) sep='&' ;; *) sep='?' ;; esac
	curl -s -o "$T/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $tok" "$@" "$U/api/v1$p${sep}org=kommun"
}
post() { api "$1" POST "$2" -H 'Content-Type: application/json' --data-binary "$3"; }
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
state() { echo "$(sql "SELECT count(*) FROM webhook_subscription")/$(sql "SELECT count(*) FROM event")"; }

# --- the API
before=$(state)
same "a reader may not subscribe (403)" "403" "$(post "$TLASSE" /webhooks "{\"url\":\"http://127.0.0.1:$RPORT/\",\"events\":[\"case.opened\"],\"user\":\"lasse\"}")"
same "nor a registrar" "403" "$(post "$TRITA" /webhooks "{\"url\":\"http://127.0.0.1:$RPORT/\",\"events\":[\"case.opened\"],\"user\":\"rita\"}")"
same "plain http to another host is 422" "422" "$(post "$TANNA" /webhooks '{"url":"http://example.org/","events":["case.opened"],"user":"rita"}')"
same "... naming the field and why" "url format" "$(val 'd["error"]["field"] + " " + d["error"]["reason"]')"
same "an unknown event type is 422" "422" "$(post "$TANNA" /webhooks '{"url":"https://example.org/","events":["case.opend"],"user":"rita"}')"
same "... naming the field" "events choice" "$(val 'd["error"]["field"] + " " + d["error"]["reason"]')"
same "events that are not a list are 400" "400" "$(post "$TANNA" /webhooks '{"url":"https://example.org/","events":"case.opened","user":"rita"}')"
same "a user of another organisation is 422" "422" "$(post "$TANNA" /webhooks '{"url":"https://example.org/","events":["case.opened"],"user":"sven"}')"
same "refusals changed nothing" "$before" "$(state)"
same "the administrator subscribes" "201" "$(post "$TANNA" /webhooks "{\"url\":\"http://127.0.0.1:$RPORT/api\",\"events\":[\"case.opened\",\"record.registered\"],\"user\":\"lasse\"}")"
val 'd["secret"]' >"$T/r/secrets"
wh=$(val 'd["id"]')
same "... the answer has the secret and the subscription" "whsec_ lasse True" "$(val 'd["secret"][:6] + " " + d["webhook"]["user"] + " " + str(d["webhook"]["active"])')"
same "the list" "200" "$(api "$TANNA" GET /webhooks)"
grep -q whsec_ "$T/body" && fail "the list shows a secret" || pass "the list shows no secret"
same "... only this organisation's" "1" "$(val 'len(d["webhooks"])')"
same "a reader may not list them" "403" "$(api "$TLASSE" GET /webhooks)"
same "open a case through the API" "201" "$(post "$TRITA" /cases '{"series":"KS","title":"Nytt ärende"}')"
i=0; until [ "$(cat "$T/r/count" 2>/dev/null)" = 1 ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
same "the server delivered it, signed" "case.opened case verified new 200" "$(received r | awk '{print $1, $2, $3, $4, $5}')"
same "the delivery log" "200" "$(api "$TANNA" GET "/webhooks/$wh/deliveries")"
same "... one delivery, one attempt, 200" "delivered 1 200" "$(val 'd["deliveries"][0]["status"] + " " + str(len(d["deliveries"][0]["attempt_log"])) + " " + str(d["deliveries"][0]["attempt_log"][0]["status"])')"
same "another organisation's webhook is not found" "404" "$(api "$TANNA" POST /webhooks/1/disable)"
same "nor a webhook that does not exist" "404" "$(api "$TANNA" GET /webhooks/99/deliveries)"
same "disable" "200" "$(api "$TANNA" POST "/webhooks/$wh/disable")"
same "... answers the subscription, disabled" "False" "$(val 'd["active"]')"
same "enable" "200" "$(api "$TANNA" POST "/webhooks/$wh/enable")"
dv=$(sql "SELECT max(id) FROM webhook_delivery")
same "replay" "202" "$(api "$TANNA" POST "/webhook-deliveries/$dv/replay")"
i=0; until [ "$(wc -l <"$T/r/log")" -ge 2 ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
same "... sent again with the same id, a duplicate to the receiver" "dup" "$(received r | tail -n 1 | awk '{print $4}')"
same "a reader may not replay" "403" "$(api "$TLASSE" POST "/webhook-deliveries/$dv/replay")"

# --- the administration page
same "login" "303" "$(login "$T/anna" anna Losenord-for-anna)"
same "the page" "200" "$(code -b "$T/anna" "$U/admin/webhooks?org=kommun")"
has "it lists the subscription" "http://127.0.0.1:$RPORT/api"
has "with the delivery log" "HTTP 200"
has "a form for a new one" "Ny webhook"
same "the administration page links to it" "200" "$(code -b "$T/anna" "$U/admin?org=kommun")"
has "... the link" "/admin/webhooks?org=kommun"
code -b "$T/anna" "$U/admin/webhooks?org=kommun" >/dev/null
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
F=$(sed -n 's/.*name="formsida" value="\([^"]*\)".*/\1/p' "$T/body" | head -1)
before=$(state)
same "without the CSRF token: refused" "403" "$(code -b "$T/anna" --data-urlencode org=kommun --data-urlencode atgard=ny \
	--data-urlencode "adress=http://127.0.0.1:$RPORT/web" --data-urlencode handelse=case.opened --data-urlencode anvandare=rita "$U/admin/webhooks")"
same "a plain-http address elsewhere: the form comes back" "422" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode "formsida=$F" \
	--data-urlencode org=kommun --data-urlencode atgard=ny --data-urlencode "adress=http://example.org/web" \
	--data-urlencode handelse=case.closed --data-urlencode anvandare=rita "$U/admin/webhooks")"
has "... saying what is wrong, in Swedish" "Adress (URL) har fel form"
has "... with the address sent" 'value="http://example.org/web"'
grep -q 'value="case.closed" checked' "$T/body" && pass "... and the event chosen" || fail "the event box was not kept"
same "... and nothing changed" "$before" "$(state)"
same "no event type: refused" "422" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode "formsida=$F" \
	--data-urlencode org=kommun --data-urlencode atgard=ny --data-urlencode "adress=https://example.org/web" \
	--data-urlencode anvandare=rita "$U/admin/webhooks")"
has "... saying so" "Händelser saknas"
st=$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode "formsida=$F" \
	--data-urlencode org=kommun --data-urlencode atgard=ny --data-urlencode "adress=http://127.0.0.1:$RPORT/web" \
	--data-urlencode handelse=case.opened --data-urlencode anvandare=rita "$U/admin/webhooks")
same "the administrator may not name a user who may read secrets" "4" "${st%??}"
same "... and nothing changed" "$before" "$(state)"
same "a webhook added on the page" "200" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode "formsida=$F" \
	--data-urlencode org=kommun --data-urlencode atgard=ny --data-urlencode "adress=http://127.0.0.1:$RPORT/web" \
	--data-urlencode handelse=case.opened --data-urlencode handelse=case.closed --data-urlencode anvandare=lasse "$U/admin/webhooks")"
has "... shows its secret this once" "visas bara nu"
sed -n 's/.*<code>\(whsec_[^<]*\)<\/code>.*/\1/p' "$T/body" >>"$T/r/secrets"
same "... one secret on the page" "2" "$(wc -l <"$T/r/secrets" | tr -d ' ')"
same "... and not again" "200" "$(code -b "$T/anna" "$U/admin/webhooks?org=kommun")"
hasnt "... on the next visit" "whsec_"
post "$TRITA" /cases '{"series":"KS","title":"Ärende två"}' >/dev/null
i=0; until [ "$(cat "$T/r/count" 2>/dev/null)" -ge 3 ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
same "both subscriptions got it, each verified with its own secret" "0 3" "$(received r | grep -c UNVERIFIED) $(cat "$T/r/count")"
wh2=$(sql "SELECT max(id) FROM webhook_subscription")
same "disable on the page" "303" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode atgard=stang --data-urlencode "id=$wh2" "$U/admin/webhooks")"
same "... disabled" "0" "$(sql "SELECT active FROM webhook_subscription WHERE id = $wh2")"
same "a bad id: refused" "422" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode atgard=oppna --data-urlencode "id=x" "$U/admin/webhooks")"
same "replay on the page" "303" "$(code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode atgard=skicka --data-urlencode "id=1" "$U/admin/webhooks")"
same "a reader's login" "303" "$(login "$T/lasse" lasse Losenord-for-lasse)"
same "a reader may not see the page" "403" "$(code -b "$T/lasse" "$U/admin/webhooks?org=kommun")"
kill "$pid"; wait "$pid" 2>/dev/null

sh "$(dirname "$0")/../api/check-record" "$KANSLI_API_RECORD" "$TEST_NAME"
