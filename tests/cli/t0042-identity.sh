#!/bin/sh
# t0042 — who someone is: guessing passwords from one address throttles that
# address, not the real user, and an unknown user name takes as long as a
# known one; a personnummer already bound to one name is not silently
# linked to another; the installation's administrator is nobody's second
# pair of eyes in a disposal; and every accepted write's event says what
# it changed.
TEST_NAME=identity
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-12-01
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommunen" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in rita:registrator lasse:lasare arkiv1:arkivarie arkiv2:arkivarie; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
RT=$(k token add rita robot --days 30)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
# login FROM JAR USER PASSWORD: the status of a login from address FROM
login() {
	curl -s --interface "$1" -c "$2" -b "$2" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	curl -s --interface "$1" -c "$2" -b "$2" -o "$T/body" -w '%{http_code}' --data-urlencode "login_token=$tok" \
		--data-urlencode "username=$3" --data-urlencode "password=$4" "$U/login"
}
fake_failures() { # fake_failures USER ADDRESS N: N failed logins in the last minutes
	sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $3)
	     INSERT INTO login_failure(username, ts_us, address) SELECT '$1', $(date +%s)000000 - i, '$2' FROM n"
}

# ---- throttling per address ----
same "a wrong password from the attacker's address" "401" "$(login 127.0.0.2 "$T/x" lasse fel-losenord)"
same "the failure is counted with its address" "lasse|127.0.0.2" "$(sql "SELECT username, address FROM login_failure ORDER BY id DESC LIMIT 1")"
fake_failures lasse 127.0.0.2 99
same "after 100 failures the attacker's address is throttled, even with the right password" "429" \
	"$(login 127.0.0.2 "$T/x" lasse Losenord-for-lasse)"
same "and for every account" "429" "$(login 127.0.0.2 "$T/x" rita Losenord-for-rita)"
same "the real user from another address still logs in" "303" "$(login 127.0.0.1 "$T/lasse" lasse Losenord-for-lasse)"
same "so does anyone else" "303" "$(login 127.0.0.1 "$T/rita" rita Losenord-for-rita)"
# many addresses guessing one account: those addresses are refused, a clean one is not
sql "DELETE FROM login_failure"
i=0
while [ $i -lt 10 ]; do fake_failures rita "10.0.0.$i" 10; i=$((i + 1)); done
fake_failures rita 127.0.0.4 1
same "an address that guessed on an account under attack is refused" "429" "$(login 127.0.0.4 "$T/y" rita Losenord-for-rita)"
same "the real user from a clean address is not" "303" "$(login 127.0.0.5 "$T/z" rita Losenord-for-rita)"
sql "DELETE FROM login_failure"

# ---- an unknown user name costs as much as a known one ----
t_known=0; t_unknown=0
for n in 1 2 3; do
	curl -s --interface 127.0.0.6 -c "$T/t" -b "$T/t" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	t_known=$(curl -s --interface 127.0.0.6 -c "$T/t" -b "$T/t" -o /dev/null -w '%{time_total}' --data-urlencode "login_token=$tok" \
		--data-urlencode username=lasse --data-urlencode password=fel-losenord "$U/login" | awk -v s="$t_known" '{ print s + $1 }')
	curl -s --interface 127.0.0.6 -c "$T/t" -b "$T/t" "$U/login" >"$T/loginpage"
	tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
	t_unknown=$(curl -s --interface 127.0.0.6 -c "$T/t" -b "$T/t" -o /dev/null -w '%{time_total}' --data-urlencode "login_token=$tok" \
		--data-urlencode username=finns-inte --data-urlencode password=fel-losenord "$U/login" | awk -v s="$t_unknown" '{ print s + $1 }')
done
# The hash dominates both (tens of milliseconds); a lookup alone is well under a millisecond.
awk -v k="$t_known" -v u="$t_unknown" 'BEGIN { exit !(u > k / 3 && u < k * 3) }' \
	&& pass "an unknown user name takes as long as a known one (known ${t_known}s, unknown ${t_unknown}s for 3)" \
	|| fail "timing differs: known ${t_known}s, unknown ${t_unknown}s for 3 logins"

# ---- a personnummer bound to another name ----
c=$(k case open --series KS --title "Ansökan om bistånd")
ok "the first registration binds the number to the name" k record add "$c" --direction in --title "Ansökan" \
	--person "Anna Andersson" --id 19121212-1212
before=$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM party"):$(sql "SELECT count(*) FROM event")
fails "the same number under another name is refused, naming the conflict" \
	"already bound to 'Anna Andersson', not 'Anna Berg'" \
	k record add "$c" --direction in --title "Komplettering" --person "Anna Berg" --id 19121212-1212
same "as a conflict (exit 4)" "4" "$(k record add "$c" --direction in --title "K" --person "Anna Berg" --id 191212121212 >/dev/null 2>&1; echo $?)"
same "API: refused as a conflict" "409" "$(code -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' \
	--data-binary "{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"K\",\"party\":{\"kind\":\"person\",\"name\":\"Anna Berg\",\"id\":\"19121212-1212\"}}" \
	"$U/api/v1/records?org=kommun")"
grep -q "Anna Andersson" "$T/body" && pass "API: the message names the conflict" || fail "API message ($(cat "$T/body"))"
curl -s -b "$T/rita" "$U/registrera?org=kommun" >"$T/form"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/form" | head -1)
grep -q 'name="samma_person"' "$T/form" && pass "the registration form asks whether it is the same person" || fail "checkbox"
same "web: refused without the checkbox" "409" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "arende=$c" --data-urlencode riktning=in --data-urlencode rubrik=K --data-urlencode part_typ=person \
	--data-urlencode "part_namn=Anna Berg" --data-urlencode part_id=19121212-1212 "$U/registrera")"
grep -q "Anna Andersson" "$T/body" && grep -q "registrerades inte" "$T/body" && pass "web: the form says why" || fail "web message"
same "nothing was linked or stored" "$before" "$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM party"):$(sql "SELECT count(*) FROM event")"
ok "the same name spelled differently is the same party" k record add "$c" --direction in --title "Yttrande" \
	--person "anna  ANDERSSON" --id 19121212-1212
ok "confirmed as the same person" k record add "$c" --direction in --title "Komplettering" --person "Anna Berg" \
	--id 19121212-1212 --same-person
same "linked to the one party" "1" "$(sql "SELECT count(DISTINCT party_id) FROM record WHERE party_id IS NOT NULL")"
same "the record keeps the name it was given" "Anna Berg" "$(sql "SELECT party_name FROM record WHERE title = 'Komplettering'")"
same "the confirmation is logged with both names" '{"known_as":"Anna Andersson","name":"Anna Berg"}' \
	"$(sql "SELECT data FROM event WHERE action = 'party.same_person'")"
same "API: confirmed with same_person" "201" "$(code -H "Authorization: Bearer $RT" -H 'Content-Type: application/json' \
	--data-binary "{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"K2\",\"party\":{\"kind\":\"person\",\"name\":\"Anna Berg\",\"id\":\"19121212-1212\",\"same_person\":true}}" \
	"$U/api/v1/records?org=kommun")"
same "web: confirmed with the checkbox" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "arende=$c" --data-urlencode riktning=in --data-urlencode rubrik=K3 --data-urlencode part_typ=person \
	--data-urlencode "part_namn=Anna Berg" --data-urlencode part_id=19121212-1212 --data-urlencode samma_person=1 "$U/registrera")"
cat >"$T/import.jsonl" <<'JSONL'
{"dnr":"KS 2019/0001","doc_no":1,"series":"KS","case_title":"Bistånd","date":"2019-01-02","direction":"in","party_type":"person","party_name":"Anna Andersson","party_id":"19121212-1212","doc_title":"Ansökan","secret":false}
{"dnr":"KS 2019/0002","doc_no":1,"series":"KS","case_title":"Bygglov","date":"2019-02-03","direction":"in","party_type":"person","party_name":"Bo Bengtsson","party_id":"19121212-1212","doc_title":"Ansökan","secret":false}
JSONL
ok "an imported registry's own bindings are taken" k import "$T/import.jsonl"
same "and each conflicting one is logged with both names" '{"known_as":"Anna Andersson","name":"Bo Bengtsson"}' \
	"$(sql "SELECT data FROM event WHERE action = 'party.same_person' ORDER BY id DESC LIMIT 1")"
k record add "$c" --direction in --title A --organisation "Datainspektionen" --id 556677-8899 >/dev/null
ok "an organisation renamed under its number is still linked" k record add "$c" --direction in --title B \
	--organisation "Integritetsskyddsmyndigheten" --id 556677-8899
same "to the one organisation" "1" "$(sql "SELECT count(DISTINCT party_id) FROM record WHERE title IN ('A', 'B')")"

# ---- four eyes in a disposal ----
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;Bygglov;;gallras;2;RA-FS 2021:6;ja
CSV
k retention schedule import "$T/plan.csv" >/dev/null
d=$(k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1)
k record add "$d" --direction in --title "Ansökan om bygglov" >/dev/null
k case close "$d" >/dev/null
export KANSLI_NOW=2030-01-15
run=$(k --user arkiv1 disposal propose | sed -n 's/[^0-9]*\([0-9][0-9]*\).*/\1/p' | head -1)
fails "the installation's administrator cannot approve" "needs a named archivist other than" k disposal approve "$run"
same "refused as not allowed (exit 5)" "5" "$(k disposal approve "$run" >/dev/null 2>&1; echo $?)"
same "still waiting for approval" "proposed" "$(sql "SELECT status FROM disposal_run WHERE id = $run")"
fails "nor can the proposer" "another archivist must approve it" k --user arkiv1 disposal approve "$run"
ok "a named archivist other than the proposer approves" k --user arkiv2 disposal approve "$run"
ok "and the run is executed" k --user arkiv2 disposal execute "$run" --series KS
export KANSLI_NOW=2026-12-01

# ---- every accepted write says what it changed ----
same "a second session" "303" "$(login 127.0.0.1 "$T/rita2" rita Losenord-for-rita)"
C=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
same "log out the other sessions" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" "$U/sessioner/avsluta-andra")"
python3 - "$(sql "SELECT data FROM event WHERE action = 'session.end_others'")" "$(sql "SELECT id FROM session WHERE ended_us IS NULL AND user_id = (SELECT id FROM app_user WHERE username = 'rita')")" <<'PY' \
	&& pass "session.end_others names the session kept and those ended" || fail "end_others data"
import json, sys
d = json.loads(sys.argv[1])
assert d["kept"] == int(sys.argv[2]) and len(d["ended"]) >= 1, d
PY
tid=$(sql "SELECT id FROM api_token WHERE name = 'robot'")
ok "revoke a token" k token revoke "$tid"
same "token.revoke names whose token" '{"name":"robot","user":"rita"}' "$(sql "SELECT json_remove(data, '$.state') FROM event WHERE action = 'token.revoke'")"
fails "revoking it again is refused" "no API token $tid that is not already revoked" k token revoke "$tid"
same "no event anywhere is empty" "0" "$(sql "SELECT count(*) FROM event WHERE data IN ('{}', '', 'null')")"
ok "verify" k verify
