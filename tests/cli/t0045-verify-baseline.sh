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

# A migration adds a column (as a later migration would).
sqlite3 "$KANSLI_DATA/kansli.db" "ALTER TABLE case_file ADD COLUMN later_note TEXT; CREATE TABLE later_table(id INTEGER PRIMARY KEY, user_id INTEGER, unit_id INTEGER); INSERT INTO later_table VALUES(1, 1, 1)"
ok "the next open records a baseline" k case list
same "it is a signed state.baseline event" "state.baseline" "$(sql "SELECT action FROM event ORDER BY id DESC LIMIT 1")"
ok "verify after the new column" k verify
k verify --list-covered >"$T/cov"
grep -q "^case_file later_note$" "$T/cov" && pass "the new column is covered" || fail "later_note not covered"
grep -q "^later_table user_id$" "$T/cov" && pass "the new table is covered" || fail "later_table not covered"
cp -R "$KANSLI_DATA" "$T/copy"
sqlite3 "$T/copy/kansli.db" "UPDATE case_file SET later_note = 'Annat' WHERE id = 1"
fails "the new column is checked" "table case_file row \[1\] field later_note" k --data "$T/copy" verify
cp -R "$KANSLI_DATA" "$T/copy2"
sqlite3 "$T/copy2/kansli.db" "DELETE FROM later_table"
fails "the new table is checked" "table later_table row \[1\]: missing" k --data "$T/copy2" verify

# Tampering, then removing the recorded column list so that the next open
# takes a baseline of the tampered state: the baseline disagrees with the log.
sqlite3 "$KANSLI_DATA/kansli.db" "UPDATE case_file SET title = 'Smygändrad' WHERE id = 1; DELETE FROM meta WHERE key = 'state_columns'"
fails "a forced baseline does not launder a change" "its title differs" k verify
k verify >"$T/out" 2>&1
grep -q "the baseline of event [0-9]* says \"Smygändrad\", before it the log says \"Första\"" "$T/out" &&
	pass "the baseline is named as disagreeing with the log" || fail "baseline not named: $(head -c 300 "$T/out")"
