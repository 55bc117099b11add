#!/bin/sh
# t0107 — who read a case's secrets, and who was refused, is itself kept
# from those who may not read them: the case's trail (the web case page's
# events and the API's audit_trail) shows record.read_secret and
# record.read_secret_denied only to whoever may read the case's secrets
# (core/access.c's rule) or administers the organisation; a reader and an
# officer limited to another unit see the rest of the trail without them.
TEST_NAME=trail-secret-reads
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-05-04

k init "$KANSLI_DATA" >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SBF "Samhällsbyggnad" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k case open --org kommun --series KS --title "Utredning" --unit SOC --opened 2026-05-04 >/dev/null
c="KS 2026/0001"
enc="KS%202026%2F0001"
echo "hemligt innehåll" >"$T/utredning.txt"
ok "a secret record with a file" k record add "$c" --org kommun --direction in --title "Anmälan" \
	--person "Karin Hemlig" --secrecy full --legal-ground "OSL 26 kap. 1 §" --file "$T/utredning.txt"
for u in soc:handlaggare:SOC ola:handlaggare:SBF lasse:lasare: adam:administrator:; do
	n=${u%%:*}; rest=${u#*:}; role=${rest%%:*}; unit=${rest#*:}
	echo "Losenord-for-$n" | k user add "$n" "Person $n" --password-stdin >/dev/null
	if [ -n "$unit" ]; then k user grant "$n" "$role" --org kommun --unit "$unit" >/dev/null
	else k user grant "$n" "$role" --org kommun >/dev/null; fi
done
ok "the entitled officer reads the secret record" k --user soc record show "$c-1" --org kommun
fails "the other unit's officer is refused the secret file" "may not read the secret files" \
	k --user ola record file "$c-1" utredning.txt --org kommun
same "both are logged" "1:1" "$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret'"):$(sql "SELECT count(*) FROM event WHERE action = 'record.read_secret_denied'")"
web_serve
for n in soc ola lasse adam; do
	eval "TOK_$n=\$(k token add $n robot --days 30)"
	login "$T/$n" "$n" "Losenord-for-$n" >/dev/null
done
# trail USER: the actions of the case's trail through the API, one a line
trail() {
	eval "tok=\$TOK_$1"
	curl -s -H "Authorization: Bearer $tok" "$U/api/v1/cases/KS-2026-0001?org=kommun" |
		python3 -c 'import json,sys; [print(e["action"]) for e in json.load(sys.stdin)["audit_trail"]]'
}
for n in soc adam; do
	t=$(trail $n)
	echo "$t" | grep -qx "record.read_secret" && echo "$t" | grep -qx "record.read_secret_denied" &&
		pass "API: $n sees the secret reads in the trail" || fail "API: $n's trail ($t)"
	same "web: $n's case page" "200" "$(code -b "$T/$n" "$U/arende?org=kommun&nr=$enc")"
	has "web: $n sees the secret read" "Sekretessuppgifter i en handling lästes"
	has "web: $n sees the refused read" "Läsning av en sekretessbelagd fil nekades"
	has "web: $n sees who read it" "av Person soc"
done
for n in ola lasse; do
	t=$(trail $n)
	echo "$t" | grep -qx "record.register" && pass "API: $n sees the rest of the trail" || fail "API: $n's trail ($t)"
	echo "$t" | grep -q "read_secret" && fail "API: $n sees secret reads ($t)" || pass "API: $n's trail leaves out the secret reads"
	same "web: $n's case page" "200" "$(code -b "$T/$n" "$U/arende?org=kommun&nr=$enc")"
	has "web: $n sees the registration" "En handling registrerades"
	hasnt "web: $n does not see the secret read" "Sekretessuppgifter i en handling lästes"
	hasnt "web: $n does not see the refused read" "Läsning av en sekretessbelagd fil nekades"
	hasnt "web: $n does not see who read it" "av Person soc"
done
