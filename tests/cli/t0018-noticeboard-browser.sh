#!/bin/sh
# t0018 — the notice board in a real browser with accessibility checks
# (tests/browser/noticeboard.mjs: playwright-core + axe-core, Chromium):
# every public notice-board page and the staff page /anslag.
TEST_NAME=noticeboard-browser
. "$(dirname "$0")/lib.sh"
B="$(cd "$(dirname "$0")/../browser" && pwd)"
SHOTS=${SCREENSHOT_DIR:-}

if [ ! -d "$B/node_modules/playwright-core" ] || [ ! -d "$B/node_modules/axe-core" ]; then
	(cd "$B" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/browser ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
echo "Losenord-for-nina" | k user add nina "Nina Nämndsekreterare" --password-stdin >/dev/null
k user grant nina namndsekreterare >/dev/null
printf '%%PDF-1.4\n%% kallelse\n' >"$T/kallelse.pdf"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/noticeboard.mjs" "http://127.0.0.1:$port" nina Losenord-for-nina "$T/kallelse.pdf" $SHOTS
rc=$?
ok "verify after the browser flow" k verify
exit $rc
