#!/bin/sh
# t0082 — the start page for each role: counts and links for what waits
# for the user (my open cases, overdue due dates, minutes waiting for my
# approval, requests waiting, incoming records with no officer), each
# leading to its list; what a role may not see (requests, for an officer)
# is neither counted nor shown.
TEST_NAME=start-page
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-09

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in rita:registrator hanna:handlaggare sara:namndsekreterare anna:lasare bengt:lasare; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
c1=$(k case open --series KS --title "Budget 2027" --officer hanna --due 2026-03-01)
c2=$(k case open --series KS --title "Detaljplan Ängen" --officer hanna --due 2026-04-30)
c3=$(k case open --series KS --title "Ny förskola")
k record add "$c3" --direction in --title "Skrivelse om förskola" >/dev/null
k request submit --message "Jag vill ta del av budgeten" --document "$c1-1" >/dev/null 2>&1 ||
	k request submit --message "Jag vill ta del av budgeten" >/dev/null
# a meeting whose minutes wait for the chair (anna) and the adjuster (bengt)
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --role ledamot --position ordforande --from 2023-01-01 --account anna >/dev/null
k board member KS --name "Bengt Berg" --role ledamot --from 2023-01-01 --account bengt >/dev/null
k --user sara meeting create --board KS --date 2026-03-09 --time 09:00 --place "Salen" >/dev/null
k --user sara meeting add 1 --case "$c2" >/dev/null
k --user sara meeting send-notice 1 >/dev/null
k --user sara meeting attend 1 1 present >/dev/null
k --user sara meeting attend 1 2 present >/dev/null
k --user sara meeting adjuster 1 2 >/dev/null
ok "the minutes are drawn up" k --user sara meeting draw-up 1
for it in $(sql "SELECT id FROM agenda_item WHERE meeting_id = 1"); do
	k --user sara meeting decide "$it" --text "Beslutar enligt förslaget." >/dev/null
done

web_serve
for n in rita hanna anna bengt; do same "$n logs in" "303" "$(login "$T/$n" $n Losenord-for-$n)"; done

# the officer
same "the officer's start page" "200" "$(code -b "$T/hanna" "$U/?org=kommun")"
has "counts her open cases, linked to the list" '<li><strong>2</strong> <a href="/arenden?org=kommun&amp;handlaggare=hanna">mina öppna ärenden</a></li>'
has "counts her overdue due dates" '<li><strong>1</strong> <a href="#forsenade">försenade bevakningar</a></li>'
has "which the link finds" '<section id="forsenade">'
has "no minutes wait for her, and that is no link" '<li><strong>0</strong> protokoll att justera</li>'
n=$(grep -o '<section id="ko">.*' "$T/body" | sed 's#</section>.*##' | grep -o '<li>' | wc -l | tr -d ' ')
has "counts incoming records without an officer as its list shows them" "<li><strong>$n</strong> <a href=\"#ko\">inkomna handlingar utan handläggare</a></li>"
[ "$n" -ge 1 ] && pass "the letter without an officer is among them" || fail "no incoming records without officer"
same "the link to her cases" "200" "$(code -b "$T/hanna" "$U/arenden?org=kommun&handlaggare=hanna")"
has "lists them" "2 ärenden."

# the registrar
same "the registrar's start page" "200" "$(code -b "$T/rita" "$U/?org=kommun")"
has "counts the requests waiting, linked" '<li><strong>1</strong> <a href="/begaran?org=kommun">begäranden som väntar</a></li>'
has "has no open cases of her own" '<li><strong>0</strong> mina öppna ärenden</li>'
has "her overdue count is her own cases'" '<li><strong>0</strong> försenade bevakningar</li>'

# the chair and the adjuster
same "the chair's start page" "200" "$(code -b "$T/anna" "$U/?org=kommun")"
hasnt "a reader is not counted requests" 'begäranden som väntar'
has "counts the minutes waiting for her" '<li><strong>1</strong> <a href="#justera">protokoll att justera</a></li>'
has "and links the meeting" '<a href="/sammantrade?org=kommun&amp;id=1">Kommunstyrelsen 2026-03-09</a>'
ok "the chair approves" k --user anna meeting approve 1
same "the chair's start page after" "200" "$(code -b "$T/anna" "$U/?org=kommun")"
has "no longer counts them" '<li><strong>0</strong> protokoll att justera</li>'
same "the adjuster's start page" "200" "$(code -b "$T/bengt" "$U/?org=kommun")"
has "still counts them for him" '<li><strong>1</strong> <a href="#justera">protokoll att justera</a></li>'
ok "the adjuster approves" k --user bengt meeting approve 1
same "the adjuster's start page after" "200" "$(code -b "$T/bengt" "$U/?org=kommun")"
has "counts none" '<li><strong>0</strong> protokoll att justera</li>'
