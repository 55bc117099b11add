#!/bin/sh
# t0014 — public verification: the signed tree head and proofs are served
# to anyone; `kansli verify-remote` accepts a server whose registry has only
# grown since a saved head, and refuses a forged head, a wrong key and a
# server whose history forked from the one seen before. The public sees
# published heads only (t0110): the setup is on one day and the server runs
# on the next, whose latest moment of publication follows every setup event.
TEST_NAME=public-log
. "$(dirname "$0")/lib.sh"
D1=2026-03-02 D2=2026-03-03 D3=2026-03-04
export KANSLI_NOW=$D1

k init "$KANSLI_DATA" --origin diariet.test >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k case open --series KS --title "Första" >/dev/null
cp -a "$KANSLI_DATA" "$T/fork"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() { # DATADIR DAY -> sets U and pid
	port=$(free_port)
	KANSLI_NOW=$2 "$KANSLI" --data "$1" serve --port "$port" --quiet 2>>"$T/serve.log" &
	pid=$!
	U="http://127.0.0.1:$port"
	i=0
	until curl -fs "$U/offentlig/logg/checkpoint" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
export KANSLI_NOW=$D2
start "$KANSLI_DATA" $D2

same "checkpoint is public" "200" "$(curl -s -o "$T/head1" -w '%{http_code}' "$U/offentlig/logg/checkpoint")"
same "checkpoint names the log" "diariet.test" "$(sed -n 1p "$T/head1")"
curl -s -D "$T/h" -o /dev/null "$U/offentlig/logg/checkpoint"
grep -qi '^etag: "' "$T/h" && pass "checkpoint has an ETag" || fail "checkpoint ETag"
etag=$(sed -n 's/^[Ee][Tt]ag: //p' "$T/h" | tr -d '\r')
same "unchanged head answers 304" "304" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$U/offentlig/logg/checkpoint")"
curl -s "$U/offentlig/logg/nyckel" >"$T/key"
grep -Eq '^diariet.test\+[0-9a-f]{8}\+' "$T/key" && pass "verifier key is public" || fail "verifier key"
same "explanation page in Swedish" "200" "$(curl -s -o "$T/about" -w '%{http_code}' "$U/offentlig/logg")"
grep -q "bara lagts till" "$T/about" && pass "the page explains consistency" || fail "explanation"
size1=$(sed -n 2p "$T/head1")
same "inclusion proof" "200" "$(curl -s -o "$T/incl" -w '%{http_code}' "$U/offentlig/logg/inkludering?index=1&storlek=$size1")"
grep -q '"leaf_hash"' "$T/incl" && pass "inclusion proof has the leaf hash" || fail "inclusion proof"
# Words with a space cannot occur in the proof's base64 hashes by chance.
grep -q 'Kommun\|KS 20' "$T/incl" && fail "proof reveals content" || pass "proof reveals no content"
same "proof beyond the log is 404" "404" "$(curl -s -o /dev/null -w '%{http_code}' "$U/offentlig/logg/inkludering?index=999999")"
same "earlier heads are kept" "200" "$(curl -s -o "$T/heads" -w '%{http_code}' "$U/offentlig/logg/huvuden")"
grep -q "\"size\":$size1" "$T/heads" && pass "the head seen is published" || fail "published heads: $(head -c 300 "$T/heads")"

# the registry grows and the next moment publishes it; the saved head is
# a prefix of the new one
k case open --series KS --title "Andra" >/dev/null
k case open --series KS --title "Tredje" >/dev/null
KANSLI_NOW=$D3 k log schedule --run >/dev/null
ok "verify-remote: the registry has only grown" k verify-remote "$U" "$T/head1"
grep -q "has only grown, from $size1 to" "$T/out" && pass "verify-remote says so" || fail "verify-remote output: $(cat "$T/out")"
ok "verify-remote with the key given" k verify-remote "$U" "$T/head1" --key "$(cat "$T/key")"
sed "2s/.*/$((size1 + 1))/" "$T/head1" >"$T/forged"
fails "a forged head is refused" "does not verify" k verify-remote "$U" "$T/forged"
k init "$T/other" --origin diariet.test >/dev/null
fails "another key is refused" "does not verify" k verify-remote "$U" "$T/head1" --key "$(k --data "$T/other" log head --key)"
# The headers of the first 429 are kept: on a loaded machine the bucket may
# refill between a burst and one more request, so no request is assumed.
rate=""
for i in $(seq 1 60); do
	code=$(curl -s -D "$T/h" -o /dev/null -w '%{http_code}' "$U/offentlig/logg/konsistens?gammal=1")
	rate="$rate $code"
	[ "$code" = 429 ] && break
done
echo "$rate" | grep -q 429 && pass "proofs are rate limited per address (429)" || fail "rate limit: $rate"
grep -qi '^retry-after: [0-9]' "$T/h" && pass "429 says when to retry" || fail "Retry-After"

# a fork: the same key, another history after the first case
curl -s "$U/offentlig/logg/checkpoint" >"$T/head2"
kill $pid; wait $pid 2>/dev/null
for t in "Annan" "Historia" "Skriven" "Om"; do k --data "$T/fork" case open --series KS --title "$t" >/dev/null; done
start "$T/fork" $D3
fails "a server whose history forked is caught" "does not verify: the log was rewritten" k verify-remote "$U" "$T/head2"
