#!/bin/sh
# t0003 — numbering under concurrency: 8 processes open 500 cases each in
# one series at the same time; the numbers must be exactly 1..4000.
# Uses the release binary ($KANSLI_REL) when given: 4000 process starts
# under AddressSanitizer would only measure the sanitizer.
TEST_NAME=concurrency
. "$(dirname "$0")/lib.sh"
BIN=${KANSLI_REL:-$KANSLI}
PROCS=${CONCURRENCY_PROCS:-8}
EACH=${CONCURRENCY_EACH:-500}

ok "init" k init "$KANSLI_DATA"
ok "org" k org add kommun "Exempels kommun"
ok "series" k series add KS "Kommunstyrelsen"

i=0
while [ $i -lt "$PROCS" ]; do
	(
		j=0
		while [ $j -lt "$EACH" ]; do
			"$BIN" case open --series KS --title "Ärende $i-$j" >>"$T/numbers.$i" 2>>"$T/errors" || echo "x" >>"$T/errors"
			j=$((j + 1))
		done
	) &
	i=$((i + 1))
done
wait
total=$((PROCS * EACH))
same "no registration failed" "0" "$(cat "$T/errors" 2>/dev/null | wc -l)"
cat "$T"/numbers.* | sed 's|.*/||' | sort -n >"$T/all"
same "every process got its numbers" "$total" "$(wc -l <"$T/all")"
same "no duplicate number" "$total" "$(sort -u "$T/all" | wc -l)"
seq -f '%04g' 1 "$total" >"$T/expected"
if cmp -s "$T/all" "$T/expected"; then pass "numbers are exactly 1..$total"; else fail "numbers are not 1..$total"; fi
same "database agrees" "$total|$total|1" "$(sql "SELECT count(*), max(seq), min(seq) FROM case_file")"
ok "verify" k verify
