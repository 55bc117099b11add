#!/bin/sh
# t0023 — delivery to the e-archive: an archivist exports closed cases as
# E-ARK SIP 2.1 / FGS packages (a small case; a case with secret records and
# many files of several types; a whole series and year), as folder, tar and
# zip; every package passes the FGS validator with no ERROR, its checksums
# match its files, personnummer stay home, secrecy travels with its legal
# ground, and the delivery is in the log. Open cases and users without the
# archivist role are refused; the web page and the API deliver too.
TEST_NAME=sip
. "$(dirname "$0")/lib.sh"
REPO=$(cd "$(dirname "$0")/../.." && pwd)
ORACLES=$REPO/../shared/oracles
VALIDATE=$ORACLES/validate-sip

# valid PACKAGE DESCRIPTION: validate-sip --profile fgs --strict exits 0 (no
# ERROR and no WARN line: CSIP17/31/93/97 included).
valid() {
	if "$VALIDATE" --profile fgs --strict "$1" >"$T/v.out" 2>&1 && ! grep -q '^ERROR\|^WARN' "$T/v.out"; then
		pass "$2 passes validate-sip --profile fgs --strict"
	else
		fail "$2 does not validate: $(grep -m3 'ERROR\|WARN\|RESULT' "$T/v.out" | tr '\n' ' ')"
	fi
}
# files_of PACKAGE: its files, without the package's own folder name (each
# delivery's id differs: dir, then -v2, -v3).
files_of() {
	case "$1" in
	*.tar) tar tf "$1" ;;
	*.zip) python3 -c 'import sys,zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1" ;;
	*) (cd "$(dirname "$1")" && find "$(basename "$1")" -type f) ;;
	esac | grep -v '/$' | sed 's|^[^/]*/||' | sort
}
# sums PACKAGE: every file named in the METS files and PREMIS has that size and SHA-256.
sums() {
	python3 - "$1" <<'PY'
import hashlib, os, sys, tarfile, tempfile, urllib.parse, zipfile
import xml.etree.ElementTree as ET
p = sys.argv[1]
if not os.path.isdir(p):
    d = tempfile.mkdtemp()
    (zipfile.ZipFile(p) if p.endswith('.zip') else tarfile.open(p)).extractall(d)
    p = os.path.join(d, os.listdir(d)[0])
M = '{http://www.loc.gov/METS/}'; X = '{http://www.w3.org/1999/xlink}href'; P = '{http://www.loc.gov/premis/v3}'
def sha(f): return hashlib.sha256(open(f, 'rb').read()).hexdigest()
n = 0
for mets in (os.path.join(p, 'METS.xml'), os.path.join(p, 'representations/rep1/METS.xml')):
    base = os.path.dirname(mets)
    for f in ET.parse(mets).iter(M + 'file'):
        path = os.path.join(base, urllib.parse.unquote(f.find(M + 'FLocat').get(X)))
        assert sha(path) == f.get('CHECKSUM'), path
        assert os.path.getsize(path) == int(f.get('SIZE')), path
        n += 1
    for r in ET.parse(mets).iter(M + 'mdRef'):
        assert sha(os.path.join(base, r.get(X))) == r.get('CHECKSUM')
for o in ET.parse(os.path.join(p, 'metadata/preservation/premis.xml')).iter(P + 'object'):
    path = os.path.join(p, o.find(P + 'objectIdentifier/' + P + 'objectIdentifierValue').text)
    assert sha(path) == o.find('.//' + P + 'messageDigest').text, path
    n += 1
print(n)
PY
}

k init "$KANSLI_DATA" --origin diarium.test >/dev/null
k org add kommun "Exempelby kommun" --orgnr 212000-0142 >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k class add 1.2 "Styra verksamheten" >/dev/null
k unit add KK "Kommunkansliet" >/dev/null
for u in arkiv:arkivarie rita:registrator; do
	echo "Losenord-for-${u%%:*}" | k user add "${u%%:*}" "Användare ${u%%:*}" --password-stdin >/dev/null
	k user grant "${u%%:*}" "${u#*:}" >/dev/null
done
A="--user arkiv"
# $year (lib.sh): kansli's year, pinned or real.

# 1. A small case.
printf 'Jag föreslår låst cykelparkering vid stationen.\n' >"$T/forslag.txt"
small=$(k case open --series KS --title "Medborgarförslag om cykelparkering" --class 1.2 --unit KK --officer rita)
k record add "$small" --direction in --title "Medborgarförslag" --person "Sven Svensson" --id 19121212-1212 \
	--file "$T/forslag.txt" >/dev/null
k record add "$small" --direction out --title "Svar på förslaget" --organisation "Cykelfrämjandet" --file "$T/forslag.txt" >/dev/null
k record correct "$small-2" --title "Svar på medborgarförslaget" --reason "Tydligare rubrik" >/dev/null

fails "an open case is refused" "is open, not closed" k $A export sip "$small" --out "$T"
ls "$T" | grep -q '^sip-' && fail "a refused export left a package" || pass "a refused export leaves nothing"
k case close "$small" >/dev/null
fails "a user without the archivist role is refused" "may not manage retention and archive" \
	k --user rita export sip "$small" --out "$T"
mkdir "$T/pk"
ok "export the small case as dir" k $A export sip "$small" --format dir --out "$T/pk" --agreement "LÖ 2026:1"
fails "a second delivery of the case needs a confirmation" "was delivered before (package sip-kommun-ks-$year-0001).*--again" \
	k $A export sip "$small" --format tar --out "$T/pk"
for f in tar zip; do
	ok "export the small case again as $f" k $A export sip "$small" --format $f --out "$T/pk" --agreement "LÖ 2026:1" --again
done
pkg=$T/pk/sip-kommun-ks-$year-0001
for f in "" -v2.tar -v3.zip; do valid "$pkg$f" "the small case ${f:-as a folder}"; done
same "the same files in folder, tar and zip" "$(files_of "$pkg")" "$(files_of "$pkg-v2.tar")"
same "the zip holds them too" "$(files_of "$pkg-v2.tar")" "$(files_of "$pkg-v3.zip")"
n=$(sums "$pkg-v3.zip") && [ "$n" -gt 10 ] && pass "checksums in METS and PREMIS match the files ($n)" || fail "checksums ($n)"
fails "exporting over an existing package is refused" "already exists" k $A export sip "$small" --format tar --out "$pkg-v2.tar" --again
grep -q "19121212" -r "$pkg" && fail "a personnummer was delivered" || pass "no personnummer in the package"
grep -q '<name>Sven Svensson</name>' "$pkg/representations/rep1/data/erms.xml" &&
	grep -q '<name>Cykelfrämjandet</name>' "$pkg/representations/rep1/data/erms.xml" && pass "parties are delivered by name" || fail "parties"
grep -q 'Svar på medborgarförslaget' "$pkg/representations/rep1/data/erms.xml" && pass "the corrected title is delivered" || fail "current title"
grep -q '<eventType>correction</eventType>' "$pkg/metadata/preservation/premis.xml" &&
	grep -q '<eventType>registration</eventType>' "$pkg/metadata/preservation/premis.xml" &&
	grep -q '<eventType>closing</eventType>' "$pkg/metadata/preservation/premis.xml" &&
	grep -q '<eventType>export</eventType>' "$pkg/metadata/preservation/premis.xml" &&
	pass "PREMIS has registration, correction, closing and export events" || fail "PREMIS events"
grep -q '<altRecordID TYPE="SUBMISSIONAGREEMENT">LÖ 2026:1</altRecordID>' "$pkg/METS.xml" && pass "submission agreement in METS" || fail "agreement"
grep -q 'ORG:2120000142' "$pkg/METS.xml" && pass "the archival creator with its organisationsnummer" || fail "orgnr"
head -1 "$pkg/documentation/checkpoint.txt" | grep -q '^diarium.test' && pass "the log's checkpoint is in the package" || fail "checkpoint"
size=$(sed -n 2p "$pkg/documentation/checkpoint.txt")
same "the checkpoint is a head the log signed" "$size" "$(sql "SELECT count(*) FROM event WHERE id <= $size")"
same "three deliveries logged" "3" "$(sql "SELECT count(*) FROM event WHERE action = 'export.sip'")"
mets=$(python3 -c 'import sys,zipfile; import hashlib; z=zipfile.ZipFile(sys.argv[1]); print(hashlib.sha256(z.read([n for n in z.namelist() if n.endswith("0001-v3/METS.xml")][0])).hexdigest())' "$pkg-v3.zip")
same "the log names the zip's METS checksum" "1" "$(sql "SELECT count(*) FROM event WHERE action = 'export.sip' AND json_extract(data, '\$.mets_sha256') = '$mets'")"
ok "export list" k $A export list --json
grep -q "sip-kommun-ks-$year-0001" "$T/out" && pass "earlier deliveries are listed" || fail "export list"

# 2. Secret records (partial and full) and many files of several types.
python3 - "$T/files" <<'PY'
import os, struct, sys, zipfile, zlib
d = sys.argv[1]; os.makedirs(d)
def png(path, w, h, rgb):
    raw = b''.join(b'\0' + bytes(rgb) * w for _ in range(h))
    chunk = lambda t, b: struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                          + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
def pdf(path, text):
    body = 'BT /F1 12 Tf 72 720 Td (%s) Tj ET' % text
    objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
            '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
            '<< /Length %d >>\nstream\n%s\nendstream' % (len(body), body), '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>']
    out, offs = '%PDF-1.4\n', []
    for i, o in enumerate(objs):
        offs.append(len(out)); out += '%d 0 obj\n%s\nendobj\n' % (i + 1, o)
    x = len(out)
    out += 'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1) + ''.join('%010d 00000 n \n' % o for o in offs)
    out += 'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, x)
    open(path, 'w').write(out)
def docx(path, text):
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>' % text)
for i in range(6):
    pdf(os.path.join(d, 'utredning-%d.pdf' % i), 'Utredning del %d' % i)
    png(os.path.join(d, 'foto %d.png' % i), 8 + i, 8, (40 * i, 120, 200))
    docx(os.path.join(d, 'yttrande_%d.docx' % i), 'Yttrande nummer %d' % i)
    open(os.path.join(d, 'anteckning-%d.txt' % i), 'w').write('Anteckning %d om ärendet, å ä ö.\n' % i)
open(os.path.join(d, 'protokoll: § 12?.txt'), 'w').write('Protokollsutdrag § 12\n')
PY
big=$(k case open --series SN --title "Placering enligt SoL" --class 1.2)
set -- "$T"/files/*.pdf "$T"/files/*.png
fileargs=""
for f in "$@"; do fileargs="$fileargs --file $f"; done
k record add "$big" --direction in --title "Anmälan" --person "Karin Hemlig" --id 19800101-0001 \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" --file "$T/files/utredning-0.pdf" --file "$T/files/foto 0.png" \
	--file "$T/files/utredning-1.pdf" --file "$T/files/foto 1.png" --file "$T/files/utredning-2.pdf" \
	--file "$T/files/foto 2.png" --file "$T/files/utredning-3.pdf" --file "$T/files/foto 3.png" >/dev/null
k record add "$big" --direction internal --title "Utredning" --secrecy partial --legal-ground "OSL 26 kap. 1 §" \
	--mask party,files --person "Karin Hemlig" --file "$T/files/utredning-4.pdf" --file "$T/files/utredning-5.pdf" \
	--file "$T/files/foto 4.png" --file "$T/files/foto 5.png" --file "$T/files/yttrande_0.docx" \
	--file "$T/files/yttrande_1.docx" --file "$T/files/yttrande_2.docx" >/dev/null
k record add "$big" --direction out --title "Beslut om placering" --organisation "Stödboende AB" \
	--file "$T/files/yttrande_3.docx" --file "$T/files/yttrande_4.docx" --file "$T/files/yttrande_5.docx" \
	--file "$T/files/anteckning-0.txt" --file "$T/files/anteckning-1.txt" --file "$T/files/anteckning-2.txt" \
	--file "$T/files/anteckning-3.txt" --file "$T/files/anteckning-4.txt" --file "$T/files/anteckning-5.txt" \
	--file "$T/files/protokoll: § 12?.txt" >/dev/null
k case close "$big" >/dev/null
mkdir "$T/big"
for f in dir tar zip; do ok "export the secret case as $f" k $A export sip "$big" --format $f --out "$T/big" --again; done
bp=$T/big/sip-kommun-sn-$year-0001
for f in "" -v2.tar -v3.zip; do valid "$bp$f" "the case with secret records ${f:-as a folder}"; done
same "25 files delivered" "25" "$(find "$bp/representations/rep1/data/SN-$year-0001" -type f | wc -l)"
same "several media types" "4" "$(grep -o 'MIMETYPE="[^"]*"' "$bp/representations/rep1/METS.xml" | grep -v 'text/xml\|application/xml' | sort -u | wc -l)"
n=$(sums "$bp-v2.tar") && [ "$n" -gt 50 ] && pass "checksums match in the tar ($n)" || fail "checksums in the tar ($n)"
same "secret records carry their legal ground" "2" "$(grep -c '<regulation>OSL 26 kap. 1 §</regulation>' "$bp/representations/rep1/data/erms.xml")"
grep -q 'Sekretess för hela handlingen' "$bp/representations/rep1/data/erms.xml" && \
	grep -q 'Sekretess för delar av handlingen: avsändare/mottagare, filer' "$bp/representations/rep1/data/erms.xml" &&
	pass "full and partial secrecy are told apart" || fail "secrecy explanations"
[ -f "$bp/representations/rep1/data/SN-$year-0001/SN-$year-0001-3/protokoll_ § 12_.txt" ] &&
	pass "file names are made safe, the original kept in the metadata" || fail "safe file name"
grep -q 'name="protokoll: § 12?.txt"' "$bp/representations/rep1/data/erms.xml" && pass "the original name is in ERMS" || fail "original name"
grep -q "19121212" -r "$bp" && fail "a personnummer was delivered" || pass "no personnummer for secret parties either"
same "the delivery names the secret records" '["SN '$year'/0001-1", "SN '$year'/0001-2"]' \
	"$(sql "SELECT json_extract(data, '\$.secret_records') FROM event WHERE action = 'export.sip' ORDER BY id DESC LIMIT 1" | sed 's/,/, /')"

# 3. A whole series and year: several closed cases, one still open.
for t in "Remiss om vindkraft" "Motion om skolskjuts" "Avtal om snöröjning"; do
	c=$(k case open --series KS --title "$t" --officer rita --unit KK)
	k record add "$c" --direction in --title "Inkommen $t" --organisation "Länsstyrelsen" --file "$T/files/utredning-1.pdf" >/dev/null
	k record add "$c" --direction out --title "Svar" --organisation "Länsstyrelsen" --file "$T/files/anteckning-1.txt" >/dev/null
	k case close "$c" >/dev/null
done
open=$(k case open --series KS --title "Pågående ärende")
mkdir "$T/series"
for f in dir tar zip; do
	ok "export the series as $f" k $A export sip --series KS --year "$year" --format $f --out "$T/series" --json --again
done
same "the open case is left out" "1" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["open_cases_left_out"])' "$T/out")"
sp=$T/series/sip-kommun-ks-$year
for f in "" -v2.tar -v3.zip; do valid "$sp$f" "the series ${f:-as a folder}"; done
same "four closed cases in one ERMS document" "4" "$(grep -c 'aggregationType="caseFile"' "$sp/representations/rep1/data/erms.xml")"
grep -q "$open" "$sp/representations/rep1/data/erms.xml" && fail "an open case was delivered" || pass "no open case in the series package"
n=$(sums "$sp-v3.zip") && [ "$n" -gt 10 ] && pass "checksums match in the series zip ($n)" || fail "series checksums"
k series add ÖFN "Överförmyndarnämnden" >/dev/null
c=$(k case open --series ÖFN --title "Årsräkning för förvaltarskap")
k record add "$c" --direction in --title "Årsräkning" --person "Åsa Öberg" --file "$T/files/anteckning-2.txt" >/dev/null
k case close "$c" >/dev/null
for f in tar zip; do ok "export a series named with å, ä, ö as $f" k $A export sip --series ÖFN --year "$year" --format $f --out "$T/series" --again; done
for f in .tar -v2.zip; do valid "$T/series/sip-kommun-ofn-$year$f" "a package with UTF-8 folder names as $f"; done
tar tf "$T/series/sip-kommun-ofn-$year.tar" | grep -q "data/ÖFN-$year-0001/ÖFN-$year-0001-1/anteckning-2.txt" &&
	pass "UTF-8 names survive in the tar" || fail "UTF-8 names in the tar"
fails "a series with no closed cases is refused" "no closed cases" k $A export sip --series SN --year 2001 --out "$T/series"
fails "a bad format is refused" "format must be" k $A export sip "$small" --format rar --out "$T"
fails "a record number is refused" "record number" k $A export sip "$small-1" --out "$T"

# 4. A blob that no longer matches its hash stops the export; nothing is left.
h=$(sql "SELECT hash FROM record_file WHERE name = 'anteckning-0.txt'")
chmod u+w "$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h" 2>/dev/null
cp "$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h" "$T/blob.save"
printf 'ändrad\n' >"$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h"
mkdir "$T/bad"
fails "a tampered file stops the export" "no longer matches its hash" k $A export sip "$big" --format zip --out "$T/bad" --again
same "nothing is left of it" "" "$(ls "$T/bad")"
cp "$T/blob.save" "$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h"

# 5. The web page and the API.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
TA=$(k token add arkiv robot --days 1)
TR=$(k token add rita robot --days 1)
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$small")
same "API: a package as zip" "200 application/zip" "$(curl -s -o "$T/api.zip" -w '%{http_code} %{content_type}' \
	-H "Authorization: Bearer $TA" -H 'Content-Type: application/json' -d "{\"case\":\"$small\",\"format\":\"zip\",\"again\":true}" "$U/api/v1/exports")"
valid "$T/api.zip" "the API's zip"
same "API: a re-delivery without again is 409" "409" "$(curl -s -o "$T/api.err" -w '%{http_code}' -H "Authorization: Bearer $TA" \
	-H 'Content-Type: application/json' -d "{\"case\":\"$small\",\"format\":\"zip\"}" "$U/api/v1/exports")"
grep -q '"field":"again"' "$T/api.err" && pass "API: the 409 names the field again" || fail "API again 409 body: $(cat "$T/api.err")"
same "API: a series as tar" "200 application/x-tar" "$(curl -s -o "$T/api.tar" -w '%{http_code} %{content_type}' \
	-H "Authorization: Bearer $TA" -H 'Content-Type: application/json' -d "{\"series\":\"KS\",\"year\":$year,\"format\":\"tar\",\"again\":true}" "$U/api/v1/exports")"
valid "$T/api.tar" "the API's tar"
same "API: an open case is 409" "409" "$(curl -s -o "$T/api.err" -w '%{http_code}' -H "Authorization: Bearer $TA" \
	-H 'Content-Type: application/json' -d "{\"case\":\"$open\"}" "$U/api/v1/exports")"
grep -q '"code":"conflict"' "$T/api.err" && pass "API: the 409 says why" || fail "API 409 body: $(cat "$T/api.err")"
same "API: a registrar may not export" "403" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TR" \
	-H 'Content-Type: application/json' -d "{\"case\":\"$small\"}" "$U/api/v1/exports")"
same "API: a folder cannot be downloaded" "422" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TA" \
	-H 'Content-Type: application/json' -d "{\"case\":\"$small\",\"format\":\"dir\"}" "$U/api/v1/exports")"
same "API: earlier deliveries" "200" "$(curl -s -o "$T/api.list" -w '%{http_code}' -H "Authorization: Bearer $TA" "$U/api/v1/exports")"
grep -q '"mets_sha256"' "$T/api.list" && pass "API: deliveries name their METS checksum" || fail "API list"
login() {
	curl -s -c "$T/$1.jar" "$U/login" >"$T/login"
	lt=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
	curl -s -c "$T/$1.jar" -b "$T/$1.jar" -o /dev/null --data-urlencode "login_token=$lt" --data-urlencode "username=$1" \
		--data-urlencode "password=Losenord-for-$1" "$U/login"
}
login arkiv
login rita
same "the delivery page for the archivist" "200" "$(curl -s -b "$T/arkiv.jar" -o "$T/page" -w '%{http_code}' "$U/arkiv/leverans")"
grep -q "Tidigare leveranser" "$T/page" && grep -q "sip-kommun-ks-$year-0001" "$T/page" && pass "the page lists earlier deliveries" || fail "page list"
same "no delivery page for the registrar" "403" "$(curl -s -b "$T/rita.jar" -o /dev/null -w '%{http_code}' "$U/arkiv/leverans")"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/page" | head -1)
same "the page asks before delivering again" "409" "$(curl -s -b "$T/arkiv.jar" -o "$T/ui.confirm" -w '%{http_code}' \
	--data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode "arende=$big" --data-urlencode format=tar "$U/arkiv/leverans")"
grep -q "Leverera igen" "$T/ui.confirm" && grep -q "sip-kommun-sn-$year-0001-v3" "$T/ui.confirm" &&
	pass "the confirm step names the earlier package" || fail "confirm step"
same "download from the page once confirmed" "200 application/x-tar" "$(curl -s -b "$T/arkiv.jar" -o "$T/ui.tar" -w '%{http_code} %{content_type}' \
	--data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode "arende=$big" --data-urlencode format=tar --data-urlencode igen=1 "$U/arkiv/leverans")"
valid "$T/ui.tar" "the page's tar"
same "the page refuses an open case" "409" "$(curl -s -b "$T/arkiv.jar" -o "$T/ui.err" -w '%{http_code}' \
	--data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode "arende=$open" --data-urlencode format=zip "$U/arkiv/leverans")"
grep -q "Ärendet är inte avslutat" "$T/ui.err" && pass "the page says why" || fail "page 409 text"
curl -s -b "$T/arkiv.jar" "$U/arende?org=kommun&nr=$enc" >"$T/case"
grep -q "Ladda ned arkivpaket" "$T/case" && pass "a closed case offers the archivist a package" || fail "case button"
curl -s -b "$T/rita.jar" "$U/arende?org=kommun&nr=$enc" >"$T/case"
grep -q "Ladda ned arkivpaket" "$T/case" && fail "the registrar was offered a package" || pass "no package button for the registrar"
same "the temporary packages are gone" "" "$(find "$T" -path "$T/data" -prune -o -name 'export-*' -print)"

same "every delivery is logged" "14" "$(sql "SELECT count(*) FROM event WHERE action = 'export.sip'")"
ok "verify after the deliveries" k verify
