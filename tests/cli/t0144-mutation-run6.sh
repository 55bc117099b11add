#!/bin/sh
# t0144 — mutants the sixth `make mutate` run (docs/MUTATION.md) left
# alive, each check failing under one of them:
# - a read error is named as itself (the fault points, as in t0142):
#   `record show` whose record cannot be read again after its lookup is
#   not "no record" (records.c), and `verify` whose events cannot be read
#   is not "events were removed" (verify.c);
# - verify names the first record in id order whatever found it (a field
#   of a lower id differs, the files of a higher one), and a record gone
#   with its files as the missing row it is, not as "its (null) differs";
# - `case list --to` leaves out the cases opened after the day;
# - the start page fails when the roles the overview asks for cannot be
#   read, rather than guess them (cases.c; with the server's fault points);
# - a POST to a page that takes none is 405 before its body is looked at,
#   the public's chunked one too (routes.c's find_route matched a GET).
TEST_NAME=mutation-run6
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
if KANSLI_FAIL_STEP=1 k org list >/dev/null 2>&1; then
	fail "$KANSLI has no fault points (build it with -DKANSLI_FAULTS: make build/san/kansli)"
	exit 1
fi
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
c=$(k case open --series KS --title "Tre skrivelser" --opened 2026-11-10)
for n in 1 2 3; do
	echo "Skrivelse $n" >"$T/s$n.txt"
	k record add "$c" --direction in --title "Skrivelse $n" --organisation "Bolaget AB" --file "$T/s$n.txt" >/dev/null
done
later=$(k case open --series KS --title "Senare ärende" --opened 2026-11-25)
cp -a "$KANSLI_DATA" "$T/base"

# must_fail NAME PATTERN CMD...: the first step of each statement whose SQL
# matches PATTERN (a grep pattern over the trace) fails in a run of its
# own; each run must end with the injected error named on one stderr line.
must_fail() {
	name=$1; pattern=$2; shift 2
	if ! KANSLI_FAIL_STEP_TRACE="$T/trace" "$KANSLI" "$@" >/dev/null 2>"$T/ref.err"; then
		fail "$name: fails without faults ($(head -c 200 "$T/ref.err"))"; return
	fi
	awk '!($2 in seen) { seen[$2] = 1; print }' "$T/trace" | grep -e "$pattern" | cut -d' ' -f1 >"$T/steps"
	n_steps=$(wc -l <"$T/steps")
	if [ "$n_steps" -eq 0 ]; then
		fail "$name: no step matches '$pattern'"; return
	fi
	bad=""
	for n in $(cat "$T/steps"); do
		KANSLI_FAIL_STEP=$n "$KANSLI" "$@" >/dev/null 2>"$T/got.err"
		rc=$?
		what="step $n ($(sed -n "${n}p" "$T/trace" | cut -d' ' -f3- | cut -c1-80))"
		if [ $rc -eq 0 ]; then
			bad="$what: the read error was passed over (exit 0)"
		elif [ "$(wc -l <"$T/got.err")" -ne 1 ] || ! grep -q "injected at step $n)" "$T/got.err"; then
			bad="$what: exit $rc without the injected error: $(head -c 200 "$T/got.err")"
		fi
		[ -z "$bad" ] || break
	done
	if [ -n "$bad" ]; then
		fail "$name: $bad"
	else
		pass "$name: $n_steps statement(s) failed in turn, each an error that names it"
	fi
}

# --- A read error is that error. The record read again after its lookup
# (a record that is gone by then is "not found"; one that cannot be read
# is not); the log's events read by verify (an unread log is not a log
# whose events were removed).
must_fail "showing a record" 'SELECT r.id, r.version, r.direction' record show "$c-2"
must_fail "verifying the log" 'SELECT id, ts_us, org_id, actor, action, object_type' verify

# --- verify names the first record in id order. The first record's title
# is changed (its digest differs) and the third record's file is taken
# away (its set of files differs): the first is named, whichever check
# found it.
r1=$(sql "SELECT id FROM record WHERE title = 'Skrivelse 1'")
r3=$(sql "SELECT id FROM record WHERE title = 'Skrivelse 3'")
sql "UPDATE record SET title = 'Skrivelse ett' WHERE id = $r1; DELETE FROM record_file WHERE record_id = $r3"
fails "a changed title before a changed set of files" "record $c-1 (id $r1): its title differs" k verify
# A record row taken away with its text and its file: the missing row is
# named (the record's recheck finds no row, which is no difference of its
# own), not a difference of "(null)".
rm -rf "$KANSLI_DATA"; cp -a "$T/base" "$KANSLI_DATA"
r2=$(sql "SELECT id FROM record WHERE title = 'Skrivelse 2'")
sql "PRAGMA foreign_keys = OFF; DELETE FROM record_text WHERE record_id = $r2;
     DELETE FROM record_file WHERE record_id = $r2; DELETE FROM record WHERE id = $r2"
fails "a record gone with its files" "table record row \[$r2\]: missing, though the log says it exists" k verify
grep -q "(null)" "$T/err" && fail "... named as a difference of (null): $(cat "$T/err")" || pass "... and nothing of (null)"
rm -rf "$KANSLI_DATA"; cp -a "$T/base" "$KANSLI_DATA"

# --- The case list up to a day leaves out the cases opened after it.
same "the cases opened up to 20 November" "$c" \
	"$(k case list --to 2026-11-20 --json | python3 -c 'import json,sys; print(" ".join(x["number"] for x in json.load(sys.stdin)))')"
same "... and from it" "$later" \
	"$(k case list --from 2026-11-20 --json | python3 -c 'import json,sys; print(" ".join(x["number"] for x in json.load(sys.stdin)))')"

# --- The server: one request thread, the Nth step of each request failed
# when the file $T/fail names N (0: none), every step traced.
TOK=$(k token add rita "robot" --days 1)
serve() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	echo 0 >"$T/fail"
	env "$@" KANSLI_FAIL_STEP_FILE="$T/fail" KANSLI_NO_RATE_LIMIT=1 \
		"$KANSLI" serve --port "$port" --threads 1 --quiet 2>"$T/serve.log" &
	pid=$!
	trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
	U="http://127.0.0.1:$port"
	i=0
	until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 150 ]; do sleep 0.1; i=$((i + 1)); done
}
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
start_page() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $TOK" "$U/?org=kommun"; }

# The start page's steps, traced (written as the server ends): the last
# request's count starts at 1. The overview reads the user's roles for
# the organisation three times (reading at all, registering, administering)
# just before its first list; the last two are its own.
serve KANSLI_FAIL_STEP_TRACE="$T/strace"
start_page >/dev/null
same "the start page" "200" "$(start_page)"
stop
awk '$1 == 1 { n = 0 } { line[++n] = $0 } END { for (i = 1; i <= n; i++) print line[i] }' "$T/strace" >"$T/request"
roles=$(awk '/FROM user_role/ { r[++k] = $1 } /c.due_date FROM case_file/ { print r[k - 1], r[k]; exit }' "$T/request")
[ -n "$roles" ] && pass "the overview's role reads are steps $roles" || fail "no role read before the overview's lists"
serve
for n in $roles; do
	echo 0 >"$T/fail"; start_page >/dev/null
	echo "$n" >"$T/fail"
	got=$(start_page)
	echo 0 >"$T/fail"
	[ "${got#5}" != "$got" ] && pass "the roles unread at step $n: the start page fails ($got)" ||
		fail "the roles unread at step $n: HTTP $got"
done

# --- A POST to a page that takes none (the public registry is a GET) is
# 405, whatever its body: the public's chunked body is not first refused
# as unmeasured (411), nor a large one as too large (413).
same "a POST to the public registry" "405" "$(curl -s -o /dev/null -w '%{http_code}' --data-binary "x=1" "$U/offentlig/diarium")"
same "... chunked" "405" "$(curl -s -o /dev/null -w '%{http_code}' -H "Transfer-Encoding: chunked" --data-binary "x=1" \
	"$U/offentlig/diarium")"
stop
