#!/bin/sh
# t0162 — a record's file posted on the notice board goes with the record
# when it is disposed of (an outside review's find, s7 F10). A public
# receipt is registered, its file posted on the board by its hash through
# the API (as the committee secretary may), and the record disposed of by
# decision: the notice stays on the board and in its archive but no longer
# serves the file and says it was disposed of, the blob leaves the store,
# the disposal's event names the notice. A file a kept record shares is
# still served: the disposal destroys content, not a document kept
# elsewhere. The installation verifies.
TEST_NAME=disposal-notice-file
export KANSLI_NOW=2026-12-11
. "$(dirname "$0")/lib.sh"

j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
blob() { echo "$KANSLI_DATA/blobs/$(echo "$1" | cut -c1-2)/$(echo "$1" | cut -c3-4)/$1"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
for u in sek arkiv arkiv2; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant sek namndsekreterare >/dev/null
k user grant arkiv arkivarie >/dev/null
k user grant arkiv2 arkivarie >/dev/null
k class add 9.9.9 Kvittohantering >/dev/null
k class add 1.1.1 Styrdokument >/dev/null
k retention schedule set 9.9.9 --action gallras --years 0 --decision "KS 2025-01-01 § 1" >/dev/null
k retention report-series KS >/dev/null
printf 'Kvitto nummer två: taxi 300 kr\n' >"$T/kvitto2.txt"
printf 'Reglemente för taxiresor\n' >"$T/reglemente.txt"
H=$(sha256sum "$T/kvitto2.txt" | cut -d' ' -f1)
H2=$(sha256sum "$T/reglemente.txt" | cut -d' ' -f1)
c=$(k case open --series KS --title "Kvitton taxi" --class 9.9.9 --opened 2026-01-05)
k record add "$c" --direction in --organisation "Taxi AB" --title "Kvitto taxi" --file "$T/kvitto2.txt" --date 2026-01-05 >/dev/null
# the same rules, registered in a case kept for good and in the receipts' case
k record add "$c" --direction in --organisation "Taxi AB" --title "Reglemente (kopia)" --file "$T/reglemente.txt" \
	--date 2026-01-05 >/dev/null
kept=$(k case open --series KS --title "Reglemente" --class 1.1.1 --opened 2026-01-05)
k record add "$kept" --direction internal --title "Reglemente för taxiresor" --file "$T/reglemente.txt" \
	--date 2026-01-05 >/dev/null
k case close "$c" --date 2026-01-10 >/dev/null

TS=$(k token add sek "sek" --days 90)
web_serve
post() { curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $TS" -H 'Content-Type: application/json' \
	"$U/api/v1/notices?org=kommun" -d "$1"; }
same "the secretary posts the receipt's file by its hash" "201" \
	"$(post "{\"kind\":\"other\",\"board\":\"KS\",\"title\":\"Kvitto anslås\",\"file_hash\":\"$H\",\"file_name\":\"kvitto.txt\"}")"
N=$(j "$T/body" 'd["id"]')
same "and the rules' file, which a kept record shares" "201" \
	"$(post "{\"kind\":\"other\",\"board\":\"KS\",\"title\":\"Reglemente anslås\",\"file_hash\":\"$H2\",\"file_name\":\"reglemente.txt\"}")"
N2=$(j "$T/body" 'd["id"]')
same "(the file is served)" "Kvitto nummer två: taxi 300 kr" "$(curl -s "$U/anslagstavla/fil?org=kommun&id=$N")"

run=$(k --user arkiv disposal propose)
ok "another archivist approves" k --user arkiv2 disposal approve "$run"
ok "the run is executed" k --user arkiv2 disposal execute "$run" --json
same "both records are disposed of" "2" "$(j "$T/out" 'd["disposed"]')"
same "the receipt's file left the store, the shared one stayed" "1 1" \
	"$(j "$T/out" 'str(d["blobs_removed"]) + " " + str(d["blobs_kept"])')"
[ -e "$(blob "$H")" ] && fail "the receipt's blob is still on disk" || pass "the receipt's blob is gone from disk"
[ -e "$(blob "$H2")" ] && pass "the shared blob is still on disk" || fail "the shared blob is gone"
same "the notice's file is marked disposed" "|Gallrad 2026-12-11 enligt KS 2025-01-01 § 1" \
	"$(sql "SELECT coalesce(file_hash, '') || '|' || coalesce((SELECT note FROM notice_file_disposed WHERE notice_id = notice.id), '') FROM notice WHERE id = $N")"
same "the disposal's event names the notice" "$N" \
	"$(sql "SELECT group_concat(json_extract(data, '\$.notices[0].notice')) FROM event WHERE action = 'record.dispose' AND json_extract(data, '\$.notices') IS NOT NULL")"

same "the board no longer serves the file" "404" "$(code "$U/anslagstavla/fil?org=kommun&id=$N")"
hasnt "... nor its content" "taxi 300 kr"
same "the notice page" "200" "$(code "$U/anslagstavla/anslag?org=kommun&id=$N")"
has "says the document is disposed of" "kvitto.txt – handlingen är gallrad: Gallrad 2026-12-11 enligt KS 2025-01-01 § 1"
hasnt "and links no file" "/anslagstavla/fil?org=kommun&amp;id=$N\""
same "the board" "200" "$(code "$U/anslagstavla/aktuellt?org=kommun")"
has "lists the notice" "Kvitto anslås"
same "the API's notice board" "200" "$(code -H "Authorization: Bearer $TS" "$U/api/v1/notices?org=kommun")"
same "says so too" "Gallrad 2026-12-11 enligt KS 2025-01-01 § 1|kvitto.txt|False" \
	"$(j "$T/body" "[n['file_disposed'] + '|' + n['file'] + '|' + str('file_hash' in n) for n in d['notices'] if n['id'] == $N][0]")"
same "the notice of the kept record's file still serves it" "Reglemente för taxiresor" \
	"$(curl -s "$U/anslagstavla/fil?org=kommun&id=$N2")"
ok "kansli verify passes" k verify
