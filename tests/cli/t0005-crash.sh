#!/bin/sh
# t0005 — crash safety: kill -9 a bulk import at random points 50 times.
# Every acknowledged batch must be there afterwards, numbering gap-free,
# and verify must pass; a final run completes the import.
TEST_NAME=crash
. "$(dirname "$0")/lib.sh"
GEN="$(dirname "$0")/../../../shared/bench/gen-diarium"
ROUNDS=${CRASH_ROUNDS:-50}

ok "init" k init "$KANSLI_DATA"
ok "org" k org add kommun "Kommun"
python3 "$GEN" 6000 11 >"$T/data.jsonl"
lines=$(wc -l <"$T/data.jsonl")

i=0
bad=0
interrupted=0
while [ $i -lt "$ROUNDS" ]; do
	"$KANSLI" import --batch 20 "$T/data.jsonl" >"$T/ack" 2>"$T/err" &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s * 7919 + 17); printf "%.3f", 0.05 + rand() * 0.5 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	grep -q '^imported' "$T/ack" || interrupted=$((interrupted + 1))
	acked=$(sed -n 's/^committed through line //p' "$T/ack" | tail -1)
	acked=${acked:-0}
	have=$(sql "SELECT count(*) FROM record")
	if [ "$have" -lt "$acked" ]; then
		bad=$((bad + 1))
		echo "round $i: acknowledged through line $acked but only $have records" >&2
	fi
	i=$((i + 1))
done
echo "# $interrupted of $ROUNDS rounds were killed mid-import; $(sql "SELECT count(*) FROM record") of $lines lines in"
[ "$interrupted" -ge $((ROUNDS / 2)) ] && pass "most rounds were killed mid-import" || fail "only $interrupted rounds were killed mid-import"
same "every acknowledged registration survived $ROUNDS kills" "0" "$bad"
ok "verify after the crashes" k verify
same "case numbers gap-free per series and year" "0" \
	"$(sql "SELECT count(*) FROM (SELECT series_id, year, max(seq) m, count(*) n FROM case_file GROUP BY 1, 2) WHERE m <> n")"
same "record numbers gap-free within cases" "0" \
	"$(sql "SELECT count(*) FROM (SELECT case_id, max(seq) m, count(*) n FROM record GROUP BY 1) WHERE m <> n")"
ok "resume the import to the end" k import --batch 20 "$T/data.jsonl"
same "all lines present" "$lines" "$(sql "SELECT count(*) FROM record")"
ok "verify at the end" k verify
