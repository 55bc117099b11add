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
