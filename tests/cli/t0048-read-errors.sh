#!/bin/sh
# t0048 — a read error is an error, never a shorter answer. libfiu
# (`fiu-run -x`, Debian's fiu-utils) makes the database's reads
# (posix/io/rw/pread*, which SQLite reads pages through) fail at random
# while list commands, a case's history, search and `verify` run, and while
# the server answers a list page, the public registry and the API (its
# lists, search, and a case and a record by number). Every
# answer must be either exactly the answer without failures, or an error:
# a non-zero exit with one stderr line, or an HTTP 5xx (the API's with a
# JSON error). A success with a different answer is a failure. Also checks
# tests/lint-db-step on code it must reject.
#
# Uses the release binary ($KANSLI_REL, or ./kansli): libfiu's preload
# libraries crash ASan's interceptors at start (a segfault before main,
# with or without failpoints), so the sanitized binary cannot run under
# fiu-run. The randomness is libfiu's; the property holds for every draw,
# and the tally shows that failures were injected.
TEST_NAME=read-errors
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
REL=${KANSLI_REL:-$REPO/kansli}

# The lint first: it needs nothing built.
mkdir -p "$T/lint"
cat >"$T/lint/bad.c" <<'C'
static int a(db_stmt *s, kerr *e)
{
	while (db_step(s, e) == DB_ROW)
		n++;
	return 0;
}
static int b(db_stmt *s, kerr *e)
{
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		n++;
	}
	db_done(s);
	return 0;
}
static int c(db_stmt *s, kerr *e)
{
	while (n < 10 && db_step(s, e) == DB_ROW)
		n++;
	return 0;
}
C
cat >"$T/lint/good.c" <<'C'
static int a(db_stmt *s, kerr *e)
{
	int rc;
	while ((rc = db_step(s, e)) == DB_ROW) {
		if (x) {
			n++;
		}
	}
	if (rc < 0)
		return rc;
	while (n < 10 && (rc = db_step(s, e)) == DB_ROW)
		n++;
	db_done(s);
	return rc < 0 ? rc : 0;
}
C
sh "$REPO/tests/lint-db-step" "$T/lint/bad.c" >"$T/lint.out" 2>&1
same "the lint rejects three bad loops, each by file and line" \
	"$T/lint/bad.c:3 $T/lint/bad.c:10 $T/lint/bad.c:18" \
	"$(sed -n 's/^FAIL lint-db-step: \([^:]*:[0-9]*\):.*/\1/p' "$T/lint.out" | tr '\n' ' ' | sed 's/ $//')"
sh "$REPO/tests/lint-db-step" "$T/lint/good.c" >"$T/lint.out" 2>&1 && grep -q '^PASS' "$T/lint.out" &&
	pass "the lint accepts the captured and checked forms" || fail "lint on good code: $(cat "$T/lint.out")"

if ! command -v fiu-run >/dev/null 2>&1; then
	fail "fiu-run is not installed (scripts/install-deps installs fiu-utils)"; exit 1
fi
if [ ! -x "$REL" ]; then
	fail "no release binary at $REL (make kansli)"; exit 1
fi
r() { "$REL" "$@"; }

# A registry big enough that its lists span many database pages.
r init "$KANSLI_DATA" >/dev/null
r org add kommun "Kommun" >/dev/null
r series add KS "Kommunstyrelsen" >/dev/null
long=$(printf 'text som fyller sidan %.0s' $(seq 1 12))
i=1
while [ $i -le 60 ]; do
	c=$(r case open --series KS --title "Bygglov Storgatan $i $long")
	r record add "$c" --direction in --title "Ansökan om bygglov $i $long" --organisation "Byggbolaget $i AB" >/dev/null
	r record add "$c" --direction out --title "Beslut om bygglov $i $long" >/dev/null
	i=$((i + 1))
done
r reindex >/dev/null 2>&1
first="KS $year/0001"

# check NAME RUNS CMD...: CMD under random read failures, RUNS times over
# five probabilities; every run must give the reference answer or an error.
check() {
	name=$1; runs=$2; shift 2
	"$REL" "$@" >"$T/ref" 2>"$T/ref.err" || { fail "$name: fails without injected errors ($(head -c 200 "$T/ref.err"))"; return; }
	same_n=0; err_n=0; bad=""
	for p in 0.005 0.01 0.02 0.05 0.1; do
		n=0
		while [ $n -lt "$runs" ]; do
			fiu-run -x -c "enable_random name=posix/io/rw/pread*,probability=$p" "$REL" "$@" >"$T/got" 2>"$T/got.err"
			rc=$?
			if [ $rc -eq 0 ] && cmp -s "$T/ref" "$T/got" && [ ! -s "$T/got.err" ]; then
				same_n=$((same_n + 1))
			elif [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ "$(wc -l <"$T/got.err")" -eq 1 ]; then
				err_n=$((err_n + 1))
			else
				bad="exit $rc at p=$p, $(wc -c <"$T/got") of $(wc -c <"$T/ref") bytes, stderr: $(head -c 200 "$T/got.err")"
				break 2
			fi
			n=$((n + 1))
		done
	done
	if [ -n "$bad" ]; then
		fail "$name: a shortened or broken answer under read errors ($bad)"
	elif [ $err_n -eq 0 ]; then
		fail "$name: no injected read error reached it ($same_n runs all succeeded)"
	else
		pass "$name: $same_n complete answers, $err_n errors, no shortened answer"
	fi
}

check "case list" 8 case list --json
check "record list of a case with its history" 8 case show "$first" --json
check "one record with its history" 8 record show "$first-1" --json
check "search" 8 search bygglov --json
check "the overview" 8 overview --json
check "the retention schedule" 8 retention schedule list --json
check "verify" 8 verify

# The server: failures enabled through libfiu's control fifo once it runs.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
echo "Losenord-for-rita" | r user add rita "Rita Registrator" --password-stdin >/dev/null
r user grant rita registrator >/dev/null
r token add rita "robot" --days 1 >"$T/token"
TOKEN=$(cat "$T/token")
KANSLI_NO_RATE_LIMIT=1 fiu-run -x -f "$T/fiu" "$REL" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
U="http://127.0.0.1:$port"
get() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
[ -n "$TOKEN" ] || fail "an API token for the test"
A="Authorization: Bearer $TOKEN"
slug="KS-$year-0001"
for path in "/offentlig/diarium?org=kommun" "/api/v1/cases?org=kommun&limit=200" "/api/v1/search?org=kommun&q=bygglov&limit=200" \
	"/api/v1/cases/$slug?org=kommun" "/api/v1/records/$slug-1?org=kommun"; do
	case $path in /api/*) hdr=$A ;; *) hdr="X-None: 1" ;; esac
	code=$(get -H "$hdr" "$U$path")
	[ "$code" = 200 ] || fail "GET $path without injected errors ($code)"
	cp "$T/body" "$T/ref.http"
	fiu-ctrl -f "$T/fiu" -c "enable_random name=posix/io/rw/pread*,probability=0.3" $pid
	same_n=0; err_n=0; bad=""
	n=0
	while [ $n -lt 30 ]; do
		code=$(get -H "$hdr" "$U$path")
		if [ "$code" = 200 ] && cmp -s "$T/ref.http" "$T/body"; then
			same_n=$((same_n + 1))
		elif [ "${code#5}" != "$code" ]; then
			case $path in
			/api/*) grep -q '"error"' "$T/body" || { bad="5xx without a JSON error: $(head -c 200 "$T/body")"; break; } ;;
			esac
			err_n=$((err_n + 1))
		else
			bad="HTTP $code, $(wc -c <"$T/body") of $(wc -c <"$T/ref.http") bytes"
			break
		fi
		n=$((n + 1))
	done
	fiu-ctrl -f "$T/fiu" -c "disable name=posix/io/rw/pread*" $pid
	if [ -n "$bad" ]; then
		fail "GET $path: a shortened answer under read errors ($bad)"
	else
		pass "GET $path: $same_n complete answers, $err_n errors (5xx), no shortened answer"
	fi
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
