#!/bin/sh
# t0149 — forms that forgive, the outside review's remaining finds (F11)
# and a registrar's mistakes: the webhook form refuses an event type it
# does not offer at the field (never dropping it silently) and keeps an
# address holding a line break, shown with the break visible, with the
# error at the field.
TEST_NAME=forms-forgive
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
for u in anna:administrator rita:registrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" --org kommun >/dev/null
done
web_serve
same "the administrator logs in" "303" "$(login "$T/anna" anna Losenord-for-anna)"
C=$(curl -s -b "$T/anna" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
subs() { sql "SELECT count(*) FROM webhook_subscription"; }
wh() { code -b "$T/anna" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode atgard=ny \
	--data-urlencode "formsida=/admin/webhooks?org=kommun" "$@" "$U/admin/webhooks"; }

# F11: an event type the form does not offer.
same "an unknown event type is refused" "422" "$(wh --data-urlencode "adress=https://example.org/hook" \
	--data-urlencode handelse=case.opened --data-urlencode handelse=case.exploded --data-urlencode anvandare=rita)"
has "the form comes back" '<legend>Ny webhook</legend>'
has "the message at the events" '<span class="field-error" id="fel-handelse">'
has "the summary links to it" '<a href="#w-h0">'
has "the address is kept" 'value="https://example.org/hook"'
has "the type that was known stays ticked" 'value="case.opened" checked'
same "nothing was subscribed" "0" "$(subs)"
# F11: an address with a line break in it.
same "an address with a line break is refused" "422" "$(wh --data-urlencode "$(printf 'adress=https://example.org/hook\r\nX-Evil: 1')" \
	--data-urlencode handelse=case.opened --data-urlencode anvandare=rita)"
has "the message at the address" '<span class="field-error" id="fel-adress">'
has "the address is kept, its line break shown" 'value="https://example.org/hook␍␊X-Evil: 1"'
same "nothing was subscribed" "0" "$(subs)"

# A registrar making every mistake on the registration and case forms.
num=$(k --user rita case open --org kommun --series KS --title "Bygglov för garage")
other=$(k --user rita case open --org kommun --series KS --title "Strandskydd")
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")
same "the registrar logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
CR=$(curl -s -b "$T/rita" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
reg() { code -b "$T/rita" -F "csrf=$CR" -F org=kommun -F "arende=$num" -F "formsida=/registrera?org=kommun&arende=$enc" \
	-F riktning=in -F datum=2026-03-01 -F sekretess=none -F part_typ=person -F "part_namn=Per Persson" "$@" "$U/registrera"; }
same "an empty title is refused" "422" "$(reg -F "rubrik=")"
has "saying it is missing, not that it is too long" 'Rubrik saknas. Fyll i fältet.'
same "a title of blanks is refused" "422" "$(reg -F "rubrik=$(printf '  \302\240 ')")"
has "saying it is missing" 'Rubrik saknas. Fyll i fältet.'
same "a title of two lines is refused" "422" "$(reg -F "rubrik=$(printf 'Ansökan\nom bygglov')")"
has "saying it must be on one line" 'Rubrik ska stå på en rad. Ta bort radbrytningen.'
same "a title too long is refused" "422" "$(reg -F "rubrik=$(python3 -c 'print("å" * 501)')")"
has "saying it is too long" 'Rubrik är för lång. Korta texten.'
same "a personnummer pasted with a no-break hyphen is read" "303" \
	"$(reg -F "rubrik=Ansökan" -F "part_id=$(printf '19121212\342\200\2211212')")"
same "and stored in its usual form" "19121212-1212" "$(sql "SELECT idnum FROM party WHERE idnum IS NOT NULL LIMIT 1")"
same "an emoji, a soft hyphen and a no-break space in a title are text" "303" \
	"$(reg -F "rubrik=$(printf 'Bygg\302\255lov\302\240för 🏠')")"
FS="formsida=/arende?org=kommun&nr=$enc"
act() { code -b "$T/rita" --data-urlencode "csrf=$CR" --data-urlencode org=kommun --data-urlencode "nr=$num" \
	--data-urlencode "$FS" "$@" "$U/arende"; }
same "a case number typed loosely links the case" "303" "$(act --data-urlencode atgard=koppla \
	--data-urlencode "koppla=$(printf 'ks\302\240%s' "$(echo "$other" | sed 's/^KS //; s|/0*|/ |')")")"
same "linked both ways" "2" "$(sql "SELECT count(*) FROM case_link")"
same "a case linked to itself is refused" "422" "$(act --data-urlencode atgard=koppla --data-urlencode "koppla=$num")"
has "in words that say so" 'Ett ärende kan inte kopplas till sig självt.'
same "a number that is not one is refused" "422" "$(act --data-urlencode atgard=koppla --data-urlencode "koppla=KS 2026-12")"
has "at the field, with its form" '<a href="#koppla">Ärende har fel form. Skriv diarienumret som KS 2026/0042.</a>'

# The meeting form: a field left empty is missing, whatever core's reason.
echo "Losenord-for-sara" | k user add sara "Sara Sekreterare" --password-stdin >/dev/null
k user grant sara namndsekreterare --org kommun >/dev/null
k board add --org kommun KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
same "the secretary logs in" "303" "$(login "$T/sara" sara Losenord-for-sara)"
CS=$(curl -s -b "$T/sara" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
plan() { code -b "$T/sara" --data-urlencode "csrf=$CS" --data-urlencode org=kommun --data-urlencode atgard=planera \
	--data-urlencode "formsida=/sammantraden?org=kommun" --data-urlencode namnd=KS "$@" "$U/sammantraden"; }
same "a meeting without a place is refused" "422" "$(plan --data-urlencode datum=2026-04-01 --data-urlencode tid=13:00 \
	--data-urlencode plats=)"
has "saying the place is missing" '<span class="field-error" id="fel-plats">Plats saknas. Fyll i fältet.</span>'
same "a meeting without a date is refused" "422" "$(plan --data-urlencode datum= --data-urlencode tid=13:00 \
	--data-urlencode plats=Salen)"
has "saying the date is missing" '<span class="field-error" id="fel-datum">Datum saknas. Fyll i fältet.</span>'
has "the place is kept" 'value="Salen"'
same "an impossible date is refused" "422" "$(plan --data-urlencode datum=2026-02-30 --data-urlencode tid=13:00 \
	--data-urlencode plats=Salen)"
has "saying how a date is written" 'Datum har fel form. Skriv datumet som 2026-12-31.'
has "the date kept to be corrected" 'value="2026-02-30"'
