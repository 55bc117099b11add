#!/bin/sh
# t0051 — bounded connections (issue 15): 300 slow connections that never
# finish their headers, spread over 15 loopback addresses, are held while
# /healthz and a logged-in user's page each answer within 1 s; one address
# gets no more connections than its limit.
TEST_NAME=slowloris
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
k case open --org alby --series KS --title "Ärende under belastning" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet --threads 2 --max-connections-per-address 20 \
	--max-connections 1000 --idle-timeout 30 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -c "$T/jar" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
curl -s -c "$T/jar" -b "$T/jar" -o /dev/null --data-urlencode "login_token=$tok" \
	--data-urlencode username=rita --data-urlencode password=Losenord-for-rita "$U/login"
cookie=$(awk '$6 == "kansli" { print "kansli=" $7 }' "$T/jar")

cat >"$T/loris.py" <<'PY'
import socket, sys, time
port, cookie = int(sys.argv[1]), sys.argv[2]
held = []
# 300 connections from 127.0.0.2-16, 20 each (the per-address limit), each
# with a request line and one header, never finished.
for a in range(2, 17):
    for _ in range(20):
        s = socket.socket()
        s.bind(("127.0.0.%d" % a, 0))
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        held.append(s)
time.sleep(1)
def alive(s):
    s.setblocking(False)
    try:
        return s.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
print("held=%d" % sum(alive(s) for s in held))
# One more header byte on each now and then keeps them from being idle.
def drip():
    for s in held:
        try:
            s.send(b"X")
        except OSError:
            pass
def get(path, c=None):
    t0 = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    req = "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" % path
    if c:
        req += "Cookie: %s\r\n" % c
    s.sendall((req + "\r\n").encode())
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    s.close()
    return data.split(b" ")[1].decode() if data else "none", time.time() - t0
worst = {"/healthz": 0.0, "/arenden?org=alby": 0.0}
codes = set()
for i in range(20):
    drip()
    for p in worst:
        code, t = get(p, cookie if p != "/healthz" else None)
        codes.add(code)
        worst[p] = max(worst[p], t)
print("codes=%s" % ",".join(sorted(codes)))
print("healthz_worst=%.3f" % worst["/healthz"])
print("page_worst=%.3f" % worst["/arenden?org=alby"])
print("still_held=%d" % sum(alive(s) for s in held))
# One address beyond its limit: 30 connections from 127.0.0.20.
extra = []
for _ in range(30):
    s = socket.socket()
    s.bind(("127.0.0.20", 0))
    s.settimeout(5)
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\n")
    except OSError:
        pass
    extra.append(s)
time.sleep(1)
print("one_address=%d" % sum(alive(s) for s in extra))
for s in held + extra:
    s.close()
PY
timeout 120 python3 "$T/loris.py" "$port" "$cookie" >"$T/out.txt" 2>"$T/err.txt" || fail "loris ran ($(head -c 300 "$T/err.txt"))"
v() { sed -n "s/^$1=//p" "$T/out.txt"; }
same "300 slow connections are held" "300" "$(v held)"
same "pages answer while they are held" "200" "$(v codes)"
python3 -c "import sys; sys.exit(0 if $(v healthz_worst) < 1.0 else 1)" && pass "/healthz answers within 1 s ($(v healthz_worst) s worst)" \
	|| fail "/healthz answers within 1 s ($(v healthz_worst) s worst)"
python3 -c "import sys; sys.exit(0 if $(v page_worst) < 1.0 else 1)" && pass "a logged-in page answers within 1 s ($(v page_worst) s worst)" \
	|| fail "a logged-in page answers within 1 s ($(v page_worst) s worst)"
same "one address gets no more than its 20 connections" "20" "$(v one_address)"
same "the server still answers after" "200" "$(curl -s -o /dev/null -w '%{http_code}' "$U/healthz")"
