#!/bin/sh
# tests/bench/export.sh — throughput of delivery to the e-archive.
#
# Makes an installation with EXPORT_CASES closed cases (default 50) whose
# files total EXPORT_MB megabytes (default 240, generated content, no two
# files alike), exports the whole series as one tar package (every byte
# read once, hashed with OpenSSL while it is copied, the package fsynced),
# and in the same run hashes the same blobs with sha256sum. Prints MB/s of
# file content for both and their ratio (goal >= 1.0x sha256sum).
#
# usage: tests/bench/export.sh [DIR]    (run from the repository; ./kansli built)
set -eu
cd "$(dirname "$0")/../.."
DIR=${1:-$PWD/bench-data/export}
CASES=${EXPORT_CASES:-50}
MB=${EXPORT_MB:-240}
ORACLES=$PWD/../shared/oracles
K="./kansli --data $DIR/kansli"
rm -rf "$DIR"
mkdir -p "$DIR/files" "$DIR/out"
./kansli init "$DIR/kansli" >/dev/null
$K org add bench "Bänkens kommun" --orgnr 212000-0142 >/dev/null
$K series add AB "Arkivbänken" >/dev/null
year=$(date +%Y)

echo "   generating $CASES cases with $MB MB of files"
# Four files per case (two records), sizes spread around the mean.
python3 - "$DIR/files" "$CASES" "$MB" <<'PY'
import os, random, sys
d, cases, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
total = mb * 1_000_000
n = cases * 4
weights = [random.uniform(0.25, 1.75) for _ in range(n)]
scale = total / sum(weights)
block = os.urandom(1 << 20)
for i, w in enumerate(weights):
    size = int(w * scale)
    with open(os.path.join(d, 'fil-%04d.bin' % i), 'wb') as f:
        f.write(i.to_bytes(8, 'big'))  # no two files alike
        left = size - 8
        while left > 0:
            f.write(block[:min(left, len(block))]); left -= len(block)
PY
for c in $(seq 0 $((CASES - 1))); do
	n=$($K case open --series AB --title "Bänkärende $c")
	f0=$(printf '%04d' $((c * 4))); f1=$(printf '%04d' $((c * 4 + 1)))
	f2=$(printf '%04d' $((c * 4 + 2))); f3=$(printf '%04d' $((c * 4 + 3)))
	$K record add "$n" --direction in --title "Inkommen" --organisation "Leverantör AB" \
		--file "$DIR/files/fil-$f0.bin" --file "$DIR/files/fil-$f1.bin" >/dev/null
	$K record add "$n" --direction out --title "Utgående" --organisation "Leverantör AB" \
		--file "$DIR/files/fil-$f2.bin" --file "$DIR/files/fil-$f3.bin" >/dev/null
	$K case close "$n" >/dev/null
done
rm -rf "$DIR/files"
blobs=$(find "$DIR/kansli/blobs" -type f -path '*/blobs/??/??/*')
bytes=$(cat $blobs | wc -c)
echo "   $(echo "$blobs" | wc -l) blobs, $bytes bytes"
cat $blobs >/dev/null # both runs read from the page cache

t0=$(date +%s.%N)
sha256sum $blobs >/dev/null
t1=$(date +%s.%N)
$K export sip --series AB --year "$year" --format tar --out "$DIR/out" --json >"$DIR/export.json"
t2=$(date +%s.%N)
python3 - "$bytes" "$t0" "$t1" "$t2" "$DIR/export.json" <<'PY'
import json, sys
b, t0, t1, t2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
r = json.load(open(sys.argv[5]))
assert r['content_bytes'] == b, (r['content_bytes'], b)
s, e = b / 1e6 / (t1 - t0), b / 1e6 / (t2 - t1)
print(f"export: kansli export sip (tar, {r['files']} files) {e:,.0f} MB/s of content ({t2 - t1:.2f} s), "
      f"sha256sum {s:,.0f} MB/s ({t1 - t0:.2f} s), ratio {e / s:.2f}x (goal >= 1.00x)")
PY
if [ -x "$ORACLES/validate-sip" ]; then
	"$ORACLES/validate-sip" --profile fgs --strict "$DIR/out/sip-bench-ab-$year.tar" | tail -1
fi
