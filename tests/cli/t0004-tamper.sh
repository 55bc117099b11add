#!/bin/sh
# t0004 — tampering behind kansli's back is found and named by verify;
# an untouched installation verifies.
TEST_NAME=tamper
. "$(dirname "$0")/lib.sh"
GEN="$(dirname "$0")/../../../shared/bench/gen-diarium"

setup() {
	rm -rf "$KANSLI_DATA"
	k init "$KANSLI_DATA" >/dev/null && k org add kommun "Kommun" >/dev/null &&
	python3 "$GEN" 300 3 | k import - >/dev/null &&
	k series add KS "Kommunstyrelsen" >/dev/null 2>&1
	printf 'Protokoll\n' >"$T/p.txt"
	k record add "$(sql "SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) FROM case_file c JOIN series s ON s.id = c.series_id LIMIT 1")" \
		--direction internal --title "Tjänsteskrivelse" --file "$T/p.txt" >/dev/null
}

setup
ok "untouched installation verifies" k verify
ok "publish a head" k log head --publish

setup
sql "UPDATE event SET actor = 'user:mallory' WHERE id = 57"
fails "changed event column is named" "event 57 .*does not match its leaf hash" k verify
same "verify exits 1 on tampering" "1" "$(k verify >/dev/null 2>&1; echo $?)"

setup
sql "UPDATE event SET data = replace(data, '\"title\":\"', '\"title\":\"X') WHERE id = 120"
fails "changed event data is named" "event 120 " k verify

setup
python3 - "$KANSLI_DATA/kansli.db" <<'PY'
# Rewrite an event and its leaf hash consistently: only the signed head can tell.
import sqlite3, sys, hashlib
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE event SET leaf_hash = zeroblob(32) WHERE id = 30")
db.commit()
PY
fails "rewritten leaf hash is named" "event 30 " k verify

setup
sql "DELETE FROM event WHERE id = (SELECT max(id) FROM event)"
fails "removed last event is found" "events were removed\|covers" k verify

setup
sql "UPDATE record SET title = 'Annat' WHERE id = 5"
fails "changed record is named" "record .* (id 5): its title differs" k verify

setup
sql "UPDATE case_file SET title = 'Annat' WHERE id = 3"
fails "changed case is named" "case .* (id 3): its title differs" k verify

setup
h=$(sql "SELECT hash FROM blob LIMIT 1")
f="$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h"
chmod u+w "$f"
printf 'X' | dd of="$f" bs=1 seek=3 conv=notrunc 2>/dev/null
fails "one changed byte in a blob is named" "blob $h does not match" k verify

setup
h=$(sql "SELECT hash FROM blob LIMIT 1")
rm "$KANSLI_DATA/blobs/$(echo "$h" | cut -c1-2)/$(echo "$h" | cut -c3-4)/$h"
fails "missing blob is named" "blob $h is missing" k verify

setup
sql "UPDATE log_state SET checkpoint = replace(checkpoint, 'kansli', 'kanslj')"
fails "forged tree head is found" "signature does not verify" k verify

# The columns a head row keeps beside its checkpoint are read without the
# checkpoint (the next append builds on the frontier, `log prove` reads the
# published sizes), so they must be the signed ones.
setup
k log head --publish >/dev/null
sql "UPDATE tree_head SET size = size - 1"
fails "a published head's size column changed is found" "size column says" k verify
setup
k log head --publish >/dev/null
sql "UPDATE tree_head SET root = zeroblob(32)"
fails "a published head's root column changed is found" "root column is not the signed root" k verify
setup
sql "UPDATE log_state SET root = zeroblob(32)"
fails "the current head's root column changed is found" "root column is not the signed root" k verify
setup
sql "UPDATE log_state SET frontier = zeroblob(length(frontier))"
fails "the current head's frontier changed is found" "frontier does not hash to the signed root" k verify
setup
sql "UPDATE log_state SET frontier = frontier || zeroblob(32)"
fails "a frontier of the wrong length is found" "frontier does not fit\\|another type than kansli writes" k verify

# The body is hashed whole: text after a NUL, or the same bytes stored as a
# blob, is not what the log says (the indexer reads all of it).
setup
sql "UPDATE record_text SET body = body || char(0) || ' hemligt tillägg' WHERE rowid = (SELECT min(rowid) FROM record_text)"
fails "text after a NUL in a body is found" "body" k verify
setup
sql "UPDATE record_text SET body = CAST(body AS BLOB) WHERE rowid = (SELECT min(rowid) FROM record_text)"
fails "a body stored as a blob is found" "body" k verify
