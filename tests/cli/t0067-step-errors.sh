#!/bin/sh
# t0067 — every database step of a read is walked with a read error, one
# run per step: KANSLI_FAIL_STEP=N (the test build's fault injection,
# store/db_sqlite.c) makes the Nth step of the process fail as a disk
# read does. For `case show`, `record show` (as a reader, of a partly
# secret record with a history), `search` (its queue count first) and
# `case list` (also as a reader, of a case with a protected title), each
# run whose step failed must end in that very error: a non-zero exit that
# is not "not found" (3), one stderr line naming the injected step,
# nothing on stdout. A run where no step failed (N past the last step)
# must give the reference answer; that ends the walk. Unlike t0048
# (libfiu, random, release binary) this repeats exactly and runs under
# ASan, so a leak on an error path fails too.
#
# Opening an installation takes some 370 steps (schema and coverage
# checks) before a command's own: the commands are walked from just before
# the end of the opening, and the opening itself once, every twelfth step.
# A staff list that shows a protected title logs that read: a write with
# its log event and signed head, some 270 steps, walked every fourth step.
TEST_NAME=step-errors
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-las" | k user add las "Lars Läsare" --password-stdin >/dev/null
k user grant las lasare >/dev/null
c1=$(k case open --series KS --title "Bygglov Storgatan 1")
c2=$(k case open --series KS --title "Ekonomiskt bistånd")
k record add "$c1" --direction in --title "Ansökan om bygglov" --organisation "Byggbolaget AB" >/dev/null
k record add "$c1" --direction out --title "Beslut om bygglov" >/dev/null
k record correct "$c1-2" --title "Beslut om bygglov, rättat" --reason "Stavfel" >/dev/null
k case note "$c1" "Ring sökanden" >/dev/null
k record add "$c2" --direction in --title "Ansökan om bistånd" --person "Karin Zebrafink" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party >/dev/null
c3=$(k case open --series KS --title "Försörjningsstöd Sven Kanariefagel" --public-title "Ansökan om försörjningsstöd")
k record add "$c3" --direction in --title "Ansökan" >/dev/null
k reindex >/dev/null

# steps CMD...: how many steps CMD takes (the first N that does not fire).
steps() {
	lo=1; hi=5000
	while [ $lo -lt $hi ]; do
		mid=$(((lo + hi) / 2))
		rm -f "$T/mark"
		KANSLI_FAIL_STEP=$mid KANSLI_FAIL_STEP_MARK="$T/mark" "$KANSLI" "$@" >/dev/null 2>&1
		if [ -f "$T/mark" ]; then lo=$((mid + 1)); else hi=$mid; fi
	done
	echo $((lo - 1))
}

# walk NAME FROM STRIDE CMD...: fails step FROM, FROM+STRIDE, ... of CMD
# until none fires; every failure must be CMD's error, the end the answer.
walk() {
	name=$1; n=$2; stride=$3; shift 3
	"$KANSLI" "$@" >"$T/ref" 2>"$T/ref.err" || { fail "$name: fails without an injected error ($(head -c 200 "$T/ref.err"))"; return; }
	[ -s "$T/ref" ] || { fail "$name: no answer to compare with"; return; }
	errors=0; bad=""
	while :; do
		rm -f "$T/mark"
		KANSLI_FAIL_STEP=$n KANSLI_FAIL_STEP_MARK="$T/mark" "$KANSLI" "$@" >"$T/got" 2>"$T/got.err"
		rc=$?
		if [ ! -f "$T/mark" ]; then
			[ $rc -eq 0 ] && cmp -s "$T/ref" "$T/got" && [ ! -s "$T/got.err" ] ||
				bad="no step $n, yet the answer differs (exit $rc, $(head -c 200 "$T/got.err"))"
			break
		fi
		if [ $rc -eq 0 ]; then
			bad="step $n failed, yet it succeeded ($(wc -c <"$T/got") of $(wc -c <"$T/ref") bytes)"
		elif [ $rc -eq 3 ]; then
			bad="step $n failed and it said not found: $(head -c 200 "$T/got.err")"
		elif [ $rc -ge 128 ]; then
			bad="step $n failed and it crashed (exit $rc): $(grep -m1 'ERROR\|SUMMARY' "$T/got.err")"
		elif [ "$(wc -l <"$T/got.err")" -ne 1 ] || ! grep -q "injected at step $n)" "$T/got.err"; then
			bad="step $n failed and the error was not passed on: $(head -c 300 "$T/got.err")"
		elif [ -s "$T/got" ]; then
			bad="step $n failed and a partial answer was printed ($(wc -c <"$T/got") bytes)"
		fi
		[ -z "$bad" ] || break
		errors=$((errors + 1))
		n=$((n + stride))
	done
	if [ -n "$bad" ]; then
		fail "$name: $bad"
	elif [ $errors -lt 3 ]; then
		fail "$name: only $errors failed steps reached it"
	else
		pass "$name: $errors failed steps, each ended in its own error; past the last, the full answer"
	fi
}

# The opening of an installation ends before `org list` takes its own few
# steps; commands are walked from a few steps before that.
open_steps=$(steps org list)
[ "$open_steps" -gt 10 ] && pass "the fault injection counts steps ($open_steps to open and list organisations)" ||
	fail "the fault injection counts no steps: is this the test build (KANSLI_FAULTS)?"
from=$((open_steps - 8))

walk "opening the installation (every twelfth step)" 1 12 case show "$c1" --json
walk "case show with notes and a corrected record" $from 1 case show "$c1" --json
walk "case show as a reader, with a masked party" $from 1 --user las case show "$c2" --json
walk "record show with its history" $from 1 record show "$c1-2" --json
walk "record show of a partly secret record as a reader" $from 1 --user las record show "$c2-1" --json
walk "search (its queue count, hits and parties)" $from 1 search bygglov --json
walk "search as a reader" $from 1 --user las search ansökan --json
walk "case list, logging the read of a protected title (every fourth step)" $from 4 case list --json
walk "case list as a reader, with a protected title" $from 1 --user las case list --json
walk "case show as a reader, with a protected title" $from 1 --user las case show "$c3" --json
# A case that does not exist: "not found" only when every read succeeded.
n=$from; errors=0; bad=""
while :; do
	rm -f "$T/mark"
	KANSLI_FAIL_STEP=$n KANSLI_FAIL_STEP_MARK="$T/mark" "$KANSLI" case show "KS 2026/0099" --json >"$T/got" 2>"$T/got.err"
	rc=$?
	if [ ! -f "$T/mark" ]; then
		[ $rc -eq 3 ] && grep -q "no case" "$T/got.err" || bad="without failures: exit $rc, $(head -c 200 "$T/got.err")"
		break
	fi
	if [ $rc -eq 3 ] || ! grep -q "injected at step $n)" "$T/got.err"; then
		bad="step $n failed and it said: exit $rc, $(head -c 200 "$T/got.err")"
		break
	fi
	errors=$((errors + 1)); n=$((n + 1))
done
[ -z "$bad" ] && [ $errors -ge 3 ] &&
	pass "a missing case is 'not found' only when its lookup could read ($errors failed steps were errors)" ||
	fail "a missing case under read errors: ${bad:-only $errors failed steps}"
