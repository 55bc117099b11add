#!/bin/sh
# t0046 — what the row comparison of verify cannot see: the schema itself
# (dropped tables and indexes, views in place of tables, planted triggers,
# a redefined view, a removed CHECK, an added column), a row changed behind
# kansli's back and then laundered by the next legitimate write, bytes in
# an event outside its leaf hash, a planted web session (or a real one
# whose token was replaced); and verify never writes and works with the
# public key alone.
TEST_NAME=verify-schema
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

k init "$KANSLI_DATA" --origin diarium.example.se >/dev/null
k org add kommun "Kommun" >/dev/null
k unit add BYGG "Byggenheten" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
echo 'Losenord-for-sara' | k user add sara 'Sara Sekreterare' --password-stdin >/dev/null
k user grant sara handlaggare >/dev/null
c1=$(k case open --series KS --title "Tvisten")
c2=$(k case open --series KS --title "Budget")
k record add "$c1" --direction in --title "Stämning" --person "Per Persson" --id 19121212-1212 >/dev/null
k hold add "$c1" --reason "Tvist" >/dev/null
k case note "$c1" "Ringt" >/dev/null
ok "the untouched installation verifies" k verify

events() { sqlite3 "$1/kansli.db" "SELECT count(*) FROM event"; }
n=0
# copy: a fresh copy of the installation to tamper with, in $dir
copy() { n=$((n + 1)); dir="$T/c$n"; cp -R "$KANSLI_DATA" "$dir"; }
# tamper DESCRIPTION PATTERN SQL: verify of a copy changed by SQL must fail
# naming PATTERN (on stderr or in the differences on stdout), writing nothing.
tamper() {
	copy
	sqlite3 "$dir/kansli.db" "$3" || { fail "$1 (the change could not be made)"; return; }
	before=$(events "$dir")
	if k --data "$dir" verify >"$T/out" 2>"$T/err"; then
		fail "$1: verify said ok"
	elif grep -q -- "$2" "$T/err" "$T/out"; then
		pass "$1"
	else
		fail "$1 (verify did not name '$2': $(head -c 300 "$T/err"))"
	fi
	same "$1: verify wrote nothing" "$before" "$(events "$dir")"
	last=$dir
}

# 1. The schema.
tamper "a dropped table" "schema: table legal_hold is missing" "DROP TABLE legal_hold"
tamper "a view in place of a table" "schema: view legal_hold is not one kansli made" \
	"CREATE TABLE hold_x AS SELECT * FROM legal_hold WHERE 0; DROP TABLE legal_hold; CREATE VIEW legal_hold AS SELECT * FROM hold_x;"
tamper "a table renamed to a search index's name" "schema: table record_secret_fts_rs is not one kansli made" \
	"ALTER TABLE role_scope RENAME TO record_secret_fts_rs; CREATE VIEW role_scope AS SELECT * FROM record_secret_fts_rs WHERE 0"
k --data "$last" verify --list-covered >"$T/cov" 2>&1
grep -q "^record_secret_fts_rs " "$T/cov" && pass "an excluded name is exact, not a prefix" ||
	fail "record_secret_fts_rs is treated as excluded"
tamper "a planted trigger" "schema: trigger t1 is not one kansli made" \
	"CREATE TRIGGER t1 AFTER INSERT ON case_note BEGIN DELETE FROM legal_hold; END;"
holds=$(sqlite3 "$last/kansli.db" "SELECT count(*) FROM legal_hold")
fails "a write is refused while the trigger is there" "the database schema was changed behind kansli's back" \
	k --data "$last" case note "$c1" "Ringt igen"
same "the trigger did not run" "$holds" "$(sqlite3 "$last/kansli.db" "SELECT count(*) FROM legal_hold")"
ok "reads go on" k --data "$last" case show "$c1"
tamper "a redefined view" "schema: view record_open was changed" \
	"DROP VIEW record_open; CREATE VIEW record_open AS SELECT r.id AS id, '' AS number, r.title AS title, '' AS case_title, '' AS party, '' AS class, t.body AS body, '' AS files FROM record r LEFT JOIN record_text t ON t.record_id = r.id"
tamper "a dropped unique index" "schema: index legal_hold_active is missing" "DROP INDEX legal_hold_active"
tamper "a dropped personnummer index" "schema: index party_idnum is missing" "DROP INDEX party_idnum"
tamper "a CHECK removed through writable_schema" "schema: table party was changed" \
	"PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(sql, 'CHECK(kind IN (''person'',''organisation''))', '') WHERE name = 'party'"
tamper "an added column" "schema: table case_file was changed" "ALTER TABLE case_file ADD COLUMN evil TEXT"

# 2. A change behind kansli's back, then a legitimate write.
copy
sqlite3 "$dir/kansli.db" "UPDATE legal_hold SET reason = 'Inget mål' WHERE id = 1"
ok "a legitimate release after the change" k --data "$dir" hold release "$c1" --reason "Förlikning"
ev=$(sqlite3 "$dir/kansli.db" "SELECT max(id) FROM event")
k --data "$dir" verify >"$T/out" 2>"$T/err" && fail "a laundered hold: verify said ok" ||
	{ grep -q "table legal_hold row \[1\] field reason: before event $ev the database had \"Inget mål\", the log says \"Tvist\"" "$T/out" &&
		pass "a laundered hold reason is named with its event" || fail "laundered hold not named: $(head -c 400 "$T/out")"; }
copy
cid=$(sqlite3 "$dir/kansli.db" "SELECT id FROM case_file WHERE seq = 2")
sqlite3 "$dir/kansli.db" "UPDATE case_file SET unit_id = 1, officer_id = 7, opened_date = '2020-01-01' WHERE id = $cid"
ok "a legitimate due date after the change" k --data "$dir" case due "$c2" 2026-06-30
k --data "$dir" verify >"$T/out" 2>"$T/err" && fail "a laundered case: verify said ok" || {
	for f in unit_id officer_id opened_date; do
		grep -q "table case_file row \[$cid\] field $f: before event" "$T/out" &&
			pass "a laundered case's $f is named" || fail "laundered $f not named: $(head -c 400 "$T/out")"
	done; }
copy
sqlite3 "$dir/kansli.db" "DELETE FROM legal_hold"
ok "a legitimate note after a deleted hold" k --data "$dir" case note "$c1" "Ringt igen"
k --data "$dir" verify >"$T/out" 2>"$T/err" && fail "a laundered deletion: verify said ok" ||
	pass "a deletion before a legitimate write is found"
ok "legitimate writes still verify" k hold release "$c1" --reason "Förlikning"
ok "after them" k verify

# 3. verify never writes, and needs only the public key.
ok "verify without the signing key" env KANSLI_KEY_FILE="$T/no-such-key" "$KANSLI" verify
copy
sqlite3 "$dir/kansli.db" "DELETE FROM meta WHERE key = 'state_columns'"
before=$(events "$dir")
KANSLI_KEY_FILE="$T/no-such-key" k --data "$dir" verify >"$T/out" 2>&1
grep -q "no baseline records them" "$T/out" && pass "a missing baseline is reported" ||
	fail "missing baseline not reported: $(head -c 300 "$T/out")"
same "and not written" "$before" "$(events "$dir")"

# 4. Bytes outside the leaf hash.
tamper "a NUL and junk after an event's data" "event 3 has a damaged data" \
	"UPDATE event SET data = CAST(data || char(0) || 'junk' AS TEXT) WHERE id = 3"
tamper "an event's data stored as a blob" "event 3 has a damaged data (not the JSON text the log wrote)" \
	"UPDATE event SET data = CAST(data AS BLOB) WHERE id = 3"
tamper "a NUL after an event's actor" "event 2 has a damaged actor" \
	"UPDATE event SET actor = CAST(actor || char(0) || 'x' AS TEXT) WHERE id = 2"

# 5. A planted web session; a real login verifies.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KANSLI" serve --port "$port" --quiet 2>"$T/serve.log" &
srv=$!
U="http://127.0.0.1:$port"
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
curl -s -c "$T/jar" -b "$T/jar" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
same "a real login" "303" "$(curl -s -c "$T/jar" -b "$T/jar" -o /dev/null -w '%{http_code}' \
	--data-urlencode "login_token=$tok" --data-urlencode "username=sara" \
	--data-urlencode "password=Losenord-for-sara" "$U/login")"
same "its session works" "200" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$U/")"
ok "a real login verifies" k verify
planted=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
h=$(printf %s "$planted" | sha256sum | cut -c1-64)
# as fresh as the real session, so that only its missing login can refuse it
sql "INSERT INTO session(token_hash, user_id, csrf, created_us, last_seen_us, user_agent, address)
     SELECT X'$h', user_id, csrf, created_us, last_seen_us, '', '' FROM session WHERE ended_us IS NULL"
sed "s/\t[0-9a-f]\{64\}\$/\t$planted/" "$T/jar" >"$T/planted"
grep -q "$planted" "$T/planted" && pass "a cookie with the planted token" || fail "no planted cookie: $(cat "$T/jar")"
same "the planted session does not log in" "303" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/planted" "$U/")"
same "the real one still does" "200" "$(curl -s -o /dev/null -w '%{http_code}' -b "$T/jar" "$U/")"
kill "$srv" 2>/dev/null
wait "$srv" 2>/dev/null
k verify >"$T/out" 2>"$T/err" && fail "a planted session: verify said ok" ||
	{ grep -q "table session row \[[0-9]*\]: a live session of user [0-9]* that no logged login opened" "$T/out" "$T/err" &&
		pass "a planted session is named" || fail "planted session not named: $(head -c 300 "$T/err")"; }
# A live session whose token is not the one its logged login was opened
# with (the row's token replaced, the login event kept) is planted too.
sql "DELETE FROM session WHERE token_hash = X'$h'"
ok "without the planted session, verify is ok" k verify
h2=$(printf %s "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" | sha256sum | cut -c1-64)
sql "UPDATE session SET token_hash = X'$h2' WHERE ended_us IS NULL"
k verify >"$T/out" 2>"$T/err" && fail "a session's token replaced: verify said ok" ||
	{ grep -q "table session row \[[0-9]*\]: a live session of user [0-9]* that no logged login opened" "$T/out" "$T/err" &&
		pass "a session whose token its login did not open is named" ||
		fail "replaced token not named: $(head -c 300 "$T/err")"; }
