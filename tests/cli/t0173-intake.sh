#!/bin/sh
# t0173 — the registrar's inbox. Mail piped in by the mail server is kept
# whole, dated by the mail server's Received time, and taken once however
# often it is delivered; the corpus in tests/data/mail each gets its
# defined outcome. The registrar registers an item as a new case (its
# text, attachment and original become the record's files, the arrival
# date its date received), rejects one (purged after its days, both
# logged), forwards one; an e-service hands one in through the API with
# an Idempotency-Key that never makes two items; the page shows the inbox
# and judges from it. Only registrars see all of it (an officer what is
# forwarded to them: t0176); every refusal changes nothing.
TEST_NAME=intake
export KANSLI_NOW=2026-12-07
. "$(dirname "$0")/lib.sh"

M="$(dirname "$0")/../data/mail"
j() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
mail() { k intake mail --org kommun "$@"; }
items() { sql "SELECT count(*) FROM intake_item"; }

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Exempels kommun" >/dev/null
k series add KS "Kommunstyrelsen" >/dev/null
k unit add BYGG "Byggenheten" >/dev/null
for u in reg hl etj; do
	echo "Losenord-for-$u" | k user add $u "$u" --password-stdin >/dev/null
done
k user grant reg registrator >/dev/null
k user grant hl handlaggare >/dev/null
k user grant etj etjanst >/dev/null

# --- taking mail in ---
ok "a mail from the mail server is taken" mail <"$M/plain.eml"
same "it says its item" "inbox item 1" "$(cat "$T/out")"
ok "the same mail delivered again through another relay" mail <"$M/plain-again.eml"
same "is the same item" "inbox item 1 (already there)" "$(cat "$T/out")"
same "one item" "1" "$(items)"
ok "the registrar lists the inbox" k --user reg intake list --json
same "arrival is the mail server's Received time, not the sender's Date" "2026-12-03T08:15:02.000000Z" \
	"$(j "$T/out" 'd[0]["arrived"]')"
same "its age is shown" "87" "$(j "$T/out" 'd[0]["age_hours"]')"
same "the personnummer in its text is warned of" "True" "$(j "$T/out" 'd[0]["personnummer"]')"
ok "the item shows" k --user reg intake show 1 --json
same "the subject is decoded" "Synpunkter på detaljplan för Storgatan" "$(j "$T/out" 'd["subject"]')"
same "the attachment has a preview" "Träden på Storgatan ska stå kvar." "$(j "$T/out" 'd["attachments"][0]["preview"].strip()')"
same "the registration is prefilled with the sender" "Anna Andersson" "$(j "$T/out" 'd["prefill"]["party"]')"
same "and the arrival date as date received" "2026-12-03" "$(j "$T/out" 'd["prefill"]["doc_date"]')"
orig=$(j "$T/out" 'd["original_sha256"]')
same "the original is kept byte for byte" "$(sha256sum <"$M/plain.eml" | cut -d' ' -f1)" "$orig"

# --- the corpus: each a defined outcome, nothing lost ---
ok "encoded words in ISO-8859-1 and Windows-1252" mail <"$M/latin1-subject.eml"
k --user reg intake show 2 --json >"$T/i2"
same "the ISO-8859-1 subject reads" "Ansökan om bygglov för fågelholk" "$(j "$T/i2" 'd["subject"]')"
same "the Windows-1252 sender reads (its en dash)" "Björn – Bygg AB <bjorn@bygg.example>" "$(j "$T/i2" 'd["sender"]')"
same "a Windows-1252 body labelled ISO-8859-1 reads" "Här kommer ansökan – med ritningar senare." \
	"$(j "$T/i2" 'd["text"].strip()')"
ok "a forwarded mail inside the mail" mail <"$M/nested.eml"
k --user reg intake show 3 --json >"$T/i3"
same "is kept as an .eml attachment" "Remiss om kollektivtrafik.eml message/rfc822" \
	"$(j "$T/i3" 'd["attachments"][0]["name"] + " " + d["attachments"][0]["media_type"]')"
same "whose text is previewed" "True" "$(j "$T/i3" '"linjenätet 2027" in d["attachments"][0]["preview"]')"
ok "malformed MIME is taken" mail <"$M/malformed.eml"
k --user reg intake show 4 --json >"$T/i4"
same "with its problem said" "True" "$(j "$T/i4" 'any("none could be read" in p for p in d["problem_list"])')"
same "and its bytes shown as text" "True" "$(j "$T/i4" '"Innehåll." in d["text"]')"
ok "a mail with no sender is taken" mail <"$M/no-sender.eml"
same "its problem said" "True" "$(k --user reg intake show 5 --json | python3 -c 'import json,sys; print(any("no sender" in p for p in json.load(sys.stdin)["problem_list"]))')"
ok "an HTML-only mail" mail <"$M/html-only.eml"
k --user reg intake show 6 --json >"$T/i6"
same "is shown as text, without markup or script" "Hej & välkommen|Andra stycket" \
	"$(j "$T/i6" '"|".join(l for l in d["text"].split("\n") if l)')"
ok "attachment names with ../, / and control characters" mail <"$M/bad-names.eml"
same "are kept safe" "_.._.._etc_passwd|a_b_c.txt|ny rad .txt" \
	"$(k --user reg intake show 7 --json | python3 -c 'import json,sys; print("|".join(a["name"] for a in json.load(sys.stdin)["attachments"]))')"
ok "bytes without headers are taken" mail <"$M/not-mime.eml"
before=$(items)
fails "an empty message is refused" "the message is empty" mail <"$M/empty.eml"
same "(exit 2: the mail server bounces it)" "2" "$(mail <"$M/empty.eml" 2>/dev/null; echo $?)"
python3 -c 'import base64; print("From: stor@example.se\nSubject: Stor bilaga\nMessage-ID: <big.1@example.se>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nSe bilaga.\n--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=stor.bin\nContent-Transfer-Encoding: base64\n\n" + base64.encodebytes(b"x" * 5000).decode() + "--b--")' >"$T/big.eml"
fails "a message over the size limit is refused" "more than the limit" mail --max-size 2048 <"$T/big.eml"
ok "an attachment over its limit" mail --max-attachment 2048 <"$T/big.eml"
k --user reg intake show 9 --json >"$T/i9"
same "is kept only inside the original, said" "0 True" \
	"$(j "$T/i9" 'str(len(d["attachments"])) + " " + str(any("larger than the limit" in p for p in d["problem_list"]))')"
same "nothing else was added by the refusals" "$((before + 1))" "$(items)"

# --- who sees the inbox ---
ok "an officer sees only what is forwarded to them (t0176)" k --user hl intake list --json
same "nothing yet" "0" "$(j "$T/out" 'len(d)')"
fails "nor an e-service's user" "registrars only" k --user etj intake show 1
fails "an officer cannot hand mail in" "may not hand submissions" k --user hl intake mail --org kommun <"$M/html-only.eml"

# --- judging ---
ok "the registrar registers the mail as a new case" \
	k --user reg intake register 1 --series KS --case-title "Detaljplan Storgatan"
rec=$(cat "$T/out")
same "as its first record" "KS 2026/0001-1" "$rec"
k record show "$rec" --json >"$T/rec"
same "dated the arrival" "2026-12-03" "$(j "$T/rec" 'd["doc_date"]')"
same "its text, attachment and original are its files" "meddelande.txt synpunkter.txt meddelande.eml" \
	"$(j "$T/rec" '" ".join(f["name"] for f in d["files"])')"
same "the original file is the mail as it came" "$orig" "$(j "$T/rec" '[f for f in d["files"] if f["name"] == "meddelande.eml"][0]["sha256"]')"
same "the sender is its party" "Anna Andersson" "$(j "$T/rec" 'd["party"]')"
fails "an item is registered once" "already registered" k --user reg intake register 1 --case "KS 2026/0001"
same "(still one record)" "1" "$(sql "SELECT count(*) FROM record")"
ok "a second mail into that case, title corrected" k --user reg intake register 2 --case "KS 2026/0001" --title "Bygglov fågelholk"
same "is its second record" "KS 2026/0001-2" "$(cat "$T/out")"
fails "a reason must be one of three" "not_public" k --user reg intake reject 6 --reason trams
same "(nothing marked)" "0" "$(sql "SELECT count(*) FROM intake_decision WHERE item_id = 6")"
ok "the newsletter is of little importance" k --user reg intake reject 6 --reason little_importance
ok "forwarded to an officer" k --user reg intake forward 3 --to hl --note "Remiss: bedöm"
fails "forwarding names a user or a unit that exists" "no unit" k --user reg intake forward 4 --unit NOPE
same "intake events" "9|2|1|1" "$(sql "SELECT (SELECT count(*) FROM event WHERE action = 'intake.take'), (SELECT count(*) FROM event WHERE action = 'intake.register'), (SELECT count(*) FROM event WHERE action = 'intake.reject'), (SELECT count(*) FROM event WHERE action = 'intake.forward')")"
ok "the open list leaves the judged out" k --user reg intake list --json
same "open and forwarded items" "3 4 5 7 8 9" "$(j "$T/out" '" ".join(str(i) for i in sorted(x["id"] for x in d))')"

# --- the purge ---
blob="$KANSLI_DATA/blobs/$(sql "SELECT substr(eml_sha256,1,2) || '/' || substr(eml_sha256,3,2) || '/' || eml_sha256 FROM intake_item WHERE id = 6")"
ok "a purge keeps what is within its days" k --user reg intake purge --days 30
same "nothing purged" "0 rejected inbox items purged" "$(cat "$T/out")"
KANSLI_NOW=2027-01-20 ok "after 30 days the rejected item is purged" k --user reg intake purge --days 30
same "one purged" "1 rejected inbox items purged" "$(cat "$T/out")"
same "its rows are gone" "0" "$(sql "SELECT count(*) FROM intake_item WHERE id = 6")"
[ ! -e "$blob" ] && pass "its original left the blob store" || fail "its original is still in the blob store"
same "the purge is logged" "1" "$(sql "SELECT count(*) FROM event WHERE action = 'intake.purge'")"

# --- the API: an e-service hands in, registrars judge ---
TE=$(k token add etj "etj" --days 90)
TR=$(k token add reg "reg" --days 90)
web_serve
S='{"sender":"Eva Ek <eva@example.se>","subject":"Ansökan om bygglov","text":"Bifogar ritning.","attachments":[{"name":"ritning.txt","content_base64":"UGxhbnJpdG5pbmc="}]}'
submit() { curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' -X POST -H "Authorization: Bearer $TE" \
	-H 'Content-Type: application/json' "$@" "$U/api/v1/intake?org=kommun"; }
same "a submission without an Idempotency-Key is refused" "400" "$(submit -d "$S")"
same "(nothing taken)" "8" "$(items)"
same "the e-service hands a submission in" "201" "$(submit -H 'Idempotency-Key: ansokan-17' -d "$S")"
api=$(j "$T/body" 'd["id"]')
same "sent again with the key" "201" "$(submit -H 'Idempotency-Key: ansokan-17' -d "$S")"
grep -qi '^Idempotent-Replayed: true' "$T/head" && pass "it is the first answer replayed" || fail "not replayed"
same "one item for the key" "$api" "$(j "$T/body" 'd["id"]')"
same "(nine items: the purged one is gone)" "9" "$(items)"
sql "DELETE FROM api_idempotency" # a day later: the replays are gone, the key is still the item's
same "after the replays are gone, the key is still its item" "200 False" \
	"$(submit -H 'Idempotency-Key: ansokan-17' -d "$S") $(j "$T/body" 'd["created"]')"
same "the key with another submission within the day is refused" "422" \
	"$(submit -H 'Idempotency-Key: ansokan-17' -d '{"sender":"Eva","subject":"Annat"}')"
sql "DELETE FROM api_idempotency"
same "and after it too" "409" \
	"$(submit -H 'Idempotency-Key: ansokan-17' -d '{"sender":"Eva","subject":"Annat"}')"
same "a submission without a subject is refused" "422" \
	"$(submit -H 'Idempotency-Key: ansokan-18' -d '{"sender":"Eva","subject":""}')"
same "(still nine items)" "9" "$(items)"
same "the e-service does not read the inbox" "403" \
	"$(code -H "Authorization: Bearer $TE" "$U/api/v1/intake?org=kommun")"
same "the registrar reads it" "200" "$(code -H "Authorization: Bearer $TR" "$U/api/v1/intake/$api?org=kommun")"
same "with the attachment's preview" "Planritning" "$(j "$T/body" 'd["attachments"][0]["preview"]')"
rapi() { curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $TR" \
	-H 'Content-Type: application/json' "$U/api/v1/intake/$1?org=kommun" -d "$2"; }
same "registering needs a case or a series" "422" "$(rapi "$api/register" '{"title":"x"}')"
same "the registrar registers it through the API" "201" "$(rapi "$api/register" '{"series":"KS","case_title":"Bygglov Ek"}')"
same "as a record" "KS 2026/0002-1" "$(j "$T/body" 'd["record"]')"
same "the original is kept with it" "meddelande.txt ritning.txt inlamning.json" \
	"$(k record show "KS 2026/0002-1" --json | python3 -c 'import json,sys; print(" ".join(f["name"] for f in json.load(sys.stdin)["files"]))')"
same "a reject of a registered item is refused" "409" "$(rapi "$api/reject" '{"reason":"spam"}')"
same "an item is rejected through the API" "200" "$(rapi 4/reject '{"reason":"not_public"}')"
same "forwarded through the API" "200" "$(rapi 5/forward '{"unit":"BYGG"}')"
same "to the unit" "BYGG" "$(j "$T/body" 'd["forwarded_to"]')"

# --- the page ---
J="$T/jar"
same "the registrar logs in" "303" "$(login "$J" reg Losenord-for-reg)"
same "the inbox page" "200" "$(code -b "$J" "$U/inkorg?org=kommun")"
has "lists an item waiting" "Konstiga filnamn"
has "with its age" "<td>[0-9]* d [0-9]* h</td>\|<td>[0-9]* h</td>"
has "the menu has the inbox" 'href="/inkorg?org=kommun"'
same "one item's page" "200" "$(code -b "$J" "$U/inkorg/post?org=kommun&id=9")"
has "says what could not be read" "larger than the limit"
has "offers the registration prefilled" 'value="Stor bilaga"'
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$T/body" | head -1)
post() { curl -s -o "$T/body" -w '%{http_code}' -b "$J" "$U/inkorg" --data-urlencode "csrf=$csrf" \
	--data-urlencode "org=kommun" --data-urlencode "formsida=/inkorg/post?org=kommun&id=9" "$@"; }
same "a registration without a title is refused" "422" \
	"$(post --data-urlencode atgard=registrera --data-urlencode id=9 --data-urlencode arende="KS 2026/0002" \
	--data-urlencode rubrik= --data-urlencode datum=2026-12-07)"
same "(nothing registered)" "0" "$(sql "SELECT count(*) FROM intake_decision WHERE item_id = 9")"
same "registered from the page into a case" "303" \
	"$(post --data-urlencode atgard=registrera --data-urlencode id=9 --data-urlencode arende="KS 2026/0002" \
	--data-urlencode rubrik="Stor bilaga" --data-urlencode avsandare="stor@example.se" --data-urlencode datum=)"
same "(with the arrival date)" "KS 2026/0002-2" "$(sql "SELECT s.prefix || ' ' || c.year || '/' || printf('%04d', c.seq) || '-' || r.seq FROM intake_decision d JOIN record r ON r.id = d.record_id JOIN case_file c ON c.id = r.case_id JOIN series s ON s.id = c.series_id WHERE d.item_id = 9")"
same "rejected from the page" "303" "$(post --data-urlencode atgard=avvisa --data-urlencode id=7 --data-urlencode skal=spam)"
same "the officer's inbox page shows what is forwarded to them" "200" "$(login "$T/jar2" hl Losenord-for-hl >/dev/null; code -b "$T/jar2" "$U/inkorg?org=kommun")"
hasnt "and nothing else" "Konstiga filnamn"
same "the original is served to the registrar" "200" "$(code -b "$J" "$U/inkorg/fil?org=kommun&id=8&fil=original")"
same "in English" "200" "$(code -b "$J" -H 'Accept-Language: en' "$U/inkorg?org=kommun&lang=en")"

ok "the installation verifies" k verify
