#!/bin/sh
# t0117 — a party whose records were all disposed of goes with them. The
# disposal cleared each record's party, so the party stood in the staff
# party lists as one "on no record yet", under the name it was registered
# with, to a registrar who could never see it (its only record masked the
# party, in another unit's case), and its personnummer outlived the
# disposal. Now the party row goes when the last record naming it is
# cleared; a party another record still names stays, and so does one added
# to the register on no record (party add), and one on a record whose
# registration the schedule keeps. The log still verifies.
TEST_NAME=disposed-party
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k unit add SOC "Socialförvaltningen" >/dev/null
k unit add BYGG "Byggförvaltningen" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1:arkivarie arkiv2:arkivarie; do
	echo "Losenord-for-${u%%:*}" | k user add "${u%%:*}" "Användare ${u%%:*}" --password-stdin >/dev/null
	k user grant "${u%%:*}" "${u#*:}" >/dev/null
done
echo "Losenord-for-bo" | k user add bo "Bo Bygg" --password-stdin >/dev/null
k user grant bo registrator --unit BYGG >/dev/null
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
7.1;Bistånd;;gallras;2;SN 2025-03-12 § 45;nej
7.2;Tillsyn;;gallras;2;SN 2025-03-12 § 46;ja
CSV
k retention schedule import "$T/plan.csv" >/dev/null
G="OSL 26 kap. 1 §"
a=$(k case open --series SN --unit SOC --class 7.1 --title "Bistånd" --public-title "Bistånd" 2>/dev/null)
k record add "$a" --direction in --title "Ansökan" --person "Greta Kanariegallrad" --id 19121212-1212 \
	--secrecy partial --mask party --legal-ground "$G" >/dev/null
k record add "$a" --direction in --title "Intyg" --person "Olle Tvåhandling" >/dev/null
b=$(k case open --series SN --unit SOC --class 7.2 --title "Tillsyn" --public-title "Tillsyn" 2>/dev/null)
k record add "$b" --direction in --title "Anmälan" --person "Olle Tvåhandling" >/dev/null
k record add "$b" --direction in --title "Yttrande" --person "Kerstin Kvarregistrerad" >/dev/null
k party add "Ingrid Registerperson" --person >/dev/null
for x in "$a" "$b"; do k case close "$x" >/dev/null; done
KANSLI_USER=bo k party list --json >"$T/before"
grep -q Kanariegallrad "$T/before" && fail "the masked party is listed to bo before disposal" \
	|| pass "before disposal: the masked party is not in bo's list"

gid=$(sql "SELECT id FROM party WHERE name = 'Greta Kanariegallrad'")

export KANSLI_NOW=2029-06-01
run=$(k --user arkiv1 disposal propose)
ok "another archivist approves" k --user arkiv2 disposal approve "$run"
ok "the run is executed" k --user arkiv2 disposal execute "$run" --series AR
KANSLI_USER=bo k party list --json >"$T/after"
grep -q Kanariegallrad "$T/after" && fail "the disposed party is listed to bo: $(cat "$T/after")" \
	|| pass "after disposal: the party is in no list of one who never saw it"
same "its row, name and personnummer are gone" "0" \
	"$(sql "SELECT count(*) FROM party WHERE name LIKE '%Kanariegallrad%' OR idnum LIKE '19121212%'")"
same "a party another record still names stays" "1" "$(sql "SELECT count(*) FROM party WHERE name = 'Olle Tvåhandling'")"
same "a party on a record whose registration is kept stays" "1" \
	"$(sql "SELECT count(*) FROM party WHERE name = 'Kerstin Kvarregistrerad'")"
same "a party added on no record stays" "1" "$(sql "SELECT count(*) FROM party WHERE name = 'Ingrid Registerperson'")"
grep -q "Ingrid Registerperson" "$T/after" && pass "and is listed" || fail "the registered party is not listed"
same "the deletion is in the log (the run's row changes)" "1" \
	"$(sql "SELECT count(*) FROM event WHERE data LIKE '%[\"party\",\"[$gid]\",null,%'")"
ok "the installation verifies" k verify
