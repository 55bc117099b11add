#!/bin/sh
# t0150 — a webhook's signing secret is kept sealed (core/webhook_secret.h):
# a copy of the database files holds no secret; a sealed secret moved to
# another subscription does not open, so nothing is signed with it (the
# delivery fails saying why) and verify names it; a verify without the
# signing key checks only that each secret is there; a process without the
# key cannot add a webhook. The upgrade: clear secrets are moved as they
# are, a process without the key cannot seal them (verify names them), the
# first with it does, and the secret leaves the files; deliveries are then
# signed with the same secret as before.
TEST_NAME=webhook-secret-sealed
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-lasse" | k user add lasse "Lasse" --password-stdin >/dev/null
k user grant lasse lasare --org kommun >/dev/null
receiver_start r; P1=$RPORT
receiver_start r2; P2=$RPORT
ok "a webhook" k webhook add --org kommun "http://127.0.0.1:$P1/a" --events case.opened --as lasse
receiver_accept r
S1=$(sed -n 's/^secret: whsec_\([^ ]*\).*/\1/p' "$T/out")
ok "another" k webhook add --org kommun "http://127.0.0.1:$P2/b" --events case.opened --as lasse
receiver_accept r2
S2=$(sed -n 's/^secret: whsec_\([^ ]*\).*/\1/p' "$T/out")
[ -n "$S1" ] && [ -n "$S2" ] && pass "(the secrets were shown once)" || fail "no secret shown: $(cat "$T/out")"

# what a copy of the database holds
same "each secret is kept sealed: a blob of nonce, secret and tag" "blob 78|blob 78" \
	"$(sql "SELECT typeof(sealed) || ' ' || length(sealed) FROM webhook_secret ORDER BY subscription_id" | paste -sd'|')"
found=$(cat "$KANSLI_DATA"/kansli.db* | grep -F -c -e "$S1" -e "$S2")
same "neither secret is anywhere in the database's files" 0 "$found"

k case open --org kommun --series KS --title "Ärende ett" >/dev/null
ok "a round" k webhook deliver
same "each receiver got the case, signed with its secret" "1 1" \
	"$(received r | grep -c 'case.opened case verified') $(received r2 | grep -c 'case.opened case verified')"

# a sealed secret moved to another subscription does not open
keep=$(sql "SELECT hex(sealed) FROM webhook_secret WHERE subscription_id = 1")
sql "UPDATE webhook_secret SET sealed = (SELECT sealed FROM webhook_secret WHERE subscription_id = 2)
     WHERE subscription_id = 1"
fails "verify names the moved secret" "row \[1\]: the sealed secret does not open" k verify
k case open --org kommun --series KS --title "Ärende två" >/dev/null
ok "a round" k webhook deliver
same "nothing was signed with the moved secret" "1" "$(received r | wc -l | tr -d ' ')"
same "... its delivery failed, saying why" "1" \
	"$(sql "SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id
	        WHERE d.subscription_id = 1 AND d.status = 'failed'
	        AND a.error LIKE 'not sent: the signing secret does not open%'")"
same "the other subscription's delivery was made" "2" "$(received r2 | grep -c 'case.opened case verified')"
sql "UPDATE webhook_secret SET sealed = X'$keep' WHERE subscription_id = 1"
ok "put back, it verifies" k verify

# without the signing key
mv "$KANSLI_DATA/keys/log.key" "$T/log.key"
ok "a verify without the key checks that the secrets are there" k verify
fails "a process without the key cannot add a webhook" "sealed with the signing key" \
	k webhook add --org kommun "http://127.0.0.1:$P1/c" --events case.opened --as lasse
mv "$T/log.key" "$KANSLI_DATA/keys/log.key"
same "nothing was added" "2" "$(sql "SELECT count(*) FROM webhook_subscription")"

# The upgrade: the installation as it was, the secrets in the clear. The
# schema is set back by six: this migration and the five last, which are
# re-run (t0115, t0160, t0162, t0161, t0172).
v=$(sql "SELECT value FROM meta WHERE key = 'schema_version'")
sql "PRAGMA secure_delete = OFF;
DROP TABLE webhook_secret;
CREATE TABLE webhook_secret(
  subscription_id INTEGER PRIMARY KEY REFERENCES webhook_subscription(id), secret TEXT NOT NULL);
INSERT INTO webhook_secret VALUES(1, 'whsec_$S1'), (2, 'whsec_$S2');
UPDATE meta SET value = '$((v - 6))' WHERE key = 'schema_version'" >/dev/null
cat "$KANSLI_DATA"/kansli.db* | grep -F -q "$S1" && pass "(before: the secret is in the files)" ||
	fail "the set-up did not write the secret to the files"
mv "$KANSLI_DATA/keys/log.key" "$T/log.key"
ok "a command without the key upgrades" k case show "KS 2026/0001"
same "the schema is current again" "$v" "$(sql "SELECT value FROM meta WHERE key = 'schema_version'")"
same "... but cannot seal: the secrets are as they were" "text|text" \
	"$(sql "SELECT typeof(sealed) FROM webhook_secret ORDER BY subscription_id" | paste -sd'|')"
fails "verify names them" "row \[1\]: the secret is in the clear, not sealed" k verify
mv "$T/log.key" "$KANSLI_DATA/keys/log.key"
ok "the first command with the key" k case show "KS 2026/0001"
same "... seals them" "blob|blob" \
	"$(sql "SELECT typeof(sealed) FROM webhook_secret ORDER BY subscription_id" | paste -sd'|')"
same "... and no write-ahead log is left holding them" "0" \
	"$(cat "$KANSLI_DATA"/kansli.db-wal 2>/dev/null | wc -c | tr -d ' ')"
found=$(cat "$KANSLI_DATA"/kansli.db* | grep -F -c -e "$S1" -e "$S2")
same "the secrets are gone from the database's files, freed pages too" 0 "$found"
ok "verify accepts the upgrade" k verify
k case open --org kommun --series KS --title "Ärende tre" >/dev/null
ok "a round" k webhook deliver
same "deliveries are signed with the same secrets as before" "2 3" \
	"$(received r | grep -c 'case.opened case verified') $(received r2 | grep -c 'case.opened case verified')"
