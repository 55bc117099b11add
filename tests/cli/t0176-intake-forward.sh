#!/bin/sh
# t0176 — the registrar's inbox, second slice: forwarding that works, and
# search. The registrar forwards a mail to an officer and another to a
# unit; each officer (and each member of the unit) sees only what is
# theirs, on the start page and in their view of /inkorg, and registers it
# or sends it back with a note, which the registrar then reads. The inbox
# is searched (words in sender, subject and text, case and accents aside,
# never read as SQL) and filtered by channel, state and arrival date, with
# a total and pages — from the CLI, the API and the page. Every refusal
# changes nothing.
TEST_NAME=intake-forward
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

M="$(dirname "$0")/../data/mail"
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
ids() { python3 -c 'import json,sys; print(" ".join(str(x["id"]) for x in json.load(open(sys.argv[1]))))' "$T/out"; }
state() { sql "SELECT CASE WHEN EXISTS (SELECT 1 FROM intake_decision WHERE item_id = $1) THEN 'judged' WHEN EXISTS (SELECT 1 FROM intake_forward WHERE item_id = $1) THEN 'forwarded' ELSE 'open' END"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k unit add BYGG "Byggenheten" >/dev/null
k unit add MILJO "Miljöenheten" >/dev/null
for u in reg hl hl2 las; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant reg registrator >/dev/null
k user grant hl handlaggare >/dev/null
k user grant hl2 handlaggare --unit BYGG >/dev/null
k user grant las lasare >/dev/null
# 1 Dec 3 (Anna, Storgatan), 2 Dec 4 (fågelholk), 3 Dec 5 (remiss), 4 and 5 Dec 6
for f in plain latin1-subject nested html-only bad-names; do
	k intake mail --org kommun <"$M/$f.eml" >/dev/null || fail "setup: $f.eml not taken"
done
same "five items" "5" "$(sql "SELECT count(*) FROM intake_item")"

# --- forwarding ---
ok "the registrar forwards the building permit to an officer" k --user reg intake forward 2 --to hl --note "Bygglov"
ok "and the consultation to the building unit" k --user reg intake forward 3 --unit BYGG
ok "the officer lists their inbox" k --user hl intake list --json
same "only the item forwarded to them" "2" "$(ids)"
ok "a member of the unit lists theirs" k --user hl2 intake list --json
same "only the unit's item" "3" "$(ids)"
fails "a reader has no inbox" "registrars only" k --user las intake list
fails "the officer does not read an item not theirs" "no inbox item 3" k --user hl intake show 3
fails "nor the unit's member another's" "no inbox item 2" k --user hl2 intake show 2
ok "the officer reads theirs" k --user hl intake show 2 --json
same "with its text" "True" "$(j "$T/out" '"ritningar" in d["text"]')"
fails "the officer does not reject" "registrars only" k --user hl intake reject 2 --reason spam
fails "nor forward" "registrars only" k --user hl intake forward 2 --to hl2
fails "nor register what is not theirs" "not forwarded to user:hl or their unit" k --user hl intake register 3 --series KS --case-title X
same "(nothing judged)" "0" "$(sql "SELECT count(*) FROM intake_decision")"
fails "sending back needs a note saying why" "say why" k --user hl2 intake send-back 3
same "(still forwarded)" "forwarded" "$(state 3)"
ok "the unit's member sends it back" k --user hl2 intake send-back 3 --note "Inte bygg: kollektivtrafik"
same "it is open again" "open" "$(state 3)"
ok "and leaves their inbox" k --user hl2 intake list --json
same "(empty)" "" "$(ids)"
fails "sent back once" "not forwarded to user:hl2" k --user hl2 intake send-back 3 --note "igen"
ok "the registrar reads who sent it back and why" k --user reg intake show 3 --json
same "the officer and the note" "hl2: Inte bygg: kollektivtrafik (open)" \
	"$(j "$T/out" 'd["returned_by"] + ": " + d["return_note"] + " (" + d["state"] + ")"')"
fails "an item not forwarded is not sent back" "not forwarded: there is" k --user reg intake send-back 4 --note x
ok "the officer registers theirs as a new case" k --user hl intake register 2 --series KS --case-title "Fågelholk"
same "as its record" "KS 2026/0001-1" "$(cat "$T/out")"
same "the registration's date received is the arrival" "2026-12-04" "$(k record show "KS 2026/0001-1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["doc_date"])')"
ok "forwarded anew" k --user reg intake forward 3 --to hl
ok "(read)" k --user reg intake show 3 --json
same "the old note is gone" "None" "$(j "$T/out" 'd.get("return_note")')"
same "events" "1|1|3" "$(sql "SELECT (SELECT count(*) FROM event WHERE action = 'intake.send_back'), (SELECT count(*) FROM event WHERE action = 'intake.register'), (SELECT count(*) FROM event WHERE action = 'intake.forward')")"

# --- search and filters (the registrar) ---
ok "search a word" k --user reg intake list --state all --text "fågelholk" --json
same "finds it" "2" "$(ids)"
ok "in capitals without its accents" k --user reg intake list --state all --text "FAGELHOLK" --json
same "finds it too" "2" "$(ids)"
ok "two words, in sender and text" k --user reg intake list --text "anna storgatan" --json
same "both must be there" "1" "$(ids)"
ok "text that looks like SQL" k --user reg intake list --state all --text "'; DROP TABLE intake_item; --" --json
same "is only text: nothing found" "" "$(ids)"
ok "a wildcard" k --user reg intake list --state all --text "%" --json
same "is only a character" "" "$(ids)"
same "(the inbox is whole)" "5" "$(sql "SELECT count(*) FROM intake_item")"
ok "by arrival date" k --user reg intake list --state all --from 2026-12-05 --to 2026-12-05 --json
same "the day's item" "3" "$(ids)"
ok "from a day on" k --user reg intake list --from 2026-12-06 --json
same "newest first" "5 4" "$(ids)"
ok "by channel" k --user reg intake list --state all --source api --json
same "no e-service items yet" "" "$(ids)"
ok "a page" k --user reg intake list --state all --limit 2 --offset 1 --json
same "its items" "4 3" "$(ids)"
same "and the total" "5 inbox items match" "$(cat "$T/err")"
ok "by state" k --user reg intake list --state registered --json
same "the registered one" "2" "$(ids)"
fails "a channel that is none" "source must be mail or api" k --user reg intake list --source fax
fails "a date that is none" "from must be a date" k --user reg intake list --from 2026-13-01
fails "a range that ends before it begins" "ends before it begins" k --user reg intake list --from 2026-12-06 --to 2026-12-05
ok "an officer's search" k --user hl intake list --state all --text "remiss" --json
same "is within what is theirs" "3" "$(ids)"
ok "the registrar's own (--mine)" k --user reg intake list --mine --json
same "nothing forwarded to the registrar" "" "$(ids)"

# --- the API ---
TR=$(k token add reg "reg" --days 90)
TH=$(k token add hl "hl" --days 90)
web_serve
get() { curl -s -o "$T/out" -w '%{http_code}' -H "Authorization: Bearer $1" "$U/api/v1/intake?org=kommun&$2"; }
same "the API searches" "200" "$(get "$TR" 'state=all&text=bygglov')"
same "with the total" "1 2" "$(j "$T/out" 'str(d["total"]) + " " + " ".join(str(x["id"]) for x in d["items"])')"
same "pages" "200" "$(get "$TR" 'state=all&limit=2')"
same "two of five, and the next page" "2 5 True" "$(j "$T/out" 'str(len(d["items"])) + " " + str(d["total"]) + " " + str(d["next"] is not None)')"
next=$(j "$T/out" 'd["next"]')
same "the next page" "200" "$(curl -s -o "$T/out" -w '%{http_code}' -H "Authorization: Bearer $TR" "$U$next")"
same "continues after it" "3 2" "$(j "$T/out" '" ".join(str(x["id"]) for x in d["items"])')"
same "a bad filter is refused" "422" "$(get "$TR" 'source=fax')"
same "an officer's list" "200" "$(get "$TH" 'state=all')"
same "is theirs" "3 2" "$(j "$T/out" '" ".join(str(x["id"]) for x in d["items"])')"
back() { curl -s -o "$T/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TH" \
	-H 'Content-Type: application/json' "$U/api/v1/intake/$1/send-back?org=kommun" -d "$2"; }
same "sending back without a note is refused" "422" "$(back 3 '{}')"
same "(still forwarded)" "forwarded" "$(state 3)"
same "the officer sends it back through the API" "200" "$(back 3 '{"note":"Inte min"}')"
same "it is open again" "open" "$(j "$T/out" 'd["state"]')"
same "(who sent it back)" "hl" "$(sql "SELECT u.username FROM intake_return r JOIN app_user u ON u.id = r.user_id WHERE r.item_id = 3")"
same "an item not theirs is refused" "403" "$(back 4 '{"note":"x"}')"

# --- the pages ---
k --user reg intake forward 3 --unit BYGG >/dev/null
J="$T/jar"
same "the registrar logs in" "303" "$(login "$J" reg Losenord-for-reg)"
same "searches the inbox page" "200" "$(code -b "$J" "$U/inkorg?org=kommun&visa=all&sok=f%C3%A5gelholk")"
has "finds the item" "Ansökan om bygglov"
hasnt "and not the others" "Bara HTML"
has "with the total" "1 poster"
has "the search stays in its field" 'value="fågelholk"'
same "filters by date" "200" "$(code -b "$J" "$U/inkorg?org=kommun&fran=2026-12-06")"
has "the day's items" "Bara HTML"
hasnt "not the earlier" "Remiss om kollektivtrafik"
same "a bad filter is refused" "422" "$(code -b "$J" "$U/inkorg?org=kommun&kanal=fax")"
same "in English" "200" "$(code -b "$J" "$U/inkorg?org=kommun&lang=en")"
has "the total in English" "items\."
J2="$T/jar2"
same "the unit's member logs in" "303" "$(login "$J2" hl2 Losenord-for-hl2)"
same "their start page" "200" "$(code -b "$J2" "$U/?org=kommun")"
has "shows what is forwarded to them" "Vidarebefordrat till dig"
has "linked" "/inkorg/post?org=kommun&amp;id=3"
same "their inbox page" "200" "$(code -b "$J2" "$U/inkorg?org=kommun")"
has "shows it" "Remiss om kollektivtrafik"
hasnt "and nothing else" "Bara HTML"
same "an item not theirs is not found" "404" "$(code -b "$J2" "$U/inkorg/post?org=kommun&id=4")"
same "their item's page" "200" "$(code -b "$J2" "$U/inkorg/post?org=kommun&id=3")"
has "offers sending it back" "Skicka tillbaka"
hasnt "and no rejection" "Ska inte diarieföras</legend>"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
post() { curl -s -o "$T/body" -w '%{http_code}' -b "$J2" "$U/inkorg" --data-urlencode "csrf=$csrf" \
	--data-urlencode "org=kommun" --data-urlencode "formsida=/inkorg/post?org=kommun&id=3" "$@"; }
same "sending back without a note is refused" "422" "$(post --data-urlencode atgard=tillbaka --data-urlencode id=3 --data-urlencode varfor=)"
same "(still forwarded)" "forwarded" "$(state 3)"
same "sent back from the page" "303" "$(post --data-urlencode atgard=tillbaka --data-urlencode id=3 --data-urlencode varfor="Fel enhet")"
same "(open again)" "open" "$(state 3)"
same "the start page in English" "200" "$(code -b "$J2" "$U/?org=kommun&lang=en")"

# --- split one item, join several ---
# item 5 (Konstiga filnamn) has three attachments; 1 and 4 are open
ok "(its attachments)" k --user reg intake show 5 --json
same "three attachments" "1 2 3" "$(j "$T/out" '" ".join(str(a["seq"]) for a in d["attachments"])')"
records() { sql "SELECT count(*) FROM record"; }
before=$(records)
fails "a split leaves no attachment out" "attachment 3 is in no part" \
	k --user reg intake split 5 --part "KS 2026/0001:1" --part "KS 2026/0001:2"
fails "nor puts one in two records" "is in parts 1 and 2" \
	k --user reg intake split 5 --part "KS 2026/0001:1,2" --part "KS 2026/0001:2,3"
fails "a split is into two records at least" "split into 2 to" k --user reg intake split 5 --part "KS 2026/0001:1,2,3"
fails "a part names a case that exists" "no case" k --user reg intake split 5 --part "KS 2026/0001:1" --part "KS 2026/0099:2,3"
fails "a part is CASE:SEQS" "is not CASE:SEQ" k --user reg intake split 5 --part "KS 2026/0001" --part "KS 2026/0001:2,3"
fails "an officer does not split what is not theirs" "not forwarded to user:hl" \
	k --user hl intake split 5 --part "KS 2026/0001:1" --part "KS 2026/0001:2,3"
same "(no record made, nothing judged)" "$before open" "$(records) $(state 5)"
ok "the registrar splits it into two records" \
	k --user reg intake split 5 --part "KS 2026/0001:1" --part "KS 2026/0001:2,3:Två filer"
same "their numbers" "KS 2026/0001-2 KS 2026/0001-3" "$(tr '\n' ' ' <"$T/out" | sed 's/ $//')"
k record show "KS 2026/0001-3" --json >"$T/rec"
same "the second has its attachments, the text and the original" "meddelande.txt a_b_c.txt ny rad .txt meddelande.eml" \
	"$(j "$T/rec" '" ".join(f["name"] for f in d["files"])')"
same "its title, and the date received the arrival" "Två filer 2026-12-06" "$(j "$T/rec" 'd["title"] + " " + d["doc_date"]')"
same "the first's title is the subject and its attachment" "Konstiga filnamn – _.._.._etc_passwd" \
	"$(k record show "KS 2026/0001-2" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["title"])')"
ok "(the item)" k --user reg intake show 5 --json
same "is registered, split into both" "registered KS 2026/0001-2 KS 2026/0001-3" \
	"$(j "$T/out" '" ".join([d["state"]] + d["split_into"])')"
before=$(records)
fails "an item is joined with another once" "named twice" k --user reg intake join 1 1 --case "KS 2026/0001"
fails "a registered item is not joined" "already registered" k --user reg intake join 1 5 --case "KS 2026/0001"
fails "a join needs a case" "give --case" k --user reg intake join 1 4
same "(no record made, nothing judged)" "$before open open" "$(records) $(state 1) $(state 4)"
ok "the registrar joins two mails into one record" k --user reg intake join 4 1 --series KS --case-title "Ihop"
same "a new case's record" "KS 2026/0002-1" "$(cat "$T/out")"
k record show "KS 2026/0002-1" --json >"$T/rec"
same "with each item's files" "4-meddelande.txt 4-meddelande.eml 1-meddelande.txt 1-synpunkter.txt 1-meddelande.eml" \
	"$(j "$T/rec" '" ".join(f["name"] for f in d["files"])')"
same "the first item's subject, dated the earliest arrival" "Bara HTML 2026-12-03" "$(j "$T/rec" 'd["title"] + " " + d["doc_date"]')"
same "both items are that record" "KS 2026/0002-1|KS 2026/0002-1" \
	"$(k --user reg intake list --state registered --json 2>/dev/null | python3 -c 'import json,sys; print("|".join(x["record"] for x in json.load(sys.stdin) if x["id"] in (1, 4)))')"
same "one event each" "1 1" "$(sql "SELECT (SELECT count(*) FROM event WHERE action = 'intake.split') || ' ' || (SELECT count(*) FROM event WHERE action = 'intake.join')")"

# split and join through the API and the page: mails with two attachments
two() { python3 -c '
import sys
print("Received: from x.example by mail.exempel.se (Postfix) with ESMTP id 9%s;\n\tMon, 7 Dec 2026 08:00:00 +0100 (CET)" % sys.argv[1])
print("From: Olle <olle@x.example>\nSubject: Två ärenden %s\nMessage-ID: <two.%s@x.example>\nMIME-Version: 1.0" % (sys.argv[1], sys.argv[1]))
print("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nTvå saker.")
for n in ("klagomal.txt", "ansokan.txt"):
	print("--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=%s\n\n%s\n" % (n, n))
print("--b--")' "$1" | k intake mail --org kommun | sed 's/inbox item //'; }
A=$(two 1); B=$(two 2); C=$(two 3)
api() { curl -s -o "$T/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TR" \
	-H 'Content-Type: application/json' "$U/api/v1/intake/$1?org=kommun" -d "$2"; }
same "the API refuses a split into one part" "422" "$(api "$A/split" '{"parts":[{"case":"KS 2026/0001","attachments":[1,2]}]}')"
same "(nothing judged)" "open" "$(state "$A")"
same "the API splits a mail" "201" "$(api "$A/split" '{"parts":[{"case":"KS 2026/0001","attachments":[1]},{"case":"KS 2026/0002","title":"Ansökan","attachments":[2]}]}')"
same "into two records" "KS 2026/0001-4 KS 2026/0002-2" "$(j "$T/out" '" ".join(d["split_into"])')"
same "the API refuses a join of one" "422" "$(api join "{\"items\":[$B],\"case\":\"KS 2026/0001\"}")"
same "the API joins" "201" "$(api join "{\"items\":[$B,$C],\"case\":\"KS 2026/0002\",\"title\":\"Två mejl\"}")"
same "into one record" "KS 2026/0002-3" "$(j "$T/out" 'd["record"]')"
D=$(two 4); E=$(two 5); F=$(two 6)
same "the page" "200" "$(code -b "$J" "$U/inkorg/post?org=kommun&id=$D")"
has "offers a split" "Dela upp"
has "and a join" "Slå ihop"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
act() { curl -s -o "$T/body" -w '%{http_code}' -b "$J" "$U/inkorg" --data-urlencode "csrf=$csrf" \
	--data-urlencode "org=kommun" --data-urlencode "formsida=/inkorg/post?org=kommun&id=$D" "$@"; }
same "a split that leaves an attachment out is refused" "422" \
	"$(act --data-urlencode atgard=dela --data-urlencode id=$D --data-urlencode "del-1=KS 2026/0001")"
has "saying what" "En bilaga saknas"
same "(nothing judged)" "open" "$(state "$D")"
same "the page splits" "303" "$(act --data-urlencode atgard=dela --data-urlencode id=$D \
	--data-urlencode "del-1=KS 2026/0001" --data-urlencode "del-2=KS 2026/0002")"
same "(two records)" "2" "$(sql "SELECT count(*) FROM intake_split WHERE item_id = $D")"
same "a join of numbers that are none is refused" "422" \
	"$(act --data-urlencode atgard=sla-ihop --data-urlencode id=$E --data-urlencode med=abc --data-urlencode "arende=KS 2026/0001")"
same "(nothing judged)" "open open" "$(state "$E") $(state "$F")"
same "the page joins" "303" "$(act --data-urlencode atgard=sla-ihop --data-urlencode id=$E --data-urlencode med=$F \
	--data-urlencode "arende=KS 2026/0001")"
same "(one record for both)" "1" "$(sql "SELECT count(DISTINCT record_id) FROM intake_decision WHERE item_id IN ($E, $F)")"
same "the item page in English" "200" "$(code -b "$J" "$U/inkorg/post?org=kommun&id=$(two 7)&lang=en")"
has "(translated)" "Split into several records"

# --- the registration lag in the managers' overview ---
ok "the overview" k --user reg overview --json
mail_lag() { j "$T/out" '[c for c in d["registration_lag"] if c["channel"] == "mail"][0]'"$1"; }
# registered on Dec 7 (Swedish time): item 2 (arrived Dec 4 13:02 UTC), 5 (Dec 6 10:00),
# 4 (Dec 6 09:00), 1 (Dec 3 08:15) and six mails of Dec 7 07:00: the longest is item 1's
same "counts the registered mail" "10" "$(mail_lag '["registered"]')"
same "the longest lag is the oldest mail's (Dec 3 to Dec 7)" "True" "$(mail_lag '["max_hours"]' | python3 -c 'import sys; print(84 < float(sys.stdin.read()) < 112)')"
same "the median lies between" "True" "$(mail_lag '["median_hours"]' | python3 -c 'import sys; print(0 <= float(sys.stdin.read()) < 84)')"
same "and no e-service items" "0 None" "$(j "$T/out" '" ".join(str(x) for x in [[c for c in d["registration_lag"] if c["channel"] == "api"][0][k] for k in ("registered", "median_hours")])')"
ok "the overview in text" k --user reg overview
grep -q "^  mail     10 registered  median" "$T/out" && pass "says the lag" || fail "no lag in the text overview: $(tail -3 "$T/out")"
same "the overview page" "200" "$(code -b "$J" "$U/oversikt?org=kommun")"
has "shows the lag per channel" "Registreringstid från inkorgen"
same "in English" "200" "$(code -b "$J" "$U/oversikt?org=kommun&lang=en")"
has "(translated)" "Registration lag from the inbox"

# --- an inbox nobody opens (another organisation, its own inbox) ---
k org add skola "Skolförvaltningen" >/dev/null
k user grant reg registrator --org skola >/dev/null
k intake mail --org skola <"$M/plain.eml" >/dev/null # arrived Thursday Dec 3
ok "whether the inbox is watched" k --user reg intake watch --org skola --json
same "nobody has opened it, and the mail waited Fri and Mon: two working days" "True 1 2 None" \
	"$(j "$T/out" '" ".join(str(d[k]) for k in ("warning", "waiting", "working_days", "opened"))')"
ok "(in text)" k --user reg intake watch --org skola
same "says it" "WARNING: 1 items waiting unopened, the oldest 2 working days (the limit is 2)" "$(cat "$T/out")"
fails "an officer does not watch the inbox" "registrars only" k --user hl intake watch --org kommun
fails "the limit is 1 to 60 working days" "1 to 60" k --user reg intake settings --org skola --unopened-days 0
fails "an officer does not set it" "registrars only" k --user hl intake settings --org kommun --unopened-days 5
ok "the registrars allow three working days" k --user reg intake settings --org skola --unopened-days 3
ok "(watch)" k --user reg intake watch --org skola --json
same "no warning yet" "False 3" "$(j "$T/out" '" ".join(str(d[k]) for k in ("warning", "unopened_days"))')"
ok "back to two" k --user reg intake settings --org skola --unopened-days 2
same "the setting is logged" "2" "$(sql "SELECT count(*) FROM event WHERE action = 'intake.settings'")"
KANSLI_NOW=2026-12-02 ok "a registrar opened the inbox the day before the mail came" k --user reg intake list --org skola
ok "(watch)" k --user reg intake watch --org skola --json
same "still a warning: nobody has seen the mail" "True reg" "$(j "$T/out" 'str(d["warning"]) + " " + d["opened_by"]')"
same "the start page warns the registry office" "200" "$(code -b "$J" "$U/?org=skola")"
has "of the unopened inbox" "Ingen har öppnat"
same "in English" "200" "$(code -b "$J" "$U/?org=skola&lang=en")"
has "(translated)" "Nobody has opened"
same "the inbox page is opened" "200" "$(code -b "$J" "$U/inkorg?org=skola")"
has "with the watch's setting" 'name="dagar"'
same "the warning is gone" "200" "$(code -b "$J" "$U/?org=skola")"
hasnt "from the start page" "Ingen har öppnat"
same "the API watches" "200" "$(curl -s -o "$T/out" -w '%{http_code}' -H "Authorization: Bearer $TR" "$U/api/v1/intake/watch?org=skola")"
same "(no warning, opened by reg)" "False reg" "$(j "$T/out" 'str(d["warning"]) + " " + d["opened_by"]')"
set_days() { curl -s -o "$T/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TR" \
	-H 'Content-Type: application/json' "$U/api/v1/intake/settings?org=skola" -d "$1"; }
same "the API refuses 61 days" "422" "$(set_days '{"unopened_days":61}')"
same "and sets five" "200" "$(set_days '{"unopened_days":5}')"
same "(set)" "5" "$(j "$T/out" 'd["unopened_days"]')"
same "the page's form" "200" "$(code -b "$J" "$U/inkorg?org=skola")"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
setpage() { curl -s -o "$T/body" -w '%{http_code}' -b "$J" "$U/inkorg" --data-urlencode "csrf=$csrf" \
	--data-urlencode "org=skola" --data-urlencode "formsida=/inkorg?org=skola" --data-urlencode atgard=bevakning "$@"; }
same "refuses 99 days" "422" "$(setpage --data-urlencode dagar=99)"
same "(unchanged)" "5" "$(sql "SELECT unopened_days FROM intake_setting s JOIN organisation o ON o.id = s.org_id WHERE o.code = 'skola'")"
same "sets four" "303" "$(setpage --data-urlencode dagar=4)"
same "(set)" "4" "$(sql "SELECT unopened_days FROM intake_setting s JOIN organisation o ON o.id = s.org_id WHERE o.code = 'skola'")"

ok "the installation verifies" k verify
