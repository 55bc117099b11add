#!/bin/sh
# t0022 — years later the archivist disposes of what the schedule allows:
# the due list, a legal hold respected, a proposal approved by another
# archivist (four eyes), the records disposed with their text and their
# files' blobs (a blob another record keeps survives), the registry entry
# kept with its "Gallrad" mark or cleared, a disposal report registered, the
# text gone from search, and the audit log still verifying — and still
# catching tampering with what was kept.
TEST_NAME=disposal
# The registry is built on a pinned day, so that "two years later" and the
# report's dates stay true whatever today is.
export KANSLI_NOW=2026-12-01
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
k record add "$a" --direction in --title "Hemlig utredning" --person "Karin Hemlig" --secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
b=$(k case open --series KS --title "Bygglov Kyrkvägen 2" --class 3.2.1)
k record add "$b" --direction in --title "Ansökan Kyrkvägen" >/dev/null
c=$(k case open --series KS --title "Delegationsordning" --class 1.1)
k record add "$c" --direction internal --title "Delegationsordning 2026" --file "$T/delad.txt" >/dev/null
open_case=$(k case open --series KS --title "Bygglov Ängen 3" --class 3.2.1)
k record add "$open_case" --direction in --title "Ansökan Ängen" >/dev/null
for x in "$a" "$b" "$c"; do k case close "$x" >/dev/null; done
k reindex >/dev/null 2>&1
same "before disposal the file text is found" "1" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"

same "nothing is due today" "0" "$(k retention due --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')"
KANSLI_NOW=2029-01-15 k retention due --json >"$T/due2029.json"
same "after two years only the receipt (Kvitto, 2 years) is due" "$a-3" "$(python3 -c 'import json,sys; print(" ".join(i["number"] for i in json.load(open(sys.argv[1]))["items"]))' "$T/due2029.json")"
same "... by its document type's rule, which the due list names" "Kvitto 2 RA-FS 2021:6" \
	"$(python3 -c 'import json,sys; i=json.load(open(sys.argv[1]))["items"][0]; print(i["doc_type"], i["years"], i["decision"])' "$T/due2029.json")"
ok "an archivist places a legal hold" k --user arkiv1 hold add "$b" --reason "Överklagat till mark- och miljödomstolen"
fails "a hold needs a reason" "needs a reason" k hold add "$b"
fails "one hold at a time" "already under a legal hold" k hold add "$b" --reason "igen"
fails "a registrar may not place holds" "may not manage retention" k --user rita hold add "$open_case" --reason "x"
ok "list holds" k hold list --json
grep -q "mark- och miljödomstolen" "$T/out" && pass "the hold is listed with its reason" || fail "hold list"

export KANSLI_NOW=2037-06-01
k retention due --json >"$T/due.json"
nums=$(python3 -c 'import json,sys; print(" ".join(sorted(i["number"] for i in json.load(open(sys.argv[1]))["items"])))' "$T/due.json")
same "due after ten years: the application, the receipt and the secret report, not the kept decision, not the held, open or kept-class cases" "$a-1 $a-3 $a-4" "$nums"
same "a secret title is masked in the due list" "Sekretess enligt OSL 26 kap. 1 §" "$(python3 -c 'import json,sys; print([i["title"] for i in json.load(open(sys.argv[1]))["items"] if i["number"].endswith("-4")][0])' "$T/due.json")"
same "the due list counts held cases" "1" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["held"])' "$T/due.json")"
ok "the due list as text" k retention due
grep -q "KF 2025-03-12 § 45" "$T/out" && pass "the due list names the decision" || fail "due decision"
fails "a registrar may not see the due list" "may not manage retention" k --user rita retention due

fails "a registrar may not propose" "may not manage retention" k --user rita disposal propose
run=$(k --user arkiv1 disposal propose)
same "a proposal is run 1" "1" "$run"
same "... proposed on the day it was" "2037-06-01" \
	"$(k disposal show "$run" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["proposed"][:10])')"
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
same "three records disposed" "3" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["disposed"])' "$T/exec.json")"
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
same "numbers stay gap-free: the case still has four records" "1 2 3 4" "$(sql "SELECT group_concat(seq, ' ') FROM record WHERE case_id = 1")"
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
assert "Hemlig utredning" not in body and "Karin Hemlig" not in body, "secret title or party in the report"
assert "Sekretess enligt OSL 26 kap. 1 §" in body, "the secret record is listed masked"
PY
csv=$(k record file "$rep" gallringsrapport-1.csv)
head -1 "$csv" | grep -q "^diarienummer;rubrik;klass;handlingstyp;gallringsfrist" && pass "the report's CSV has its header" || fail "report CSV header"
grep -q "^$a-3;Kvitto på avgift;3.2.1;Kvitto;2;2028-12-01;RA-FS 2021:6;rensas;gallrad" "$csv" && pass "the report's CSV lists the receipt" || fail "report CSV row: $(cat "$csv")"
k disposal show "$run" --json >"$T/run.json"
same "the run is executed with its report" "executed $rep disposed disposed disposed" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], r["report"], *[i["outcome"] for i in r["records"]])' "$T/run.json")"
ok "list runs" k disposal list

k reindex >/dev/null 2>&1
same "search no longer finds the disposed file text" "0" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
same "the shared file's text is still found in the kept record" "$c-1" "$(k search fasadkulör --json | python3 -c 'import json,sys; print(" ".join(h["number"] for h in json.load(sys.stdin)))')"
k reindex --full >/dev/null 2>&1
same "nor after a full rebuild" "0" "$(k search tomtgränsmarkering --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
same "the cleared entry's title is not found either" "0" "$(k search Kvitto --json | python3 -c 'import json,sys; print(len([h for h in json.load(sys.stdin) if h["number"].startswith("KS")]))')"

ok "verify after disposal" k verify
mkdir "$T/pkg" # the package goes inside, in a folder named by its id (CSIPSTR2)
ok "the case with disposed records goes to the e-archive" k --user arkiv1 export sip "$a" --format dir --out "$T/pkg"
erms=$(find "$T/pkg" -name erms.xml | head -1)
grep -q "$a-2" "$erms" && pass "the kept decision is delivered" || fail "kept record missing from the package"
# A record disposed of with its registration kept is delivered as that
# registration with its disposal and no file; a cleared one is not.
grep -A4 "<objectId>$a-1</objectId>" "$erms" | grep -q '<disposal disposable="true">' &&
	pass "the kept registration is delivered with its disposal" || fail "kept registration missing from the package"
grep -q "$a-3\|tomtgränsmarkering" "$erms" && fail "a cleared record or a disposed text was delivered" ||
	pass "cleared records and disposed content are not delivered"
[ -z "$(find "$T/pkg" -path "*/$(echo "$a-1" | tr ' /' '--')/*" -type f)" ] && pass "no file of the disposed record" ||
	fail "a disposed record's file was delivered"
ok "the same content registered anew is stored anew" k record add "$open_case" --direction in --title "Ny situationsplan" --file "$T/egen.txt"
[ -f "$(blobfile "$h_own")" ] && pass "the re-registered blob is there again" || fail "re-registered blob"
ok "release the hold" k --user arkiv1 hold release "$b" --reason "Domen har vunnit laga kraft"
same "the released case's record is due now" "$b-1" "$(k retention due --json | python3 -c 'import json,sys; print(" ".join(i["number"] for i in json.load(sys.stdin)["items"]))')"
cancelled=$(k --user arkiv2 disposal propose)
fails "cancelling needs a reason" "needs a reason" k --user arkiv1 disposal cancel "$cancelled"
fails "a registrar may not cancel" "may not manage retention" k --user rita disposal cancel "$cancelled" --reason "x"
ok "an archivist cancels a proposal" k --user arkiv1 disposal cancel "$cancelled" --reason "Fel underlag"
fails "a cancelled run is not approved" "not waiting for approval" k --user arkiv1 disposal approve "$cancelled"
fails "nor cancelled twice" "cannot be cancelled" k --user arkiv1 disposal cancel "$cancelled" --reason "igen"
same "the cancelled run keeps its reason" "cancelled Fel underlag" "$(k disposal show "$cancelled" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["status"], r["cancel_reason"])')"
run2=$(k --user arkiv2 disposal propose)
same "its records can be proposed again" "$b-1" "$(k disposal show "$run2" --json | python3 -c 'import json,sys; print(" ".join(i["number"] for i in json.load(sys.stdin)["records"]))')"
ok "the other archivist approves the second run" k --user arkiv1 disposal approve "$run2"
ok "the hold comes back before execution" k --user arkiv1 hold add "$b" --reason "Ny process"
ok "configure the report series" k --user arkiv1 retention report-series AR
ok "execute the second run to the configured series" k --user arkiv1 disposal execute "$run2" --json
same "the skipped record's outcome" "held" "$(k disposal show "$run2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"][0]["outcome"])')"
same "a record whose case came under a hold is skipped" "0 1" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["disposed"], r["skipped"])' "$T/out")"
same "and stays" "" "$(sql "SELECT coalesce(disposed_note, '') FROM record WHERE title = 'Ansökan Kyrkvägen'")"
same "the second report goes to the same year's case" "AR 2037/0001-2" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["report"])' "$T/out")"
ok "verify after the second run" k verify

# The same over HTTP: the archivist's pages, the public registry and the API.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
login() { # login JAR USER
	curl -s -c "$1" "$U/login" >"$T/loginform"
	lt=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginform")
	curl -s -c "$1" -b "$1" -o /dev/null --data-urlencode "login_token=$lt" --data-urlencode "username=$2" \
		--data-urlencode "password=Losenord-for-$2" "$U/login"
}
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
login "$T/a1" arkiv1; login "$T/a2" arkiv2; login "$T/ri" rita
same "the archive page" "200" "$(code -b "$T/a1" "$U/arkiv?org=kommun")"
grep -q "Gallringsbart" "$T/body" && grep -q "Rättsliga spärrar" "$T/body" && grep -q "Gallring 2" "$T/body" && pass "it shows the due list, holds and runs" || fail "archive page content"
grep -q 'href="/arkiv?org=kommun">Arkiv</a>' "$T/body" && pass "archivists have Arkiv in the menu" || fail "Arkiv menu"
C1=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "a registrar may not open the archive" "403" "$(code -b "$T/ri" "$U/arkiv?org=kommun")"
code -b "$T/ri" "$U/?org=kommun" >/dev/null
grep -q '>Arkiv</a>' "$T/body" && fail "a registrar has no Arkiv in the menu" || pass "a registrar has no Arkiv in the menu"
C3=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "the schedule page" "200" "$(code -b "$T/a1" "$U/arkiv/plan?org=kommun")"
grep -q "KF 2025-03-12 § 45" "$T/body" && grep -q 'type="file"' "$T/body" && pass "the schedule page lists rules and takes a CSV" || fail "schedule page"
code -b "$T/a1" "$U/arkiv/plan?org=kommun&format=csv" >/dev/null
k retention schedule export >"$T/cli-export.csv"
cmp -s "$T/body" "$T/cli-export.csv" && pass "the CSV download is the CLI's export" || fail "CSV download"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;10;KF 2025-03-12 § 45;ja\n3.2.1;Bygglov;Kvitto;gallras;två;RA-FS 2021:6;nej\n' >"$T/bad-upload.csv"
same "a bad CSV upload is refused" "422" "$(code -b "$T/a1" -F "csrf=$C1" -F org=kommun -F atgard=import -F "fil=@$T/bad-upload.csv;type=text/csv" "$U/arkiv/plan")"
grep -q "rad 3 i filen" "$T/body" && pass "the refusal names the line" || fail "upload line number"
same "a good CSV upload" "303" "$(code -b "$T/a1" -F "csrf=$C1" -F org=kommun -F atgard=import -F "fil=@$T/cli-export.csv;type=text/csv" "$U/arkiv/plan")"
same "a rule edited in the form" "303" "$(code -b "$T/a1" --data-urlencode "csrf=$C1" --data-urlencode org=kommun --data-urlencode atgard=regel \
	--data-urlencode klass=3.2.1 --data-urlencode handlingstyp=Ritning --data-urlencode regel=gallras --data-urlencode frist=30 \
	--data-urlencode "beslut=KF 2025-03-12 § 45" --data-urlencode registrering=ja "$U/arkiv/plan")"
same "the rule is in the schedule" "1" "$(k retention schedule export | grep -c '^3.2.1;Bygglov;Ritning;gallras;30;')"
same "an archivist adds a class in the form" "303" "$(code -b "$T/a1" --data-urlencode "csrf=$C1" --data-urlencode org=kommun --data-urlencode atgard=klass \
	--data-urlencode kod=4.2 --data-urlencode "namn=Arkivvård" "$U/arkiv/plan")"
same "the class is there" "Arkivvård" "$(sql "SELECT title FROM class WHERE code = '4.2'")"
same "a registrar may not edit the schedule" "403" "$(code -b "$T/ri" --data-urlencode "csrf=$C3" --data-urlencode org=kommun --data-urlencode atgard=regel \
	--data-urlencode klass=3.2.1 --data-urlencode regel=bevaras "$U/arkiv/plan")"

code "$U/offentlig/diarium?org=kommun" >/dev/null
grep -q "Gallrad 2037-06-01 enligt KF 2025-03-12 § 45" "$T/body" && pass "the public registry shows the Gallrad mark" || fail "public mark"
grep -q "Ansökan om bygglov" "$T/body" && pass "the kept entry keeps its title in public" || fail "public title"
code "$U/offentlig/data.json?org=kommun" >/dev/null
python3 - "$T/body" <<'PY' && pass "the open data carries the mark" || fail "open data mark"
import json, sys
rows = json.load(open(sys.argv[1]))
rows = rows.get("records", rows) if isinstance(rows, dict) else rows
assert any(r.get("disposed", "").startswith("Gallrad 2037-06-01") for r in rows), rows
PY
same "the staff record page" "200" "$(code -b "$T/ri" "$U/handling?org=kommun&nr=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$a-1")")"
grep -q "Gallrad 2037-06-01 enligt KF 2025-03-12 § 45" "$T/body" && pass "the staff view shows the mark" || fail "staff mark"
same "the case page" "200" "$(code -b "$T/ri" "$U/arende?org=kommun&nr=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$a")")"
grep -q 'class="disposed">Gallrad 2037-06-01 enligt RA-FS 2021:6' "$T/body" && pass "the case page marks the cleared entry" || fail "case page mark"

# a third run from the web: release the hold, propose, four eyes, execute
same "release the hold in the web" "303" "$(code -b "$T/a1" --data-urlencode "csrf=$C1" --data-urlencode org=kommun --data-urlencode atgard=hav \
	--data-urlencode "arende=$b" --data-urlencode "skal=Processen är avslutad" "$U/arkiv")"
st=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$T/a1" --data-urlencode "csrf=$C1" --data-urlencode org=kommun \
	--data-urlencode atgard=foresla "$U/arkiv")
case "$st" in "303 "*"/arkiv/gallring?org=kommun&id=4"*) pass "propose in the web leads to the run's page";; *) fail "web propose: $st";; esac
same "the run page" "200" "$(code -b "$T/a1" "$U/arkiv/gallring?org=kommun&id=4")"
grep -q "Godkänn gallringen" "$T/body" && grep -q "Ansökan Kyrkvägen" "$T/body" && pass "the run page lists the record and offers approval" || fail "run page"
same "the proposer may not approve in the web" "403" "$(code -b "$T/a1" --data-urlencode "csrf=$C1" --data-urlencode org=kommun \
	--data-urlencode atgard=godkann --data-urlencode id=4 "$U/arkiv/gallring")"
T1=$(k token add arkiv1 robot --days 1); T2=$(k token add arkiv2 robot --days 1); TR=$(k token add rita robot --days 1)
same "the proposer may not approve through the API" "403" "$(code -X POST -H "Authorization: Bearer $T1" "$U/api/v1/disposals/4/approval?org=kommun")"
same "the other archivist approves through the API" "200" "$(code -X POST -H "Authorization: Bearer $T2" "$U/api/v1/disposals/4/approval?org=kommun")"
C2=$(code -b "$T/a2" "$U/arkiv/gallring?org=kommun&id=4" >/dev/null; sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
grep -q "Verkställ gallringen" "$T/body" && pass "an approved run offers execution" || fail "execute form"
same "execute in the web" "303" "$(code -b "$T/a2" --data-urlencode "csrf=$C2" --data-urlencode org=kommun --data-urlencode atgard=verkstall \
	--data-urlencode id=4 --data-urlencode serie=AR "$U/arkiv/gallring")"
same "the held-then-released record is disposed" "Gallrad 2037-06-01 enligt KF 2025-03-12 § 45" "$(sql "SELECT disposed_note FROM record WHERE title = 'Ansökan Kyrkvägen'")"

same "API due list for archivists" "200" "$(code -H "Authorization: Bearer $T1" "$U/api/v1/retention/due?org=kommun")"
same "API due list refused to a registrar" "403" "$(code -H "Authorization: Bearer $TR" "$U/api/v1/retention/due?org=kommun")"
same "API schedule readable by a registrar" "200" "$(code -H "Authorization: Bearer $TR" "$U/api/v1/retention/schedule?org=kommun")"
grep -q '"decision":"KF 2025-03-12 § 45"' "$T/body" && pass "API schedule as JSON" || fail "API schedule JSON"
same "API schedule as CSV" "200" "$(code -H "Authorization: Bearer $TR" "$U/api/v1/retention/schedule/csv?org=kommun")"
head -1 "$T/body" | grep -q '^klass;benämning;handlingstyp' && pass "API CSV header" || fail "API CSV header"
same "API rule set by an archivist" "200" "$(code -H "Authorization: Bearer $T1" -H 'Content-Type: application/json' \
	-d '{"class":"1.1","doc_type":"Minnesanteckning","action":"gallras","years":1,"decision":"RA-FS 2021:6","keep_registration":false}' "$U/api/v1/retention/schedule?org=kommun")"
same "the API rule is in the schedule" "1" "$(k retention schedule export | grep -c '^1.1;Styrning;Minnesanteckning;gallras;1;RA-FS 2021:6;nej')"
same "API bad rule is 422" "422" "$(code -H "Authorization: Bearer $T1" -H 'Content-Type: application/json' -d '{"class":"1.1","action":"gallras"}' "$U/api/v1/retention/schedule?org=kommun")"
same "API rule set refused to a registrar" "403" "$(code -H "Authorization: Bearer $TR" -H 'Content-Type: application/json' -d '{"class":"1.1","action":"bevaras"}' "$U/api/v1/retention/schedule?org=kommun")"
same "API CSV upload, bad, is 422" "422" "$(code -H "Authorization: Bearer $T1" -F "file=@$T/bad-upload.csv" "$U/api/v1/retention/schedule/csv?org=kommun")"
grep -q '"message":"line 3' "$T/body" && pass "API CSV refusal names the line" || fail "API CSV line: $(cat "$T/body")"
same "API hold placed" "201" "$(code -H "Authorization: Bearer $T1" -H 'Content-Type: application/json' -d "{\"case\":\"$open_case\",\"reason\":\"Tvist\"}" "$U/api/v1/holds?org=kommun")"
same "API holds listed" "200" "$(code -H "Authorization: Bearer $T1" "$U/api/v1/holds?org=kommun")"
grep -q '"reason":"Tvist"' "$T/body" && pass "API hold in the list" || fail "API hold list"
same "API hold released" "200" "$(code -H "Authorization: Bearer $T1" -H 'Content-Type: application/json' -d '{"reason":"Förlikning"}' "$U/api/v1/holds/$(echo "$open_case" | tr ' /' '--')/release?org=kommun")"
same "API propose with nothing due is 409" "409" "$(code -X POST -H "Authorization: Bearer $T1" "$U/api/v1/disposals?org=kommun")"
same "API runs" "200" "$(code -H "Authorization: Bearer $T2" "$U/api/v1/disposals?org=kommun")"
same "API run" "200" "$(code -H "Authorization: Bearer $T2" "$U/api/v1/disposals/1?org=kommun")"
same "API executing an executed run is 409" "409" "$(code -X POST -H "Authorization: Bearer $T2" "$U/api/v1/disposals/1/execution?org=kommun")"
same "API cancelling an executed run is 409" "409" "$(code -H "Authorization: Bearer $T2" -H 'Content-Type: application/json' -d '{"reason":"x"}' "$U/api/v1/disposals/1/cancellation?org=kommun")"
kill $pid 2>/dev/null; wait $pid 2>/dev/null
ok "verify after the web runs" k verify

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
