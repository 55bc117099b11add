#!/bin/sh
# t0175 — follow-ups on the account lifecycle (issue 18): a wrong current
# password on a password change counts toward the login throttle, and once
# throttled the change is refused as a login would be, from the CLI, the
# page and the API: a stolen session cannot guess the password without
# limit. Taking the administrator role from an organisation's last enabled
# administrator is refused, as disabling them is.
TEST_NAME=account-followups
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-09

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommunen" >/dev/null
for u in anna:administrator bo:administrator rita:registrator hanna:handlaggare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" --org kommun >/dev/null
done
# more_failures USER ADDRESS N: N more failed checks just before the newest one
more_failures() {
	sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $3)
	     INSERT INTO login_failure(username, ts_us, address)
	     SELECT '$1', (SELECT max(ts_us) FROM login_failure) - i, '$2' FROM n"
}
failures() { sql "SELECT count(*) FROM login_failure WHERE username = '$1' AND address = '$2'"; }

# ---- the throttle: the CLI ----
printf 'fel-losenord\nNytt-losenord-1\n' >"$T/pw"
fails "a wrong current password is refused" "current password is wrong" sh -c "'$KANSLI' --user rita user passwd <'$T/pw'"
same "and counted as a failed login" "1" "$(failures rita cli)"
more_failures rita cli 99
printf 'Losenord-for-rita\nNytt-losenord-1\n' >"$T/pw"
fails "after 100 the right one is refused too" "too many failed logins.*not changed" \
	sh -c "'$KANSLI' --user rita user passwd <'$T/pw'"
same "and no more is counted: nothing was checked" "100" "$(failures rita cli)"
same "nothing was changed" "0" "$(sql "SELECT count(*) FROM event WHERE action = 'user.password_change'")"
sql "DELETE FROM login_failure"

# ---- the last administrator keeps the role: the CLI ----
roles() { sql "SELECT count(*) FROM user_role WHERE role = 'administrator'"; }
n0=$(sql "SELECT count(*) FROM event")
ok "the operator disables bo" k user disable bo
fails "anna's role is refused: she is kommun's last who can log in" \
	"'anna' is the last administrator of kommun who can log in: grant the role to another user first" \
	k user revoke anna administrator --org kommun
same "nothing was changed" "2|$((n0 + 1))" "$(roles)|$(sql "SELECT count(*) FROM event")"
ok "a disabled administrator's role may go: nobody who can log in is lost" k user revoke bo administrator --org kommun
ok "bo is enabled" k user enable bo
ok "and made administrator again" k user grant bo administrator --org kommun
ok "then anna's role may go: bo is left" k --user bo user revoke anna administrator --org kommun
fails "and bo's is refused" "'bo' is the last administrator of kommun" k user revoke bo administrator --org kommun
fails "by bo himself too" "last administrator of kommun" k --user bo user revoke bo administrator --org kommun
ok "anna is made administrator again" k user grant anna administrator --org kommun

# ---- the page ----
web_serve
same "bo logs in" "303" "$(login "$T/bo" bo Losenord-for-bo)"
ok "anna is disabled" k user disable anna
code -b "$T/bo" "$U/admin?org=kommun" >/dev/null
BC=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
revoke() { code -b "$T/bo" --data-urlencode "csrf=$BC" -d org=kommun -d vad=aterkalla -d "kod=$1" \
	-d roll=administrator -d enhet= -d namnd= "$U/admin${2:-}"; }
same "the page refuses bo's own last role" "409" "$(revoke bo)"
has "saying why" "den sista administratören i organisationen som kan logga in"
same "in English too" "409" "$(revoke bo '?lang=en')"
has "in English" "last administrator who can log in"
same "nothing was changed" "1" "$(sql "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
	WHERE u.username = 'bo' AND r.role = 'administrator'")"
ok "anna is enabled" k user enable anna
same "with anna back the page takes anna's role" "303" "$(revoke anna)"
ok "anna is made administrator again" k user grant anna administrator --org kommun

# ---- the throttle: the page and the API, from a stolen session ----
same "hanna logs in" "303" "$(login "$T/hanna" hanna Losenord-for-hanna)"
code -b "$T/hanna" "$U/losenord" >/dev/null
HC=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
post_pw() { code -b "$T/hanna" --data-urlencode "csrf=$HC" --data-urlencode "nuvarande=$1" \
	--data-urlencode "nytt=$2" --data-urlencode "igen=$2" "$U/losenord"; }
api_pw() { code -b "$T/hanna" -H "X-CSRF-Token: $HC" -H 'Content-Type: application/json' \
	-d "{\"current\":\"$1\",\"password\":\"$2\"}" "$U/api/v1/me/password"; }
same "a wrong current password on the page is refused" "403" "$(post_pw gissning-1 Nytt-losenord-hanna)"
same "and counted with the client's address" "1" "$(failures hanna 127.0.0.1)"
same "a wrong one through the API" "403" "$(api_pw gissning-2 Nytt-losenord-hanna)"
same "is counted too" "2" "$(failures hanna 127.0.0.1)"
more_failures hanna 127.0.0.1 98
same "after 100 the page refuses even the right one" "429" "$(post_pw Losenord-for-hanna Nytt-losenord-hanna)"
has "saying why" "För många felaktiga lösenord"
has "and that nothing changed" "Inget har ändrats"
same "in English too" "429" "$(code -b "$T/hanna" -H 'Accept-Language: en' --data-urlencode "csrf=$HC" \
	--data-urlencode "nuvarande=Losenord-for-hanna" --data-urlencode "nytt=Nytt-losenord-hanna" \
	--data-urlencode "igen=Nytt-losenord-hanna" "$U/losenord?lang=en")"
has "in English" "Too many wrong passwords"
same "the API refuses it" "429" "$(api_pw Losenord-for-hanna Nytt-losenord-hanna)"
same "as too many requests" "too_many_requests" \
	"$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["code"])' "$T/body")"
same "a login from there is refused as well: one throttle" "429" "$(login "$T/x" hanna Losenord-for-hanna)"
same "the password was not changed" "0" "$(sql "SELECT count(*) FROM event WHERE action = 'user.password_change'")"
sql "DELETE FROM login_failure"
same "once the hour is over, the change goes through" "200" "$(api_pw Losenord-for-hanna Nytt-losenord-hanna)"

# ---- the password hash stays out of the log ----
hashes() { sql "SELECT count(*) FROM event WHERE data LIKE '%argon2%'"; }
same "no event holds a password hash: user add, changes, resets" "0" "$(hashes)"
same "the log holds each as its digest" "$(sql "SELECT count(*) FROM event WHERE data LIKE '%password_hash%'")" \
	"$(sql "SELECT count(*) FROM event WHERE data LIKE '%password_hash' || char(92) || '\":' || char(92) || '\"sha256:%'")"
ok "the events as the operator lists them" k log events --json --limit 1000
hasnt_out() { grep -q -- "$2" "$T/out" && fail "$1: '$2' in the output" || pass "$1"; }
hasnt_out "show no hash" 'argon2'
same "no API answer shows one" "200" "$(code -b "$T/bo" "$U/api/v1/users?org=kommun")"
hasnt "none in the users' list" 'argon2'
same "no page shows one" "200" "$(code -b "$T/bo" "$U/admin/konto?org=kommun&anvandare=rita")"
hasnt "none in the account page" 'argon2'
ok "the installation verifies" k verify
# an auditor with the database file sets an administrator's hash to one
# whose password they know (hanna's): verify must catch it
known=$(sql "SELECT password_hash FROM app_user WHERE username = 'hanna'")
sql "UPDATE app_user SET password_hash = '$known' WHERE username = 'anna'"
fails "verify finds an administrator's hash changed behind kansli's back" "table app_user row .* field password_hash" k verify
hasnt_out "naming it by digest, never the hash" 'argon2'
grep -q argon2 "$T/err" && fail "verify's message shows a hash" || pass "verify's message shows no hash"

# ---- an installation from before: its log holds hashes themselves ----
# tests/data/pre-digest: an installation made by the version before this
# (schema 34: init, kommun, anna administrator, rita registrator who
# changed her password), its log with three argon2id hashes in it.
F="$(dirname "$0")/../data/pre-digest"
OLD="$T/old"
mkdir -p "$OLD/keys" "$OLD/blobs/tmp" && chmod 700 "$OLD/keys" &&
	sqlite3 "$OLD/kansli.db" <"$F/kansli.sql" && base64 -d "$F/log.key.b64" >"$OLD/keys/log.key" &&
	base64 -d "$F/log.pub.b64" >"$OLD/keys/log.pub" && chmod 600 "$OLD/keys/log.key" ||
	{ fail "the old installation cannot be set up"; exit 1; }
old() { env KANSLI_DATA="$OLD" "$KANSLI" "$@"; }
oldsql() { sqlite3 -cmd '.timeout 20000' "$OLD/kansli.db" "$1"; }
same "its log holds hashes" "3" "$(oldsql "SELECT count(*) FROM event WHERE data LIKE '%argon2%'")"
# any command but verify runs the migrations made since (verify reads only)
ok "the upgrade: the new version opens it" old user list
ok "it verifies after the upgrade" old verify
ok "a change to a user after it" old user disable rita
ok "verifies too" old verify
same "and logs a digest" "3" "$(oldsql "SELECT count(*) FROM event WHERE data LIKE '%argon2%'")"
ok "its events as the operator lists them" old log events --json --limit 1000
hasnt_out "show the old ones' hashes as digests" 'argon2'
grep -q 'password_hash\\":\\"sha256:' "$T/out" && pass "as sha256:..." || fail "the old events' digests are not shown"
oldsql "UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE username = 'rita')
	WHERE username = 'anna'"
fails "a hash changed behind kansli's back there is found" "table app_user row .* field password_hash" old verify
grep -q argon2 "$T/err" && fail "verify's message shows a hash" || pass "verify's message shows no hash"
