#!/bin/sh
# t0026 — the managers' overview in a real browser with accessibility checks
# (tests/browser/overview.mjs: playwright-core + axe-core, Chromium): the
# page this year and last year, its charts, the CSV download.
TEST_NAME=overview-browser
. "$(dirname "$0")/lib.sh"
B="$(cd "$(dirname "$0")/../browser" && pwd)"
SHOTS=${SCREENSHOT_DIR:-}

if [ ! -d "$B/node_modules/playwright-core" ] || [ ! -d "$B/node_modules/axe-core" ]; then
	(cd "$B" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/browser ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add BUN "Barn- och utbildningsnämnden" >/dev/null
k unit add SBF "Samhällsbyggnadsförvaltningen" >/dev/null
echo "Losenord-for-chefen" | k user add chefen "Chefen Ledning" --password-stdin >/dev/null
k user grant chefen lasare >/dev/null
# Real dates: this year and last (the browser's clock is the real one).
y=$year; p=$((y - 1))
at() { d=$1; shift; KANSLI_NOW=$d "$KANSLI" "$@"; }
at "$p-03-02" case open --series KS --title "Fjolårets ärende" --unit SBF >/dev/null
at "$p-04-01" case close "KS $p/0001" >/dev/null
at "$y-01-02" case open --series KS --title "Årets första" --unit SBF >/dev/null
at "$y-01-02" record add "KS $y/0001" --direction in --title "Skrivelse" >/dev/null
at "$y-01-03" case open --series KS --title "Försenat ärende" --due "$y-01-04" >/dev/null
at "$y-01-05" case close "KS $y/0001" >/dev/null
at "$y-01-05" case open --series BUN --title "Skolfråga" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/overview.mjs" "http://127.0.0.1:$port" chefen Losenord-for-chefen $SHOTS
rc=$?
ok "verify after the browser flow" k verify
exit $rc
