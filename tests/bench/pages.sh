#!/bin/sh
# tests/bench/pages.sh — p95 page time and the tallest page of the staff
# pages, in Chromium (tests/bench/pages.mjs, playwright-core from
# tests/browser). Builds its own installation, the size of a busy
# municipality's year: BENCH_PAGES_CASES imported cases (default 2000, each
# with a document; a fifth closed years ago and due for disposal), a
# proposed disposal run, a council meeting with BENCH_PAGES_ITEMS items on
# its agenda (default 60), a request; then opens every staff page
# BENCH_PAGES_ROUNDS times (default 5) as a registrar who is also
# secretary and archivist.
#
#   tests/bench/pages.sh [KANSLI]     (default ./kansli, the release build)
set -eu
cd "$(dirname "$0")/../.."
K=${1:-./kansli}
CASES=${BENCH_PAGES_CASES:-2000}
ITEMS=${BENCH_PAGES_ITEMS:-60}
ROUNDS=${BENCH_PAGES_ROUNDS:-5}
W=$(mktemp -d)
PID=""
trap '[ -z "$PID" ] || kill $PID 2>/dev/null; rm -rf "$W"' EXIT
export KANSLI_DATA="$W/data" KANSLI_NOW=2026-11-20
# for a sanitized binary: fontconfig's caches (PDF notices) are not our leaks
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
k() { "$K" "$@"; }
if [ ! -d tests/browser/node_modules/playwright-core ]; then
	(cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

echo "== an installation with $CASES cases and a meeting of $ITEMS items"
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
echo "Losenord-for-arne" | k user add arne "Arne Arkivarie" --password-stdin >/dev/null
for r in registrator namndsekreterare arkivarie; do k user grant rita $r >/dev/null; done
k user grant arne arkivarie >/dev/null
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;1;KF 2025-03-12 § 45;ja\n' >"$W/plan.csv"
k retention schedule import "$W/plan.csv" >/dev/null
python3 - "$CASES" >"$W/import.jsonl" <<'PY'
import json, sys
n = int(sys.argv[1])
for i in range(1, n + 1):
    old = i > n * 4 // 5
    y = 2019 if old else 2026
    print(json.dumps({"id": i, "dnr": "KS %d/%04d" % (y, i), "doc_no": 1, "series": "KS", "organ": "Kommunstyrelsen",
        "year": y, "case_title": "Ansökan om bygglov för nybyggnad av enbostadshus på fastigheten Storgården 1:%d" % i,
        "class_code": "3.2.1", "class_title": "Bygglov", "officer": "", "case_opened": "%d-02-01" % y,
        "case_status": "closed" if old else "open", "case_closed": "2019-06-01" if old else "",
        "date": "%d-02-01" % y, "direction": "inkommande", "party_type": "person",
        "party_name": "Sven Svensson", "party_id": "", "doc_title": "Ansökan om bygglov %d" % i,
        "secret": 0, "osl": "", "body": "bygglov"}, ensure_ascii=False))
PY
k import "$W/import.jsonl" >/dev/null
num="KS 2026/0001"
k case assign "$num" rita >/dev/null
k case due "$num" 2026-11-01 >/dev/null
k --user arne disposal propose >/dev/null
run=$(k disposal list --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 >/dev/null
k --user rita meeting create --board KS --date 2026-11-20 --time 09:00 --place "Sessionssalen" >/dev/null
i=2
while [ $i -le "$ITEMS" ]; do
	k --user rita meeting add 1 --case "$(printf 'KS 2026/%04d' $i)" >/dev/null
	i=$((i + 1))
done
k --user rita meeting send-notice 1 >/dev/null
k request submit --message "Jag vill ta del av ansökan" --document "$num-1" >/dev/null
k reindex >/dev/null 2>&1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KANSLI_NO_RATE_LIMIT=1 "$K" serve --port "$port" --quiet 2>"$W/serve.log" &
PID=$!
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
nr=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$num")
echo "== the staff pages, $ROUNDS times each ($K)"
node tests/bench/pages.mjs "http://127.0.0.1:$port" rita Losenord-for-rita "$ROUNDS" \
	start=/ cases=/arenden case="/arende?nr=$nr" record="/handling?nr=$nr-1" records=/handlingar \
	register=/registrera search="/sok?q=bygglov" meetings=/sammantraden meeting="/sammantrade?id=1" \
	boards=/namnder requests=/begaran archive=/arkiv plan=/arkiv/plan disposal="/arkiv/gallring?id=$run" \
	delivery=/arkiv/leverans overview=/oversikt
