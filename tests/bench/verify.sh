#!/bin/sh
# tests/bench/verify.sh DATA — `kansli verify` on an installation, as events/s,
# against its peer measured in the same run: sqlite3's PRAGMA integrity_check
# over the same database (which reads every page and index once).
# Goal: verify <= 3x the integrity check.
set -eu
DATA=$1
KANSLI=${KANSLI:-./kansli}
sqlite3 "$DATA/kansli.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
# Both read the file from the page cache, not one of them from the disk.
cat "$DATA/kansli.db" >/dev/null
events=$(sqlite3 "$DATA/kansli.db" 'SELECT count(*) FROM event')
t0=$(date +%s.%N)
"$KANSLI" --data "$DATA" verify
t1=$(date +%s.%N)
ic=$(sqlite3 "$DATA/kansli.db" 'PRAGMA integrity_check')
t2=$(date +%s.%N)
[ "$ic" = ok ] || echo "   integrity_check: $ic"
python3 - "$events" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
v, ic = t1 - t0, t2 - t1
print(f"verify: {n:,} events in {v:.2f} s = {n / v:,.0f} events/s; "
      f"PRAGMA integrity_check {ic:.2f} s; ratio {v / ic:.2f}x (goal <= 3.00x)")
PY
