#!/bin/sh
# t0020 — the committee cycle through the web pages in a real browser,
# with axe-core on every meeting page (tests/browser/meetings.mjs).
TEST_NAME=meetings-browser
. "$(dirname "$0")/lib.sh"
B="$(cd "$(dirname "$0")/../browser" && pwd)"
SHOTS=${SCREENSHOT_DIR:-}

if [ ! -d "$B/node_modules/playwright-core" ] || [ ! -d "$B/node_modules/axe-core" ]; then
	(cd "$B" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/browser ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
export KANSLI_NOW=2026-03-16
ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in sara anna bengt; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sara namndsekreterare >/dev/null
k user grant anna lasare >/dev/null
k user grant bengt lasare >/dev/null
c=$(k case open --series KS --title "Bygglov för förråd")
k record add "$c" --direction in --title "Ansökan om bygglov" --person "Sven Svensson" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/meetings.mjs" "http://127.0.0.1:$port" "$c" 2026-03-16 $SHOTS
kill $pid 2>/dev/null
wait $pid 2>/dev/null
ok "kansli verify after the cycle" k verify
same "the minutes are posted on the notice board" "minutes" "$(sql "SELECT kind FROM notice")"
