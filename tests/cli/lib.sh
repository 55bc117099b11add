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
# TESTS_FIRST_FAIL=1 (scripts/mutate) ends the test at its first failure:
# one is all a mutant's run needs to know.
fail() {
	echo "FAIL $TEST_NAME: $1"
	[ -z "${TESTS_FIRST_FAIL:-}" ] || exit 1
}

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

# web_serve [ENV=VALUE...]: starts `kansli serve` on a free loopback port
# (stopped when the test ends) and sets U to its address; then the page
# helpers: code ARGS... (curl into $T/body, prints the status), login JAR
# USER PASSWORD (prints the status), has/hasnt DESCRIPTION TEXT on $T/body.
web_serve() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	env "$@" "$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
	U="http://127.0.0.1:$port"
	i=0
	until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
login() {
	curl -s -c "$1" -b "$1" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	curl -s -c "$1" -b "$1" -o /dev/null -w '%{http_code}' --data-urlencode "login_token=$tok" \
		--data-urlencode "username=$2" --data-urlencode "password=$3" "$U/login"
}
has() { grep -q -- "$2" "$T/body" && pass "$1" || fail "$1: no '$2' in the page"; }
hasnt() { grep -q -- "$2" "$T/body" && fail "$1: '$2' in the page" || pass "$1"; }
