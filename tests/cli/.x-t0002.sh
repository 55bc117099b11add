#!/bin/sh
# t0002 — importing a registry in the gen-diarium format: all of it or
# nothing, the first bad line named, resumable.
TEST_NAME=import
. "$(dirname "$0")/lib.sh"
GEN=/work/shared/bench/gen-diarium

ok "init" k init "$KANSLI_DATA"
ok "org" k org add kommun "Exempels kommun"
python3 "$GEN" 1500 7 >"$T/data.jsonl"
lines=$(wc -l <"$T/data.jsonl")

# A bad line in the middle: nothing may be imported.
head -700 "$T/data.jsonl" >"$T/bad.jsonl"
echo '{"dnr": "KS 2020/0001", "doc_no": 1, "series": "KS", "direction": "inkommande",' >>"$T/bad.jsonl"
tail -n +701 "$T/data.jsonl" >>"$T/bad.jsonl"
fails "malformed line is named" "line 701: not a JSON object" k import "$T/bad.jsonl"
same "nothing imported" "0|0" "$(sql "SELECT (SELECT count(*) FROM record), (SELECT count(*) FROM series)")"

sed '900s/"date":"[0-9-]*"/"date":"2099-01-01"/' "$T/data.jsonl" >"$T/future.jsonl"
fails "future date is named by line" "line 900: .*future" k import "$T/future.jsonl"
python3 - "$T/data.jsonl" "$T/pnr.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows:
    if r["party_type"] == "person" and r["party_id"]:
        r["party_id"] = r["party_id"][:-1] + str((int(r["party_id"][-1]) + 1) % 10)
        break
open(sys.argv[2], "w").write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
PY
fails "invalid personnummer is named by line" "line [0-9]*: invalid personnummer" k import "$T/pnr.jsonl"
same "still nothing imported" "0" "$(sql "SELECT count(*) FROM record")"

ok "import all" k import "$T/data.jsonl"
same "every line is a record" "$lines" "$(sql "SELECT count(*) FROM record")"
cases=$(python3 -c "import json,sys; print(len({json.loads(l)['dnr'] for l in open(sys.argv[1])}))" "$T/data.jsonl")
same "every dnr is a case" "$cases" "$(sql "SELECT count(*) FROM case_file")"
secret=$(grep -c '"secret":1' "$T/data.jsonl")
same "secret entries stay secret" "$secret" "$(sql "SELECT count(*) FROM record WHERE secrecy <> 'none'")"
same "numbers are gap-free per series and year" "0" "$(sql "SELECT count(*) FROM (SELECT series_id, year, max(seq) m, count(*) n FROM case_file GROUP BY 1, 2) WHERE m <> n")"
same "counters follow imported numbers" "0" "$(sql "SELECT count(*) FROM number_counter n WHERE last_number <> (SELECT max(seq) FROM case_file c WHERE c.series_id = n.series_id AND c.year = n.year)")"
ok "import again is idempotent" k import "$T/data.jsonl"
grep -q "imported 0 records in 0 new cases ($lines already present)" "$T/out" && pass "second import skipped all" || fail "second import: $(cat "$T/out")"
ok "new case continues the numbering" k case open --series KS --title "Ny" --opened 2026-01-05
n=$(cat "$T/out")
max=$(sql "SELECT max(seq) FROM case_file c JOIN series s ON s.id = c.series_id WHERE s.prefix = 'KS' AND year = 2026 AND c.title <> 'Ny'")
same "next number after import" "$(printf 'KS 2026/%04d' $((max + 1)))" "$n"
ok "verify imported registry" k verify
ok "import from stdin" sh -c "head -3 '$T/data.jsonl' | '$KANSLI' import -"
