#!/bin/sh
# t0181 — the inbox keeps secrets after registration (an outside review's
# finds, s8b B1 and B2). A registered item's title and sender are named as
# the open registry names its record, never from the record's own columns:
# the officer it was forwarded to, without the right to the case's
# secrets, neither sees nor finds "Kalle". And a mail split or joined into
# a case that holds secret records is not registered open by default: the
# registrar says its secrecy, or the split is refused and changes nothing.
TEST_NAME=intake-secrets
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
mail() { k intake mail --org kommun; }
OSL="OSL 26 kap. 1 §"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k unit add SBF "Samhällsbyggnad" >/dev/null
for u in reg hand; do echo "Losenord-for-$u" | k user add $u $u --password-stdin >/dev/null; done
k user grant reg registrator >/dev/null
k user grant hand handlaggare --unit SBF >/dev/null
sn=$(k case open --series SN --title "Utredning enligt SoL")
k record add "$sn" --direction internal --title "Utredning" --secrecy full --legal-ground "$OSL" >/dev/null

msg() { # msg N SUBJECT FROM: a mail with two attachments
	printf 'From: %s <x%s@x.example>\nSubject: %s\nMessage-ID: <s%s@x.example>\nMIME-Version: 1.0\n' "$3" "$1" "$2" "$1"
	printf 'Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nOro för Kalle.\n'
	printf -- '--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=a.txt\n\nA\n'
	printf -- '--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=b.txt\n\nB\n--b--\n'
}
msg 1 "Anmälan om Kalle Hemlig" "Kalle Hemlig" | mail >/dev/null
msg 2 "Orosanmälan om Kalle Hemlig" "Lisa Hemlig" | mail >/dev/null
msg 3 "Komplettering Kalle" "Lisa Hemlig" | mail >/dev/null
msg 4 "Komplettering två" "Lisa Hemlig" | mail >/dev/null

# B1: forwarded, then registered secret
ok "forwarded to the officer" k --user reg intake forward 1 --to hand
fails "registering into the secret case without saying its secrecy is refused" "secrecy" \
	k --user reg intake register 1 --case "$sn"
ok "registered secret" k --user reg intake register 1 --case "$sn" --secrecy full --legal-ground "$OSL" \
	--person "Kalle Hemlig"
ok "the officer lists the inbox" k --user hand intake list --state all --json
grep -q "Kalle\|Hemlig" "$T/out" && fail "the officer reads the secret record's name: $(grep -o '.\{40\}Hemlig.\{20\}' "$T/out" | head -2)" \
	|| pass "the officer reads no secret name in the inbox"
ok "the officer searches for kalle" k --user hand intake list --state all --text kalle --json
same "and finds nothing" "0" "$(j "$T/out" 'len(d) if isinstance(d, list) else len(d["items"])')"
ok "the registrar's list" k --user reg intake list --state all --json
grep -q "Anmälan om Kalle" "$T/out" && fail "the registrar's inbox names the secret title" || pass "the inbox names it as the open registry does"

# B2: split and join into the secret case
fails "a split into the secret case without secrecy is refused" "secrecy" \
	k --user reg intake split 2 --part "$sn:1" --part "$sn:2"
same "(nothing registered)" "2" "$(sql "SELECT count(*) FROM record")"
ok "a split saying its secrecy" k --user reg intake split 2 --part "$sn:1" --part "$sn:2" --secrecy full --legal-ground "$OSL"
same "both parts are secret" "full full" "$(sql "SELECT group_concat(secrecy, ' ') FROM (SELECT secrecy FROM record WHERE seq > 2 ORDER BY seq)")"
fails "a join into the secret case without secrecy is refused" "secrecy" \
	k --user reg intake join 3 4 --case "$sn"
ok "a join saying its secrecy" k --user reg intake join 3 4 --case "$sn" --secrecy full --legal-ground "$OSL"
same "it is secret" "full" "$(sql "SELECT secrecy FROM record ORDER BY id DESC LIMIT 1")"
ks=$(k case open --series KS --title "Bygglov")
msg 5 "Två bygglov" "Olle Öppen" | mail >/dev/null
ok "a case without secrets takes a split unasked" k --user reg intake split 5 --part "$ks:1" --part "$ks:2"
k reindex >/dev/null
web_serve
same "the public registry" "200" "$(code "$U/offentlig/diarium?org=kommun")"
grep -q "Lisa\|Kalle" "$T/body" 2>/dev/null && fail "the public registry names a secret part: $(grep -o ".\{60\}\(Lisa\|Kalle\).\{30\}" "$T/body" | head -3)" || pass "the public registry names no secret part"

# the page: its forms choose the secrecy, unchosen is refused in a secret case
msg 6 "Anmälan via sidan" "Lisa Hemlig" | mail >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null
web_serve
J="$T/jar"
same "the registrar logs in" "303" "$(login "$J" reg Losenord-for-reg)"
same "the item's page" "200" "$(code -b "$J" "$U/inkorg/post?org=kommun&id=6")"
grep -q 'name="sekretess"' "$T/body" && pass "its forms offer a secrecy" || fail "no secrecy field on the item's page"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
post() { curl -s -o "$T/body" -w '%{http_code}' -b "$J" "$U/inkorg" --data-urlencode "csrf=$csrf" \
	--data-urlencode "org=kommun" --data-urlencode "formsida=/inkorg/post?org=kommun&id=6" "$@"; }
same "registering into the secret case unchosen is refused" "422" \
	"$(post --data-urlencode atgard=registrera --data-urlencode id=6 --data-urlencode arende="$sn" \
	--data-urlencode rubrik="Anmälan" --data-urlencode datum=2026-12-07 --data-urlencode sekretess=)"
grep -q 'class="error-summary"' "$T/body" && pass "with the summary" || fail "no error summary"
same "(nothing registered)" "0" "$(sql "SELECT count(*) FROM intake_decision WHERE item_id = 6")"
same "registered secret from the page" "303" \
	"$(post --data-urlencode atgard=registrera --data-urlencode id=6 --data-urlencode arende="$sn" \
	--data-urlencode rubrik="Anmälan" --data-urlencode datum=2026-12-07 --data-urlencode sekretess=full \
	--data-urlencode lagrum="$OSL")"
same "(secret)" "full" "$(sql "SELECT r.secrecy FROM intake_decision d JOIN record r ON r.id = d.record_id WHERE d.item_id = 6")"

# a split with one secret part and one open: the text and the original go
# into both, so the open one is refused (s8c C4)
msg 7 "Två saker" "Karin Hemlig" | mail >/dev/null
TR=$(k token add reg reg-api --days 30)
same "a split with a secret part and an open one is refused" "422" "$(curl -s -o "$T/body" -w '%{http_code}' \
	-X POST -H "Authorization: Bearer $TR" -H 'Content-Type: application/json' "$U/api/v1/intake/7/split?org=kommun" \
	-d "{\"parts\":[{\"case\":\"$ks\",\"secrecy\":\"none\",\"attachments\":[1]},{\"case\":\"$sn\",\"secrecy\":\"full\",\"legal_ground\":\"$OSL\",\"attachments\":[2]}]}")"
same "(item 7 still open)" "0" "$(sql "SELECT count(*) FROM intake_decision WHERE item_id = 7")"
