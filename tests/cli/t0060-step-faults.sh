#!/bin/sh
# t0060 — a read error is an error, never a shorter answer or a half-done
# change, at every statement a command runs. The deterministic peer of
# t0048 (libfiu's random read errors): the binary's fault points
# (KANSLI_FAIL_STEP_TRACE, KANSLI_FAIL_STEP in store/db_sqlite.c, compiled
# into the sanitized build and into `make mutate`'s build) list every
# database step a command takes; then each statement's first step, and its
# second when that is the next row of the same loop, fails in a run of its
# own. Every such run must end with the answer of the run without faults
# (a failure the code may ignore, as a cache that is filled later) or with
# an error: a non-zero exit and one stderr line; a command that changes
# the registry must then have changed nothing. In tests/mutation-map: this
# is what reaches the `if (rc < 0)` after each loop over rows.
TEST_NAME=step-faults
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
# Only a binary with the fault points fails its first step.
if KANSLI_FAIL_STEP=1 k org list >/dev/null 2>&1; then
	fail "$KANSLI has no fault points (build it with -DKANSLI_FAULTS: make build/san/kansli)"
	exit 1
fi

# A small registry that has a bit of everything the trust core reads:
# cases open and closed, records in and out, a secret one, a corrected one,
# a unit-scoped officer, a retention schedule, a legal hold, a disposal run.
k org add kommun "Kommun" >/dev/null
k unit add SOC "Socialförvaltningen" --org kommun >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-hanna" | k user add hanna "Hanna Handläggare" --password-stdin >/dev/null
k user grant hanna handlaggare --org kommun --unit SOC >/dev/null
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
c=$(k case open --series KS --title "Bygglov Storgatan 1")
k record add "$c" --direction in --title "Ansökan om bygglov" --organisation "Byggbolaget AB" >/dev/null
r2=$(k record add "$c" --direction out --title "Beslut om bygglov")
k record add "$c" --direction in --title "Utredning" --person "Sven Svensson" --secrecy full \
	--legal-ground "OSL 26 kap. 1 §" >/dev/null
echo "Ritningar till ansökan" >"$T/ritning.txt"
r4=$(k record add "$c" --direction in --title "Ritningar" --person "Eva Ek" --secrecy partial \
	--legal-ground "OSL 26 kap. 1 §" --mask party --file "$T/ritning.txt")
k record correct "$r2" --reason "Stavning" --title "Beslut om bygglov, Storgatan" >/dev/null
g=$(k case open --series KS --title "Tillfälligt" --class 7.7)
k record add "$g" --direction in --title "Lapp" >/dev/null
k case close "$g" >/dev/null
h=$(k case open --series KS --title "Under utredning")
k hold add "$h" --reason "Tvist" >/dev/null
for a in arkiv1 arkiv2; do
	echo "Losenord-for-$a" | k user add $a "Arkivarie $a" --password-stdin >/dev/null
	k user grant $a arkivarie >/dev/null
done
k reindex >/dev/null 2>&1
cp -a "$KANSLI_DATA" "$T/base"
# A second registry with a disposal run proposed, and a third with it
# approved, for the steps that follow.
run=$(k --user arkiv1 disposal propose)
cp -a "$KANSLI_DATA" "$T/proposed"
k --user arkiv2 disposal approve "$run" >/dev/null
cp -a "$KANSLI_DATA" "$T/approved"

# Sections, for scripts/mutate: the setup above is section 0, each faults
# call below the next. T0060_SECTION_HOOK, when set, is run with a
# section's number after it ends (the mutation run's coverage copy notes
# which lines each section ran); T0060_SECTIONS, when set, names the
# sections whose faults are injected: another command only runs once
# without faults, so that the statements it would have failed are not
# failed again by a later command (the same injections as the whole run).
section=0
mark() { [ -z "${T0060_SECTION_HOOK:-}" ] || $T0060_SECTION_HOOK "$section"; }
mark

# state: the registry's rows, for "nothing changed" (the log, the cases,
# the records, the runs; a failed command may not add to any of them).
state() {
	sqlite3 "$KANSLI_DATA/kansli.db" "SELECT count(*), max(id) FROM event; SELECT * FROM case_file;
		SELECT * FROM record; SELECT * FROM record_version; SELECT * FROM legal_hold;
		SELECT * FROM disposal_run; SELECT * FROM retention_rule;" 2>&1 | md5sum
}

total=0
: >"$T/tried"
# faults NAME MODE [strict] CMD...: MODE is read (the data is shared) or
# write (each run starts from a fresh copy of the registry and must leave
# it as it was when it fails). With strict every injected failure must end
# in an error: the full answer after a failed read means an error was
# passed over (verify saying "ok" without having read a table, say).
faults() {
	name=$1; mode=$2; shift 2
	section=$((section + 1))
	strict=0
	case $1 in strict) strict=1; shift ;; esac
	rm -rf "$KANSLI_DATA"; cp -a "$base" "$KANSLI_DATA"
	base_state=$(state)
	if ! KANSLI_FAIL_STEP_TRACE="$T/trace" "$KANSLI" "$@" >"$T/ref" 2>"$T/ref.err"; then
		fail "$name: fails without faults ($(head -c 200 "$T/ref.err"))"; return
	fi
	# The first step of each statement, and its second when it directly
	# follows (a loop's next row, after one was read). A statement another
	# command of this test has already failed is not failed again (the
	# opening's schema check, the lookups every command makes): a statement
	# is known by its SQL, as its address changes from run to run.
	awk -v tried="$T/tried" 'BEGIN { while ((getline l < tried) > 0) done[l] = 1; close(tried) }
	     { sql = $0; sub(/^[0-9]+ [^ ]+ /, "", sql) }
	     !($2 in seen) { seen[$2] = $1; if (!(sql in done)) { print $1; print sql >>tried; first[$2] = 1 } next }
	     !($2 in second) { second[$2] = 1; if ($1 == seen[$2] + 1 && ($2 in first)) print $1 }' \
		"$T/trace" >"$T/steps"
	if [ -n "${T0060_SECTIONS:-}" ] && ! echo " $T0060_SECTIONS " | grep -q " $section "; then
		mark
		return
	fi
	errs=0; same_n=0; bad=""
	for n in $(cat "$T/steps"); do
		[ "$mode" = read ] || { rm -rf "$KANSLI_DATA"; cp -a "$base" "$KANSLI_DATA"; }
		KANSLI_FAIL_STEP=$n "$KANSLI" "$@" >"$T/got" 2>"$T/got.err"
		rc=$?
		if [ $rc -eq 0 ] && cmp -s "$T/ref" "$T/got" && { [ ! -s "$T/got.err" ] ||
			{ [ "$(wc -l <"$T/got.err")" -eq 1 ] && grep -q '^kansli: warning: ' "$T/got.err"; }; }; then
			# the answer in full (with, after a change was made, a
			# warning that a check that follows it could not be done)
			same_n=$((same_n + 1))
			if [ "$strict" = 1 ]; then
				bad="step $n ($(sed -n "${n}p" "$T/trace" | cut -c1-100)): the read error was passed over (exit 0, the full answer)"
				break
			fi
		elif [ $rc -ne 0 ] && [ $rc -lt 128 ] && [ "$(wc -l <"$T/got.err")" -eq 1 ]; then
			errs=$((errs + 1))
			if [ "$mode" = write ] && [ "$(state)" != "$base_state" ]; then
				bad="step $n ($(sed -n "${n}p" "$T/trace" | cut -c1-100)): failed with '$(head -c 120 "$T/got.err")' but changed the registry"
				break
			fi
		else
			bad="step $n ($(sed -n "${n}p" "$T/trace" | cut -c1-100)): exit $rc, $(wc -c <"$T/got") of $(wc -c <"$T/ref") bytes, stderr: $(head -c 200 "$T/got.err")"
			break
		fi
	done
	total=$((total + errs + same_n))
	if [ -n "$bad" ]; then
		fail "$name: $bad"
	elif [ $errs -eq 0 ] && [ $same_n -gt 0 ]; then
		fail "$name: no injected fault was reported ($same_n runs all succeeded)"
	else
		pass "$name: $(wc -l <"$T/trace") steps, $((errs + same_n)) of them failed in turn: $errs errors, $same_n complete answers"
	fi
	mark
}

base=$T/base
# Reading: lists, a case with its records and history, search, the
# schedule, what is due, verify (with the whole replay).
faults "case list" read case list --json
faults "a case with its records" read strict case show "$c" --json
faults "a record with its history" read strict record show "$r2" --json
faults "a record as a unit-scoped officer of another unit" read strict --user hanna record show "$r2" --json
faults "search" read strict search bygglov --json
faults "the retention schedule" read strict retention schedule list --json
faults "legal holds" read strict hold list --json
faults "what is due for disposal" read strict retention due --json
faults "a partly secret record with a file" read strict record show "$r4" --json
faults "the same, as an officer of another unit" read strict --user hanna case show "$c" --json
faults "the log's events" read strict log events --json
faults "an inclusion proof" read strict log prove --index 3
faults "verify" read strict verify
# Writing: each operation is one transaction, undone by a failed step.
faults "open a case" write strict case open --series KS --title "Ny ansökan"
faults "add a record" write record add "$c" --direction in --title "Komplettering" --organisation "Byggbolaget AB"
faults "correct a record" write record correct "$r2" --reason "Datum" --direction in
faults "correct a case's title" write strict case correct "$c" --reason "Adress" --title "Bygglov Storgatan 2"
faults "close a case" write strict case close "$c"
faults "propose a disposal" write strict disposal propose
faults "add a legal hold" write strict hold add "$c" --reason "Överklagat"
faults "import a retention schedule" write strict retention schedule import "$T/plan.csv"
faults "add a record with a file" write strict record add "$c" --direction in --title "Foto" --file "$T/ritning.txt"
base=$T/proposed
faults "a disposal run" read strict disposal show "$run" --json
faults "approve a disposal" write strict --user arkiv2 disposal approve "$run"
base=$T/approved
faults "execute a disposal" write --user arkiv2 disposal execute "$run" --series KS
echo "# $total faulted runs"
