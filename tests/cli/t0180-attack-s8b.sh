#!/bin/sh
# t0180 — what the second outside review of 2026-12-08 found
# (docs/reviews/2026-12-08-attack-s8b.md), mended:
# B6 a board member's term or role is not edited so that one who voted,
#    proposed, reserved or sat in a meeting drawn up or adjusted no longer
#    served on its day, and minutes counting such a vote are not approved;
# B3 the unwatched-inbox warning counts an item by when kansli took it in,
#    not the mail server's earlier time;
# B4 forwarding is refused to a user who could never act on the item, and
#    one forwarded to a user since disabled waits again for the warning;
# B5 the last administrator who can log in is one with a password.
TEST_NAME=attack-s8b
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/out" "$1"; }
jb() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }

k init "$KANSLI_DATA" >/dev/null || { echo "FAIL $TEST_NAME: init"; exit 1; }
k org add kommun "Testkommun" >/dev/null
k unit add SBF "Samhällsbyggnad" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in sek reg hand hand2 las es1 admin admin2; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sek namndsekreterare >/dev/null
k user grant reg registrator >/dev/null
k user grant hand handlaggare >/dev/null
k user grant hand2 handlaggare >/dev/null
k user grant las lasare >/dev/null
k user grant es1 etjanst >/dev/null
k user grant admin administrator >/dev/null
k user grant admin2 administrator >/dev/null
S="--user sek"

# --- B6: a meeting drawn up, a § decided by a vote 2–2 and the chair ---
k $S board add KSB --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
for n in A B C D; do k $S board member KSB --name "Led $n" --role ledamot --from 2026-01-01 >/dev/null; done
k $S board member KSB --name "Ers E" --role ersattare --from 2026-01-01 >/dev/null
k $S board member KSB --name "Led F" --role ledamot --from 2026-01-01 >/dev/null   # absent, not recorded
k $S board member-edit 1 --position ordforande --account admin >/dev/null
k $S board member-edit 3 --account admin2 >/dev/null
c=$(k $S case open --series KS --title "Motion om bad" --unit SBF)
k $S board ready "$c" --board KSB >/dev/null
k $S meeting create --board KSB --date 2026-12-07 --time 18:00 --place Salen >/dev/null
k $S meeting add 1 --case "$c" >/dev/null
k $S meeting send-notice 1 >/dev/null
for m in 1 2 3 4; do k $S meeting attend 1 $m present >/dev/null; done
k $S meeting adjuster 1 3 >/dev/null
k $S meeting draw-up 1 >/dev/null
it=$(sql "SELECT id FROM agenda_item WHERE case_id IS NOT NULL")
par=$(sql "SELECT paragraph FROM agenda_item WHERE id = $it")
k $S meeting propose "$it" 1 --text Bifall >/dev/null
k $S meeting propose "$it" 2 --text Avslag >/dev/null
k $S meeting ballot "$it" --yes 1 --no 2 >/dev/null
for v in 1:ja 2:nej 3:nej 4:ja; do k $S meeting vote "$it" "${v%%:*}" "${v#*:}" >/dev/null; done
ok "the § is decided" k $S meeting decide "$it" --text "Kommunstyrelsen bifaller motionen."
for s in $(sql "SELECT id FROM agenda_item WHERE meeting_id = 1 AND case_id IS NULL"); do
	k $S meeting decide "$s" --text "Godkänt." >/dev/null
done
terms() { sql "SELECT group_concat(term_from || '/' || coalesce(term_to, '') || '/' || role, ' ') FROM board_member"; }
before="$(sql "SELECT count(*) FROM event") $(terms)"
fails "a voter's term ended before the meeting is refused, naming her and the §" \
	"Led B has made a proposal in § $par of Kommunstyrelsen on 2026-12-07 .*would not be a member" \
	k $S board member-edit 2 --to 2026-12-01
fails "a voter's term begun after it is refused" "Led D has voted in § $par" \
	k $S board member-edit 4 --from 2026-12-08
fails "a voter made ersättare is refused" "Led C has .* in § $par .*would not take part" \
	k $S board member-edit 3 --role ersattare
same "nothing changed, nothing logged" "$before" "$(sql "SELECT count(*) FROM event") $(terms)"
ok "a term that still covers the day may change" k $S board member-edit 2 --to 2027-12-31
ok "and an ersättare who took no part may leave" k $S board member-edit 5 --to 2026-12-01
ok "(and come back)" k $S board member-edit 5 --to ""
TOKEN=$(k token add sek "sekreterare" --days 90)
web_serve KANSLI_NO_RATE_LIMIT=1
api() { # api METHOD PATH [BODY]: status code, body in $T/body
	m=$1; p=$2; shift 2
	curl -s -o "$T/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' ${1:+-d "$1"} "$U/api/v1$p"
}
same "API: a voter's term ended is refused" "409 attendance" \
	"$(api POST "/members/2?org=kommun" '{"to":"2026-12-01"}') $(jb 'd["error"]["field"]')"
same "(the message names the member)" "True" "$(jb '"Led B has made a proposal" in d["error"]["message"]')"
same "the secretary logs in" "303" "$(login "$T/sek" sek Losenord-for-sek)"
curl -s -b "$T/sek" "$U/namnder?org=kommun" >"$T/body"
before="$(sql "SELECT count(*) FROM event") $(terms)"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
st=$(code -b "$T/sek" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode atgard=andra \
	--data-urlencode ledamot=4 --data-urlencode fran=2026-12-08 --data-urlencode "formsida=/namnder?org=kommun" \
	"$U/namnder")
case $st in 409|422) pass "page: a voter's term begun after the meeting is refused ($st)";;
	*) fail "page: member edit answered $st";; esac
has "page: saying whose vote" "Led D"
same "nothing changed" "$before" "$(sql "SELECT count(*) FROM event") $(terms)"
# A database edited behind the program's back: minutes counting a vote of
# one whose term does not cover the day, or one present not a member that
# day, are not approved.
sql "UPDATE board_member SET term_to = '2026-12-01' WHERE id = 2"
fails "minutes counting a vote of one not a member that day are not approved" "Led B has .* in § $par" \
	k --user admin meeting approve 1
sql "UPDATE board_member SET term_to = NULL WHERE id = 2"
k $S meeting attend 1 5 present >/dev/null
sql "UPDATE board_member SET term_from = '2026-12-08' WHERE id = 5"
fails "nor minutes with one present who was not a member" "Ers E has been recorded present in the meeting" \
	k --user admin meeting approve 1
sql "UPDATE board_member SET term_from = '2026-01-01' WHERE id = 5"
same "no approval was recorded" "0" "$(sql "SELECT count(*) FROM approval")"
ok "the chair approves" k --user admin meeting approve 1
ok "the adjuster approves: adjusted" k --user admin2 meeting approve 1
fails "in adjusted minutes a ledamot's seat is kept though absent from the vote" \
	"Led D has voted in § $par" k $S board member-edit 4 --to 2026-12-06
fails "a ledamot absent is not taken out of the seats the quorum counted" \
	"Led F was a ledamot of Kommunstyrelsen on 2026-12-07, the day of meeting 1 (minutes adjusted)" \
	k $S board member-edit 6 --from 2026-12-08
ok "her term may end after it" k $S board member-edit 6 --to 2026-12-31
ok "the minutes say who voted, as approved" k $S meeting minutes 1
grep -q "Led D: ja" "$T/out" && pass "(Led D's vote is there)" || fail "(no Led D in the minutes)"

# --- B3: the watch counts when kansli took an item, not when the server had it ---
ok "the registrar opens the inbox" k --user reg intake list --org kommun
cat >"$T/late.eml" <<'X'
Received: from mx.example.se by kansli; Sun, 6 Dec 2026 12:00:00 +0000
From: Sen Avsandare <sen@example.se>
Subject: Overklagande, sista dagen
Message-ID: <late1@example.se>
Content-Type: text/plain; charset=utf-8

Jag overklagar beslutet.
X
ok "a mail queued across the opening is taken after it" k intake mail --org kommun <"$T/late.eml"
same "(arrived before the opening, taken after it)" "1 1" \
	"$(sql "SELECT (i.arrived_us < o.opened_us) || ' ' || (i.taken_us > o.opened_us) FROM intake_item i, intake_opened o")"
ok "two weeks later" env KANSLI_NOW=2026-12-21 "$KANSLI" --user reg intake watch --org kommun --json
same "it waits, and the inbox is warned" "1 True" "$(j 'd["waiting"]') $(j 'd["warning"]')"

# --- B4: forwarding to someone who cannot act ---
ev=$(sql "SELECT count(*) FROM event")
fails "forwarding to a reader is refused" "'las' may not register in this organisation" \
	k --user reg intake forward 1 --org kommun --to las
fails "forwarding to an e-service account is refused" "'es1' may not register" \
	k --user reg intake forward 1 --org kommun --to es1
k user disable hand2 >/dev/null
fails "forwarding to a disabled user is refused" "'hand2' is disabled" \
	k --user reg intake forward 1 --org kommun --to hand2
same "nothing forwarded, nothing logged" "0 $((ev + 1))" \
	"$(sql "SELECT count(*) FROM intake_forward") $(sql "SELECT count(*) FROM event")"
TR=$(k token add reg "registrator" --days 90)
st=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $TR" -H 'Content-Type: application/json' \
	-d '{"user":"las"}' "$U/api/v1/intake/1/forward?org=kommun")
same "API: forwarding to a reader is refused" "422 user" "$st $(jb 'd["error"]["field"]')"
same "the registrar logs in" "303" "$(login "$T/reg" reg Losenord-for-reg)"
curl -s -b "$T/reg" "$U/inkorg/post?org=kommun&id=1" >"$T/body"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
st=$(code -b "$T/reg" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode atgard=vidarebefordra \
	--data-urlencode id=1 --data-urlencode till=es1 --data-urlencode "formsida=/inkorg/post?org=kommun&id=1" "$U/inkorg")
same "page: forwarding to an e-service account is refused" "422" "$st"
has "page: saying why" "es1"
same "(still not forwarded)" "0" "$(sql "SELECT count(*) FROM intake_forward")"
ok "forwarded to an officer who can act" k --user reg intake forward 1 --org kommun --to hand
ok "(watch)" env KANSLI_NOW=2026-12-21 "$KANSLI" --user reg intake watch --org kommun --json
same "the forwarded item no longer waits" "0" "$(j 'd["waiting"]')"
k user disable hand >/dev/null
ok "(watch)" env KANSLI_NOW=2026-12-21 "$KANSLI" --user reg intake watch --org kommun --json
same "once the officer is disabled it waits again" "1 True" "$(j 'd["waiting"]') $(j 'd["warning"]')"

# --- B5: the last administrator who can log in ---
k user add nopw "Inget Losenord" </dev/null >/dev/null
k user grant nopw administrator >/dev/null
ok "an administrator's role is revoked while another can log in" k user revoke admin administrator --org kommun
fails "the last one with a password is kept, though one without remains" \
	"'admin2' is the last administrator of kommun who can log in" k user revoke admin2 administrator --org kommun
fails "nor disabled" "'admin2' is the last administrator" k user disable admin2
ok "the one without a password is nobody's last" k user revoke nopw administrator --org kommun
same "admin2 is still administrator and enabled" "1 0" \
	"$(sql "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'admin2' AND role = 'administrator'") $(sql "SELECT disabled FROM app_user WHERE username = 'admin2'")"
