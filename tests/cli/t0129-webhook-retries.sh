#!/bin/sh
# t0129 — receivers that fail: one answering 500 is retried with
# exponential back-off (the first retry after KANSLI_WEBHOOK_RETRY_SECONDS,
# then twice as long each time) and gets the same webhook-id every time;
# one that is down and one too slow (KANSLI_WEBHOOK_TIMEOUT_MS) are recorded
# as such and retried; a day after queueing the retries end and the
# delivery is marked failed; replay sends it again. Every attempt is in
# the delivery log with its time, status, duration and error.
TEST_NAME=webhook-retries
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita" --password-stdin >/dev/null
k user grant rita registrator >/dev/null

receiver_start flaky; PFLAKY=$RPORT
receiver_start slow; PSLOW=$RPORT
echo 500 >"$T/flaky/mode"
echo "slow 3" >"$T/slow/mode"
# a port nothing listens on: a receiver that is down
PDOWN=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

k webhook add "http://127.0.0.1:$PFLAKY/" --events case.opened --as rita >"$T/out"; receiver_accept flaky
k webhook add "http://127.0.0.1:$PSLOW/" --events case.opened --as rita >"$T/out"; receiver_accept slow
k webhook add "http://127.0.0.1:$PDOWN/" --events case.opened --as rita >"$T/out"
k case open --series KS --title "Ett ärende" >/dev/null

export KANSLI_WEBHOOK_RETRY_SECONDS=1 KANSLI_WEBHOOK_TIMEOUT_MS=400
gap() { sql "SELECT (d.next_us - a.at_us - 1000 * a.duration_ms) / 100000 FROM webhook_delivery d JOIN webhook_attempt a ON a.delivery_id = d.id WHERE d.subscription_id = $1 ORDER BY a.id DESC LIMIT 1"; }
ok "the first round" k webhook deliver
same "... tries all three" "3 attempt(s)" "$(cat "$T/out")"
same "a 500 is recorded with its status" "500|the receiver answered HTTP 500|pending" "$(sql "SELECT a.http_status, a.error, d.status FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = 1")"
same "a receiver that is down: no status, curl's reason" "0|Couldn't connect to server|pending" "$(sql "SELECT a.http_status, a.error, d.status FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = 3")"
same "a slow receiver is given up on at the timeout" "0|Timeout was reached|pending" "$(sql "SELECT a.http_status, a.error, d.status FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = 2")"
d=$(sql "SELECT a.duration_ms FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = 2")
[ "$d" -ge 380 ] && [ "$d" -lt 2500 ] && pass "... after about 400 ms ($d ms)" || fail "slow attempt took $d ms"
# the round before the first retry is due comes first: each check between
# takes time of the retry's one second, under a loaded machine too much
ok "a round before anything is due" k webhook deliver
same "... tries nothing" "0 attempt(s)" "$(cat "$T/out")"
same "the first retry is due after 1 s" "10" "$(gap 1)"
ok "the log while it is retried" k webhook log 1 --json
same "... names when the pending delivery is tried next" "pending True" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[0]; print(d["status"], "next_attempt" in d)' "$T/out")"
sleep 1.1
k webhook deliver >/dev/null
same "the second retry after 2 s" "20" "$(gap 1)"
sleep 2.1
k webhook deliver >/dev/null
same "the third after 4 s" "40" "$(gap 1)"
same "three attempts at the 500 receiver" "3" "$(sql "SELECT attempts FROM webhook_delivery WHERE subscription_id = 1")"
echo ok >"$T/flaky/mode"
sleep 4.1
k webhook deliver >/dev/null
same "the receiver recovered: delivered" "delivered" "$(sql "SELECT status FROM webhook_delivery WHERE subscription_id = 1")"
received flaky >"$T/f.txt"
same "four posts, one webhook-id" "4 1" "$(wc -l <"$T/f.txt" | tr -d ' ') $(awk '{print $6}' "$T/f.txt" | sort -u | wc -l | tr -d ' ')"
same "... each signed" "0" "$(grep -c UNVERIFIED "$T/f.txt")"
same "... the same body each time" "1" "$(bodies flaky | sort -u | wc -l | tr -d ' ')"
ok "the delivery log" k webhook log 1 --json
same "every attempt with its time, status, duration and error" "500 500 500 200" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))[0]
assert "next_attempt" not in d, d  # delivered: tried no more
assert all(set(a) == {"at", "status", "duration_ms", "error"} and a["at"].startswith("2026-03-02T") for a in d["attempt_log"])
print(" ".join(str(a["status"]) for a in d["attempt_log"]))' "$T/out")"

# a day later the retries end
KANSLI_NOW=2026-03-04 k webhook deliver >/dev/null
same "24 hours after queueing, a delivery still failing is marked failed" "failed" "$(sql "SELECT status FROM webhook_delivery WHERE subscription_id = 3")"
ok "the list counts it" k webhook list --json
same "... as failed" "1" "$(python3 -c 'import json,sys; print([w for w in json.load(open(sys.argv[1])) if w["id"] == 3][0]["failed"])' "$T/out")"
KANSLI_NOW=2026-03-04 k webhook deliver >/dev/null
same "a failed delivery is not tried again" "$(sql "SELECT count(*) FROM webhook_attempt WHERE delivery_id = 3")" "$(sql "SELECT count(*) FROM webhook_attempt WHERE delivery_id = 3")"
n3=$(sql "SELECT count(*) FROM webhook_attempt WHERE delivery_id = 3")
KANSLI_NOW=2026-03-05 k webhook deliver >/dev/null
same "... not even days later" "$n3" "$(sql "SELECT count(*) FROM webhook_attempt WHERE delivery_id = 3")"
ok "replay the failed delivery" k webhook replay 3
same "... pending again" "pending" "$(sql "SELECT status FROM webhook_delivery WHERE id = 3")"
same "replay with a bad id" "2" "$(k webhook replay x 2>/dev/null; echo $?)"
same "the slow receiver's timeouts were retried too" "1" "$(sql "SELECT count(*) > 1 FROM webhook_attempt WHERE delivery_id = 2")"
done_before=$(sql "SELECT count(*) FROM webhook_delivery WHERE status <> 'pending'")
[ "$done_before" -ge 1 ] && pass "deliveries done are kept in the log ($done_before)" || fail "nothing done to prune"
# KANSLI_WEBHOOK_KEEP_DAYS shortens that: a day (its least) after the
# last attempt (in a copy, so that the 30 days are seen below).
cp -a "$KANSLI_DATA" "$T/keep1"
KANSLI_DATA="$T/keep1" KANSLI_WEBHOOK_KEEP_DAYS=1 KANSLI_NOW=2026-03-04 k webhook deliver >/dev/null
same "with KANSLI_WEBHOOK_KEEP_DAYS=1, the delivery done on 2 March leaves the log two days later" "0" \
	"$(sqlite3 "$T/keep1/kansli.db" "SELECT count(*) FROM webhook_delivery WHERE id = 1")"
KANSLI_NOW=2026-04-20 k webhook deliver >/dev/null
same "30 days after their last attempt, deliveries done (one delivered, one failed) leave the log with their attempts" "0 0 0" \
	"$(sql "SELECT count(*) FROM webhook_delivery WHERE id IN (1, 2)") $(sql "SELECT count(*) FROM webhook_attempt WHERE delivery_id IN (1, 2)") $(sql "SELECT count(*) FROM webhook_attempt a LEFT JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.id IS NULL")"
same "... the replayed one, tried just now and ended by its 24 hours, stays" "failed" "$(sql "SELECT status FROM webhook_delivery WHERE id = 3")"
