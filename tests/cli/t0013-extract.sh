#!/bin/sh
# t0013 — text out of files for search: plain text, HTML, PDF, DOCX, ODT and
# e-mail with an attachment are found by their words; truncated, zip-bomb
# and malformed files end as "could not extract" without harm.
TEST_NAME=extract
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Inkomna dokument")
python3 - "$T" <<'PY'
import sys, zipfile, email.message
d = sys.argv[1]
open(d + "/brev.txt", "w").write("Hej! Frågan gäller kattungar i Rävgården.\n")
open(d + "/sida.html", "w").write("<html><head><title>x</title><script>var dolt='skriptord';</script></head>"
                                  "<body><p>Meddelande om <b>flaggstänger</b> vid torget.</p></body></html>")
def pdf(text):
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>", None,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = "BT /F1 12 Tf 20 100 Td (%s) Tj ET" % text
    objs[3] = "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    out, offs = "%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out)); out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    x = len(out)
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs: out += "%010d 00000 n \n" % o
    out += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return out.encode("latin-1")
open(d + "/beslut.pdf", "wb").write(pdf("Beslut om snoskottning av gangbanor"))
open(d + "/trasig.pdf", "wb").write(pdf("Trasig")[:120])
with zipfile.ZipFile(d + "/yttrande.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Yttrande om cykelvägar längs ån</w:t></w:r></w:p></w:body></w:document>')
with zipfile.ZipFile(d + "/protokoll.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Protokoll om badplatser</text:p></office:text></office:body></office:document-content>')
with zipfile.ZipFile(d + "/bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="x"><w:t>' + "A" * (200 * 1024 * 1024) + "</w:t></w:document>")
with zipfile.ZipFile(d + "/felaktig.odt", "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
    z.writestr("content.xml", '<?xml version="1.0"?><office:document-content><text:p>ofullständig')
m = email.message.EmailMessage()
m["Subject"] = "Synpunkt på parkeringsavgifter"
m["From"] = "medborgare@example.org"
m.set_content("Jag har synpunkter på parkeringen.")
m.add_attachment(open(d + "/brev.txt", "rb").read().replace(b"kattungar", b"igelkottar"), maintype="text",
                 subtype="plain", filename="bilaga.txt")
open(d + "/synpunkt.eml", "wb").write(bytes(m))
PY
for f in brev.txt sida.html beslut.pdf yttrande.docx protokoll.odt synpunkt.eml trasig.pdf bomb.docx felaktig.odt; do
	k record add "$c" --direction in --title "Dokument $f" --file "$T/$f" >/dev/null || fail "register $f"
done
ok "reindex extracts and indexes" k reindex
hit() { k search "$1" --json | python3 -c 'import json,sys; print(" ".join(h["title"] for h in json.load(sys.stdin)))'; }
same "plain text" "Dokument brev.txt" "$(hit kattungar)"
same "HTML text, not its script" "Dokument sida.html" "$(hit flaggstänger)"
same "HTML script is not text" "" "$(hit skriptord)"
same "PDF" "Dokument beslut.pdf" "$(hit snoskottning)"
same "DOCX" "Dokument yttrande.docx" "$(hit cykelvägar)"
same "ODT" "Dokument protokoll.odt" "$(hit badplatser)"
same "e-mail subject" "Dokument synpunkt.eml" "$(hit parkeringsavgifter)"
same "e-mail attachment" "Dokument synpunkt.eml" "$(hit igelkottar)"
same "truncated, zip bomb and malformed files: could not extract" "3" \
	"$(sql "SELECT count(*) FROM file_text WHERE ok = 0")"
same "the zip bomb's text was never unpacked into the index" "" "$(hit AAAAAAAAAA)"
same "nothing left in the queue" "0" "$(sql "SELECT count(*) FROM index_queue")"
ok "verify" k verify
