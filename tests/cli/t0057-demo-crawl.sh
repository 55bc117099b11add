#!/bin/sh
# t0057 — the demo, as `make demo` builds it (smaller: 2,000 registrations in
# each municipality), crawled as the public: every public page and feed
# reachable from the start pages, checked for every secret the demo holds
# (masked titles, parties and texts, persons in series that mask them,
# protected case titles, requesters), read from its own database
# (tests/canary/demo_crawl.py). Issue 10 asks for it beside the canary suite.
TEST_NAME=demo-crawl
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${KANSLI_REL:=$ROOT/kansli}"
[ -x "$KANSLI_REL" ] || { fail "the release binary $KANSLI_REL is missing"; exit 0; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# scripts/demo runs ./kansli from the tree's root: the release binary.
(cd "$ROOT" && KANSLI_NO_RATE_LIMIT=1 DEMO_DATA="$T/demo" DEMO_PER_ORG=2000 DEMO_PORT=$port \
	exec scripts/demo) >"$T/demo.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 1800 ]; do sleep 0.1; i=$((i + 1)); done
if [ $i -ge 1800 ]; then
	fail "the demo was built and served ($(tail -c 400 "$T/demo.log"))"
	exit 0
fi
pass "the demo was built and served"
python3 "$ROOT/tests/canary/demo_crawl.py" "$T/demo/kansli.db" "$U"
