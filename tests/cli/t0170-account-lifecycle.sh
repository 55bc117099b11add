#!/bin/sh
# t0170 — the account lifecycle (issue 18, part 2): a user changes their own
# password with the current one, and their other sessions and tokens end;
# an administrator resets one, and the user must change it before anything
# else (the page sends them there, the API refuses them with a clear
# error); an administrator disables an account, and its session and token
# stop at the next request and its logins are refused as a wrong password
# is (and logged); lists a user's sessions and tokens and ends one; finds
# the accounts nobody uses. And the refusals: one's own account, the last
# administrator, an account with a role in an organisation the
# administrator does not administer, a short or unchanged password.
TEST_NAME=account-lifecycle
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-09

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommunen" >/dev/null
k org add bolag "Bolaget" >/dev/null
for u in anna:administrator bo:administrator rita:registrator hanna:handlaggare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" --org kommun >/dev/null
done
echo "Losenord-for-olle" | k user add olle "Olle i båda" --password-stdin >/dev/null
k user grant olle lasare --org kommun >/dev/null
k user grant olle lasare --org bolag >/dev/null
RT=$(k token add rita robot --days 30)
HT=$(k token add hanna robot --days 30)

# ---- the CLI: refusals first, nothing changes ----
events() { sql "SELECT count(*) FROM event"; }
n0=$(events)
fails "an administrator may not reset their own password" "their own account" k --user anna user reset anna
fails "nor disable their own account" "their own account" k --user anna user disable anna
fails "nor reset one with a role where they are not administrator" "does not administer" k --user anna user reset olle
fails "nor disable it" "does not administer" k --user anna user disable olle
fails "nor list its sessions" "does not administer" k --user anna user sessions olle
fails "a non-administrator may not reset anyone" "administer" k --user rita user reset hanna
fails "an unknown user is named" "no user named 'nemo'" k --user anna user reset nemo
echo "kort" >"$T/pw"
fails "a reset to a short password is refused" "at least 10" sh -c "'$KANSLI' --user anna user reset hanna --password-stdin <'$T/pw'"
printf 'fel-losenord\nNytt-losenord-1\n' >"$T/pw"
fails "a change with a wrong current password is refused" "current password is wrong" sh -c "'$KANSLI' --user hanna user passwd <'$T/pw'"
printf 'Losenord-for-hanna\nLosenord-for-hanna\n' >"$T/pw"
fails "a change to the same password is refused" "must differ" sh -c "'$KANSLI' --user hanna user passwd <'$T/pw'"
printf 'Losenord-for-hanna\nkort\n' >"$T/pw"
fails "a change to a short password is refused" "at least 10" sh -c "'$KANSLI' --user hanna user passwd <'$T/pw'"
fails "stale wants its days" "say --days" k user stale
fails "and days of 1-3650" "days" k user stale --days 0
same "no refusal wrote an event" "$n0" "$(events)"
# the last administrator: with bo disabled, anna is kommun's last
ok "the operator disables bo" k user disable bo
fails "disabling an account twice is named" "already disabled" k user disable bo
fails "the last enabled administrator of an organisation cannot be disabled" "last administrator of kommun" k user disable anna
ok "the operator enables bo again" k user enable bo
fails "enabling an enabled account is named" "already enabled" k user enable bo

web_serve
same "rita logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
same "rita logs in a second time" "303" "$(login "$T/rita2" rita Losenord-for-rita)"
same "hanna logs in" "303" "$(login "$T/hanna" hanna Losenord-for-hanna)"
same "anna logs in" "303" "$(login "$T/anna" anna Losenord-for-anna)"
same "rita's token works" "200" "$(code -H "Authorization: Bearer $RT" -H "User-Agent: robot/1.0" "$U/api/v1/me")"

# ---- an administrator lists a user's sessions and tokens ----
ok "anna lists rita's sessions and tokens" k --user anna user sessions rita --json
python3 - "$T/out" "$RT" <<'PY' && pass "two sessions and the token, with when and by what client, never the token" || fail "sessions list"
import json, sys
v = json.load(open(sys.argv[1]))
text = open(sys.argv[1]).read()
assert len(v["sessions"]) == 2 and len(v["tokens"]) == 1, v
assert v["tokens"][0]["user_agent"] == "robot/1.0" and v["tokens"][0]["last_used"], v
assert v["last_login"] and not v["must_change"] and not v["disabled"]
assert sys.argv[2] not in text
PY
sid=$(sql "SELECT max(id) FROM session WHERE user_id = (SELECT id FROM app_user WHERE username = 'rita')")
fails "a session of another user is not hers to end" "has no session" k --user anna user end-session hanna "$sid"
ok "anna ends rita's second session" k --user anna user end-session rita "$sid"
same "the ended session is refused at its next request" "303" "$(code -b "$T/rita2" "$U/arenden?org=kommun")"
same "her first still works" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun")"
same "the end is logged, naming who" "user:anna|{\"session\":$sid,\"username\":\"rita\"}" \
	"$(sql "SELECT actor, json_remove(data, '$.state') FROM event WHERE action = 'session.end'")"

# ---- one's own password: the page, with its refusals ----
same "rita logs in again elsewhere" "303" "$(login "$T/rita3" rita Losenord-for-rita)"
code -b "$T/rita" "$U/losenord" >/dev/null
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
post_pw() { code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode "nuvarande=$1" \
	--data-urlencode "nytt=$2" --data-urlencode "igen=$3" "$U/losenord"; }
same "a wrong current password is refused" "403" "$(post_pw fel Nytt-losenord-rita Nytt-losenord-rita)"
has "saying so" "Det nuvarande lösenordet är fel"
hasnt "and never writing a password back" "Nytt-losenord-rita"
same "two different new ones are refused" "422" "$(post_pw Losenord-for-rita Nytt-losenord-rita Annat-losenord)"
same "a short one is refused" "422" "$(post_pw Losenord-for-rita kort kort)"
has "saying how long" "minst 10 tecken"
same "the unchanged one is refused" "422" "$(post_pw Losenord-for-rita Losenord-for-rita Losenord-for-rita)"
same "nothing was changed" "0" "$(sql "SELECT count(*) FROM event WHERE action = 'user.password_change'")"
same "the right one changes it" "303" "$(post_pw Losenord-for-rita Nytt-losenord-rita Nytt-losenord-rita)"
same "her session stays" "200" "$(code -b "$T/rita" "$U/arenden?org=kommun")"
same "her other session ended" "303" "$(code -b "$T/rita3" "$U/arenden?org=kommun")"
same "her API token was revoked" "401" "$(code -H "Authorization: Bearer $RT" "$U/api/v1/me")"
same "the old password no longer logs in" "401" "$(login "$T/x" rita Losenord-for-rita)"
same "the new one does" "303" "$(login "$T/rita4" rita Nytt-losenord-rita)"
python3 - "$(sql "SELECT actor || '|' || data FROM event WHERE action = 'user.password_change'")" <<'PY' \
	&& pass "the change is logged by its user, naming what it ended, never the password" || fail "password_change event"
import json, sys
actor, data = sys.argv[1].split("|", 1)
d = json.loads(data)
assert actor == "user:rita", actor
assert len(d["sessions_ended"]) == 1 and len(d["tokens_revoked"]) == 1, d
assert "Nytt-losenord-rita" not in data
PY

# ---- an administrator resets: the user must change it first ----
ok "anna resets hanna's password" k --user anna user reset hanna
OT=$(cat "$T/out")
echo "$OT" | grep -Eq '^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$' && pass "a one-time password is printed once" || fail "one-time password '$OT'"
same "it is not in the log" "0" "$(sql "SELECT count(*) FROM event WHERE data LIKE '%$OT%'")"
same "hanna's session ended with the reset" "303" "$(code -b "$T/hanna" "$U/arenden?org=kommun")"
same "her token too" "401" "$(code -H "Authorization: Bearer $HT" "$U/api/v1/me")"
same "the old password no longer logs in" "401" "$(login "$T/x" hanna Losenord-for-hanna)"
same "the one-time one does" "303" "$(login "$T/hanna" hanna "$OT")"
same "any page sends her to change it first" "303" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$T/hanna" "$U/arenden?org=kommun" | cut -d' ' -f1)"
same "to the password page" "$U/losenord" "$(curl -s -o /dev/null -w '%{redirect_url}' -b "$T/hanna" "$U/arenden?org=kommun")"
same "which says why" "200" "$(code -b "$T/hanna" "$U/losenord")"
has "in Swedish" "En administratör har satt ditt lösenord"
HC=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "the API refuses her session" "403" "$(code -b "$T/hanna" "$U/api/v1/cases?org=kommun")"
same "with a clear error" "password_change_required" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["code"])' "$T/body")"
same "she changes it through the API" "200" "$(code -b "$T/hanna" -H "X-CSRF-Token: $HC" -H 'Content-Type: application/json' \
	-d "{\"current\":\"$OT\",\"password\":\"Hannas-eget-losenord\"}" "$U/api/v1/me/password")"
same "and the API answers her" "200" "$(code -b "$T/hanna" "$U/api/v1/cases?org=kommun")"
same "the forced change is over" "0" "$(sql "SELECT count(*) FROM password_must_change")"
same "the reset is logged by the administrator, without a password" "user:anna|{\"generated\":true,\"sessions_ended\":[3],\"tokens_revoked\":[2],\"username\":\"hanna\"}" \
	"$(sql "SELECT actor, json_remove(data, '$.state') FROM event WHERE action = 'user.password_reset'")"

# ---- disable: the next request is refused, logins answered as wrong ----
HT2=$(k token add hanna robot2 --days 30)
same "hanna's new token works" "200" "$(code -H "Authorization: Bearer $HT2" "$U/api/v1/me")"
same "anna's page shows hanna's account" "200" "$(code -b "$T/anna" "$U/admin/konto?org=kommun&anvandare=hanna")"
has "with her sessions" "Pågående inloggningar"
has "and the button to disable" 'value="inaktivera"'
AC=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
acct() { code -b "$T/anna" --data-urlencode "csrf=$AC" --data-urlencode "org=kommun" --data-urlencode "atgard=$1" \
	--data-urlencode "anvandare=$2" "$U/admin/konto"; }
same "anna disables hanna from the page" "303" "$(acct inaktivera hanna)"
same "hanna's session is refused at once" "303" "$(code -b "$T/hanna" "$U/arenden?org=kommun")"
same "her token too" "401" "$(code -H "Authorization: Bearer $HT2" "$U/api/v1/me")"
# the login helper drops the page; this one keeps it
tok=$(curl -s -c "$T/x" -b "$T/x" "$U/login" | sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p')
same "her right password is answered as a wrong one" "401" "$(code -c "$T/x" -b "$T/x" --data-urlencode "login_token=$tok" \
	--data-urlencode username=hanna --data-urlencode password=Hannas-eget-losenord "$U/login")"
has "in the same words" "Fel användarnamn eller lösenord"
same "and the refusal is logged" "web:anonymous|disabled|127.0.0.1" \
	"$(sql "SELECT actor, json_extract(data, '$.reason'), json_extract(data, '$.address') FROM event WHERE action = 'session.refused'")"
same "a wrong password for her is not" "1" "$(login "$T/x" hanna fel-fel-fel >/dev/null; sql "SELECT count(*) FROM event WHERE action = 'session.refused'")"
same "anna may not disable herself from the page" "403" "$(acct inaktivera anna)"
same "nor anyone whose roles reach another organisation" "403" "$(acct inaktivera olle)"
same "anna enables hanna again" "303" "$(acct aktivera hanna)"
same "hanna logs in again" "303" "$(login "$T/hanna" hanna Hannas-eget-losenord)"
same "the token ended by the disable stays ended" "401" "$(code -H "Authorization: Bearer $HT2" "$U/api/v1/me")"

# ---- reset from the page: the one-time password shown once ----
code -b "$T/anna" "$U/admin/konto?org=kommun&anvandare=rita" >/dev/null
AC=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "anna resets rita's password from the page" "200" "$(acct aterstall rita)"
has "the one-time password is shown" "Engångslösenordet visas bara nu"
OT2=$(sed -n 's/.*<code>\([^<]*\)<\/code>.*/\1/p' "$T/body" | head -1)
same "and logs rita in" "303" "$(login "$T/rita" rita "$OT2")"

# ---- the API for administrators ----
AC=$(curl -s -b "$T/anna" "$U/sessioner" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
api() { m=$1; shift; code -b "$T/anna" -X "$m" -H "X-CSRF-Token: $AC" -H 'Content-Type: application/json' "$@"; }
same "the API shows an account" "200" "$(api GET "$U/api/v1/users/rita/sessions")"
same "whose password must be changed" "true" "$(python3 -c 'import json,sys; print(str(json.load(open(sys.argv[1]))["must_change"]).lower())' "$T/body")"
same "the API refuses an account of another organisation" "403" "$(api GET "$U/api/v1/users/olle/sessions")"
same "the API resets with a password given" "200" "$(api POST -d '{"password":"Satt-av-anna-1"}' "$U/api/v1/users/rita/password-reset")"
same "showing none" "null" "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["password"]))' "$T/body")"
same "a short one is refused" "422" "$(api POST -d '{"password":"kort"}' "$U/api/v1/users/rita/password-reset")"
same "the API makes a one-time password" "200" "$(api POST -H 'Idempotency-Key: reset-1' -d '{}' "$U/api/v1/users/rita/password-reset")"
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert len(v["password"]) == 19 and not v["password_withheld"]' "$T/body" \
	&& pass "shown in the answer" || fail "one-time password in the API answer"
same "a replay of the call" "200" "$(api POST -H 'Idempotency-Key: reset-1' -d '{}' "$U/api/v1/users/rita/password-reset")"
python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert v["password"] is None and v["password_withheld"]' "$T/body" \
	&& pass "withholds it" || fail "the replay shows the one-time password"
same "the API disables" "200" "$(api POST "$U/api/v1/users/rita/disable")"
same "the API refuses anna disabling herself" "403" "$(api POST "$U/api/v1/users/anna/disable")"
same "the API enables" "200" "$(api POST "$U/api/v1/users/rita/enable")"
sid=$(sql "SELECT max(id) FROM session WHERE user_id = (SELECT id FROM app_user WHERE username = 'hanna') AND ended_us IS NULL")
same "the API ends a session" "200" "$(api POST "$U/api/v1/users/hanna/sessions/$sid/end")"
same "an ended one is not found again" "404" "$(api POST "$U/api/v1/users/hanna/sessions/$sid/end")"
HT3=$(k token add hanna robot3 --days 30)
tid=$(sql "SELECT max(id) FROM api_token")
same "the API revokes a token" "200" "$(api POST "$U/api/v1/users/hanna/tokens/$tid/revoke")"
same "which stops at once" "401" "$(code -H "Authorization: Bearer $HT3" "$U/api/v1/me")"
same "a user's own password change needs the current one" "403" "$(api POST -d '{"current":"fel","password":"Annas-nya-losenord"}' "$U/api/v1/me/password")"
same "a change with a body missing the new one is refused" "400" "$(api POST -d '{"current":"Losenord-for-anna"}' "$U/api/v1/me/password")"

# ---- accounts nobody uses ----
ok "the stale report three months later" env KANSLI_NOW=2026-06-09 "$KANSLI" --user anna user stale --days 60 --org kommun --json
same "lists every account of kommun not used since" "anna bo hanna olle rita" \
	"$(python3 -c 'import json,sys; print(" ".join(sorted(a["username"] for a in json.load(open(sys.argv[1])))))' "$T/out")"
ok "the report today" "$KANSLI" --user anna user stale --days 60 --org kommun --json
same "lists none: every account is younger" "" "$(python3 -c 'import json,sys; print(" ".join(a["username"] for a in json.load(open(sys.argv[1]))))' "$T/out")"
ok "anna disables bo" k --user anna user disable bo
ok "the operator's report of every organisation" env KANSLI_NOW=2026-06-09 "$KANSLI" user stale --days 60 --json
same "leaves out disabled accounts" "anna hanna olle rita" \
	"$(python3 -c 'import json,sys; print(" ".join(sorted(a["username"] for a in json.load(open(sys.argv[1])))))' "$T/out")"
fails "an administrator of one organisation may not ask for another's" "may not" \
	sh -c "KANSLI_NOW=2026-06-09 '$KANSLI' --user anna user stale --days 60 --org bolag"
same "the API's report" "200" "$(api GET "$U/api/v1/stale-accounts?org=kommun&days=1")"
same "days are required" "400" "$(api GET "$U/api/v1/stale-accounts?org=kommun")"
same "the page's report" "200" "$(code -b "$T/anna" "$U/admin/inaktiva?org=kommun&dagar=30")"
has "in Swedish" "Konton som inte används"
same "in English" "200" "$(code -b "$T/anna" "$U/admin/inaktiva?org=kommun&dagar=30&lang=en")"
has "too" "Accounts not in use"
same "olle logs in" "303" "$(login "$T/olle" olle Losenord-for-olle)"
same "a reader may not see it" "403" "$(code -b "$T/olle" "$U/admin/inaktiva?org=kommun")"
same "bad days are refused" "400" "$(code -b "$T/anna" "$U/admin/inaktiva?org=kommun&dagar=0")"

ok "the installation verifies" k verify
