#!/bin/sh
# t0146 — the upgrade that seals the API's kept answers (store/schema.c):
# an installation that kept answers in the clear (a webhook's signing
# secret among them) loses them, down to the database file's bytes, but
# each key stays taken for the rest of its day: the call sent again under
# it is refused (409 idempotency_answer_not_kept), not done twice; another
# key is done; verify accepts the result.
TEST_NAME=api-idempotency-upgrade
export KANSLI_NOW=2026-03-02
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo "Losenord-for-rita" | k user add rita "Rita" --password-stdin >/dev/null
k user grant rita registrator >/dev/null
T1=$(k token add rita a --days 366)
k case open --series KS --title "Ett ärende" >/dev/null
body='{"series":"KS","title":"Bygglov för garage"}'
# the request's SHA-256 as the API computes it (web/api_idempotency.c)
print=$(python3 -c 'import hashlib, sys
h = hashlib.sha256()
for part in ("POST", "/api/v1/cases", "org", "kommun", "body", sys.argv[1]):
    b = part.encode()
    h.update(b"%d:" % len(b) + b)
print(h.hexdigest())' "$body")
caller="t$(printf %s "$T1" | sha256sum | cut -d' ' -f1)"

# The installation as it was before the upgrade: the table of clear
# answers, with one (a webhook's secret in it) kept an hour ago. The
# schema is set back by seven: this migration, the one after it that seals
# webhook secrets (its table as it was before, t0150), and the five last,
# which are re-run (t0115, t0160, t0162, t0161, t0172).
v=$(sql "SELECT value FROM meta WHERE key = 'schema_version'")
sql "PRAGMA secure_delete = OFF;
DROP TABLE api_idempotency;
CREATE TABLE api_idempotency(
  caller TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL, content_type TEXT NOT NULL, filename TEXT NOT NULL, body BLOB NOT NULL,
  created_us INTEGER NOT NULL, PRIMARY KEY (caller, key));
CREATE INDEX api_idempotency_created ON api_idempotency(created_us);
DROP TABLE webhook_secret;
CREATE TABLE webhook_secret(
  subscription_id INTEGER PRIMARY KEY REFERENCES webhook_subscription(id), secret TEXT NOT NULL);
INSERT INTO api_idempotency VALUES('$caller', 'old-1', '$print', 201, 'application/json', '',
  CAST('{\"secret\":\"whsec_GAMMALTHEMLIGTGAMMALTHEMLIGT\"}' AS BLOB),
  (SELECT max(ts_us) FROM event) - 3600000000);
UPDATE meta SET value = '$((v - 7))' WHERE key = 'schema_version'" >/dev/null
cat "$KANSLI_DATA"/kansli.db* | grep -q GAMMALTHEMLIGT && pass "(before: the secret is in the file)" ||
	fail "the set-up did not write the secret to the file"

ok "the upgrade runs" k case show "KS 2026/0001"
same "the schema is current again" "$v" "$(sql "SELECT value FROM meta WHERE key = 'schema_version'")"
same "the key is still taken, its answer dropped" "old-1 sha256:$print 0" \
	"$(sql "SELECT key, request, length(sealed) FROM api_idempotency" | tr '|' ' ')"
# (Debian's SQLite zeroes freed pages by default; the migration asks for
# it, for the builds that do not)
found=$(cat "$KANSLI_DATA"/kansli.db* | grep -c GAMMALTHEMLIGT)
same "the secret is gone from the database's files, freed pages too" 0 "$found"

web_serve KANSLI_NO_RATE_LIMIT=1
post() {
	curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $T1" -H "Idempotency-Key: $1" \
		-H 'Content-Type: application/json' --data-binary "$2" "$U/api/v1/cases?org=kommun"
}
val() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
cases() { sql "SELECT count(*) FROM case_file"; }
same "the call sent again under the old key is refused" 409 "$(post old-1 "$body")"
same "as done, its answer not kept" "idempotency_answer_not_kept Idempotency-Key" \
	"$(val 'd["error"]["code"] + " " + d["error"]["field"]')"
case $(val 'd["error"]["message_sv"]') in
*"svaret sparades inte"*) pass "in its own Swedish words" ;;
*) fail "the Swedish message: $(cat "$T/body")" ;;
esac
same "nothing opened" 1 "$(cases)"
same "another request under the old key is 422, as before" 422 "$(post old-1 '{"series":"KS","title":"Annat"}')"
same "a new key opens the case" 201 "$(post new-1 "$body")"
same "once" 201 "$(post new-1 "$body")"
same "two cases" 2 "$(cases)"
same "the new answer is sealed" 0 "$(sql "SELECT count(*) FROM api_idempotency WHERE CAST(sealed AS TEXT) LIKE '%number%'")"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if k verify >"$T/verify" 2>&1; then pass "kansli verify accepts the registry"; else fail "verify: $(head -c 300 "$T/verify")"; fi
