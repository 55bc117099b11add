#!/bin/sh
# t0035 — protected case titles (skyddad ärendemening). A social-services
# case whose title names its client carries a public title; a person in a
# series that masks persons, or a party masked by secrecy, is masked in the
# title where no public title is set; a file named after a masked party is
# shown by a neutral name. Every public surface (the registry as HTML, JSON
# and Atom, the request form, the notice board) and every reader without
# the right to the case's secrets (lasare) sees only the public rendering;
# a registrar sees the full title marked as protected, and that read is
# logged. Titles are set and corrected through the CLI, the web and the
# API, with old and new values in the log; `verify` checks them.
TEST_NAME=protected-title
. "$(dirname "$0")/lib.sh"

# j FILE EXPR: a value out of a JSON file (d is the document).
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
# Canary words: they stand only in full titles and masked names, so no
# public response may ever contain them; STAFF_CANARIES are those a lasare
# may not see either (parties masked by secrecy; a series' masking of
# persons is for the public registry only).
STAFF_CANARIES="Kanariefagel Hemlighetsdotter Pirolsson"
CANARIES="$STAFF_CANARIES Gransson Webbkanarie Apikanarie"

export KANSLI_NOW=2026-03-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series mask-persons SN on >/dev/null
for u in reg las; do echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null; done
k user grant reg registrator >/dev/null
k user grant las lasare >/dev/null
k token add reg robot --days 1 >"$T/token.reg"
k token add las robot --days 1 >"$T/token.las"

# --- the CLI: open with a public title, correct it, warnings ---
fails "a public title on two lines is refused" "public title is 1-500" \
	k case open --series SN --title "Försörjningsstöd" --public-title "$(printf 'a\nb')"
same "nothing was opened" "0" "$(sql "SELECT count(*) FROM case_file")"
c1=$(k --user reg case open --series SN --title "Försörjningsstöd Sven Kanariefagel" --public-title "Ansökan om försörjningsstöd")
same "the case is opened with its public title" "Ansökan om försörjningsstöd" "$(sql "SELECT public_title FROM case_file WHERE title LIKE '%Kanariefagel'")"
same "the opening event holds the public title" "Ansökan om försörjningsstöd" \
	"$(sql "SELECT json_extract(data, '\$.public_title') FROM event WHERE action = 'case.open'")"
k --user reg record add "$c1" --direction in --person "Sven Kanariefagel" --id 19121212-1212 --title "Ansökan" \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party >/dev/null 2>"$T/warn1"
same "a public title that does not name the party: no warning" "" "$(cat "$T/warn1")"

c2=$(k --user reg case open --series SN --title "Ansökan om bistånd Greta Gransson")
ok "a person in a masking series, named in the title, is registered" \
	k --user reg record add "$c2" --direction in --person "Greta Gransson" --title "Ansökan om bistånd"
grep -q "warning: the masked party 'Greta Gransson' is named in the title of case $c2" "$T/err" \
	&& grep -q "kansli case correct '$c2' --public-title" "$T/err" \
	&& pass "the registration warns and names the command that protects the title" || fail "warning: $(cat "$T/err")"

c3=$(k --user reg case open --series KS --title "Utredning om Ida Hemlighetsdotter")
printf 'ansökan\n' >"$T/Ansökan Ida Hemlighetsdotter.pdf"
printf 'bilaga\n' >"$T/Bilaga.txt"
ok "a party masked by secrecy, named in the title" \
	k --user reg record add "$c3" --direction in --person "Ida Hemlighetsdotter" --title "Ansökan" --secrecy partial \
	--legal-ground "OSL 26 kap. 1 §" --mask party --file "$T/Ansökan Ida Hemlighetsdotter.pdf" --file "$T/Bilaga.txt"
grep -q "warning: the masked party 'Ida Hemlighetsdotter'" "$T/err" && pass "a secret party in the title warns" \
	|| fail "secret party warning: $(cat "$T/err")"
c4=$(k --user reg case open --series KS --title "Bygglov Storgatan 1")
k --user reg record add "$c4" --direction in --organisation "Pirolsson Bygg AB" --title "Ansökan om bygglov" >/dev/null 2>"$T/warn4"
same "an organisation in a public case: no warning" "" "$(cat "$T/warn4")"
ok "an organisation's secret name is masked in the title too (correction)" \
	k --user reg case correct "$c4" --title "Bygglov Storgatan 1, Pirolsson Bygg AB" --reason "Sökandens namn"
k --user reg record correct "$c4-1" --secrecy partial --legal-ground "OSL 30 kap. 23 §" --mask party \
	--reason "Affärshemlighet" >/dev/null 2>"$T/warn5"
grep -q "masked party 'Pirolsson Bygg AB'" "$T/warn5" && pass "a correction that masks a named party warns" \
	|| fail "correction warning: $(cat "$T/warn5")"

fails "a correction needs a reason" "needs a reason" k --user reg case correct "$c2" --public-title "Ansökan om bistånd"
fails "a correction must change something" "nothing to correct" k --user reg case correct "$c2" --reason "x"
fails "a lasare may not correct" "may not register" k --user las case correct "$c2" --public-title "X" --reason "x"
same "the refused corrections changed nothing" "" "$(sql "SELECT coalesce(public_title, '') FROM case_file WHERE title LIKE '%Gransson'")"
ok "the registrar protects the title" k --user reg case correct "$c2" --public-title "Ansökan om bistånd" --reason "Namnet röjer sekretess"
sql "SELECT data FROM event WHERE action = 'case.correct' ORDER BY id DESC LIMIT 1" >"$T/ev"
same "the event holds the old and new values and the reason" \
	"Ansökan om bistånd Greta Gransson||Ansökan om bistånd Greta Gransson|Ansökan om bistånd|Namnet röjer sekretess" \
	"$(j "$T/ev" '"|".join([d["old_title"], d.get("old_public_title") or "", d["title"], d["public_title"], d["reason"]])')"
ok "the public title is removed again" k --user reg case correct "$c2" --public-title "" --reason "Prov"
same "no public title" "1" "$(sql "SELECT public_title IS NULL FROM case_file WHERE title LIKE '%Gransson'")"
ok "and set again" k --user reg case correct "$c2" --public-title "Ansökan om bistånd" --reason "Namnet röjer sekretess"

# --- reading: the entitled see the full title, logged; others the public one ---
before=$(sql "SELECT count(*) FROM event WHERE action = 'case.read_secret'")
k --user reg case show "$c1" --json >"$T/reg1"
same "a registrar sees the full title, marked protected, with its public title" \
	"Försörjningsstöd Sven Kanariefagel|True|Ansökan om försörjningsstöd" \
	"$(j "$T/reg1" '"|".join([d["title"], str(d["title_protected"]), d["public_title"]])')"
same "the read of the protected title is logged" "$((before + 1))" "$(sql "SELECT count(*) FROM event WHERE action = 'case.read_secret'")"
same "the event names the case" "$c1" "$(sql "SELECT json_extract(data, '\$.number') FROM event WHERE action = 'case.read_secret' ORDER BY id DESC LIMIT 1")"
k --user reg case show "$c4" --json >/dev/null
k --user reg case list --json >"$T/reglist"
grep -q "Kanariefagel" "$T/reglist" && pass "the registrar's case list has the full titles" || fail "registrar list"
same "each protected title listed is logged" "$((before + 2 + 4))" "$(sql "SELECT count(*) FROM event WHERE action = 'case.read_secret'")"
before=$(sql "SELECT count(*) FROM event WHERE action = 'case.read_secret'")
k --user las case show "$c1" --json >"$T/las1"
k --user las case show "$c3" --json >"$T/las3"
k --user las case list --json >"$T/laslist"
same "a lasare sees the public title, marked protected" "Ansökan om försörjningsstöd|True" \
	"$(j "$T/las1" '"|".join([d["title"], str(d["title_protected"])])')"
same "a lasare sees the secret party masked in the title" "Utredning om [maskerat]" "$(j "$T/las3" 'd["title"]')"
same "a lasare sees the file named after the masked party by a neutral name" "handling-1.pdf Bilaga.txt" \
	"$(j "$T/las3" '" ".join(f["name"] for f in d["records"][0]["files"])')"
same "nothing was logged for the lasare" "$before" "$(sql "SELECT count(*) FROM event WHERE action = 'case.read_secret'")"
k --user reg case show "$c3" --json >"$T/reg3"
same "the registrar sees the file's own name" "Ansökan Ida Hemlighetsdotter.pdf" "$(j "$T/reg3" 'd["records"][0]["files"][0]["name"]')"
ok "the file by its neutral name, for the lasare" k --user las record file "$c3-1" handling-1.pdf
fails "not by its own name, for the lasare" "no file named" k --user las record file "$c3-1" "Ansökan Ida Hemlighetsdotter.pdf"
ok "the registrar by its own name" k --user reg record file "$c3-1" "Ansökan Ida Hemlighetsdotter.pdf"
ok "and by the neutral name" k --user reg record file "$c3-1" handling-1.pdf
same "both name the same stored file" "$(k --user reg record file "$c3-1" handling-1.pdf)" "$(k --user las record file "$c3-1" handling-1.pdf)"
ok "a file without the name keeps it" k --user las record file "$c3-1" Bilaga.txt
for f in las1 las3 laslist; do
	for w in $STAFF_CANARIES; do grep -q "$w" "$T/$f" && fail "lasare $f shows $w"; done
done
pass "the lasare's case views and list hold no canary"

# --- meetings: the agenda carries the public rendering ---
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k meeting create --board KS --date 2026-03-16 --time 13:00 --place Sessionssalen >/dev/null
M=$(sql "SELECT max(id) FROM meeting")
ok "a protected case on the agenda" k meeting add "$M" --case "$c3"
same "its item carries the masked title" "Utredning om [maskerat]" "$(sql "SELECT title FROM agenda_item WHERE case_id = (SELECT id FROM case_file WHERE title LIKE '%Hemlighetsdotter')")"
ok "a public title set while the agenda is open" k --user reg case correct "$c3" --public-title "Utredning enligt SoL" --reason "Skydd"
same "the open agenda follows it" "Utredning enligt SoL" "$(sql "SELECT title FROM agenda_item WHERE case_id = (SELECT id FROM case_file WHERE title LIKE '%Hemlighetsdotter')")"
ok "the notice as PDF" k meeting notice "$M" --pdf "$T/notice.pdf"
pdftotext "$T/notice.pdf" "$T/notice.txt"
grep -q "Utredning enligt SoL" "$T/notice.txt" && pass "the notice shows the public title" || fail "notice: $(head -c 300 "$T/notice.txt")"
k meeting show "$M" --json >"$T/meeting" 2>/dev/null || k meeting show "$M" >"$T/meeting"
for w in $CANARIES; do grep -q "$w" "$T/notice.txt" "$T/meeting" && fail "meeting or notice shows $w"; done
pass "the agenda and the notice hold no canary"

# --- the web and the API ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

python3 - "$U" "$T" "$c1" "$c2" "$c3" "$c4" "$CANARIES" "$STAFF_CANARIES" <<'PY'
import http.cookiejar, json, re, sqlite3, sys, urllib.parse, urllib.request, urllib.error
base, tmp, c1, c2, c3, c4, canaries, staff_canaries = sys.argv[1:9]
canaries, staff_canaries = canaries.split(), staff_canaries.split()
db = sqlite3.connect(tmp + "/data/kansli.db", timeout=20)
failures = 0
def expect(name, ok, detail=""):
    global failures
    print(("PASS" if ok else "FAIL") + " protected-title: " + name + ("" if ok else " (%s)" % detail))
    failures += not ok

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def call(op, method, path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        r = op.open(req)
        return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)

def session(user):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = op.open(base + "/login").read().decode()
    tok = re.search(r'name="login_token" value="([0-9a-f]+)"', page).group(1)
    call(op, "POST", "/login", urllib.parse.urlencode({"login_token": tok, "username": user,
                                                       "password": "Losenord-for-" + user}).encode())
    home = op.open(base + "/").read().decode()
    return op, re.search(r'name="csrf" value="([0-9a-f]+)"', home).group(1)

def leaks(body, words=None):
    return [w for w in (words or canaries) if w in body]

q = urllib.parse.quote
anon = urllib.request.build_opener(NoRedirect)
slug = lambda n: n.replace(" ", "-").replace("/", "-")

# The public surfaces, every one; the public rendering is there, no canary.
public = ["/offentlig", "/offentlig/diarium?org=kommun", "/offentlig/data.json?org=kommun",
          "/offentlig/flode.atom?org=kommun", "/offentlig/diarium?org=kommun&serie=SN",
          "/offentlig/data.json?org=kommun&serie=KS", "/offentlig/begar?org=kommun",
          "/offentlig/begar?org=kommun&nr=" + q(c1 + "-1"), "/anslagstavla", "/anslagstavla/aktuellt?org=kommun",
          "/anslagstavla/arkiv?org=kommun", "/anslagstavla/flode.atom?org=kommun"]
seen = ""
for p in public:
    st, body, _ = call(anon, "GET", p)
    seen += body
    expect("public %s answers without a canary" % p, st in (200, 404) and not leaks(body), "%s %s" % (st, leaks(body)))
data = json.loads(call(anon, "GET", "/offentlig/data.json?org=kommun")[1])
titles = sorted(set(r["case_title"] for r in data["records"]))
expect("data.json shows the public titles and masked names",
       titles == sorted(["Ansökan om försörjningsstöd", "Ansökan om bistånd", "Utredning enligt SoL",
                         "Bygglov Storgatan 1, [maskerat]"]), titles)
# A public request names a record; the request's case shows nothing more.
st, body, _ = call(anon, "GET", "/offentlig/begar?org=kommun")
tok = re.search(r'name="token" value="([0-9a-f]+)"', body).group(1)
req = urllib.request.Request(base + "/offentlig/begar", method="POST", headers={"Cookie": "kansli_form=" + tok},
                             data=urllib.parse.urlencode({"token": tok, "org": "kommun", "nr": c1 + "-1",
                                                          "meddelande": "Jag vill se ansökan"}).encode())
try:
    r = anon.open(req); st, body = r.status, r.read().decode()
except urllib.error.HTTPError as e:
    st, body = e.code, e.read().decode()
expect("a public request for a protected case's record is received without a canary", st in (200, 201, 303) and not leaks(body),
       "%s %s" % (st, leaks(body)))

# The lasare: every page and API answer about the cases.
op, csrf = session("las")
las_token = open(tmp + "/token.las").read().strip()
api_las = {"Authorization": "Bearer " + las_token}
pages = ["/", "/arenden?org=kommun", "/handlingar?org=kommun", "/oversikt?org=kommun",
         "/sammantraden?org=kommun"] + ["/arende?org=kommun&nr=" + q(c) for c in (c1, c2, c3, c4)] + \
        ["/handling?org=kommun&nr=" + q(c + "-1") for c in (c1, c2, c3, c4)]
for p in pages:
    st, body, _ = call(op, "GET", p)
    expect("lasare %s without a canary" % p, st == 200 and not leaks(body, staff_canaries), "%s %s" % (st, leaks(body, staff_canaries)))
st, body, _ = call(op, "GET", "/arende?org=kommun&nr=" + q(c1))
expect("the lasare's case page shows the public title and says it is protected",
       "Ansökan om försörjningsstöd" in body and "Ärendemeningen är skyddad" in body)
st, body, _ = call(op, "GET", "/arende?org=kommun&nr=" + q(c3))
expect("the lasare's case page links the file by its neutral name", "handling-1.pdf" in body)
st, body, hdr = call(op, "GET", "/fil?org=kommun&nr=%s&namn=handling-1.pdf" % q(c3 + "-1"))
expect("the lasare downloads it by that name", st == 200 and body == "ansökan\n" and not leaks(json.dumps(hdr)),
       "%s %s" % (st, hdr.get("Content-Disposition")))
st, body, _ = call(op, "GET", "/fil?org=kommun&nr=%s&namn=%s" % (q(c3 + "-1"), q("Ansökan Ida Hemlighetsdotter.pdf")))
expect("but not by its own name (no confirmation of a guess)", st == 404, st)
for p in ["/cases?org=kommun"] + ["/cases/%s?org=kommun" % slug(c) for c in (c1, c2, c3, c4)] + \
         ["/records/%s-1?org=kommun" % slug(c3), "/records?org=kommun"]:
    st, body, _ = call(anon, "GET", "/api/v1" + p, headers=api_las)
    expect("lasare API %s without a canary" % p, st == 200 and not leaks(body, staff_canaries), "%s %s" % (st, leaks(body, staff_canaries)))
st, body, _ = call(anon, "GET", "/api/v1/records/%s-1/files/handling-1.pdf?org=kommun" % slug(c3), headers=api_las)
expect("API: the file by its neutral name", st == 200, st)
st, body, _ = call(anon, "GET", "/api/v1/records/%s-1/files/%s?org=kommun" % (slug(c3), q("Ansökan Ida Hemlighetsdotter.pdf")), headers=api_las)
expect("API: not by its own name", st == 404, st)
st, body, _ = call(op, "POST", "/arende", urllib.parse.urlencode({"csrf": csrf, "org": "kommun", "nr": c1, "atgard": "rubrik",
                   "offentlig_rubrik": "", "ingen_offentlig": "1", "skal": "Försök"}).encode())
n = db.execute("SELECT count(*) FROM case_file WHERE public_title IS NULL AND title LIKE '%Kanariefagel'").fetchone()[0]
expect("a lasare cannot lift the protection", st == 403 and n == 0, "%s %s" % (st, n))

# The registrar: the full title, marked, the read logged.
op, csrf = session("reg")
reads = db.execute("SELECT count(*) FROM event WHERE action = 'case.read_secret'").fetchone()[0]
st, body, _ = call(op, "GET", "/arende?org=kommun&nr=" + q(c1))
expect("the registrar's case page shows the full title, marked, with the public one",
       "Försörjningsstöd Sven Kanariefagel" in body and "Skyddad ärendemening" in body and "Ansökan om försörjningsstöd" in body)
expect("and the read is logged", db.execute("SELECT count(*) FROM event WHERE action = 'case.read_secret'").fetchone()[0] == reads + 1)

# The web registration form: a new case with a public title.
form = {"csrf": csrf, "org": "kommun", "arende": "", "ny_serie": "SN", "ny_rubrik": "Hemtjänst Webbkanarie Alm",
        "ny_offentlig_rubrik": "Hemtjänst", "riktning": "in", "rubrik": "Ansökan", "sekretess": "none"}
st, body, hdr = call(op, "POST", "/registrera", urllib.parse.urlencode(form).encode())
row = db.execute("SELECT public_title FROM case_file WHERE title = 'Hemtjänst Webbkanarie Alm'").fetchone()
expect("the web registration opens a case with its public title", st == 303 and row and row[0] == "Hemtjänst",
       "%s %s" % (st, row))
form = {"csrf": csrf, "org": "kommun", "arende": c3, "riktning": "in", "rubrik": "Komplettering", "sekretess": "partial",
        "lagrum": "OSL 26 kap. 1 §", "maskera": "party", "part_typ": "person", "part_namn": "Ida Hemlighetsdotter"}
st, body, hdr = call(op, "POST", "/registrera", urllib.parse.urlencode(form).encode())
expect("no warning when the public title does not name the party", st == 303 and "varning" not in hdr.get("Location", ""),
       "%s %s" % (st, hdr.get("Location")))
# A new case whose title names its masked party: the case page warns and offers the form.
form.update({"arende": "", "ny_serie": "SN", "ny_rubrik": "Placering Webbkanarie Ek", "part_namn": "Webbkanarie Ek"})
st, body, hdr = call(op, "POST", "/registrera", urllib.parse.urlencode(form).encode())
loc = hdr.get("Location", "")
expect("the registration of a masked party named in the title leads to a warning", st == 303 and "varning=rubrik" in loc,
       "%s %s" % (st, loc))
c5 = db.execute("SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) FROM case_file c "
                "JOIN series s ON s.id = c.series_id WHERE c.title LIKE 'Placering%'").fetchone()[0]
st, body, hdr = call(op, "GET", loc)
expect("the case page warns and links the form that protects the title",
       'href="#skydda-rubrik"' in body and 'id="skydda-rubrik"' in body and "Varning" in body)
st, body, hdr = call(op, "POST", "/arende", urllib.parse.urlencode({"csrf": csrf, "org": "kommun", "nr": c5, "atgard": "rubrik",
                   "rubrik": "", "offentlig_rubrik": "Placering enligt lag", "skal": "Skydd"}).encode())
row = db.execute("SELECT title, public_title FROM case_file WHERE title LIKE 'Placering%'").fetchone()
expect("the web form corrects the public title", st == 303 and row == ("Placering Webbkanarie Ek", "Placering enligt lag"), row)
st, body, hdr = call(op, "POST", "/arende", urllib.parse.urlencode({"csrf": csrf, "org": "kommun", "nr": c5, "atgard": "rubrik",
                   "rubrik": "", "offentlig_rubrik": "Ny", "skal": ""}).encode())
expect("without a reason: 4xx in Swedish and nothing changed", 400 <= st < 500 and
       db.execute("SELECT public_title FROM case_file WHERE title LIKE 'Placering%'").fetchone()[0] == "Placering enligt lag", st)

# The API: open with a public title, correct it, warnings on registration.
reg_token = open(tmp + "/token.reg").read().strip()
jh = {"Authorization": "Bearer " + reg_token, "Content-Type": "application/json"}
st, body, _ = call(anon, "POST", "/api/v1/cases?org=kommun", json.dumps({"series": "SN", "title": "Stöd Apikanarie",
                   "public_title": "Stöd enligt SoL"}).encode(), jh)
c6 = json.loads(body).get("number", "") if st == 201 else ""
expect("API: a case opened with its public title", st == 201 and
       db.execute("SELECT public_title FROM case_file WHERE title = 'Stöd Apikanarie'").fetchone()[0] == "Stöd enligt SoL", (st, body))
st, body, _ = call(anon, "POST", "/api/v1/records?org=kommun", json.dumps({"case": c6, "direction": "in", "title": "Ansökan",
                   "party": {"kind": "person", "name": "Apikanarie"}}).encode(), jh)
expect("API: no warning while the public title hides the name", st == 201 and "warnings" not in json.loads(body), body)
st, body, _ = call(anon, "POST", "/api/v1/cases/%s/changes?org=kommun" % slug(c6), json.dumps({"public_title": None,
                   "reason": "Prov"}).encode(), jh)
expect("API: the public title removed", st == 200 and
       db.execute("SELECT public_title IS NULL FROM case_file WHERE title = 'Stöd Apikanarie'").fetchone()[0] == 1, (st, body))
st, body, _ = call(anon, "POST", "/api/v1/records?org=kommun", json.dumps({"case": c6, "direction": "in", "title": "Komplettering",
                   "party": {"kind": "person", "name": "Apikanarie"}}).encode(), jh)
w = json.loads(body).get("warnings", []) if st == 201 else []
expect("API: the registration warns in \"warnings\"", len(w) == 1 and "Apikanarie" in w[0] and c6 in w[0], body)
st, body, _ = call(anon, "POST", "/api/v1/cases/%s/changes?org=kommun" % slug(c6), json.dumps({"public_title": "Stöd enligt SoL"}).encode(), jh)
expect("API: a correction without a reason is 4xx", 400 <= st < 500 and "reason" in body, (st, body))
st, body, _ = call(anon, "POST", "/api/v1/cases/%s/changes?org=kommun" % slug(c6), json.dumps({"public_title": "Stöd enligt SoL",
                   "reason": "Skydd"}).encode(), jh)
expect("API: the public title set again", st == 200 and json.loads(body).get("title_protected") is True, (st, body))
st, body, _ = call(anon, "POST", "/api/v1/cases/%s/changes?org=kommun" % slug(c6), json.dumps({"public_title": "Stöd enligt SoL",
                   "reason": "Prov"}).encode(), {"Authorization": "Bearer " + las_token, "Content-Type": "application/json"})
expect("API: a lasare may not correct", st == 403, st)

# Everything public again, after all the changes: still no canary.
for p in public:
    st, body, _ = call(anon, "GET", p)
    expect("finally, public %s without a canary" % p, not leaks(body), leaks(body))
sys.exit(1 if failures else 0)
PY

# --- the log: verify checks the titles against their events ---
ok "verify accepts corrected titles" k verify
sql "UPDATE case_file SET public_title = NULL WHERE title LIKE '%Kanariefagel'"
fails "verify finds a public title removed behind the log's back" "public title differs" k verify
