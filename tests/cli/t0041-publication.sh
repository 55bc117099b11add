#!/bin/sh
# t0041 — what is published is only what may be: a notice attaches only a
# public file of its own organisation or one uploaded for a notice, and a
# secret, foreign or unknown file all get the same answer, so the board
# cannot be used to probe for files; a requester's name and contact are not
# published with the request; nothing answered to a session is cached.
TEST_NAME=publication
. "$(dirname "$0")/lib.sh"

export KANSLI_NOW=2026-12-01
k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommunen" >/dev/null
k org add annan "Grannkommunen" >/dev/null
k series add KS "Kommunstyrelsen" --org kommun >/dev/null
k series add GS "Grannstyrelsen" --org annan >/dev/null
echo "Losenord-for-nina" | k user add nina "Nina Nämndsekreterare" --password-stdin >/dev/null
k user grant nina namndsekreterare --org kommun >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org kommun >/dev/null
NT=$(k token add nina robot --days 30)
printf 'Kallelse till sammanträde\n' >"$T/kallelse.txt"
printf 'Utredning om Karin Hemlig\n' >"$T/utredning.txt"
printf 'Grannkommunens protokoll\n' >"$T/granne.txt"
printf 'Planförslaget\n' >"$T/plan.txt"
c=$(k case open --org kommun --series KS --title "Sammanträden")
k record add "$c" --org kommun --direction internal --title "Kallelse" --file "$T/kallelse.txt" >/dev/null
k record add "$c" --org kommun --direction in --title "Utredning" --secrecy full --legal-ground "OSL 26 kap. 1 §" \
	--file "$T/utredning.txt" >/dev/null
g=$(k case open --org annan --series GS --title "Grannens ärende")
k record add "$g" --org annan --direction internal --title "Protokoll" --file "$T/granne.txt" >/dev/null
k notice post --org kommun --kind other --board KS --title "Granskning" --file "$T/plan.txt" >/dev/null
hash() { sql "SELECT hash FROM record_file WHERE name = '$1'"; }
public=$(hash kallelse.txt); secret=$(hash utredning.txt); foreign=$(hash granne.txt)
noticed=$(sql "SELECT file_hash FROM notice WHERE title = 'Granskning'")
unknown=$(printf 'finns inte' | sha256sum | cut -c1-64)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

# ---- a notice's file ----
post() { # post HASH: a notice naming a stored file, through the API
	code -H "Authorization: Bearer $NT" -H 'Content-Type: application/json' \
		--data-binary "{\"kind\":\"other\",\"board\":\"KS\",\"title\":\"Anslag\",\"file_hash\":\"$1\",\"file_name\":\"fil.txt\"}" \
		"$U/api/v1/notices?org=kommun"
}
before=$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")
same "a secret record's file may not be posted" "404" "$(post "$secret")"
cp "$T/body" "$T/secret.body"
same "another organisation's public file may not be posted" "404" "$(post "$foreign")"
cp "$T/body" "$T/foreign.body"
same "an unknown file: the same status" "404" "$(post "$unknown")"
cp "$T/body" "$T/unknown.body"
cmp -s "$T/secret.body" "$T/unknown.body" && cmp -s "$T/foreign.body" "$T/unknown.body" \
	&& pass "secret, foreign and unknown files get the same answer" \
	|| fail "answers differ: $(cat "$T/secret.body" "$T/foreign.body" "$T/unknown.body")"
grep -q "$secret" "$T/secret.body" && fail "the answer echoes the hash" || pass "the answer does not echo the hash"
same "nothing was posted" "$before" "$(sql "SELECT count(*) FROM notice"):$(sql "SELECT count(*) FROM event")"
same "the organisation's public record file may be posted" "201" "$(post "$public")"
same "a file uploaded for a notice may be posted again" "201" "$(post "$noticed")"
same "the public file is on the board" "200" "$(code "$U/anslagstavla/fil?org=kommun&id=$(sql "SELECT max(id) FROM notice")")"
same "and is the notice's file" "Planförslaget" "$(cat "$T/body")"

# ---- a document request's requester ----
ok "a request with a name and a contact" k request submit --org kommun --message "Protokollen från maj" \
	--name "Jenny Journalist" --contact "jenny@example.org"
ok "an anonymous request" k request submit --org kommun --message "Delegationsordningen"
named=$(k request show 1 --org kommun --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["case"])')
anon=$(k request show 2 --org kommun --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["case"])')
same "the requester's name and contact are masked" "partial|party,body|OSL 21 kap. 7 §" \
	"$(sql "SELECT r.secrecy, r.masked_fields, r.legal_ground FROM record r WHERE r.party_name = 'Jenny Journalist'")"
same "an anonymous request has nothing to mask" "none" \
	"$(sql "SELECT r.secrecy FROM record r JOIN case_file c ON c.id = r.case_id WHERE c.seq = ${anon##*/} AND r.seq = 1")"
for url in "offentlig/diarium?org=kommun" "offentlig/data.json?org=kommun" "offentlig/flode.atom?org=kommun"; do
	curl -s "$U/$url" >"$T/pub"
	if grep -qi "Jenny\|Journalist\|jenny@example" "$T/pub"; then fail "the requester is published on /$url"; else pass "no requester on /$url"; fi
done
curl -s "$U/offentlig/data.json?org=kommun&q=utl%C3%A4mnande" >"$T/pub"
grep -q "\"$named-1\"" "$T/pub" && pass "the request itself is found in the public search" || fail "positive control ($(cat "$T/pub"))"
for q in Jenny Journalist "jenny%40example.org" example; do
	curl -s "$U/offentlig/data.json?org=kommun&q=$q" >"$T/pub"
	if grep -q "\"$named-1\"" "$T/pub"; then fail "the public search finds the request by '$q'"; else pass "the public search does not find it by '$q'"; fi
done
curl -s "$U/offentlig/data.json?org=kommun" >"$T/pub.json"
python3 - "$T/pub.json" "$named" <<'PY' && pass "the public entry shows the request with the ground instead of the name" || fail "public entry"
import json, sys
rows = json.load(open(sys.argv[1]))
rows = rows.get("records", rows) if isinstance(rows, dict) else rows
entry = [r for r in rows if r["number"] == sys.argv[2] + "-1"][0]
assert entry["party"].startswith("Sekretess enligt OSL 21 kap. 7"), entry
assert entry["title"] == "Begäran om utlämnande av allmän handling", entry
PY
k --user rita record show "$named-1" --org kommun --json >"$T/staff.json"
grep -q "Jenny Journalist" "$T/staff.json" && pass "the registrar sees who asked" || fail "registrar view ($(cat "$T/staff.json"))"

# ---- caching ----
headers() { curl -s -D - -o /dev/null "$@" | tr -d '\r'; }
headers "$U/offentlig/data.json?org=kommun" >"$T/h"
grep -qi "^Cache-Control: public, max-age=60" "$T/h" && pass "without a session the public data is cacheable" || fail "public cache ($(cat "$T/h"))"
grep -qi "^Vary: Cookie" "$T/h" && pass "and varies by cookie" || fail "Vary without session"
for url in "offentlig/data.json?org=kommun" "offentlig/flode.atom?org=kommun" "static/kansli.css" \
           "offentlig/logg/checkpoint" "anslagstavla/aktuellt?org=kommun" "offentlig/diarium?org=kommun"; do
	headers -b "kansli=0123456789abcdef" "$U/$url" >"$T/h"
	if [ "$(grep -ci '^Cache-Control:' "$T/h")" = 1 ] && grep -qi '^Cache-Control: private, no-store$' "$T/h" \
	   && grep -qi '^Vary: Cookie' "$T/h"; then
		pass "with a session cookie /$url is private, no-store, Vary: Cookie"
	else
		fail "with a session cookie /$url: $(grep -i 'cache-control\|vary' "$T/h" | tr '\n' ' ')"
	fi
done
curl -s -c "$T/nina" "$U/login" >"$T/login"
lt=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/login")
curl -s -c "$T/nina" -b "$T/nina" -o /dev/null --data-urlencode "login_token=$lt" --data-urlencode username=nina \
	--data-urlencode password=Losenord-for-nina "$U/login"
headers -b "$T/nina" "$U/anslagstavla/aktuellt?org=kommun" >"$T/h"
grep -qi '^Cache-Control: private, no-store$' "$T/h" && grep -qi '^Vary: Cookie' "$T/h" \
	&& pass "a logged-in user's public page is private" || fail "logged-in page ($(cat "$T/h"))"
headers -b "$T/nina" "$U/" >"$T/h"
grep -qi '^Cache-Control: private, no-store$' "$T/h" && pass "a staff page is private, no-store" || fail "staff page ($(cat "$T/h"))"
headers -H "Authorization: Bearer $NT" "$U/api/v1/notices?org=kommun" >"$T/h"
grep -qi '^Cache-Control: private, no-store$' "$T/h" && pass "an API answer to a token is private, no-store" || fail "API ($(cat "$T/h"))"
ok "verify" k verify
