#!/bin/sh
# t0021 — the archivist's retention schedule (informationshanteringsplan):
# imported from CSV and exported in the same form, a bad file rejected whole
# with the line of its first bad row, rules edited from the shell, records
# given a document type the rules match; only archivists change the plan.
TEST_NAME=retention
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k class add 3.2.1 "Bygglov" >/dev/null
for u in arkivarie registrator lasare; do
	echo "Losenord-for-$u" | k user add "u_$u" "Användare $u" --password-stdin >/dev/null
	k user grant "u_$u" "$u" >/dev/null
done

cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
3.2.1;Bygglov;;gallras;10;KF 2025-03-12 § 45;ja
3.2.1;Bygglov;Kvitto;gallras;2;"RA-FS 2021:6";nej
3.2.1;Bygglov;Beslut;bevaras;;;
1.1;Styrning och ledning;;bevaras;;RA-FS 2021:6;
2;"Ekonomi; budget";;;;;
CSV
ok "an archivist imports the schedule" k --user u_arkivarie retention schedule import "$T/plan.csv"
grep -q "4 rules" "$T/out" && pass "four rules imported" || fail "rule count: $(cat "$T/out")"
same "classes named by the file are added" "3" "$(sql "SELECT count(*) FROM class")"
k retention schedule export >"$T/export.csv"
cat >"$T/want.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
1.1;Styrning och ledning;;bevaras;;RA-FS 2021:6;
2;"Ekonomi; budget";;;;;
3.2.1;Bygglov;;gallras;10;KF 2025-03-12 § 45;ja
3.2.1;Bygglov;Beslut;bevaras;;;
3.2.1;Bygglov;Kvitto;gallras;2;RA-FS 2021:6;nej
CSV
same "the export is the schedule, sorted, CRLF lines" "$(cat "$T/want.csv")" "$(tr -d '\r' <"$T/export.csv")"
grep -q "$(printf '\r')\$" "$T/export.csv" && pass "export lines end in CRLF" || fail "CRLF"
ok "the export imports again" k retention schedule import "$T/export.csv"
k retention schedule export >"$T/export2.csv"
cmp -s "$T/export.csv" "$T/export2.csv" && pass "round trip: export, import, export gives the same bytes" || fail "round trip"

events=$(sql "SELECT count(*) FROM event")
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n4.1;Ny klass;;bevaras;;;\n3.2.1;Bygglov;;gallras;tio;KF 1;ja\n' >"$T/bad.csv"
fails "a bad period is rejected with its line" "line 3: gallringsfrist must be whole years" k retention schedule import "$T/bad.csv"
same "nothing of a rejected file is kept (class 4.1 not added)" "0" "$(sql "SELECT count(*) FROM class WHERE code = '4.1'")"
same "a rejected import logs nothing" "$events" "$(sql "SELECT count(*) FROM event")"
k retention schedule export >"$T/after-bad.csv"
cmp -s "$T/export.csv" "$T/after-bad.csv" && pass "the schedule is unchanged after a rejected import" || fail "schedule changed"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;bevaras;;;\n3.2.1;Bygglov;"öppen;;;;;\n' >"$T/bad2.csv"
fails "an unterminated quote names its line" "line 3: a quoted field is not closed" k retention schedule import "$T/bad2.csv"
printf 'klass;namn\n3.2.1;Bygglov\n' >"$T/bad3.csv"
fails "a wrong header is line 1" "line 1: the header row must be" k retention schedule import "$T/bad3.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;bevaras;;;\n3.2.1;Bygglov;;gallras;5;KF 1;ja\n' >"$T/bad4.csv"
fails "a class with two rules is refused" "line 3: class 3.2.1 has a rule already (line 2)" k retention schedule import "$T/bad4.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;gallras;5;;ja\n' >"$T/bad5.csv"
fails "disposal without a decision is refused" "line 2: disposal (gallras) needs the decision" k retention schedule import "$T/bad5.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n9.9;;;bevaras;;;\n' >"$T/bad6.csv"
fails "a new class needs its name" "line 2: class 9.9 is new and needs its benämning" k retention schedule import "$T/bad6.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygglov;;kasseras;;;\n' >"$T/bad7.csv"
fails "an unknown action is refused" "line 2: åtgärd must be bevaras or gallras" k retention schedule import "$T/bad7.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.2.1;Bygg\377;;bevaras;;;\n' >"$T/bad8.csv"
fails "a file that is not UTF-8 is refused" "line 2: not UTF-8" k retention schedule import "$T/bad8.csv"
printf 'klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering\n3.x;X;;bevaras;;;\n' >"$T/bad9.csv"
fails "an invalid class code names its line" "line 2: invalid class code" k retention schedule import "$T/bad9.csv"
cmp -s "$T/export.csv" "$(k retention schedule export --output "$T/e3.csv"; echo "$T/e3.csv")" && pass "still unchanged after every rejected file" || fail "changed"
fails "a registrar may not import the schedule" "may not manage retention" k --user u_registrator retention schedule import "$T/plan.csv"
same "a registrar's refusal exits 5" "5" "$(k --user u_registrator retention schedule import "$T/plan.csv" >/dev/null 2>&1; echo $?)"
ok "a reader may read the schedule" k --user u_lasare retention schedule list --json

ok "an archivist edits one rule" k --user u_arkivarie retention schedule set 3.2.1 --type Ritning --action gallras --years 25 --decision "KF 2025-03-12 § 45" --keep-registration nej
k retention schedule export >"$T/edited.csv"
grep -q '^3.2.1;Bygglov;Ritning;gallras;25;KF 2025-03-12 § 45;nej' "$T/edited.csv" && pass "the edited rule is in the export" || fail "edited rule"
ok "change it" k --user u_arkivarie retention schedule set 3.2.1 --type Ritning --action bevaras --decision "RA-FS 2021:6"
same "the rule was replaced, not added" "1" "$(grep -c ';Ritning;' "$(k retention schedule export --output "$T/e4.csv"; echo "$T/e4.csv")")"
fails "a kept record has no period" "has no gallringsfrist" k retention schedule set 3.2.1 --action bevaras --years 3
fails "a rule needs a known class" "unknown class '7.7'" k retention schedule set 7.7 --action bevaras
ok "remove a rule" k --user u_arkivarie retention schedule unset 3.2.1 --type Ritning
fails "removing it twice" "has no rule for document type Ritning" k retention schedule unset 3.2.1 --type Ritning
fails "a registrar may not edit rules" "may not manage retention" k --user u_registrator retention schedule set 3.2.1 --action bevaras
same "edits are logged" "3" "$(sql "SELECT count(*) FROM event WHERE action IN ('retention.rule_set', 'retention.rule_remove')")"

c=$(k case open --series KS --title "Bygglov Storgatan 1" --class 3.2.1)
ok "a record with a document type" k record add "$c" --direction in --title "Kvitto på avgift" --type Kvitto
same "the record shows its type" "Kvitto" "$(k record show "$c-1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin).get("doc_type"))')"
ok "correct the type" k record correct "$c-1" --type Faktura --reason "Fel handlingstyp"
same "the corrected type" "Faktura" "$(sql "SELECT doc_type FROM record WHERE id = 1")"
fails "a type with a line break is refused" "document type" k record add "$c" --direction in --title "X" --type "$(printf 'a\nb')"
ok "verify after schedule work" k verify
sql "UPDATE record SET doc_type = 'Beslut' WHERE id = 1"
fails "a document type changed behind kansli's back is found" "its document type differs" k verify
