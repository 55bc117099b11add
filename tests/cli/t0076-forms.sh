#!/bin/sh
# t0076 — errors that help (issue 11): the demo (small: 500 registrations in
# each municipality) is crawled as an administrator, a registrar, a
# committee secretary and an archivist, and every form of its staff pages
# is sent refused, empty and with invalid values. Each must come back as
# the same form with its values (files kept as pending uploads), a 4xx
# status and a Swedish message at the field and in a summary, never a
# command-line flag or core's English (tests/forms/forms_crawl.py).
TEST_NAME=forms
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# scripts/demo runs ./kansli from the tree it is in: a tree of links puts a
# binary there (its gen-diarium is ../shared from the tree). The release
# binary builds the demo faster when there is one; the binary under test
# then serves it.
: "${KANSLI_REL:=$ROOT/kansli}"
[ -x "$KANSLI_REL" ] || KANSLI_REL=$KANSLI
mkdir -p "$T/tree"
ln -s "$ROOT/scripts" "$T/tree/scripts"
ln -s "$KANSLI_REL" "$T/tree/kansli"
ln -s "$(cd "$ROOT/../shared" && pwd)" "$T/shared"
(cd "$T/tree" && KANSLI_NO_RATE_LIMIT=1 DEMO_DATA="$T/demo" DEMO_PER_ORG=500 DEMO_PORT=$port \
	exec sh scripts/demo) >"$T/demo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
up() { # up PID: waits for the server at $U while PID lives
	i=0
	until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 3000 ] || ! kill -0 "$1" 2>/dev/null; do
		sleep 0.1; i=$((i + 1))
	done
	curl -fs "$U/healthz" >/dev/null 2>&1
}
if ! up $pid; then
	fail "the demo was built and served ($(tail -c 400 "$T/demo.log"))"
	exit 0
fi
kill $pid; wait $pid 2>/dev/null
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" --data "$T/demo" serve --address 127.0.0.1 --port "$port" --quiet \
	2>"$T/serve.log" &
pid=$!
if ! up $pid; then
	fail "the binary under test serves the demo ($(tail -c 400 "$T/serve.log"))"
	exit 0
fi
pass "the demo was built and served"
PW="Demo-lösenord-2026"
if echo "$PW" | k --data "$T/demo" user add admin "Ada Administratör" --password-stdin >"$T/out" 2>&1 &&
	k --data "$T/demo" user grant admin administrator --org exempelstad >>"$T/out" 2>&1; then
	pass "an administrator was added to the demo"
else
	fail "an administrator was added to the demo ($(head -c 300 "$T/out"))"
fi
python3 "$ROOT/tests/forms/forms_crawl.py" "$U" "$ROOT" "admin:$PW" "registrator:$PW" "sekreterare:$PW" \
	"arkivarie:$PW"
