#!/bin/sh
# t0069 — the API under a read error at each database step of a request,
# one request per step: the test build's fault injection (store/db_sqlite.c)
# restarts its count at every request from the number in the file
# KANSLI_FAIL_STEP_FILE names, and fails that step of the request as a
# disk read does (the indexer's threads are never failed). For one case
# (as staff, and as a reader of a case with a masked party), one partly
# secret record, the same record read by staff who may see its secret parts
# (a logged read: a write with its log event), and a search with its
# facets and queue count: each request whose step failed must answer 5xx
# with a JSON error naming that step, never 404, 403 or a shorter 200; a
# request past the last step must give the reference answer, which ends
# the walk. A case that does not exist is 404 only when its lookup could
# read. With one request thread, the Nth step is the same step every time.
TEST_NAME=api-step-errors
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in rita las; do echo "Losenord-for-$u" | k user add "$u" "Person $u" --password-stdin >/dev/null; done
k user grant rita registrator >/dev/null
k user grant las lasare >/dev/null
c1=$(k case open --series KS --title "Bygglov Storgatan 1")
c2=$(k case open --series KS --title "Ekonomiskt bistånd")
k record add "$c1" --direction in --title "Ansökan om bygglov" --organisation "Byggbolaget AB" >/dev/null
k record add "$c1" --direction out --title "Beslut om bygglov" >/dev/null
k record correct "$c1-2" --title "Beslut om bygglov, rättat" --reason "Stavfel" >/dev/null
k record add "$c2" --direction in --title "Ansökan om bistånd" --person "Karin Zebrafink" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party >/dev/null
k reindex >/dev/null
RITA=$(k token add rita "robot" --days 1)
LAS=$(k token add las "robot" --days 1)
slug() { echo "$1" | tr ' /' '--'; }
s1=$(slug "$c1"); s2=$(slug "$c2")

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo 0 >"$T/fail"
KANSLI_FAIL_STEP_FILE="$T/fail" KANSLI_FAIL_STEP_MARK="$T/mark" KANSLI_NO_RATE_LIMIT=1 \
	"$KANSLI" serve --port "$port" --threads 1 --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 150 ]; do sleep 0.1; i=$((i + 1)); done
[ $i -lt 150 ] || { fail "the server did not start: $(head -c 300 "$T/serve.log")"; exit 1; }

# get TOKEN PATH: the status; the body in $T/body.
get() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$U$2"; }

# walk NAME TOKEN PATH: fails step 1, 2, ... of the request until none fires.
walk() {
	name=$1; tok=$2; path=$3
	echo 0 >"$T/fail"
	code=$(get "$tok" "$path")
	[ "$code" = 200 ] || { fail "$name: HTTP $code without an injected error ($(head -c 200 "$T/body"))"; return; }
	cp "$T/body" "$T/ref"
	n=1; errors=0; bad=""
	while :; do
		echo $n >"$T/fail"; rm -f "$T/mark"
		code=$(get "$tok" "$path")
		if [ ! -f "$T/mark" ]; then
			[ "$code" = 200 ] && cmp -s "$T/ref" "$T/body" ||
				bad="no step $n, yet HTTP $code, $(wc -c <"$T/body") of $(wc -c <"$T/ref") bytes"
			break
		fi
		if [ "${code#5}" = "$code" ]; then
			bad="step $n failed and it answered HTTP $code ($(head -c 200 "$T/body"))"
		elif ! grep -q '"error"' "$T/body" || ! grep -q "injected at step $n)" "$T/body"; then
			bad="step $n failed and the 5xx did not pass the error on: $(head -c 300 "$T/body")"
		fi
		[ -z "$bad" ] || break
		errors=$((errors + 1)); n=$((n + 1))
	done
	echo 0 >"$T/fail"
	if [ -n "$bad" ]; then
		fail "$name: $bad"
	elif [ $errors -lt 3 ]; then
		fail "$name: only $errors failed steps reached it"
	else
		pass "$name: $errors failed steps, each a 5xx with its JSON error; past the last, the full answer"
	fi
}

walk "GET a case with its records and history" "$RITA" "/api/v1/cases/$s1?org=kommun"
walk "GET a case with a masked party, as a reader" "$LAS" "/api/v1/cases/$s2?org=kommun"
walk "GET a partly secret record, as a reader" "$LAS" "/api/v1/records/$s2-1?org=kommun"
walk "GET a partly secret record, as staff who may read it (a logged read)" "$RITA" "/api/v1/records/$s2-1?org=kommun"
walk "GET a search with its facets and queue count" "$RITA" "/api/v1/search?org=kommun&q=bygglov"

# A case that does not exist: 404 only when every read succeeded.
n=1; errors=0; bad=""
while :; do
	echo $n >"$T/fail"; rm -f "$T/mark"
	code=$(get "$RITA" "/api/v1/cases/KS-2026-0099?org=kommun")
	if [ ! -f "$T/mark" ]; then
		[ "$code" = 404 ] || bad="without failures: HTTP $code"
		break
	fi
	if [ "${code#5}" = "$code" ] || ! grep -q "injected at step $n)" "$T/body"; then
		bad="step $n failed and it answered HTTP $code ($(head -c 200 "$T/body"))"
		break
	fi
	errors=$((errors + 1)); n=$((n + 1))
done
echo 0 >"$T/fail"
[ -z "$bad" ] && [ $errors -ge 3 ] &&
	pass "a missing case is 404 only when its lookup could read ($errors failed steps were 5xx)" ||
	fail "a missing case under read errors: ${bad:-only $errors failed steps}"

code=$(get "$RITA" "/api/v1/cases/$s1?org=kommun")
same "the server still answers after every failed step" 200 "$code"
kill $pid 2>/dev/null; wait $pid 2>/dev/null
grep -q "ERROR: AddressSanitizer\|runtime error\|LeakSanitizer" "$T/serve.log" &&
	fail "the server's sanitizers: $(grep -m2 'ERROR\|runtime error' "$T/serve.log")" ||
	pass "the server's sanitizers found nothing on the error paths"
