#!/bin/sh
# t0045 — baselines: a column or table a migration adds is recorded as a
# signed baseline at the next open, so it is covered from then on; a
# baseline forced by someone who removed the recorded column list cannot
# launder a change made behind kansli's back; verify --list-covered names
# what is covered and what is left out, with why.
TEST_NAME=verify-baseline
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Första")
same "init records every table as a baseline" "installation.create" \
	"$(sql "SELECT action FROM event WHERE instr(data, '\"baseline\":{') > 0 ORDER BY id LIMIT 1")"
ok "verify" k verify

ok "list the covered columns" k verify --list-covered
grep -q "^case_file title$" "$T/out" && pass "case titles are covered" || fail "case_file title not listed"
grep -q "^case_file id key$" "$T/out" && pass "the key is marked" || fail "case_file id key not listed"
grep -q "^excluded session: " "$T/out" && pass "sessions are named as outside the log" || fail "session exclusion not listed"
grep -q "^excluded record_text body: " "$T/out" && pass "record text is named with its reason" || fail "record_text body not listed"
grep -q "^event " "$T/out" && fail "the log itself is listed as covered" || pass "the log itself is not a covered table"

# A column or table added behind kansli's back (as a later migration
# would add one) is a schema change no migration of this kansli made: no
# baseline may launder it, reads go on, writes are refused, verify names it.
cp -R "$KANSLI_DATA" "$T/added"
sqlite3 "$T/added/kansli.db" "ALTER TABLE case_file ADD COLUMN later_note TEXT; CREATE TABLE later_table(id INTEGER PRIMARY KEY, user_id INTEGER, unit_id INTEGER); INSERT INTO later_table VALUES(1, 1, 1)"
before=$(sqlite3 "$T/added/kansli.db" "SELECT count(*) FROM event")
ok "reads go on after a column was added" k --data "$T/added" case list
same "no baseline records the added column" "$before" "$(sqlite3 "$T/added/kansli.db" "SELECT count(*) FROM event")"
fails "a write is refused" "the database schema was changed behind kansli's back" \
	k --data "$T/added" case open --series KS --title "Andra"
fails "verify names the changed table" "schema: table case_file was changed" k --data "$T/added" verify
k --data "$T/added" verify >"$T/out" 2>&1
grep -q "differs: schema: table later_table is not one kansli made" "$T/out" &&
	pass "verify names the added table" || fail "later_table not named: $(head -c 300 "$T/out")"

# Tampering, then removing the recorded column list so that the next open
# (of a command that writes; verify never writes) takes a baseline of the
# tampered state: the baseline disagrees with the log.
sqlite3 "$KANSLI_DATA/kansli.db" "UPDATE case_file SET title = 'Smygändrad' WHERE id = 1; DELETE FROM meta WHERE key = 'state_columns'"
n=$(sql "SELECT count(*) FROM event")
fails "verify reports the missing baseline" "its title differs" k verify
k verify >"$T/out" 2>&1
grep -q "differs: meta: the covered tables or columns differ from the last signed baseline's" "$T/out" &&
	pass "the missing baseline is listed" || fail "missing baseline not listed: $(head -c 300 "$T/out")"
same "verify wrote nothing" "$n" "$(sql "SELECT count(*) FROM event")"
ok "the next open of a command records the baseline" k case list
same "it is a signed state.baseline event" "state.baseline" "$(sql "SELECT action FROM event ORDER BY id DESC LIMIT 1")"
fails "a forced baseline does not launder a change" "its title differs" k verify
k verify >"$T/out" 2>&1
grep -q "the baseline of event [0-9]* says \"Smygändrad\", before it the log says \"Första\"" "$T/out" &&
	pass "the baseline is named as disagreeing with the log" || fail "baseline not named: $(head -c 300 "$T/out")"
