#!/bin/sh
# t0025 — the managers' overview: a municipality's two committees (KS and
# BUN) and two units open, decide and close cases through 2025 and 2026 on
# known dates; on 2026-12-01 the manager sees how many each opened, closed
# and decided, how many are open and overdue, the records in/out/internal
# (a secret one counted, nothing of it shown), the median and 90th-percentile
# handling times, the months beside 2025 — the same figures from the CLI,
# the API, the page and its CSV. Another organisation's cases never count;
# a user without a role in the organisation gets 403.
TEST_NAME=overview
. "$(dirname "$0")/lib.sh"

at() { d=$1; shift; KANSLI_NOW=$d "$KANSLI" "$@"; }

export KANSLI_NOW=2025-01-02
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommunen" >/dev/null
k org add annan "Annan kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k series add --org kommun BUN "Barn- och utbildningsnämnden" >/dev/null
k series add --org annan KS "Annans kommunstyrelse" >/dev/null
k unit add --org kommun SBF "Samhällsbyggnadsförvaltningen" >/dev/null
k unit add --org kommun UTB "Utbildningsförvaltningen" >/dev/null
echo "Losenord-for-hanna" | k user add hanna "Hanna Handläggare" --password-stdin >/dev/null
k user grant hanna handlaggare --org kommun >/dev/null
echo "Losenord-for-chefen" | k user add chefen "Chefen Ledning" --password-stdin >/dev/null
k user grant chefen lasare --org kommun >/dev/null
echo "Losenord-for-utan" | k user add utan "Utan Roll här" --password-stdin >/dev/null
k user grant utan lasare --org annan >/dev/null

# In the order things happened (the log only grows).
K="--org kommun"
at 2025-05-05 case open $K --series BUN --title "Skolskjuts Åby" --unit UTB >/dev/null          # BUN 2025/0001
at 2025-05-05 record add $K "BUN 2025/0001" --direction in --title "Ansökan" >/dev/null
at 2025-08-03 case close $K "BUN 2025/0001" >/dev/null                                          # 90 days
at 2025-12-15 case open $K --series KS --title "Budget 2026" --unit SBF >/dev/null              # KS 2025/0001
at 2025-12-15 record add $K "KS 2025/0001" --direction in --title "Förslag" >/dev/null
at 2026-01-10 case open $K --series KS --title "Översiktsplan" --unit SBF >/dev/null            # KS 2026/0001
at 2026-01-10 record add $K "KS 2026/0001" --direction in --title "Skrivelse" >/dev/null
at 2026-01-10 record add $K "KS 2025/0001" --direction out --title "Svar" --date 2026-01-10 >/dev/null
at 2026-01-14 case close $K "KS 2025/0001" >/dev/null                                           # 30 days, in 2026
at 2026-02-01 record add $K "KS 2026/0001" --direction out --title "Remiss" >/dev/null
at 2026-02-09 case close $K "KS 2026/0001" >/dev/null                                           # 30 days
at 2026-03-01 case open $K --series KS --title "Ny förskola" --unit SBF >/dev/null              # KS 2026/0002
at 2026-03-05 record add $K "KS 2026/0002" --direction in --title "Yttrande" >/dev/null
at 2026-03-05 record add $K "KS 2026/0002" --direction internal --title "Utredning om en enskild" \
	--person "Karin Hemlig" --secrecy full --legal-ground "OSL 26 kap. 1 §" >/dev/null
at 2026-03-15 case decide $K "KS 2026/0002" >/dev/null
at 2026-03-20 case open $K --series KS --title "Medborgarförslag om parkbänkar" --unit SBF --officer hanna \
	--due 2026-11-01 >/dev/null                                                                     # KS 2026/0003
at 2026-04-10 case close $K "KS 2026/0002" >/dev/null                                           # 40 days
at 2026-06-01 case open $K --series BUN --title "Skolval" --unit UTB >/dev/null                 # BUN 2026/0001
at 2026-06-01 record add $K "BUN 2026/0001" --direction in --title "Ansökan om skolbyte" >/dev/null
at 2026-06-11 case close $K "BUN 2026/0001" >/dev/null                                          # 10 days
at 2026-06-15 case open $K --series BUN --title "Lokalbehov" --unit UTB --due 2026-11-21 >/dev/null # BUN 2026/0002
at 2026-10-05 case open $K --series BUN --title "Läsårstider" --due 2026-12-10 >/dev/null      # BUN 2026/0003, no unit
at 2026-11-25 case decide $K "BUN 2026/0002" >/dev/null
# The other organisation: never counted in kommun's figures.
at 2026-02-02 case open --org annan --series KS --title "Annat ärende" --due 2026-03-01 >/dev/null
at 2026-02-02 record add --org annan "KS 2026/0001" --direction in --title "Brev" >/dev/null
at 2026-02-03 case close --org annan "KS 2026/0001" >/dev/null
at 2026-02-04 case open --org annan --series KS --title "Annat försenat" --due 2026-03-01 >/dev/null
[ "$(sql "SELECT count(*) FROM case_file")" = 10 ] && pass "the registry is built" || fail "setup ($(sql "SELECT count(*) FROM case_file") cases)"

export KANSLI_NOW=2026-12-01
k token add chefen robot --days 30 >"$T/token.chefen"
k token add utan robot --days 30 >"$T/token.utan"
ok "overview from the shell" k overview --org kommun --json
cp "$T/out" "$T/cli.json"
# check FILE EXPR EXPECTED: a figure of the overview in FILE.
check() {
	got=$(python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
S = {s["prefix"]: s for s in v["series"]}
U = {u["code"]: u for u in v["units"]}
M = v["months"]
print(eval(sys.argv[2]))' "$1" "$2" 2>&1)
	same "$3: $2" "$4" "$got"
}
F=$T/cli.json
check $F 'v["year"], v["today"], v["year_complete"]' cli "(2026, '2026-12-01', False)"
check $F '[S["KS"][k] for k in ("opened","closed","decided","open_now","open_at_year_end","overdue")]' cli "[3, 3, 1, 1, None, 1]"
check $F '[S["KS"][k] for k in ("records_in","records_out","records_internal","median_days","p90_days")]' cli "[2, 2, 1, 30.0, 38.0]"
check $F '[S["BUN"][k] for k in ("opened","closed","decided","open_now","overdue","records_in","median_days","p90_days")]' cli "[3, 1, 1, 2, 1, 1, 10.0, 10.0]"
check $F '[v["total"][k] for k in ("opened","closed","decided","open_now","overdue","records_in","records_out","records_internal")]' cli "[6, 4, 2, 3, 2, 3, 2, 1]"
check $F '(v["total"]["median_days"], v["total"]["p90_days"])' cli "(30.0, 37.0)"
check $F '[(u["code"], u["opened"], u["closed"], u["open_now"], u["overdue"]) for u in v["units"]]' cli \
	"[('SBF', 3, 3, 1, 1), ('UTB', 2, 1, 1, 1), (None, 1, 0, 1, 0)]"
check $F '(U["SBF"]["median_days"], U["SBF"]["p90_days"], U["UTB"]["decided"], U["UTB"]["records_in"])' cli "(30.0, 38.0, 1, 1)"
check $F '[m["opened"] for m in M]' cli "[1, 0, 2, 0, 0, 2, 0, 0, 0, 1, 0, 0]"
check $F '[m["closed"] for m in M]' cli "[1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]"
check $F '[m["previous_opened"] for m in M]' cli "[0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]"
check $F '[m["previous_closed"] for m in M]' cli "[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]"
check $F '[v["previous_year"][k] for k in ("year","opened","closed","decided","records_in","records_out","median_days","p90_days")]' cli \
	"[2025, 2, 1, 0, 2, 0, 90.0, 90.0]"
check $F '"open_now" in v["previous_year"]' cli "False"
check $F '[(c["number"], c["title"], c["officer"], c["unit"], c["due_date"], c["days_overdue"]) for c in v["overdue_cases"]]' cli \
	"[('KS 2026/0003', 'Medborgarförslag om parkbänkar', 'hanna', 'SBF', '2026-11-01', 30), ('BUN 2026/0002', 'Lokalbehov', None, 'UTB', '2026-11-21', 10)]"
grep -q "Karin\|Utredning om en enskild\|Annat\|Annan" "$F" && fail "the overview shows a secret record or another organisation" \
	|| pass "nothing of the secret record or the other organisation shows"

ok "the year 2025" k overview --org kommun --year 2025 --json
cp "$T/out" "$T/cli2025.json"
check "$T/cli2025.json" '[v["total"][k] for k in ("opened","closed","open_at_year_end","median_days")], v["year_complete"]' cli \
	"([2, 1, 1, 90.0], True)"
check "$T/cli2025.json" '(S["KS"]["open_at_year_end"], S["BUN"]["open_at_year_end"], v["previous_year"]["opened"])' cli "(1, 0, 0)"
ok "the other organisation's own overview" k overview --org annan --json
check "$T/out" '[v["total"][k] for k in ("opened","closed","open_now","overdue","records_in")]' cli "[2, 1, 1, 1, 1]"
ok "readable text" k overview --org kommun
grep -q "^KS Kommunstyrelsen  *3  *3  *1  *1  *-  *1  *2  *2  *1  *30.0  *38.0$" "$T/out" && pass "text row of KS" \
	|| fail "text row of KS ($(grep '^KS' "$T/out"))"
grep -q "KS 2026/0003  *30 days  due 2026-11-01" "$T/out" && pass "text lists the overdue case" || fail "overdue text"

before=$(sql "SELECT count(*) FROM event")
fails "a year not yet begun" "outside 1901..2026" k overview --org kommun --year 2027
fails "a year that is no number" "must be a number" k overview --org kommun --year 20x6
fails "a user without a role in the organisation" "may not read" env KANSLI_USER=utan "$KANSLI" overview --org kommun
same "the overview writes nothing" "$before" "$(sql "SELECT count(*) FROM event")"

# ---- the web ----
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

same "API overview" "200" "$(code -H "Authorization: Bearer $(cat "$T/token.chefen")" "$U/api/v1/overview?org=kommun&year=2026")"
python3 -c '
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
sys.exit(0 if a == b else 1)' "$T/body" "$T/cli.json" && pass "the API gives the CLI's figures" || fail "API differs from CLI"
same "API default year is this year" "200" "$(code -H "Authorization: Bearer $(cat "$T/token.chefen")" "$U/api/v1/overview?org=kommun")"
check "$T/body" 'v["year"], v["total"]["opened"]' api "(2026, 6)"
same "API: bad year" "400" "$(code -H "Authorization: Bearer $(cat "$T/token.chefen")" "$U/api/v1/overview?org=kommun&year=soon")"
grep -q '"error"' "$T/body" && pass "API error body" || fail "API error body"
same "API: future year" "422" "$(code -H "Authorization: Bearer $(cat "$T/token.chefen")" "$U/api/v1/overview?org=kommun&year=2030")"
same "API: no role in the organisation" "403" "$(code -H "Authorization: Bearer $(cat "$T/token.utan")" "$U/api/v1/overview?org=kommun")"

login() {
	curl -s -c "$1" -b "$1" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	curl -s -c "$1" -b "$1" -o /dev/null -w '%{http_code}' --data-urlencode "login_token=$tok" \
		--data-urlencode "username=$2" --data-urlencode "password=$3" "$U/login"
}
same "login chefen" "303" "$(login "$T/chefen" chefen Losenord-for-chefen)"
same "login utan" "303" "$(login "$T/utan" utan Losenord-for-utan)"
same "the overview page" "200" "$(code -b "$T/chefen" "$U/oversikt?org=kommun&ar=2026")"
cp "$T/body" "$T/page.html"
grep -q 'href="/arende?org=kommun&amp;nr=' "$T/page.html" && ! grep -q 'href="//' "$T/page.html" &&
	pass "overdue cases link to their case pages" || fail "case links: $(grep -o 'href="[^"]*nr=[^"]*"' "$T/page.html" | head -2)"
grep -q 'href="/oversikt?org=kommun">Översikt</a>' "$T/page.html" && pass "the staff navigation links the overview" \
	|| fail "navigation link"
grep -qi ' style=\|<script' "$T/page.html" && fail "inline style or script on the page" || pass "no inline style or script"
python3 - "$T/page.html" <<'PY' && pass "the page's tables and charts show the figures" || fail "page figures"
import sys
from html.parser import HTMLParser
class Page(HTMLParser):
    """Tables (caption -> rows of [th, td...]), SVG charts, texts by id."""
    def __init__(self):
        super().__init__()
        self.tables, self.svgs, self.ids, self.text = {}, [], {}, []
        self.cell = self.row = self.caption = None
        self.open_ids = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.open_ids.append((tag, a["id"], len(self.text)))
        if tag == "table":
            self.rows = []
        elif tag == "caption":
            self.caption = ""
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.cell = [tag, a.get("scope"), ""]
        elif tag == "svg":
            self.svgs.append({"attrs": a, "rects": []})
        elif tag == "rect" and self.svgs:
            self.svgs[-1]["rects"].append(a.get("class"))
    def handle_endtag(self, tag):
        if self.open_ids and self.open_ids[-1][0] == tag:
            t, i, at = self.open_ids.pop()
            self.ids[i] = "".join(self.text[at:])
        if tag == "caption":
            self.cap, self.caption = self.caption, None
        elif tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.tables[self.cap] = self.rows
    def handle_data(self, d):
        self.text.append(d)
        if self.caption is not None:
            self.caption += d
        if self.cell is not None:
            self.cell[2] += d
src = open(sys.argv[1], encoding="utf-8").read()
doc = Page()
doc.feed(src)
def table(caption):
    if caption not in doc.tables:
        sys.exit("no table " + caption)
    return {r[0][2]: [c[2] for c in r[1:]] for r in doc.tables[caption] if r and r[0][0] == "th" and r[0][1] == "row"}
def want(got, exp, what):
    if got != exp:
        sys.exit("%s: expected %r, got %r" % (what, exp, got))
s = table("Ärenden och handlingar per diarieserie 2026")
want(s["KS Kommunstyrelsen"], ["3", "3", "1", "1", "1", "2", "2", "1", "30,0", "38,0"], "KS row")
want(s["BUN Barn- och utbildningsnämnden"], ["3", "1", "1", "2", "1", "1", "0", "0", "10,0", "10,0"], "BUN row")
want(s["Hela organisationen"], ["6", "4", "2", "3", "2", "3", "2", "1", "30,0", "37,0"], "total row")
u = table("Ärenden och handlingar per enhet 2026")
want(sorted(u), ["Hela organisationen", "SBF Samhällsbyggnadsförvaltningen", "UTB Utbildningsförvaltningen", "Utan enhet"], "unit rows")
want(u["Utan enhet"][:5], ["1", "0", "0", "1", "0"], "no-unit row")
c = table("Hela organisationen 2026 jämfört med 2025")
want(c["Öppnade"], ["6", "2"], "compare opened")
want(c["Median, dagar"], ["30,0", "90,0"], "compare median")
m = table("Öppnade och avslutade ärenden per månad 2026 och 2025")
want(m["mars"], ["2", "0", "0", "0"], "March")
want(m["maj"], ["0", "0", "1", "0"], "May")
want(m["augusti"], ["0", "0", "0", "1"], "August")
o = [[c[2] for c in r] for r in doc.tables["De mest försenade ärendena"] if r and r[0][0] == "td"]
want(o, [["KS 2026/0003", "Medborgarförslag om parkbänkar", "hanna", "SBF", "2026-11-01", "30"],
         ["BUN 2026/0002", "Lokalbehov", "–", "UTB", "2026-11-21", "10"]], "overdue table")
svgs = [v for v in doc.svgs if v["attrs"].get("role") == "img"]
want(len(svgs), 2, "charts")
for svg in svgs:
    for i in svg["attrs"]["aria-labelledby"].split():
        if not doc.ids.get(i):
            sys.exit("chart label id " + i)
    want(svg["rects"].count("bar-now"), 12, "bars this year")
desc = doc.ids["diagram-oppnade-d"]
if "mars: 2 (2025: 0)" not in desc or "december: 0 (2025: 1)" not in desc:
    sys.exit("chart text alternative: " + desc)
if "Karin" in src or "Annat" in src:
    sys.exit("secret or foreign data shown")
PY
same "the 2025 page" "200" "$(code -b "$T/chefen" "$U/oversikt?org=kommun&ar=2025")"
grep -q '<th scope="col">Öppna vid årets slut</th>' "$T/body" && pass "a past year shows the open cases at its end" \
	|| fail "year-end column"
same "CSV export" "200" "$(code -D "$T/h" -b "$T/chefen" "$U/oversikt?org=kommun&ar=2026&format=csv")"
grep -qi '^content-type: text/csv' "$T/h" && pass "CSV content type" || fail "CSV content type"
python3 - "$T/body" <<'PY' && pass "the CSV has the figures" || fail "CSV figures"
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="utf-8-sig").read()), delimiter=";"))
head = rows[0]
by = {(r[0], r[1], r[3]): dict(zip(head, r)) for r in rows[1:]}
ks = by[("Diarieserie", "KS", "2026")]
assert (ks["Öppnade"], ks["Avslutade"], ks["Beslutade"], ks["Öppna nu"], ks["Försenade nu"]) == ("3", "3", "1", "1", "1"), ks
assert ks["90:e percentil, dagar"] == "38,0" and ks["Öppna vid årets slut"] == "", ks
assert by[("Enhet", "", "2026")]["Namn"] == "Utan enhet"
assert by[("Totalt", "", "2025")]["Median, dagar"] == "90,0"
assert by[("Månad", "2026-03", "2026")]["Öppnade"] == "2" and by[("Månad", "2025-08", "2025")]["Avslutade"] == "1"
PY
same "page: bad year" "400" "$(code -b "$T/chefen" "$U/oversikt?org=kommun&ar=tjugo")"
grep -q "fyra siffror" "$T/body" && pass "bad year explained in Swedish" || fail "bad year text"
same "page: future year" "422" "$(code -b "$T/chefen" "$U/oversikt?org=kommun&ar=2031")"
same "page: no role in the organisation" "403" "$(code -b "$T/utan" "$U/oversikt?org=kommun")"
same "CSV: no role in the organisation" "403" "$(code -b "$T/utan" "$U/oversikt?org=kommun&format=csv")"
same "the other organisation's page for its reader" "200" "$(code -b "$T/utan" "$U/oversikt?org=annan")"
grep -q "Parkbänkar\|parkbänkar\|Lokalbehov" "$T/body" && fail "kommun's cases on annan's page" || pass "annan's page has only its own cases"
same "not logged in: to the login page" "303" "$(code "$U/oversikt?org=kommun")"
ok "verify" k verify
