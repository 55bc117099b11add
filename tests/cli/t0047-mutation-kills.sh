#!/bin/sh
# t0047 — the mistakes mutation testing showed the suite would not notice
# (issue 19): each check here fails when one plausible one-line mistake is
# made in the trust core. The CSRF token of a form and of the API must be
# the session's, not just present; the session cookie is HttpOnly; a fully
# secret record's party and a masked party in a record's history are
# hidden from a reader; a partially secret title is not published; verify
# notices a changed document type and a changed disposal mark; a record due
# exactly today is due; the last day of the appeal period; a corrected
# direction is kept; a closed case refuses corrections; an import never
# moves the numbering back. scripts/mutate runs this file for the files it
# guards (tests/mutation-map).
TEST_NAME=mutation-kills
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse Läsare" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
k user grant lasse lasare >/dev/null
field() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d[int(k)] if isinstance(d, list) else d.get(k)
print(d)' "$1"; }

# --- Roles: only the six roles exist (a role check by name must match exactly).
fails "an unknown role is refused" "unknown role 'hemlig'" k user grant lasse hemlig
fails "a role name's prefix is refused" "unknown role 'registrato'" k user grant lasse registrato
same "... and nothing was granted" "lasare" "$(sql "SELECT group_concat(role) FROM user_role ur JOIN app_user u ON u.id = ur.user_id WHERE u.username = 'lasse'")"

# --- Masking: a fully secret record's party, a masked party in the history.
c=$(k case open --series KS --title "Utredning om försörjningsstöd")
full=$(k record add "$c" --direction in --title "Anmälan" --person "Karin Hemlig" --secrecy full \
	--legal-ground "OSL 26 kap. 1 §")
same "a reader sees the notice, not the party of a fully secret record" "Sekretess enligt OSL 26 kap. 1 §" \
	"$(k --user lasse record show "$full" --json | field party)"
same "a registrar sees the party" "Karin Hemlig" "$(k --user rita record show "$full" --json | field party)"
part=$(k record add "$c" --direction in --title "Ansökan om stöd" --person "Per Dold" --secrecy partial \
	--mask party --legal-ground "OSL 26 kap. 1 §")
k --user rita record correct "$part" --reason "Rubriken rättad" --title "Ansökan om ekonomiskt stöd" >/dev/null
same "the history keeps the earlier version" "Ansökan om stöd" \
	"$(k --user rita record show "$part" --json | field history.0.previous.title)"
same "a masked party stays hidden in the history" "Sekretess enligt OSL 26 kap. 1 §" \
	"$(k --user lasse record show "$part" --json | field history.0.previous.party)"
same "... and in the current version" "Sekretess enligt OSL 26 kap. 1 §" \
	"$(k --user lasse record show "$part" --json | field party)"
k --user lasse record show "$part" --json | grep -q "Per Dold" && fail "the masked party's name is in the reader's view" ||
	pass "the masked party's name is nowhere in the reader's view"
ttl=$(k record add "$c" --direction in --title "Orosanmälan gällande barn" --organisation "Skolan" \
	--secrecy partial --mask title --legal-ground "OSL 26 kap. 1 §")

# --- Corrections: the direction is kept; a closed case refuses them.
r=$(k record add "$c" --direction in --title "Skrivelse")
ok "correct the direction" k --user rita record correct "$r" --reason "Var utgående" --direction out
same "the corrected direction is kept" "out" "$(k record show "$r" --json | field direction)"
same "the history has the earlier direction" "in" "$(k record show "$r" --json | field history.0.previous.direction)"
closed=$(k case open --series KS --title "Avslutat ärende")
cr=$(k record add "$closed" --direction in --title "Brev")
k case close "$closed" >/dev/null
fails "a record of a closed case cannot be corrected" "closed" k record correct "$cr" --reason "x" --title "Nytt"
same "... and is unchanged" "Brev|1" "$(sql "SELECT r.title || '|' || r.version FROM record r JOIN case_file c ON c.id = r.case_id WHERE c.title = 'Avslutat ärende'")"

# --- Numbering: an import never moves the counter back.
cat >"$T/imp.jsonl" <<'JSON'
{"dnr": "KS 2026/0040", "doc_no": 1, "series": "KS", "organ": "Kommunstyrelsen", "case_title": "Importerat högt", "class_code": "", "class_title": "", "officer": "", "case_opened": "2026-01-10", "date": "2026-01-10", "direction": "inkommande", "party_type": "organisation", "party_name": "Bolaget AB", "party_id": "", "doc_title": "Brev", "secret": false, "osl": "", "body": ""}
{"dnr": "KS 2026/0030", "doc_no": 1, "series": "KS", "organ": "Kommunstyrelsen", "case_title": "Importerat lägre", "class_code": "", "class_title": "", "officer": "", "case_opened": "2026-01-05", "date": "2026-01-05", "direction": "inkommande", "party_type": "organisation", "party_name": "Bolaget AB", "party_id": "", "doc_title": "Brev", "secret": false, "osl": "", "body": ""}
JSON
ok "import a high number, then a lower one" k import "$T/imp.jsonl"
same "the next case continues after the highest number" "KS 2026/0041" "$(k case open --series KS --title "Nytt efter import")"

# --- Retention: a record due exactly today is due; the day before it is not.
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
9.9;Kvitton;;gallras;2;RA-FS 2021:6;nej
CSV
k retention schedule import "$T/plan.csv" >/dev/null
kv=$(k case open --series KS --title "Kvitton 2026" --class 9.9)
k record add "$kv" --direction in --title "Kvitto" >/dev/null
k case close "$kv" >/dev/null
due_count() { KANSLI_NOW=$1 k retention due --json | field count; }
same "the day before it is due, nothing is due" "0" "$(due_count 2028-11-30)"
same "on its due day (closed 2026-12-01 + 2 years) it is due" "1" "$(due_count 2028-12-01)"

# --- The appeal period: minutes stay up through its last day.
ok "minutes posted" k notice post --kind minutes --board Kommunstyrelsen --title "Protokoll KS" \
	--meeting-date 2026-11-30 --adjusted 2026-12-01 --storage-place "Kansliet" --json
same "the appeal period's last day" "2026-12-22" "$(field appeal_end <"$T/out")"
fails "a down date on the last day of the appeal period is refused" "appeal period" \
	k notice post --kind minutes --board Kommunstyrelsen --title "Protokoll KS 2" --meeting-date 2026-11-30 \
	--adjusted 2026-12-01 --storage-place "Kansliet" --down 2026-12-22
ok "the day after it is the earliest down date" k notice post --kind minutes --board Kommunstyrelsen \
	--title "Protokoll KS 3" --meeting-date 2026-11-30 --adjusted 2026-12-01 --storage-place "Kansliet" --down 2026-12-23
same "on the last day of the appeal period the minutes are on the board" "2" \
	"$(KANSLI_NOW=2026-12-22 k notice list --json | python3 -c 'import json,sys; print(sum(1 for n in json.load(sys.stdin) if n["kind"] == "minutes"))')"
same "the day after, they are not" "0" \
	"$(KANSLI_NOW=2026-12-23 k notice list --json | python3 -c 'import json,sys; print(sum(1 for n in json.load(sys.stdin) if n["kind"] == "minutes"))')"

# --- The server: CSRF values, the cookie, the published title.
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
curl -s -c "$T/jar" -b "$T/jar" -D "$T/loginhdr" -o /dev/null --data-urlencode "login_token=$tok" \
	--data-urlencode "username=rita" --data-urlencode "password=Losenord-for-rita" "$U/login"
grep -i '^set-cookie: kansli=' "$T/loginhdr" | grep -q 'HttpOnly' &&
	pass "the session cookie is set HttpOnly" || fail "session cookie without HttpOnly: $(grep -i set-cookie "$T/loginhdr")"
grep -i '^set-cookie: kansli=' "$T/loginhdr" | grep -q 'SameSite=Strict' &&
	pass "the session cookie is SameSite=Strict" || fail "session cookie without SameSite=Strict"
C=$(curl -s -b "$T/jar" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ -n "$C" ] && pass "forms carry the session's CSRF token" || fail "no CSRF token on the start page"
wrong=$(printf '%s' "$C" | tr '0-9a-f' '1-9a-f0')
note() { code -b "$T/jar" --data-urlencode "csrf=$1" --data-urlencode org=kommun --data-urlencode "nr=$c" \
	--data-urlencode atgard=anteckna --data-urlencode "anteckning=$2" "$U/arende"; }
same "a form with another token of the same length is refused" "403" "$(note "$wrong" "Med fel token")"
same "a form with an empty token is refused" "403" "$(note "" "Med tom token")"
same "a form with the session's token is accepted" "303" "$(note "$C" "Med rätt token")"
same "the note is logged as the logged-in user" "user:rita" \
	"$(sql "SELECT actor FROM event WHERE action = 'case.note' ORDER BY id DESC LIMIT 1")"
same "only the note with the right token was written" "Med rätt token" \
	"$(k case show "$c" --json | python3 -c 'import json,sys; print(" ".join(n["text"] for n in json.load(sys.stdin)["notes"]))')"
api_open() { code -b "$T/jar" -H "X-CSRF-Token: $1" -H 'Content-Type: application/json' \
	-d '{"series":"KS","title":"Via API med cookie"}' "$U/api/v1/cases?org=kommun"; }
same "the API with the cookie and another token is refused" "403" "$(api_open "$wrong")"
same "the API with the cookie and the session's token opens the case" "201" "$(api_open "$C")"
head -c 52428900 /dev/zero >"$T/big"
same "an oversize upload is 413" "413" "$(code -b "$T/jar" -F "csrf=$C" -F "fil=@$T/big" "$U/registrera")"
grep -q "Begäran är för stor" "$T/body" && pass "... and the page says the request is too large" ||
	fail "the 413 page does not say why: $(head -c 300 "$T/body")"
rm -f "$T/big"
same "the public registry shows the notice, not a secret title" "Sekretess enligt OSL 26 kap. 1 §" \
	"$(curl -s "$U/offentlig/data.json?org=kommun" | python3 -c 'import json,sys
d = json.load(sys.stdin)
rows = d["records"] if isinstance(d, dict) else d
print([r["title"] for r in rows if r["number"] == sys.argv[1]][0])' "$ttl")"
curl -s "$U/offentlig/diarium?org=kommun" | grep -q "Orosanmälan" &&
	fail "the secret title is on the public page" || pass "the secret title is not on the public page"
kill $pid 2>/dev/null; wait $pid 2>/dev/null || true

# --- verify: the document type and the disposal mark are checked.
k verify >/dev/null 2>&1 && pass "verify before tampering" || fail "verify before tampering"
sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$KANSLI_DATA/kansli.db" "$T/clean.db"
sql "UPDATE record SET doc_type = 'Kvitto' WHERE id = (SELECT min(id) FROM record)"
fails "verify notices a changed document type" "" k verify
cp "$T/clean.db" "$KANSLI_DATA/kansli.db"; rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
sql "UPDATE record SET disposed_note = 'Gallrad 2026-12-01' WHERE id = (SELECT min(id) FROM record)"
fails "verify notices a disposal mark that was never made" "" k verify
