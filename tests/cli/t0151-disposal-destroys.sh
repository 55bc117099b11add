#!/bin/sh
# t0151 — disposal destroys: after `disposal execute`, with the server
# running (its connection keeps the write-ahead log), the disposed record's
# file text is nowhere in kansli.db or its write-ahead log (not in freed
# pages, not in the log's old frames, not in the search index's older
# segments), and its title and party are in the files only as often as the
# rows that keep them by design hold them (the audit log's events, the
# disposal's list and report): nothing is left of the rows deleted.
TEST_NAME=disposal-destroys
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
CSV
k retention schedule import "$T/plan.csv" >/dev/null
echo "Utredningen om Hallonsyltbarnet och dess vårdnad" >"$T/doc.txt"
a=$(k case open --series SN --class 7.1 --title "Bistånd" --public-title "Bistånd" 2>/dev/null)
k record add "$a" --direction in --title "Ansökan Kanelbulletitel" --person "Greta Kanariegallrad" \
	--file "$T/doc.txt" >/dev/null
k record add "$a" --direction in --title "Komplettering Kanelbulletitel" --person "Greta Kanariegallrad" >/dev/null
k case close "$a" >/dev/null
web_serve
k reindex >/dev/null
same "(the file's words are searchable)" "1" "$(k search hallonsyltbarnet --json | grep -c 'SN 2026/0001-1')"

# in the files: how often each word is (any case), and how often the live
# rows hold it (a dump of the database, exactly as written)
in_files() { cat "$KANSLI_DATA"/kansli.db "$KANSLI_DATA"/kansli.db-wal 2>/dev/null | python3 -c '
import sys; print(sys.stdin.buffer.read().lower().count(sys.argv[1].lower().encode()))' "$1"; }
as_written() { cat "$KANSLI_DATA"/kansli.db "$KANSLI_DATA"/kansli.db-wal 2>/dev/null | python3 -c '
import sys; print(sys.stdin.buffer.read().count(sys.argv[1].encode()))' "$1"; }
in_rows() { sqlite3 "$KANSLI_DATA/kansli.db" .dump | python3 -c '
import sys; print(sys.stdin.buffer.read().count(sys.argv[1].encode()))' "$1"; }
[ "$(in_files hallonsyltbarnet)" -gt 0 ] && pass "(before: the file's text is in the database's files)" ||
	fail "the set-up did not put the file's text in the files"
[ -s "$KANSLI_DATA/kansli.db-wal" ] && pass "(the server keeps a write-ahead log)" || fail "no write-ahead log"

export KANSLI_NOW=2029-06-01
run=$(k --user arkiv1 disposal propose)
ok "another archivist approves" k --user arkiv2 disposal approve "$run"
ok "the run is executed" k --user arkiv2 disposal execute "$run" --series AR
same "... saying nothing on stderr" "" "$(cat "$T/err" 2>/dev/null)"
# (the write-ahead log was emptied after it; the server's indexer may have
# written to it again since, indexing the report and the cleared entry)
same "the file's text is nowhere in the files: not in freed pages, the write-ahead log or the search index" \
	"0" "$(in_files hallonsyltbarnet)"
for w in "Greta Kanariegallrad" "Kanelbulletitel"; do
	same "'$w' is in the files only where live rows (the log, the disposal's list and report) keep it" \
		"$(in_rows "$w")" "$(as_written "$w")"
done
k reindex >/dev/null
same "the file's words are no longer found" "0" "$(k search hallonsyltbarnet --json | grep -c 'SN 2026/0001-1')"
same "... nor in the files after the indexer's work" "0" "$(in_files hallonsyltbarnet)"
ok "the installation verifies" k verify
