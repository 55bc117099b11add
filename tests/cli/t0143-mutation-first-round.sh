#!/bin/sh
# t0143 — mutants left alive by the first round of the default sample
# (seed 19: the first mutant of each file, `scripts/mutate --count 34`),
# each check failing under one of them: verify names the record whose set
# of files differs from its events', not another (the mutant of by_id,
# the comparison bsearch looks the record up with, found a record of a
# smaller id instead, and the one tampered with not at all).
TEST_NAME=mutation-first-round
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Tre skrivelser")
for n in 1 2 3; do
	echo "Skrivelse $n" >"$T/s$n.txt"
	k record add "$c" --direction in --title "Skrivelse $n" --organisation "Bolaget AB" --file "$T/s$n.txt" >/dev/null
done
ok "verify before" k verify
# The middle record's file row goes behind kansli's back: the records
# before and after it keep theirs.
rid=$(sql "SELECT id FROM record WHERE title = 'Skrivelse 2'")
sql "DELETE FROM record_file WHERE record_id = $rid"
fails "the middle record's missing file is its own" "(id $rid): its set of files differs" k verify
