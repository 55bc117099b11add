#!/bin/sh
# t0070 — the page layer (web/page.h) over real HTTP: typed parameters
# (req_int: absent, not a number, out of range each answered as they should
# be, in Swedish, naming the field, and changing nothing), form-action tables
# (a missing or unknown action is 400, a known one runs and says what it
# did), html_f's escaping of data in text and in URLs, and the route table
# made from the pages' PAGE: comments (every staff page it names answers;
# an address it does not name is 404, a method it does not name 405).
TEST_NAME=page-layer
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-11-20

ok "init" k init "$KANSLI_DATA"
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
k user grant rita administrator --org alby >/dev/null
k user grant rita arkivarie --org alby >/dev/null
num=$(k case open --org alby --series KS --title 'Tak & <script>alert("x")</script> "citat"')

web_serve
same "login" "303" "$(login "$T/rita" rita Losenord-for-rita)"
C=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")

# req_int: absent and empty take the default, the rest is checked
same "list without sida or ar" "200" "$(code -b "$T/rita" "$U/arenden?org=alby")"
same "empty ar is no filter (a form's empty field)" "200" "$(code -b "$T/rita" "$U/arenden?org=alby&ar=&sida=")"
same "sida not a number" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=tva")"
has "the message names the field and says what it must be" "Fältet ”sida” ska vara ett heltal."
same "sida with trailing junk" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=2x")"
same "sida with a leading blank" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=%202")"
same "sida 0 is out of range" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=0")"
has "the range is named" "Fältet ”sida” ska vara ett heltal från 1 till 100000."
same "sida past the range" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=100001")"
same "sida too large for 64 bits" "400" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=99999999999999999999")"
has "an overflow is out of range, not a wrapped number" "från 1 till 100000"
same "sida at its bound" "200" "$(code -b "$T/rita" "$U/arenden?org=alby&sida=100000")"
has "the page shown is the one asked for" "Sida 100000"
same "ar out of range on the records list" "400" "$(code -b "$T/rita" "$U/handlingar?org=alby&ar=1066")"
has "the year's field is named" "Fältet ”ar”"
same "ar not a number on search" "400" "$(code -b "$T/rita" "$U/sok?org=alby&q=tak&ar=i%20fjol")"
same "a meeting id that is not a number" "404" "$(code -b "$T/rita" "$U/sammantrade?org=alby&id=1abc")"
has "and the page says so in Swedish" "Sammanträdet finns inte."
same "a disposal run id that is not a number" "400" "$(code -b "$T/rita" "$U/arkiv/gallring?org=alby&id=x")"
same "a disposal run without id" "400" "$(code -b "$T/rita" "$U/arkiv/gallring?org=alby")"
has "says which is missing" "Ange vilken gallring (id)."
same "a request decision with a bad id changes nothing" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode id=-1 --data-urlencode utfall=lamnas "$U/begaran")"

# action tables
same "a case action that is not in the table" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=radera "$U/arende")"
has "is refused by name" "Okänd åtgärd."
same "a case form without its action" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" "$U/arende")"
same "an admin form with an unknown vad" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode vad=allt --data-urlencode kod=X "$U/admin")"
same "a known action runs" "303" "$(code -b "$T/rita" -D "$T/h" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=bevaka \
	--data-urlencode bevakning=2026-12-01 "$U/arende")"
grep -q "klart=Bevakningsdatum%20sparat." "$T/h" && pass "and its message from the table is shown after it" \
	|| fail "action message: $(grep -i location "$T/h")"
[ "$(k case show --org alby "$num" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due_date"])')" = 2026-12-01 ] \
	&& pass "the action changed the case" || fail "the due date was not set"
same "an action with its own message (redo without a board)" "303" "$(code -b "$T/rita" -D "$T/h" \
	--data-urlencode "csrf=$C" --data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=redo \
	--data-urlencode namnd= "$U/arende")"
grep -q "klart=%C3%84rendet%20%C3%A4r%20inte%20l%C3%A4ngre" "$T/h" && pass "an action may say what it did" \
	|| fail "redo message: $(grep -i location "$T/h")"
same "an action that core refuses" "422" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=bevaka --data-urlencode bevakning=igår "$U/arende")"
[ "$(k case show --org alby "$num" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["due_date"])')" = 2026-12-01 ] \
	&& pass "a refused action changes nothing" || fail "a refused action changed the due date"

# html_f: data is escaped in text and attributes, encoded in URLs
same "the case page" "200" "$(code -b "$T/rita" "$U/arende?org=alby&nr=$enc")"
has "a title's markup is text" 'Tak &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;citat&quot;'
hasnt "no script element from data" '<script>alert'
has "a title in a value attribute is escaped" 'name="rubrik" value="Tak &amp; &lt;script&gt;'
same "the case list" "200" "$(code -b "$T/rita" "$U/arenden?org=alby")"
has "a case number in a link is URL-encoded" "nr=$(echo "$enc" | sed 's/%/%/g')\""
hasnt "the list has no script element from data" '<script>alert'
same "a filter value comes back escaped" "200" "$(code -b "$T/rita" "$U/arenden?org=alby&handlaggare=%22%3E%3Cb%3E")"
has "in its field" 'value="&quot;&gt;&lt;b&gt;"'
has "and in the export link" 'handlaggare=%22%3E%3Cb%3E'

# the route table from the PAGE: comments
table=$(scripts/gen-routes src/web/page_*.c 2>&1) && pass "the route comments give a table" || fail "gen-routes: $table"
n=0; bad=""
for path in $(echo "$table" | sed -n 's/^ROUTE("GET", "\([^"]*\)", page_[a-z_]*, ROUTE_STAFF, [A-Z]*)$/\1/p'); do
	n=$((n + 1))
	s=$(code -b "$T/rita" "$U$path?org=alby")
	# a page that needs an id may say that it has none (404), but never
	# that the address is unknown
	case $s in 405|5*) bad="$bad $path:$s" ;; esac
	grep -q "Adressen finns inte i kansli" "$T/body" && bad="$bad $path:unrouted"
done
[ $n -ge 20 ] && [ -z "$bad" ] && pass "every staff GET page of the table is routed to its page ($n pages)" \
	|| fail "staff GET pages: $n, bad:$bad"
same "an address not in the table" "404" "$(code -b "$T/rita" "$U/arendena")"
has "is not a page" "Adressen finns inte i kansli"
same "a method not in the table" "405" "$(code -b "$T/rita" -X DELETE "$U/arenden")"
same "a staff page for the public is the login" "303" "$(code "$U/arenden")"
same "a staff form for the public is 401" "401" "$(code -d x=y "$U/arende")"
same "a public page of the hand-kept table" "200" "$(code "$U/offentlig?org=alby")"
