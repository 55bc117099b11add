#!/bin/sh
# t0142 — the gaps the fifth `make mutate` run left (docs/MUTATION.md),
# each reached with the fault points (KANSLI_FAIL_STEP, as in t0060) at the
# one statement whose error the mutant passes over, and each failure
# required to be that error: a non-zero exit, one stderr line naming the
# injected step (not a message lost on the way, nor "failed"), and the
# registry as it was.
# - `reindex` after a case title's correction: every statement of the
#   case title's re-rendering (its render, its stored rendering, the
#   forgetting of its records in the index) fails the indexing; the
#   rendering's write must not overwrite an error before it.
# - `search`: a failed read of the hits names the read error.
# - `disposal execute`: a failed read of whether a disposed file is still
#   named by another record or a notice fails the run; it is not taken as
#   "still named" (the file kept, the run executed).
# And a survivor of the re-run of run 5's mutants: a schedule imported
# again with a class's name unchanged, or left out, renames nothing.
TEST_NAME=mutation-gaps-run5
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
if KANSLI_FAIL_STEP=1 k org list >/dev/null 2>&1; then
	fail "$KANSLI has no fault points (build it with -DKANSLI_FAULTS: make build/san/kansli)"
	exit 1
fi
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;Tillfälligt;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
for a in arkiv1 arkiv2; do
	echo "Losenord-for-$a" | k user add $a "Arkivarie $a" --password-stdin >/dev/null
	k user grant $a arkivarie >/dev/null
done
c=$(k case open --series KS --title "Bygglov Storgatan 1")
k record add "$c" --direction in --title "Ansökan om bygglov" --organisation "Byggbolaget AB" >/dev/null
k record add "$c" --direction out --title "Beslut om bygglov" >/dev/null
g=$(k case open --series KS --title "Tillfälligt" --class 7.7)
echo "Lappens text" >"$T/lapp.txt"
k record add "$g" --direction in --title "Lapp" --file "$T/lapp.txt" >/dev/null
k case close "$g" >/dev/null
k reindex >/dev/null
run=$(k --user arkiv1 disposal propose)
k --user arkiv2 disposal approve "$run" >/dev/null
# The correction queues the case's records; the next indexing renders the
# case title anew and forgets the records' old index entries.
k case correct "$c" --reason "Adress" --title "Bygglov Storgatan 2" >/dev/null
cp -a "$KANSLI_DATA" "$T/base"

# state: the rows a failed command may not change (the index's own
# tables need kansli's tokenizer, which sqlite3 lacks: the queue and the
# stored renderings stand for them).
state() {
	sqlite3 "$KANSLI_DATA/kansli.db" "SELECT count(*), max(id) FROM event; SELECT * FROM index_queue;
		SELECT * FROM case_title_shown; SELECT * FROM record_title_shown; SELECT * FROM disposal_run;
		SELECT hash FROM blob ORDER BY hash; SELECT * FROM record;" 2>&1 | tee "$T/state" | md5sum
}

# must_fail NAME PATTERN CMD...: the first step of each statement whose SQL
# matches PATTERN (a grep pattern over the trace) fails in a run of its
# own, from a fresh copy of the registry; each run must end with the
# injected error named on one stderr line and the registry unchanged.
must_fail() {
	name=$1; pattern=$2; shift 2
	rm -rf "$KANSLI_DATA"; cp -a "$T/base" "$KANSLI_DATA"
	base_state=$(state)
	cp "$T/state" "$T/base.state"
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
		rm -rf "$KANSLI_DATA"; cp -a "$T/base" "$KANSLI_DATA"
		KANSLI_FAIL_STEP=$n "$KANSLI" "$@" >/dev/null 2>"$T/got.err"
		rc=$?
		what="step $n ($(sed -n "${n}p" "$T/trace" | cut -d' ' -f3- | cut -c1-80))"
		if [ $rc -eq 0 ]; then
			bad="$what: the read error was passed over (exit 0)"
		elif [ "$(wc -l <"$T/got.err")" -ne 1 ] || ! grep -q "injected at step $n)" "$T/got.err"; then
			bad="$what: exit $rc without the injected error: $(head -c 200 "$T/got.err")"
		elif [ "$(state)" != "$base_state" ]; then
			bad="$what: failed but changed the registry: $(diff "$T/base.state" "$T/state" | head -c 300)"
		fi
		[ -z "$bad" ] || break
	done
	if [ -n "$bad" ]; then
		fail "$name: $bad"
	else
		pass "$name: $n_steps statements failed in turn, each an error that names it"
	fi
}

# Every statement after the opening's (t0060 fails those): the index
# queue, the case title's rendering and its stored rendering, the
# forgetting, the rendering's write, the record titles and the index.
must_fail "indexing a corrected case title" \
	'index_queue\|case_title_shown\|record_title_shown\|_fts\|FROM record \|FROM case_file\|DISTINCT' reindex
# Searching (after the indexing, so the queue is empty): the hits, their
# files, their details.
k reindex >/dev/null 2>&1
rm -rf "$T/base"; cp -a "$KANSLI_DATA" "$T/base"
must_fail "searching" 'fts\|FROM record_file\|doc_type' search bygglov --json
# Executing the approved run: whether the disposed file is still named.
must_fail "executing a disposal" 'FROM record_file WHERE hash\|FROM notice WHERE file_hash' \
	--user arkiv2 disposal execute "$run" --series KS

# --- The re-run's survivor (retention.c, `*ir->f[1] && strcmp(...)` ->
# `||`): a schedule imported again renames a class only when it names it
# otherwise; the same name, or none, is no rename (no event, the name kept).
rm -rf "$KANSLI_DATA"; cp -a "$T/base" "$KANSLI_DATA"
ok "the schedule imported again" k retention schedule import "$T/plan.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n7.7;;;gallras;0;RA-FS 2021:6;nej\n' >"$T/plan0.csv"
ok "... and once without the class's name" k retention schedule import "$T/plan0.csv"
same "... renames nothing" "0" "$(sql "SELECT count(*) FROM event WHERE action = 'class.rename'")"
same "... and the class keeps its name" "Tillfälligt" "$(sql "SELECT title FROM class WHERE code = '7.7'")"
