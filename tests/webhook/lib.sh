# tests/webhook/lib.sh — sourced by the webhook tests after tests/cli/lib.sh:
# receiver_start NAME starts tests/webhook/receiver.py in $T/NAME (stopped
# when the test ends) and sets RPORT; received NAME prints its log's
# bodies' "type data.object_type verified duplicate" lines.
RECEIVER="$(cd "$(dirname "$0")/../webhook" && pwd)/receiver.py"
RPIDS=""
# (again after web_serve, which sets a trap of its own)
receiver_trap() { trap 'kill ${pid:-} $RPIDS 2>/dev/null; rm -rf "$T"' EXIT; }
receiver_start() {
	mkdir -p "$T/$1"
	rm -f "$T/$1/port"
	python3 "$RECEIVER" "$T/$1" >>"$T/$1/stderr" 2>&1 &
	RPIDS="$RPIDS $!"
	receiver_trap
	i=0
	until [ -s "$T/$1/port" ] || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
	RPORT=$(cat "$T/$1/port")
}
# the secret `kansli webhook add` printed (in $T/out) becomes one NAME accepts
receiver_accept() {
	sed -n 's/^secret: \(whsec_[^ ]*\).*/\1/p' "$T/out" >>"$T/$1/secrets"
}
received() {
	[ -f "$T/$1/log" ] || return 0
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    d = json.loads(line)
    b = json.loads(d["body"])
    print(b["type"], b["data"]["object_type"], "verified" if d["verified"] else "UNVERIFIED",
          "dup" if d["duplicate"] else "new", d["status"], d["id"])' "$T/$1/log"
}
# the JSON bodies NAME got, one a line
bodies() { [ -f "$T/$1/log" ] && python3 -c 'import json,sys
for l in open(sys.argv[1]): print(json.loads(l)["body"])' "$T/$1/log"; }
