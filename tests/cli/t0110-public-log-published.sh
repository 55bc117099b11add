#!/bin/sh
# t0110 — the public sees only published heads of the log, never the live
# one (an outside review's find, J-F3): a secret read and a refused read
# append events but change nothing an anonymous client can fetch under
# /offentlig/logg (checkpoint, page, heads, proofs, their validators);
# after the next moment of the schedule the new head is served, consistent
# with the one before; a proof past the published size is refused without
# telling the live size. The interval is an installation setting.
TEST_NAME=public-log-published
. "$(dirname "$0")/lib.sh"

# Three days: the setup on the first, the server on the second (its latest
# moment comes after every event of the first), the next publication on
# the third. A daily interval keeps the server's moment fixed while the
# test runs (unless it runs across midnight UTC).
D1=2026-03-02 D2=2026-03-03 D3=2026-03-04
export KANSLI_NOW=$D1
k init "$KANSLI_DATA" --origin diariet.test >/dev/null || { fail "init"; exit 1; }
k org add kommun "Kommunen" >/dev/null
k unit add --org kommun SOC "Socialtjänsten" >/dev/null
k unit add --org kommun SBF "Samhällsbyggnad" >/dev/null
k series add --org kommun KS "Kommunstyrelsen" >/dev/null
k case open --org kommun --series KS --title "Utredning" --unit SOC >/dev/null
c="KS 2026/0001"
echo "hemligt innehåll" >"$T/utredning.txt"
k record add "$c" --org kommun --direction in --title "Anmälan" --person "Karin Hemlig" \
	--secrecy full --legal-ground "OSL 26 kap. 1 §" --file "$T/utredning.txt" >/dev/null || { fail "setup"; exit 1; }
for u in soc:SOC ola:SBF; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Person $n" --password-stdin >/dev/null
	k user grant "$n" handlaggare --org kommun --unit "${u#*:}" >/dev/null
done

# --- the interval: an installation setting with bounds
fails "an interval that does not divide a day is refused" "divide a day" k log schedule --minutes 7
fails "an interval under five minutes is refused" "from 5 to 1440" k log schedule --minutes 2
fails "an interval over a day is refused" "from 5 to 1440" k log schedule --minutes 2880
fails "an organisation's officer may not set it" "not an administrator of every organisation" \
	k --user soc log schedule --minutes 30
same "the default is an hour" "interval: 60 minutes" "$(k log schedule | sed -n 1p)"
ok "the installation sets a daily interval" k log schedule --minutes 1440
same "it is kept" "interval: 1440 minutes" "$(k log schedule | sed -n 1p)"
same "setting it is logged" "1440" \
	"$(sql "SELECT json_extract(data, '\$.minutes') FROM event WHERE action = 'log.publish_interval'")"
same "nothing published yet" "published: none yet" "$(k log schedule | sed -n 2p)"

# --- the server publishes the head of its latest moment, not the live one
export KANSLI_NOW=$D2
web_serve KANSLI_NOW=$D2
i=0
until [ "$(curl -s -o "$T/cp1" -w '%{http_code}' "$U/offentlig/logg/checkpoint")" = 200 ] || [ $i -ge 100 ]; do
	sleep 0.1; i=$((i + 1))
done
size1=$(sed -n 2p "$T/cp1")
same "the server published the first day's events" "$(sql "SELECT count(*) FROM event")" "$size1"
same "... as a kept head" "$size1" "$(sql "SELECT max(size) FROM tree_head")"
published=$(sql "SELECT published_us FROM tree_head WHERE size = $size1")
same "... dated at its moment (a midnight UTC)" "0" "$((published % 86400000000))"
moment=$(date -u -d "@$((published / 1000000))" '+%Y-%m-%d %H:%M')

# snapshot NAME: everything an anonymous client fetches under /offentlig/logg
snapshot() {
	mkdir -p "$T/$1"
	curl -s -D "$T/$1/cp.h" -o "$T/$1/cp" "$U/offentlig/logg/checkpoint"
	sed -n 's/^[Ee][Tt]ag: //p' "$T/$1/cp.h" | tr -d '\r' >"$T/$1/etag"
	curl -s -o "$T/$1/page" "$U/offentlig/logg"
	curl -s -o "$T/$1/heads" "$U/offentlig/logg/huvuden"
	curl -s -o "$T/$1/incl" "$U/offentlig/logg/inkludering?index=1"
	curl -s -o "$T/$1/cons" "$U/offentlig/logg/konsistens?gammal=1"
	curl -s -o "$T/$1/health" "$U/healthz"
}
snapshot before
grep -q "omfattar loggens $size1 första händelser" "$T/before/page" && pass "the page counts the published head" ||
	fail "the page's count: $(grep -o 'omfattar[^<]*' "$T/before/page")"
grep -q "Publicerat $moment UTC" "$T/before/page" && pass "the page dates the head at its moment" ||
	fail "the page's date: $(grep -o 'Publicerat[^<]*' "$T/before/page")"

live0=$(sql "SELECT count(*) FROM event")
ok "an entitled officer reads the secret record" k --user soc record show "$c-1" --org kommun
fails "another unit's officer is refused the secret file" "may not read the secret files" \
	k --user ola record file "$c-1" utredning.txt --org kommun
login "$T/soc" soc Losenord-for-soc >/dev/null
curl -s -b "$T/soc" -o /dev/null "$U/handling?org=kommun&nr=$(echo "$c-1" | sed 's/ /%20/;s#/#%2F#')"
same "the reads are logged" "2:1" \
	"$(sql "SELECT count(*) FROM event WHERE action LIKE '%read_secret'"):$(sql "SELECT count(*) FROM event WHERE action LIKE '%read_secret_denied'")"
live1=$(sql "SELECT count(*) FROM event")
[ "$live1" -gt "$live0" ] && pass "the live log grew ($live0 to $live1)" || fail "the live log did not grow"

snapshot after
for f in cp etag page heads incl cons health; do
	cmp -s "$T/before/$f" "$T/after/$f" && pass "anonymous $f unchanged by the reads" ||
		fail "anonymous $f changed: $(diff "$T/before/$f" "$T/after/$f" | head -c 300)"
done
same "the checkpoint's ETag still answers 304" "304" \
	"$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $(cat "$T/before/etag")" "$U/offentlig/logg/checkpoint")"
grep -q "\"tree_size\": *$size1" "$T/after/incl" && pass "a proof without a size is made in the published tree" ||
	fail "proof size: $(head -c 200 "$T/after/incl")"

# --- proofs past the published head are refused, naming only its size
for q in "inkludering?index=$((size1 + 1))" "inkludering?index=1&storlek=$live1" \
         "inkludering?index=1&storlek=$((size1 + 1))" "konsistens?gammal=1&storlek=$live1" \
         "konsistens?gammal=$((size1 + 1))&storlek=$live1"; do
	same "beyond the published head: $q is 404" "404" "$(code "$U/offentlig/logg/$q")"
	grep -q "published log has $size1 events" "$T/body" && pass "... naming the published size" ||
		fail "... the answer: $(head -c 200 "$T/body")"
done
same "a proof within it is answered" "200" "$(code "$U/offentlig/logg/konsistens?gammal=1&storlek=$size1")"

# --- the next moment: the new head is served and consistent with the old
cp "$T/cp1" "$T/head1"
ok "the publication step at the next moment" env KANSLI_NOW=$D3 "$KANSLI" log schedule --run
grep -q "published the head of size $live1" "$T/out" && pass "it publishes every event before the moment" ||
	fail "the step said: $(cat "$T/out")"
ok "running it again publishes nothing" env KANSLI_NOW=$D3 "$KANSLI" log schedule --run
grep -q "nothing new to publish" "$T/out" && pass "... no noise row" || fail "again: $(cat "$T/out")"
same "two heads kept" "2" "$(sql "SELECT count(*) FROM tree_head")"
curl -s -o "$T/cp2" "$U/offentlig/logg/checkpoint"
same "the new head is served" "$live1" "$(sed -n 2p "$T/cp2")"
ok "verify-remote: the published log only grew" k verify-remote "$U" "$T/head1" --key "$(k log head --key)"
grep -q "has only grown, from $size1 to $live1" "$T/out" && pass "verify-remote says from which head to which" ||
	fail "verify-remote: $(cat "$T/out")"
same "the heads list both" "$size1 $live1" \
	"$(curl -s "$U/offentlig/logg/huvuden" | python3 -c 'import json,sys; print(*[h["size"] for h in json.load(sys.stdin)["heads"]])')"
ok "kansli verify accepts the published heads" k verify
# An independent check with Go's sumdb libraries, where the oracle is built.
LOG_VERIFY=${LOG_VERIFY:-}
if [ -n "$LOG_VERIFY" ] && [ -x "$LOG_VERIFY" ]; then
	k log head --key >"$T/vkey"
	ok "log-verify accepts the published log and its consistency with the head before" \
		env KANSLI_NO_RATE_LIMIT=1 "$LOG_VERIFY" -keyfile "$T/vkey" -inclusion first,last "$U" "$T/head1"
fi

# --- more events, no moment passed: the public still sees the same head
k case open --org kommun --series KS --title "Senare" >/dev/null
same "a write between moments is not served" "$live1" "$(curl -s "$U/offentlig/logg/checkpoint" | sed -n 2p)"
k log head >"$T/live-head"
fails "verify-remote with a live head newer than the published one says why" \
	"fewer than the saved head's .*try again after the next publication" k verify-remote "$U" "$T/live-head"
