#!/bin/sh
# t0130 — `kansli serve` delivers by itself, after the registration has
# answered; killed with -9 while a post is in flight, and started again,
# it loses no webhook: the one in flight is sent again with the same
# webhook-id (the receiver de-duplicates it) and the rest follow, each
# delivered once into the receiver's de-duplicated set.
TEST_NAME=webhook-crash
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
receiver_start r
k webhook add "http://127.0.0.1:$RPORT/in" --events case.opened,record.registered --as rita >"$T/out"
receiver_accept r

start() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	KANSLI_WEBHOOK_POLL_MS=100 KANSLI_WEBHOOK_PARALLEL=3 "$KANSLI" serve --port "$port" --quiet 2>>"$T/serve.log" &
	pid=$!
	receiver_trap
	i=0
	until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
count() { cat "$T/r/count" 2>/dev/null || echo 0; }
wait_count() { i=0; until [ "$(count)" -ge "$1" ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done; }

start
c=$(k case open --series KS --title "Ärende")
for i in 1 2 3 4; do k record add "$c" --direction in --title "Handling $i" >/dev/null; done
wait_count 5
same "the server delivers by itself" "5" "$(count)"
same "... every delivery marked delivered" "5" "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'")"

# a slow receiver: kill the server while it waits for an answer
echo "slow 1.5" >"$T/r/mode"
for i in 5 6 7; do k record add "$c" --direction in --title "Handling $i" >/dev/null; done
lines=$(wc -l <"$T/r/log")
i=0; until [ -n "$(sql "SELECT 1 FROM webhook_delivery WHERE status = 'pending' AND lease_owner IS NOT NULL LIMIT 1")" ] || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.5
kill -9 $pid; wait $pid 2>/dev/null
pending=$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'pending' AND lease_owner IS NOT NULL")
[ "$pending" -ge 1 ] && pass "killed mid-delivery: $pending leased, not recorded as delivered" || fail "nothing was leased at the kill"
sleep 1.5 # the receiver finishes the post it was sent
[ "$(wc -l <"$T/r/log")" -gt "$lines" ] && pass "... though the receiver got what was in flight" \
	|| fail "nothing was in flight when the server was killed"
echo ok >"$T/r/mode"
start
wait_count 8
same "after the restart every webhook arrived" "8" "$(count)"
i=0; until [ "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'")" = 8 ] || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
same "... and is marked delivered" "8" "$(sql "SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'")"
received r >"$T/got"
dups=$(grep -c ' dup ' "$T/got")
[ "$dups" -ge 1 ] && [ "$dups" -le 3 ] && pass "what was in flight came again, as duplicates ($dups)" \
	|| fail "$dups duplicates (the posts in flight, up to KANSLI_WEBHOOK_PARALLEL=3)"
same "... each with the id of a post received before" "$dups" "$(grep ' dup ' "$T/got" | awk '{print $6}' | while read -r d; do
	awk -v d="$d" '$6 == d' "$T/got" | head -1 | grep -c ' new '; done | grep -c 1)"
same "every post verified" "0" "$(grep -c UNVERIFIED "$T/got")"
same "every event sent, none lost" "$(sql "SELECT count(*) FROM event WHERE action IN ('case.open', 'record.register')")" \
	"$(awk '{print $6}' "$T/got" | sort -u | wc -l | tr -d ' ')"
ok "verify after the crash" k verify
