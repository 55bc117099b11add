#!/bin/sh
# t0148 — a meeting's forms say which § or member was refused (outside
# review, F10): the decisions of all § are one form and attendance is one
# form; a refused save comes back with the message beside the § or the
# member's field (aria-invalid, aria-describedby), the summary linking to
# that field, and everything typed kept. Core names the element of the list
# it refused (kerr.subject); the page layer puts the message there, also
# for a field joined to its form from elsewhere on the page (form="ID").
TEST_NAME=meeting-field-errors
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-16

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-sara" | k user add sara "Sara Sekreterare" --password-stdin >/dev/null
k user grant sara namndsekreterare >/dev/null
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 >/dev/null
k board member KS --name "David Dahl" --role ersattare --from 2023-01-01 >/dev/null
c1=$(KANSLI_NOW=2026-03-01 k case open --series KS --title "Budget 2027")
c2=$(KANSLI_NOW=2026-03-01 k case open --series KS --title "Detaljplan Ängen")
KANSLI_NOW=2026-03-01 k --user sara meeting create --board KS --date 2026-03-16 --time 09:00 --place "Salen" >/dev/null
KANSLI_NOW=2026-03-01 k --user sara meeting add 1 --case "$c1" >/dev/null
KANSLI_NOW=2026-03-01 k --user sara meeting add 1 --case "$c2" >/dev/null
KANSLI_NOW=2026-03-01 k --user sara meeting send-notice 1 >/dev/null
i1=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY pos LIMIT 1")
i2=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 ORDER BY pos LIMIT 1 OFFSET 1")

web_serve
same "the secretary logs in" "303" "$(login "$T/sara" sara Losenord-for-sara)"
C=$(curl -s -b "$T/sara" "$U/sammantrade?org=kommun&id=1" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
FS="formsida=/sammantrade?org=kommun&id=1"
post() { code -b "$T/sara" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode id=1 \
	--data-urlencode "$FS" "$@" "$U/sammantrade"; }

# Decisions: the second § is too long; the first is kept as typed.
python3 -c 'print("x" * 20001, end="")' >"$T/long"
same "a § with too long a decision is refused" "422" "$(post --data-urlencode atgard=beslut-alla \
	--data-urlencode "beslut-$i1=Budgeten fastställs." --data-urlencode "beslut-$i2@$T/long")"
has "the meeting page comes back" '<form method="post" action="/sammantrade" id="beslut-alla">'
has "the message stands beside that §'s decision" "<span class=\"field-error\" id=\"fel-beslut-$i2\">"
has "the field points at it" "name=\"beslut-$i2\" form=\"beslut-alla\" rows=\"3\" aria-invalid=\"true\" aria-describedby=\"fel-beslut-$i2\""
has "the summary links to that field" "<a href=\"#beslut-$i2\">"
hasnt "not at the top of the form" 'id="fel-formular"'
has "the other § keeps what was typed" '>Budgeten fastställs.</textarea>'
hasnt "the first § is not marked" "aria-describedby=\"fel-beslut-$i1\""
same "nothing was saved" "0" "$(sql "SELECT count(*) FROM agenda_item WHERE decision IS NOT NULL")"

# Attendance: an ersättare serving for a ledamot who is present.
same "attendance with a wrong line is refused" "409" "$(post --data-urlencode atgard=narvaro-alla \
	--data-urlencode narvaro-1=present --data-urlencode narvaro-2=present --data-urlencode narvaro-3=present \
	--data-urlencode for-3=2)"
has "the message stands beside the ersättare's field" '<span class="field-error" id="fel-for-3">'
has "which points at it" 'aria-invalid="true" aria-describedby="fel-for-3"'
has "the summary links to it" '<a href="#for-3">'
has "the choices are kept" '<option value="2" selected>'
same "nothing was recorded" "0" "$(sql "SELECT count(*) FROM attendance")"
same "an unknown status is refused at the member's field" "422" "$(post --data-urlencode atgard=narvaro-alla \
	--data-urlencode narvaro-1=present --data-urlencode narvaro-2=kanske)"
has "beside the member's field" '<span class="field-error" id="fel-narvaro-2">'
# A control character in one §'s decision: the same, at that §.
same "a control character in a § comes back" "422" "$(post --data-urlencode atgard=beslut-alla \
	--data-urlencode "beslut-$i1=Bifall$(printf '\033')" --data-urlencode "beslut-$i2=Återremiss.")"
has "at that §" "<span class=\"field-error\" id=\"fel-beslut-$i1\">"
has "named by its label" 'Fältet ”Beslut” innehöll tecken som inte är text'
has "kept without it" '>Bifall</textarea>'
