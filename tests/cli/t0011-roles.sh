#!/bin/sh
# t0011 — role by route: every route of the web application and the API,
# asked by every role, about its own organisation's objects and another
# organisation's. The expected answers come from the policy written here,
# not from the code under test.
TEST_NAME=roles
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
for o in alby bro; do
	k org add "$o" "Kommun $o" >/dev/null
	k series add --org "$o" KS "Kommunstyrelsen" >/dev/null
	k class add --org "$o" 1.1 "Styrning" >/dev/null
done
printf 'hemligt\n' >"$T/s.txt"
for o in alby bro; do
	k case open --org "$o" --series KS --title "Ärende i $o" --opened 2026-01-02 >/dev/null
	k record add --org "$o" "KS 2026/0001" --direction in --title "Öppen handling" >/dev/null
	k record add --org "$o" "KS 2026/0001" --direction in --title "Hemlig handling" --person "Karin Hemlig" \
		--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party,files --file "$T/s.txt" >/dev/null
done
for o in alby bro; do
	k board add --org "$o" KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
	k meeting create --org "$o" --board KS --date 2030-01-15 --time 13:00 --place Sessionssalen >/dev/null
done
k org add cedl "Kommun utan ärenden" >/dev/null
for role in administrator registrator handlaggare namndsekreterare arkivarie lasare; do
	echo "Losenord-$role-x" | k user add "u_$role" "Användare $role" --password-stdin >/dev/null
	k user grant "u_$role" "$role" --org alby >/dev/null
	k token add "u_$role" robot --days 1 >"$T/token.$role"
done
echo "Losenord-none-xx" | k user add u_none "Utan roll" --password-stdin >/dev/null
k user grant u_none lasare --org cedl >/dev/null
k token add u_none robot --days 1 >"$T/token.none"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

python3 - "http://127.0.0.1:$port" "$T" <<'PY'
import http.cookiejar, json, re, sys, urllib.parse, urllib.request, urllib.error
base, tmp = sys.argv[1], sys.argv[2]
ROLES = ["administrator", "registrator", "handlaggare", "namndsekreterare", "arkivarie", "lasare", "none"]
# The policy, as DOMAIN.md and the issue describe it.
READ = set(ROLES) - {"none"}
SECRET = {"registrator", "handlaggare", "arkivarie"}
REGISTER = {"registrator", "handlaggare", "namndsekreterare"}
CASEWORK = REGISTER
ADMIN = {"administrator"}
MEETING = {"registrator", "namndsekreterare"}
ARCHIVE = {"arkivarie"}

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def session(role):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = op.open(base + "/login").read().decode()
    tok = re.search(r'name="login_token" value="([0-9a-f]+)"', page).group(1)
    pw = "Losenord-%s-x" % role if role != "none" else "Losenord-none-xx"
    try:
        op.open(base + "/login", urllib.parse.urlencode({"login_token": tok, "username": "u_" + role, "password": pw}).encode())
    except urllib.error.HTTPError as e:
        assert e.code == 303, e.code
    try:
        home = op.open(base + "/").read().decode()
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', home).group(1)
    except urllib.error.HTTPError as e:  # no organisation: no start page, but a session
        body = e.read().decode()
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', body)
        csrf = m.group(1) if m else ""
    return op, csrf

def call(op, method, path, data=None, headers=None):
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        r = op.open(req)
        return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")

q = urllib.parse.quote
failures = 0
def expect(name, got, want):
    global failures
    ok = got in want if isinstance(want, (set, tuple)) else got == want
    print(("PASS" if ok else "FAIL") + " roles: %s%s" % (name, "" if ok else " (got %s, want %s)" % (got, want)))
    failures += not ok

for role in ROLES:
    op, csrf = session(role)
    token = open(tmp + "/token." + role).read().strip()
    api = {"Authorization": "Bearer " + token}
    jh = dict(api, **{"Content-Type": "application/json"})
    for org, own in (("alby", True), ("bro", False)):
        may = lambda s: own and role in s
        r = "%s/%s" % (role, org)
        expect(r + " GET case list", call(op, "GET", "/arenden?org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET case list CSV", call(op, "GET", "/arenden?format=csv&org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET case", call(op, "GET", "/arende?org=%s&nr=%s" % (org, q("KS 2026/0001")))[0], 200 if may(READ) else 403)
        st, body = call(op, "GET", "/handling?org=%s&nr=%s" % (org, q("KS 2026/0001-2")))
        expect(r + " GET secret record", st, 200 if may(READ) else 403)
        if st == 200:
            expect(r + " secret party shown only with the right", "Karin Hemlig" in body, may(SECRET))
        st, body = call(op, "GET", "/fil?org=%s&nr=%s&namn=s.txt" % (org, q("KS 2026/0001-2")))
        expect(r + " GET secret file", st, 200 if may(SECRET) else 403)
        expect(r + " GET register form", call(op, "GET", "/registrera?org=" + org)[0], 200 if may(READ) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "arende": "KS 2026/0001", "riktning": "in", "rubrik": "Ny handling"}).encode()
        expect(r + " POST register", call(op, "POST", "/registrera", form)[0], 303 if may(REGISTER) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "nr": "KS 2026/0001", "atgard": "bevaka", "bevakning": "2027-01-01"}).encode()
        expect(r + " POST case change", call(op, "POST", "/arende", form)[0], 303 if may(CASEWORK) else 403)
        expect(r + " GET admin", call(op, "GET", "/admin?org=" + org)[0], 200 if may(ADMIN) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "vad": "enhet", "kod": "E" + role[:3], "namn": "Enhet"}).encode()
        expect(r + " POST admin", call(op, "POST", "/admin", form)[0], 303 if may(ADMIN) else 403)
        mid = "1" if org == "alby" else "2"
        expect(r + " GET boards", call(op, "GET", "/namnder?org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET meetings", call(op, "GET", "/sammantraden?org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET meeting", call(op, "GET", "/sammantrade?org=%s&id=%s" % (org, mid))[0], 200 if may(READ) else 403)
        expect(r + " GET notice PDF", call(op, "GET", "/sammantrade/kallelse.pdf?org=%s&id=%s" % (org, mid))[0], 200 if may(READ) else 403)
        expect(r + " GET delegated decisions", call(op, "GET", "/delegationsbeslut?org=" + org)[0], 200 if may(READ) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "namnd", "kod": "B" + role[:3].upper(), "namn": "Utskott", "typ": "utskott", "serie": "KS"}).encode()
        expect(r + " POST board", call(op, "POST", "/namnder", form)[0], 303 if may(MEETING) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "planera", "namnd": "KS", "datum": "2030-02-01", "tid": "09:00", "plats": "Salen"}).encode()
        expect(r + " POST meeting", call(op, "POST", "/sammantraden", form)[0], 303 if may(MEETING) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "id": mid, "atgard": "staende", "rubrik": "Information"}).encode()
        expect(r + " POST agenda item", call(op, "POST", "/sammantrade", form)[0], 303 if may(MEETING) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "arende": "KS 2026/0001", "namnd": "KS", "punkt": "1.1", "av": "Tjänsteman", "beslut": "Beslut"}).encode()
        expect(r + " POST delegated decision", call(op, "POST", "/delegationsbeslut", form)[0], 303 if may(CASEWORK) else 403)
        expect(r + " API boards", call(op, "GET", "/api/v1/boards?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        expect(r + " API meeting", call(op, "GET", "/api/v1/meetings/%s?org=%s" % (mid, org), headers=api)[0], 200 if may(READ) else 403)
        body = json.dumps({"standing": "Via API"}).encode()
        expect(r + " API agenda item", call(op, "POST", "/api/v1/meetings/%s/items?org=%s" % (mid, org), body, jh)[0], 201 if may(MEETING) else 403)
        expect(r + " API delegations", call(op, "GET", "/api/v1/delegations?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        expect(r + " GET notice board page", call(op, "GET", "/anslag?org=" + org)[0], 200 if may(MEETING) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "ny", "typ": "other", "organ": "Kommunstyrelsen", "rubrik": "Anslag av " + role}).encode()
        expect(r + " POST notice", call(op, "POST", "/anslag", form)[0], 303 if may(MEETING) else 403)
        expect(r + " GET public notice board", call(op, "GET", "/anslagstavla/aktuellt?org=" + org)[0], 200)
        expect(r + " GET e-archive delivery", call(op, "GET", "/arkiv/leverans?org=" + org)[0], 200 if may(ARCHIVE) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "arende": "KS 2026/0001", "format": "zip"}).encode()
        expect(r + " POST e-archive delivery of an open case", call(op, "POST", "/arkiv/leverans", form)[0], 409 if may(ARCHIVE) else 403)
        expect(r + " GET archive", call(op, "GET", "/arkiv?org=" + org)[0], 200 if may(ARCHIVE) else 403)
        expect(r + " GET retention schedule", call(op, "GET", "/arkiv/plan?org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET retention schedule CSV", call(op, "GET", "/arkiv/plan?format=csv&org=" + org)[0], 200 if may(READ) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "regel", "klass": "1.1", "regel": "bevaras", "beslut": "RA-FS 2021:6"}).encode()
        expect(r + " POST retention rule", call(op, "POST", "/arkiv/plan", form)[0], 303 if may(ARCHIVE) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "sparr", "arende": "KS 2026/0001", "skal": "Tvist " + role}).encode()
        expect(r + " POST legal hold", call(op, "POST", "/arkiv", form)[0], 303 if may(ARCHIVE) else 403)
        expect(r + " GET disposal run", call(op, "GET", "/arkiv/gallring?id=1&org=" + org)[0], 404 if may(ARCHIVE) else 403)
        form = urllib.parse.urlencode({"csrf": csrf, "org": org, "atgard": "foresla"}).encode()
        expect(r + " POST propose disposal", call(op, "POST", "/arkiv", form)[0], 409 if may(ARCHIVE) else 403)
        expect(r + " GET overview", call(op, "GET", "/oversikt?org=" + org)[0], 200 if may(READ) else 403)
        expect(r + " GET overview CSV", call(op, "GET", "/oversikt?format=csv&org=" + org)[0], 200 if may(READ) else 403)
        # the same through the API, with a token
        expect(r + " API cases", call(op, "GET", "/api/v1/cases?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        expect(r + " API case", call(op, "GET", "/api/v1/cases/KS-2026-0001?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        st, body = call(op, "GET", "/api/v1/records/KS-2026-0001-2?org=" + org, headers=api)
        expect(r + " API secret record", st, 200 if may(READ) else 403)
        if st == 200:
            expect(r + " API secret party shown only with the right", "Karin Hemlig" in body, may(SECRET))
        expect(r + " API secret file", call(op, "GET", "/api/v1/records/KS-2026-0001-2/files/s.txt?org=" + org, headers=api)[0], 200 if may(SECRET) else 403)
        body = json.dumps({"case": "KS 2026/0001", "direction": "in", "title": "Via API"}).encode()
        expect(r + " API register", call(op, "POST", "/api/v1/records?org=" + org, body, jh)[0], 201 if may(REGISTER) else 403)
        body = json.dumps({"due_date": "2027-02-01"}).encode()
        expect(r + " API case change", call(op, "POST", "/api/v1/cases/KS-2026-0001/changes?org=" + org, body, jh)[0], 200 if may(CASEWORK) else 403)
        expect(r + " API parties", call(op, "GET", "/api/v1/parties?org=" + org, headers=api)[0], 200 if may(REGISTER) else 403)
        expect(r + " API series", call(op, "GET", "/api/v1/series?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        expect(r + " API overview", call(op, "GET", "/api/v1/overview?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        expect(r + " API users", call(op, "GET", "/api/v1/users?org=" + org, headers=api)[0], 200 if may(ADMIN) else 403)
        expect(r + " API notices (all)", call(op, "GET", "/api/v1/notices?all=1&org=" + org, headers=api)[0], 200 if may(MEETING) else 403)
        body = json.dumps({"kind": "other", "board": "Kommunstyrelsen", "title": "Via API"}).encode()
        expect(r + " API post notice", call(op, "POST", "/api/v1/notices?org=" + org, body, jh)[0], 201 if may(MEETING) else 403)
        expect(r + " API exports", call(op, "GET", "/api/v1/exports?org=" + org, headers=api)[0], 200 if may(ARCHIVE) else 403)
        body = json.dumps({"case": "KS 2026/0001", "format": "zip"}).encode()
        expect(r + " API export of an open case", call(op, "POST", "/api/v1/exports?org=" + org, body, jh)[0], 409 if may(ARCHIVE) else 403)
        expect(r + " API retention schedule", call(op, "GET", "/api/v1/retention/schedule?org=" + org, headers=api)[0], 200 if may(READ) else 403)
        body = json.dumps({"class": "1.1", "action": "bevaras"}).encode()
        expect(r + " API retention rule", call(op, "POST", "/api/v1/retention/schedule?org=" + org, body, jh)[0], 200 if may(ARCHIVE) else 403)
        expect(r + " API retention due", call(op, "GET", "/api/v1/retention/due?org=" + org, headers=api)[0], 200 if may(ARCHIVE) else 403)
        expect(r + " API holds", call(op, "GET", "/api/v1/holds?org=" + org, headers=api)[0], 200 if may(ARCHIVE) else 403)
        expect(r + " API disposals", call(op, "GET", "/api/v1/disposals?org=" + org, headers=api)[0], 200 if may(ARCHIVE) else 403)
        expect(r + " API events", call(op, "GET", "/api/v1/events?org=" + org, headers=api)[0], 200 if may(ADMIN) else 403)
sys.exit(1 if failures else 0)
PY
ok "verify after all roles" k verify
same "secret reads were logged" "1" "$(sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "SELECT count(*) > 0 FROM event WHERE action = 'record.read_secret' AND actor = 'user:u_registrator'")"
same "no secret read logged for those who saw it masked" "0" "$(sqlite3 -cmd '.timeout 20000' "$KANSLI_DATA/kansli.db" "SELECT count(*) FROM event WHERE action = 'record.read_secret' AND actor IN ('user:u_lasare', 'user:u_administrator', 'user:u_namndsekreterare')")"
