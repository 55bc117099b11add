#!/bin/sh
# t0080 — only possible actions are offered, beyond the case page: the
# minutes of a meeting are offered for drawing up only from the meeting's
# day (before it the page says why, and the operation refuses too), and a
# disposal run is offered for approval only to an archivist who did not
# propose it (four eyes); the proposer reads why instead of a button.
# Recording a meeting: attendance is one form and the decisions of all §
# one save, each in one transaction (all or nothing, unchanged rows left).
TEST_NAME=possible-actions
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in sara:namndsekreterare arkiv1:arkivarie arkiv2:arkivarie; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 >/dev/null
k board member KS --name "David Dahl" --role ersattare --from 2023-01-01 >/dev/null
c2=$(k case open --series KS --title "Detaljplan Ängen")
c1=$(k case open --series KS --title "Budget 2027")
k --user sara meeting create --board KS --date 2026-03-16 --time 09:00 --place "Salen" >/dev/null
k --user sara meeting add 1 --case "$c1" >/dev/null
k --user sara meeting add 1 --case "$c2" >/dev/null
k --user sara meeting send-notice 1 >/dev/null
k --user sara meeting create --board KS --date 2026-03-23 --time 09:00 --place "Salen" >/dev/null

printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;1;KF 2025-03-12 § 45;ja\n' >"$T/plan.csv"
k retention schedule import "$T/plan.csv" >/dev/null
a=$(KANSLI_NOW=2020-01-10 k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1 --opened 2020-01-10)
KANSLI_NOW=2020-01-10 k record add "$a" --direction in --title "Ansökan om bygglov" >/dev/null
KANSLI_NOW=2020-02-10 k case close "$a" >/dev/null
run=$(k --user arkiv1 disposal propose)
[ -n "$run" ] && pass "a disposal run is proposed" || fail "no disposal run proposed"

web_serve
same "the secretary logs in" "303" "$(login "$T/sara" sara Losenord-for-sara)"
same "the proposer logs in" "303" "$(login "$T/a1" arkiv1 Losenord-for-arkiv1)"
same "another archivist logs in" "303" "$(login "$T/a2" arkiv2 Losenord-for-arkiv2)"

# minutes before the meeting's day
same "the called meeting's page" "200" "$(code -b "$T/sara" "$U/sammantrade?org=kommun&id=1")"
hasnt "before the day, drawing up is not offered" 'value="upprätta"'
has "the reason is shown instead" "Protokollet upprättas på eller efter sammanträdesdagen."
fails "and the operation refuses too" "drawn up at or after it" k --user sara meeting draw-up 1
same "a planned meeting's page" "200" "$(code -b "$T/sara" "$U/sammantrade?org=kommun&id=2")"
has "says the notice comes first" "Skicka kallelsen först."
export KANSLI_NOW=2026-03-16
kill $pid; wait $pid 2>/dev/null
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
pid=$!
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
# two weeks on, the sessions have run out: log in again
rm -f "$T/sara" "$T/a1" "$T/a2"
same "the secretary logs in on the day" "303" "$(login "$T/sara" sara Losenord-for-sara)"
same "the proposer logs in again" "303" "$(login "$T/a1" arkiv1 Losenord-for-arkiv1)"
same "the other archivist logs in again" "303" "$(login "$T/a2" arkiv2 Losenord-for-arkiv2)"
same "on the day" "200" "$(code -b "$T/sara" "$U/sammantrade?org=kommun&id=1")"
has "drawing up is offered" 'value="upprätta"'
hasnt "with no reason against it" "Protokollet upprättas på eller efter"

# disposal approval: four eyes
same "the proposer opens the run" "200" "$(code -b "$T/a1" "$U/arkiv/gallring?org=kommun&id=$run")"
hasnt "the proposer is not offered approval" 'value="godkann"'
has "and reads why" "Du föreslog gallringen. En annan arkivarie ska godkänna den"
fails "the operation refuses the proposer too" "another archivist must approve it" k --user arkiv1 disposal approve "$run"
same "another archivist opens the run" "200" "$(code -b "$T/a2" "$U/arkiv/gallring?org=kommun&id=$run")"
has "and is offered approval" 'value="godkann"'
hasnt "with no reason against it" "Du föreslog gallringen"
ok "which the operation allows" k --user arkiv2 disposal approve "$run"
same "an approved run" "200" "$(code -b "$T/a2" "$U/arkiv/gallring?org=kommun&id=$run")"
hasnt "is not offered approval again" 'value="godkann"'

# attendance: one form
C=$(curl -s -b "$T/sara" "$U/sammantrade?org=kommun&id=1" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
same "the meeting page" "200" "$(code -b "$T/sara" "$U/sammantrade?org=kommun&id=1")"
same "attendance is one form" "1" "$(grep -o 'name="atgard" value="narvaro-alla"' "$T/body" | wc -l | tr -d ' ')"
hasnt "with no form per member" 'name="atgard" value="narvaro"'
has "an ersättare's choice of whom to serve for is in it" 'name="for-3"'
has "appointing an adjuster is a button of its own form" 'form="justerare-2"'
att() { sql "SELECT group_concat(member_id || ':' || status || ':' || coalesce(serving_for, 0), ' ') FROM (SELECT * FROM attendance WHERE meeting_id = 1 ORDER BY member_id)"; }
post() { code -b "$T/sara" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode id=1 "$@" "$U/sammantrade"; }
ev0=$(sql "SELECT count(*) FROM event")
same "the whole attendance in one post" "303" "$(post --data-urlencode atgard=narvaro-alla --data-urlencode narvaro-1=present \
	--data-urlencode narvaro-2=absent --data-urlencode narvaro-3=present --data-urlencode for-3=2)"
same "records everyone, the ersättare serving for the absent ledamot" "1:present:0 2:absent:0 3:present:2" "$(att)"
same "one event per member" "$((ev0 + 3))" "$(sql "SELECT count(*) FROM event")"
same "the same form again" "303" "$(post --data-urlencode atgard=narvaro-alla --data-urlencode narvaro-1=present \
	--data-urlencode narvaro-2=absent --data-urlencode narvaro-3=present --data-urlencode for-3=2)"
same "writes and logs nothing new" "$((ev0 + 3))" "$(sql "SELECT count(*) FROM event")"
same "the ledamot back, the ersättare released, in one post" "303" "$(post --data-urlencode atgard=narvaro-alla \
	--data-urlencode narvaro-1=present --data-urlencode narvaro-2=present --data-urlencode narvaro-3=present --data-urlencode for-3=)"
same "is done in the order that allows it" "1:present:0 2:present:0 3:present:0" "$(att)"
same "a list with one refused row" "409" "$(post --data-urlencode atgard=narvaro-alla --data-urlencode narvaro-1=absent \
	--data-urlencode narvaro-3=present --data-urlencode for-3=2)"
same "changes nothing at all" "1:present:0 2:present:0 3:present:0" "$(att)"
same "an unknown status is refused" "422" "$(post --data-urlencode atgard=narvaro-alla --data-urlencode narvaro-1=kanske)"
same "and changes nothing" "1:present:0 2:present:0 3:present:0" "$(att)"
same "a member named twice with two answers is refused (an outside review's find)" "422" \
	"$(post --data-urlencode atgard=narvaro-alla --data-urlencode narvaro-1=present --data-urlencode narvaro-1=absent)"
same "and changes nothing either" "1:present:0 2:present:0 3:present:0" "$(att)"

# decisions: every § on one page, one save
i1=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 AND case_id IS NOT NULL ORDER BY pos LIMIT 1")
i2=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 AND case_id IS NOT NULL ORDER BY pos LIMIT 1 OFFSET 1")
same "the meeting page" "200" "$(code -b "$T/sara" "$U/sammantrade?org=kommun&id=1")"
same "one form for the decisions" "1" "$(grep -o 'name="atgard" value="beslut-alla"' "$T/body" | wc -l | tr -d ' ')"
has "each § belongs to it" "name=\"beslut-$i1\" form=\"beslut-alla\""
ev0=$(sql "SELECT count(*) FROM event")
same "all decisions in one save" "303" "$(post --data-urlencode atgard=beslut-alla --data-urlencode "beslut-$i1=Budgeten antas." \
	--data-urlencode "beslut-$i2=Planen antas.")"
same "are saved" "Budgeten antas.|Planen antas." "$(sql "SELECT decision FROM agenda_item WHERE id = $i1")|$(sql "SELECT decision FROM agenda_item WHERE id = $i2")"
same "each logged" "$((ev0 + 2))" "$(sql "SELECT count(*) FROM event")"
same "one changed of two" "303" "$(post --data-urlencode atgard=beslut-alla --data-urlencode "beslut-$i1=Budgeten antas." \
	--data-urlencode "beslut-$i2=Planen återremitteras.")"
same "logs only the change" "$((ev0 + 3))" "$(sql "SELECT count(*) FROM event")"
k --user sara meeting create --board KS --date 2026-04-20 --time 09:00 --place "Salen" >/dev/null
k --user sara meeting add 3 --standing "Övrigt" >/dev/null
other=$(sql "SELECT max(id) FROM agenda_item WHERE meeting_id = 3")
same "a § of another meeting in the form" "422" "$(post --data-urlencode atgard=beslut-alla --data-urlencode "beslut-$i1=Ändrat" \
	--data-urlencode "beslut-$other=Smyg")"
same "changes nothing" "Budgeten antas.|" "$(sql "SELECT decision FROM agenda_item WHERE id = $i1")|$(sql "SELECT coalesce(decision, '') FROM agenda_item WHERE id = $other")"
