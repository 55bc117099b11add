#!/bin/sh
# t0052 — fair extraction (issue 15): six mails of 20,000 MIME parts from
# one user keep both extraction workers at their limits, yet another
# user's plain record registered after them is searchable within a bound,
# before the flood is through; each costly mail ends indexed by its
# headers and subject, marked partly indexed on the record page; an
# extraction child killed with -9 leaves no temporary file anywhere.
TEST_NAME=fair-extraction
. "$(dirname "$0")/lib.sh"
GEN="$(dirname "$0")/../data/hostile/many-parts-eml"

k init "$KANSLI_DATA" >/dev/null
k org add alby "Alby kommun" >/dev/null
k series add --org alby KS "Kommunstyrelsen" >/dev/null
for u in flod rita; do
	echo "Losenord-for-$u" | k user add $u "Användare $u" --password-stdin >/dev/null
	k user grant $u registrator --org alby >/dev/null
done
c=$(k case open --org alby --series KS --title "Inkommande post")
for i in 1 2 3 4 5 6 7; do python3 "$GEN" 20000 "flodbrev$i" >"$T/flod$i.eml"; done
printf 'Synpunkt om solrosor i parken.\n' >"$T/plain.txt"

TMPD="$KANSLI_DATA/blobs/tmp"
# All queued before the server starts: six costly mails from one user, then
# another user's plain letter and a record without files.
for i in 1 2 3 4 5 6; do
	KANSLI_USER=flod k record add --org alby "$c" --direction in --title "Flodbrev $i" --file "$T/flod$i.eml" >>"$T/numbers"
done
plain=$(KANSLI_USER=rita k record add --org alby "$c" --direction in --title "Solrosor" --file "$T/plain.txt")
KANSLI_USER=flod k record add --org alby "$c" --direction in --title "Utan fil" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
t0=$(date +%s.%N)
# Each costly mail stops at a cap whatever the machine's speed: the part
# cap (15,000 of its 20,000) or, on a slow or busy machine, the 1 s. With
# time alone, a quiet fast machine read a whole mail within the second,
# and it was "complete" (the clean-clone CI rehearsal).
"$KANSLI" serve --port "$port" --quiet --extract-workers 2 --extract-seconds 1 \
	--extract-max-parts 15000 2>"$T/serve.log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
U="http://127.0.0.1:$port"
queued() { sql "SELECT count(*) FROM index_queue q JOIN record r ON r.id = q.record_id WHERE r.title = '$1'"; }
# Waits (at most $2 s) until the record titled $1 has left the queue.
wait_indexed() {
	n=0
	while [ "$(queued "$1")" != 0 ] && [ $n -lt $(($2 * 5)) ]; do sleep 0.2; n=$((n + 1)); done
	[ "$(queued "$1")" = 0 ]
}
# Round-robin: the second worker's first file is the other user's, so the
# plain letter waits for no costly mail (first-come would make it wait for
# all six: three rounds of two workers at their 2 s limit).
wait_indexed "Solrosor" 5 && t1=$(date +%s.%N) || t1=""
costly_done=$(sql "SELECT count(*) FROM file_text WHERE status <> 'complete'")
i=0
until curl -fs "$U/healthz" >/dev/null 2>&1 || [ $i -ge 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ -n "$t1" ]; then
	took=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
	pass "another user's plain record is searchable ${took} s after the server started with the flood queued before it"
else
	fail "another user's plain record is searchable within 5 s while the flood is queued"
fi
[ "$costly_done" -le 3 ] && pass "it did not wait for the flood ($costly_done of 6 costly files done)" \
	|| fail "it did not wait for the flood ($costly_done of 6 costly files were done first)"
wait_indexed "Utan fil" 3 && pass "a record without files waits for no extraction" \
	|| fail "a record without files waits for no extraction"

# every one of the six: two workers, so the sixth may be done while the
# fifth is still being read
flood_done=1
for i in 1 2 3 4 5 6; do wait_indexed "Flodbrev $i" 40 || flood_done=""; done
[ -n "$flood_done" ] || fail "the flood is indexed within 40 s"
same "every costly mail is marked partly indexed" "6" "$(sql "SELECT count(*) FROM file_text WHERE status = 'partial' AND ok = 1")"
same "the plain file is complete" "complete" "$(sql "SELECT ft.status FROM file_text ft JOIN record_file rf ON rf.hash = ft.hash JOIN record r ON r.id = rf.record_id WHERE r.title = 'Solrosor'")"
hit() { k search --org alby "$1" --json | python3 -c 'import json,sys; print(" ".join(h["title"] for h in json.load(sys.stdin)))'; }
same "a costly mail is found by its subject" "Flodbrev 3" "$(hit flodbrev3)"
same "and by its sender" "6" "$(k search --org alby avsandare --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
same "the plain record is found" "Solrosor" "$(hit solrosor)"

# The record page tells staff.
curl -s -c "$T/jar" "$U/login" >"$T/loginpage"
tok=$(sed -n 's/.*name="login_token" value="\([0-9a-f]*\)".*/\1/p' "$T/loginpage")
curl -s -c "$T/jar" -b "$T/jar" -o /dev/null --data-urlencode "login_token=$tok" \
	--data-urlencode username=rita --data-urlencode password=Losenord-for-rita "$U/login"
curl -s -b "$T/jar" -G --data-urlencode org=alby --data-urlencode "nr=$(sed -n 2p "$T/numbers")" "$U/handling" >"$T/page"
grep -q "flod2.eml.*delvis indexerad" "$T/page" && pass "the record page shows 'delvis indexerad'" || fail "the record page shows 'delvis indexerad'"
curl -s -b "$T/jar" -G --data-urlencode org=alby --data-urlencode "nr=$plain" "$U/handling" >"$T/page"
grep -q "plain.txt" "$T/page" && ! grep -q "delvis indexerad" "$T/page" && pass "a complete file is not marked" \
	|| fail "a complete file is not marked"

# kill -9 of an extraction child while it writes its parts.
KANSLI_USER=flod k record add --org alby "$c" --direction in --title "Flodbrev 7" --file "$T/flod7.eml" >/dev/null
# Killed mid-work: the first extraction child seen, given a moment to
# open its scratch directory and start writing.
child=""
n=0
while [ -z "$child" ] && [ $n -lt 3000 ]; do
	for p in $(ps -o pid= --ppid "$pid"); do
		grep -q "_extract" "/proc/$p/cmdline" 2>/dev/null && child=$p
	done
	[ -n "$child" ] || sleep 0.01
	n=$((n + 1))
done
[ -n "$child" ] && sleep 0.2
if [ -n "$child" ]; then
	kill -9 "$child"
	pass "an extraction child was killed with -9"
else
	fail "an extraction child was killed with -9 (none found)"
fi
wait_indexed "Flodbrev 7" 10 || fail "the killed child's file is done with"
same "the killed mail keeps its headers, marked partial" "partial" \
	"$(sql "SELECT ft.status FROM file_text ft JOIN record_file rf ON rf.hash = ft.hash JOIN record r ON r.id = rf.record_id WHERE r.title = 'Flodbrev 7'")"
same "and is found by its subject" "Flodbrev 7" "$(hit flodbrev7)"
same "nothing left in the scratch directory" "" "$(ls "$TMPD")"
same "no kansli-part files left in /tmp by it" "" "$(ls /tmp | grep "kansli-part-$child-" 2>/dev/null)"
