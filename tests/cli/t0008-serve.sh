#!/bin/sh
# t0008 — `kansli serve` answers /healthz and its start page with the
# security headers, on loopback, and stops on SIGTERM.
TEST_NAME=serve
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
ok "org" k org add kommun "Exempels <kommun>"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" 2>"$T/serve.log" &
pid=$!
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

curl -s -D "$T/h" "http://127.0.0.1:$port/healthz" >"$T/body"
same "healthz" '{"status":"ok"}' "$(cat "$T/body")"
curl -s -D "$T/h" "http://127.0.0.1:$port/" >"$T/body"
grep -q "HTTP/1.1 200" "$T/h" && pass "start page 200" || fail "start page 200"
grep -qi "content-security-policy: default-src 'none'" "$T/h" && pass "CSP header" || fail "CSP header"
grep -qi "x-content-type-options: nosniff" "$T/h" && pass "nosniff header" || fail "nosniff header"
grep -q "Exempels &lt;kommun&gt;" "$T/body" && pass "names are HTML-escaped" || fail "names are HTML-escaped"
grep -q '<html lang="sv">' "$T/body" && pass "page is Swedish" || fail "page is Swedish"
same "unknown page is 404" "404" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/nope")"
same "POST is 405" "405" "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/")"
kill -TERM "$pid"
wait "$pid"
same "stops cleanly on SIGTERM" "0" "$?"
fails "refuses a bad port" "port" k serve --port 99999
