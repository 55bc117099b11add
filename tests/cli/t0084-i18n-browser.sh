#!/bin/sh
# t0084 — every public page rendered in Swedish and in English in a real
# browser (tests/browser/i18n.mjs): the language from the browser's
# Accept-Language, <html lang>, the visible switch and its choice kept by
# the links without cookies, no Swedish UI words left on the English
# pages, which fit a phone and pass axe-core's WCAG 2.1 AA check.
TEST_NAME=i18n-browser
. "$(dirname "$0")/lib.sh"
B="$(cd "$(dirname "$0")/../browser" && pwd)"

if [ ! -d "$B/node_modules/playwright-core" ] || [ ! -d "$B/node_modules/axe-core" ]; then
	(cd "$B" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		{ fail "npm ci in tests/browser ($(tail -3 "$T/npm.log"))"; exit 1; }
fi
export KANSLI_NOW=2026-03-02
ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
ks=$(k case open --series KS --title "Medborgarförslag om parkbänkar längs Storgatan och Strandpromenaden")
k record add "$ks" --direction in --person "Anna Öppensson" --title "Förslag om bänkar" >/dev/null
k record add "$ks" --direction internal --person "Hemlig Person" --title "Utredning" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
k notice post --kind other --board Kommunstyrelsen --title "Kungörelse om detaljplan för kvarteret Ängen" \
	--text "Planförslaget finns att läsa i kommunhuset." >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
nid=$(sql "SELECT max(id) FROM notice")
node "$B/i18n.mjs" "http://127.0.0.1:$port" /offentlig "/offentlig/diarium?org=kommun" \
	"/offentlig/arende?org=kommun&nr=$(enc "$ks")" "/offentlig/arende?org=kommun&nr=$(enc "KS 2026/0999")" \
	/anslagstavla "/anslagstavla/aktuellt?org=kommun" "/anslagstavla/arkiv?org=kommun" \
	"/anslagstavla/anslag?org=kommun&id=$nid" /offentlig/logg /sokhjalp /offentlig/finnsinte
