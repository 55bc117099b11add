#!/bin/sh
# t0109 — deciding a request for a document (begäran om allmän handling) is
# a secrecy review of that document: an officer limited to another unit,
# who may not read it, may not release it (an outside review found one
# could, and the decision "handlingarna lämnas ut" was registered publicly);
# an officer of the document's own unit may. Nothing changes on the refusal.
TEST_NAME=request-review
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k unit add SOC "Socialförvaltningen" >/dev/null
k unit add SBF "Samhällsbyggnad" >/dev/null
c=$(k case open --series SN --title "Utredning" --unit SOC)
r=$(k record add "$c" --direction in --title "Orosanmälan" --person "Kalle Hemlisson" --secrecy full \
	--legal-ground "OSL 26 kap. 1 §")
for u in bo:SBF sara:SOC; do
	n=${u%:*}
	echo "Losenord-for-$n" | k user add "$n" "Officer $n" --password-stdin >/dev/null
	k user grant "$n" handlaggare --unit "${u#*:}" >/dev/null
done
k request submit --message "Jag begär ut orosanmälan" --document "$r" --name "Journalisten" >/dev/null
id=$(k request list --json | json 'd[0]["id"]')
events=$(sql "SELECT count(*) FROM event")
fails "an officer of another unit may not release it" "may not" \
	env KANSLI_USER=bo "$KANSLI" request decide "$id" released
same "... and nothing changed" "$events new" \
	"$(sql "SELECT count(*) FROM event") $(sql "SELECT status FROM document_request WHERE id = $id")"
fails "... nor refuse it" "may not" env KANSLI_USER=bo "$KANSLI" request decide "$id" refused \
	--legal-ground "OSL 26 kap. 1 §"
ok "an officer of its own unit decides" env KANSLI_USER=sara "$KANSLI" request decide "$id" refused \
	--legal-ground "OSL 26 kap. 1 §" --reasoning "Uppgifterna omfattas av sekretess."
same "... refused" "refused" "$(sql "SELECT status FROM document_request WHERE id = $id")"
k request submit --message "Allt om belysningen" --name "Medborgaren" >/dev/null
id2=$(k request list --json | json '[q for q in d if q["status"] == "new"][0]["id"]')
ok "a request naming no document is decided by any officer" env KANSLI_USER=bo "$KANSLI" request decide "$id2" \
	released
