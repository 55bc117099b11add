#!/bin/sh
# t0172 — reminders (bevakningar). An officer sets "svar senast" on a case
# and on a record, for a person and for a unit; a secret case in the
# social unit gets one for the unit's officer. Bad input (no such case, a
# past day, someone outside the organisation, an empty reason) is refused
# and changes nothing. A reader never sees the secret case's reminder, in
# the CLI, the API or a page. The days come (KANSLI_NOW moved): each
# reminder is mailed once on its day to a real SMTP server (Debian's
# aiosmtpd) the test starts on a loopback port, a moved one on its new
# day, a unit's to its members, the secret one without its title or note;
# a run with the server down sends nothing and records nothing, the next
# sends it; `kansli serve` mails on its own. The pages in Swedish and
# English, the overview, and verify.
TEST_NAME=reminders
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

SMTPD=/usr/bin/python3
if ! "$SMTPD" -c 'import aiosmtpd' 2>/dev/null; then
	fail "python3-aiosmtpd is not installed (scripts/install-deps)"
	exit 0
fi
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
rows() { sql "SELECT count(*) FROM reminder"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k unit add SOC "Socialtjänsten" >/dev/null
k unit add BYGG "Byggenheten" >/dev/null
for u in reg anna soc1 bygg1 las olle; do
	echo "Losenord-for-$u" | k user add $u "Namn $u" --password-stdin >/dev/null
done
k user grant reg registrator >/dev/null
k user grant anna handlaggare >/dev/null
k user grant soc1 handlaggare --unit SOC >/dev/null
k user grant bygg1 handlaggare --unit BYGG >/dev/null
k user grant las lasare >/dev/null
# olle has an account but no role in the organisation
c=$(k case open --series KS --title "Bygglov Storgatan 1" --unit BYGG)
k record add "$c" --direction in --organisation "Bygg AB" --title "Ansökan om bygglov" --date 2026-12-01 >/dev/null
s=$(k case open --series SN --title "Kanariefågel bistånd" --unit SOC)
k record add "$s" --direction in --person "Karin Berg" --title "Ansökan om bistånd" --date 2026-12-01 \
	--secrecy partial --legal-ground "OSL 26 kap. 1 §" --mask party >/dev/null

# --- set, refused, changed, in the CLI
ok "a reminder on the case for anna" k --user reg reminder add "$c" --user anna --due 2026-12-10 --note "Svar senast från sökanden"
ok "one on its record for the building unit" k --user reg reminder add "$c-1" --unit BYGG --due 2026-12-09 --note "Komplettering begärd"
ok "one on the secret case for its officer" k --user soc1 reminder add "$s" --user soc1 --due 2026-12-10 --note "Hemlig kanarienot"
same "three reminders" "3" "$(rows)"
fails "no such case" "no case KS 2026/0099" k --user reg reminder add "KS 2026/0099" --user anna --due 2026-12-10 --note x
fails "a day in the past" "in the past" k --user reg reminder add "$c" --user anna --due 2026-12-01 --note x
fails "someone outside the organisation" "not a member of this organisation" k --user reg reminder add "$c" --user olle --due 2026-12-10 --note x
fails "no such user" "no user nobody" k --user reg reminder add "$c" --user nobody --due 2026-12-10 --note x
fails "a person and a unit at once" "not both" k --user reg reminder add "$c" --user anna --unit BYGG --due 2026-12-10 --note x
fails "an empty note" "needs a note" k --user reg reminder add "$c" --user anna --due 2026-12-10 --note " "
fails "someone who may not read the secret case" "may not read this secret case" \
	k --user soc1 reminder add "$s" --user bygg1 --due 2026-12-10 --note x
fails "a reader may not set one" "may not work on cases" k --user las reminder add "$c" --user anna --due 2026-12-10 --note x
same "the refusals changed nothing" "3" "$(rows)"
fails "moving to a past day" "in the past" k --user reg reminder move 1 --to 2026-12-06 --reason "Fel"
fails "moving without a reason" "needs a reason" k --user reg reminder move 1 --to 2026-12-12 --reason ""
same "(still on its day)" "2026-12-10" "$(sql "SELECT due_date FROM reminder WHERE id = 1")"
ok "moved with a reason" k --user anna reminder move 1 --to 2026-12-12 --reason "Sökanden bad om anstånd"
ok "its history says so" k --user anna reminder show 1 --json
same "added, then moved with the reason" "add move Sökanden bad om anstånd" \
	"$(j "$T/out" '" ".join(h["action"] for h in d["history"]) + " " + d["history"][1]["reason"]')"
ok "the case's history names it" k case show "$c" --json
same "(the events on the case)" "reminder.add reminder.add reminder.move" \
	"$(j "$T/out" '" ".join(e["action"] for e in d["audit_trail"] if e["action"].startswith("reminder"))')"

# --- who sees what
ok "anna's own" k --user anna reminder list --filter mine --json
same "(one, hers)" "1 1" "$(j "$T/out" 'd["total"], d["reminders"][0]["id"]' | tr -d '(),')"
ok "bygg1's unit's" k --user bygg1 reminder list --filter unit --json
same "(the record's)" "1 KS 2026/0001-1" "$(j "$T/out" 'd["total"], d["reminders"][0]["record"]' | tr -d "(),'")"
ok "the reader's list" k --user las reminder list --json
same "the reader sees two, not the secret case's" "2" "$(j "$T/out" 'd["total"]')"
if grep -q "Kanarie\|kanarie" "$T/out"; then fail "the reader's list names the secret case"; else pass "no secret text in the reader's list"; fi
fails "nor can the reader open it" "no reminder 3" k --user las reminder show 3
ok "the secret case's officer sees it" k --user soc1 reminder list --json
same "(three)" "3" "$(j "$T/out" 'd["total"]')"
fails "bygg1 does not see the secret one either" "no reminder 3" k --user bygg1 reminder done 3
ok "the reader opens the secret case" k --user las case show "$s" --json
same "its history does not tell the reader of its reminder" "0" \
	"$(j "$T/out" 'sum(e["action"].startswith("reminder") for e in d["audit_trail"])')"
ok "its officer opens it" k --user soc1 case show "$s" --json
same "(hers does)" "1" "$(j "$T/out" 'sum(e["action"].startswith("reminder") for e in d["audit_trail"])')"

# --- mail on the day
SPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
smtp_start() {
	"$SMTPD" -m aiosmtpd -n -l "127.0.0.1:$SPORT" -c aiosmtpd.handlers.Mailbox "$T/mail" >"$T/smtp.log" 2>&1 &
	spid=$!
	i=0
	until python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$SPORT" \
		2>/dev/null || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
}
smtp_stop() { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; }
smtp_start
trap 'kill $spid 2>/dev/null; rm -rf "$T"' EXIT
mails() { ls "$T/mail/new" 2>/dev/null | wc -l; }
mail_to() { grep -l "^To: $1" "$T/mail/new/"* 2>/dev/null | head -1; }

fails "no mail server yet" "no mail server is set" k reminders send
fails "a mail server URL with a password is refused" "no user or password" k config set smtp-url "smtp://u:hemligt@127.0.0.1:$SPORT"
ok "the mail server" k config set smtp-url "smtp://127.0.0.1:$SPORT"
ok "the sender" k config set mail-from kansli@exempel.se
ok "the site" k config set site-url https://kansli.exempel.se
fails "a bad address" "not a mail address" k user email anna "anna exempel.se"
for u in anna soc1 bygg1 las; do k user email $u "$u@exempel.se" >/dev/null; done
fails "a user sends no reminders" "by the installation" k --user anna reminders send
ok "the 8th: nothing is due" env KANSLI_NOW=2026-12-08 "$KANSLI" reminders send
same "(no mail)" "0 0" "$(cat "$T/out" | cut -d' ' -f1) $(mails)"
ok "the 9th: the unit's reminder" env KANSLI_NOW=2026-12-09 "$KANSLI" reminders send
same "one mail, to the unit's member" "1 1" "$(mails) $(grep -l '^To: bygg1@exempel.se' "$T/mail/new/"* | wc -l)"
ok "run again the same day" env KANSLI_NOW=2026-12-09 "$KANSLI" reminders send
same "nothing is mailed twice" "0 reminder mails sent 1" "$(cat "$T/out") $(mails)"
ok "the 10th" env KANSLI_NOW=2026-12-10 "$KANSLI" reminders send
same "the secret case's reminder to its officer; anna's was moved" "2" "$(mails)"
m=$(mail_to soc1@exempel.se)
if [ -n "$m" ] && grep -q "Sekretess" "$m" && grep -q "https://kansli.exempel.se/bevakning?org=kommun&id=3" "$m"; then
	pass "the secret case's mail says Sekretess and links"
else
	fail "the secret case's mail: $(cat "$m" 2>/dev/null | head -c 600)"
fi
if grep -qi "kanarie" "$m"; then fail "the mail carries the secret case's title or note"; else pass "no secret text in the mail"; fi
# the server is down on the 12th: nothing is recorded, the next run sends it
smtp_stop
fails "the server is down" "could not be sent" env KANSLI_NOW=2026-12-12 "$KANSLI" reminders send
same "(nothing recorded)" "2" "$(sql "SELECT count(*) FROM reminder_mail")"
smtp_start
ok "the server is back" env KANSLI_NOW=2026-12-12 "$KANSLI" reminders send
same "anna's reminder on its new day" "3 1" "$(mails) $(sql "SELECT count(*) FROM reminder_mail WHERE reminder_id = 1 AND due_date = '2026-12-12'")"
m=$(mail_to anna@exempel.se)
if grep -q "Svar senast från sökanden" "$m" && grep -q "Bygglov Storgatan 1" "$m"; then pass "an open case's mail has its title and note"; else fail "anna's mail: $(head -c 600 "$m")"; fi
same "each mail is an event on its case" "3" "$(sql "SELECT count(*) FROM event WHERE action = 'reminder.mail'")"
ok "the reader still sees nothing of it" k --user las reminder list --json
if grep -qi "kanarie" "$T/out"; then fail "secret text in the reader's list after the mail"; else pass "(still hidden)"; fi

# --- done
ok "done" k --user anna reminder done 1
fails "done twice" "already done" k --user anna reminder done 1
fails "a done reminder is not moved" "is done" k --user anna reminder move 1 --to 2026-12-20 --reason "Igen"
ok "the done list" k --user anna reminder list --filter done --json
same "(it is there)" "1 done" "$(j "$T/out" 'd["reminders"][0]["id"], d["reminders"][0]["status"]' | tr -d "(),'")"

# --- the API
TR=$(k token add reg "reg" --days 90)
TL=$(k token add las "las" --days 90)
TA=$(k token add anna "anna" --days 90)
ok "a reminder for the server's own day" k --user reg reminder add "$c" --user anna --due 2026-12-13 \
	--note "$(printf 'Beslut ska fattas\nenligt delegationsordningen')"
web_serve KANSLI_NOW=2026-12-13
trap 'kill $pid $spid 2>/dev/null; rm -rf "$T"' EXIT
api() { curl -s -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$U/api/v1/$2"; }
apipost() { curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
	"$U/api/v1/$2" -d "$3"; }
same "the reader's list over the API" "200 2" "$(api "$TL" 'reminders?org=kommun') $(j "$T/body" 'd["total"]')"
if grep -qi "kanarie" "$T/body"; then fail "secret text in the API's list"; else pass "no secret text over the API"; fi
same "the reader cannot read the secret one" "404" "$(api "$TL" 'reminders/3?org=kommun')"
same "a bad filter" "422" "$(api "$TR" 'reminders?org=kommun&filter=alla')"
same "paged" "200 1 True" "$(api "$TR" 'reminders?org=kommun&limit=1') $(j "$T/body" 'len(d["reminders"]), d["next"] is not None' | tr -d '(),')"
same "set over the API" "201" "$(apipost "$TR" 'reminders?org=kommun' "{\"case\":\"$c\",\"unit\":\"BYGG\",\"due_date\":\"2026-12-20\",\"note\":\"Via API\"}")"
N=$(j "$T/body" 'd["id"]')
same "outside the organisation over the API" "422 username" "$(apipost "$TR" 'reminders?org=kommun' \
	"{\"case\":\"$c\",\"username\":\"olle\",\"due_date\":\"2026-12-20\",\"note\":\"x\"}") $(j "$T/body" 'd["error"]["field"]')"
same "an empty reason over the API" "422" "$(apipost "$TR" "reminders/$N/move?org=kommun" '{"due_date":"2026-12-21","reason":""}')"
same "moved over the API" "200 2026-12-21" "$(apipost "$TR" "reminders/$N/move?org=kommun" '{"due_date":"2026-12-21","reason":"Semester"}') $(j "$T/body" 'd["due_date"]')"
same "done over the API" "200 done" "$(apipost "$TR" "reminders/$N/done?org=kommun" '') $(j "$T/body" 'd["status"]')"
same "the overview lists the overdue one the reader may see" "200 1 KS 2026/0001" \
	"$(api "$TL" 'overview?org=kommun') $(j "$T/body" 'd["overdue_reminders_total"], d["overdue_reminders"][0]["case"]' | tr -d "(),'")"

# --- kansli serve mails on its own (its day is the 13th)
i=0
until [ "$(mails)" -ge 4 ] || [ $i -ge 100 ]; do sleep 0.2; i=$((i + 1)); done
same "the server mailed the 13th's reminder" "4 1" "$(mails) $(sql "SELECT count(*) FROM reminder_mail WHERE due_date = '2026-12-13'")"
same "(its note's two lines)" "1" "$(grep -l '^enligt delegationsordningen' "$T/mail/new/"* | wc -l)"

# --- the pages
field() { sed -n "s/.*name=\"$1\" value=\"\([0-9a-f]*\)\".*/\1/p" "$2" | head -1; }
same "anna logs in" "303" "$(login "$T/a" anna Losenord-for-anna)"
same "the start page" "200" "$(code -b "$T/a" "$U/?org=kommun")"
has "shows her reminders" "Bevakningar till mig"
has "with the reminder" "Beslut ska fattas"
same "the list page" "200" "$(code -b "$T/a" "$U/bevakningar?org=kommun")"
has "lists the reminders" "Komplettering begärd"
has "with the total" "3 bevakningar."
C=$(field csrf "$T/body")
form() { code -b "$T/a" -c "$T/a" -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "formsida=/bevakningar?org=kommun" "$@" "$U/bevakningar"; }
before=$(rows)
same "a past day on the page is refused" "422" "$(form --data-urlencode atgard=ny --data-urlencode "arende=$c" \
	--data-urlencode anvandare=anna --data-urlencode bevakning=2026-12-01 --data-urlencode anteckning=Sida)"
has "with the form back" "name=\"anteckning\""
same "(nothing set)" "$before" "$(rows)"
same "set on the page" "303" "$(form --data-urlencode atgard=ny --data-urlencode "arende=$c" \
	--data-urlencode anvandare=anna --data-urlencode bevakning=2026-12-30 --data-urlencode anteckning=Sidnot)"
same "(set)" "$((before + 1))" "$(rows)"
P=$(sql "SELECT max(id) FROM reminder")
same "an empty reason on the page is refused" "422" "$(form --data-urlencode atgard=flytta --data-urlencode "id=$P" \
	--data-urlencode bevakning=2026-12-31 --data-urlencode skal=)"
same "moved on the page" "303" "$(form --data-urlencode atgard=flytta --data-urlencode "id=$P" \
	--data-urlencode bevakning=2026-12-31 --data-urlencode "skal=Ny uppgift")"
same "the reminder's page" "200" "$(code -b "$T/a" "$U/bevakning?org=kommun&id=$P")"
has "its history in words" "Bevakningen flyttades från 2026-12-30 till 2026-12-31"
same "in English" "200" "$(code -b "$T/a" -H 'Accept-Language: en' "$U/bevakning?org=kommun&id=$P&lang=en")"
has "(the history in English)" "The reminder was moved from 2026-12-30 to 2026-12-31"
same "done on the page" "303" "$(form --data-urlencode atgard=klar --data-urlencode "id=$P")"
same "the reader logs in" "303" "$(login "$T/l" las Losenord-for-las)"
same "the reader's list page" "200" "$(code -b "$T/l" "$U/bevakningar?org=kommun&visa=klara")"
if grep -qi "kanarie" "$T/body"; then fail "secret text on the reader's page"; else pass "no secret text on the reader's page"; fi
same "the overview page" "200" "$(code -b "$T/l" "$U/oversikt?org=kommun")"
has "lists the overdue reminders" "Försenade bevakningar"

ok "the overview from the shell" env KANSLI_NOW=2026-12-13 "$KANSLI" --user las overview
same "(names the reader's overdue reminder, not the secret one)" "1" "$(grep -c '^overdue reminders: 1 ' "$T/out")"
ok "the installation verifies" k verify
