#!/bin/sh
# t0156 — a staff form is done once (outside attack F10): the same form
# sent twice (a double click, "send again") registers once, and the second
# send leads to what the first registered; and a form sent with a stale
# CSRF token (F11) comes back whole with a fresh token, nothing done.
TEST_NAME=form-once
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

ok "init" k init "$KANSLI_DATA"
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita Registrator" --password-stdin >/dev/null
k user grant rita registrator --org kommun >/dev/null
num=$(k --user rita case open --org kommun --series KS --title "Bygglov för garage")
enc=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "$num")
web_serve
same "the registrar logs in" "303" "$(login "$T/rita" rita Losenord-for-rita)"
records() { sql "SELECT count(*) FROM record"; }
page() { curl -s -b "$T/rita" "$U/registrera?org=kommun&arende=$enc" >"$T/form"; }
field() { sed -n "s/.*name=\"$1\" value=\"\([0-9a-f]*\)\".*/\1/p" "$T/form" | head -1; }
page
C=$(field csrf)
ID=$(field engang)
same "the form carries a one-time id" "32" "${#ID}"
before=$(records)
reg() { code -b "$T/rita" -D "$T/head" -F "csrf=$1" -F "engang=$ID" -F org=kommun -F "arende=$num" \
	-F "formsida=/registrera?org=kommun&arende=$enc" -F riktning=in -F datum=2026-03-01 -F sekretess=none \
	-F "rubrik=Ansökan om bygglov" "$U/registrera"; }
same "the form registers" "303" "$(reg "$C")"
first=$(sed -n 's/^Location: //p' "$T/head" | tr -d '\r')
same "one record more" "$((before + 1))" "$(records)"
same "the same form sent again" "303" "$(reg "$C")"
same "registers nothing more" "$((before + 1))" "$(records)"
again=$(sed -n 's/^Location: //p' "$T/head" | tr -d '\r')
case "$again" in
*Formul%C3%A4ret%20var%20redan%20skickat*) pass "the second send says it was already sent" ;;
*) fail "no notice in '$again'" ;;
esac
same "and leads where the first did" "${first%%&klart=*}" "${again%%&klart=*}"
code -b "$T/rita" "$U${again}" >/dev/null
has "the notice is shown" 'Formuläret var redan skickat'
# Sent again after the registrar's rights changed: the first send's answer
# is no longer given (it was kept under other rights), but the form is
# still done once: the page says it was sent (409), not an error (500).
k user grant rita lasare --org kommun >/dev/null
same "the same form after a change of rights" "409" "$(reg "$C")"
has "says it was already sent" 'Formuläret var redan skickat och har inte skickats igen'
same "and registers nothing more" "$((before + 1))" "$(records)"
# Sent twice at once: the second waits for the first and registers nothing.
page
ID=$(field engang)
reg "$C" >/dev/null & p1=$!
reg "$C" >/dev/null & p2=$!
wait $p1; wait $p2
same "two sends at once register once" "$((before + 2))" "$(records)"
# A refused form is not kept: corrected, the same form registers.
page
ID=$(field engang)
same "a form with no title is refused" "422" "$(code -b "$T/rita" -F "csrf=$C" -F "engang=$ID" -F org=kommun \
	-F "arende=$num" -F "formsida=/registrera?org=kommun&arende=$enc" -F riktning=in -F datum=2026-03-01 \
	-F sekretess=none -F "rubrik=" "$U/registrera")"
same "corrected, the same id registers" "303" "$(reg "$C")"
same "one more" "$((before + 3))" "$(records)"
# Nothing of a form id is kept in the clear but the id itself.
same "the kept answer is sealed" "0" "$(sql "SELECT count(*) FROM api_idempotency WHERE CAST(sealed AS TEXT) LIKE '%arende%'")"
# A form without an id (an old page, a script) is done as before.
same "a form without an id still registers" "303" "$(code -b "$T/rita" -F "csrf=$C" -F org=kommun -F "arende=$num" \
	-F riktning=in -F datum=2026-03-01 -F sekretess=none -F "rubrik=Utan id" "$U/registrera")"
same "one more" "$((before + 4))" "$(records)"

# F11: the user logs in again (in another tab): the form open in the first
# tab carries the old session's token. It comes back whole, nothing done.
page
ID=$(field engang)
same "the registrar logs in again" "303" "$(login "$T/rita2" rita Losenord-for-rita)"
n=$(records)
same "the stale form is refused" "403" "$(code -b "$T/rita2" -H "Sec-Fetch-Site: same-origin" -F "csrf=$C" -F "engang=$ID" -F org=kommun \
	-F "arende=$num" -F "formsida=/registrera?org=kommun&arende=$enc" -F riktning=in -F datum=2026-03-01 \
	-F sekretess=none -F "rubrik=Ansökan om strandskydd" -F "part_typ=person" -F "part_namn=Per Persson" \
	-F "fil=@/etc/hostname;filename=bilaga.txt" "$U/registrera")"
same "nothing was registered" "$n" "$(records)"
has "the form comes back" 'action="/registrera"'
has "saying why and what to do" 'Formuläret hade gått ut'
has "the title is kept" 'value="Ansökan om strandskydd"'
has "the party is kept" 'value="Per Persson"'
has "the file is held" 'Bifogad fil finns kvar och skickas med: bilaga.txt'
C2=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
same "with the new session's token" "$(curl -s -b "$T/rita2" "$U/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)" "$C2"
# The form comes back only to kansli's own pages: a page on a sibling
# subdomain (same-site, so the SameSite=Strict cookie goes along) or a
# browser that does not say gets the plain refusal: no form filled with the
# sender's values for the user to send with one click.
for site in same-site cross-site none ""; do
	hdr="Sec-Fetch-Site: $site"; [ -n "$site" ] || hdr="X-Nothing: 1"
	same "a stale form from Sec-Fetch-Site '$site' is refused" "403" "$(code -b "$T/rita2" -H "$hdr" -F "csrf=$C" \
		-F org=kommun -F "arende=$num" -F riktning=in -F datum=2026-03-01 -F sekretess=none -F "rubrik=Smygad" "$U/registrera")"
	hasnt "and not shown as a form to send again ($site)" 'Formuläret hade gått ut'
	hasnt "nor its values ($site)" 'Smygad'
done
same "nothing was registered" "$n" "$(records)"
