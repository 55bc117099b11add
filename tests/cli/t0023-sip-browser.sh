#!/bin/sh
# t0023-sip-browser — an archivist delivers to the e-archive in a real
# browser with accessibility checks (tests/browser/delivery.mjs); the
# downloaded packages pass the FGS validator.
TEST_NAME=sip-browser
. "$(dirname "$0")/lib.sh"
B="$(cd "$(dirname "$0")/../browser" && pwd)"
REPO=$(cd "$(dirname "$0")/../.." && pwd)

if [ ! -d "$B/node_modules/playwright-core" ] || [ ! -d "$B/node_modules/axe-core" ]; then
	(cd "$B" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/browser ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" --orgnr 212000-0142 >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-arkiv" | k user add arkiv "Arkivarie Andersson" --password-stdin >/dev/null
k user grant arkiv arkivarie >/dev/null
printf 'Remissvar om översiktsplanen.\n' >"$T/svar.txt"
for t in "Översiktsplan, remiss" "Motion om cykelbanor"; do
	c=$(k case open --series KS --title "$t")
	k record add "$c" --direction in --title "Remissvar" --organisation "Länsstyrelsen" --file "$T/svar.txt" >/dev/null
	k case close "$c" >/dev/null
done
mkdir "$T/dl"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/delivery.mjs" "http://127.0.0.1:$port" arkiv Losenord-for-arkiv "$c" KS "$year" "$T/dl"
for p in case.zip series.tar; do
	if [ -f "$T/dl/$p" ] && "$REPO/../shared/oracles/validate-sip" --profile fgs --strict "$T/dl/$p" >"$T/v" 2>&1; then
		pass "the downloaded $p passes validate-sip --profile fgs --strict"
	else
		fail "the downloaded $p does not validate: $(grep -m2 'ERROR\|RESULT' "$T/v" 2>/dev/null | tr '\n' ' ')"
	fi
done
