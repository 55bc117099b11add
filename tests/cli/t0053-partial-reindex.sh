#!/bin/sh
# t0053 — extraction outcomes from the shell (issue 15): `kansli reindex`
# extracts through the same fair queue as the server's pool; a mail of
# 10,000 MIME parts stops at the part cap and is indexed by its headers
# and first parts, marked partial; complete and failed files say so; no
# temporary file is left in the scratch directory or in /tmp.
TEST_NAME=partial-reindex
. "$(dirname "$0")/lib.sh"
GEN="$(dirname "$0")/../data/hostile/many-parts-eml"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Inkomna brev")
python3 "$GEN" 10000 tiotusendelar >"$T/manga.eml"
printf 'Ett brev om blåsippor.\n' >"$T/brev.txt"
printf '%%PDF-1.4\n1 0 obj\n<<' >"$T/trasig.pdf"
k record add "$c" --direction in --title "Många delar" --file "$T/manga.eml" >/dev/null
k record add "$c" --direction in --title "Vanligt brev" --file "$T/brev.txt" >/dev/null
k record add "$c" --direction in --title "Trasig pdf" --file "$T/trasig.pdf" >/dev/null
ls /tmp | grep '^kansli-part-' | sort >"$T/before"
ok "reindex" k reindex
status() { sql "SELECT ft.status FROM file_text ft JOIN record_file rf ON rf.hash = ft.hash JOIN record r ON r.id = rf.record_id WHERE r.title = '$1'"; }
same "the 10,000-part mail is partial" "partial" "$(status 'Många delar')"
same "the plain letter is complete" "complete" "$(status 'Vanligt brev')"
same "the broken PDF failed" "failed" "$(status 'Trasig pdf')"
hit() { k search "$1" --json | python3 -c 'import json,sys; print(" ".join(h["title"] for h in json.load(sys.stdin)))'; }
same "the partial mail is found by its subject" "Många delar" "$(hit tiotusendelar)"
same "and by its first parts" "Många delar" "$(hit fyllnad)"
same "the cap held: part 600 is not indexed" "0" "$(sql "SELECT count(*) FROM file_text WHERE text LIKE '%del 600 av%'")"
same "the scratch directory is empty" "" "$(ls "$KANSLI_DATA/blobs/tmp")"
ls /tmp | grep '^kansli-part-' | sort >"$T/after"
same "no kansli-part file appeared in /tmp" "" "$(comm -13 "$T/before" "$T/after")"
ok "verify" k verify
