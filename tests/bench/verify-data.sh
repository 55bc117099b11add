#!/bin/sh
# tests/bench/verify-data.sh — the installation `make bench` verifies, built
# once and kept: BENCH_VERIFY_N gen-diarium entries (default 1000000, which
# makes about 1.28 million log events) streamed into `kansli import --batch`
# (the product's own import path; one transaction, and so one row-image
# state, per 10000 lines). On 2 cores the first build takes about 25
# minutes and 4 GB of disk; it is cached in build/bench-verify/ under N and
# a hash of the schema and of the covered-table description, so a second
# `make bench` reuses it and a schema change makes a new one (`make clean`
# removes it). Prints the installation's directory on stdout.
#
# usage: tests/bench/verify-data.sh     (run from the repository; ./kansli built)
set -eu
cd "$(dirname "$0")/../.."
N=${BENCH_VERIFY_N:-1000000}
# The generator lives beside the main repository; a worktree elsewhere names it.
GEN=${GEN:-../shared/bench/gen-diarium}
key=$(cat src/store/schema.c src/core/covered.c | sha256sum | cut -c1-12)
DIR=$PWD/build/bench-verify/$N-$key
if [ ! -f "$DIR/ready" ]; then
	rm -rf "$PWD/build/bench-verify"
	mkdir -p "$DIR"
	echo "   building the verify installation: $N entries into $DIR (once; kept in build/)" >&2
	./kansli init "$DIR/kansli" >/dev/null
	./kansli --data "$DIR/kansli" org add bench "Bänkens kommun" >/dev/null
	t0=$(date +%s)
	python3 "$GEN" "$N" 42 | ./kansli --data "$DIR/kansli" import --batch 10000 - >"$DIR/import.log"
	records=$(sqlite3 "$DIR/kansli/kansli.db" 'SELECT count(*) FROM record')
	[ "$records" = "$N" ] || { echo "verify-data: $records records imported, not $N" >&2; exit 1; }
	echo "   imported in $(($(date +%s) - t0)) s: $(tail -n 1 "$DIR/import.log")" >&2
	touch "$DIR/ready"
fi
echo "$DIR/kansli"
