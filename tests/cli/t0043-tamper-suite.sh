#!/bin/sh
# t0043 — the generated tamper suite: for every table and column `kansli
# verify` covers, a changed value, a deleted row and an extra row; blob
# flips, losses and swaps; event edits, deletions and reorders; an event
# rewritten with a correct leaf hash; older signed checkpoints put back.
# Each mutation is made with the sqlite3 shell (or on the blob files) in a
# copy of one prepared installation, and must make `kansli verify` exit
# non-zero naming what was changed. The mutations are generated from
# `kansli verify --list-covered`, so a newly covered column is tampered
# with the day it is covered.
TEST_NAME=tamper-suite
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/t0043-setup.inc"
start=$(date +%s)

ok "the prepared installation verifies" k verify
k verify --list-covered >"$T/covered" || fail "verify --list-covered"
sqlite3 "$KANSLI_DATA/kansli.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
python3 "$HERE/t0043-mutations.py" "$T/covered" "$KANSLI_DATA/kansli.db" "$T" >"$T/mutations" ||
	{ fail "generating the mutations"; exit 1; }
BASE="$KANSLI_DATA"

# blob_path HASH: where the copy at $W keeps a blob.
blob_path() { echo "$W/blobs/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-4)/$1"; }

# leaf ID: rewrites event ID's data and its leaf hash consistently (what
# someone without the signing key can do at best).
leaf() {
	python3 - "$W/kansli.db" "$1" <<'PY'
import hashlib, json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
i = int(sys.argv[2])
ts, org, actor, action, typ, obj, data, salt = db.execute(
    "SELECT ts_us, org_id, actor, action, object_type, object_id, data, salt FROM event WHERE id = ?", (i,)).fetchone()
data = data[:-1] + (',' if data != '{}' else '') + '"zz":1}'
s = lambda v: json.dumps(v, ensure_ascii=False, separators=(',', ':'))
inp = salt + ('{"v":1,"id":%d,"ts":%d,"org":%d,"actor":%s,"action":%s,"type":%s,"obj":%d,"data":%s}' % (
    i, ts, org, s(actor), s(action), s(typ), obj, data)).encode()
db.execute("UPDATE event SET data = ?, leaf_hash = ? WHERE id = ?",
           (data, hashlib.sha256(b"\0" + inp).digest(), i))
db.commit()
PY
}

# run_part LIST W: applies each mutation of LIST in a fresh copy at W and
# runs verify; prints PASS/FAIL lines and, last, "tally TOTAL CAUGHT MISSED SKIPPED".
run_part() {
	list=$1 W=$2
	total=0 caught=0 missed=0 skipped=0
	while IFS="$tab" read -r name pattern action; do
		rm -rf "$W"
		mkdir "$W"
		cp "$BASE/kansli.db" "$W/"
		ln -s "$BASE/keys" "$W/keys"
		case $action in
		blob-*) cp -R "$BASE/blobs" "$W/blobs" ;;
		*) ln -s "$BASE/blobs" "$W/blobs" ;;
		esac
		applied=yes
		case $action in
		sql:*) sqlite3 "$W/kansli.db" "PRAGMA synchronous=OFF; ${action#sql:}" >/dev/null 2>"$W.err" || applied=no ;;
		blob-flip:*) f=$(blob_path "${action#blob-flip:}"); chmod u+w "$f" &&
			printf 'X' | dd of="$f" bs=1 seek=2 conv=notrunc 2>/dev/null || applied=no ;;
		blob-gone:*) rm -f "$(blob_path "${action#blob-gone:}")" || applied=no ;;
		blob-swap:*) h=${action#blob-swap:}; a=$(blob_path "${h%%:*}"); b=$(blob_path "${h#*:}")
			chmod u+w "$a" "$b" && mv "$a" "$W.x" && mv "$b" "$a" && mv "$W.x" "$b" || applied=no ;;
		leaf:*) leaf "${action#leaf:}" 2>"$W.err" || applied=no ;;
		esac
		if [ $applied = no ]; then
			skipped=$((skipped + 1))
			fail "$name: the mutation could not be made ($(head -c 200 "$W.err"))"
			continue
		fi
		total=$((total + 1))
		if "$KANSLI" --data "$W" verify >"$W.out" 2>"$W.verr"; then
			missed=$((missed + 1))
			fail "$name: verify did not notice"
		elif ! grep -q -- "$pattern" "$W.out" "$W.verr"; then
			missed=$((missed + 1))
			fail "$name: verify failed without naming '$pattern': $(head -c 200 "$W.verr")"
		elif [ "$(wc -l <"$W.verr")" -ne 1 ]; then
			missed=$((missed + 1))
			fail "$name: verify's stderr is not one line: $(head -c 200 "$W.verr")"
		else
			caught=$((caught + 1))
		fi
	done <"$list"
	echo "tally $total $caught $missed $skipped"
}

# Two workers, each with its own copy: the machine's two cores.
tab=$(printf '\t')
awk 'NR % 2 == 1' "$T/mutations" >"$T/m1"
awk 'NR % 2 == 0' "$T/mutations" >"$T/m2"
run_part "$T/m1" "$T/w1" >"$T/r1" &
p1=$!
run_part "$T/m2" "$T/w2" >"$T/r2"
wait $p1
grep -v '^tally ' "$T/r1" "$T/r2" | sed 's/^[^:]*://'
set -- $(cat "$T/r1" "$T/r2" | awk '/^tally / { t += $2; c += $3; m += $4; s += $5 } END { print t, c, m, s }')
total=$1 caught=$2 missed=$3 skipped=$4

secs=$(($(date +%s) - start))
echo "tamper suite: $caught of $total mutations detected, $missed missed, $skipped could not be made, ${secs}s"
echo "outside the log by design (verify --list-covered):"
sed -n 's/^excluded /  /p' "$T/covered"
[ "$total" -ge 300 ] && pass "at least 300 mutations ($total)" || fail "only $total mutations (want at least 300)"
[ "$missed" -eq 0 ] && [ "$skipped" -eq 0 ] && pass "every mutation detected ($caught of $total)" ||
	fail "$missed of $total mutations missed, $skipped not made"
# Its time is printed above, not asserted: a test's verdict does not hang on
# the machine's load (performance is measured in `make bench`).
