#!/bin/sh
# t0147 — a pasted control character does not lose the form (outside
# review, F7): a \x01, an ESC or a stray byte in any form field brings the
# same form back with 422, every value kept (the bad characters removed),
# the Swedish message at the field that held them, and nothing stored. It is
# done where requests are checked (routes.c), so every form gets it: the
# registration form, the case page's forms, the public request form and the
# login form are tried. Bad text in the address or a field's name is still
# refused whole (400), as is bad text sent to the API.
TEST_NAME=form-control-characters
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-11-20

ok "init" k init "$KANSLI_DATA"
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
num=$(k --user rita case open --org alby --series KS --title "Bygglov för garage")
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")

web_serve
same "login" "303" "$(login "$T/rita" rita Losenord-for-rita)"
C=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
records() { k case show --org alby "$num" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))'; }
before=$(records)

# The registration form: a title with \x01 and ESC pasted into it, a party
# with a stray Latin-1 byte, and a file.
printf 'Ritningar.\n' >"$T/ritning.txt"
title=$(printf 'Ansökan\001 om \033[1mbygglov')
party=$(printf 'Per \351Persson')
same "a control character in the title: the form comes back (422)" "422" "$(code -b "$T/rita" -F "csrf=$C" \
	-F org=alby -F "arende=$num" -F "formsida=/registrera?org=alby&arende=$enc" -F riktning=in \
	-F "rubrik=$title" -F datum=2026-11-19 -F sekretess=none -F part_typ=person -F "part_namn=$party" \
	-F "fil=@$T/ritning.txt;filename=ritning.txt" "$U/registrera")"
has "the same form" '<form method="post" action="/registrera"'
has "an error summary linking to the field" '<a href="#rubrik">'
has "the message in Swedish, naming the field" 'Fältet ”Rubrik” innehöll tecken som inte är text'
has "beside the field" '<span class="field-error" id="fel-rubrik">'
has "which points at it" 'aria-describedby="fel-rubrik"'
has "the title is kept, cleaned" 'value="Ansökan om \[1mbygglov"'
has "the other field is kept, cleaned" 'value="Per Persson"'
has "the date is kept" 'value="2026-11-19"'
has "the file is held" 'Bifogad fil finns kvar och skickas med: ritning.txt'
python3 - "$T/body" <<'PY' && pass "no control character is written into the page" || fail "no control character in the page"
import sys
b = open(sys.argv[1], "rb").read()
sys.exit(1 if any(c < 0x20 and c not in (9, 10, 13) for c in b) else 0)
PY
same "nothing was registered" "$before" "$(records)"

# A case page form: a lone carriage return and a DEL in a note.
FS="formsida=/arende?org=alby&nr=$enc"
same "a case page form with a control character comes back (422)" "422" "$(code -b "$T/rita" \
	--data-urlencode "csrf=$C" --data-urlencode org=alby --data-urlencode "nr=$num" \
	--data-urlencode atgard=rubrik --data-urlencode "rubrik=$(printf 'Ny\177 rubrik')" \
	--data-urlencode "$FS" "$U/arende")"
has "the case page comes back" "<h1>$num Bygglov för garage</h1>"
has "the message at the field" '<span class="field-error" id="fel-rubrik">'
same "the title is unchanged" "Bygglov för garage" "$(k case show --org alby "$num" --json |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')"

# A form without its page ("formsida"): refused with the message, nothing done.
same "a form without its page is refused (400)" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=rubrik \
	--data-urlencode "rubrik=$(printf 'Ny\001 rubrik')" "$U/arende")"
has "with the message" 'innehöll tecken som inte är text'

# The public request form and the login form keep their values too.
curl -s -c "$T/pub" "$U/offentlig/begar?org=alby" >"$T/form"
tok=$(sed -n 's/.*name="token" value="\([0-9a-f]*\)".*/\1/p' "$T/form")
same "the public request form with a control character comes back (422)" "422" "$(code -b "$T/pub" \
	--data-urlencode "token=$tok" --data-urlencode org=alby \
	--data-urlencode "meddelande=$(printf 'Alla beslut\033 om bygglov')" \
	--data-urlencode "namn=Journalist Jansson" --data-urlencode "kontakt=jj@example.org" "$U/offentlig/begar")"
has "the message is there" 'Fältet ”Vilka handlingar” innehöll tecken som inte är text'
has "at the field" '<span class="field-error" id="fel-meddelande">'
has "which points at it" 'aria-describedby="fel-meddelande"'
has "in a summary linking to it" '<a href="#meddelande">'
has "the text is kept, cleaned" 'Alla beslut om bygglov</textarea>'
has "the name is kept" 'value="Journalist Jansson"'
has "the contact is kept" 'value="jj@example.org"'
same "no request was received" "0" "$(sql "SELECT count(*) FROM document_request")"
curl -s -c "$T/anon" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
same "the login form with a control character comes back (422)" "422" "$(code -b "$T/anon" -c "$T/anon" \
	--data-urlencode "login_token=$tok" --data-urlencode "username=$(printf 'rita\001')" \
	--data-urlencode "password=x" "$U/login")"
has "the name is kept, cleaned" 'value="rita"'
has "with the message" 'Användarnamn” innehöll tecken som inte är text'
has "at the field" '<span class="field-error" id="fel-username">'
# the form shown again works: its new token logs in
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/body")
same "the form shown again can be sent" "303" "$(code -b "$T/anon" -c "$T/anon" --data-urlencode "login_token=$tok" \
	--data-urlencode "username=rita" --data-urlencode "password=Losenord-for-rita" "$U/login")"

# Refused whole: bad text in the address, in a field's name, or to the API.
same "a control character in the address is 400" "400" "$(code -b "$T/rita" "$U/arende?org=alby&nr=%01")"
same "a control character in a field's name is 400" "400" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode "$FS" --data "r%01brik=x" "$U/arende")"
same "the API still answers bad_text" "400" "$(code -b "$T/rita" -H "X-CSRF-Token: $C" \
	-H 'Content-Type: application/x-www-form-urlencoded' --data "title=a%01b" "$U/api/v1/cases?org=alby")"
