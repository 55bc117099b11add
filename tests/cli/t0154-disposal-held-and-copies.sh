#!/bin/sh
# t0154 — a disposal executed through the API with an Idempotency-Key
# (the API holds one transaction around the call) destroys as much as one
# without: its post-commit work (the blobs' removal, the search purge, the
# write-ahead log's truncating checkpoint) runs after the held transaction
# really commits, so the disposed file text is in neither kansli.db nor its
# WAL, and the server's stderr says nothing (an outside attack's F1). The
# webhook deliveries of events about the disposed record keep no copy of
# it: a delivered one's stored body is emptied, a pending one (its
# receiver down, the body stored for the retry) is not sent, marked
# failed with an attempt "withdrawn by disposal run N" (F2). The disposed
# blob's file is gone with the fan-out directories it emptied (F7).
TEST_NAME=disposal-held-and-copies
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../webhook/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1 arkiv2 anna; do
	echo "Losenord-for-$u" | k user add "$u" "Användare $u" --password-stdin >/dev/null
done
k user grant arkiv1 arkivarie >/dev/null
k user grant arkiv2 arkivarie >/dev/null
k user grant anna administrator >/dev/null
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
7.1;Bistånd;;gallras;0;SN 2025-03-12 § 45;nej
CSV
k retention schedule import "$T/plan.csv" >/dev/null
receiver_start good; PGOOD=$RPORT
PDOWN=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
k webhook add "http://127.0.0.1:$PGOOD/" --events record.registered --as anna >"$T/out"; receiver_accept good
k webhook add "http://127.0.0.1:$PDOWN/" --events record.registered --as anna >"$T/out"
echo "Utredningen om Blåbärssoppebarnet och dess vårdnad" >"$T/doc.txt"
a=$(k case open --series SN --class 7.1 --title "Bistånd" --public-title "Bistånd" 2>/dev/null)
k record add "$a" --direction in --title "Ansökan Krusbärstitel" --person "Greta Kanariegallrad" \
	--address "Lingonkanariegatan 7" --file "$T/doc.txt" >/dev/null
k case close "$a" >/dev/null
k webhook deliver >/dev/null
same "(the set-up: one delivery delivered, one pending with its body kept for the retry)" \
	"delivered|1
pending|1" "$(sql "SELECT status, body IS NOT NULL FROM webhook_delivery ORDER BY subscription_id")"
same "(... both bodies hold the record)" 2 "$(sql "SELECT count(*) FROM webhook_delivery WHERE body LIKE '%Lingonkanarie%'")"
hash=$(sql "SELECT hash FROM record_file")
d1=$(echo "$hash" | cut -c1-2); d2=$(echo "$hash" | cut -c3-4)
[ -f "$KANSLI_DATA/blobs/$d1/$d2/$hash" ] && pass "(the file's blob is stored)" || fail "no blob at blobs/$d1/$d2"
T1=$(k token add arkiv1 a --days 366)
T2=$(k token add arkiv2 a --days 366)
k reindex >/dev/null

in_files() { cat "$KANSLI_DATA"/kansli.db "$KANSLI_DATA"/kansli.db-wal 2>/dev/null | python3 -c '
import sys; print(sys.stdin.buffer.read().lower().count(sys.argv[1].lower().encode()))' "$1"; }
[ "$(in_files blåbärssoppebarnet)" -gt 0 ] && pass "(before: the file's text is in the database's files)" ||
	fail "the set-up did not put the file's text in the files"

# post TOKEN KEY PATH JSON: the status, the answer in $T/body
post() {
	if [ -z "$4" ]; then
		curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" -H "Idempotency-Key: $2" \
			"$U/api/v1$3?org=kommun"
		return
	fi
	curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" -H "Idempotency-Key: $2" \
		-H 'Content-Type: application/json' --data-binary "$4" "$U/api/v1$3?org=kommun"
}
web_serve KANSLI_NO_RATE_LIMIT=1 KANSLI_WEBHOOK_RETRY_SECONDS=86400
trap 'kill $pid $RPIDS 2>/dev/null; rm -rf "$T"' EXIT
[ -s "$KANSLI_DATA/kansli.db-wal" ] || k case list >/dev/null
same "arkiv1 proposes a run through the API, with a key" 201 "$(post "$T1" p-1 /disposals '')"
run=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$T/body")
same "arkiv2 approves it, with a key" 200 "$(post "$T2" a-1 "/disposals/$run/approval" '')"
same "arkiv2 executes it, with a key" 200 "$(post "$T2" x-1 "/disposals/$run/execution" '{"series":"AR"}')"
grep -q '"disposed":1' "$T/body" && pass "... one record disposed" || fail "the answer: $(cat "$T/body")"
grep -q '"blobs_removed":1' "$T/body" && pass "... its blob removed" || fail "the answer: $(cat "$T/body")"
sleep 0.3
same "the server's stderr says nothing of a checkpoint that failed" "" "$(grep -i 'disposal done' "$T/serve.log")"
same "the file's text is nowhere in kansli.db or its write-ahead log" "0" "$(in_files blåbärssoppebarnet)"

# F2: the webhook deliveries of the disposed record's events (the
# disposal report's own registration is delivered anew, naming what it
# lists by design)
rid=$(sql "SELECT id FROM record WHERE title = '' LIMIT 1")
of_record="d.event_id IN (SELECT id FROM event WHERE object_type = 'record' AND object_id = $rid)"
same "no delivery's stored body holds the disposed record" "0" \
	"$(sql "SELECT count(*) FROM webhook_delivery d WHERE $of_record AND (body LIKE '%Krusbärstitel%' OR body LIKE '%Kanariegallrad%' OR body LIKE '%Lingonkanarie%')")"
same "the delivered one keeps its row, its body emptied" "delivered|1" \
	"$(sql "SELECT status, body IS NULL FROM webhook_delivery d WHERE subscription_id = 1 AND $of_record")"
same "the pending one is not sent: failed, its body emptied" "failed|1" \
	"$(sql "SELECT status, body IS NULL FROM webhook_delivery d WHERE subscription_id = 2 AND $of_record")"
same "... with an attempt saying the disposal withdrew it" \
	"0|withdrawn by disposal run $run: the record was disposed of, not sent" \
	"$(sql "SELECT a.http_status, a.error FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = 2 AND $of_record ORDER BY a.id DESC LIMIT 1")"

# F7: the blob store
[ -e "$KANSLI_DATA/blobs/$d1/$d2/$hash" ] && fail "the blob's file is still there" || pass "the blob's file is gone"
[ -d "$KANSLI_DATA/blobs/$d1/$d2" ] && fail "the emptied directory blobs/$d1/$d2 is still there" ||
	pass "... and the fan-out directory it emptied"
ok "the installation verifies" k verify
