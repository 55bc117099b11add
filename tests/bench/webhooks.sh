#!/bin/sh
# tests/bench/webhooks.sh — webhooks (issue 16, part 5), in one run:
#   1. delivery throughput: BENCH_WEBHOOK_N (default 2000) queued deliveries
#      posted by `kansli serve`'s delivery thread (payload read as the
#      subscriber, signed, posted with libcurl, every attempt recorded)
#      against one plain `curl` process posting the same number of bodies
#      of the same size, with valid signatures, over keep-alive to the same
#      receiver (tests/webhook/receiver.py, which checks every signature
#      either way); goal >= 0.5x.
#   2. the added latency of a registration with 5 subscriptions to its
#      event against none (build/register-bench, one transaction each,
#      synchronous=FULL), while `kansli serve` runs and delivers,
#      BENCH_WEBHOOK_REG registrations (default 2000) per installation,
#      three rounds alternating, medians; goal <= 10%.
set -eu
cd "$(dirname "$0")/../.."
N=${BENCH_WEBHOOK_N:-2000}
REG=${BENCH_WEBHOOK_REG:-2000}
W=$(mktemp -d)
RPID=""; KPID=""
trap 'kill $RPID $KPID 2>/dev/null; rm -rf "$W"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
receiver() { # DIR: a fresh receiver; sets RPID, RPORT
	mkdir -p "$1"
	python3 tests/webhook/receiver.py "$1" >"$1/stderr" 2>&1 &
	RPID=$!
	until [ -s "$1/port" ]; do sleep 0.05; done
	RPORT=$(cat "$1/port")
}
wait_count() { until [ "$(cat "$1/count" 2>/dev/null || echo 0)" -ge "$2" ]; do sleep 0.02; done; }
install() { # DIR SUBSCRIPTIONS URL
	./kansli init "$1" >/dev/null
	./kansli --data "$1" org add bench "Bänkens kommun" >/dev/null
	echo "Benchmark-losen-1" | ./kansli --data "$1" user add benchhook "Bänk" --password-stdin >/dev/null
	./kansli --data "$1" user grant benchhook registrator >/dev/null
	i=0
	while [ $i -lt "$2" ]; do
		./kansli --data "$1" webhook add "$3" --events record.registered --as benchhook >"$1.secret"
		i=$((i + 1))
	done
}

# --- 1. throughput
receiver "$W/rk"
install "$W/k" 1 "http://127.0.0.1:$RPORT/hook"
sed -n 's/^secret: \(whsec_[^ ]*\).*/\1/p' "$W/k.secret" >"$W/rk/secrets"
build/register-bench "$W/k" "$N" >/dev/null   # queues N deliveries (and the case's)
total=$(sqlite3 "$W/k/kansli.db" "SELECT count(*) FROM webhook_event_queue")
KP=$(free_port)
KANSLI_WEBHOOK_POLL_MS=20 ./kansli --data "$W/k" serve --port "$KP" --quiet 2>"$W/serve.log" &
KPID=$!
wait_count "$W/rk" "$total"
t1=$(now)
# timed from the first post, so that the server's start is not
t0=$(sqlite3 "$W/k/kansli.db" "SELECT printf('%.6f', min(at_us) / 1e6) FROM webhook_attempt")
kill $KPID; wait $KPID 2>/dev/null || true; KPID=""
kill $RPID; wait $RPID 2>/dev/null || true
delivered=$(sqlite3 "$W/k/kansli.db" "SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'")
body=$(python3 -c 'import json,sys; print(len(json.loads(open(sys.argv[1]).readline())["body"]))' "$W/rk/log")

# the same posts from one curl process: bodies of the same size, signed
receiver "$W/rc"
cp "$W/rk/secrets" "$W/rc/secrets"
python3 - "$W/rc/secrets" "$total" "$body" "http://127.0.0.1:$RPORT/hook" >"$W/curl.cfg" <<'PY'
import base64, hashlib, hmac, sys, time
secret, n, size, url = open(sys.argv[1]).read().split()[0], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
key = base64.b64decode(secret[len("whsec_"):])
ts = str(int(time.time()))
for i in range(n):
    mid = "msg_curl_%d" % i
    body = '{"data":"%s"}' % ("x" * max(0, size - 11))
    sig = base64.b64encode(hmac.new(key, (mid + "." + ts + "." + body).encode(), hashlib.sha256).digest()).decode()
    if i:
        print("next")
    print('url = "%s"' % url)
    print('data = "%s"' % body.replace('"', '\\"'))
    print('header = "Content-Type: application/json"')
    print('header = "webhook-id: %s"' % mid)
    print('header = "webhook-timestamp: %s"' % ts)
    print('header = "webhook-signature: v1,%s"' % sig)
    print('output = "/dev/null"')
PY
t2=$(now)
curl -s -K "$W/curl.cfg"
wait_count "$W/rc" "$total"
t3=$(now)
kill $RPID; wait $RPID 2>/dev/null || true; RPID=""
python3 - "$total" "$delivered" "$t0" "$t1" "$t2" "$t3" "$body" <<'PY'
import sys
n, d = int(sys.argv[1]), int(sys.argv[2])
t0, t1, t2, t3 = map(float, sys.argv[3:7])
k, c = n / (t1 - t0), n / (t3 - t2)
print(f"webhook delivery: kansli {k:,.0f}/s ({n} posts of {sys.argv[7]} bytes in {t1 - t0:.2f} s, {d} marked delivered), "
      f"plain curl {c:,.0f}/s ({t3 - t2:.2f} s), ratio {k / c:.2f}x (goal >= 0.50x)")
PY

# --- 2. registration latency, 5 subscriptions against none
receiver "$W/rr"
cp "$W/rk/secrets" "$W/rr/secrets" # (the database holds the secrets sealed)
for round in 1 2 3; do
	for subs in 0 5; do
		d="$W/reg$subs-$round"
		install "$d" "$subs" "http://127.0.0.1:$RPORT/hook"
		# the server runs and delivers while the registrations are made:
		# its delivery thread's transactions share the write lock with them
		KP=$(free_port)
		KANSLI_WEBHOOK_POLL_MS=100 ./kansli --data "$d" serve --port "$KP" --quiet 2>>"$W/serve.log" &
		KPID=$!
		until curl -fs "http://127.0.0.1:$KP/healthz" >/dev/null 2>&1; do sleep 0.05; done
		build/register-bench "$d" "$REG" | sed -n 's/.* = \([0-9]*\)\/s/\1/p' >>"$W/rate$subs"
		kill $KPID; wait $KPID 2>/dev/null || true; KPID=""
		sqlite3 "$d/kansli.db" "SELECT count(*) FROM webhook_delivery WHERE status = 'delivered'" >>"$W/sent$subs"
	done
done
python3 - "$W/rate0" "$W/rate5" "$REG" "$W/sent5" <<'PY'
import statistics, sys
r0 = [float(x) for x in open(sys.argv[1]).read().split()]
r5 = [float(x) for x in open(sys.argv[2]).read().split()]
sent = [int(x) for x in open(sys.argv[4]).read().split()]
m0, m5 = statistics.median(r0), statistics.median(r5)
print(f"registration with 5 webhook subscriptions: {1000 / m5:.3f} ms each ({m5:,.0f}/s) against "
      f"{1000 / m0:.3f} ms ({m0:,.0f}/s) with none, {sys.argv[3]} each while the server delivers "
      f"({sent} of {5 * int(sys.argv[3])} delivered by the end), rounds {r0} / {r5}: "
      f"{(m0 / m5 - 1) * 100:+.1f}% (goal <= 10%)")
PY
