#!/bin/sh
# t0159 — a disposal killed between its commit and the removal of its files
# left them on disk for good: unnamed, so nothing served them, but the
# disposed content was still in the data directory (an outside attack's
# F4). The server's start and the next disposal remove them. Simulated by
# putting a disposed file's bytes back where the disposal removed them.
TEST_NAME=disposal-leftovers
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
7.1;Bistånd;;gallras;0;SN 2025-03-12 § 45;nej
CSV
k retention schedule import "$T/plan.csv" >/dev/null
dispose_one() { # TITLE TEXT: a case with one record and its file, disposed of
	printf '%s\n' "$2" >"$T/doc.txt"
	c=$(k case open --series SN --class 7.1 --title "$1" --public-title "$1" 2>/dev/null)
	k record add "$c" --direction in --title "$1" --person "Greta Gallrad" --file "$T/doc.txt" >/dev/null
	k case close "$c" >/dev/null
	hash=$(sql "SELECT f.hash FROM record_file f JOIN record r ON r.id = f.record_id WHERE r.title = '$1'")
	run=$(k --user arkiv1 disposal propose)
	k --user arkiv2 disposal approve "$run" >/dev/null
	k --user arkiv2 disposal execute "$run" --series AR >/dev/null
}
blobfile() { echo "$KANSLI_DATA/blobs/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-4)/$1"; }

dispose_one "Första ärendet" "Hemlig text om Vinbärsflickan"
h1=$hash
[ -e "$(blobfile "$h1")" ] && fail "the disposal left its file" || pass "(a disposal removes its file)"
# as if killed before its files went: the bytes back on disk, unnamed
mkdir -p "$(dirname "$(blobfile "$h1")")"
printf 'Hemlig text om Vinbärsflickan\n' >"$(blobfile "$h1")"
web_serve
same "the server's start removes what an interrupted disposal left" "no" "$([ -e "$(blobfile "$h1")" ] && echo yes || echo no)"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

mkdir -p "$(dirname "$(blobfile "$h1")")"
printf 'Hemlig text om Vinbärsflickan\n' >"$(blobfile "$h1")"
dispose_one "Andra ärendet" "Hemlig text om Krusbärspojken"
same "the next disposal removes the earlier one's leftover too" "no" "$([ -e "$(blobfile "$h1")" ] && echo yes || echo no)"
same "and its own file" "no" "$([ -e "$(blobfile "$hash")" ] && echo yes || echo no)"
ok "verify is ok" k verify
# a file a live record names is never taken: the same bytes registered again
printf 'Hemlig text om Vinbärsflickan\n' >"$T/again.txt"
c=$(k case open --series SN --title "Bevaras" 2>/dev/null)
k record add "$c" --direction in --title "Samma innehåll" --file "$T/again.txt" >/dev/null
same "(the same content registered again is stored under the same hash)" "yes" "$([ -e "$(blobfile "$h1")" ] && echo yes || echo no)"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
web_serve
same "a file a record names is kept at the server's start" "yes" "$([ -e "$(blobfile "$h1")" ] && echo yes || echo no)"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null

# An installation run from the command line only: `kansli disposal sweep`.
mkdir -p "$(dirname "$(blobfile "$hash")")"
printf 'Hemlig text om Krusbärspojken\n' >"$(blobfile "$hash")"
same "disposal sweep removes the leftover and says how many" "1 file(s) removed" "$(k disposal sweep 2>&1)"
same "(gone from the blob store)" "no" "$([ -e "$(blobfile "$hash")" ] && echo yes || echo no)"
same "a sweep with nothing left removes nothing" "0 file(s) removed" "$(k disposal sweep 2>&1)"
same "and keeps the file a live record names" "yes" "$([ -e "$(blobfile "$h1")" ] && echo yes || echo no)"
fails "sweep takes no arguments" "unexpected argument" k disposal sweep extra
