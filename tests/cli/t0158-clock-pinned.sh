#!/bin/sh
# t0158 — a pinned clock is obeyed or refused, never ignored. KANSLI_NOW
# written as a time (2026-05-04T10:00:00) used to be passed over in
# silence, so nine test files ran on today's date while meaning to pin
# theirs: a test that passes until the calendar moves.
TEST_NAME=clock-pinned
export KANSLI_NOW=2026-05-04
. "$(dirname "$0")/lib.sh"
ok "init" k init "$KANSLI_DATA"
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Klockan ställd")
same "a case opened on the pinned day is numbered in its year" "KS 2026/0001" "$c"
k case show "$c" --json >"$T/body"
has "and dated that day" '"opened_date": "2026-05-04"'
for bad in 2026-05-04T10:00:00 2026-05-04T10:00:00Z 2026-5-4 2026-02-30 tomorrow "" ; do
	fails "KANSLI_NOW='$bad' is refused" "KANSLI_NOW must be a date" env KANSLI_NOW="$bad" "$KANSLI" --data "$KANSLI_DATA" case list
done
# refused before anything is read or written
n=$(sql "SELECT count(*) FROM event")
KANSLI_NOW=2026-05-04T10:00:00 "$KANSLI" --data "$KANSLI_DATA" case open --series KS --title "Aldrig" >/dev/null 2>&1
same "a refused clock changes nothing" "$n" "$(sql "SELECT count(*) FROM event")"
