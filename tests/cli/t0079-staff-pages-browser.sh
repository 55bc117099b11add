#!/bin/sh
# t0079 (browser) — the staff pages fit a laptop and a phone: a registrar's
# and an archivist's pages (start, lists, the case with its action groups
# open, registration, search, meetings, requests, the archive and a
# disposal run) opened at 1280 and 390 px in Chromium; none is wider than
# the window and axe-core finds no WCAG 2.1 AA violation
# (tests/browser/staffpages.mjs).
TEST_NAME=browser-staffpages
export KANSLI_NOW=2026-11-20
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
k unit add BYGG "Bygg- och miljöförvaltningen" >/dev/null
for u in rita:registrator rita:arkivarie rita:namndsekreterare arkiv1:arkivarie hanna:handlaggare; do
	n=${u%%:*}
	[ -n "$(sql "SELECT 1 FROM app_user WHERE username = '$n'" 2>/dev/null)" ] ||
		echo "Losenord-for-$n" | k user add "$n" "Användare med ett långt namn $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;1;KF 2025-03-12 § 45;ja\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
# open cases with long titles and parties, and closed ones past their period
python3 -c '
import json
for i in range(1, 121):
    old = i > 80
    print(json.dumps({"id": i, "dnr": "KS %d/%04d" % (2019 if old else 2026, i), "doc_no": 1, "series": "KS",
        "organ": "Kommunstyrelsen", "year": 2019 if old else 2026,
        "case_title": "Ansökan om bygglov för nybyggnad av enbostadshus, garage och förråd på fastigheten Storgården 1:%d" % i,
        "class_code": "3.2.1", "class_title": "Bygglov", "officer": "",
        "case_opened": "%d-02-01" % (2019 if old else 2026), "case_status": "closed" if old else "open",
        "case_closed": "2019-06-01" if old else "", "date": "%d-02-01" % (2019 if old else 2026),
        "direction": "inkommande", "party_type": "person", "party_name": "Sven Svensson-Långnamnsson",
        "party_id": "", "doc_title": "Ansökan om bygglov med situationsplan, fasadritningar och sektionsritning %d" % i,
        "secret": 0, "osl": "", "body": "bygglov"}, ensure_ascii=False))
' >"$T/import.jsonl"
ok "import the registry" k import "$T/import.jsonl"
num="KS 2026/0001"
k case assign "$num" hanna >/dev/null
k case due "$num" 2026-11-01 >/dev/null
ok "a disposal run proposed by another archivist" k --user arkiv1 disposal propose
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 >/dev/null
k board member KS --name "David Dahl" --role ersattare --from 2023-01-01 >/dev/null
k --user rita meeting create --board KS --date 2026-11-20 --time 09:00 --place "Sessionssalen" >/dev/null
k --user rita meeting add 1 --case "$num" >/dev/null
k --user rita meeting send-notice 1 >/dev/null
k --user rita reminder add "$num" --user rita --due 2026-11-20 --note "Yttrande från miljöenheten, svar senast idag" >/dev/null
k --user rita reminder add "$num-1" --user hanna --due 2026-12-01 --note "Komplettering" >/dev/null
k request submit --message "Jag vill ta del av ansökan" --document "$num-1" >/dev/null
k reindex >/dev/null 2>&1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
node "$B/staffpages.mjs" "http://127.0.0.1:$port" "$num" 1 1 $SHOTS
