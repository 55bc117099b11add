#!/bin/sh
# t0155 — a kept Idempotency-Key answer is not handed out once what it
# holds may no longer be: after a disposal (an upload's answer holds the
# disposed record: an outside attack's F3), after the caller's rights
# changed (a registrar made reader: F4), after a record was made secret
# (F4). Each is 409 idempotency_answer_not_kept, the call not done again.
# The caller column does not show a token's plain SHA-256 (F5).
TEST_NAME=idempotency-after-change
export KANSLI_NOW=2026-12-01
. "$(dirname "$0")/lib.sh"

k init "$KANSLI_DATA" >/dev/null
k org add kommun "Kommun" >/dev/null
k series add SN "Socialnämnden" >/dev/null
k series add AR "Arkivredovisning" >/dev/null
for u in arkiv1:arkivarie arkiv2:arkivarie rita:registrator rolf:registrator; do
	n=${u%%:*}
	echo "Losenord-for-$n" | k user add "$n" "Användare $n" --password-stdin >/dev/null
	k user grant "$n" "${u#*:}" >/dev/null
done
cat >"$T/plan.csv" <<'CSV'
klass;benämning;handlingstyp;åtgärd;gallringsfrist;beslut;behåll_registrering
7.1;Bistånd;;gallras;0;SN 2025-03-12 § 45;nej
CSV
k retention schedule import "$T/plan.csv" >/dev/null
a=$(k case open --series SN --class 7.1 --title "Bistånd" --public-title "Bistånd" 2>/dev/null)
b=$(k case open --series SN --title "Annat" --public-title "Annat" 2>/dev/null)
k record add "$a" --direction in --title "Ansökan Vinbärstitel" --person "Greta Kanariegallrad" >/dev/null
k record add "$b" --direction in --title "Senare hemlig Smultrontitel" --person "Sven Senare" >/dev/null
TR=$(k token add rita a --days 366)
TL=$(k token add rolf a --days 366)
web_serve KANSLI_NO_RATE_LIMIT=1
echo "Bilaga Hjortronbilaga" >"$T/f.txt"
ra=$(echo "$a" | sed 's| |-|; s|/|-|')-1
rb=$(echo "$b" | sed 's| |-|; s|/|-|')-1
# upload TOKEN KEY RECORD: the status; the answer in $T/body, headers in $T/head
upload() {
	curl -s -o "$T/body" -D "$T/head" -w '%{http_code}' -X POST -H "Authorization: Bearer $1" \
		-H "Idempotency-Key: $2" -F "file=@$T/f.txt" "$U/api/v1/records/$3/files?org=kommun"
}
err() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["code"])' "$T/body"; }
replayed() { grep -qi '^idempotent-replayed: true' "$T/head"; }

same "rita adds a file to the record to be disposed, with a key" 201 "$(upload "$TR" up-a "$ra")"
same "... the same call again is a replay" 201 "$(upload "$TR" up-a "$ra")"
replayed && pass "... (Idempotent-Replayed)" || fail "not a replay"
grep -q Kanariegallrad "$T/body" && pass "... holding the record's party" || fail "the answer: $(head -c 300 "$T/body")"
same "rolf adds a file to another record, with a key" 201 "$(upload "$TL" up-b "$rb")"

# F5: the caller column
sha=t$(printf %s "$TR" | sha256sum | cut -c1-64)
same "the caller column does not hold the token's plain SHA-256" 0 \
	"$(sql "SELECT count(*) FROM api_idempotency WHERE caller = '$sha'")"
same "... but a keyed hash" 2 "$(sql "SELECT count(*) FROM api_idempotency WHERE caller LIKE 'k%' AND length(caller) = 65")"

# F4: rights changed
k user grant rolf lasare >/dev/null
k user revoke rolf registrator >/dev/null
same "rolf, now a reader, sends the call again: not replayed" 409 "$(upload "$TL" up-b "$rb")"
same "... idempotency_answer_not_kept" idempotency_answer_not_kept "$(err)"
grep -q "Sven Senare" "$T/body" && fail "the refusal holds the record" || pass "... nothing of the record in it"

# F4: a record made secret forgets the kept answers
same "rita's key again, before any change: replayed" 201 "$(upload "$TR" up-a "$ra")"
k record correct "$b-1" --secrecy full --legal-ground "OSL 26 kap. 1 §" --reason sekretess >/dev/null
same "after a record was made secret: not replayed" 409 "$(upload "$TR" up-a "$ra")"
same "... idempotency_answer_not_kept" idempotency_answer_not_kept "$(err)"
same "... and not done again (one file on the record)" 1 \
	"$(sql "SELECT count(*) FROM record_file f JOIN record r ON r.id = f.record_id WHERE r.title = 'Ansökan Vinbärstitel'")"

# F3: a disposal forgets the kept answers
same "rita adds another file with a new key" 201 "$(upload "$TR" up-a2 "$ra")"
k case close "$a" >/dev/null
run=$(k --user arkiv1 disposal propose)
k --user arkiv2 disposal approve "$run" >/dev/null
ok "the run is executed" k --user arkiv2 disposal execute "$run" --series AR
same "after the disposal, the key's call again: not replayed" 409 "$(upload "$TR" up-a2 "$ra")"
same "... idempotency_answer_not_kept" idempotency_answer_not_kept "$(err)"
grep -q Kanariegallrad "$T/body" && fail "the refusal holds the disposed record" || pass "... nothing of the disposed record"
same "no kept answer is left" 0 "$(sql "SELECT count(*) FROM api_idempotency WHERE length(sealed) > 0")"
ok "the installation verifies" k verify
