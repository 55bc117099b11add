#!/bin/sh
# t0006 — the audit log: signed checkpoints, inclusion and consistency
# proofs, checked here by an independent implementation of RFC 9162.
TEST_NAME=log
. "$(dirname "$0")/lib.sh"

ok "init" k init "$KANSLI_DATA" --origin diarium.example.se
ok "org" k org add kommun "Kommun"
ok "series" k series add KS "Kommunstyrelsen"
i=0
while [ $i -lt 12 ]; do k case open --series KS --title "Ärende $i" >/dev/null; i=$((i + 1)); done

ok "head" k log head
same "origin line" "diarium.example.se" "$(sed -n 1p "$T/out")"
same "size line" "$(sql "SELECT count(*) FROM event")" "$(sed -n 2p "$T/out")"
sed -n 3p "$T/out" | grep -Eq '^[A-Za-z0-9+/]{43}=$' && pass "root hash line" || fail "root hash line"
same "blank line" "" "$(sed -n 4p "$T/out")"
sed -n 5p "$T/out" | grep -q '^— diarium.example.se ' && pass "signature line" || fail "signature line"
ok "publish head" k log head --publish
cp "$T/out" "$T/head-old"
old=$(sed -n 2p "$T/head-old")
ok "verifier key" k log head --key
grep -Eq '^diarium.example.se\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$' "$T/out" && pass "verifier key format" || fail "verifier key format"

k case open --series KS --title "Senare" >/dev/null
new=$(sql "SELECT count(*) FROM event")

cat >"$T/check.py" <<'PY'
# An independent RFC 9162 verifier (2.1.3.2 inclusion, 2.1.4.2 consistency).
import base64, hashlib, sys
def h(b): return hashlib.sha256(b).digest()
def node(l, r): return h(b"\x01" + l + r)
lines = [l.split(": ", 1) for l in open(sys.argv[2]).read().splitlines()[1:]]
vals = {}
for k, v in lines: vals.setdefault(k, []).append(base64.b64decode(v))
if sys.argv[1] == "inclusion":
    index, size = int(sys.argv[3]) - 1, int(sys.argv[4])
    fn, sn, r = index, size - 1, vals["leaf"][0]
    for p in vals.get("path", []):
        if sn == 0: sys.exit(1)
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while fn and not fn & 1: fn >>= 1; sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1; sn >>= 1
    sys.exit(0 if sn == 0 and r == vals["root"][0] else 1)
else:
    m, n = int(sys.argv[3]), int(sys.argv[4])
    old, new, proof = vals["old root"][0], vals["new root"][0], vals.get("proof", [])
    if m == n: sys.exit(0 if not proof and old == new else 1)
    if m & (m - 1) == 0: proof = [old] + proof
    fn, sn = m - 1, n - 1
    while fn & 1: fn >>= 1; sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0: sys.exit(1)
        if fn & 1 or fn == sn:
            fr = node(c, fr); sr = node(c, sr)
            if not fn & 1:
                while fn and not fn & 1: fn >>= 1; sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1; sn >>= 1
    sys.exit(0 if sn == 0 and fr == old and sr == new else 1)
PY
for idx in 1 2 7 "$new"; do
	ok "inclusion proof of event $idx" k log prove --index "$idx"
	python3 "$T/check.py" inclusion "$T/out" "$idx" "$new" && pass "independent check of inclusion $idx" || fail "independent check of inclusion $idx"
done
ok "consistency proof from the published head" k log prove --old "$old"
python3 "$T/check.py" consistency "$T/out" "$old" "$new" && pass "independent check of consistency" || fail "independent check of consistency"
same "old root in proof equals published root" "$(sed -n 3p "$T/head-old")" "$(sed -n 's/^old root: //p' "$T/out")"
sed -i 's/^proof: \(.\)/proof: A/' "$T/out"
python3 "$T/check.py" consistency "$T/out" "$old" "$new" && fail "a damaged proof must not verify" || pass "a damaged proof does not verify"
fails "index beyond the log is refused" "no such index" k log prove --index 100000
ok "events list" k log events --limit 5
grep -q "installation.create" "$T/out" && pass "first event is the installation" || fail "first event"
ok "verify with a published head" k verify
grep -q "2 signed heads" "$T/out" && pass "published head checked" || fail "published head checked: $(cat "$T/out")"
