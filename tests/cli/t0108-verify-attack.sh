#!/bin/sh
# t0108 — an outside auditor's finds against `kansli verify` (2026-12-07),
# each a change behind kansli's back that verify once passed as "ok": an
# index made partial through writable_schema and its text put back (an
# active legal hold, the events of a secret read invisible to the queries
# that use them); an event column stored as another type with the same
# bytes (the leaf hash still matches, kansli's lookups no longer find the
# event); a blob stored where kansli writes text, and text "x:<hex>" where
# it writes a blob (a row image writes a blob as "x:<hex>"); a blob in a
# key, which JSON cannot hold.
TEST_NAME=verify-attack
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
c=$(k case open --series KS --title "Tillsyn")
d=$(k case open --series KS --title "Bygglov")
k record add "$c" --direction in --title "Anmälan" --person "Sven Svensson" --secrecy full \
	--legal-ground "OSL 26 kap. 1 §" >/dev/null
k record show "$c-1" >/dev/null
k hold add "$c" --reason "Tvist" >/dev/null
k hold add "$d" --reason "Revision" >/dev/null
echo "Losenord-for-mallory" | k user add mallory "x:4576696C" --password-stdin >/dev/null
k user grant mallory lasare >/dev/null
k token add mallory robot --days 1 >/dev/null
ok "verify before" k verify
cp -r "$KANSLI_DATA" "$T/clean"
again() { rm -rf "$KANSLI_DATA" && cp -r "$T/clean" "$KANSLI_DATA"; }

# An index made partial and its text put back.
def=$(sql "SELECT sql FROM sqlite_master WHERE name = 'legal_hold_active'")
cid=$(sql "SELECT id FROM case_file WHERE title = 'Tillsyn'")
sql "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = '$def AND case_id != $cid' WHERE name = 'legal_hold_active'"
sql "REINDEX legal_hold_active"
sql "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = '$def' WHERE name = 'legal_hold_active'"
same "the index now leaves the hold out" "0" \
	"$(sql "SELECT count(*) FROM legal_hold INDEXED BY legal_hold_active WHERE released_us IS NULL AND case_id = $cid")"
fails "an index that leaves rows out is named" "index legal_hold_active of table legal_hold" k verify
again
def=$(sql "SELECT sql FROM sqlite_master WHERE name = 'event_object'")
sql "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = '$def WHERE action != ''record.read_secret''' WHERE name = 'event_object'"
sql "REINDEX event_object"
sql "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = '$def' WHERE name = 'event_object'"
fails "... also one that is not partial" "index event_object of table event" k verify
again

# An event column stored as another type.
sql "UPDATE event SET object_type = CAST(object_type AS BLOB) WHERE action = 'hold.add'"
fails "an event's type stored as a blob" "stored as another type than the log wrote" k verify
again
sql "UPDATE event SET object_id = CAST(object_id AS TEXT) || 'x' WHERE action = 'hold.add'"
fails "an event's object id stored as text" "stored as another type than the log wrote" k verify
again

# A blob where kansli writes text, text where it writes a blob.
sql "UPDATE app_user SET full_name = x'4576696C' WHERE username = 'mallory'"
fails "a name stored as a blob with the bytes its text names" "stored as a type kansli never writes there" k verify
again
sql "UPDATE api_token SET token_hash = 'x:' || hex(token_hash)"
fails "a token's hash stored as text" "stored as a type kansli never writes there" k verify
again

# A blob in a key.
sql "UPDATE user_role SET role = CAST(role AS BLOB) WHERE user_id = (SELECT id FROM app_user WHERE username = 'mallory')"
fails "a key stored as a blob is a row the log never added, not a database error" "user_role row" k verify

# The heads' columns must hold the types kansli writes (an outside
# review's finds: a size as text '21x', a checkpoint with bytes after a
# NUL, a published head's time as text all passed).
again
k log head --publish >/dev/null 2>&1
ok "verify passes before" k verify
for change in "UPDATE log_state SET size = CAST(size AS TEXT) || 'x'" \
	"UPDATE log_state SET checkpoint = checkpoint || char(0) || 'extra'" \
	"UPDATE log_state SET signed_us = 'igår'" \
	"UPDATE tree_head SET checkpoint = checkpoint || char(0) || 'extra'" \
	"UPDATE tree_head SET published_us = 'i morgon'" \
	"UPDATE tree_head SET checkpoint = CAST(checkpoint AS BLOB)"; do
	cp "$KANSLI_DATA/kansli.db" "$T/heads.db"
	sqlite3 "$KANSLI_DATA/kansli.db" "$change"
	if k verify >"$T/out" 2>"$T/err"; then fail "verify passes after: $change"
	else pass "verify finds: $change"; fi
	cp "$T/heads.db" "$KANSLI_DATA/kansli.db"
	rm -f "$KANSLI_DATA/kansli.db-wal" "$KANSLI_DATA/kansli.db-shm"
done
