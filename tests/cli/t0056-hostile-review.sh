#!/bin/sh
# t0056 — what the second hostile-load review found (issue 15 follow-up):
# a search for a word on each of 20,000 lines of one document answers at
# once; anonymous form bodies have their own small pool, a short deadline
# and (for the login form) a small limit, so dripping clients on many
# addresses do not stop staff uploads or another address's login; a
# chunked body past its limit closes the connection instead of being read
# on for gigabytes; ambiguous framing and control characters in the path
# are refused (400); the access log cannot be forged; a mail inside a mail
# is indexed within the caps and marked partial when one applies.
TEST_NAME=hostile-review
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
c=$(k case open --org alby --series KS --title "Stora filer")
python3 -c '
for i in range(20000): print("rad %d snipb lite mer text här" % i)' >"$T/snip.txt"
k record add --org alby "$c" --direction in --title "Upprepat ord" --file "$T/snip.txt" >/dev/null
# A mail forwarding a mail of 2,000 parts (the cap is 500): the inner
# mail's subject and first parts are indexed, and the file is partial.
python3 - >"$T/nested.eml" <<'PY'
import sys
b, ib = "yttre-xxxxxxxx", "inre-xxxxxxxx"
inner = ["From: a@example.org\r\nSubject: Inrebrevsrubrik\r\nMIME-Version: 1.0\r\n",
         'Content-Type: multipart/mixed; boundary="%s"\r\n\r\n' % ib]
for i in range(2000):
    inner.append("--%s\r\nContent-Type: text/plain\r\n\r\ninrebrevsdel %d\r\n" % (ib, i))
inner.append("--%s--\r\n" % ib)
sys.stdout.write("From: b@example.org\r\nTo: c@example.org\r\nSubject: Vidarebefordrat\r\n"
                 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="%s"\r\n\r\n'
                 "--%s\r\nContent-Type: text/plain\r\n\r\nytterbrevstext\r\n"
                 "--%s\r\nContent-Type: message/rfc822\r\n\r\n%s\r\n--%s--\r\n"
                 % (b, b, b, "".join(inner), b))
PY
k record add --org alby "$c" --direction in --title "Brev i brev" --file "$T/nested.eml" >/dev/null
k reindex >/dev/null
status() { sql "SELECT ft.status FROM file_text ft JOIN record_file rf ON rf.hash = ft.hash JOIN record r ON r.id = rf.record_id WHERE r.title = '$1'"; }
hit() { k search --org alby "$1" --json | python3 -c 'import json,sys; print(" ".join(h["title"] for h in json.load(sys.stdin)))'; }
same "a mail in a mail over the parts cap is partial" "partial" "$(status 'Brev i brev')"
same "the inner mail's subject is indexed" "Brev i brev" "$(hit Inrebrevsrubrik)"
same "and its first parts" "Brev i brev" "$(hit inrebrevsdel)"
same "the cap held inside the inner mail: part 1500 is not indexed" "0" \
	"$(sql "SELECT count(*) FROM file_text WHERE text LIKE '%inrebrevsdel 1500%'")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --threads 2 --request-deadline 60 --idle-timeout 30 2>"$T/serve.log" &
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
[ -n "$cookie" ] && pass "logged in" || fail "logged in"

# 1. The search: FTS5's own snippet() took 2.8 s for this document (its
# work grows with the square of the hits) and could not be interrupted.
t0=$(python3 -c 'import time; print(time.time())')
curl -s -b "$T/jar" -o "$T/sok" -w '%{http_code}' "$U/sok?org=alby&q=snipb" >"$T/code"
took=$(python3 -c "import time; print('%.2f' % (time.time() - $t0))")
same "a word on 20,000 lines of one document: the search answers" "200" "$(cat "$T/code")"
grep -q '<mark>snipb</mark>' "$T/sok" && pass "and its snippet marks the word" \
	|| fail "snippet marks the word: $(grep -o '.\{80\}snipb.\{80\}' "$T/sok" | head -2)"
python3 -c "import sys; sys.exit(0 if $took < 1.0 else 1)" && pass "within 1 s ($took s)" \
	|| fail "the search took $took s (goal < 1 s)"

# probe.py: raw HTTP on loopback, bounded by timeouts everywhere.
cat >"$T/probe.py" <<'PY'
import socket, sys, time
port, cookie = int(sys.argv[1]), sys.argv[2]

def report(name, value):
    print("%s=%s" % (name, value))
    sys.stdout.flush()

def start(path, src="127.0.0.1", length=None, ctype="application/x-www-form-urlencoded",
          cookie=None, body=b"", chunked=False):
    s = socket.socket()
    s.bind((src, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    h = "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\n" % (path, ctype)
    h += "Transfer-Encoding: chunked\r\n" if chunked else "Content-Length: %d\r\n" % length
    if cookie:
        h += "Cookie: %s\r\n" % cookie
    s.sendall(h.encode() + b"\r\n" + body)
    return s

def status(s):
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        return "timeout"
    except OSError:
        return "closed"
    return data.split(b" ")[1].decode() if data else "closed"

def closed(s):
    """Whether the server has closed s (an answer it sent first is read and dropped)."""
    s.setblocking(False)
    try:
        while True:
            if s.recv(65536) == b"":
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True

# 2. 18 addresses, 4 slow public forms each; a login without a length.
held = []
for a in range(2, 20):
    for _ in range(4):
        try:
            held.append(start("/offentlig/begar", "127.0.0.%d" % a, 60000, body=b"namn=x"))
        except OSError:
            pass
t0 = time.time()
s = start("/login", "127.0.0.30", chunked=True)
report("chunked_login", status(s))
s.close()
time.sleep(0.5)
boundary = "XXgransXX"
part = ('--%s\r\nContent-Disposition: form-data; name="titel"\r\n\r\nX\r\n--%s--\r\n'
        % (boundary, boundary)).encode()
s = start("/registrera", length=len(part), ctype="multipart/form-data; boundary=" + boundary,
          cookie=cookie, body=part)
report("staff_upload", status(s))
s.close()
form = b"login_token=x&username=nobody&password=wrong"
s = start("/login", "127.0.0.40", len(form), body=form)
report("fresh_login", status(s))
s.close()
s = start("/login", "127.0.0.41", 60000, body=b"username=x")
report("big_login", status(s))
s.close()
# The dripping clients are cut by the anonymous deadline (10 s), long
# before the server's 60 s.
while time.time() - t0 < 16 and not all(closed(x) for x in held):
    for x in held:
        try:
            x.send(b"a")
        except OSError:
            pass
    time.sleep(1)
report("drips_cut", "%d/%d after %.0f s" % (sum(closed(x) for x in held), len(held), time.time() - t0))
for x in held:
    x.close()

# 4. Ambiguous framing, control characters in the path, a forged log line.
def raw(req):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(req)
    st = status(s)
    s.close()
    return st
FORM = b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
report("two_lengths", raw(FORM + b"Content-Length: 5\r\nContent-Length: 50\r\n\r\nabcde"))
report("length_and_chunked", raw(FORM + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
report("nul_path", raw(b"GET /registrera%00/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
report("newline_path", raw(b"GET /healthz%0a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
report("forged_field", raw(b"GET /x%22,%22user%22:%22admin%22 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))

# 3. A chunked body past its limit: the connection is closed, not read on.
def flood(path, ctype, c=None):
    s = start(path, ctype=ctype, cookie=c, chunked=True)
    chunk = b"%x\r\n" % 65536 + b"a" * 65536 + b"\r\n"
    sent = 0
    t = time.time()
    try:
        while sent < 64 * 1024 * 1024 and time.time() - t < 8:
            s.sendall(chunk)
            sent += 65536
    except OSError:
        pass
    s.close()
    return sent

report("flood_login", flood("/login", "application/x-www-form-urlencoded") // 1024)
report("flood_api", flood("/api/v1/boards?org=alby", "application/json", cookie) // 1024)
PY
python3 "$T/probe.py" "$port" "$cookie" >"$T/probe.out" 2>"$T/probe.err" || fail "probe ran ($(head -c 300 "$T/probe.err"))"
v() { sed -n "s/^$1=//p" "$T/probe.out"; }
same "with 72 anonymous forms held, a logged-in upload is received (403: no CSRF token)" "403" "$(v staff_upload)"
case "$(v fresh_login)" in
200|303|401|403|422|429) pass "and a login from a fresh address is answered ($(v fresh_login))" ;;
*) fail "a login from a fresh address while 72 anonymous forms are held: $(v fresh_login)" ;;
esac
same "a login form over 8 KiB: 413 up front" "413" "$(v big_login)"
same "an anonymous form without a length (chunked): 411 up front" "411" "$(v chunked_login)"
case "$(v drips_cut)" in
"72/72 after "*) pass "dripping anonymous forms are cut by their short deadline ($(v drips_cut))" ;;
*) fail "dripping anonymous forms cut by their deadline: $(v drips_cut)" ;;
esac
fl=$(v flood_login)
[ -n "$fl" ] && [ "$fl" -lt 4096 ] && pass "a chunked flood to /login is cut (after $fl KiB)" \
	|| fail "a chunked flood to /login is cut (read $fl KiB)"
fa=$(v flood_api)
[ -n "$fa" ] && [ "$fa" -lt 8192 ] && pass "a chunked JSON flood to the API is cut (after $fa KiB)" \
	|| fail "a chunked JSON flood to the API is cut (read $fa KiB)"
same "Content-Length twice: 400" "400" "$(v two_lengths)"
same "Content-Length with Transfer-Encoding: 400" "400" "$(v length_and_chunked)"
same "a %00 in the path: 400, not the page before it" "400" "$(v nul_path)"
same "a %0a in the path: 400" "400" "$(v newline_path)"
same "a path with quotes is only not found" "404" "$(v forged_field)"
python3 - "$T/serve.log" >"$T/logcheck" 2>&1 <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8", errors="replace") if l.startswith("{")]
bad = []
for l in lines:
    try:
        o = json.loads(l)
        if o.get("user") == "admin":
            bad.append(l)
    except ValueError:
        bad.append(l)
forged = [json.loads(l)["path"] for l in lines if '"/x' in l]
print("lines=%d bad=%d forged=%s" % (len(lines), len(bad), forged))
PY
grep -q "bad=0 forged=\['/x%22,%22user%22:%22admin%22'\]" "$T/logcheck" && pass "every access-log line is one JSON object; a quoted path forges no field" \
	|| fail "access log: $(cat "$T/logcheck")"
grep -q '"path":"/healthz%0A"' "$T/serve.log" && pass "a line break in the path is logged encoded, on the request's own line" \
	|| fail "the %0a path in the log: $(grep -a -A1 healthz "$T/serve.log" | head -4)"
same "the server still answers" "200" "$(curl -s -o /dev/null -w '%{http_code}' "$U/healthz")"
