#!/bin/sh
# t0008 — `kansli serve` answers /healthz and its start page with the
# security headers, on loopback, and stops on SIGTERM.
TEST_NAME=serve
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA"
ok "org" k org add kommun "Exempels <kommun>"
echo "Losenord-for-eve" | k user add eve "Eve <script>alert(1)</script>" --password-stdin >/dev/null
k user grant eve lasare >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" 2>"$T/serve.log" &
pid=$!
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

curl -s -D "$T/h" "http://127.0.0.1:$port/healthz" >"$T/body"
same "healthz" '{"status":"ok"}' "$(cat "$T/body")"
same "start page sends strangers to the login" "303" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")"
curl -s -c "$T/jar" -D "$T/h" "http://127.0.0.1:$port/login" >"$T/body"
grep -q "HTTP/1.1 200" "$T/h" && pass "login page 200" || fail "login page 200"
grep -qi "content-security-policy: default-src 'none'" "$T/h" && pass "CSP header" || fail "CSP header"
grep -qi "frame-ancestors 'none'" "$T/h" && pass "CSP forbids framing" || fail "CSP forbids framing"
grep -qi "x-content-type-options: nosniff" "$T/h" && pass "nosniff header" || fail "nosniff header"
grep -qi "referrer-policy: no-referrer" "$T/h" && pass "Referrer-Policy header" || fail "Referrer-Policy header"
grep -q '<html lang="sv">' "$T/body" && pass "page is Swedish" || fail "page is Swedish"
grep -q 'style=' "$T/body" && fail "no inline style" || pass "no inline style"
grep -q '<script>' "$T/body" && fail "no inline script" || pass "no inline script"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
curl -s -c "$T/jar" -b "$T/jar" -o /dev/null --data-urlencode "login_token=$tok" --data-urlencode "username=eve" \
	--data-urlencode "password=Losenord-for-eve" "http://127.0.0.1:$port/login"
curl -s -b "$T/jar" "http://127.0.0.1:$port/" >"$T/body"
grep -q "Eve &lt;script&gt;alert(1)&lt;/script&gt;" "$T/body" && pass "names are HTML-escaped" || fail "names are HTML-escaped"
grep -q "<script>alert" "$T/body" && fail "raw markup from data" || pass "no raw markup from data"
same "unknown page is 404" "404" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/nope")"
same "POST is 405" "405" "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/")"
kill -TERM "$pid"
wait "$pid"
same "stops cleanly on SIGTERM" "0" "$?"
fails "refuses a bad port" "port" k serve --port 99999
