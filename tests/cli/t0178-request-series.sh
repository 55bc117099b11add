#!/bin/sh
# t0178 — where a request for public documents is filed. With one series
# and nothing chosen, a request goes to that series, unclassified, and the
# case says so. With several and nothing chosen, it is still taken (a
# request is handled promptly whatever staff configured) into the first
# created, the case says so, and the registrar's start page and the admin
# page warn, with a link to the setting. An administrator chooses a series
# and class (CLI, API, the admin page): requests without a number, or
# naming an unknown series, go there with that class; a number of a known
# series keeps its series and gets the class. A class or series that does
# not exist is refused and changes nothing; so is a registrar. Swedish and
# English; one audit event; verify.
TEST_NAME=request-series
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in reg:registrator admin:administrator; do
	echo "Losenord-for-${u%%:*}" | k user add "${u%%:*}" "${u%%:*}" --password-stdin >/dev/null
	k user grant "${u%%:*}" "${u#*:}" >/dev/null
done
note() { sql "SELECT n.text FROM case_note n JOIN case_file c ON c.id = n.case_id JOIN series s ON s.id = c.series_id
              WHERE s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) = '$1'"; }
class_of() { sql "SELECT coalesce(cl.code, '-') FROM case_file c JOIN series s ON s.id = c.series_id
                  LEFT JOIN class cl ON cl.id = c.class_id WHERE s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) = '$1'"; }

# --- nothing chosen, one series
ok "a request with one series" k request submit --org kommun --message "Alla beslut om bygglov 2025"
same "(filed in the only series)" "request 1 registered in KS 2026/0001" "$(cat "$T/out")"
same "(unclassified)" "-" "$(class_of "KS 2026/0001")"
case "$(note "KS 2026/0001")" in *"enda serie"*oklassificerad*) pass "(the case says so)" ;;
	*) fail "(the case does not say how it was filed: $(note "KS 2026/0001"))" ;; esac

# --- nothing chosen, several series: still taken, flagged
k series add BN "Byggnadsnämnden" >/dev/null
k series add AR "Arkiv" >/dev/null
k class add 1.2.1 "Begäran om allmän handling" >/dev/null
ok "a request with several series" k request submit --org kommun --message "Protokollen från mars"
same "(still taken, in the first created)" "request 2 registered in KS 2026/0002" "$(cat "$T/out")"
case "$(note "KS 2026/0002")" in *"först skapade"*) pass "(the case says it is a fallback)" ;;
	*) fail "(no fallback note: $(note "KS 2026/0002"))" ;; esac
ok "a number naming an unknown series" k request submit --org kommun --message "Den" --document "ZZ 2026/0001-1"
same "(taken, in the first created)" "request 3 registered in KS 2026/0003" "$(cat "$T/out")"
ok "the setting shows the fallback" k request settings --org kommun --json
same "(not chosen, with a warning)" "False KS requests are filed in KS because no series is chosen for them" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["chosen"], d["filed_in"], d["warning"])' "$T/out")"

web_serve
field() { sed -n "s/.*name=\"$1\" value=\"\([0-9a-f]*\)\".*/\1/p" "$2" | head -1; }
same "the registrar logs in" "303" "$(login "$T/r" reg Losenord-for-reg)"
same "the registrar's start page" "200" "$(code -b "$T/r" "$U/?org=kommun")"
has "warns where requests go" "Begäranden hamnar i KS eftersom ingen serie är vald för begäranden"
has "(with a link to the setting)" 'href="/admin?org=kommun#begaran"'
same "in English" "200" "$(code -b "$T/r" -H 'Accept-Language: en' "$U/?org=kommun&lang=en")"
has "(the warning in English)" "Requests are filed in KS because no series is chosen for them"
same "the administrator logs in" "303" "$(login "$T/a" admin Losenord-for-admin)"
same "the admin page" "200" "$(code -b "$T/a" "$U/admin?org=kommun")"
has "warns too" "Begäranden hamnar i KS eftersom ingen serie är vald för begäranden"
has "has the setting" 'id="begaran"'
C=$(field csrf "$T/body")

# --- the refusals change nothing
rows() { sql "SELECT count(*) FROM request_setting"; echo "$(sql "SELECT count(*) FROM event")"; }
TREG=$(k token add reg reg --days 30)
TADM=$(k token add admin admin --days 30)
before=$(rows)
fails "a class that does not exist" "no class '9.9'" k request settings --org kommun --series BN --class 9.9
fails "a series that does not exist" "no series 'XX'" k request settings --org kommun --series XX
fails "a class without a series" "name the series" k request settings --org kommun --class 1.2.1
fails "a registrar may not choose" "may not administer\|denied\|not allowed" \
	"$KANSLI" --user reg request settings --org kommun --series BN
fails "nor read it" "may not administer\|denied\|not allowed" "$KANSLI" --user reg request settings --org kommun
form() { code -b "$T/a" -c "$T/a" -H "Sec-Fetch-Site: same-origin" --data-urlencode "csrf=$C" --data-urlencode org=kommun \
	--data-urlencode "formsida=/admin?org=kommun" "$@" "$U/admin"; }
same "a class that does not exist on the page" "422" "$(form --data-urlencode vad=begaran --data-urlencode kod=BN \
	--data-urlencode klass=9.9)"
same "a registrar through the API (403)" "403" "$(code -X POST -H "Authorization: Bearer $TREG" \
	-H 'Content-Type: application/json' --data-binary '{"series":"BN"}' "$U/api/v1/requests/settings?org=kommun")"
same "(nothing changed)" "$before" "$(rows)"

# --- chosen: on the page, then through the API, then the CLI
same "chosen on the page" "303" "$(form --data-urlencode vad=begaran --data-urlencode kod=AR --data-urlencode klass=)"
same "(AR, unclassified)" "AR|" "$(sql "SELECT s.prefix, coalesce(q.class_id, '') FROM request_setting q JOIN series s ON s.id = q.series_id")"
same "chosen through the API" "200" "$(code -X POST -H "Authorization: Bearer $TADM" -H 'Content-Type: application/json' \
	--data-binary '{"series":"BN","class":"1.2.1"}' "$U/api/v1/requests/settings?org=kommun")"
has "(answered with the setting)" '"class": *"1.2.1"'
ok "chosen from the shell" k request settings --org kommun --series BN --class 1.2.1
same "(said)" "requests are filed in BN, class 1.2.1" "$(cat "$T/out")"
same "(one audit event each)" "3" "$(sql "SELECT count(*) FROM event WHERE action = 'request.settings'")"
same "the warning is gone" "200" "$(code -b "$T/r" "$U/?org=kommun")"
hasnt "(from the start page)" "Begäranden hamnar i"
same "(and the admin page)" "200" "$(code -b "$T/a" "$U/admin?org=kommun")"
hasnt "(no warning)" "Begäranden hamnar i"

# --- requests go where chosen
ok "a request without a number" k request submit --org kommun --message "Alla beslut"
same "(in the chosen series)" "request 4 registered in BN 2026/0001" "$(cat "$T/out")"
same "(with the chosen class)" "1.2.1" "$(class_of "BN 2026/0001")"
same "(no fallback note)" "" "$(note "BN 2026/0001")"
ok "a number naming an unknown series" k request submit --org kommun --message "Den" --document "ZZ 2026/0001-1"
same "(in the chosen series)" "request 5 registered in BN 2026/0002" "$(cat "$T/out")"
ok "a number of a known series" k request submit --org kommun --message "Den" --document "KS 2026/0001-1"
same "(in its series, with the class)" "KS 2026/0004 1.2.1" "$(sed 's/.* in //' "$T/out") $(class_of "KS 2026/0004")"
same "the audit event says how" "first_series setting" \
	"$(sql "SELECT group_concat(json_extract(data, '$.filed_by'), ' ') FROM (SELECT data FROM event WHERE action = 'request.submit' AND json_extract(data, '$.case') IN ('KS 2026/0002', 'BN 2026/0001') ORDER BY id)")"
ok "the installation verifies" k verify
