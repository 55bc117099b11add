#!/bin/sh
# t0106 — a personnummer is no way into another unit's secrets: an officer
# limited to one unit who types a guessed number on a record of their own
# case is refused without the name it is bound to when that name is known
# only from records masked to them, even when they confirm it is the same
# person, and the attempt is logged (party.bind_refused); the party list
# (CLI, API, the registration form's suggestions) shows a party only under
# the names the viewer may see on some record, and a person's number masked.
TEST_NAME=party-probe
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-05-04

k init "$KANSLI_DATA" >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SBF "Samhällsbyggnad" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k case open --org kommun --series KS --title "Utredning" --unit SOC --opened 2026-05-04 >/dev/null
k case open --org kommun --series KS --title "Bygglov" --unit SBF --opened 2026-05-04 >/dev/null
soc="KS 2026/0001"
sbf="KS 2026/0002"
pnr=19650303-4560
ok "a secret record with the party masked" k record add "$soc" --org kommun --direction in --title "Anmälan" \
	--person "Ulrik Slamkrypare" --id "$pnr" --secrecy partial --mask party --legal-ground "OSL 26 kap. 1 §"
for u in ola:handlaggare:SBF reg:registrator:; do
	n=${u%%:*}; rest=${u#*:}; role=${rest%%:*}; unit=${rest#*:}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	if [ -n "$unit" ]; then k user grant "$n" "$role" --org kommun --unit "$unit" >/dev/null
	else k user grant "$n" "$role" --org kommun >/dev/null; fi
done
OT=$(k token add ola robot --days 30)
web_serve

before="$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM party")"
fails "CLI: a guessed number bound in another unit's secret record is refused" "already bound to another name" \
	k --user ola record add "$sbf" --org kommun --direction in --title "Ansökan" --person "X Probe" --id "$pnr"
grep -q "Slamkrypare" "$T/err" && fail "CLI: the refusal names the masked name" || pass "CLI: the refusal names no name"
cp "$T/err" "$T/err1"
fails "CLI: confirming it is the same person does not link a party seen only masked" "already bound to another name" \
	k --user ola record add "$sbf" --org kommun --direction in --title "Ansökan" --person "X Probe" --id "$pnr" --same-person
same "CLI: with the same message as without the confirmation" "$(cat "$T/err1")" "$(cat "$T/err")"
api_rec() { # api_rec BODY-PARTY: status of registering a record in the SBF case as ola
	code -H "Authorization: Bearer $OT" -H 'Content-Type: application/json' \
		--data-binary "{\"case\":\"$sbf\",\"direction\":\"in\",\"title\":\"Ansökan\",\"party\":$1}" \
		"$U/api/v1/records?org=kommun"
}
same "API: refused" "409" "$(api_rec "{\"kind\":\"person\",\"name\":\"X Probe\",\"id\":\"$pnr\"}")"
hasnt "API: the refusal names no name" "Slamkrypare"
same "API: refused with same_person too" "409" "$(api_rec "{\"kind\":\"person\",\"name\":\"X Probe\",\"id\":\"$pnr\",\"same_person\":true}")"
hasnt "API: that refusal names no name either" "Slamkrypare"
same "nothing was registered or linked" "$before" "$(sql "SELECT count(*) FROM record"):$(sql "SELECT count(*) FROM party")"
same "each probe is logged against the party, by the prober" "4:4" \
	"$(sql "SELECT count(*) FROM event WHERE action = 'party.bind_refused'"):$(sql "SELECT count(*) FROM event
	        WHERE action = 'party.bind_refused' AND actor = 'user:ola' AND object_type = 'party'
	        AND object_id = (SELECT id FROM party WHERE idnum = '$pnr')")"
same "the log of a probe holds neither name" "0" \
	"$(sql "SELECT count(*) FROM event WHERE action = 'party.bind_refused' AND (data LIKE '%Slamkrypare%' OR data LIKE '%Probe%')")"

ok "CLI: party list as the limited officer" k --user ola party list --org kommun
grep -q "Slamkrypare\|$pnr\|19650303" "$T/out" && fail "CLI: the list shows the masked party ($(cat "$T/out"))" \
	|| pass "CLI: the list leaves out a party seen only masked"
same "API: parties" "200" "$(code -H "Authorization: Bearer $OT" "$U/api/v1/parties?org=kommun&prefix=U")"
hasnt "API: the list leaves out a party seen only masked" "Slamkrypare"
login "$T/ola" ola Losenord-for-ola >/dev/null
same "web: the registration form" "200" "$(code -b "$T/ola" "$U/registrera?org=kommun")"
hasnt "web: its suggestions leave out a party seen only masked" "Slamkrypare"

# The same number on a public record under another name, confirmed by an
# officer who may see both: the limited officer now sees the party, but only
# under the public name and with the number masked.
ok "an entitled registrar confirms the same person on a public record" k --user reg record add "$sbf" --org kommun \
	--direction in --title "Yttrande" --person "Ulla Öppen" --id "$pnr" --same-person
ok "CLI: party list as the limited officer" k --user ola party list --org kommun --json
grep -q "Ulla Öppen" "$T/out" && pass "CLI: the public name is listed" || fail "CLI: public name ($(cat "$T/out"))"
grep -q "19650303-XXXX" "$T/out" && pass "CLI: with the number masked" || fail "CLI: masked number ($(cat "$T/out"))"
grep -q "Slamkrypare\|$pnr" "$T/out" && fail "CLI: the masked name or whole number listed ($(cat "$T/out"))" \
	|| pass "CLI: neither the masked name nor the whole number"
same "API: parties" "200" "$(code -H "Authorization: Bearer $OT" "$U/api/v1/parties?org=kommun&prefix=U")"
has "API: the public name" "Ulla Öppen"
hasnt "API: not the masked name" "Slamkrypare"
hasnt "API: not the whole number" "$pnr"
same "web: the registration form" "200" "$(code -b "$T/ola" "$U/registrera?org=kommun")"
has "web: suggests the public name" "Ulla Öppen"
hasnt "web: not the masked name" "Slamkrypare"
same "API: another name is refused" "409" "$(api_rec "{\"kind\":\"person\",\"name\":\"X Probe\",\"id\":\"$pnr\"}")"
has "API: naming the name the officer may see" "Ulla Öppen"
hasnt "API: never the masked one" "Slamkrypare"
same "API: the public name itself is linked" "201" "$(api_rec "{\"kind\":\"person\",\"name\":\"Ulla Öppen\",\"id\":\"$pnr\"}")"
same "no probe logged for parties the officer may see" "4" "$(sql "SELECT count(*) FROM event WHERE action = 'party.bind_refused'")"

ok "CLI: party list as an organisation-wide registrar" k --user reg party list --org kommun --json
grep -q "Ulrik Slamkrypare" "$T/out" && pass "who may read the secret sees the masked name" || fail "registrar list ($(cat "$T/out"))"
grep -q "$pnr" "$T/out" && fail "a named user's list shows a whole personnummer" || pass "a named user's list masks the number"
ok "CLI: party list as the installation" k party list --org kommun --json
grep -q "$pnr" "$T/out" && pass "the installation's own user sees the whole number" || fail "installation list ($(cat "$T/out"))"
ok "verify after the probes" k verify
