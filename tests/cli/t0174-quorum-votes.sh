#!/bin/sh
# t0174 — decision-making in the minutes (KL 5 kap. 67 §, 6 kap. 28 §): a
# meeting with 1 of 4 ledamöter present is drawn up with a warning and no §
# of it can be decided; an ersättare serving counts for the ledamot; a
# member with jäv takes no part in the § and is not counted in its quorum;
# proposals (yrkanden) by members taking part, the order they are put, a
# roll-call vote with the chair's casting vote on a tie, and a reservation
# tied to the proposal it defends; the minutes name the secretary, the
# "Paragrafer" line and a signature block. From the shell, the API and the
# meeting page (Swedish and English); every bad input refused, nothing kept.
TEST_NAME=quorum-votes
. "$(dirname "$0")/lib.sh"

# j FILE EXPR: a value out of a JSON file (d is the document).
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

export KANSLI_NOW=2026-04-14
k init "$KANSLI_DATA" >/dev/null || { echo "FAIL $TEST_NAME: init"; exit 1; }
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in sara anna bengt las; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sara namndsekreterare >/dev/null
for u in anna bengt las; do k user grant $u lasare >/dev/null; done
k board add KS --name Kommunstyrelsen --kind styrelse --series KS >/dev/null
k board member KS --name "Anna Andersson" --party S --role ledamot --position ordforande --from 2023-01-01 \
	--account anna >/dev/null                                                            # 1
k board member KS --name "Bengt Berg" --party M --role ledamot --from 2023-01-01 --account bengt >/dev/null  # 2
k board member KS --name "Cilla Carlsson" --party C --role ledamot --from 2023-01-01 >/dev/null            # 3
k board member KS --name "Doris Dahl" --party L --role ledamot --from 2023-01-01 >/dev/null                # 4
k board member KS --name "Erik Ek" --party C --role ersattare --from 2023-01-01 >/dev/null                 # 5
k board member KS --name "Frida Falk" --party S --role ersattare --from 2023-01-01 >/dev/null              # 6
k board member KS --name "Sara Sekreterare" --role sekreterare --from 2023-01-01 --account sara >/dev/null # 7
c1=$(k case open --series KS --title "Budget 2027")
c2=$(k case open --series KS --title "Detaljplan för Norra hamnen")
# the applicant is a masked party: a proposal that names him is masked
# where the public reads the minutes
k record add "$c2" --direction in --title "Ansökan" --person "Emir Zebrasson" \
	--secrecy partial --legal-ground "OSL 21 kap. 1 §" --mask party >/dev/null
k --user sara meeting create --board KS --date 2026-04-14 --time 09:00 --place "Salen" >/dev/null
k --user sara meeting add 1 --case "$c1" >/dev/null
k --user sara meeting add 1 --case "$c2" >/dev/null
k --user sara meeting send-notice 1 >/dev/null
i1=$(sql "SELECT id FROM agenda_item WHERE case_id IS NOT NULL ORDER BY pos LIMIT 1")
i2=$(sql "SELECT id FROM agenda_item WHERE case_id IS NOT NULL ORDER BY pos LIMIT 1 OFFSET 1")
[ -n "$i1" ] && [ -n "$i2" ] || { echo "FAIL $TEST_NAME: setup (items)"; exit 1; }

# --- quorum: 1 of 4 ledamöter present ---
ok "the chair is present" k --user sara meeting attend 1 1 present
ok "the others are absent" sh -c "for m in 2 3 4; do '$KANSLI' --user sara meeting attend 1 \$m absent || exit 1; done"
k --user sara meeting draw-up 1 >"$T/out" 2>"$T/err"
same "drawing up without a quorum succeeds" "held" "$(sql "SELECT status FROM meeting WHERE id = 1")"
grep -q "warning: the meeting has no quorum: 1 of the board's 4 ledamöter take part and more than half (3) must" "$T/err" \
	&& pass "drawing up warns that quorum is lacking" || fail "no quorum warning: $(cat "$T/err")"
same "the draw-up is logged with its quorum" "0" \
	"$(sql "SELECT json_extract(data, '\$.quorum.met') FROM event WHERE action = 'minutes.draw_up'")"
fails "a § refuses a decision without quorum" "cannot be decided without a quorum: 1 of the board's 4 ledamöter" \
	k --user sara meeting decide "$i1" --text "Budgeten fastställs."
same "nothing was decided" "0" "$(sql "SELECT count(*) FROM agenda_item WHERE decision IS NOT NULL")"
k --user sara meeting minutes 1 >"$T/min0"
grep -q "^Beslutförhet: 1 av 4 ledamöter tjänstgör; nämnden är inte beslutför (minst 3 krävs)." "$T/min0" \
	&& pass "the minutes say quorum is lacking" || fail "no quorum line: $(grep Beslutf "$T/min0")"
fails "a proposal by an absent member is refused" "Bengt Berg does not take part" \
	k --user sara meeting propose "$i1" 2 --text "Avslag"

# --- an ersättare serving counts for the ledamot she replaces ---
ok "Bengt arrives" k --user sara meeting attend 1 2 present
ok "Erik serves for Cilla" k --user sara meeting attend 1 5 present --for 3
ok "Frida is present, serving for no one" k --user sara meeting attend 1 6 present
ok "the secretary is present" k --user sara meeting attend 1 7 present
k --user sara meeting show 1 --json >"$T/m"
same "3 of 4 take part: quorum" "3 4 3 True" \
	"$(j "$T/m" '" ".join(str(d["quorum"][x]) for x in ("serving","seats","needed","met"))')"

# --- jäv: excluded from the § and from its quorum ---
ok "Bengt has jäv in the first §" k --user sara meeting jav "$i1" 2
k --user sara meeting show 1 --json >"$T/m"
same "the § counts 2 of 4 without him" "2 False" \
	"$(j "$T/m" '" ".join(str(i["quorum"][x]) for i in d["items"] if i["id"]=='"$i1"' for x in ("serving","met"))')"
fails "the § cannot be decided without him" "§ [0-9]* cannot be decided without a quorum: 2 of the board's 4" \
	k --user sara meeting decide "$i1" --text "Budgeten fastställs."
fails "a jäv member makes no proposal in the §" "disqualified (jäv) from this §" \
	k --user sara meeting propose "$i1" 2 --text "Avslag"
fails "nor reserves" "disqualified (jäv) from this §" k --user sara meeting reserve "$i1" 2 --text "Nej"
ok "Doris arrives" k --user sara meeting attend 1 4 present
ok "now the § is decided" k --user sara meeting decide "$i1" --text "Budgeten fastställs."

# --- proposals, their order, a vote ---
ok "the chair proposes" k --user sara meeting propose "$i2" 1 --text "Bifall till förvaltningens förslag"
p1=$(sql "SELECT max(id) FROM item_proposal")
ok "Bengt proposes" k --user sara meeting propose "$i2" 2 --text "Avslag, Emir Zebrasson får inte bygga"
p2=$(sql "SELECT max(id) FROM item_proposal")
fails "a proposal by the secretary is refused" "Sara Sekreterare does not take part" \
	k --user sara meeting propose "$i2" 7 --text "Bordläggning"
fails "a proposal by an ersättare not serving is refused" "Frida Falk does not take part" \
	k --user sara meeting propose "$i2" 6 --text "Bordläggning"
fails "a proposal by one not on the board is refused" "member 99 is not a member of Kommunstyrelsen" \
	k --user sara meeting propose "$i2" 99 --text "Bordläggning"
fails "an empty proposal is refused" "a proposal is a text of 1-4000 characters" \
	k --user sara meeting propose "$i2" 1 --text ""
same "two proposals kept" "2" "$(sql "SELECT count(*) FROM item_proposal")"
ok "the chair puts them in the order 2, 1" k --user sara meeting order "$i2" "$p2" "$p1"
fails "an order that leaves one out is refused" "the order names 1 proposals and the § has 2" \
	k --user sara meeting order "$i2" "$p1"
fails "a vote before one is called is refused" "no vote is called in this §" \
	k --user sara meeting vote "$i2" 1 ja
fails "a vote between a proposal and itself is refused" "two different proposals" \
	k --user sara meeting ballot "$i2" --yes "$p1" --no "$p1"
fails "a vote on a proposal of another § is refused" "is not one of this §" \
	k --user sara meeting ballot "$i1" --yes "$p1" --no "$p2"
ok "a vote is called: ja for 1, nej for 2" k --user sara meeting ballot "$i2" --yes "$p1" --no "$p2"
ok "the chair votes ja" k --user sara meeting vote "$i2" 1 ja
ok "Bengt votes nej" k --user sara meeting vote "$i2" 2 nej
ok "Erik (serving) votes nej" k --user sara meeting vote "$i2" 5 nej
ok "Doris votes ja" k --user sara meeting vote "$i2" 4 ja
fails "a vote by one not present is refused" "Cilla Carlsson does not take part" k --user sara meeting vote "$i2" 3 ja
fails "a vote by an ersättare not serving is refused" "Frida Falk does not take part" k --user sara meeting vote "$i2" 6 nej
fails "a vote of another kind is refused" "a vote is ja, nej or avstar" k --user sara meeting vote "$i2" 1 kanske
ok "Bengt jäv elsewhere does not stop him here" true
fails "jäv for one who voted is refused" "Bengt Berg has made a proposal in this §" k --user sara meeting jav "$i2" 2
same "four votes kept" "4" "$(sql "SELECT count(*) FROM item_vote")"
k --user sara meeting show 1 --json >"$T/m"
same "a tie decided by the chair's casting vote" "2 2 0 yes ja $p1" \
	"$(j "$T/m" '" ".join(str(v[x]) for i in d["items"] if i["id"]=='"$i2"' for v in [i["vote"]] for x in ("ja","nej","avstar","result","casting","winner"))')"
ok "Bengt reserves for his proposal" k --user sara meeting reserve "$i2" 2 --proposal "$p2" --text "Hamnen behövs för båtar."
fails "a reservation for a proposal of another § is refused" "is not one of this §" \
	k --user sara meeting reserve "$i1" 4 --proposal "$p2"
fails "a proposal put to the vote is not removed" "is put to the vote: call the vote off first" \
	k --user sara meeting proposal-remove "$p2"
ok "the other § is decided, by its vote, with all four" k --user sara meeting decide "$i2" --text "Detaljplanen antas."
fails "its vote does not change under the decision" "is decided: clear its decision text first" \
	k --user sara meeting vote "$i2" 4 nej

# --- what the minutes show ---
k --user sara meeting minutes 1 >"$T/min"
for line in "^Paragrafer: §§ 1–6$" "^Sekreterare: Sara Sekreterare$" \
	"^Beslutförhet: 4 av 4 ledamöter tjänstgör; nämnden är beslutför.$" \
	"^Bengt Berg deltar inte i handläggningen på grund av jäv.$" \
	"^Beslutförhet: 3 av 4 ledamöter tjänstgör; nämnden i paragrafen är beslutför.$" \
	"^  1. Anna Andersson (S): Bifall till förvaltningens förslag$" "^  2. Bengt Berg (M): Avslag, Emir Zebrasson får inte bygga$" \
	"^Propositionsordning: ordföranden ställer yrkandena under proposition i ordningen 2, 1.$" \
	"^Omröstning begärs och verkställs: ja för yrkande 1, nej för yrkande 2.$" "^  Erik Ek: nej$" \
	"^Resultat: 2 ja, 2 nej, 0 avstår. Lika röstetal; ordförandens utslagsröst (ja) avgör. Nämnden har beslutat enligt yrkande 1.$" \
	"^Reservation: Bengt Berg till förmån för yrkande 2 (Bengt Berg): Hamnen behövs för båtar.$" \
	"^Underskrifter:$" "^Sekreterare: ____________________ Sara Sekreterare$" \
	"^Ordförande: ____________________ Anna Andersson$"; do
	grep -q "$line" "$T/min" && pass "the minutes say: $line" || fail "the minutes lack: $line"
done

k --user las meeting minutes 1 >"$T/public"
grep -q "^  2. Bengt Berg (M): Avslag, .* får inte bygga$" "$T/public" && ! grep -q Zebrasson "$T/public" \
	&& pass "the public minutes mask the party the proposal names" || fail "public minutes: $(grep "^  2\." "$T/public")"
grep -q "^Omröstning begärs" "$T/public" && pass "and show the vote" || fail "the public minutes lack the vote"

# --- adjusted: frozen, and the last changes refused ---
ok "Bengt is an adjuster" k --user sara meeting adjuster 1 2
fails "Doris, who voted in the second §, is not recorded absent afterwards" "Doris Dahl has voted in §" \
	k --user sara meeting attend 1 4 absent
ok "Doris is found disqualified in the first § after it was decided" k --user sara meeting jav "$i1" 4
fails "the minutes are not approved with a decision that lost its quorum" "has a decision but no quorum" \
	k --user anna meeting approve 1
same "no approval kept" "0" "$(sql "SELECT count(*) FROM approval")"
ok "Doris was not disqualified after all" k --user sara meeting jav "$i1" 4 --remove
ok "the chair approves" k --user anna meeting approve 1
ok "the adjuster approves: adjusted" k --user bengt meeting approve 1
fails "no vote changes once adjusted" "adjusted and frozen" k --user sara meeting vote "$i2" 1 nej
fails "no proposal either" "adjusted and frozen" k --user sara meeting propose "$i2" 1 --text "Ny"
k --user sara meeting minutes 1 >"$T/adjusted"
grep -q "^Justerare: ____________________ Bengt Berg$" "$T/adjusted" \
	&& pass "the signature block names the adjuster" || fail "no adjuster's signature line"
ok "verify passes with the new tables" k verify

# --- the API: a second meeting ---
c3=$(k case open --series KS --title "Taxa för bygglov")
k --user sara meeting create --board KS --date 2026-04-14 --time 13:00 --place "Salen" >/dev/null
k --user sara meeting add 2 --case "$c3" >/dev/null
k --user sara meeting send-notice 2 >/dev/null
i3=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 2 AND case_id IS NOT NULL")
TOKEN=$(k token add sara "sekreterare" --days 90)
web_serve KANSLI_NO_RATE_LIMIT=1
api() { # api METHOD PATH [BODY]: status code, body in $T/body
	m=$1; p=$2; shift 2
	curl -s -o "$T/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' ${1:+-d "$1"} "$U/api/v1$p"
}
same "API: the chair present" "200" "$(api POST "/meetings/2/attendance?org=kommun" '{"member":1,"status":"present"}')"
same "API: drawn up without quorum" "200" "$(api POST "/meetings/2/draw-up?org=kommun" '{}')"
same "API: the answer warns (quorum not met)" "False 1 4" "$(j "$T/body" '" ".join(str(d["quorum"][x]) for x in ("met","serving","seats"))')"
same "API: a decision without quorum is refused" "409" "$(api POST "/items/$i3/decision?org=kommun" '{"text":"Taxan antas."}')"
same "API: it says why" "quorum" "$(j "$T/body" 'd["error"]["field"]')"
same "API: a proposal by an absent member is refused" "422" \
	"$(api POST "/items/$i3/proposals?org=kommun" '{"member":3,"text":"Avslag"}')"
same "API: a proposal by a non-member is refused" "422" \
	"$(api POST "/items/$i3/proposals?org=kommun" '{"member":99,"text":"Avslag"}')"
for m in 2 4; do api POST "/meetings/2/attendance?org=kommun" "{\"member\":$m,\"status\":\"present\"}" >/dev/null; done
same "API: a proposal" "200" "$(api POST "/items/$i3/proposals?org=kommun" '{"member":1,"text":"Bifall"}')"
q1=$(j "$T/body" '[p["id"] for i in d["items"] if i["id"]=='"$i3"' for p in i["proposals"]][0]')
same "API: a counter-proposal" "200" "$(api POST "/items/$i3/proposals?org=kommun" '{"member":2,"text":"Återremiss"}')"
q2=$(j "$T/body" '[p["id"] for i in d["items"] if i["id"]=='"$i3"' for p in i["proposals"]][1]')
same "API: the order they are put" "200" "$(api POST "/items/$i3/proposal-order?org=kommun" "{\"proposals\":[$q2,$q1]}")"
same "API: a vote called" "200" "$(api POST "/items/$i3/ballot?org=kommun" "{\"yes\":$q1,\"no\":$q2}")"
same "API: jäv for one who has proposed is refused" "409" \
	"$(api POST "/items/$i3/notes?org=kommun" '{"member":2,"kind":"jav"}')"
ok "Doris has jäv" k --user sara meeting jav "$i3" 4
same "API: a vote by a jäv member is refused, and none of the list kept" "422" \
	"$(api POST "/items/$i3/votes?org=kommun" '{"votes":[{"member":1,"choice":"ja"},{"member":4,"choice":"ja"}]}')"
same "API: nothing of it kept" "0" "$(sql "SELECT count(*) FROM item_vote WHERE item_id = $i3")"
same "API: the votes" "200" \
	"$(api POST "/items/$i3/votes?org=kommun" '{"votes":[{"member":1,"choice":"ja"},{"member":2,"choice":"avstar"}]}')"
same "API: the result" "1 0 1 yes $q1" \
	"$(j "$T/body" '" ".join(str(v[x]) for i in d["items"] if i["id"]=='"$i3"' for v in [i["vote"]] for x in ("ja","nej","avstar","result","winner"))')"
same "API: a reservation for the proposal it defends" "200" \
	"$(api POST "/items/$i3/notes?org=kommun" "{\"member\":2,\"kind\":\"reservation\",\"proposal\":$q2}")"
same "API: the reservation names it" "$q2" "$(j "$T/body" '[n["proposal"] for i in d["items"] if i["id"]=='"$i3"' for n in i["notes"] if n["kind"]=="reservation"][0]')"
same "API: Doris's jäv takes the § below quorum (3 present, 2 take part)" "409" \
	"$(api POST "/items/$i3/decision?org=kommun" '{"text":"Taxan antas."}')"
same "API: Cilla arrives" "200" "$(api POST "/meetings/2/attendance?org=kommun" '{"member":3,"status":"present"}')"
same "API: the decision, with quorum" "200" "$(api POST "/items/$i3/decision?org=kommun" '{"text":"Taxan antas."}')"
same "every change logged: ballots, proposals, orders, reservations for a proposal, votes" "2|4|2|2|6" \
	"$(sql "SELECT (SELECT count(*) FROM event WHERE action = 'minutes.ballot'),
	(SELECT count(*) FROM event WHERE action = 'minutes.propose'), (SELECT count(*) FROM event WHERE action = 'minutes.proposal_order'),
	(SELECT count(*) FROM event WHERE action = 'minutes.note' AND json_extract(data, '\$.proposal') IS NOT NULL),
	(SELECT count(*) FROM event WHERE action = 'minutes.vote')")"

# --- the meeting page: the one-page form for all § ---
c4=$(k case open --series KS --title "Riktlinjer för markanvisning")
k --user sara meeting create --board KS --date 2026-04-14 --time 15:00 --place "Salen" >/dev/null
k --user sara meeting add 3 --case "$c4" >/dev/null
k --user sara meeting send-notice 3 >/dev/null
i4=$(sql "SELECT id FROM agenda_item WHERE meeting_id = 3 AND case_id IS NOT NULL")
for m in 1 2 4; do k --user sara meeting attend 3 $m present >/dev/null; done
k --user sara meeting attend 3 3 absent >/dev/null
k --user sara meeting draw-up 3 >/dev/null 2>&1
same "the secretary logs in" "303" "$(login "$T/sara" sara Losenord-for-sara)"
curl -s -b "$T/sara" "$U/sammantrade?org=kommun&id=3" >"$T/body"
C=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
has "the page says the board has a quorum" "Beslutförhet: 3 av 4 ledamöter tjänstgör. Nämnden är beslutför."
post() { code -b "$T/sara" --data-urlencode "csrf=$C" --data-urlencode org=kommun --data-urlencode id=3 \
	--data-urlencode "formsida=/sammantrade?org=kommun&id=3" --data-urlencode "punkt=$i4" "$@" "$U/sammantrade"; }
same "page: a proposal" "303" "$(post --data-urlencode atgard=yrkande --data-urlencode yrkare=1 \
	--data-urlencode "yrkandetext=Bifall till riktlinjerna")"
same "page: a proposal by an absent member is refused" "422" "$(post --data-urlencode atgard=yrkande \
	--data-urlencode yrkare=3 --data-urlencode "yrkandetext=Avslag")"
has "page: what was typed is kept" 'value="Avslag"'
has "page: the message says why" "Ledamoten deltar inte i paragrafen och kan inte yrka"
same "page: a counter-proposal" "303" "$(post --data-urlencode atgard=yrkande --data-urlencode yrkare=2 \
	--data-urlencode "yrkandetext=Avslag på riktlinjerna")"
r1=$(sql "SELECT min(id) FROM item_proposal WHERE item_id = $i4")
r2=$(sql "SELECT max(id) FROM item_proposal WHERE item_id = $i4")
same "page: the propositionsordning" "303" "$(post --data-urlencode atgard=ordning --data-urlencode "ordning=2, 1")"
same "page: an order naming no proposal is refused" "422" "$(post --data-urlencode atgard=ordning --data-urlencode "ordning=3")"
same "page: a vote called" "303" "$(post --data-urlencode atgard=omrostning --data-urlencode "ja=$r1" --data-urlencode "nej=$r2")"
same "page: a vote by the absent member is refused" "422" "$(post --data-urlencode atgard=roster \
	--data-urlencode rost-1=ja --data-urlencode rost-3=nej)"
has "page: the message says why" "Ledamoten deltar inte i paragrafen och kan inte rösta"
same "page: nothing of it kept" "0" "$(sql "SELECT count(*) FROM item_vote WHERE item_id = $i4")"
same "page: the votes" "303" "$(post --data-urlencode atgard=roster --data-urlencode rost-1=ja \
	--data-urlencode rost-2=nej --data-urlencode rost-4=nej)"
curl -s -b "$T/sara" "$U/sammantrade?org=kommun&id=3" >"$T/body"
has "page: the proposals" "Anna Andersson (S): Bifall till riktlinjerna"
has "page: the order" "Propositionsordning: 2 1"
has "page: the result" "Resultat: 1 ja, 2 nej, 0 avstår. Beslut enligt yrkande 2."
same "English chosen" "303" "$(curl -s -b "$T/sara" -o /dev/null -w '%{http_code}' --data-urlencode "csrf=$C" \
	--data-urlencode "sprak=en" --data-urlencode "tillbaka=/" "$U/installningar/sprak")"
curl -s -b "$T/sara" "$U/sammantrade?org=kommun&id=3" >"$T/body"
has "page in English: the quorum" "Quorum: 3 of 4 members serving. The board has a quorum."
has "page in English: the result" "Result: 1 yes, 2 no, 0 abstaining. Decided as proposal 2."
