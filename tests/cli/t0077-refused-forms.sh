#!/bin/sh
# t0077 — errors that help, step by step (issue 11): a refused form comes
# back as its own page with its status (422 bad input, 409 a wrong state),
# an error summary linking to the field, the message beside the field in
# Swedish, every value kept and the attached file held for the session; the
# form sent again with the held file registers it, and another session
# cannot claim it. Error pages lead back. Histories read as sentences with
# people's names, never event keys or account ids. The API's errors name
# the field and the reason.
TEST_NAME=refused-forms
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-11-20

ok "init" k init "$KANSLI_DATA"
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org alby >/dev/null
echo "Losenord-for-olle" | k user add olle "Olle Registrator" --password-stdin >/dev/null
k user grant olle registrator --org alby >/dev/null
num=$(k --user rita case open --org alby --series KS --title "Bygglov för garage")

web_serve
same "login" "303" "$(login "$T/rita" rita Losenord-for-rita)"
same "a second user logs in" "303" "$(login "$T/olle" olle Losenord-for-olle)"
C=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
CO=$(curl -s -b "$T/olle" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")
printf 'Ritningar till garaget.\n' >"$T/ritning.txt"

# The registration form, sent with an impossible date and a file.
curl -s -b "$T/rita" "$U/registrera?org=alby&arende=$enc" >"$T/form"
has_form() { grep -q -- "$1" "$T/form"; }
has_form 'name="formsida" value="/registrera?org=alby&amp;arende=' && pass "a form carries the page it is on" ||
	fail "a form carries the page it is on"
before=$(k case show --org alby "$num" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')
same "a bad date is refused with 422" "422" "$(code -b "$T/rita" -F "csrf=$C" -F org=alby -F "arende=$num" \
	-F "formsida=/registrera?org=alby&arende=$enc" -F riktning=in -F "rubrik=Ansökan om bygglov" \
	-F datum=2026-02-30 -F sekretess=none -F "part_typ=person" -F "part_namn=Per Persson" \
	-F "fil=@$T/ritning.txt;filename=ritning.txt" "$U/registrera")"
has "the same form comes back" '<form method="post" action="/registrera"'
has "with an error summary" '<div class="error-summary" role="alert"'
has "that links to the field" '<a href="#datum">'
has "the message in Swedish" 'Datum har fel form. Skriv datumet som 2026-12-31.'
has "beside the field" '<span class="field-error" id="fel-datum">'
has "which points at it" 'aria-describedby="fel-datum"'
has "the title is kept" 'value="Ansökan om bygglov"'
has "the bad date is kept to be corrected" 'value="2026-02-30"'
has "the party is kept" 'value="Per Persson"'
has "the file is held" 'Bifogad fil finns kvar och skickas med: ritning.txt'
hasnt "core's English is not shown" 'is not a date like'
hasnt "nor a command-line flag" '(--'
held=$(sed -n 's/.*name="uppladdad" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
[ ${#held} -eq 32 ] && pass "the held file has a token in the form" || fail "the held file has a token ($held)"
same "nothing was registered" "$before" "$(k case show --org alby "$num" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["records"]))')"

# Another session cannot take the held file.
same "another session's form with the token" "303" "$(code -b "$T/olle" -F "csrf=$CO" -F org=alby \
	-F "arende=$num" -F riktning=in -F "rubrik=Olles handling" -F datum=2026-11-19 -F sekretess=none \
	-F "uppladdad=$held" "$U/registrera")"
same "registers without the file" "0" "$(k record show --org alby "$num-1" --json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"]))')"
# The form sent again, corrected: the held file comes with it.
same "the corrected form is accepted" "303" "$(code -b "$T/rita" -F "csrf=$C" -F org=alby -F "arende=$num" \
	-F riktning=in -F "rubrik=Ansökan om bygglov" -F datum=2026-11-19 -F sekretess=none \
	-F "uppladdad=$held" "$U/registrera")"
same "the held file is registered with it" "ritning.txt" "$(k record show --org alby "$num-2" --json |
	python3 -c 'import json,sys; print(" ".join(f["name"] for f in json.load(sys.stdin)["files"]))')"
same "a held file is claimed once" "303" "$(code -b "$T/rita" -F "csrf=$C" -F org=alby -F "arende=$num" \
	-F riktning=in -F "rubrik=Kopia" -F datum=2026-11-19 -F sekretess=none -F "uppladdad=$held" "$U/registrera")"
same "the second claim brings no file" "0" "$(k record show --org alby "$num-3" --json |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"]))')"

# The case page: an unknown officer (422) and a wrong state (409) bring the
# case page back, the message at the action's field or form.
FS="formsida=/arende?org=alby&nr=$enc"
same "an unknown officer is refused with 422" "422" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=tilldela \
	--data-urlencode handlaggare=nisse --data-urlencode "$FS" "$U/arende")"
has "the case page comes back" "<h1>$num Bygglov för garage</h1>"
has "the field is named" 'Användarnamn finns inte. Kontrollera stavningen.'
has "beside the officer field" 'aria-describedby="fel-handlaggare"'
has "the officer is chosen from a list, kept on the page" '<select id="handlaggare"'
hasnt "no English lookup message" 'no user named'
same "a page address with a control character is not shown again" "422" "$(code -b "$T/rita" \
	--data-urlencode "csrf=$C" --data-urlencode org=alby --data-urlencode "nr=$num" \
	--data-urlencode atgard=tilldela --data-urlencode handlaggare=nisse \
	--data-urlencode "formsida=/arende?org=alby&nr=%01" "$U/arende")"
hasnt "but answered with an error page" '<form method="post" action="/arende"'
has "that still says what was wrong" 'Användarnamn finns inte.'
same "deciding twice: the first" "303" "$(code -b "$T/rita" --data-urlencode "csrf=$C" --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=besluta --data-urlencode bekrafta=ja --data-urlencode "$FS" "$U/arende")"
k case close --org alby "$num" >/dev/null
same "a closed case cannot be closed again: 409" "409" "$(code -b "$T/rita" --data-urlencode "csrf=$C" \
	--data-urlencode org=alby --data-urlencode "nr=$num" --data-urlencode atgard=avsluta \
	--data-urlencode bekrafta=ja --data-urlencode "$FS" "$U/arende")"
has "on the case page" "<h1>$num Bygglov för garage</h1>"
has "with the reason in Swedish" 'Status: åtgärden går inte att utföra i nuvarande läge.'
hasnt "and not core's English" 'is already'

# No dead ends: an error page leads back.
same "a case that does not exist" "404" "$(code -b "$T/rita" "$U/arende?org=alby&nr=KS%202026%2F9999")"
has "leads to the case list" '<a href="/arenden">Till ärendelistan</a>'
same "an expired form (bad csrf)" "403" "$(code -b "$T/rita" -H "Sec-Fetch-Site: same-origin" --data-urlencode csrf=0 --data-urlencode org=alby \
	--data-urlencode "nr=$num" --data-urlencode atgard=anteckna --data-urlencode "$FS" "$U/arende")"
has "comes back on the page it was on, to be sent again (F11)" 'Formuläret hade gått ut'

# People read people's words.
code -b "$T/rita" "$U/arende?org=alby&nr=$enc" >/dev/null
has "the history reads as a sentence with a name" 'Ärendet öppnades av Rita Registrator.'
has "for each event" 'En handling registrerades av Olle Registrator.'
hasnt "no event keys" '>case.open<'
hasnt "no account ids" 'user:rita'

# The API names the field and the reason.
TOKEN=$(k token add rita "test-robot" --days 1)
same "the API refuses an empty title" "422" "$(code -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/json' -d '{"series":"KS","title":""}' "$U/api/v1/cases?org=alby")"
has "with its field" '"field":"title"'
has "and its reason" '"reason":"required"'
same "the API refuses a title of two lines" "422" "$(code -H "Authorization: Bearer $TOKEN" \
	-H 'Content-Type: application/json' -d '{"series":"KS","title":"A\nB"}' "$U/api/v1/cases?org=alby")"
has "with its own reason" '"reason":"line_break"'
