#!/bin/sh
# t0022 — years later the archivist disposes of what the schedule allows:
# the due list, a legal hold respected, a proposal approved by another
# archivist (four eyes), the records disposed with their text and their
# files' blobs (a blob another record keeps survives), the registry entry
# kept with its "Gallrad" mark or cleared, a disposal report registered, the
# text gone from search, and the audit log still verifying — and still
# catching tampering with what was kept.
TEST_NAME=disposal
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1:arkivarie arkiv2:arkivarie rita:registrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;Bygglov;;gallras;10;KF 2025-03-12 § 45;ja
3.2.1;Bygglov;Kvitto;gallras;2;RA-FS 2021:6;nej
3.2.1;Bygglov;Beslut;bevaras;;;
1.1;Styrning;;bevaras;;RA-FS 2021:6;
CSV
k retention schedule import "$T/plan.csv" >/dev/null
printf 'Ritning med ordet fasadkulör och delad text\n' >"$T/delad.txt"
printf 'Situationsplan med ordet tomtgränsmarkering\n' >"$T/egen.txt"
a=$(k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1)
k record add "$a" --direction in --title "Ansökan om bygglov" --person "Sven Svensson" --file "$T/delad.txt" --file "$T/egen.txt" >/dev/null
k record add "$a" --direction out --title "Beslut om bygglov" --type Beslut >/dev/null
k record add "$a" --direction in --title "Kvitto på avgift" --type Kvitto --organisation "Banken AB" >/dev/null
b=$(k case open --series KS --title "Bygglov Kyrkvägen 2" --class 3.2.1)
k record add "$b" --direction in --title "Ansökan Kyrkvägen" >/dev/null
c=$(k case open --series KS --title "Delegationsordning" --class 1.1)
k record add "$c" --direction internal --title "Delegationsordning 2026" --file "$T/delad.txt" >/dev/null
d=$(k case open --series KS --title "Bygglov Ängen 3" --class 3.2.1)
k record add "$d" --direction in --title "Ansökan Ängen" >/dev/null
for x in "$a" "$b" "$c"; do k case close "$x" >/dev/null; done
k reindex >/dev/null 2>&1
same "before disposal the file text is found" "1" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

same "nothing is due today" "0" "$(k retention due --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
KANSLI_NOW=2029-01-15 k retention due --json >"$T/due2029.json"
same "after two years only the receipt (Kvitto, 2 years) is due" "$a-3" "$(python3 -c 'import json,sys; print(" ".join(i["number"] for i in json.load(open(sys.argv[1]))["items"]))' "$T/due2029.json")"
ok "an archivist places a legal hold" k --user arkiv1 hold add "$b" --reason "Överklagat till mark- och miljödomstolen"
fails "a hold needs a reason" "needs a reason" k hold add "$b"
fails "one hold at a time" "already under a legal hold" k hold add "$b" --reason "igen"
fails "a registrar may not place holds" "may not manage retention" k --user rita hold add "$d" --reason "x"
ok "list holds" k hold list --json
grep -q "mark- och miljödomstolen" "$T/out" && pass "the hold is listed with its reason" || fail "hold list"

export KANSLI_NOW=2037-06-01
k retention due --json >"$T/due.json"
nums=$(python3 -c 'import json,sys; print(" ".join(sorted(i["number"] for i in json.load(open(sys.argv[1]))["items"])))' "$T/due.json")
same "due after ten years: the application and the receipt, not the kept decision, not the held, open or kept-class cases" "$a-1 $a-3" "$nums"
same "the due list counts held cases" "1" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["held"])' "$T/due.json")"
ok "the due list as text" k retention due
grep -q "KF 2025-03-12 § 45" "$T/out" && pass "the due list names the decision" || fail "due decision"
fails "a registrar may not see the due list" "may not manage retention" k --user rita retention due

fails "a registrar may not propose" "may not manage retention" k --user rita disposal propose
run=$(k --user arkiv1 disposal propose)
same "a proposal is run 1" "1" "$run"
fails "nothing more to propose" "nothing is due" k --user arkiv1 disposal propose
fails "an unapproved run is not executed" "not approved" k --user arkiv2 disposal execute "$run" --series AR
fails "the proposer may not approve (four eyes)" "another archivist must approve it" k --user arkiv1 disposal approve "$run"
same "four eyes refusal exits 5" "5" "$(k --user arkiv1 disposal approve "$run" >/dev/null 2>&1; echo $?)"
fails "a registrar may not approve" "may not manage retention" k --user rita disposal approve "$run"
ok "another archivist approves" k --user arkiv2 disposal approve "$run"
fails "approving twice" "not waiting for approval" k --user arkiv2 disposal approve "$run"
fails "execution needs a report series" "name the series for the disposal report" k --user arkiv2 disposal execute "$run"
fails "an unknown report series" "unknown series" k --user arkiv2 disposal execute "$run" --series XX
same "a refused execution changed nothing" "0" "$(sql "SELECT count(*) FROM record WHERE disposed_note IS NOT NULL")"

h_shared=$(sql "SELECT hash FROM record_file WHERE name = 'delad.txt' LIMIT 1")
h_own=$(sql "SELECT hash FROM record_file WHERE name = 'egen.txt'")
blobfile() { echo "$KANSLI_DATA/blobs/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-4)/$1"; }
[ -f "$(blobfile "$h_own")" ] && pass "the record's own blob exists before" || fail "blob before"
ok "execute" k --user arkiv2 disposal execute "$run" --series AR --json
cp "$T/out" "$T/exec.json"
same "two records disposed" "2" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["disposed"])' "$T/exec.json")"
[ ! -f "$(blobfile "$h_own")" ] && pass "a blob no other record uses is deleted" || fail "own blob left"
[ -f "$(blobfile "$h_shared")" ] && pass "a blob shared with a kept record survives" || fail "shared blob deleted"
same "the shared blob's row stays, the other goes" "1 0" "$(sql "SELECT count(*) FROM blob WHERE hash = '$h_shared'") $(sql "SELECT count(*) FROM blob WHERE hash = '$h_own'")"
same "no file text of the disposed blob is kept" "0" "$(sql "SELECT count(*) FROM file_text WHERE hash = '$h_own'")"
same "the application is marked" "Gallrad 2037-06-01 enligt KF 2025-03-12 § 45" "$(sql "SELECT disposed_note FROM record WHERE title = 'Ansökan om bygglov'")"
k record show "$a-1" --json >"$T/a1.json"
same "the staff view shows the mark, keeps the entry, has no files" "Gallrad 2037-06-01 enligt KF 2025-03-12 § 45|Ansökan om bygglov|0" \
	"$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%s|%s|%d" % (r["disposed"], r["title"], len(r["files"])))' "$T/a1.json")"
k record show "$a-3" --json >"$T/a3.json"
same "the receipt's entry is cleared but keeps its number and date" "$a-3||in|Gallrad 2037-06-01 enligt RA-FS 2021:6" \
	"$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%s|%s|%s|%s" % (r["number"], r["title"], r["direction"], r["disposed"]))' "$T/a3.json")"
same "the receipt's party is gone" "" "$(sql "SELECT coalesce(party_name, '') FROM record WHERE disposed_note LIKE '%RA-FS%'")"
same "numbers stay gap-free: the case still has three records" "1 2 3" "$(sql "SELECT group_concat(seq, ' ') FROM record WHERE case_id = 1")"
same "the kept decision is untouched" "" "$(sql "SELECT coalesce(disposed_note, '') FROM record WHERE title = 'Beslut om bygglov'")"
fails "a disposed record's file is gone" "has no file named" k record file "$a-1" egen.txt
fails "a disposed record is not corrected" "is disposed" k record correct "$a-1" --title X --reason Y
fails "executing twice" "already executed" k --user arkiv2 disposal execute "$run" --series AR

rep=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"])' "$T/exec.json")
same "the report is a record in the report series' case for the year" "AR 2037/0001-1" "$rep"
k record show "$rep" --json >"$T/rep.json"
python3 - "$T/rep.json" "$a" <<'PY' && pass "the report says what, when, by which decision and who approved" || fail "report content"
import json, sys
r = json.load(open(sys.argv[1])); a = sys.argv[2]; body = r["body"]
assert "Gallringsrapport" in r["title"], r["title"]
for want in (a + "-1", a + "-3", "KF 2025-03-12 § 45", "RA-FS 2021:6", "user:arkiv1", "user:arkiv2", "2037-06-01", "Ansökan om bygglov"):
    assert want in body, want
assert [f["name"] for f in r["files"]] == ["gallringsrapport-1.csv"], r["files"]
PY
csv=$(k record file "$rep" gallringsrapport-1.csv)
head -1 "$csv" | grep -q "^diarienummer;rubrik;klass;handlingstyp;gallringsfrist" && pass "the report's CSV has its header" || fail "report CSV header"
grep -q "^$a-3;Kvitto på avgift;3.2.1;Kvitto;2;2028-12-01;RA-FS 2021:6;rensas;gallrad" "$csv" && pass "the report's CSV lists the receipt" || fail "report CSV row: $(cat "$csv")"
k disposal show "$run" --json >"$T/run.json"
same "the run is executed with its report" "executed $rep" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], r["report"])' "$T/run.json")"
ok "list runs" k disposal list

k reindex >/dev/null 2>&1
same "search no longer finds the disposed file text" "0" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
same "the shared file's text is still found in the kept record" "$c-1" "$(k search fasadkulör --json | python3 -c 'import json,sys; print(" ".join(h["number"] for h in json.load(sys.stdin)))')"
k reindex --full >/dev/null 2>&1
same "nor after a full rebuild" "0" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
same "the cleared entry's title is not found either" "0" "$(k search Kvitto --json | python3 -c 'import json,sys; print(len([h for h in json.load(sys.stdin) if h["number"].startswith("KS")]))')"

ok "verify after disposal" k verify
ok "release the hold" k --user arkiv1 hold release "$b" --reason "Domen har vunnit laga kraft"
same "the released case's record is due now" "$b-1" "$(k retention due --json | python3 -c 'import json,sys; print(" ".join(i["number"] for i in json.load(sys.stdin)["items"]))')"
run2=$(k --user arkiv2 disposal propose)
ok "the other archivist approves the second run" k --user arkiv1 disposal approve "$run2"
ok "the hold comes back before execution" k --user arkiv1 hold add "$b" --reason "Ny process"
ok "configure the report series" k --user arkiv1 retention report-series AR
ok "execute the second run to the configured series" k --user arkiv1 disposal execute "$run2" --json
same "a record whose case came under a hold is skipped" "0 1" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["disposed"], r["skipped"])' "$T/out")"
same "and stays" "" "$(sql "SELECT coalesce(disposed_note, '') FROM record WHERE title = 'Ansökan Kyrkvägen'")"
same "the second report goes to the same year's case" "AR 2037/0001-2" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"])' "$T/out")"
ok "verify after the second run" k verify

cp "$KANSLI_DATA/kansli.db" "$T/good.db"
restore() { cp "$T/good.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"; }
sql "UPDATE record SET title = 'Annat beslut' WHERE title = 'Beslut om bygglov'"
fails "tampering with a kept record is still found" "its title differs" k verify
same "and verify exits 1" "1" "$(k verify >/dev/null 2>&1; echo $?)"
restore
sql "UPDATE record SET disposed_note = 'Gallrad 2037-06-01 enligt påhittat beslut' WHERE title = 'Delegationsordning 2026'"
fails "a kept record marked disposed behind kansli's back is found" "its disposal mark differs" k verify
restore
sql "UPDATE record SET title = 'Något annat' WHERE title = 'Ansökan om bygglov'"
fails "a disposed record's kept entry is checked against its disposal event" "its title differs" k verify
restore
sql "DELETE FROM record_file WHERE name = 'delad.txt'"
fails "a kept record's file removed behind kansli's back is found" "its set of files differs" k verify
restore
sql "PRAGMA foreign_keys = OFF; DELETE FROM blob WHERE hash = '$h_shared'"
fails "a kept file's blob removed with its row is found" "blob $h_shared is named by a record's file" k verify
restore
ok "the restored copy verifies" k verify
