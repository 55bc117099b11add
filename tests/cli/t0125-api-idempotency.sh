#!/bin/sh
# t0125 — Idempotency-Key on the API's POSTs (issue 16): a registrar's
# client that lost the answer to "open a case" sends the call again with
# the same key and is answered the first answer, marked
# Idempotent-Replayed, and the case is opened once; five copies sent at
# the same moment open one case; the key with another body is refused
# (422 idempotency_key_reused); another token's key is its own; a refusal
# is not kept; a key is forgotten after 24 hours; and the answer is kept
# in the operation's own transaction: when keeping it fails, the case is
# not opened either, and the call can be sent again. Errors carry a
# Swedish message beside the English one.
TEST_NAME=api-idempotency
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-reg" | k user add reg "Registrator" --password-stdin >/dev/null
k user grant reg registrator >/dev/null
echo "Losenord-for-ark" | k user add ark "Arkivarie" --password-stdin >/dev/null
k user grant ark arkivarie >/dev/null
T1=$(k token add reg a --days 366)
T2=$(k token add reg b --days 366)
TA=$(k token add ark ark --days 366)
closed=$(k case open --series KS --title "Avslutat ärende")
k record add "$closed" --direction in --title "Brev" >/dev/null
k case close "$closed" >/dev/null

start() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	env "$@" KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" ${THREADS:+--threads $THREADS} --quiet \
		2>>"$T/serve.log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
	U="http://127.0.0.1:$port"
	i=0
	until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 150 ]; do sleep 0.1; i=$((i + 1)); done
}
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
# open TOKEN KEY JSON [OUT]: POST /cases; the status, the answer in OUT
# (default $T/body), its headers in OUT.head.
open_case() {
	o=${4:-$T/body}
	curl -s -o "$o" -D "$o.head" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" \
		${2:+-H "Idempotency-Key: $2"} -H 'Content-Type: application/json' --data-binary "$3" \
		"$U/api/v1/cases?org=kommun"
}
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "${3:-$T/body}" "$1"; }
cases() { sql "SELECT count(*) FROM case_file WHERE title <> 'Avslutat ärende'"; }
replayed() { grep -qi '^idempotent-replayed: true' "$1.head"; }

start
# (the closed case of the set-up is the first opening in the log)
body='{"series":"KS","title":"Bygglov för garage"}'
same "a first call with a key opens the case" 201 "$(open_case "$T1" key-1 "$body" "$T/first")"
replayed "$T/first" && fail "a first answer is not marked replayed" || pass "a first answer is not marked replayed"
same "the same call again is answered alike" 201 "$(open_case "$T1" key-1 "$body" "$T/again")"
cmp -s "$T/first" "$T/again" && pass "with the first answer's body" || fail "the replayed body differs"
replayed "$T/again" && pass "marked Idempotent-Replayed: true" || fail "no Idempotent-Replayed header"
same "and the case was opened once" 1 "$(cases)"
same "the registry logged one opening" 2 "$(sql "SELECT count(*) FROM event WHERE action = 'case.open'")"

same "the key with another body is refused" 422 "$(open_case "$T1" key-1 '{"series":"KS","title":"Något annat"}')"
same "with a stable code" idempotency_key_reused "$(val 'd["error"]["code"]')"
same "naming the header" Idempotency-Key "$(val 'd["error"]["field"]')"
case $(val 'd["error"]["message_sv"]') in
*Idempotency-Key*) pass "and a Swedish message" ;;
*) fail "the Swedish message: $(cat "$T/body")" ;;
esac
same "and nothing was opened" 1 "$(cases)"

same "another token's key is its own" 201 "$(open_case "$T2" key-1 "$body")"
same "so that call opened a case" 2 "$(cases)"
same "a call without a key is done each time" 201 "$(open_case "$T1" "" "$body")"
same "each time" 201 "$(open_case "$T1" "" "$body")"
same "four cases now" 4 "$(cases)"

same "a key with a space is refused" 400 "$(open_case "$T1" 'a key' "$body")"
same "as invalid" invalid "$(val 'd["error"]["code"]')"
long=$(python3 -c 'print("k" * 256)')
same "a key of 256 characters is refused" 400 "$(open_case "$T1" "$long" "$body")"
same "nothing opened by refused keys" 4 "$(cases)"

same "a refused call with a key" 422 "$(open_case "$T1" key-2 '{"series":"KS"}')"
same "names the field" title "$(val 'd["error"]["field"]')"
same "in Swedish too" "Rubrik saknas. Fyll i fältet." "$(val 'd["error"]["message_sv"]')"
same "is not kept: the corrected call with the key succeeds" 201 "$(open_case "$T1" key-2 "$body")"
same "once" 201 "$(open_case "$T1" key-2 "$body")"
same "five cases now" 5 "$(cases)"

# Five copies of one call at the same moment: one case, five equal answers.
for n in 1 2 3 4 5; do
	open_case "$T1" key-concurrent '{"series":"KS","title":"Samtidigt"}' "$T/c$n" >"$T/c$n.code" &
done
wait_for() { for n in 1 2 3 4 5; do while [ ! -s "$T/c$n.code" ]; do sleep 0.1; done; done; }
wait_for
codes=$(cat "$T/c1.code" "$T/c2.code" "$T/c3.code" "$T/c4.code" "$T/c5.code" | tr -d '\n')
same "five concurrent copies are all answered 201" 201201201201201 "$codes"
same "one case opened by them" 1 "$(sql "SELECT count(*) FROM case_file WHERE title = 'Samtidigt'")"
distinct=$(cat "$T/c1" "$T/c2" "$T/c3" "$T/c4" "$T/c5" | sort -u | wc -l)
same "every copy got the same answer" 1 "$distinct"
nrep=0
for n in 1 2 3 4 5; do replayed "$T/c$n" && nrep=$((nrep + 1)); done
same "four of them replayed" 4 "$nrep"

# Five different keys at once: five cases.
for n in 1 2 3 4 5; do
	rm -f "$T/c$n.code"
	open_case "$T1" "key-par-$n" '{"series":"KS","title":"Parallellt"}' "$T/c$n" >"$T/c$n.code" &
done
wait_for
same "five keys at once open five cases" 5 "$(sql "SELECT count(*) FROM case_file WHERE title = 'Parallellt'")"

# A delivery to the e-archive answers with its package, a download: kept
# whole, and replayed with its name.
export_case() {
	curl -s -o "$1" -D "$1.head" -w '%{http_code}' -X POST -H "Authorization: Bearer $TA" \
		-H "Idempotency-Key: key-export" -H 'Content-Type: application/json' \
		--data-binary "{\"case\":\"$closed\",\"format\":\"zip\"}" "$U/api/v1/exports?org=kommun"
}
same "a delivery with a key" 200 "$(export_case "$T/sip1.zip")"
same "sent again" 200 "$(export_case "$T/sip2.zip")"
cmp -s "$T/sip1.zip" "$T/sip2.zip" && pass "is the same package" || fail "the replayed package differs"
replayed "$T/sip2.zip" && pass "replayed" || fail "the delivery was not replayed"
grep -qi '^content-disposition: attachment' "$T/sip2.zip.head" && pass "as a download with its name" ||
	fail "the replay has no Content-Disposition"
same "and delivered once" 1 "$(sql "SELECT count(*) FROM event WHERE action = 'export.sip'")"
stop

# The answer is kept in the operation's transaction: fail the step that
# keeps it, and the case is not opened either. One request thread, so
# that the same call counts the same steps (db_sqlite.c's KANSLI_FAULTS).
THREADS=1
echo 0 >"$T/failfile"
start KANSLI_FAIL_STEP_FILE="$T/failfile" KANSLI_FAIL_STEP_TRACE="$T/trace2" KANSLI_FAIL_STEP_MARK="$T/mark"
open_case "$T1" key-fail '{"series":"KS","title":"Misslyckad"}' >/dev/null
stop
# each request counts its steps from 1: the step that keeps the answer
keep_at=$(grep 'INSERT INTO api_idempotency' "$T/trace2" | tail -1 | cut -d' ' -f1)
[ -n "$keep_at" ] && pass "the step that keeps the answer is step $keep_at of the call" ||
	fail "no step keeps the answer in the trace: $(head -c 300 "$T/trace2")"
start KANSLI_FAIL_STEP_FILE="$T/failfile" KANSLI_FAIL_STEP_MARK="$T/mark"
echo "$keep_at" >"$T/failfile"
same "when keeping the answer fails the call fails" 500 "$(open_case "$T1" key-atomic '{"series":"KS","title":"Atomär"}')"
[ -e "$T/mark" ] && pass "(the keeping step was the one failed)" || fail "the injected step did not fire"
same "and the case was not opened" 0 "$(sql "SELECT count(*) FROM case_file WHERE title = 'Atomär'")"
same "nor the key kept" 0 "$(sql "SELECT count(*) FROM api_idempotency WHERE key = 'key-atomic'")"
echo 0 >"$T/failfile"
same "so the call sent again succeeds" 201 "$(open_case "$T1" key-atomic '{"series":"KS","title":"Atomär"}')"
same "and opens the case once" 1 "$(sql "SELECT count(*) FROM case_file WHERE title = 'Atomär'")"
stop

THREADS=

# A day and more later the key is forgotten: the call is a new one.
kept=$(sql "SELECT count(*) FROM api_idempotency")
start KANSLI_NOW=2026-03-04
same "after 24 hours the key opens a new case" 201 "$(open_case "$T1" key-1 "$body" "$T/later")"
replayed "$T/later" && fail "the later answer is not a replay" || pass "the later answer is not a replay"
same "the old keys were forgotten" 1 "$(sql "SELECT count(*) FROM api_idempotency")"
[ "$kept" -gt 1 ] && pass "($kept keys were kept before)" || fail "only $kept keys were kept"
stop
if k verify >"$T/verify" 2>&1; then pass "kansli verify accepts the registry"; else fail "verify: $(head -c 300 "$T/verify")"; fi
grep -q "ERROR: AddressSanitizer\|runtime error\|LeakSanitizer" "$T/serve.log" &&
	fail "the server's sanitizers: $(grep -m2 'ERROR\|runtime error' "$T/serve.log")" ||
	pass "the server's sanitizers found nothing"
