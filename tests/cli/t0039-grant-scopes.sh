#!/bin/sh
# t0039 — managing need-to-know: an administrator limits a handläggare to a
# unit and a board, widens and narrows the grant, revokes it, from the CLI
# and the admin page; every change is logged with its exact scope, bad input
# is refused and changes nothing.
TEST_NAME=grant-scopes
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

k init "$KANSLI_DATA" >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k org add grann "Grannkommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SKOLA "Skolförvaltningen" >/dev/null
k unit add --org grann ANNAN "Grannens enhet" >/dev/null
k series add --org kommun SN "Socialnämnden" >/dev/null
k board add --org kommun SN --name Socialnämnden --kind namnd --series SN >/dev/null
echo "Losenord-for-adam" | k user add adam "Adam Admin" --password-stdin >/dev/null
k user grant adam administrator --org kommun >/dev/null
k user add hanna "Hanna Handläggare" >/dev/null
events() { sql "SELECT count(*) FROM event"; }
roles() { k user list --json | python3 -c 'import json,sys; print([u["roles"] for u in json.load(sys.stdin) if u["username"] == "hanna"][0])'; }
last_event() { sql "SELECT action || ' ' || json_remove(data, '$.state') FROM event ORDER BY id DESC LIMIT 1"; }

ok "grant a handläggare for a unit" k user grant hanna handlaggare --org kommun --unit SOC
grep -q "granted handlaggare to hanna for unit SOC" "$T/out" && pass "the CLI says what was granted" || fail "CLI says: $(cat "$T/out")"
same "the event names the unit" 'user.grant {"role":"handlaggare","scope":{"unit":"SOC"},"username":"hanna"}' "$(last_event)"
ok "add a board to the same role" k user grant hanna handlaggare --org kommun --board SN
same "the event names the board" 'user.grant {"role":"handlaggare","scope":{"board":"SN"},"username":"hanna"}' "$(last_event)"
same "user list shows the scopes" "kommun:handlaggare(board=SN,unit=SOC)" "$(roles)"
same "user list --json carries them" '[{"org": "kommun", "role": "handlaggare", "units": ["SOC"], "boards": ["SN"]}]' \
	"$(k user list --json | python3 -c 'import json,sys; print(json.dumps([u["grants"] for u in json.load(sys.stdin) if u["username"] == "hanna"][0]))')"

n=$(events)
fails "unknown unit" "no unit 'NOPE' in this organisation" k user grant hanna handlaggare --org kommun --unit NOPE
fails "unknown board" "no board 'NOPE' in this organisation" k user grant hanna handlaggare --org kommun --board NOPE
fails "another organisation's unit" "no unit 'ANNAN' in this organisation" k user grant hanna handlaggare --org kommun --unit ANNAN
for role in administrator arkivarie namndsekreterare lasare; do
	fails "$role cannot be limited to a unit" "grant it without a unit or board" \
		k user grant hanna "$role" --org kommun --unit SOC
done
fails "unknown role" "unknown role 'chef'" k user grant hanna chef --org kommun --unit SOC
fails "revoke a unit not held" "does not hold handlaggare for unit 'SKOLA'" k user revoke hanna handlaggare --org kommun --unit SKOLA
fails "revoke a role not held" "does not hold the role registrator" k user revoke hanna registrator --org kommun
fails "a user without the right cannot grant" "may not administer" env KANSLI_USER=hanna "$KANSLI" user grant hanna handlaggare --org kommun --unit SKOLA
same "refused changes changed nothing" "$n kommun:handlaggare(board=SN,unit=SOC)" "$(events) $(roles)"

ok "revoke one scope" k user revoke hanna handlaggare --org kommun --board SN
same "the revoke event names it" 'user.revoke {"role":"handlaggare","role_removed":false,"scope":{"board":"SN"},"username":"hanna"}' "$(last_event)"
same "the unit is left" "kommun:handlaggare(unit=SOC)" "$(roles)"
ok "revoking the last scope" k user revoke hanna handlaggare --org kommun --unit SOC
same "takes the role with it, never widens it" "" "$(roles)"
same "and says so in the log" 'user.revoke {"role":"handlaggare","role_removed":true,"scope":{"unit":"SOC"},"username":"hanna"}' "$(last_event)"

ok "grant organisation-wide" k user grant hanna registrator --org kommun
same "logged as organisation-wide" 'user.grant {"role":"registrator","scope":"organisation","username":"hanna"}' "$(last_event)"
n=$(events)
fails "a grant never narrows an organisation-wide role" "already holds registrator for the whole organisation" \
	k user grant hanna registrator --org kommun --unit SOC
fails "a scope cannot be revoked from an organisation-wide role" "for the whole organisation, not for a unit" \
	k user revoke hanna registrator --org kommun --unit SOC
same "nothing changed" "$n kommun:registrator" "$(events) $(roles)"
ok "scoped handläggare again" k user grant hanna handlaggare --org kommun --unit SKOLA
ok "an organisation-wide grant widens it, on purpose" k user grant hanna handlaggare --org kommun
same "no scope left" "kommun:handlaggare kommun:registrator" "$(roles)"
same "its scope rows are gone" "0" "$(sql "SELECT count(*) FROM role_scope")"
ok "revoke the whole role" k user revoke hanna registrator --org kommun
same "logged" 'user.revoke {"role":"registrator","role_removed":true,"scope":"organisation","username":"hanna"}' "$(last_event)"

# The admin page: the same through the web, in Swedish.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
curl -s -c "$T/jar" -b "$T/jar" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
same "admin logs in" "303" "$(code -c "$T/jar" -b "$T/jar" --data-urlencode "login_token=$tok" \
	--data-urlencode username=adam --data-urlencode password=Losenord-for-adam "$U/login")"
same "admin page" "200" "$(code -b "$T/jar" "$U/admin?org=kommun")"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
grep -q 'name="enhet"' "$T/body" && grep -q '<option value="SOC">Socialtjänsten</option>' "$T/body" \
	&& pass "the role form offers the units" || fail "the role form offers the units"
grep -q '<option value="SN">Socialnämnden</option>' "$T/body" && pass "and the boards" || fail "and the boards"
grep -q "handlaggare (hela organisationen)" "$T/body" && pass "an organisation-wide role says so" || fail "organisation-wide role shown"
same "grant a unit-limited role on the page" "303" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=hanna -d roll=registrator -d enhet=SOC -d namnd= "$U/admin")"
same "add a new user limited to a board" "303" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=sara --data-urlencode "namn=Sara Socialsekreterare" -d roll=handlaggare -d enhet= -d namnd=SN "$U/admin")"
code -b "$T/jar" "$U/admin?org=kommun" >/dev/null
grep -q "registrator (enhet SOC)" "$T/body" && pass "the page shows the unit" || fail "the page shows the unit"
grep -q "handlaggare (nämnd SN)" "$T/body" && pass "the page shows the board" || fail "the page shows the board"
same "the web grant is logged with its scope" 'user.grant {"role":"handlaggare","scope":{"board":"SN"},"username":"sara"}' "$(last_event)"
n=$(events)
same "a limited administrator is refused on the page" "422" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=hanna -d roll=administrator -d enhet=SOC "$U/admin")"
grep -q "kan inte begränsas" "$T/body" && ! grep -q -- "--unit" "$T/body" \
	&& pass "with a clear message in Swedish, no command-line flag" || fail "with a clear message: $(grep -o 'class="error">[^<]*' "$T/body")"
same "an unknown unit is refused on the page (the form's error: 422)" "422" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=hanna -d roll=registrator -d enhet=NOPE "$U/admin")"
same "nothing changed" "$n" "$(events)"
same "revoke on the page" "303" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=aterkalla -d kod=hanna -d roll=registrator -d enhet=SOC -d namnd= "$U/admin")"
same "the role went with its last unit" "kommun:handlaggare" "$(roles)"
same "API users list carries the scopes" '[{"org": "kommun", "role": "handlaggare", "units": [], "boards": ["SN"]}]' \
	"$(curl -s -b "$T/jar" "$U/api/v1/users?org=kommun" | python3 -c 'import json,sys; print(json.dumps([u["grants"] for u in json.load(sys.stdin)["users"] if u["username"] == "sara"][0]))')"
# An organisation's administrator learns nothing of another's staff (an
# outside attack's F1: the API listed every user, role and unit).
k user grant hanna handlaggare --org grann --unit ANNAN >/dev/null
echo "Losenord-for-gerd" | k user add gerd "Gerd Grann" --password-stdin >/dev/null
k user grant gerd registrator --org grann >/dev/null
same "API users of kommun: kommun's roles only" '["kommun:administrator", "kommun:handlaggare"]' \
	"$(curl -s -b "$T/jar" "$U/api/v1/users?org=kommun" | python3 -c 'import json,sys; v=json.load(sys.stdin)["users"]; print(json.dumps([u["roles"] for u in v if u["username"] in ("adam","hanna","gerd")]))')"
same "and kommun's grants only" '[["kommun"], ["kommun"], ["kommun"]]' \
	"$(curl -s -b "$T/jar" "$U/api/v1/users?org=kommun" | python3 -c 'import json,sys; v=json.load(sys.stdin)["users"]; print(json.dumps([[g["org"] for g in u["grants"]] for u in v]))')"
curl -s -b "$T/jar" "$U/api/v1/users?org=kommun" >"$T/users.json"
grep -q "ANNAN\|gerd\|grann" "$T/users.json" && fail "another organisation's unit, user or code in the list: $(cat "$T/users.json")" \
	|| pass "no word of the other organisation in the list"
same "another organisation's users are not the administrator's to list" "403" "$(code -b "$T/jar" "$U/api/v1/users?org=grann")"
same "the installation's operator still sees every role" "kommun:handlaggare grann:handlaggare(unit=ANNAN)" "$(roles)"
# An administrator is not entitled to secrets (SECURITY.md): she grants no
# role to herself, and a role that reads secrets is not given to a user a
# webhook reads with (an outside attack's F11).
n=$(events)
fails "an administrator grants herself no role" "may not grant a role to themselves" \
	k --user adam user grant adam registrator --org kommun
same "on the page neither (403, the form back)" "403" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=adam -d roll=registrator "$U/admin")"
grep -q "Du kan inte ge dig själv en roll" "$T/body" && pass "said in Swedish" || fail "said: $(grep -o 'class="error">[^<]*' "$T/body")"
same "nothing granted, nothing logged" "$n" "$(events)"
k user add lasse "Lasse Läsare" >/dev/null
k user grant lasse lasare --org kommun >/dev/null
k --user adam webhook add https://mottagare.example/hook --org kommun --events record.registered --as lasse >/dev/null \
	&& pass "(the administrator adds a webhook read with a reader's rights)" || fail "the administrator adds a webhook"
n=$(events)
fails "then the reader is not given a role that reads secrets" "only the installation's operator grants it" \
	k --user adam user grant lasse registrator --org kommun
same "nor on the page" "403" "$(code -b "$T/jar" --data-urlencode "csrf=$C" -d org=kommun \
	-d vad=anvandare -d kod=lasse -d roll=handlaggare "$U/admin")"
grep -q "En webhook läser med den här användarens rättigheter" "$T/body" && pass "said in Swedish" || fail "said: $(grep -o 'class="error">[^<]*' "$T/body")"
same "nothing granted" "$n" "$(events)"
ok "a role without secrets may be given to the webhook's user" k --user adam user grant lasse namndsekreterare --org kommun
# Disabled, the webhook still names its user (a second attack's G5: disable,
# grant, enable again carried secrets to the administrator's URL).
ok "(the administrator disables the webhook)" k --user adam webhook disable 1 --org kommun
fails "a disabled webhook's user is not given a secret role either" "only the installation's operator grants it" \
	k --user adam user grant lasse handlaggare --org kommun
ok "the installation's operator may grant the secret role" k user grant lasse registrator --org kommun
n=$(events)
fails "and then the administrator may not enable the webhook again" "may read secret records" \
	k --user adam webhook enable 1 --org kommun
same "(it stays disabled, nothing logged)" "0 $n" "$(sql "SELECT active FROM webhook_subscription WHERE id = 1") $(events)"
ok "the installation's operator may" k webhook enable 1 --org kommun
ok "verify" k verify
