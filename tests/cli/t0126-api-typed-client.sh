#!/bin/sh
# t0126 — the OpenAPI document is usable by an integrator (issue 16): a
# client typed from the document alone runs registration to decision.
# The served /api/v1/openapi.json is turned into TypeScript types by
# openapi-typescript, tests/api/scenario.mts is compiled against them by
# tsc --strict (a document a client cannot be typed from, or one whose
# types do not fit what an integrator writes, fails to compile), and run
# with openapi-fetch against this test's server: open a case, register
# its letters (once, though sent twice with an Idempotency-Key), upload a
# file, assign the officer, decide, close, list the cases page by page,
# and read the record as a reader and as the public see it. The answers
# are checked against the document as every API answer of the suite is.
# The npm packages are pinned in tests/api/package-lock.json; without
# the npm registry the test says SKIP (never PASS).
TEST_NAME=api-typed-client
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
A="$(cd "$(dirname "$0")/../api" && pwd)"

if [ ! -x "$A/node_modules/.bin/openapi-typescript" ] || [ ! -x "$A/node_modules/.bin/tsc" ] ||
	[ ! -d "$A/node_modules/openapi-fetch" ]; then
	if ! (cd "$A" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1; then
		if ! npm ping >/dev/null 2>&1; then
			echo "SKIP $TEST_NAME: the npm registry cannot be reached to install tests/api's packages"
			exit 0
		fi
		fail "npm ci in tests/api ($(tail -3 "$T/npm.log"))"
		exit 1
	fi
fi

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k class add 3.2.1 "Bygglov" >/dev/null
k unit add SBF "Samhällsbyggnadsförvaltningen" >/dev/null
for u in reg:registrator hand:handlaggare anna:lasare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
for i in 1 2 3 4; do k case open --series KS --title "Tidigare ärende $i" >/dev/null; done
TREG=$(k token add reg reg --days 366)
THAND=$(k token add hand hand --days 366)
TANNA=$(k token add anna anna --days 366)
# The suite records every answer and checks them at its end (tests/run);
# run alone, this test records and checks its own.
own_record=
if [ -z "${KANSLI_API_RECORD:-}" ]; then
	own_record="$T/api.jsonl"
	export KANSLI_API_RECORD="$own_record"
fi
web_serve KANSLI_NO_RATE_LIMIT=1

C="$T/client"
mkdir "$C"
ln -s "$A/node_modules" "$C/node_modules"
cp "$A/scenario.mts" "$C/"
if curl -fs -o "$C/openapi.json" "$U/api/v1/openapi.json"; then pass "the document is served"; else fail "the document"; fi
if "$A/node_modules/.bin/openapi-typescript" "$C/openapi.json" -o "$C/kansli.d.ts" >"$T/gen.log" 2>&1; then
	pass "openapi-typescript makes types of it ($(grep -c 'operationId\|^    "/' "$C/kansli.d.ts") paths and operations)"
else
	fail "openapi-typescript: $(tail -3 "$T/gen.log")"
fi
if (cd "$C" && node_modules/.bin/tsc --strict --noUnusedLocals --target es2022 --module nodenext \
	--moduleResolution nodenext --skipLibCheck --outDir out scenario.mts kansli.d.ts) >"$T/tsc.log" 2>&1; then
	pass "the scenario compiles against them with tsc --strict"
else
	fail "tsc: $(head -c 600 "$T/tsc.log")"
fi
if [ -f "$C/out/scenario.mjs" ]; then
	U=$U TREG=$TREG THAND=$THAND TANNA=$TANNA TEST_NAME=$TEST_NAME node "$C/out/scenario.mjs" 2>"$T/node.err"
	[ -s "$T/node.err" ] && fail "node: $(head -c 300 "$T/node.err")"
fi
if [ -n "$own_record" ]; then
	KANSLI=$KANSLI sh "$A/check-record" "$own_record" "$TEST_NAME" | grep -v '^#'
fi
grep -q "ERROR: AddressSanitizer\|runtime error\|LeakSanitizer" "$T/serve.log" &&
	fail "the server's sanitizers: $(grep -m2 'ERROR\|runtime error' "$T/serve.log")" ||
	pass "the server's sanitizers found nothing"
