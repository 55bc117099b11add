#!/bin/sh
# tests/bench/contract.sh — what checking every API answer against the
# OpenAPI document costs (issue 16): the test files that use the API most
# (those naming /api/v1 the most times, and the contract scenario t0095),
# run through tests/run twice with the sanitized test build, once with the
# recording and the validator (KANSLI_API_CONTRACT=1, as `make check` runs)
# and once without (=0); prints both wall times, the answers checked and
# the difference. Run from the repository after `make build/san/kansli`.
set -eu
cd "$(dirname "$0")/../.."
files=$(grep -c "/api/v1" tests/cli/t*.sh | sort -t: -k2 -rn | head -n "${BENCH_CONTRACT_FILES:-6}" | cut -d: -f1)
files=$(printf '%s\n%s\n' "$files" tests/cli/t0095-api-contract.sh | sort -u | tr '\n' ' ')
export KANSLI=$PWD/build/san/kansli KANSLI_REL=$PWD/kansli
run() {
	t0=$(date +%s.%N)
	KANSLI_API_CONTRACT=$1 tests/run $files >"$2" 2>&1 || true
	t1=$(date +%s.%N)
	python3 -c "print(f'{$t1 - $t0:.1f}')"
}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
without=$(run 0 "$W/without")
with=$(run 1 "$W/with")
checked=$(sed -n 's/^# api-contract-suite: \([0-9]*\) answers.*/\1/p' "$W/with")
echo "   files: $files"
echo "   without the validator: $without s ($(tail -n 1 "$W/without"))"
echo "   with it: $with s ($(tail -n 1 "$W/with")), ${checked:-0} answers checked"
python3 -c "w, o = $with, $without; print(f'contract validation: {w - o:+.1f} s ({(w - o) / o * 100:+.0f}%) over {o:.1f} s')"
