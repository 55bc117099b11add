#!/bin/sh
# t0038 — need-to-know (OSL 8 kap. 1 §): every nämnd is an authority of its
# own, so the right to read secrets follows the unit or board that owns the
# case. The matrix: every role x scope (organisation-wide, the case's own
# unit, another unit, the board) x case (owned by a unit, by a board through
# its series, by a board it is ready for, by nobody) x secrecy (none, partial
# with each masked field, full), asked through the CLI, the API and the web
# pages. Secret files give "Åtkomst nekad"/403 and the attempt is logged;
# secrets shown are logged as read. The expected answers come from the
# policy written below, not from the code under test.
TEST_NAME=need-to-know
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

k init "$KANSLI_DATA" >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SKOLA "Skolförvaltningen" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k series add --org kommun SN "Socialnämnden" >/dev/null
k board add --org kommun SN --name Socialnämnden --kind namnd --series SN >/dev/null
k board add --org kommun KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
# The cases, by what owns them:
#   unit   KS 2026/0001  unit SOC
#   series SN 2026/0001  the board SN's own series
#   ready  KS 2026/0002  marked ready for decision by SN
#   none   KS 2026/0003  no unit, no board of SN: only organisation-wide grants
# (KS is the board KS's series; nobody is scoped to KS, so that never covers.)
k case open --org kommun --series KS --title "Ärende hos enheten" --unit SOC --opened 2026-01-02 >/dev/null
k case open --org kommun --series SN --title "Ärende i nämndens serie" --opened 2026-01-02 >/dev/null
k case open --org kommun --series KS --title "Ärende redo för nämnden" --opened 2026-01-02 >/dev/null
k case open --org kommun --series KS --title "Ärende utan ägare" --opened 2026-01-02 >/dev/null
k board ready --org kommun "KS 2026/0002" --board SN >/dev/null || { fail "mark ready for SN"; exit 1; }

# Who may hold which role, and how far: the same table drives the grants.
echo "Losenord-reg-admin" | k user add regadmin "Registratorn" --password-stdin >/dev/null
k user grant regadmin registrator --org kommun >/dev/null
k token add regadmin robot --days 1 >"$T/token.regadmin"
for role in administrator registrator handlaggare namndsekreterare arkivarie lasare; do
	for scope in org unit other board; do
		u="u_${role}_$scope"
		echo "Losenord-$u" | k user add "$u" "Användare $role $scope" --password-stdin >/dev/null
		case $scope in
		org) set -- ;;
		unit) set -- --unit SOC ;;
		other) set -- --unit SKOLA ;;
		board) set -- --board SN ;;
		esac
		case "$role/$scope" in
		registrator/* | handlaggare/* | */org)
			ok "grant $role ($scope)" k user grant "$u" "$role" --org kommun "$@" ;;
		*)
			fails "a $role cannot be limited ($scope)" "without a unit or board" \
				k user grant "$u" "$role" --org kommun "$@" ;;
		esac
		k token add "$u" robot --days 1 >"$T/token.$u"
	done
done
same "refused grants left no role behind" "0" \
	"$(sql "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username IN
	        ('u_administrator_unit','u_lasare_other','u_arkivarie_board','u_namndsekreterare_unit')")"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done

python3 - "http://127.0.0.1:$port" "$T" "$KANSLI" "$KANSLI_DATA/kansli.db" <<'PY'
import http.cookiejar, json, os, re, sqlite3, subprocess, sys, urllib.parse, urllib.request, urllib.error
base, tmp, kansli, dbpath = sys.argv[1:5]

# The policy, as DOMAIN.md (OSL 8 kap. 1 §) and issue 10 describe it.
ROLES = ["administrator", "registrator", "handlaggare", "namndsekreterare", "arkivarie", "lasare"]
SECRET = {"registrator", "handlaggare", "arkivarie"}
SCOPABLE = {"registrator", "handlaggare"}
SCOPES = ["org", "unit", "other", "board"]
CASES = {"unit": "KS 2026/0001", "series": "SN 2026/0001", "ready": "KS 2026/0002", "none": "KS 2026/0003"}
COVERS = {"org": set(CASES), "unit": {"unit"}, "other": set(), "board": {"series", "ready"}}
VARIANTS = ["none", "title", "party", "body", "files", "full"]
FIELDS = ["title", "party", "body", "files"]
NOTICE = "Sekretess enligt OSL 26 kap. 1 §"

def holds(role, scope): return scope == "org" or role in SCOPABLE
def reveals(role, scope, case): return holds(role, scope) and role in SECRET and case in COVERS[scope]
def masked(variant): return set() if variant == "none" else set(FIELDS) if variant == "full" else {variant}

failures = 0
def expect(name, ok, detail=""):
    global failures
    print(("PASS" if ok else "FAIL") + " need-to-know: " + name + ("" if ok else " (%s)" % detail))
    failures += not ok

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None

def call(op, path, headers=None, data=None):
    req = urllib.request.Request(base + path, headers=headers or {}, data=data)
    try:
        r = op.open(req)
        return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")

def login(user, password):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = op.open(base + "/login").read().decode()
    tok = re.search(r'name="login_token" value="([0-9a-f]+)"', page).group(1)
    st, _ = call(op, "/login", data=urllib.parse.urlencode({"login_token": tok, "username": user, "password": password}).encode())
    assert st == 303, (user, st)
    return op

def cli(user, *args):
    env = dict(os.environ, KANSLI_USER=user) if user else dict(os.environ)
    p = subprocess.run([kansli] + list(args), env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

# The records: one per case and variant, every field a canary of its own.
# Files are attached through the CLI, text through the API (each surface
# takes one of them), so a body-masked record carries text and no file.
plain = urllib.request.build_opener()
regtok = {"Authorization": "Bearer " + open(tmp + "/token.regadmin").read().strip(),
          "Content-Type": "application/json"}
records = []  # (number, case, variant, {field: canary})
for case, cnum in CASES.items():
    for v in VARIANTS:
        tag = "%s%s" % (case.capitalize(), v.capitalize())
        can = {"title": "Rubrik" + tag, "party": "Partsnamn" + tag}
        sec = [] if v == "none" else ["--secrecy", v if v == "full" else "partial", "--legal-ground", "OSL 26 kap. 1 §"] + \
              ([] if v in ("none", "full") else ["--mask", v])
        if v == "body":
            can["body"] = "Brödtext" + tag
            st, out = call(plain, "/api/v1/records?org=kommun", regtok, json.dumps({
                "case": cnum, "direction": "in", "title": can["title"], "party": {"kind": "person", "name": can["party"]},
                "text": can["body"], "secrecy": "partial", "legal_ground": "OSL 26 kap. 1 §", "masked": "body"}).encode())
            expect("register %s %s through the API" % (case, v), st == 201, out)
            num = json.loads(out)["number"] if st == 201 else None
        else:
            can["files"] = "Filinnehall" + tag
            path = os.path.join(tmp, "bilaga.txt")
            open(path, "w").write("Bilagan säger %s.\n" % can["files"])
            rc, out, err = cli(None, "record", "add", "--org", "kommun", cnum, "--direction", "in", "--title", can["title"],
                               "--person", can["party"], "--file", path, *sec)
            expect("register %s %s through the CLI" % (case, v), rc == 0, err)
            num = out.strip() if rc == 0 else None
        records.append((num, case, v, can))

def check_view(where, view, case, v, can, reveal):
    """A record's JSON view: each field is its canary when visible, the notice when masked."""
    for f in ("title", "party", "body"):
        if f not in can:
            continue
        hidden = f in masked(v) and not reveal
        got = view.get(f)
        expect("%s: %s %s" % (where, f, "masked" if hidden else "shown"), got == (NOTICE if hidden else can[f]), got)
    if "files" in can:
        files = view.get("files", [])
        hidden = "files" in masked(v) and not reveal
        names = [f.get("name") for f in files]
        ok = names == [NOTICE] and "sha256" not in files[0] if hidden else names == ["bilaga.txt"] and "sha256" in files[0]
        expect("%s: files %s" % (where, "masked" if hidden else "shown"), ok, files)
    leaked = [can[f] for f in can if f in masked(v) and not reveal and can[f] in json.dumps(view, ensure_ascii=False)]
    expect("%s: no masked canary anywhere" % where, not leaked, leaked)

q = urllib.parse.quote
cells = 0
for role in ROLES:
    for scope in SCOPES:
        user = "u_%s_%s" % (role, scope)
        has = holds(role, scope)
        op = login(user, "Losenord-" + user)
        api = {"Authorization": "Bearer " + open("%s/token.%s" % (tmp, user)).read().strip()}
        for num, case, v, can in records:
            cells += 1
            reveal = reveals(role, scope, case)
            cell = "%s/%s %s %s" % (role, scope, case, v)
            rc, out, err = cli(user, "record", "show", "--org", "kommun", num, "--json")
            st, body = call(op, "/api/v1/records/%s?org=kommun" % num.replace(" ", "-").replace("/", "-"), api)
            hs, html = call(op, "/handling?org=kommun&nr=" + q(num))
            if not has:
                # a refused grant left no role: nothing of the organisation
                expect(cell + " CLI: no role, no record", rc != 0 and "may not" in err, err)
                expect(cell + " API: no role, 403", st == 403, st)
                expect(cell + " HTML: no role, 403", hs == 403, hs)
                continue
            expect(cell + " CLI show", rc == 0, err)
            if rc == 0:
                check_view(cell + " CLI", json.loads(out), case, v, can, reveal)
            expect(cell + " API show", st == 200, st)
            if st == 200:
                check_view(cell + " API", json.loads(body), case, v, can, reveal)
            expect(cell + " HTML show", hs == 200, hs)
            for f, c in can.items():
                if f == "files":
                    continue  # the file's text is only in the file
                visible = f not in masked(v) or reveal
                expect("%s HTML: %s %s" % (cell, f, "shown" if visible else "masked"), (c in html) == visible)
            if "files" not in can:
                continue
            secret_file = "files" in masked(v) and not reveal
            rc, out, err = cli(user, "record", "file", "--org", "kommun", num, "bilaga.txt")
            if secret_file:
                expect(cell + " CLI file refused", rc != 0 and "may not read the secret files" in err
                       and len(err.strip().splitlines()) == 1, err)
            else:
                expect(cell + " CLI file", rc == 0 and can["files"] in open(out.strip()).read(), err)
            st, body = call(op, "/api/v1/records/%s/files/bilaga.txt?org=kommun" % num.replace(" ", "-").replace("/", "-"), api)
            expect(cell + " API file", (st, can["files"] in body) == ((403, False) if secret_file else (200, True)), st)
            hs, html = call(op, "/fil?org=kommun&nr=%s&namn=bilaga.txt" % q(num))
            expect(cell + " HTML file", (hs, "Åtkomst nekad" in html, can["files"] in html)
                   == ((403, True, False) if secret_file else (200, False, True)), hs)
        # A case's record list decides per record too (record_views_from).
        for case, cnum in CASES.items():
            st, body = call(op, "/api/v1/cases/%s?org=kommun" % cnum.replace(" ", "-").replace("/", "-"), api)
            if not has:
                expect("%s/%s %s case list: 403" % (role, scope, case), st == 403, st)
                continue
            titles = {r["number"]: r["title"] for r in json.loads(body).get("records", [])} if st == 200 else {}
            for num, c2, v, can in records:
                if c2 != case:
                    continue
                hidden = "title" in masked(v) and not reveals(role, scope, case)
                expect("%s/%s %s %s case list title %s" % (role, scope, case, v, "masked" if hidden else "shown"),
                       titles.get(num) == (NOTICE if hidden else can["title"]), titles.get(num))

# Search: a masked party is found, and shown, only for whom the grant covers
# the case; for the others no snippet or field quotes it.
for scope in SCOPES:
    user = "u_handlaggare_" + scope
    for num, case, v, can in records:
        if "party" not in masked(v):
            continue
        rc, out, err = cli(user, "search", can["party"], "--org", "kommun", "--json")
        cell = "handlaggare/%s %s %s search for the masked party" % (scope, case, v)
        if reveals("handlaggare", scope, case):
            expect(cell + " finds it", rc == 0 and num in out and can["party"] in out, err or out[:200])
        else:
            expect(cell + " quotes nothing", rc == 0 and can["party"] not in out, err or out[:300])

# The log: who saw which secret, who was refused which file.
db = sqlite3.connect(dbpath, timeout=20)
number_of = {}
for rid, num in db.execute("SELECT r.id, s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq "
                           "FROM record r JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id"):
    number_of[rid] = num
for role in ROLES:
    for scope in SCOPES:
        user = "u_%s_%s" % (role, scope)
        def logged(action):
            return {number_of[r] for (r,) in db.execute("SELECT object_id FROM event WHERE action = ? AND actor = ?",
                                                         (action, "user:" + user))}
        has = holds(role, scope)
        want_read = {num for num, case, v, can in records if v != "none" and has and reveals(role, scope, case)}
        want_denied = {num for num, case, v, can in records
                       if has and "files" in masked(v) and "files" in can and not reveals(role, scope, case)}
        expect("%s/%s: secret reads logged exactly" % (role, scope), logged("record.read_secret") == want_read,
               sorted(logged("record.read_secret") ^ want_read))
        expect("%s/%s: refused secret files logged exactly" % (role, scope),
               logged("record.read_secret_denied") == want_denied, sorted(logged("record.read_secret_denied") ^ want_denied))
print("PASS need-to-know: %d cells of role x scope x case x secrecy asked" % cells)
sys.exit(1 if failures else 0)
PY
