#!/bin/sh
# t0024 — a municipality moves to kansli: the registry exported from its old
# system as CSV is imported with its case and record numbers, its closed
# cases stay closed with their closing dates, secret entries stay masked;
# a file with bad rows imports nothing and says which rows and why.
TEST_NAME=legacy-import
. "$(dirname "$0")/lib.sh"
D="$(cd "$(dirname "$0")/../data" && pwd)"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
k user grant lasse lasare >/dev/null

fails "a reader may not import" "may not register" k --user lasse import --format csv "$D/legacy-registry.csv"
ok "dry run checks every row" k import --format csv --dry-run "$D/legacy-registry.csv"
grep -q "would import 8 records in 4 new cases" "$T/out" && pass "dry run counts" || fail "dry run counts: $(cat "$T/out")"
same "dry run writes nothing" "0" "$(sql "SELECT count(*) FROM case_file")"

# a copy with three bad rows: nothing may be imported, all three named
cp "$D/legacy-registry.csv" "$T/bad.csv"
echo 'KS 2020/0001;1;Ärende;Rubrik;2020-13-01;I;;;;;;Öppen;;' >>"$T/bad.csv"
echo 'XYZ;1;Ärende;Rubrik;2020-01-01;I;;;;;;Öppen;;' >>"$T/bad.csv"
echo 'KS 2020/0002;1;Ärende;Rubrik;2020-01-01;Q;;;;;;Öppen;;' >>"$T/bad.csv"
events=$(sql "SELECT count(*) FROM event")
fails "bad rows reject the whole file" "3 of 11 rows rejected (first: line 10" k import --format csv "$T/bad.csv"
grep -q "rejected line 10: date '2020-13-01'" "$T/out" && grep -q "rejected line 11: " "$T/out" &&
	grep -q "rejected line 12: direction 'Q'" "$T/out" && pass "the report names each rejected row and why" ||
	fail "report: $(cat "$T/out")"
same "nothing half-imported" "0|$events" "$(sql "SELECT count(*) FROM case_file")|$(sql "SELECT count(*) FROM event")"
k import --format csv --report "$T/report.csv" "$T/bad.csv" >/dev/null 2>&1
same "the report as CSV" "rad;orsak" "$(head -1 "$T/report.csv" | tr -d '\r')"
same "three rows in the CSV report" "4" "$(wc -l <"$T/report.csv" | tr -d ' ')"

ok "the good file imports" k import --format csv "$D/legacy-registry.csv"
same "original case numbers kept" "BN 2018/0007,KS 2015/0112,KS 2015/0200,KS 2019/0042" \
	"$(sql "SELECT group_concat(n, ',') FROM (SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) AS n FROM case_file c JOIN series s ON s.id = c.series_id ORDER BY n)")"
same "record numbers kept, the old system's gap too" "1,2,3,5" \
	"$(sql "SELECT group_concat(seq, ',') FROM (SELECT r.seq FROM record r JOIN case_file c ON c.id = r.case_id WHERE c.seq = 112 ORDER BY r.seq)")"
k case show "KS 2015/0112" --json >"$T/case.json"
same "a closed case stays closed" "closed" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$T/case.json")"
same "with its closing date (retention counts from it)" "2016-06-30" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["closed"][:10])' "$T/case.json")"
same "a decided case stays decided" "decided" "$(k case show "BN 2018/0007" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
same "compact dates read" "2018-01-15" "$(sql "SELECT doc_date FROM record WHERE title = 'Ansökan om bygglov'")"
same "quoted fields with ; and quotes" 'Yttrande från tekniska förvaltningen, "Parkgruppen"' \
	"$(sql "SELECT title FROM record WHERE doc_date = '2019-06-01'")"
same "direction codes I/U/N" "in,internal,out" "$(sql "SELECT group_concat(direction, ',') FROM (SELECT DISTINCT direction FROM record ORDER BY 1)")"
same "class split into code and title" "Detaljplaner" "$(sql "SELECT title FROM class WHERE code = '3.1.2'")"
same "an organisation party from its orgnr" "organisation" "$(sql "SELECT kind FROM party WHERE name = 'Kvarnbacken Fastigheter AB'")"
same "a bare name is taken as a private person" "person" "$(sql "SELECT kind FROM party WHERE name = 'Lars Larsson'")"
same "a secret entry keeps its legal ground" "partial|OSL 26 kap. 1 §" "$(sql "SELECT secrecy, legal_ground FROM record WHERE title = 'Ansökan om ekonomiskt bistånd'")"
k --user lasse record show "KS 2015/0200-1" >"$T/secret" 2>&1
grep -q "Anna Andersson" "$T/secret" && fail "secret party shown to a reader" || pass "the secret party is masked for a reader"
ok "importing the same file again skips what is there" k import --format csv "$D/legacy-registry.csv"
grep -q "imported 0 records in 0 new cases (8 already present)" "$T/out" && pass "rerun is idempotent" || fail "rerun: $(cat "$T/out")"
same "a new case in an imported year continues the numbering" "KS 2019/0043" "$(k case open --series KS --title "Nytt" --opened 2019-12-01)"
fails "the imported closed case takes no new records" "is closed" k record add "KS 2015/0112" --direction in --title "Sent brev"

# another system's column names through a mapping file, from Windows-1252
printf 'CaseNumber,DocumentNo,CaseTitle,DocumentTitle,DocumentDate,Direction,Correspondent,CaseStatus,ClosedDate,Confidentiality\n' >"$T/w3d3.csv"
printf 'MBN 2017/0003,1,Tillsyn av förskolans kök,Inspektionsrapport kök,2017-04-03,U,Förskolan Äppellunden,closed,2017-05-01,\n' >>"$T/w3d3.csv"
iconv -f UTF-8 -t WINDOWS-1252 "$T/w3d3.csv" >"$T/w3d3-1252.csv"
fails "Windows-1252 without --encoding is named" "not UTF-8" k import --format csv --mapping "$D/legacy-mapping.txt" "$T/w3d3-1252.csv"
ok "a mapping file and --encoding" k import --format csv --mapping "$D/legacy-mapping.txt" --encoding windows-1252 "$T/w3d3-1252.csv"
same "the mapped row, letters intact" "Inspektionsrapport kök|Förskolan Äppellunden|out" \
	"$(sql "SELECT r.title, r.party_name, r.direction FROM record r JOIN case_file c ON c.id = r.case_id WHERE c.seq = 3 AND c.year = 2017")"
printf 'number: Dnr\nbogus: X\n' >"$T/badmap.txt"
fails "an unknown mapping field is named" "unknown field 'bogus'" k import --format csv --mapping "$T/badmap.txt" "$D/legacy-registry.csv"
printf 'Dnr;Rubrik\nKS 2020/0001;X\n' >"$T/nocols.csv"
fails "a missing column is named" "no column for 'date'" k import --format csv "$T/nocols.csv"
printf 'Diarienummer;Handlingsrubrik;Datum;Riktning\n"KS 2020/0001;X;2020-01-01;I\n' >"$T/quote.csv"
fails "an unclosed quote is named by its line" "line 2: a quoted field is not closed" k import --format csv "$T/quote.csv"
ok "--show-mapping documents the default" k import --show-mapping
grep -q "^number: Diarienummer" "$T/out" && pass "default mapping printed" || fail "show-mapping"
ok "verify after the import" k verify

# the same from the web: upload, dry run, rejected rows shown, import
k init "$T/web" >/dev/null
export KANSLI_DATA="$T/web"
k org add kommun "Exempels kommun" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
k user grant rita administrator >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -c "$T/jar" "$U/login" >"$T/login"
lt=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
curl -s -c "$T/jar" -b "$T/jar" -o /dev/null --data-urlencode "login_token=$lt" --data-urlencode username=rita \
	--data-urlencode password=Losenord-for-rita "$U/login"
same "import page" "200" "$(curl -s -b "$T/jar" -o "$T/page" -w '%{http_code}' "$U/importera?org=kommun")"
curl -s -b "$T/jar" "$U/admin?org=kommun" | grep -q '/importera?org=kommun' &&
	pass "the admin page links the import" || fail "admin link"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/page" | head -1)
same "a bad file: 422, nothing imported" "422" "$(curl -s -b "$T/jar" -o "$T/res" -w '%{http_code}' -F "csrf=$C" -F org=kommun \
	-F "fil=@$T/bad.csv;type=text/csv" -F kodning=utf-8 "$U/importera")"
grep -q "Ingenting importerades: 3 av 11 rader avvisades" "$T/res" && grep -q "<td>12</td>" "$T/res" &&
	pass "the rejected rows are listed on the page" || fail "web report"
same "dry run from the web" "200" "$(curl -s -b "$T/jar" -o "$T/res" -w '%{http_code}' -F "csrf=$C" -F org=kommun \
	-F "fil=@$D/legacy-registry.csv;type=text/csv" -F provkor=1 "$U/importera")"
same "still nothing imported" "0" "$(sql "SELECT count(*) FROM case_file")"
same "import from the web" "200" "$(curl -s -b "$T/jar" -o "$T/res" -w '%{http_code}' -F "csrf=$C" -F org=kommun \
	-F "fil=@$D/legacy-registry.csv;type=text/csv" "$U/importera")"
grep -q "Importerat: 8 handlingar i 4 nya ärenden" "$T/res" && pass "the page says what was imported" || fail "web result"
same "without the CSRF token: 403" "403" "$(curl -s -b "$T/jar" -o /dev/null -w '%{http_code}' -F org=kommun \
	-F "fil=@$D/legacy-registry.csv;type=text/csv" "$U/importera")"
ok "verify after the web import" k verify
TR=$(k token add rita robot --days 1)
same "API: a bad file is 422 with the rejected rows" "422" "$(curl -s -o "$T/api.json" -w '%{http_code}' -H "Authorization: Bearer $TR" \
	-F "file=@$T/bad.csv;type=text/csv" -F dry_run=1 "$U/api/v1/imports?org=kommun")"
same "API: rejected lines" "10,11,12" "$(python3 -c 'import json,sys; print(",".join(str(x["line"]) for x in json.load(open(sys.argv[1]))["rejected"]))' "$T/api.json")"
same "API: the good file again is idempotent" "200" "$(curl -s -o "$T/api.json" -w '%{http_code}' -H "Authorization: Bearer $TR" \
	-F "file=@$D/legacy-registry.csv;type=text/csv" "$U/api/v1/imports?org=kommun")"
same "API: counts" "0 8" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["records"], d["skipped"])' "$T/api.json")"
same "API: JSON body is 415" "415" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TR" -H 'Content-Type: application/json' -d '{}' "$U/api/v1/imports?org=kommun")"
