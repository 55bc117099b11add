#!/bin/sh
# t0145 — the API's kept answers for Idempotency-Key hold no secret in the
# clear (an outside review's find): a registrar reads back a secret
# record by registering it, an administrator subscribes a webhook, both
# with a key; someone with a copy of the database (sqlite3) finds in
# api_idempotency neither the record's title and party nor the signing
# secret. A replay still answers the same, the webhook's without its
# secret (secret_withheld). A kept row moved to another caller or key, or
# given another time, does not open: 500 idempotency_answer_unreadable,
# the call neither replayed nor done again, and the operator is told.
# Idempotency-Key sent twice is refused (400), and each refusal has its
# own Swedish message.
TEST_NAME=api-idempotency-sealed
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in rita:registrator anna:administrator lasse:lasare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
T1=$(k token add rita a --days 366)
T2=$(k token add rita b --days 366)
TA=$(k token add anna a --days 366)
c=$(k case open --series KS --title "Stöd i hemmet")
web_serve KANSLI_NO_RATE_LIMIT=1

# post TOKEN KEY PATH JSON [OUT]: the status; the answer in OUT (default
# $T/body), its headers in OUT.head.
post() {
	o=${5:-$T/body}
	curl -s -o "$o" -D "$o.head" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" \
		${2:+-H "Idempotency-Key: $2"} -H 'Content-Type: application/json' --data-binary "$4" \
		"$U/api/v1$3?org=kommun"
}
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "${2:-$T/body}" "$1"; }
replayed() { grep -qi '^idempotent-replayed: true' "$1.head"; }
# kept TEXT: how many rows of api_idempotency hold TEXT anywhere, read as
# bytes the way a copy of the database can be read
kept() {
	python3 - "$KANSLI_DATA/kansli.db" "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
needle = sys.argv[2].encode()
n = 0
for row in db.execute("SELECT * FROM api_idempotency"):
    whole = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
    n += needle in whole
print(n)
EOF
}
records() { sql "SELECT count(*) FROM record"; }
# fingerprint METHOD PATH BODY: the request's SHA-256 as the API computes
# it (web/api_idempotency.c: each part length-prefixed, ?org=kommun)
fingerprint() {
	python3 -c 'import hashlib, sys
h = hashlib.sha256()
for part in (sys.argv[1], sys.argv[2], "org", "kommun", "body", sys.argv[3]):
    b = part.encode()
    h.update(b"%d:" % len(b) + b)
print(h.hexdigest())' "$@"
}

# --- a secret record registered, and read back by the POST that notes
# on its case (the answer is the case with its records)
title="Orosanmälan om Kalle Hemligsson"
rec="{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"$title\",\"party\":{\"kind\":\"person\",\"name\":\"Kalle Hemligsson\"},\"secrecy\":\"full\",\"legal_ground\":\"OSL 26 kap. 1 §\"}"
same "a registrar registers a secret record with a key" 201 "$(post "$T1" rec-1 /records "$rec")"
slug=$(echo "$c" | sed 's| |-|; s|/|-|')
note='{"note":"Hembesök bokat"}'
same "and notes on its case with a key" 200 "$(post "$T1" note-1 "/cases/$slug/changes" "$note" "$T/note1")"
grep -q "Kalle Hemligsson" "$T/note1" && grep -q "$title" "$T/note1" &&
	pass "... reading the record's title and party back in the answer" ||
	fail "the answer does not hold what the test looks for: $(head -c 300 "$T/note1")"
same "two rows kept" 2 "$(sql "SELECT count(*) FROM api_idempotency")"
same "(the look reads the rows: it finds the key, kept in the clear)" 1 "$(kept note-1)"
same "the kept rows hold not the title" 0 "$(kept "$title")"
same "nor the party" 0 "$(kept "Hemligsson")"
same "nor the note" 0 "$(kept "Hembesök")"
same "nor the case's number" 0 "$(kept "$c")"
same "nor the request's SHA-256 (a guessed body cannot be tested against it)" 0 \
	"$(kept "$(fingerprint POST /api/v1/records "$rec")")"
same "the replay" 200 "$(post "$T1" note-1 "/cases/$slug/changes" "$note" "$T/note2")"
cmp -s "$T/note1" "$T/note2" && pass "answers the first answer, opened from its seal" || fail "the replayed body differs"
replayed "$T/note2" && pass "marked Idempotent-Replayed" || fail "not marked replayed"
same "and noted once" 1 "$(sql "SELECT count(*) FROM event WHERE action LIKE 'case.note%'")"
same "the registration's replay" 201 "$(post "$T1" rec-1 /records "$rec")"
same "registered once" 1 "$(records)"

# --- a webhook's signing secret is not kept at all
wh='{"url":"http://127.0.0.1:9/hook","events":["case.opened"],"user":"lasse"}'
same "an administrator subscribes a webhook with a key" 201 "$(post "$TA" wh-1 /webhooks "$wh" "$T/wh1")"
secret=$(val 'd["secret"]' "$T/wh1")
case $secret in whsec_*) pass "the first answer holds the secret" ;; *) fail "no secret: $(cat "$T/wh1")" ;; esac
same "the kept row holds not the secret" 0 "$(kept "$secret")"
same "nor its base64 body" 0 "$(kept "${secret#whsec_}")"
same "nor any whsec_" 0 "$(kept whsec_)"
same "the replay" 201 "$(post "$TA" wh-1 /webhooks "$wh" "$T/wh2")"
replayed "$T/wh2" && pass "marked Idempotent-Replayed" || fail "not marked replayed"
same "answers the subscription, its secret withheld" "None True" \
	"$(val 'str(d.get("secret")) + " " + str(d["secret_withheld"])' "$T/wh2")"
same "the same subscription" "$(val 'd["id"], d["webhook"]' "$T/wh1")" "$(val 'd["id"], d["webhook"]' "$T/wh2")"
grep -q whsec_ "$T/wh2" && fail "the replay shows a secret" || pass "the replay shows no secret"
same "subscribed once" 1 "$(sql "SELECT count(*) FROM webhook_subscription")"

# --- a row moved behind kansli's back does not open
caller2="t$(printf %s "$T2" | sha256sum | cut -d' ' -f1)"
sql "UPDATE api_idempotency SET caller = '$caller2' WHERE key = 'note-1'"
same "a row moved to another caller: that caller's same call is refused" 500 "$(post "$T2" note-1 "/cases/$slug/changes" "$note")"
same "as unreadable" idempotency_answer_unreadable "$(val 'd["error"]["code"]')"
same "naming the header" Idempotency-Key "$(val 'd["error"]["field"]')"
grep -q "Hemligsson" "$T/body" && fail "the refusal shows the answer" || pass "nothing of the answer is shown"
case $(val 'd["error"]["message_sv"]') in
*"går inte att läsa"*) pass "in its own Swedish words" ;;
*) fail "the Swedish message: $(cat "$T/body")" ;;
esac
same "and nothing was noted again" 1 "$(sql "SELECT count(*) FROM event WHERE action LIKE 'case.note%'")"
grep -q "kansli: api: the answer kept for Idempotency-Key 'note-1' does not open" "$T/serve.log" &&
	pass "the operator is told on stderr" || fail "no line on stderr: $(tail -n 3 "$T/serve.log")"
sql "UPDATE api_idempotency SET caller = (SELECT caller FROM api_idempotency WHERE key = 'wh-1'), key = 'rec-2' WHERE key = 'rec-1'"
# (the administrator may not register: were the call done, it would be 403)
same "a row moved to another key (the administrator's): refused" 500 "$(post "$TA" rec-2 /records "$rec")"
same "as unreadable" idempotency_answer_unreadable "$(val 'd["error"]["code"]')"
sql "UPDATE api_idempotency SET caller = (SELECT caller FROM api_idempotency WHERE key = 'wh-1'), key = 'rec-3', created_us = created_us + 1 WHERE key = 'wh-1'"
same "a row given another key and time: refused" 500 "$(post "$TA" rec-3 /webhooks "$wh")"
same "nothing subscribed again" 1 "$(sql "SELECT count(*) FROM webhook_subscription")"
same "nor registered" 1 "$(records)"
same "a new key still works" 201 "$(post "$T1" rec-4 /records "$rec")"
same "registered" 2 "$(records)"

# --- Idempotency-Key sent twice
st=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $T1" -H "Idempotency-Key: dup-a" \
	-H "Idempotency-Key: dup-b" -H 'Content-Type: application/json' --data-binary "$rec" \
	"$U/api/v1/records?org=kommun")
same "a request with two Idempotency-Key headers is refused" 400 "$st"
same "invalid, naming the header, duplicate" "invalid Idempotency-Key duplicate" \
	"$(val 'd["error"]["code"] + " " + d["error"]["field"] + " " + d["error"]["reason"]')"
same "in its own Swedish words" "Idempotency-Key får skickas bara en gång i ett anrop, men det här anropet har den flera gånger." \
	"$(val 'd["error"]["message_sv"]')"
same "nothing registered" 2 "$(records)"
same "nor kept" 0 "$(sql "SELECT count(*) FROM api_idempotency WHERE key LIKE 'dup-%'")"
same "two copies of the same key are refused too" 400 "$(curl -s -o "$T/body" -w '%{http_code}' -X POST \
	-H "Authorization: Bearer $T1" -H "Idempotency-Key: dup-a" -H "Idempotency-Key: dup-a" \
	-H 'Content-Type: application/json' --data-binary "$rec" "$U/api/v1/records?org=kommun")"
same "a key with a space" 400 "$(post "$T1" 'a b' /records "$rec")"
same "has its own Swedish words" "Idempotency-Key ska vara 1 till 255 synliga ASCII-tecken utan mellanslag, till exempel ett UUID." \
	"$(val 'd["error"]["message_sv"]')"
same "a reused key" 422 "$(post "$T1" rec-4 /records "{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"Annat\"}")"
same "has its own" "Idempotency-Key har redan använts för ett annat anrop. Använd en ny nyckel." "$(val 'd["error"]["message_sv"]')"

kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
grep -q "ERROR: AddressSanitizer\|runtime error\|LeakSanitizer" "$T/serve.log" &&
	fail "the server's sanitizers: $(grep -m2 'ERROR\|runtime error' "$T/serve.log")" ||
	pass "the server's sanitizers found nothing"
if k verify >"$T/verify" 2>&1; then pass "kansli verify accepts the registry"; else fail "verify: $(head -c 300 "$T/verify")"; fi
