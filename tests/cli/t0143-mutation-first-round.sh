#!/bin/sh
# t0143 — mutants left alive by the first round of the default sample
# (seed 19: the first mutant of each file, `scripts/mutate --count 34`),
# each check failing under one of them: verify names the record whose set
# of files differs from its events', not another (the mutant of by_id,
# the comparison bsearch looks the record up with, found a record of a
# smaller id instead, and the one tampered with not at all); a case
# number's year is 1900 to 2199 (casenum.c's bounds moved by one); and of
# the default sample's first three rounds: a legal hold added twice says
# so; the public case page shows the day the case was opened (not its
# status); the API's reference page is served.
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

# --- A case number's year is 1900 to 2199: the first and the last are
# numbers (of no case here), the ones beyond are not numbers at all.
fails "1899 is no year of a case number" "is not a case number" k case show "KS 1899/0001"
fails "1900 is (a case not found)" "no case KS 1900/0001" k case show "KS 1900/0001"
fails "2199 is (a case not found)" "no case KS 2199/0001" k case show "KS 2199/0001"
fails "2200 is no year of a case number" "is not a case number" k case show "KS 2200/0001"

# --- A legal hold added twice is refused as such.
ok "a legal hold" k hold add "$c" --reason "Tvist"
fails "... a second one is refused as one the case has" "is already under a legal hold" k hold add "$c" --reason "Igen"

# --- The public case page shows the day the case was opened; the API's
# reference page is served to anyone.
web_serve
sql "UPDATE case_file SET opened_date = '2026-11-20' WHERE id = (SELECT min(id) FROM case_file)"
same "the public case page" "200" "$(code "$U/offentlig/arende?org=kommun&nr=$(echo "$c" | sed 's/ /%20/')")"
has "... with the day it was opened" "2026-11-20"
same "the API's reference page" "200" "$(code "$U/api/v1/docs")"
has "... is the reference" "/api/v1/cases"
