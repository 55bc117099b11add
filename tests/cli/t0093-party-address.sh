#!/bin/sh
# t0093 — two parties of one name are told apart by the address their
# documents give: a record keeps its party's postal address (CLI, API, the
# registration form), the record's own view shows it to staff who may see
# the party, the registration form's suggestions and the party list give it
# beside the masked number; it goes with the party's secrecy (masked with
# it, in the history too), is never published nor searchable, can be
# corrected, and a bad one changes nothing.
TEST_NAME=party-address
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-05-04

k init "$KANSLI_DATA" >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SBF "Samhällsbyggnad" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
c=$(k case open --org kommun --series KS --title "Medborgarförslag om lekplatser" --opened 2026-05-04 --unit SOC)
c2=$(k case open --org kommun --series KS --title "Bygglov" --opened 2026-05-04 --unit SBF)
nl='
'
ok "a letter from Anna Svensson of Storgatan" k record add "$c" --org kommun --direction in --title "Förslag" \
	--person "Anna Svensson" --address "Storgatan 1${nl}123 45 Exempelstad"
ok "and one from another Anna Svensson, of Lillgatan" k record add "$c" --org kommun --direction in \
	--title "Synpunkt" --person "Anna Svensson" --address "Lillgatan 2${nl}543 21 Annanstad"
ok "a letter whose sender is secret, with a protected address" k record add "$c" --org kommun --direction in \
	--title "Kompletterande uppgifter" --person "Berit Skyddad" --address "Hemligvägen 9${nl}999 99 Gömstad" \
	--secrecy partial --mask party --legal-ground "OSL 21 kap. 3 §"
for u in rita:registrator lasa:lasare; do
	echo "Losenord-for-${u%%:*}" | k user add "${u%%:*}" "Användare ${u%%:*}" --password-stdin >/dev/null
	k user grant "${u%%:*}" "${u#*:}" --org kommun >/dev/null
done
echo "Losenord-for-ola" | k user add ola "Ola Bygg" --password-stdin >/dev/null
k user grant ola handlaggare --org kommun --unit SBF >/dev/null

k record show "$c-1" --org kommun --json >"$T/r1"
same "the record keeps its party's address" "Storgatan 1${nl}123 45 Exempelstad" \
	"$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["party_address"])' "$T/r1")"
k --user lasa record show "$c-3" --org kommun --json >"$T/r3" 2>/dev/null
grep -q "Hemligvägen\|Gömstad" "$T/r3" && fail "a reader sees the masked party's address" \
	|| pass "a reader is not told the address of a masked party"
k --user lasa record show "$c-1" --org kommun --json >"$T/r1l"
grep -q "Storgatan" "$T/r1l" && pass "a reader sees the address of an open party" \
	|| fail "a reader is not told an open party's address"
k record list --org kommun --json >"$T/list" 2>/dev/null || k case show "$c" --org kommun --json >"$T/list"
grep -q "Storgatan\|Lillgatan" "$T/list" && fail "a list carries addresses" || pass "lists do not carry addresses"

ok "the party list tells the two apart by address" k --user ola party list --org kommun --json
same "both Anna Svensson, with their addresses" "Lillgatan 2${nl}543 21 Annanstad|Storgatan 1${nl}123 45 Exempelstad" \
	"$(python3 -c 'import json, sys
print("|".join(sorted(p["address"] for p in json.load(open(sys.argv[1])) if p["name"] == "Anna Svensson")))' "$T/out")"
grep -q "Hemligvägen\|Berit" "$T/out" && fail "an officer of another unit is shown the masked party" \
	|| pass "the masked party and its address are not in a list for one who may not see it"

before=$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM event")
fails "an address of six lines is refused" "at most 300 characters on at most 5 lines" \
	k record add "$c" --org kommun --direction in --title "Brev" --person "Carl" --address "1${nl}2${nl}3${nl}4${nl}5${nl}6"
fails "an address without a party is refused" "an address needs a party name" \
	k record add "$c" --org kommun --direction in --title "Brev" --address "Storgatan 1"
fails "an address with a control character is refused" "control character" \
	k record add "$c" --org kommun --direction in --title "Brev" --person "Carl" --address "$(printf 'Gatan\0331')"
fails "a lone carriage return is no line break" "control character\\|at most 300 characters" \
	k record add "$c" --org kommun --direction in --title "Brev" --person "Carl" --address "$(printf 'Gatan 1\r2')"
same "and nothing was registered" "$before" "$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM event")"

ok "a correction gives the new address" k record correct "$c-1" --org kommun --reason "Flyttat" \
	--address "Nya gatan 3${nl}123 45 Exempelstad"
k record show "$c-1" --org kommun --json >"$T/r1"
same "the record has it, the history keeps the old" "Nya gatan 3${nl}123 45 Exempelstad|Storgatan 1${nl}123 45 Exempelstad" \
	"$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); print(r["party_address"] + "|" + r["history"][0]["previous"]["party_address"])' "$T/r1")"
ok "another party without an address drops the old one's" k record correct "$c-2" --org kommun \
	--reason "Fel avsändare" --person "Anna Svensson-Berg"
k record show "$c-2" --org kommun --json >"$T/r2"
same "no address now" "no" "$(python3 -c 'import json, sys; print("yes" if "party_address" in json.load(open(sys.argv[1])) else "no")' "$T/r2")"
ok "the secret sender's address is corrected" k record correct "$c-3" --org kommun --reason "Ny adress" \
	--address "Hemligvägen 10${nl}999 99 Gömstad"
k --user lasa record show "$c-3" --org kommun --json >"$T/r3" 2>/dev/null
grep -q "Hemligvägen\|Gömstad" "$T/r3" && fail "a reader sees the masked party's old address in the history" \
	|| pass "nor its old address in the history"

web_serve KANSLI_NO_RATE_LIMIT=1
same "rita logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
same "ola logs in" "303" "$(login "$T/ola" ola Losenord-for-ola)"
same "the registration form, as the officer of another unit" "200" "$(code -b "$T/ola" "$U/registrera?org=kommun")"
has "offers an address field" 'name="part_adress"'
has "suggests Anna Svensson with her address" '<option value="Anna Svensson">Nya gatan 3, 123 45 Exempelstad</option>'
hasnt "not the masked party's" "Hemligvägen"
same "the registration form, as the registrar" "200" "$(code -b "$T/rita" "$U/registrera?org=kommun")"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
st=$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode "org=kommun" --data-urlencode "arende=$c" \
	--data-urlencode "riktning=in" --data-urlencode "rubrik=Brev från webben" --data-urlencode "part_typ=person" \
	--data-urlencode "part_namn=David Webb" --data-urlencode "part_adress=Webbgatan 5${nl}111 11 Nätby" \
	--data-urlencode "sekretess=none" "$U/registrera")
same "a registration from the form with an address" "303" "$st"
same "keeps it" "Webbgatan 5${nl}111 11 Nätby" "$(sql "SELECT party_address FROM record WHERE party_name = 'David Webb'")"
same "the record page" "200" "$(code -b "$T/rita" "$U/handling?org=kommun&nr=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$c-4")")"
has "shows the address on one line" "Webbgatan 5, 111 11 Nätby"
st=$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode "org=kommun" --data-urlencode "arende=$c" \
	--data-urlencode "riktning=in" --data-urlencode "rubrik=Brev" --data-urlencode "part_typ=person" \
	--data-urlencode "part_namn=Eva" --data-urlencode "part_adress=1${nl}2${nl}3${nl}4${nl}5${nl}6" \
	--data-urlencode "sekretess=none" "$U/registrera")
same "a refused address is a 4xx" "4" "${st%??}"
has "with the message at the field" 'Adress har fel form. Högst fem rader och 300 tecken.'
has "and the address kept" ">1${nl}2${nl}3${nl}4${nl}5${nl}6</textarea>"

TOK=$(k token add rita robot --days 30)
same "API: a record with an address" "201" "$(code -H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
	--data-binary "{\"case\":\"$c\",\"direction\":\"in\",\"title\":\"Via API\",\"party\":{\"kind\":\"organisation\",\"name\":\"Bolaget AB\",\"address\":\"Box 1\\n100 00 Stockholm\"}}" \
	"$U/api/v1/records?org=kommun")"
num=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["number"])' "$T/body")
same "API: the record tells it" "200" "$(code -H "Authorization: Bearer $TOK" "$U/api/v1/records/$(echo "$num" | sed 's| |-|; s|/|-|')?org=kommun")"
has "API: with the address" '"party_address": *"Box 1\\n100 00 Stockholm"'

# never published, never searchable
for q in Storgatan Hemligvägen Webbgatan Nätby; do
	code "$U/offentlig/diarium?org=kommun&q=$q" >/dev/null
	has "public search for $q finds nothing" "0 träffar"
done
for pg in "offentlig/diarium?org=kommun" "offentlig/data.json?org=kommun" "offentlig/flode.atom?org=kommun" \
	"offentlig/arende?org=kommun&nr=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$c")"; do
	code "$U/$pg" >/dev/null
	grep -q "Storgatan\|Nya gatan\|Hemligvägen\|Webbgatan\|Box 1" "$T/body" && fail "an address on /$pg" \
		|| pass "no address on /${pg%%\?*}"
done
k search "Webbgatan" --org kommun --json >"$T/s" 2>/dev/null
same "staff search does not find a record by its address" "[]" "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); print(json.dumps(d.get("hits", d) if isinstance(d, dict) else d))' "$T/s")"

ok "verify: the addresses are in the log" k verify
sqlite3 "$KANSLI_DATA/kansli.db" "UPDATE record SET party_address = 'Falsk väg 1' WHERE party_name = 'David Webb'"
fails "verify: an address changed behind kansli's back is found" "party_address" k verify
ok "three hundred letters å are three hundred characters" k record add "$c" --org kommun --direction in \
	--title "Brev" --person "Carl Å" --address "$(python3 -c 'print("å" * 300)')"
