#!/bin/sh
# t0152 — disposal erases what the audit log held of what it disposed of:
# after `disposal execute`, the disposed record's party name and
# personnummer are nowhere in kansli.db, its write-ahead log or the data
# directory, and its title is in the log only in the disposal's own list
# (disposal_item, kept by design); the erased events keep their leaf
# hashes, so `kansli verify` is ok and the head published before still
# proves an erased event's inclusion; tampering with an erasure is caught.
TEST_NAME=disposal-erases-log
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1 arkiv2; do
	echo "Losenord-for-$u" | k user add "$u" "Användare $u" --password-stdin >/dev/null
	k user grant "$u" arkivarie >/dev/null
done
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
7.1;Bistånd;;gallras;2;SN 2025-03-12 § 45;nej
9.9;Övrigt;;bevaras;;;
CSV
k retention schedule import "$T/plan.csv" >/dev/null
echo "Utredningen om Hallonsyltbarnet" >"$T/doc.txt"
a=$(k case open --series SN --class 7.1 --title "Bistånd" --public-title "Bistånd" 2>/dev/null)
k record add "$a" --direction in --title "Ansökan Kanelbulletitel" --person "Greta Kanariegallrad" \
	--id 19121212-1212 --address "Smultronvägen 7" --file "$T/doc.txt" >/dev/null
k record add "$a" --direction in --title "Komplettering Kanelbulletitel" --person "Greta Kanariegallrad" >/dev/null
k case close "$a" >/dev/null
# a case kept for ever, whose party is another: survives untouched
b=$(k case open --series SN --class 9.9 --title "Övrigt" --public-title "Övrigt" 2>/dev/null)
k record add "$b" --direction in --title "Brev Blåbärsrubrik" --person "Olle Överlevare" >/dev/null
mkdir "$T/witness"
ok "the head is published before the disposal" env KANSLI_NOW=2026-12-02 "$KANSLI" log publish "$T/witness"
published=$(sed -n 2p "$T/witness/latest")
erased_id=$(sql "SELECT min(id) FROM event WHERE object_type = 'record' AND action = 'record.register'")

in_files() { cat "$KANSLI_DATA"/kansli.db "$KANSLI_DATA"/kansli.db-wal 2>/dev/null | python3 -c '
import sys; print(sys.stdin.buffer.read().lower().count(sys.argv[1].lower().encode()))' "$1"; }
[ "$(in_files Kanariegallrad)" -gt 0 ] && pass "(before: the party is in the files)" || fail "set-up: no party"

export KANSLI_NOW=2029-06-01
run=$(k --user arkiv1 disposal propose)
ok "another archivist approves" k --user arkiv2 disposal approve "$run"
ok "the run is executed" k --user arkiv2 disposal execute "$run" --series AR
for w in Kanariegallrad 19121212 121212-1212 Smultronvägen; do
	same "'$w' is nowhere in kansli.db or its write-ahead log" "0" "$(in_files "$w")"
	same "... nor anywhere in the data directory" "" "$(grep -rl -i "$w" "$KANSLI_DATA" 2>/dev/null)"
done
same "the title is in no event but the disposal's own list (proposal, execution)" "" \
	"$(sql "SELECT group_concat(action) FROM event WHERE instr(data, 'Kanelbulletitel') > 0
	        AND action NOT IN ('disposal.propose', 'disposal.execute')")"
same "the registration event is erased, its leaf kept" "{}|1" \
	"$(sql "SELECT data, length(leaf_hash) = 32 FROM event WHERE id = $erased_id")"
same "... by the disposal, which lists it" "1" \
	"$(sql "SELECT count(*) FROM event d, json_each(d.data, '\$.erased') x WHERE d.action = 'disposal.execute'
	        AND json_extract(x.value, '\$.id') = $erased_id")"
same "the surviving record is in the files as before" "1" "$(sql "SELECT count(*) FROM record WHERE title = 'Brev Blåbärsrubrik'")"
ok "the installation verifies" k verify
ok "... and against the checkpoint the witness keeps" k verify --checkpoint "$T/witness/latest"
ok "an inclusion proof of the erased event in the published head" k log prove --index "$erased_id" --size "$published"
python3 - "$T/out" "$(sed -n 3p "$T/witness/latest")" "$erased_id" "$published" <<'PY' &&
import base64, hashlib, sys
lines = open(sys.argv[1]).read().split("\n")
get = lambda p: [base64.b64decode(l.split(": ")[1]) for l in lines if l.startswith(p + ": ")]
leaf, path, want = get("leaf")[0], get("path"), base64.b64decode(sys.argv[2])
i, n = int(sys.argv[3]) - 1, int(sys.argv[4])
# RFC 9162 2.1.3.2
fn, sn, r = i, n - 1, leaf
for p in path:
    if sn == 0: sys.exit(1)
    if fn & 1 or fn == sn:
        r = hashlib.sha256(b"\1" + p + r).digest()
        while not fn & 1 and fn != 0: fn >>= 1; sn >>= 1
    else:
        r = hashlib.sha256(b"\1" + r + p).digest()
    fn >>= 1; sn >>= 1
sys.exit(0 if sn == 0 and r == want else 1)
PY
	pass "... which hashes to the published root" || fail "the proof does not hash to the published root"

# tampering with an erasure, each in a copy
tamper() {
	rm -rf "$T/w"; mkdir "$T/w"; cp "$KANSLI_DATA/kansli.db" "$T/w/"
	ln -s "$KANSLI_DATA/keys" "$T/w/keys"; ln -s "$KANSLI_DATA/blobs" "$T/w/blobs"
	sqlite3 "$T/w/kansli.db" "$2"
	fails "$1" "$3" env KANSLI_DATA="$T/w" "$KANSLI" verify
}
sqlite3 "$KANSLI_DATA/kansli.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
last=$(sql "SELECT max(id) FROM event WHERE action = 'case.open'")
tamper "an event erased behind kansli's back (data removed, marked erased) is caught" \
	"UPDATE event SET data = '{}', erased_by = (SELECT max(id) FROM event WHERE action = 'disposal.execute') WHERE id = $last" \
	"event $last is marked erased"
tamper "an erased event's kept leaf hash changed is caught" \
	"UPDATE event SET leaf_hash = zeroblob(32) WHERE id = $erased_id" "event $erased_id is marked erased"
tamper "an erased event no longer marked erased is caught" \
	"UPDATE event SET erased_by = NULL WHERE id = $erased_id" "does not match its leaf hash"
tamper "an erased event's columns changed are caught" \
	"UPDATE event SET actor = 'någon annan' WHERE id = $erased_id" "event $erased_id is marked erased"
tamper "an erasure list edited is caught" \
	"UPDATE event SET data = json_remove(data, '\$.erased[0]') WHERE action = 'disposal.execute'" \
	"does not match its leaf hash"
