#!/bin/sh
# t0044 — trust anchored outside the data directory: the signed head covers
# the whole log; `verify --trusted-key` catches a log re-signed with another
# key; `verify --checkpoint` and `log publish` catch a restored older copy;
# `init --key-file` keeps the signing key apart from the data.
TEST_NAME=verify-trust
. "$(dirname "$0")/lib.sh"
export KANSLI_NOW=2026-03-02

k init "$KANSLI_DATA" --origin diarium.example.se >/dev/null
k org add kommun "Kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k case open --series KS --title "Första" >/dev/null
ok "verifier key" k log head --key
cp "$T/out" "$T/trusted.key"
ok "verify with the trusted key" k verify --trusted-key "$T/trusted.key"

# A witness directory gets a file per size and latest.
mkdir "$T/witness"
ok "publish to a witness directory" k log publish "$T/witness"
size1=$(sql "SELECT size FROM log_state")
[ -f "$T/witness/$size1" ] && pass "a file for size $size1" || fail "no file for size $size1"
cmp -s "$T/witness/$size1" "$T/witness/latest" && pass "latest is that checkpoint" || fail "latest differs"
ok "verify against the saved checkpoint" k verify --checkpoint "$T/witness/latest"

cp -R "$KANSLI_DATA" "$T/old-copy"
k case open --series KS --title "Andra" >/dev/null
ok "publish again" k log publish "$T/witness"
size2=$(sql "SELECT size FROM log_state")
[ "$size2" -gt "$size1" ] && [ -f "$T/witness/$size2" ] && [ -f "$T/witness/$size1" ] &&
	pass "the witness keeps both sizes" || fail "the witness lacks a size ($size1, $size2)"
ok "the grown log verifies against the first checkpoint" k verify --checkpoint "$T/witness/$size1"

# A restored older copy is consistent in itself; only the outside copy tells.
ok "the restored older copy verifies on its own" k --data "$T/old-copy" verify
fails "the restored older copy fails against the saved checkpoint" "saved checkpoint covers $size2 events but the log has only $size1" \
	k --data "$T/old-copy" verify --checkpoint "$T/witness/latest"
fails "publishing from the older copy is refused" "already holds a checkpoint of size $size2" \
	k --data "$T/old-copy" log publish "$T/witness"

# A log re-signed with another key (the key file replaced) verifies on its
# own, but not against the trusted key.
cp -R "$KANSLI_DATA" "$T/resigned"
k init "$T/other" >/dev/null
cp "$T/other/keys/log.key" "$T/resigned/keys/log.key"
cp "$T/other/keys/log.pub" "$T/resigned/keys/log.pub"
k --data "$T/resigned" case open --series KS --title "Omsignerad" >/dev/null
ok "the re-signed log verifies on its own" k --data "$T/resigned" verify
fails "the re-signed log fails against the trusted key" "not the trusted key" \
	k --data "$T/resigned" verify --trusted-key "$T/trusted.key"
fails "a damaged trusted key is refused" "not a verifier key" k verify --trusted-key "$T/witness/latest"
fails "a missing checkpoint file is refused" "cannot read" k verify --checkpoint "$T/nothing"

# The signed head covers the whole log: an older head put back, or a head
# whose stated size was changed, is an error.
cp -R "$KANSLI_DATA" "$T/swap"
sqlite3 "$T/swap/kansli.db" "UPDATE log_state SET checkpoint = CAST(readfile('$T/witness/$size1') AS TEXT), size = $size1"
fails "an older signed head in log_state is found" "log_state: .*an unsigned tail" k --data "$T/swap" verify
cp -R "$KANSLI_DATA" "$T/size"
sqlite3 "$T/size/kansli.db" "UPDATE log_state SET size = size - 1"
fails "a head whose size differs from the log is found" "log_state: the log has $size2 events but its signed head" \
	k --data "$T/size" verify

# An unsigned tail: an event appended with a correct leaf hash, no new head.
cp -R "$KANSLI_DATA" "$T/tail"
python3 - "$T/tail/kansli.db" <<'PY'
import hashlib, json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
i, ts, org, actor = db.execute("SELECT max(id) + 1, max(ts_us) + 1, 1, 'user:mallory' FROM event").fetchone()
salt, data = os.urandom(16), '{"title":"Smyg"}'
s = lambda v: json.dumps(v, separators=(',', ':'))
inp = salt + ('{"v":1,"id":%d,"ts":%d,"org":%d,"actor":%s,"action":"case.note","type":"case","obj":1,"data":%s}'
              % (i, ts, org, s(actor), data)).encode()
db.execute("INSERT INTO event(id, ts_us, org_id, actor, action, object_type, object_id, data, salt, leaf_hash) "
           "VALUES(?, ?, ?, ?, 'case.note', 'case', 1, ?, ?, ?)",
           (i, ts, org, actor, data, salt, hashlib.sha256(b"\0" + inp).digest()))
db.commit()
PY
fails "an unsigned tail is found" "log_state: the log has $((size2 + 1)) events but its signed head covers $size2" \
	k --data "$T/tail" verify

# The signing key outside the data directory.
mkdir -m 700 "$T/keys-elsewhere"
ok "init with the key elsewhere" k init "$T/apart" --key-file "$T/keys-elsewhere/log.key"
[ ! -e "$T/apart/keys/log.key" ] && pass "no signing key in the data directory" || fail "the key is in the data directory"
same "the key file is private" "600" "$(stat -c %a "$T/keys-elsewhere/log.key")"
ok "the installation works" k --data "$T/apart" org add kommun "Kommun"
ok "and verifies" k --data "$T/apart" verify
cp -R "$T/apart" "$T/apart-copy"
mv "$T/keys-elsewhere/log.key" "$T/keys-elsewhere/moved.key"
ok "a copy without the key still verifies (with the public key)" k --data "$T/apart-copy" verify
fails "but cannot change the registry" "cannot read the log signing key" k --data "$T/apart-copy" series add KS "KS"
same "and nothing was changed" "0" "$(sqlite3 "$T/apart-copy/kansli.db" "SELECT count(*) FROM series")"
ok "KANSLI_KEY_FILE names a moved key" env KANSLI_KEY_FILE="$T/keys-elsewhere/moved.key" "$KANSLI" --data "$T/apart-copy" series add KS "KS"
fails "a relative key file is refused" "absolute path" k init "$T/rel" --key-file rel.key

# A witness over HTTP: the checkpoint is PUT to the URL.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$port" "$T/put" <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        open(sys.argv[2], "wb").write(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
s.handle_request()
PY
wpid=$!
sleep 0.5
ok "publish to a witness URL" k log publish "http://127.0.0.1:$port/witness/diarium"
wait $wpid
cmp -s "$T/put" "$T/witness/latest" && pass "the witness got the checkpoint" || fail "the witness got: $(head -c 200 "$T/put")"
fails "an unreachable witness is an error" "did not take the checkpoint" k log publish "http://127.0.0.1:$port/gone"
