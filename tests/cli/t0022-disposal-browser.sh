#!/bin/sh
# t0023 — the archivist's pages in a real browser with accessibility checks
# (tests/browser/archive.mjs: playwright-core + axe-core, Debian's Chromium).
TEST_NAME=browser-archive
# The registry is built on a pinned day, so that "two years later" and the
# report's dates stay true whatever today is.
export KANSLI_NOW=2026-12-01
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
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1 arkiv2; do
	echo "Losenord-for-$u" | k user add "$u" "Arkivarie $u" --password-stdin >/dev/null
	k user grant "$u" arkivarie >/dev/null
done
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;Bygglov;;gallras;10;KF 2025-03-12 § 45;ja
1.1;Styrning;;bevaras;;RA-FS 2021:6;
CSV
k retention schedule import "$T/plan.csv" >/dev/null
c=$(k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1)
k record add "$c" --direction in --title "Ansökan om bygglov" --person "Sven Svensson" >/dev/null
k case close "$c" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NOW=2040-01-15 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/archive.mjs" "http://127.0.0.1:$port" "$T/plan.csv" $SHOTS
kill $pid 2>/dev/null; wait $pid 2>/dev/null
ok "verify after the browser's disposal" k verify
