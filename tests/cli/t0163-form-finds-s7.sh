#!/bin/sh
# t0163 — the seventh outside attack's finds on forms (F7, F8, F9, F13 and
# the small ones): a registration sent after the session timed out comes
# back, after the login, filled in with its file; the public request form
# says its text is too long, in characters, and keeps it; a note of many
# lines that is too long is "för lång", not "på en rad"; a legal ground in
# the wrong form says the form it wants, and is one line everywhere; an
# empty file is refused at its field; a file's path is cut to its name.
TEST_NAME=form-finds-s7
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-12-07

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
for u in rita greta; do
	echo "Losenord-for-$u" | k user add $u "User $u" --password-stdin >/dev/null
	k user grant $u registrator --org kommun >/dev/null
done
num=$(k --user rita case open --org kommun --series KS --title "Förskolans lokaler")
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")
web_serve
records() { sql "SELECT count(*) FROM record"; }
field() { sed -n "s/.*name=\"$1\" value=\"\([0-9a-f]*\)\".*/\1/p" "$2" | head -1; }
# The registration page opened by JAR, its tokens into C and ID.
open_form() { curl -s -b "$1" "$U/registrera?org=kommun" >"$T/form"; C=$(field csrf "$T/form"); ID=$(field engang "$T/form"); }
# The session of USER left alone for MINUTES (the server reads last_seen).
idle() { sql "UPDATE session SET last_seen_us = last_seen_us - $2 * 60 * 1000000 WHERE ended_us IS NULL AND
	user_id = (SELECT id FROM app_user WHERE username = '$1')"; }
printf 'Skrivelsens text\n' >"$T/p.txt"
register() { # JAR, then more curl arguments
	jar=$1; shift
	code -b "$jar" -c "$jar" -D "$T/head" -H "Sec-Fetch-Site: same-origin" -F "csrf=$C" -F "engang=$ID" \
		-F org=kommun -F "formsida=/registrera?org=kommun" -F "arende=$num" -F riktning=in -F datum=2026-12-07 \
		"$@" "$U/registrera"
}
location() { sed -n 's/^Location: //p' "$T/head" | tr -d '\r'; }

# F9: a form sent 31 minutes after the last request.
same "the registrar logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
open_form "$T/rita"
idle rita 31
n=$(records)
same "a registration sent after 30 minutes idle" "401" "$(register "$T/rita" -F "rubrik=Efter lång paus" \
	-F part_typ=person -F "part_namn=Paula Paus" -F "part_adress=$(printf 'Väg 2\r\n123 45 Orten')" -F "fil=@$T/p.txt")"
same "registers nothing" "$n" "$(records)"
has "is answered with the login form" 'action="/login"'
has "saying the session ended for inactivity" 'Du loggades ut efter 30 minuter utan aktivitet'
has "and that the form comes back" 'kommer det tillbaka ifyllt'
has "with the user's name filled in" 'name="username" autocomplete="username" required value="rita"'
hasnt "not 'Felaktig begäran'" 'Felaktig begäran'
carry=$(field formular "$T/body")
same "the login form carries the kept form" "32" "${#carry}"
tok=$(field login_token "$T/body")
same "a wrong password" "401" "$(code -b "$T/rita" -c "$T/rita" --data-urlencode "login_token=$tok" \
	--data-urlencode username=rita --data-urlencode password=fel --data-urlencode "formular=$carry" "$U/login")"
same "still carries the kept form" "$carry" "$(field formular "$T/body")"
tok=$(field login_token "$T/body")
same "the login leads back" "303" "$(code -b "$T/rita" -c "$T/rita" -D "$T/head" --data-urlencode "login_token=$tok" \
	--data-urlencode username=rita --data-urlencode password=Losenord-for-rita --data-urlencode "formular=$carry" "$U/login")"
same "to the page the form was on" "/registrera?org=kommun" "$(location)"
same "the page" "200" "$(code -b "$T/rita" "$U/registrera?org=kommun")"
has "says the form is not saved yet" 'Formuläret är inte sparat'
has "that the user is logged in again" 'Du är inloggad igen'
has "the title is back" 'value="Efter lång paus"'
has "the party's name" 'value="Paula Paus"'
has "its address, both lines" "$(printf 'Väg 2\r')"
has "the party's kind" 'value="person" selected'
has "the file is held" 'Bifogad fil finns kvar och skickas med: p.txt'
cp "$T/body" "$T/back"
same "only once: the page again is plain" "200" "$(code -b "$T/rita" "$U/registrera?org=kommun")"
hasnt "without the kept values" 'Efter lång paus'
C=$(field csrf "$T/back"); ID=$(field engang "$T/back"); held=$(field uppladdad "$T/back")
same "sent again, it registers" "303" "$(register "$T/rita" -F "rubrik=Efter lång paus" -F part_typ=person \
	-F "part_namn=Paula Paus" -F "uppladdad=$held")"
same "one record" "$((n + 1))" "$(records)"
same "with the file" "p.txt" "$(sql "SELECT name FROM record_file ORDER BY id DESC LIMIT 1")"
ok "verify" k verify

# Twelve hours after the login, however active: said so, kept too.
open_form "$T/rita"
sql "UPDATE session SET created_us = created_us - 12 * 3600 * 1000000 - 1 WHERE ended_us IS NULL AND
	user_id = (SELECT id FROM app_user WHERE username = 'rita')"
same "a form sent 12 hours after the login" "401" "$(register "$T/rita" -F "rubrik=Sent på dagen")"
has "says a login lasts 12 hours" 'En inloggning gäller i högst 12 timmar'
carry=$(field formular "$T/body")
same "and keeps the form" "32" "${#carry}"
# Another user logging in with the kept form's token does not get it.
tok=$(field login_token "$T/body")
same "another user logs in with it" "303" "$(code -b "$T/rita" -c "$T/rita" -D "$T/head" --data-urlencode "login_token=$tok" \
	--data-urlencode username=greta --data-urlencode password=Losenord-for-greta --data-urlencode "formular=$carry" "$U/login")"
same "and is led to the start page" "/" "$(location)"
code -b "$T/rita" "$U/registrera?org=kommun" >/dev/null
hasnt "without the other user's form" 'Sent på dagen'

# Not kept: a form not from kansli's own page, or with another csrf token.
same "rita logs in again" "303" "$(login "$T/rita2" rita Losenord-for-rita)"
open_form "$T/rita2"
idle rita 31
same "a timed-out form from elsewhere" "401" "$(code -b "$T/rita2" -F "csrf=$C" -F org=kommun \
	-F "formsida=/registrera?org=kommun" -F "rubrik=Utifrån" "$U/registrera")"
has "gets the login form" 'action="/login"'
has "saying to fill it in again" 'fyll i det på nytt'
hasnt "and keeps nothing" 'name="formular"'
same "rita logs in again" "303" "$(login "$T/rita3" rita Losenord-for-rita)"
open_form "$T/rita3"
idle rita 31
C=0
same "a timed-out form with another session's token" "401" "$(register "$T/rita3" -F "rubrik=Falsk")"
hasnt "is not kept" 'name="formular"'
# No session at all: the login form, no body read, nothing kept.
same "a staff form without a login" "401" "$(code -H "Sec-Fetch-Site: same-origin" -F org=kommun -F rubrik=X "$U/registrera")"
has "gets the login form" 'action="/login"'
has "saying the user is not logged in" 'Du är inte inloggad'
same "nothing was registered" "$((n + 1))" "$(records)"

# Small finds: an empty file; a file name that is a path, or too long.
rm -f "$T/rita"
same "rita logs in again" "303" "$(login "$T/rita" rita Losenord-for-rita)"
open_form "$T/rita"
: >"$T/tom.txt"
same "an empty file is refused" "422" "$(register "$T/rita" -F rubrik=Tomfil -F "fil=@$T/tom.txt")"
has "at the file field" '<span class="field-error" id="fel-fil">'
has "naming it" 'Filen ”tom.txt” är tom'
has "the title kept" 'value="Tomfil"'
same "nothing registered" "$((n + 1))" "$(records)"
open_form "$T/rita"
same "a file name with a path" "303" "$(register "$T/rita" -F rubrik=Sökväg -F "fil=@$T/p.txt;filename=../../etc/brev.txt")"
same "is kept under its last part" "brev.txt" "$(sql "SELECT name FROM record_file ORDER BY id DESC LIMIT 1")"
long=$(python3 -c 'print("å" * 200 + ".pdf")')
open_form "$T/rita"
same "a file name of 404 bytes" "303" "$(register "$T/rita" -F rubrik=Långt -F "fil=@$T/p.txt;filename=$long")"
kept=$(sql "SELECT name FROM record_file ORDER BY id DESC LIMIT 1")
same "is cut to 255 bytes, whole characters, its extension kept" "$(python3 -c 'print("å" * 125 + ".pdf")')" "$kept"
open_form "$T/rita"
same "a file name of dots" "303" "$(register "$T/rita" -F rubrik=Prickar -F "fil=@$T/p.txt;filename=..")"
same "is kept as 'fil'" "fil" "$(sql "SELECT name FROM record_file ORDER BY id DESC LIMIT 1")"
n=$(records)

# F13: a legal ground in the wrong form.
for g in "26:1 OSL" Sekretessbelagt; do
	open_form "$T/rita"
	same "a legal ground '$g' is refused" "422" "$(register "$T/rita" -F rubrik=Lagrumstest -F sekretess=partial \
		-F "lagrum=$g" -F maskera=title)"
	has "as wrongly written, not missing" 'Lagrum har fel form. Skriv lagrummet som OSL 26 kap. 1 §.'
done
open_form "$T/rita"
same "a legal ground of two lines" "422" "$(register "$T/rita" -F rubrik=Lagrumstest -F sekretess=partial \
	-F "lagrum=$(printf 'OSL 26 kap. 1 §\r\nOSL 21 kap. 7 §')" -F maskera=title)"
has "must be one line" 'Lagrum ska stå på en rad.'
same "nothing registered" "$n" "$(records)"
fails "CLI: '26:1 OSL' is refused with the form wanted" "like 'OSL 26 kap. 1 §'" \
	k --user rita record add "$num" --org kommun --direction in --title X --secrecy partial --legal-ground "26:1 OSL" --mask title

# F7: the public request form.
curl -s -c "$T/pub" "$U/offentlig/begar?org=kommun" >"$T/pubform"
grep -q 'högst 4000 tecken' "$T/pubform" && pass "the form states the limit" || fail "no limit on the form"
ask() { # message file: posts it as the public
	ptok=$(field token "$T/pubform")
	code -b "$T/pub" --data-urlencode "token=$ptok" --data-urlencode org=kommun --data-urlencode nr= \
		--data-urlencode "meddelande@$1" --data-urlencode namn= --data-urlencode kontakt= "$U/offentlig/begar?org=kommun"
}
python3 -c 'import sys; sys.stdout.write("Jag begär att få ta del av följande handlingar i ärendet om förskolans lokaler: " + "protokoll, skrivelser och yttranden från förvaltningen under våren; " * 60)' >"$T/m1"
same "a request of 4160 characters" "422" "$(ask "$T/m1")"
has "is too long, in characters" 'Texten om vilka handlingar du vill ta del av är för lång. Texten får vara högst 4000 tecken och har nu 4160.'
hasnt "not said to be missing" 'saknas'
has "the text is kept" 'protokoll, skrivelser och yttranden från förvaltningen under våren; protokoll'
python3 -c 'import sys; sys.stdout.write("å" * 3990)' >"$T/m2"
curl -s -c "$T/pub" "$U/offentlig/begar?org=kommun" >"$T/pubform"
same "3990 characters (7980 bytes) are taken" "200" "$(ask "$T/m2")"
has "and registered" 'Tack, din begäran är mottagen'
python3 -c 'import sys; sys.stdout.write("ä" * 30000)' >"$T/m3"
curl -s -c "$T/pub" "$U/offentlig/begar?org=kommun" >"$T/pubform"
same "a text of 180 KB sent urlencoded" "422" "$(ask "$T/m3")"
has "is told its length" 'högst 4000 tecken och har nu 30000'
grep -c 'äääää' "$T/body" >/dev/null && pass "and kept" || fail "the long text was lost"
python3 -c 'import sys; sys.stdout.write("x" * 400000)' >"$T/m4"
curl -s -c "$T/pub" "$U/offentlig/begar?org=kommun" >"$T/pubform"
same "a body over the form's limit" "413" "$(ask "$T/m4")"
has "is the form again" 'action="/offentlig/begar?org=kommun"'
has "saying what was too large" 'Begäran var för stor för att tas emot'
has "of the organisation" 'name="org" value="kommun"'

# F8: a note of many lines that is too long.
note() {
	curl -s -b "$T/rita" "$U/arende?org=kommun&nr=$enc" >"$T/case"
	code -b "$T/rita" -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=$(field csrf "$T/case")" \
		--data-urlencode "engang=$(field engang "$T/case")" --data-urlencode "formsida=/arende?org=kommun&nr=$enc" \
		--data-urlencode org=kommun --data-urlencode "nr=$num" --data-urlencode atgard=anteckna \
		--data-urlencode "anteckning@$1" "$U/arende"
}
python3 -c 'import sys; sys.stdout.write("Rad\r\n" * 1600)' >"$T/n1"
same "a note of 1600 lines" "422" "$(note "$T/n1")"
has "is too long" 'Anteckning är för lång. Korta texten. Texten får vara högst 4000 tecken och har nu 6400.'
hasnt "not told to be one line" 'ska stå på en rad'
python3 -c 'import sys; sys.stdout.write("Rad ett\r\nRad två " + "ö" * 3000)' >"$T/n2"
same "a note of 3016 characters (6016 bytes) on two lines" "303" "$(note "$T/n2")"
same "is saved with its line break" "1" "$(sql "SELECT count(*) FROM case_note WHERE text LIKE 'Rad ett' || char(13) || char(10) || 'Rad två%'")"

# F13 on /begaran: the ground is checked as on a record.
curl -s -b "$T/rita" "$U/begaran?org=kommun" >"$T/req"
decide() {
	code -b "$T/rita" -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=$(field csrf "$T/req")" \
		--data-urlencode "engang=$(field engang "$T/req")" --data-urlencode "formsida=/begaran?org=kommun" \
		--data-urlencode org=kommun --data-urlencode id=1 --data-urlencode utfall=released_masked \
		--data-urlencode "lagrum=$1" "$U/begaran"
}
same "a request decided with the ground 'x'" "422" "$(decide x)"
has "the ground is wrongly written" 'Lagrum har fel form. Skriv lagrummet som OSL 26 kap. 1 §.'
same "a ground of two lines" "422" "$(decide "$(printf 'OSL 26 kap. 1 §\r\nOSL 21 kap. 7 §')")"
has "must be one line" 'Lagrum ska stå på en rad.'
same "the request is not decided" "new" "$(sql "SELECT status FROM document_request WHERE id = 1")"
same "a good ground decides it" "303" "$(decide 'OSL 26 kap. 1 §')"
curl -s -b "$T/rita" "$U/begaran?org=kommun" >"$T/req"
same "deciding it again" "409" "$(decide 'OSL 26 kap. 1 §')"
has "says it is decided already" 'Begäran är redan beslutad.'
ok "verify at the end" k verify
