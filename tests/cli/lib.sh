# lib.sh — helpers for the CLI tests (sourced). Every test drives the real
# binary ($KANSLI) in a fresh data directory and reports PASS/FAIL lines.

set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/kansli-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export KANSLI_DATA="$T/data"
unset KANSLI_USER KANSLI_ORG
: "${KANSLI:?KANSLI must name the binary under test}"
k() { "$KANSLI" "$@"; }
# The day the test lives on, as kansli sees it: KANSLI_NOW when the test (or
# its caller) pins it, otherwise today in Swedish time. A test that does not
# pin KANSLI_NOW computes every date it expects from $today and $year, never
# from `date` in UTC: `tests/run` runs the suite a second time under
# libfaketime with the clock years ahead and UTC and Swedish time in
# different years, and only a test written this way passes both runs.
if [ -n "${KANSLI_NOW:-}" ]; then
	today=$KANSLI_NOW
else
	today=$(TZ=Europe/Stockholm date +%Y-%m-%d)
fi
year=${today%%-*}
# fontconfig's process-wide caches (PDF rendering) are not leaks of ours.
: "${LSAN_OPTIONS:=suppressions=$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)/tests/lsan.supp:print_suppressions=0}"
export LSAN_OPTIONS

pass() { echo "PASS $TEST_NAME: $1"; }
fail() { echo "FAIL $TEST_NAME: $1"; }

# ok DESCRIPTION CMD...: the command must succeed.
ok() {
	d=$1; shift
	if "$@" >"$T/out" 2>"$T/err"; then pass "$d"; else fail "$d (exit $?: $(head -c 300 "$T/err"))"; fi
}
# fails DESCRIPTION PATTERN CMD...: must fail with one stderr line matching PATTERN.
fails() {
	d=$1; pat=$2; shift 2
	if "$@" >"$T/out" 2>"$T/err"; then
		fail "$d (succeeded, should have failed)"
	elif ! grep -q -- "$pat" "$T/err"; then
		fail "$d (stderr did not match '$pat': $(head -c 300 "$T/err"))"
	elif [ "$(wc -l <"$T/err")" -ne 1 ]; then
		fail "$d (stderr is not one line: $(head -c 300 "$T/err"))"
	else
		pass "$d"
	fi
}
# same DESCRIPTION EXPECTED ACTUAL
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1 (expected '$2', got '$3')"; fi
}
# sql QUERY: read the database directly (tests only).
sql() { sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "$1"; }
